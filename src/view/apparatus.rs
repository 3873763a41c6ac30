//! The scholarly apparatus laid out: a footnote of the paper in full (its
//! text, verbatim, or that the paper lacks it; the works it cites; what
//! else cites it), and a work of the bibliography with what rests on it.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::corpus::{Citing, Corpus, Telegram};
use crate::text::{sanitize, truncate, wrap};
use crate::theme::Theme;

/// Something the apparatus points at, which `enter` can open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Telegram(usize),
    /// A note: (telegram, note index).
    Note(usize, usize),
    Event(usize),
    Position(usize),
}

/// The footnotes a telegram cites: its own, its versions', its notes'.
pub fn cited_by(t: &Telegram) -> Vec<u32> {
    t.cited_footnotes()
}

fn heading(out: &mut Vec<Line<'static>>, theme: &Theme, text: &str) {
    out.push(Line::raw(""));
    out.push(Line::styled(text.to_string(), theme.heading()));
}

/// What rests on a footnote or a work, one line each, and what each opens.
fn citing_lines(
    corpus: &Corpus,
    c: &Citing,
    width: usize,
    cursor: Option<usize>,
    out: &mut Vec<Line<'static>>,
    theme: &Theme,
) -> (Vec<usize>, Vec<Target>) {
    let mut rows = Vec::new();
    let mut targets = Vec::new();
    let mut push = |out: &mut Vec<Line<'static>>, text: String, target: Target| {
        let here = cursor == Some(targets.len());
        rows.push(out.len());
        out.push(super::cursor_line(
            truncate(&sanitize(&text), width.saturating_sub(2)),
            here,
            theme,
        ));
        targets.push(target);
    };
    for &i in &c.telegrams {
        let t = &corpus.telegrams[i];
        let text = format!("{} · {} · {}", t.date.short(), corpus.chain(t), t.title);
        push(out, text, Target::Telegram(i));
    }
    for &(i, n) in &c.notes {
        let t = &corpus.telegrams[i];
        let by = corpus.scholar_name(&t.notes()[n].by).to_string();
        let text = format!("note by {by} on {} · {}", t.date.short(), t.notes()[n].text);
        push(out, text, Target::Note(i, n));
    }
    for &e in &c.events {
        let ev = &corpus.events[e];
        push(
            out,
            format!("{} · event: {}", ev.date.short(), ev.label),
            Target::Event(e),
        );
    }
    for &p in &c.positions {
        let pos = &corpus.positions[p];
        let who = corpus.scholar_names(&pos.scholars);
        push(out, format!("the debate: {who}"), Target::Position(p));
    }
    if targets.is_empty() {
        out.push(Line::styled("  nothing in the corpus", theme.dim()));
    }
    (rows, targets)
}

/// Footnote `n` in full. Returns the lines, the line of each thing that
/// cites it, and what each opens.
pub fn footnote(
    corpus: &Corpus,
    n: u32,
    theme: &Theme,
    width: usize,
    cursor: Option<usize>,
) -> (Vec<Line<'static>>, Vec<usize>, Vec<Target>) {
    let mut out = vec![Line::styled(format!("Footnote {n}"), theme.heading())];
    match corpus.footnote(n) {
        Some(f) => match &f.text {
            Some(text) => {
                out.push(Line::styled(
                    "The paper’s footnote, verbatim:".to_string(),
                    theme.label(),
                ));
                let bar = vec![Span::styled("│ ", theme.quote_gutter())];
                out.extend(wrap(
                    &[(sanitize(text), theme.quote())],
                    width,
                    &bar,
                    &bar,
                ));
                if let Some(note) = &f.note {
                    out.extend(wrap(
                        &[(format!("Editors: {}", sanitize(note)), theme.editor())],
                        width,
                        &[],
                        &[],
                    ));
                }
                if !f.works.is_empty() {
                    heading(&mut out, theme, "Works it cites");
                    for w in &f.works {
                        let line = corpus.work(w).map_or(w.clone(), |w| w.citation.clone());
                        out.extend(wrap(
                            &[(sanitize(&line), Style::new())],
                            width,
                            &[Span::raw("  ")],
                            &[Span::raw("    ")],
                        ));
                    }
                }
            }
            None => out.extend(wrap(
                &[(
                    format!(
                        "The paper’s text as held here lacks footnote {n}: its marker stands in the body, its text is missing from the source."
                    ),
                    theme.error(),
                )],
                width,
                &[],
                &[],
            )),
        },
        None => out.push(Line::styled(
            "This corpus has no footnotes.toml: the footnote's text is not known here.",
            theme.dim(),
        )),
    }
    heading(&mut out, theme, "Cited by");
    let c = corpus.citing_footnote(n);
    let (rows, targets) = citing_lines(corpus, &c, width, cursor, &mut out, theme);
    (out, rows, targets)
}

/// A work of the bibliography in full, with what rests on it.
pub fn work(
    corpus: &Corpus,
    id: &str,
    theme: &Theme,
    width: usize,
    cursor: Option<usize>,
) -> (Vec<Line<'static>>, Vec<usize>, Vec<Target>) {
    let Some(w) = corpus.work(id) else {
        return (Vec::new(), Vec::new(), Vec::new());
    };
    let mut out = wrap(&[(sanitize(&w.citation), theme.heading())], width, &[], &[]);
    if !w.footnotes.is_empty() {
        let f: Vec<String> = w.footnotes.iter().map(u32::to_string).collect();
        out.push(Line::styled(
            truncate(&format!("cited in fn. {}", f.join(", ")), width),
            theme.dim(),
        ));
    }
    if let Some(n) = &w.note {
        out.extend(wrap(
            &[(format!("Editors: {}", sanitize(n)), theme.editor())],
            width,
            &[],
            &[],
        ));
    }
    heading(&mut out, theme, "Resting on it");
    let c = corpus.works_citations(id);
    let (rows, targets) = citing_lines(corpus, &c, width, cursor, &mut out, theme);
    (out, rows, targets)
}

//! The debate at a glance: the positions the paper presents, grouped by
//! stance, and one position laid out in full — its claim (the editors'
//! summary) and the paper's own words, the paper's answer, and the evidence
//! it rests on. Summaries and quotes are marked apart as in the message
//! pane.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::corpus::{Corpus, Position, Stance};
use crate::text::{fit, sanitize, truncate, wrap};
use crate::theme::Theme;

/// One piece of evidence a position rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// A telegram (index into the corpus).
    Telegram(usize),
    /// An event (index into the corpus's events).
    Event(usize),
}

/// The stances in the order the view shows them.
pub const STANCES: [Stance; 3] = [Stance::Trigger, Stance::Justification, Stance::Other];

/// The positions in display order: grouped by stance, in file order within.
pub fn order(corpus: &Corpus) -> Vec<usize> {
    STANCES
        .iter()
        .flat_map(|s| {
            corpus
                .positions
                .iter()
                .enumerate()
                .filter(move |(_, p)| p.stance == *s)
                .map(|(i, _)| i)
        })
        .collect()
}

/// "Christensen (trigger: the 38th parallel)".
pub fn title(corpus: &Corpus, p: &Position) -> String {
    let who = corpus.scholar_names(&p.scholars);
    match &p.trigger {
        Some(t) => format!("{who} ({}: {t})", p.stance.label()),
        None => format!("{who} ({})", p.stance.label()),
    }
}

/// The evidence of a position, telegrams first, each as the corpus has it.
pub fn evidence(corpus: &Corpus, p: &Position) -> Vec<Evidence> {
    let telegrams = p
        .telegrams
        .iter()
        .filter_map(|id| corpus.telegram_index(id))
        .map(Evidence::Telegram);
    let events = p
        .events
        .iter()
        .filter_map(|id| corpus.events.iter().position(|e| e.id == *id))
        .map(Evidence::Event);
    telegrams.chain(events).collect()
}

/// The list: a heading per stance, then one row per position (its scholars,
/// what the trigger was, how much evidence). Returns the lines and, for
/// each position in display order, its line.
pub fn list(
    corpus: &Corpus,
    theme: &Theme,
    width: usize,
    selected: usize,
    yours: &[YourNote],
) -> (Vec<Line<'static>>, Vec<usize>) {
    let mut lines = vec![Line::styled(
        truncate("each: who — the trigger · telegrams·events", width),
        theme.dim(),
    )];
    let mut rows = Vec::new();
    let order = order(corpus);
    for s in STANCES {
        let members: Vec<(usize, usize)> = order
            .iter()
            .enumerate()
            .filter(|(_, i)| corpus.positions[**i].stance == s)
            .map(|(k, i)| (k, *i))
            .collect();
        if members.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        let head = format!("{} · {}", s.label(), members.len());
        lines.push(Line::styled(truncate(&head, width), theme.heading()));
        for (k, i) in members {
            let p = &corpus.positions[i];
            let count = format!(" {}·{}", p.telegrams.len(), p.events.len());
            // Who, and what the trigger was — or, where the position names
            // none, what it claims — so two positions of one scholar differ.
            let mut label = corpus.scholar_names(&p.scholars);
            match &p.trigger {
                Some(t) => label.push_str(&format!(" — {t}")),
                None => label.push_str(&format!(": {}", p.claim)),
            }
            let room = width.saturating_sub(crate::text::width(&count) + 2);
            let mark = if k == selected { "▸ " } else { "  " };
            let mut line = Line::from(vec![
                Span::raw(mark),
                Span::raw(fit(&sanitize(&label), room)),
                Span::styled(count, theme.dim()),
            ]);
            if k == selected {
                line = line.style(theme.selected(true));
            }
            rows.push(lines.len());
            lines.push(line);
        }
    }
    // Your reading, as one more position, when your notes take a stance.
    if !yours.is_empty() {
        let k = order.len();
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            truncate("your reading · from your notes", width),
            theme.heading(),
        ));
        let count = |s: Stance| yours.iter().filter(|y| y.stance == s).count();
        let label = format!(
            "You — {} trigger, {} justification, {} other",
            count(Stance::Trigger),
            count(Stance::Justification),
            count(Stance::Other)
        );
        let mark = if k == selected { "▸ " } else { "  " };
        let mut line = Line::from(vec![
            Span::raw(mark),
            Span::styled(fit(&label, width.saturating_sub(2)), theme.key()),
        ]);
        if k == selected {
            line = line.style(theme.selected(true));
        }
        rows.push(lines.len());
        lines.push(line);
    }
    (lines, rows)
}

/// One of your notes that takes a stance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YourNote {
    pub stance: Stance,
    /// The telegram it is on (index into the corpus).
    pub telegram: usize,
    pub text: String,
}

/// Your notes that take a stance, by stance, then in the telegrams' order.
pub fn your_reading(corpus: &Corpus, mine: &crate::notes::Notes) -> Vec<YourNote> {
    let mut v: Vec<YourNote> = mine
        .notes
        .iter()
        .filter_map(|n| {
            Some(YourNote {
                stance: n.stance?,
                telegram: corpus.telegram_index(&n.telegram)?,
                text: n.text.clone(),
            })
        })
        .collect();
    v.sort_by_key(|y| (STANCES.iter().position(|s| *s == y.stance), y.telegram));
    v
}

/// Your reading in full: each note by stance, in your words (never the
/// paper's), and the telegrams they are on as its evidence.
pub fn detail_yours(
    corpus: &Corpus,
    yours: &[YourNote],
    theme: &Theme,
    width: usize,
    cursor: Option<usize>,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let mut out = vec![Line::styled("Your reading".to_string(), theme.heading())];
    out.extend(wrap(
        &[(
            "Built from your notes that take a stance (ctrl-t in the note editor sets it). These are your words, not the paper's.".to_string(),
            theme.dim(),
        )],
        width,
        &[],
        &[],
    ));
    for s in STANCES {
        let mine: Vec<&YourNote> = yours.iter().filter(|y| y.stance == s).collect();
        if mine.is_empty() {
            continue;
        }
        heading(&mut out, theme, s.label());
        for y in mine {
            let t = &corpus.telegrams[y.telegram];
            let segs = vec![
                ("you: ".to_string(), theme.key()),
                (sanitize(&y.text), Style::new()),
                (format!(" ({})", t.date.short()), theme.dim()),
            ];
            out.extend(wrap(&segs, width, &[Span::raw("  ")], &[Span::raw("  ")]));
        }
    }
    let ev = evidence_yours(yours);
    heading(
        &mut out,
        theme,
        &format!("Evidence · {} telegrams", ev.len()),
    );
    let mut rows = Vec::new();
    for (k, e) in ev.into_iter().enumerate() {
        rows.push(out.len());
        out.push(super::cursor_line(
            evidence_line(corpus, e, width.saturating_sub(2)),
            cursor == Some(k),
            theme,
        ));
    }
    (out, rows)
}

/// The telegrams your stanced notes are on, each once, in corpus order.
pub fn evidence_yours(yours: &[YourNote]) -> Vec<Evidence> {
    let mut t: Vec<usize> = yours.iter().map(|y| y.telegram).collect();
    t.sort_unstable();
    t.dedup();
    t.into_iter().map(Evidence::Telegram).collect()
}

fn summary(out: &mut Vec<Line<'static>>, theme: &Theme, width: usize, text: &str) {
    let first = vec![
        Span::styled("┊ ", theme.summary_label()),
        Span::styled("summary: ", theme.summary_label()),
    ];
    let rest = vec![Span::styled("┊ ", theme.summary_label())];
    out.extend(wrap(
        &[(sanitize(text), theme.summary())],
        width,
        &first,
        &rest,
    ));
}

fn heading(out: &mut Vec<Line<'static>>, theme: &Theme, text: &str) {
    out.push(Line::raw(""));
    out.push(Line::styled(text.to_string(), theme.heading()));
}

fn footnote_list(f: &[u32]) -> String {
    f.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

/// One piece of evidence as a line: "8 Oct 1950 · Mao → CPV · title".
pub fn evidence_line(corpus: &Corpus, e: Evidence, width: usize) -> String {
    let text = match e {
        Evidence::Telegram(i) => {
            let t = &corpus.telegrams[i];
            format!("{} · {} · {}", t.date.short(), corpus.chain(t), t.title)
        }
        Evidence::Event(i) => {
            let ev = &corpus.events[i];
            format!("{} · event: {}", ev.date.short(), ev.label)
        }
    };
    truncate(&sanitize(&text), width)
}

/// A position in full, for a width. `cursor` is the evidence row under
/// the cursor, when the evidence has the focus. Returns the lines and the
/// line of each piece of evidence.
pub fn detail(
    corpus: &Corpus,
    p: &Position,
    theme: &Theme,
    width: usize,
    cursor: Option<usize>,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let mut out = wrap(
        &[(sanitize(&title(corpus, p)), theme.heading())],
        width,
        &[],
        &[],
    );
    if !p.footnotes.is_empty() {
        out.push(Line::styled(
            truncate(&format!("fn. {}", footnote_list(&p.footnotes)), width),
            theme.dim(),
        ));
    }
    heading(&mut out, theme, "The claim");
    summary(&mut out, theme, width, &p.claim);
    if !p.quotes.is_empty() {
        out.push(Line::styled(
            "In the paper’s own words:".to_string(),
            theme.label(),
        ));
    }
    for q in &p.quotes {
        let prefix = vec![Span::styled("│ ", theme.quote_gutter())];
        let mut segs = vec![(format!("“{}”", sanitize(&q.text)), theme.quote())];
        if !q.cite.is_empty() {
            segs.push((format!(" (fn. {})", footnote_list(&q.cite)), theme.dim()));
        }
        out.extend(wrap(&segs, width, &prefix, &prefix));
    }
    heading(&mut out, theme, "The paper’s answer");
    match &p.answer {
        Some(a) => {
            summary(&mut out, theme, width, a);
            if !p.answer_cite.is_empty() {
                out.push(Line::styled(
                    format!("  fn. {}", footnote_list(&p.answer_cite)),
                    theme.dim(),
                ));
            }
        }
        None => out.push(Line::styled(
            "The paper gives no answer to this position.",
            theme.dim(),
        )),
    }
    if let Some(n) = &p.note {
        heading(&mut out, theme, "Editors’ note");
        out.extend(wrap(
            &[(sanitize(n), theme.editor())],
            width,
            &[Span::raw("  ")],
            &[Span::raw("  ")],
        ));
    }
    let ev = evidence(corpus, p);
    heading(
        &mut out,
        theme,
        &format!(
            "Evidence · {} telegrams, {} events",
            p.telegrams.len(),
            p.events.len()
        ),
    );
    let mut rows = Vec::new();
    if ev.is_empty() {
        out.push(Line::styled(
            "The paper ties no telegram or event to this position.",
            theme.dim(),
        ));
    }
    for (k, e) in ev.into_iter().enumerate() {
        rows.push(out.len());
        out.push(super::cursor_line(
            evidence_line(corpus, e, width.saturating_sub(2)),
            cursor == Some(k),
            theme,
        ));
    }
    (out, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        Corpus::embedded().unwrap()
    }

    #[test]
    fn positions_group_by_stance_and_every_one_is_listed_once() {
        let c = corpus();
        let o = order(&c);
        assert_eq!(o.len(), c.positions.len());
        let stances: Vec<Stance> = o.iter().map(|i| c.positions[*i].stance).collect();
        let mut sorted = stances.clone();
        sorted.sort_by_key(|s| STANCES.iter().position(|x| x == s));
        assert_eq!(stances, sorted);
        let (lines, rows) = list(&c, &Theme::plain(), 40, 0, &[]);
        assert_eq!(rows.len(), c.positions.len());
        assert!(rows.iter().all(|r| *r < lines.len()));
    }

    #[test]
    fn a_position_shows_its_summary_quotes_answer_and_evidence_apart() {
        let c = corpus();
        let p = c.position("christensen").expect("Christensen's position");
        let (lines, rows) = detail(&c, p, &Theme::plain(), 70, Some(0));
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert!(text.iter().any(|l| l.starts_with("┊ summary: ")));
        assert!(text.iter().any(|l| l == "The paper’s answer"));
        assert_eq!(rows.len(), p.telegrams.len() + p.events.len());
        assert!(text[rows[0]].starts_with("▸ "));
        for l in &text {
            assert!(crate::text::width(l) <= 70, "{l}");
        }
    }
}

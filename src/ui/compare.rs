//! The comparison view: two witnesses of one telegram side by side, aligned
//! row by row on their align keys, with each row's relation, word diffs of
//! same-language quotes, and the notes on the current row in a strip below.
//! Below 100 columns the two versions stack within each row instead.

use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::message::{footnotes, passage_lines};
use super::text::{fit, sanitize, truncate, wrap};
use super::theme::Theme;
use crate::app::App;
use crate::app::compare::CompareState;
use crate::compare::diff::{Change, Piece, diff};
use crate::compare::{RowRelation, align};
use crate::corpus::{Corpus, Note, Telegram, Witness, language_name};

/// Side by side from this terminal width; stacked below it.
pub const SIDE_BY_SIDE_MIN: u16 = 100;

/// Width of the gutter between the columns.
const GUTTER: usize = 3;

/// One aligned row, laid out.
#[derive(Clone, Debug)]
pub struct RowBlock {
    pub key: String,
    pub relation: RowRelation,
    pub left: Vec<Line<'static>>,
    pub right: Vec<Line<'static>>,
    /// Both versions one under the other, for narrow screens.
    pub stacked: Vec<Line<'static>>,
    /// Indices of the telegram's notes anchored to this row.
    pub notes: Vec<usize>,
}

/// A comparison laid out for a width.
#[derive(Clone, Debug)]
pub struct Built {
    pub left_header: Vec<Line<'static>>,
    pub right_header: Vec<Line<'static>>,
    pub stacked_header: Vec<Line<'static>>,
    pub rows: Vec<RowBlock>,
}

/// "Chinese · draft: probably never sent…", "APRF, … · CWIHP … · fn. 117".
fn witness_header(w: &Witness, theme: &Theme, width: usize, tag: &str) -> Vec<Line<'static>> {
    let mut out = wrap(
        &[(sanitize(&w.label), theme.heading())],
        width,
        &[Span::styled(format!("{tag} "), theme.versions())],
        &[Span::raw("  ")],
    );
    let mut facts = Vec::new();
    if let Some(l) = &w.language {
        let mut s = language_name(l).to_string();
        if let Some(t) = &w.translation {
            s.push_str(&format!(" (quoted in {})", language_name(t)));
        }
        facts.push(s);
    }
    if let Some(d) = w.date {
        facts.push(d.long());
    }
    match (w.status, &w.status_note) {
        (Some(s), Some(n)) => facts.push(format!("{}: {n}", s.label())),
        (Some(s), None) => facts.push(s.label().to_string()),
        (None, Some(n)) => facts.push(n.clone()),
        (None, None) => {}
    }
    if !facts.is_empty() {
        out.extend(wrap(
            &[(sanitize(&facts.join(" · ")), Style::new())],
            width,
            &[Span::raw("  ")],
            &[Span::raw("  ")],
        ));
    }
    out.extend(super::message::provenance(w, None, theme, width));
    out
}

fn diff_style(theme: &Theme, change: Change) -> Style {
    let base = theme.quote();
    match change {
        Change::Same => base,
        Change::Removed => base.add_modifier(Modifier::CROSSED_OUT | Modifier::DIM),
        Change::Added => base.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
        Change::Changed => base.add_modifier(Modifier::REVERSED),
    }
}

/// A quote block whose words carry their diff marks: styles on screen,
/// `[-removed-]` / `{+added+}` in plain text.
fn diff_quote(
    pieces: &[Piece],
    theme: &Theme,
    width: usize,
    plain: bool,
    left: bool,
) -> Vec<Line<'static>> {
    let mut segs = vec![("“".to_string(), theme.quote())];
    for p in pieces {
        let text = sanitize(&p.text);
        let text = if plain {
            match (p.change, left) {
                (Change::Same, _) => text,
                (Change::Removed, _) | (Change::Changed, true) => format!("[-{text}-]"),
                (Change::Added, _) | (Change::Changed, false) => format!("{{+{text}+}}"),
            }
        } else {
            text
        };
        segs.push((text, diff_style(theme, p.change)));
    }
    segs.push(("”".to_string(), theme.quote()));
    let prefix = vec![Span::styled("│ ", theme.quote_gutter())];
    wrap(&segs, width, &prefix, &prefix)
}

fn omission(theme: &Theme, width: usize) -> Vec<Line<'static>> {
    wrap(
        &[(
            "∅ no counterpart in this version".to_string(),
            theme.dim().add_modifier(Modifier::ITALIC),
        )],
        width,
        &[],
        &[],
    )
}

fn label_line(key: &str, relation: RowRelation, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut s = format!("§ {key}");
    let rel = relation.label();
    if !rel.is_empty() {
        s.push_str(&format!(" · {rel}"));
    }
    let style = if relation.divergent() {
        theme.heading()
    } else {
        theme.dim()
    };
    wrap(&[(s, style)], width, &[], &[])
}

/// The witnesses `a` and `b` of `t`, aligned and laid out: columns of
/// `col_w` for side by side, `full_w` for stacked. `plain` writes diff marks
/// as text (for `shifr compare`).
pub fn build(
    t: &Telegram,
    a: usize,
    b: usize,
    theme: &Theme,
    col_w: usize,
    full_w: usize,
    plain: bool,
) -> Built {
    let (wa, wb) = (&t.witnesses[a], &t.witnesses[b]);
    let same_language = wa.text_language().is_some() && wa.text_language() == wb.text_language();
    let rows = align(wa, wb)
        .into_iter()
        .map(|row| {
            let label_l = label_line(&row.key, row.relation, theme, col_w);
            let label_r = label_line(&row.key, RowRelation::Unstated, theme, col_w);
            let (mut left, mut right) = (label_l, label_r);
            let mut stacked = label_line(&row.key, row.relation, theme, full_w);
            let diffed = same_language && row.all_quotes();
            let side = |ps: &[&crate::corpus::Passage], w: usize| -> Vec<Line<'static>> {
                if ps.is_empty() {
                    omission(theme, w)
                } else {
                    ps.iter()
                        .flat_map(|p| passage_lines(p, theme, w, false, &[]))
                        .collect()
                }
            };
            let tag = |letter: &str, w: &Witness| {
                Line::styled(
                    truncate(&format!("{letter} · {}", w.label), full_w),
                    theme.versions(),
                )
            };
            if diffed {
                let join = |ps: &[&crate::corpus::Passage]| {
                    ps.iter()
                        .map(|p| p.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let (lp, rp) = diff(&join(&row.left), &join(&row.right));
                left.extend(diff_quote(&lp, theme, col_w, plain, true));
                right.extend(diff_quote(&rp, theme, col_w, plain, false));
                stacked.push(tag("A", wa));
                stacked.extend(diff_quote(&lp, theme, full_w, plain, true));
                stacked.push(tag("B", wb));
                stacked.extend(diff_quote(&rp, theme, full_w, plain, false));
            } else {
                left.extend(side(&row.left, col_w));
                right.extend(side(&row.right, col_w));
                stacked.push(tag("A", wa));
                stacked.extend(side(&row.left, full_w));
                stacked.push(tag("B", wb));
                stacked.extend(side(&row.right, full_w));
            }
            let notes = t
                .notes
                .iter()
                .enumerate()
                .filter(|(_, n)| n.anchor.as_deref() == Some(row.key.as_str()))
                .map(|(i, _)| i)
                .collect();
            RowBlock {
                key: row.key,
                relation: row.relation,
                left,
                right,
                stacked,
                notes,
            }
        })
        .collect();
    // Narrow screens are short of room: one line per version, the details
    // being in the reader's message pane.
    let compact = |w: &Witness, letter: &str| {
        let mut s = format!("{letter} {}", w.label);
        if let Some(l) = &w.language {
            s.push_str(&format!(" · {}", language_name(l)));
            if let Some(t) = &w.translation {
                s.push_str(&format!(" (quoted in {})", language_name(t)));
            }
        }
        if let Some(st) = w.status {
            s.push_str(&format!(" · {}", st.label()));
        }
        let mut prov: Vec<String> = Vec::new();
        prov.extend(w.status_note.clone());
        prov.extend(w.archive.clone());
        prov.extend(w.published.clone());
        let mut lines = vec![Line::styled(
            truncate(&sanitize(&s), full_w),
            theme.heading(),
        )];
        if !prov.is_empty() {
            lines.push(Line::styled(
                truncate(&format!("  {}", sanitize(&prov.join(" · "))), full_w),
                theme.dim(),
            ));
        }
        lines
    };
    let mut stacked_header = compact(wa, "A");
    stacked_header.extend(compact(wb, "B"));
    Built {
        left_header: witness_header(wa, theme, col_w, "◆"),
        right_header: witness_header(wb, theme, col_w, "◆"),
        stacked_header,
        rows,
    }
}

/// The body as scrollable lines, with where each row starts.
#[derive(Clone, Debug, Default)]
pub struct Flat {
    pub left: Vec<Line<'static>>,
    pub right: Vec<Line<'static>>,
    /// The mark between the columns on each line.
    pub gutter: Vec<&'static str>,
    pub row_starts: Vec<usize>,
}

impl Flat {
    pub fn len(&self) -> usize {
        self.left.len()
    }

    pub fn is_empty(&self) -> bool {
        self.left.is_empty()
    }

    /// The row shown at line `line`.
    pub fn row_at(&self, line: usize) -> usize {
        self.row_starts
            .iter()
            .rposition(|&s| s <= line)
            .unwrap_or(0)
    }
}

/// How far the columns can scroll: far enough for the last row to reach
/// the top, so every row can be read with its notes in the strip.
pub fn max_scroll(flat: &Flat, height: usize) -> usize {
    flat.row_starts
        .last()
        .copied()
        .unwrap_or(0)
        .max(flat.len().saturating_sub(height))
}

/// Side by side: both columns padded to the same height in every row, so
/// counterparts start on the same line.
pub fn flatten(b: &Built, stacked: bool) -> Flat {
    let mut f = Flat::default();
    for row in &b.rows {
        f.row_starts.push(f.left.len());
        if stacked {
            f.gutter.extend(std::iter::repeat_n(" ", row.stacked.len()));
            f.left.extend(row.stacked.iter().cloned());
        } else {
            let h = row.left.len().max(row.right.len());
            for i in 0..h {
                f.left.push(row.left.get(i).cloned().unwrap_or_default());
                f.right.push(row.right.get(i).cloned().unwrap_or_default());
                f.gutter
                    .push(if i == 0 { row.relation.glyph() } else { "│" });
            }
        }
        f.left.push(Line::default());
        if !stacked {
            f.right.push(Line::default());
        }
        f.gutter.push(if stacked { " " } else { "│" });
    }
    f
}

/// Where the parts of the comparison screen go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Regions {
    pub frame: Rect,
    pub header: Rect,
    pub body: Rect,
    pub notes: Rect,
    pub status: Rect,
    pub stacked: bool,
    /// Width of each column side by side.
    pub col_w: usize,
}

/// The screen divided for a header of `header_lines`.
pub fn regions(size: Size, header_lines: usize) -> Regions {
    let full = Rect::new(0, 0, size.width, size.height);
    let status = Rect {
        y: full.bottom().saturating_sub(1),
        height: full.height.min(1),
        ..full
    };
    let frame = Rect {
        height: full.height.saturating_sub(1),
        ..full
    };
    let inner = super::content_rect(super::inner(frame));
    let stacked = size.width < SIDE_BY_SIDE_MIN;
    let col_w = (inner.width as usize).saturating_sub(GUTTER) / 2;
    let header_h = (header_lines as u16).min(inner.height / 3);
    let notes_h = if inner.height >= 16 {
        (inner.height * 28 / 100).clamp(4, 12)
    } else {
        0
    };
    let body_h = inner.height.saturating_sub(header_h + 1 + notes_h);
    let header = Rect {
        height: header_h,
        ..inner
    };
    let body = Rect {
        y: inner.y + header_h + 1,
        height: body_h,
        ..inner
    };
    let notes = Rect {
        y: body.bottom(),
        height: notes_h,
        ..inner
    };
    Regions {
        frame,
        header,
        body,
        notes,
        status,
        stacked,
        col_w,
    }
}

/// Column width for a terminal width (to lay out before the header is known).
pub fn col_width(size: Size) -> (usize, usize) {
    let r = regions(size, 0);
    (r.col_w, r.body.width as usize)
}

/// The header lines, as they will be drawn.
pub fn header_lines(b: &Built, stacked: bool) -> usize {
    if stacked {
        b.stacked_header.len()
    } else {
        b.left_header.len().max(b.right_header.len())
    }
}

fn note_lines(
    corpus: &Corpus,
    t: &Telegram,
    notes: &[usize],
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for &i in notes {
        let n: &Note = &t.notes[i];
        let by = if n.by == "editor" {
            "shifr editors".to_string()
        } else {
            corpus.scholar_name(&n.by).to_string()
        };
        let mut segs = vec![(
            format!("{by}: "),
            if n.by == "editor" {
                theme.editor()
            } else {
                theme.scholar()
            },
        )];
        if let Some(s) = n.stance {
            segs.push((format!("[{}] ", s.label()), theme.heading()));
        }
        segs.push((sanitize(&n.text), Style::new()));
        if !n.cite.is_empty() {
            segs.push((format!(" (fn. {})", footnotes(&n.cite)), theme.dim()));
        }
        out.extend(wrap(&segs, width, &[], &[Span::raw("  ")]));
    }
    out
}

/// Draws the comparison over the whole screen.
pub fn render(app: &App, s: &CompareState, screen: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let corpus = &app.corpus;
    let t = &corpus.telegrams[s.telegram];
    let (a, b) = s.shown();
    let (col_w, full_w) = col_width(app.size);
    let built = build(t, a, b, theme, col_w, full_w, false);
    let r = regions(
        app.size,
        header_lines(&built, app.size.width < SIDE_BY_SIDE_MIN),
    );
    let area = r.frame.intersection(screen);
    Clear.render(area, buf);
    let title = format!("Compare · {} · {}", t.date.long(), corpus.chain(t));
    let n_pairs = crate::compare::pairs(t.witnesses.len()).len();
    let bottom = (n_pairs > 1).then(|| {
        let next = super::key_hints(
            app,
            crate::keymap::Context::Compare,
            &[(crate::action::Action::CycleWitnesses, "shows the next pair")],
        );
        format!("pair {}/{n_pairs} · {next}", s.pair + 1)
    });
    let block = super::boxed(&title, bottom.as_deref(), true, area.width, theme);
    block.render(area, buf);
    if r.body.height == 0 || r.body.width < 4 {
        return;
    }
    let flat = flatten(&built, r.stacked);
    // Header.
    if r.stacked {
        let lines: Vec<Line> = built
            .stacked_header
            .iter()
            .take(r.header.height as usize)
            .cloned()
            .collect();
        Paragraph::new(lines).render(r.header, buf);
    } else {
        let lr = Rect {
            width: col_w as u16,
            ..r.header
        };
        let rr = Rect {
            x: r.header.x + (col_w + GUTTER) as u16,
            width: col_w as u16,
            ..r.header
        };
        let mark = |side: usize, lines: &[Line<'static>]| -> Vec<Line<'static>> {
            let mut v: Vec<Line> = lines
                .iter()
                .take(r.header.height as usize)
                .cloned()
                .collect();
            if !s.sync
                && s.active == side
                && let Some(first) = v.first_mut()
            {
                *first = first.clone().style(theme.selected(true));
            }
            v
        };
        Paragraph::new(mark(0, &built.left_header)).render(lr, buf);
        Paragraph::new(mark(1, &built.right_header)).render(rr, buf);
    }
    // Separator.
    let sep_y = r.header.bottom();
    if sep_y < r.body.y {
        let mut sep = "─".repeat(r.body.width as usize);
        if !r.stacked {
            let mid = col_w + 1;
            sep = sep
                .chars()
                .enumerate()
                .map(|(i, c)| if i == mid { '┼' } else { c })
                .collect();
        }
        buf.set_string(r.body.x, sep_y, &sep, theme.dim());
    }
    // Body.
    let h = r.body.height as usize;
    let current = flat.row_at(s.scroll[s.active]);
    if r.stacked {
        let lines: Vec<Line> = flat
            .left
            .iter()
            .skip(s.scroll[0])
            .take(h)
            .cloned()
            .collect();
        Paragraph::new(lines).render(r.body, buf);
    } else {
        let lr = Rect {
            width: col_w as u16,
            ..r.body
        };
        let gr = Rect {
            x: r.body.x + col_w as u16,
            width: GUTTER as u16,
            ..r.body
        };
        let rr = Rect {
            x: r.body.x + (col_w + GUTTER) as u16,
            width: col_w as u16,
            ..r.body
        };
        Paragraph::new(
            flat.left
                .iter()
                .skip(s.scroll[0])
                .take(h)
                .cloned()
                .collect::<Vec<_>>(),
        )
        .render(lr, buf);
        Paragraph::new(
            flat.right
                .iter()
                .skip(s.scroll[1])
                .take(h)
                .cloned()
                .collect::<Vec<_>>(),
        )
        .render(rr, buf);
        if s.sync {
            let g: Vec<Line> = flat
                .gutter
                .iter()
                .enumerate()
                .skip(s.scroll[0])
                .take(h)
                .map(|(i, g)| {
                    let style = if flat.row_starts.get(current) == Some(&i) {
                        theme.key()
                    } else {
                        theme.dim()
                    };
                    Line::styled(format!(" {g} "), style)
                })
                .collect();
            Paragraph::new(g).render(gr, buf);
        } else {
            // Out of step: no relation marks between rows that no longer face each other.
            let g: Vec<Line> = (0..h).map(|_| Line::styled(" ┊ ", theme.dim())).collect();
            Paragraph::new(g).render(gr, buf);
        }
    }
    super::scrollbar(
        flat.len(),
        s.scroll[s.active],
        h,
        Rect {
            y: r.body.y - 1,
            height: r.body.height + 2,
            ..area
        },
        buf,
        theme,
    );
    // Notes on the current row.
    if r.notes.height > 0 {
        let row = built.rows.get(current);
        let key = row.map_or("", |x| x.key.as_str());
        let notes = row.map(|x| x.notes.clone()).unwrap_or_default();
        let title = format!("Notes on § {key} ({})", notes.len());
        let rule = format!("── {title} ");
        let rule = format!(
            "{rule}{}",
            "─".repeat((r.notes.width as usize).saturating_sub(super::text::width(&rule)))
        );
        buf.set_stringn(
            r.notes.x,
            r.notes.y,
            &rule,
            r.notes.width as usize,
            theme.dim(),
        );
        let body = Rect {
            y: r.notes.y + 1,
            height: r.notes.height - 1,
            ..r.notes
        };
        let mut lines = note_lines(corpus, t, &notes, theme, body.width as usize);
        if notes.is_empty() {
            lines.push(Line::styled(
                "No note is anchored to this row.",
                theme.dim(),
            ));
        }
        let room = body.height as usize;
        if lines.len() > room && room > 0 {
            let more = lines.len() - (room - 1);
            lines.truncate(room - 1);
            let msg =
                format!("… {more} more lines: the annotations pane in the reader has them all");
            lines.push(Line::styled(
                truncate(&msg, body.width as usize),
                theme.dim(),
            ));
        }
        Paragraph::new(lines).render(body, buf);
    }
}

/// The plain-text comparison of `shifr compare`: columns side by side at
/// `width`, or stacked below 100 columns, with each row's notes under it.
pub fn plain_text(corpus: &Corpus, t: &Telegram, a: usize, b: usize, width: usize) -> String {
    let theme = Theme::plain();
    let stacked = width < SIDE_BY_SIDE_MIN as usize;
    let col_w = width.saturating_sub(GUTTER) / 2;
    let built = build(t, a, b, &theme, col_w, width, true);
    let text = |l: &Line| -> String { l.spans.iter().map(|s| s.content.as_ref()).collect() };
    let mut out = String::new();
    let push = |out: &mut String, s: String| {
        out.push_str(s.trim_end());
        out.push('\n');
    };
    let title = format!(
        "{} · {} · {}",
        t.date.long(),
        corpus.chain(t),
        sanitize(&t.title)
    );
    for l in wrap(&[(title, Style::new())], width, &[], &[]) {
        push(&mut out, text(&l));
    }
    push(&mut out, String::new());
    if stacked {
        // On paper there is room for every detail of each version.
        let mut header = witness_header(&t.witnesses[a], &theme, width, "A");
        header.extend(witness_header(&t.witnesses[b], &theme, width, "B"));
        for l in &header {
            push(&mut out, text(l));
        }
    } else {
        let h = built.left_header.len().max(built.right_header.len());
        for i in 0..h {
            let l = built.left_header.get(i).map(text).unwrap_or_default();
            let r = built.right_header.get(i).map(text).unwrap_or_default();
            push(&mut out, format!("{} │ {r}", fit(&l, col_w)));
        }
    }
    push(&mut out, "─".repeat(width));
    for row in &built.rows {
        if stacked {
            for l in &row.stacked {
                push(&mut out, text(l));
            }
        } else {
            let h = row.left.len().max(row.right.len());
            for i in 0..h {
                let l = row.left.get(i).map(text).unwrap_or_default();
                let r = row.right.get(i).map(text).unwrap_or_default();
                let g = if i == 0 { row.relation.glyph() } else { "│" };
                push(
                    &mut out,
                    format!("{}{}{r}", fit(&l, col_w), format_args!(" {g} ")),
                );
            }
        }
        for l in note_lines(corpus, t, &row.notes, &theme, width.saturating_sub(4)) {
            push(&mut out, format!("    {}", text(&l)));
        }
        push(&mut out, String::new());
    }
    out
}

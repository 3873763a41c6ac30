//! The comparison view: two witnesses of one telegram side by side, aligned
//! row by row on their align keys, with each row's relation, word diffs of
//! same-language quotes, and the notes on the current row in a strip below.
//! Below 100 columns the two versions stack within each row instead.

use ratatui::layout::{Rect, Size};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::message::passage_lines;
use super::{content_rect, inner};
use crate::compare::diff::{Change, Piece, diff};
use crate::compare::{RowRelation, align};
use crate::corpus::{Telegram, Witness, language_name};
use crate::text::{sanitize, truncate, wrap};
use crate::theme::Theme;

/// Side by side from this terminal width; stacked below it.
pub const SIDE_BY_SIDE_MIN: u16 = 100;

/// Width of the gutter between the columns.
pub const GUTTER: usize = 3;

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
pub fn witness_header(w: &Witness, theme: &Theme, width: usize, tag: &str) -> Vec<Line<'static>> {
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

/// What stands opposite a claim a version lacks: that it lacks it, where
/// the version is known in full; that the paper's excerpt has nothing
/// for it, where only an excerpt is — never more than the paper supports.
fn omission(relation: RowRelation, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let text = if relation == RowRelation::NotInExcerpt {
        "… not in the paper's excerpt of this version"
    } else {
        "∅ no counterpart in this version"
    };
    wrap(
        &[(text.to_string(), theme.dim().add_modifier(Modifier::ITALIC))],
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
    let (wa, wb) = (&t.witnesses()[a], &t.witnesses()[b]);
    let same_language = wa.text_language().is_some() && wa.text_language() == wb.text_language();
    let rows = align(wa, wb)
        .into_iter()
        .map(|row| {
            let mut label_l = label_line(&row.key, row.relation, theme, col_w);
            let mut label_r = label_line(&row.key, RowRelation::Unstated, theme, col_w);
            let mut stacked = label_line(&row.key, row.relation, theme, full_w);
            // A relation resting on a summary says whose reading it is, and
            // where the summarised version's own words are.
            if let Some(r) = crate::compare::align::reading(&row, wa, wb) {
                let style = theme.dim().add_modifier(Modifier::ITALIC);
                label_l.extend(wrap(&[(r.clone(), style)], col_w, &[], &[]));
                stacked.extend(wrap(&[(r, style)], full_w, &[], &[]));
            }
            // The counterparts start on the same line: the right column
            // waits for the left's heading (the reading under it) to end.
            while label_r.len() < label_l.len() {
                label_r.push(Line::default());
            }
            while label_l.len() < label_r.len() {
                label_l.push(Line::default());
            }
            let (mut left, mut right) = (label_l, label_r);
            let diffed = same_language && row.all_quotes();
            let side = |ps: &[&crate::corpus::Passage], w: usize| -> Vec<Line<'static>> {
                if ps.is_empty() {
                    omission(row.relation, theme, w)
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
                .notes()
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
    let inner = content_rect(inner(frame));
    let stacked = size.width < SIDE_BY_SIDE_MIN;
    let col_w = (inner.width as usize).saturating_sub(GUTTER) / 2;
    let header_h = (header_lines as u16).min(inner.height / 3);
    // The notes strip: its rule and lines, fewer on a short screen, where
    // the texts come first (at 80×24 the strip's fifth row was the row
    // that would have shown the first line of version B, whose heading
    // was left alone at the bottom of the text).
    let notes_h = match inner.height {
        24.. => (inner.height * 28 / 100).clamp(4, 12),
        16..=23 => 3,
        _ => 0,
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

/// A comparison laid out for a screen: built when the telegram, the pair
/// of witnesses or the size changes, and only then.
pub struct CompareLayout {
    pub built: Built,
    pub flat: Flat,
    pub regions: Regions,
    key: (usize, usize, usize, Size),
}

impl CompareLayout {
    /// Witnesses `a` and `b` of `t` (telegram number `telegram`) for a
    /// screen of `size`.
    pub fn new(
        t: &Telegram,
        telegram: usize,
        (a, b): (usize, usize),
        theme: &Theme,
        size: Size,
    ) -> CompareLayout {
        let (col_w, full_w) = col_width(size);
        let built = build(t, a, b, theme, col_w, full_w, false);
        let stacked = size.width < SIDE_BY_SIDE_MIN;
        let regions = regions(size, header_lines(&built, stacked));
        let flat = flatten(&built, stacked);
        CompareLayout {
            built,
            flat,
            regions,
            key: (telegram, a, b, size),
        }
    }

    /// Whether this layout is the one for these inputs.
    pub fn is_for(&self, telegram: usize, (a, b): (usize, usize), size: Size) -> bool {
        self.key == (telegram, a, b, size)
    }

    /// Rows of the body on screen.
    pub fn height(&self) -> usize {
        self.regions.body.height as usize
    }

    /// How far the columns can scroll.
    pub fn max_scroll(&self) -> usize {
        max_scroll(&self.flat, self.height())
    }
}

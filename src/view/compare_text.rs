//! The plain-text comparison of `shifr compare`, laid out by the same code
//! as the comparison view.

use ratatui::style::Style;
use ratatui::text::Line;

use super::compare::{GUTTER, SIDE_BY_SIDE_MIN, build, witness_header};
use super::compare_notes::{my_note_lines, note_lines};
use crate::corpus::{Corpus, Telegram};
use crate::text::{fit, sanitize, wrap};
use crate::theme::Theme;

/// The plain-text comparison of `shifr compare`: columns side by side at
/// `width`, or stacked below 100 columns, with each row's notes under it.
pub fn plain_text(
    corpus: &Corpus,
    t: &Telegram,
    (a, b): (usize, usize),
    width: usize,
    mine: &crate::notes::Notes,
) -> String {
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
        let mut header = witness_header(&t.witnesses()[a], &theme, width, "A");
        header.extend(witness_header(&t.witnesses()[b], &theme, width, "B"));
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
        let w = width.saturating_sub(4);
        let mut notes = my_note_lines(mine, t, Some(&row.key), &theme, w);
        notes.extend(note_lines(corpus, t, &row.notes, &theme, w));
        for l in notes {
            push(&mut out, format!("    {}", text(&l)));
        }
        push(&mut out, String::new());
    }
    out
}

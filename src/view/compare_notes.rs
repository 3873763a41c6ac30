//! The notes under the comparison: the scholars' and your own notes on the
//! row at the top of the view, then those on the whole telegram.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::message::footnotes;
use crate::corpus::{Corpus, Note, Telegram};
use crate::notes::Notes;
use crate::text::{sanitize, wrap};
use crate::theme::Theme;

/// The scholars' notes `notes` (indices into the telegram's), laid out.
pub fn note_lines(
    corpus: &Corpus,
    t: &Telegram,
    notes: &[usize],
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for &i in notes {
        let n: &Note = &t.notes()[i];
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
        // The version the note speaks of, where the paper says.
        segs.extend(tags(t, n.stance, n.witness.as_deref(), theme));
        segs.push((sanitize(&n.text), Style::new()));
        if !n.cite.is_empty() {
            segs.push((format!(" (fn. {})", footnotes(&n.cite)), theme.dim()));
        }
        out.extend(wrap(&segs, width, &[], &[Span::raw("  ")]));
    }
    out
}

/// Your notes on telegram `t` with align key `align` (None: on the whole
/// telegram), laid out.
pub fn my_note_lines(
    mine: &Notes,
    t: &Telegram,
    align: Option<&str>,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for n in mine
        .notes
        .iter()
        .filter(|n| n.telegram == t.id && n.align.as_deref() == align)
    {
        // Tagged with its stance and version as the scholars' notes are.
        let mut segs = vec![("you: ".to_string(), theme.key())];
        segs.extend(tags(t, n.stance, n.witness.as_deref(), theme));
        segs.push((sanitize(&n.text), Style::new()));
        out.extend(wrap(&segs, width, &[], &[Span::raw("  ")]));
    }
    out
}

/// "[trigger] [Russian text (Roshchin, 3 October)] ": a note's stance and
/// the version it speaks of, where it has them.
fn tags(
    t: &Telegram,
    stance: Option<crate::corpus::Stance>,
    witness: Option<&str>,
    theme: &Theme,
) -> Vec<(String, Style)> {
    let mut out = Vec::new();
    if let Some(s) = stance {
        out.push((format!("[{}] ", s.label()), theme.heading()));
    }
    if let Some(w) = witness.and_then(|w| t.witnesses().iter().find(|x| x.id == w)) {
        out.push((format!("[{}] ", sanitize(&w.label)), theme.versions()));
    }
    out
}

/// The strip under the comparison for the row with align key `key` and
/// the scholars' notes `row_notes` on it: yours on the row, the scholars',
/// then the notes on the whole telegram. Returns the lines and how many
/// notes are on the row.
pub fn strip(
    corpus: &Corpus,
    t: &Telegram,
    key: &str,
    row_notes: &[usize],
    mine: &Notes,
    theme: &Theme,
    width: usize,
) -> (Vec<Line<'static>>, usize) {
    let mut lines = my_note_lines(mine, t, Some(key), theme, width);
    let yours = mine
        .notes
        .iter()
        .filter(|n| n.telegram == t.id && n.align.as_deref() == Some(key))
        .count();
    lines.extend(note_lines(corpus, t, row_notes, theme, width));
    if lines.is_empty() {
        lines.push(Line::styled(
            "No note is anchored to this row.",
            theme.dim(),
        ));
    }
    let whole: Vec<usize> = (0..t.notes().len())
        .filter(|&i| t.notes()[i].anchor.is_none())
        .collect();
    let mut general = my_note_lines(mine, t, None, theme, width);
    general.extend(note_lines(corpus, t, &whole, theme, width));
    if !general.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "On the whole telegram".to_string(),
            theme.heading(),
        ));
        lines.extend(general);
    }
    (lines, yours + row_notes.len())
}

//! The annotations pane: the reader's own notes on the open telegram, then
//! the scholars', grouped by scholar (the editors' notes last), each with its
//! stance and citation.

use ratatui::text::{Line, Span};

use crate::app::notes::{NoteRef, display_order};
use crate::corpus::{Corpus, Telegram};
use crate::notes::Notes;
use crate::text::{sanitize, wrap};

/// The most of one note the pane lays out: far beyond any real note; a
/// longer one (a note of megabytes) is cut there, and says how much more
/// it holds, so the first frame does not wait for it to be wrapped whole.
pub const NOTE_SHOWN: usize = 64 * 1024;
use crate::theme::Theme;

/// "2026-11-27 15:30" from "2026-11-27T15:30:00Z".
fn stamp(s: &str) -> String {
    s.get(..16)
        .map_or_else(|| s.to_string(), |t| t.replace('T', " "))
}

/// The notes laid out for a width.
#[derive(Clone, Debug, Default)]
pub struct NotesText {
    pub lines: Vec<Line<'static>>,
    /// (first line, end line) of each note, in display order; the first
    /// note of a scholar starts at the scholar's name.
    pub rows: Vec<(usize, usize)>,
}

impl NotesText {
    /// The display index of the note at a line.
    pub fn note_at(&self, line: usize) -> Option<usize> {
        self.rows.iter().position(|(a, b)| (*a..*b).contains(&line))
    }
}

/// Lays out the notes; `selected` is a display index. Where the reader's
/// notes are read-only (`read_only`: why), that is said first: a notes
/// file that does not parse is not shown, and the pane says so instead of
/// seeming to have lost them.
#[allow(clippy::too_many_arguments)]
pub fn build(
    corpus: &Corpus,
    t: &Telegram,
    mine: &Notes,
    theme: &Theme,
    width: usize,
    selected: Option<usize>,
    focused: bool,
    read_only: Option<&str>,
) -> NotesText {
    let mut out = NotesText::default();
    if let Some(why) = read_only {
        // The reason names the file, line and column, and says the notes
        // are read-only until it is fixed.
        out.lines.extend(wrap(
            &[("Your notes".to_string(), theme.key())],
            width,
            &[],
            &[],
        ));
        out.lines.extend(wrap(
            &[(sanitize(why), theme.error())],
            width,
            &[Span::raw("  ")],
            &[Span::raw("  ")],
        ));
        out.lines.push(Line::raw(""));
    }
    let order = display_order(t, mine);
    if order.is_empty() {
        out.lines.extend(wrap(
            &[("No notes on this telegram.".to_string(), theme.dim())],
            width,
            &[],
            &[],
        ));
        return out;
    }
    let mut last_group: Option<&str> = None;
    for (pos, r) in order.iter().enumerate() {
        let group = match r {
            NoteRef::Mine(_) => "\u{0}mine",
            NoteRef::Scholar(i) => t.notes()[*i].by.as_str(),
        };
        let start;
        if last_group != Some(group) {
            if last_group.is_some() {
                out.lines.push(Line::raw(""));
            }
            // The first note of a group counts the group's name as its own.
            start = out.lines.len();
            let (name, style) = match r {
                NoteRef::Mine(_) => ("Your notes".to_string(), theme.key()),
                NoteRef::Scholar(_) if group == "editor" => {
                    ("shifr editors (editorial note)".to_string(), theme.editor())
                }
                NoteRef::Scholar(_) => (corpus.scholar_name(group).to_string(), theme.scholar()),
            };
            out.lines
                .extend(wrap(&[(sanitize(&name), style)], width, &[], &[]));
            last_group = Some(group);
        } else {
            out.lines.push(Line::raw(""));
            start = out.lines.len();
        }
        let is_sel = focused && selected == Some(pos);
        let gutter = if is_sel {
            Span::styled("▌ ", theme.selected(focused))
        } else {
            Span::raw("  ")
        };
        let (segs, cite) = match r {
            NoteRef::Mine(i) => {
                let n = &mine.notes[*i];
                let mut cite = Vec::new();
                if let Some(a) = &n.align {
                    cite.push(format!("§ {a}"));
                }
                if let Some(w) = n
                    .witness
                    .as_ref()
                    .and_then(|w| t.witnesses().iter().find(|x| x.id == *w))
                {
                    cite.push(w.label.clone());
                }
                if let Some(s) = n.stance {
                    cite.push(format!("[{}]", s.label()));
                }
                cite.push(format!("written {}", stamp(&n.created)));
                if let Some(e) = &n.edited {
                    cite.push(format!("edited {}", stamp(e)));
                }
                let text = if n.text.trim().is_empty() {
                    "(empty)".to_string()
                } else {
                    crate::text::clipped(&n.text, NOTE_SHOWN)
                };
                (vec![(text, Default::default())], cite)
            }
            NoteRef::Scholar(i) => {
                let n = &t.notes()[*i];
                let mut segs = Vec::new();
                if let Some(s) = n.stance {
                    segs.push((format!("[{}] ", s.label()), theme.heading()));
                }
                segs.push((
                    crate::text::clipped(&n.text, NOTE_SHOWN),
                    Default::default(),
                ));
                let mut cite = Vec::new();
                if !n.cite.is_empty() {
                    cite.push(format!(
                        "fn. {}",
                        crate::view::message::footnotes_marked(corpus, &n.cite)
                    ));
                }
                if let Some(a) = &n.anchor {
                    cite.push(format!("§ {a}"));
                }
                if let Some(w) = n
                    .witness
                    .as_ref()
                    .and_then(|w| t.witnesses().iter().find(|x| x.id == *w))
                {
                    cite.push(w.label.clone());
                }
                (segs, cite)
            }
        };
        out.lines.extend(wrap(
            &segs,
            width,
            std::slice::from_ref(&gutter),
            std::slice::from_ref(&gutter),
        ));
        if !cite.is_empty() {
            out.lines.extend(wrap(
                &[(cite.join(" · "), theme.dim())],
                width,
                std::slice::from_ref(&gutter),
                std::slice::from_ref(&gutter),
            ));
        }
        out.rows.push((start, out.lines.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::MyNote;

    /// #11: a note of megabytes was wrapped whole before the first frame.
    #[test]
    fn a_note_of_megabytes_is_laid_out_only_so_far() {
        let c = Corpus::embedded().unwrap();
        let t = c.telegram("1950-10-02-mao-stalin").unwrap();
        let mine = Notes {
            notes: vec![MyNote {
                id: "n1".into(),
                telegram: t.id.clone(),
                text: "Shen and Christensen ".repeat(200_000),
                created: "2026-11-27T15:30:00Z".into(),
                ..MyNote::default()
            }],
        };
        let out = build(&c, t, &mine, &Theme::plain(), 60, None, false, None);
        let cols: usize = out.lines.iter().map(crate::text::line_width).sum();
        assert!(cols < NOTE_SHOWN + 30_000, "{cols} columns laid out");
        let text: String = out
            .lines
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
            .collect();
        assert!(text.contains("more bytes)"), "says it was cut");
    }
}

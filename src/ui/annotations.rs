//! The annotations pane: the scholars' notes on the open telegram, grouped by
//! scholar (the editors' notes last), each with its stance and citation.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::message::footnotes;
use super::text::{sanitize, wrap};
use super::theme::Theme;
use crate::corpus::{Corpus, Telegram};

/// Note indices in display order: grouped by scholar in order of first
/// appearance, the editors' notes at the end.
pub fn display_order(t: &Telegram) -> Vec<usize> {
    let mut scholars: Vec<&str> = Vec::new();
    for n in &t.notes {
        if !scholars.contains(&n.by.as_str()) {
            scholars.push(&n.by);
        }
    }
    scholars.sort_by_key(|s| *s == "editor");
    scholars
        .iter()
        .flat_map(|s| {
            t.notes
                .iter()
                .enumerate()
                .filter(move |(_, n)| n.by == *s)
                .map(|(i, _)| i)
        })
        .collect()
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

/// Lays out the notes; `selected` is a display index.
pub fn build(
    corpus: &Corpus,
    t: &Telegram,
    theme: &Theme,
    width: usize,
    selected: Option<usize>,
    focused: bool,
) -> NotesText {
    let mut out = NotesText::default();
    if t.notes.is_empty() {
        out.lines.extend(wrap(
            &[("No notes on this telegram.".to_string(), theme.dim())],
            width,
            &[],
            &[],
        ));
        return out;
    }
    let mut last_by: Option<&str> = None;
    for (pos, &i) in display_order(t).iter().enumerate() {
        let n = &t.notes[i];
        let start;
        if last_by != Some(n.by.as_str()) {
            if last_by.is_some() {
                out.lines.push(Line::raw(""));
            }
            // The first note of a scholar counts their name as its own.
            start = out.lines.len();
            let (name, style) = if n.by == "editor" {
                ("shifr editors (editorial note)".to_string(), theme.editor())
            } else {
                (corpus.scholar_name(&n.by).to_string(), theme.scholar())
            };
            out.lines
                .extend(wrap(&[(sanitize(&name), style)], width, &[], &[]));
            last_by = Some(&n.by);
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
        let mut segs = Vec::new();
        if let Some(s) = n.stance {
            segs.push((format!("[{}] ", s.label()), theme.heading()));
        }
        segs.push((sanitize(&n.text), Default::default()));
        out.lines.extend(wrap(
            &segs,
            width,
            std::slice::from_ref(&gutter),
            std::slice::from_ref(&gutter),
        ));
        let mut cite = Vec::new();
        if !n.cite.is_empty() {
            cite.push(format!("fn. {}", footnotes(&n.cite)));
        }
        if let Some(a) = &n.anchor {
            cite.push(format!("§ {a}"));
        }
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

pub fn render(
    text: &NotesText,
    title: &str,
    focused: bool,
    scroll: usize,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(theme.border_type(focused))
        .border_style(theme.border(focused))
        .title(Span::styled(format!(" {title} "), theme.title(focused)));
    let inner = block.inner(area);
    block.render(area, buf);
    let content = super::content_rect(inner);
    let lines: Vec<Line> = text
        .lines
        .iter()
        .skip(scroll)
        .take(content.height as usize)
        .cloned()
        .collect();
    Paragraph::new(lines).render(content, buf);
    super::scrollbar(
        text.lines.len(),
        scroll,
        content.height as usize,
        area,
        buf,
        theme,
    );
}

//! Where things are in the reader's panes, as laid out now: the panes'
//! areas and sizes, the passage under the cursor and where it is on the
//! screen, and the notes with the selected one marked — read by the
//! reader's update and render, by the shell (for an overlay that must not
//! cover the passage) and by tests.

use ratatui::layout::Rect;
use ratatui::text::Line;

use super::Reader;
use crate::app::{App, Pane};
use crate::theme::Theme;
use crate::ui::layout::Areas;
use crate::ui::widgets::{content_rect, inner};
use crate::view::annotations::NotesText;
use crate::view::message::MessageText;

impl Reader {
    /// Where the panes are.
    pub fn areas(&self) -> &Areas {
        &self.areas
    }

    /// The open telegram as laid out now.
    pub fn message_text(&self) -> &MessageText {
        &self.message
    }

    /// The open telegram's notes as laid out now.
    pub fn notes_text(&self) -> &NotesText {
        &self.notes
    }

    /// Rows available for text inside a pane.
    pub(super) fn height(&self, p: Pane) -> usize {
        self.areas.pane(p).map_or(10, |a| inner(a).height as usize)
    }

    /// Width available for text inside a pane.
    pub(super) fn width(&self, p: Pane) -> usize {
        self.areas
            .pane(p)
            .map_or(40, |a| content_rect(inner(a)).width as usize)
    }

    /// The passage under the message pane's cursor: its version (witness
    /// id) and align key.
    pub fn cursor_passage(&self, app: &App) -> Option<(String, String)> {
        let i = app.message_cursor?;
        self.message
            .groups
            .get(i)
            .map(|g| (g.0.clone(), g.1.clone()))
    }

    /// Where the highlighted passage (under the cursor, or the selected
    /// note's) is on the screen now: the rows of it in view, across the
    /// message pane's text.
    pub fn anchor_rect(&self, app: &App) -> Option<Rect> {
        let key = self.message_key.as_ref()?;
        let anchor = key.anchor.as_deref()?;
        let area = content_rect(inner(self.areas.message?));
        let (mut lo, mut hi) = (usize::MAX, 0);
        for g in &self.message.groups {
            if g.1 == anchor && key.anchor_witness.as_deref().is_none_or(|w| w == g.0) {
                lo = lo.min(g.2);
                hi = hi.max(g.3);
            }
        }
        let scroll = app.message_scroll;
        let top = lo.max(scroll);
        let bottom = hi.min(scroll + area.height as usize);
        (top < bottom).then(|| {
            Rect::new(
                area.x,
                area.y + (top - scroll) as u16,
                area.width,
                (bottom - top) as u16,
            )
        })
    }

    /// The align key of the passage under the message pane's cursor.
    pub fn cursor_align(&self, app: &App) -> Option<String> {
        let i = app.message_cursor?;
        self.message.groups.get(i).map(|g| g.1.clone())
    }

    /// The notes as laid out, with the selected note's rows marked (a bar
    /// in the gutter) where the pane has the focus. Only the rows on
    /// screen are copied; the rest stay empty, unseen.
    pub(super) fn notes_marked(
        &self,
        app: &App,
        focused: bool,
        scroll: usize,
        height: usize,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let all = &self.notes.lines;
        let mut out = vec![Line::default(); all.len()];
        let sel = self.notes.rows.get(app.notes.selected).copied();
        for (i, slot) in out.iter_mut().enumerate().skip(scroll).take(height) {
            let mut line = all[i].clone();
            let marked = focused && sel.is_some_and(|(a, b)| (a..b).contains(&i));
            // The gutter is the line's first two columns (two spaces, maybe
            // joined to the text after them).
            if marked
                && let Some(first) = line.spans.first()
                && first.content.starts_with("  ")
            {
                let rest = first.content[2..].to_string();
                let style = first.style;
                let mut spans = vec![ratatui::text::Span::styled("▌ ", theme.selected(true))];
                if !rest.is_empty() {
                    spans.push(ratatui::text::Span::styled(rest, style));
                }
                spans.extend(line.spans.drain(1..));
                line.spans = spans;
            }
            *slot = line;
        }
        out
    }
}

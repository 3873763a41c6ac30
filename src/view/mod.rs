//! Derived views: what the screens show, computed from the model for a
//! width, pure and unit-tested. Components keep them and rebuild one only
//! when its inputs change, so drawing a frame only reads.

pub mod annotations;
pub mod apparatus;
pub mod compare;
pub mod compare_notes;
pub mod compare_text;
pub mod debate;
pub mod find;
pub mod header_compact;
pub mod header_parts;
pub mod help;
pub mod matrix;
pub mod message;
pub mod timeline;
pub mod timeline_marks;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::theme::Theme;

/// A row of a list with a cursor: "▸ " and the selection's style where the
/// cursor is, two spaces elsewhere.
pub fn cursor_line(text: String, here: bool, theme: &Theme) -> Line<'static> {
    if here {
        Line::styled(format!("▸ {text}"), theme.selected(true))
    } else {
        Line::styled(format!("  {text}"), Style::new())
    }
}

/// Inside a bordered box.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// Where text goes inside a box: one column of margin on each side.
pub fn content_rect(inner: Rect) -> Rect {
    if inner.width > 4 {
        Rect {
            x: inner.x + 1,
            width: inner.width - 2,
            ..inner
        }
    } else {
        inner
    }
}

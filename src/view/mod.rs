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
pub mod help;
pub mod matrix;
pub mod message;
pub mod timeline;
pub mod timeline_marks;

use ratatui::layout::Rect;

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

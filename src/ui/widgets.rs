//! The pieces every screen draws with: boxes, scrolled text, scrollbars.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
    Widget,
};

use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::text;
use crate::theme::Theme;

pub use crate::view::{content_rect, inner};

/// A bordered box, as every pane and overlay has: a title cut to fit, a
/// heavier border when focused, and optionally a line of hints in the
/// bottom border.
pub fn boxed(
    title: &str,
    bottom: Option<&str>,
    focused: bool,
    width: u16,
    theme: &Theme,
) -> Block<'static> {
    let room = width.saturating_sub(2) as usize;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_type(theme.border_type(focused))
        .border_style(theme.border(focused))
        .title(Span::styled(
            text::truncate(&format!(" {title} "), room),
            theme.title(focused),
        ));
    if let Some(b) = bottom {
        block = block.title_bottom(Span::styled(
            text::truncate(&format!(" {b} "), room),
            theme.dim(),
        ));
    }
    block
}

/// A pane of text scrolled to `scroll`, in its box, with a scrollbar.
pub fn scrolled_pane(
    lines: &[Line<'static>],
    title: &str,
    focused: bool,
    scroll: usize,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let block = boxed(title, None, focused, area.width, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let content = content_rect(inner);
    let shown: Vec<Line> = lines
        .iter()
        .skip(scroll)
        .take(content.height as usize)
        .cloned()
        .collect();
    Paragraph::new(shown).render(content, buf);
    scrollbar(
        lines.len(),
        scroll,
        content.height as usize,
        area,
        buf,
        theme,
    );
}

/// A scrollbar on the right border when the text is longer than the view.
pub fn scrollbar(
    total: usize,
    pos: usize,
    view: usize,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    if total <= view || area.height < 4 {
        return;
    }
    let mut state = ScrollbarState::new(total.saturating_sub(view))
        .position(pos)
        .viewport_content_length(view);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(None)
        .thumb_style(theme.border(true))
        .render(
            Rect {
                y: area.y + 1,
                height: area.height - 2,
                ..area
            },
            buf,
            &mut state,
        );
}

/// "terminal too small", cut to whatever space there is.
pub fn too_small(area: Rect, buf: &mut Buffer, theme: &Theme, quit: &str) {
    let lines = [
        "terminal too small".to_string(),
        format!("need at least {MIN_WIDTH}×{MIN_HEIGHT}"),
        format!("{quit} quits"),
    ];
    let shown: Vec<Line> = lines
        .iter()
        .take(area.height as usize)
        .map(|l| Line::styled(text::truncate(l, area.width as usize), theme.error()))
        .collect();
    let top = area.y + area.height.saturating_sub(shown.len() as u16) / 2;
    let r = Rect {
        y: top,
        height: area.height.min(shown.len() as u16),
        ..area
    };
    Paragraph::new(shown).centered().render(r, buf);
}

/// A list beside a detail, each scrolled, with a scrollbar for the detail
/// on the frame's border: the debate's and the apparatus's shape.
pub fn list_and_detail(
    list: (&[Line<'static>], usize, Rect),
    detail: (&[Line<'static>], usize, Rect),
    frame: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let shown = |lines: &[Line<'static>], from: usize, h: u16| -> Vec<Line<'static>> {
        lines.iter().skip(from).take(h as usize).cloned().collect()
    };
    let ((ll, ls, l), (dl, ds, d)) = (list, detail);
    Paragraph::new(shown(ll, ls, l.height)).render(l, buf);
    Paragraph::new(shown(dl, ds, d.height)).render(d, buf);
    scrollbar(dl.len(), ds, d.height as usize, frame, buf, theme);
}

/// Scrolls as little as needed for `row` to be among `height` rows from
/// `scroll`.
pub fn keep_in_view(scroll: &mut usize, row: usize, height: usize) {
    if row < *scroll {
        *scroll = row;
    } else if height > 0 && row >= *scroll + height {
        *scroll = row + 1 - height;
    }
}

/// Where a list cursor at `i` of `len` rows goes for a move (`j` `k` `g`
/// `G`): clamped to the list, 0 in an empty one.
pub fn moved(i: usize, len: usize, action: crate::action::Action) -> usize {
    use crate::action::Action;
    let last = len.saturating_sub(1);
    match action {
        Action::Down => (i + 1).min(last),
        Action::Up => i.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => last,
        _ => i.min(last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;

    #[test]
    fn list_moves_stay_inside_the_list() {
        assert_eq!(moved(0, 3, Action::Down), 1);
        assert_eq!(moved(2, 3, Action::Down), 2);
        assert_eq!(moved(0, 3, Action::Up), 0);
        assert_eq!(moved(1, 3, Action::Bottom), 2);
        assert_eq!(moved(2, 3, Action::Top), 0);
        assert_eq!(moved(0, 0, Action::Bottom), 0, "an empty list stays at 0");
        let mut scroll = 5;
        keep_in_view(&mut scroll, 2, 4);
        assert_eq!(scroll, 2);
        keep_in_view(&mut scroll, 9, 4);
        assert_eq!(scroll, 6);
    }
}

//! Drawing the reader. Every function here reads the state and writes into
//! ratatui's buffer; none changes the state. One file per view.

pub mod annotations;
pub mod compare;
pub mod editor;
pub mod filter;
pub mod help;
pub mod list;
pub mod matrix;
pub mod message;
pub mod search;
pub mod status;
pub mod text;
pub mod theme;
pub mod timeline;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
    Widget,
};

use crate::action::Action;
use crate::app::{App, Overlay};
use crate::keymap::Context;
use crate::layout::{Arrangement, MIN_HEIGHT, MIN_WIDTH, Pane};
use theme::Theme;

/// Inside a bordered pane.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// Where text goes inside a pane: one column of margin on each side.
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

/// "ctrl-s saves · esc closes": the keys bound to each action in `ctx` (or
/// globally), from the keymap in use, with what they do. Actions with no
/// key are left out.
pub fn key_hints(app: &App, ctx: Context, items: &[(Action, &str)]) -> String {
    items
        .iter()
        .filter_map(|(a, what)| app.keymap.hint(ctx, *a).map(|k| format!("{k} {what}")))
        .collect::<Vec<_>>()
        .join(" · ")
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
fn too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let lines = [
        "terminal too small".to_string(),
        format!("need at least {MIN_WIDTH}×{MIN_HEIGHT}"),
        "q quits".to_string(),
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

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    draw(app, area, frame.buffer_mut());
}

/// Draws the whole screen into a buffer (also used for screenshots).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let areas = app.areas();
    let theme = &app.theme;
    if areas.arrangement == Arrangement::TooSmall {
        too_small(area, buf, theme);
        return;
    }
    if let Some(r) = areas.list {
        list::render(app, r, buf);
    }
    if let Some(r) = areas.message {
        let text = app.message_text();
        let title = match app.telegram() {
            Some(t) if areas.arrangement == Arrangement::Single => {
                format!("Message · {}", t.date.short())
            }
            _ => "Message".to_string(),
        };
        message::render(
            &text,
            &title,
            app.focus == Pane::Message,
            app.message_scroll,
            theme,
            r,
            buf,
        );
    }
    if let Some(r) = areas.annotations {
        let text = app.notes_text();
        let n = app.telegram().map_or(0, |t| t.notes.len());
        annotations::render(
            &text,
            &format!("Annotations · {n}"),
            app.focus == Pane::Annotations,
            app.notes.scroll,
            theme,
            r,
            buf,
        );
    }
    for o in &app.overlays {
        match o {
            Overlay::Help(h) => help::render(app, h, area, buf),
            Overlay::Filter(p) => filter::render(app, p, area, buf),
            Overlay::Compare(c) => compare::render(app, c, area, buf),
            Overlay::Search(s) => search::render(app, s, area, buf),
            Overlay::Editor(e) => editor::render(app, e, area, buf),
            Overlay::Confirm(c) => editor::render_confirm(app, c, area, buf),
            Overlay::Citation(c) => editor::render_citation(app, c, area, buf),
            Overlay::Timeline(t) => timeline::render(app, t, area, buf),
            Overlay::Matrix(m) => matrix::render(app, m, area, buf),
        }
    }
    if let Some(r) = areas.status {
        status::render(app, r, buf);
    }
}

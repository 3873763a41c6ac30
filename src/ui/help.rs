//! The help overlay: every key of the keymap in use, those of where it was
//! opened first. The text is laid out once, and again only when the width
//! changes.

use std::any::Any;

use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::component::{Component, Cx, Outcome, RenderCx, stop_unless_global};
use super::layout::centered;
use super::widgets::{boxed, content_rect, inner, scrollbar};
use crate::action::Action;
use crate::app::App;
use crate::keymap::Context;
use crate::view::help::lines;

pub struct Help {
    /// Where help was opened: its keys are listed first.
    pub from: Context,
    pub scroll: usize,
    lines: Vec<Line<'static>>,
    width: usize,
}

/// Where the overlay sits on a screen of `size`.
fn area(size: Size) -> Rect {
    centered(Rect::new(0, 0, size.width, size.height), 80, 86, 60, 16)
}

impl Help {
    pub fn new(from: Context, cx: &Cx) -> Help {
        let mut h = Help {
            from,
            scroll: 0,
            lines: Vec::new(),
            width: usize::MAX,
        };
        h.layout(cx);
        h
    }

    fn layout(&mut self, cx: &Cx) {
        let width = content_rect(inner(area(cx.size))).width as usize;
        if width != self.width {
            self.width = width;
            self.lines = lines(
                &cx.app.keymap,
                cx.app.keymap_file.as_deref(),
                cx.theme,
                width,
                self.from,
            );
        }
    }

    fn max_scroll(&self, size: Size) -> usize {
        self.lines
            .len()
            .saturating_sub(inner(area(size)).height as usize)
    }
}

impl Component for Help {
    fn context(&self, _: &App) -> Context {
        Context::Help
    }

    fn mode(&self, _: &App) -> &'static str {
        "HELP"
    }

    fn hints(&self, _: &RenderCx) -> Vec<(Action, &'static str)> {
        vec![(Action::Down, "scroll"), (Action::Close, "close")]
    }

    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome {
        let max = self.max_scroll(cx.size);
        let page = (inner(area(cx.size)).height as isize / 2).max(1);
        let mut by =
            |d: isize| self.scroll = (self.scroll as isize + d).clamp(0, max as isize) as usize;
        match action {
            Action::Help | Action::Close | Action::Cancel => return Outcome::Close,
            Action::Down => by(1),
            Action::Up => by(-1),
            Action::HalfPageDown | Action::PageDown => by(page),
            Action::HalfPageUp | Action::PageUp => by(-page),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = max,
            other => return stop_unless_global(other),
        }
        Outcome::Consumed
    }

    fn sync(&mut self, cx: &mut Cx) {
        self.layout(cx);
        self.scroll = self.scroll.min(self.max_scroll(cx.size));
    }

    fn render(&self, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
        let theme = cx.theme;
        let r = area(cx.size).intersection(screen);
        Clear.render(r, buf);
        let hint = cx.hints.line(
            Context::Help,
            &[(Action::Close, "closes"), (Action::Down, "scrolls")],
        );
        let block = boxed("Help", Some(&hint), true, r.width, theme);
        let inner = block.inner(r);
        block.render(r, buf);
        let content = content_rect(inner);
        let shown: Vec<Line> = self
            .lines
            .iter()
            .skip(self.scroll)
            .take(content.height as usize)
            .cloned()
            .collect();
        Paragraph::new(shown).render(content, buf);
        scrollbar(
            self.lines.len(),
            self.scroll,
            content.height as usize,
            r,
            buf,
            theme,
        );
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

//! The find bar (`ctrl-f`): a word typed at the foot of the screen, found
//! in the open text as less and vim find it. The screen under the bar (the
//! message pane, or the comparison's two columns) marks every occurrence,
//! counts them and scrolls to the current one; the bar says "3/7".

use std::any::Any;

use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::component::{Component, Cx, Outcome, RenderCx, stop_unless_global};
use crate::action::Action;
use crate::app::{App, FindIn, FindQuery};
use crate::keymap::{Context, Key};
use crate::text::truncate;

pub struct Find;

impl Find {
    /// Opens the bar on `target`, with the last word found there, if any.
    pub fn open(cx: &mut Cx, target: FindIn) -> Find {
        let text = cx
            .app
            .find
            .as_ref()
            .filter(|f| f.target == target)
            .map(|f| f.text.clone())
            .unwrap_or_default();
        cx.app.find = Some(FindQuery {
            text,
            target,
            current: 0,
            count: 0,
        });
        Find
    }

    fn query<'a>(cx: &'a mut Cx) -> Option<&'a mut FindQuery> {
        cx.app.find.as_mut()
    }
}

impl Component for Find {
    fn context(&self, _: &App) -> Context {
        Context::Find
    }

    fn mode(&self, _: &App) -> &'static str {
        "FIND"
    }

    fn hints(&self, _: &RenderCx) -> Vec<(Action, &'static str)> {
        vec![
            (Action::Confirm, "next"),
            (Action::Up, "previous"),
            (Action::Close, "close"),
        ]
    }

    fn owns_status_line(&self) -> bool {
        true
    }

    fn takes_text(&self) -> bool {
        true
    }

    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome {
        let Some(f) = Self::query(cx) else {
            return Outcome::Close;
        };
        let n = f.count.max(1);
        match action {
            Action::Close | Action::Cancel => {
                cx.app.find = None;
                return Outcome::Close;
            }
            Action::Confirm | Action::Down => f.current = (f.current + 1) % n,
            Action::Up => f.current = (f.current + n - 1) % n,
            Action::ClearInput => {
                f.text.clear();
                f.current = 0;
            }
            other => return stop_unless_global(other),
        }
        Outcome::Consumed
    }

    fn key(&mut self, key: Key, cx: &mut Cx) -> Outcome {
        let Some(f) = Self::query(cx) else {
            return Outcome::Close;
        };
        match (key.typed_char(), key.code) {
            (Some(c), _) => f.text.push(c),
            (None, KeyCode::Backspace) => {
                f.text.pop();
            }
            _ => return Outcome::Consumed,
        }
        f.current = 0;
        Outcome::Consumed
    }

    fn paste(&mut self, text: &str, cx: &mut Cx) -> Outcome {
        if let Some(f) = Self::query(cx) {
            f.text.extend(text.chars().filter(|c| !c.is_control()));
            f.current = 0;
        }
        Outcome::Consumed
    }

    fn render(&self, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
        let Some(f) = &cx.app.find else { return };
        if screen.height < 3 {
            return;
        }
        let theme = cx.theme;
        // The status line's row: the panes keep their borders.
        let area = Rect {
            y: screen.bottom().saturating_sub(1),
            height: 1,
            ..screen
        };
        let count = match (f.text.is_empty(), f.count) {
            (true, _) => String::new(),
            (false, 0) => "  not found".to_string(),
            (false, n) => format!("  {}/{n}", f.current + 1),
        };
        let hint = cx.hints.line(
            Context::Find,
            &[
                (Action::Confirm, "next"),
                (Action::Up, "previous"),
                (Action::Close, "closes"),
            ],
        );
        let w = area.width as usize;
        let line = Line::from(vec![
            Span::styled(" find: ", theme.mode()),
            Span::raw(truncate(&f.text, w / 2)),
            Span::styled("▏", theme.key()),
            Span::styled(
                count,
                if f.count == 0 {
                    theme.error()
                } else {
                    theme.heading()
                },
            ),
            Span::styled(format!("   {hint}"), theme.dim()),
        ])
        .style(theme.status_bar());
        buf.set_style(area, theme.status_bar());
        Paragraph::new(line).render(area, buf);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

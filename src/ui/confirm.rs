//! A yes/no question before something that cannot be undone.

use std::any::Any;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::component::{Component, Cx, Outcome, RenderCx, stop_unless_global};
use super::layout::centered;
use super::widgets::{boxed, content_rect};
use crate::action::Action;
use crate::app::App;
use crate::keymap::Context;
use crate::text::wrap;

/// What a yes does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OnYes {
    DeleteNote(String),
}

pub struct Confirm {
    pub question: String,
    pub on_yes: OnYes,
}

impl Confirm {
    pub fn delete_note(question: String, id: String) -> Confirm {
        Confirm {
            question,
            on_yes: OnYes::DeleteNote(id),
        }
    }
}

impl Component for Confirm {
    fn context(&self, _: &App) -> Context {
        Context::Confirm
    }

    fn mode(&self, _: &App) -> &'static str {
        "CONFIRM"
    }

    fn hints(&self, _: &RenderCx) -> Vec<(Action, &'static str)> {
        vec![(Action::Yes, "yes"), (Action::No, "no")]
    }

    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome {
        match action {
            Action::Yes => {
                match &self.on_yes {
                    OnYes::DeleteNote(id) => cx.app.delete_note(id.clone(), cx.effects),
                }
                Outcome::Close
            }
            Action::No | Action::Close | Action::Cancel => Outcome::Close,
            other => stop_unless_global(other),
        }
    }

    fn render(&self, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
        let theme = cx.theme;
        let r = centered(screen, 50, 20, 30, 5).intersection(screen);
        Clear.render(r, buf);
        let hint = cx.hints.line(
            Context::Confirm,
            &[(Action::Yes, "yes"), (Action::No, "no")],
        );
        let block = boxed("Confirm", Some(&hint), true, r.width, theme);
        let inner = block.inner(r);
        block.render(r, buf);
        let body = content_rect(inner);
        let lines = wrap(
            &[(self.question.clone(), theme.heading())],
            body.width as usize,
            &[],
            &[],
        );
        Paragraph::new(lines).render(body, buf);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

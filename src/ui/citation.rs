//! The citation just copied, to read and to copy by hand where the
//! terminal does not take OSC 52.

use std::any::Any;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::component::{Component, Cx, Outcome, RenderCx, stop_unless_global};
use super::layout::centered;
use super::widgets::{boxed, content_rect};
use crate::action::Action;
use crate::app::App;
use crate::keymap::Context;
use crate::text::wrap;

pub struct Citation {
    /// What the box is called.
    pub title: &'static str,
    pub text: String,
    /// The short form for second references, where there is one.
    pub short: Option<String>,
}

impl Citation {
    pub fn new(text: String) -> Citation {
        Citation {
            title: "Citation copied to the clipboard",
            text,
            short: None,
        }
    }

    /// A passage with its citation (`Y`).
    pub fn passage(text: String) -> Citation {
        Citation {
            title: "Passage copied to the clipboard",
            text,
            short: None,
        }
    }

    /// With the short form too (`s` copies it).
    pub fn with_short(text: String, short: String) -> Citation {
        Citation {
            short: Some(short),
            ..Citation::new(text)
        }
    }
}

impl Citation {
    /// The popup's text laid out `w` wide.
    fn lines(&self, w: usize, cx: &RenderCx) -> Vec<Line<'static>> {
        let theme = cx.theme;
        let mut lines: Vec<Line<'static>> = self
            .text
            .split('\n')
            .flat_map(|l| wrap(&[(l.to_string(), Default::default())], w, &[], &[]))
            .collect();
        lines.push(Line::raw(""));
        if let Some(s) = &self.short {
            lines.extend(wrap(
                &[
                    (
                        "Short form, for second references: ".to_string(),
                        theme.label(),
                    ),
                    (s.clone(), Default::default()),
                ],
                w,
                &[],
                &[],
            ));
            lines.push(Line::raw(""));
        }
        lines.extend(wrap(
            &[(
                format!(
                    "Sent by OSC 52 (works over ssh, and in tmux with set-clipboard on). If your terminal does not take it, {}",
                    select_hint(cx.app)
                ),
                theme.dim(),
            )],
            w,
            &[],
            &[],
        ));
        lines
    }
}

/// How to select the citation by hand: with the mouse, once the terminal
/// has it (mouse capture off).
fn select_hint(app: &App) -> String {
    if !app.mouse_capture {
        return "select the text above and copy it.".to_string();
    }
    match app.keymap.hint(Context::Global, Action::ToggleMouse) {
        Some(key) => format!(
            "press {key} to hand the mouse to the terminal, then select the text above and copy it ({key} again takes it back)."
        ),
        None => {
            "select the text above with shift held (mouse capture is on) and copy it.".to_string()
        }
    }
}

impl Component for Citation {
    fn context(&self, _: &App) -> Context {
        Context::Citation
    }

    fn mode(&self, _: &App) -> &'static str {
        "CITATION"
    }

    fn hints(&self, _: &RenderCx) -> Vec<(Action, &'static str)> {
        vec![(Action::Close, "close")]
    }

    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome {
        match action {
            Action::CopyShort => {
                if let Some(s) = &self.short {
                    cx.effects.push(crate::app::Effect::Copy(s.clone()));
                    cx.app.say("short citation copied");
                }
                Outcome::Consumed
            }
            Action::Close | Action::Cancel | Action::Yank | Action::YankPassage => Outcome::Close,
            other => stop_unless_global(other),
        }
    }

    fn render(&self, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
        let theme = cx.theme;
        let hint = cx.hints.line(
            Context::Citation,
            &[
                (Action::CopyShort, "copies the short form"),
                (Action::Close, "closes"),
            ],
        );
        let title = self.title;
        // As tall as the text needs (so the note on selecting it by hand
        // shows at 80x24), within the screen; the width does not depend on
        // the height.
        let first = centered(screen, 70, 60, 40, 14).intersection(screen);
        let w = content_rect(boxed(title, Some(&hint), true, first.width, theme).inner(first)).width
            as usize;
        let lines = self.lines(w, cx);
        let need = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX).max(14);
        let r = centered(screen, 70, 60, 40, need).intersection(screen);
        Clear.render(r, buf);
        let block = boxed(title, Some(&hint), true, r.width, theme);
        let inner = block.inner(r);
        block.render(r, buf);
        Paragraph::new(lines).render(content_rect(inner), buf);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

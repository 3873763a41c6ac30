//! The note editor popup: a small multi-line editor (Unicode, several
//! lines, pasted text) that asks before throwing unsaved text away — on
//! `esc` and on quitting alike — and stays open until the save went
//! through, so a failed save never loses the text.

use std::any::Any;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::component::{Component, Cx, Outcome, RenderCx, stop_unless_global};
use super::layout::clear_of;
use super::text_box::{TextBox, place, wrap};
use super::widgets::{boxed, content_rect};
use crate::action::Action;
use crate::app::notes::{Draft, Target};
use crate::app::{App, Effect, Event};
use crate::corpus::Stance;
use crate::keymap::{Context, Key};

pub struct Editor {
    pub target: Target,
    pub title: String,
    /// Where the note stands in the debate (`ctrl-t` cycles).
    pub stance: Option<Stance>,
    pub text: TextBox,
    /// Asking whether to throw away unsaved text.
    pub confirm_discard: bool,
    /// The question came from quit (ctrl-c): yes quits shifr, not only
    /// the editor.
    pub quitting: bool,
    /// A save was asked for; the editor closes when it went through.
    saving: bool,
    /// The text's screen rows (`text_box::wrap`), made when the text or
    /// the box's width changes, for drawing and for `up`/`down`.
    wrapped: Wrapped,
}

/// Screen rows of a text at a width.
#[derive(Default)]
struct Wrapped {
    text: String,
    width: usize,
    rows: Vec<(usize, usize)>,
}

impl Wrapped {
    fn is_for(&self, text: &str, width: usize) -> bool {
        self.width == width && self.text == text && !self.rows.is_empty()
    }
}

/// The editor's box on `screen`, clear of `avoid`, and the text's area in
/// it.
fn frame(screen: Rect, avoid: Option<Rect>) -> (Rect, Rect) {
    let want_w = ((u32::from(screen.width) * 7 / 10) as u16).max(40);
    let r = clear_of(screen, avoid, want_w, 14).intersection(screen);
    // Inside its border, as `boxed` draws it.
    let inner = ratatui::widgets::Block::bordered().inner(r);
    (r, content_rect(inner))
}

impl Editor {
    pub fn new(d: Draft) -> Editor {
        let cursor = d.text.len();
        Editor {
            target: d.target,
            title: d.title,
            stance: d.stance,
            text: TextBox {
                text: d.text,
                cursor,
                dirty: false,
            },
            confirm_discard: false,
            quitting: false,
            saving: false,
            wrapped: Wrapped::default(),
        }
    }
}

impl Component for Editor {
    fn context(&self, _: &App) -> Context {
        if self.confirm_discard {
            Context::Confirm
        } else {
            Context::Editor
        }
    }

    fn mode(&self, _: &App) -> &'static str {
        "NOTE"
    }

    fn hints(&self, _: &RenderCx) -> Vec<(Action, &'static str)> {
        if self.confirm_discard {
            vec![(Action::Yes, "yes"), (Action::No, "no")]
        } else {
            vec![(Action::Save, "save"), (Action::Close, "close")]
        }
    }

    fn takes_text(&self) -> bool {
        !self.confirm_discard
    }

    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome {
        let ed = &mut self.text;
        if self.confirm_discard {
            match action {
                Action::Yes => {
                    if self.quitting {
                        cx.effects.push(Effect::Quit);
                    } else {
                        cx.app.say("note discarded");
                    }
                    return Outcome::Close;
                }
                Action::No | Action::Close | Action::Cancel => self.confirm_discard = false,
                // Asked already: a second quit quits.
                Action::Quit => return Outcome::Ignored,
                _ => {}
            }
            return Outcome::Consumed;
        }
        match action {
            Action::Save => {
                if cx
                    .app
                    .save_text(&self.target, &ed.text, self.stance, cx.effects)
                {
                    self.saving = true;
                } else {
                    return Outcome::Close;
                }
            }
            Action::Close | Action::Cancel | Action::Quit => {
                if ed.dirty {
                    self.confirm_discard = true;
                    self.quitting = action == Action::Quit;
                } else if action == Action::Quit {
                    return Outcome::Ignored;
                } else {
                    return Outcome::Close;
                }
            }
            Action::CycleStance => {
                self.stance = match self.stance {
                    None => Some(Stance::Trigger),
                    Some(Stance::Trigger) => Some(Stance::Justification),
                    Some(Stance::Justification) => Some(Stance::Other),
                    Some(Stance::Other) => None,
                };
                ed.dirty = true;
            }
            // By screen rows, as drawn; by lines until it is laid out.
            Action::Up | Action::Down => {
                let down = action == Action::Down;
                let w = &self.wrapped;
                if w.is_for(&ed.text, w.width) {
                    ed.vertical_rows(&w.rows, w.width, down);
                } else {
                    ed.vertical(down);
                }
            }
            Action::Top => ed.cursor = ed.line_start(),
            Action::Bottom => ed.cursor = ed.line_end(),
            other if ed.readline(other) => {}
            other => return stop_unless_global(other),
        }
        Outcome::Consumed
    }

    fn key(&mut self, key: Key, _: &mut Cx) -> Outcome {
        if !self.confirm_discard {
            self.text.key(key);
        }
        Outcome::Consumed
    }

    fn paste(&mut self, text: &str, _: &mut Cx) -> Outcome {
        if !self.confirm_discard {
            self.text.insert(text);
        }
        Outcome::Consumed
    }

    fn event(&mut self, event: &Event, _: &mut Cx) -> Outcome {
        match event {
            Event::NoteSaved { result, .. } if self.saving => {
                self.saving = false;
                if result.is_ok() {
                    Outcome::Close
                } else {
                    // Not saved: the text stays, to save again or copy.
                    Outcome::Consumed
                }
            }
            _ => Outcome::Ignored,
        }
    }

    fn sync(&mut self, cx: &mut Cx) {
        let screen = Rect::new(0, 0, cx.size.width, cx.size.height);
        let width = frame(screen, cx.avoid).1.width as usize;
        if !self.wrapped.is_for(&self.text.text, width) {
            self.wrapped = Wrapped {
                text: self.text.text.clone(),
                width,
                rows: wrap(&self.text.text, width),
            };
        }
    }

    fn render(&self, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
        let theme = cx.theme;
        // Never over the passage being annotated.
        let (r, body) = frame(screen, cx.avoid);
        Clear.render(r, buf);
        let hint = if self.confirm_discard {
            let yes = if self.quitting {
                "quits, discarding it"
            } else {
                "discards"
            };
            cx.hints.line(
                Context::Confirm,
                &[(Action::Yes, yes), (Action::No, "keeps editing")],
            )
        } else {
            cx.hints.line(
                Context::Editor,
                &[
                    (Action::Save, "saves"),
                    (Action::CycleStance, "stance"),
                    (Action::Close, "closes"),
                ],
            )
        };
        let title = match self.stance {
            Some(s) => format!("{} · stance: {}", self.title, s.label()),
            None => self.title.clone(),
        };
        let block = boxed(&title, Some(&hint), true, r.width, theme);
        block.render(r, buf);
        if body.height == 0 || body.width == 0 {
            return;
        }
        let width = body.width as usize;
        // Laid out in `sync`; made here only for a frame drawn before it.
        let made;
        let rows = match self.wrapped.is_for(&self.text.text, width) {
            true => &self.wrapped.rows,
            false => {
                made = wrap(&self.text.text, width);
                &made
            }
        };
        let (rows, (crow, ccol)) = place(&self.text.text, rows, self.text.cursor, width);
        let h = body.height as usize - usize::from(self.confirm_discard);
        // Keep the cursor's row on screen.
        let top = crow.saturating_sub(h.saturating_sub(1));
        let mut lines: Vec<Line> = rows
            .iter()
            .skip(top)
            .take(h)
            .map(|s| Line::raw(s.clone()))
            .collect();
        if self.text.text.is_empty() {
            lines = vec![Line::styled(
                "Write your note. Enter starts a new line.",
                theme.dim(),
            )];
        }
        Paragraph::new(lines).render(
            Rect {
                height: h as u16,
                ..body
            },
            buf,
        );
        // Text above or below the rows shown: a scrollbar on the border.
        super::widgets::scrollbar(rows.len(), top, h, r, buf, theme);
        // The cursor: a reversed cell (the terminal's own stays hidden).
        if crow >= top && crow - top < h {
            let (x, y) = (body.x + ccol as u16, body.y + (crow - top) as u16);
            if x < body.right() {
                let cell = &mut buf[(x, y)];
                if cell.symbol().trim().is_empty() {
                    cell.set_symbol("▏");
                }
                cell.set_style(theme.selected(true));
            }
        }
        if self.confirm_discard {
            let y = body.bottom() - 1;
            let ask = if self.quitting {
                "Quit shifr and discard your unsaved note? (keys below)"
            } else {
                "Discard your unsaved note? (keys below)"
            };
            buf.set_stringn(body.x, y, ask, body.width as usize, theme.error());
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

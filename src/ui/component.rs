//! What every screen is: a component on the compositor's stack. The reader
//! (its three panes) is at the bottom; each overlay sits above it. Keys go
//! to the top component first and fall through while a component ignores
//! them; components are drawn bottom to top.

use std::any::Any;

use crossterm::event::{MouseEvent, MouseEventKind};
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};

use super::hints::Hints;
use crate::action::Action;
use crate::app::session::Resume;
use crate::app::{App, Effect, Event};
use crate::keymap::{Context, Key};
use crate::theme::Theme;

/// What a component gets while it handles an action: the model, the
/// screen size, and a list to push effects to.
pub struct Cx<'a> {
    pub app: &'a mut App,
    pub effects: &'a mut Vec<Effect>,
    pub size: Size,
    pub theme: &'a Theme,
    pub hints: &'a Hints,
    /// The context of the component on top when the action came.
    pub top: Context,
    /// Where the passage an overlay must not cover is (`RenderCx::avoid`),
    /// once the reader is laid out: set while the views are brought up to
    /// date (`sync`), none while an action is handled.
    pub avoid: Option<Rect>,
}

/// What a component gets to draw with: read-only.
pub struct RenderCx<'a> {
    pub app: &'a App,
    pub size: Size,
    pub theme: &'a Theme,
    pub hints: &'a Hints,
    /// Where on the screen the passage being read or annotated is (the
    /// reader's highlighted passage), for an overlay that must not cover
    /// it (the note editor).
    pub avoid: Option<Rect>,
}

impl Cx<'_> {
    /// The same context, read-only.
    pub fn view(&self) -> RenderCx<'_> {
        RenderCx {
            app: self.app,
            size: self.size,
            theme: self.theme,
            hints: self.hints,
            avoid: None,
        }
    }
}

/// What became of an action, a key or an event.
pub enum Outcome {
    /// Handled here.
    Consumed,
    /// Not for this component: offered to the one below.
    Ignored,
    /// Handled, and this component is done: take it off the stack.
    Close,
    /// Handled: put this component on top.
    Push(Box<dyn Component>),
    /// Handled: take this component off and put that one on.
    Replace(Box<dyn Component>),
}

pub trait Component: Any {
    /// The keymap table looked in first for this component's keys.
    fn context(&self, app: &App) -> Context;

    /// "COMPARE", "SEARCH"… for the status line.
    fn mode(&self, app: &App) -> &'static str;

    /// (action, what the status line calls it), most useful first.
    fn hints(&self, cx: &RenderCx) -> Vec<(Action, &'static str)>;

    /// Whether typed characters are text here (not global keys).
    fn takes_text(&self) -> bool {
        false
    }

    /// Whether this component draws the status line's row itself (the
    /// find bar, as `less` and vim put their prompts there): the status
    /// line is not drawn under it, and no pane's border is covered.
    fn owns_status_line(&self) -> bool {
        false
    }

    /// An extra word for the status line ("synced").
    fn status(&self, _app: &App) -> Option<String> {
        None
    }

    /// The view to reopen at the next start if this one is on top when
    /// the reader quits (none for popups and prompts).
    fn resume(&self) -> Option<Resume> {
        None
    }

    /// Applies one action.
    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome;

    /// A key no binding took (typing, in components that take text).
    fn key(&mut self, _key: Key, _cx: &mut Cx) -> Outcome {
        Outcome::Consumed
    }

    /// Pasted text.
    fn paste(&mut self, _text: &str, _cx: &mut Cx) -> Outcome {
        Outcome::Consumed
    }

    /// The mouse: by default the wheel scrolls.
    fn mouse(&mut self, m: MouseEvent, cx: &mut Cx) -> Outcome {
        match m.kind {
            MouseEventKind::ScrollDown => self.update(Action::Down, cx),
            MouseEventKind::ScrollUp => self.update(Action::Up, cx),
            _ => Outcome::Consumed,
        }
    }

    /// An answer from the runner.
    fn event(&mut self, _event: &Event, _cx: &mut Cx) -> Outcome {
        Outcome::Ignored
    }

    /// Brings cached views up to date with their inputs (the model, the
    /// size) and keeps scroll positions inside them. Runs after every
    /// change; it rebuilds only what changed.
    fn sync(&mut self, _cx: &mut Cx) {}

    /// The whole corpus has replaced the part shown while it loaded
    /// (`app::swap`): `map` renumbers a telegram index of the part. Whether
    /// this component stays; one that does not is closed, and opened again
    /// on the whole if it would be at the next start (`resume`).
    fn corpus_replaced(&mut self, _map: &dyn Fn(usize) -> Option<usize>, _cx: &mut Cx) -> bool {
        true
    }

    /// Draws into the buffer; reads only.
    fn render(&self, area: Rect, buf: &mut Buffer, cx: &RenderCx);

    fn as_any(&self) -> &dyn Any;
}

/// For the end of an overlay's `update`: quitting, suspending, mouse
/// capture and help fall through to the reader; everything else stops here.
pub fn stop_unless_global(action: Action) -> Outcome {
    match action {
        Action::Quit | Action::Suspend | Action::ToggleMouse | Action::Help => Outcome::Ignored,
        _ => Outcome::Consumed,
    }
}

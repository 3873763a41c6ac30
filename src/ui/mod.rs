//! The screens. A [`Shell`] holds the model and the compositor's stack: the
//! reader at the bottom, overlays above it, each one component
//! (`component::Component`). A key goes to the top component first and
//! falls through while a component ignores it; after every change each
//! component brings its cached views up to date (`sync`); drawing goes
//! bottom to top and only reads. What a component cannot do itself leaves
//! as an effect, for `crate::runner` to carry out.
//!
//! Adding a screen: one file here implementing `Component`, a view under
//! `view/` if it derives anything, its table in `keymap.toml` and its
//! context in `keymap::contexts!`, and one line where it is opened (the
//! reader's `update`, for a key that works everywhere). ARCHITECTURE.md
//! walks through one.

pub mod apparatus;
pub mod bookmarks;
pub mod citation;
pub mod compare;
pub mod component;
pub mod confirm;
pub mod debate;
pub mod editor;
pub mod filter;
pub mod find;
pub mod help;
pub mod hints;
pub mod layout;
pub mod matrix;
pub mod reader;
pub mod search;
pub mod status;
pub mod text_box;
pub mod timeline;
pub mod widgets;

use std::ops::{Deref, DerefMut};

use crossterm::event::MouseEvent;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};

use crate::action::Action;
use crate::app::{App, Effect, Event};
use crate::keymap::{Context, Key};
use crate::theme::Theme;
use component::{Component, Cx, Outcome, RenderCx};
use hints::Hints;
use layout::{MIN_HEIGHT, MIN_WIDTH};
use reader::Reader;

/// The model and the stack of components on it.
pub struct Shell {
    pub app: App,
    theme: Theme,
    size: Size,
    hints: Hints,
    reader: Reader,
    /// Overlays, bottom to top.
    layers: Vec<Box<dyn Component>>,
    effects: Vec<Effect>,
    /// The last key's action, the context it was found in, and whether the
    /// component on top took it (rather than one below).
    last: Option<(Context, Action, bool)>,
}

impl Deref for Shell {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl DerefMut for Shell {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

/// What a handler does to one component with a context.
type Handler<'h> = dyn FnMut(&mut dyn Component, &mut Cx) -> Outcome + 'h;

impl Shell {
    pub fn new(app: App, theme: Theme, size: Size) -> Shell {
        let hints = Hints::new(&app.keymap);
        let mut s = Shell {
            app,
            theme,
            size,
            hints,
            reader: Reader::new(),
            layers: Vec::new(),
            effects: Vec::new(),
            last: None,
        };
        s.sync();
        s
    }

    pub fn size(&self) -> Size {
        self.size
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The component on top, which gets the keys first.
    fn top(&self) -> &dyn Component {
        self.layers
            .last()
            .map_or(&self.reader as &dyn Component, |b| b.as_ref())
    }

    /// The keymap context that gets the next key.
    pub fn context(&self) -> Context {
        self.top().context(&self.app)
    }

    /// "LIST", "COMPARE", … for the status line.
    pub fn mode(&self) -> &'static str {
        self.top().mode(&self.app)
    }

    /// How many overlays are open.
    pub fn overlays(&self) -> usize {
        self.layers.len()
    }

    /// The top overlay, if it is a `T`.
    pub fn top_as<T: 'static>(&self) -> Option<&T> {
        self.layers.last()?.as_any().downcast_ref()
    }

    /// The topmost overlay that is a `T`.
    pub fn find<T: 'static>(&self) -> Option<&T> {
        self.layers
            .iter()
            .rev()
            .find_map(|l| l.as_any().downcast_ref())
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    /// What the runner is to do next.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The last key's action, the context it was looked up in, and whether
    /// the component on top took it (tests use it to check help's word).
    pub fn last_key(&self) -> Option<(Context, Action, bool)> {
        self.last
    }

    /// The context for the components, and the stack itself.
    fn split(&mut self) -> (Cx<'_>, &mut Reader, &mut Vec<Box<dyn Component>>) {
        let top = self.context();
        let Shell {
            app,
            theme,
            size,
            hints,
            reader,
            layers,
            effects,
            ..
        } = self;
        let cx = Cx {
            app,
            effects,
            size: *size,
            theme,
            hints,
            top,
            avoid: None,
        };
        (cx, reader, layers)
    }

    /// Offers something to the components top-down until one takes it,
    /// applies the outcome, and brings every view up to date. Whether the
    /// top component took it.
    fn dispatch(&mut self, f: &mut Handler) -> bool {
        let (mut cx, reader, layers) = self.split();
        let mut at = layers.len();
        let top_at = at;
        let mut taken = None;
        loop {
            let (outcome, here) = if at == 0 {
                (f(reader, &mut cx), None)
            } else {
                at -= 1;
                (f(layers[at].as_mut(), &mut cx), Some(at))
            };
            if !matches!(outcome, Outcome::Ignored) {
                taken = Some(here.map_or(0, |i| i + 1));
            }
            match (outcome, here) {
                (Outcome::Ignored, Some(_)) => continue,
                (Outcome::Ignored | Outcome::Consumed, _) => break,
                (Outcome::Close, Some(i)) => {
                    layers.remove(i);
                    break;
                }
                (Outcome::Close, None) => break,
                (Outcome::Push(c), _) => {
                    layers.push(c);
                    break;
                }
                (Outcome::Replace(c), Some(i)) => {
                    layers[i] = c;
                    break;
                }
                (Outcome::Replace(c), None) => {
                    layers.push(c);
                    break;
                }
            }
        }
        self.sync();
        taken == Some(top_at)
    }

    /// Every component brings its cached views up to date, bottom first
    /// (after a change made to the model directly).
    pub fn sync(&mut self) {
        let (mut cx, reader, layers) = self.split();
        reader.sync(&mut cx);
        // As the frame will have it (`render_cx`).
        cx.avoid = match layers.is_empty() {
            true => None,
            false => reader.anchor_rect(cx.app),
        };
        for l in layers.iter_mut() {
            l.sync(&mut cx);
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        let ctx = self.context();
        let by_top = self.dispatch(&mut |c, cx| c.update(action, cx));
        self.last = Some((ctx, action, by_top));
    }

    /// Looks a key up (the top component's context first, then global)
    /// and applies it; a key with no binding is typing.
    pub fn handle_key(&mut self, key: Key) {
        self.app.flash = None;
        self.app.touched = true;
        let top = self.top();
        let ctx = top.context(&self.app);
        let typing = top.takes_text() && key.typed_char().is_some();
        let found = self
            .app
            .keymap
            .action(ctx, &key)
            .or_else(|| (!typing).then(|| self.app.keymap.action(Context::Global, &key))?);
        match found {
            Some(a) => self.update(a),
            None => {
                self.last = None;
                self.dispatch(&mut |c, cx| c.key(key, cx));
            }
        }
    }

    /// Presses keys written as in keymap.toml, separated by spaces
    /// (`"j j ctrl-d tab ?"`), without running their effects: see
    /// `runner::press` for that.
    pub fn press_keys(&mut self, keys: &str) -> Result<(), String> {
        for k in keys.split_whitespace() {
            self.handle_key(k.parse::<Key>()?);
        }
        Ok(())
    }

    pub fn handle_mouse(&mut self, m: MouseEvent) {
        self.app.touched = true;
        self.dispatch(&mut |c, cx| c.mouse(m, cx));
    }

    pub fn paste(&mut self, text: &str) {
        self.dispatch(&mut |c, cx| c.paste(text, cx));
    }

    /// The view to reopen at the next start: the topmost that would.
    pub fn resume_overlay(&self) -> Option<crate::app::session::Resume> {
        self.layers.iter().rev().find_map(|l| l.resume())
    }

    /// Opens a view again, as the last run left it open.
    pub fn reopen(&mut self, resume: crate::app::session::Resume) {
        let (mut cx, _, layers) = self.split();
        layers.extend(opened(resume, &mut cx));
        self.sync();
    }

    /// Takes the whole corpus in place of the part shown while it loaded:
    /// the model carries its places over, the reader lays everything out
    /// again, and each overlay keeps up or is opened again on the whole.
    pub fn replace_corpus(&mut self, corpus: std::sync::Arc<crate::corpus::Corpus>) {
        let old = self.app.replace_corpus(corpus);
        let new = std::sync::Arc::clone(&self.app.corpus);
        let map = |i: usize| crate::app::swap::renumber(&old, &new, i);
        self.reader = Reader::new();
        let (mut cx, _, layers) = self.split();
        // Bottom up, each in its place: what stays, or the same view opened
        // again on the whole (the ones above it see it there).
        let old = std::mem::take(layers);
        for mut l in old {
            if l.corpus_replaced(&map, &mut cx) {
                layers.push(l);
            } else if let Some(again) = l.resume().and_then(|o| opened(o, &mut cx)) {
                layers.push(again);
            }
        }
        self.sync();
    }

    /// Opens a telegram by id (a deep link).
    pub fn open_id(&mut self, id: &str) -> Result<(), String> {
        self.app.open_id(id)?;
        self.sync();
        Ok(())
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = Size::new(width, height);
        self.sync();
    }

    /// An answer from the runner: the model takes its part, then the
    /// components theirs.
    pub fn event(&mut self, event: Event) {
        let app = &mut self.app;
        match &event {
            Event::SearchReady => {
                app.index_progress = None;
                app.search_ready_now(&mut self.effects);
            }
            Event::SearchProgress(p) => app.index_progress = Some(*p),
            Event::NoteSaved { result, done } => app.note_saved(result, done, &mut self.effects),
            Event::EditorDone(edit, result) => {
                app.finish_external_edit(edit.clone(), result.clone(), &mut self.effects)
            }
            Event::SearchResults {
                generation,
                result: Ok(hits),
                ..
            } => app.search_answered(*generation, hits),
            Event::SearchResults { .. } | Event::SearchShown { .. } => {}
        }
        self.dispatch(&mut |c, cx| c.event(&event, cx));
    }

    fn render_cx(&self) -> RenderCx<'_> {
        RenderCx {
            app: &self.app,
            size: self.size,
            theme: &self.theme,
            hints: &self.hints,
            // Only an overlay can cover the passage.
            avoid: if self.layers.is_empty() {
                None
            } else {
                self.reader.anchor_rect(&self.app)
            },
        }
    }

    /// Draws the whole screen.
    pub fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        self.draw(area, frame.buffer_mut());
    }

    /// Draws the whole screen into a buffer (also used for screenshots).
    pub fn draw(&self, area: Rect, buf: &mut Buffer) {
        let cx = self.render_cx();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let quit = self.hints.key(Context::Global, Action::Quit);
            widgets::too_small(area, buf, &self.theme, quit);
            return;
        }
        self.reader.render(area, buf, &cx);
        for l in &self.layers {
            l.render(area, buf, &cx);
        }
        if let Some(r) = self
            .reader
            .areas()
            .status
            .filter(|_| !self.top().owns_status_line())
        {
            let word = self
                .layers
                .iter()
                .rev()
                .find_map(|l| l.status(&self.app))
                .or_else(|| self.reader.status(&self.app));
            status::render(&cx, self.top(), word, r, buf);
        }
    }
}

/// A view of those the reading state reopens, opened afresh.
fn opened(resume: crate::app::session::Resume, cx: &mut Cx) -> Option<Box<dyn Component>> {
    use crate::app::session::Overlay as O;
    match resume.overlay {
        O::Compare => compare::Compare::open(cx).map(|mut c| {
            if let Some(place) = &resume.compare {
                c.go_to(place, cx);
            }
            Box::new(c) as _
        }),
        O::Timeline => Some(Box::new(timeline::Timeline::open(cx))),
        O::Matrix => Some(Box::new(matrix::MatrixView::open(cx))),
        O::Debate => debate::Debate::open(cx).map(|c| Box::new(c) as _),
        O::Apparatus => Some(Box::new(apparatus::Apparatus::open(cx))),
    }
}

//! The reader: the list, the message and the annotations, at the bottom of
//! the compositor's stack. It keeps the panes' layout and the laid-out
//! message and notes, rebuilt only when what they show changes, and scrolls
//! against them.

mod hints;
pub mod list;
mod nav;
mod places;

use std::any::Any;

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::text::Line;

use super::component::{Component, Cx, Outcome, RenderCx};
use super::layout::{self, Areas, Arrangement};
use super::widgets::{inner, scrolled_pane};
use super::{
    apparatus, bookmarks, citation, compare, confirm, debate, editor, filter, find, help, matrix,
    search, timeline,
};
use crate::action::Action;
use crate::app::{App, Effect, FindIn, HeaderMode, Pane};
use crate::keymap::Context;
use crate::theme::Theme;
use crate::view::annotations::{self, NotesText};
use crate::view::message::{self, MessageText};

/// What the message layout was built from.
#[derive(Clone, Debug, PartialEq)]
struct MessageKey {
    telegram: Option<usize>,
    width: usize,
    anchor: Option<String>,
    anchor_witness: Option<String>,
    search: u64,
    compact: bool,
}

/// Below this many rows of message pane the header is compact, unless the
/// user asked for it in full: at 80×24 the full header of 2 October (13–17
/// lines) leaves no room for a word of the text.
const FULL_HEADER_ROWS: usize = 30;

/// Rows kept in view above and below the list's selection, as vim's
/// `scrolloff`.
const SCROLL_OFF: usize = 2;

/// What the notes layout was built from.
#[derive(Clone, Debug, PartialEq)]
struct NotesKey {
    telegram: Option<usize>,
    width: usize,
    notes: u64,
    /// Why the reader's notes are read-only, said above them.
    read_only: Option<String>,
}

pub struct Reader {
    size: Size,
    theme: Theme,
    /// The keys that open the comparison and the debate, named in the
    /// message pane.
    compare_hint: String,
    debate_hint: String,
    areas: Areas,
    message: MessageText,
    message_key: Option<MessageKey>,
    notes: NotesText,
    notes_key: Option<NotesKey>,
    /// The message with a find's occurrences marked, and for what
    /// (layout, word, current occurrence).
    found: Option<(MessageKey, String, usize, Vec<Line<'static>>)>,
}

impl Default for Reader {
    fn default() -> Self {
        Reader::new()
    }
}

impl Reader {
    pub fn new() -> Reader {
        Reader {
            size: Size::default(),
            theme: Theme::plain(),
            compare_hint: String::new(),
            debate_hint: String::new(),
            areas: layout::compute(Rect::default(), Pane::List, true, Default::default()),
            message: MessageText::default(),
            message_key: None,
            notes: NotesText::default(),
            notes_key: None,
            found: None,
        }
    }

    /// Rebuilds the layouts whose inputs changed.
    fn relayout(&mut self, app: &App) {
        let size = self.size;
        self.areas = layout::compute(
            Rect::new(0, 0, size.width, size.height),
            app.focus,
            app.show_annotations,
            app.panes,
        );
        // Group boundaries do not depend on which group is highlighted, so
        // the cursor's align key comes from the layout in hand when it is of
        // the open telegram (opening another clears the cursor).
        let same = self
            .message_key
            .as_ref()
            .is_some_and(|k| k.telegram == app.open);
        let (anchor, anchor_witness) = match app.focus {
            Pane::Annotations => (
                app.selected_note_anchor().map(str::to_string),
                app.selected_note_witness().map(str::to_string),
            ),
            Pane::Message if same => match self.cursor_passage(app) {
                Some((w, a)) => (Some(a), Some(w)),
                None => (None, None),
            },
            _ => (None, None),
        };
        let key = MessageKey {
            telegram: app.open,
            width: self.width(Pane::Message),
            anchor,
            anchor_witness,
            search: app.search_epoch,
            compact: self.compact_header(app),
        };
        if self.message_key.as_ref() != Some(&key) {
            let options = message::Options {
                anchor: key.anchor.as_deref(),
                anchor_witness: key.anchor_witness.as_deref(),
                compare_hint: (!self.compare_hint.is_empty()).then_some(self.compare_hint.as_str()),
                debate_hint: (!self.debate_hint.is_empty()).then_some(self.debate_hint.as_str()),
                compact: key.compact,
            };
            self.message = match app.telegram() {
                Some(t) => message::build_with(
                    &app.corpus,
                    t,
                    &self.theme,
                    key.width,
                    &options,
                    &app.message_highlights(),
                ),
                None => MessageText::default(),
            };
            self.message_key = Some(key);
        }
        let key = NotesKey {
            telegram: app.open,
            width: self.width(Pane::Annotations),
            notes: app.notes_epoch,
            // Of a notes file (not of a reader run with none, as in tests).
            read_only: app
                .store
                .read_only
                .clone()
                .filter(|_| !app.store.path.as_os_str().is_empty()),
        };
        if self.notes_key.as_ref() != Some(&key) {
            self.notes = match app.telegram() {
                Some(t) => annotations::build(
                    &app.corpus,
                    t,
                    &app.store.notes,
                    &self.theme,
                    key.width,
                    // The selection is marked when drawing: moving it lays
                    // nothing out again, however many notes there are.
                    None,
                    false,
                    key.read_only.as_deref(),
                ),
                None => NotesText::default(),
            };
            self.notes_key = Some(key);
        }
    }

    /// Whether the message pane shows the header in two or three lines.
    pub fn compact_header(&self, app: &App) -> bool {
        match app.header {
            HeaderMode::Auto => self.height(Pane::Message) < FULL_HEADER_ROWS,
            HeaderMode::Full => false,
            HeaderMode::Compact => true,
        }
    }

    /// Takes the size, theme and keys of this run, then lays out.
    pub(super) fn fresh(&mut self, cx: &Cx) {
        if self.size != cx.size || self.theme != *cx.theme {
            self.size = cx.size;
            self.theme = *cx.theme;
            self.compare_hint = cx.hints.key(Context::Global, Action::Compare).to_string();
            self.debate_hint = cx.hints.key(Context::Global, Action::Debate).to_string();
        }
        self.relayout(cx.app);
    }

    fn push_draft(draft: Option<crate::app::notes::Draft>) -> Outcome {
        match draft {
            Some(d) => Outcome::Push(Box::new(editor::Editor::new(d))),
            None => Outcome::Consumed,
        }
    }
}

impl Component for Reader {
    fn context(&self, app: &App) -> Context {
        match app.focus {
            Pane::List => Context::List,
            Pane::Message => Context::Message,
            Pane::Annotations => Context::Annotations,
        }
    }

    fn mode(&self, app: &App) -> &'static str {
        match app.focus {
            Pane::List => "LIST",
            Pane::Message => "MESSAGE",
            Pane::Annotations => "NOTES",
        }
    }

    fn status(&self, app: &App) -> Option<String> {
        app.panes.zoom.then(|| "zoomed".to_string())
    }

    fn hints(&self, cx: &RenderCx) -> Vec<(Action, &'static str)> {
        self.pane_hints(cx.app)
    }

    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome {
        self.fresh(cx);
        let app = &mut *cx.app;
        if let Some(why) = app.waits_for_whole(action) {
            app.say(why);
            return Outcome::Consumed;
        }
        match action {
            Action::Quit => cx.effects.push(Effect::Quit),
            Action::Suspend => cx.effects.push(Effect::Suspend),
            Action::ToggleMouse => app.toggle_mouse(cx.effects),
            Action::Help => return Outcome::Push(Box::new(help::Help::new(cx.top, cx))),
            Action::Compare => {
                if let Some(c) = compare::Compare::open(cx) {
                    return Outcome::Push(Box::new(c));
                }
            }
            Action::Timeline => return Outcome::Push(Box::new(timeline::Timeline::open(cx))),
            Action::Matrix => return Outcome::Push(Box::new(matrix::MatrixView::open(cx))),
            Action::Apparatus => {
                return Outcome::Push(Box::new(apparatus::Apparatus::open(cx)));
            }
            Action::Debate => {
                if let Some(d) = debate::Debate::open(cx) {
                    return Outcome::Push(Box::new(d));
                }
            }
            Action::Search => return Outcome::Push(Box::new(search::Search::open(cx))),
            Action::Find if app.telegram().is_some() => {
                if app.focus == Pane::List {
                    app.open_selected();
                }
                return Outcome::Push(Box::new(find::Find::open(cx, FindIn::Message)));
            }
            Action::JumpBack => app.jump_back(),
            Action::JumpForward => app.jump_forward(),
            Action::ToggleBookmark => {
                let passage = self.cursor_passage(app);
                app.toggle_bookmark(passage, cx.effects);
            }
            Action::Bookmarks => {
                return Outcome::Push(Box::new(bookmarks::Bookmarks::open(cx)));
            }
            Action::SearchNext => app.step_hit(1),
            Action::SearchPrev => app.step_hit(-1),
            Action::AddNote => {
                let passage = if app.focus == Pane::Message {
                    self.cursor_passage(app)
                } else {
                    None
                };
                // The passage at the top of the pane, so the editor can go
                // below it and leave it in view.
                if passage.is_some()
                    && let Some(g) = app.message_cursor.and_then(|i| self.message.groups.get(i))
                {
                    app.message_scroll = g.2;
                }
                return Self::push_draft(app.add_note(passage, cx.effects));
            }
            Action::EditNote => return Self::push_draft(app.edit_note(cx.effects)),
            Action::DeleteNote => {
                if let Some((question, id)) = app.delete_question() {
                    return Outcome::Push(Box::new(confirm::Confirm::delete_note(question, id)));
                }
            }
            Action::Yank => {
                if let Some((c, short)) = app.yank(cx.effects) {
                    return Outcome::Push(Box::new(citation::Citation::with_short(c, short)));
                }
            }
            Action::YankPassage => {
                let passage = self.cursor_passage(app);
                if let Some(text) = app.yank_passage(passage, cx.effects) {
                    return Outcome::Push(Box::new(citation::Citation::passage(text)));
                }
            }
            Action::NextPassage => self.step_passage(app, 1),
            Action::PrevPassage => self.step_passage(app, -1),
            Action::FocusNext => app.cycle_focus(1),
            Action::FocusPrev => app.cycle_focus(-1),
            Action::Down => self.move_by(app, 1),
            Action::Up => self.move_by(app, -1),
            Action::HalfPageDown => self.move_by(app, self.page(app, true)),
            Action::HalfPageUp => self.move_by(app, -self.page(app, true)),
            Action::PageDown => self.move_by(app, self.page(app, false)),
            Action::PageUp => self.move_by(app, -self.page(app, false)),
            Action::Top => self.move_to_end(app, false),
            Action::Bottom => self.move_to_end(app, true),
            Action::Open => app.open_selected(),
            Action::PrevTelegram => app.step_telegram(-1),
            Action::NextTelegram => app.step_telegram(1),
            Action::ToggleGrouping => app.toggle_grouping(),
            Action::Filter => {
                if app.list.filter.is_some() {
                    app.clear_filter();
                } else {
                    return Outcome::Push(Box::new(filter::Filter::new(&app.corpus)));
                }
            }
            Action::ToggleAnnotations => {
                app.toggle_annotations();
                self.keep_passage_in_view(app);
            }
            Action::ToggleZoom => {
                app.toggle_zoom();
                // The message pane's height changed: the passage under the
                // cursor stays on screen.
                self.keep_passage_in_view(app);
            }
            Action::ToggleHeader => {
                let compact = self.compact_header(app);
                app.toggle_header(compact);
                // Show the header that changed.
                app.message_scroll = 0;
            }
            Action::ListWider => app.resize_list(4),
            Action::ListNarrower => app.resize_list(-4),
            Action::Cancel => {
                if app.focus == Pane::Message && app.message_cursor.is_some() {
                    app.message_cursor = None;
                } else if app.list.filter.is_some() {
                    app.clear_filter();
                } else if app.put_search_away() {
                    let n = cx
                        .hints
                        .key(Context::Global, Action::SearchNext)
                        .to_string();
                    app.say(format!("search highlights off ({n} brings them back)"));
                }
            }
            _ => {}
        }
        Outcome::Consumed
    }

    /// Wheel scrolls the pane under the pointer; a click focuses a pane and
    /// selects what is under it (a list row is also opened).
    fn mouse(&mut self, m: MouseEvent, cx: &mut Cx) -> Outcome {
        self.fresh(cx);
        let app = &mut *cx.app;
        let Some(pane) = self.areas.pane_at(m.column, m.row) else {
            return Outcome::Consumed;
        };
        let area = inner(self.areas.pane(pane).unwrap_or_default());
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let d: isize = if m.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                match pane {
                    Pane::List => app.list.scroll(d, area.height as usize),
                    Pane::Message => {
                        app.message_scroll = (app.message_scroll as isize + d).max(0) as usize
                    }
                    Pane::Annotations => {
                        app.notes.scroll = (app.notes.scroll as isize + d).max(0) as usize
                    }
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                app.flash = None;
                app.focus = pane;
                if !area.contains((m.column, m.row).into()) {
                    return Outcome::Consumed;
                }
                let row = (m.row - area.y) as usize;
                match pane {
                    Pane::List => {
                        if app.list.select_visible_row(row)
                            && let Some(i) = app.list.selected_telegram()
                        {
                            app.open_telegram(i);
                        }
                    }
                    Pane::Annotations => {
                        if let Some(n) = self.notes.note_at(app.notes.scroll + row) {
                            app.notes.selected = n;
                            self.follow_note(app);
                        }
                    }
                    Pane::Message => {}
                }
            }
            _ => {}
        }
        Outcome::Consumed
    }

    fn sync(&mut self, cx: &mut Cx) {
        self.fresh(cx);
        if let Some(r) = cx.app.reveal.take() {
            self.reveal(cx.app, r);
        }
        let app = &mut *cx.app;
        app.list.keep_visible(self.height(Pane::List), SCROLL_OFF);
        self.find(app, cx.theme);
        self.clamp(app);
    }

    fn render(&self, _area: Rect, buf: &mut Buffer, cx: &RenderCx) {
        let app = cx.app;
        let areas = &self.areas;
        if let Some(r) = areas.list {
            list::render(cx, r, buf);
        }
        if let Some(r) = areas.message {
            let title = match app.telegram() {
                Some(t) if areas.arrangement == Arrangement::Single => {
                    format!("Message · {}", t.date.short())
                }
                _ => "Message".to_string(),
            };
            let focused = app.focus == Pane::Message;
            let scroll = app.message_scroll;
            let lines = self.found.as_ref().map_or(&self.message.lines, |f| &f.3);
            scrolled_pane(lines, &title, focused, scroll, cx.theme, r, buf);
        }
        if let Some(r) = areas.annotations {
            let n = app.note_order().len();
            let title = format!("Annotations · {n}");
            let focused = app.focus == Pane::Annotations;
            let scroll = app.notes.scroll;
            let h = inner(r).height as usize;
            let lines = self.notes_marked(app, focused, scroll, h, cx.theme);
            scrolled_pane(&lines, &title, focused, scroll, cx.theme, r, buf);
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

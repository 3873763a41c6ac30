//! The reader's state and everything that changes it. Pure: no terminal.
//! Keys and mouse events become [`Action`]s through the keymap, and
//! [`App::update`] applies them. The views in `ui` only read this state.

pub mod compare;
pub mod list;
pub mod matrix;
pub mod notes;
pub mod search;
pub mod timeline;

use std::sync::Arc;

use crossterm::event::{KeyCode, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Rect, Size};

use crate::action::Action;
use crate::corpus::{Corpus, Telegram};
use crate::keymap::{Context, Key, Keymap};
use crate::layout::{self, Areas, Pane};
use crate::ui;
use crate::ui::theme::Theme;
use compare::CompareState;
use list::{Grouping, ListState};

/// The help overlay.
#[derive(Clone, Debug, PartialEq)]
pub struct HelpState {
    pub scroll: usize,
    /// Where help was opened: its keys are listed first.
    pub from: Context,
}

/// The person picker behind `f`.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterPicker {
    pub query: String,
    /// (person id, telegrams) matching the query, most telegrams first.
    pub matches: Vec<(String, usize)>,
    pub selected: usize,
}

/// What sits above the panes and takes the keys. Overlays stack: the top
/// one gets the keys; they are drawn bottom to top.
#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    Help(HelpState),
    Filter(FilterPicker),
    Compare(CompareState),
    Search(search::SearchState),
    Editor(notes::EditorState),
    Confirm(notes::ConfirmState),
    /// A citation just copied, shown to copy by hand where OSC 52 fails.
    Citation(String),
    Timeline(timeline::TimelineState),
    Matrix(matrix::MatrixState),
}

/// The annotations pane: which note is selected, and the scroll.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NotesState {
    /// Display index (see `ui::annotations::display_order`).
    pub selected: usize,
    pub scroll: usize,
}

/// The whole reader.
pub struct App {
    pub corpus: Arc<Corpus>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub size: Size,
    pub focus: Pane,
    pub list: ListState,
    /// The telegram shown in the message pane (index into the corpus).
    pub open: Option<usize>,
    pub message_scroll: usize,
    pub notes: NotesState,
    pub show_annotations: bool,
    pub overlays: Vec<Overlay>,
    /// A one-off message for the status line, cleared by the next key.
    pub flash: Option<String>,
    pub should_quit: bool,
    /// An index to search synchronously (tests); without one, queries go
    /// to the worker through `search_outbox`.
    pub search_index: Option<Arc<crate::search::Index>>,
    pub search_index_ready: bool,
    pub search_outbox: Option<(u64, String)>,
    pub search_gen: u64,
    pub last_search: Option<search::LastSearch>,
    /// The reader's own notes and their file.
    pub store: crate::notes::store::Store,
    /// The passage (group index) under the message pane's cursor.
    pub message_cursor: Option<usize>,
    /// `$EDITOR`, when notes are to be written there instead of the popup.
    pub external_editor: Option<String>,
    /// A note waiting for the terminal layer to run `$EDITOR`.
    pub external_edit: Option<notes::ExternalEdit>,
    /// The notes changed: the search index should be rebuilt.
    pub search_reindex: bool,
    /// Text for the terminal layer to put on the clipboard (OSC 52).
    pub clipboard: Option<String>,
    /// Where the user's keymap file is (or would be), for the help overlay.
    pub keymap_file: Option<String>,
}

impl App {
    pub fn new(corpus: Arc<Corpus>, keymap: Keymap, theme: Theme, size: Size) -> App {
        let list = ListState::new(&corpus);
        let open = list.selected_telegram();
        App {
            corpus,
            keymap,
            theme,
            size,
            focus: Pane::List,
            list,
            open,
            message_scroll: 0,
            notes: NotesState::default(),
            show_annotations: true,
            overlays: Vec::new(),
            flash: None,
            should_quit: false,
            search_index: None,
            search_index_ready: false,
            search_outbox: None,
            search_gen: 0,
            last_search: None,
            store: crate::notes::store::Store::nowhere("no notes file was given"),
            message_cursor: None,
            external_editor: None,
            external_edit: None,
            search_reindex: false,
            clipboard: None,
            keymap_file: None,
        }
    }

    /// Selects and opens a telegram by id (`shifr open ID`).
    pub fn open_id(&mut self, id: &str) -> Result<(), String> {
        let i = self
            .corpus
            .telegram_index(id)
            .ok_or_else(|| unknown_telegram(&self.corpus, id))?;
        if self.list.row_of(i).is_none() {
            self.list.filter = None;
            self.list.rebuild(&self.corpus, Some(i));
        }
        self.list.selected = self.list.row_of(i).unwrap_or(self.list.selected);
        self.open_telegram(i);
        self.focus = Pane::Message;
        // A deep link lands in the middle of the list, not at its edge.
        let h = Self::text_height(self.areas().list);
        self.list.offset = self.list.selected.saturating_sub(h / 2);
        self.keep_list_visible();
        Ok(())
    }

    pub fn telegram(&self) -> Option<&Telegram> {
        self.open.map(|i| &self.corpus.telegrams[i])
    }

    pub fn areas(&self) -> Areas {
        layout::compute(
            Rect::new(0, 0, self.size.width, self.size.height),
            self.focus,
            self.show_annotations,
        )
    }

    /// Width available for text inside a pane.
    fn text_width(area: Option<Rect>) -> usize {
        area.map_or(40, |a| ui::content_rect(ui::inner(a)).width as usize)
    }

    /// Rows available for text inside a pane.
    fn text_height(area: Option<Rect>) -> usize {
        area.map_or(10, |a| ui::inner(a).height as usize)
    }

    /// The open telegram laid out for the message pane.
    pub fn message_text(&self) -> ui::message::MessageText {
        let cursor = self.cursor_align();
        let anchor = if self.focus == Pane::Annotations {
            self.selected_note_anchor()
        } else if self.focus == Pane::Message {
            cursor.as_deref()
        } else {
            None
        };
        self.message_text_with(anchor)
    }

    /// The open telegram laid out, with the passage of align key `anchor`
    /// highlighted.
    pub(crate) fn message_text_with(&self, anchor: Option<&str>) -> ui::message::MessageText {
        let Some(t) = self.telegram() else {
            return Default::default();
        };
        let width = Self::text_width(self.areas().message);
        let hint = self.keymap.hint(Context::Global, Action::Compare);
        let highlights = self.message_highlights();
        ui::message::build(
            &self.corpus,
            t,
            &self.theme,
            width,
            anchor,
            hint.as_deref(),
            &highlights,
        )
    }

    /// The open telegram's notes laid out for the annotations pane.
    pub fn notes_text(&self) -> ui::annotations::NotesText {
        let Some(t) = self.telegram() else {
            return Default::default();
        };
        let width = Self::text_width(self.areas().annotations);
        ui::annotations::build(
            &self.corpus,
            t,
            &self.store.notes,
            &self.theme,
            width,
            Some(self.notes.selected),
            self.focus == Pane::Annotations,
        )
    }

    fn selected_note_anchor(&self) -> Option<&str> {
        let t = self.telegram()?;
        match ui::annotations::display_order(t, &self.store.notes).get(self.notes.selected)? {
            ui::annotations::NoteRef::Scholar(i) => t.notes[*i].anchor.as_deref(),
            ui::annotations::NoteRef::Mine(i) => self.store.notes.notes[*i].align.as_deref(),
        }
    }

    /// The overlay on top, which gets the keys.
    pub fn top(&self) -> Option<&Overlay> {
        self.overlays.last()
    }

    fn open_help(&mut self) {
        let from = self.context();
        self.overlays
            .push(Overlay::Help(HelpState { scroll: 0, from }));
    }

    /// The keymap context that gets the next key.
    pub fn context(&self) -> Context {
        match self.top() {
            Some(Overlay::Help(_)) => Context::Help,
            Some(Overlay::Filter(_)) => Context::Filter,
            Some(Overlay::Compare(_)) => Context::Compare,
            Some(Overlay::Search(_)) => Context::Search,
            Some(Overlay::Editor(e)) if e.confirm_discard => Context::Confirm,
            Some(Overlay::Editor(_)) => Context::Editor,
            Some(Overlay::Confirm(_)) => Context::Confirm,
            Some(Overlay::Citation(_)) => Context::Citation,
            Some(Overlay::Timeline(_)) => Context::Timeline,
            Some(Overlay::Matrix(_)) => Context::Matrix,
            None => match self.focus {
                Pane::List => Context::List,
                Pane::Message => Context::Message,
                Pane::Annotations => Context::Annotations,
            },
        }
    }

    /// Whether the current context takes typed text.
    fn takes_text(&self) -> bool {
        match self.top() {
            Some(Overlay::Filter(_) | Overlay::Search(_)) => true,
            Some(Overlay::Editor(e)) => !e.confirm_discard,
            _ => false,
        }
    }

    /// Looks a key up (context first, then global) and applies it.
    pub fn handle_key(&mut self, key: Key) {
        self.flash = None;
        let ctx = self.context();
        let found = self.keymap.action(ctx, &key).or_else(|| {
            if self.takes_text() && key.typed_char().is_some() {
                None
            } else {
                self.keymap.action(Context::Global, &key)
            }
        });
        match found {
            Some(a) => self.update(a),
            None => self.type_key(key),
        }
    }

    /// A key with no binding: text for an input overlay, else nothing.
    fn type_key(&mut self, key: Key) {
        if self.search_type(key) || self.editor_key(key) {
            return;
        }
        let Some(Overlay::Filter(p)) = self.overlays.last_mut() else {
            return;
        };
        match (key.typed_char(), key.code) {
            (Some(c), _) => p.query.push(c),
            (None, KeyCode::Backspace) => {
                p.query.pop();
            }
            _ => return,
        }
        let query = p.query.clone();
        p.matches = filter_matches(&self.corpus, &query);
        p.selected = 0;
    }

    /// Presses keys written as in keymap.toml, separated by spaces:
    /// `"j j ctrl-d tab ?"`. For tests and scripted sessions.
    pub fn press(&mut self, keys: &str) -> Result<(), String> {
        for k in keys.split_whitespace() {
            self.handle_key(k.parse::<Key>()?);
        }
        Ok(())
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = Size::new(width, height);
        self.clamp_all();
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        if action == Action::Quit {
            self.should_quit = true;
            return;
        }
        match self.top() {
            Some(Overlay::Help(_)) => return self.update_help(action),
            Some(Overlay::Filter(_)) => return self.update_filter(action),
            Some(Overlay::Compare(_) | Overlay::Timeline(_) | Overlay::Matrix(_))
                if action == Action::Help =>
            {
                self.open_help();
                return;
            }
            Some(Overlay::Timeline(_)) => return self.update_timeline(action),
            Some(Overlay::Matrix(_)) => return self.update_matrix(action),
            Some(Overlay::Compare(_)) => return self.update_compare(action),
            Some(Overlay::Search(_)) => return self.update_search(action),
            Some(Overlay::Editor(_)) => return self.update_editor(action),
            Some(Overlay::Confirm(_)) => return self.update_confirm(action),
            Some(Overlay::Citation(_)) => {
                if matches!(action, Action::Close | Action::Cancel | Action::Yank) {
                    self.overlays.pop();
                }
                return;
            }
            None => {}
        }
        match action {
            Action::Help => self.open_help(),
            Action::Compare => self.open_compare(),
            Action::Timeline => self.open_timeline(),
            Action::Matrix => self.open_matrix(),
            Action::Search => self.open_search(),
            Action::SearchNext => self.step_hit(1),
            Action::SearchPrev => self.step_hit(-1),
            Action::AddNote => self.add_note(),
            Action::Yank => {
                let target = if self.focus == Pane::List {
                    self.list.selected_telegram()
                } else {
                    self.open
                };
                if let Some(i) = target {
                    let c = crate::export::cite::chicago(&self.corpus, &self.corpus.telegrams[i]);
                    self.clipboard = Some(c.clone());
                    self.overlays.push(Overlay::Citation(c));
                    self.flash = Some("citation copied".to_string());
                }
            }
            Action::EditNote => self.edit_note(),
            Action::DeleteNote => self.delete_note(),
            Action::NextPassage => self.step_passage(1),
            Action::PrevPassage => self.step_passage(-1),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::HalfPageDown => self.move_by(self.page(true)),
            Action::HalfPageUp => self.move_by(-self.page(true)),
            Action::PageDown => self.move_by(self.page(false)),
            Action::PageUp => self.move_by(-self.page(false)),
            Action::Top => self.move_to_end(false),
            Action::Bottom => self.move_to_end(true),
            Action::Open => {
                if let Some(i) = self.list.selected_telegram() {
                    self.open_telegram(i);
                    self.focus = Pane::Message;
                }
            }
            Action::PrevTelegram => self.step_telegram(-1),
            Action::NextTelegram => self.step_telegram(1),
            Action::ToggleGrouping => {
                self.list.grouping = match self.list.grouping {
                    Grouping::Pairs => Grouping::Flat,
                    Grouping::Flat => Grouping::Pairs,
                };
                self.list.rebuild(&self.corpus, None);
                self.keep_list_visible();
            }
            Action::Filter => {
                if self.list.filter.is_some() {
                    self.clear_filter();
                } else {
                    self.overlays.push(Overlay::Filter(FilterPicker {
                        query: String::new(),
                        matches: filter_matches(&self.corpus, ""),
                        selected: 0,
                    }));
                }
            }
            Action::ToggleAnnotations => {
                self.show_annotations = !self.show_annotations;
                if !self.show_annotations && self.focus == Pane::Annotations {
                    self.focus = Pane::Message;
                }
                self.clamp_all();
            }
            Action::Cancel => {
                if self.focus == Pane::Message && self.message_cursor.is_some() {
                    self.message_cursor = None;
                } else if self.list.filter.is_some() {
                    self.clear_filter();
                }
            }
            Action::Quit
            | Action::Close
            | Action::Confirm
            | Action::ToggleSync
            | Action::SwitchSide
            | Action::SwapSides
            | Action::CycleWitnesses
            | Action::NextDivergent
            | Action::PrevDivergent
            | Action::ClearInput
            | Action::Save
            | Action::Yes
            | Action::No
            | Action::Left
            | Action::Right
            | Action::WeekBack
            | Action::WeekForward
            | Action::ZoomIn
            | Action::ZoomOut => {}
        }
    }

    fn update_help(&mut self, action: Action) {
        let lines = ui::help::line_count(self);
        let height = ui::help::body_height(self.size);
        let Some(Overlay::Help(h)) = self.overlays.last_mut() else {
            return;
        };
        let max = lines.saturating_sub(height);
        let page = (height / 2).max(1) as isize;
        let by = |h: &mut HelpState, d: isize| {
            h.scroll = (h.scroll as isize + d).clamp(0, max as isize) as usize
        };
        match action {
            Action::Help | Action::Close | Action::Cancel => {
                self.overlays.pop();
            }
            Action::Down => by(h, 1),
            Action::Up => by(h, -1),
            Action::HalfPageDown | Action::PageDown => by(h, page),
            Action::HalfPageUp | Action::PageUp => by(h, -page),
            Action::Top => h.scroll = 0,
            Action::Bottom => h.scroll = max,
            _ => {}
        }
    }

    fn update_filter(&mut self, action: Action) {
        let Some(Overlay::Filter(p)) = self.overlays.last_mut() else {
            return;
        };
        let n = p.matches.len();
        let mv = |p: &mut FilterPicker, d: isize| {
            if n > 0 {
                p.selected = (p.selected as isize + d).clamp(0, n as isize - 1) as usize;
            }
        };
        match action {
            Action::Close | Action::Cancel | Action::Filter => {
                self.overlays.pop();
            }
            Action::Down => mv(p, 1),
            Action::Up => mv(p, -1),
            Action::PageDown | Action::HalfPageDown => mv(p, 10),
            Action::PageUp | Action::HalfPageUp => mv(p, -10),
            Action::Top => p.selected = 0,
            Action::Bottom => p.selected = n.saturating_sub(1),
            Action::Confirm => {
                if let Some((id, _)) = p.matches.get(p.selected).cloned() {
                    self.overlays.pop();
                    self.list.filter = Some(list::Filter::Person(id));
                    self.list.rebuild(&self.corpus, None);
                    self.keep_list_visible();
                }
            }
            _ => {}
        }
    }

    fn clear_filter(&mut self) {
        self.list.filter = None;
        self.list.rebuild(&self.corpus, self.open);
        self.keep_list_visible();
    }

    fn visible_panes(&self) -> Vec<Pane> {
        let mut v = vec![Pane::List, Pane::Message];
        if self.show_annotations {
            v.push(Pane::Annotations);
        }
        v
    }

    fn cycle_focus(&mut self, d: isize) {
        let panes = self.visible_panes();
        let i = panes.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        self.focus = panes[(i + d).rem_euclid(panes.len() as isize) as usize];
        self.clamp_all();
    }

    /// Rows in a page (or half page) of the focused pane.
    fn page(&self, half: bool) -> isize {
        let h = Self::text_height(self.areas().pane(self.focus)).max(1);
        (if half { h / 2 } else { h.saturating_sub(1) }).max(1) as isize
    }

    fn move_by(&mut self, d: isize) {
        match self.focus {
            Pane::List => {
                self.list.step(d);
                self.keep_list_visible();
            }
            Pane::Message => {
                self.message_scroll = (self.message_scroll as isize + d).max(0) as usize;
                self.clamp_message();
            }
            Pane::Annotations => self.move_in_notes(d),
        }
    }

    /// Notes are read like a pager: a step scrolls through a note taller
    /// than the pane before moving to the next; a page scrolls the text and
    /// selects the note at the top.
    fn move_in_notes(&mut self, d: isize) {
        let n = self.telegram().map_or(0, |t| {
            ui::annotations::display_order(t, &self.store.notes).len()
        });
        if n == 0 {
            return;
        }
        let text = self.notes_text();
        let h = Self::text_height(self.areas().annotations).max(1);
        let (start, end) = text
            .rows
            .get(self.notes.selected)
            .copied()
            .unwrap_or((0, 0));
        if d.abs() == 1 {
            if d > 0 && end > self.notes.scroll + h {
                self.notes.scroll += 1;
            } else if d < 0 && start < self.notes.scroll {
                self.notes.scroll -= 1;
            } else {
                self.notes.selected =
                    (self.notes.selected as isize + d).clamp(0, n as isize - 1) as usize;
                self.follow_note();
                return;
            }
            self.clamp_notes();
        } else {
            self.notes.scroll = (self.notes.scroll as isize + d).max(0) as usize;
            self.clamp_notes();
            let top = self.notes.scroll;
            if let Some(i) = text.rows.iter().position(|&(_, e)| e > top) {
                self.notes.selected = i;
            }
            if let Some(anchor) = self.selected_note_anchor().map(str::to_string) {
                self.show_anchor(&anchor);
            }
        }
    }

    fn move_to_end(&mut self, end: bool) {
        match self.focus {
            Pane::List => {
                if end {
                    self.list.last()
                } else {
                    self.list.first()
                }
                self.keep_list_visible();
            }
            Pane::Message => {
                self.message_scroll = if end { usize::MAX } else { 0 };
                self.clamp_message();
            }
            Pane::Annotations => {
                let n = self.telegram().map_or(0, |t| {
                    ui::annotations::display_order(t, &self.store.notes).len()
                });
                self.notes.selected = if end { n.saturating_sub(1) } else { 0 };
                self.follow_note();
            }
        }
    }

    fn step_telegram(&mut self, d: isize) {
        if let Some(open) = self.open
            && let Some(row) = self.list.row_of(open)
        {
            self.list.selected = row;
        }
        let before = self.list.selected_telegram();
        self.list.step(d);
        match self.list.selected_telegram() {
            Some(i) if Some(i) != before || self.open != Some(i) => self.open_telegram(i),
            _ => {
                self.flash = Some(
                    if d < 0 {
                        "first telegram in the list"
                    } else {
                        "last telegram in the list"
                    }
                    .to_string(),
                )
            }
        }
        self.keep_list_visible();
    }

    fn open_telegram(&mut self, i: usize) {
        self.open = Some(i);
        self.message_scroll = 0;
        self.message_cursor = None;
        self.notes = NotesState::default();
    }

    /// Keeps the selected note on screen and its anchored passage in view.
    fn follow_note(&mut self) {
        let notes = self.notes_text();
        let h = Self::text_height(self.areas().annotations).max(1);
        if let Some(&(start, end)) = notes.rows.get(self.notes.selected) {
            if start < self.notes.scroll {
                self.notes.scroll = start;
            } else if end > self.notes.scroll + h {
                self.notes.scroll = end.saturating_sub(h).min(start);
            }
        }
        if let Some(anchor) = self.selected_note_anchor().map(str::to_string) {
            self.show_anchor(&anchor);
        }
        self.clamp_message();
        self.clamp_notes();
    }

    /// Scrolls the message so the passage with this align key is in view.
    fn show_anchor(&mut self, anchor: &str) {
        let text = self.message_text();
        if let Some(line) = text.group_line(anchor) {
            let mh = Self::text_height(self.areas().message).max(1);
            if line < self.message_scroll || line >= self.message_scroll + mh {
                self.message_scroll = line.saturating_sub(2);
            }
        }
        self.clamp_message();
    }

    fn keep_list_visible(&mut self) {
        let h = Self::text_height(self.areas().list);
        self.list.keep_visible(h);
    }

    fn clamp_message(&mut self) {
        let lines = self.message_text().lines.len();
        let h = Self::text_height(self.areas().message);
        self.message_scroll = self.message_scroll.min(lines.saturating_sub(h));
    }

    fn clamp_notes(&mut self) {
        let lines = self.notes_text().lines.len();
        let h = Self::text_height(self.areas().annotations);
        self.notes.scroll = self.notes.scroll.min(lines.saturating_sub(h));
    }

    fn clamp_all(&mut self) {
        self.keep_list_visible();
        self.clamp_message();
        self.clamp_notes();
        let help_max = ui::help::line_count(self).saturating_sub(ui::help::body_height(self.size));
        for o in &mut self.overlays {
            if let Overlay::Help(h) = o {
                h.scroll = h.scroll.min(help_max);
            }
        }
        self.clamp_compare();
        self.clamp_timeline();
    }

    /// Wheel scrolls the pane under the pointer; a click focuses a pane and
    /// selects what is under it (a list row is also opened).
    pub fn handle_mouse(&mut self, m: MouseEvent) {
        if !self.overlays.is_empty() {
            match m.kind {
                MouseEventKind::ScrollDown => self.update(Action::Down),
                MouseEventKind::ScrollUp => self.update(Action::Up),
                _ => {}
            }
            return;
        }
        let areas = self.areas();
        let Some(pane) = areas.pane_at(m.column, m.row) else {
            return;
        };
        let area = areas.pane(pane).unwrap_or_default();
        let inner = ui::inner(area);
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let d: isize = if m.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                match pane {
                    Pane::List => self.list.scroll(d, inner.height as usize),
                    Pane::Message => {
                        self.message_scroll = (self.message_scroll as isize + d).max(0) as usize;
                        self.clamp_message();
                    }
                    Pane::Annotations => {
                        self.notes.scroll = (self.notes.scroll as isize + d).max(0) as usize;
                        self.clamp_notes();
                    }
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.flash = None;
                self.focus = pane;
                if !inner.contains((m.column, m.row).into()) {
                    return;
                }
                let row = (m.row - inner.y) as usize;
                match pane {
                    Pane::List => {
                        if self.list.select_visible_row(row)
                            && let Some(i) = self.list.selected_telegram()
                        {
                            self.open_telegram(i);
                        }
                    }
                    Pane::Annotations => {
                        if let Some(n) = self.notes_text().note_at(self.notes.scroll + row) {
                            self.notes.selected = n;
                            self.follow_note();
                        }
                    }
                    Pane::Message => {}
                }
            }
            _ => {}
        }
    }

    /// "LIST", "MESSAGE", … for the status line.
    pub fn mode(&self) -> &'static str {
        match self.top() {
            Some(Overlay::Help(_)) => "HELP",
            Some(Overlay::Filter(_)) => "FILTER",
            Some(Overlay::Compare(_)) => "COMPARE",
            Some(Overlay::Search(_)) => "SEARCH",
            Some(Overlay::Editor(_)) => "NOTE",
            Some(Overlay::Confirm(_)) => "CONFIRM",
            Some(Overlay::Citation(_)) => "CITATION",
            Some(Overlay::Timeline(_)) => "TIMELINE",
            Some(Overlay::Matrix(_)) => "MATRIX",
            None => match self.focus {
                Pane::List => "LIST",
                Pane::Message => "MESSAGE",
                Pane::Annotations => "NOTES",
            },
        }
    }
}

/// People whose name, full name, id or alias contains the query (any case),
/// with how many telegrams they sent or received.
pub fn filter_matches(corpus: &Corpus, query: &str) -> Vec<(String, usize)> {
    let q = query.to_lowercase();
    list::filter_candidates(corpus)
        .into_iter()
        .filter(|(id, _)| {
            q.is_empty()
                || corpus.person(id).is_some_and(|p| {
                    std::iter::once(p.name.as_str())
                        .chain(p.full_name.as_deref())
                        .chain(std::iter::once(p.id.as_str()))
                        .chain(p.aliases.iter().map(String::as_str))
                        .any(|s| s.to_lowercase().contains(&q))
                })
        })
        .collect()
}

/// "no telegram 'X'; did you mean …?"
pub fn unknown_telegram(corpus: &Corpus, id: &str) -> String {
    let near = corpus.nearest_telegrams(id);
    if near.is_empty() {
        format!("no telegram '{id}' (shifr list shows every id)")
    } else {
        format!("no telegram '{id}'; did you mean {}?", near.join(", "))
    }
}

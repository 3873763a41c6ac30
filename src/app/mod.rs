//! The model: what the reader is showing and everything that changes it,
//! with no screen in it. The components in `ui` hold their own view state
//! and cached layouts, and call these operations; an operation that needs
//! the world outside (a file, the clipboard, the search thread, `$EDITOR`)
//! does not do it, but pushes an [`Effect`] for the runner to carry out.

pub mod bookmarks;
pub mod effect;
pub mod jumps;
pub mod list;
pub mod notes;
pub mod search;
pub mod session;
mod settings;
pub mod swap;

use std::sync::Arc;

use rustc_hash::FxHashSet;

use crate::corpus::{Corpus, Telegram};
use crate::keymap::Keymap;
use crate::notes::store::Store;
pub use effect::{Effect, Event};
use list::{Filter, Grouping, ListState};

/// The three panes of the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    List,
    Message,
    Annotations,
}

/// The annotations pane: which note is selected, and the scroll.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NotesState {
    /// Display index (see [`notes::display_order`]).
    pub selected: usize,
    pub scroll: usize,
}

/// How much of a telegram's header the message pane shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HeaderMode {
    /// Two or three lines where the pane is short, in full where it is tall.
    #[default]
    Auto,
    Full,
    Compact,
}

/// How the panes share the screen, as the user set it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PaneLayout {
    /// The focused pane fills the screen.
    pub zoom: bool,
    /// Columns added to (or taken from) the list pane's share.
    pub list_delta: i16,
    /// The list pane's share of the screen in percent, from the settings
    /// (else shifr's own for the width).
    pub list_share: Option<u8>,
    /// Where the annotations pane goes, from the settings.
    pub notes_at: NotesAt,
}

/// Where the annotations pane goes (the settings' `layout.annotations`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NotesAt {
    /// Beside the message from 140 columns, below it on narrower screens.
    #[default]
    Auto,
    /// Beside the message wherever it keeps 40 columns.
    Right,
    /// Below the message at every width.
    Below,
}

/// Where a find in the text looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindIn {
    Message,
    Compare,
}

/// A word being found in the open text (`ctrl-f`): what the find bar
/// typed and which occurrence it is on; the screen that shows the text
/// counts the occurrences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindQuery {
    pub text: String,
    pub target: FindIn,
    /// The occurrence shown (0-based), kept below `count`.
    pub current: usize,
    /// How many occurrences there are, as the text is laid out now.
    pub count: usize,
}

/// Something the reader should bring into view once it has laid the
/// panes out (the model cannot: it does not know how tall anything is).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reveal {
    /// The best match of the last search in the open telegram.
    Match,
    /// The selected note, and the passage it speaks to.
    SelectedNote,
    /// The selected telegram in the middle of the list (a deep link).
    ListMiddle,
    /// A bookmark's telegram in the list, and its passage under the cursor.
    Bookmark,
}

/// The whole model of the reader.
pub struct App {
    pub corpus: Arc<Corpus>,
    pub keymap: Keymap,
    /// Where the user's keymap file is (or would be), for the help overlay.
    pub keymap_file: Option<String>,
    /// The reader's own notes and their file.
    pub store: Store,
    /// `$EDITOR`, when notes are to be written there instead of the popup.
    pub external_editor: Option<String>,
    pub focus: Pane,
    pub list: ListState,
    /// The telegram shown in the message pane (index into the corpus).
    pub open: Option<usize>,
    pub show_annotations: bool,
    pub panes: PaneLayout,
    pub header: HeaderMode,
    pub message_scroll: usize,
    /// The passage (group index) under the message pane's cursor.
    pub message_cursor: Option<usize>,
    pub notes: NotesState,
    pub last_search: Option<search::LastSearch>,
    /// A word being found in the open text.
    pub find: Option<FindQuery>,
    /// The search thread has built its index.
    pub search_ready: bool,
    search_gen: u64,
    /// A one-off message for the status line, cleared by the next key.
    pub flash: Option<String>,
    /// What the reader should scroll into view next.
    pub reveal: Option<Reveal>,
    /// Counts changes to the notes, so views built from them know.
    pub notes_epoch: u64,
    /// Counts changes to the last search, for the same reason.
    pub search_epoch: u64,
    /// Whether the last search's highlights and hit counter show (`esc`
    /// puts them away, `n`/`N` bring them back).
    pub search_shown: bool,
    /// The places behind and ahead (`ctrl-o` and back).
    pub jumps: jumps::Jumps,
    /// Telegrams opened, now or in an earlier run.
    pub read: FxHashSet<usize>,
    /// Read through `set_bookmarks` and the bookmark operations, which keep
    /// `bookmarked` in step.
    pub bookmarks: Vec<session::Bookmark>,
    /// The telegrams that have a bookmark.
    bookmarked: FxHashSet<usize>,
    /// Counts changes to the bookmarks.
    pub bookmarks_epoch: u64,
    /// The passage (version, align key) a bookmark asked to put the
    /// cursor on, for the reader once it has laid the message out.
    pub bookmark_target: Option<(String, String)>,
    /// Where state and bookmarks are written; none in tests.
    pub files: Option<session::StateFiles>,
    /// The last search of the previous run, to run again once the index
    /// is ready (so `n`/`N` go on where they left off).
    pub resume_search: Option<String>,
    resume_gen: Option<(u64, String)>,
    /// A telegram has been opened (the one shown at start is not a place
    /// to jump back to).
    pub opened: bool,
    /// Something to say on the terminal after the reader has left it.
    pub exit_notice: Option<String>,
    /// The reader takes the mouse (wheel, clicks); off, the terminal selects
    /// text. `M` toggles it (see `settings.rs`).
    pub mouse_capture: bool,
    /// Telegrams already opened are marked in the list (settings:
    /// `layout.read_marks`).
    pub read_marks: bool,
    /// Where the search thread finds and keeps the index (the start-up
    /// cache of a corpus directory); none for the bundled corpus.
    pub index_store: Option<Arc<dyn crate::search::worker::IndexStore>>,
    /// How far the search thread's index build has come (%), while it runs.
    pub index_progress: Option<u8>,
    /// While the reader shows part of a large corpus: how far the whole
    /// has loaded (`swap.rs`).
    pub loading: Option<swap::Loading>,
    /// A key or click has been handled (a remembered place is then not
    /// taken over what the reader chose).
    pub touched: bool,
}

impl App {
    pub fn new(corpus: Arc<Corpus>, keymap: Keymap) -> App {
        let list = ListState::new(&corpus);
        let open = list.selected_telegram();
        App {
            corpus,
            keymap,
            keymap_file: None,
            store: Store::nowhere("no notes file was given"),
            external_editor: None,
            focus: Pane::List,
            list,
            open,
            show_annotations: true,
            panes: PaneLayout::default(),
            header: HeaderMode::default(),
            message_scroll: 0,
            message_cursor: None,
            notes: NotesState::default(),
            last_search: None,
            find: None,
            search_ready: false,
            search_gen: 0,
            flash: None,
            reveal: None,
            notes_epoch: 0,
            search_epoch: 0,
            search_shown: false,
            jumps: jumps::Jumps::default(),
            read: FxHashSet::default(),
            bookmarks: Vec::new(),
            bookmarked: FxHashSet::default(),
            bookmarks_epoch: 0,
            bookmark_target: None,
            files: None,
            resume_search: None,
            resume_gen: None,
            exit_notice: None,
            opened: false,
            mouse_capture: true,
            read_marks: true,
            index_store: None,
            index_progress: None,
            loading: None,
            touched: false,
        }
    }

    pub fn telegram(&self) -> Option<&Telegram> {
        self.open.map(|i| &self.corpus.telegrams[i])
    }

    /// Says something in the status line until the next key.
    pub fn say(&mut self, what: impl Into<String>) {
        self.flash = Some(what.into());
    }

    /// A fresh generation number for a search query.
    pub fn next_search_generation(&mut self) -> u64 {
        self.search_gen += 1;
        self.search_gen
    }

    /// Shows telegram `i` in the message pane, from its top: a jump (the
    /// place left goes on the jump list).
    pub fn open_telegram(&mut self, i: usize) {
        self.record_jump(i);
        self.show_telegram(i);
    }

    /// Shows telegram `i`, from its top, leaving the jump list alone.
    pub(super) fn show_telegram(&mut self, i: usize) {
        self.opened = true;
        self.read.insert(i);
        self.open = Some(i);
        self.message_scroll = 0;
        self.message_cursor = None;
        self.notes = NotesState::default();
    }

    /// Selects telegram `i` in the list (clearing a filter that hides it),
    /// opens it and puts the focus on the message. Whether a filter had to
    /// be cleared.
    pub fn go_to(&mut self, i: usize) -> bool {
        let cleared = self.select_in_list(i);
        self.open_telegram(i);
        self.focus = Pane::Message;
        cleared
    }

    /// Selects telegram `i` in the list, clearing a filter that hides it.
    /// Whether a filter had to be cleared.
    pub(super) fn select_in_list(&mut self, i: usize) -> bool {
        let cleared = self.list.row_of(i).is_none();
        if cleared {
            self.list.filter = None;
            self.list.rebuild(&self.corpus, Some(i));
        }
        if let Some(row) = self.list.row_of(i) {
            self.list.selected = row;
        }
        cleared
    }

    /// Selects and opens a telegram by id (`shifr open ID`).
    pub fn open_id(&mut self, id: &str) -> Result<(), String> {
        let i = self
            .corpus
            .telegram_index(id)
            .ok_or_else(|| unknown_telegram(&self.corpus, id))?;
        self.go_to(i);
        self.reveal = Some(Reveal::ListMiddle);
        Ok(())
    }

    /// Opens the telegram selected in the list.
    pub fn open_selected(&mut self) {
        if let Some(i) = self.list.selected_telegram() {
            self.open_telegram(i);
            self.focus = Pane::Message;
        }
    }

    /// `[`/`]`: the previous or next telegram in the list, opened.
    pub fn step_telegram(&mut self, d: isize) {
        if let Some(open) = self.open
            && let Some(row) = self.list.row_of(open)
        {
            self.list.selected = row;
        }
        let before = self.list.selected_telegram();
        self.list.step(d);
        match self.list.selected_telegram() {
            Some(i) if Some(i) != before || self.open != Some(i) => self.open_telegram(i),
            _ => self.say(if d < 0 {
                "first telegram in the list"
            } else {
                "last telegram in the list"
            }),
        }
    }

    pub fn toggle_grouping(&mut self) {
        self.list.grouping = match self.list.grouping {
            Grouping::Pairs => Grouping::Flat,
            Grouping::Flat => Grouping::Pairs,
        };
        self.list.rebuild(&self.corpus, None);
    }

    pub fn set_filter(&mut self, filter: Filter) {
        self.list.filter = Some(filter);
        self.list.rebuild(&self.corpus, None);
    }

    pub fn clear_filter(&mut self) {
        self.list.filter = None;
        self.list.rebuild(&self.corpus, self.open);
    }

    /// The panes that `tab` moves between.
    pub fn visible_panes(&self) -> Vec<Pane> {
        let mut v = vec![Pane::List, Pane::Message];
        if self.show_annotations {
            v.push(Pane::Annotations);
        }
        v
    }

    pub fn cycle_focus(&mut self, d: isize) {
        let panes = self.visible_panes();
        let i = panes.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        self.focus = panes[(i + d).rem_euclid(panes.len() as isize) as usize];
    }

    pub fn toggle_annotations(&mut self) {
        self.show_annotations = !self.show_annotations;
        if !self.show_annotations && self.focus == Pane::Annotations {
            self.focus = Pane::Message;
        }
    }

    /// `H`: the full header where it was compact, and the other way round.
    /// `compact_now` is what the pane shows at the moment.
    pub fn toggle_header(&mut self, compact_now: bool) {
        self.header = if compact_now {
            HeaderMode::Full
        } else {
            HeaderMode::Compact
        };
        self.say(if compact_now {
            "the full header"
        } else {
            "the header in up to three lines"
        });
    }

    /// `z`: the focused pane alone on the screen, or back.
    pub fn toggle_zoom(&mut self) {
        self.panes.zoom = !self.panes.zoom;
    }

    /// `<`/`>`: the list pane narrower or wider by `by` columns.
    pub fn resize_list(&mut self, by: i16) {
        self.panes.list_delta = self.panes.list_delta.saturating_add(by).clamp(-40, 80);
    }

    /// The telegram a command acts on: the one under the list's cursor
    /// when the list has the focus, else the open one.
    pub fn target(&self) -> Option<usize> {
        if self.focus == Pane::List {
            self.list.selected_telegram()
        } else {
            self.open
        }
    }

    /// `y`: the citation of the target telegram, copied to the clipboard,
    /// and its short form for second references.
    pub fn yank(&mut self, effects: &mut Vec<Effect>) -> Option<(String, String)> {
        let i = self.target()?;
        let t = &self.corpus.telegrams[i];
        let c = crate::export::cite::chicago(&self.corpus, t);
        let short = crate::export::cite::chicago_short(&self.corpus, t);
        effects.push(Effect::Copy(c.clone()));
        self.say("citation copied");
        Some((c, short))
    }
}

impl App {
    /// `Y`: the passage under the cursor — its words, each piece marked
    /// quote or summary, its version — and the telegram's citation,
    /// copied to the clipboard. What was copied, to show.
    pub fn yank_passage(
        &mut self,
        passage: Option<(String, String)>,
        effects: &mut Vec<Effect>,
    ) -> Option<String> {
        let Some((w, a)) = passage else {
            let key = self
                .keymap
                .hint(
                    crate::keymap::Context::Message,
                    crate::action::Action::NextPassage,
                )
                .unwrap_or_default();
            self.say(format!("no passage under the cursor: {key} puts it on one"));
            return None;
        };
        let t = self.telegram()?;
        let text = crate::export::passage::yank(&self.corpus, t, &w, &a)?;
        effects.push(Effect::Copy(text.clone()));
        self.say(format!("passage “{a}” copied, with the citation"));
        Some(text)
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

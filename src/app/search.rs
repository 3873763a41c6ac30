//! The search overlay's state, and stepping through a search's hits with
//! `n`/`N` after it closes. Queries go out through an outbox (or straight to
//! an index held by the app, in tests); answers come back with the
//! generation they were asked for, and stale ones are dropped.

use std::ops::Range;
use std::sync::Arc;
use std::time::Duration;

use rustc_hash::FxHashMap;

use super::{App, Overlay};
use crate::action::Action;
use crate::layout::Pane;
use crate::search::document::{fields, fields_with_notes};
use crate::search::query::{FieldKind, Query};
use crate::search::snippet::{matches, snippet};
use crate::search::{Hit, ParseError, parse};

/// Where the reader was when the search opened, to go back on `esc`.
#[derive(Clone, Debug, PartialEq)]
pub struct Restore {
    selected: usize,
    offset: usize,
    open: Option<usize>,
    focus: Pane,
    message_scroll: usize,
}

/// The search overlay.
#[derive(Clone, Debug)]
pub struct SearchState {
    pub query: String,
    /// Generation of the query as typed.
    pub generation: u64,
    /// The newest results to arrive, and the generation they answer.
    pub hits: Option<Arc<Vec<Hit>>>,
    pub hits_gen: u64,
    pub error: Option<ParseError>,
    pub took: Option<Duration>,
    pub selected: usize,
    pub offset: usize,
    restore: Restore,
}

impl PartialEq for SearchState {
    fn eq(&self, o: &Self) -> bool {
        (self.query.as_str(), self.generation, self.selected)
            == (o.query.as_str(), o.generation, o.selected)
    }
}

impl SearchState {
    /// The results are for the query shown.
    pub fn current(&self) -> bool {
        self.hits.is_some() && self.hits_gen == self.generation
    }
}

/// A finished search, for `n`/`N` and for highlighting in the message pane.
#[derive(Clone, Debug)]
pub struct LastSearch {
    pub text: String,
    pub query: Query,
    pub hits: Arc<Vec<Hit>>,
    /// Index into `hits` of the hit shown.
    pub current: usize,
}

impl App {
    /// `/`: opens the search overlay.
    pub(super) fn open_search(&mut self) {
        let restore = Restore {
            selected: self.list.selected,
            offset: self.list.offset,
            open: self.open,
            focus: self.focus,
            message_scroll: self.message_scroll,
        };
        let text = self
            .last_search
            .as_ref()
            .map(|l| l.text.clone())
            .unwrap_or_default();
        self.overlays.push(Overlay::Search(SearchState {
            query: text,
            generation: 0,
            hits: None,
            hits_gen: 0,
            error: None,
            took: None,
            selected: 0,
            offset: 0,
            restore,
        }));
        self.submit_search();
    }

    fn search_state(&mut self) -> Option<&mut SearchState> {
        match self.overlays.last_mut() {
            Some(Overlay::Search(s)) => Some(s),
            _ => None,
        }
    }

    /// Sends the query as typed: parse errors show at once; otherwise the
    /// query goes to the index (here, or through the outbox to the worker).
    pub(super) fn submit_search(&mut self) {
        self.search_gen += 1;
        let generation = self.search_gen;
        let index = self.search_index.clone();
        let Some(s) = self.search_state() else { return };
        s.generation = generation;
        match parse(&s.query) {
            Err(e) => s.error = Some(e),
            Ok(q) => {
                s.error = None;
                let text = s.query.clone();
                match index {
                    Some(ix) => {
                        // Searched here (tests): no timing, so screens are stable.
                        let hits = Arc::new(ix.search(&q));
                        self.deliver_search(generation, Ok(hits), Duration::ZERO);
                    }
                    None => self.search_outbox = Some((generation, text)),
                }
            }
        }
    }

    /// The query waiting to go to the worker, if any.
    pub fn take_search_request(&mut self) -> Option<(u64, String)> {
        self.search_outbox.take()
    }

    /// Results arrive for generation `generation`; older ones than the query shown
    /// are dropped.
    pub fn deliver_search(
        &mut self,
        generation: u64,
        result: Result<Arc<Vec<Hit>>, ParseError>,
        took: Duration,
    ) {
        let Some(s) = self.search_state() else { return };
        if generation != s.generation {
            return;
        }
        match result {
            Ok(hits) => {
                s.hits = Some(hits);
                s.hits_gen = generation;
                s.error = None;
                s.took = Some(took);
                s.selected = 0;
                s.offset = 0;
            }
            Err(e) => s.error = Some(e),
        }
    }

    /// The index is ready: send the query again if it waited.
    pub fn search_ready(&mut self) {
        self.search_index_ready = true;
        if self.search_state().is_some_and(|s| !s.current()) {
            self.submit_search();
        }
    }

    /// A typed key in the search overlay.
    pub(super) fn search_type(&mut self, key: crate::keymap::Key) -> bool {
        use crossterm::event::KeyCode;
        let Some(s) = self.search_state() else {
            return false;
        };
        match (key.typed_char(), key.code) {
            (Some(c), _) => s.query.push(c),
            (None, KeyCode::Backspace) => {
                if s.query.pop().is_none() {
                    return true;
                }
            }
            _ => return false,
        }
        self.submit_search();
        true
    }

    /// Text pasted into the search overlay.
    pub fn paste(&mut self, text: &str) {
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        if let Some(s) = self.search_state() {
            s.query.push_str(&clean);
            self.submit_search();
        } else if let Some(Overlay::Filter(p)) = self.overlays.last_mut() {
            p.query.push_str(&clean);
            let q = p.query.clone();
            p.matches = super::filter_matches(&self.corpus, &q);
            p.selected = 0;
        }
    }

    pub(super) fn update_search(&mut self, action: Action) {
        let rows = crate::ui::search::result_rows(self.size);
        let Some(s) = self.search_state() else { return };
        let n = s.hits.as_ref().map_or(0, |h| h.len());
        let mv = |s: &mut SearchState, d: isize| {
            if n > 0 {
                s.selected = (s.selected as isize + d).clamp(0, n as isize - 1) as usize;
            }
            if s.selected < s.offset {
                s.offset = s.selected;
            } else if rows > 0 && s.selected >= s.offset + rows {
                s.offset = s.selected + 1 - rows;
            }
        };
        match action {
            Action::Close | Action::Cancel => {
                let restore = s.restore.clone();
                self.overlays.pop();
                self.list.selected = restore.selected;
                self.list.offset = restore.offset;
                self.open = restore.open;
                self.focus = restore.focus;
                self.message_scroll = restore.message_scroll;
            }
            Action::Down => mv(s, 1),
            Action::Up => mv(s, -1),
            Action::PageDown | Action::HalfPageDown => mv(s, rows.max(1) as isize),
            Action::PageUp | Action::HalfPageUp => mv(s, -(rows.max(1) as isize)),
            Action::Top => mv(s, -(n as isize)),
            Action::Bottom => mv(s, n as isize),
            Action::ClearInput => {
                s.query.clear();
                self.submit_search();
            }
            Action::Confirm => {
                let (Some(hits), true) = (s.hits.clone(), s.current()) else {
                    return;
                };
                let Some(hit) = hits.get(s.selected).copied() else {
                    return;
                };
                let text = s.query.clone();
                let current = s.selected;
                self.overlays.pop();
                if let Ok(query) = parse(&text) {
                    self.last_search = Some(LastSearch {
                        text,
                        query,
                        hits,
                        current,
                    });
                }
                self.show_hit(hit.record as usize);
            }
            _ => {}
        }
    }

    /// `n`/`N`: the next or previous hit of the last search, wrapping.
    pub(super) fn step_hit(&mut self, d: isize) {
        let Some(l) = &mut self.last_search else {
            let key = self
                .keymap
                .hint(crate::keymap::Context::Global, Action::Search)
                .unwrap_or_default();
            self.flash = Some(format!("no search yet: {key} searches"));
            return;
        };
        if l.hits.is_empty() {
            self.flash = Some(format!("no hits for “{}”", l.text));
            return;
        }
        let n = l.hits.len() as isize;
        l.current = (l.current as isize + d).rem_euclid(n) as usize;
        let record = l.hits[l.current].record as usize;
        self.show_hit(record);
    }

    /// "hit 3/17" for the status line.
    pub fn hit_position(&self) -> Option<String> {
        let l = self.last_search.as_ref()?;
        let t = self.open?;
        (l.hits.get(l.current)?.record as usize == t)
            .then(|| format!("hit {}/{}", l.current + 1, l.hits.len()))
    }

    /// Opens a hit: selects it in the list (clearing a filter that hides it),
    /// and scrolls the message to the match.
    fn show_hit(&mut self, record: usize) {
        if self.list.row_of(record).is_none() {
            self.list.filter = None;
            self.list.rebuild(&self.corpus, Some(record));
        }
        if let Some(row) = self.list.row_of(record) {
            self.list.selected = row;
        }
        self.open_telegram(record);
        self.focus = Pane::Message;
        self.keep_list_visible();
        self.scroll_to_match();
    }

    /// Scrolls the message pane to the best match of the last search, or
    /// selects the note it is in.
    fn scroll_to_match(&mut self) {
        let (Some(l), Some(t)) = (&self.last_search, self.telegram()) else {
            return;
        };
        let fs = fields_with_notes(&self.corpus, t, &self.store.notes);
        let Some(sn) = snippet(&l.query, &fs, 80) else {
            return;
        };
        let f = &fs[sn.field];
        match f.kind {
            FieldKind::Passage => {
                let text = self.message_text();
                if let Some(&line) = text.passage_lines.get(f.index) {
                    self.message_scroll = line.saturating_sub(2);
                    self.clamp_message();
                }
            }
            FieldKind::Note | FieldKind::NoteBy | FieldKind::MyNote => {
                let order = crate::ui::annotations::display_order(t, &self.store.notes);
                let want = if f.kind == FieldKind::MyNote {
                    crate::ui::annotations::NoteRef::Mine(f.index)
                } else {
                    crate::ui::annotations::NoteRef::Scholar(f.index)
                };
                if let Some(pos) = order.iter().position(|r| *r == want) {
                    self.notes.selected = pos;
                    self.show_annotations = true;
                    self.follow_note();
                }
            }
            _ => {}
        }
    }

    /// The characters of the open telegram's passages that the last search
    /// matched, by passage index.
    pub fn message_highlights(&self) -> FxHashMap<usize, Vec<Range<usize>>> {
        let mut out = FxHashMap::default();
        let (Some(l), Some(t)) = (&self.last_search, self.telegram()) else {
            return out;
        };
        let fs = fields(&self.corpus, t);
        for m in matches(&l.query, &fs) {
            if fs[m.field].kind == FieldKind::Passage {
                out.insert(fs[m.field].index, m.ranges);
            }
        }
        out
    }
}

/// Field and snippet for a result row, computed only for rows on screen.
pub fn row_snippet(
    corpus: &crate::corpus::Corpus,
    q: &Query,
    record: usize,
    width: usize,
) -> Option<crate::search::snippet::Snippet> {
    let t = corpus.telegrams.get(record)?;
    snippet(q, &fields(corpus, t), width)
}

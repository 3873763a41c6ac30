//! The last search in the model: stepping through its hits with `n`/`N`
//! after the overlay closes, and what it highlights in the open telegram.
//! The overlay itself is `ui::search`.

use std::ops::Range;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{App, Reveal};
use crate::action::Action;
use crate::search::Hit;
use crate::search::document::fields;
use crate::search::query::{FieldKind, Query};
use crate::search::snippet::{matches, snippet};

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
    /// `n`/`N`: the next or previous hit of the last search, wrapping.
    pub fn step_hit(&mut self, d: isize) {
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

    /// "hit 3/17" for the status line (until `esc` puts the search away).
    pub fn hit_position(&self) -> Option<String> {
        let l = self.last_search.as_ref().filter(|_| self.search_shown)?;
        let t = self.open?;
        (l.hits.get(l.current)?.record as usize == t)
            .then(|| format!("hit {}/{}", l.current + 1, l.hits.len()))
    }

    /// Opens a hit: selects it in the list (clearing a filter that hides it),
    /// and asks the reader to scroll the message to the match.
    pub fn show_hit(&mut self, record: usize) {
        if !self.search_shown {
            self.search_shown = true;
            self.search_epoch += 1;
        }
        if self.go_to(record) {
            self.say("the list filter was cleared to show the hit");
        }
        self.reveal = Some(Reveal::Match);
    }

    /// `esc` in the reader, with nothing else to cancel: the last search's
    /// highlights and hit counter go (as vim's `:noh`); `n`/`N` bring them
    /// back. Whether there was anything to put away.
    pub fn put_search_away(&mut self) -> bool {
        if self.last_search.is_none() || !self.search_shown {
            return false;
        }
        self.search_shown = false;
        self.search_epoch += 1;
        true
    }

    /// The index is ready: the previous run's last search, if any, is sent
    /// again so that `n`/`N` and the highlights go on from it.
    pub fn search_ready_now(&mut self, fx: &mut Vec<super::Effect>) {
        self.search_ready = true;
        if let Some(query) = self.resume_search.take() {
            let generation = self.next_search_generation();
            self.resume_gen = Some((generation, query.clone()));
            fx.push(super::Effect::Search { generation, query });
        }
    }

    /// The previous run's last search, until it is answered again (while
    /// the index is built, and while its answer is on its way).
    pub fn resumed_query(&self) -> Option<&str> {
        self.resume_search
            .as_deref()
            .or(self.resume_gen.as_ref().map(|(_, q)| q.as_str()))
    }

    /// An answer to a query: taken as the last search if it is the one
    /// sent again at start (any other belongs to the search overlay).
    pub fn search_answered(&mut self, generation: u64, hits: &Arc<Vec<Hit>>) {
        let Some(text) = self
            .resume_gen
            .take_if(|(g, _)| *g == generation)
            .map(|(_, t)| t)
        else {
            return;
        };
        let Ok(query) = crate::search::query::parse(&text) else {
            return;
        };
        let current = self
            .open
            .and_then(|o| hits.iter().position(|h| h.record as usize == o))
            .unwrap_or(0);
        self.set_last_search(LastSearch {
            text,
            query,
            hits: hits.clone(),
            current,
        });
    }

    /// Makes `l` the last search, for `n`/`N` and highlighting.
    pub fn set_last_search(&mut self, l: LastSearch) {
        self.last_search = Some(l);
        self.search_shown = true;
        self.search_epoch += 1;
    }

    /// The characters of the open telegram's passages that the last search
    /// matched, by passage index.
    pub fn message_highlights(&self) -> FxHashMap<usize, Vec<Range<usize>>> {
        let mut out = FxHashMap::default();
        let (Some(l), Some(t), true) = (&self.last_search, self.telegram(), self.search_shown)
        else {
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
    mine: &crate::notes::Notes,
    q: &Query,
    record: usize,
    width: usize,
) -> Option<crate::search::snippet::Snippet> {
    let t = corpus.telegrams.get(record)?;
    snippet(
        q,
        &crate::search::document::fields_with_notes(corpus, t, mine),
        width,
    )
}

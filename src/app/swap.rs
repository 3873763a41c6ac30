//! Progressive loading, the model's side: while a large corpus loads, the
//! reader shows its first part (`crate::corpus::partial`); once the whole
//! is loaded it replaces the part, and every place the model keeps by
//! telegram index (the open telegram, the list's cursor, what has been
//! read, the jump list) is carried over by id.

use std::sync::Arc;

use crate::action::Action;
use crate::corpus::Corpus;

use super::App;

/// How far the whole corpus has loaded, while the reader shows a part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loading {
    /// "reading" or "checking".
    pub what: &'static str,
    pub percent: u8,
    /// The whole did not load: the reader stays on the part, and says why
    /// when it quits.
    pub failed: bool,
}

impl App {
    /// The reader starts on part of the corpus; the rest is loading.
    pub fn start_partial(&mut self) {
        self.loading = Some(Loading {
            what: "reading",
            percent: 0,
            failed: false,
        });
    }

    /// The whole corpus did not load (`why`: its problems). The reader
    /// stays on the part it shows; the problems are printed when it quits.
    pub fn loading_failed(&mut self, why: String) {
        if let Some(l) = &mut self.loading {
            l.failed = true;
        }
        self.say("problems printed at quit");
        self.exit_notice = Some(why);
    }

    /// The whole corpus has loaded `percent` of the way (`what`: reading,
    /// checking).
    pub fn loading_progress(&mut self, what: &'static str, percent: u8) {
        if let Some(l) = &mut self.loading {
            l.what = what;
            l.percent = percent.min(100);
        }
    }

    /// What the status line says while the whole corpus loads.
    pub fn loading_label(&self) -> Option<String> {
        let l = self.loading?;
        Some(if l.failed {
            "part only: the rest did not load".to_string()
        } else {
            format!("loading: {} {} %", l.what, l.percent)
        })
    }

    /// Why `action` must wait for the whole corpus, if it must: the views
    /// that count or list across every telegram (the footnotes and sources
    /// view lists what rests on each), and the bookmarks (read from their
    /// file once the whole is there).
    pub fn waits_for_whole(&self, action: Action) -> Option<String> {
        let l = self.loading?;
        let (what, s) = match action {
            Action::Timeline => ("the timeline", "s"),
            Action::Matrix => ("the matrix", "s"),
            Action::Debate => ("the debate", "s"),
            Action::Apparatus => ("the footnotes view", "s"),
            Action::Bookmarks | Action::ToggleBookmark => ("bookmarks", ""),
            Action::Filter if self.list.filter.is_none() => ("the filter", "s"),
            _ => return None,
        };
        Some(if l.failed {
            format!("{what} need{s} the whole corpus")
        } else {
            format!("{what} wait{s} for the whole corpus")
        })
    }

    /// Takes the whole corpus in place of the part shown: the open
    /// telegram, the list's cursor (at the same height on the screen),
    /// what has been read and the jump list are carried over by id. The
    /// part, for whatever else kept its indices.
    pub fn replace_corpus(&mut self, corpus: Arc<Corpus>) -> Arc<Corpus> {
        let old = std::mem::replace(&mut self.corpus, corpus);
        let new = Arc::clone(&self.corpus);
        let map = |i: usize| renumber(&old, &new, i);
        let selected = self.list.selected_telegram().and_then(map);
        let height = self.list.selected.saturating_sub(self.list.offset);
        self.open = self.open.and_then(map);
        self.read = self.read.iter().filter_map(|&i| map(i)).collect();
        self.jumps.remap(&map);
        // The old rows name the part's telegrams: none is kept by accident.
        self.list.rows.clear();
        self.list.rebuild(&self.corpus, selected.or(self.open));
        self.list.offset = self.list.selected.saturating_sub(height);
        if self.open.is_none() {
            self.message_scroll = 0;
            self.message_cursor = None;
        }
        // No search has run on the part (the index is built on the whole).
        self.last_search = None;
        self.search_epoch += 1;
        self.notes_epoch += 1;
        let bookmarks = std::mem::take(&mut self.bookmarks);
        self.set_bookmarks(bookmarks);
        self.loading = None;
        old
    }
}

/// Telegram `i` of `old`, as `new` numbers it (if `new` has it).
pub fn renumber(old: &Corpus, new: &Corpus, i: usize) -> Option<usize> {
    old.telegrams.get(i).and_then(|t| new.telegram_index(&t.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::synth;

    fn apps() -> (App, Arc<Corpus>) {
        let whole = Arc::new(synth::generate(400, 3));
        // A part: every third telegram, in another order than the whole's.
        let mut part = (*whole).clone();
        part.telegrams = whole.telegrams.iter().step_by(3).rev().cloned().collect();
        part.finish();
        let app = App::new(Arc::new(part), crate::keymap::Keymap::defaults());
        (app, whole)
    }

    #[test]
    fn places_are_carried_over_by_id() {
        let (mut app, whole) = apps();
        app.start_partial();
        let id = |app: &App, i: usize| app.corpus.telegrams[i].id.clone();
        app.go_to(5);
        app.go_to(9);
        app.go_to(20);
        app.list.step(3);
        let selected = id(&app, app.list.selected_telegram().unwrap());
        let open = id(&app, 20);
        let second = id(&app, 9);
        let read: std::collections::BTreeSet<String> =
            app.read.iter().map(|&i| id(&app, i)).collect();
        app.replace_corpus(Arc::clone(&whole));
        assert_eq!(app.corpus.telegrams.len(), 400);
        assert_eq!(app.loading, None);
        assert_eq!(app.open.map(|i| id(&app, i)), Some(open));
        assert_eq!(
            app.list.selected_telegram().map(|i| id(&app, i)),
            Some(selected)
        );
        let now: std::collections::BTreeSet<String> =
            app.read.iter().map(|&i| id(&app, i)).collect();
        assert_eq!(now, read);
        // Back along the jump list: the telegrams left, by id.
        app.jump_back();
        assert_eq!(app.telegram().map(|t| t.id.clone()), Some(second));
    }

    #[test]
    fn whole_corpus_views_wait_while_loading() {
        let (mut app, whole) = apps();
        assert_eq!(app.waits_for_whole(Action::Timeline), None);
        app.start_partial();
        app.loading_progress("checking", 41);
        let why = app.waits_for_whole(Action::Timeline).unwrap();
        assert_eq!(why, "the timeline waits for the whole corpus");
        assert_eq!(
            app.waits_for_whole(Action::Bookmarks).unwrap(),
            "bookmarks wait for the whole corpus"
        );
        assert!(app.waits_for_whole(Action::Apparatus).is_some());
        assert_eq!(app.waits_for_whole(Action::Down), None);
        assert_eq!(app.loading_label().unwrap(), "loading: checking 41 %");
        app.loading_failed("corpus/telegrams/x.toml:3:1: duplicate telegram id".into());
        assert!(app.loading_label().unwrap().contains("did not load"));
        assert_eq!(
            app.waits_for_whole(Action::Matrix).unwrap(),
            "the matrix needs the whole corpus"
        );
        assert!(app.exit_notice.as_deref().unwrap().contains("duplicate"));
        app.replace_corpus(whole);
        assert_eq!(app.waits_for_whole(Action::Timeline), None);
        assert_eq!(app.loading_label(), None);
    }
}

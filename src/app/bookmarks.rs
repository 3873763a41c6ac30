//! Bookmarks: a telegram, or a passage of one of its versions, marked with
//! a key and listed in an overlay (`ui::bookmarks`). Kept in the state
//! directory's `bookmarks.toml`, written by the runner on every change.

use super::session::Bookmark;
use super::{App, Effect, Pane};

impl App {
    /// The bookmark on telegram `i` at this passage (or on the telegram as
    /// a whole), if there is one.
    fn bookmark_at(&self, i: usize, passage: Option<&(String, String)>) -> Option<usize> {
        let id = &self.corpus.telegrams[i].id;
        self.bookmarks.iter().position(|b| {
            &b.telegram == id
                && match passage {
                    Some((w, a)) => {
                        b.align.as_deref() == Some(a) && b.witness.as_deref() == Some(w)
                    }
                    None => b.align.is_none(),
                }
        })
    }

    /// Whether telegram `i` has any bookmark.
    pub fn is_bookmarked(&self, i: usize) -> bool {
        self.bookmarked.contains(&i)
    }

    /// Takes `b` as the bookmarks (read from their file at start).
    pub fn set_bookmarks(&mut self, b: Vec<super::session::Bookmark>) {
        self.bookmarks = b;
        self.bookmarks_changed();
    }

    /// After any change to the bookmarks: the telegrams they mark, for the
    /// list to look up per row, and the epoch views are built for.
    fn bookmarks_changed(&mut self) {
        self.bookmarked = self
            .bookmarks
            .iter()
            .filter_map(|b| self.corpus.telegram_index(&b.telegram))
            .collect();
        self.bookmarks_epoch += 1;
    }

    /// `b`: bookmarks the target telegram — the passage under the cursor
    /// (its version and align key) when the message pane has one — or
    /// removes that bookmark if it is there already.
    pub fn toggle_bookmark(&mut self, passage: Option<(String, String)>, fx: &mut Vec<Effect>) {
        let Some(i) = self.target() else {
            self.say("no telegram to bookmark");
            return;
        };
        let passage = passage.filter(|_| self.focus == Pane::Message);
        let date = self.corpus.telegrams[i].date.short();
        let what = match &passage {
            Some((w, a)) => format!("{date}, passage “{a}” ({w})"),
            None => date,
        };
        if let Some(at) = self.bookmark_at(i, passage.as_ref()) {
            self.bookmarks.remove(at);
            self.say(format!("bookmark removed: {what}"));
        } else {
            let (witness, align) = passage.map_or((None, None), |(w, a)| (Some(w), Some(a)));
            self.bookmarks.push(Bookmark {
                telegram: self.corpus.telegrams[i].id.clone(),
                align,
                witness,
            });
            let list = self
                .keymap
                .hint(
                    crate::keymap::Context::Global,
                    crate::action::Action::Bookmarks,
                )
                .unwrap_or_default();
            self.say(format!("bookmarked: {what} ({list} lists bookmarks)"));
        }
        self.bookmarks_changed();
        fx.push(Effect::SaveBookmarks);
    }

    /// Removes bookmark `at` (from the bookmarks overlay).
    pub fn remove_bookmark(&mut self, at: usize, fx: &mut Vec<Effect>) {
        if at < self.bookmarks.len() {
            self.bookmarks.remove(at);
            self.bookmarks_changed();
            self.say("bookmark removed");
            fx.push(Effect::SaveBookmarks);
        }
    }

    /// Goes to bookmark `at`: its telegram opened (a jump), the cursor on
    /// its passage when it has one. False when its telegram is no longer
    /// in the corpus (said).
    pub fn go_to_bookmark(&mut self, at: usize) -> bool {
        let Some(b) = self.bookmarks.get(at).cloned() else {
            return false;
        };
        let Some(i) = self.corpus.telegram_index(&b.telegram) else {
            self.say(format!(
                "telegram '{}' is not in this corpus (the bookmark is kept)",
                b.telegram
            ));
            return false;
        };
        if self.go_to(i) {
            self.say("the list filter was cleared to show the bookmark");
        }
        if let (Some(a), Some(w)) = (b.align, b.witness) {
            self.bookmark_target = Some((w, a));
        }
        self.reveal = Some(super::Reveal::Bookmark);
        true
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::corpus::Corpus;
    use crate::keymap::Keymap;

    fn app() -> App {
        App::new(Arc::new(Corpus::embedded().unwrap()), Keymap::defaults())
    }

    #[test]
    fn b_marks_and_unmarks_and_each_change_is_saved() {
        let mut a = app();
        let mut fx = Vec::new();
        a.go_to(2);
        a.toggle_bookmark(None, &mut fx);
        assert!(a.is_bookmarked(2));
        let passage = Some(("ru".to_string(), "decision".to_string()));
        a.toggle_bookmark(passage.clone(), &mut fx);
        assert_eq!(a.bookmarks.len(), 2, "a passage is a bookmark of its own");
        a.toggle_bookmark(None, &mut fx);
        assert_eq!(a.bookmarks.len(), 1);
        assert_eq!(a.bookmarks[0].align.as_deref(), Some("decision"));
        assert_eq!(fx, vec![Effect::SaveBookmarks; 3]);
    }

    #[test]
    fn a_bookmark_is_a_jump_and_one_on_a_lost_telegram_is_kept() {
        let mut a = app();
        let mut fx = Vec::new();
        a.go_to(5);
        a.toggle_bookmark(None, &mut fx);
        a.go_to(9);
        assert!(a.go_to_bookmark(0));
        assert_eq!(a.open, Some(5));
        a.jump_back();
        assert_eq!(a.open, Some(9));
        let mut b = a.bookmarks.clone();
        b.push(Bookmark {
            telegram: "1950-01-01-gone".into(),
            align: None,
            witness: None,
        });
        a.set_bookmarks(b);
        assert!(!a.go_to_bookmark(1));
        assert_eq!(a.bookmarks.len(), 2);
        assert!(a.flash.as_deref().unwrap().contains("gone"));
    }
}

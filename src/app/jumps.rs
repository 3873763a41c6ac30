//! The jump list, as vim's: every jump to another telegram (opening one
//! from the list, a search hit, `n`/`N`, the timeline's or matrix's
//! `enter`, `[`/`]`, a deep link, a bookmark) leaves the place it left on
//! the list, and `ctrl-o` goes back to it — the scroll and passage cursor
//! as they were — and the forward key returns.

use super::{App, NotesState, Pane};

/// How many places are kept each way.
const KEPT: usize = 100;

/// Where the reader was: the telegram and how it was being read.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub telegram: usize,
    pub focus: Pane,
    pub scroll: usize,
    pub cursor: Option<usize>,
    pub notes: NotesState,
    /// The list's first row shown.
    pub list_offset: usize,
}

/// The places behind and ahead.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Jumps {
    back: Vec<Place>,
    forward: Vec<Place>,
}

impl Jumps {
    /// How many places `ctrl-o` can go back to, and how many forward.
    pub fn depth(&self) -> (usize, usize) {
        (self.back.len(), self.forward.len())
    }

    /// Each place's telegram as `map` renumbers it (the corpus was
    /// replaced); a place whose telegram is gone is dropped.
    pub fn remap(&mut self, map: &dyn Fn(usize) -> Option<usize>) {
        for stack in [&mut self.back, &mut self.forward] {
            stack.retain_mut(|p| map(p.telegram).map(|t| p.telegram = t).is_some());
        }
    }

    fn push(stack: &mut Vec<Place>, p: Place) {
        // Leaving one telegram twice keeps the later place only.
        if stack.last().is_some_and(|l| l.telegram == p.telegram) {
            stack.pop();
        }
        stack.push(p);
        if stack.len() > KEPT {
            stack.remove(0);
        }
    }
}

impl App {
    /// Where the reader is now, if a telegram is open.
    pub fn here(&self) -> Option<Place> {
        Some(Place {
            telegram: self.open?,
            focus: self.focus,
            scroll: self.message_scroll,
            cursor: self.message_cursor,
            notes: self.notes.clone(),
            list_offset: self.list.offset,
        })
    }

    /// Called before the reader leaves the open telegram for `to`: the
    /// place left goes on the jump list, and what was ahead is dropped.
    pub(super) fn record_jump(&mut self, to: usize) {
        // The telegram shown before anything was opened is no place.
        if self.opened
            && let Some(p) = self.here()
            && p.telegram != to
        {
            Jumps::push(&mut self.jumps.back, p);
            self.jumps.forward.clear();
        }
    }

    /// `ctrl-o`: back to the place before the last jump.
    pub fn jump_back(&mut self) {
        let Some(p) = self.jumps.back.pop() else {
            self.say("no earlier place: the jump list fills as you open telegrams");
            return;
        };
        if let Some(h) = self.here() {
            Jumps::push(&mut self.jumps.forward, h);
        }
        self.restore_place(p);
        let (b, f) = self.jumps.depth();
        self.say(format!("back ({b} behind, {f} ahead)"));
    }

    /// Forward again, after `ctrl-o`.
    pub fn jump_forward(&mut self) {
        let Some(p) = self.jumps.forward.pop() else {
            self.say("no later place: nothing was left by going back");
            return;
        };
        if let Some(h) = self.here() {
            Jumps::push(&mut self.jumps.back, h);
        }
        self.restore_place(p);
        let (b, f) = self.jumps.depth();
        self.say(format!("forward ({b} behind, {f} ahead)"));
    }

    /// Shows a place as it was left (the list selects it, clearing a
    /// filter that hides it).
    pub fn restore_place(&mut self, p: Place) {
        if p.telegram >= self.corpus.telegrams.len() {
            return;
        }
        self.select_in_list(p.telegram);
        self.show_telegram(p.telegram);
        self.focus = match p.focus {
            Pane::Annotations if !self.show_annotations => Pane::Message,
            f => f,
        };
        self.message_scroll = p.scroll;
        self.message_cursor = p.cursor;
        self.notes = p.notes;
        self.list.offset = p.list_offset.min(self.list.rows.len().saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::corpus::Corpus;
    use crate::keymap::Keymap;

    fn app() -> App {
        let corpus = Arc::new(Corpus::embedded().unwrap());
        App::new(corpus, Keymap::defaults())
    }

    #[test]
    fn back_returns_to_the_place_left_with_its_scroll() {
        let mut a = app();
        a.go_to(3);
        a.message_scroll = 7;
        a.message_cursor = Some(2);
        a.go_to(10);
        a.message_scroll = 1;
        a.jump_back();
        assert_eq!(a.open, Some(3));
        assert_eq!(a.message_scroll, 7);
        assert_eq!(a.message_cursor, Some(2));
        a.jump_forward();
        assert_eq!(a.open, Some(10));
        assert_eq!(a.message_scroll, 1);
    }

    #[test]
    fn a_new_jump_drops_what_was_ahead() {
        let mut a = app();
        a.go_to(1);
        a.go_to(2);
        a.jump_back();
        assert_eq!(a.open, Some(1));
        assert_eq!(a.jumps.depth().1, 1);
        a.go_to(5);
        assert_eq!(a.jumps.depth().1, 0);
        a.jump_forward();
        assert_eq!(a.open, Some(5));
        assert!(a.flash.as_deref().unwrap().starts_with("no later place"));
    }

    #[test]
    fn staying_on_a_telegram_is_no_jump_and_an_empty_list_says_so() {
        let mut a = app();
        a.go_to(4);
        a.go_to(4);
        // The telegram shown before anything was opened is not behind.
        a.jump_back();
        assert_eq!(a.open, Some(4));
        assert!(a.flash.as_deref().unwrap().starts_with("no earlier place"));
    }

    #[test]
    fn back_clears_a_filter_that_hides_the_place() {
        let mut a = app();
        a.go_to(0);
        let t = a.corpus.telegrams[0].from[0].clone();
        let other = (0..a.corpus.telegrams.len())
            .find(|&i| {
                let x = &a.corpus.telegrams[i];
                !x.from.contains(&t) && !x.to.contains(&t) && !x.via.contains(&t)
            })
            .unwrap();
        a.go_to(other);
        let keep = a.corpus.telegrams[other].from[0].clone();
        a.set_filter(super::super::list::Filter::Person(keep));
        a.jump_back();
        assert_eq!(a.open, Some(0));
        assert_eq!(a.list.selected_telegram(), Some(0));
    }
}

//! Moving in the reader's panes: paging, reading notes like a pager, the
//! passage cursor, bringing a match or a note's passage into view, and
//! keeping every scroll inside its text. All of it measures the cached
//! layouts; `relayout` brings them up to date after a change that moves
//! lines (another telegram, another pane arrangement).

use super::Reader;
use crate::app::{App, FindIn, Pane, Reveal};
use crate::search::document::fields_with_notes;
use crate::search::query::FieldKind;
use crate::search::snippet::snippet;

impl Reader {
    /// Rows in a page (or half page) of the focused pane.
    pub(super) fn page(&self, app: &App, half: bool) -> isize {
        let h = self.height(app.focus).max(1);
        (if half { h / 2 } else { h.saturating_sub(1) }).max(1) as isize
    }

    pub(super) fn move_by(&mut self, app: &mut App, d: isize) {
        match app.focus {
            Pane::List => app.list.step(d),
            Pane::Message => {
                app.message_scroll = (app.message_scroll as isize + d).max(0) as usize;
            }
            Pane::Annotations => self.move_in_notes(app, d),
        }
    }

    /// Notes are read like a pager: a step scrolls through a note taller
    /// than the pane before moving to the next; a page scrolls the text and
    /// selects the note at the top.
    fn move_in_notes(&mut self, app: &mut App, d: isize) {
        let n = app.note_order().len();
        if n == 0 {
            return;
        }
        let h = self.height(Pane::Annotations).max(1);
        let (start, end) = self
            .notes
            .rows
            .get(app.notes.selected)
            .copied()
            .unwrap_or((0, 0));
        if d.abs() == 1 {
            if d > 0 && end > app.notes.scroll + h {
                app.notes.scroll += 1;
            } else if d < 0 && start < app.notes.scroll {
                app.notes.scroll -= 1;
            } else {
                app.notes.selected =
                    (app.notes.selected as isize + d).clamp(0, n as isize - 1) as usize;
                self.follow_note(app);
            }
        } else {
            app.notes.scroll = (app.notes.scroll as isize + d).max(0) as usize;
            self.clamp(app);
            let top = app.notes.scroll;
            if let Some(i) = self.notes.rows.iter().position(|&(_, e)| e > top) {
                app.notes.selected = i;
            }
            self.show_anchor(app);
        }
    }

    pub(super) fn move_to_end(&mut self, app: &mut App, end: bool) {
        match app.focus {
            Pane::List => {
                if end {
                    app.list.last()
                } else {
                    app.list.first()
                }
            }
            Pane::Message => {
                app.message_scroll = if end { usize::MAX } else { 0 };
                // The passage cursor does not stay behind: `}` goes on
                // from the top (`{` from the end).
                app.message_cursor = None;
            }
            Pane::Annotations => {
                let n = app.note_order().len();
                app.notes.selected = if end { n.saturating_sub(1) } else { 0 };
                self.follow_note(app);
            }
        }
    }

    /// Keeps the selected note on screen and its anchored passage in view.
    pub(super) fn follow_note(&mut self, app: &mut App) {
        self.relayout(app);
        let h = self.height(Pane::Annotations).max(1);
        if let Some(&(start, end)) = self.notes.rows.get(app.notes.selected) {
            if start < app.notes.scroll {
                app.notes.scroll = start;
            } else if end > app.notes.scroll + h {
                app.notes.scroll = end.saturating_sub(h).min(start);
            }
        }
        self.show_anchor(app);
    }

    /// Scrolls the message so the passage the selected note speaks to is in
    /// view.
    fn show_anchor(&mut self, app: &mut App) {
        let Some(anchor) = app.selected_note_anchor().map(str::to_string) else {
            return;
        };
        let witness = app.selected_note_witness().map(str::to_string);
        self.relayout(app);
        if let Some(line) = self.message.group_line_in(&anchor, witness.as_deref()) {
            let mh = self.height(Pane::Message).max(1);
            if line < app.message_scroll || line >= app.message_scroll + mh {
                app.message_scroll = line.saturating_sub(2);
            }
        }
    }

    /// Scrolls the message pane to the passage under the cursor if the
    /// pane (its height changed) no longer shows it.
    pub(super) fn keep_passage_in_view(&mut self, app: &mut App) {
        self.relayout(app);
        let Some(start) = app
            .message_cursor
            .and_then(|i| self.message.groups.get(i))
            .map(|g| g.2)
        else {
            return;
        };
        let h = self.height(Pane::Message).max(1);
        if start < app.message_scroll || start >= app.message_scroll + h {
            app.message_scroll = start.saturating_sub(1);
        }
    }

    /// The next or previous passage under the message pane's cursor.
    pub(super) fn step_passage(&mut self, app: &mut App, d: isize) {
        let groups = &self.message.groups;
        let n = groups.len();
        if n == 0 {
            return;
        }
        let next = match app.message_cursor {
            // The first passage at or below the top of the view.
            None if d > 0 => groups
                .iter()
                .position(|g| g.2 >= app.message_scroll)
                .unwrap_or(n - 1),
            None => groups
                .iter()
                .rposition(|g| g.2 <= app.message_scroll)
                .unwrap_or(0),
            Some(i) => (i as isize + d).clamp(0, n as isize - 1) as usize,
        };
        app.message_cursor = Some(next);
        let (start, end) = (groups[next].2, groups[next].3);
        let h = self.height(Pane::Message).max(1);
        if start < app.message_scroll || end > app.message_scroll + h {
            app.message_scroll = start.saturating_sub(1);
        }
    }

    /// Brings what the model asked for into view.
    pub(super) fn reveal(&mut self, app: &mut App, r: Reveal) {
        self.relayout(app);
        match r {
            Reveal::Match => self.scroll_to_match(app),
            Reveal::SelectedNote => self.follow_note(app),
            Reveal::ListMiddle => self.list_middle(app),
            Reveal::Bookmark => {
                self.list_middle(app);
                let Some((w, a)) = app.bookmark_target.take() else {
                    return;
                };
                let groups = &self.message.groups;
                if let Some(i) = groups.iter().position(|g| g.0 == w && g.1 == a) {
                    app.message_cursor = Some(i);
                    app.message_scroll = groups[i].2.saturating_sub(1);
                } else {
                    app.say(format!(
                        "the bookmarked passage “{a}” ({w}) is no longer in this telegram"
                    ));
                }
            }
        }
    }

    fn list_middle(&self, app: &mut App) {
        let h = self.height(Pane::List);
        app.list.offset = app.list.selected.saturating_sub(h / 2);
    }

    /// Scrolls the message pane to the best match of the last search, or
    /// selects the note it is in.
    fn scroll_to_match(&mut self, app: &mut App) {
        let (Some(l), Some(t)) = (&app.last_search, app.telegram()) else {
            return;
        };
        let fs = fields_with_notes(&app.corpus, t, &app.store.notes);
        let Some(sn) = snippet(&l.query, &fs, 80) else {
            return;
        };
        let f = &fs[sn.field];
        match f.kind {
            FieldKind::Passage => {
                if let Some(&line) = self.message.passage_lines.get(f.index) {
                    app.message_scroll = line.saturating_sub(2);
                }
            }
            FieldKind::Note | FieldKind::NoteBy | FieldKind::MyNote => {
                let want = if f.kind == FieldKind::MyNote {
                    crate::app::notes::NoteRef::Mine(f.index)
                } else {
                    crate::app::notes::NoteRef::Scholar(f.index)
                };
                if let Some(pos) = app.note_order().iter().position(|r| *r == want) {
                    app.notes.selected = pos;
                    app.show_annotations = true;
                    self.follow_note(app);
                }
            }
            _ => {}
        }
    }

    /// Marks the occurrences of the word being found in the message, counts
    /// them for the find bar, and scrolls to the current one when it (or
    /// the word) changed.
    pub(super) fn find(&mut self, app: &mut App, theme: &crate::theme::Theme) {
        let Some(f) = app.find.as_mut().filter(|f| f.target == FindIn::Message) else {
            self.found = None;
            return;
        };
        let Some(key) = self.message_key.clone() else {
            return;
        };
        if self
            .found
            .as_ref()
            .is_some_and(|(k, w, c, _)| *k == key && *w == f.text && *c == f.current)
        {
            return;
        }
        let all = crate::view::find::find(&self.message.lines, &f.text);
        f.count = all.len();
        f.current = f.current.min(all.len().saturating_sub(1));
        let hit = theme.search_match();
        let now = hit.add_modifier(ratatui::style::Modifier::REVERSED);
        let marked = crate::view::find::mark(&self.message.lines, &all, Some(f.current), hit, now);
        if let Some(at) = all.get(f.current) {
            let h = self.height(Pane::Message).max(1);
            if at.line < app.message_scroll || at.line >= app.message_scroll + h {
                app.message_scroll = at.line.saturating_sub(2);
            }
        }
        self.found = Some((key, f.text.clone(), f.current, marked));
    }

    /// Keeps every scroll inside its text.
    pub(super) fn clamp(&mut self, app: &mut App) {
        self.relayout(app);
        let lines = self.message.lines.len();
        let h = self.height(Pane::Message);
        app.message_scroll = app.message_scroll.min(lines.saturating_sub(h));
        let lines = self.notes.lines.len();
        let h = self.height(Pane::Annotations);
        app.notes.scroll = app.notes.scroll.min(lines.saturating_sub(h));
    }
}

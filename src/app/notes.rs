//! The reader's own notes in the reader: adding, editing and deleting them,
//! the small multi-line editor in a popup, the confirmations, and handing a
//! note to `$EDITOR` when one is set.

use crossterm::event::KeyCode;
use unicode_segmentation::UnicodeSegmentation;

use super::{App, Overlay};
use crate::action::Action;
use crate::keymap::Key;
use crate::layout::Pane;
use crate::notes::{Edit, MyNote, new_id, now_utc};
use crate::ui::annotations::{NoteRef, display_order};

/// What an editor is writing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    New {
        telegram: String,
        align: Option<String>,
    },
    Existing {
        id: String,
    },
}

/// The note editor popup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditorState {
    pub target: Target,
    pub text: String,
    /// Byte offset of the cursor in `text`, on a grapheme boundary.
    pub cursor: usize,
    pub dirty: bool,
    /// Asking whether to throw away unsaved text.
    pub confirm_discard: bool,
    /// What the popup is titled ("Note on 2 October 1950 · § decision").
    pub title: String,
}

/// A yes/no question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfirmState {
    pub question: String,
    pub on_yes: OnYes,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OnYes {
    DeleteNote(String),
}

/// A note to be written in `$EDITOR`; the terminal layer runs the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalEdit {
    pub target: Target,
    pub text: String,
}

impl EditorState {
    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i)
    }

    /// Moves to the line above or below, keeping the column (in graphemes).
    fn vertical(&mut self, down: bool) {
        let start = self.line_start();
        let col = self.text[start..self.cursor].graphemes(true).count();
        let (from, to) = if down {
            let end = self.line_end();
            if end == self.text.len() {
                return;
            }
            let next_start = end + 1;
            let next_end = self.text[next_start..]
                .find('\n')
                .map_or(self.text.len(), |i| next_start + i);
            (next_start, next_end)
        } else {
            if start == 0 {
                return;
            }
            let prev_end = start - 1;
            let prev_start = self.text[..prev_end].rfind('\n').map_or(0, |i| i + 1);
            (prev_start, prev_end)
        };
        self.cursor = self.text[from..to]
            .grapheme_indices(true)
            .nth(col)
            .map_or(to, |(i, _)| from + i);
    }

    pub fn insert(&mut self, s: &str) {
        let clean: String = s
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\t', "    ")
            .chars()
            .filter(|c| *c == '\n' || !c.is_control())
            .collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
        self.dirty = true;
    }

    /// A key the keymap did not take: typing and moving within the text.
    pub fn key(&mut self, key: Key) -> bool {
        if let Some(c) = key.typed_char() {
            self.insert(c.encode_utf8(&mut [0; 4]));
            return true;
        }
        match key.code {
            KeyCode::Enter => self.insert("\n"),
            KeyCode::Tab => self.insert("    "),
            KeyCode::Backspace => {
                let p = self.prev_boundary();
                if p < self.cursor {
                    self.text.replace_range(p..self.cursor, "");
                    self.cursor = p;
                    self.dirty = true;
                }
            }
            KeyCode::Delete => {
                let n = self.next_boundary();
                if n > self.cursor {
                    self.text.replace_range(self.cursor..n, "");
                    self.dirty = true;
                }
            }
            KeyCode::Left => self.cursor = self.prev_boundary(),
            KeyCode::Right => self.cursor = self.next_boundary(),
            _ => return false,
        }
        true
    }
}

impl App {
    /// The note selected in the annotations pane.
    pub fn selected_note(&self) -> Option<NoteRef> {
        let t = self.telegram()?;
        display_order(t, &self.store.notes)
            .get(self.notes.selected)
            .copied()
    }

    /// The align key of the passage under the message pane's cursor.
    pub fn cursor_align(&self) -> Option<String> {
        let i = self.message_cursor?;
        // The layout of groups does not depend on which one is highlighted.
        self.message_text_with(None)
            .groups
            .get(i)
            .map(|g| g.1.clone())
    }

    fn notes_writable(&mut self) -> bool {
        match &self.store.read_only {
            Some(why) => {
                self.flash = Some(format!("notes are read-only: {why}"));
                false
            }
            None => true,
        }
    }

    fn start_editing(&mut self, target: Target, text: String) {
        let t = self.telegram().map(|t| t.date.long()).unwrap_or_default();
        let title = match &target {
            Target::New { align: Some(a), .. } => format!("New note on {t} · § {a}"),
            Target::New { align: None, .. } => format!("New note on {t}"),
            Target::Existing { .. } => format!("Your note on {t}"),
        };
        if self
            .external_editor
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty())
        {
            self.external_edit = Some(ExternalEdit { target, text });
            return;
        }
        let cursor = text.len();
        self.overlays.push(Overlay::Editor(EditorState {
            target,
            text,
            cursor,
            dirty: false,
            confirm_discard: false,
            title,
        }));
    }

    /// `a`: a new note on the open telegram, or on the passage under the
    /// message pane's cursor.
    pub(super) fn add_note(&mut self) {
        let Some(t) = self.telegram() else { return };
        let telegram = t.id.clone();
        if !self.notes_writable() {
            return;
        }
        let align = if self.focus == Pane::Message {
            self.cursor_align()
        } else {
            None
        };
        self.start_editing(Target::New { telegram, align }, String::new());
    }

    /// `e`: edits the selected note, if it is the reader's own.
    pub(super) fn edit_note(&mut self) {
        match self.selected_note() {
            Some(NoteRef::Mine(i)) if self.focus == Pane::Annotations => {
                if !self.notes_writable() {
                    return;
                }
                let n = self.store.notes.notes[i].clone();
                self.start_editing(Target::Existing { id: n.id }, n.text);
            }
            _ => {
                self.flash =
                    Some("select one of your notes in the annotations pane to edit it".to_string())
            }
        }
    }

    /// `d`: asks, then deletes the selected note, if it is the reader's own.
    pub(super) fn delete_note(&mut self) {
        match self.selected_note() {
            Some(NoteRef::Mine(i)) if self.focus == Pane::Annotations => {
                if !self.notes_writable() {
                    return;
                }
                let n = &self.store.notes.notes[i];
                let preview: String = n
                    .text
                    .chars()
                    .take(40)
                    .collect::<String>()
                    .replace('\n', " ");
                self.overlays.push(Overlay::Confirm(ConfirmState {
                    question: format!("Delete your note “{preview}”?"),
                    on_yes: OnYes::DeleteNote(n.id.clone()),
                }));
            }
            Some(NoteRef::Scholar(_)) if self.focus == Pane::Annotations => {
                self.flash = Some("only your own notes can be deleted".to_string());
            }
            _ => {
                self.flash = Some(
                    "select one of your notes in the annotations pane to delete it".to_string(),
                )
            }
        }
    }

    /// Saves a change, reporting the outcome in the status line.
    fn commit(&mut self, edit: Edit, done: &str) -> bool {
        match self.store.commit(&edit) {
            Ok(()) => {
                self.flash = Some(format!("{done} ({})", self.store.path.display()));
                self.search_reindex = true;
                if self.search_index.is_some() {
                    let ix =
                        crate::search::index_corpus_with_notes(&self.corpus, &self.store.notes);
                    self.search_index = Some(std::sync::Arc::new(ix));
                }
                true
            }
            Err(why) => {
                self.flash = Some(format!("not saved: {why}"));
                false
            }
        }
    }

    /// Writes the editor's text to the notes file.
    fn save_text(&mut self, target: &Target, text: &str) -> bool {
        match target {
            Target::New { telegram, align } => {
                if text.trim().is_empty() {
                    self.flash = Some("empty note: nothing saved".to_string());
                    return true;
                }
                let note = MyNote {
                    id: new_id(),
                    telegram: telegram.clone(),
                    align: align.clone(),
                    text: text.to_string(),
                    created: now_utc(),
                    edited: None,
                };
                self.commit(Edit::Add(note), "note saved")
            }
            Target::Existing { id } => self.commit(
                Edit::Change {
                    id: id.clone(),
                    text: text.to_string(),
                    edited: now_utc(),
                },
                "note saved",
            ),
        }
    }

    pub(super) fn update_editor(&mut self, action: Action) {
        let Some(Overlay::Editor(ed)) = self.overlays.last_mut() else {
            return;
        };
        if ed.confirm_discard {
            match action {
                Action::Yes => {
                    self.overlays.pop();
                    self.flash = Some("note discarded".to_string());
                }
                Action::No | Action::Close | Action::Cancel => ed.confirm_discard = false,
                _ => {}
            }
            return;
        }
        match action {
            Action::Save => {
                let (target, text) = (ed.target.clone(), ed.text.clone());
                if self.save_text(&target, &text) {
                    self.overlays.pop();
                }
            }
            Action::Close | Action::Cancel => {
                if ed.dirty {
                    ed.confirm_discard = true;
                } else {
                    self.overlays.pop();
                }
            }
            Action::Up => ed.vertical(false),
            Action::Down => ed.vertical(true),
            Action::Top => ed.cursor = ed.line_start(),
            Action::Bottom => ed.cursor = ed.line_end(),
            _ => {}
        }
    }

    /// A key no binding took, while editing.
    pub(super) fn editor_key(&mut self, key: Key) -> bool {
        let Some(Overlay::Editor(ed)) = self.overlays.last_mut() else {
            return false;
        };
        if ed.confirm_discard {
            return true;
        }
        ed.key(key)
    }

    pub(super) fn update_confirm(&mut self, action: Action) {
        let Some(Overlay::Confirm(c)) = self.overlays.last().cloned() else {
            return;
        };
        match action {
            Action::Yes => {
                self.overlays.pop();
                match c.on_yes {
                    OnYes::DeleteNote(id) => {
                        if self.commit(Edit::Delete { id }, "note deleted") {
                            let n = self
                                .telegram()
                                .map_or(0, |t| display_order(t, &self.store.notes).len());
                            self.notes.selected = self.notes.selected.min(n.saturating_sub(1));
                            self.clamp_notes();
                        }
                    }
                }
            }
            Action::No | Action::Close | Action::Cancel => {
                self.overlays.pop();
            }
            _ => {}
        }
    }

    /// The text back from `$EDITOR` (or why it failed).
    pub fn finish_external_edit(&mut self, edit: ExternalEdit, result: Result<String, String>) {
        match result {
            Ok(text) if text == edit.text => self.flash = Some("note unchanged".to_string()),
            Ok(text) => {
                let text = text.trim_end_matches('\n').to_string();
                self.save_text(&edit.target, &text);
            }
            Err(why) => self.flash = Some(format!("the editor failed: {why}; nothing saved")),
        }
    }

    /// The next or previous passage under the message pane's cursor.
    pub(super) fn step_passage(&mut self, d: isize) {
        let text = self.message_text();
        let n = text.groups.len();
        if n == 0 {
            return;
        }
        let next = match self.message_cursor {
            None if d > 0 => {
                // The first passage at or below the top of the view.
                text.groups
                    .iter()
                    .position(|g| g.2 >= self.message_scroll)
                    .unwrap_or(n - 1)
            }
            None => text
                .groups
                .iter()
                .rposition(|g| g.2 <= self.message_scroll)
                .unwrap_or(0),
            Some(i) => (i as isize + d).clamp(0, n as isize - 1) as usize,
        };
        self.message_cursor = Some(next);
        let (start, end) = (text.groups[next].2, text.groups[next].3);
        let h = Self::text_height(self.areas().message).max(1);
        if start < self.message_scroll || end > self.message_scroll + h {
            self.message_scroll = start.saturating_sub(1);
        }
        self.clamp_message();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ed(text: &str, cursor: usize) -> EditorState {
        EditorState {
            target: Target::New {
                telegram: "t".into(),
                align: None,
            },
            text: text.into(),
            cursor,
            dirty: false,
            confirm_discard: false,
            title: String::new(),
        }
    }

    fn k(s: &str) -> Key {
        s.parse().unwrap()
    }

    #[test]
    fn typing_deleting_and_moving_by_grapheme() {
        let mut e = ed("", 0);
        for c in ["Ж", "е", "space", "e\u{301}"] {
            if c.chars().count() > 1 && c != "space" {
                e.insert(c);
            } else {
                e.key(k(c));
            }
        }
        assert_eq!(e.text, "Же e\u{301}");
        e.key(k("backspace"));
        assert_eq!(e.text, "Же ", "a combining mark goes with its letter");
        e.key(k("left"));
        e.key(k("left"));
        e.key(k("delete"));
        assert_eq!(e.text, "Ж ");
        assert!(e.dirty);
    }

    #[test]
    fn lines_up_and_down_keep_the_column() {
        let mut e = ed("abcdef\nxy\n毛泽东说", 3);
        e.vertical(true);
        assert_eq!(
            &e.text[..e.cursor],
            "abcdef\nxy",
            "clamped to the short line"
        );
        e.vertical(true);
        assert_eq!(&e.text[..e.cursor], "abcdef\nxy\n毛泽");
        e.vertical(false);
        e.vertical(false);
        assert_eq!(&e.text[..e.cursor], "ab");
        e.key(k("enter"));
        assert_eq!(e.text, "ab\ncdef\nxy\n毛泽东说");
    }

    #[test]
    fn pasted_text_is_cleaned() {
        let mut e = ed("", 0);
        e.insert("one\r\ntwo\tthree\u{7}");
        assert_eq!(e.text, "one\ntwo    three");
    }
}

//! The reader's own notes in the model: which note is selected, what a
//! new or edited note is for, and turning a finished text into a save for
//! the runner. The editor popup itself is `ui::editor`.

use super::{App, Effect, Pane};
use crate::corpus::Telegram;
use crate::notes::{Edit, MyNote, Notes, new_id, now_utc};

/// A note shown in the annotations pane: one of the reader's own (an index
/// into `Notes::notes`), or a scholar's (an index into `Telegram::notes`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteRef {
    Mine(usize),
    Scholar(usize),
}

/// The notes in display order: the reader's own first, then the scholars',
/// grouped by scholar in order of first appearance, the editors' last.
pub fn display_order(t: &Telegram, mine: &Notes) -> Vec<NoteRef> {
    let mut out: Vec<NoteRef> = mine
        .notes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.telegram == t.id)
        .map(|(i, _)| NoteRef::Mine(i))
        .collect();
    let mut scholars: Vec<&str> = Vec::new();
    for n in t.notes() {
        if !scholars.contains(&n.by.as_str()) {
            scholars.push(&n.by);
        }
    }
    scholars.sort_by_key(|s| *s == "editor");
    out.extend(scholars.iter().flat_map(|s| {
        t.notes()
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.by == *s)
            .map(|(i, _)| NoteRef::Scholar(i))
    }));
    out
}

/// What an editor is writing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    New {
        telegram: String,
        align: Option<String>,
        /// The version the passage is in.
        witness: Option<String>,
    },
    Existing {
        id: String,
    },
}

/// A note to be written in `$EDITOR`; the runner runs the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalEdit {
    pub target: Target,
    pub text: String,
}

/// A note to write in the popup editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub target: Target,
    pub text: String,
    /// Where the note stands in the debate, if anywhere.
    pub stance: Option<crate::corpus::Stance>,
    /// "New note on 2 October 1950 · § decision".
    pub title: String,
}

impl App {
    /// The notes of the open telegram, in display order.
    pub fn note_order(&self) -> Vec<NoteRef> {
        self.telegram()
            .map_or_else(Vec::new, |t| display_order(t, &self.store.notes))
    }

    /// The note selected in the annotations pane.
    pub fn selected_note(&self) -> Option<NoteRef> {
        self.note_order().get(self.notes.selected).copied()
    }

    /// The version of the passage the selected note speaks to, where it
    /// speaks to one version's only.
    pub fn selected_note_witness(&self) -> Option<&str> {
        match self.selected_note()? {
            NoteRef::Mine(i) => self.store.notes.notes[i].witness.as_deref(),
            NoteRef::Scholar(i) => self.telegram()?.notes()[i].witness.as_deref(),
        }
    }

    /// The align key of the passage the selected note speaks to.
    pub fn selected_note_anchor(&self) -> Option<&str> {
        let t = self.telegram()?;
        match self.selected_note()? {
            NoteRef::Scholar(i) => t.notes()[i].anchor.as_deref(),
            NoteRef::Mine(i) => self.store.notes.notes[i].align.as_deref(),
        }
    }

    /// "§ decision · Russian text (Roshchin, 3 October)": the passage a
    /// note is on, in its version where it is on one; "the telegram" for
    /// none.
    pub fn note_place(&self, align: Option<&str>, witness: Option<&str>) -> String {
        let Some(a) = align else {
            return "the telegram".into();
        };
        let label = witness.map(|w| {
            self.telegram()
                .and_then(|t| t.witnesses().iter().find(|x| x.id == w))
                .map_or(w, |x| x.label.as_str())
        });
        match label {
            Some(l) => format!("§ {a} · {l}"),
            None => format!("§ {a}"),
        }
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

    /// Starts writing a note: in `$EDITOR` (an effect) when one is set,
    /// else a draft for the popup editor.
    fn start(
        &mut self,
        target: Target,
        text: String,
        stance: Option<crate::corpus::Stance>,
        fx: &mut Vec<Effect>,
    ) -> Option<Draft> {
        let t = self.telegram().map(|t| t.date.long()).unwrap_or_default();
        // What the note is on first, its version before the date: a
        // narrow box cuts the title's end.
        let title = match &target {
            Target::New {
                align: Some(a),
                witness,
                ..
            } => format!(
                "New note on {} · {t}",
                self.note_place(Some(a), witness.as_deref())
            ),
            Target::New { align: None, .. } => format!("New note on {t}"),
            Target::Existing { id } => {
                let n = self.store.notes.notes.iter().find(|n| n.id == *id);
                match n.filter(|n| n.align.is_some()) {
                    Some(n) => format!(
                        "Your note on {} · {t}",
                        self.note_place(n.align.as_deref(), n.witness.as_deref())
                    ),
                    None => format!("Your note on {t}"),
                }
            }
        };
        if self
            .external_editor
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty())
        {
            fx.push(Effect::RunEditor(ExternalEdit { target, text }));
            return None;
        }
        Some(Draft {
            target,
            text,
            stance,
            title,
        })
    }

    /// `a`: a new note on the open telegram, on the passage `(witness,
    /// align key)` if one is under the cursor (an empty witness: on the
    /// passage in every version, as on a row of the comparison).
    pub fn add_note(
        &mut self,
        passage: Option<(String, String)>,
        fx: &mut Vec<Effect>,
    ) -> Option<Draft> {
        let telegram = self.telegram()?.id.clone();
        if !self.notes_writable() {
            return None;
        }
        // A passage of a telegram with one version needs no version named.
        let several = self.telegram().is_some_and(|t| t.is_multi_witness());
        let (witness, align) = match passage {
            Some((w, a)) => (several.then_some(w).filter(|w| !w.is_empty()), Some(a)),
            None => (None, None),
        };
        let target = Target::New {
            telegram,
            align,
            witness,
        };
        self.start(target, String::new(), None, fx)
    }

    /// `e`: edits the selected note, if it is the reader's own.
    pub fn edit_note(&mut self, fx: &mut Vec<Effect>) -> Option<Draft> {
        match self.selected_note() {
            Some(NoteRef::Mine(i)) if self.focus == Pane::Annotations => {
                if !self.notes_writable() {
                    return None;
                }
                let n = self.store.notes.notes[i].clone();
                self.start(Target::Existing { id: n.id }, n.text, n.stance, fx)
            }
            _ => {
                self.say("select one of your notes in the annotations pane to edit it");
                None
            }
        }
    }

    /// `d`: the question to ask before deleting the selected note, and the
    /// note's id, if it is the reader's own.
    pub fn delete_question(&mut self) -> Option<(String, String)> {
        match self.selected_note() {
            Some(NoteRef::Mine(i)) if self.focus == Pane::Annotations => {
                if !self.notes_writable() {
                    return None;
                }
                let n = &self.store.notes.notes[i];
                let preview = crate::text::truncate(&crate::text::one_line(&n.text), 40);
                let on = match n.align {
                    Some(_) => format!(
                        " on {}",
                        self.note_place(n.align.as_deref(), n.witness.as_deref())
                    ),
                    None => String::new(),
                };
                Some((format!("Delete your note{on} “{preview}”?"), n.id.clone()))
            }
            Some(NoteRef::Scholar(_)) if self.focus == Pane::Annotations => {
                self.say("only your own notes can be deleted");
                None
            }
            _ => {
                self.say("select one of your notes in the annotations pane to delete it");
                None
            }
        }
    }

    /// A finished text for `target`: a save for the runner, or (for an
    /// empty new note) nothing, said so. Whether a save was asked for.
    pub fn save_text(
        &mut self,
        target: &Target,
        text: &str,
        stance: Option<crate::corpus::Stance>,
        fx: &mut Vec<Effect>,
    ) -> bool {
        let edit = match target {
            Target::New {
                telegram,
                align,
                witness,
            } => {
                if text.trim().is_empty() {
                    self.say("empty note: nothing saved");
                    return false;
                }
                Edit::Add(MyNote {
                    id: new_id(),
                    telegram: telegram.clone(),
                    align: align.clone(),
                    witness: witness.clone(),
                    stance,
                    text: text.to_string(),
                    created: now_utc(),
                    edited: None,
                })
            }
            Target::Existing { id } => Edit::Change {
                id: id.clone(),
                text: text.to_string(),
                stance,
                edited: now_utc(),
            },
        };
        fx.push(Effect::SaveNote {
            edit,
            done: "note saved",
        });
        true
    }

    /// Deletes a note of the reader's (after the question was answered).
    pub fn delete_note(&mut self, id: String, fx: &mut Vec<Effect>) {
        fx.push(Effect::SaveNote {
            edit: Edit::Delete { id },
            done: "note deleted",
        });
    }

    /// How a save went: said in the status line; the search index learns
    /// of the change.
    pub fn note_saved(&mut self, result: &Result<(), String>, done: &str, fx: &mut Vec<Effect>) {
        match result {
            Ok(()) => {
                self.flash = Some(format!("{done} ({})", self.store.path.display()));
                self.notes_epoch += 1;
                let n = self.note_order().len();
                self.notes.selected = self.notes.selected.min(n.saturating_sub(1));
                fx.push(Effect::Reindex);
            }
            Err(why) => self.flash = Some(format!("not saved: {why}")),
        }
    }

    /// The text back from `$EDITOR` (or why it failed).
    pub fn finish_external_edit(
        &mut self,
        edit: ExternalEdit,
        result: Result<String, String>,
        fx: &mut Vec<Effect>,
    ) {
        match result {
            Ok(text) if text == edit.text => self.say("note unchanged"),
            Ok(text) => {
                let text = text.trim_end_matches('\n').to_string();
                let stance = match &edit.target {
                    Target::Existing { id } => self
                        .store
                        .notes
                        .notes
                        .iter()
                        .find(|n| n.id == *id)
                        .and_then(|n| n.stance),
                    Target::New { .. } => None,
                };
                self.save_text(&edit.target, &text, stance, fx);
            }
            Err(why) => self.flash = Some(format!("the editor failed: {why}; nothing saved")),
        }
    }
}

//! The reader's key hints for the status line: the focused pane's keys,
//! comparing first on a telegram with several versions, editing and
//! deleting only on a note of the reader's own.

use super::Reader;
use crate::action::Action;
use crate::app::notes::NoteRef;
use crate::app::{App, Pane};

impl Reader {
    /// (action, what the status line calls it), most useful first.
    pub(super) fn pane_hints(&self, app: &App) -> Vec<(Action, &'static str)> {
        let mut actions: Vec<(Action, &'static str)> = match app.focus {
            Pane::List => vec![
                (Action::Down, "move"),
                (Action::Open, "open"),
                (Action::ToggleGrouping, "group"),
                (Action::Filter, "filter"),
                (Action::FocusNext, "pane"),
                (Action::Help, "help"),
                (Action::Quit, "quit"),
            ],
            Pane::Message => vec![
                (Action::Down, "scroll"),
                (Action::NextPassage, "passage"),
                (Action::AddNote, "note"),
                (Action::HalfPageDown, "½ page"),
                (Action::NextTelegram, "next"),
                (Action::PrevTelegram, "prev"),
                (Action::FocusNext, "pane"),
                (Action::Help, "help"),
                (Action::Quit, "quit"),
            ],
            Pane::Annotations => vec![
                // A note taller than the pane is read on before the next.
                (
                    Action::Down,
                    if self
                        .notes
                        .rows
                        .get(app.notes.selected)
                        .is_some_and(|&(a, b)| {
                            b - a > self.height(Pane::Annotations)
                                && b > app.notes.scroll + self.height(Pane::Annotations)
                        })
                    {
                        "more of the note"
                    } else {
                        "next note"
                    },
                ),
                (Action::Up, "prev note"),
                (Action::AddNote, "add"),
                (Action::EditNote, "edit"),
                (Action::DeleteNote, "delete"),
                (Action::FocusNext, "pane"),
                (Action::Help, "help"),
                (Action::Quit, "quit"),
            ],
        };
        // On a telegram with several versions, comparing them comes first.
        if app
            .target()
            .is_some_and(|i| app.corpus.telegrams[i].is_multi_witness())
        {
            actions.insert(0, (Action::Compare, "compare"));
        }
        // Edit and delete apply to the reader's own notes only.
        if !matches!(app.selected_note(), Some(NoteRef::Mine(_))) {
            actions.retain(|(a, _)| !matches!(a, Action::EditNote | Action::DeleteNote));
        }
        actions
    }
}

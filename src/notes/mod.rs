//! The reader's own notes: written in the margin of a telegram, or of one of
//! its passages, kept in a TOML file of their own (`store.rs` saves it
//! safely). Keyed by telegram id and align key, so they survive edits to the
//! corpus; a note whose telegram is gone is kept, and listed as orphaned.

pub mod store;

use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;

use crate::corpus::Date;

/// One note of the reader's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MyNote {
    /// Unique, and stable across edits.
    pub id: String,
    pub telegram: String,
    /// The align key of the passage it is about, if any.
    pub align: Option<String>,
    /// Which version of the text that passage is in (a witness id), where
    /// the note was written on one; without it a note on a passage speaks
    /// to the passage in every version.
    pub witness: Option<String>,
    /// Where the note stands in the trigger-vs-justification debate, if
    /// the writer said.
    pub stance: Option<crate::corpus::Stance>,
    pub text: String,
    /// UTC, "2026-11-27T15:30:00Z".
    pub created: String,
    pub edited: Option<String>,
}

/// The reader's notes grouped by telegram (`Notes::by_telegram`).
pub struct ByTelegram<'a> {
    notes: &'a [MyNote],
    on: rustc_hash::FxHashMap<&'a str, Vec<usize>>,
}

impl<'a> ByTelegram<'a> {
    /// The notes on telegram `id`, each with its place, in their order.
    pub fn on(&self, id: &str) -> impl Iterator<Item = (usize, &'a MyNote)> + use<'a, '_> {
        let notes = self.notes;
        self.on
            .get(id)
            .into_iter()
            .flatten()
            .map(move |&i| (i, &notes[i]))
    }

    /// The telegrams with notes.
    pub fn telegrams(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.on.keys().copied()
    }
}

/// All the reader's notes, in the order they were written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notes {
    pub notes: Vec<MyNote>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    note: Vec<RawNote>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNote {
    id: String,
    telegram: String,
    align: Option<String>,
    witness: Option<String>,
    stance: Option<String>,
    text: String,
    created: String,
    edited: Option<String>,
}

/// Where a notes file is broken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotesError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl std::fmt::Display for NotesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

impl Notes {
    /// Parses a notes file.
    pub fn parse(text: &str) -> Result<Notes, NotesError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let (line, col) = crate::problem::line_col(text, e.span().map_or(0, |s| s.start));
            NotesError {
                line,
                col,
                message: e.message().trim().to_string(),
            }
        })?;
        let mut notes = Vec::with_capacity(raw.note.len());
        for n in raw.note {
            let stance = match n.stance.as_deref() {
                None => None,
                Some(s) => Some(
                    crate::corpus::Stance::ALL
                        .iter()
                        .find(|(name, _)| *name == s)
                        .map(|(_, v)| *v)
                        .ok_or_else(|| NotesError {
                            line: 0,
                            col: 0,
                            message: format!(
                                "note {}: unknown stance '{s}': expected trigger, justification or other",
                                n.id
                            ),
                        })?,
                ),
            };
            notes.push(MyNote {
                id: n.id,
                telegram: n.telegram,
                align: n.align,
                witness: n.witness,
                stance,
                text: n.text,
                created: n.created,
                edited: n.edited,
            });
        }
        Ok(Notes { notes })
    }

    /// The first lines of every notes file shifr writes.
    pub const HEADER: &'static str = "# shifr: your notes. Each [[note]] belongs to a telegram (and, with `align`, to one of\n# its passages). Safe to edit by hand while shifr is closed.\n";

    /// The file's text. Written by hand so it stays readable and diffs well:
    /// [`Notes::HEADER`], then each note's [`Notes::note_toml`] in order.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(Self::HEADER);
        for n in &self.notes {
            out.push_str(&Self::note_toml(n));
        }
        out
    }

    /// One note's `[[note]]` table, as `to_toml` writes it.
    pub fn note_toml(n: &MyNote) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = String::new();
        let _ = write!(
            out,
            "\n[[note]]\nid = {}\ntelegram = {}\n",
            q(&n.id),
            q(&n.telegram)
        );
        if let Some(a) = &n.align {
            let _ = writeln!(out, "align = {}", q(a));
        }
        if let Some(w) = &n.witness {
            let _ = writeln!(out, "witness = {}", q(w));
        }
        if let Some(s) = n.stance {
            let _ = writeln!(out, "stance = {}", q(s.name()));
        }
        let _ = writeln!(out, "text = {}\ncreated = {}", q(&n.text), q(&n.created));
        if let Some(e) = &n.edited {
            let _ = writeln!(out, "edited = {}", q(e));
        }
        out
    }

    /// The notes on one telegram.
    pub fn on<'a>(&'a self, telegram: &'a str) -> impl Iterator<Item = &'a MyNote> {
        self.notes.iter().filter(move |n| n.telegram == telegram)
    }

    /// The notes by the telegram they are on, each with its place among
    /// them: for looking up the notes of every telegram of a corpus, where
    /// `on` would go through all of them for each.
    pub fn by_telegram(&self) -> ByTelegram<'_> {
        let mut on: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
        for (i, n) in self.notes.iter().enumerate() {
            on.entry(n.telegram.as_str()).or_default().push(i);
        }
        ByTelegram {
            notes: &self.notes,
            on,
        }
    }

    /// Notes whose telegram the corpus does not have.
    pub fn orphans<'a>(
        &'a self,
        corpus: &'a crate::corpus::Corpus,
    ) -> impl Iterator<Item = &'a MyNote> {
        self.notes
            .iter()
            .filter(|n| corpus.telegram(&n.telegram).is_none())
    }

    /// Applies one change, by note id. Returns whether anything changed.
    pub fn apply(&mut self, edit: &Edit) -> bool {
        match edit {
            Edit::Add(n) => {
                if self.notes.iter().any(|m| m.id == n.id) {
                    return false;
                }
                self.notes.push(n.clone());
                true
            }
            Edit::Change {
                id,
                text,
                stance,
                edited,
            } => match self.notes.iter_mut().find(|m| &m.id == id) {
                Some(m) => {
                    m.text = text.clone();
                    m.stance = *stance;
                    m.edited = Some(edited.clone());
                    true
                }
                None => false,
            },
            Edit::Delete { id } => {
                let before = self.notes.len();
                self.notes.retain(|m| &m.id != id);
                self.notes.len() != before
            }
        }
    }
}

/// One change to the notes: what is applied, under a lock, to whatever the
/// file holds at that moment, so two shifr processes never undo each other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Add(MyNote),
    Change {
        id: String,
        text: String,
        stance: Option<crate::corpus::Stance>,
        edited: String,
    },
    Delete {
        id: String,
    },
}

/// The time now, as "2026-11-27T15:30:00Z".
pub fn now_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let day = Date::from_day_number((secs / 86_400) as i64);
    let s = secs % 86_400;
    format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// A new note id: the time in microseconds and the process id.
pub fn new_id() -> String {
    let micros = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    format!("n{micros:x}-{:x}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(id: &str, text: &str) -> MyNote {
        MyNote {
            id: id.into(),
            telegram: "1950-10-02-mao-stalin".into(),
            align: Some("decision".into()),
            witness: None,
            stance: None,
            text: text.into(),
            created: "2026-11-27T15:30:00Z".into(),
            edited: None,
        }
    }

    #[test]
    fn round_trips_through_toml_with_any_text() {
        let mut n = Notes::default();
        n.apply(&Edit::Add(note(
            "a",
            "Two lines,\nwith \"quotes\", Сталин, 毛泽东, tab\there, and a ''' too.",
        )));
        n.apply(&Edit::Add(MyNote {
            align: None,
            ..note("b", "")
        }));
        let back = Notes::parse(&n.to_toml()).unwrap();
        assert_eq!(back, n);
    }

    #[test]
    fn edits_apply_by_id() {
        let mut n = Notes::default();
        assert!(n.apply(&Edit::Add(note("a", "x"))));
        assert!(!n.apply(&Edit::Add(note("a", "again"))), "ids are unique");
        assert!(n.apply(&Edit::Change {
            id: "a".into(),
            text: "y".into(),
            stance: None,
            edited: "t".into()
        }));
        assert_eq!(n.notes[0].text, "y");
        assert!(!n.apply(&Edit::Change {
            id: "zz".into(),
            text: "y".into(),
            stance: None,
            edited: "t".into()
        }));
        assert!(n.apply(&Edit::Delete { id: "a".into() }));
        assert!(n.notes.is_empty());
    }

    #[test]
    fn broken_files_are_located() {
        let e = Notes::parse("[[note]]\nid = \"a\"\ntelegram = 3\n").unwrap_err();
        assert_eq!((e.line, e.col), (3, 12));
    }

    #[test]
    fn timestamps_and_ids() {
        let t = now_utc();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.ends_with('Z') && t.as_bytes()[10] == b'T');
        assert_ne!(new_id(), "");
    }
}

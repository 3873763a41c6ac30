//! What leaves `update` as a value instead of being done there, and what
//! comes back. One runner (`crate::runner`) carries effects out — the
//! terminal loop, and the same runner in tests with a fake clipboard and a
//! search on the calling thread — and hands the answers back as events.

use std::sync::Arc;
use std::time::Duration;

use crate::notes::Edit;
use crate::search::{Hit, ParseError};

use super::notes::ExternalEdit;

/// Something for the runner to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Apply an edit to the notes file (locked, merged, written
    /// atomically); `done` is what the status line says when it worked.
    SaveNote { edit: Edit, done: &'static str },
    /// Put text on the clipboard (OSC 52 in the terminal).
    Copy(String),
    /// Run a query on the search index.
    Search { generation: u64, query: String },
    /// The notes changed: rebuild the search index with them.
    Reindex,
    /// Hand the terminal to `$EDITOR` for a note.
    RunEditor(ExternalEdit),
    /// Write the bookmarks to their file.
    SaveBookmarks,
    /// Leave the reader (the reading state is written first).
    Quit,
    /// Give the terminal back to the shell and stop until `fg` (the
    /// reading state is written first, in case the stopped reader is
    /// killed).
    Suspend,
    /// Take mouse events from the terminal (`true`), or leave the mouse to
    /// it, so that it selects text.
    MouseCapture(bool),
}

/// What the runner hands back.
#[derive(Clone, Debug)]
pub enum Event {
    /// The search index is built.
    SearchReady,
    /// The search index being built is this far (%).
    SearchProgress(u8),
    /// The answer to the query of generation `generation`.
    SearchResults {
        generation: u64,
        result: Result<Arc<Vec<Hit>>, ParseError>,
        took: Duration,
    },
    /// The results of generation `generation` are on the screen, `took`
    /// after the key that asked for them was read (the terminal loop's
    /// measure; tests and screenshots never send it).
    SearchShown { generation: u64, took: Duration },
    /// How saving a note went; `done` is the effect's.
    NoteSaved {
        result: Result<(), String>,
        done: &'static str,
    },
    /// The text back from `$EDITOR`, or why it failed.
    EditorDone(ExternalEdit, Result<String, String>),
}

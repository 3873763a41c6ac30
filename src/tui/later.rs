//! Progressive loading, the terminal's side: the whole corpus arriving
//! while the reader shows a part of it. The loader (on a thread of the
//! caller's) sends how far it has come and then the whole; the event loop
//! hands the whole to `take` on its own thread, then starts the search
//! thread on it.

use std::sync::mpsc::Receiver;

use crate::cache::Loaded;
use crate::ui::Shell;

/// What the loader of the whole corpus sends.
pub enum Loading {
    /// "reading" or "checking", and how far (%).
    Progress(&'static str, u8),
    /// The whole corpus, or why it did not load (the reader then stays on
    /// the part, and prints why when it quits).
    Done(Result<Box<Loaded>, String>),
    /// The loader failed in a way it should not (a panic: the terminal is
    /// restored already): the reader ends with this message.
    Crashed(String),
}

/// Puts the whole corpus in the shell (with what was kept for it: the
/// reading state, the cache to write).
pub type Take = Box<dyn FnMut(&mut Shell, Box<Loaded>)>;

/// The rest of a corpus the reader started on part of.
pub struct Later {
    pub rx: Receiver<Loading>,
    pub take: Take,
}

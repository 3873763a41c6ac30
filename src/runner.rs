//! The one place effects are carried out. The terminal loop and the tests
//! run the same [`run`]; only the [`Host`] differs — the terminal's puts
//! text on the clipboard with OSC 52, hands queries to the search thread
//! and hands the terminal to `$EDITOR`; the tests' keeps the clipboard in a
//! string and searches on the calling thread. Saving a note (lock, merge,
//! fsync, rename) happens here, never inside `update`.

use crate::app::notes::ExternalEdit;
use crate::app::{Effect, Event};
use crate::keymap::Key;
use crate::notes::Notes;
use crate::ui::Shell;

/// What the world outside the reader does for it.
pub trait Host {
    /// Puts text on the clipboard.
    fn copy(&mut self, text: &str);
    /// Runs a query; the answer comes back as an event, now or later.
    fn search(&mut self, generation: u64, query: &str) -> Option<Event>;
    /// The notes changed: the index should be rebuilt with them.
    fn reindex(&mut self, notes: &Notes);
    /// Lets the user write a note in `$EDITOR`: the text back, or why not.
    fn edit(&mut self, editor: &str, text: &str) -> Result<String, String>;
    /// The user quits.
    fn quit(&mut self);
    /// The user suspends the reader (`ctrl-z`).
    fn suspend(&mut self);
    /// Mouse capture on or off (`M`).
    fn mouse_capture(&mut self, on: bool);
}

/// Carries out every effect the shell has asked for, and those that follow
/// from their answers, until none is left.
pub fn run(shell: &mut Shell, host: &mut dyn Host) {
    loop {
        let effects = shell.take_effects();
        if effects.is_empty() {
            return;
        }
        for e in effects {
            match e {
                Effect::SaveNote { edit, done } => {
                    let result = shell.app.store.commit(&edit);
                    // An edit kept as a new note says so (notes::store::Saved).
                    let done = result.as_ref().map_or(done, |s| s.message(done));
                    shell.event(Event::NoteSaved {
                        result: result.map(|_| ()),
                        done,
                    });
                }
                Effect::Copy(text) => host.copy(&text),
                Effect::Search { generation, query } => {
                    if let Some(answer) = host.search(generation, &query) {
                        shell.event(answer);
                    }
                }
                Effect::Reindex => host.reindex(&shell.app.store.notes),
                Effect::RunEditor(ExternalEdit { target, text }) => {
                    let editor = shell.app.external_editor.clone().unwrap_or_default();
                    let result = host.edit(&editor, &text);
                    shell.event(Event::EditorDone(ExternalEdit { target, text }, result));
                }
                Effect::SaveBookmarks => crate::memory::save_bookmarks(&mut shell.app),
                Effect::Quit => {
                    crate::memory::save_state(shell);
                    host.quit()
                }
                Effect::Suspend => {
                    crate::memory::save_state(shell);
                    host.suspend()
                }
                Effect::MouseCapture(on) => host.mouse_capture(on),
            }
        }
    }
}

/// Presses keys written as in keymap.toml (`"j j ctrl-d tab ?"`), running
/// each key's effects before the next, exactly as the terminal loop does.
pub fn press(shell: &mut Shell, host: &mut dyn Host, keys: &str) -> Result<(), String> {
    for k in keys.split_whitespace() {
        shell.handle_key(k.parse::<Key>()?);
        run(shell, host);
    }
    Ok(())
}

/// Stands in for `$EDITOR` in a [`LocalHost`].
pub type EditorFn = dyn FnMut(&str) -> Result<String, String>;

/// A host without a terminal, for tests, benchmarks and screenshots: the
/// clipboard is a list, searches run on the calling thread over an index
/// built here, and `$EDITOR` is a function.
pub struct LocalHost {
    corpus: std::sync::Arc<crate::corpus::Corpus>,
    index: crate::search::Index,
    /// What was copied, oldest first.
    pub clipboard: Vec<String>,
    /// Whether the user quit.
    pub quit: bool,
    /// How often the user suspended the reader.
    pub suspended: usize,
    /// Whether the mouse is captured, as the reader last asked.
    pub mouse_captured: Option<bool>,
    /// Stands in for `$EDITOR`: the text in, the text out.
    pub editor: Box<EditorFn>,
}

impl LocalHost {
    /// A host for `shell`, whose index is built at once (and the shell
    /// told it is ready).
    pub fn new(shell: &mut Shell) -> LocalHost {
        let corpus = std::sync::Arc::clone(&shell.app.corpus);
        let index = crate::search::index_corpus_with_notes(&corpus, &shell.app.store.notes);
        shell.event(Event::SearchReady);
        LocalHost {
            corpus,
            index,
            clipboard: Vec::new(),
            quit: false,
            suspended: 0,
            mouse_captured: None,
            editor: Box::new(|_| Err("no editor in this host".to_string())),
        }
    }
}

impl Host for LocalHost {
    fn copy(&mut self, text: &str) {
        self.clipboard.push(text.to_string());
    }

    fn search(&mut self, generation: u64, query: &str) -> Option<Event> {
        let result =
            crate::search::parse(query).map(|q| std::sync::Arc::new(self.index.search(&q)));
        // No timing here, so that screens are stable.
        Some(Event::SearchResults {
            generation,
            result,
            took: std::time::Duration::ZERO,
        })
    }

    fn reindex(&mut self, notes: &Notes) {
        self.index = crate::search::index_corpus_with_notes(&self.corpus, notes);
    }

    fn edit(&mut self, _editor: &str, text: &str) -> Result<String, String> {
        (self.editor)(text)
    }

    fn quit(&mut self) {
        self.quit = true;
    }

    fn suspend(&mut self) {
        self.suspended += 1;
    }

    fn mouse_capture(&mut self, on: bool) {
        self.mouse_captured = Some(on);
    }
}

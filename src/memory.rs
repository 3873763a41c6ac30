//! What the reader remembers, on disk: `state.toml` (where the user was)
//! and `bookmarks.toml`, in `$XDG_STATE_HOME/shifr/` for the bundled
//! corpus and in `corpora/<name>-<hash>/` under it for a `--corpus DIR`.
//! Read before the terminal is touched (`cli::reader`), written by the
//! runner on quit, on suspend and on every bookmark change — atomically,
//! through symlinks, keeping the file's mode (`notes::store::write_atomic`).
//! A file that does not parse, or names what the corpus no longer has, is
//! renamed aside (`state.toml.corrupt-<seconds>`) with a one-line notice;
//! it never stops the reader and is never overwritten.

use std::path::{Path, PathBuf};

use crate::app::App;
use crate::app::session::{self, Resume, Session, StateFiles};
use crate::fsread::read_text;
use crate::problem::Problem;
use crate::ui::Shell;

/// A stable 64-bit FNV-1a hash, so a corpus directory names the same
/// state directory in every run and every build.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The state files for the bundled corpus (`corpus: None`) or a corpus
/// directory, under `base` (the state directory).
pub fn files_in(base: &Path, corpus: Option<&Path>) -> StateFiles {
    let dir = match corpus {
        None => base.to_path_buf(),
        Some(d) => {
            let d = std::fs::canonicalize(d).unwrap_or_else(|_| d.to_path_buf());
            let name: String = d
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
                .chars()
                .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                .take(40)
                .collect();
            let hash = fnv(d.as_os_str().as_encoded_bytes());
            base.join("corpora").join(format!("{name}-{hash:016x}"))
        }
    };
    StateFiles {
        state: dir.join("state.toml"),
        bookmarks: dir.join("bookmarks.toml"),
    }
}

/// The state files for this corpus, if there is a state directory.
pub fn files(corpus: Option<&Path>) -> Option<StateFiles> {
    crate::dirs::state_dir().map(|b| files_in(&b, corpus))
}

/// A state file as its messages name it: by its name in the state
/// directory (the status line is short; the README says where that is).
fn shown(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Renames a file that cannot be used out of the way; the notice says
/// where it went.
fn set_aside(path: &Path, why: &Problem) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".corrupt-{secs}"));
    let aside = PathBuf::from(aside);
    let name = shown(&aside);
    match std::fs::rename(path, &aside) {
        Ok(()) => format!("{why}; set aside as {name}"),
        Err(e) => format!("{why}; could not set it aside ({e}), ignored"),
    }
}

/// Reads a file of the state directory: its text, nothing if it is not
/// there, or the notice of setting it aside.
fn read(path: &Path) -> Result<Option<String>, String> {
    match read_text(path, &shown(path), "a UTF-8 encoded TOML file") {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.not_found => Ok(None),
        Err(e) => Err(set_aside(path, &e.problem)),
    }
}

/// Takes what the last run left: the bookmarks always, the reading state
/// unless `fresh`. The view to reopen, and the notices to show.
pub fn load(app: &mut App, files: StateFiles, fresh: bool) -> (Option<Resume>, Vec<String>) {
    let mut notices = Vec::new();
    match read(&files.bookmarks) {
        Ok(Some(text)) => match session::parse_bookmarks(&shown(&files.bookmarks), &text) {
            Ok(b) => app.set_bookmarks(b),
            Err(p) => notices.push(set_aside(&files.bookmarks, &p)),
        },
        Ok(None) => {}
        Err(n) => notices.push(n),
    }
    let mut overlay = None;
    match read(&files.state) {
        Ok(Some(text)) => {
            let file = shown(&files.state);
            let resumed = Session::parse(&file, &text).and_then(|s| {
                if fresh {
                    // Only what has been read is carried over.
                    let read = Session {
                        version: s.version,
                        read: s.read,
                        ..Session::default()
                    };
                    app.resume(&file, &read).map(|_| None)
                } else {
                    app.resume(&file, &s)
                }
            });
            match resumed {
                Ok(o) => overlay = o,
                Err(p) => notices.push(set_aside(&files.state, &p)),
            }
        }
        Ok(None) => {}
        Err(n) => notices.push(n),
    }
    app.files = Some(files);
    (overlay, notices)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    crate::notes::store::write_atomic(path, text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes the reading state (on quit and suspend). An error is kept for
/// the reader to say, never fatal.
pub fn save_state(shell: &mut Shell) {
    let overlay = shell.resume_overlay();
    let app = &mut shell.app;
    let Some(files) = &app.files else {
        return;
    };
    if let Err(e) = write(&files.state, &app.session(overlay).to_toml()) {
        app.say(format!("the reading state was not saved: {e}"));
        app.exit_notice = Some(format!("shifr: the reading state was not saved: {e}"));
    }
}

/// Writes the bookmarks (after every change).
pub fn save_bookmarks(app: &mut App) {
    let Some(files) = &app.files else {
        return;
    };
    if let Err(e) = write(&files.bookmarks, &session::bookmarks_toml(&app.bookmarks)) {
        app.say(format!("bookmarks not saved: {e}"));
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
    fn each_corpus_has_its_own_files_and_the_bundled_one_the_plain_names() {
        let base = Path::new("/state/shifr");
        let bundled = files_in(base, None);
        assert_eq!(bundled.state, base.join("state.toml"));
        let a = files_in(base, Some(Path::new("/no/such/a/corpus")));
        let b = files_in(base, Some(Path::new("/no/such/b/corpus")));
        assert_ne!(a.state, b.state);
        assert!(a.state.starts_with(base.join("corpora")));
        assert_eq!(a, files_in(base, Some(Path::new("/no/such/a/corpus"))));
    }

    #[test]
    fn a_corrupt_state_is_set_aside_and_the_bookmarks_kept() {
        let dir = tempfile::tempdir().unwrap();
        let files = files_in(dir.path(), None);
        std::fs::write(&files.state, "version = 1\nscroll = [\n").unwrap();
        std::fs::write(
            &files.bookmarks,
            "version = 1\n[[bookmark]]\ntelegram = \"1950-10-02-mao-stalin\"\n",
        )
        .unwrap();
        let mut a = app();
        let (overlay, notices) = load(&mut a, files.clone(), false);
        assert_eq!(overlay, None);
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(notices[0].contains("state.toml:"), "{}", notices[0]);
        assert!(notices[0].contains("set aside as state.toml.corrupt-"));
        assert!(!files.state.exists());
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("state.toml.corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(a.bookmarks.len(), 1);
    }

    #[test]
    fn state_is_written_and_read_back_and_fresh_keeps_only_what_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let files = files_in(&dir.path().join("nested"), None);
        let mut a = app();
        a.files = Some(files.clone());
        let i = a.corpus.telegram_index("1950-10-02-mao-stalin").unwrap();
        a.go_to(i);
        a.message_scroll = 3;
        let size = ratatui::layout::Size::new(80, 24);
        let mut shell = Shell::new(a, crate::theme::Theme::plain(), size);
        save_state(&mut shell);
        assert!(shell.app.exit_notice.is_none());
        let mut b = app();
        load(&mut b, files.clone(), false);
        assert_eq!((b.open, b.message_scroll), (Some(i), 3));
        let mut c = app();
        load(&mut c, files, true);
        assert_eq!(c.open, app().open, "fresh: where a first start is");
        assert!(c.read.contains(&i));
    }

    #[test]
    fn a_fifo_in_place_of_the_state_file_does_not_hang() {
        let dir = tempfile::tempdir().unwrap();
        let files = files_in(dir.path(), None);
        nix::unistd::mkfifo(&files.state, nix::sys::stat::Mode::S_IRWXU).unwrap();
        let mut a = app();
        let (_, notices) = load(&mut a, files, false);
        assert!(notices[0].contains("FIFO"), "{notices:?}");
    }
}

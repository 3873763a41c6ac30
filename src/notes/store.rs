//! Keeping the notes file safe. Every change is saved at once: under an
//! exclusive lock, the file is read again, the one change is applied to what
//! it holds now (so two shifr processes never undo each other's notes), and
//! the result is written to a temporary file in the same directory, synced,
//! and renamed over the old one. A file that does not parse is never
//! written: notes go read-only and say where the file is broken.
//!
//! A notes path that is a symlink is written through: the file it points at
//! gets the notes, and the link is left as it was. A saved file keeps the
//! permission mode it had.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Edit, MyNote, Notes, NotesError};

/// The mark before the text of an edit kept as a new note because the
/// note it changed had been deleted by another shifr meanwhile.
pub const RESTORED: &str = "[restored: deleted elsewhere while being edited] ";

/// The mark before the text of an edit kept as a new note because another
/// shifr had changed the same note meanwhile (theirs is left as it is).
pub const CONFLICT: &str = "[edited elsewhere at the same time: both versions kept] ";

/// How a save went in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// As asked.
    AsAsked,
    /// An edit of a note deleted elsewhere meanwhile: added as a new note,
    /// marked [`RESTORED`].
    Restored,
    /// An edit of a note changed elsewhere meanwhile: added as a new note,
    /// marked [`CONFLICT`], beside the other version.
    KeptBoth,
}

impl Saved {
    /// What the status line says: `done` (the effect's own words) when the
    /// change went in as asked.
    pub fn message(self, done: &'static str) -> &'static str {
        match self {
            Saved::AsAsked => done,
            Saved::Restored => "note restored: it had been deleted elsewhere",
            Saved::KeptBoth => {
                "note saved as a new note: it had been changed elsewhere, both versions kept"
            }
        }
    }
}

/// The notes file, loaded.
#[derive(Debug)]
pub struct Store {
    pub path: PathBuf,
    pub notes: Notes,
    /// Why the notes are read-only, if they are.
    pub read_only: Option<String>,
    /// The file's text as this store last read or wrote it, with its notes,
    /// and whether this store wrote it (then it is exactly their
    /// `to_toml`). A save that finds the file unchanged parses nothing, and
    /// adding a note to a file this store wrote appends one table to the
    /// text: a save costs the note, not the notes file.
    known: Option<Known>,
    /// How often the file was parsed (the tests count them).
    parses: usize,
}

#[derive(Debug)]
struct Known {
    text: String,
    notes: Notes,
    written: bool,
}

/// Where notes live without `--notes`: `$XDG_DATA_HOME/shifr/notes.toml`,
/// else `~/.local/share/shifr/notes.toml`.
pub fn default_path() -> Option<PathBuf> {
    crate::dirs::data_dir().map(|d| d.join("notes.toml"))
}

fn broken(path: &Path, e: &NotesError) -> String {
    format!(
        "{}:{e}; your notes are read-only until it is fixed",
        path.display()
    )
}

/// Reads a notes file's text: a missing file is none (no notes yet). Only
/// a regular file of at most 16 MiB is read (see `crate::fsread`).
fn read_text(path: &Path) -> Result<Option<String>, String> {
    let shown = path.display().to_string();
    match crate::fsread::read_text(path, &shown, "a UTF-8 encoded TOML notes file") {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.not_found => Ok(None),
        Err(e) => Err(format!("{}; your notes are read-only", e.problem)),
    }
}

/// Reads and parses a notes file: a missing file is no notes yet.
fn read(path: &Path) -> Result<(Option<String>, Notes), String> {
    let text = read_text(path)?;
    let notes = match &text {
        Some(t) => Notes::parse(t).map_err(|e| broken(path, &e))?,
        None => Notes::default(),
    };
    Ok((text, notes))
}

/// An exclusive lock on `<notes>.lock`, held until dropped. It is an
/// advisory whole-file lock (`flock` on Linux), so it holds between threads
/// with their own `Store` as well as between processes.
#[derive(Debug)]
struct Lock(File);

impl Lock {
    fn take(path: &Path) -> io::Result<Lock> {
        Lock::take_within(path, Duration::from_secs(3))
    }

    /// Tries for the lock until `patience` has passed.
    fn take_within(path: &Path, patience: Duration) -> io::Result<Lock> {
        let mut lock_path = path.as_os_str().to_owned();
        lock_path.push(".lock");
        // Not blocking: a FIFO in the lock file's place is an error, not a hang.
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open(PathBuf::from(lock_path))?;
        let start = Instant::now();
        loop {
            let err = match f.try_lock() {
                Ok(()) => return Ok(Lock(f)),
                Err(TryLockError::WouldBlock) => io::Error::from(io::ErrorKind::WouldBlock),
                Err(TryLockError::Error(e)) => e,
            };
            if err.kind() != io::ErrorKind::WouldBlock || start.elapsed() > patience {
                return Err(io::Error::new(
                    err.kind(),
                    format!("another shifr is saving notes ({err})"),
                ));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Closing the file would release the lock too; this says so.
        let _ = self.0.unlock();
    }
}

/// The file that `path` names, with every symlink on the way followed: a
/// save writes there, so a link keeps pointing at the file with the notes.
/// A dangling link resolves to the file it would point at (created on the
/// first save). A path that is no symlink is returned as it is.
fn resolve_symlinks(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    // As many hops as Linux follows before it gives up (ELOOP).
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{}: too many levels of symbolic links", path.display()),
    ))
}

/// Writes `bytes` to `path` so that a reader sees either the old file or the
/// new one, never a part: a temporary file in the same directory, written
/// and synced, then renamed over `path`, and the directory synced. If `path`
/// is a symlink the file it points at is replaced, not the link; a file that
/// exists keeps its permission mode, a new one gets the default.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, |f, b| f.write_all(b))
}

/// `write_atomic`, with the write itself supplied (tests make it fail
/// half-way).
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let path = &resolve_symlinks(path)?;
    let permissions = match fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "notes.toml".into());
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        super::new_id()
    ));
    let result = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        if let Some(p) = permissions {
            f.set_permissions(p)?;
        }
        write(&mut f, bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

impl Store {
    /// Opens the notes at `path` (created on the first save).
    pub fn open(path: PathBuf) -> Store {
        match read(&path) {
            Ok((text, notes)) => Store {
                path,
                known: text.map(|text| Known {
                    text,
                    notes: notes.clone(),
                    written: false,
                }),
                notes,
                read_only: None,
                parses: 1,
            },
            Err(why) => Store {
                path,
                notes: Notes::default(),
                read_only: Some(why),
                known: None,
                parses: 1,
            },
        }
    }

    /// An empty store that cannot be written (no notes location known).
    pub fn nowhere(why: &str) -> Store {
        Store {
            path: PathBuf::new(),
            notes: Notes::default(),
            read_only: Some(why.to_string()),
            known: None,
            parses: 0,
        }
    }

    /// Saves one change: locked, merged with what the file holds now,
    /// written atomically. On success `self.notes` is the file's new content,
    /// and the answer says whether the change went in as asked or was kept
    /// as a new note (see [`Store::merge`]).
    pub fn commit(&mut self, edit: &Edit) -> Result<Saved, String> {
        if let Some(why) = &self.read_only {
            return Err(why.clone());
        }
        // Locked and written where a symlink points, so two paths to one
        // file share one lock.
        let target = resolve_symlinks(&self.path)
            .map_err(|e| format!("{}: cannot save: {e}", self.path.display()))?;
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)
                .map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
        }
        let _lock = Lock::take(&target).map_err(|e| format!("{}: {e}", self.path.display()))?;
        // What the file holds now: parsed again only if it changed since
        // this store last read or wrote it.
        let text = match read_text(&self.path) {
            Ok(t) => t,
            Err(why) => {
                self.read_only = Some(why.clone());
                return Err(why);
            }
        };
        let known = self
            .known
            .take()
            .filter(|k| text.as_deref() == Some(k.text.as_str()));
        let mut current = match &known {
            Some(k) => k.notes.clone(),
            None => {
                self.parses += 1;
                match &text {
                    Some(t) => match Notes::parse(t) {
                        Ok(n) => n,
                        Err(e) => {
                            // Someone broke the file since we read it: never overwrite it.
                            let why = broken(&self.path, &e);
                            self.read_only = Some(why.clone());
                            return Err(why);
                        }
                    },
                    None => Notes::default(),
                }
            }
        };
        let before = current.notes.len();
        let saved = self.merge(&mut current, edit)?;
        // A note added to a file this store wrote: its table appended.
        let out = match (edit, known) {
            (Edit::Add(n), Some(k)) if k.written && current.notes.len() == before + 1 => {
                let mut t = k.text;
                t.push_str(&Notes::note_toml(n));
                t
            }
            _ => current.to_toml(),
        };
        write_atomic(&target, out.as_bytes())
            .map_err(|e| format!("{}: cannot save: {e}", self.path.display()))?;
        self.known = Some(Known {
            text: out,
            notes: current.clone(),
            written: true,
        });
        self.notes = current;
        Ok(saved)
    }

    /// Applies `edit` to `current` (what the file holds now). An edit of a
    /// note that another shifr deleted, or changed, since this one read it
    /// is never dropped and never overwrites theirs: it is added as a new
    /// note on the same telegram and passage, its text after a mark
    /// ([`RESTORED`], [`CONFLICT`]). `self.notes` is what the editor started
    /// from: the editor is modal, so nothing was saved from here meanwhile.
    fn merge(&self, current: &mut Notes, edit: &Edit) -> Result<Saved, String> {
        let Edit::Change {
            id,
            text,
            stance,
            edited,
        } = edit
        else {
            // An Add's id is new; a Delete of a note already gone is done.
            current.apply(edit);
            return Ok(Saved::AsAsked);
        };
        let ours = self.notes.notes.iter().find(|n| &n.id == id);
        let (mark, saved) = match current.notes.iter().find(|n| &n.id == id) {
            None => (RESTORED, Saved::Restored),
            Some(theirs) if ours.is_none_or(|o| o.text == theirs.text) || &theirs.text == text => {
                current.apply(edit);
                return Ok(Saved::AsAsked);
            }
            Some(_) => (CONFLICT, Saved::KeptBoth),
        };
        let Some(ours) = ours else {
            return Err(format!(
                "{}: the note was deleted by another shifr, and which telegram it was on is not known here; your text is still in the editor: copy it into a new note",
                self.path.display()
            ));
        };
        current.notes.push(MyNote {
            id: super::new_id(),
            telegram: ours.telegram.clone(),
            align: ours.align.clone(),
            witness: ours.witness.clone(),
            stance: *stance,
            text: format!("{mark}{text}"),
            created: ours.created.clone(),
            edited: Some(edited.clone()),
        });
        Ok(saved)
    }

    /// Reads the file again (another shifr may have added notes).
    pub fn reload(&mut self) {
        if self.read_only.is_none() {
            self.parses += 1;
            match read(&self.path) {
                Ok((text, n)) => {
                    self.known = text.map(|text| Known {
                        text,
                        notes: n.clone(),
                        written: false,
                    });
                    self.notes = n;
                }
                Err(why) => self.read_only = Some(why),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(id: &str) -> Edit {
        Edit::Add(MyNote {
            id: id.into(),
            telegram: "1950-10-02-mao-stalin".into(),
            align: None,
            witness: None,
            stance: None,
            text: format!("note {id}"),
            created: "2026-11-27T15:30:00Z".into(),
            edited: None,
        })
    }

    /// #11: every save parsed the whole file again and wrote it all out;
    /// 5,000 notes on a telegram cost 1.2–1.5 s a save. A save now parses
    /// only a file that changed meanwhile, and an added note is appended.
    #[test]
    fn a_save_parses_only_a_file_changed_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.toml");
        let mut s = Store::open(path.clone());
        assert_eq!(s.parses, 1);
        for i in 0..5 {
            s.commit(&note(&format!("a{i}"))).unwrap();
        }
        assert_eq!(
            s.parses, 2,
            "the file did not exist, then only its own writes"
        );
        s.commit(&Edit::Delete { id: "a1".into() }).unwrap();
        s.commit(&Edit::Change {
            id: "a2".into(),
            text: "changed".into(),
            stance: None,
            edited: "2026-11-28T00:00:00Z".into(),
        })
        .unwrap();
        s.commit(&note("a9")).unwrap();
        assert_eq!(s.parses, 2);
        // Whatever was spliced, the file is what the notes serialise to.
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text, s.notes.to_toml());
        assert_eq!(Notes::parse(&text).unwrap(), s.notes);
        // Another shifr writes: the next save reads that, and keeps it.
        let mut other = Store::open(path.clone());
        other.commit(&note("theirs")).unwrap();
        s.commit(&note("mine")).unwrap();
        assert_eq!(s.parses, 3);
        let ids: Vec<&str> = s.notes.notes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["a0", "a2", "a3", "a4", "a9", "theirs", "mine"]);
        assert_eq!(fs::read_to_string(&path).unwrap(), s.notes.to_toml());
        // A file edited by hand is rewritten whole, as before.
        let hand = format!(
            "{}# a comment of mine\n",
            fs::read_to_string(&path).unwrap()
        );
        fs::write(&path, &hand).unwrap();
        s.commit(&note("after")).unwrap();
        assert_eq!(s.parses, 4);
        assert_eq!(fs::read_to_string(&path).unwrap(), s.notes.to_toml());
    }

    #[test]
    fn saves_and_reloads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/notes.toml");
        let mut s = Store::open(path.clone());
        s.commit(&note("a")).unwrap();
        let again = Store::open(path);
        assert_eq!(again.notes.notes.len(), 1);
        assert!(again.read_only.is_none());
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.toml");
        fs::write(&path, "old").unwrap();
        let r = write_atomic_with(&path, b"new content, long enough to be cut", |f, b| {
            f.write_all(&b[..b.len() / 2])?;
            Err(io::Error::other("the disk filled up half-way"))
        });
        assert!(r.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left behind"
        );
    }

    #[test]
    fn a_broken_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.toml");
        let bad = "[[note]]\nid = \"a\"\ntelegram = \n";
        fs::write(&path, bad).unwrap();
        let mut s = Store::open(path.clone());
        assert!(
            s.read_only.as_ref().unwrap().contains("notes.toml:3:"),
            "{:?}",
            s.read_only
        );
        assert!(s.commit(&note("b")).is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), bad, "byte for byte");
    }

    #[test]
    fn a_file_broken_after_opening_is_not_overwritten_either() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.toml");
        let mut s = Store::open(path.clone());
        s.commit(&note("a")).unwrap();
        fs::write(&path, "garbage = [").unwrap();
        assert!(s.commit(&note("b")).is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "garbage = [");
        assert!(s.read_only.is_some());
    }

    #[test]
    fn two_writers_keep_each_others_notes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.toml");
        let mut a = Store::open(path.clone());
        let mut b = Store::open(path.clone());
        a.commit(&note("from-a")).unwrap();
        b.commit(&note("from-b")).unwrap();
        let ids: Vec<String> = Store::open(path.clone())
            .notes
            .notes
            .into_iter()
            .map(|n| n.id)
            .collect();
        assert_eq!(ids, ["from-a", "from-b"]);
        // Many at once, from threads with stores of their own.
        std::thread::scope(|sc| {
            for t in 0..4 {
                let path = path.clone();
                sc.spawn(move || {
                    let mut s = Store::open(path);
                    for i in 0..10 {
                        s.commit(&note(&format!("t{t}-{i}"))).unwrap();
                    }
                });
            }
        });
        assert_eq!(Store::open(path).notes.notes.len(), 42);
    }

    fn change(id: &str, text: &str) -> Edit {
        Edit::Change {
            id: id.into(),
            text: text.into(),
            stance: None,
            edited: "2026-11-28T09:00:00Z".into(),
        }
    }

    #[test]
    fn an_edit_of_a_note_deleted_elsewhere_is_restored_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.toml");
        let mut a = Store::open(path.clone());
        a.commit(&note("x")).unwrap();
        // B reads the note and starts editing it; A deletes it.
        let mut b = Store::open(path.clone());
        assert_eq!(
            a.commit(&Edit::Delete { id: "x".into() }).unwrap(),
            Saved::AsAsked
        );
        assert_eq!(
            b.commit(&change("x", "B's words")).unwrap(),
            Saved::Restored
        );
        let file = Store::open(path).notes.notes;
        assert_eq!(file.len(), 1, "{file:?}");
        let n = &file[0];
        assert_eq!(n.text, format!("{RESTORED}B's words"));
        assert_eq!(n.telegram, "1950-10-02-mao-stalin");
        assert_ne!(n.id, "x", "a new note");
        assert_eq!(n.edited.as_deref(), Some("2026-11-28T09:00:00Z"));
        assert_eq!(b.notes.notes, file, "B shows what the file holds");
        assert_eq!(
            Saved::Restored.message("note saved"),
            "note restored: it had been deleted elsewhere"
        );
    }

    #[test]
    fn two_edits_of_one_note_keep_both_versions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.toml");
        let mut a = Store::open(path.clone());
        a.commit(&note("x")).unwrap();
        let mut b = Store::open(path.clone());
        assert_eq!(a.commit(&change("x", "A's words")).unwrap(), Saved::AsAsked);
        assert_eq!(
            b.commit(&change("x", "B's words")).unwrap(),
            Saved::KeptBoth
        );
        let texts: Vec<String> = Store::open(path.clone())
            .notes
            .notes
            .into_iter()
            .map(|n| n.text)
            .collect();
        assert_eq!(
            texts,
            ["A's words".to_string(), format!("{CONFLICT}B's words")]
        );
        // With the note unchanged elsewhere since it was read, an edit is an
        // edit (B's save added a note, and left A's as it was).
        assert_eq!(a.commit(&change("x", "A again")).unwrap(), Saved::AsAsked);
        let mut c = Store::open(path.clone());
        assert_eq!(c.commit(&change("x", "C's")).unwrap(), Saved::AsAsked);
        assert_eq!(
            c.commit(&change("x", "C's, twice")).unwrap(),
            Saved::AsAsked
        );
        // Deleting a note someone else deleted already is no loss.
        let mut d = Store::open(path.clone());
        c.commit(&Edit::Delete { id: "x".into() }).unwrap();
        assert_eq!(
            d.commit(&Edit::Delete { id: "x".into() }).unwrap(),
            Saved::AsAsked
        );
    }

    #[test]
    fn the_lock_is_exclusive_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.toml");
        let held = Lock::take(&path).unwrap();
        let err = Lock::take_within(&path, Duration::from_millis(50)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
        assert!(
            err.to_string().contains("another shifr is saving notes"),
            "{err}"
        );
        drop(held);
        Lock::take_within(&path, Duration::from_millis(50)).unwrap();
    }

    #[test]
    fn a_symlinked_notes_file_is_written_through_the_link() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let real_dir = dir.path().join("dotfiles");
        fs::create_dir(&real_dir).unwrap();
        let real = real_dir.join("notes.toml");
        let link = dir.path().join("notes.toml");
        // A relative link, dangling until the first save creates its target.
        symlink("dotfiles/notes.toml", &link).unwrap();
        let mut s = Store::open(link.clone());
        assert!(s.read_only.is_none(), "{:?}", s.read_only);
        s.commit(&note("a")).unwrap();
        s.commit(&note("b")).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::read_link(&link).unwrap(),
            Path::new("dotfiles/notes.toml")
        );
        let text = fs::read_to_string(&real).unwrap();
        assert!(text.contains("note a") && text.contains("note b"), "{text}");
        assert_eq!(Store::open(link).notes.notes.len(), 2);
        // No temporary file beside the link or the file.
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            2,
            "the link and the dir"
        );
        let names: Vec<String> = fs::read_dir(&real_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
    }

    #[test]
    fn a_chain_of_links_is_followed_to_the_file() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        fs::write(&real, "").unwrap();
        symlink(&real, dir.path().join("one")).unwrap();
        symlink("one", dir.path().join("two")).unwrap();
        write_atomic(&dir.path().join("two"), b"# two hops\n").unwrap();
        assert_eq!(fs::read_to_string(&real).unwrap(), "# two hops\n");
        assert!(
            fs::symlink_metadata(dir.path().join("one"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        // A loop is an error, not a hang.
        symlink("loop-b", dir.path().join("loop-a")).unwrap();
        symlink("loop-a", dir.path().join("loop-b")).unwrap();
        assert!(write_atomic(&dir.path().join("loop-a"), b"x").is_err());
    }

    #[test]
    fn a_save_keeps_the_files_permission_mode() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.toml");
        fs::write(&path, "").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        let mut s = Store::open(path.clone());
        s.commit(&note("a")).unwrap();
        assert_eq!(mode(&path), 0o600);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        s.commit(&note("b")).unwrap();
        assert_eq!(mode(&path), 0o640);
        assert_eq!(Store::open(path).notes.notes.len(), 2);
    }

    #[test]
    fn a_new_file_gets_the_default_mode() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        let dir = tempfile::tempdir().unwrap();
        // What this process's umask makes of a plainly created file.
        let plain = dir.path().join("plain");
        File::create(&plain).unwrap();
        let path = dir.path().join("notes.toml");
        Store::open(path.clone()).commit(&note("a")).unwrap();
        assert_eq!(mode(&path), mode(&plain));
    }

    #[test]
    fn a_mode_kept_through_a_symlink_is_the_targets() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        fs::write(&real, "").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("notes.toml");
        symlink(&real, &link).unwrap();
        Store::open(link.clone()).commit(&note("a")).unwrap();
        assert_eq!(
            fs::metadata(&real).unwrap().permissions().mode() & 0o7777,
            0o600
        );
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}

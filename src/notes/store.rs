//! Keeping the notes file safe. Every change is saved at once: under an
//! exclusive lock, the file is read again, the one change is applied to what
//! it holds now (so two shifr processes never undo each other's notes), and
//! the result is written to a temporary file in the same directory, synced,
//! and renamed over the old one. A file that does not parse is never
//! written: notes go read-only and say where the file is broken.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Edit, Notes, NotesError};

/// The notes file, loaded.
#[derive(Debug)]
pub struct Store {
    pub path: PathBuf,
    pub notes: Notes,
    /// Why the notes are read-only, if they are.
    pub read_only: Option<String>,
}

/// Where notes live without `--notes`: `$XDG_DATA_HOME/shifr/notes.toml`,
/// else `~/.local/share/shifr/notes.toml`.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(base.join("shifr").join("notes.toml"))
}

fn broken(path: &Path, e: &NotesError) -> String {
    format!(
        "{}:{e}; your notes are read-only until it is fixed",
        path.display()
    )
}

/// Reads a notes file: a missing file is no notes yet.
fn read(path: &Path) -> Result<Notes, String> {
    match fs::read_to_string(path) {
        Ok(text) => Notes::parse(&text).map_err(|e| broken(path, &e)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Notes::default()),
        Err(e) => Err(format!(
            "{}: cannot read: {e}; your notes are read-only",
            path.display()
        )),
    }
}

/// An exclusive lock on `<notes>.lock`, held until dropped.
struct Lock(File);

impl Lock {
    fn take(path: &Path) -> io::Result<Lock> {
        let mut lock_path = path.as_os_str().to_owned();
        lock_path.push(".lock");
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(PathBuf::from(lock_path))?;
        let start = Instant::now();
        loop {
            // SAFETY: a valid open file descriptor.
            if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
                return Ok(Lock(f));
            }
            let err = io::Error::last_os_error();
            if err.kind() != io::ErrorKind::WouldBlock || start.elapsed() > Duration::from_secs(3) {
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
        // SAFETY: a valid open file descriptor.
        unsafe { libc::flock(self.0.as_raw_fd(), libc::LOCK_UN) };
    }
}

/// Writes `bytes` to `path` so that a reader sees either the old file or the
/// new one, never a part: a temporary file in the same directory, written
/// and synced, then renamed over `path`, and the directory synced.
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
            Ok(notes) => Store {
                path,
                notes,
                read_only: None,
            },
            Err(why) => Store {
                path,
                notes: Notes::default(),
                read_only: Some(why),
            },
        }
    }

    /// An empty store that cannot be written (no notes location known).
    pub fn nowhere(why: &str) -> Store {
        Store {
            path: PathBuf::new(),
            notes: Notes::default(),
            read_only: Some(why.to_string()),
        }
    }

    /// Saves one change: locked, merged with what the file holds now,
    /// written atomically. On success `self.notes` is the file's new content.
    pub fn commit(&mut self, edit: &Edit) -> Result<(), String> {
        if let Some(why) = &self.read_only {
            return Err(why.clone());
        }
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)
                .map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
        }
        let _lock = Lock::take(&self.path).map_err(|e| format!("{}: {e}", self.path.display()))?;
        let mut current = match read(&self.path) {
            Ok(n) => n,
            Err(why) => {
                // Someone broke the file since we read it: never overwrite it.
                self.read_only = Some(why.clone());
                return Err(why);
            }
        };
        current.apply(edit);
        write_atomic(&self.path, current.to_toml().as_bytes())
            .map_err(|e| format!("{}: cannot save: {e}", self.path.display()))?;
        self.notes = current;
        Ok(())
    }

    /// Reads the file again (another shifr may have added notes).
    pub fn reload(&mut self) {
        if self.read_only.is_none() {
            match read(&self.path) {
                Ok(n) => self.notes = n,
                Err(why) => self.read_only = Some(why),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::MyNote;
    use super::*;

    fn note(id: &str) -> Edit {
        Edit::Add(MyNote {
            id: id.into(),
            telegram: "1950-10-02-mao-stalin".into(),
            align: None,
            text: format!("note {id}"),
            created: "2026-11-27T15:30:00Z".into(),
            edited: None,
        })
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
}

//! Opening many files of a few directories (a corpus's telegrams): each
//! by its name in its directory, opened once (`openat`). Opened by its
//! whole path, each file's directories were looked up again from the
//! root, a quarter of the time spent reading and checking a corpus of
//! 100,000 telegrams.

use std::fs::File;
use std::io;
use std::path::Path;

/// The directory a file was last opened in, kept open for the next ones.
#[derive(Default)]
pub struct Dirs {
    #[cfg(target_os = "linux")]
    last: Option<(std::ffi::OsString, std::os::fd::OwnedFd)>,
    /// The name being opened, ended by a NUL.
    #[cfg(target_os = "linux")]
    name: Vec<u8>,
}

/// How shifr opens a file to read it: without blocking (a FIFO opens at
/// once instead of waiting for a writer), and a terminal does not become
/// its controlling terminal.
pub(super) fn open(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

impl Dirs {
    /// Opens `path` as [`open`] does, by its name in its directory where
    /// that can be done (the same file, and the same error where there is
    /// one); else by its whole path.
    #[cfg(target_os = "linux")]
    pub(super) fn open(&mut self, path: &Path) -> io::Result<File> {
        use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
        use std::os::unix::ffi::OsStrExt;
        let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
            return open(path);
        };
        // A name with a NUL in it cannot be opened: `open` says so.
        if dir.as_os_str().is_empty() || name.as_bytes().contains(&0) {
            return open(path);
        }
        let same = matches!(&self.last, Some((d, _)) if d.as_bytes() == dir.as_os_str().as_bytes());
        if !same {
            let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
                return open(path);
            };
            // SAFETY: `c` is a NUL-ended path; the descriptor returned, if
            // any, is ours.
            let fd = unsafe {
                libc::open(
                    c.as_ptr(),
                    libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC,
                )
            };
            if fd < 0 {
                self.last = None;
                return open(path);
            }
            // SAFETY: `fd` was just opened and is owned by nothing else.
            self.last = Some((dir.as_os_str().to_owned(), unsafe {
                OwnedFd::from_raw_fd(fd)
            }));
        }
        let Some((_, dir_fd)) = &self.last else {
            return open(path);
        };
        self.name.clear();
        self.name.extend_from_slice(name.as_bytes());
        self.name.push(0);
        // SAFETY: `name` is NUL-ended and `dir_fd` an open directory; the
        // descriptor returned, if any, is ours.
        let fd = unsafe {
            libc::openat(
                dir_fd.as_raw_fd(),
                self.name.as_ptr().cast(),
                libc::O_RDONLY | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC,
            )
        };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `fd` was just opened and is owned by nothing else.
        Ok(unsafe { File::from_raw_fd(fd) })
    }

    #[cfg(not(target_os = "linux"))]
    pub(super) fn open(&mut self, path: &Path) -> io::Result<File> {
        open(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn text(f: io::Result<File>) -> Result<String, String> {
        let mut s = String::new();
        match f {
            Ok(mut f) => f
                .read_to_string(&mut s)
                .map(|_| s)
                .map_err(|e| e.to_string()),
            Err(e) => Err(format!("{:?}: {e}", e.kind())),
        }
    }

    /// Opened in its directory, each file is the one its whole path names,
    /// going back and forth between directories, and what cannot be opened
    /// is the same error: a missing file, a missing directory, a name with
    /// a NUL, a path with no directory, a directory.
    #[test]
    fn a_file_opened_in_its_directory_is_the_one_its_path_names() {
        let root = tempfile::tempdir().unwrap();
        let (a, b) = (root.path().join("a"), root.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        for (d, n) in [(&a, "1"), (&a, "2"), (&b, "1"), (&b, "3")] {
            std::fs::write(d.join(n), format!("{} {n}", d.display())).unwrap();
        }
        let paths = [
            a.join("1"),
            a.join("2"),
            b.join("1"),
            a.join("1"),
            b.join("3"),
            b.join("2"),
            root.path().join("c").join("1"),
            a.join("x\0y"),
            std::path::PathBuf::from("no-such-file-here"),
            b.clone(),
            b.join("3"),
        ];
        let mut dirs = Dirs::default();
        for p in &paths {
            assert_eq!(text(dirs.open(p)), text(open(p)), "{}", p.display());
        }
        assert_eq!(
            text(dirs.open(&b.join("3"))).unwrap(),
            format!("{} 3", b.display())
        );
        assert!(
            text(dirs.open(&b.join("2")))
                .unwrap_err()
                .starts_with("NotFound")
        );
    }
}

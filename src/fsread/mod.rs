//! Reading a file shifr was pointed at — a corpus file, a keymap, the notes
//! — without hanging or running out of memory on something that is not a
//! text file: only regular files are read (a FIFO, a device such as
//! `/dev/zero`, a socket or a directory is refused at once, named in the
//! error), and no file larger than [`MAX_BYTES`] is read. Text must be
//! UTF-8; where it is not, the error gives the line and column.
//!
//! The file is opened without blocking (so opening a FIFO does not wait for
//! a writer) and its type is checked on the open file, so nothing can be
//! swapped in between the check and the read.

mod dirs;

use std::fs::File;
use std::io::{self, Read};
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

pub use dirs::Dirs;

use crate::problem::Problem;

/// The largest file shifr reads: 16 MiB. The bundled corpus's largest file
/// is under 6 KB and a 100,000-telegram synthetic corpus's under 3 KB, so
/// this is thousands of times any real corpus, keymap or notes file, and
/// small enough to read at once.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// How the limit is said in errors and the README.
pub const MAX_SHOWN: &str = "16 MiB";

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// Nothing is at the path (which some callers accept: no notes yet).
    pub not_found: bool,
    /// What to tell the user, located by file (and, for text that is not
    /// UTF-8, line and column).
    pub problem: Problem,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.problem.fmt(f)
    }
}

impl std::error::Error for ReadError {}

/// What a file that is not a regular file is, in words.
fn kind_of(t: std::fs::FileType) -> &'static str {
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

fn failed(shown: &str, message: String) -> ReadError {
    ReadError {
        not_found: false,
        problem: Problem::file(shown, message),
    }
}

/// Opens `path` for reading if it is a regular file of at most
/// [`MAX_BYTES`]; `shown` is how errors name it.
fn open_regular(path: &Path, shown: &str) -> Result<(File, u64), ReadError> {
    opened_regular(dirs::open(path), shown)
}

/// `file`, opened to be read, if it is a regular file of at most
/// [`MAX_BYTES`]; `shown` is how errors name it.
fn opened_regular(file: io::Result<File>, shown: &str) -> Result<(File, u64), ReadError> {
    let file = file.map_err(|e| ReadError {
        not_found: e.kind() == io::ErrorKind::NotFound,
        problem: Problem::file(shown, format!("cannot read file: {e}")),
    })?;
    let meta = file
        .metadata()
        .map_err(|e| failed(shown, format!("cannot read file: {e}")))?;
    if !meta.is_file() {
        return Err(failed(
            shown,
            format!(
                "{}, not a regular file: shifr reads only regular files; point it at one",
                kind_of(meta.file_type())
            ),
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(too_large(shown, meta.len()));
    }
    Ok((file, meta.len()))
}

fn too_large(shown: &str, len: u64) -> ReadError {
    failed(
        shown,
        format!(
            "too large ({len} bytes): shifr reads files of at most {MAX_SHOWN} ({MAX_BYTES} bytes)"
        ),
    )
}

/// The bytes of a regular file of at most [`MAX_BYTES`].
///
/// Read with one `read` call where the file is as large as `fstat` said: the
/// buffer has room for one byte more, so a read that stops short at that
/// size is the end of the file (std's `read_to_end` reads twice more, once
/// to probe and once to see the end: a third of the system calls of
/// loading 100,000 telegram files).
pub fn read_bytes(path: &Path, shown: &str) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_regular(path, shown)?;
    read_open(file, len, shown)
}

/// The bytes of `file`, opened by `open_regular` (`len` long then).
fn read_open(mut file: File, len: u64, shown: &str) -> Result<Vec<u8>, ReadError> {
    let len = len as usize;
    let cap = MAX_BYTES as usize + 1;
    let mut bytes = vec![0; (len + 1).min(cap)];
    let mut filled = 0;
    loop {
        let room = bytes.len() - filled;
        let n = match file.read(&mut bytes[filled..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(failed(shown, format!("cannot read file: {e}"))),
        };
        filled += n;
        // The end: nothing more, or as much as `fstat` said and less than
        // there was room for (a file that grew fills the room).
        if n == 0 || (filled == len && n < room) {
            break;
        }
        if filled == bytes.len() {
            // A file that grows while it is read is still cut off at the
            // limit.
            if bytes.len() >= cap {
                break;
            }
            let more = (bytes.len() * 2).min(cap);
            bytes.resize(more, 0);
        }
    }
    bytes.truncate(filled);
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large(shown, bytes.len() as u64));
    }
    Ok(bytes)
}

/// A file read by [`read_text_soon`] at once, or opened to be read later.
pub enum Soon {
    Text(String),
    Later(Later),
}

/// A regular file, opened, whose contents were not all in memory: the
/// system was asked to read them in meanwhile.
pub struct Later {
    file: File,
    len: u64,
}

impl Later {
    /// Its text, as [`read_text`] gives it.
    pub fn read_text(self, shown: &str, what: &str) -> Result<String, ReadError> {
        text_of(read_open(self.file, self.len, shown)?, shown, what)
    }
}

/// [`read_text`], without waiting for the disk: a file whose contents are
/// not all in memory (the system's page cache) comes back opened, the
/// system asked to read it in, for the caller to read once it has done
/// other work. Reading a large corpus, a thread that waited for each such
/// file idled meanwhile; on a machine that pages out files unused for a
/// while, a start after a pause met about a thousand such waits at
/// 100,000 telegrams.
pub fn read_text_soon(path: &Path, shown: &str, what: &str) -> Result<Soon, ReadError> {
    read_text_soon_in(&mut Dirs::default(), path, shown, what)
}

/// [`read_text_soon`], the file opened by its name in its directory, kept
/// open in `dirs` for the next files.
pub fn read_text_soon_in(
    dirs: &mut Dirs,
    path: &Path,
    shown: &str,
    what: &str,
) -> Result<Soon, ReadError> {
    let (file, len) = opened_regular(dirs.open(path), shown)?;
    match in_memory(&file, len) {
        InMemory::Read(bytes) => text_of(bytes, shown, what).map(Soon::Text),
        InMemory::No => {
            ask_to_read_in(&file);
            Ok(Soon::Later(Later { file, len }))
        }
        InMemory::CannotTell => text_of(read_open(file, len, shown)?, shown, what).map(Soon::Text),
    }
}

enum InMemory {
    /// The whole file, as large as `fstat` said.
    Read(Vec<u8>),
    No,
    /// The system cannot read without waiting (not Linux, an old kernel,
    /// a file system that does not say).
    CannotTell,
}

/// Set once reading without waiting has failed for another reason than
/// the data not being in memory: not tried again.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
static NO_NOWAIT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The contents of `file` (`len` long), read only if they are in memory
/// (`preadv2` with `RWF_NOWAIT`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn in_memory(file: &File, len: u64) -> InMemory {
    use std::os::fd::AsRawFd;
    use std::sync::atomic::Ordering;
    if NO_NOWAIT.load(Ordering::Relaxed) {
        return InMemory::CannotTell;
    }
    // Room for a byte more, so that a read of `len` bytes is the end; not
    // zeroed first (every byte of a corpus comes through here), the read
    // writing what the buffer then holds.
    let mut buf: Vec<u8> = Vec::with_capacity(len as usize + 1);
    let iov = libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: buf.capacity(),
    };
    // SAFETY: `iov` describes `buf`'s allocation, which outlives the call,
    // and the descriptor is `file`'s, open.
    let n = unsafe { libc::preadv2(file.as_raw_fd(), &iov, 1, 0, libc::RWF_NOWAIT) };
    if n < 0 {
        let e = io::Error::last_os_error();
        if e.kind() == io::ErrorKind::WouldBlock {
            return InMemory::No;
        }
        NO_NOWAIT.store(true, Ordering::Relaxed);
        return InMemory::CannotTell;
    }
    if n as u64 != len {
        // Part of it in memory, or its size changed: read as usual.
        return InMemory::No;
    }
    // SAFETY: the read wrote its first `n` bytes (`n` is at most the
    // capacity it was given).
    unsafe { buf.set_len(n as usize) };
    InMemory::Read(buf)
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn in_memory(_: &File, _: u64) -> InMemory {
    InMemory::CannotTell
}

/// Asks the system to read `file` into memory, without waiting for it.
fn ask_to_read_in(file: &File) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: a plain system call on an open descriptor; its result
        // (advice only) does not matter.
        unsafe {
            libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = file;
}

/// The text of a regular UTF-8 file of at most [`MAX_BYTES`]; `what` says
/// what it should be ("a UTF-8 encoded TOML file").
pub fn read_text(path: &Path, shown: &str, what: &str) -> Result<String, ReadError> {
    text_of(read_bytes(path, shown)?, shown, what)
}

/// `bytes` as text, or where they stop being UTF-8.
fn text_of(bytes: Vec<u8>, shown: &str, what: &str) -> Result<String, ReadError> {
    // simdutf8 checks UTF-8 several times as fast as std (every byte of a
    // corpus comes through here); std's check, which says where the text
    // stops being UTF-8, is left to text that is not.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: the bytes were checked to be UTF-8 just above.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        ReadError {
            not_found: false,
            problem: Problem::at(
                shown,
                &before,
                at,
                format!("not UTF-8 text: expected {what}"),
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn read(p: &Path) -> Result<String, ReadError> {
        read_text(p, "f.toml", "a UTF-8 encoded TOML file")
    }

    #[test]
    fn a_regular_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        std::fs::write(&p, "a = 1\n").unwrap();
        assert_eq!(read(&p).unwrap(), "a = 1\n");
    }

    /// Read at once or later, a file's text is the same, and text that is
    /// not UTF-8 is the same error.
    #[test]
    fn a_file_read_soon_or_later_is_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let (good, bad) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
        std::fs::write(&good, "a = \"Мао\"\n").unwrap();
        std::fs::write(&bad, b"a = 1\nb = \xff\n").unwrap();
        let what = "a UTF-8 encoded TOML file";
        for p in [&good, &bad] {
            let at_once = read(p);
            let soon = match read_text_soon(p, "f.toml", what) {
                Ok(Soon::Text(t)) => Ok(t),
                Ok(Soon::Later(l)) => l.read_text("f.toml", what),
                Err(e) => Err(e),
            };
            assert_eq!(soon, at_once);
            let (file, len) = open_regular(p, "f.toml").unwrap();
            assert_eq!(Later { file, len }.read_text("f.toml", what), at_once);
        }
        assert!(read(&bad).is_err());
        // Opened in their directory, kept open from file to file: the same
        // texts, and the same errors for a missing file and a directory.
        let mut dirs = Dirs::default();
        let missing = dir.path().join("c.toml");
        for p in [&good, &bad, &missing, &dir.path().to_path_buf(), &good] {
            let soon = match read_text_soon_in(&mut dirs, p, "f.toml", what) {
                Ok(Soon::Text(t)) => Ok(t),
                Ok(Soon::Later(l)) => l.read_text("f.toml", what),
                Err(e) => Err(e),
            };
            assert_eq!(soon, read(p), "{}", p.display());
        }
    }

    #[test]
    fn a_missing_file_says_so() {
        let e = read(Path::new("/nonexistent/shifr/a.toml")).unwrap_err();
        assert!(e.not_found);
        assert!(
            e.to_string().starts_with("f.toml: cannot read file:"),
            "{e}"
        );
    }

    #[test]
    fn a_fifo_and_a_device_are_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.toml");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
        let start = Instant::now();
        let e = read(&fifo).unwrap_err();
        assert!(start.elapsed() < Duration::from_secs(1));
        assert_eq!(
            e.to_string(),
            "f.toml: a FIFO (named pipe), not a regular file: shifr reads only regular files; point it at one"
        );
        let zero = dir.path().join("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let e = read(&zero).unwrap_err();
        assert!(
            e.to_string()
                .contains("a character device, not a regular file"),
            "{e}"
        );
        let e = read(dir.path()).unwrap_err();
        assert!(
            e.to_string().contains("a directory, not a regular file"),
            "{e}"
        );
    }

    #[test]
    fn a_file_over_the_cap_is_refused_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.toml");
        // Sparse: costs no disk and no time.
        File::create(&p).unwrap().set_len(MAX_BYTES + 1).unwrap();
        let e = read(&p).unwrap_err();
        assert_eq!(
            e.to_string(),
            "f.toml: too large (16777217 bytes): shifr reads files of at most 16 MiB (16777216 bytes)"
        );
        File::create(&p).unwrap().set_len(MAX_BYTES).unwrap();
        assert_eq!(read_bytes(&p, "f").unwrap().len() as u64, MAX_BYTES);
    }

    #[test]
    fn a_file_larger_than_its_stat_is_read_whole() {
        // /proc files say they are empty and are not.
        let p = Path::new("/proc/version");
        assert_eq!(std::fs::metadata(p).unwrap().len(), 0);
        let got = read_bytes(p, "v").unwrap();
        assert!(got.len() > 16, "{got:?}");
        assert_eq!(got, std::fs::read(p).unwrap());
        // And one of exactly the size it says, and an empty one.
        let dir = tempfile::tempdir().unwrap();
        for len in [0, 1, 4095, 4096, 4097] {
            let f = dir.path().join(format!("{len}.toml"));
            let body: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            std::fs::write(&f, &body).unwrap();
            assert_eq!(read_bytes(&f, "f").unwrap(), body, "{len} bytes");
        }
    }

    #[test]
    fn text_that_is_not_utf8_is_located() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        std::fs::write(&p, b"a = 1\nb = \"\xff\"\n").unwrap();
        let e = read(&p).unwrap_err();
        assert_eq!(
            e.to_string(),
            "f.toml:2:6: not UTF-8 text: expected a UTF-8 encoded TOML file"
        );
    }
}

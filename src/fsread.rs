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

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

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
    let file = OpenOptions::new()
        .read(true)
        // A FIFO opens at once instead of waiting for a writer; a terminal
        // does not become our controlling terminal.
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| ReadError {
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
    let (mut file, len) = open_regular(path, shown)?;
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

/// The text of a regular UTF-8 file of at most [`MAX_BYTES`]; `what` says
/// what it should be ("a UTF-8 encoded TOML file").
pub fn read_text(path: &Path, shown: &str, what: &str) -> Result<String, ReadError> {
    let bytes = read_bytes(path, shown)?;
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

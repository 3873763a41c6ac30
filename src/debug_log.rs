//! The debug log, for bug reports: with `--debug` (or `SHIFR_LOG` set to
//! anything but "" or "0") shifr appends what it did at start-up — each
//! phase with its time, the corpus, keymap, settings and notes it used — and
//! any error or panic, to `$XDG_STATE_HOME/shifr/shifr.log`. Nothing of it
//! goes to the screen. A log that cannot be written is no reason not to
//! start: the reader runs without it.
//!
//! The file is kept small: past [`ROTATE_AT`] bytes it is renamed to
//! `shifr.log.1` (replacing the one before) and begun again.

use std::fmt::Display;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// A log larger than this is set aside as `shifr.log.1` at the next start.
pub const ROTATE_AT: u64 = 1 << 20;

struct Log {
    file: File,
    start: Instant,
}

static LOG: Mutex<Option<Log>> = Mutex::new(None);
static FIRST_FRAME: AtomicBool = AtomicBool::new(false);

/// Whether the environment asks for the log (`SHIFR_LOG`).
pub fn wanted_by_env() -> bool {
    std::env::var_os("SHIFR_LOG").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Where the log goes: `shifr.log` in the state directory.
pub fn path() -> Option<PathBuf> {
    crate::dirs::state_dir().map(|d| d.join("shifr.log"))
}

/// Opens the log at `path` for appending (rotating it first if it is
/// large), and writes the run's first line. Why not, if it cannot.
pub fn start(path: &Path) -> Result<(), String> {
    let file = open(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut log = LOG.lock().unwrap_or_else(|p| p.into_inner());
    *log = Some(Log {
        file,
        start: Instant::now(),
    });
    drop(log);
    line(format_args!(
        "shifr {} started (pid {}, unix time {since_epoch}), arguments {args:?}",
        env!("CARGO_PKG_VERSION"),
        std::process::id(),
    ));
    install_panic_hook();
    Ok(())
}

/// Appends, or creates with mode 0600; never follows a symlink, never
/// waits on a FIFO, and writes only to a regular file.
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() > ROTATE_AT) {
        let mut old = path.as_os_str().to_owned();
        old.push(".1");
        std::fs::rename(path, old)?;
    }
    let file = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    Ok(file)
}

/// Whether a log is being written.
pub fn enabled() -> bool {
    LOG.lock().is_ok_and(|l| l.is_some())
}

/// One line of the log, stamped with the time since start. Control
/// characters (from a file name, an error) are written escaped.
pub fn line(what: impl Display) {
    let mut guard = LOG.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(log) = guard.as_mut() {
        let ms = log.start.elapsed().as_secs_f64() * 1000.0;
        let what = what.to_string();
        let text = crate::text::escape_controls(&what);
        // A write that fails (a full disk) is dropped: the log is no reason
        // to stop.
        let _ = writeln!(log.file, "[{ms:9.1} ms] {text}");
    }
}

/// Runs `f`, and logs `what` with how long it took.
pub fn phase<T>(what: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let t = Instant::now();
    let out = f();
    line(format_args!(
        "{what}: {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    ));
    out
}

/// Logs the first frame drawn, once.
pub fn first_frame() {
    if !FIRST_FRAME.swap(true, Ordering::SeqCst) {
        line("first frame drawn");
    }
}

/// A panic is logged (message and place) before the hook that was there.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // try_lock: a panic while the log is held must not deadlock.
        if let Ok(mut guard) = LOG.try_lock()
            && let Some(log) = guard.as_mut()
        {
            let _ = writeln!(
                log.file,
                "panic: {}",
                crate::text::escape_controls(&info.to_string())
            );
        }
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_log_is_set_aside_and_a_fifo_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state/shifr.log");
        open(&p).unwrap();
        std::fs::write(&p, vec![b'x'; ROTATE_AT as usize + 1]).unwrap();
        let mut f = open(&p).unwrap();
        writeln!(f, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new\n");
        let old = dir.path().join("state/shifr.log.1");
        assert_eq!(std::fs::metadata(&old).unwrap().len(), ROTATE_AT + 1);
        // A small log is appended to.
        let mut f = open(&p).unwrap();
        writeln!(f, "more").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new\nmore\n");
        // Not a regular file, or a symlink: refused at once, not waited on.
        let fifo = dir.path().join("fifo");
        nix_mkfifo(&fifo);
        assert!(open(&fifo).is_err());
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&p, &link).unwrap();
        assert!(open(&link).is_err());
    }

    fn nix_mkfifo(p: &Path) {
        use std::os::unix::ffi::OsStrExt;
        let c = std::ffi::CString::new(p.as_os_str().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }
}

//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The built `shifr` binary, with nothing of the user's: no settings,
/// keymap, notes, state or debug log (HOME is the temporary directory).
pub fn shifr() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shifr"));
    // No test reads or writes the user's state, or another test's.
    let state = std::env::temp_dir().join(format!("shifr-test-state-{}", std::process::id()));
    c.env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("SHIFR_LOG")
        .env("HOME", std::env::temp_dir())
        .env("XDG_STATE_HOME", &state)
        .env("XDG_CACHE_HOME", state.join("cache"))
        .env("SHIFR_NO_CACHE", "1")
        .env("NO_COLOR", "1");
    c
}

pub fn run(args: &[&str]) -> Output {
    shifr().args(args).output().expect("run shifr")
}

/// Runs `cmd` (stdin closed) and returns its output, failing the test if
/// it takes longer than `limit`: for inputs that used to hang shifr.
pub fn output_within(cmd: &mut Command, limit: std::time::Duration) -> Output {
    use std::process::Stdio;
    use std::time::Instant;
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run shifr");
    let pid = child.id();
    let start = Instant::now();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out.expect("shifr's output"),
        Err(_) => {
            // Only the child this test started.
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(pid as i32),
                nix::sys::signal::Signal::SIGKILL,
            );
            panic!(
                "shifr {:?} did not finish within {limit:?} (killed after {:?})",
                cmd.get_args().collect::<Vec<_>>(),
                start.elapsed()
            );
        }
    }
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// A fresh copy of the small valid corpus under tests/fixtures/base.
pub fn base_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("base"), dir.path());
    dir
}

pub mod app;
pub mod compare;
pub mod notes;
pub mod pty;

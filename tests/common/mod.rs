//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The built `shifr` binary.
pub fn shifr() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shifr"));
    c.env_remove("XDG_CONFIG_HOME").env("NO_COLOR", "1");
    c
}

pub fn run(args: &[&str]) -> Output {
    shifr().args(args).output().expect("run shifr")
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
pub mod pty;

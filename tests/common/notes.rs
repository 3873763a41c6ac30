//! The reader with a notes file of its own, and typing into it: the
//! notes tests' helpers.
#![allow(dead_code)]

use std::fs;

use shifr::app::App;
use shifr::notes::store::Store;

use super::app::*;

pub fn with_notes(dir: &tempfile::TempDir) -> Harness {
    with_notes_at(dir, 120, 40)
}

/// The reader at `w`×`h`, its notes in `dir`.
pub fn with_notes_at(dir: &tempfile::TempDir, w: u16, h: u16) -> Harness {
    let mut app = App::new(corpus(), shifr::keymap::Keymap::defaults());
    app.store = Store::open(dir.path().join("notes.toml"));
    Harness::new(app, w, h)
}

pub fn saved(dir: &tempfile::TempDir) -> String {
    fs::read_to_string(dir.path().join("notes.toml")).unwrap_or_default()
}

pub fn type_text(a: &mut Harness, s: &str) {
    for c in s.chars() {
        let k = match c {
            ' ' => "space".to_string(),
            '\n' => "enter".to_string(),
            c => c.to_string(),
        };
        a.press(&k).unwrap();
    }
}

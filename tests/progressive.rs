//! Progressive loading: a large corpus with no start-up cache opens on its
//! first part, and the whole replaces it while the reader runs — places
//! carried over by id, the views that need every telegram held back until
//! then, the remembered place taken once the whole is in, and a whole that
//! fails to load leaving the reader on the part.

mod common;

use std::sync::Arc;

use common::app::{Harness, corpus, screen};
use common::pty::Pty;
use shifr::action::Action;
use shifr::app::App;
use shifr::corpus::Corpus;
use shifr::keymap::Keymap;
use shifr::ui::compare::Compare;

/// The bundled corpus without its first twenty telegrams: every index of
/// the part is another telegram's in the whole.
fn part_of(whole: &Corpus) -> Corpus {
    Corpus::from_parts(
        whole.people.clone(),
        whole.scholars.clone(),
        whole.works.clone(),
        whole.events.clone(),
        whole.telegrams[20..].to_vec(),
    )
}

#[test]
fn the_whole_replaces_the_part_with_the_open_telegram_and_its_compare_view() {
    let whole = corpus();
    let part = part_of(&whole);
    let mut app = App::new(Arc::new(part), Keymap::defaults());
    app.start_partial();
    let mut h = Harness::new(app, 120, 40);
    let s = screen(&h);
    assert!(s.contains("loading: reading 0 %"), "{s}");
    // What needs every telegram waits, and says so.
    h.shell.update(Action::Timeline);
    assert_eq!(h.overlays(), 0);
    assert!(
        screen(&h).contains("the timeline waits for the whole corpus"),
        "{}",
        screen(&h)
    );
    // A telegram with several versions, compared, on the part.
    let i = h
        .corpus
        .telegrams
        .iter()
        .position(|t| t.is_multi_witness())
        .expect("the part has one with versions");
    let id = h.corpus.telegrams[i].id.clone();
    h.shell.app.go_to(i);
    h.shell.update(Action::Compare);
    assert!(h.top_as::<Compare>().is_some());
    // Help over it: it stays on top.
    h.shell.update(Action::Help);
    assert_eq!(h.overlays(), 2);
    h.shell.replace_corpus(Arc::clone(&whole));
    let at = whole.telegram_index(&id).unwrap();
    assert_ne!(at, i, "the test needs the index to change");
    assert_eq!(h.open, Some(at));
    assert_eq!(h.overlays(), 2);
    assert!(
        h.top_as::<shifr::ui::help::Help>().is_some(),
        "help still on top"
    );
    let c = h
        .find::<Compare>()
        .expect("compare open again, on the whole");
    assert_eq!(c.telegram, at);
    let s = screen(&h);
    assert!(!s.contains("loading:"), "{s}");
    h.shell.update(Action::Cancel);
    assert!(h.top_as::<Compare>().is_some(), "under help, compare");
    h.shell.update(Action::Cancel);
    let s = screen(&h);
    assert!(s.contains(&format!("/{}", whole.telegrams.len())), "{s}");
}

fn generated(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = common::shifr()
        .args(["gen-corpus", "--count", &count.to_string(), "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    dir
}

#[test]
fn a_large_corpus_opens_on_a_part_and_the_remembered_place_comes_with_the_whole() {
    let dir = generated(12_000);
    let corpus_dir = dir.path().to_str().unwrap();
    let state = tempfile::tempdir().unwrap();
    let env = [("XDG_STATE_HOME", state.path().to_str().unwrap())];
    let mut p = Pty::spawn_env(&["--debug", "--corpus", corpus_dir], 100, 30, &env);
    p.wait_text("/12000");
    // The last telegram (by date, so not in the first files' part),
    // opened.
    p.send("G");
    p.wait_text("12000/12000");
    p.send("\r");
    p.wait_text("MESSAGE  12000/12000");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
    let log = std::fs::read_to_string(state.path().join("shifr/shifr.log")).unwrap();
    assert!(
        log.contains("2048 telegrams, a part: the rest loads while the reader runs"),
        "{log}"
    );
    assert!(log.contains("the whole is in (12000 telegrams)"), "{log}");
    // Started again (no cache: a part first again), nothing pressed: the
    // place left is taken once the whole is in.
    let mut p = Pty::spawn_env(&["--corpus", corpus_dir], 100, 30, &env);
    p.wait_text("MESSAGE  12000/12000");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn a_whole_that_does_not_load_leaves_the_reader_on_the_part() {
    let dir = generated(12_000);
    // The last file by path is broken: the part (the first files) checks.
    let mut files: Vec<_> = std::fs::read_dir(dir.path().join("telegrams"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let last = files.last().unwrap().clone();
    std::fs::write(&last, "id = \n").unwrap();
    let corpus_dir = dir.path().to_str().unwrap();
    let mut p = Pty::spawn(&["--corpus", corpus_dir], 120, 30);
    p.wait_text("the rest did not load");
    p.send("j");
    p.wait_text("2/2048");
    // The part is searched.
    p.send("/");
    p.send("mao");
    p.wait_for("hits of the part", |s| s.contents().contains(" hits"));
    p.send("\x1b");
    p.send("q");
    assert_eq!(p.wait_exit(), 1);
    p.assert_restored();
    let name = last.file_name().unwrap().to_str().unwrap();
    let out = p.raw_text();
    assert!(out.contains(name), "{out}");
}

#[test]
fn a_damaged_cache_says_so_in_the_status_line_not_over_the_screen() {
    let dir = generated(12_000);
    let corpus_dir = dir.path().to_str().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let env = [
        ("XDG_CACHE_HOME", cache.path().to_str().unwrap()),
        ("SHIFR_NO_CACHE", ""),
    ];
    // A first start writes the cache (quitting waits for it).
    let mut p = Pty::spawn_env(&["--corpus", corpus_dir], 100, 30, &env);
    p.wait_text("/12000");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    let bin = walk(cache.path())
        .into_iter()
        .find(|f| f.ends_with("corpus.bin"))
        .expect("the cache was written");
    let mut bytes = std::fs::read(&bin).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 64] {
        *b ^= 0x5a;
    }
    std::fs::write(&bin, bytes).unwrap();
    // Read whole again, a part first: the notice is the reader's to show.
    let mut p = Pty::spawn_env(&["--corpus", corpus_dir], 140, 30, &env);
    p.wait_text("/12000");
    p.wait_text("was damaged");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    let out = p.raw_text();
    assert!(
        !out.contains("shifr: the cache of"),
        "printed over the reader: {out}"
    );
}

fn walk(d: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

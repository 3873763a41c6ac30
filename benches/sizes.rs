//! Pathological sizes (issue 15, #11): the reader must stay responsive
//! when one field is huge or one telegram has thousands of notes.
//!
//! - search: a query typed key by key into the search overlay (key handled,
//!   results and preview laid out, frame drawn) on the bundled corpus with
//!   one telegram's title made 5 MB and one passage 5 MB;
//! - first frame: the reader opened on a telegram with one note of 15 MB
//!   (the notes file is capped at 16 MiB, so 50 MB no longer loads);
//! - save: one note added (`a`, text, `ctrl-s`) to a telegram that already
//!   has 5,000 of the reader's notes, and `Store::commit` alone.
//!
//!     cargo bench --bench sizes
//!
//! Each figure is the median and the maximum of the runs, in ms.

use std::sync::Arc;
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use shifr::app::App;
use shifr::corpus::Corpus;
use shifr::keymap::Keymap;
use shifr::notes::store::Store;
use shifr::notes::{Edit, MyNote};
use shifr::runner::{self, LocalHost};
use shifr::theme::Theme;
use shifr::ui::Shell;

const OPEN: &str = "1950-10-02-mao-stalin";

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(|a, b| a.total_cmp(b));
    (v[v.len() / 2], v[v.len() - 1])
}

/// Words enough for `bytes` bytes, with the query's words among them.
fn huge_text(bytes: usize) -> String {
    // SHIFR_SIZES_SCALE=0.1 makes every field a tenth as large (profiling).
    let scale: f64 = std::env::var("SHIFR_SIZES_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let bytes = (bytes as f64 * scale) as usize;
    let unit = "Stalin should we fear the Americans air cover volunteers decision ";
    unit.repeat(bytes / unit.len() + 1)
}

fn shell(corpus: Corpus, store: Option<Store>) -> (Shell, LocalHost) {
    let mut app = App::new(Arc::new(corpus), Keymap::defaults());
    if let Some(s) = store {
        app.store = s;
    }
    app.open_id(OPEN).unwrap();
    let mut shell = Shell::new(app, Theme::colored(), Size::new(120, 40));
    let host = LocalHost::new(&mut shell);
    (shell, host)
}

/// Types the query into the search overlay: per key, median and max.
fn type_query(corpus: Corpus) -> (f64, f64) {
    let (mut shell, mut host) = shell(corpus, None);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    runner::press(&mut shell, &mut host, "/").unwrap();
    let mut times = Vec::new();
    for k in "s t a l i n space f e a r".split(' ') {
        let t = Instant::now();
        runner::press(&mut shell, &mut host, k).unwrap();
        term.draw(|f| shell.render(f)).unwrap();
        times.push(ms(t));
    }
    stats(times)
}

fn search() {
    let (med, max) = type_query(Corpus::embedded().unwrap());
    println!("search, bundled corpus  per key {med:9.2} ms median {max:9.2} ms max");
    let mut corpus = Corpus::embedded().expect("bundled corpus");
    let i = corpus.telegrams.iter().position(|t| t.id == OPEN).unwrap();
    corpus.telegrams[i].title = huge_text(5_000_000);
    let (med, max) = type_query(corpus);
    println!("search, 5 MB title      per key {med:9.2} ms median {max:9.2} ms max");
}

fn search_passage() {
    let mut corpus = Corpus::embedded().expect("bundled corpus");
    let i = corpus.telegrams.iter().position(|t| t.id == OPEN).unwrap();
    let t = &mut corpus.telegrams[i];
    let p = t.body.get_mut().witnesses[0].passages.first_mut().unwrap();
    p.text = huge_text(5_000_000);
    let (med, max) = type_query(corpus);
    println!("search, 5 MB passage    per key {med:9.2} ms median {max:9.2} ms max");
}

fn note(i: usize, text: String) -> MyNote {
    MyNote {
        id: format!("n{i:05}"),
        telegram: OPEN.into(),
        align: None,
        witness: None,
        stance: None,
        text,
        created: "2026-11-27T15:30:00Z".into(),
        edited: None,
    }
}

fn store_with(dir: &std::path::Path, notes: Vec<MyNote>) -> Store {
    let path = dir.join("notes.toml");
    let n = shifr::notes::Notes { notes };
    std::fs::write(&path, n.to_toml()).unwrap();
    Store::open(path)
}

fn first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let mut times = Vec::new();
    for _ in 0..3 {
        let store = store_with(dir.path(), vec![note(0, huge_text(15_000_000))]);
        assert!(store.read_only.is_none(), "{:?}", store.read_only);
        let t = Instant::now();
        let (shell, _host) = shell(Corpus::embedded().unwrap(), Some(store));
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        term.draw(|f| shell.render(f)).unwrap();
        times.push(ms(t));
    }
    let (med, max) = stats(times);
    println!("first frame, 15 MB note         {med:9.2} ms median {max:9.2} ms max");
}

fn save() {
    let dir = tempfile::tempdir().unwrap();
    let many: Vec<MyNote> = (0..5_000)
        .map(|i| {
            note(
                i,
                format!("Note {i} on the 2 October telegram: Shen and Christensen."),
            )
        })
        .collect();
    let mut store = store_with(dir.path(), many.clone());
    let mut times = Vec::new();
    for i in 0..20 {
        let t = Instant::now();
        store
            .commit(&Edit::Add(note(10_000 + i, "one more".into())))
            .unwrap();
        times.push(ms(t));
    }
    let (med, max) = stats(times);
    println!("Store::commit, 5,000 notes      {med:9.2} ms median {max:9.2} ms max");
    let store = store_with(dir.path(), many);
    let (mut shell, mut host) = shell(Corpus::embedded().unwrap(), Some(store));
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut times = Vec::new();
    for _ in 0..10 {
        runner::press(&mut shell, &mut host, "a o n e").unwrap();
        let t = Instant::now();
        runner::press(&mut shell, &mut host, "ctrl-s").unwrap();
        term.draw(|f| shell.render(f)).unwrap();
        times.push(ms(t));
    }
    let (med, max) = stats(times);
    println!("ctrl-s in the reader, 5,000     {med:9.2} ms median {max:9.2} ms max");
}

fn main() {
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wants = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    if wants("search") || wants("title") {
        search();
    }
    if wants("search") || wants("passage") {
        search_passage();
    }
    if wants("frame") {
        first_frame();
    }
    if wants("save") {
        save();
    }
}

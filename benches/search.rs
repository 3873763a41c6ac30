//! Search benchmark: synthetic corpora of 1k, 10k and 100k telegrams (made
//! through the real corpus types, fixed seed), a fixed set of queries typed
//! key by key. Reports index build time, median and p95 latency per
//! keystroke (query parsing and `Index::search`; each keystroke timed
//! five times from the state typing leaves, the median kept), result
//! counts, and
//! memory; then key to screen: the same keys typed into the search overlay
//! of the real reader, each key handled, searched, its result rows,
//! snippets and preview laid out and the frame drawn on ratatui's
//! TestBackend at 120×40 and at 80×24; and beside it, at 1k and 10k, the
//! naive baseline: skim's fuzzy_match of the typed text against every whole
//! record on every keystroke.
//!
//!     cargo bench --bench search             # all sizes
//!     cargo bench --bench search -- 10000    # one size
//!
//! Each size runs in a child process of its own so its peak memory is its own.

use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use shifr::corpus::synth::generate;
use shifr::search::{document, index_corpus, parse};

const SEED: u64 = 1950;

/// How many times each keystroke's search is timed (the median is kept).
const REPS: usize = 5;

#[path = "common/queries.rs"]
mod queries;
use queries::QUERIES;

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return 0.0;
    }
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Every prefix of a query, as typed key by key.
fn keystrokes(q: &str) -> Vec<&str> {
    q.char_indices()
        .map(|(i, c)| &q[..i + c.len_utf8()])
        .collect()
}

/// Key to screen: each keystroke of every query typed into the search
/// overlay, handled with its effects (the search on this thread) and the
/// frame drawn. Median and p95 in ms.
fn key_to_screen(corpus: &Arc<shifr::corpus::Corpus>, w: u16, h: u16) -> (f64, f64) {
    use crossterm::event::{KeyCode, KeyModifiers};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use shifr::keymap::{Key, Keymap};
    use shifr::runner::{self, LocalHost};

    let app = shifr::app::App::new(Arc::clone(corpus), Keymap::defaults());
    let size = ratatui::layout::Size::new(w, h);
    let mut shell = shifr::ui::Shell::new(app, shifr::theme::Theme::colored(), size);
    let mut host = LocalHost::new(&mut shell);
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    runner::press(&mut shell, &mut host, "/").unwrap();
    term.draw(|f| shell.render(f)).unwrap();
    let mut key = |shell: &mut shifr::ui::Shell, code| {
        shell.handle_key(Key::new(code, KeyModifiers::NONE));
        runner::run(shell, &mut host);
    };
    let mut lat = Vec::new();
    for round in 0..2 {
        for q in QUERIES {
            for c in q.chars() {
                let t = Instant::now();
                key(&mut shell, KeyCode::Char(c));
                term.draw(|f| shell.render(f)).unwrap();
                // The first round warms up.
                if round == 1 {
                    lat.push(t.elapsed().as_secs_f64() * 1000.0);
                }
            }
            for _ in q.chars() {
                key(&mut shell, KeyCode::Backspace);
            }
            term.draw(|f| shell.render(f)).unwrap();
        }
    }
    (percentile(&mut lat, 0.5), percentile(&mut lat, 0.95))
}

/// How long the index takes to follow a change instead of being built
/// again (ms): a note of the reader's added to one telegram (its record
/// read again), and one telegram's title edited (every record's
/// fingerprint taken to find it, then it read again).
fn updates(corpus: &shifr::corpus::Corpus, index: &shifr::search::Index) -> (f64, f64) {
    use shifr::notes::{Edit, MyNote, Notes};
    let none = Notes::default();
    let mut one = Notes::default();
    one.apply(&Edit::Add(MyNote {
        id: "bench".into(),
        telegram: corpus.telegrams[corpus.telegrams.len() / 2].id.clone(),
        align: None,
        witness: None,
        stance: None,
        text: "zyzzyva".into(),
        created: "2026-12-02T00:00:00Z".into(),
        edited: None,
    }));
    let t = Instant::now();
    let noted = shifr::search::kept::with_notes(index, corpus, &none, &one).expect("one record");
    let note_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(noted.search(&parse("zyzzyva").unwrap()).len(), 1);
    drop(noted);
    let mut edited = corpus.clone();
    let mid = edited.telegrams.len() / 3;
    edited.telegrams[mid].title.push_str(" quagga");
    let t = Instant::now();
    let updated = index
        .updated(edited.telegrams.len(), |i| {
            document::fields(&edited, &edited.telegrams[i])
        })
        .expect("one record");
    let edit_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(updated.search(&parse("quagga").unwrap()).len(), 1);
    (note_ms, edit_ms)
}

fn run_size(n: usize) {
    let t0 = Instant::now();
    let corpus = generate(n, SEED);
    let gen_s = t0.elapsed().as_secs_f64();
    let records: Vec<Vec<document::Field>> = corpus
        .telegrams
        .iter()
        .map(|t| document::fields(&corpus, t))
        .collect();
    let text_bytes: usize = records.iter().flatten().map(|f| f.text.len()).sum();
    drop(records);
    let rss_before = peak_rss_kb();
    let t1 = Instant::now();
    let index = index_corpus(&corpus);
    let build_s = t1.elapsed().as_secs_f64();
    let rss_after = peak_rss_kb();
    // Warm up, then measure every keystroke of every query.
    for q in QUERIES {
        if let Ok(p) = parse(q) {
            let _ = index.search(&p);
        }
    }
    let mut lat = Vec::new();
    let mut slow: Vec<(f64, String)> = Vec::new();
    let mut counts = Vec::new();
    let search = |q: &str| match parse(q) {
        Ok(p) => index.search(&p).len(),
        Err(_) => 0,
    };
    for q in QUERIES {
        let keys = keystrokes(q);
        for (i, &prefix) in keys.iter().enumerate() {
            // Each key timed REPS times from the state typing leaves it in
            // (the terms of the query before it kept), the median taken: a
            // single timing's tail was this shared machine's, not the code's.
            let mut reps = Vec::with_capacity(REPS);
            let mut n_hits = 0;
            for _ in 0..REPS {
                index.forget_terms();
                if i > 0 {
                    search(keys[i - 1]);
                }
                let t = Instant::now();
                n_hits = search(prefix);
                reps.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            let ms = percentile(&mut reps, 0.5);
            lat.push(ms);
            slow.push((ms, format!("{prefix:?} ({n_hits} hits)")));
            if prefix.len() == q.len() {
                counts.push(format!("{q}: {n_hits}"));
            }
        }
    }
    let keys = lat.len();
    let (note_ms, edit_ms) = updates(&corpus, &index);
    let corpus = Arc::new(corpus);
    let screen = key_to_screen(&corpus, 120, 40);
    let small = key_to_screen(&corpus, 80, 24);
    slow.sort_by(|a, b| b.0.total_cmp(&a.0));
    if std::env::var_os("SHIFR_BENCH_SLOW").is_some() {
        for (ms, k) in slow.iter().take(12) {
            eprintln!("  {ms:8.2} ms  {k}");
        }
    }
    let med = percentile(&mut lat, 0.5);
    let p95 = percentile(&mut lat, 0.95);
    let max = percentile(&mut lat, 1.0);
    // The naive baseline, at sizes where it finishes.
    let baseline = if n <= 10_000 {
        let skim = SkimMatcherV2::default();
        let whole: Vec<String> = corpus
            .telegrams
            .iter()
            .map(|t| {
                document::fields(&corpus, t)
                    .into_iter()
                    .map(|f| f.text)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let mut bl = Vec::new();
        let mut bl_counts = Vec::new();
        for q in QUERIES {
            for prefix in keystrokes(q) {
                let t = Instant::now();
                let mut hits: Vec<(i64, usize)> = whole
                    .iter()
                    .enumerate()
                    .filter_map(|(i, w)| skim.fuzzy_match(w, prefix).map(|s| (s, i)))
                    .collect();
                hits.sort_unstable_by_key(|b| std::cmp::Reverse(b.0));
                bl.push(t.elapsed().as_secs_f64() * 1000.0);
                if prefix.len() == q.len() {
                    bl_counts.push(hits.len());
                }
            }
        }
        let bmed = percentile(&mut bl, 0.5);
        let bp95 = percentile(&mut bl, 0.95);
        let matched_pct: Vec<String> = bl_counts
            .iter()
            .map(|c| format!("{:.0}%", 100.0 * *c as f64 / n as f64))
            .collect();
        Some((bmed, bp95, matched_pct.join(" ")))
    } else {
        None
    };
    println!(
        "{{\"n\":{n},\"gen_s\":{gen_s:.3},\"build_s\":{build_s:.3},\"keystrokes\":{keys},\"median_ms\":{med:.3},\"p95_ms\":{p95:.3},\"max_ms\":{max:.3},\"text_mb\":{:.1},\"index_mb\":{:.1},\"rss_before_mb\":{:.1},\"rss_peak_mb\":{:.1},\"vocabulary\":{},\"update_after_a_note_ms\":{note_ms:.1},\"update_after_an_edit_ms\":{edit_ms:.1},\"key_to_screen_120x40_ms\":[{:.3},{:.3}],\"key_to_screen_80x24_ms\":[{:.3},{:.3}],\"counts\":{:?},\"baseline\":{}}}",
        text_bytes as f64 / 1e6,
        index.heap_bytes() as f64 / 1e6,
        rss_before as f64 / 1024.0,
        rss_after as f64 / 1024.0,
        index.vocabulary(),
        screen.0,
        screen.1,
        small.0,
        small.1,
        counts.join("; "),
        match baseline {
            Some((m, p, pct)) =>
                format!("{{\"median_ms\":{m:.2},\"p95_ms\":{p:.2},\"matched\":{pct:?}}}"),
            None => "null".to_string(),
        }
    );
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let Some(n) = args
        .iter()
        .find_map(|a| a.strip_prefix("--child=").and_then(|n| n.parse().ok()))
    {
        run_size(n);
        return;
    }
    let sizes: Vec<usize> = {
        let v: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
        if v.is_empty() {
            vec![1_000, 10_000, 100_000]
        } else {
            v
        }
    };
    let exe = std::env::current_exe().expect("own path");
    for n in sizes {
        let out = Command::new(&exe)
            .arg(format!("--child={n}"))
            .output()
            .expect("run child");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        eprint!("{}", String::from_utf8_lossy(&out.stderr));
    }
}

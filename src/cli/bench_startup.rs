//! `shifr --bench-startup`: times start-up to the first frame (corpus,
//! keymap, reader state, first frame drawn off-screen, then the search
//! index) over repeated runs and prints the medians. A corpus directory
//! goes through the start-up cache as the reader's does: the first run
//! fills it (cold), the rest read it (warm); `--no-cache` times every run
//! without it.

use std::sync::Arc;
use std::time::Instant;

use ratatui::layout::Size;

use super::error::println;
use super::load::{load_cached, load_keymap};
use super::reader::{Start, part_loaded, start_loading};
use super::{Cli, CliError};
use crate::app::App;
use crate::theme::Theme;

/// `--bench-startup`: corpus load, keymap, state and first frame, timed.
pub(super) fn run(cli: &Cli) -> Result<(), CliError> {
    // As the reader runs (`reader::run`).
    let _pages = crate::huge_pages::off();
    // Up to 50 runs, or as many as fit in about ten seconds (large corpora).
    let budget = std::time::Duration::from_secs(10);
    let started = Instant::now();
    let mut totals = Vec::new();
    let mut parts: Vec<[f64; 5]> = Vec::new();
    let mut how = Vec::new();
    let mut whole_at = Vec::new();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    while totals.len() < 50 && (totals.len() < 3 || started.elapsed() < budget) {
        let t0 = Instant::now();
        // As the reader starts: on the first part of a large corpus read
        // whole, the rest loading meanwhile.
        let (mut loaded, rest) = match start_loading(cli, true, false)? {
            Start::Whole(l) => (*l, None),
            Start::Part(p, rx) => (part_loaded(*p), Some(rx)),
        };
        let corpus = Arc::new(std::mem::take(&mut loaded.corpus));
        let t1 = Instant::now();
        let keymap = load_keymap(cli.keymap.as_ref())?;
        let t2 = Instant::now();
        let app = App::new(Arc::clone(&corpus), keymap);
        let shell = crate::ui::Shell::new(app, Theme::from_env(), Size::new(120, 40));
        let t3 = Instant::now();
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40))
            .expect("test backend");
        let _ = terminal.draw(|f| shell.render(f));
        let t4 = Instant::now();
        let corpus = match rest {
            None => corpus,
            Some(rx) => {
                let whole = rx.iter().find_map(|m| match m {
                    crate::tui::Loading::Done(d) => Some(d),
                    crate::tui::Loading::Crashed(why) => Some(Err(why)),
                    crate::tui::Loading::Progress(..) => None,
                });
                match whole {
                    Some(Ok(l)) => {
                        loaded = *l;
                        Arc::new(std::mem::take(&mut loaded.corpus))
                    }
                    Some(Err(why)) => return Err(CliError::fail(why)),
                    None => return Err(CliError::fail("shifr: the loader ended")),
                }
            }
        };
        whole_at.push(ms(t0.elapsed()));
        how.push(loaded.how);
        let pending = loaded.pending.take();
        // The cache, when it had to be written, is written meanwhile, as
        // the reader does.
        let writer = super::reader::write_cache_later(pending, &corpus);
        // The reader has the search index on its own thread after this:
        // from the cache, else built (and kept).
        let notes = crate::notes::Notes::default();
        let store = loaded
            .store
            .as_ref()
            .map(|s| s as &dyn crate::search::kept::IndexStore);
        let (index, how, _) = crate::search::kept::index_for(&corpus, &notes, store, &|_| {});
        let built = how != crate::search::kept::How::Kept;
        let t5 = Instant::now();
        // Kept once search is ready, as the reader's search thread does.
        if let (true, Some(s)) = (built, &loaded.store) {
            let _ = s.save(&notes, &index);
        }
        drop(index);
        if let Some(notice) = writer.and_then(|w| w.join().ok().flatten()) {
            super::error::eprint(&notice);
        }
        parts.push([
            ms(t1 - t0),
            ms(t2 - t1),
            ms(t3 - t2),
            ms(t4 - t3),
            ms(t5 - t4),
        ]);
        totals.push(ms(t4 - t0));
    }
    let runs = totals.len();
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let p95 = {
        let mut v = totals.clone();
        v.sort_by(|a, b| a.total_cmp(b));
        v[(runs - 1) * 95 / 100]
    };
    let med = median(&mut totals.clone());
    let part = |k: usize| median(&mut parts.iter().map(|p| p[k]).collect());
    let n = load_cached(cli.corpus.as_ref(), false)
        .map(|c| c.corpus.telegrams.len())
        .unwrap_or(0);
    let cache = match (how.first(), how.get(1)) {
        (Some(crate::cache::How::Uncached), _) => "no cache".to_string(),
        (Some(first), Some(rest)) => format!("cache: first run {first:?}, then {rest:?}"),
        (Some(first), None) => format!("cache: {first:?}"),
        (None, _) => String::new(),
    };
    let first = totals[0];
    let first_ready = first + parts[0][4];
    let first_whole = whole_at[0];
    println(&format!(
        "start-up to first frame ({n} telegrams, {runs} runs, 120x40 off-screen; {cache}): median {med:.2} ms, p95 {p95:.2} ms\n  first run: first frame {first:.2} ms, whole corpus in at {first_whole:.2} ms, search ready at {first_ready:.2} ms\n  medians: corpus {:.2} ms · keymap {:.2} ms · state {:.2} ms · first frame {:.2} ms\n  then, on the search thread: index {:.2} ms (search ready at {:.2} ms)",
        part(0),
        part(1),
        part(2),
        part(3),
        part(4),
        med + part(4)
    ))
}

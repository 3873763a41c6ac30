//! Loading what the commands work on (the corpus, the keymap) and finding
//! a telegram by id, each with the error the user sees.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use super::CliError;
use super::error::eprint;
use crate::cache::{self, Loaded};
use crate::corpus::{Corpus, Telegram};
use crate::keymap::Keymap;

/// Set by `--no-cache`.
static NO_CACHE: AtomicBool = AtomicBool::new(false);

/// `--no-cache`: this process neither reads nor writes the start-up cache.
pub(super) fn disable_cache() {
    NO_CACHE.store(true, Ordering::Relaxed);
}

/// Loads the corpus named by `--corpus`, or the bundled one; its problems
/// are the error.
pub fn load_corpus(dir: Option<&PathBuf>) -> Result<Corpus, CliError> {
    load_cached(dir, false).map(|l| l.corpus)
}

/// The same, with what the cache did and where the index is kept. A
/// corpus directory goes through the start-up cache (`crate::cache`), whose
/// notices (a cache rebuilt, or not written) go to stderr; with `progress`,
/// so does how far reading and checking have come, when stderr is a
/// terminal.
pub(super) fn load_cached(dir: Option<&PathBuf>, progress: bool) -> Result<Loaded, CliError> {
    let mut loaded = load_cached_later(dir, progress)?;
    if let Some(notice) = loaded.write_pending() {
        eprint(&notice);
    }
    Ok(loaded)
}

/// [`load_cached`], leaving a cache to write in `pending` (the reader
/// writes it on a thread of its own while it runs).
pub(super) fn load_cached_later(dir: Option<&PathBuf>, progress: bool) -> Result<Loaded, CliError> {
    let loaded = load_cached_first(dir, progress, None, &|_, _, _| false)?;
    for n in &loaded.notices {
        eprint(n);
    }
    Ok(loaded)
}

/// [`load_cached_later`], handing `first` the first part of a large corpus
/// read whole (`cache::First`). How far loading has come is offered to
/// `tell` first; what it does not take (`false`) is shown on stderr, as
/// with `progress`. The notices (a cache rebuilt…) are the caller's to
/// show: stderr may be under the reader by then.
pub(super) fn load_cached_first(
    dir: Option<&PathBuf>,
    progress: bool,
    first: cache::First,
    tell: &(dyn Fn(&'static str, usize, usize) -> bool + Sync),
) -> Result<Loaded, CliError> {
    let Some(d) = dir else {
        return Corpus::embedded()
            .map(|corpus| Loaded {
                corpus,
                warnings: Vec::new(),
                how: cache::How::Uncached,
                notices: Vec::new(),
                store: None,
                pending: None,
            })
            .map_err(CliError::from);
    };
    let shown = progress && std::io::stderr().is_terminal();
    let meter = Meter::default();
    let report = |what: &'static str, done: usize, of: usize| {
        if !tell(what, done, of) && shown {
            meter.show(what, done, of);
        }
    };
    let loaded = if NO_CACHE.load(Ordering::Relaxed) || !cache::enabled() {
        cache::load_uncached_first(d, &report, first)
    } else {
        cache::load_dir_first(d, &report, first)
    };
    meter.clear();
    loaded.map_err(CliError::from)
}

/// A progress figure on stderr ("checking 41 %"), redrawn in place on one
/// line and cleared at the end; only ever drawn on a terminal.
#[derive(Default)]
struct Meter {
    last: std::sync::Mutex<Option<(&'static str, usize)>>,
}

impl Meter {
    fn show(&self, what: &'static str, done: usize, of: usize) {
        let pct = (done * 100).checked_div(of).unwrap_or(100).min(100);
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if *last == Some((what, pct)) {
            return;
        }
        *last = Some((what, pct));
        use std::io::Write;
        let _ = write!(std::io::stderr(), "\r\x1b[Kshifr: {what} {pct} %");
    }

    fn clear(&self) {
        let last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if last.is_some() {
            use std::io::Write;
            let _ = write!(std::io::stderr(), "\r\x1b[K");
        }
    }
}

/// The telegram with this id; if there is none, an error naming the
/// nearest ids.
pub(super) fn find<'a>(corpus: &'a Corpus, id: &str) -> Result<&'a Telegram, CliError> {
    corpus.telegram(id).ok_or_else(|| {
        CliError::fail(format!(
            "shifr: {}",
            crate::app::unknown_telegram(corpus, id)
        ))
    })
}

/// Loads the keymap, reporting problems before the terminal is touched.
pub(super) fn load_keymap(path: Option<&PathBuf>) -> Result<Keymap, CliError> {
    Keymap::load(path.map(PathBuf::as_path)).map_err(|e| {
        CliError::fail(format!(
            "{e}\nshifr: the keymap has problems; nothing was started"
        ))
    })
}

/// The notes of `--notes FILE`, for the commands that print a telegram
/// with them; without the flag, none (so scripted output does not depend on
/// what a user's default notes file holds).
pub(super) fn explicit_notes(cli: &super::Cli) -> crate::notes::Notes {
    cli.notes
        .clone()
        .map(|p| crate::notes::store::Store::open(p).notes)
        .unwrap_or_default()
}

/// Loads the settings (`--config FILE`, else the default place), reporting
/// a problem before the terminal is touched.
pub(super) fn load_settings(
    path: Option<&PathBuf>,
) -> Result<(crate::config::Settings, Option<PathBuf>), CliError> {
    crate::config::Settings::load(path.map(PathBuf::as_path)).map_err(|e| {
        CliError::fail(format!(
            "{e}\nshifr: the settings have problems; nothing was started"
        ))
    })
}

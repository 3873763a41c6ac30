//! Starting the reader: the settings, corpus, keymap and notes are loaded
//! and checked before the terminal is touched, then the TUI runs until the
//! user quits. Each phase is timed in the debug log (`--debug`).

use std::cell::RefCell;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::mpsc;

use ratatui::layout::Size;

use super::load::{find, load_cached_first, load_keymap, load_settings};
use super::{Cli, CliError};
use crate::app::App;
use crate::debug_log::{line, phase};
use crate::tui;

/// The reader, after the corpus and keymap have loaded.
pub(super) fn run(cli: &Cli, open: Option<&str>) -> Result<(), CliError> {
    // The reader runs without huge pages: started with them, its first
    // frame at 100,000 telegrams came at 0.47-0.61 s, without at 0.25-0.34 s
    // (`huge_pages`).
    let _pages = crate::huge_pages::off();
    let (settings, settings_file) =
        phase("settings loaded", || load_settings(cli.config.as_ref()))?;
    line(format_args!(
        "settings: {}",
        shown(settings_file.as_deref(), "none, the defaults")
    ));
    let start = phase("corpus loaded", || start_loading(cli, open.is_none(), true))?;
    let (mut loaded, later) = match start {
        Start::Whole(l) => (*l, None),
        Start::Part(part, rx) => (part_loaded(*part), Some(rx)),
    };
    let pending = loaded.pending.take();
    let corpus = Arc::new(std::mem::take(&mut loaded.corpus));
    line(format_args!(
        "corpus: {} ({} telegrams{})",
        shown(cli.corpus.as_deref(), "the bundled one"),
        corpus.telegrams.len(),
        if later.is_some() {
            ", a part: the rest loads while the reader runs"
        } else {
            ""
        }
    ));
    let keymap = phase("keymap loaded", || load_keymap(cli.keymap.as_ref()))?;
    let keymap_path = cli.keymap.clone().or_else(crate::keymap::user_keymap_path);
    line(format_args!(
        "keymap: the defaults, with {}",
        shown(
            keymap_path.as_deref().filter(|p| p.exists()),
            "no file of the user's"
        )
    ));
    if let Some(id) = open {
        find(&corpus, id)?;
    }
    // A dumb terminal (or none named) cannot take the full-screen reader.
    let dumb = std::env::var("TERM")
        .ok()
        .is_none_or(|t| t.is_empty() || t == "dumb");
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() || dumb {
        return Err(CliError::usage(
            "shifr: the reader needs a terminal. For output to pipe or save, use a subcommand, e.g.\n  shifr list\n  shifr show ID\n  shifr search QUERY\n  shifr compare ID\n  shifr export --format json\n  shifr check\nSee shifr --help.",
        ));
    }
    let mut app = App::new(corpus, keymap);
    app.apply_settings(&settings);
    if later.is_some() {
        app.start_partial();
    }
    app.index_store = loaded
        .store
        .map(|s| Arc::new(s) as Arc<dyn crate::search::worker::IndexStore>);
    app.keymap_file = keymap_path.map(|p| p.display().to_string());
    app.store = phase("notes loaded", || open_notes(cli));
    line(format_args!(
        "notes: {}{}",
        shown(
            Some(app.store.path.as_path()).filter(|p| !p.as_os_str().is_empty()),
            "nowhere"
        ),
        app.store
            .read_only
            .as_ref()
            .map_or(String::new(), |why| format!(", read-only: {why}"))
    ));
    app.external_editor = std::env::var("VISUAL")
        .ok()
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|e| !e.trim().is_empty());
    let fresh = cli.fresh || open.is_some();
    // The remembered place, bookmarks and notices: now, or with the whole
    // corpus when the reader starts on a part.
    let overlay = match later {
        Some(_) => None,
        None => settle(&mut app, cli.corpus.as_deref(), fresh, &loaded.notices),
    };
    if let Some(id) = open {
        // Known to exist: checked above.
        let _ = app.open_id(id);
    }
    let theme = settings.theme.theme(crate::theme::no_color_env());
    let mut shell = crate::ui::Shell::new(app, theme, Size::new(80, 24));
    if let Some(o) = overlay {
        shell.reopen(o);
    }
    // A first start does not wait for the cache to be written.
    let writer: Writer = Rc::new(RefCell::new(write_cache_later(pending, &shell.app.corpus)));
    let later = later.map(|rx| tui::Later {
        rx,
        take: take_whole(cli.corpus.clone(), fresh, Rc::clone(&writer)),
    });
    line("entering the terminal");
    let ran = tui::run_later(&mut shell, later);
    // The whole corpus did not load: its problems, and exit code 1, as
    // when a corpus fails before the reader starts.
    let failed = shell.app.loading.is_some_and(|l| l.failed);
    let notice = shell.app.exit_notice.take();
    if let Some(n) = notice.as_ref().filter(|_| !failed) {
        super::error::eprint(n);
    }
    // Quitting during the writes waits for them, so the next start is warm.
    crate::background::wait();
    let writer = writer.borrow_mut().take();
    if let Some(notice) = writer.and_then(|w| w.join().ok().flatten()) {
        super::error::eprint(&notice);
    }
    match ran {
        Ok(tui::Exit::Quit) if failed => Err(CliError::fail(notice.unwrap_or_default())),
        Ok(tui::Exit::Quit) => Ok(()),
        Err(e) => {
            tui::restore();
            // The terminal gone mid-frame (a closed window): where the
            // reader was is kept, as on quit.
            crate::memory::save_state(&mut shell);
            Err(CliError::fail(format!("shifr: terminal error: {e}")))
        }
    }
}

/// A path for the log, or what stands in for none.
fn shown(path: Option<&std::path::Path>, none: &str) -> String {
    path.map_or(none.to_string(), |p| p.display().to_string())
}

/// The notes file named by `--notes`, or the default one.
pub(super) fn open_notes(cli: &Cli) -> crate::notes::store::Store {
    use crate::notes::store::{Store, default_path};
    match cli.notes.clone().or_else(default_path) {
        Some(p) => Store::open(p),
        None => Store::nowhere("no place for notes: set --notes FILE, XDG_DATA_HOME or HOME"),
    }
}

/// Writes the cache still to write (if any) on a thread of its own; its
/// notice, if it fails, when joined.
pub(super) fn write_cache_later(
    pending: Option<crate::cache::Pending>,
    corpus: &Arc<crate::corpus::Corpus>,
) -> Option<std::thread::JoinHandle<Option<String>>> {
    let (p, c) = (pending?, Arc::clone(corpus));
    crate::background::spawn("cache writer", move || p.write(&c))
}

/// The cache writer, if one runs: started at start, or with the whole
/// corpus.
type Writer = Rc<RefCell<Option<std::thread::JoinHandle<Option<String>>>>>;

/// How the reader starts: on the whole corpus, or on a part of it while
/// the rest loads (`tui::Later`).
pub(super) enum Start {
    Whole(Box<crate::cache::Loaded>),
    Part(Box<crate::corpus::Corpus>, mpsc::Receiver<tui::Loading>),
}

/// Loads the corpus on a thread of its own. A large corpus read whole (no
/// usable start-up cache) hands over its first part, and the reader
/// starts on it; otherwise (or with `part` false: a deep link) the whole is
/// waited for, its progress on stderr (with `progress`).
pub(super) fn start_loading(cli: &Cli, part: bool, progress: bool) -> Result<Start, CliError> {
    let dir = cli.corpus.clone();
    let (part_tx, part_rx) = mpsc::sync_channel::<Option<crate::corpus::Corpus>>(1);
    let (tx, rx) = mpsc::channel::<tui::Loading>();
    std::thread::Builder::new()
        .name("shifr-loader".into())
        .spawn(move || {
            let handed = std::sync::atomic::AtomicBool::new(false);
            let last = std::sync::Mutex::new(("", u8::MAX));
            let sent = std::sync::Mutex::new(tx);
            let tell = |what: &'static str, done: usize, of: usize| {
                if !handed.load(std::sync::atomic::Ordering::SeqCst) {
                    return false;
                }
                let pct = (done * 100).checked_div(of).unwrap_or(100).min(100) as u8;
                let mut l = last.lock().unwrap_or_else(|e| e.into_inner());
                if *l != (what, pct) {
                    *l = (what, pct);
                    if let Ok(tx) = sent.lock() {
                        let _ = tx.send(tui::Loading::Progress(what, pct));
                    }
                }
                true
            };
            let first = |c: crate::corpus::Corpus| {
                handed.store(true, std::sync::atomic::Ordering::SeqCst);
                let _ = part_tx.send(Some(c));
            };
            let hand = part.then_some(&first as &(dyn Fn(crate::corpus::Corpus) + Sync));
            // A panic here (a bug) ends the reader with its message, rather
            // than leaving it on a part for good.
            let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                load_cached_first(dir.as_ref(), progress, hand, &tell)
            }));
            if !handed.load(std::sync::atomic::Ordering::SeqCst) {
                let _ = part_tx.send(None);
            }
            let done = match loaded {
                Ok(l) => tui::Loading::Done(l.map(Box::new).map_err(|e| e.message().to_string())),
                Err(_) => tui::Loading::Crashed(
                    "shifr: loading the corpus failed (a bug in shifr; its message is above)"
                        .to_string(),
                ),
            };
            if let Ok(tx) = sent.lock() {
                let _ = tx.send(done);
            }
        })
        .map_err(|e| CliError::fail(format!("shifr: cannot start loading: {e}")))?;
    if let Ok(Some(part)) = part_rx.recv() {
        return Ok(Start::Part(Box::new(part), rx));
    }
    loop {
        match rx.recv() {
            Ok(tui::Loading::Done(Ok(l))) => {
                // Before the reader starts: its notices on stderr.
                for n in &l.notices {
                    super::error::eprint(n);
                }
                return Ok(Start::Whole(l));
            }
            Ok(tui::Loading::Done(Err(why)) | tui::Loading::Crashed(why)) => {
                return Err(CliError::fail(why));
            }
            Ok(tui::Loading::Progress(..)) => {}
            Err(_) => return Err(CliError::fail("shifr: the loader ended without a corpus")),
        }
    }
}

/// A part of the corpus as the rest of start-up takes a loaded one: no
/// cache, index store or notices of its own (those come with the whole).
pub(super) fn part_loaded(corpus: crate::corpus::Corpus) -> crate::cache::Loaded {
    crate::cache::Loaded {
        corpus,
        warnings: Vec::new(),
        how: crate::cache::How::Uncached,
        notices: Vec::new(),
        store: None,
        pending: None,
    }
}

/// Takes what was kept for the whole corpus: the loader's last notice,
/// else the notes' state, and (unless `fresh`) the place the last run left
/// off with the view it had open, and the bookmarks. The view to reopen.
fn settle(
    app: &mut App,
    corpus_dir: Option<&Path>,
    fresh: bool,
    notices: &[String],
) -> Option<crate::app::session::Resume> {
    if let Some(n) = notices.last() {
        app.flash = Some(n.trim_start_matches("shifr: ").to_string());
    } else if let Some(why) = &app.store.read_only {
        app.flash = Some(format!("notes: {why}"));
    } else {
        let orphans = app.store.notes.orphans(&app.corpus).count();
        if orphans > 0 {
            app.flash = Some(if orphans == 1 {
                "1 of your notes is on a telegram this corpus lacks (shifr notes export)"
                    .to_string()
            } else {
                format!(
                    "{orphans} of your notes are on telegrams this corpus lacks (shifr notes export)"
                )
            });
        }
    }
    // Where the last run left off: not with a deep link or --fresh.
    let mut overlay = None;
    if let Some(files) = crate::memory::files(corpus_dir) {
        let (o, notices) = crate::memory::load(app, files, fresh);
        overlay = o;
        if let Some(n) = notices.into_iter().next() {
            app.flash = Some(n);
        }
    }
    overlay
}

/// What the event loop does with the whole corpus, once it is in: it
/// replaces the part, its index store and cache writer are taken, and the
/// remembered state is applied — the place only if no key was pressed on
/// the part (the reader's choice stands).
fn take_whole(corpus_dir: Option<PathBuf>, fresh: bool, writer: Writer) -> tui::Take {
    Box::new(move |shell, whole| {
        let crate::cache::Loaded {
            corpus,
            notices,
            store,
            pending,
            ..
        } = *whole;
        shell.app.index_store =
            store.map(|s| Arc::new(s) as Arc<dyn crate::search::worker::IndexStore>);
        shell.replace_corpus(Arc::new(corpus));
        let fresh = fresh || shell.app.touched;
        let overlay = settle(&mut shell.app, corpus_dir.as_deref(), fresh, &notices);
        if let Some(o) = overlay.filter(|_| shell.overlays() == 0) {
            shell.reopen(o);
        }
        shell.sync();
        line(format_args!(
            "corpus: the whole is in ({} telegrams)",
            shell.app.corpus.telegrams.len()
        ));
        *writer.borrow_mut() = write_cache_later(pending, &shell.app.corpus);
    })
}

//! Starting the reader: the settings, corpus, keymap and notes are loaded
//! and checked before the terminal is touched, then the TUI runs until the
//! user quits. Each phase is timed in the debug log (`--debug`).

use std::io::IsTerminal;
use std::sync::Arc;

use ratatui::layout::Size;

use super::load::{find, load_cached_later, load_keymap, load_settings};
use super::{Cli, CliError};
use crate::app::App;
use crate::debug_log::{line, phase};
use crate::tui;

/// The reader, after the corpus and keymap have loaded.
pub(super) fn run(cli: &Cli, open: Option<&str>) -> Result<(), CliError> {
    let (settings, settings_file) =
        phase("settings loaded", || load_settings(cli.config.as_ref()))?;
    line(format_args!(
        "settings: {}",
        shown(settings_file.as_deref(), "none, the defaults")
    ));
    let mut loaded = phase("corpus loaded", || {
        load_cached_later(cli.corpus.as_ref(), true)
    })?;
    let pending = loaded.pending.take();
    let corpus = Arc::new(loaded.corpus);
    line(format_args!(
        "corpus: {} ({} telegrams)",
        shown(cli.corpus.as_deref(), "the bundled one"),
        corpus.telegrams.len()
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
    if let Some(n) = loaded.notices.last() {
        app.flash = Some(n.trim_start_matches("shifr: ").to_string());
    } else if let Some(why) = &app.store.read_only {
        app.flash = Some(format!("notes: {why}"));
    } else {
        let orphans = app.store.notes.orphans(&app.corpus).count();
        if orphans > 0 {
            app.flash = Some(format!(
                "{orphans} of your notes are on telegrams this corpus lacks: shifr notes export lists them"
            ));
        }
    }
    // Where the last run left off: not with a deep link or --fresh.
    let mut overlay = None;
    if let Some(files) = crate::memory::files(cli.corpus.as_deref()) {
        let (o, notices) = crate::memory::load(&mut app, files, cli.fresh || open.is_some());
        overlay = o;
        if let Some(n) = notices.into_iter().next() {
            app.flash = Some(n);
        }
    }
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
    let writer = write_cache_later(pending, &shell.app.corpus);
    line("entering the terminal");
    let ran = tui::run(&mut shell);
    if let Some(n) = shell.app.exit_notice.take() {
        super::error::eprint(&n);
    }
    // Quitting during the write waits for it, so the next start is warm.
    if let Some(notice) = writer.and_then(|w| w.join().ok().flatten()) {
        super::error::eprint(&notice);
    }
    match ran {
        Ok(tui::Exit::Quit) => Ok(()),
        Err(e) => {
            tui::restore();
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
    std::thread::Builder::new()
        .name("cache writer".into())
        .spawn(move || p.write(&c))
        .ok()
}

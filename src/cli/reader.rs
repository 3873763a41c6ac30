//! Starting the reader: the corpus, keymap and notes are loaded and checked
//! before the terminal is touched, then the TUI runs until the user quits.

use std::io::IsTerminal;
use std::sync::Arc;

use ratatui::layout::Size;

use super::load::{find, load_cached, load_keymap};
use super::{Cli, CliError};
use crate::app::App;
use crate::theme::Theme;
use crate::tui;

/// The reader, after the corpus and keymap have loaded.
pub(super) fn run(cli: &Cli, open: Option<&str>) -> Result<(), CliError> {
    let loaded = load_cached(cli.corpus.as_ref(), true)?;
    let corpus = Arc::new(loaded.corpus);
    let keymap = load_keymap(cli.keymap.as_ref())?;
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
    app.index_store = loaded
        .store
        .map(|s| Arc::new(s) as Arc<dyn crate::search::worker::IndexStore>);
    app.keymap_file = cli
        .keymap
        .clone()
        .or_else(crate::keymap::user_keymap_path)
        .map(|p| p.display().to_string());
    app.store = open_notes(cli);
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
    if let Some(id) = open {
        // Known to exist: checked above.
        let _ = app.open_id(id);
    }
    let mut shell = crate::ui::Shell::new(app, Theme::from_env(), Size::new(80, 24));
    match tui::run(&mut shell) {
        Ok(tui::Exit::Quit) => Ok(()),
        Err(e) => {
            tui::restore();
            Err(CliError::fail(format!("shifr: terminal error: {e}")))
        }
    }
}

/// The notes file named by `--notes`, or the default one.
pub(super) fn open_notes(cli: &Cli) -> crate::notes::store::Store {
    use crate::notes::store::{Store, default_path};
    match cli.notes.clone().or_else(default_path) {
        Some(p) => Store::open(p),
        None => Store::nowhere("no place for notes: set --notes FILE, XDG_DATA_HOME or HOME"),
    }
}

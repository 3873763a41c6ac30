//! Loading what the commands work on (the corpus, the keymap) and finding
//! a telegram by id, each with the error the user sees.

use std::path::PathBuf;

use super::CliError;
use crate::corpus::{Corpus, Telegram};
use crate::keymap::Keymap;

/// Loads the corpus named by `--corpus`, or the bundled one; its problems
/// are the error.
pub fn load_corpus(dir: Option<&PathBuf>) -> Result<Corpus, CliError> {
    let loaded = match dir {
        Some(d) => Corpus::load_dir(d),
        None => Corpus::embedded(),
    };
    loaded.map_err(CliError::from)
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

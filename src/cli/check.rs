//! `shifr check`: validates a corpus; its problems are the error, else a
//! one-line summary.

use std::path::PathBuf;

use super::CliError;
use super::error::println;
use super::load::load_corpus;

/// `shifr check`.
pub(super) fn run(dir: Option<&PathBuf>) -> Result<(), CliError> {
    let c = load_corpus(dir)?;
    println(&format!("ok: {}", c.summary()))
}

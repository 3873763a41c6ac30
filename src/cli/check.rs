//! `shifr check`: validates a corpus; its problems are the error, else a
//! one-line summary. Warnings about a corpus that loads go to stderr
//! first; check fails on those about control characters in text.

use std::path::PathBuf;

use super::CliError;
use super::error::{eprint, println};
use crate::corpus::load;
use crate::problem::Report;

/// `shifr check`.
pub(super) fn run(dir: Option<&PathBuf>) -> Result<(), CliError> {
    let files = match dir {
        Some(d) => load::read_dir(d)?,
        None => load::embedded_files(),
    };
    let (c, warnings) = load::check_files(&files)?;
    let report = Report {
        problems: Vec::new(),
        warnings,
    };
    if report.fails_check() {
        return Err(CliError::from(report));
    }
    if !report.warnings.is_empty() {
        eprint(&report.to_string());
    }
    println(&format!("ok: {}", c.summary()))
}

//! `shifr check`: validates a corpus; its problems are the error, else a
//! one-line summary. Warnings about a corpus that loads go to stderr
//! first; check fails on those about control characters in text. With
//! `--source FILE`, every footnote text of footnotes.toml is also compared
//! with the source paper, the way `verify-quotes` compares quotes.

use std::path::{Path, PathBuf};

use super::CliError;
use super::error::{eprint, println};
use crate::corpus::{footnotes, load};
use crate::problem::{Problem, Report};

/// `shifr check`.
pub(super) fn run(dir: Option<&PathBuf>, source: Option<&Path>) -> Result<(), CliError> {
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
    let mut summary = format!("ok: {}", c.summary());
    if let Some(src) = source {
        let shown = src.display().to_string();
        let paper = crate::fsread::read_text(src, &shown, "the source paper as UTF-8 text")
            .map_err(|e| CliError::from(one(e.problem)))?;
        let Some(f) = files.iter().find(|f| f.rel == "footnotes.toml") else {
            let root = files
                .first()
                .map(|f| f.path.strip_suffix(&f.rel).unwrap_or("").to_string())
                .unwrap_or_default();
            return Err(CliError::from(one(Problem::file(
                &format!("{root}footnotes.toml"),
                "missing: --source checks the footnote texts of footnotes.toml, and this corpus has none",
            ))));
        };
        let done = footnotes::verify_against_source(&f.path, &f.text, &shown, &paper)?;
        summary.push_str(&format!(
            "; footnotes against {shown}: {} verbatim, {} missing from it as recorded",
            done.verbatim, done.missing
        ));
    }
    println(&summary)
}

fn one(p: Problem) -> Report {
    let mut r = Report::default();
    r.push(p);
    r
}

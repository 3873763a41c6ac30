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
    // A corpus directory goes through the start-up cache (its telegrams
    // checked before and unchanged since are not checked again; the checks
    // across files always run), with progress on stderr if a terminal.
    let loaded = super::load::load_cached(dir, true)?;
    let (c, warnings) = (loaded.corpus, loaded.warnings);
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
        let found = match dir {
            Some(d) => {
                let p = d.join("footnotes.toml");
                let (path, rel) = load::shown_paths(d, &p);
                crate::fsread::read_text(&p, &path, "a UTF-8 encoded TOML file")
                    .ok()
                    .map(|text| load::SourceFile { path, rel, text })
            }
            None => load::embedded_files()
                .into_iter()
                .find(|f| f.rel == "footnotes.toml"),
        };
        let Some(f) = found else {
            let shown = dir.map_or("corpus/footnotes.toml".into(), |d| {
                d.join("footnotes.toml").display().to_string()
            });
            return Err(CliError::from(one(Problem::file(
                &shown,
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

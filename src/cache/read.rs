//! Reading and checking a corpus's files for the cache: all of them (no
//! usable cache), or the changed telegram files with the rest reused.

use std::path::{Path, PathBuf};

use super::Progress;
use crate::corpus::load::{self, Checked, SourceFile};
use crate::problem::Report;

/// Checks `files`, the telegram files of `priors` reused, telling
/// `progress` how many telegram files are done.
pub(super) fn check(
    files: &[SourceFile],
    priors: Vec<load::Prior>,
    progress: Progress,
) -> Result<Checked, Report> {
    let total = files
        .iter()
        .filter(|f| f.rel.starts_with("telegrams/"))
        .count();
    load::check_files_reusing(files, priors, &|n| progress("checking", n, total))
}

/// Reads and checks every file of `paths`: the telegram files each by the
/// thread that checks it (none held as text once checked), the others
/// first. Gives back the others, read, the checked corpus, and the
/// telegram files' hashes by `hash` in path order.
pub(super) fn read_and_check(
    dir: &Path,
    paths: &[PathBuf],
    hash: Option<&(dyn Fn(&str) -> u64 + Sync)>,
    progress: Progress,
) -> Result<(Vec<SourceFile>, Checked, Vec<u64>), Report> {
    let (telegrams, others): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .iter()
        .cloned()
        .partition(|p| load::is_telegram(dir, p));
    let Ok(files) = load::read_paths(dir, &others) else {
        // Every file's problem, as reading them all says it (or, should
        // they all read now, the files as read).
        let all = read_all(dir, paths, progress)?;
        let checked = check(&all, Vec::new(), progress)?;
        let (telegrams, others): (Vec<SourceFile>, Vec<SourceFile>) = all
            .into_iter()
            .partition(|f| f.rel.starts_with("telegrams/"));
        let hashes = hash.map_or_else(Vec::new, |h| telegrams.iter().map(|f| h(&f.text)).collect());
        return Ok((others, checked, hashes));
    };
    let unread = crate::corpus::Unread {
        dir,
        paths: &telegrams,
        hash,
    };
    let total = telegrams.len();
    let (checked, hashes) = crate::debug_log::phase("corpus read and checked", || {
        load::check_files_reading(&files, &unread, &|n| progress("checking", n, total))
    })?;
    Ok((files, checked, hashes))
}

/// Reads every file, telling `progress` how far it has come.
fn read_all(dir: &Path, paths: &[PathBuf], progress: Progress) -> Result<Vec<SourceFile>, Report> {
    let mut files = Vec::with_capacity(paths.len());
    let mut report = Report::default();
    for (i, chunk) in paths.chunks(4096).enumerate() {
        progress("reading", i * 4096, paths.len());
        match load::read_paths(dir, chunk) {
            Ok(f) => files.extend(f),
            Err(r) => report.problems.extend(r.problems),
        }
    }
    if report.is_empty() {
        Ok(files)
    } else {
        Err(report)
    }
}

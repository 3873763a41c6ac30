//! The first part of a large corpus, for the reader to show while the rest
//! loads (progressive loading, when there is no start-up cache to read).
//!
//! The part is the corpus's people, sources, events and footnotes with its
//! first telegram files (in path order), checked as a corpus of its own. The
//! debate is left out: it names telegrams the part may not hold. What
//! depends on every telegram (duplicate ids across files, the debate's
//! references) is checked by the whole load, which replaces the part.

use std::path::{Path, PathBuf};

use super::Corpus;
use super::load::{check_files, read_paths, shown_paths};

/// How many telegram files the part holds.
pub const PART: usize = 2048;

/// Below this many telegram files a corpus loads whole before the reader
/// starts: it takes well under a second.
pub const WORTH_IT: usize = 10_000;

/// Whether a corpus of these files (path order, under `dir`) is large
/// enough to be shown in part first.
pub fn worth_it(dir: &Path, paths: &[PathBuf]) -> bool {
    telegram_files(dir, paths).nth(WORTH_IT).is_some()
}

fn telegram_files<'a>(dir: &'a Path, paths: &'a [PathBuf]) -> impl Iterator<Item = &'a PathBuf> {
    paths
        .iter()
        .filter(move |p| shown_paths(dir, p).1.starts_with("telegrams/"))
}

/// The part of the corpus whose files are `paths` (path order, under
/// `dir`): its other files but the debate, and its first [`PART`] telegram
/// files. None when those do not read or check (the whole load then says
/// why).
pub fn first_part(dir: &Path, paths: &[PathBuf]) -> Option<Corpus> {
    let mut chosen: Vec<PathBuf> = paths
        .iter()
        .filter(|p| {
            let (_, rel) = shown_paths(dir, p);
            !rel.starts_with("telegrams/") && rel != "debate.toml"
        })
        .cloned()
        .collect();
    chosen.extend(telegram_files(dir, paths).take(PART).cloned());
    let files = read_paths(dir, &chosen).ok()?;
    check_files(&files).ok().map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_part_is_the_first_telegram_files_without_the_debate() {
        let dir = tempfile::tempdir().unwrap();
        crate::corpus::synth::write(dir.path(), 3 * PART, 7).unwrap();
        let (paths, _) = crate::corpus::load::list_dir(dir.path()).unwrap();
        let part = first_part(dir.path(), &paths).expect("the part checks");
        assert_eq!(part.telegrams.len(), PART);
        let whole = Corpus::load_dir(dir.path()).unwrap();
        assert_eq!(whole.telegrams.len(), 3 * PART);
        // Every telegram of the part is the whole's, as checked there.
        for t in &part.telegrams {
            let w = whole.telegram(&t.id).expect("in the whole");
            assert_eq!(w.file, t.file);
            assert_eq!(w.date, t.date);
        }
        // The first files in path order, none later.
        let mut files: Vec<&str> = whole.telegrams.iter().map(|t| t.file.as_str()).collect();
        files.sort_unstable();
        let mut in_part: Vec<&str> = part.telegrams.iter().map(|t| t.file.as_str()).collect();
        in_part.sort_unstable();
        assert_eq!(in_part, files[..PART]);
        assert!(part.positions.is_empty());
        assert!(!worth_it(dir.path(), &paths));
    }

    #[test]
    fn a_part_that_does_not_check_is_none() {
        let dir = tempfile::tempdir().unwrap();
        crate::corpus::synth::write(dir.path(), 20, 7).unwrap();
        std::fs::write(dir.path().join("people.toml"), "[[person]\n").unwrap();
        let (paths, _) = crate::corpus::load::list_dir(dir.path()).unwrap();
        assert!(first_part(dir.path(), &paths).is_none());
    }
}

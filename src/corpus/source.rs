//! A corpus file, read: where it is shown as being, where it sits inside
//! the corpus and what it holds; reading and parsing such files, on every
//! core.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::problem::{Problem, Report};

/// One corpus file: where it is shown as being, where it sits inside the
/// corpus, and what it holds.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path problems are reported against, e.g. `corpus/people.toml`.
    pub path: String,
    /// The path inside the corpus directory, e.g. `telegrams/x.toml`.
    pub rel: String,
    pub text: String,
}

/// The path of a file under `dir` as problems show it, and inside the
/// corpus.
pub fn shown_paths(dir: &Path, p: &Path) -> (String, String) {
    // Made for each of a corpus's files: a path that is UTF-8 (most are)
    // is copied as it is, not formatted.
    let path = p
        .to_str()
        .map_or_else(|| p.display().to_string(), str::to_owned);
    let rel = match p.strip_prefix(dir) {
        Ok(r) => match r.to_string_lossy() {
            r if r.contains('\\') => r.replace('\\', "/"),
            r => r.into_owned(),
        },
        Err(_) => path.clone(),
    };
    (path, rel)
}

/// What a corpus file should be, as errors say.
const WHAT: &str = "a UTF-8 encoded TOML file";

/// The file at `p` (under `dir`), read, or why it cannot be.
pub(super) fn read_file(dir: &Path, p: &Path) -> Result<SourceFile, Problem> {
    let (path, rel) = shown_paths(dir, p);
    match crate::fsread::read_text(p, &path, WHAT) {
        Ok(text) => Ok(SourceFile { path, rel, text }),
        Err(e) => Err(e.problem),
    }
}

/// A corpus file read at once, or opened, its contents not yet in memory,
/// to be read once other work is done (`fsread::read_text_soon`).
pub(super) enum SoonFile {
    Read(SourceFile),
    Later {
        path: String,
        rel: String,
        later: crate::fsread::Later,
    },
}

impl SoonFile {
    /// The file, read (waiting for the disk, if it must).
    pub(super) fn read(self) -> Result<SourceFile, Problem> {
        match self {
            SoonFile::Read(f) => Ok(f),
            SoonFile::Later { path, rel, later } => match later.read_text(&path, WHAT) {
                Ok(text) => Ok(SourceFile { path, rel, text }),
                Err(e) => Err(e.problem),
            },
        }
    }
}

/// [`read_file`], without waiting for the disk, opening the file in its
/// directory as kept open in `dirs`.
pub(super) fn read_file_soon(
    dirs: &mut crate::fsread::Dirs,
    dir: &Path,
    p: &Path,
) -> Result<SoonFile, Problem> {
    let (path, rel) = shown_paths(dir, p);
    match crate::fsread::read_text_soon_in(dirs, p, &path, WHAT) {
        Ok(crate::fsread::Soon::Text(text)) => Ok(SoonFile::Read(SourceFile { path, rel, text })),
        Ok(crate::fsread::Soon::Later(later)) => Ok(SoonFile::Later { path, rel, later }),
        Err(e) => Err(e.problem),
    }
}

/// Whether `p` (under `dir`) is a telegram file: under `telegrams/`.
pub fn is_telegram(dir: &Path, p: &Path) -> bool {
    p.strip_prefix(dir)
        .is_ok_and(|r| r.starts_with("telegrams"))
}

/// Reads the files at `paths` (under `dir`), on every core.
pub fn read_paths(dir: &Path, paths: &[PathBuf]) -> Result<Vec<SourceFile>, Report> {
    let mut report = Report::default();
    let read = parallel_chunks(paths, |chunk| {
        let mut files = Vec::with_capacity(chunk.len());
        let mut problems = Report::default();
        for p in chunk {
            match read_file(dir, p) {
                Ok(f) => files.push(f),
                Err(e) => problems.push(e),
            }
        }
        (files, problems)
    });
    let mut files = Vec::with_capacity(paths.len());
    for (fs, problems) in read {
        files.extend(fs);
        report.problems.extend(problems.problems);
    }
    if report.is_empty() {
        Ok(files)
    } else {
        Err(report)
    }
}

/// Runs `f` over `items` split into chunks, on every core, returning the
/// chunks' results in order. The chunks are small (a few dozen for each
/// core) and handed out as the threads come for them, so that the threads
/// end together: halves, one for each core, ended up to a tenth apart
/// (one core idle meanwhile) when one half's files were the longer.
pub(crate) fn parallel_chunks<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if items.len() < 256 || threads < 2 {
        return vec![f(items)];
    }
    let size = items.len().div_ceil(threads * 32).max(32);
    let chunks: Vec<&[T]> = items.chunks(size).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(chunk) = chunks.get(i) else {
                return done;
            };
            done.push((i, f(chunk)));
        }
    };
    let mut done: Vec<(usize, R)> = std::thread::scope(|sc| {
        let others: Vec<_> = (1..threads).map(|_| sc.spawn(work)).collect();
        let mut done = work();
        for h in others {
            done.extend(h.join().expect("loader thread"));
        }
        done
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// A file's TOML as `T`, or its problem, located. Plain TOML (as corpus
/// files are written) is read by `plain_toml`; the `toml` crate reads
/// the rest and words every error.
pub(super) fn parse<T: DeserializeOwned>(f: &SourceFile, report: &mut Report) -> Option<T> {
    if let Some(v) = crate::plain_toml::from_str(&f.text) {
        return Some(v);
    }
    match toml::from_str::<T>(&f.text) {
        Ok(v) => Some(v),
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            let mut msg = e.message().trim().replace('\n', " ");
            if msg == "duplicate key" {
                // Name it: the span is the second occurrence.
                let key = e.span().and_then(|s| f.text.get(s)).unwrap_or("").trim();
                msg = format!(
                    "duplicate key {key}: this table sets it already; expected each key once"
                );
            } else if f
                .text
                .lines()
                .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
            {
                msg = format!("the file is empty ({msg})");
            } else if msg == "missing field `footnotes`" {
                msg.push_str(
                    ": every record says which of the paper's footnotes it rests on; expected footnotes = [] for none",
                );
            }
            report.push(Problem::at(&f.path, &f.text, at, msg));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parallel_chunks;

    /// A telegram file is one under `telegrams/`, as its path inside the
    /// corpus says (`SourceFile::rel`).
    #[test]
    fn telegram_files_are_those_under_telegrams() {
        let dir = std::path::Path::new("/c");
        for (p, yes) in [
            ("/c/telegrams/x.toml", true),
            ("/c/telegrams/sub/x.toml", true),
            ("/c/people.toml", false),
            ("/c/telegrams-old/x.toml", false),
            ("/elsewhere/telegrams/x.toml", false),
        ] {
            let p = std::path::Path::new(p);
            assert_eq!(super::is_telegram(dir, p), yes, "{}", p.display());
            let rel = super::shown_paths(dir, p).1;
            assert_eq!(rel.starts_with("telegrams/"), yes, "{rel}");
        }
    }

    /// Every item once, in order, however the chunks were handed out.
    #[test]
    fn chunks_come_back_in_order() {
        for n in [0, 1, 255, 256, 257, 1000, 4096, 100_003] {
            let items: Vec<usize> = (0..n).collect();
            let got: Vec<usize> = parallel_chunks(&items, |c| {
                // Uneven work, so that chunks end out of order.
                if c.first().is_some_and(|f| f % 3 == 0) {
                    std::thread::yield_now();
                }
                c.to_vec()
            })
            .into_iter()
            .flatten()
            .collect();
            assert_eq!(got, items, "{n} items");
        }
    }
}

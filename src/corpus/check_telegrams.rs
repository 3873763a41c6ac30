//! Checking the telegram files of a corpus on every core: files read
//! already, or files read as they are checked, each by the thread that
//! checks it, its text dropped once checked (a large corpus is never held
//! whole as text, and the text is parsed while it is still in the cache).

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::Telegram;
use super::footnotes;
use super::raw;
use super::source::{SoonFile, SourceFile, parallel_chunks, parse, read_file_soon};
use super::validate::{Checker, Known};
use crate::problem::{Problem, Report};

/// How many files a thread has asked the system to read in, at most,
/// before it waits for the first of them.
const READ_AHEAD: usize = 32;

/// How many files were read later than their turn (for tests).
#[cfg(test)]
pub(crate) static READ_LATER: AtomicUsize = AtomicUsize::new(0);

/// A checked telegram and where its `id` is (line, column).
pub(super) type Located = (Telegram, (usize, usize));

/// A chunk of files, checked: its telegrams in order, their ids (copied
/// on the thread that checked them, for the table of ids made while the
/// telegrams are gathered), and its problems.
pub(super) struct Chunk {
    pub located: Vec<Located>,
    pub ids: Vec<String>,
    pub report: Report,
}

impl Chunk {
    fn new(located: Vec<Located>, report: Report) -> Chunk {
        let ids = located.iter().map(|(t, _)| t.id.clone()).collect();
        Chunk {
            located,
            ids,
            report,
        }
    }
}

/// Each chunk, checked, in order.
pub(super) type Chunks = Vec<Chunk>;

/// Telegram files still to be read: `paths` under `dir`, each read by the
/// thread that checks it, and given to `hash` (by the cache, which keeps
/// a hash of each file's contents) before its text is dropped.
pub struct Unread<'a> {
    pub dir: &'a Path,
    pub paths: &'a [PathBuf],
    pub hash: Option<&'a (dyn Fn(&str) -> u64 + Sync)>,
}

/// What a check of telegram files needs to know.
pub(super) struct Ctx<'a> {
    pub known: &'a Known,
    pub known_footnotes: Option<&'a footnotes::Known>,
    pub progress: &'a (dyn Fn(usize) + Sync),
    pub done: AtomicUsize,
}

impl Ctx<'_> {
    /// The telegram of file `f`, checked (its problems in `part`).
    fn check(&self, f: &SourceFile, part: &mut Report) -> Option<Located> {
        let n = self.done.fetch_add(1, Ordering::Relaxed);
        if n.is_multiple_of(1024) {
            (self.progress)(n);
        }
        let mut raw: raw::Telegram = parse(f, part)?;
        let stem = f
            .rel
            .rsplit('/')
            .next()
            .unwrap_or(&f.rel)
            .trim_end_matches(".toml")
            .to_string();
        let mut c = Checker {
            file: &f.path,
            text: &f.text,
            report: part,
            known_footnotes: self.known_footnotes,
        };
        let t = c.telegram(&mut raw, &stem, self.known);
        Some((t, crate::problem::line_col(&f.text, raw.id.span().start)))
    }

    /// Files read already, checked: each chunk's telegrams and problems,
    /// in order.
    pub(super) fn read(&self, files: &[&SourceFile]) -> Chunks {
        parallel_chunks(files, |chunk| {
            let mut part = Report::default();
            let out = chunk
                .iter()
                .filter_map(|f| self.check(f, &mut part))
                .collect();
            Chunk::new(out, part)
        })
    }

    /// Files read and checked, each by the same thread: each chunk's
    /// telegrams and problems, in order, with the hashes of the files'
    /// contents (when asked for) in path order; or, when a file could not
    /// be read, only the reading's problems (as reading every file first
    /// would have said).
    pub(super) fn reading(&self, unread: &Unread) -> Result<(Chunks, Vec<u64>), Report> {
        let chunks = parallel_chunks(unread.paths, |chunk| {
            let (mut part, mut unreadable) = (Report::default(), Report::default());
            // Each file's telegram and hash, by its place in the chunk: a
            // file not yet in memory is read after the next ones (up to
            // `READ_AHEAD` of them), the system reading it in meanwhile.
            let mut done: Vec<Option<(Option<Located>, Option<u64>)>> =
                (0..chunk.len()).map(|_| None).collect();
            let mut waiting: VecDeque<(usize, SoonFile)> = VecDeque::new();
            let mut dirs = crate::fsread::Dirs::default();
            let mut take = |i: usize, f: Result<SourceFile, Problem>| match f {
                Ok(f) => {
                    let hash = unread.hash.map(|h| h(&f.text));
                    done[i] = Some((self.check(&f, &mut part), hash));
                }
                Err(e) => unreadable.push(e),
            };
            for (i, p) in chunk.iter().enumerate() {
                match read_file_soon(&mut dirs, unread.dir, p) {
                    Ok(SoonFile::Read(f)) => take(i, Ok(f)),
                    Ok(later) => {
                        #[cfg(test)]
                        READ_LATER.fetch_add(1, Ordering::Relaxed);
                        waiting.push_back((i, later));
                    }
                    Err(e) => take(i, Err(e)),
                }
                if waiting.len() > READ_AHEAD
                    && let Some((j, f)) = waiting.pop_front()
                {
                    take(j, f.read());
                }
            }
            while let Some((j, f)) = waiting.pop_front() {
                take(j, f.read());
            }
            let mut out = Vec::with_capacity(chunk.len());
            let mut hashes = Vec::with_capacity(chunk.len() * usize::from(unread.hash.is_some()));
            for (located, hash) in done.into_iter().flatten() {
                out.extend(located);
                hashes.extend(hash);
            }
            (Chunk::new(out, part), hashes, unreadable)
        });
        let mut unreadable = Report::default();
        let mut checked = Vec::with_capacity(chunks.len());
        let mut hashes = Vec::with_capacity(unread.paths.len());
        for (c, h, u) in chunks {
            checked.push(c);
            hashes.extend(h);
            unreadable.problems.extend(u.problems);
        }
        if unreadable.is_empty() {
            Ok((checked, hashes))
        } else {
            // In path order, however late each was found unreadable.
            unreadable.sort();
            Err(unreadable)
        }
    }
}

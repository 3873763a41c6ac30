//! The start-up cache: what loading a corpus directory derives — the
//! checked corpus and the search index — kept under
//! `$XDG_CACHE_HOME/shifr/corpora/<hash of the directory's canonical path>/`
//! so the next start reads it instead of parsing, checking and indexing
//! every file again.
//!
//! - `corpus.bin`: the manifest of the corpus's files (path, size, times,
//!   inode, a hash of the contents), the checked corpus and its warnings
//!   (`snapshot.rs`).
//! - `index-<notes>.bin`: the search index of that corpus with a given set
//!   of the reader's notes (`index.rs`).
//!
//! Nothing in the cache is trusted: a file of another format or build, cut
//! short, or failing its checksum is rebuilt with a one-line notice; a
//! corpus file whose size or times changed is read again (and only those,
//! when no file but telegrams changed: the rest are reused and the checks
//! across files made again over the whole). Failing to write the cache is a
//! notice, never an error. The bundled corpus needs no cache.

pub mod file;
pub mod index;
pub mod manifest;
pub mod pending;
mod plan;
mod read;
pub mod snapshot;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::corpus::Corpus;
use crate::corpus::load::{self, Checked, SourceFile};
use crate::problem::{Report, Warning};
use manifest::Stat;
use plan::{Plan, compare};
use read::{check, read_and_check};
use snapshot::Entry;

pub use index::Store;
pub use pending::Pending;

const MAGIC: &[u8; 8] = b"SHIFRcor";

/// Whether the cache is used: not when `SHIFR_NO_CACHE` is set (to
/// anything but an empty string).
pub fn enabled() -> bool {
    std::env::var_os("SHIFR_NO_CACHE").is_none_or(|v| v.is_empty())
}

/// Where the cache of the corpus at `canonical` lives under `root` (the
/// cache directory, `$XDG_CACHE_HOME/shifr`).
pub fn entry_dir(root: &Path, canonical: &Path) -> PathBuf {
    let key = xxhash_rust::xxh3::xxh3_64(canonical.as_os_str().as_encoded_bytes());
    root.join("corpora").join(format!("{key:016x}"))
}

/// How the corpus was had.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// From the cache: no file had changed.
    Warm,
    /// From the cache, with these telegram files read and checked again.
    Updated(usize),
    /// Every file read and checked (no usable cache).
    Built,
    /// No cache (disabled, or no place for one).
    Uncached,
}

/// A loaded corpus and what the cache did.
pub struct Loaded {
    pub corpus: Corpus,
    pub warnings: Vec<Warning>,
    pub how: How,
    /// One line each: a cache rebuilt, or not written, and why.
    pub notices: Vec<String>,
    /// Where its index is kept (none without a cache).
    pub store: Option<Store>,
    /// The cache file still to write, when it had to be (re)made.
    pub pending: Option<Pending>,
}

/// How far loading has come: `(what, done, of)`, e.g. `("checking", 41_000,
/// 100_000)`.
pub type Progress<'a> = &'a (dyn Fn(&'static str, usize, usize) + Sync);

/// Given the first part of a large corpus that has to be read whole (no
/// usable cache): the reader shows it while the rest loads
/// (`crate::corpus::partial`).
pub type First<'a> = Option<&'a (dyn Fn(Corpus) + Sync)>;

/// Loads the corpus in `dir` through the cache (or without one, when it is
/// disabled or has no place). A cache to (re)write is left in
/// [`Loaded::pending`]: [`Loaded::finish`] writes it.
pub fn load_dir(dir: &Path, progress: Progress) -> Result<Loaded, Report> {
    load_dir_first(dir, progress, None)
}

/// [`load_dir`], handing `first` the first part of a large corpus that is
/// read whole, before the rest is read.
pub fn load_dir_first(dir: &Path, progress: Progress, first: First) -> Result<Loaded, Report> {
    match crate::dirs::cache_dir() {
        Some(root) if enabled() => load_with(dir, &root, progress, first),
        _ => load_uncached_first(dir, progress, first),
    }
}

/// [`load_dir`] with the cache under `root`, written before it returns.
pub fn load_dir_in(dir: &Path, cache_root: &Path, progress: Progress) -> Result<Loaded, Report> {
    let mut loaded = load_dir_later(dir, cache_root, progress)?;
    loaded.finish();
    Ok(loaded)
}

impl Loaded {
    /// Writes the cache still to be written, if any: a notice when it
    /// could not be.
    pub fn write_pending(&mut self) -> Option<String> {
        self.pending.take()?.write(&self.corpus)
    }

    /// The same, its notice joining the others.
    pub fn finish(&mut self) {
        let notice = self.write_pending();
        self.notices.extend(notice);
    }
}

/// [`load_dir_in`], leaving the cache to write in [`Loaded::pending`].
pub fn load_dir_later(dir: &Path, cache_root: &Path, progress: Progress) -> Result<Loaded, Report> {
    load_with(dir, cache_root, progress, None)
}

/// [`load_dir_later`], handing `first` the first part of a large corpus
/// read whole.
pub fn load_with(
    dir: &Path,
    cache_root: &Path,
    progress: Progress,
    first: First,
) -> Result<Loaded, Report> {
    let canonical = std::fs::canonicalize(dir).ok();
    let entry = canonical.as_deref().map(|c| entry_dir(cache_root, c));
    let place = entry.as_ref().map(|e| e.join("corpus.bin"));
    let root = canonical.as_ref().map(|c| c.display().to_string());
    // The cache is read and its telegrams decoded while the directory is
    // walked and its files stat'ed: whatever changed, the telegrams that
    // did not are reused from it.
    let (listed, stats, early) = std::thread::scope(|sc| {
        let early = sc.spawn(|| {
            crate::debug_log::phase("cache read and decoded", || {
                place.as_deref().map(|p| read_cache(p, dir))
            })
        });
        let listed = crate::debug_log::phase("corpus directory walked", || load::list_dir(dir));
        let stats = match &listed {
            Ok((paths, walked)) if walked.is_empty() && root.is_some() => Some((
                manifest::now_ns(),
                crate::debug_log::phase("corpus files stat'ed", || manifest::stat_all(paths)),
            )),
            _ => None,
        };
        let early = early
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (listed, stats, early)
    });
    let (paths, _) = listed?;
    let (Some(root), Some(entry), Some(place), Some((read_ns, stats)), Some(early)) =
        (root, entry, place, stats, early)
    else {
        return load_uncached_first(dir, progress, first);
    };
    let stats = &stats;
    let shown = |p: &Path| load::shown_paths(dir, p);
    let Early {
        mut notices,
        decoded,
    } = early;
    let plan = match &decoded {
        Some(m) if m.root == root => {
            Some(compare(&m.files, m.read_ns, &paths, stats, dir, read_ns))
        }
        _ => None,
    };
    // Taken by the plan that uses it; else dropped before a rebuild, with
    // the mapped file its telegrams' bodies keep.
    let mut decoded = decoded.map(|m| m.corpus);
    // What writes the cache of a corpus checked from `entries`: later.
    let pending = |checked: &mut Checked, entries: Vec<Entry>| Pending {
        place: place.clone(),
        root: root.clone(),
        read_ns,
        entries,
        dir: dir.to_path_buf(),
        warnings: checked.warnings.clone(),
        id_at: std::mem::take(&mut checked.id_at),
    };
    let store = |entries: &[Entry]| Store::new(&entry, corpus_id(entries));
    let fresh_entries = |files: &[SourceFile], stats: &[Option<Stat>]| -> Vec<Entry> {
        let by_rel: HashMap<&str, &SourceFile> =
            files.iter().map(|f| (f.rel.as_str(), f)).collect();
        paths
            .iter()
            .zip(stats)
            .filter_map(|(p, s)| {
                let (_, rel) = shown(p);
                let f = by_rel.get(rel.as_str())?;
                Some(Entry {
                    hash: manifest::content_hash(&f.text),
                    meta: s.unwrap_or_default(),
                    rel,
                })
            })
            .collect()
    };
    match plan {
        Some(Ok(Plan::Same { entries, rewrite })) => {
            match decoded.take().expect("a plan comes from a cache") {
                Ok(d) => {
                    let checked = Checked {
                        corpus: d.corpus,
                        warnings: d.warnings,
                        id_at: Default::default(),
                    };
                    if rewrite {
                        // Only the times changed: record them, so the files
                        // are not hashed again next time.
                        let mut c = checked;
                        c.id_at = id_at_of(&d.origin);
                        let store = store(&entries);
                        let p = pending(&mut c, entries);
                        return Ok(loaded(c, How::Warm, notices, store, Some(p)));
                    }
                    return Ok(loaded(checked, How::Warm, notices, store(&entries), None));
                }
                Err(why) => notices.push(format!(
                    "shifr: the cache of {} was damaged ({}): rebuilt",
                    dir.display(),
                    why.0
                )),
            }
        }
        Some(Ok(Plan::Telegrams { changed, reused })) => {
            let _off = crate::huge_pages::off();
            if let Some(Ok(d)) = decoded.take() {
                // The other files and the changed telegram files, read;
                // the rest reused as checked.
                let to_read: Vec<PathBuf> = paths
                    .iter()
                    .filter(|p| {
                        let (_, rel) = shown(p);
                        !rel.starts_with("telegrams/") || changed.contains(&rel)
                    })
                    .cloned()
                    .collect();
                let files = load::read_paths(dir, &to_read)?;
                let priors = d.priors(|f| reused.contains_key(&f));
                let mut checked = check(&files, priors, progress)?;
                let n = changed.len();
                let mut entries = fresh_entries(&files, stats);
                // The other files' entries are in `entries` already.
                entries.extend(
                    reused
                        .into_values()
                        .filter(|e| e.rel.starts_with("telegrams/")),
                );
                entries.sort_by(|a, b| a.rel.cmp(&b.rel));
                let store = store(&entries);
                let p = pending(&mut checked, entries);
                return Ok(loaded(checked, How::Updated(n), notices, store, Some(p)));
            }
            notices.push(format!(
                "shifr: the cache of {} was damaged: rebuilt",
                dir.display()
            ));
        }
        Some(Err(())) | None => {}
    }
    drop(decoded);
    let _off = crate::huge_pages::off();
    show_first(dir, &paths, first);
    let hash = |t: &str| manifest::content_hash(t);
    let (files, mut checked, hashes) = read_and_check(dir, &paths, Some(&hash), progress)?;
    // In path order: a telegram file's hash as it was read, another file's
    // from its text (the others come back read, in path order too).
    let (mut hashes, mut others) = (hashes.into_iter(), files.iter());
    let entries: Vec<Entry> = paths
        .iter()
        .zip(stats)
        .map(|(p, s)| {
            let (_, rel) = shown(p);
            let hash = if load::is_telegram(dir, p) {
                hashes.next().expect("a hash for each telegram file")
            } else {
                let f = others.next().expect("each other file read");
                debug_assert_eq!(f.rel, rel);
                manifest::content_hash(&f.text)
            };
            Entry {
                hash,
                meta: s.unwrap_or_default(),
                rel,
            }
        })
        .collect();
    drop(files);
    let store = store(&entries);
    let p = pending(&mut checked, entries);
    Ok(loaded(checked, How::Built, notices, store, Some(p)))
}

/// Loads the corpus in `dir` without the cache: every file read and
/// checked, nothing kept.
pub fn load_uncached(dir: &Path, progress: Progress) -> Result<Loaded, Report> {
    load_uncached_first(dir, progress, None)
}

/// [`load_uncached`], handing `first` the first part of a large corpus.
pub fn load_uncached_first(dir: &Path, progress: Progress, first: First) -> Result<Loaded, Report> {
    let _off = crate::huge_pages::off();
    let (paths, walked) =
        crate::debug_log::phase("corpus directory walked", || load::list_dir(dir))?;
    if !walked.is_empty() {
        // The walk's problems, with every read's.
        load::read_dir(dir)?;
    }
    show_first(dir, &paths, first);
    let (_, checked, _) = read_and_check(dir, &paths, None, progress)?;
    Ok(Loaded {
        corpus: checked.corpus,
        warnings: checked.warnings,
        how: How::Uncached,
        notices: Vec::new(),
        store: None,
        pending: None,
    })
}

/// Hands `first` the first part of the corpus, when it is large enough
/// to be worth showing in part and that part checks.
fn show_first(dir: &Path, paths: &[PathBuf], first: First) {
    use crate::corpus::partial;
    if let Some(f) = first
        && partial::worth_it(dir, paths)
        && let Some(part) = partial::first_part(dir, paths)
    {
        f(part);
    }
}

fn loaded(
    c: Checked,
    how: How,
    notices: Vec<String>,
    store: Store,
    pending: Option<Pending>,
) -> Loaded {
    Loaded {
        corpus: c.corpus,
        warnings: c.warnings,
        how,
        notices,
        store: Some(store),
        pending,
    }
}

fn id_at_of(origin: &[(u32, (usize, usize))]) -> Vec<(usize, usize)> {
    origin.iter().map(|(_, at)| *at).collect()
}

/// What identifies a corpus's contents: its files' names and content
/// hashes. An index is kept for one such id.
fn corpus_id(entries: &[Entry]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for e in entries {
        h.update(e.rel.as_bytes());
        h.update(&[0]);
        h.update(&e.hash.to_le_bytes());
    }
    h.digest()
}

/// The cache as read before the directory was: its mapped file, and its
/// manifest (root, files, when they were stat'ed) with its decoded corpus.
struct Early {
    notices: Vec<String>,
    decoded: Option<Decoding>,
}

/// A cache's manifest, and its corpus decoded (or why not).
struct Decoding {
    /// The corpus directory it was made of, canonical.
    root: String,
    files: Vec<Entry>,
    /// When its files were stat'ed.
    read_ns: i64,
    corpus: Result<snapshot::Decoded, crate::binfmt::Damaged>,
}

/// Reads the cache file at `place` and decodes what it holds.
fn read_cache(place: &Path, dir: &Path) -> Early {
    let mut notices = Vec::new();
    let cached = match crate::debug_log::phase("cache file mapped and verified", || {
        file::read(place, MAGIC)
    }) {
        Ok((payload, _)) => Some(std::sync::Arc::new(payload)),
        Err(file::Refused::Missing) => None,
        Err(file::Refused::Outdated(why) | file::Refused::Damaged(why)) => {
            notices.push(format!(
                "shifr: the cache of {} was {why}: rebuilt",
                dir.display()
            ));
            None
        }
    };
    let decoded = cached
        .as_ref()
        .and_then(|payload| match snapshot::decode(payload.data()) {
            Ok(snap) => Some(Decoding {
                root: snap.root.clone(),
                files: snap.files.clone(),
                read_ns: snap.read_ns,
                corpus: snap.corpus(dir, payload),
            }),
            Err(e) => {
                notices.push(format!(
                    "shifr: the cache of {} was damaged ({}): rebuilt",
                    dir.display(),
                    e.0
                ));
                None
            }
        });
    // The mapped file lives on in the decoded telegrams' bodies.
    Early { notices, decoded }
}

#[cfg(test)]
mod tests;

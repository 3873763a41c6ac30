//! The search index in the cache: one file per set of the reader's notes
//! it was built with (`index-<hash of the notes>.bin`), each naming the
//! corpus contents it indexes, so an index of other contents or other
//! notes is never used. The two most recent are kept (the reader's, and
//! `shifr search`'s without notes).

use std::path::{Path, PathBuf};

use super::file;
use crate::binfmt::{Reader, Writer};
use crate::notes::Notes;
use crate::search::Index;

const MAGIC: &[u8; 8] = b"SHIFRidx";

/// Where a corpus's indexes are kept.
#[derive(Clone, Debug)]
pub struct Store {
    dir: PathBuf,
    corpus_id: u64,
}

/// A hash of the notes an index was built with.
pub fn notes_id(notes: &Notes) -> u64 {
    xxhash_rust::xxh3::xxh3_64(format!("{notes:?}").as_bytes())
}

impl Store {
    pub fn new(dir: &Path, corpus_id: u64) -> Store {
        Store {
            dir: dir.to_path_buf(),
            corpus_id,
        }
    }

    fn place(&self, notes: &Notes) -> PathBuf {
        self.dir.join(format!("index-{:016x}.bin", notes_id(notes)))
    }

    /// The index kept for this corpus and these notes; `Err` with a notice
    /// when one was there but could not be used (another format, damaged),
    /// `Ok(None)` when there is none for them.
    pub fn load(&self, notes: &Notes) -> Result<Option<Index>, String> {
        let place = self.place(notes);
        let (payload, _) = match file::read(&place, MAGIC) {
            Ok(p) => p,
            Err(file::Refused::Missing) => return Ok(None),
            Err(file::Refused::Outdated(why) | file::Refused::Damaged(why)) => {
                return Err(format!("shifr: the cached search index was {why}: rebuilt"));
            }
        };
        // The index's arrays are used in place in the mapped file.
        let backing: std::sync::Arc<dyn crate::binfmt::Backing> = std::sync::Arc::new(payload);
        let mut r = Reader::new(backing.bytes());
        let read = (|| {
            let corpus = r.u64()?;
            let notes = r.u64()?;
            let ix = Index::read_mapped(&mut r, Some(&backing))?;
            Ok::<_, crate::binfmt::Damaged>((corpus, notes, ix))
        })();
        match read {
            Ok((c, n, ix)) if c == self.corpus_id && n == notes_id(notes) && r.is_done() => {
                Ok(Some(ix))
            }
            // Of other contents: the corpus changed since.
            Ok(_) => Ok(None),
            Err(e) => Err(format!(
                "shifr: the cached search index was damaged ({}): rebuilt",
                e.0
            )),
        }
    }

    /// Keeps `index` (built with `notes`); a notice if it could not be
    /// written.
    pub fn save(&self, notes: &Notes, index: &Index) -> Result<(), String> {
        let mut w = Writer::default();
        w.u64(self.corpus_id);
        w.u64(notes_id(notes));
        index.write_to(&mut w);
        let place = self.place(notes);
        file::write(&place, MAGIC, &w.buf)
            .map_err(|e| format!("shifr: could not write the cache {}: {e}", place.display()))?;
        self.prune(&place);
        Ok(())
    }

    /// Removes all but the two newest index files.
    fn prune(&self, keep: &Path) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("index-"))
            .filter(|e| e.path() != keep)
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        found.sort();
        let extra = found.len().saturating_sub(1);
        for (_, p) in found.into_iter().take(extra) {
            let _ = std::fs::remove_file(p);
        }
    }
}

impl crate::search::worker::IndexStore for Store {
    fn load(&self, notes: &Notes) -> Result<Option<Index>, String> {
        Store::load(self, notes)
    }

    fn save(&self, notes: &Notes, index: &Index) -> Result<(), String> {
        Store::save(self, notes, index)
    }
}

//! The search index in the cache: one file per set of the reader's notes
//! it was built with (`index-<hash of the notes>.bin`), each naming the
//! corpus contents it indexes, so an index of other contents or other
//! notes is never used as it is; it is updated (`search::kept`), which
//! reads only the records that changed. The two most recent are kept (the
//! reader's, and `shifr search`'s without notes).

use std::path::{Path, PathBuf};

use super::file;
use crate::binfmt::{Reader, Writer};
use crate::notes::Notes;
use crate::search::Index;
use crate::search::kept::Kept;

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
        match self.find(notes)? {
            Some(Kept::Exact(ix)) => Ok(Some(ix)),
            _ => Ok(None),
        }
    }

    /// The index kept for this corpus and these notes, else the newest
    /// kept for other contents (the corpus changed since) or other notes,
    /// to update from; `Err` with a notice when the one for these notes
    /// was there but could not be used.
    pub fn find(&self, notes: &Notes) -> Result<Option<Kept>, String> {
        let place = self.place(notes);
        match read(&place)? {
            Some((c, n, ix)) if c == self.corpus_id && n == notes_id(notes) => {
                return Ok(Some(Kept::Exact(ix)));
            }
            Some((_, _, ix)) => return Ok(Some(Kept::Base(ix))),
            None => {}
        }
        // Kept with other notes: any that reads will do.
        let base = self
            .others(&place)
            .into_iter()
            .rev()
            .find_map(|p| read(&p).ok().flatten());
        Ok(base.map(|(_, _, ix)| Kept::Base(ix)))
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

    /// The index files but `but`, oldest first.
    fn others(&self, but: &Path) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
            .flatten()
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.starts_with("index-") && name.ends_with(".bin")
            })
            .filter(|e| e.path() != but)
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        found.sort();
        found.into_iter().map(|(_, p)| p).collect()
    }

    /// Removes all but the two newest index files.
    fn prune(&self, keep: &Path) {
        let others = self.others(keep);
        let extra = others.len().saturating_sub(1);
        for p in others.into_iter().take(extra) {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// The index file at `place` (the corpus and notes it was built of, and
/// the index), `None` when there is none; `Err` with a notice when it
/// cannot be used.
fn read(place: &Path) -> Result<Option<(u64, u64, Index)>, String> {
    let (payload, _) = match file::read(place, MAGIC) {
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
        Ok(found) if r.is_done() => Ok(Some(found)),
        Ok(_) => Err("shifr: the cached search index had bytes after its end: rebuilt".into()),
        Err(e) => Err(format!(
            "shifr: the cached search index was damaged ({}): rebuilt",
            e.0
        )),
    }
}

impl crate::search::worker::IndexStore for Store {
    fn find(&self, notes: &Notes) -> Result<Option<Kept>, String> {
        Store::find(self, notes)
    }

    fn save(&self, notes: &Notes, index: &Index) -> Result<(), String> {
        Store::save(self, notes, index)
    }
}

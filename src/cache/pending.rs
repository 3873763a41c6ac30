//! A corpus cache file still to be written. Loading makes one when the
//! cache has to be (re)written; the reader writes it on a thread of its own
//! once the corpus is in hand, so a first start does not wait for it, and
//! the commands write it before they end.

use std::path::PathBuf;

use super::snapshot::{self, Entry};
use super::{MAGIC, file};
use crate::corpus::Corpus;
use crate::problem::Warning;

pub struct Pending {
    pub(super) place: PathBuf,
    pub(super) root: String,
    pub(super) read_ns: i64,
    pub(super) entries: Vec<Entry>,
    pub(super) dir: PathBuf,
    pub(super) warnings: Vec<Warning>,
    /// Where each telegram's id is, by its place in the corpus.
    pub(super) id_at: Vec<(usize, usize)>,
}

impl Pending {
    /// Writes the cache of `corpus` (the corpus this was made with); a
    /// notice when it could not be written.
    pub fn write(self, corpus: &Corpus) -> Option<String> {
        let bytes = snapshot::encode(
            &self.root,
            self.read_ns,
            &self.entries,
            &self.dir,
            corpus,
            &self.warnings,
            &self.id_at,
        );
        file::write(&self.place, MAGIC, &bytes).err().map(|e| {
            format!(
                "shifr: could not write the cache {}: {e}",
                self.place.display()
            )
        })
    }
}

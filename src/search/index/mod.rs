//! The search index: the vocabulary of distinct words, each with a posting
//! list of (record, field kinds, occurrences). A query term is matched
//! against the vocabulary (bucketed by first letter, with a character-set
//! prefilter), the postings of its matching words are merged into a score
//! per record, the terms' record sets are intersected, and only the
//! survivors are ranked. Snippets and highlights are left to the rows on
//! screen (`snippet.rs`).
//!
//! This file holds the index's layout and the reads of it that both sides
//! share; `build.rs` fills it from a corpus's records (two halves, merged in
//! `merge.rs`), and `lookup.rs`
//! answers queries from it (a term's hits in `terms.rs`, kept for the next
//! keystrokes; buffers reused in `scratch.rs`; the ranking's memory reads
//! asked for ahead in `prefetch.rs`; the hits ordered in `order.rs`).

mod build;
mod lookup;
mod merge;
mod order;
mod partial;
mod prefetch;
mod scratch;
mod snapshot;
mod terms;
mod update;

use std::collections::HashMap;

use super::matcher::char_mask;
use super::query::FieldKind;
use crate::binfmt::Arr;

/// One ranked result: a record (the telegram's index in the corpus) and its
/// score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub record: u32,
    pub score: u32,
}

#[derive(Clone, Copy, Debug, Default)]
struct Meta {
    chars: u16,
    mask: u64,
}

fn meta(s: &str) -> Meta {
    Meta {
        chars: s.chars().count().min(u16::MAX as usize) as u16,
        mask: char_mask(s),
    }
}

/// The inverted index over a corpus's records.
#[derive(Default)]
pub struct Index {
    n: usize,
    surfaces: Vec<Box<str>>,
    surf_meta: Vec<Meta>,
    folded: Vec<Box<str>>,
    fold_meta: Vec<Meta>,
    /// folded word → its surfaces (CSR).
    fold_off: Arr<u32>,
    fold_surf: Arr<u32>,
    /// folded word → its English stem (an index into `stems`, or `NO_STEM`).
    fold_stem: Vec<u32>,
    stems: Vec<Box<str>>,
    first_surf: HashMap<char, Vec<u32>>,
    first_fold: HashMap<char, Vec<u32>>,
    /// surface → its postings (CSR over the p_ arrays).
    post_off: Arr<u32>,
    p_record: Arr<u32>,
    p_kinds: Arr<u16>,
    /// posting → where its occurrences (packed field and position) start
    /// in `occ` then `occ_more` (as if one array), and how many there are.
    p_occ: Arr<u32>,
    p_occ_len: Arr<u16>,
    occ: Arr<u32>,
    /// The occurrences after `occ`'s: an index merged from two shares
    /// keeps each share's occurrences where they were built, rather than
    /// copying them into one array (at 100,000 telegrams, 120 MB copied
    /// into as much new memory: 30,000 page faults). A posting's
    /// occurrences are all in one or the other.
    occ_more: Vec<u32>,
    /// record → the kind of each of its fields (CSR).
    rf_off: Arr<u32>,
    rf_kind: Vec<FieldKind>,
    /// record → the fingerprint of its fields (`build::fingerprint`), by
    /// which an update tells the records that changed.
    fp: Arr<u64>,
    /// Buffers searches reuse (not part of the index proper).
    best_pool: scratch::Pool<Option<terms::TermHit>>,
    /// The most recent terms' hits (not part of the index proper).
    term_cache: terms::TermCache,
}

/// `fold_stem` of a word with no stem.
const NO_STEM: u32 = u32::MAX;

impl Index {
    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Distinct words (surface forms) in the vocabulary.
    pub fn vocabulary(&self) -> usize {
        self.surfaces.len()
    }

    /// Approximate heap bytes the index holds.
    pub fn heap_bytes(&self) -> usize {
        let words: usize = self
            .surfaces
            .iter()
            .chain(&self.folded)
            .chain(&self.stems)
            .map(|s| s.len() + 16)
            .sum();
        words
            + self.surf_meta.len() * 16
            + self.fold_meta.len() * 16
            + (self.fold_off.len() + self.fold_surf.len() + self.fold_stem.len()) * 4
            + self.post_off.len() * 4
            + self.p_record.len() * 4
            + self.p_kinds.len() * 2
            + self.p_occ.len() * 4
            + self.p_occ_len.len() * 2
            + (self.occ.len() + self.occ_more.len()) * 4
            + self.rf_off.len() * 4
            + self.rf_kind.len()
            + self.fp.len() * 8
            + (self.first_fold.values().map(Vec::len).sum::<usize>()
                + self.first_surf.values().map(Vec::len).sum::<usize>())
                * 4
    }

    /// The occurrences of a posting.
    fn occ_of(&self, slot: usize) -> &[u32] {
        let start = self.p_occ[slot] as usize;
        let len = self.p_occ_len[slot] as usize;
        match start.checked_sub(self.occ.len()) {
            None => &self.occ[start..start + len],
            Some(more) => &self.occ_more[more..more + len],
        }
    }

    /// All the occurrences, in the order `p_occ` counts them: `occ`, then
    /// `occ_more`.
    fn occ_parts(&self) -> [&[u32]; 2] {
        [&self.occ, &self.occ_more]
    }

    fn key_text(&self, cs: bool, key: u32) -> &str {
        if cs {
            &self.surfaces[key as usize]
        } else {
            &self.folded[key as usize]
        }
    }

    /// The English stem of a folded key.
    fn stem_of(&self, key: u32) -> Option<&str> {
        match self.fold_stem[key as usize] {
            NO_STEM => None,
            s => Some(&self.stems[s as usize]),
        }
    }

    /// The surface ids (indices into `fold_surf`) of a folded key.
    fn fold_range(&self, key: u32) -> std::ops::Range<usize> {
        self.fold_off[key as usize] as usize..self.fold_off[key as usize + 1] as usize
    }

    /// Calls `f` with each posting slot of a key's surfaces.
    fn for_postings(&self, cs: bool, key: u32, mut f: impl FnMut(usize)) {
        let mut each_surface = |s: usize| {
            for slot in self.post_off[s] as usize..self.post_off[s + 1] as usize {
                f(slot);
            }
        };
        if cs {
            each_surface(key as usize);
        } else {
            for i in self.fold_range(key) {
                each_surface(self.fold_surf[i] as usize);
            }
        }
    }

    /// The posting slot of a surface for a record, if it occurs there.
    fn posting(&self, surface: usize, record: u32) -> Option<usize> {
        let range = self.post_off[surface] as usize..self.post_off[surface + 1] as usize;
        let recs = &self.p_record[range.clone()];
        recs.binary_search(&record).ok().map(|i| range.start + i)
    }

    /// All occurrences (packed field and position) of a key in a record, sorted.
    fn occurrences(&self, cs: bool, key: u32, record: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let mut add = |s: usize| {
            if let Some(slot) = self.posting(s, record) {
                out.extend_from_slice(self.occ_of(slot));
            }
        };
        if cs {
            add(key as usize);
        } else {
            for i in self.fold_range(key) {
                add(self.fold_surf[i] as usize);
            }
        }
        out.sort_unstable();
        out
    }

    /// Whether field `fi` of record `r` counts for an atom.
    fn field_kind(&self, r: u32, fi: u32) -> FieldKind {
        self.rf_kind[self.rf_off[r as usize] as usize + fi as usize]
    }
}

//! Merging the two shares ("halves") of an index being built (`build.rs`)
//! into one: one vocabulary, and every posting put in its place among its
//! word's, a's records before b's, b's read backwards if it was built last
//! first (a counting sort: each word's postings are counted as the shares
//! are built). The shares' occurrences are then copied into one array by
//! both threads.
//!
//! The postings arrays are split in two (the common words' three fifths
//! of the postings, and the rest), and each part is filled by a thread of
//! its own, which reads every posting and puts those of its words.
//! Putting postings in place is bound by memory (each goes to a place of
//! its own in four arrays): when each thread put its half's postings
//! instead, all over the arrays, it was no quicker, and the two threads'
//! page faults on the same pages waited on each other.

use rustc_hash::FxHashMap;

use super::Index;
use super::partial::{Partial, record_order};

/// One share of the postings arrays being filled by a merge: the slots of
/// the words in `words`, starting at slot `first`.
struct Slots<'a> {
    words: std::ops::Range<usize>,
    first: usize,
    record: &'a mut [u32],
    kinds: &'a mut [u16],
    occ: &'a mut [u32],
    occ_len: &'a mut [u16],
}

/// The postings of a half, as `Slots::fill` reads them (the rest of the
/// half is moved into the index meanwhile).
#[derive(Clone, Copy)]
struct Half<'a> {
    tmp: &'a [(u32, u16, u16)],
    recs: &'a [u32],
    post_end: &'a [u32],
    occ_end: &'a [u32],
    /// Whether the half's records were built last first (they are read
    /// backwards, so that every word's postings come in record order).
    descending: bool,
    /// Where the half's occurrences start in the index's.
    occ_base: u32,
}

impl<'a> Half<'a> {
    /// Each record's postings, in record order, with where its
    /// occurrences start in the index's.
    fn records(self) -> impl Iterator<Item = (u32, &'a [(u32, u16, u16)], u32)> {
        record_order(self.recs.len(), self.descending).map(move |i| {
            let start = |ends: &[u32]| if i == 0 { 0 } else { ends[i - 1] };
            let postings = &self.tmp[start(self.post_end) as usize..self.post_end[i] as usize];
            (self.recs[i], postings, self.occ_base + start(self.occ_end))
        })
    }
}

impl Slots<'_> {
    /// Each posting of `halves` (a's, then b's, whose word ids go through
    /// `remap`) whose word is in this share, put in its slot: word `s`'s
    /// from `start[s]` on. Each posting points at its occurrences.
    fn fill(self, halves: [Half; 2], remap: &[u32], start: &[u32]) {
        let mut cursor = start[self.words.clone()].to_vec();
        for (k, half) in halves.into_iter().enumerate() {
            for (r, postings, mut at) in half.records() {
                for &(s, kinds, count) in postings {
                    let s = if k == 0 { s } else { remap[s as usize] } as usize;
                    if self.words.contains(&s) {
                        let c = &mut cursor[s - self.words.start];
                        let slot = *c as usize - self.first;
                        *c += 1;
                        self.record[slot] = r;
                        self.kinds[slot] = kinds;
                        self.occ[slot] = at;
                        self.occ_len[slot] = count;
                    }
                    at += u32::from(count);
                }
            }
        }
    }
}

impl Index {
    /// The index of `n` records made of two halves: `a`'s records, then
    /// `b`'s.
    pub(super) fn merge(n: usize, a: Partial, b: Partial) -> Index {
        // Every record once, in one share or the other.
        debug_assert_eq!(a.recs.len() + b.recs.len(), n);
        let mut ix = Index {
            n,
            ..Index::default()
        };
        // One vocabulary: a's ids stay; b's are mapped onto it, its words
        // not in a's given the next ids (b's words are each once in b, so
        // only a's are looked up; borrowed, not copied).
        let remap: Vec<u32> = {
            let mut surf_id: FxHashMap<&str, u32> = FxHashMap::default();
            surf_id.reserve(a.surfaces.len());
            for (i, s) in a.surfaces.iter().enumerate() {
                surf_id.insert(s, i as u32);
            }
            let mut next = a.surfaces.len() as u32;
            b.surfaces
                .iter()
                .map(|s| {
                    surf_id.get(&**s).copied().unwrap_or_else(|| {
                        next += 1;
                        next - 1
                    })
                })
                .collect()
        };
        let a_words = a.surfaces.len() as u32;
        ix.surfaces = a.surfaces;
        ix.surfaces.extend(
            b.surfaces
                .into_iter()
                .zip(&remap)
                .filter(|&(_, &id)| id >= a_words)
                .map(|(s, _)| s),
        );
        // Each record's fields and fingerprint, a's then b's, in record
        // order (a share built last first is read backwards).
        let mut rf_off = Vec::with_capacity(n + 1);
        rf_off.push(0);
        let mut fp = Vec::with_capacity(n);
        ix.rf_kind.reserve(a.rf_kind.len() + b.rf_kind.len());
        for (kind, off, fps, descending) in [
            (&a.rf_kind, &a.rf_off, &a.fp, a.descending),
            (&b.rf_kind, &b.rf_off, &b.fp, b.descending),
        ] {
            for i in record_order(fps.len(), descending) {
                ix.rf_kind
                    .extend_from_slice(&kind[off[i] as usize..off[i + 1] as usize]);
                rf_off.push(ix.rf_kind.len() as u32);
                fp.push(fps[i]);
            }
        }
        ix.rf_off = rf_off.into();
        ix.fp = fp.into();
        // Where each word's postings start: from the halves' counts.
        let ns = ix.surfaces.len();
        let mut count = vec![0u32; ns + 1];
        count[1..=a.counts.len()].copy_from_slice(&a.counts);
        for (l, &c) in b.counts.iter().enumerate() {
            count[remap[l] as usize + 1] += c;
        }
        for i in 0..ns {
            count[i + 1] += count[i];
        }
        let np = count[ns] as usize;
        debug_assert_eq!(np, a.tmp.len() + b.tmp.len());
        let (mut p_record, mut p_kinds) = (vec![0; np], vec![0; np]);
        let (mut p_occ, mut p_occ_len) = (vec![0; np], vec![0; np]);
        // The split, where the words' postings come to three fifths (on one
        // thread for a small index, so that tests go through the same
        // split). The first words (ids are given as words are first met:
        // the common ones) have many postings each, put in a few places
        // that stay in the cache; each of the others' goes to a place of
        // its own among tens of thousands. Split at half, the second share
        // took half as long again as the first.
        let half = count
            .partition_point(|&c| (c as usize) < np / 5 * 3)
            .min(ns);
        let at_slot = count[half] as usize;
        let (r_lo, r_hi) = p_record.split_at_mut(at_slot);
        let (k_lo, k_hi) = p_kinds.split_at_mut(at_slot);
        let (o_lo, o_hi) = p_occ.split_at_mut(at_slot);
        let (l_lo, l_hi) = p_occ_len.split_at_mut(at_slot);
        let lo = Slots {
            words: 0..half,
            first: 0,
            record: r_lo,
            kinds: k_lo,
            occ: o_lo,
            occ_len: l_lo,
        };
        let hi = Slots {
            words: half..ns,
            first: at_slot,
            record: r_hi,
            kinds: k_hi,
            occ: o_hi,
            occ_len: l_hi,
        };
        let halves = [
            Half {
                tmp: &a.tmp,
                recs: &a.recs,
                post_end: &a.post_end,
                occ_end: &a.occ_end,
                descending: a.descending,
                occ_base: 0,
            },
            Half {
                tmp: &b.tmp,
                recs: &b.recs,
                post_end: &b.post_end,
                occ_end: &b.occ_end,
                descending: b.descending,
                occ_base: a.tmp_occ.len() as u32,
            },
        ];
        let fill = |s: Slots| s.fill(halves, &remap, &count);
        let both = np >= 1 << 20;
        if both {
            std::thread::scope(|sc| {
                let h = sc.spawn(|| fill(hi));
                fill(lo);
                h.join().expect("index thread");
            });
        } else {
            fill(lo);
            fill(hi);
        }
        ix.post_off = count.into();
        (ix.p_record, ix.p_kinds, ix.p_occ, ix.p_occ_len) = (
            p_record.into(),
            p_kinds.into(),
            p_occ.into(),
            p_occ_len.into(),
        );
        // The halves' occurrences, a's then b's, kept where they were
        // built (`p_occ` counts b's after a's: `occ_base`).
        ix.occ = a.tmp_occ.into();
        ix.occ_more = b.tmp_occ;
        // The shares' postings, put in place: freed before the vocabulary's
        // tables are made, which can then reuse their memory.
        drop((a.tmp, b.tmp));
        ix.finish_vocabulary();
        ix
    }
}

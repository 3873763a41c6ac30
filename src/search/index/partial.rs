//! One thread's share of an index being built (`build.rs` fills it, and
//! `merge.rs` puts two together), and a record's postings made from its
//! words' occurrences: grouped by word, each word's occurrences ascending
//! and once each.

use crate::search::query::FieldKind;

/// The most occurrences a posting keeps: the index's count of them is a
/// `u16` (a word more often than this in one telegram is found by its
/// first 65,535).
pub(super) const MAX_OCC: usize = u16::MAX as usize;

/// One thread's share of an index being built: its records' vocabulary,
/// postings (in record order) and field kinds.
pub(super) struct Partial {
    pub(super) surfaces: Vec<Box<str>>,
    /// Postings, in record order: (surface, field kinds, occurrences).
    /// Eight bytes each (the record is in `recs`): at 100,000 telegrams
    /// there are 20.6 million, and the merge reads them all.
    pub(super) tmp: Vec<(u32, u16, u16)>,
    /// Each surface's number of postings.
    pub(super) counts: Vec<u32>,
    /// The records, in the order built, and where each one's postings end
    /// in `tmp`.
    pub(super) recs: Vec<u32>,
    pub(super) post_end: Vec<u32>,
    pub(super) tmp_occ: Vec<u32>,
    pub(super) rf_off: Vec<u32>,
    pub(super) rf_kind: Vec<FieldKind>,
    /// Each record's fingerprint (`build::fingerprint`), in the order built.
    pub(super) fp: Vec<u64>,
    /// Where each record's occurrences end in `tmp_occ`.
    pub(super) occ_end: Vec<u32>,
    /// Whether the records were built last first.
    pub(super) descending: bool,
}

impl Partial {
    /// A share of no records yet.
    pub(super) fn empty() -> Partial {
        Partial {
            surfaces: Vec::new(),
            tmp: Vec::new(),
            counts: Vec::new(),
            recs: Vec::new(),
            post_end: Vec::new(),
            tmp_occ: Vec::new(),
            rf_off: vec![0],
            rf_kind: Vec::new(),
            fp: Vec::new(),
            occ_end: Vec::new(),
            descending: false,
        }
    }

    /// Room for the postings of `total` records, guessed from the first
    /// `done`: growing by doubling would copy the largest arrays of the
    /// build several times and touch twice the memory they need.
    pub(super) fn reserve_for(&mut self, done: usize, total: usize) {
        let guess = |len: usize| len / done.max(1) * total / 8 * 9 + 1024;
        self.tmp
            .reserve(guess(self.tmp.len()).saturating_sub(self.tmp.len()));
        self.tmp_occ
            .reserve(guess(self.tmp_occ.len()).saturating_sub(self.tmp_occ.len()));
        self.rf_kind
            .reserve(guess(self.rf_kind.len()).saturating_sub(self.rf_kind.len()));
        self.rf_off.reserve(total + 1 - self.rf_off.len());
        self.fp.reserve(total - self.fp.len());
        self.recs.reserve(total - self.recs.len());
        self.post_end.reserve(total - self.post_end.len());
        self.occ_end.reserve(total - self.occ_end.len());
    }

    /// Each posting's record, in the order of `tmp`.
    pub(super) fn posting_records(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.tmp.len());
        let mut start = 0;
        for (&r, &end) in self.recs.iter().zip(&self.post_end) {
            out.extend(std::iter::repeat_n(r, end as usize - start));
            start = end as usize;
        }
        out
    }
}

/// The places of a share's `n` records (in the order built) in record
/// order: backwards if they were built last first.
pub(super) fn record_order(n: usize, descending: bool) -> impl Iterator<Item = usize> {
    (0..n).map(move |k| if descending { n - 1 - k } else { k })
}

/// A record's occurrences grouped by word, without sorting them all: each
/// word's group is found through a table by word id, stamped with the
/// record it was last used for (the words of a record are a few hundred
/// of a vocabulary of tens of thousands, and a sort of them was a tenth of
/// a build). The same table counts each word's postings.
#[derive(Default)]
pub(super) struct Groups {
    /// By word id: the record stamp it was last seen in, its group, and
    /// its number of postings so far (side by side: one place in memory
    /// for all a word's counting, in a table larger than the cache).
    slot: Vec<Slot>,
    /// This record's words in the order first seen: (word, count, kinds),
    /// the count becoming where its occurrences go.
    groups: Vec<(u32, u32, u16)>,
    /// The record's occurrences, word by word.
    occ: Vec<u32>,
    stamp: u32,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    stamp: u32,
    group: u32,
    postings: u32,
}

impl Groups {
    /// Appends record `r`'s postings, one per word of `local` (word,
    /// packed field and position, field kind), to `p`: each with its
    /// occurrences ascending and once each (the first `MAX_OCC`).
    pub(super) fn post(&mut self, local: &[(u32, u32, u16)], r: u32, p: &mut Partial) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.slot.iter_mut().for_each(|s| s.stamp = 0);
            self.stamp = 1;
        }
        let stamp = self.stamp;
        self.groups.clear();
        for &(id, _, kind) in local {
            let id = id as usize;
            if id >= self.slot.len() {
                self.slot
                    .resize((id + 1).next_power_of_two(), Slot::default());
            }
            let s = &mut self.slot[id];
            if s.stamp != stamp {
                (s.stamp, s.group) = (stamp, self.groups.len() as u32);
                s.postings += 1;
                self.groups.push((id as u32, 0, 0));
            }
            let g = &mut self.groups[s.group as usize];
            g.1 += 1;
            g.2 |= kind;
        }
        p.tmp.reserve(self.groups.len());
        // Each group's start, then its occurrences put there in the order
        // they came (the order of the text, but for a name token or a
        // compound, which comes beside its first word).
        let mut at = 0;
        for g in &mut self.groups {
            let n = g.1;
            g.1 = at;
            at += n;
        }
        self.occ.clear();
        self.occ.resize(local.len(), 0);
        for &(id, o, _) in local {
            let g = &mut self.groups[self.slot[id as usize].group as usize];
            self.occ[g.1 as usize] = o;
            g.1 += 1;
        }
        p.tmp_occ.reserve(local.len());
        let mut start = 0;
        for &(id, end, kinds) in &self.groups {
            let occ = &mut self.occ[start..end as usize];
            start = end as usize;
            if let [o] = *occ {
                p.tmp_occ.push(o);
                p.tmp.push((id, kinds, 1));
                continue;
            }
            if !occ.is_sorted() {
                occ.sort_unstable();
            }
            // Once each.
            let mut n = 1;
            for i in 1..occ.len() {
                if occ[i] != occ[n - 1] {
                    occ[n] = occ[i];
                    n += 1;
                }
            }
            let kept = &occ[..n.min(MAX_OCC)];
            p.tmp_occ.extend_from_slice(kept);
            p.tmp.push((id, kinds, kept.len() as u16));
        }
        p.recs.push(r);
        p.post_end.push(p.tmp.len() as u32);
        p.occ_end.push(p.tmp_occ.len() as u32);
    }

    /// Each of the first `n` words' number of postings.
    pub(super) fn counts(&self, n: usize) -> Vec<u32> {
        let mut c: Vec<u32> = self.slot.iter().take(n).map(|s| s.postings).collect();
        c.resize(n, 0);
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each word once per record, in the order first seen, its
    /// occurrences ascending and once each, its kinds together; a word
    /// seen in an earlier record starts afresh.
    #[test]
    fn a_record_s_words_are_grouped() {
        let mut g = Groups::default();
        let mut p = Partial::empty();
        g.post(
            &[(7, 5, 1), (3, 1, 2), (7, 2, 4), (7, 5, 1), (900, 0, 1)],
            0,
            &mut p,
        );
        g.post(&[(3, 9, 1)], 1, &mut p);
        assert_eq!(p.tmp, [(7, 5, 2), (3, 2, 1), (900, 1, 1), (3, 1, 1)]);
        assert_eq!(p.tmp_occ, [2, 5, 1, 0, 9]);
        assert_eq!(
            (p.recs.clone(), p.post_end.clone()),
            (vec![0, 1], vec![3, 4])
        );
        assert_eq!(p.posting_records(), [0, 0, 0, 1]);
        let counts = g.counts(902);
        assert_eq!(
            (counts[3], counts[7], counts[900], counts[901]),
            (2, 1, 1, 0)
        );
        assert_eq!(g.counts(4), [0, 0, 0, 2]);
        // A stamp that wraps round forgets every word.
        g.stamp = u32::MAX;
        g.post(&[(3, 4, 1)], 2, &mut p);
        assert_eq!(p.tmp.last(), Some(&(3, 1, 1)));
        assert_eq!(p.posting_records().last(), Some(&2));
    }

    /// A word more often than `MAX_OCC` times in a record keeps its first
    /// `MAX_OCC` occurrences, so that its count fits the index's.
    #[test]
    fn a_posting_keeps_at_most_max_occ_occurrences() {
        let mut g = Groups::default();
        let mut p = Partial::empty();
        let local: Vec<(u32, u32, u16)> = (0..MAX_OCC as u32 + 10).map(|o| (1, o, 1)).collect();
        g.post(&local, 0, &mut p);
        assert_eq!(p.tmp, [(1, 1, u16::MAX)]);
        assert_eq!(p.tmp_occ.len(), MAX_OCC);
        assert_eq!(p.tmp_occ.last(), Some(&(MAX_OCC as u32 - 1)));
    }
}

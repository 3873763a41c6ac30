//! Updating an index to records that differ from its own in a few places
//! (a telegram file edited, added or removed; the reader's notes changed),
//! instead of building it again: a record whose fingerprint
//! (`build::fingerprint`: its fields' kinds and texts) is unchanged keeps
//! its postings, renumbered; only the others are tokenized. Words left with
//! no postings are dropped, so the updated index answers every query as one
//! built from scratch would (`tests/search_props.rs` holds it to the same
//! reference scan).
//!
//! Postings stay sorted by record only if the records kept keep their
//! order, so the records kept are found by a diff of the two lists of
//! fingerprints (with `similar`, the crate the comparison view diffs
//! with): a record that moved is read again.

use rustc_hash::FxHashMap;

use super::Index;
use super::build::fingerprint;
use super::partial::Partial;
use crate::search::document::Field;

/// No record (in the maps between old and new record numbers).
const NONE: u32 = u32::MAX;

/// How long finding the records kept may take before it settles for a
/// longer list of records to read.
const DIFF_DEADLINE: std::time::Duration = std::time::Duration::from_millis(200);

/// An update re-reads at most one record in this many; past that, building
/// anew on both cores is as quick, and the caller does that instead.
const AT_MOST_ONE_IN: usize = 4;

impl Index {
    /// This index updated to `n` records, whose fields `fields` gives: the
    /// records whose fields are unchanged (in any place, in the same order)
    /// keep their postings, the rest are read. `None` when more than a
    /// quarter of the records would have to be read: build anew then.
    pub fn updated<'f>(
        &self,
        n: usize,
        fields: impl Fn(usize) -> Vec<Field<'f>> + Sync,
    ) -> Option<Index> {
        let fps = fingerprints(n, &fields);
        // The records kept: the longest run of old fingerprints found, in
        // order, among the new (a diff of the two lists, Myers's: few
        // changes cost little; past the deadline it settles for less).
        let deadline = std::time::Instant::now() + DIFF_DEADLINE;
        let ops = similar::capture_diff_slices_deadline(
            similar::Algorithm::Myers,
            &self.fp[..],
            &fps,
            Some(deadline),
        );
        let mut to_new = vec![NONE; self.n];
        let mut kept = vec![false; n];
        for op in ops {
            if let similar::DiffOp::Equal {
                old_index,
                new_index,
                len,
            } = op
            {
                for k in 0..len {
                    to_new[old_index + k] = (new_index + k) as u32;
                    kept[new_index + k] = true;
                }
            }
        }
        let fresh: Vec<u32> = (0..n as u32).filter(|&j| !kept[j as usize]).collect();
        if fresh.len() > n / AT_MOST_ONE_IN {
            return None;
        }
        Some(self.rebuilt(n, &to_new, &fresh, &fields))
    }

    /// This index with the records `changed` read again (the same records
    /// otherwise: the reader's notes on them changed). `None` when more
    /// than a quarter of them changed.
    pub fn updated_records<'f>(
        &self,
        changed: &[u32],
        fields: impl Fn(usize) -> Vec<Field<'f>> + Sync,
    ) -> Option<Index> {
        let mut fresh: Vec<u32> = changed
            .iter()
            .copied()
            .filter(|&r| (r as usize) < self.n)
            .collect();
        fresh.sort_unstable();
        fresh.dedup();
        if fresh.len() > self.n / AT_MOST_ONE_IN {
            return None;
        }
        let mut to_new: Vec<u32> = (0..self.n as u32).collect();
        fresh.iter().for_each(|&r| to_new[r as usize] = NONE);
        Some(self.rebuilt(self.n, &to_new, &fresh, &fields))
    }

    /// The index of `n` records: old record `i` is new record `to_new[i]`
    /// (or gone), and the new records `fresh` (ascending; every new record
    /// is one or the other) are read from `fields`.
    fn rebuilt<'f>(
        &self,
        n: usize,
        to_new: &[u32],
        fresh: &[u32],
        fields: &(impl Fn(usize) -> Vec<Field<'f>> + Sync),
    ) -> Index {
        let b = Partial::build(
            fresh.iter().map(|&j| j as usize),
            fresh.len(),
            false,
            fields,
            &|| {},
        );
        // One vocabulary: the old words keep their ids, new ones follow.
        let old_ns = self.surfaces.len();
        let mut words: Vec<&str> = self.surfaces.iter().map(|s| &**s).collect();
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        ids.reserve(old_ns + b.surfaces.len());
        words.iter().enumerate().for_each(|(i, w)| {
            ids.insert(w, i as u32);
        });
        let b_sid: Vec<u32> = b
            .surfaces
            .iter()
            .map(|s| {
                *ids.entry(&**s).or_insert_with(|| {
                    words.push(s);
                    (words.len() - 1) as u32
                })
            })
            .collect();
        drop(ids);
        let ns = words.len();
        // The fresh postings grouped by word, in record order (a counting
        // sort keeps `b.tmp`'s), and where each one's occurrences start.
        let mut b_off = vec![0u32; ns + 1];
        b.tmp
            .iter()
            .for_each(|t| b_off[b_sid[t.0 as usize] as usize + 1] += 1);
        (0..ns).for_each(|s| b_off[s + 1] += b_off[s]);
        let mut cursor = b_off.clone();
        let mut b_order = vec![0u32; b.tmp.len()];
        let mut b_occ = Vec::with_capacity(b.tmp.len());
        let mut at = (self.occ.len() + self.occ_more.len()) as u32;
        let b_rec = b.posting_records();
        for (k, t) in b.tmp.iter().enumerate() {
            let s = b_sid[t.0 as usize] as usize;
            b_order[cursor[s] as usize] = k as u32;
            cursor[s] += 1;
            b_occ.push(at);
            at += u32::from(t.2);
        }
        // Each word's kept postings, renumbered, merged with its fresh ones
        // by record; words with none left are dropped.
        let np = self.p_record.len() + b.tmp.len();
        let mut ix = Index {
            n,
            ..Index::default()
        };
        let (mut post_off, mut p_record) = (Vec::with_capacity(ns + 1), Vec::with_capacity(np));
        let (mut p_kinds, mut p_occ) = (Vec::with_capacity(np), Vec::with_capacity(np));
        let mut p_occ_len = Vec::with_capacity(np);
        post_off.push(0u32);
        for (s, word) in words.iter().enumerate() {
            let old = match s < old_ns {
                true => self.post_off[s] as usize..self.post_off[s + 1] as usize,
                false => 0..0,
            };
            let (mut oi, mut bi) = (old.start, b_off[s] as usize);
            // Most words: no fresh postings and none gone, copied whole.
            let recs = &self.p_record[old.clone()];
            if bi == b_off[s + 1] as usize && recs.iter().all(|&r| to_new[r as usize] != NONE) {
                p_record.extend(recs.iter().map(|&r| to_new[r as usize]));
                p_kinds.extend_from_slice(&self.p_kinds[old.clone()]);
                p_occ.extend_from_slice(&self.p_occ[old.clone()]);
                p_occ_len.extend_from_slice(&self.p_occ_len[old.clone()]);
                oi = old.end;
            }
            loop {
                while oi < old.end && to_new[self.p_record[oi] as usize] == NONE {
                    oi += 1;
                }
                let o_rec = match oi < old.end {
                    true => to_new[self.p_record[oi] as usize],
                    false => NONE,
                };
                let b_rec = match bi < b_off[s + 1] as usize {
                    true => b_rec[b_order[bi] as usize],
                    false => NONE,
                };
                if o_rec == NONE && b_rec == NONE {
                    break;
                }
                if o_rec < b_rec {
                    p_record.push(o_rec);
                    p_kinds.push(self.p_kinds[oi]);
                    p_occ.push(self.p_occ[oi]);
                    p_occ_len.push(self.p_occ_len[oi]);
                    oi += 1;
                } else {
                    let k = b_order[bi] as usize;
                    let t = b.tmp[k];
                    p_record.push(b_rec);
                    p_kinds.push(t.1);
                    p_occ.push(b_occ[k]);
                    p_occ_len.push(t.2);
                    bi += 1;
                }
            }
            if p_record.len() > *post_off.last().expect("0 first") as usize {
                ix.surfaces.push((*word).into());
                post_off.push(p_record.len() as u32);
            }
        }
        // The occurrences: the old ones where they were, the fresh after
        // them; packed afresh when the dead ones (of records gone or read
        // again, over this and earlier updates) pass a quarter.
        let [old, more] = self.occ_parts();
        let mut occ = Vec::with_capacity(old.len() + more.len() + b.tmp_occ.len());
        for part in [old, more, &b.tmp_occ] {
            occ.extend_from_slice(part);
        }
        let live: usize = p_occ_len.iter().map(|&l| l as usize).sum();
        if occ.len() - live > occ.len() / 4 {
            let mut packed = Vec::with_capacity(live);
            for (start, &len) in p_occ.iter_mut().zip(&p_occ_len) {
                let from = *start as usize;
                *start = packed.len() as u32;
                packed.extend_from_slice(&occ[from..from + len as usize]);
            }
            occ = packed;
        }
        // Each record's field kinds and fingerprint, from where it was.
        let mut from_old = vec![NONE; n];
        for (i, &j) in to_new.iter().enumerate() {
            if j != NONE {
                from_old[j as usize] = i as u32;
            }
        }
        let mut rf_off = Vec::with_capacity(n + 1);
        rf_off.push(0u32);
        let mut fp = Vec::with_capacity(n);
        let mut k = 0;
        for &i in &from_old {
            if i != NONE {
                let i = i as usize;
                let kinds = &self.rf_kind[self.rf_off[i] as usize..self.rf_off[i + 1] as usize];
                ix.rf_kind.extend_from_slice(kinds);
                fp.push(self.fp[i]);
            } else {
                let kinds = &b.rf_kind[b.rf_off[k] as usize..b.rf_off[k + 1] as usize];
                ix.rf_kind.extend_from_slice(kinds);
                fp.push(b.fp[k]);
                k += 1;
            }
            rf_off.push(ix.rf_kind.len() as u32);
        }
        debug_assert_eq!(k, fresh.len(), "every new record kept or read");
        ix.post_off = post_off.into();
        ix.p_record = p_record.into();
        ix.p_kinds = p_kinds.into();
        ix.p_occ = p_occ.into();
        ix.p_occ_len = p_occ_len.into();
        ix.occ = occ.into();
        ix.rf_off = rf_off.into();
        ix.fp = fp.into();
        ix.finish_vocabulary();
        ix
    }
}

/// Every record's fingerprint, on both cores when there are many.
fn fingerprints<'f>(n: usize, fields: &(impl Fn(usize) -> Vec<Field<'f>> + Sync)) -> Vec<u64> {
    let part =
        |r: std::ops::Range<usize>| -> Vec<u64> { r.map(|i| fingerprint(&fields(i))).collect() };
    if n < 2_000 {
        return part(0..n);
    }
    let (mut a, b) = std::thread::scope(|sc| {
        let h = sc.spawn(|| part(n / 2..n));
        (part(0..n / 2), h.join().expect("fingerprint thread"))
    });
    a.extend(b);
    a
}

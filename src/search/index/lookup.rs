//! Answering a query from the index: the vocabulary words each term
//! matches, their postings merged into a best hit per record, the terms'
//! record sets intersected, negations taken out, and the survivors ranked.

use std::sync::Arc;

use super::prefetch::AHEAD;
use super::terms::{NO_SLOTS, TermData, TermHit};
use super::{Hit, Index, order};
use crate::search::query::{AtomKind, Query};
use crate::search::score::{Prepared, WordKey, phrase_score, proximity, weighted, weighted_kinds};

/// A term's hits, and the prepared atom when the term is a plain word (for
/// proximity).
type TermResult = (Arc<TermData>, Option<Prepared>);

/// Above this many postings, a term's merge is split across two threads.
const PARALLEL_POSTINGS: usize = 150_000;

impl Index {
    /// The vocabulary keys an atom matches, with their raw scores, best
    /// first (ties by key text). Candidates are found by the first letters
    /// of their folded forms; a case-sensitive atom then looks at each
    /// surface of a folded word.
    fn matching_keys(&self, p: &Prepared) -> Vec<(u32, u32)> {
        let cs = p.atom.case_sensitive;
        let mut out = Vec::new();
        let mut try_key = |f: usize| {
            let folded = &*self.folded[f];
            let stem = self.stem_of(f as u32);
            if cs {
                for i in self.fold_range(f as u32) {
                    let s = self.fold_surf[i] as usize;
                    let m = self.surf_meta[s];
                    let w = WordKey {
                        key: &self.surfaces[s],
                        folded,
                        chars: m.chars as usize,
                        mask: m.mask,
                        stem,
                    };
                    if let Some(sc) = p.word_score(&w) {
                        out.push((s as u32, sc));
                    }
                }
            } else {
                let m = self.fold_meta[f];
                let w = WordKey {
                    key: folded,
                    folded,
                    chars: m.chars as usize,
                    mask: m.mask,
                    stem,
                };
                if let Some(sc) = p.word_score(&w) {
                    out.push((f as u32, sc));
                }
            }
        };
        match p.buckets() {
            Some(chars) => {
                for c in chars {
                    if let Some(bucket) = self.first_fold.get(&c) {
                        bucket.iter().for_each(|&k| try_key(k as usize));
                    }
                }
            }
            None => (0..self.folded.len()).for_each(&mut try_key),
        }
        out.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.key_text(cs, a.0).cmp(self.key_text(cs, b.0)))
        });
        out
    }

    /// Records where a phrase occurs, with its best weighted score.
    fn phrase_hits(&self, p: &Prepared, out: &mut [Option<TermHit>]) -> Vec<u32> {
        let cs = p.atom.case_sensitive;
        let keys: Vec<Option<u32>> = p
            .phrase
            .iter()
            .map(|w| {
                let (texts, first) = if cs {
                    (&self.surfaces, &self.first_surf)
                } else {
                    (&self.folded, &self.first_fold)
                };
                w.chars().next().and_then(|c| first.get(&c)).and_then(|b| {
                    b.iter()
                        .copied()
                        .find(|&k| &*texts[k as usize] == w.as_str())
                })
            })
            .collect();
        let Some(keys) = keys.into_iter().collect::<Option<Vec<u32>>>() else {
            return Vec::new();
        };
        if keys.is_empty() {
            return Vec::new();
        }
        let raw = phrase_score(keys.len());
        // Each word in one surface (the usual case: a CJK character, a
        // word in one case): the postings are walked side by side.
        let surfaces: Option<Vec<usize>> = keys
            .iter()
            .map(|&k| {
                if cs {
                    Some(k as usize)
                } else {
                    let r = self.fold_range(k);
                    (r.len() == 1).then(|| self.fold_surf[r.start] as usize)
                }
            })
            .collect();
        if let Some(surfaces) = surfaces {
            return self.phrase_merged(p, raw, &surfaces, out);
        }
        // Candidate records: those with the first word.
        let mut cands: Vec<u32> = Vec::new();
        self.for_postings(cs, keys[0], |slot| cands.push(self.p_record[slot]));
        cands.sort_unstable();
        cands.dedup();
        let mut touched = Vec::new();
        for r in cands {
            let occs: Vec<Vec<u32>> = keys.iter().map(|&k| self.occurrences(cs, k, r)).collect();
            if occs.iter().any(Vec::is_empty) {
                continue;
            }
            let occs: Vec<&[u32]> = occs.iter().map(Vec::as_slice).collect();
            if let Some(score) = self.phrase_in(p, raw, r, &occs) {
                out[r as usize] = Some(TermHit::any(score));
                touched.push(r);
            }
        }
        touched
    }

    /// [`Self::phrase_hits`] for words of one surface each: the postings of
    /// the word in fewest records walked in record order, the others'
    /// followed along (no search per record, no occurrences copied).
    fn phrase_merged(
        &self,
        p: &Prepared,
        raw: u32,
        surfaces: &[usize],
        out: &mut [Option<TermHit>],
    ) -> Vec<u32> {
        let ranges: Vec<(usize, usize)> = surfaces
            .iter()
            .map(|&s| (self.post_off[s] as usize, self.post_off[s + 1] as usize))
            .collect();
        let pivot = (0..ranges.len())
            .min_by_key(|&i| ranges[i].1 - ranges[i].0)
            .expect("a word");
        let mut at: Vec<usize> = ranges.iter().map(|r| r.0).collect();
        let mut occs: Vec<&[u32]> = vec![&[]; surfaces.len()];
        let mut touched = Vec::new();
        'records: for slot in ranges[pivot].0..ranges[pivot].1 {
            let r = self.p_record[slot];
            for i in 0..ranges.len() {
                if i == pivot {
                    occs[i] = self.occ_of(slot);
                    continue;
                }
                let end = ranges[i].1;
                at[i] += self.p_record[at[i]..end].partition_point(|&x| x < r);
                if at[i] == end {
                    break 'records;
                }
                if self.p_record[at[i]] != r {
                    continue 'records;
                }
                occs[i] = self.occ_of(at[i]);
            }
            if let Some(score) = self.phrase_in(p, raw, r, &occs) {
                out[r as usize] = Some(TermHit::any(score));
                touched.push(r);
            }
        }
        touched
    }

    /// The best weighted score of the phrase in record `r`, given each
    /// word's occurrences there (sorted): a start of the first word with
    /// the next word one on, and so on, in a field the atom counts.
    fn phrase_in(&self, p: &Prepared, raw: u32, r: u32, occs: &[&[u32]]) -> Option<u32> {
        let mut best: Option<u32> = None;
        for &start in occs[0] {
            let ok = (1..occs.len()).all(|i| occs[i].binary_search(&(start + i as u32)).is_ok());
            if ok {
                let kind = self.field_kind(r, start >> 16);
                if p.field_ok(kind) {
                    let w = weighted(raw, kind);
                    best = Some(best.map_or(w, |b: u32| b.max(w)));
                }
            }
        }
        best
    }

    /// Merges the postings of matched keys into the best hit per record, for
    /// the records in `base..base + out.len()`. Returns the records touched.
    ///
    /// A record's best word is the one with the highest weighted score, then
    /// the highest raw score, then the smallest text (`score::better`, as the
    /// reference scan has it). `keys` come best raw score first, ties by
    /// text, and are merged in that order, so a word met later never beats
    /// an earlier one on raw score or text: it takes a record over only with
    /// a strictly higher weighted score, and the texts need no comparing.
    ///
    /// Most postings meet a record that already has a word at least as
    /// good, so what they read is kept apart: a record's best score and
    /// word (its place in `keys`) packed in eight bytes, whose array stays
    /// in the core's cache where `out`'s would not.
    fn merge_postings(
        &self,
        cs: bool,
        field_bit: Option<u16>,
        keys: &[(u32, u32)],
        base: u32,
        out: &mut [Option<TermHit>],
    ) -> Vec<u32> {
        let end = base + out.len() as u32;
        let whole = base == 0 && end as usize >= self.n;
        let mut touched = Vec::new();
        // Score above, word below (its place in `keys` plus one; 0 for none).
        let mut best = vec![0u64; out.len()];
        for (ki, &(key, raw)) in keys.iter().enumerate() {
            let word = ki as u64 + 1;
            let mut each_surface = |s: usize| {
                let range = self.post_off[s] as usize..self.post_off[s + 1] as usize;
                let (from, to) = if whole {
                    (range.start, range.end)
                } else {
                    let recs = &self.p_record[range.clone()];
                    let from = match base {
                        0 => range.start,
                        _ => range.start + recs.partition_point(|&r| r < base),
                    };
                    let to = match end as usize >= self.n {
                        true => range.end,
                        false => range.start + recs.partition_point(|&r| r < end),
                    };
                    (from, to)
                };
                for slot in from..to {
                    let kinds = self.p_kinds[slot] & field_bit.unwrap_or(u16::MAX);
                    if kinds == 0 {
                        continue;
                    }
                    let r = self.p_record[slot];
                    let score = weighted_kinds(raw, kinds);
                    let i = (r - base) as usize;
                    let b = best[i];
                    let (had, had_word) = ((b >> 32) as u32, b & 0xFFFF_FFFF);
                    let first = TermHit {
                        score,
                        key,
                        slots: [slot as u32, 0],
                        nslots: 1,
                    };
                    if had_word == 0 {
                        out[i] = Some(first);
                        best[i] = (u64::from(score) << 32) | word;
                        touched.push(r);
                    } else if had_word == word {
                        // Another surface of the same word.
                        let h = out[i].as_mut().expect("a hit where best has one");
                        h.score = h.score.max(score);
                        match h.nslots {
                            1 => {
                                h.slots[1] = slot as u32;
                                h.nslots = 2;
                            }
                            _ => h.nslots = NO_SLOTS,
                        }
                        best[i] = (u64::from(h.score) << 32) | word;
                    } else if score > had {
                        // An earlier word: see above.
                        out[i] = Some(first);
                        best[i] = (u64::from(score) << 32) | word;
                    }
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
        touched
    }

    /// How many postings the keys hold (to decide whether to split the work).
    fn postings_of(&self, cs: bool, keys: &[(u32, u32)]) -> usize {
        let count = |s: usize| (self.post_off[s + 1] - self.post_off[s]) as usize;
        keys.iter()
            .map(|&(k, _)| {
                if cs {
                    count(k as usize)
                } else {
                    self.fold_range(k)
                        .map(|i| count(self.fold_surf[i] as usize))
                        .sum()
                }
            })
            .sum()
    }

    /// Records an atom matches, each with its best weighted score and word.
    pub(super) fn atom_hits(&self, p: &Prepared, out: &mut [Option<TermHit>]) -> Vec<u32> {
        if matches!(p.atom.kind, AtomKind::Phrase(_)) {
            return self.phrase_hits(p, out);
        }
        let cs = p.atom.case_sensitive;
        let field_bit = p.atom.field.map(|f| f.bit());
        let keys = self.matching_keys(p);
        if self.n < 2 || self.postings_of(cs, &keys) < PARALLEL_POSTINGS {
            return self.merge_postings(cs, field_bit, &keys, 0, out);
        }
        // Both cores: each takes half the records.
        let mid = self.n / 2;
        let (lo, hi) = out.split_at_mut(mid);
        let (mut a, b) = std::thread::scope(|sc| {
            let h = sc.spawn(|| self.merge_postings(cs, field_bit, &keys, mid as u32, hi));
            let a = self.merge_postings(cs, field_bit, &keys, 0, lo);
            (a, h.join().expect("search thread"))
        });
        a.extend(b);
        a
    }

    /// The occurrences of a term's best word in a record, sorted: read in
    /// place when one surface holds them, else gathered into `buf`.
    fn best_occurrences<'a>(
        &'a self,
        cs: bool,
        h: &TermHit,
        record: u32,
        buf: &'a mut Vec<u32>,
    ) -> &'a [u32] {
        match h.nslots {
            1 => self.occ_of(h.slots[0] as usize),
            NO_SLOTS => {
                *buf = self.occurrences(cs, h.key, record);
                buf
            }
            n => {
                buf.clear();
                for &slot in &h.slots[..n as usize] {
                    buf.extend_from_slice(self.occ_of(slot as usize));
                }
                buf.sort_unstable();
                buf
            }
        }
    }

    /// Records that have a word a negated atom names, among `alive` (which
    /// it clears for them); stops once none is left.
    fn exclude(&self, p: &Prepared, alive: &mut [bool], mut remaining: usize) -> usize {
        let cs = p.atom.case_sensitive;
        if matches!(p.atom.kind, AtomKind::Phrase(_)) {
            let mut hits = self.best_pool.take(self.n);
            let touched = self.phrase_hits(p, &mut hits);
            for &r in &touched {
                if std::mem::take(&mut alive[r as usize]) {
                    remaining -= 1;
                }
            }
            self.best_pool.put(hits, &touched);
            return remaining;
        }
        let field_bit = p.atom.field.map(|f| f.bit()).unwrap_or(u16::MAX);
        for (key, _) in self.matching_keys(p) {
            if remaining == 0 {
                break;
            }
            let mut visit = |s: usize| {
                for slot in self.post_off[s] as usize..self.post_off[s + 1] as usize {
                    if self.p_kinds[slot] & field_bit != 0
                        && std::mem::take(&mut alive[self.p_record[slot] as usize])
                    {
                        remaining -= 1;
                    }
                }
            };
            if cs {
                visit(key as usize);
            } else {
                for i in self.fold_range(key) {
                    visit(self.fold_surf[i] as usize);
                }
            }
        }
        remaining
    }

    /// Ranked hits for a query: every record that all terms match, best
    /// first, ties in record (date) order. An empty query lists every record.
    pub fn search(&self, q: &Query) -> Vec<Hit> {
        if q.is_empty() {
            return (0..self.n as u32)
                .map(|record| Hit { record, score: 0 })
                .collect();
        }
        let mut negations: Vec<Prepared> = Vec::new();
        let mut terms: Vec<TermResult> = Vec::new();
        for term in &q.terms {
            let prepared: Vec<Prepared> = term.alts.iter().map(Prepared::new).collect();
            if prepared.len() == 1 && prepared[0].atom.negated {
                negations.push(prepared.into_iter().next().expect("one"));
                continue;
            }
            let data = self.term_hits(term, &prepared);
            let plain = term.plain_word().map(|_| prepared[0].clone());
            terms.push((data, plain));
        }
        // Intersect, starting from the rarest term.
        let mut survivors: Vec<u32> = match terms.iter().min_by_key(|t| t.0.touched.len()) {
            // Most records: read in order, every term's array side by
            // side, rather than sorting the touched list.
            Some(t) if t.0.touched.len() > self.n / 8 => (0..self.n as u32)
                .filter(|&r| terms.iter().all(|t| t.0.best[r as usize].is_some()))
                .collect(),
            Some(t) => {
                let mut v = t.0.touched.clone();
                v.sort_unstable();
                v.dedup();
                v.retain(|&r| terms.iter().all(|t| t.0.best[r as usize].is_some()));
                v
            }
            None => (0..self.n as u32).collect(),
        };
        if !negations.is_empty() {
            let mut alive = vec![false; self.n];
            survivors.iter().for_each(|&r| alive[r as usize] = true);
            let mut remaining = survivors.len();
            for p in &negations {
                remaining = self.exclude(p, &mut alive, remaining);
            }
            survivors.retain(|&r| alive[r as usize]);
        }
        // Consecutive plain words: the pairs that can earn a proximity bonus.
        let pairs: Vec<(usize, usize)> = (1..terms.len())
            .filter(|&i| terms[i - 1].1.is_some() && terms[i].1.is_some())
            .map(|i| (i - 1, i))
            .collect();
        let mut plain: Vec<usize> = pairs.iter().flat_map(|&(i, j)| [i, j]).collect();
        plain.dedup();
        let rank = |rs: &[u32]| -> Vec<Hit> {
            let (mut oa, mut ob) = (Vec::new(), Vec::new());
            rs.iter()
                .enumerate()
                .map(|(k, &r)| {
                    if !plain.is_empty() {
                        let best = |t: usize, at: usize| {
                            rs.get(at).and_then(|&r| terms[t].0.best[r as usize])
                        };
                        for &t in &plain {
                            if let Some(h) = best(t, k + 2 * AHEAD) {
                                self.prefetch_posting(&h);
                            }
                            if let Some(h) = best(t, k + AHEAD) {
                                self.prefetch_occurrences(&h);
                            }
                        }
                    }
                    let mut score: u32 = terms
                        .iter()
                        .map(|t| t.0.best[r as usize].map_or(0, |h| h.score))
                        .sum();
                    for &(i, j) in &pairs {
                        let (ha, hb) = (
                            terms[i].0.best[r as usize].expect("survivor"),
                            terms[j].0.best[r as usize].expect("survivor"),
                        );
                        let a = self.best_occurrences(
                            terms[i].1.as_ref().expect("plain").atom.case_sensitive,
                            &ha,
                            r,
                            &mut oa,
                        );
                        let b = self.best_occurrences(
                            terms[j].1.as_ref().expect("plain").atom.case_sensitive,
                            &hb,
                            r,
                            &mut ob,
                        );
                        score += proximity(a, b);
                    }
                    Hit { record: r, score }
                })
                .collect()
        };
        let mut hits = if !pairs.is_empty() && survivors.len() > 20_000 {
            let (lo, hi) = survivors.split_at(survivors.len() / 2);
            let (mut a, b) = std::thread::scope(|sc| {
                let h = sc.spawn(|| rank(hi));
                (rank(lo), h.join().expect("search thread"))
            });
            a.extend(b);
            a
        } else {
            rank(&survivors)
        };
        order::best_first(&mut hits);
        hits
    }
}

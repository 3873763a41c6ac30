//! The search index: the vocabulary of distinct words, each with a posting
//! list of (record, field kinds, occurrences). A query term is matched
//! against the vocabulary (bucketed by first letter, with a character-set
//! prefilter), the postings of its matching words are merged into a score
//! per record, the terms' record sets are intersected, and only the
//! survivors are ranked. Snippets and highlights are left to the rows on
//! screen (`snippet.rs`).

use std::collections::HashMap;

use super::document::Field;
use super::matcher::char_mask;
use super::query::{AtomKind, FieldKind, Query};
use super::score::{Prepared, better, pack, phrase_score, proximity, weighted};
use super::tokenize::{fold, tokenize};

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
    fold_off: Vec<u32>,
    fold_surf: Vec<u32>,
    first_surf: HashMap<char, Vec<u32>>,
    first_fold: HashMap<char, Vec<u32>>,
    /// surface → its postings (CSR over the p_ arrays).
    post_off: Vec<u32>,
    p_record: Vec<u32>,
    p_kinds: Vec<u16>,
    /// posting → its occurrences (CSR over `occ`), packed field and position.
    p_occ: Vec<u32>,
    occ: Vec<u32>,
    /// record → the kind of each of its fields (CSR).
    rf_off: Vec<u32>,
    rf_kind: Vec<FieldKind>,
}

/// A record's field kinds, for phrase checks.
const ALL_KINDS: [FieldKind; 10] = [
    FieldKind::Title,
    FieldKind::From,
    FieldKind::To,
    FieldKind::Via,
    FieldKind::Date,
    FieldKind::Archive,
    FieldKind::Meta,
    FieldKind::Passage,
    FieldKind::Note,
    FieldKind::NoteBy,
];

fn has_short(kinds: u16) -> bool {
    ALL_KINDS
        .iter()
        .any(|k| k.is_short() && kinds & k.bit() != 0)
}

/// A term's hits: the best per record, the records touched, and the
/// prepared atom when the term is a plain word (for proximity).
type TermResult = (Vec<Option<TermHit>>, Vec<u32>, Option<Prepared>);

/// How a term matched one record.
#[derive(Clone, Copy, Debug, Default)]
struct TermHit {
    score: u32,
    raw: u32,
    /// The best word: a folded id or a surface id (see `case_sensitive`).
    key: u32,
}

impl Index {
    /// Builds the index of `records`, each given as its fields.
    pub fn build(records: impl IntoIterator<Item = Vec<Field>>) -> Index {
        let mut ix = Index::default();
        let mut surf_id: HashMap<Box<str>, u32> = HashMap::new();
        // (surface, record, kinds, occurrence count), in record order; the
        // occurrences themselves in `tmp_occ`, in the same order.
        let mut tmp: Vec<(u32, u32, u16, u32)> = Vec::new();
        let mut tmp_occ: Vec<u32> = Vec::new();
        let mut local: Vec<(u32, u32, u16)> = Vec::new();
        ix.rf_off.push(0);
        for (r, fields) in records.into_iter().enumerate() {
            local.clear();
            for (fi, f) in fields.iter().enumerate() {
                ix.rf_kind.push(f.kind);
                for t in tokenize(&f.text) {
                    let id = match surf_id.get(t.text) {
                        Some(&id) => id,
                        None => {
                            let id = ix.surfaces.len() as u32;
                            ix.surfaces.push(t.text.into());
                            surf_id.insert(t.text.into(), id);
                            id
                        }
                    };
                    local.push((id, pack(fi, t.pos), f.kind.bit()));
                }
            }
            ix.rf_off.push(ix.rf_kind.len() as u32);
            local.sort_unstable();
            let mut i = 0;
            while i < local.len() {
                let s = local[i].0;
                let mut kinds = 0u16;
                let start = tmp_occ.len();
                while i < local.len() && local[i].0 == s {
                    kinds |= local[i].2;
                    if tmp_occ.len() == start || *tmp_occ.last().unwrap() != local[i].1 {
                        tmp_occ.push(local[i].1);
                    }
                    i += 1;
                }
                tmp.push((s, r as u32, kinds, (tmp_occ.len() - start) as u32));
            }
            ix.n = r + 1;
        }
        drop(surf_id);
        // Postings grouped by surface (a counting sort keeps record order).
        let ns = ix.surfaces.len();
        let mut count = vec![0u32; ns + 1];
        for p in &tmp {
            count[p.0 as usize + 1] += 1;
        }
        for i in 0..ns {
            count[i + 1] += count[i];
        }
        ix.post_off = count.clone();
        let np = tmp.len();
        ix.p_record = vec![0; np];
        ix.p_kinds = vec![0; np];
        let mut occ_len = vec![0u32; np];
        let mut src_start = vec![0u32; np];
        let mut cursor = count;
        let mut at = 0u32;
        for p in &tmp {
            let slot = cursor[p.0 as usize] as usize;
            cursor[p.0 as usize] += 1;
            ix.p_record[slot] = p.1;
            ix.p_kinds[slot] = p.2;
            occ_len[slot] = p.3;
            src_start[slot] = at;
            at += p.3;
        }
        drop(tmp);
        ix.p_occ = Vec::with_capacity(np + 1);
        ix.occ = Vec::with_capacity(tmp_occ.len());
        for slot in 0..np {
            ix.p_occ.push(ix.occ.len() as u32);
            let s = src_start[slot] as usize;
            ix.occ
                .extend_from_slice(&tmp_occ[s..s + occ_len[slot] as usize]);
        }
        ix.p_occ.push(ix.occ.len() as u32);
        drop(tmp_occ);
        // Vocabulary: metadata, folded forms, first-letter buckets.
        ix.surf_meta = ix.surfaces.iter().map(|s| meta(s)).collect();
        let mut fold_id: HashMap<String, u32> = HashMap::new();
        let mut surf_fold = Vec::with_capacity(ns);
        for s in &ix.surfaces {
            let f = fold(s);
            let id = *fold_id.entry(f.clone()).or_insert_with(|| {
                ix.folded.push(f.into_boxed_str());
                (ix.folded.len() - 1) as u32
            });
            surf_fold.push(id);
        }
        let nf = ix.folded.len();
        let mut fc = vec![0u32; nf + 1];
        for &f in &surf_fold {
            fc[f as usize + 1] += 1;
        }
        for i in 0..nf {
            fc[i + 1] += fc[i];
        }
        ix.fold_off = fc.clone();
        ix.fold_surf = vec![0; ns];
        for (s, &f) in surf_fold.iter().enumerate() {
            ix.fold_surf[fc[f as usize] as usize] = s as u32;
            fc[f as usize] += 1;
        }
        ix.fold_meta = ix.folded.iter().map(|s| meta(s)).collect();
        for (i, s) in ix.surfaces.iter().enumerate() {
            if let Some(c) = s.chars().next() {
                ix.first_surf.entry(c).or_default().push(i as u32);
            }
        }
        for (i, s) in ix.folded.iter().enumerate() {
            if let Some(c) = s.chars().next() {
                ix.first_fold.entry(c).or_default().push(i as u32);
            }
        }
        ix
    }

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
            .map(|s| s.len() + 16)
            .sum();
        words
            + self.surf_meta.len() * 16
            + self.fold_meta.len() * 16
            + (self.fold_off.len() + self.fold_surf.len() + self.post_off.len()) * 4
            + self.p_record.len() * 4
            + self.p_kinds.len() * 2
            + self.p_occ.len() * 4
            + self.occ.len() * 4
            + self.rf_off.len() * 4
            + self.rf_kind.len()
            + (self.first_fold.values().map(Vec::len).sum::<usize>()
                + self.first_surf.values().map(Vec::len).sum::<usize>())
                * 4
    }

    fn key_text(&self, cs: bool, key: u32) -> &str {
        if cs {
            &self.surfaces[key as usize]
        } else {
            &self.folded[key as usize]
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
                out.extend_from_slice(
                    &self.occ[self.p_occ[slot] as usize..self.p_occ[slot + 1] as usize],
                );
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

    /// The vocabulary keys an atom matches, with their raw scores, best
    /// first (ties by key text).
    fn matching_keys(&self, p: &Prepared) -> Vec<(u32, u32)> {
        let cs = p.atom.case_sensitive;
        let (texts, metas, first) = if cs {
            (&self.surfaces, &self.surf_meta, &self.first_surf)
        } else {
            (&self.folded, &self.fold_meta, &self.first_fold)
        };
        let mut out = Vec::new();
        let mut try_key = |k: usize| {
            let m = metas[k];
            if let Some(sc) = p.word_score(&texts[k], m.chars as usize, m.mask) {
                out.push((k as u32, sc));
            }
        };
        match p.by_first_char() {
            Some(c) => {
                if let Some(bucket) = first.get(&c) {
                    bucket.iter().for_each(|&k| try_key(k as usize));
                }
            }
            None => (0..texts.len()).for_each(&mut try_key),
        }
        out.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| texts[a.0 as usize].cmp(&texts[b.0 as usize]))
        });
        out
    }

    /// Whether field `fi` of record `r` counts for an atom.
    fn field_kind(&self, r: u32, fi: u32) -> FieldKind {
        self.rf_kind[self.rf_off[r as usize] as usize + fi as usize]
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
        // Candidate records: those with the first word.
        let mut cands: Vec<u32> = Vec::new();
        self.for_postings(cs, keys[0], |slot| cands.push(self.p_record[slot]));
        cands.sort_unstable();
        cands.dedup();
        let raw = phrase_score(keys.len());
        let mut touched = Vec::new();
        for r in cands {
            let occs: Vec<Vec<u32>> = keys.iter().map(|&k| self.occurrences(cs, k, r)).collect();
            if occs.iter().any(Vec::is_empty) {
                continue;
            }
            let mut best: Option<u32> = None;
            for &start in &occs[0] {
                let ok =
                    (1..occs.len()).all(|i| occs[i].binary_search(&(start + i as u32)).is_ok());
                if ok {
                    let kind = self.field_kind(r, start >> 16);
                    if p.field_ok(kind) {
                        let w = weighted(raw, kind.is_short());
                        best = Some(best.map_or(w, |b: u32| b.max(w)));
                    }
                }
            }
            if let Some(score) = best {
                out[r as usize] = Some(TermHit {
                    score,
                    raw,
                    key: u32::MAX,
                });
                touched.push(r);
            }
        }
        touched
    }

    /// Records an atom matches, each with its best weighted score and word.
    fn atom_hits(&self, p: &Prepared, out: &mut [Option<TermHit>]) -> Vec<u32> {
        if matches!(p.atom.kind, AtomKind::Phrase(_)) {
            return self.phrase_hits(p, out);
        }
        let cs = p.atom.case_sensitive;
        let field_bit = p.atom.field.map(|f| f.bit());
        let mut touched = Vec::new();
        for (key, raw) in self.matching_keys(p) {
            self.for_postings(cs, key, |slot| {
                let kinds = self.p_kinds[slot];
                let kinds = match field_bit {
                    Some(b) => kinds & b,
                    None => kinds,
                };
                if kinds == 0 {
                    return;
                }
                let r = self.p_record[slot];
                let score = weighted(raw, has_short(kinds));
                let cur = &mut out[r as usize];
                match cur {
                    None => {
                        *cur = Some(TermHit { score, raw, key });
                        touched.push(r);
                    }
                    Some(h) => {
                        if better(
                            (score, raw, self.key_text(cs, key)),
                            (h.score, h.raw, self.key_text(cs, h.key)),
                        ) {
                            *h = TermHit { score, raw, key };
                        }
                    }
                }
            });
        }
        touched
    }

    /// Ranked hits for a query: every record that all terms match, best
    /// first, ties in record (date) order. An empty query lists every record.
    pub fn search(&self, q: &Query) -> Vec<Hit> {
        if q.is_empty() {
            return (0..self.n as u32)
                .map(|record| Hit { record, score: 0 })
                .collect();
        }
        let mut excluded = vec![false; self.n];
        // Per positive term: best hit per record.
        let mut terms: Vec<TermResult> = Vec::new();
        for term in &q.terms {
            let prepared: Vec<Prepared> = term.alts.iter().map(Prepared::new).collect();
            if prepared.len() == 1 && prepared[0].atom.negated {
                let mut hits = vec![None; self.n];
                for r in self.atom_hits(&prepared[0], &mut hits) {
                    excluded[r as usize] = true;
                }
                continue;
            }
            // One atom, or any of several: the best of their scores.
            let mut best: Vec<Option<TermHit>> = vec![None; self.n];
            let mut touched: Vec<u32> = Vec::new();
            if prepared.len() == 1 {
                touched = self.atom_hits(&prepared[0], &mut best);
            } else {
                let mut merge =
                    |best: &mut Vec<Option<TermHit>>, r: usize, score: u32| match &mut best[r] {
                        None => {
                            best[r] = Some(TermHit {
                                score,
                                raw: score,
                                key: u32::MAX,
                            });
                            touched.push(r as u32);
                        }
                        Some(b) => b.score = b.score.max(score),
                    };
                for p in &prepared {
                    let mut hits = vec![None; self.n];
                    let t = self.atom_hits(p, &mut hits);
                    if p.atom.negated {
                        // A negated alternative holds for every record without the word.
                        let mut has = vec![false; self.n];
                        t.iter().for_each(|&r| has[r as usize] = true);
                        for r in (0..self.n).filter(|&r| !has[r]) {
                            merge(&mut best, r, 0);
                        }
                    } else {
                        for r in t {
                            let score = hits[r as usize].map_or(0, |h| h.score);
                            merge(&mut best, r as usize, score);
                        }
                    }
                }
            }
            let plain = term.plain_word().map(|_| prepared[0].clone());
            terms.push((best, touched, plain));
        }
        // Intersect, starting from the rarest term.
        let mut survivors: Vec<u32> = match terms.iter().min_by_key(|t| t.1.len()) {
            Some(t) => {
                let mut v = t.1.clone();
                v.sort_unstable();
                v.dedup();
                v
            }
            None => (0..self.n as u32).collect(),
        };
        survivors
            .retain(|&r| !excluded[r as usize] && terms.iter().all(|t| t.0[r as usize].is_some()));
        let mut hits: Vec<Hit> = survivors
            .into_iter()
            .map(|r| {
                let mut score: u32 = terms
                    .iter()
                    .map(|t| t.0[r as usize].map_or(0, |h| h.score))
                    .sum();
                // Consecutive plain words close together, in query order.
                for pair in terms.windows(2) {
                    if let (Some(a), Some(b)) = (&pair[0].2, &pair[1].2) {
                        let ka = pair[0].0[r as usize].expect("survivor").key;
                        let kb = pair[1].0[r as usize].expect("survivor").key;
                        let oa = self.occurrences(a.atom.case_sensitive, ka, r);
                        let ob = self.occurrences(b.atom.case_sensitive, kb, r);
                        score += proximity(&oa, &ob);
                    }
                }
                Hit { record: r, score }
            })
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.record.cmp(&b.record)));
        hits
    }
}

//! The search index: the vocabulary of distinct words, each with a posting
//! list of (record, field kinds, occurrences). A query term is matched
//! against the vocabulary (bucketed by first letter, with a character-set
//! prefilter), the postings of its matching words are merged into a score
//! per record, the terms' record sets are intersected, and only the
//! survivors are ranked. Snippets and highlights are left to the rows on
//! screen (`snippet.rs`).

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::document::Field;
use super::matcher::char_mask;
use super::query::{AtomKind, FieldKind, Query};
use super::score::{Prepared, better, pack, phrase_score, proximity, weighted};
use super::tokenize::{fold, tokenize_into};

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
    /// posting → where its occurrences (packed field and position) start
    /// in `occ`, and how many there are.
    p_occ: Vec<u32>,
    p_occ_len: Vec<u16>,
    occ: Vec<u32>,
    /// record → the kind of each of its fields (CSR).
    rf_off: Vec<u32>,
    rf_kind: Vec<FieldKind>,
}

/// A record's field kinds, for phrase checks.
const ALL_KINDS: [FieldKind; 11] = [
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
    FieldKind::MyNote,
];

/// The bits of the short field kinds.
const SHORT_MASK: u16 = {
    let mut m = 0u16;
    let mut i = 0;
    while i < ALL_KINDS.len() {
        if !matches!(
            ALL_KINDS[i],
            FieldKind::Passage | FieldKind::Note | FieldKind::MyNote
        ) {
            m |= 1 << ALL_KINDS[i] as u16;
        }
        i += 1;
    }
    m
};

fn has_short(kinds: u16) -> bool {
    kinds & SHORT_MASK != 0
}

/// One thread's share of an index being built: its records' vocabulary,
/// postings (in record order) and field kinds.
struct Partial {
    surfaces: Vec<Box<str>>,
    /// (surface, record, kinds, occurrence count).
    tmp: Vec<(u32, u32, u16, u32)>,
    tmp_occ: Vec<u32>,
    rf_off: Vec<u32>,
    rf_kind: Vec<FieldKind>,
}

impl Partial {
    fn build(
        records: std::ops::Range<usize>,
        fields: &(impl Fn(usize) -> Vec<Field> + Sync),
    ) -> Partial {
        let mut p = Partial {
            surfaces: Vec::new(),
            tmp: Vec::new(),
            tmp_occ: Vec::new(),
            rf_off: vec![0],
            rf_kind: Vec::new(),
        };
        // The vocabulary is small next to the text: keeping each word twice
        // (map key and list) costs little.
        let mut surf_id: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut local: Vec<(u32, u32, u16)> = Vec::new();
        for r in records {
            local.clear();
            let fs = fields(r);
            let mut toks = Vec::new();
            for (fi, f) in fs.iter().enumerate() {
                p.rf_kind.push(f.kind);
                toks.clear();
                tokenize_into(&f.text, &mut toks);
                for t in &toks {
                    let id = match surf_id.get(t.text) {
                        Some(&id) => id,
                        None => {
                            let id = p.surfaces.len() as u32;
                            p.surfaces.push(t.text.into());
                            surf_id.insert(t.text.into(), id);
                            id
                        }
                    };
                    local.push((id, pack(fi, t.pos), f.kind.bit()));
                }
            }
            p.rf_off.push(p.rf_kind.len() as u32);
            local.sort_unstable();
            let mut i = 0;
            while i < local.len() {
                let s = local[i].0;
                let mut kinds = 0u16;
                let start = p.tmp_occ.len();
                while i < local.len() && local[i].0 == s {
                    kinds |= local[i].2;
                    if p.tmp_occ.len() == start || *p.tmp_occ.last().expect("pushed") != local[i].1
                    {
                        p.tmp_occ.push(local[i].1);
                    }
                    i += 1;
                }
                p.tmp
                    .push((s, r as u32, kinds, (p.tmp_occ.len() - start) as u32));
            }
        }
        p
    }
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
    /// Posting slots of the best word's surfaces in this record, so its
    /// occurrences need no search; `NO_SLOTS` when there were too many.
    slots: [u32; 2],
    nslots: u8,
}

const NO_SLOTS: u8 = u8::MAX;

/// Above this many postings, a term's merge is split across two threads.
const PARALLEL_POSTINGS: usize = 150_000;

impl Index {
    /// Builds the index of `records`, each given as its fields.
    pub fn build(records: Vec<Vec<Field>>) -> Index {
        Index::build_with(records.len(), |i| records[i].clone())
    }

    /// Builds the index of `n` records, asking `fields` for each one's
    /// fields; the work is split across two threads.
    pub fn build_with(n: usize, fields: impl Fn(usize) -> Vec<Field> + Sync) -> Index {
        let mid = n / 2;
        let (a, b) = if n >= 2_000 {
            std::thread::scope(|sc| {
                let h = sc.spawn(|| Partial::build(mid..n, &fields));
                (
                    Partial::build(0..mid, &fields),
                    h.join().expect("index thread"),
                )
            })
        } else {
            (Partial::build(0..n, &fields), Partial::build(n..n, &fields))
        };
        Index::merge(n, a, b)
    }

    fn merge(n: usize, a: Partial, b: Partial) -> Index {
        let mut ix = Index {
            n,
            ..Index::default()
        };
        // One vocabulary: a's ids stay; b's are mapped onto it.
        let mut surf_id: FxHashMap<Box<str>, u32> = FxHashMap::default();
        surf_id.reserve(a.surfaces.len() + b.surfaces.len() / 4);
        for (i, s) in a.surfaces.iter().enumerate() {
            surf_id.insert(s.clone(), i as u32);
        }
        ix.surfaces = a.surfaces;
        let remap: Vec<u32> = b
            .surfaces
            .into_iter()
            .map(|s| match surf_id.get(&s) {
                Some(&id) => id,
                None => {
                    let id = ix.surfaces.len() as u32;
                    surf_id.insert(s.clone(), id);
                    ix.surfaces.push(s);
                    id
                }
            })
            .collect();
        drop(surf_id);
        ix.rf_off = a.rf_off;
        let shift = *ix.rf_off.last().unwrap_or(&0);
        ix.rf_off.extend(b.rf_off.iter().skip(1).map(|o| o + shift));
        ix.rf_kind = a.rf_kind;
        ix.rf_kind.extend(b.rf_kind);
        // Postings grouped by surface; a's records come before b's, so a
        // counting sort keeps record order within each surface.
        let ns = ix.surfaces.len();
        let sid = |part: usize, s: u32| if part == 0 { s } else { remap[s as usize] };
        let mut count = vec![0u32; ns + 1];
        for (part, tmp) in [&a.tmp, &b.tmp].into_iter().enumerate() {
            for p in tmp {
                count[sid(part, p.0) as usize + 1] += 1;
            }
        }
        for i in 0..ns {
            count[i + 1] += count[i];
        }
        ix.post_off = count.clone();
        let np = a.tmp.len() + b.tmp.len();
        ix.p_record = vec![0; np];
        ix.p_kinds = vec![0; np];
        ix.p_occ = vec![0; np];
        ix.p_occ_len = vec![0; np];
        // Occurrences stay in record order (all of a record's words side by
        // side); each posting points at its own.
        let a_occ = a.tmp_occ.len() as u32;
        let mut cursor = count;
        for (part, tmp) in [&a.tmp, &b.tmp].into_iter().enumerate() {
            let mut at = if part == 0 { 0 } else { a_occ };
            for p in tmp {
                let s = sid(part, p.0) as usize;
                let slot = cursor[s] as usize;
                cursor[s] += 1;
                ix.p_record[slot] = p.1;
                ix.p_kinds[slot] = p.2;
                ix.p_occ[slot] = at;
                ix.p_occ_len[slot] = p.3.min(u32::from(u16::MAX)) as u16;
                at += p.3;
            }
        }
        drop((a.tmp, b.tmp));
        ix.occ = a.tmp_occ;
        ix.occ.extend_from_slice(&b.tmp_occ);
        drop(b.tmp_occ);
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
            + self.p_occ_len.len() * 2
            + self.occ.len() * 4
            + self.rf_off.len() * 4
            + self.rf_kind.len()
            + (self.first_fold.values().map(Vec::len).sum::<usize>()
                + self.first_surf.values().map(Vec::len).sum::<usize>())
                * 4
    }

    /// The occurrences of a posting.
    fn occ_of(&self, slot: usize) -> &[u32] {
        let start = self.p_occ[slot] as usize;
        &self.occ[start..start + self.p_occ_len[slot] as usize]
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
                    slots: [0; 2],
                    nslots: 0,
                });
                touched.push(r);
            }
        }
        touched
    }

    /// Merges the postings of matched keys into the best hit per record, for
    /// the records in `base..base + out.len()`. Returns the records touched.
    fn merge_postings(
        &self,
        cs: bool,
        field_bit: Option<u16>,
        keys: &[(u32, u32)],
        base: u32,
        out: &mut [Option<TermHit>],
    ) -> Vec<u32> {
        let end = base + out.len() as u32;
        let mut touched = Vec::new();
        for &(key, raw) in keys {
            let mut each_surface = |s: usize| {
                let range = self.post_off[s] as usize..self.post_off[s + 1] as usize;
                let recs = &self.p_record[range.clone()];
                let from = range.start + recs.partition_point(|&r| r < base);
                let to = range.start + recs.partition_point(|&r| r < end);
                for slot in from..to {
                    let kinds = self.p_kinds[slot] & field_bit.unwrap_or(u16::MAX);
                    if kinds == 0 {
                        continue;
                    }
                    let r = self.p_record[slot];
                    let score = weighted(raw, has_short(kinds));
                    let cur = &mut out[(r - base) as usize];
                    match cur {
                        None => {
                            *cur = Some(TermHit {
                                score,
                                raw,
                                key,
                                slots: [slot as u32, 0],
                                nslots: 1,
                            });
                            touched.push(r);
                        }
                        Some(h) if h.key == key => {
                            // Another surface of the same word.
                            h.score = h.score.max(score);
                            match h.nslots {
                                1 => {
                                    h.slots[1] = slot as u32;
                                    h.nslots = 2;
                                }
                                _ => h.nslots = NO_SLOTS,
                            }
                        }
                        Some(h) => {
                            if better(
                                (score, raw, self.key_text(cs, key)),
                                (h.score, h.raw, self.key_text(cs, h.key)),
                            ) {
                                *h = TermHit {
                                    score,
                                    raw,
                                    key,
                                    slots: [slot as u32, 0],
                                    nslots: 1,
                                };
                            }
                        }
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
    fn atom_hits(&self, p: &Prepared, out: &mut [Option<TermHit>]) -> Vec<u32> {
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

    /// The occurrences of a term's best word in a record.
    fn best_occurrences(&self, cs: bool, h: &TermHit, record: u32, buf: &mut Vec<u32>) {
        buf.clear();
        if h.nslots == NO_SLOTS {
            buf.extend(self.occurrences(cs, h.key, record));
            return;
        }
        for &slot in &h.slots[..h.nslots as usize] {
            let slot = slot as usize;
            buf.extend_from_slice(self.occ_of(slot));
        }
        if h.nslots > 1 {
            buf.sort_unstable();
        }
    }

    /// Records that have a word a negated atom names, among `alive` (which
    /// it clears for them); stops once none is left.
    fn exclude(&self, p: &Prepared, alive: &mut [bool], mut remaining: usize) -> usize {
        let cs = p.atom.case_sensitive;
        if matches!(p.atom.kind, AtomKind::Phrase(_)) {
            let mut hits = vec![None; self.n];
            for r in self.phrase_hits(p, &mut hits) {
                if std::mem::take(&mut alive[r as usize]) {
                    remaining -= 1;
                }
            }
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
            let mut best: Vec<Option<TermHit>> = vec![None; self.n];
            let mut touched: Vec<u32> = Vec::new();
            if prepared.len() == 1 {
                touched = self.atom_hits(&prepared[0], &mut best);
            } else {
                // Any of several: the best of their scores.
                let mut merge =
                    |best: &mut Vec<Option<TermHit>>, r: usize, score: u32| match &mut best[r] {
                        None => {
                            best[r] = Some(TermHit {
                                score,
                                raw: score,
                                key: u32::MAX,
                                slots: [0; 2],
                                nslots: 0,
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
                v.retain(|&r| terms.iter().all(|t| t.0[r as usize].is_some()));
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
            .filter(|&i| terms[i - 1].2.is_some() && terms[i].2.is_some())
            .map(|i| (i - 1, i))
            .collect();
        let rank = |rs: &[u32]| -> Vec<Hit> {
            let (mut oa, mut ob) = (Vec::new(), Vec::new());
            rs.iter()
                .map(|&r| {
                    let mut score: u32 = terms
                        .iter()
                        .map(|t| t.0[r as usize].map_or(0, |h| h.score))
                        .sum();
                    for &(i, j) in &pairs {
                        let (ha, hb) = (
                            terms[i].0[r as usize].expect("survivor"),
                            terms[j].0[r as usize].expect("survivor"),
                        );
                        self.best_occurrences(
                            terms[i].2.as_ref().expect("plain").atom.case_sensitive,
                            &ha,
                            r,
                            &mut oa,
                        );
                        self.best_occurrences(
                            terms[j].2.as_ref().expect("plain").atom.case_sensitive,
                            &hb,
                            r,
                            &mut ob,
                        );
                        score += proximity(&oa, &ob);
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
        hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.record.cmp(&b.record)));
        hits
    }
}

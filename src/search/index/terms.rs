//! A term's hits (its best hit per record and the records it touched),
//! and the few most recent terms' hits kept for the next keystrokes: as a
//! query is typed, every key but the ones that change a term searches the
//! terms before it again (`stalin air c` after `stalin air `), and those
//! are most of a long query's work. The kept hits are what the term gives,
//! computed once: the index does not change under them.

use std::sync::{Arc, Mutex};

use super::Index;
use crate::search::query::Term;
use crate::search::score::Prepared;

/// How a term matched one record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct TermHit {
    pub(super) score: u32,
    /// The best word: a folded id or a surface id (see `case_sensitive`).
    pub(super) key: u32,
    /// Posting slots of the best word's surfaces in this record, so its
    /// occurrences need no search; `NO_SLOTS` when there were too many.
    pub(super) slots: [u32; 2],
    pub(super) nslots: u8,
}

pub(super) const NO_SLOTS: u8 = u8::MAX;

impl TermHit {
    /// A hit with a score and no one word (a phrase, or any of several).
    pub(super) fn any(score: u32) -> TermHit {
        TermHit {
            score,
            key: u32::MAX,
            slots: [0; 2],
            nslots: 0,
        }
    }
}

/// How many terms' hits are kept (each is a buffer as long as the corpus).
const KEEP: usize = 4;

/// A term's hits: the best per record, and the records that have one.
pub(super) struct TermData {
    pub best: Vec<Option<TermHit>>,
    pub touched: Vec<u32>,
}

/// The most recent terms and their hits, the newest last.
#[derive(Default)]
pub(super) struct TermCache {
    kept: Mutex<Vec<(Term, Arc<TermData>)>>,
}

impl Index {
    /// A term's hits (not a single negated atom: those are taken out of
    /// the survivors instead), from the cache when it has them.
    pub(super) fn term_hits(&self, term: &Term, prepared: &[Prepared]) -> Arc<TermData> {
        if let Ok(mut kept) = self.term_cache.kept.lock()
            && let Some(i) = kept.iter().position(|(t, _)| t == term)
        {
            let e = kept.remove(i);
            let data = Arc::clone(&e.1);
            kept.push(e);
            return data;
        }
        let data = Arc::new(self.compute_term(prepared));
        let evicted = match self.term_cache.kept.lock() {
            Ok(mut kept) => {
                kept.push((term.clone(), Arc::clone(&data)));
                (kept.len() > KEEP).then(|| kept.remove(0))
            }
            Err(_) => None,
        };
        // An evicted buffer no search holds any more goes back to the pool.
        if let Some((_, old)) = evicted
            && let Ok(old) = Arc::try_unwrap(old)
        {
            self.best_pool.put(old.best, &old.touched);
        }
        data
    }

    fn compute_term(&self, prepared: &[Prepared]) -> TermData {
        let mut best: Vec<Option<TermHit>> = self.best_pool.take(self.n);
        if let [p] = prepared {
            let touched = self.atom_hits(p, &mut best);
            return TermData { best, touched };
        }
        // Any of several: the best of their scores.
        let mut touched: Vec<u32> = Vec::new();
        let mut merge = |best: &mut Vec<Option<TermHit>>, r: usize, score: u32| match &mut best[r] {
            None => {
                best[r] = Some(TermHit::any(score));
                touched.push(r as u32);
            }
            Some(b) => b.score = b.score.max(score),
        };
        for p in prepared {
            let mut hits = self.best_pool.take(self.n);
            let t = self.atom_hits(p, &mut hits);
            if p.atom.negated {
                // A negated alternative holds for every record without the word.
                let mut has = vec![false; self.n];
                t.iter().for_each(|&r| has[r as usize] = true);
                for r in (0..self.n).filter(|&r| !has[r]) {
                    merge(&mut best, r, 0);
                }
            } else {
                for &r in &t {
                    let score = hits[r as usize].map_or(0, |h| h.score);
                    merge(&mut best, r as usize, score);
                }
            }
            self.best_pool.put(hits, &t);
        }
        TermData { best, touched }
    }
}

impl Index {
    /// Forgets the kept terms, so the next search computes every term (for
    /// tests, and for benchmarks that time a search from a known state).
    /// Their buffers go back to the pool, as an evicted term's do.
    pub fn forget_terms(&self) {
        let kept = match self.term_cache.kept.lock() {
            Ok(mut kept) => std::mem::take(&mut *kept),
            Err(_) => return,
        };
        for (_, data) in kept {
            if let Ok(data) = Arc::try_unwrap(data) {
                self.best_pool.put(data.best, &data.touched);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::search::{index_corpus, parse};

    /// Typing key by key (the cache in use, terms evicted and brought
    /// back) answers every prefix as an index that keeps nothing does.
    #[test]
    fn kept_terms_answer_as_computed_ones() {
        let corpus = crate::corpus::synth::generate(3_000, 11);
        let index = index_corpus(&corpus);
        let queries = [
            "stalin air cvoer",
            "roshchin | shtykov mao",
            "!disputed mao 1950-10",
            "\"final decision\" chinese",
            "stalin air cover stalin",
            "mao | !kim stalin",
        ];
        for q in queries.iter().chain(queries.iter().rev()) {
            for (i, c) in q.char_indices() {
                let Ok(p) = parse(&q[..i + c.len_utf8()]) else {
                    continue;
                };
                let kept = index.search(&p);
                let again = index.search(&p);
                index.forget_terms();
                let fresh = index.search(&p);
                assert_eq!(kept, fresh, "{:?}", &q[..i + c.len_utf8()]);
                assert_eq!(again, fresh, "{:?}", &q[..i + c.len_utf8()]);
            }
        }
    }
}

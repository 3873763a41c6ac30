//! Where a corpus's index comes from: kept from an earlier run (the
//! start-up cache implements [`IndexStore`]), updated from one kept for
//! other contents or other notes, or built. An update reads only the
//! records whose fields changed (`index/update.rs`), so an edited telegram
//! file or a changed note costs a fraction of a build.

use super::{Index, document, index_corpus_with_progress};
use crate::corpus::Corpus;
use crate::notes::Notes;

/// What a store holds for a corpus and a set of notes.
pub enum Kept {
    /// An index of these contents with these notes.
    Exact(Index),
    /// An index of other contents or other notes (the corpus changed
    /// since, or the notes): a base to update from.
    Base(Index),
}

/// Where the worker keeps and finds the index of its corpus, so a start
/// need not build it again.
pub trait IndexStore: Send + Sync {
    /// The index kept for these notes, else one to update from, if any;
    /// `Err` is a one-line notice (a kept index was damaged, and is built
    /// again).
    fn find(&self, notes: &Notes) -> Result<Option<Kept>, String>;
    /// Keeps an index built with these notes; `Err` is a one-line notice.
    fn save(&self, notes: &Notes, index: &Index) -> Result<(), String>;
}

/// How an index was come by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    Kept,
    Updated,
    Built,
}

/// The index of `corpus` with `notes`: kept in `store`, else updated from
/// what it keeps, else built (telling `progress` how far, %). An index
/// updated or built is the caller's to keep. The notice, if any, says a
/// kept index could not be used.
pub fn index_for(
    corpus: &Corpus,
    notes: &Notes,
    store: Option<&dyn IndexStore>,
    progress: &(dyn Fn(u8) + Sync),
) -> (Index, How, Option<String>) {
    let t = std::time::Instant::now();
    let (found, notice) = match store.map(|s| s.find(notes)) {
        Some(Ok(found)) => (found, None),
        Some(Err(notice)) => (None, Some(notice)),
        None => (None, None),
    };
    let names = document::Names::of(corpus);
    let mine = notes.by_telegram();
    let fields =
        |i: usize| document::fields_named_with_notes(corpus, &names, &corpus.telegrams[i], &mine);
    let (ix, how) = match found {
        Some(Kept::Exact(ix)) => (Some(ix), How::Kept),
        Some(Kept::Base(base)) => {
            let _off = crate::huge_pages::off();
            (base.updated(corpus.telegrams.len(), fields), How::Updated)
        }
        None => (None, How::Built),
    };
    let (ix, how) = match ix {
        Some(ix) => (ix, how),
        None => (
            index_corpus_with_progress(corpus, notes, progress),
            How::Built,
        ),
    };
    crate::debug_log::line(format_args!(
        "search index {}: {:.1} ms ({} records, {} words)",
        match how {
            How::Kept => "kept",
            How::Updated => "updated from one kept",
            How::Built => "built",
        },
        t.elapsed().as_secs_f64() * 1000.0,
        ix.len(),
        ix.vocabulary()
    ));
    (ix, how, notice)
}

/// `index` (of `corpus` with the notes `was`) with the notes `now`: the
/// records whose notes changed are read again; `None` when so many did
/// that building anew is as quick.
pub fn with_notes(index: &Index, corpus: &Corpus, was: &Notes, now: &Notes) -> Option<Index> {
    let t = std::time::Instant::now();
    let _off = crate::huge_pages::off();
    let changed = records_with_other_notes(corpus, was, now);
    let updated = index.updated_records(&changed, |i| {
        document::fields_with_notes(corpus, &corpus.telegrams[i], now)
    });
    crate::debug_log::line(format_args!(
        "search index {} for the notes (changed on {} telegrams): {:.1} ms",
        if updated.is_some() {
            "updated"
        } else {
            "to be built"
        },
        changed.len(),
        t.elapsed().as_secs_f64() * 1000.0
    ));
    updated
}

/// The records whose notes differ between `a` and `b` (the notes' texts,
/// in order: what the index reads of them).
pub fn records_with_other_notes(corpus: &Corpus, a: &Notes, b: &Notes) -> Vec<u32> {
    let (ta, tb) = (a.by_telegram(), b.by_telegram());
    let differ: std::collections::HashSet<&str> = ta
        .telegrams()
        .chain(tb.telegrams())
        .filter(|k| {
            !ta.on(k)
                .map(|(_, n)| &n.text)
                .eq(tb.on(k).map(|(_, n)| &n.text))
        })
        .collect();
    if differ.is_empty() {
        return Vec::new();
    }
    corpus
        .telegrams
        .iter()
        .enumerate()
        .filter(|(_, t)| differ.contains(t.id.as_str()))
        .map(|(i, _)| i as u32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::{Edit, MyNote};

    fn note(id: &str, telegram: &str, text: &str) -> MyNote {
        MyNote {
            id: id.into(),
            telegram: telegram.into(),
            align: None,
            witness: None,
            stance: None,
            text: text.into(),
            created: "2026-12-02T00:00:00Z".into(),
            edited: None,
        }
    }

    #[test]
    fn only_the_telegrams_whose_notes_changed_are_read_again() {
        let corpus = Corpus::embedded().unwrap();
        let (t1, t2) = (&corpus.telegrams[3].id, &corpus.telegrams[9].id);
        let mut a = Notes::default();
        a.apply(&Edit::Add(note("a", t1, "first")));
        a.apply(&Edit::Add(note("b", t2, "second")));
        let mut b = a.clone();
        assert!(records_with_other_notes(&corpus, &a, &b).is_empty());
        b.apply(&Edit::Add(note("c", t2, "third")));
        assert_eq!(records_with_other_notes(&corpus, &a, &b), vec![9]);
        // An index updated with the new notes answers as one built with them.
        let old = crate::search::index_corpus_with_notes(&corpus, &a);
        let new = with_notes(&old, &corpus, &a, &b).expect("one record");
        let built = crate::search::index_corpus_with_notes(&corpus, &b);
        for q in ["third by:me", "first", "by:me", "mao stalin"] {
            let q = crate::search::parse(q).unwrap();
            assert_eq!(new.search(&q), built.search(&q), "{q:?}");
        }
    }
}

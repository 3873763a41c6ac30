//! Fuzzy search across the corpus: a query language (query.rs), words and
//! how they match (tokenize/: words split in split.rs; matcher.rs, score.rs, and the other
//! spellings of names in names.rs), what of a telegram is
//! searched (document.rs), the inverted index (index/: built in build.rs,
//! queried in lookup.rs, updated in update.rs; kept, updated or built in kept.rs), snippets for the rows on screen (snippet.rs, their
//! one line cut in excerpt.rs, the words' forms kept in forms.rs), and
//! a worker thread that keeps scoring off the UI thread (worker.rs).

pub mod document;
pub mod excerpt;
pub mod field;
pub mod forms;
pub mod index;
pub mod kept;
pub mod matcher;
pub mod names;
pub mod query;
pub mod score;
pub mod snippet;
pub mod tokenize;
pub mod worker;

pub use index::{Hit, Index};
pub use query::{ParseError, Query, parse};

use crate::corpus::Corpus;

/// Builds the index of a corpus, one record per telegram in corpus order.
/// The index of a corpus with the reader's own notes searchable too.
pub fn index_corpus_with_notes(corpus: &Corpus, notes: &crate::notes::Notes) -> Index {
    index_corpus_with_progress(corpus, notes, &|_| {})
}

/// [`index_corpus_with_notes`], telling `progress` how far it has come (%).
pub fn index_corpus_with_progress(
    corpus: &Corpus,
    notes: &crate::notes::Notes,
    progress: &(dyn Fn(u8) + Sync),
) -> Index {
    let names = document::Names::of(corpus);
    let mine = notes.by_telegram();
    Index::build_with_progress(
        corpus.telegrams.len(),
        |i| document::fields_named_with_notes(corpus, &names, &corpus.telegrams[i], &mine),
        progress,
    )
}

pub fn index_corpus(corpus: &Corpus) -> Index {
    let names = document::Names::of(corpus);
    Index::build_with(corpus.telegrams.len(), |i| {
        document::fields_named(corpus, &names, &corpus.telegrams[i])
    })
}

//! `shifr search`: the telegrams matching a query, best first, with a
//! snippet of where each matched; as lines or JSON.

use super::error::eprint;
use super::error::{print, print_json};
use super::load::load_cached;
use super::{Cli, CliError};
use crate::text::one_line;

/// `shifr search`.
pub(super) fn run(cli: &Cli, query: &str, limit: usize, json: bool) -> Result<(), CliError> {
    // The query first: a typo is reported before any corpus is read.
    let q = crate::search::parse(query)
        .map_err(|e| CliError::usage(format!("shifr: bad query: {e}")))?;
    let loaded = load_cached(cli.corpus.as_ref(), false)?;
    let corpus = loaded.corpus;
    // An empty query asks for nothing, so it finds nothing (the index would
    // list every telegram with score 0).
    // With --notes FILE, your notes are searched too (by:me).
    let mine = super::load::explicit_notes(cli);
    let hits = if q.is_empty() {
        Vec::new()
    } else {
        cached_index(&corpus, &mine, loaded.store.as_ref()).search(&q)
    };
    let shown: Vec<_> = hits.iter().take(limit).collect();
    if json {
        let rows: Vec<serde_json::Value> = shown
            .iter()
            .map(|h| {
                let t = &corpus.telegrams[h.record as usize];
                let fields = crate::search::document::fields_with_notes(&corpus, t, &mine);
                let snip = crate::search::snippet::snippet(&q, &fields, 100);
                serde_json::json!({
                    "id": t.id,
                    "score": h.score,
                    "date": t.date.to_string(),
                    "from": t.from,
                    "to": t.to,
                    "title": t.title,
                    "field": snip.as_ref().map(|s| s.kind.label()),
                    "snippet": snip.as_ref().map(|s| s.text.clone()),
                })
            })
            .collect();
        let mut s = serde_json::to_string_pretty(
            &serde_json::json!({"query": query, "total": hits.len(), "hits": rows}),
        )
        .expect("JSON");
        s.push('\n');
        return print_json(&s);
    }
    let text = {
        let mut s = String::new();
        for h in &shown {
            let t = &corpus.telegrams[h.record as usize];
            let fields = crate::search::document::fields_with_notes(&corpus, t, &mine);
            let snip = crate::search::snippet::snippet(&q, &fields, 90);
            // One line each, whatever the corpus's names and titles hold.
            s.push_str(&format!(
                "{:<24} {:>5}  {} · {}\n",
                t.id,
                h.score,
                one_line(&corpus.chain(t)),
                one_line(&t.title)
            ));
            if let Some(sn) = snip {
                s.push_str(&format!(
                    "{:<31}{}: {}\n",
                    "",
                    sn.kind.label(),
                    one_line(&sn.text)
                ));
            }
        }
        s.push_str(&format!("{} of {} hits\n", shown.len(), hits.len()));
        s
    };
    print(&text)
}

/// The index of the corpus with these notes: from the start-up cache when
/// it holds one, else built (and kept there for next time).
fn cached_index(
    corpus: &crate::corpus::Corpus,
    notes: &crate::notes::Notes,
    store: Option<&crate::cache::Store>,
) -> crate::search::Index {
    if let Some(store) = store {
        match store.load(notes) {
            Ok(Some(ix)) => return ix,
            Ok(None) => {}
            Err(notice) => eprint(&notice),
        }
    }
    let ix = crate::search::index_corpus_with_notes(corpus, notes);
    if let Some(Err(notice)) = store.map(|s| s.save(notes, &ix)) {
        eprint(&notice);
    }
    ix
}

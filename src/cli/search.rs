//! `shifr search`: the telegrams matching a query, best first, with a
//! snippet of where each matched; as lines or JSON.

use super::error::eprint;
use super::error::{print, print_json};
use super::load::load_cached_later;
use super::{Cli, CliError};
use crate::text::one_line;

/// `shifr search`.
pub(super) fn run(cli: &Cli, query: &str, limit: usize, json: bool) -> Result<(), CliError> {
    // The query first: a typo is reported before any corpus is read.
    let q = crate::search::parse(query)
        .map_err(|e| CliError::usage(format!("shifr: bad query: {e}")))?;
    let mut loaded = load_cached_later(cli.corpus.as_ref(), false)?;
    // An empty query asks for nothing, so it finds nothing (the index would
    // list every telegram with score 0).
    // With --notes FILE, your notes are searched too (by:me).
    let mine = super::load::explicit_notes(cli);
    let (hits, to_keep) = if q.is_empty() {
        (Vec::new(), None)
    } else {
        let (ix, fresh) = cached_index(&loaded.corpus, &mine, loaded.store.as_ref());
        (ix.search(&q), fresh.then_some(ix))
    };
    let answered = answer(&loaded.corpus, &mine, &q, query, &hits, limit, json);
    // The caches are written once the answer is out, so that it does not
    // wait for them (the process does, so that the next one is warm).
    if let Some(notice) = loaded.write_pending() {
        eprint(&notice);
    }
    if let (Some(ix), Some(store)) = (to_keep, &loaded.store)
        && let Err(notice) = store.save(&mine, &ix)
    {
        eprint(&notice);
    }
    answered
}

/// Prints the first `limit` of `hits`, as lines or JSON.
fn answer(
    corpus: &crate::corpus::Corpus,
    mine: &crate::notes::Notes,
    q: &crate::search::Query,
    query: &str,
    hits: &[crate::search::Hit],
    limit: usize,
    json: bool,
) -> Result<(), CliError> {
    let shown: Vec<_> = hits.iter().take(limit).collect();
    if json {
        let rows: Vec<serde_json::Value> = shown
            .iter()
            .map(|h| {
                let t = &corpus.telegrams[h.record as usize];
                let fields = crate::search::document::fields_with_notes(corpus, t, mine);
                let snip = crate::search::snippet::snippet(q, &fields, 100);
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
            let fields = crate::search::document::fields_with_notes(corpus, t, mine);
            let snip = crate::search::snippet::snippet(q, &fields, 90);
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
/// it holds one, else updated from one it holds or built; `true` when it
/// is to be kept there for next time.
fn cached_index(
    corpus: &crate::corpus::Corpus,
    notes: &crate::notes::Notes,
    store: Option<&crate::cache::Store>,
) -> (crate::search::Index, bool) {
    use crate::search::kept::{How, IndexStore, index_for};
    let (ix, how, notice) = index_for(corpus, notes, store.map(|s| s as &dyn IndexStore), &|_| {});
    if let Some(notice) = notice {
        eprint(&notice);
    }
    (ix, how != How::Kept && store.is_some())
}

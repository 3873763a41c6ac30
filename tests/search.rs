//! Search on the bundled corpus: ranking, fields, negation, scripts; the
//! search overlay driven by keys; `shifr search`.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use common::app::*;
use common::*;
use shifr::app::{Effect, Event};
use shifr::corpus::{Corpus, Status};
use shifr::search::{Index, index_corpus, parse};
use shifr::ui::search::Search;

fn setup() -> (Arc<Corpus>, Index) {
    let c = corpus();
    let ix = index_corpus(&c);
    (c, ix)
}

fn ids(c: &Corpus, ix: &Index, q: &str) -> Vec<String> {
    ix.search(&parse(q).unwrap())
        .iter()
        .map(|h| c.telegrams[h.record as usize].id.clone())
        .collect()
}

#[test]
fn a_half_remembered_phrase_finds_stalins_4_october_telegram_first() {
    let (c, ix) = setup();
    assert_eq!(ids(&c, &ix, "shld we fear")[0], "1950-10-04-stalin-mao");
    assert_eq!(ids(&c, &ix, "should we fear")[0], "1950-10-04-stalin-mao");
    assert_eq!(
        ids(&c, &ix, "stalin air cvoer")[0],
        "1950-07-05-stalin-zhou",
        "a typo in cover"
    );
}

#[test]
fn inchon_finds_the_telegrams_and_the_notes_on_it() {
    let (c, ix) = setup();
    let q = parse("inchon").unwrap();
    let hits = ix.search(&q);
    assert!(hits.len() >= 5);
    let kinds: BTreeSet<&str> = hits
        .iter()
        .filter_map(|h| {
            let t = &c.telegrams[h.record as usize];
            shifr::search::snippet::snippet(&q, &shifr::search::document::fields(&c, t), 80)
                .map(|s| s.kind.label())
        })
        .collect();
    assert!(kinds.contains("note"), "{kinds:?}");
    assert!(
        kinds.contains("text") || kinds.contains("title"),
        "{kinds:?}"
    );
    assert!(ids(&c, &ix, "inchon").contains(&"1950-08-mao-kim".to_string()));
}

#[test]
fn from_stalin_to_kim_lists_exactly_stalins_messages_to_kim() {
    let (c, ix) = setup();
    let got: BTreeSet<String> = ids(&c, &ix, "from:stalin to:kim").into_iter().collect();
    let want: BTreeSet<String> = c
        .telegrams
        .iter()
        .filter(|t| t.from.iter().any(|p| p == "stalin") && t.to.iter().any(|p| p == "kim"))
        .map(|t| t.id.clone())
        .collect();
    assert_eq!(got, want);
    assert!(want.len() >= 4);
}

#[test]
fn negation_excludes() {
    let (c, ix) = setup();
    let with: Vec<String> = ids(&c, &ix, "mao");
    let without: Vec<String> = ids(&c, &ix, "mao !disputed");
    assert!(without.len() < with.len());
    for id in &without {
        let t = c.telegram(id).unwrap();
        assert_ne!(t.status, Status::Disputed, "{id}");
    }
}

#[test]
fn a_cyrillic_or_chinese_alias_finds_the_person() {
    let (c, ix) = setup();
    let got: BTreeSet<String> = ids(&c, &ix, "Рощин").into_iter().collect();
    let want: BTreeSet<String> = c
        .telegrams
        .iter()
        .filter(|t| {
            t.from
                .iter()
                .chain(&t.to)
                .chain(&t.via)
                .any(|p| p == "roshchin")
        })
        .map(|t| t.id.clone())
        .collect();
    assert!(want.is_subset(&got), "{want:?} ⊄ {got:?}");
    let mao: BTreeSet<String> = ids(&c, &ix, "毛泽东").into_iter().collect();
    assert!(mao.contains("1950-10-02-mao-stalin"));
}

#[test]
fn an_empty_query_shows_everything_in_date_order() {
    let (c, ix) = setup();
    let all = ids(&c, &ix, "");
    let want: Vec<String> = c.telegrams.iter().map(|t| t.id.clone()).collect();
    assert_eq!(all, want);
}

#[test]
fn dates_in_several_forms() {
    let (c, ix) = setup();
    assert_eq!(ids(&c, &ix, "1950-10-02")[0], "1950-10-02-mao-stalin");
    assert_eq!(ids(&c, &ix, "10-02")[0], "1950-10-02-mao-stalin");
    assert_eq!(ids(&c, &ix, "2 oct")[0], "1950-10-02-mao-stalin");
    // Sent or received in October 1950.
    for id in ids(&c, &ix, "date:1950-10") {
        let t = c.telegram(&id).unwrap();
        let october = |d: &shifr::corpus::Date| d.year == 1950 && d.month == Some(10);
        assert!(
            october(&t.date) || t.received.is_some_and(|r| october(&r.date)),
            "{id}"
        );
    }
}

fn searching() -> Harness {
    app(120, 40)
}

#[test]
fn the_overlay_types_ranks_and_jumps_to_the_hit() {
    let mut a = searching();
    a.press("/").unwrap();
    assert_eq!(a.mode(), "SEARCH");
    a.press("s h l d space w e space f e a r").unwrap();
    let s = a.top_as::<Search>().expect("searching");
    assert_eq!(s.query, "shld we fear");
    assert!(s.current());
    a.press("enter").unwrap();
    assert!((a.overlays() == 0));
    assert_eq!(a.telegram().unwrap().id, "1950-10-04-stalin-mao");
    assert_eq!(a.focus, shifr::app::Pane::Message);
    assert!(
        !a.app.message_highlights().is_empty(),
        "the match is highlighted in the message"
    );
    assert_eq!(a.hit_position().as_deref(), Some("hit 1/1"));
}

#[test]
fn esc_cancels_and_restores_the_selection() {
    let mut a = searching();
    a.press("j j j").unwrap();
    let before = (a.list.selected, a.open);
    a.press("/ i n c h o n down down esc").unwrap();
    assert!((a.overlays() == 0));
    assert_eq!((a.list.selected, a.open), before);
}

#[test]
fn n_and_n_step_through_hits_wrapping() {
    let mut a = searching();
    a.press("/ i n c h o n enter").unwrap();
    let total = a.last_search.as_ref().unwrap().hits.len();
    assert!(total > 2);
    let first = a.open;
    a.press("n").unwrap();
    assert_eq!(a.hit_position(), Some(format!("hit 2/{total}")));
    a.press("N N").unwrap();
    assert_eq!(
        a.hit_position(),
        Some(format!("hit {total}/{total}")),
        "wraps backwards"
    );
    a.press("n").unwrap();
    assert_eq!(a.open, first);
}

#[test]
fn n_before_any_search_says_so() {
    let mut a = searching();
    a.press("n").unwrap();
    assert!(a.flash.as_deref().unwrap().contains("no search yet"));
}

#[test]
fn query_errors_show_in_the_overlay_not_a_panic() {
    let mut a = searching();
    a.press("/ f r o : x").unwrap();
    let s = a.top_as::<Search>().expect("searching");
    assert!(s.error.as_ref().unwrap().message.contains("unknown field"));
    let text = screen(&a);
    assert!(text.contains("unknown field 'fro:'"), "{text}");
    a.press("ctrl-u \" m a o").unwrap();
    let s = a.top_as::<Search>().expect("searching");
    assert!(
        s.error
            .as_ref()
            .unwrap()
            .message
            .contains("unterminated quote")
    );
}

#[test]
fn stale_results_are_dropped() {
    let mut a = app(120, 40);
    // Keys without their effects run: the queries wait, as the search
    // thread's answers do.
    let request = |a: &mut Harness, keys: &str| {
        a.shell.press_keys(keys).unwrap();
        match a.shell.take_effects().last() {
            Some(Effect::Search { generation, query }) => (*generation, query.clone()),
            other => panic!("{other:?}"),
        }
    };
    let (g1, _) = request(&mut a, "/ m");
    let (g2, q2) = request(&mut a, "a");
    assert_eq!(q2, "ma");
    let ix = index_corpus(&a.corpus);
    let answer = |generation, q: &str| Event::SearchResults {
        generation,
        result: Ok(Arc::new(ix.search(&parse(q).unwrap()))),
        took: std::time::Duration::ZERO,
    };
    a.shell.event(answer(g1, "m"));
    let s = a.top_as::<Search>().expect("searching");
    assert!(!s.current(), "an answer to an overtaken query is not shown");
    a.shell.event(answer(g2, "ma"));
    let s = a.top_as::<Search>().expect("searching");
    assert!(s.current());
}

#[test]
fn snapshot_search_overlay_120x40() {
    let mut a = searching();
    a.press("/ s h l d space w e space f e a r").unwrap();
    insta::assert_snapshot!(screen(&a));
}

#[test]
fn cli_search_lists_hits_and_json() {
    let out = run(&["search", "shld we fear", "--limit", "3"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("1950-10-04-stalin-mao"));
    let out = run(&["search", "from:stalin to:kim", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["total"].as_u64().unwrap() >= 4);
    assert!(v["hits"][0]["snippet"].is_string());
    let out = run(&["search", "fro:x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown field 'fro:'"));
}

#[test]
fn a_query_error_clears_the_results_under_it() {
    let mut a = searching();
    a.press("/ m a o").unwrap();
    assert!(a.top_as::<Search>().unwrap().hits.is_some());
    a.press("space \"").unwrap();
    let s = a.top_as::<Search>().expect("searching");
    assert!(s.error.is_some());
    assert!(s.hits.is_none(), "no stale results under the error");
    let text = screen(&a);
    assert!(
        !text.contains("title:") && !text.contains("from:"),
        "{text}"
    );
}

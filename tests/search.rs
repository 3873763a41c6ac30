//! Search on the bundled corpus: ranking, fields, negation, scripts; the
//! search overlay driven by keys; `shifr search`.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use common::app::*;
use common::*;
use shifr::app::{Effect, Event};
use shifr::corpus::{Corpus, Status};
use shifr::search::document::fields;
use shifr::search::snippet::snippet;
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
fn n_under_a_filter_that_hides_the_hit_says_it_cleared_it() {
    let mut a = searching();
    a.press("/ i n c h o n enter").unwrap();
    // Filter to someone the next hit does not involve.
    a.press("f a c h e s o n enter").unwrap();
    assert!(a.list.filter.is_some());
    a.press("n").unwrap();
    assert!(a.list.filter.is_none(), "the hit is shown");
    assert_eq!(
        a.flash.as_deref(),
        Some("the list filter was cleared to show the hit")
    );
}

/// The first `n` hits of a query.
fn top(c: &Corpus, ix: &Index, q: &str, n: usize) -> Vec<String> {
    ids(c, ix, q).into_iter().take(n).collect()
}

/// Telegrams from, to or via a person.
fn involving(c: &Corpus, person: &str) -> BTreeSet<String> {
    c.telegrams
        .iter()
        .filter(|t| {
            t.from
                .iter()
                .chain(&t.to)
                .chain(&t.via)
                .any(|p| p == person)
        })
        .map(|t| t.id.clone())
        .collect()
}

#[test]
fn word_forms_find_evacuation_fear_decision_and_cross() {
    let (c, ix) = setup();
    let got = top(&c, &ix, "evacuate", 3);
    for want in ["1950-10-13-stalin-kim", "1950-10-14-stalin-kim-note"] {
        assert!(got.contains(&want.to_string()), "evacuate: {got:?}");
    }
    assert_eq!(got[0], "1950-10-13-stalin-kim", "the word as typed first");
    assert!(top(&c, &ix, "feared", 3).contains(&"1950-10-04-stalin-mao".to_string()));
    let got = top(&c, &ix, "decisions", 3);
    assert!(
        got.contains(&"1950-05-14-stalin-mao".to_string()),
        "{got:?}"
    );
    // `cross` and `crosses` only as word forms, below `crossing` itself.
    let got = ids(&c, &ix, "crossing");
    let stem_only = got
        .iter()
        .position(|id| id == "1950-10-15-mao-gao-gang")
        .expect("cross");
    assert!(got.contains(&"1950-10-18-mao-cpv".to_string()), "crosses");
    assert!(stem_only >= 3, "the exact form ranks first: {got:?}");
}

#[test]
fn romanisations_and_hyphenated_names_find_the_person() {
    let (c, ix) = setup();
    for (q, person) in [
        ("Mao Tse-tung", "mao"),
        ("mao tsetung", "mao"),
        ("Chou En-lai", "zhou"),
        ("Zhou En-lai", "zhou"),
        ("Kim Il-sung", "kim"),
        ("kim ilsung", "kim"),
        ("KIM IL SUNG", "kim"),
        ("Kao Kang", "gao-gang"),
        ("Gao Kang", "gao-gang"),
        ("P'eng Te-huai", "peng-dehuai"),
        ("Teng Hua", "deng-hua"),
        ("Pak Hon-yong", "pak-hon-yong"),
        ("from:pak-hon-yong", "pak-hon-yong"),
        ("Máo Zédōng", "mao"),
    ] {
        let got = top(&c, &ix, q, 3);
        let want = involving(&c, person);
        assert!(
            !got.is_empty() && got.iter().all(|id| want.contains(id)),
            "{q}: {got:?}"
        );
    }
}

#[test]
fn place_names_and_names_in_the_text_by_their_other_spellings() {
    let (c, ix) = setup();
    let beijing: BTreeSet<String> = ids(&c, &ix, "Beijing").into_iter().collect();
    let peking: BTreeSet<String> = ids(&c, &ix, "Peking").into_iter().collect();
    assert!(beijing.len() >= 5);
    assert_eq!(peking, beijing);
    let got = top(&c, &ix, "Lin Piao", 3);
    for want in ["1950-10-02-mao-stalin", "1950-10-04-stalin-mao"] {
        assert!(got.contains(&want.to_string()), "Lin Piao: {got:?}");
    }
}

#[test]
fn a_decomposed_query_finds_what_its_composed_form_finds() {
    use unicode_normalization::UnicodeNormalization;
    let (c, ix) = setup();
    for q in ["김일성", "Эньлай", "Máo Zédōng"] {
        let nfd: String = q.nfd().collect();
        assert_ne!(nfd, q);
        let want = ids(&c, &ix, q);
        assert!(!want.is_empty(), "{q}");
        assert_eq!(ids(&c, &ix, &nfd), want, "{q}");
    }
    assert_eq!(ids(&c, &ix, "Máo Zédōng"), ids(&c, &ix, "Mao Zedong"));
}

#[test]
fn dates_as_people_write_them_find_that_days_telegram_first() {
    let (c, ix) = setup();
    for q in ["mao oct 2", "2 October Mao", "oct 2 mao", "Mao 2 Oct"] {
        assert_eq!(ids(&c, &ix, q)[0], "1950-10-02-mao-stalin", "{q}");
    }
}

#[test]
fn words_together_in_a_passage_rank_above_words_scattered() {
    let (c, ix) = setup();
    let got = ids(&c, &ix, "air cover");
    let scattered = got
        .iter()
        .position(|id| id == "1950-10-13-mao-stalin")
        .expect("air in the title, cover in a note");
    for together in [
        "1950-07-05-stalin-zhou",
        "1950-10-07-roshchin-stalin",
        "1950-10-11-stalin-mao",
    ] {
        let at = got.iter().position(|id| id == together).expect(together);
        assert!(at < 3 && at < scattered, "{together}: {got:?}");
    }
}

/// Every query the tests above name.
const NAMED: &[&str] = &[
    "evacuate",
    "feared",
    "decisions",
    "crossing",
    "Mao Tse-tung",
    "Chou En-lai",
    "Peking",
    "Kim Il-sung",
    "Lin Piao",
    "Kao Kang",
    "Gao Kang",
    "Máo Zédōng",
    "김일성",
    "Эньлай",
    "mao oct 2",
    "2 October Mao",
    "air cover",
    "to:cpv",
    "via:roshchin",
    "from:pak-hon-yong",
    "by:mansourov",
];

#[test]
fn snippets_show_the_words_or_the_one_alias_that_matched() {
    let (c, ix) = setup();
    let person_ids: Vec<&str> = c.people.iter().map(|p| p.id.as_str()).collect();
    for q in NAMED {
        let query = parse(q).unwrap();
        for h in ix.search(&query).iter().take(5) {
            let t = &c.telegrams[h.record as usize];
            let s = snippet(&query, &fields(&c, t), 60).expect("a snippet");
            assert!(!s.text.contains(" · "), "{q}: a list: {}", s.text);
            // A note found by its author shows the note, with nothing to mark.
            if !q.starts_with("by:") {
                assert!(
                    !s.highlights.is_empty(),
                    "{q}: nothing highlighted: {}",
                    s.text
                );
            }
            assert!(shifr::text::width(&s.text) <= 60, "{q}: {}", s.text);
            assert!(
                !person_ids.contains(&s.text.as_str()),
                "{q}: an id: {}",
                s.text
            );
        }
    }
    let t = c.telegram("1950-10-08-mao-cpv").unwrap();
    let s = snippet(&parse("to:cpv").unwrap(), &fields(&c, t), 60).unwrap();
    assert!(
        !s.text.contains("cpv-commanders") && !s.text.contains('·'),
        "{}",
        s.text
    );
    let t = c.telegram("1950-10-07-roshchin-stalin").unwrap();
    let s = snippet(&parse("air cover").unwrap(), &fields(&c, t), 60).unwrap();
    assert_eq!(s.kind.label(), "text", "the passage with both words");
    let lit: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
    assert_eq!(lit, ["air", "cover"], "{}", s.text);
}

#[test]
fn at_80_columns_each_row_shows_the_words_that_matched() {
    for (q, shown, rows) in [
        ("air cover", "air cover", 3),
        ("Chou En-lai", "Chou En-lai", 3),
        ("evacuate", "evacuat", 2),
        ("Peking", "Beijing", 3),
        ("Lin Piao", "Lin", 2),
        ("mao oct 2", "Oct 2", 1),
        ("2 October Mao", "2 October", 2),
    ] {
        let mut a = app(80, 24);
        a.press("/ ctrl-u").unwrap();
        a.shell.paste(q);
        a.run();
        let s = a.top_as::<Search>().expect("searching");
        assert!(s.current(), "{q}");
        let n = s.hits.as_ref().unwrap().len().min(rows);
        let text = screen(&a);
        let rows: Vec<&str> = text
            .lines()
            .filter(|l| l.contains(" → "))
            .filter(|l| {
                ["title:", "text:", "note:", "to:", "via:", "date:"]
                    .iter()
                    .any(|k| l.contains(k))
            })
            .take(n)
            .collect();
        assert_eq!(rows.len(), n, "{q}:\n{text}");
        assert!(rows.iter().all(|r| r.contains(shown)), "{q}:\n{text}");
    }
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

#[test]
fn a_hit_in_the_readers_own_note_opens_at_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut notes = shifr::notes::Notes::default();
    notes.apply(&shifr::notes::Edit::Add(shifr::notes::MyNote {
        id: "n1".into(),
        telegram: "1950-10-02-mao-stalin".into(),
        align: None,
        witness: None,
        stance: None,
        text: "Compare the zyzzyva argument.".into(),
        created: "2026-11-27T00:00:00Z".into(),
        edited: None,
    }));
    let path = dir.path().join("notes.toml");
    std::fs::write(&path, notes.to_toml()).unwrap();
    let mut app = shifr::app::App::new(corpus(), shifr::keymap::Keymap::defaults());
    app.store = shifr::notes::store::Store::open(path);
    let mut a = Harness::new(app, 120, 40);
    a.press("/").unwrap();
    a.shell.paste("zyzzyva by:me");
    a.run();
    assert!(a.top_as::<Search>().unwrap().current());
    a.press("enter").unwrap();
    assert_eq!(a.telegram().unwrap().id, "1950-10-02-mao-stalin");
    assert!(a.show_annotations, "the notes pane is shown");
    let order = a.note_order();
    assert_eq!(
        order[a.notes.selected],
        shifr::app::notes::NoteRef::Mine(0),
        "at the reader's note, not a scholar's"
    );
}

#[test]
fn an_empty_query_in_the_overlay_finds_nothing_and_says_what_to_type() {
    let mut a = searching();
    a.press("/").unwrap();
    let s = a.top_as::<Search>().unwrap();
    assert!(s.current() && s.hits.as_ref().unwrap().is_empty());
    assert!(screen(&a).contains("Type to search"));
    a.press("m a o").unwrap();
    assert!(
        !a.top_as::<Search>()
            .unwrap()
            .hits
            .as_ref()
            .unwrap()
            .is_empty()
    );
    a.press("backspace backspace backspace").unwrap();
    assert!(
        a.top_as::<Search>()
            .unwrap()
            .hits
            .as_ref()
            .unwrap()
            .is_empty()
    );
}

//! `shifr export --format json`: the documented shape, and every in-scope
//! message of the source paper with its date, senders, recipients and channel.

mod common;

use std::collections::BTreeSet;
use std::process::Stdio;

use common::*;
use serde_json::Value;

fn export() -> Value {
    let out = run(&["export", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

fn set(words: &[&'static str]) -> BTreeSet<&'static str> {
    words.iter().copied().collect()
}

#[test]
fn top_level_and_object_shapes_are_pinned() {
    let v = export();
    assert_eq!(
        keys(&v),
        set(&[
            "people",
            "telegrams",
            "events",
            "sources",
            "scholars",
            "positions",
            "footnotes"
        ])
    );
    assert_eq!(
        keys(&v["footnotes"][0]),
        set(&["number", "text", "missing", "works", "note"])
    );
    assert_eq!(v["footnotes"][115]["number"], 116);
    assert_eq!(v["footnotes"][115]["missing"], true);
    assert!(v["footnotes"][115]["text"].is_null());
    let t = &v["telegrams"][0];
    assert_eq!(
        keys(t),
        set(&[
            "id",
            "date",
            "time",
            "date_certainty",
            "received",
            "from",
            "to",
            "via",
            "via_together",
            "kind",
            "status",
            "side",
            "title",
            "archive",
            "published",
            "footnotes",
            "witnesses",
            "notes"
        ])
    );
    let w = &t["witnesses"][0];
    assert_eq!(
        keys(w),
        set(&[
            "id",
            "label",
            "language",
            "translation",
            "kind",
            "date",
            "status",
            "status_footnote",
            "status_note",
            "archive",
            "published",
            "footnotes",
            "passages"
        ])
    );
    assert_eq!(
        keys(&w["passages"][0]),
        set(&["kind", "text", "align", "relation", "cite"])
    );
    assert_eq!(
        keys(&t["notes"][0]),
        set(&["by", "stance", "text", "cite", "anchor"])
    );
    let pos = &v["positions"][0];
    assert_eq!(
        keys(pos),
        set(&[
            "id",
            "scholars",
            "stance",
            "trigger",
            "claim",
            "quotes",
            "footnotes",
            "telegrams",
            "events",
            "answer",
            "answer_cite",
            "note"
        ])
    );
    assert_eq!(keys(&pos["quotes"][0]), set(&["text", "cite"]));
    let p = &v["people"][0];
    for k in ["id", "name", "aliases"] {
        assert!(p.get(k).is_some(), "people objects need {k}");
    }
    for k in ["id", "date", "label", "key"] {
        assert!(v["events"][0].get(k).is_some(), "events need {k}");
    }
    for k in ["id", "citation", "footnotes"] {
        assert!(v["sources"][0].get(k).is_some(), "sources need {k}");
    }
}

/// (id, date, from, to, via) for every message between or from/to the six
/// correspondents that the paper mentions, as the paper gives them.
/// (id, date, from, to, via)
type Expected = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

const MESSAGES: &[Expected] = &[
    (
        "1950-01-31-stalin-shtykov",
        "1950-01-31",
        &["stalin"],
        &["shtykov"],
        &[],
    ),
    (
        "1950-shtykov-vyshinsky",
        "1950",
        &["shtykov"],
        &["vyshinsky"],
        &[],
    ),
    (
        "1950-05-14-stalin-mao",
        "1950-05-14",
        &["stalin"],
        &["mao"],
        &[],
    ),
    (
        "1950-07-05-stalin-zhou",
        "1950-07-05",
        &["stalin"],
        &["zhou"],
        &["roshchin"],
    ),
    ("1950-08-mao-kim", "1950-08", &["mao"], &["kim"], &[]),
    (
        "1950-08-mao-gao-gang",
        "1950-08",
        &["mao"],
        &["gao-gang"],
        &[],
    ),
    (
        "1950-08-26-mao-ccp-politburo",
        "1950-08-26",
        &["mao"],
        &["ccp-politburo"],
        &["zhou"],
    ),
    (
        "1950-09-mao-gao-gang",
        "1950-09",
        &["mao"],
        &["gao-gang"],
        &[],
    ),
    (
        "1950-09-27-stalin-zakharov",
        "1950-09-27",
        &["stalin"],
        &["zakharov", "shtykov"],
        &[],
    ),
    (
        "1950-09-29-kim-stalin",
        "1950-09-29",
        &["kim", "pak-hon-yong"],
        &["stalin"],
        &["shtykov"],
    ),
    (
        "1950-10-01-stalin-mao",
        "1950-10-01",
        &["stalin"],
        &["mao", "zhou"],
        &[],
    ),
    (
        "1950-10-01-kim-mao",
        "1950-10-01",
        &["kim", "pak"],
        &["mao"],
        &[],
    ),
    (
        "1950-10-01-mao-gao-gang",
        "1950-10-01",
        &["mao"],
        &["gao-gang"],
        &[],
    ),
    (
        "1950-10-01-mao-deng-hua",
        "1950-10-01",
        &["mao"],
        &["deng-hua"],
        &[],
    ),
    (
        "1950-10-02-mao-stalin",
        "1950-10-02",
        &["mao"],
        &["stalin"],
        &["roshchin"],
    ),
    (
        "1950-10-04-stalin-mao",
        "1950-10-04",
        &["stalin"],
        &["mao"],
        &["roshchin"],
    ),
    ("1950-10-06-mao-kim", "1950-10-06", &["mao"], &["kim"], &[]),
    (
        "1950-10-07-roshchin-stalin",
        "1950-10-07",
        &["roshchin"],
        &["stalin"],
        &[],
    ),
    (
        "1950-10-08-stalin-kim",
        "1950-10-08",
        &["stalin"],
        &["kim"],
        &["shtykov"],
    ),
    ("1950-10-08-mao-cpv", "1950-10-08", &["mao"], &["cpv"], &[]),
    ("1950-10-08-mao-kim", "1950-10-08", &["mao"], &["kim"], &[]),
    (
        "1950-10-molotov-zhou",
        "1950-10",
        &["molotov"],
        &["zhou"],
        &[],
    ),
    (
        "1950-10-11-stalin-mao",
        "1950-10-11",
        &["stalin", "zhou"],
        &["mao"],
        &[],
    ),
    (
        "1950-10-11-zhou-mao",
        "1950-10-11",
        &["zhou"],
        &["mao"],
        &[],
    ),
    (
        "1950-10-12-mao-northeast-commanders",
        "1950-10-12",
        &["mao"],
        &["northeast-commanders"],
        &[],
    ),
    (
        "1950-10-13-mao-zhou",
        "1950-10-13",
        &["mao"],
        &["zhou"],
        &[],
    ),
    (
        "1950-10-13-mao-stalin",
        "1950-10-13",
        &["mao"],
        &["stalin"],
        &["roshchin"],
    ),
    (
        "1950-10-13-stalin-kim",
        "1950-10-13",
        &["stalin"],
        &["kim"],
        &[],
    ),
    (
        "1950-10-14-stalin-kim-note",
        "1950-10-14",
        &["stalin"],
        &["kim"],
        &["shtykov"],
    ),
    (
        "1950-10-14-stalin-kim",
        "1950-10-14",
        &["stalin"],
        &["kim"],
        &["shtykov"],
    ),
    (
        "1950-10-15-mao-gao-gang",
        "1950-10-15",
        &["mao"],
        &["gao-gang", "cpv-commanders"],
        &[],
    ),
    (
        "1950-10-17-mao-gao-gang",
        "1950-10-17",
        &["mao"],
        &["gao-gang", "peng-dehuai"],
        &[],
    ),
    (
        "1950-10-18-stalin-mao",
        "1950-10-18",
        &["stalin"],
        &["mao"],
        &[],
    ),
    ("1950-10-18-mao-cpv", "1950-10-18", &["mao"], &["cpv"], &[]),
    ("1950-zhou-pannikar", "1950", &["zhou"], &["pannikar"], &[]),
    (
        "1950-09-kim-chinese-leadership",
        "1950-09",
        &["kim"],
        &["chinese-leadership"],
        &["pak-il-u", "pak-hon-yong"],
    ),
    (
        "1950-09-chinese-leadership-kim",
        "1950-09",
        &["chinese-leadership"],
        &["kim"],
        &["pak-il-u", "pak-hon-yong"],
    ),
    ("1950-08-mao-zhou", "1950-08", &["mao"], &["zhou"], &[]),
    (
        "1950-stalin-shtykov",
        "1950",
        &["stalin"],
        &["shtykov"],
        &[],
    ),
    (
        "1950-07-07-mao-nebda-conference",
        "1950-07-07",
        &["mao"],
        &["nebda-conference"],
        &["zhou"],
    ),
];

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

#[test]
fn every_in_scope_message_is_there_with_its_date_people_and_channel() {
    let v = export();
    let telegrams = v["telegrams"].as_array().unwrap();
    for (id, date, from, to, via) in MESSAGES {
        let t = telegrams
            .iter()
            .find(|t| t["id"] == *id)
            .unwrap_or_else(|| panic!("missing telegram {id}"));
        assert_eq!(t["date"], *date, "{id}");
        assert_eq!(strs(&t["from"]), *from, "{id} from");
        assert_eq!(strs(&t["to"]), *to, "{id} to");
        assert_eq!(strs(&t["via"]), *via, "{id} via");
    }
    let sino_soviet = telegrams
        .iter()
        .filter(|t| t["side"] == "sino-soviet")
        .count();
    assert_eq!(
        sino_soviet,
        MESSAGES.len(),
        "a Sino-Soviet record without an entry here"
    );
    assert!(sino_soviet > 30);
    // US-side records are clearly separate.
    for t in telegrams.iter().filter(|t| t["side"] == "us") {
        for p in strs(&t["from"]).iter().chain(strs(&t["to"]).iter()) {
            let person = v["people"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["id"] == *p)
                .unwrap();
            assert_eq!(person["side"], "us", "{p} in US-side record {}", t["id"]);
        }
    }
}

#[test]
fn the_2_october_message_has_two_witnesses_sharing_align_keys() {
    let v = export();
    let t = v["telegrams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "1950-10-02-mao-stalin")
        .unwrap();
    let ws = t["witnesses"].as_array().unwrap();
    assert_eq!(ws.len(), 2);
    assert_eq!(ws[0]["language"], "zh");
    assert_eq!(ws[1]["language"], "ru");
    assert_eq!(
        ws[1]["archive"],
        "APRF, fond 45, opis 1, delo 334, listy 105-106"
    );
    let key_set = |w: &Value| -> BTreeSet<String> {
        w["passages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["align"].as_str().unwrap().to_string())
            .collect()
    };
    let shared: Vec<String> = key_set(&ws[0])
        .intersection(&key_set(&ws[1]))
        .cloned()
        .collect();
    assert_eq!(shared, ["decision"]);
    // The Russian text's claims that the Chinese text lacks are there.
    let ru = key_set(&ws[1]);
    for k in [
        "consequences",
        "confidence",
        "central-committee",
        "final-decision",
        "consultation",
    ] {
        assert!(ru.contains(k), "{k}");
    }
    // The Russian text's own words, as the paper quotes them.
    let quotes: Vec<&str> = ws[1]["passages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "quote")
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert!(quotes.contains(&"may entail extremely serious consequences"));
}

#[test]
fn export_is_deterministic() {
    let a = run(&["export", "--format", "json"]).stdout;
    let b = run(&["export", "--format", "json"]).stdout;
    assert_eq!(a, b);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for args in [&["export", "--format", "json"][..], &["check"][..]] {
        // A pipe whose reading end is already closed: every write fails with EPIPE.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = shifr()
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn every_position_s_evidence_and_scholars_are_in_the_export() {
    let v = export();
    let ids = |key: &str| -> BTreeSet<String> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (telegrams, events, scholars) = (ids("telegrams"), ids("events"), ids("scholars"));
    let positions = v["positions"].as_array().unwrap();
    assert!(positions.len() >= 6);
    for p in positions {
        for (key, known) in [
            ("telegrams", &telegrams),
            ("events", &events),
            ("scholars", &scholars),
        ] {
            for id in strs(&p[key]) {
                assert!(known.contains(id), "{}: unknown {key} id {id}", p["id"]);
            }
        }
    }
}

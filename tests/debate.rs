//! `shifr debate`: the positions of the "trigger vs. justification" debate,
//! in text, Markdown and JSON, on the bundled corpus and on others.

mod common;

use std::collections::BTreeSet;
use std::fs;

use common::*;
use serde_json::Value;

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// The text output's blocks, one per position, keyed by the id in its heading.
fn blocks(s: &str) -> Vec<(String, String)> {
    s.split("\n\n")
        .skip(1)
        .map(|b| {
            let head = b.lines().next().unwrap();
            let id = head
                .rsplit_once('[')
                .and_then(|(_, r)| r.strip_suffix(']'))
                .unwrap_or_else(|| panic!("no [id] in {head:?}"));
            (id.to_string(), b.to_string())
        })
        .collect()
}

#[test]
fn text_lists_both_sides_with_footnotes_and_evidence() {
    let s = ok(&["debate", "--width", "100"]);
    let blocks = blocks(&s);
    for (id, name, stance) in [
        ("whiting", "Allen Whiting", "trigger: the 38th parallel"),
        ("stueck", "William Stueck", "trigger: the 38th parallel"),
        ("chen", "Chen Jian", "justification: revolutionary aims"),
        ("zhang", "Zhang Shuguang", "justification"),
        (
            "christensen",
            "Thomas Christensen",
            "trigger: the 38th parallel",
        ),
        ("author", "the paper’s author", "other: Inchon and Stalin"),
    ] {
        let (_, b) = blocks
            .iter()
            .find(|(i, _)| i == id)
            .unwrap_or_else(|| panic!("no position {id} in:\n{s}"));
        let head = b.lines().next().unwrap();
        assert!(
            head.starts_with(&format!("{name} · {stance}")),
            "{id}: {head}"
        );
        assert!(b.contains("\n  Claim     "), "{id}: {b}");
        assert!(
            b.contains("\n  Footnotes fn"),
            "{id} shows no footnotes: {b}"
        );
        assert!(b.contains("\n  Evidence  "), "{id}: {b}");
    }
    // Evidence resolved for the reader, and its absence said.
    let chris = &blocks.iter().find(|(i, _)| i == "christensen").unwrap().1;
    assert!(
        chris.contains("telegram 1950-10-13-mao-zhou: 13 October 1950 · Mao → Zhou Enlai"),
        "{chris}"
    );
    assert!(chris.contains("event us-crosses-38th: 7 October 1950"));
    assert!(chris.contains("\n  Answer    The paper finds the timing argument inadequate"));
    let whiting = &blocks.iter().find(|(i, _)| i == "whiting").unwrap().1;
    assert!(whiting.contains("Evidence  none that the paper ties to it"));
    assert!(s.lines().all(|l| l.chars().count() <= 100), "{s}");
}

#[test]
fn json_positions_resolve_against_the_export() {
    let v: Value = serde_json::from_str(&ok(&["debate", "--format", "json"])).unwrap();
    let export: Value = serde_json::from_str(&ok(&["export", "--format", "json"])).unwrap();
    assert_eq!(v, export["positions"], "the same objects as the export");
    let ids = |key: &str| -> BTreeSet<String> {
        export[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect()
    };
    let known = [
        ("telegrams", ids("telegrams")),
        ("events", ids("events")),
        ("scholars", ids("scholars")),
    ];
    let positions = v.as_array().unwrap();
    let mut stances = BTreeSet::new();
    let mut evidence = 0;
    for p in positions {
        stances.insert(p["stance"].as_str().unwrap());
        for (key, set) in &known {
            for id in p[key].as_array().unwrap() {
                let id = id.as_str().unwrap();
                assert!(set.contains(id), "{}: no {key} id {id}", p["id"]);
                if *key != "scholars" {
                    evidence += 1;
                }
            }
        }
        assert!(
            !p["footnotes"].as_array().unwrap().is_empty(),
            "{} has no footnotes",
            p["id"]
        );
        assert!(!p["claim"].as_str().unwrap().trim().is_empty());
        let no_evidence = p["telegrams"].as_array().unwrap().is_empty()
            && p["events"].as_array().unwrap().is_empty();
        assert!(!no_evidence || p["note"].is_string(), "{}", p["id"]);
    }
    assert!(evidence > 20);
    assert!(stances.contains("trigger") && stances.contains("justification"));
    for who in [
        "whiting",
        "stueck",
        "chen",
        "zhang",
        "christensen",
        "author",
    ] {
        assert!(
            positions
                .iter()
                .any(|p| p["scholars"].as_array().unwrap().iter().any(|s| s == who)),
            "{who}"
        );
    }
}

#[test]
fn markdown_is_the_dossier_section_without_links() {
    let s = ok(&["debate", "--format", "markdown"]);
    assert!(s.starts_with("## The debate\n"), "{s}");
    assert!(s.contains("### Chen Jian · justification: revolutionary aims"));
    assert!(s.contains("- **Telegram:** 13 October 1950 · Mao → Zhou Enlai: "));
    assert!(!s.contains("](#"), "links to a dossier that is not there");
}

#[test]
fn a_corpus_without_a_debate_says_so() {
    let base = fixtures().join("base");
    let base = base.to_str().unwrap();
    let s = ok(&["--corpus", base, "debate"]);
    assert_eq!(s, "No positions: this corpus has no debate.toml.\n");
    let s = ok(&["--corpus", base, "debate", "--format", "json"]);
    assert_eq!(s.trim(), "[]");
}

#[test]
fn control_characters_in_a_corpus_do_not_reach_the_terminal() {
    let dir = base_corpus();
    fs::write(
        dir.path().join("debate.toml"),
        r#"[[position]]
id = "chen"
scholars = ["chen"]
stance = "justification"
claim = "A claim with \u001b[31man escape\u0007 and a\ttab."
footnotes = [116]
telegrams = ["1950-10-02-mao-stalin"]
events = ["inchon"]
"#,
    )
    .unwrap();
    let s = ok(&["--corpus", dir.path().to_str().unwrap(), "debate"]);
    assert!(
        s.contains("A claim with [31man escape and a    tab."),
        "{s}"
    );
    assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
}

//! `shifr export --format tei [ID]`: the telegrams with several versions as
//! TEI P5: a listWit of witnesses, each version's text in segments by align
//! key with quotes and summaries apart, and a linkGrp pairing counterparts
//! by relation. `jing` validates it against tei_all.rng where installed
//! (CI installs it and sets SHIFR_REQUIRE_JING).

mod common;

use std::path::PathBuf;
use std::process::{Command, Stdio};

use common::*;

const TEI: &str = "http://www.tei-c.org/ns/1.0";

fn tei(args: &[&str]) -> String {
    let mut all = vec!["export", "--format", "tei"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn two_witnesses_and_the_decision_segments_linked_as_contradicting() {
    let xml = tei(&["1950-10-02-mao-stalin"]);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "TEI");
    assert_eq!(root.tag_name().namespace(), Some(TEI));
    let witnesses: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((TEI, "listWit")))
        .flat_map(|l| l.children().filter(|c| c.has_tag_name((TEI, "witness"))))
        .collect();
    assert_eq!(witnesses.len(), 2);
    let wid = |i: usize| {
        witnesses[i]
            .attribute(("http://www.w3.org/XML/1998/namespace", "id"))
            .unwrap()
    };
    let langs: Vec<_> = witnesses
        .iter()
        .map(|w| {
            w.descendants()
                .find(|n| n.has_tag_name((TEI, "textLang")))
                .and_then(|n| n.attribute("mainLang"))
                .unwrap()
        })
        .collect();
    assert_eq!(langs, ["zh", "ru"]);
    // Each version's text, one seg per align key.
    let versions: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((TEI, "div")) && n.attribute("type") == Some("version"))
        .collect();
    assert_eq!(versions.len(), 2);
    assert_eq!(
        versions[0].attribute("corresp"),
        Some(format!("#{}", wid(0)).as_str())
    );
    let segs = |v: roxmltree::Node| -> Vec<(String, String)> {
        v.descendants()
            .filter(|n| n.has_tag_name((TEI, "seg")))
            .map(|s| {
                (
                    s.attribute("n").unwrap().to_string(),
                    s.attribute(("http://www.w3.org/XML/1998/namespace", "id"))
                        .unwrap()
                        .to_string(),
                )
            })
            .collect()
    };
    let zh = segs(versions[0]);
    let ru = segs(versions[1]);
    assert_eq!(
        zh.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
        ["decision"]
    );
    assert_eq!(
        ru.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
        [
            "decision",
            "consequences",
            "confidence",
            "central-committee",
            "final-decision",
            "consultation"
        ]
    );
    // Quotes and summaries apart: the Chinese decision is a summary and then the quote.
    let zh_seg = versions[0]
        .descendants()
        .find(|n| n.has_tag_name((TEI, "seg")))
        .unwrap();
    let kinds: Vec<String> = zh_seg
        .children()
        .filter(|c| c.is_element() && !c.has_tag_name((TEI, "ref")))
        .map(|c| match c.attribute("type") {
            Some(t) => format!("{}:{t}", c.tag_name().name()),
            None => c.tag_name().name().to_string(),
        })
        .collect();
    assert_eq!(kinds, ["note:summary", "quote"]);
    let quote = zh_seg
        .children()
        .find(|c| c.has_tag_name((TEI, "quote")))
        .unwrap();
    assert!(
        quote
            .text()
            .unwrap()
            .starts_with("send a portion of our troops")
    );
    // The linkGrp pairs the decision segments as contradicting.
    let links: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((TEI, "linkGrp")))
        .flat_map(|g| g.children().filter(|c| c.has_tag_name((TEI, "link"))))
        .collect();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].attribute("type"), Some("contradicts"));
    assert_eq!(
        links[0].attribute("target"),
        Some(format!("#{} #{}", zh[0].1, ru[0].1).as_str())
    );
}

#[test]
fn the_whole_export_holds_the_telegrams_with_several_versions_only() {
    let xml = tei(&[]);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let telegrams: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((TEI, "div")) && n.attribute("type") == Some("telegram"))
        .map(|n| n.attribute("n").unwrap().to_string())
        .collect();
    assert_eq!(telegrams, ["1950-10-02-mao-stalin"]);
    // A telegram with one text is refused, saying which have several.
    let out = run(&["export", "--format", "tei", "1950-08-mao-kim"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("has one text"),
        "{}",
        text(&out.stderr)
    );
    // An id with another format is a usage error.
    let out = run(&["export", "--format", "json", "1950-08-mao-kim"]);
    assert_eq!(out.status.code(), Some(2));
    // The versions fixture: its own witnesses and links.
    let dir = fixtures().join("versions");
    let out = run(&[
        "--corpus",
        dir.to_str().unwrap(),
        "export",
        "--format",
        "tei",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    roxmltree::Document::parse(&text(&out.stdout)).unwrap();
}

#[test]
fn jing_validates_it_against_tei_p5() {
    let found = Command::new("jing")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("SHIFR_REQUIRE_JING").is_none(),
            "jing is required here but not installed"
        );
        eprintln!("jing not installed: skipped");
        return;
    }
    let schema = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/tei_all.rng");
    if !schema.exists() {
        assert!(std::env::var_os("CI").is_none(), "no {}", schema.display());
        eprintln!("skipped: no {}", schema.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("versions.xml");
    std::fs::write(&file, tei(&[])).unwrap();
    let out = Command::new("jing")
        .arg(&schema)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "jing: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

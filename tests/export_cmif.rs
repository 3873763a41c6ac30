//! `shifr export --format cmif` and `--format markdown`: well-formed TEI with
//! what the CMIF rules require, and a dossier that holds every telegram;
//! both byte-for-byte the same from run to run.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{run, shifr, text};
use shifr::corpus::Corpus;

const TEI: &str = "http://www.tei-c.org/ns/1.0";

fn cmif(args: &[&str]) -> String {
    let mut a = vec!["export", "--format", "cmif"];
    a.extend_from_slice(args);
    let out = run(&a);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
        .unwrap_or_else(|| panic!("<{}> has no <{name}>", n.tag_name().name()))
}

fn elements<'a, 'i>(n: roxmltree::Node<'a, 'i>) -> Vec<roxmltree::Node<'a, 'i>> {
    n.children().filter(|c| c.is_element()).collect()
}

#[test]
fn cmif_has_what_the_format_requires() {
    let xml = cmif(&[]);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let tei = doc.root_element();
    assert_eq!(
        (tei.tag_name().namespace(), tei.tag_name().name()),
        (Some(TEI), "TEI")
    );
    // teiHeader then text; fileDesc then profileDesc, nothing else.
    let names = |n: roxmltree::Node| {
        elements(n)
            .iter()
            .map(|c| c.tag_name().name().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(tei), ["teiHeader", "text"]);
    let header = child(tei, "teiHeader");
    assert_eq!(names(header), ["fileDesc", "profileDesc"]);
    let file = child(header, "fileDesc");
    assert_eq!(names(file), ["titleStmt", "publicationStmt", "sourceDesc"]);
    let title = child(file, "titleStmt");
    assert_eq!(names(title), ["title", "editor"]);
    // publicationStmt is a fixed sequence.
    let publication = child(file, "publicationStmt");
    assert_eq!(
        names(publication),
        ["publisher", "idno", "date", "availability"]
    );
    assert_eq!(child(publication, "idno").attribute("type"), Some("url"));
    assert!(child(publication, "date").attribute("when").is_some());
    let licence = child(child(publication, "availability"), "licence");
    assert!(
        licence
            .attribute("target")
            .unwrap()
            .starts_with("https://creativecommons.org/")
    );
    // One bibl with a type from the closed list and an xml:id that is an NCName.
    let bibl = child(child(file, "sourceDesc"), "bibl");
    assert!(["print", "online", "hybrid"].contains(&bibl.attribute("type").unwrap()));
    let id = bibl
        .attribute(("http://www.w3.org/XML/1998/namespace", "id"))
        .expect("bibl/@xml:id");
    assert!(id.starts_with(|c: char| c.is_ascii_alphabetic()));
    // A correspDesc per telegram, each with a sent and a received action.
    let corpus = Corpus::embedded().unwrap();
    let descs: Vec<_> = elements(child(header, "profileDesc"));
    assert_eq!(descs.len(), corpus.telegrams.len());
    for d in &descs {
        assert_eq!(d.tag_name().name(), "correspDesc");
        assert_eq!(d.attribute("source"), Some(format!("#{id}").as_str()));
        let key = d.attribute("key").unwrap();
        let t = corpus.telegram(key).unwrap();
        let actions: Vec<_> = elements(*d)
            .into_iter()
            .filter(|c| c.has_tag_name("correspAction"))
            .collect();
        let types: Vec<_> = actions
            .iter()
            .map(|a| a.attribute("type").unwrap())
            .collect();
        assert_eq!(types, ["sent", "received"], "{key}");
        for a in &actions {
            // Elements only; names hold text only.
            assert!(
                a.children()
                    .all(|c| c.is_element() || c.text().unwrap_or("").trim().is_empty())
            );
            assert!(!elements(*a).is_empty());
            for n in elements(*a) {
                match n.tag_name().name() {
                    "persName" | "orgName" => {
                        assert!(elements(n).is_empty() && !n.text().unwrap().is_empty());
                        assert!(n.attribute("ref").is_none(), "no empty authority refs");
                    }
                    "date" => {}
                    other => panic!("{key}: unexpected <{other}> in correspAction"),
                }
            }
        }
        let sent_names = elements(actions[0])
            .iter()
            .filter(|n| n.tag_name().name() != "date")
            .count();
        assert_eq!(sent_names, t.from.len(), "{key}");
        // The channel goes in a note.
        if !t.via.is_empty() {
            let note = child(*d, "note").text().unwrap();
            assert!(note.contains("Conveyed via"), "{key}: {note}");
        }
    }
    // Every date has a dating attribute.
    for date in doc.descendants().filter(|n| n.has_tag_name("date")) {
        assert!(
            ["when", "notBefore", "notAfter", "from", "to"]
                .iter()
                .any(|a| date.attribute(*a).is_some())
        );
    }
    let month_only = corpus
        .telegrams
        .iter()
        .find(|t| t.date.month.is_some() && !t.date.is_full())
        .unwrap();
    let d = descs
        .iter()
        .find(|d| d.attribute("key") == Some(month_only.id.as_str()))
        .unwrap();
    // A month-only date is @when="YYYY-MM", as CMIF allows.
    let date = child(child(*d, "correspAction"), "date");
    let m = month_only.date.month.unwrap();
    assert_eq!(
        date.attribute("when"),
        Some(format!("{}-{m:02}", month_only.date.year).as_str())
    );
    assert!(date.attribute("notBefore").is_none() && date.attribute("notAfter").is_none());
    // text/body/p.
    child(child(child(tei, "text"), "body"), "p");
}

#[test]
fn exports_are_deterministic() {
    for format in ["cmif", "markdown", "json"] {
        let a = run(&["export", "--format", format]);
        let b = run(&["export", "--format", format]);
        assert_eq!(a.status.code(), Some(0));
        assert!(!a.stdout.is_empty());
        assert_eq!(a.stdout, b.stdout, "{format} differs between runs");
    }
}

#[test]
fn cmif_options_and_their_errors() {
    let xml = cmif(&[
        "--url",
        "https://example.org/shifr.xml",
        "--date",
        "2026-01-02",
        "--licence",
        "cc0",
    ]);
    assert!(xml.contains("<idno type=\"url\">https://example.org/shifr.xml</idno>"));
    assert!(xml.contains("<date when=\"2026-01-02\"/>"));
    assert!(xml.contains("publicdomain/zero/1.0/"));
    let out = run(&["export", "--format", "cmif", "--date", "2026-13"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--date wants a day as YYYY-MM-DD"));
    for bad in [
        "a b",
        "notaurl",
        "ftp://example.org/x.xml",
        "https://example.org/a b",
    ] {
        let out = run(&["export", "--format", "cmif", "--url", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(text(&out.stderr).contains("http(s) address"), "{bad}");
    }
    // Without --url the placeholder is used, and said to be one.
    let out = run(&["export", "--format", "cmif"]);
    assert!(text(&out.stderr).contains("no --url"));
}

#[test]
fn xmllint_accepts_the_cmif() {
    // CI installs xmllint and sets SHIFR_REQUIRE_XMLLINT, so there this runs.
    let found = Command::new("xmllint")
        .arg("--version")
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("SHIFR_REQUIRE_XMLLINT").is_none(),
            "xmllint is required here but not installed"
        );
        eprintln!("xmllint not installed: skipped");
        return;
    }
    let xml = cmif(&[]);
    let mut child = Command::new("xmllint")
        .args(["--noout", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(xml.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn the_dossier_reads_as_a_document() {
    let out = run(&["export", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(0));
    let md = text(&out.stdout);
    let corpus = Corpus::embedded().unwrap();
    assert!(md.starts_with("# The 1950 telegrams behind China’s entry into the Korean War\n"));
    let chronology = md.find("## Chronology").unwrap();
    let telegrams = md.find("## The telegrams").unwrap();
    assert!(chronology < telegrams);
    // Every link of the chronology lands on a telegram's anchor, in date order.
    let mut last = 0;
    for t in &corpus.telegrams {
        assert!(
            md.contains(&format!("](#{})", t.id)),
            "{} not in the chronology",
            t.id
        );
        assert!(
            md.contains(&format!("<a id=\"{}\"></a>", t.id)),
            "{} has no section",
            t.id
        );
    }
    for line in md[telegrams..].lines().filter(|l| l.starts_with("<a id=")) {
        let id = &line[7..line.len() - 6];
        let t = corpus.telegram(id).unwrap();
        let key = t.date.sort_key();
        let k = (key.0 as i64) * 10_000 + (key.1 as i64) * 100 + key.2 as i64;
        assert!(k >= last, "{id} out of order");
        last = k;
    }
    // The paper's events, with the conflicting dates.
    assert!(md.contains(
        "**US amphibious landing at Inchon** — ‡ the paper also gives 19 September 1950"
    ));
    // Each quote passage of the corpus appears verbatim in quotation marks
    // (Markdown escapes aside).
    let quotes = corpus
        .telegrams
        .iter()
        .flat_map(|t| t.passages())
        .filter(|(_, p)| p.kind == shifr::corpus::PassageKind::Quote);
    for (_, p) in quotes {
        assert!(
            md.contains(&format!("“{}”", shifr::export::dossier::md(&p.text))),
            "{}",
            p.text
        );
    }
}

#[test]
fn the_placeholder_idno_names_the_corpus_exported() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("my corpus");
    common::copy_dir(&common::fixtures().join("base"), &dir);
    let out = shifr()
        .args(["export", "--format", "cmif", "--corpus"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let xml = text(&out.stdout);
    assert!(
        xml.contains("<idno type=\"url\">urn:shifr:corpus:my%20corpus</idno>"),
        "{xml}"
    );
    assert!(!xml.contains("bundled-corpus"));
    assert!(
        text(&out.stderr).contains("the placeholder urn:shifr:corpus:my%20corpus"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["export", "--format", "cmif"]);
    assert!(text(&out.stdout).contains("<idno type=\"url\">urn:shifr:bundled-corpus</idno>"));
}

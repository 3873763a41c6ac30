//! The paper's footnotes as data: the reader's API (`Corpus::footnote`,
//! `citing_footnote`, `works_citations`), the footnotes the paper lacks, and
//! `shifr check --source`, which holds every footnote text to the paper.

mod common;

use std::fs;
use std::path::PathBuf;

use common::*;
use shifr::corpus::Corpus;

/// The source paper beside the repository (`../shared/sources/`), as CI
/// lays it out; `None` (the test says so) where it is not there.
fn paper() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/sources/inchon-and-stalin-1950.txt");
    if p.exists() {
        Some(p)
    } else if std::env::var_os("CI").is_some() {
        panic!(
            "CI lays out ../shared beside the repository, but {} is not there",
            p.display()
        );
    } else {
        eprintln!("skipped: no {}", p.display());
        None
    }
}

const MISSING: [u32; 19] = [
    92, 93, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 115, 116, 152, 153,
];

#[test]
fn every_footnote_of_the_paper_is_there_and_the_missing_ones_say_so() {
    let c = Corpus::embedded().unwrap();
    assert_eq!(c.footnotes.len(), 161);
    for n in 1..=161 {
        let f = c.footnote(n).unwrap_or_else(|| panic!("no footnote {n}"));
        assert_eq!(f.number, n);
        assert_eq!(f.is_missing(), MISSING.contains(&n), "footnote {n}");
        assert_eq!(f.text.is_none(), MISSING.contains(&n), "footnote {n}");
    }
    assert!(c.footnote(0).is_none() && c.footnote(162).is_none());
    let f117 = c.footnote(117).unwrap();
    assert!(
        f117.text.as_deref().unwrap().starts_with("Ciphered Telegram from Roschin in Beijing to Stalin, 3 October 1950, conveying 2 October 1950 message from Mao to Stalin, APRF, fond 45, opis 1, delo 334, listy 105-106")
    );
    assert_eq!(f117.works, ["cwihp-6-7"]);
    // Joined across line breaks as the quotes are.
    let f16 = c.footnote(16).unwrap().text.clone().unwrap();
    assert!(
        f16.contains("eds., China & the U.S: A New Cold War History"),
        "{f16}"
    );
    assert!(!f16.contains('\n'));
    assert_eq!(
        c.footnote(16).unwrap().works,
        [
            "christensen-useful",
            "whiting-yalu",
            "shen-china-sends-troops"
        ]
    );
    assert_eq!(c.missing_footnotes(&[116, 117, 118]), [116]);
}

#[test]
fn what_cites_a_footnote_telegrams_notes_events_positions() {
    let c = Corpus::embedded().unwrap();
    let oct2 = c.telegram_index("1950-10-02-mao-stalin").unwrap();
    let oct4 = c.telegram_index("1950-10-04-stalin-mao").unwrap();
    let cited = c.citing_footnote(117);
    assert!(cited.telegrams.contains(&oct2), "{cited:?}");
    assert!(cited.notes.iter().any(|&(t, _)| t == oct2));
    for &(t, n) in &cited.notes {
        assert!(c.telegrams[t].notes()[n].cite.contains(&117));
    }
    // 121 is cited by the 4 October telegram and by a note on 2 October.
    let c121 = c.citing_footnote(121);
    assert!(c121.telegrams.contains(&oct4));
    assert!(c121.notes.iter().any(|&(t, _)| t == oct2));
    // A missing footnote stays cited, and the API says it is missing.
    let c116 = c.citing_footnote(116);
    assert!(c116.telegrams.contains(&oct2));
    assert!(c.footnote(116).unwrap().is_missing());
    // Events cite footnotes the paper lacks (102, 104, 106–109).
    let c102 = c.citing_footnote(102);
    assert!(!c102.events.is_empty(), "{c102:?}");
    assert!(c.footnote_missing(102));
    // Positions.
    let c19 = c.citing_footnote(19);
    assert!(
        c19.positions
            .iter()
            .any(|&i| c.positions[i].id == "christensen"),
        "{c19:?}"
    );
}

#[test]
fn what_rests_on_a_work() {
    let c = Corpus::embedded().unwrap();
    let oct2 = c.telegram_index("1950-10-02-mao-stalin").unwrap();
    let cw = c.works_citations("cwihp-6-7");
    assert!(cw.telegrams.contains(&oct2), "{cw:?}");
    let shen = c.works_citations("shen-discrepancy");
    assert!(shen.notes.iter().any(|&(t, _)| t == oct2), "{shen:?}");
    assert!(c.works_citations("no-such-work").is_empty());
    // Every footnote's works resolve and list it back.
    for f in &c.footnotes {
        for w in &f.works {
            let work = c
                .work(w)
                .unwrap_or_else(|| panic!("footnote {}: {w}", f.number));
            assert!(work.footnotes.contains(&f.number), "{w} / {}", f.number);
        }
    }
}

#[test]
fn a_corpus_without_footnotes_toml_has_none() {
    let dir = base_corpus();
    let c = Corpus::load_dir(dir.path()).unwrap();
    assert!(c.footnotes.is_empty());
    assert!(c.footnote(116).is_none());
    assert!(!c.footnote_missing(116));
    assert!(!c.citing_footnote(116).telegrams.is_empty());
}

#[test]
fn a_cited_footnote_must_be_in_footnotes_toml() {
    let dir = base_corpus();
    fs::write(
        dir.path().join("footnotes.toml"),
        "[[footnote]]\nnumber = 43\ntext = \"Schnabel, Policy, p. 173.\"\n[[footnote]]\nnumber = 116\nmissing = true\nworks = [\"chen-road\"]\n",
    )
    .unwrap();
    let out = run(&["check", dir.path().to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "telegrams/1950-10-02-mao-stalin.toml:9:19: footnote 117 is not in footnotes.toml"
        ),
        "{err}"
    );
}

#[test]
fn check_source_passes_on_the_bundled_corpus() {
    let Some(paper) = paper() else { return };
    let out = run(&["check", "--source", paper.to_str().unwrap()]);
    let (o, e) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{o}{e}");
    assert!(
        o.contains("142 verbatim, 19 missing from it as recorded"),
        "{o}"
    );
}

/// A copy of the bundled corpus with `f` applied to footnotes.toml.
fn altered(f: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        dir.path(),
    );
    let p = dir.path().join("footnotes.toml");
    let s = fs::read_to_string(&p).unwrap();
    let t = f(&s);
    assert_ne!(s, t, "the alteration changed nothing");
    fs::write(&p, t).unwrap();
    dir
}

fn line_col(s: &str, needle: &str) -> (usize, usize) {
    let at = s.find(needle).unwrap();
    let line = s[..at].matches('\n').count() + 1;
    let col = s[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

#[test]
fn check_source_fails_located_on_a_footnote_altered_by_one_character() {
    let Some(paper) = paper() else { return };
    let dir = altered(|s| {
        s.replacen(
            "The U.S. Printing Office, 1976",
            "The U.S. Printing Offica, 1976",
            1,
        )
    });
    let toml = fs::read_to_string(dir.path().join("footnotes.toml")).unwrap();
    let (line, col) = line_col(&toml, "a, 1976");
    let out = run(&[
        "check",
        dir.path().to_str().unwrap(),
        "--source",
        paper.to_str().unwrap(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let at = format!("footnotes.toml:{line}:{col}: footnote 28 is not verbatim in ");
    assert!(err.contains(&at), "wanted {at}\n{err}");
    assert!(err.contains("this file has “a, 1976"), "{err}");
    assert!(err.contains("the paper “e, 1976"), "{err}");
}

#[test]
fn check_source_fails_on_a_footnote_wrongly_missing_or_wrongly_present() {
    let Some(paper) = paper() else { return };
    let dir = altered(|s| {
        s.replacen(
            "number = 116\nmissing = true",
            "number = 116\ntext = \"Chen, Road, p. 173.\"",
            1,
        )
        .replacen(
            "number = 117\ntext = ",
            "number = 117\nmissing = true\nx = ",
            1,
        )
    });
    // The x = … line makes the TOML invalid for the corpus; keep it a text.
    let p = dir.path().join("footnotes.toml");
    let s = fs::read_to_string(&p).unwrap();
    let s = s.replacen("missing = true\nx = ", "missing = true\n# ", 1);
    fs::write(&p, s).unwrap();
    let out = run(&[
        "check",
        dir.path().to_str().unwrap(),
        "--source",
        paper.to_str().unwrap(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("footnote 116 has a text, but"), "{err}");
    assert!(
        err.contains("footnote 117 is recorded missing, but"),
        "{err}"
    );
}

#[test]
fn check_source_without_footnotes_toml_says_so() {
    let Some(paper) = paper() else { return };
    let dir = base_corpus();
    let out = run(&[
        "check",
        dir.path().to_str().unwrap(),
        "--source",
        paper.to_str().unwrap(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("footnotes.toml: missing: --source checks"),
        "{err}"
    );
}

#[test]
fn a_status_footnote_must_say_the_status_in_its_words() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        dir.path(),
    );
    let p = dir.path().join("telegrams/1950-10-04-stalin-mao.toml");
    let s = fs::read_to_string(&p).unwrap();
    fs::write(
        &p,
        s.replacen("status_footnote = 121", "status_footnote = 122", 1),
    )
    .unwrap();
    let out = run(&["check", dir.path().to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("status_footnote 122 does not say “draft”: its text is “Ibid, p. 376.”"),
        "{err}"
    );
}

//! `shifr cite`: the Chicago note as CMOS has it for a document seen
//! through the paper ("quoted in"), the short note, BibTeX that agrees with
//! it, and the draft of 4 October called a draft.

mod common;

use common::*;

fn cite(args: &[&str]) -> String {
    let mut all = vec!["cite"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn the_note_says_quoted_in_with_en_dashes_and_collapsed_footnotes() {
    let s = cite(&["1950-10-02-mao-stalin"]);
    assert!(s.contains("listy 105–106, in CWIHP, Bulletin 6–7, Winter 1995, quoted in “The Korean War June-October 1950"), "{s}");
    assert!(s.trim_end().ends_with("nn. 116–20."), "{s}");
    assert!(!s.contains("as given in"), "{s}");
    let aug = cite(&["1950-08-mao-kim"]);
    assert!(aug.contains(", August 1950, "), "{aug}");
    assert!(!aug.contains("[month only]"), "{aug}");
}

#[test]
fn the_4_october_telegram_is_cited_as_the_draft_its_footnote_calls_it() {
    let s = cite(&["1950-10-04-stalin-mao"]);
    assert!(
        s.starts_with("Draft ciphered telegram, Stalin to Mao"),
        "{s}"
    );
    let short = cite(&["1950-10-04-stalin-mao", "--short"]);
    assert_eq!(
        short.trim_end(),
        "Stalin to Mao, 4 October 1950, draft, quoted in “The Korean War June-October 1950”, nn. 121–22."
    );
    let bib = cite(&["1950-10-04-stalin-mao", "--style", "bibtex"]);
    assert!(bib.contains("  type = {Draft ciphered telegram},"), "{bib}");
}

#[test]
fn short_goes_only_with_chicago() {
    let out = run(&[
        "cite",
        "1950-10-04-stalin-mao",
        "--short",
        "--style",
        "bibtex",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--short"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn bibtex_is_a_letter_whose_title_is_the_documents_description() {
    let b = cite(&["1950-10-02-mao-stalin", "--style", "bibtex"]);
    assert!(b.starts_with("@letter{shifr:1950-10-02-mao-stalin,"), "{b}");
    assert!(b.contains("  title = {Ciphered telegram, Roshchin to Stalin, 3 October 1950, conveying Mao’s message of 2 October},"), "{b}");
    assert!(
        !b.contains("Mao on sending troops"),
        "the editors' gloss is not the title: {b}"
    );
    let m = cite(&["1950-10-13-mao-zhou", "--style", "bibtex"]);
    assert!(m.contains("  author = {{Mao Zedong}},"), "{m}");
}

/// A copy of the bundled corpus with one record of the reader's own: no
/// footnote of the paper, no `in_paper` (a made-up record, for this test).
fn corpus_with_own_record() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        dir.path(),
    );
    std::fs::write(
        dir.path().join("telegrams/1950-10-05-mao-stalin.toml"),
        "id = \"1950-10-05-mao-stalin\"\ndate = \"1950-10-05\"\nfrom = [\"mao\"]\nto = [\"stalin\"]\n\
         kind = \"ciphered-telegram\"\nstatus = \"extant\"\ntitle = \"A record of the reader's own\"\n\
         archive = \"APRF, fond 45, opis 1, delo 999, list 1\"\npublished = \"A collection\"\n\
         footnotes = []\n\n[[passage]]\nkind = \"quote\"\nalign = \"a\"\ntext = \"Test text.\"\n\n\
         [[note]]\nby = \"chen\"\ntext = \"A note of a scholar's, citing the paper.\"\ncite = [116]\n",
    )
    .unwrap();
    dir
}

/// A record the paper never cites is not cited as quoted in it, in any
/// style or export; one the paper reports without a footnote
/// (`in_paper = true`) still is.
#[test]
fn a_record_of_the_readers_own_is_not_cited_as_quoted_in_the_paper() {
    let dir = corpus_with_own_record();
    let c = dir.path().to_str().unwrap();
    let id = "1950-10-05-mao-stalin";
    let full = cite(&["--corpus", c, id]);
    assert_eq!(
        full.trim_end(),
        "Ciphered telegram, Mao to Stalin, 5 October 1950, APRF, fond 45, opis 1, delo 999, list 1, in A collection."
    );
    let short = cite(&["--corpus", c, id, "--short"]);
    assert_eq!(short.trim_end(), "Mao to Stalin, 5 October 1950.");
    for style in ["bibtex", "csl", "ris"] {
        let s = cite(&["--corpus", c, id, "--style", style]);
        assert!(
            !s.contains("IDSS") && !s.contains("Korean War June"),
            "{style}: {s}"
        );
        assert!(s.contains("delo 999"), "{style}: {s}");
    }
    let cmif = run(&["--corpus", c, "export", "--format", "cmif"]);
    let cmif = text(&cmif.stdout);
    assert!(
        cmif.contains(&format!(
            "<correspDesc key=\"{id}\" source=\"#own-records\">"
        )),
        "{cmif}"
    );
    assert!(cmif.contains("<bibl type=\"hybrid\" xml:id=\"own-records\">"));
    // Reported by the paper in a sentence without a footnote: from the paper.
    let cpv = cite(&["--corpus", c, "1950-10-18-mao-cpv"]);
    assert!(
        cpv.contains("cited in “The Korean War June-October 1950"),
        "{cpv}"
    );
    // The bundled corpus has no record of the reader's own.
    let bundled = text(&run(&["export", "--format", "cmif"]).stdout);
    assert!(!bundled.contains("own-records"));
}

/// BibTeX: biblatex's date marks as CSL's raw dates have them (`~` loose,
/// `?` worked out by the editors), and babel's lower-case language names.
#[test]
fn bibtex_dates_keep_their_uncertainty_and_langid_is_babels_name() {
    let loose = cite(&["1950-07-07-mao-nebda-conference", "--style", "bibtex"]);
    assert!(loose.contains("  date = {1950-07-07~},"), "{loose}");
    let inferred = cite(&["1950-10-18-stalin-mao", "--style", "bibtex"]);
    assert!(inferred.contains("  date = {1950-10-18?},"), "{inferred}");
    let exact = cite(&["1950-10-02-mao-stalin", "--style", "bibtex"]);
    assert!(exact.contains("  date = {1950-10-03},"), "{exact}");
    assert!(exact.contains("  langid = {russian},"), "{exact}");
}

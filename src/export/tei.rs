//! The telegrams with more than one version as TEI P5, the standard form
//! for parallel texts: in the header a `listWit` per telegram with one
//! `witness` per version (its language, date, archive, publication, status
//! and the paper's footnotes); in the body, per telegram, one `div
//! type="version"` per witness holding its text as the paper gives it, one
//! `seg` per align key, the paper's quoted words as `quote` and the
//! editors' summaries as `note type="summary"`, kept apart; then a
//! `linkGrp` whose `link`s pair the counterpart segments of each two
//! versions, typed by their relation (contradicts, softens, differs,
//! matches; `counterpart` where the corpus gives none).
//!
//! Valid against TEI P5 (`tei_all.rng`; `jing` checks it in CI).
//! Deterministic: the same corpus gives the same bytes.

use std::fmt::Write;

use super::cite::{OWN_ID, OWN_RECORDS, SOURCE_PAPER};
use super::cmif::EDITION_DATE;
use super::xml_escape as esc;
use crate::corpus::{Corpus, PassageKind, Status, Telegram, Witness, language_name};

/// The `xml:id` of the source paper's `bibl`.
pub const SOURCE_ID: &str = "source-paper";

/// An NCName from an id: letters, digits, '-', '_' and '.' kept, anything
/// else '_'; a prefix keeps it from starting with a digit.
fn ncname(prefix: &str, parts: &[&str]) -> String {
    let mut s = String::from(prefix);
    for p in parts {
        s.push('.');
        s.extend(p.chars().map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        }));
    }
    s
}

/// The `xml:id` of a witness.
pub fn witness_id(t: &Telegram, w: &Witness) -> String {
    ncname("w", &[&t.id, &w.id])
}

/// The `xml:id` of a witness's segment for an align key.
pub fn seg_id(t: &Telegram, w: &Witness, key: &str) -> String {
    ncname("s", &[&t.id, &w.id, key])
}

fn witness(out: &mut String, t: &Telegram, w: &Witness) {
    let _ = writeln!(out, "          <witness xml:id=\"{}\">", witness_id(t, w));
    let _ = write!(out, "            <bibl><title>{}</title>", esc(&w.label));
    if let Some(l) = &w.language {
        let how = match w.translation.as_deref() {
            Some(tr) if tr != l => format!(
                "{}; the paper quotes it in {} translation",
                language_name(l),
                language_name(tr)
            ),
            _ => language_name(l).to_string(),
        };
        let _ = write!(
            out,
            " <textLang mainLang=\"{}\">{}</textLang>",
            esc(l),
            esc(&how)
        );
    }
    if let Some(d) = &w.date {
        let _ = write!(out, " <date when=\"{d}\"/>");
    }
    if let Some(a) = &w.archive {
        let _ = write!(out, " <idno type=\"archive\">{}</idno>", esc(a));
    }
    if let Some(p) = &w.published {
        let _ = write!(out, " <note type=\"provenance\">{}</note>", esc(p));
    }
    if let Some(s) = w.status {
        let by = match w.status_footnote {
            Some(n) => format!(" (the paper’s footnote {n})"),
            None => " (the editors’ reading)".to_string(),
        };
        let _ = write!(
            out,
            " <note type=\"status\">{}{}</note>",
            esc(s.name()),
            esc(&by)
        );
    }
    if let Some(n) = &w.status_note {
        let _ = write!(out, " <note type=\"status-note\">{}</note>", esc(n));
    }
    for n in &w.footnotes {
        let _ = write!(out, " <citedRange unit=\"footnote\">{n}</citedRange>");
    }
    out.push_str("</bibl>\n          </witness>\n");
}

fn version(out: &mut String, t: &Telegram, w: &Witness) {
    let lang = w
        .text_language()
        .map(|l| format!(" xml:lang=\"{}\"", esc(l)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "        <div type=\"version\" corresp=\"#{}\"{lang}>",
        witness_id(t, w)
    );
    let _ = writeln!(out, "          <head>{}</head>", esc(&w.label));
    out.push_str("          <ab>\n");
    for group in w.groups() {
        let key = &group[0].align;
        let _ = write!(
            out,
            "            <seg xml:id=\"{}\" type=\"align\" n=\"{}\">",
            seg_id(t, w, key),
            esc(key)
        );
        for (i, p) in group.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            match p.kind {
                PassageKind::Quote => {
                    let _ = write!(
                        out,
                        "<quote source=\"#{}\">{}</quote>",
                        source_id(t),
                        esc(&p.text)
                    );
                }
                PassageKind::Summary => {
                    let _ = write!(out, "<note type=\"summary\">{}</note>", esc(&p.text));
                }
            }
            for n in &p.cite {
                let _ = write!(out, " <ref type=\"footnote\" n=\"{n}\">n. {n}</ref>");
            }
        }
        out.push_str("</seg>\n");
    }
    out.push_str("          </ab>\n        </div>\n");
}

/// The relation of two witnesses' segments for a key: the one the corpus
/// gives on either side, else "counterpart".
fn relation(a: &Witness, b: &Witness, key: &str) -> &'static str {
    let of = |w: &Witness| {
        w.passages
            .iter()
            .filter(|p| p.align == key)
            .find_map(|p| p.relation)
    };
    of(b).or_else(|| of(a)).map_or("counterpart", |r| r.name())
}

fn links(out: &mut String, t: &Telegram) {
    let mut pairs = Vec::new();
    for (i, a) in t.witnesses().iter().enumerate() {
        for b in &t.witnesses()[i + 1..] {
            for g in a.groups() {
                let key = &g[0].align;
                if b.passages.iter().any(|p| &p.align == key) {
                    pairs.push((a, b, key.clone()));
                }
            }
        }
    }
    if pairs.is_empty() {
        return;
    }
    out.push_str("        <linkGrp type=\"counterparts\">\n");
    for (a, b, key) in pairs {
        let _ = writeln!(
            out,
            "          <link type=\"{}\" target=\"#{} #{}\"/>",
            relation(a, b, &key),
            seg_id(t, a, &key),
            seg_id(t, b, &key)
        );
    }
    out.push_str("        </linkGrp>\n");
}

/// The source a telegram's texts are given by: the paper, or the reader's
/// own record.
fn source_id(t: &Telegram) -> &'static str {
    if t.from_paper() { SOURCE_ID } else { OWN_ID }
}

/// The telegrams TEI holds: those with more than one version.
pub fn telegrams(corpus: &Corpus) -> Vec<&Telegram> {
    corpus
        .telegrams
        .iter()
        .filter(|t| t.is_multi_witness())
        .collect()
}

/// A TEI P5 document for these telegrams (each should have several
/// versions; one with a single text is given with its one witness).
pub fn to_string(corpus: &Corpus, telegrams: &[&Telegram]) -> String {
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n");
    s.push_str("  <teiHeader>\n    <fileDesc>\n      <titleStmt>\n");
    s.push_str("        <title>The versions of the 1950 telegrams behind China’s entry into the Korean War: the shifr corpus</title>\n");
    s.push_str("        <editor>shifr editors</editor>\n      </titleStmt>\n");
    let _ = writeln!(
        s,
        "      <publicationStmt>\n        <publisher>shifr</publisher>\n        <date when=\"{EDITION_DATE}\"/>\n      </publicationStmt>"
    );
    s.push_str("      <sourceDesc>\n");
    let _ = writeln!(
        s,
        "        <bibl xml:id=\"{SOURCE_ID}\">{}. Every text here is as the paper gives it, in English: its quoted words as quote, the editors’ summaries of what it says as note type=\"summary\".</bibl>",
        esc(SOURCE_PAPER)
    );
    if telegrams.iter().any(|t| !t.from_paper()) {
        let _ = writeln!(s, "        <bibl xml:id=\"{OWN_ID}\">{OWN_RECORDS}.</bibl>");
    }
    for t in telegrams {
        let _ = writeln!(
            s,
            "        <listWit xml:id=\"{}\">\n          <head>{}</head>",
            ncname("ws", &[&t.id]),
            esc(&format!("{}: {}", t.id, t.title))
        );
        for w in t.witnesses() {
            witness(&mut s, t, w);
        }
        s.push_str("        </listWit>\n");
    }
    s.push_str("      </sourceDesc>\n    </fileDesc>\n  </teiHeader>\n  <text>\n    <body>\n");
    if telegrams.is_empty() {
        s.push_str("      <p>No telegram in this corpus has more than one version.</p>\n");
    }
    for t in telegrams {
        let _ = writeln!(
            s,
            "      <div type=\"telegram\" xml:id=\"{}\" n=\"{}\">",
            ncname("t", &[&t.id]),
            esc(&t.id)
        );
        let _ = writeln!(
            s,
            "        <head>{}, {}: {}</head>",
            esc(&corpus.chain(t)),
            esc(&t.date.long()),
            esc(&t.title)
        );
        // What is known of the record: its versions conflict, or whether it
        // existed is doubted (extant and reported records say nothing).
        if matches!(t.status, Status::Conflict | Status::Disputed) {
            let _ = writeln!(
                s,
                "        <note type=\"record-status\" subtype=\"{}\">{}</note>",
                t.status.name(),
                esc(t.status.label())
            );
        }
        for w in t.witnesses() {
            version(&mut s, t, w);
        }
        links(&mut s, t);
        s.push_str("      </div>\n");
    }
    s.push_str("    </body>\n  </text>\n</TEI>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_ncnames() {
        let c = Corpus::embedded().unwrap();
        let t = c.telegram("1950-10-02-mao-stalin").unwrap();
        assert_eq!(
            witness_id(t, &t.witnesses()[0]),
            "w.1950-10-02-mao-stalin.zh"
        );
        assert_eq!(
            seg_id(t, &t.witnesses()[1], "decision"),
            "s.1950-10-02-mao-stalin.ru.decision"
        );
        assert_eq!(ncname("s", &["a b"]), "s.a_b");
    }
}

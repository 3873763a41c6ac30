//! The correspondence as TEI XML in the Correspondence Metadata Interchange
//! Format (CMIF 1.1, as correspSearch harvests it): a `correspDesc` per
//! telegram, with who sent it when and who received it, and the source
//! paper as the one `bibl` every record comes from. What CMIF has no element
//! for — the channel a message went through, its archive and publication,
//! its versions, the paper's footnotes — goes in a `note`.
//!
//! Deterministic: the same corpus and options give the same bytes.

use std::fmt::Write;

use super::cite::{OWN_ID, OWN_RECORDS, SOURCE_PAPER};
use crate::corpus::{Certainty, Corpus, Date, Telegram};

/// The `xml:id` of the source paper's `bibl`: a UUID, fixed so that every
/// export of the corpus names its source the same way (CMIF asks for a
/// stable one; an NCName, so it starts with a letter).
pub const SOURCE_ID: &str = "b7c1e5a2-3d4f-4e8a-9c61-1950c0ffee02";

/// What the header says about this file.
#[derive(Clone, Debug)]
pub struct Options {
    /// Where the file will be published (`publicationStmt/idno`).
    pub url: String,
    /// When the data was last changed (`publicationStmt/date/@when`).
    pub date: String,
    /// The licence: CC-BY 4.0, or CC0 (the two CMIF allows).
    pub cc0: bool,
}

/// The date of this edition of the bundled corpus: the default for
/// `publicationStmt/date` (an export must not depend on the clock).
pub const EDITION_DATE: &str = "2026-11-27";

impl Default for Options {
    fn default() -> Options {
        Options {
            url: "urn:shifr:bundled-corpus".to_string(),
            date: EDITION_DATE.to_string(),
            cc0: false,
        }
    }
}

/// The placeholder `publicationStmt/idno` for a corpus read from a
/// directory: `urn:shifr:corpus:NAME`, NAME its directory's name
/// (percent-encoded where a URN needs it), so the file says which corpus
/// it holds and not the bundled one. Without a name, the bundled
/// corpus's placeholder.
pub fn placeholder_url(dir: &std::path::Path) -> String {
    let name = std::fs::canonicalize(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()));
    let Some(name) = name.filter(|n| !n.is_empty()) else {
        return Options::default().url;
    };
    let mut out = String::from("urn:shifr:corpus:");
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

use super::xml_escape as esc;

/// The `date` element for a date: `@when` for a day, a month ("1950-09",
/// as CMIF allows) or a year, with `@cert="low"` where the paper dates it
/// loosely and `@evidence="conjecture"` where the date is worked out.
pub fn date_element(d: &Date, certainty: Certainty) -> String {
    let extra = match certainty {
        Certainty::Approximate => r#" cert="low""#,
        Certainty::Inferred => r#" evidence="conjecture""#,
        Certainty::Exact | Certainty::Month => "",
    };
    format!(r#"<date when="{d}"{extra}/>"#)
}

/// `persName` for a person, `orgName` for a group (the CCP Politburo, the
/// CPV commanders), with the full name.
fn name_element(corpus: &Corpus, id: &str) -> String {
    match corpus.person(id) {
        Some(p) if p.group => format!("<orgName>{}</orgName>", esc(p.full())),
        Some(p) => format!("<persName>{}</persName>", esc(p.full())),
        None => format!("<persName>{}</persName>", esc(id)),
    }
}

/// Everything about a telegram CMIF has no element for, in one sentence
/// each.
fn note(corpus: &Corpus, t: &Telegram) -> String {
    let mut parts = vec![format!("{}: {}", capital(t.kind.label()), t.title)];
    if let Some(via) = corpus.via_prose(t) {
        parts.push(format!("Conveyed via {via}: {}", corpus.chain(t)));
    }
    if let Some(time) = t.time {
        parts.push(format!("Time: {time}"));
    }
    if let Some(r) = t.received
        && let Some(time) = r.time
    {
        parts.push(format!("Received at {time}"));
    }
    parts.push(format!("Status: {}", t.status.label()));
    if let Some(a) = &t.archive {
        parts.push(format!("Archive: {a}"));
    }
    if let Some(p) = &t.published {
        parts.push(format!("Published: {p}"));
    }
    if t.is_multi_witness() {
        let w: Vec<String> = t
            .witnesses()
            .iter()
            .map(|w| match w.status {
                Some(s) => format!("{} ({})", w.label, s.label()),
                None => w.label.clone(),
            })
            .collect();
        parts.push(format!("Versions: {}", w.join("; ")));
    }
    if !t.footnotes.is_empty() {
        let f: Vec<String> = t.footnotes.iter().map(u32::to_string).collect();
        let word = if f.len() == 1 {
            "footnote"
        } else {
            "footnotes"
        };
        parts.push(format!("Source paper, {word} {}", f.join(", ")));
    }
    parts.push(format!("shifr id: {}", t.id));
    parts
        .into_iter()
        .map(sentence)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Ends a sentence with a full stop unless it has its own.
fn sentence(s: String) -> String {
    let t = s.trim_end();
    let bare = t.trim_end_matches(['”', '’', '"', ')']);
    if bare.ends_with(['.', '?', '!']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The whole corpus as a CMIF document.
pub fn to_string(corpus: &Corpus, opts: &Options) -> String {
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n");
    s.push_str("  <teiHeader>\n    <fileDesc>\n      <titleStmt>\n");
    let _ = writeln!(
        s,
        "        <title>The 1950 telegrams behind China’s entry into the Korean War: the shifr corpus</title>"
    );
    s.push_str("        <editor>shifr editors</editor>\n      </titleStmt>\n");
    s.push_str("      <publicationStmt>\n        <publisher>shifr</publisher>\n");
    let _ = writeln!(s, "        <idno type=\"url\">{}</idno>", esc(&opts.url));
    let _ = writeln!(s, "        <date when=\"{}\"/>", esc(&opts.date));
    let (target, words) = if opts.cc0 {
        (
            "https://creativecommons.org/publicdomain/zero/1.0/",
            "This file is licensed under the terms of the Creative Commons License CC0 1.0",
        )
    } else {
        (
            "https://creativecommons.org/licenses/by/4.0/",
            "This file is licensed under the terms of the Creative Commons License CC-BY 4.0",
        )
    };
    let _ = writeln!(
        s,
        "        <availability>\n          <licence target=\"{target}\">{words}</licence>\n        </availability>"
    );
    s.push_str("      </publicationStmt>\n      <sourceDesc>\n");
    let _ = writeln!(
        s,
        "        <bibl type=\"print\" xml:id=\"{SOURCE_ID}\">{}. The telegrams as the paper quotes and cites them, with the archive files and publications its footnotes give.</bibl>",
        esc(SOURCE_PAPER)
    );
    if corpus.telegrams.iter().any(|t| !t.from_paper()) {
        let _ = writeln!(
            s,
            "        <bibl type=\"hybrid\" xml:id=\"{OWN_ID}\">{OWN_RECORDS}.</bibl>"
        );
    }
    s.push_str("      </sourceDesc>\n    </fileDesc>\n    <profileDesc>\n");
    let mut order: Vec<&Telegram> = corpus.telegrams.iter().collect();
    order.sort_by(|a, b| (a.date.sort_key(), a.seq, &a.id).cmp(&(b.date.sort_key(), b.seq, &b.id)));
    for t in order {
        let _ = writeln!(
            s,
            "      <correspDesc key=\"{}\" source=\"#{}\">",
            esc(&t.id),
            if t.from_paper() { SOURCE_ID } else { OWN_ID }
        );
        s.push_str("        <correspAction type=\"sent\">\n");
        for f in &t.from {
            let _ = writeln!(s, "          {}", name_element(corpus, f));
        }
        let _ = writeln!(s, "          {}", date_element(&t.date, t.certainty));
        s.push_str("        </correspAction>\n        <correspAction type=\"received\">\n");
        for to in &t.to {
            let _ = writeln!(s, "          {}", name_element(corpus, to));
        }
        if let Some(r) = t.received {
            let _ = writeln!(s, "          {}", date_element(&r.date, Certainty::Exact));
        }
        s.push_str("        </correspAction>\n");
        let _ = writeln!(s, "        <note>{}</note>", esc(&note(corpus, t)));
        s.push_str("      </correspDesc>\n");
    }
    s.push_str("    </profileDesc>\n  </teiHeader>\n  <text>\n    <body>\n      <p/>\n    </body>\n  </text>\n</TEI>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_by_certainty() {
        let d = Date::parse("1950-10-02").unwrap();
        assert_eq!(
            date_element(&d, Certainty::Exact),
            r#"<date when="1950-10-02"/>"#
        );
        assert_eq!(
            date_element(&d, Certainty::Inferred),
            r#"<date when="1950-10-02" evidence="conjecture"/>"#
        );
        assert_eq!(
            date_element(&d, Certainty::Approximate),
            r#"<date when="1950-10-02" cert="low"/>"#
        );
        assert_eq!(
            date_element(&Date::parse("1950-09").unwrap(), Certainty::Month),
            r#"<date when="1950-09"/>"#
        );
        assert_eq!(
            date_element(&Date::parse("1950").unwrap(), Certainty::Inferred),
            r#"<date when="1950" evidence="conjecture"/>"#
        );
    }

    #[test]
    fn the_conveyed_message_notes_its_channel() {
        let c = Corpus::embedded().unwrap();
        let t = c.telegram("1950-10-02-mao-stalin").unwrap();
        let n = note(&c, t);
        assert!(
            n.contains("Conveyed via Roshchin: Mao → Roshchin → Stalin. "),
            "{n}"
        );
        assert!(n.contains("fond 45, opis 1, delo 334"), "{n}");
        assert!(n.contains("Versions: "), "{n}");
        assert!(n.ends_with("shifr id: 1950-10-02-mao-stalin."), "{n}");
    }
}

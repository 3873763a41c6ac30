//! The telegrams as CSL-JSON, the input Zotero, Pandoc and every citeproc
//! processor read: each telegram a `personal_communication` (a Letter in
//! Zotero) with the same facts as the Chicago note (see [`super::cite`]):
//! author and recipient as CSL name objects, the form as `genre`, the date
//! as `issued`, the archive and its reference, the publication as
//! `container-title`, and a `note` saying where the paper quotes it and
//! what its footnotes say.
//!
//! Names keep their order: a Chinese or Korean name is family then given
//! with `static-ordering` set, so that processors print "Mao Zedong", not
//! "Zedong Mao"; a body such as the CCP Politburo is a `literal`. Dates are
//! `date-parts`, with the EDTF form in `raw` where the date is not a plain
//! day: "1950-08" for a month, "1950-07-07~" for the paper's loose dates,
//! "1950-10-18?" for those the editors worked out (`circa` set for the
//! loose ones).

use serde_json::{Map, Value, json};

use super::cite::{self, Document, NameParts, SOURCE_PAPER};
use crate::corpus::{Certainty, Corpus, Date, Telegram, WitnessStatus};

/// A CSL name object.
pub fn name(corpus: &Corpus, id: &str) -> Value {
    match cite::name_parts(corpus, id) {
        NameParts::Literal(l) => json!({ "literal": l }),
        NameParts::Person {
            family,
            given,
            family_first,
        } => {
            let mut m = Map::new();
            m.insert("family".into(), Value::String(family));
            if !given.is_empty() {
                m.insert("given".into(), Value::String(given));
            }
            if family_first {
                m.insert("static-ordering".into(), Value::Bool(true));
            }
            Value::Object(m)
        }
    }
}

/// A CSL date: `date-parts`, with the EDTF form in `raw` for anything but
/// a plain day.
pub fn date(d: &Date, certainty: Certainty) -> Value {
    let mut parts = vec![json!(d.year)];
    if let Some(m) = d.month {
        parts.push(json!(m));
        if let Some(day) = d.day {
            parts.push(json!(day));
        }
    }
    let mut m = Map::new();
    m.insert("date-parts".into(), json!([parts]));
    let edtf = d.to_string();
    match certainty {
        Certainty::Exact if d.is_full() => {}
        Certainty::Exact | Certainty::Month => {
            m.insert("raw".into(), Value::String(edtf));
        }
        Certainty::Approximate => {
            m.insert("raw".into(), Value::String(format!("{edtf}~")));
            m.insert("circa".into(), Value::Bool(true));
        }
        Certainty::Inferred => {
            m.insert("raw".into(), Value::String(format!("{edtf}?")));
        }
    }
    Value::Object(m)
}

/// The archive's name and the reference within it: "APRF" and "fond 45,
/// opis 1, delo 334, listy 105–106".
fn split_archive(a: &str) -> (String, Option<String>) {
    let a = cite::en_dash_ranges(a);
    match a.split_once(", ") {
        Some((name, rest)) if !name.contains(' ') || name.chars().all(|c| c.is_uppercase()) => {
            (name.to_string(), Some(rest.to_string()))
        }
        _ => match a.split_once(' ') {
            Some((name, rest)) if name.chars().all(|c| c.is_ascii_uppercase()) => {
                (name.to_string(), Some(rest.to_string()))
            }
            _ => (a, None),
        },
    }
}

/// What the note says: where the paper quotes or cites the document, and
/// each footnote's text (or that the paper lacks it); nothing of the paper
/// for a record of the reader's own.
fn note(corpus: &Corpus, d: &Document) -> String {
    let mut s = String::new();
    let mut fns: Vec<u32> = Vec::new();
    if let Some(through) = d.in_paper(SOURCE_PAPER) {
        s = cite::capitalised(&through);
        s.push('.');
        fns = d.footnotes.clone();
    }
    fns.sort_unstable();
    fns.dedup();
    for n in fns {
        if let Some(f) = corpus.footnote(n) {
            match &f.text {
                Some(t) => s.push_str(&format!(" Footnote {n}: “{t}”")),
                None => s.push_str(&format!(" Footnote {n}: the paper lacks its text.")),
            }
        }
    }
    match d.record {
        crate::corpus::Status::Conflict => s.push_str(" Versions conflict: each is held genuine."),
        crate::corpus::Status::Disputed => s.push_str(" Existence disputed."),
        _ => {}
    }
    if d.archive.is_none() && d.published.is_none() {
        s.push_str(" Known only from accounts.");
    }
    s.trim_start().to_string()
}

/// One telegram as a CSL-JSON item.
pub fn item(corpus: &Corpus, t: &Telegram) -> Value {
    let d = Document::of(t);
    let mut m = Map::new();
    m.insert("id".into(), json!(t.id));
    m.insert("type".into(), json!("personal_communication"));
    m.insert("title".into(), json!(d.description(corpus, t)));
    m.insert(
        "author".into(),
        Value::Array(d.authors.iter().map(|p| name(corpus, p)).collect()),
    );
    m.insert(
        "recipient".into(),
        Value::Array(d.recipients.iter().map(|p| name(corpus, p)).collect()),
    );
    m.insert("genre".into(), json!(d.kind));
    m.insert("issued".into(), date(&d.date, d.certainty));
    if let Some(a) = &d.archive {
        let (archive, location) = split_archive(a);
        m.insert("archive".into(), json!(archive));
        if let Some(l) = location {
            m.insert("archive_location".into(), json!(l));
        }
    }
    if let Some(p) = &d.published {
        m.insert("container-title".into(), json!(cite::en_dash_ranges(p)));
    }
    if d.status == Some(WitnessStatus::Draft) {
        m.insert("status".into(), json!("draft"));
    }
    if let Some(l) = &d.language {
        m.insert("language".into(), json!(l));
    }
    let note = note(corpus, &d);
    if !note.is_empty() {
        m.insert("note".into(), json!(note));
    }
    m.insert("citation-key".into(), json!(format!("shifr:{}", t.id)));
    Value::Object(m)
}

/// Every telegram, in date order, as a CSL-JSON array.
pub fn to_value(corpus: &Corpus) -> Value {
    Value::Array(corpus.telegrams.iter().map(|t| item(corpus, t)).collect())
}

/// A CSL-JSON value as the file holds it: pretty, with a final newline.
pub fn to_string(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("JSON values always serialise");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_dates_and_archives() {
        let c = Corpus::embedded().unwrap();
        assert_eq!(
            name(&c, "mao"),
            json!({"family": "Mao", "given": "Zedong", "static-ordering": true})
        );
        assert_eq!(
            name(&c, "stalin"),
            json!({"family": "Stalin", "given": "Josef"})
        );
        assert_eq!(
            date(&Date::parse("1950-08").unwrap(), Certainty::Month),
            json!({"date-parts": [[1950, 8]], "raw": "1950-08"})
        );
        assert_eq!(
            date(&Date::parse("1950-10-02").unwrap(), Certainty::Exact),
            json!({"date-parts": [[1950, 10, 2]]})
        );
        assert_eq!(
            split_archive("APRF, fond 45, opis 1, delo 334, listy 105-106"),
            (
                "APRF".into(),
                Some("fond 45, opis 1, delo 334, listy 105–106".into())
            )
        );
        assert_eq!(
            split_archive("APRF fond 45, opis 1"),
            ("APRF".into(), Some("fond 45, opis 1".into()))
        );
    }
}

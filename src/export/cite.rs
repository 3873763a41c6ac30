//! Citations of a telegram as historians write them: a Chicago-style note,
//! or a BibTeX entry. Each says where the facts come from — the archive and
//! publication as the source paper's footnotes give them — and which of the
//! paper's footnotes carry them.

use crate::corpus::{Certainty, Corpus, Telegram};

/// The source paper every record of the bundled corpus comes from.
pub const SOURCE_PAPER: &str = "“The Korean War June-October 1950: Inchon and Stalin in the ‘Trigger vs. Justification’ Debate”, IDSS Working Paper (Singapore: Institute of Defence and Strategic Studies, 2005)";

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn date_with_certainty(t: &Telegram) -> String {
    let mut d = t.date.long();
    if t.certainty != Certainty::Exact {
        d.push_str(&format!(" [{}]", t.certainty.marker()));
    }
    d
}

/// "nn. 116, 117" / "n. 59".
fn footnote_ref(f: &[u32]) -> Option<String> {
    super::footnote_list(f, "n.", "nn.")
}

/// A Chicago-style note for a telegram.
pub fn chicago(corpus: &Corpus, t: &Telegram) -> String {
    let kind = capitalised(t.kind.label().trim_end_matches(" (form not stated)"));
    // A message conveyed by an ambassador, whose text is his later telegram:
    // "Roshchin to Stalin, 3 October 1950, conveying Mao's message of 2 October".
    let conveyed = t
        .witnesses
        .iter()
        .find(|w| w.date.is_some_and(|d| d != t.date) && !t.via.is_empty());
    let mut parts: Vec<String> = vec![kind];
    match conveyed {
        Some(w) => {
            let via = t.via.last().map(|v| corpus.name(v)).unwrap_or_default();
            parts.push(format!("{via} to {}", corpus.names(&t.to)));
            parts.push(w.date.map(|d| d.long()).unwrap_or_default());
            let from = corpus.names(&t.from);
            let of = match (t.date.day, t.date.month) {
                (Some(d), Some(m)) => format!("{d} {}", crate::corpus::Date::month_name(m)),
                _ => t.date.long(),
            };
            parts.push(format!("conveying {from}’s message of {of}"));
        }
        None => {
            let mut who = format!("{} to {}", corpus.names(&t.from), corpus.names(&t.to));
            if let Some(via) = corpus.via_prose(t) {
                who.push_str(&format!(" (via {via})"));
            }
            parts.push(who);
            parts.push(date_with_certainty(t));
        }
    }
    match (&t.archive, &t.published) {
        (Some(a), Some(p)) => {
            parts.push(a.clone());
            parts.push(format!("in {p}"));
        }
        (Some(a), None) => parts.push(a.clone()),
        (None, Some(p)) => parts.push(format!("in {p}")),
        (None, None) => parts.push(match t.status {
            crate::corpus::Status::Disputed => "disputed; known only from accounts".to_string(),
            _ => "known only from accounts".to_string(),
        }),
    }
    let mut s = parts.join(", ");
    match footnote_ref(&t.footnotes) {
        Some(f) => s.push_str(&format!("; as given in {SOURCE_PAPER}, {f}")),
        None => s.push_str(&format!("; as given in {SOURCE_PAPER}")),
    }
    s.push('.');
    s
}

fn bib_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '{' | '}' | '\\' => {}
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            // One field, one line; escape, bell and the like left out.
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A BibTeX entry for a telegram (`@misc`, keyed by its id).
pub fn bibtex(corpus: &Corpus, t: &Telegram) -> String {
    let authors: Vec<String> = t
        .from
        .iter()
        .map(|p| corpus.person(p).map_or(p.clone(), |p| p.full().to_string()))
        .collect();
    let recipients: Vec<String> = t.to.iter().map(|p| corpus.name(p).to_string()).collect();
    let mut how = format!(
        "{}, to {}",
        capitalised(t.kind.label().trim_end_matches(" (form not stated)")),
        recipients.join(" and ")
    );
    if let Some(via) = corpus.via_prose(t) {
        how.push_str(&format!(", via {via}"));
    }
    let mut note = Vec::new();
    if let Some(a) = &t.archive {
        note.push(a.clone());
    }
    if let Some(p) = &t.published {
        note.push(format!("In {p}"));
    }
    let mut source = format!("As given in {SOURCE_PAPER}");
    if let Some(f) = footnote_ref(&t.footnotes) {
        source.push_str(&format!(", {f}"));
    }
    note.push(source);
    if t.certainty != Certainty::Exact {
        note.push(format!("Date {}", t.certainty.marker()));
    }
    let mut fields = vec![
        ("author", authors.join(" and ")),
        ("title", t.title.clone()),
        ("date", t.date.to_string()),
        ("year", t.date.year.to_string()),
        ("howpublished", how),
        ("note", note.join(". ")),
    ];
    if let Some(m) = t.date.month {
        fields.insert(
            4,
            (
                "month",
                crate::corpus::Date::month_name(m)[..3].to_lowercase(),
            ),
        );
    }
    let body: Vec<String> = fields
        .into_iter()
        .map(|(k, v)| {
            if k == "month" {
                format!("  {k} = {v},")
            } else {
                format!("  {k} = {{{}}},", bib_escape(&v))
            }
        })
        .collect();
    format!("@misc{{shifr:{},\n{}\n}}\n", t.id, body.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chicago_for_a_conveyed_message() {
        let c = Corpus::embedded().unwrap();
        let s = chicago(&c, c.telegram("1950-10-02-mao-stalin").unwrap());
        assert!(
            s.starts_with("Ciphered telegram, Roshchin to Stalin, 3 October 1950, conveying Mao’s message of 2 October, APRF, fond 45, opis 1, delo 334, listy 105-106, in CWIHP, Bulletin 6-7, Winter 1995; as given in"),
            "{s}"
        );
        assert!(s.ends_with("nn. 116, 117, 118, 119, 120."), "{s}");
    }

    #[test]
    fn chicago_for_a_reported_message_with_an_uncertain_date() {
        let c = Corpus::embedded().unwrap();
        let s = chicago(&c, c.telegram("1950-08-mao-kim").unwrap());
        assert!(s.starts_with("Message, Mao to Kim Il Sung, August 1950 [month only], known only from accounts; as given in"), "{s}");
    }

    #[test]
    fn bibtex_entries_are_well_formed() {
        let c = Corpus::embedded().unwrap();
        for t in &c.telegrams {
            let b = bibtex(&c, t);
            assert!(b.starts_with(&format!("@misc{{shifr:{},", t.id)), "{b}");
            assert_eq!(b.matches('{').count(), b.matches('}').count(), "{b}");
            assert!(b.contains("  year = {1950},"), "{b}");
        }
    }
}

//! A telegram as a BibLaTeX `@letter` entry that agrees with its Chicago
//! note (`cite.rs`): the document's description, its author and date, the
//! paper's footnotes in the note.

use super::cite::{Document, NameParts, SOURCE_PAPER, capitalised, en_dash_ranges, name_parts};
use crate::corpus::{Certainty, Corpus, Date, Telegram};

/// One field, one line: TeX's specials escaped, braces and backslashes
/// (which would unbalance the entry) left out.
fn bib_escape(s: &str) -> String {
    crate::text::one_line_escaped(s, &['&', '%', '$', '#', '_'], &['{', '}', '\\'])
}

/// A name for a BibTeX name list: "Stalin, Josef"; East Asian names and
/// bodies in braces, so that no tool splits them ("{Mao Zedong}", "{Kim Il
/// Sung}", "{CCP Politburo}").
fn bib_name(corpus: &Corpus, id: &str) -> String {
    match name_parts(corpus, id) {
        NameParts::Literal(l) => format!("{{{}}}", bib_escape(&l)),
        NameParts::Person {
            family,
            given,
            family_first: true,
        } => format!("{{{}}}", bib_escape(format!("{family} {given}").trim())),
        NameParts::Person { family, given, .. } if given.is_empty() => bib_escape(&family),
        NameParts::Person { family, given, .. } => {
            format!("{}, {}", bib_escape(&family), bib_escape(&given))
        }
    }
}

/// A BibLaTeX `@letter` entry (Zotero reads it as a Letter) keyed by the
/// telegram's id, saying what the Chicago note says: the title is the
/// document's description, the author and date those of the document (for
/// a conveyed message, the ambassador's telegram), East Asian names kept
/// whole.
pub fn bibtex(corpus: &Corpus, t: &Telegram) -> String {
    let d = Document::of(t);
    let authors: Vec<String> = d.authors.iter().map(|p| bib_name(corpus, p)).collect();
    let mut note = Vec::new();
    match (&d.archive, &d.published) {
        (None, None) => note.push(capitalised(&d.holdings())),
        (a, p) => {
            if let Some(a) = a {
                note.push(en_dash_ranges(a));
            }
            if let Some(p) = p {
                note.push(format!("In {}", en_dash_ranges(p)));
            }
        }
    }
    if let Some(p) = d.in_paper(SOURCE_PAPER) {
        note.push(capitalised(&p));
    }
    let mut fields: Vec<(&str, String)> = vec![
        ("author", authors.join(" and ")),
        ("title", bib_escape(&d.description(corpus, t))),
        // biblatex reads ISO 8601-2 marks as CSL's raw dates have them:
        // "~" for the paper's loose dates, "?" for those the editors
        // worked out.
        (
            "date",
            match d.certainty {
                Certainty::Approximate => format!("{}~", d.date),
                Certainty::Inferred => format!("{}?", d.date),
                Certainty::Exact | Certainty::Month => d.date.to_string(),
            },
        ),
        ("year", d.date.year.to_string()),
    ];
    if let Some(m) = d.date.month {
        fields.push(("month", Date::month_name(m)[..3].to_lowercase()));
    }
    fields.push(("type", bib_escape(&d.kind)));
    fields.push((
        "note",
        bib_escape(
            &note
                .iter()
                .map(|n| n.trim_end_matches('.'))
                .collect::<Vec<_>>()
                .join(". "),
        ),
    ));
    if let Some(l) = &d.language {
        // Babel's and polyglossia's names are lower case ("russian").
        fields.push((
            "langid",
            bib_escape(&crate::corpus::language_name(l).to_lowercase()),
        ));
    }
    let body: Vec<String> = fields
        .into_iter()
        .map(|(k, v)| {
            if k == "month" {
                format!("  {k} = {v},")
            } else {
                format!("  {k} = {{{v}}},")
            }
        })
        .collect();
    format!("@letter{{shifr:{},\n{}\n}}\n", t.id, body.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bibtex_agrees_with_the_note() {
        let c = Corpus::embedded().unwrap();
        for t in &c.telegrams {
            let b = bibtex(&c, t);
            assert!(b.starts_with(&format!("@letter{{shifr:{},", t.id)), "{b}");
            assert_eq!(b.matches('{').count(), b.matches('}').count(), "{b}");
            assert!(b.contains("  year = {1950},"), "{b}");
        }
        let t = c.telegram("1950-10-02-mao-stalin").unwrap();
        let b = bibtex(&c, t);
        assert!(b.contains("  author = {Roshchin, Alexei},"), "{b}");
        assert!(b.contains("  title = {Ciphered telegram, Roshchin to Stalin, 3 October 1950, conveying Mao’s message of 2 October},"), "{b}");
        assert!(b.contains("  date = {1950-10-03},"), "{b}");
        assert!(b.contains("nn. 116–20"), "{b}");
        let m = bibtex(&c, c.telegram("1950-10-13-mao-zhou").unwrap());
        assert!(m.contains("  author = {{Mao Zedong}},"), "{m}");
        let k = bibtex(&c, c.telegram("1950-09-29-kim-stalin").unwrap());
        assert!(
            k.contains("  author = {{Kim Il Sung} and {Pak Hon Yong}},"),
            "{k}"
        );
        let d = bibtex(&c, c.telegram("1950-10-04-stalin-mao").unwrap());
        assert!(
            d.contains(
                "  title = {Draft ciphered telegram, Stalin to Mao (via Roshchin), 4 October 1950},"
            ),
            "{d}"
        );
        let aug = bibtex(&c, c.telegram("1950-08-mao-kim").unwrap());
        assert!(
            aug.contains("  date = {1950-08},") && aug.contains("  month = aug,"),
            "{aug}"
        );
    }
}

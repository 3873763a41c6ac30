//! The telegrams as RIS, for reference managers that read it: each a
//! `PCOMM` (personal communication) with the same facts as the Chicago note
//! (see [`super::cite`]): `TI` the document's description, `AU` its
//! senders (East Asian names family first, as written), `DA`/`PY` its date,
//! `M3` its form, `DB` the archive and `AN` the reference in it, `T2` the
//! publication, `N1` where the paper quotes it.

use super::cite::{self, Document, NameParts, SOURCE_PAPER};
use crate::corpus::{Corpus, Telegram};

/// One line, no control characters.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn author(corpus: &Corpus, id: &str) -> String {
    match cite::name_parts(corpus, id) {
        NameParts::Literal(l) => l,
        NameParts::Person { family, given, .. } if given.is_empty() => family,
        NameParts::Person { family, given, .. } => format!("{family}, {given}"),
    }
}

/// One telegram as an RIS record, ending with `ER  - `.
pub fn record(corpus: &Corpus, t: &Telegram) -> String {
    let d = Document::of(t);
    let mut lines = vec![("TY", "PCOMM".to_string()), ("ID", t.id.clone())];
    for a in &d.authors {
        lines.push(("AU", author(corpus, a)));
    }
    lines.push(("TI", d.description(corpus, t)));
    lines.push(("PY", d.date.year.to_string()));
    let da = format!(
        "{:04}/{}/{}/",
        d.date.year,
        d.date.month.map(|m| format!("{m:02}")).unwrap_or_default(),
        d.date.day.map(|x| format!("{x:02}")).unwrap_or_default()
    );
    lines.push(("DA", da));
    lines.push(("M3", d.kind.clone()));
    if let Some(a) = &d.archive {
        let a = cite::en_dash_ranges(a);
        match a.split_once(", ") {
            Some((name, rest)) => {
                lines.push(("DB", name.to_string()));
                lines.push(("AN", rest.to_string()));
            }
            None => lines.push(("DB", a)),
        }
    }
    if let Some(p) = &d.published {
        lines.push(("T2", cite::en_dash_ranges(p)));
    }
    if let Some(p) = d.in_paper(SOURCE_PAPER) {
        lines.push(("N1", format!("{}.", cite::capitalised(&p))));
    }
    if let Some(l) = &d.language {
        lines.push(("LA", l.clone()));
    }
    let mut s: String = lines
        .into_iter()
        .map(|(k, v)| format!("{k}  - {}\n", clean(&v)))
        .collect();
    s.push_str("ER  - \n");
    s
}

/// Every telegram, in date order.
pub fn to_string(corpus: &Corpus) -> String {
    corpus
        .telegrams
        .iter()
        .map(|t| record(corpus, t))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_for_the_draft_of_4_october() {
        let c = Corpus::embedded().unwrap();
        let r = record(&c, c.telegram("1950-10-04-stalin-mao").unwrap());
        assert!(
            r.starts_with("TY  - PCOMM\nID  - 1950-10-04-stalin-mao\nAU  - Stalin, Josef\n"),
            "{r}"
        );
        assert!(r.contains("\nM3  - Draft ciphered telegram\n"), "{r}");
        assert!(r.contains("\nDA  - 1950/10/04/\n"), "{r}");
        assert!(r.ends_with("ER  - \n"), "{r}");
        let m = record(&c, c.telegram("1950-08-mao-kim").unwrap());
        assert!(
            m.contains("\nAU  - Mao, Zedong\n") && m.contains("\nDA  - 1950/08//\n"),
            "{m}"
        );
    }
}

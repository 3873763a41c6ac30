//! The words of one passage, for taking elsewhere: `Y` in the reader
//! copies them with the citation, `shifr notes export` quotes the passage
//! each note speaks to. A passage is a version's text under one align key
//! (a summary and the quotes it introduces); each piece says whether it is
//! the message's own words or the editors' summary, and which version it is.

use crate::corpus::{Corpus, PassageKind, Telegram, Witness};
use crate::text::one_line;

/// One version's pieces under `align`, each on a line: `quote: “…”` or
/// `summary: …`; none if the version has nothing under it.
fn pieces(w: &Witness, align: &str) -> Option<Vec<String>> {
    let v: Vec<String> = w
        .passages
        .iter()
        .filter(|p| p.align == align)
        .map(|p| {
            let text = one_line(&p.text);
            match p.kind {
                PassageKind::Quote => format!("quote: “{text}”"),
                PassageKind::Summary => format!("summary (the editors’ words): {text}"),
            }
        })
        .collect();
    (!v.is_empty()).then_some(v)
}

/// The passage under `align` in version `witness` — or, with no witness
/// (a note on the row in every version), in each version that has it —
/// as lines: a heading naming the version and the passage, then its
/// pieces. None if no version has it.
pub fn lines(t: &Telegram, witness: Option<&str>, align: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for w in t
        .witnesses()
        .iter()
        .filter(|w| witness.is_none_or(|id| w.id == id))
    {
        if let Some(p) = pieces(w, align) {
            let label = if t.witnesses().len() > 1 {
                format!("{} · ", one_line(&w.label))
            } else {
                String::new()
            };
            out.push(format!("{label}§ {}", one_line(align)));
            out.extend(p);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// What `Y` copies: the passage, a blank line, and the citation of the
/// telegram (of that version, where there are several).
pub fn yank(corpus: &Corpus, t: &Telegram, witness: &str, align: &str) -> Option<String> {
    let body = lines(t, Some(witness), align)?;
    let cite = match t.witnesses().iter().position(|w| w.id == witness) {
        Some(i) if t.witnesses().len() > 1 => super::cite::chicago_witness(corpus, t, i),
        _ => super::cite::chicago(corpus, t),
    };
    Some(format!("{}\n\n{cite}", body.join("\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_october() -> (Corpus, usize) {
        let c = Corpus::embedded().unwrap();
        let i = c.telegram_index("1950-10-02-mao-stalin").unwrap();
        (c, i)
    }

    #[test]
    fn a_passage_says_its_version_and_which_words_are_whose() {
        let (c, i) = two_october();
        let t = &c.telegrams[i];
        let ru = t.witnesses().iter().find(|w| w.id == "ru").unwrap();
        let l = lines(t, Some("ru"), "decision").unwrap();
        assert_eq!(l[0], format!("{} · § decision", ru.label));
        assert!(
            l[1..]
                .iter()
                .all(|x| x.starts_with("quote: “")
                    || x.starts_with("summary (the editors’ words): ")),
            "{l:?}"
        );
        // A note on the row in every version quotes every version's passage.
        let both = lines(t, None, "decision").unwrap();
        assert!(both.len() > l.len());
        assert!(
            both.iter().filter(|x| x.contains("§ decision")).count() == 2,
            "{both:?}"
        );
        assert_eq!(lines(t, Some("ru"), "no-such-row"), None);
    }

    #[test]
    fn the_yank_ends_with_the_versions_citation() {
        let (c, i) = two_october();
        let t = &c.telegrams[i];
        let y = yank(&c, t, "ru", "decision").unwrap();
        let ri = t.witnesses().iter().position(|w| w.id == "ru").unwrap();
        assert!(
            y.ends_with(&super::super::cite::chicago_witness(&c, t, ri)),
            "{y}"
        );
        assert!(y.contains("\n\n"));
    }
}

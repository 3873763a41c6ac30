//! Where a query matched inside one record, for the rows on screen: the
//! field to show, a snippet around the match, and the characters to
//! highlight. Computed only for what is drawn, never for every hit.

use std::ops::Range;

use super::document::Field;
use super::matcher::fuzzy_indices;
use super::query::{AtomKind, FieldKind, Query};
use super::score::{Forms, Prepared, weighted};
use super::tokenize::tokenize_field;
use crate::text::width;

/// The matched characters of one field, as byte ranges of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldMatch {
    /// Index into the record's fields.
    pub field: usize,
    pub ranges: Vec<Range<usize>>,
    /// The best weighted score of a match in this field.
    pub best: u32,
}

fn merge(mut v: Vec<Range<usize>>) -> Vec<Range<usize>> {
    v.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in v {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Byte ranges of the chars at `idx` (char indices) within `word` at `start`.
fn char_ranges(word: &str, start: usize, idx: &[usize]) -> Vec<Range<usize>> {
    word.char_indices()
        .enumerate()
        .filter(|(i, _)| idx.contains(i))
        .map(|(_, (b, c))| start + b..start + b + c.len_utf8())
        .collect()
}

/// Every field where a positive atom of the query matches, with what to
/// highlight.
pub fn matches(q: &Query, fields: &[Field]) -> Vec<FieldMatch> {
    let atoms: Vec<Prepared> = q
        .terms
        .iter()
        .flat_map(|t| t.alts.iter())
        .filter(|a| !a.negated)
        .map(Prepared::new)
        .collect();
    let mut out = Vec::new();
    for (fi, f) in fields.iter().enumerate() {
        let mut toks = Vec::new();
        tokenize_field(f.kind, &f.text, &mut toks);
        let forms: Vec<Forms> = toks.iter().map(Forms::of).collect();
        let mut ranges = Vec::new();
        let mut best = 0;
        for p in atoms.iter().filter(|p| p.field_ok(f.kind)) {
            if let AtomKind::Phrase(_) = p.atom.kind {
                let n = p.phrase.len();
                // Compounds share their first part's position; phrases match parts.
                let plain: Vec<usize> = (0..toks.len()).filter(|&i| toks[i].is_plain()).collect();
                for w in plain.windows(n) {
                    let adjacent = w.windows(2).all(|x| toks[x[1]].pos == toks[x[0]].pos + 1);
                    if adjacent
                        && w.iter()
                            .zip(&p.phrase)
                            .all(|(&i, pw)| forms[i].key(p) == pw)
                    {
                        ranges.push(toks[w[0]].start..toks[w[n - 1]].end);
                        best = best.max(weighted(super::score::phrase_score(n), f.kind));
                    }
                }
                continue;
            }
            for (t, fm) in toks.iter().zip(&forms) {
                let k = fm.key(p);
                if let Some(raw) = p.word_score(&fm.word(p)) {
                    best = best.max(weighted(raw, f.kind));
                    if t.name || k.chars().count() != t.text.chars().count() {
                        ranges.push(t.start..t.end);
                        continue;
                    }
                    match p.atom.kind {
                        AtomKind::Fuzzy => {
                            let idx = fuzzy_indices(&p.needle, k);
                            ranges.extend(char_ranges(t.text, t.start, &idx));
                        }
                        _ => {
                            // The needle inside the word.
                            if let Some(b) = k.find(&p.needle.text) {
                                let first = k[..b].chars().count();
                                let idx: Vec<usize> =
                                    (first..first + p.needle.chars.len()).collect();
                                ranges.extend(char_ranges(t.text, t.start, &idx));
                            } else {
                                ranges.push(t.start..t.end);
                            }
                        }
                    }
                }
            }
        }
        if !ranges.is_empty() {
            out.push(FieldMatch {
                field: fi,
                ranges: merge(ranges),
                best,
            });
        }
    }
    out
}

/// A one-line excerpt of a record around its best match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub kind: FieldKind,
    /// Index into the record's fields.
    pub field: usize,
    pub text: String,
    /// Byte ranges of `text` to highlight.
    pub highlights: Vec<Range<usize>>,
}

/// The excerpt to show for a record: the best-scoring field (the earliest on
/// ties), cut to about `max_width` columns around its first match.
pub fn snippet(q: &Query, fields: &[Field], max_width: usize) -> Option<Snippet> {
    let ms = matches(q, fields);
    let best = ms
        .iter()
        .max_by(|a, b| a.best.cmp(&b.best).then(b.field.cmp(&a.field)))?;
    let f = &fields[best.field];
    let text = f.text.replace(['\n', '\t'], " ");
    let first = best.ranges.first().map_or(0, |r| r.start);
    // Start a little before the match, on a char boundary.
    let lead = (max_width / 4).min(24);
    let mut start = first;
    let mut cols = 0;
    for (b, c) in text[..first].char_indices().rev() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if cols + w > lead {
            break;
        }
        cols += w;
        start = b;
    }
    let mut end = start;
    let mut used = 0;
    for (b, c) in text[start..].char_indices() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w > max_width {
            break;
        }
        used += w;
        end = start + b + c.len_utf8();
    }
    let mut out = String::new();
    let mut shift = 0isize;
    if start > 0 {
        out.push('…');
        shift = '…'.len_utf8() as isize;
    }
    out.push_str(&text[start..end]);
    let highlights = best
        .ranges
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| {
            ((r.start - start) as isize + shift) as usize
                ..((r.end - start) as isize + shift) as usize
        })
        .collect();
    Some(Snippet {
        kind: f.kind,
        field: best.field,
        text: out,
        highlights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    fn field(kind: FieldKind, text: &str) -> Field {
        Field {
            kind,
            index: 0,
            text: text.into(),
        }
    }

    #[test]
    fn highlights_fuzzy_letters_and_phrases() {
        let fs = vec![
            field(FieldKind::Title, "Stalin to Mao"),
            field(
                FieldKind::Passage,
                "Should we fear this? In my opinion, we should not",
            ),
        ];
        let m = matches(&parse("shld fear").unwrap(), &fs);
        assert_eq!(m.len(), 1);
        let t = &fs[1].text;
        let lit: Vec<&str> = m[0].ranges.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(lit, ["Sh", "ld", "fear", "sh", "ld"]);
        let m = matches(&parse("\"we fear\"").unwrap(), &fs);
        assert_eq!(&t[m[0].ranges[0].clone()], "we fear");
    }

    #[test]
    fn snippet_centres_on_the_best_field() {
        let long = "word ".repeat(40) + "Inchon landing " + &"more ".repeat(40);
        let fs = vec![
            field(FieldKind::Title, "A telegram"),
            field(FieldKind::Passage, &long),
        ];
        let s = snippet(&parse("inchon").unwrap(), &fs, 40).unwrap();
        assert_eq!(s.kind, FieldKind::Passage);
        assert!(s.text.starts_with('…') && s.text.contains("Inchon"));
        assert!(width(&s.text) <= 41);
        assert_eq!(&s.text[s.highlights[0].clone()], "Inchon");
        let s = snippet(&parse("telegram").unwrap(), &fs, 40).unwrap();
        assert_eq!(s.kind, FieldKind::Title);
    }
}

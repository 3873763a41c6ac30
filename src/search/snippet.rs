//! Where a query matched inside one record, for the rows on screen: the
//! field to show, a snippet around the match, and the characters to
//! highlight. Computed only for what is drawn, never for every hit.
//!
//! The field shown is the one that explains the most of the query: the
//! best match of each term in it, added up, with the bonus for words close
//! together in order (a passage with both words of `air cover` beats a
//! title with one). A note's author counts for the note, so a hit by its
//! author (`by:me`) shows the note. A name field or the date shows the one
//! form that matched (`to: Chou En-lai`, `date: 2 October 1950`), never the
//! list of them.

use std::borrow::Cow;
use std::ops::Range;

use super::document::Field;
use super::forms::with_forms;
use super::matcher::fuzzy_indices;
use super::query::{AtomKind, FieldKind, Query};
use super::score::{Forms, Prepared, Rule, pack, phrase_score, proximity, weighted};
use super::tokenize::{FORM_SEPARATOR, Token, fold, is_name_field, tokenize_field};

use super::excerpt::excerpt;

/// The matched characters of one field, as byte ranges of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldMatch {
    /// Index into the record's fields.
    pub field: usize,
    pub ranges: Vec<Range<usize>>,
    /// The best weighted score of a match in this field.
    pub best: u32,
    /// How much of the query the field explains: each term's best weighted
    /// score in it, added up, and the bonus for consecutive terms close
    /// together in it.
    pub score: u32,
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

/// What to highlight of a token an atom matched: the letters matched where
/// the compared form has the word's letters one for one, else the word.
fn highlight(p: &Prepared, t: &Token, key: &str, rule: Rule) -> Vec<Range<usize>> {
    let whole: Vec<Range<usize>> = std::iter::once(t.start..t.end).collect();
    if t.name || rule == Rule::Whole || key.chars().count() != t.text.chars().count() {
        return whole;
    }
    let idx: Vec<usize> = match p.atom.kind {
        AtomKind::Fuzzy => fuzzy_indices(&p.needle, key),
        _ => match key.find(&p.needle.text) {
            Some(b) => {
                let first = key[..b].chars().count();
                (first..first + p.needle.chars.len()).collect()
            }
            None => return whole,
        },
    };
    char_ranges(t.text, t.start, &idx)
}

/// How much of a field's text is looked at for matches to show: far more
/// than any real telegram's field (`shifr check` warns past 64 KiB), so a
/// field of megabytes costs a keystroke no more than one of 64 KiB. The
/// index still finds a record by any word of it; a match past this point is
/// not highlighted.
pub const SCAN_BYTES: usize = 64 * 1024;

/// The part of `text` that is scanned: all of it up to [`SCAN_BYTES`],
/// else cut at the last whitespace before that (a word is never cut).
pub fn scanned(text: &str) -> &str {
    crate::text::head(text, SCAN_BYTES)
}

/// Every field where a positive atom of the query matches, with what to
/// highlight and how much of the query it explains. Only the first
/// [`SCAN_BYTES`] of a field are looked at.
pub fn matches(q: &Query, fields: &[Field]) -> Vec<FieldMatch> {
    let terms: Vec<Vec<Prepared>> = q
        .terms
        .iter()
        .map(|t| {
            t.alts
                .iter()
                .filter(|a| !a.negated)
                .map(Prepared::new)
                .collect()
        })
        .collect();
    // The first letters of the query words that have a stem.
    let stem_first: Vec<char> = terms
        .iter()
        .flatten()
        .filter(|p| p.stem.is_some())
        .filter_map(|p| fold(&p.needle.text).chars().next())
        .collect();
    with_forms(|cache| {
        let mut out = Vec::new();
        let mut toks = Vec::new();
        let mut ids = Vec::new();
        for (fi, f) in fields.iter().enumerate() {
            toks.clear();
            tokenize_field(f.kind, scanned(&f.text), &mut toks);
            ids.clear();
            ids.extend(toks.iter().map(|t| cache.id(t)));
            let forms: Vec<&Forms> = ids.iter().map(|&id| cache.get(id)).collect();
            // A word's stem counts only where a query word with a stem has its
            // first letter (as `Forms::stemmed_if` has it).
            let stem_ok: Vec<bool> = forms
                .iter()
                .map(|fm| {
                    fm.folded
                        .chars()
                        .next()
                        .is_some_and(|c| stem_first.contains(&c))
                })
                .collect();
            let mut ranges = Vec::new();
            let mut best = 0;
            // Each term's best score here, and where it matched.
            let mut term_best = vec![0u32; terms.len()];
            let mut term_pos: Vec<Vec<u32>> = vec![Vec::new(); terms.len()];
            for (ti, alts) in terms.iter().enumerate() {
                for p in alts.iter().filter(|p| p.field_ok(f.kind)) {
                    if let AtomKind::Phrase(_) = p.atom.kind {
                        let n = p.phrase.len();
                        let plain: Vec<usize> =
                            (0..toks.len()).filter(|&i| toks[i].is_plain()).collect();
                        for w in plain.windows(n) {
                            let adjacent =
                                w.windows(2).all(|x| toks[x[1]].pos == toks[x[0]].pos + 1);
                            if adjacent
                                && w.iter()
                                    .zip(&p.phrase)
                                    .all(|(&i, pw)| forms[i].key(p) == pw)
                            {
                                ranges.push(toks[w[0]].start..toks[w[n - 1]].end);
                                let s = weighted(phrase_score(n), f.kind);
                                term_best[ti] = term_best[ti].max(s);
                            }
                        }
                        continue;
                    }
                    for ((t, fm), &ok) in toks.iter().zip(&forms).zip(&stem_ok) {
                        let mut w = fm.word(p);
                        if !ok {
                            w.stem = None;
                        }
                        if let Some((raw, rule)) = p.word_match(&w) {
                            term_best[ti] = term_best[ti].max(weighted(raw, f.kind));
                            term_pos[ti].push(pack(0, t.pos));
                            ranges.extend(highlight(p, t, fm.key(p), rule));
                        }
                    }
                }
                best = best.max(term_best[ti]);
            }
            if !ranges.is_empty() {
                let mut score: u32 = term_best.iter().sum();
                for i in 1..terms.len() {
                    let (a, b) = (&mut term_pos[i - 1].clone(), &mut term_pos[i].clone());
                    a.sort_unstable();
                    b.sort_unstable();
                    score += proximity(a, b);
                }
                out.push(FieldMatch {
                    field: fi,
                    ranges: merge(ranges),
                    best,
                    score,
                });
            }
        }
        out
    })
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

/// The note a note-author field belongs to: the note field just before it
/// (`document::fields` puts each note's author right after it).
fn note_of(fields: &[Field], by: usize) -> Option<usize> {
    let i = by.checked_sub(1)?;
    (matches!(fields[i].kind, FieldKind::Note | FieldKind::MyNote)
        && fields[i].index == fields[by].index)
        .then_some(i)
}

/// The excerpt to show for a record: the field that explains the most of
/// the query (the earliest on ties), cut to at most `max_width` columns
/// around its matches.
pub fn snippet(q: &Query, fields: &[Field], max_width: usize) -> Option<Snippet> {
    let ms = matches(q, fields);
    // Authors count for their notes.
    let mut scores: Vec<(usize, u32)> = Vec::new();
    for m in &ms {
        let field = match fields[m.field].kind {
            FieldKind::NoteBy => note_of(fields, m.field).unwrap_or(m.field),
            _ => m.field,
        };
        match scores.iter_mut().find(|(f, _)| *f == field) {
            Some((_, s)) => *s += m.score,
            None => scores.push((field, m.score)),
        }
    }
    let &(field, _) = scores
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
    let f = &fields[field];
    let ranges: &[Range<usize>] = ms
        .iter()
        .find(|m| m.field == field)
        .map_or(&[], |m| &m.ranges);
    // A name field or the date: the one form that explains the most.
    let (text, ranges) = if is_name_field(f.kind) || f.kind == FieldKind::Date {
        let mut best: Option<(u32, String, Vec<Range<usize>>)> = None;
        for form in f.text.split(FORM_SEPARATOR).map(str::trim) {
            let one = [Field {
                kind: f.kind,
                index: f.index,
                text: Cow::Borrowed(form),
            }];
            if let Some(m) = matches(q, &one).into_iter().next()
                && best.as_ref().is_none_or(|b| m.score > b.0)
            {
                best = Some((m.score, form.to_string(), m.ranges));
            }
        }
        match best {
            Some((_, form, ranges)) => (Cow::Owned(form), ranges),
            None => (Cow::Borrowed(&*f.text), ranges.to_vec()),
        }
    } else {
        (Cow::Borrowed(&*f.text), ranges.to_vec())
    };
    // Newlines and tabs become spaces (one byte for one), in the excerpt only.
    let (text, highlights) = excerpt(&text, &ranges, max_width);
    Some(Snippet {
        kind: f.kind,
        field,
        text: text.replace(['\n', '\t'], " "),
        highlights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;
    use crate::text::width;

    fn field(kind: FieldKind, text: &str) -> Field<'static> {
        Field {
            kind,
            index: 0,
            text: text.to_string().into(),
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
        assert!(width(&s.text) <= 40);
        assert_eq!(&s.text[s.highlights[0].clone()], "Inchon");
        let s = snippet(&parse("telegram").unwrap(), &fs, 40).unwrap();
        assert_eq!(s.kind, FieldKind::Title);
    }

    #[test]
    fn a_name_field_shows_the_one_form_that_matched() {
        let fs = vec![
            field(FieldKind::Title, "Mao to the CPV"),
            field(
                FieldKind::To,
                "CPV · Chinese People’s Volunteers · Chinese People's Volunteers · 中国人民志愿军 · \
                 CPV commanders · the commanders of the Chinese People’s Volunteers",
            ),
        ];
        let s = snippet(&parse("to:volunteers").unwrap(), &fs, 80).unwrap();
        assert_eq!(s.text, "Chinese People’s Volunteers");
        assert_eq!(&s.text[s.highlights[0].clone()], "Volunteers");
        let s = snippet(
            &parse("kim il-sung").unwrap(),
            &[field(FieldKind::From, "Kim Il Sung · Kim · 김일성")],
            80,
        )
        .unwrap();
        assert_eq!(s.text, "Kim Il Sung", "the name, whole");
        let s = snippet(
            &parse("oct 2").unwrap(),
            &[field(
                FieldKind::Date,
                "1950-10-02 · 10-02 · 2 October 1950 · Oct 2",
            )],
            80,
        )
        .unwrap();
        assert_eq!(s.text, "Oct 2");
    }

    #[test]
    fn words_together_in_a_passage_beat_a_title_with_one_of_them() {
        let fs = vec![
            field(FieldKind::Title, "Air support asked once more"),
            field(
                FieldKind::Passage,
                "Soviet air cover for Chinese ground troops",
            ),
            field(FieldKind::Note, "sixteen regiments to cover the volunteers"),
        ];
        let s = snippet(&parse("air cover").unwrap(), &fs, 80).unwrap();
        assert_eq!(s.kind, FieldKind::Passage);
        let lit: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
        assert_eq!(lit, ["air", "cover"]);
    }

    #[test]
    fn a_notes_author_counts_for_the_note() {
        let fs = vec![
            field(FieldKind::Title, "A telegram"),
            field(FieldKind::Note, "What a scholar says."),
            field(FieldKind::NoteBy, "mansourov · Alexandre Mansourov"),
            Field {
                kind: FieldKind::MyNote,
                index: 0,
                text: "My own zyzzyva note.".into(),
            },
            field(FieldKind::NoteBy, "me · mine · yours"),
        ];
        let s = snippet(&parse("zyzzyva by:me").unwrap(), &fs, 80).unwrap();
        assert_eq!((s.kind, s.field), (FieldKind::MyNote, 3), "{s:?}");
        assert_eq!(&s.text[s.highlights[0].clone()], "zyzzyva");
        let s = snippet(&parse("by:me").unwrap(), &fs, 80).unwrap();
        assert_eq!(s.kind, FieldKind::MyNote, "the note, not its author");
        let s = snippet(&parse("by:mansourov").unwrap(), &fs, 80).unwrap();
        assert_eq!((s.kind, s.field), (FieldKind::Note, 1));
    }

    #[test]
    fn word_forms_spellings_and_names_are_highlighted_whole() {
        let fs = vec![field(
            FieldKind::Passage,
            "the evacuation order, sent from Beijing",
        )];
        let s = snippet(&parse("evacuate peking").unwrap(), &fs, 80).unwrap();
        let lit: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
        assert_eq!(lit, ["evacuation", "Beijing"]);
        let fs = vec![field(FieldKind::Passage, "Máo Zédōng wrote")];
        let s = snippet(&parse("mao zedong").unwrap(), &fs, 80).unwrap();
        let lit: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
        assert_eq!(
            lit,
            ["Máo", "Zédōng"],
            "accents taken off to match, kept to show"
        );
    }

    #[test]
    fn a_narrow_snippet_keeps_the_matched_words_in_view() {
        let text = "Stalin’s reply of 4 October said he would be happy to meet Zhou and Lin \
                    for discussions; in the end there was no air cover for the troops at all.";
        let fs = vec![field(FieldKind::Passage, text)];
        for w in [20, 27, 40] {
            let s = snippet(&parse("air cover").unwrap(), &fs, w).unwrap();
            assert!(width(&s.text) <= w, "{w}: {}", s.text);
            let lit: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
            assert_eq!(lit, ["air", "cover"], "{w}: {}", s.text);
            assert!(
                s.text.starts_with('…') && s.text.ends_with('…'),
                "{}",
                s.text
            );
        }
        // Words far apart: as many as fit.
        let s = snippet(&parse("stalin troops").unwrap(), &fs, 30).unwrap();
        assert_eq!(s.highlights.len(), 1, "{}", s.text);
    }

    /// #11: a field of megabytes cost seconds a keystroke; the matcher
    /// now looks at the first SCAN_BYTES of a field and no further.
    #[test]
    fn a_huge_field_is_scanned_only_so_far() {
        let pad = "padding ".repeat(SCAN_BYTES / 8 + 10);
        let fs = vec![field(FieldKind::Title, &format!("{pad}inchon"))];
        assert!(
            matches(&parse("inchon").unwrap(), &fs).is_empty(),
            "a word past the scanned part is not looked at"
        );
        let fs = vec![field(FieldKind::Title, &format!("inchon {pad}inchon"))];
        let m = matches(&parse("inchon").unwrap(), &fs);
        assert_eq!(m[0].ranges, vec![0..6], "only the match within reach");
        // The cut falls between words, never inside one or inside a char.
        let text = format!("{} Сталин", "a".repeat(SCAN_BYTES - 4));
        assert_eq!(scanned(&text), "a".repeat(SCAN_BYTES - 4));
        let text = "я".repeat(SCAN_BYTES);
        assert!(scanned(&text).len() <= SCAN_BYTES && scanned(&text).len().is_multiple_of(2));
        let short = "Stalin to Mao";
        assert_eq!(scanned(short), short);
    }

    #[test]
    fn a_snippet_of_a_huge_field_with_many_matches_is_one_line() {
        let text = "Stalin should we fear\tthe\nAmericans. ".repeat(200_000);
        let fs = vec![field(FieldKind::Passage, &text)];
        let s = snippet(&parse("stalin fear").unwrap(), &fs, 40).unwrap();
        assert!(width(&s.text) <= 40, "{}", s.text);
        assert!(!s.text.contains(['\n', '\t']), "{:?}", s.text);
        let lit: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
        assert_eq!(lit, ["Stalin", "fear"], "{}", s.text);
    }
}

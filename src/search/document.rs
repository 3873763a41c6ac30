//! What of a telegram search looks at: its fields, each a kind and a text.
//! Short fields (title, people, date, archive, kind) and body fields
//! (passages, notes). People count with every name they go by, in every
//! script; dates in every form a reader might type. The forms of a name
//! field and of the date are separated by ` · ` (`tokenize::FORM_SEPARATOR`),
//! so that a snippet can show the one form that matched.

use std::borrow::Cow;

use super::query::FieldKind;
use super::tokenize::name_key;
use crate::corpus::{Corpus, Date, Telegram};

/// One searchable part of a record: its text borrowed from the telegram
/// where the telegram holds it as it is searched (a title, a passage, a
/// note), made where it is put together (names in every form, dates).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field<'a> {
    pub kind: FieldKind,
    /// For passages, the index in `Telegram::passages()` order; for notes and
    /// their authors, the note's index; otherwise 0.
    pub index: usize,
    pub text: Cow<'a, str>,
}

fn person_forms(corpus: &Corpus, id: &str, out: &mut Vec<String>) {
    let add = |out: &mut Vec<String>, s: &str| {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    };
    if let Some(p) = corpus.person(id) {
        add(out, &p.name);
        if let Some(f) = &p.full_name {
            add(out, f);
        }
        p.aliases.iter().for_each(|a| add(out, a));
        // The id is searchable only where no name spells it (`pak-hon-yong`
        // is Pak Hon Yong's name key): snippets show names, not ids.
        if out.iter().any(|o| same_name(o, id)) {
            return;
        }
    }
    add(out, id);
}

/// Whether two names have the same name key (`tokenize::name_key`),
/// without building the keys where both are ASCII.
fn same_name(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        let mut x = a.bytes().filter(u8::is_ascii_alphanumeric);
        let mut y = b.bytes().filter(u8::is_ascii_alphanumeric);
        loop {
            match (x.next(), y.next()) {
                (None, None) => return true,
                (Some(p), Some(q)) if p.eq_ignore_ascii_case(&q) => {}
                _ => return false,
            }
        }
    }
    name_key(a) == name_key(b)
}

/// "1950-10-02 · 10-02 · 2 October 1950 · Oct 2": ISO, month and day, and
/// as people write it, both ways round.
pub fn date_forms(d: &Date) -> String {
    let mut s = d.to_string();
    match (d.month, d.day) {
        (Some(m), Some(day)) => {
            let name = Date::month_name(m);
            s.push_str(&format!(
                " · {m:02}-{day:02} · {day} {name} {} · {} {day}",
                d.year,
                &name[..3]
            ));
        }
        (Some(m), None) => {
            let name = Date::month_name(m);
            s.push_str(&format!(" · {name} {} · {}", d.year, &name[..3]));
        }
        _ => {}
    }
    s
}

/// The name fields' texts of each person and scholar alone, made once for
/// an index built or updated over every telegram: most telegrams are from
/// one person, to one and via one, and a note is by one scholar, so their
/// fields are borrowed from here instead of made again for each.
#[derive(Default)]
pub struct Names {
    person: rustc_hash::FxHashMap<String, String>,
    by: rustc_hash::FxHashMap<String, String>,
}

/// Names with nothing made: every name field is made where it is needed.
static NO_NAMES: Names = Names {
    person: std::collections::HashMap::with_hasher(rustc_hash::FxBuildHasher),
    by: std::collections::HashMap::with_hasher(rustc_hash::FxBuildHasher),
};

impl Names {
    /// Every person's and scholar's texts in `corpus`.
    pub fn of(corpus: &Corpus) -> Names {
        let person = corpus
            .people
            .iter()
            .map(|p| {
                (
                    p.id.clone(),
                    person_field(corpus, std::slice::from_ref(&p.id)),
                )
            })
            .collect();
        let by = corpus
            .scholars
            .iter()
            .map(|s| (s.id.clone(), by_field(corpus, &s.id)))
            .collect();
        Names { person, by }
    }
}

/// A from, to or via field: every form of every name, each once.
fn person_field(corpus: &Corpus, ids: &[String]) -> String {
    let mut forms = Vec::new();
    for id in ids {
        person_forms(corpus, id, &mut forms);
    }
    forms.join(" · ")
}

/// Who wrote a note: the id, and the scholar's name and other names.
fn by_field(corpus: &Corpus, by: &str) -> String {
    let mut all = vec![by.to_string()];
    if let Some(s) = corpus.scholar(by) {
        all.push(s.name.clone());
        all.extend(s.aliases.iter().cloned());
    }
    all.join(" · ")
}

/// The fields of a telegram, in a fixed order (their indices are the field
/// numbers the index records).
pub fn fields<'a>(corpus: &Corpus, t: &'a Telegram) -> Vec<Field<'a>> {
    fields_named(corpus, &NO_NAMES, t)
}

/// [`fields`], the name fields of one person or scholar borrowed from
/// `names` (made where `names` has none).
pub fn fields_named<'a>(corpus: &Corpus, names: &'a Names, t: &'a Telegram) -> Vec<Field<'a>> {
    let mut out = Vec::with_capacity(8 + 2 * t.notes().len());
    let mut push = |kind, index, text: Cow<'a, str>| out.push(Field { kind, index, text });
    push(FieldKind::Title, 0, Cow::Borrowed(&t.title));
    for (kind, ids) in [
        (FieldKind::From, &t.from),
        (FieldKind::To, &t.to),
        (FieldKind::Via, &t.via),
    ] {
        if !ids.is_empty() {
            let text = match &ids[..] {
                [one] => names.person.get(one).map(|s| Cow::Borrowed(s.as_str())),
                _ => None,
            };
            push(
                kind,
                0,
                text.unwrap_or_else(|| person_field(corpus, ids).into()),
            );
        }
    }
    let mut date = date_forms(&t.date);
    if let Some(r) = t.received {
        date.push_str(&format!(" · {}", date_forms(&r.date)));
    }
    push(FieldKind::Date, 0, date.into());
    let archive: Vec<&str> = [t.archive.as_deref(), t.published.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !archive.is_empty() {
        push(FieldKind::Archive, 0, archive.join(" · ").into());
    }
    push(
        FieldKind::Meta,
        0,
        format!(
            "{} {} {}",
            t.kind.label(),
            t.status.name(),
            if t.is_multi_witness() { "versions" } else { "" }
        )
        .into(),
    );
    for (i, (_, p)) in t.passages().enumerate() {
        push(FieldKind::Passage, i, Cow::Borrowed(&p.text));
    }
    for (i, n) in t.notes().iter().enumerate() {
        push(FieldKind::Note, i, Cow::Borrowed(&n.text));
        let by = match names.by.get(&n.by) {
            Some(s) => Cow::Borrowed(s.as_str()),
            None => by_field(corpus, &n.by).into(),
        };
        push(FieldKind::NoteBy, i, by);
    }
    out
}

/// A telegram's fields with the reader's own notes on it: each note's text,
/// and "me" as its author (so `by:me` finds them).
pub fn fields_with_notes<'a>(
    corpus: &Corpus,
    t: &'a Telegram,
    mine: &'a crate::notes::Notes,
) -> Vec<Field<'a>> {
    let on_it = mine
        .notes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.telegram == t.id);
    with_notes(fields_named(corpus, &NO_NAMES, t), on_it)
}

/// [`fields_with_notes`], the name fields borrowed from `names` and the
/// notes found through `mine` (`Notes::by_telegram`; for every telegram of a corpus: looking
/// each one's notes up among all of them took a tenth of an index build
/// at 100,000 telegrams with a thousand notes).
pub fn fields_named_with_notes<'a>(
    corpus: &Corpus,
    names: &'a Names,
    t: &'a Telegram,
    mine: &crate::notes::ByTelegram<'a>,
) -> Vec<Field<'a>> {
    with_notes(fields_named(corpus, names, t), mine.on(&t.id))
}

fn with_notes<'a>(
    mut out: Vec<Field<'a>>,
    mine: impl Iterator<Item = (usize, &'a crate::notes::MyNote)>,
) -> Vec<Field<'a>> {
    for (i, n) in mine {
        out.push(Field {
            kind: FieldKind::MyNote,
            index: i,
            text: Cow::Borrowed(&n.text),
        });
        out.push(Field {
            kind: FieldKind::NoteBy,
            index: i,
            text: Cow::Borrowed("me · mine · yours"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A telegram's notes found through `Notes::by_telegram` are the ones
    /// found by looking through all of them: each with its place, in
    /// their order, for telegrams with none, one or several (among notes
    /// on other telegrams, and on one the corpus does not have).
    #[test]
    fn notes_by_telegram_are_each_telegram_s_notes_in_order() {
        let corpus = Corpus::embedded().unwrap();
        let ids: Vec<&str> = corpus.telegrams.iter().map(|t| t.id.as_str()).collect();
        let on = [
            ids[3],
            ids[0],
            ids[3],
            "1950-13-99-gone",
            ids[7],
            ids[3],
            ids[0],
        ];
        let mine = crate::notes::Notes {
            notes: on
                .iter()
                .enumerate()
                .map(|(k, t)| crate::notes::MyNote {
                    id: format!("n{k}"),
                    telegram: t.to_string(),
                    text: format!("note {k}"),
                    ..Default::default()
                })
                .collect(),
        };
        let by = mine.by_telegram();
        let names = Names::of(&corpus);
        for t in &corpus.telegrams {
            let grouped = fields_named_with_notes(&corpus, &names, t, &by);
            assert_eq!(grouped, fields_with_notes(&corpus, t, &mine), "{}", t.id);
        }
        let places = |id| {
            by.on(id)
                .map(|(i, n)| (i, n.text.as_str()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            places(ids[3]),
            [(0, "note 0"), (2, "note 2"), (5, "note 5")]
        );
        assert_eq!(places(ids[1]), []);
        assert_eq!(places("1950-13-99-gone"), [(3, "note 3")]);
    }

    #[test]
    fn dates_in_every_form() {
        assert_eq!(
            date_forms(&Date::ymd(1950, 10, 2)),
            "1950-10-02 · 10-02 · 2 October 1950 · Oct 2"
        );
        assert_eq!(
            date_forms(&Date::parse("1950-08").unwrap()),
            "1950-08 · August 1950 · Aug"
        );
        assert_eq!(date_forms(&Date::parse("1950").unwrap()), "1950");
    }

    /// The name fields borrowed from `Names` are the ones made for each
    /// telegram: the same texts, so the same index and fingerprints.
    #[test]
    fn names_made_once_give_the_same_fields() {
        let c = Corpus::embedded().unwrap();
        let names = Names::of(&c);
        assert!(
            c.telegrams
                .iter()
                .any(|t| t.to.len() > 1 || t.from.len() > 1)
        );
        for t in &c.telegrams {
            assert_eq!(fields_named(&c, &names, t), fields(&c, t), "{}", t.id);
        }
        let synth = crate::corpus::synth::generate(500, 7);
        let names = Names::of(&synth);
        for t in &synth.telegrams {
            assert_eq!(
                fields_named(&synth, &names, t),
                fields(&synth, t),
                "{}",
                t.id
            );
        }
    }

    #[test]
    fn a_telegram_s_fields() {
        let c = Corpus::embedded().unwrap();
        let t = c.telegram("1950-10-02-mao-stalin").unwrap();
        let f = fields(&c, t);
        assert_eq!(f[0].kind, FieldKind::Title);
        let via = f.iter().find(|f| f.kind == FieldKind::Via).unwrap();
        assert!(
            via.text.contains("Roschin") && via.text.contains("Рощин"),
            "{}",
            via.text
        );
        assert!(
            !via.text.contains("roshchin"),
            "no id a name spells: {}",
            via.text
        );
        assert_eq!(
            f.iter().filter(|f| f.kind == FieldKind::Passage).count(),
            t.passages().count()
        );
        assert_eq!(
            f.iter().filter(|f| f.kind == FieldKind::NoteBy).count(),
            t.notes().len()
        );
    }
}

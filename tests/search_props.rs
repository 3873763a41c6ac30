//! The index against a reference: the same semantics as a plain scan over
//! every record, written here without the index. On random corpora and
//! random queries both must return exactly the same records in exactly the
//! same order with the same scores.

use proptest::prelude::*;
use shifr::search::document::Field;
use shifr::search::query::{AtomKind, FieldKind, Query, parse};
use shifr::search::score::{Forms, Prepared, better, pack, phrase_score, proximity, weighted};
use shifr::search::tokenize::{Token, tokenize_field};
use shifr::search::{Hit, Index};

/// A term's best match in a record: (weighted, raw, key), and the key's
/// occurrences.
type Best = Option<(u32, u32, String)>;

/// The words of a field, with their forms, as the index sees them.
fn words<'a>(f: &'a Field<'_>) -> Vec<(Token<'a>, Forms)> {
    let mut toks = Vec::new();
    tokenize_field(f.kind, &f.text, &mut toks);
    toks.into_iter()
        .map(|t| {
            let forms = Forms::of(&t);
            (t, forms)
        })
        .collect()
}

/// The best match of one atom in a record, by scanning its words.
fn atom_best(p: &Prepared, fields: &[Field]) -> Best {
    let mut best: Best = None;
    let offer = |cand: (u32, u32, String), best: &mut Best| {
        let replace = match best {
            None => true,
            Some(b) => better((cand.0, cand.1, &cand.2), (b.0, b.1, &b.2)),
        };
        if replace {
            *best = Some(cand);
        }
    };
    for f in fields.iter().filter(|f| p.field_ok(f.kind)) {
        let ws = words(f);
        if let AtomKind::Phrase(_) = p.atom.kind {
            let plain: Vec<_> = ws.iter().filter(|(t, _)| t.is_plain()).collect();
            let n = p.phrase.len();
            for w in plain.windows(n) {
                let adjacent = w.windows(2).all(|x| x[1].0.pos == x[0].0.pos + 1);
                if adjacent && w.iter().zip(&p.phrase).all(|((_, fm), pw)| fm.key(p) == pw) {
                    let raw = phrase_score(n);
                    offer((weighted(raw, f.kind), raw, String::new()), &mut best);
                }
            }
            continue;
        }
        for (_, fm) in &ws {
            if let Some(raw) = p.word_score(&fm.word(p)) {
                offer(
                    (weighted(raw, f.kind), raw, fm.key(p).to_string()),
                    &mut best,
                );
            }
        }
    }
    best
}

fn occurrences(p: &Prepared, key: &str, fields: &[Field]) -> Vec<u32> {
    let mut out = Vec::new();
    for (fi, f) in fields.iter().enumerate() {
        for (t, fm) in words(f) {
            if fm.key(p) == key {
                out.push(pack(fi, t.pos));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The reference search: every record scanned in turn.
fn reference(q: &Query, records: &[Vec<Field>]) -> Vec<Hit> {
    if q.is_empty() {
        return (0..records.len() as u32)
            .map(|record| Hit { record, score: 0 })
            .collect();
    }
    let mut hits = Vec::new();
    'records: for (r, fields) in records.iter().enumerate() {
        let mut positive: Vec<(u32, Option<(Prepared, String)>)> = Vec::new();
        for term in &q.terms {
            let prepared: Vec<Prepared> = term.alts.iter().map(Prepared::new).collect();
            if prepared.len() == 1 && prepared[0].atom.negated {
                if atom_best(&prepared[0], fields).is_some() {
                    continue 'records;
                }
                continue;
            }
            if prepared.len() == 1 {
                match atom_best(&prepared[0], fields) {
                    None => continue 'records,
                    Some((w, _, key)) => {
                        let plain = term.plain_word().map(|_| (prepared[0].clone(), key));
                        positive.push((w, plain));
                    }
                }
            } else {
                let mut any: Option<u32> = None;
                for p in &prepared {
                    let b = atom_best(p, fields);
                    let s = match (p.atom.negated, b) {
                        (true, None) => Some(0),
                        (true, Some(_)) => None,
                        (false, b) => b.map(|b| b.0),
                    };
                    if let Some(s) = s {
                        any = Some(any.map_or(s, |a| a.max(s)));
                    }
                }
                match any {
                    None => continue 'records,
                    Some(s) => positive.push((s, None)),
                }
            }
        }
        let mut score: u32 = positive.iter().map(|p| p.0).sum();
        for pair in positive.windows(2) {
            if let (Some((pa, ka)), Some((pb, kb))) = (&pair[0].1, &pair[1].1) {
                score += proximity(&occurrences(pa, ka, fields), &occurrences(pb, kb, fields));
            }
        }
        hits.push(Hit {
            record: r as u32,
            score,
        });
    }
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.record.cmp(&b.record)));
    hits
}

const WORDS: &[&str] = &[
    "should",
    "Should",
    "we",
    "fear",
    "this",
    "stalin",
    "Stalin",
    "air",
    "cover",
    "covert",
    "inchon",
    "volunteers",
    "decision",
    "final",
    "fin",
    "de",
    "the",
    "of",
    "сталин",
    "Сталин",
    "решение",
    "войска",
    "毛泽东",
    "志愿军",
    "1950-10-02",
    "Chinese-Korean",
    "38th",
    "cafe\u{301}",
    "shtykov",
    "roshchin",
    "rosh",
    "a",
    "x",
    // Word forms, spellings, scripts and names.
    "evacuation",
    "evacuate",
    "feared",
    "fears",
    "crossing",
    "Beijing",
    "Lin",
    "Kim",
    "Il",
    "Sung",
    "Il-sung",
    "Tse-tung",
    "Gao",
    "Gang",
    "P’eng",
    "Máo",
    "Ma\u{301}o",
    "Zedong",
    "김일성",
    "\u{1100}\u{1175}\u{11B7}\u{110B}\u{1175}\u{11AF}\u{1109}\u{1165}\u{11BC}",
    "Эньлай",
    "Эньла\u{438}\u{306}",
    "·",
    "October",
    "Oct",
    "2",
];

const KINDS: &[FieldKind] = &[
    FieldKind::Title,
    FieldKind::From,
    FieldKind::To,
    FieldKind::Passage,
    FieldKind::Note,
    FieldKind::NoteBy,
    FieldKind::Date,
];

fn field() -> impl Strategy<Value = Field<'static>> {
    (
        proptest::sample::select(KINDS),
        proptest::collection::vec(proptest::sample::select(WORDS), 0..12),
    )
        .prop_map(|(kind, ws)| Field {
            kind,
            index: 0,
            text: ws.join(" ").into(),
        })
}

fn record() -> impl Strategy<Value = Vec<Field<'static>>> {
    proptest::collection::vec(field(), 1..5)
}

const QUERY_WORDS: &[&str] = &[
    "shld",
    "should",
    "Should",
    "we",
    "fear",
    "stalin",
    "Stalin",
    "sta",
    "air",
    "cvoer",
    "cover",
    "inch",
    "volunteres",
    "'dec",
    "^fin",
    "al$",
    "^final$",
    "!the",
    "!^sta",
    "сталн",
    "Сталин",
    "реш",
    "毛泽东",
    "毛",
    "志愿",
    "10-02",
    "1950",
    "korean",
    "38",
    "cafe\u{301}",
    "from:stalin",
    "date:1950",
    "\"we fear\"",
    "\"should we\"",
    "x",
    "a",
    "evacuate",
    "fear",
    "Feared",
    "crosses",
    "Peking",
    "piao",
    "Lin",
    "kim",
    "Il-sung",
    "ilsung",
    "KIM",
    "tse",
    "tung",
    "kao",
    "Kang",
    "peng",
    "Máo",
    "zédōng",
    "김일성",
    "\u{1100}\u{1175}\u{11B7}\u{110B}\u{1175}\u{11AF}\u{1109}\u{1165}\u{11BC}",
    "Эньла\u{438}\u{306}",
    "oct",
    "2",
    "to:ilsung",
    "\"Máo Zedong\"",
];

fn query() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::sample::select(QUERY_WORDS).prop_map(str::to_string),
            1 => (proptest::sample::select(QUERY_WORDS), proptest::sample::select(QUERY_WORDS)).prop_map(|(a, b)| format!("{a} | {b}")),
        ],
        0..5,
    )
    .prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn index_equals_reference(records in proptest::collection::vec(record(), 0..25), q in query()) {
        let query = parse(&q).expect("generated queries are valid");
        let index = Index::build(records.clone());
        let got = index.search(&query);
        let want = reference(&query, &records);
        prop_assert_eq!(got, want, "query {:?}", q);
    }
}

/// An edit of a list of records: one changed, one inserted, one removed.
#[derive(Clone, Debug)]
enum Edit {
    Change(usize, Vec<Field<'static>>),
    Insert(usize, Vec<Field<'static>>),
    Remove(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), record()).prop_map(|(i, r)| Edit::Change(i, r)),
        (any::<usize>(), record()).prop_map(|(i, r)| Edit::Insert(i, r)),
        any::<usize>().prop_map(Edit::Remove),
    ]
}

fn apply(records: &mut Vec<Vec<Field>>, e: &Edit) {
    match e {
        Edit::Change(i, r) if !records.is_empty() => {
            let n = records.len();
            records[i % n] = r.clone();
        }
        Edit::Insert(i, r) => records.insert(i % (records.len() + 1), r.clone()),
        Edit::Remove(i) if !records.is_empty() => {
            let n = records.len();
            records.remove(i % n);
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// An index updated to edited records (twice over, so that an update
    /// of an update is judged too) answers as the reference does on them.
    #[test]
    fn an_updated_index_equals_reference(
        records in proptest::collection::vec(record(), 12..30),
        first in proptest::collection::vec(edit(), 1..3),
        second in proptest::collection::vec(edit(), 1..3),
        q in query(),
    ) {
        let query = parse(&q).expect("generated queries are valid");
        let mut index = Index::build(records.clone());
        let mut now = records;
        for edits in [&first, &second] {
            edits.iter().for_each(|e| apply(&mut now, e));
            let updated = index.updated(now.len(), |i| now[i].clone());
            prop_assert!(updated.is_some(), "two edits of {} records", now.len());
            index = updated.unwrap();
            prop_assert_eq!(index.len(), now.len());
            prop_assert_eq!(index.search(&query), reference(&query, &now), "query {:?}", q);
        }
    }

    /// The same records, a few of them changed in place (the reader's
    /// notes on them).
    #[test]
    fn an_index_with_records_read_again_equals_reference(
        records in proptest::collection::vec(record(), 8..30),
        changes in proptest::collection::vec((any::<usize>(), record()), 1..3),
        q in query(),
    ) {
        let query = parse(&q).expect("generated queries are valid");
        let index = Index::build(records.clone());
        let mut now = records;
        let mut changed = Vec::new();
        for (i, r) in changes {
            let i = i % now.len();
            now[i] = r;
            changed.push(i as u32);
        }
        let updated = index.updated_records(&changed, |i| now[i].clone()).expect("a few");
        prop_assert_eq!(updated.search(&query), reference(&query, &now), "query {:?}", q);
    }
}

/// The bundled corpus's records.
fn bundled_records() -> Vec<Vec<Field<'static>>> {
    let corpus = shifr::corpus::Corpus::embedded().unwrap();
    corpus
        .telegrams
        .iter()
        .map(|t| {
            shifr::search::document::fields(&corpus, t)
                .into_iter()
                .map(|f| Field {
                    text: f.text.into_owned().into(),
                    ..f
                })
                .collect()
        })
        .collect()
}

/// Updates that would read most records are refused (the caller builds
/// anew), and one that reads none keeps what it had.
#[test]
fn an_update_of_most_records_is_refused() {
    let records = bundled_records();
    let index = Index::build(records.clone());
    let other: Vec<Vec<Field<'static>>> = records
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r[0].text.to_mut().push_str(" changed");
            r
        })
        .collect();
    assert!(index.updated(other.len(), |i| other[i].clone()).is_none());
    let all: Vec<u32> = (0..records.len() as u32).collect();
    assert!(
        index
            .updated_records(&all, |i| records[i].clone())
            .is_none()
    );
    let same = index
        .updated(records.len(), |i| records[i].clone())
        .unwrap();
    assert_eq!(same.heap_bytes(), index.heap_bytes());
    let q = parse("shld we fear").unwrap();
    assert_eq!(same.search(&q), index.search(&q));
}

#[test]
fn reference_and_index_agree_on_the_bundled_corpus() {
    let records = bundled_records();
    let index = Index::build(records.clone());
    for q in [
        "shld we fear",
        "inchon",
        "from:stalin to:kim",
        "stalin air cvoer",
        "Рощин",
        "毛泽东",
        "\"final decision\"",
        "!disputed mao",
        "roshchin | shtykov",
        "10-02",
        "2 oct",
        "by:mansourov",
        "",
        "evacuate",
        "feared",
        "decisions",
        "crossing",
        "Mao Tse-tung",
        "Chou En-lai",
        "Peking",
        "Kim Il-sung",
        "Lin Piao",
        "Kao Kang",
        "Gao Kang",
        "Máo Zédōng",
        "mao oct 2",
        "2 October Mao",
        "air cover",
        "from:pak-hon-yong",
        "KIM IL SUNG",
    ] {
        let query = parse(q).unwrap();
        assert_eq!(index.search(&query), reference(&query, &records), "{q}");
    }
}

//! `shifr export --format json`: the whole corpus as one JSON document with
//! top-level keys `people`, `telegrams`, `events`, `sources`, `scholars` and
//! `positions` (the debate).
//! The shape is documented in README.md and pinned by tests/export_json.rs.

use serde_json::{Value, json};

use crate::corpus::{Corpus, Event, Note, Passage, Person, Position, Telegram, Witness};

fn opt<T: ToString>(v: &Option<T>) -> Value {
    v.as_ref()
        .map_or(Value::Null, |x| Value::String(x.to_string()))
}

fn person(p: &Person) -> Value {
    json!({
        "id": p.id,
        "name": p.name,
        "full_name": p.full(),
        "role": p.role,
        "aliases": p.aliases,
        "group": p.group,
        "side": if p.side == crate::corpus::Side::Us { "us" } else { "sino-soviet" },
        "note": p.note,
    })
}

pub fn passage(p: &Passage) -> Value {
    json!({
        "kind": p.kind.name(),
        "text": p.text,
        "align": p.align,
        "relation": p.relation.map(|r| r.name()),
        "cite": p.cite,
    })
}

fn witness(w: &Witness) -> Value {
    json!({
        "id": w.id,
        "label": w.label,
        "language": w.language,
        "translation": w.translation,
        "kind": w.kind.map(|k| k.name()),
        "date": opt(&w.date),
        "status": w.status.map(|s| s.name()),
        "status_footnote": w.status_footnote,
        "status_note": w.status_note,
        "archive": w.archive,
        "published": w.published,
        "footnotes": w.footnotes,
        "passages": w.passages.iter().map(passage).collect::<Vec<_>>(),
    })
}

pub fn note(n: &Note) -> Value {
    json!({
        "by": n.by,
        "stance": n.stance.map(|s| s.name()),
        "text": n.text,
        "cite": n.cite,
        "anchor": n.anchor,
    })
}

/// One telegram as `shifr show --json` and the export give it.
pub fn telegram(t: &Telegram) -> Value {
    json!({
        "id": t.id,
        "date": t.date.to_string(),
        "time": opt(&t.time),
        "date_certainty": t.certainty.name(),
        "received": t.received.map(|r| json!({"date": r.date.to_string(), "time": opt(&r.time)})),
        "from": t.from,
        "to": t.to,
        "via": t.via,
        "via_together": t.via_together,
        "kind": t.kind.name(),
        "status": t.status.name(),
        "side": if t.side == crate::corpus::Side::Us { "us" } else { "sino-soviet" },
        "title": t.title,
        "archive": t.archive,
        "published": t.published,
        "footnotes": t.footnotes,
        "witnesses": t.witnesses().iter().map(witness).collect::<Vec<_>>(),
        "notes": t.notes().iter().map(note).collect::<Vec<_>>(),
    })
}

fn event(e: &Event) -> Value {
    json!({
        "id": e.id,
        "date": e.date.to_string(),
        "date_certainty": e.certainty.name(),
        "label": e.label,
        "short": e.short,
        "key": e.key,
        "footnotes": e.footnotes,
        "note": e.note,
        "conflicting_dates": e.conflicts.iter().map(|c| json!({"date": c.date.to_string(), "where": c.place})).collect::<Vec<_>>(),
    })
}

/// One position of the debate, as the export and `shifr debate --format json`
/// give it. `telegrams` and `events` are ids; `quotes` are verbatim.
pub fn position(p: &Position) -> Value {
    json!({
        "id": p.id,
        "scholars": p.scholars,
        "stance": p.stance.name(),
        "trigger": p.trigger,
        "claim": p.claim,
        "quotes": p.quotes.iter().map(|q| json!({"text": q.text, "cite": q.cite})).collect::<Vec<_>>(),
        "footnotes": p.footnotes,
        "telegrams": p.telegrams,
        "events": p.events,
        "answer": p.answer,
        "answer_cite": p.answer_cite,
        "note": p.note,
    })
}

/// The whole corpus.
pub fn corpus(c: &Corpus) -> Value {
    json!({
        "people": c.people.iter().map(person).collect::<Vec<_>>(),
        "telegrams": c.telegrams.iter().map(telegram).collect::<Vec<_>>(),
        "events": c.events.iter().map(event).collect::<Vec<_>>(),
        "sources": c.works.iter().map(|w| json!({
            "id": w.id,
            "by": w.by,
            "short": w.short,
            "citation": w.citation,
            "footnotes": w.footnotes,
            "note": w.note,
        })).collect::<Vec<_>>(),
        "scholars": c.scholars.iter().map(|s| json!({
            "id": s.id,
            "name": s.name,
            "aliases": s.aliases,
            "about": s.about,
        })).collect::<Vec<_>>(),
        "positions": c.positions.iter().map(position).collect::<Vec<_>>(),
        "footnotes": c.footnotes.iter().map(|f| json!({
            "number": f.number,
            "text": f.text,
            "missing": f.is_missing(),
            "works": f.works,
            "note": f.note,
        })).collect::<Vec<_>>(),
    })
}

/// Pretty-printed, with a trailing newline.
pub fn to_string(c: &Corpus) -> String {
    let mut s = serde_json::to_string_pretty(&corpus(c)).expect("JSON values always serialise");
    s.push('\n');
    s
}

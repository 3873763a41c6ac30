//! `shifr compare ID --format json`: the aligned rows as data.

use serde_json::{Value, json};

use super::align;
use crate::corpus::{Corpus, Telegram};
use crate::export::json::{note, passage};

/// The comparison of witnesses `a` and `b` of `t`.
pub fn to_json(corpus: &Corpus, t: &Telegram, a: usize, b: usize) -> Value {
    let (wa, wb) = (&t.witnesses()[a], &t.witnesses()[b]);
    let witness = |w: &crate::corpus::Witness| {
        json!({
            "id": w.id,
            "label": w.label,
            "language": w.language,
            "translation": w.translation,
            "status": w.status.map(|s| s.name()),
            "status_note": w.status_note,
            "archive": w.archive,
            "published": w.published,
        })
    };
    let rows: Vec<Value> = align(wa, wb)
        .iter()
        .map(|r| {
            json!({
                "align": r.key,
                "relation": r.relation.name(),
                "divergent": r.relation.divergent(),
                "reading": crate::compare::align::reading(r, wa, wb),
                "left": r.left.iter().map(|p| passage(p)).collect::<Vec<_>>(),
                "right": r.right.iter().map(|p| passage(p)).collect::<Vec<_>>(),
                "notes": t.notes().iter().filter(|n| n.anchor.as_deref() == Some(r.key.as_str())).map(note).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "telegram": t.id,
        "date": t.date.to_string(),
        "chain": corpus.chain(t),
        "title": t.title,
        "left": witness(wa),
        "right": witness(wb),
        "rows": rows,
    })
}

//! Aligning two witnesses of one telegram by the corpus's align keys. Line
//! diffs and collators assume one language; a Chinese and a Russian witness
//! share no words, but they share the claims the corpus keys them by.

use crate::corpus::{Passage, PassageKind, Relation, Witness};

/// How an aligned row's two sides stand to each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowRelation {
    /// A relation the corpus gives.
    Given(Relation),
    /// One side has no passage with this key, and that side's version is
    /// known in full: the claim is not in it.
    Omitted,
    /// One side has no passage with this key, but the paper gives only an
    /// excerpt of that version: whether it makes the claim is not known.
    NotInExcerpt,
    /// Both sides have the key, and the corpus does not say how they stand.
    Unstated,
}

impl RowRelation {
    pub fn label(self) -> &'static str {
        match self {
            RowRelation::Given(r) => r.label(),
            RowRelation::Omitted => "omitted",
            RowRelation::NotInExcerpt => "not in the paper's excerpt",
            RowRelation::Unstated => "",
        }
    }

    /// The name exports use: "contradicts", "omitted", "not-in-excerpt"…
    pub fn name(self) -> &'static str {
        match self {
            RowRelation::Given(r) => r.name(),
            RowRelation::Omitted => "omitted",
            RowRelation::NotInExcerpt => "not-in-excerpt",
            RowRelation::Unstated => "",
        }
    }

    /// Whether the two sides say different things.
    pub fn divergent(self) -> bool {
        // Not known to say something else is not divergent.
        !matches!(
            self,
            RowRelation::Given(Relation::Matches)
                | RowRelation::Unstated
                | RowRelation::NotInExcerpt
        )
    }

    /// A one-character mark for the gutter between the columns.
    pub fn glyph(self) -> &'static str {
        match self {
            RowRelation::Given(Relation::Matches) => "=",
            RowRelation::Given(Relation::Differs) => "≠",
            RowRelation::Given(Relation::Softens) => "≈",
            RowRelation::Given(Relation::Contradicts) => "✗",
            RowRelation::Omitted => "∅",
            RowRelation::NotInExcerpt => "…",
            RowRelation::Unstated => "·",
        }
    }
}

/// One aligned row: the passages of each witness that share an align key.
#[derive(Clone, Debug, PartialEq)]
pub struct Row<'a> {
    pub key: String,
    pub left: Vec<&'a Passage>,
    pub right: Vec<&'a Passage>,
    pub relation: RowRelation,
}

impl Row<'_> {
    /// Both sides are quotes only (so a word diff means something when the
    /// languages agree).
    pub fn all_quotes(&self) -> bool {
        !self.left.is_empty()
            && !self.right.is_empty()
            && self
                .left
                .iter()
                .chain(&self.right)
                .all(|p| p.kind == PassageKind::Quote)
    }
}

/// What a relation drawn on `row` rests on, where a side of it is the
/// editors' summary and not the message's words: the relation is then the
/// editors' reading of the two versions, and the summarised version's own
/// words, where the paper quotes it, are under other rows — named here as
/// the evidence. None for a row of quotes on both sides, or no relation.
pub fn reading(row: &Row, a: &Witness, b: &Witness) -> Option<String> {
    if !matches!(row.relation, RowRelation::Given(_)) || row.all_quotes() {
        return None;
    }
    let mut out = format!(
        "“{}” is the editors’ reading of the two versions",
        row.relation.label()
    );
    for (side, w) in [(&row.left, a), (&row.right, b)] {
        if side.iter().any(|p| p.kind == PassageKind::Quote) {
            continue;
        }
        out.push_str(&format!(": the {} is summarised here", w.label));
        let quoted: Vec<String> = keys(w)
            .into_iter()
            .filter(|k| *k != row.key)
            .filter(|k| passages(w, k).iter().any(|p| p.kind == PassageKind::Quote))
            .map(|k| format!("§ {k}"))
            .collect();
        if !quoted.is_empty() {
            out.push_str(&format!(
                "; its own words are quoted under {}",
                quoted.join(", ")
            ));
        }
    }
    Some(out)
}

/// The align keys of a witness, in first-appearance order.
pub fn keys(w: &Witness) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for p in &w.passages {
        if !out.contains(&p.align.as_str()) {
            out.push(&p.align);
        }
    }
    out
}

fn passages<'a>(w: &'a Witness, key: &str) -> Vec<&'a Passage> {
    w.passages.iter().filter(|p| p.align == key).collect()
}

/// Aligns `a` and `b`: rows in `a`'s order, then the keys only `b` has, in
/// `b`'s order. Counterparts share a row; a key on one side only is an
/// omission on the other.
pub fn align<'a>(a: &'a Witness, b: &'a Witness) -> Vec<Row<'a>> {
    let ka = keys(a);
    let kb = keys(b);
    let mut order: Vec<&str> = ka.clone();
    order.extend(kb.iter().filter(|k| !ka.contains(k)));
    order
        .into_iter()
        .map(|key| {
            let left = passages(a, key);
            let right = passages(b, key);
            let excerpt = |w: &Witness| w.extent == crate::corpus::Extent::Excerpt;
            let relation = if (left.is_empty() && excerpt(a)) || (right.is_empty() && excerpt(b)) {
                RowRelation::NotInExcerpt
            } else if left.is_empty() || right.is_empty() {
                RowRelation::Omitted
            } else {
                left.iter()
                    .chain(&right)
                    .find_map(|p| p.relation)
                    .map_or(RowRelation::Unstated, RowRelation::Given)
            };
            Row {
                key: key.to_string(),
                left,
                right,
                relation,
            }
        })
        .collect()
}

/// Every pair of witness indices, in the order `w` cycles through them.
pub fn pairs(n: usize) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            v.push((i, j));
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relation_on_a_summary_is_the_editors_reading_with_the_evidence_named() {
        let c = crate::corpus::Corpus::embedded().unwrap();
        let t = c.telegram("1950-10-02-mao-stalin").unwrap();
        let (zh, ru) = (&t.witnesses()[0], &t.witnesses()[1]);
        let rows = align(zh, ru);
        let decision = rows.iter().find(|r| r.key == "decision").unwrap();
        let r = reading(decision, zh, ru).unwrap();
        assert!(
            r.starts_with("“contradicts” is the editors’ reading"),
            "{r}"
        );
        assert!(
            r.contains(&format!("the {} is summarised here", ru.label)),
            "{r}"
        );
        assert!(
            r.contains("§ consequences") && r.contains("§ confidence"),
            "{r}"
        );
        assert!(!r.contains("§ decision"), "{r}");
        // Rows with no relation drawn say nothing.
        let other = rows.iter().find(|r| r.key == "consequences").unwrap();
        assert_eq!(reading(other, zh, ru), None);
    }

    fn p(kind: PassageKind, key: &str, text: &str, rel: Option<Relation>) -> Passage {
        Passage {
            kind,
            align: key.into(),
            text: text.into(),
            relation: rel,
            cite: vec![],
        }
    }

    fn w(id: &str, ps: Vec<Passage>) -> Witness {
        Witness {
            id: id.into(),
            label: id.into(),
            passages: ps,
            ..Witness::default()
        }
    }

    use PassageKind::{Quote as Q, Summary as S};

    fn keys_of(rows: &[Row]) -> Vec<(String, usize, usize, RowRelation)> {
        rows.iter()
            .map(|r| (r.key.clone(), r.left.len(), r.right.len(), r.relation))
            .collect()
    }

    #[test]
    fn counterparts_share_rows_and_omissions_show_on_either_side() {
        let a = w(
            "a",
            vec![
                p(Q, "x", "1", Some(Relation::Contradicts)),
                p(Q, "y", "2", None),
            ],
        );
        let b = w("b", vec![p(S, "x", "3", None), p(S, "z", "4", None)]);
        let rows = align(&a, &b);
        assert_eq!(
            keys_of(&rows),
            vec![
                ("x".into(), 1, 1, RowRelation::Given(Relation::Contradicts)),
                ("y".into(), 1, 0, RowRelation::Omitted),
                ("z".into(), 0, 1, RowRelation::Omitted),
            ]
        );
        assert!(rows.iter().all(|r| r.relation.divergent()));
    }

    #[test]
    fn keys_in_different_orders_follow_the_first_witness() {
        let a = w(
            "a",
            vec![
                p(Q, "one", "", None),
                p(Q, "two", "", None),
                p(Q, "three", "", None),
            ],
        );
        let b = w(
            "b",
            vec![
                p(Q, "three", "", None),
                p(Q, "four", "", None),
                p(Q, "one", "", None),
            ],
        );
        let order: Vec<String> = align(&a, &b).into_iter().map(|r| r.key).collect();
        assert_eq!(order, ["one", "two", "three", "four"]);
        let order: Vec<String> = align(&b, &a).into_iter().map(|r| r.key).collect();
        assert_eq!(order, ["three", "four", "one", "two"]);
    }

    #[test]
    fn several_passages_per_key_and_relations_from_either_side() {
        let a = w(
            "a",
            vec![p(S, "k", "intro", None), p(Q, "k", "words", None)],
        );
        let b = w("b", vec![p(Q, "k", "other words", Some(Relation::Softens))]);
        let rows = align(&a, &b);
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].left.len(), rows[0].right.len()), (2, 1));
        assert_eq!(rows[0].relation, RowRelation::Given(Relation::Softens));
        assert!(!rows[0].all_quotes());
    }

    #[test]
    fn unstated_and_matching_rows_are_not_divergent() {
        let a = w(
            "a",
            vec![
                p(Q, "k", "same", None),
                p(Q, "m", "same", Some(Relation::Matches)),
            ],
        );
        let b = w("b", vec![p(Q, "k", "same", None), p(Q, "m", "same", None)]);
        let rows = align(&a, &b);
        assert_eq!(rows[0].relation, RowRelation::Unstated);
        assert!(!rows[0].relation.divergent() && !rows[1].relation.divergent());
        assert!(rows[0].all_quotes());
    }

    #[test]
    fn empty_witnesses() {
        let a = w("a", vec![]);
        let b = w("b", vec![p(Q, "k", "x", None)]);
        assert_eq!(
            keys_of(&align(&a, &b)),
            vec![("k".into(), 0, 1, RowRelation::Omitted)]
        );
        assert!(align(&a, &w("c", vec![])).is_empty());
    }

    #[test]
    fn three_witnesses_give_three_pairs() {
        assert_eq!(pairs(3), vec![(0, 1), (0, 2), (1, 2)]);
        assert_eq!(pairs(2), vec![(0, 1)]);
        assert!(pairs(1).is_empty());
        let a = w("a", vec![p(Q, "k", "1", None)]);
        let b = w("b", vec![p(Q, "k", "2", None), p(Q, "l", "3", None)]);
        let c = w("c", vec![p(Q, "l", "4", None)]);
        let ws = [a, b, c];
        let rows: Vec<usize> = pairs(3)
            .iter()
            .map(|(i, j)| align(&ws[*i], &ws[*j]).len())
            .collect();
        assert_eq!(rows, vec![2, 2, 2]);
    }
}

//! Checking a telegram file: its versions, passages, relations, dates and
//! receipt, the rest of the `Checker` (`validate.rs`).

use std::collections::HashSet;

use toml::Spanned;

use super::date::Date;
use super::model::*;
use super::raw::{self, S};
use super::validate::{Checker, Known};

impl Checker<'_> {
    fn passages(&mut self, ps: &mut [raw::Passage]) -> Vec<Passage> {
        let mut order: Vec<&str> = Vec::new();
        let aligns: Vec<String> = ps
            .iter()
            .map(|p| {
                let align = self.string(&p.align, "align key");
                match order.iter().position(|k| *k == align) {
                    Some(i) if i + 1 != order.len() => self.problem(
                        p.align.span().start,
                        format!(
                            "align key '{align}' used again after '{}': passages that share a key must stand together",
                            order[order.len() - 1]
                        ),
                    ),
                    Some(_) => {}
                    None => order.push(p.align.get_ref()),
                }
                align
            })
            .collect();
        ps.iter_mut()
            .zip(aligns)
            .map(|(p, align)| Passage {
                kind: self
                    .choice(&p.kind, PassageKind::ALL, "passage kind")
                    .unwrap_or(PassageKind::Summary),
                align,
                text: self.take_string(&mut p.text, "passage text"),
                relation: p
                    .relation
                    .as_ref()
                    .and_then(|r| self.choice(r, Relation::ALL, "relation")),
                cite: self.footnotes(&p.cite),
            })
            .collect()
    }

    fn witness(&mut self, w: &mut raw::Witness) -> Witness {
        if w.passage.is_empty() {
            self.problem(
                w.id.span().start,
                format!(
                    "witness '{}' has no [[witness.passage]]: expected at least one",
                    w.id.get_ref()
                ),
            );
        }
        let status = w
            .status
            .as_ref()
            .and_then(|s| self.choice(s, WitnessStatus::ALL, "witness status"));
        let footnotes = self.footnotes(&w.footnotes);
        let status_footnote = w.status_footnote.as_ref().map(|n| {
            let num = *n.get_ref();
            let at = n.span().start;
            match status {
                None if w.status.is_none() => self.problem(
                    at,
                    "status_footnote without a status: expected status = \"draft\" (or sent, received) beside it",
                ),
                None => {}
                Some(st) => {
                    if !footnotes.contains(&num) {
                        self.problem(
                            at,
                            format!("status_footnote {num} is not among this version's footnotes: expected one of {footnotes:?}"),
                        );
                    }
                    if let Some(Some(text)) = self.known_footnotes.and_then(|k| k.get(&num))
                        && !text.to_lowercase().contains(st.name())
                    {
                        self.problem(
                            at,
                            format!("status_footnote {num} does not say “{}”: its text is “{text}”; expected the footnote whose words give the status", st.name()),
                        );
                    } else if let Some(None) = self.known_footnotes.and_then(|k| k.get(&num)) {
                        self.problem(
                            at,
                            format!("status_footnote {num} is missing from the paper: a status the paper's words do not give is the editors' reading; leave status_footnote out and say so in status_note"),
                        );
                    }
                }
            }
            num
        });
        Witness {
            id: self.id(&w.id, "witness id"),
            label: self.string(&w.label, "label"),
            language: self.opt_string(&w.language, "language"),
            translation: self.opt_string(&w.translation, "translation"),
            kind: w
                .kind
                .as_ref()
                .and_then(|k| self.choice(k, Kind::ALL, "witness kind")),
            date: w.date.as_ref().map(|d| self.date(d)),
            status,
            status_footnote,
            status_note: self.opt_string(&w.status_note, "status_note"),
            archive: self.opt_string(&w.archive, "archive"),
            published: self.opt_string(&w.published, "published"),
            footnotes,
            passages: self.passages(&mut w.passage),
            implicit: false,
            extent: w
                .extent
                .as_ref()
                .and_then(|e| self.choice(e, Extent::ALL, "extent"))
                .unwrap_or(Extent::Full),
        }
    }

    /// The telegram `t` says, checked; its texts are taken out of `t`.
    pub fn telegram(&mut self, t: &mut raw::Telegram, stem: &str, known: &Known) -> Telegram {
        let id = self.id(&t.id, "telegram id");
        if id != stem {
            self.problem(
                t.id.span().start,
                format!("telegram id '{id}' does not match its file name: expected '{stem}' (or rename the file to {id}.toml)"),
            );
        }
        let date = self.date(&t.date);
        let certainty = self.certainty(&t.date_certainty, &date, t.date.span().start);
        let people = |list: &Spanned<Vec<S>>, what: &str, checker: &mut Self| -> Vec<String> {
            if list.get_ref().is_empty() {
                checker.problem(
                    list.span().start,
                    format!("empty {what}: expected at least one person id"),
                );
            }
            list.get_ref()
                .iter()
                .map(|p| checker.person_ref(p, known, what))
                .collect()
        };
        let from = people(&t.from, "from", self);
        let to = people(&t.to, "to", self);
        let via = t
            .via
            .iter()
            .map(|p| self.person_ref(p, known, "via"))
            .collect::<Vec<_>>();
        let via_together = t.via_together.as_ref().is_some_and(|v| *v.get_ref());
        if let Some(v) = &t.via_together
            && *v.get_ref()
            && t.via.len() < 2
        {
            self.problem(
                v.span().start,
                "via_together = true needs two or more people in via",
            );
        }

        let witnesses = match (t.witness.is_empty(), t.passage.is_empty()) {
            (false, false) => {
                self.problem(t.id.span().start, "both [[passage]] and [[witness]]: use top-level [[passage]] for a single text, or [[witness]] with [[witness.passage]] for versions");
                t.witness.iter_mut().map(|w| self.witness(w)).collect()
            }
            (false, true) => t.witness.iter_mut().map(|w| self.witness(w)).collect(),
            (true, false) => vec![Witness {
                id: "text".into(),
                label: "As the paper gives it".into(),
                passages: self.passages(&mut t.passage),
                implicit: true,
                extent: Extent::Full,
                ..Witness::default()
            }],
            (true, true) => {
                self.problem(t.id.span().start, "no text: expected [[passage]] tables (or [[witness]] with [[witness.passage]])");
                Vec::new()
            }
        };
        let mut wids = HashSet::new();
        for (w, raw_w) in witnesses.iter().zip(&t.witness) {
            if !wids.insert(w.id.clone()) {
                self.problem(
                    raw_w.id.span().start,
                    format!("duplicate witness id '{}' in this telegram", w.id),
                );
            }
        }
        self.check_relations(t, &witnesses);

        let notes: Vec<Note> = t
            .note
            .iter_mut()
            .map(|n| {
                let anchor = n.anchor.as_ref().map(|a| {
                    let key = a.get_ref();
                    if !witnesses.iter().any(|w| w.passages.iter().any(|p| &p.align == key)) {
                        let keys: Vec<&str> = witnesses
                            .iter()
                            .flat_map(|w| w.passages.iter().map(|p| p.align.as_str()))
                            .collect::<Vec<_>>();
                        let mut uniq: Vec<&str> = Vec::new();
                        for k in keys {
                            if !uniq.contains(&k) {
                                uniq.push(k);
                            }
                        }
                        self.problem(
                            a.span().start,
                            format!("note anchored to align key '{key}', which no passage has: expected one of {}", uniq.join(", ")),
                        );
                    }
                    key.clone()
                });
                let witness = n.witness.as_ref().map(|w| {
                    let id = w.get_ref();
                    let has = |wi: &Witness| {
                        &wi.id == id
                            && anchor
                                .as_ref()
                                .is_none_or(|a| wi.passages.iter().any(|p| &p.align == a))
                    };
                    if !witnesses.iter().any(has) {
                        let ids: Vec<&str> = witnesses
                            .iter()
                            .filter(|wi| anchor.as_ref().is_none_or(|a| wi.passages.iter().any(|p| &p.align == a)))
                            .map(|wi| wi.id.as_str())
                            .collect();
                        self.problem(
                            w.span().start,
                            format!(
                                "note on witness '{id}', which this telegram has no version of{}: expected one of {}",
                                if anchor.is_some() { " with the note's anchor" } else { "" },
                                ids.join(", ")
                            ),
                        );
                    }
                    id.clone()
                });
                Note {
                    by: self.scholar_ref(&n.by, known, "note by"),
                    stance: n.stance.as_ref().and_then(|s| self.choice(s, Stance::ALL, "stance")),
                    text: self.take_string(&mut n.text, "note text"),
                    cite: self.footnotes(&n.cite),
                    anchor,
                    witness,
                }
            })
            .collect();

        Telegram {
            id,
            date,
            time: self.time(&t.time),
            seq: t.seq,
            certainty,
            received: t.received.as_ref().map(|r| self.received(r, &date)),
            from,
            to,
            via,
            via_together,
            kind: self
                .choice(&t.kind, Kind::ALL, "kind")
                .unwrap_or(Kind::Message),
            status: self
                .choice(&t.status, Status::ALL, "status")
                .unwrap_or(Status::Reported),
            side: t
                .side
                .as_ref()
                .and_then(|s| self.choice(s, &Side::ALL, "side"))
                .unwrap_or_default(),
            title: self.take_string(&mut t.title, "title"),
            archive: self.opt_string(&t.archive, "archive"),
            published: self.opt_string(&t.published, "published"),
            footnotes: self.footnotes(&t.footnotes),
            in_paper: t.in_paper.as_ref().is_some_and(|b| *b.get_ref()),
            body: Lazy::new(Body { witnesses, notes }),
            file: self.file.to_string(),
        }
    }

    /// When a telegram arrived: not before it was sent. Dates without a day
    /// or month are compared by the days they may stand for.
    fn received(&mut self, r: &raw::Received, sent: &Date) -> Received {
        let date = self.date(&r.date);
        let earliest = |d: &Date| (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1));
        let latest = |d: &Date| {
            let m = d.month.unwrap_or(12);
            (
                d.year,
                m,
                d.day.unwrap_or_else(|| super::days_in_month(d.year, m)),
            )
        };
        if latest(&date) < earliest(sent) {
            self.problem(
                r.date.span().start,
                format!("received {date}, before it was sent ({sent}): expected a received date on or after the telegram's date"),
            );
        }
        Received {
            date,
            time: self.time(&r.time),
        }
    }

    /// A relation says how a passage stands to its counterpart; without one it
    /// means nothing.
    fn check_relations(&mut self, t: &raw::Telegram, witnesses: &[Witness]) {
        for (wi, raw_w) in t.witness.iter().enumerate() {
            for p in &raw_w.passage {
                if let Some(rel) = &p.relation {
                    let key = p.align.get_ref();
                    let counterpart = witnesses
                        .iter()
                        .enumerate()
                        .any(|(j, w)| j != wi && w.passages.iter().any(|q| &q.align == key));
                    if !counterpart {
                        self.problem(
                            rel.span().start,
                            format!("relation '{}' on align key '{key}', but no other witness has that key: a relation needs a counterpart", rel.get_ref()),
                        );
                    }
                }
            }
        }
        for p in &t.passage {
            if let Some(rel) = &p.relation {
                self.problem(rel.span().start, "relation on a telegram with a single text: relations compare witnesses, so use [[witness]]");
            }
        }
    }
}

//! The source paper's footnotes as data (`footnotes.toml`): each footnote's
//! text verbatim, the works of `sources.toml` it cites, and the footnotes
//! whose text the paper lacks, recorded as missing. The file is optional: a
//! corpus without it has no footnote texts, and [`Corpus::footnote`] answers
//! `None` for every number.
//!
//! ```toml
//! [[footnote]]
//! number = 117
//! text = "Ciphered Telegram from Roschin in Beijing to Stalin, 3 October 1950, …"
//! works = ["cwihp-6-7"]
//! note = "…"                # optional: the editors' note
//!
//! [[footnote]]
//! number = 116
//! missing = true            # the paper's marker stands in its body; the text is not there
//! ```
//!
//! For the reader, what cites a footnote ([`Corpus::citing_footnote`]) and
//! what rests on a work ([`Corpus::works_citations`]). For `shifr check
//! --source`, [`verify_against_source`] compares every text with the paper,
//! folded the way `verify-quotes` folds quotes.

use std::collections::HashMap;

use toml::Spanned;

use super::Corpus;
use super::raw::{self, S};
use super::validate::Checker;
use crate::problem::{Problem, Report};

/// One of the paper's footnotes.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Footnote {
    /// Its number in the paper, from 1.
    pub number: u32,
    /// The footnote verbatim, its lines joined; `None` where the paper lacks
    /// its text (the marker stands in the body, the note is not there).
    pub text: Option<String>,
    /// The `sources.toml` work ids it cites, in the footnote's order.
    pub works: Vec<String>,
    /// The editors' note on it, where the footnote is vague or refers to
    /// something the paper lacks.
    pub note: Option<String>,
}

impl Footnote {
    /// The paper lacks this footnote's text.
    pub fn is_missing(&self) -> bool {
        self.text.is_none()
    }
}

/// What cites one footnote, or rests on one work: indexes into the corpus's
/// lists, each in the corpus's order, none twice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Citing {
    /// `Corpus::telegrams` whose record cites it: the telegram's own
    /// `footnotes`, a version's `footnotes` or `status_footnote`, or a
    /// passage's `cite`.
    pub telegrams: Vec<usize>,
    /// `(telegram, note)`: `Corpus::telegrams[t].notes[n]` cites it.
    pub notes: Vec<(usize, usize)>,
    /// `Corpus::events` that cite it.
    pub events: Vec<usize>,
    /// `Corpus::positions` that cite it (`footnotes`, a quote's `cite`, or
    /// `answer_cite`).
    pub positions: Vec<usize>,
}

impl Citing {
    /// Nothing cites it.
    pub fn is_empty(&self) -> bool {
        self.telegrams.is_empty()
            && self.notes.is_empty()
            && self.events.is_empty()
            && self.positions.is_empty()
    }
}

impl Corpus {
    /// The paper's footnote `n`: `None` if the corpus has no footnotes.toml
    /// or does not list `n`; `Some` with `text: None` where the paper lacks
    /// the footnote's text.
    pub fn footnote(&self, n: u32) -> Option<&Footnote> {
        self.footnotes
            .binary_search_by_key(&n, |f| f.number)
            .ok()
            .map(|i| &self.footnotes[i])
    }

    /// The paper lacks footnote `n`'s text (per footnotes.toml).
    pub fn footnote_missing(&self, n: u32) -> bool {
        self.footnote(n).is_some_and(Footnote::is_missing)
    }

    /// Of these footnote numbers, those whose text the paper lacks.
    pub fn missing_footnotes(&self, numbers: &[u32]) -> Vec<u32> {
        let mut out: Vec<u32> = numbers
            .iter()
            .copied()
            .filter(|&n| self.footnote_missing(n))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The work with this `sources.toml` id.
    pub fn work(&self, id: &str) -> Option<&Work> {
        self.works.iter().find(|w| w.id == id)
    }

    /// Every telegram, note, event and position citing footnote `n`.
    pub fn citing_footnote(&self, n: u32) -> Citing {
        self.citing(|f| f.contains(&n))
    }

    /// Every telegram, note, event and position resting on a work: citing
    /// one of the footnotes the work lists. Empty for an unknown id.
    pub fn works_citations(&self, work_id: &str) -> Citing {
        match self.work(work_id) {
            Some(w) => {
                let fns = w.footnotes.clone();
                self.citing(|f| f.iter().any(|n| fns.contains(n)))
            }
            None => Citing::default(),
        }
    }

    fn citing(&self, hit: impl Fn(&[u32]) -> bool) -> Citing {
        let mut c = Citing::default();
        for (i, t) in self.telegrams.iter().enumerate() {
            let own = hit(&t.footnotes)
                || t.witnesses().iter().any(|w| {
                    hit(&w.footnotes)
                        || w.status_footnote.is_some_and(|n| hit(&[n]))
                        || w.passages.iter().any(|p| hit(&p.cite))
                });
            if own {
                c.telegrams.push(i);
            }
            for (j, n) in t.notes().iter().enumerate() {
                if hit(&n.cite) {
                    c.notes.push((i, j));
                }
            }
        }
        for (i, e) in self.events.iter().enumerate() {
            if hit(&e.footnotes) {
                c.events.push(i);
            }
        }
        for (i, p) in self.positions.iter().enumerate() {
            if hit(&p.footnotes) || hit(&p.answer_cite) || p.quotes.iter().any(|q| hit(&q.cite)) {
                c.positions.push(i);
            }
        }
        c
    }
}

use super::model::Work;

/// The footnote numbers a corpus's footnotes.toml lists, with their texts
/// (`None`: missing from the paper), for checking the records that cite them.
pub use super::footnote_source::{
    SourceCheck, fold, folded, source_footnotes, verify_against_source,
};
pub use super::validate::KnownFootnotes as Known;

impl Checker<'_> {
    /// The footnotes of footnotes.toml: numbers from 1, each once, in order;
    /// a text, or `missing = true`, not both; work ids that resolve.
    pub(super) fn footnote_file(
        &mut self,
        f: &raw::FootnotesFile,
        work_ids: &[String],
    ) -> Vec<Footnote> {
        let mut seen: HashMap<u32, usize> = HashMap::new();
        let mut last = 0;
        let mut out = Vec::new();
        for r in &f.footnote {
            let n = *r.number.get_ref();
            let at = r.number.span().start;
            if n == 0 {
                self.problem(at, "footnote 0: the paper's footnotes are numbered from 1");
            }
            if let Some(&first) = seen.get(&n) {
                let (line, _) = crate::problem::line_col(self.text, first);
                self.problem(
                    at,
                    format!(
                        "footnote {n} listed twice: first at line {line}; expected each number once"
                    ),
                );
                continue;
            }
            if n < last {
                self.problem(
                    at,
                    format!("footnote {n} after footnote {last}: expected the footnotes in order"),
                );
            }
            seen.insert(n, at);
            last = last.max(n);
            let missing = r.missing.as_ref().is_some_and(|m| *m.get_ref());
            let text = match (&r.text, missing) {
                (Some(t), false) => Some(self.string(t, "footnote text")),
                (None, true) => None,
                (Some(t), true) => {
                    self.problem(
                        t.span().start,
                        format!(
                            "footnote {n} has a text and missing = true: expected one or the other"
                        ),
                    );
                    None
                }
                (None, false) => {
                    self.problem(
                        at,
                        format!("footnote {n} has no text: expected text = \"…\" (verbatim from the paper), or missing = true where the paper lacks it"),
                    );
                    None
                }
            };
            if let Some(m) = &r.missing
                && !*m.get_ref()
            {
                self.problem(
                    m.span().start,
                    "missing = false: leave it out; a footnote with a text is not missing",
                );
            }
            let works = r
                .works
                .iter()
                .map(|w| {
                    let id = w.get_ref();
                    if !work_ids.contains(id) {
                        let hint = super::nearest::did_you_mean(id, work_ids.iter().map(String::as_str));
                        self.problem(
                            w.span().start,
                            format!("unknown work '{id}' in footnote {n}'s works{hint}: expected a [[work]] id from sources.toml"),
                        );
                    }
                    id.clone()
                })
                .collect();
            out.push(Footnote {
                number: n,
                text,
                works,
                note: self.opt_string(&r.note, "note"),
            });
        }
        out.sort_by_key(|f| f.number);
        out
    }
}

/// footnotes.toml and sources.toml say the same: a footnote's `works` name
/// the works that list it, and a work's `footnotes` the footnotes that name
/// it. Each disagreement is reported where it can be fixed, at both ends.
pub(super) fn check_works_agree(
    footnotes: (&str, &str, &raw::FootnotesFile),
    sources: (&str, &str, &raw::SourcesFile),
    report: &mut Report,
) {
    let (ffile, ftext, fraw) = footnotes;
    let (sfile, stext, sraw) = sources;
    let listed: HashMap<u32, &Vec<S>> = fraw
        .footnote
        .iter()
        .map(|f| (*f.number.get_ref(), &f.works))
        .collect();
    let by_work: HashMap<&str, &Vec<Spanned<u32>>> = sraw
        .work
        .iter()
        .map(|w| (w.id.get_ref().as_str(), &w.footnotes))
        .collect();
    for f in &fraw.footnote {
        let n = *f.number.get_ref();
        for w in &f.works {
            if let Some(fns) = by_work.get(w.get_ref().as_str())
                && !fns.iter().any(|x| *x.get_ref() == n)
            {
                report.push(Problem::at(
                    ffile,
                    ftext,
                    w.span().start,
                    format!(
                        "footnote {n} names work '{}', but that work's footnotes in {sfile} do not list {n}: add {n} there, or take the work off here",
                        w.get_ref()
                    ),
                ));
            }
        }
    }
    for w in &sraw.work {
        for n in &w.footnotes {
            let num = *n.get_ref();
            match listed.get(&num) {
                Some(works) if !works.iter().any(|x| x.get_ref() == w.id.get_ref()) => {
                    report.push(Problem::at(
                        sfile,
                        stext,
                        n.span().start,
                        format!(
                            "work '{}' lists footnote {num}, but footnote {num} in {ffile} does not name it: add \"{}\" to its works, or take {num} off here",
                            w.id.get_ref(),
                            w.id.get_ref()
                        ),
                    ));
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_matches_verify_quotes() {
        assert_eq!(folded("  “a”  ‘b’ – c—d\n e "), "\"a\" 'b' - c-d e");
        assert_eq!(folded("Sino-\nAmerican"), "Sino-American");
        assert_eq!(folded("1950-\n  1953"), "1950-1953");
    }

    #[test]
    fn the_papers_footnotes_are_found_with_the_gaps_it_has() {
        let paper = "Body text.1\n                         \n1 First note, 1950-\n1953, p. 2.\n2 Second “note”\n 97-98, more.\n Next page of body.\n                         \n4Third.\n";
        let f = source_footnotes(paper);
        assert_eq!(f.keys().copied().collect::<Vec<_>>(), vec![1, 2, 4]);
        assert_eq!(folded(&f[&1].1), "First note, 1950-1953, p. 2.");
        assert_eq!(folded(&f[&2].1), "Second \"note\" 97-98, more.");
        assert_eq!(f[&4].0, 9);
    }

    #[test]
    fn a_difference_is_located_at_its_character() {
        let (at, msg) = super::super::footnote_source::first_difference(
            "See Chen, Raod, p. 5.",
            "See Chen, Road, p. 5.",
        )
        .unwrap();
        assert_eq!(at, 11);
        assert!(msg.contains("character 12"), "{msg}");
        assert!(super::super::footnote_source::first_difference("“Ibid.”", "\"Ibid.\"").is_none());
        assert!(super::super::footnote_source::first_difference("Ibid", "Ibid.").is_some());
    }
}

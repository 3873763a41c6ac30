//! The debate at a glance: one [`Position`] per argument the source paper
//! presents in the "trigger vs. justification" debate (Whiting, Stueck,
//! Chen, Christensen, the paper's author, …), loaded from `debate.toml`.
//!
//! A position names its scholars, its stance, what it takes to have brought
//! China in, the claim (the editors' summary), the paper's footnotes, the
//! telegrams and events the paper ties it to as evidence, and the paper's
//! answer to it where the paper gives one. The file is optional: a corpus
//! without it has no positions.
//!
//! ```toml
//! [[position]]
//! id = "christensen"
//! scholars = ["christensen"]
//! stance = "trigger"
//! trigger = "the 38th parallel"
//! claim = "…"
//! footnotes = [15, 16]
//! telegrams = ["1950-10-13-mao-zhou"]
//! events = ["us-crosses-38th"]
//! answer = "…"
//! answer_cite = []
//! note = "…"
//!
//! [[position.quote]]
//! kind = "quote"
//! text = "…"
//! cite = [15]
//! ```

use std::collections::HashMap;

use super::Corpus;
use super::model::{Event, Stance};
use super::raw::{self, S};
use super::validate::{Checker, Known};

/// Words verbatim from the source paper, as it presents a position: the
/// paper's own words, or the words it quotes from the scholar.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Quote {
    pub text: String,
    /// The paper's footnotes for these words.
    pub cite: Vec<u32>,
}

/// One position in the debate, as the source paper presents it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Position {
    pub id: String,
    /// `[[scholar]]` ids from sources.toml; one or more.
    pub scholars: Vec<String>,
    pub stance: Stance,
    /// A short label for what, in this position, brought China in: "the 38th
    /// parallel", "Inchon and Stalin", "revolutionary aims". None where the
    /// paper gives the position no such factor.
    pub trigger: Option<String>,
    /// The editors' summary of what the paper says the position holds.
    pub claim: String,
    /// Verbatim from the paper (checked by `verify-quotes`); may be empty.
    pub quotes: Vec<Quote>,
    /// The paper's footnotes for the position.
    pub footnotes: Vec<u32>,
    /// Telegram ids the paper ties to the position as its evidence.
    pub telegrams: Vec<String>,
    /// Event ids the paper ties to the position as its evidence.
    pub events: Vec<String>,
    /// The paper's answer to the position (the editors' summary), where the
    /// paper gives one.
    pub answer: Option<String>,
    /// The paper's footnotes for its answer.
    pub answer_cite: Vec<u32>,
    /// The editors' note: where the paper cites no evidence, or is vague or
    /// contradicts itself about the position.
    pub note: Option<String>,
}

impl Position {
    /// The paper ties at least one telegram or event to the position.
    pub fn has_evidence(&self) -> bool {
        !self.telegrams.is_empty() || !self.events.is_empty()
    }

    /// The position rests (in part) on this telegram.
    pub fn cites_telegram(&self, id: &str) -> bool {
        self.telegrams.iter().any(|t| t == id)
    }

    /// The position rests (in part) on this event.
    pub fn cites_event(&self, id: &str) -> bool {
        self.events.iter().any(|e| e == id)
    }
}

impl Corpus {
    /// The position with this id.
    pub fn position(&self, id: &str) -> Option<&Position> {
        self.positions.iter().find(|p| p.id == id)
    }

    /// The positions that rest on a telegram, in the order of debate.toml.
    pub fn positions_citing(&self, telegram_id: &str) -> Vec<&Position> {
        self.positions
            .iter()
            .filter(|p| p.cites_telegram(telegram_id))
            .collect()
    }

    /// The positions that rest on an event, in the order of debate.toml.
    pub fn positions_citing_event(&self, event_id: &str) -> Vec<&Position> {
        self.positions
            .iter()
            .filter(|p| p.cites_event(event_id))
            .collect()
    }

    /// The positions a scholar holds (alone or with others).
    pub fn positions_by(&self, scholar_id: &str) -> Vec<&Position> {
        self.positions
            .iter()
            .filter(|p| p.scholars.iter().any(|s| s == scholar_id))
            .collect()
    }

    /// The event with this id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// "Goncharov, Lewis and Xue", "Thomas Christensen & Shen Zhihua": the
    /// names of a position's scholars.
    pub fn scholar_names(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|s| self.scholar_name(s))
            .collect::<Vec<_>>()
            .join(" & ")
    }
}

impl Checker<'_> {
    /// Checks `debate.toml` against the ids of the rest of the corpus.
    pub(super) fn positions(&mut self, f: &raw::DebateFile, known: &Known) -> Vec<Position> {
        let mut seen = HashMap::new();
        f.position
            .iter()
            .map(|p| {
                let id = self.id(&p.id, "position id");
                self.unique(&mut seen, &id, p.id.span().start, "position");
                if p.scholars.get_ref().is_empty() {
                    self.problem(
                        p.scholars.span().start,
                        "empty scholars: expected at least one [[scholar]] id from sources.toml",
                    );
                }
                let scholars = p
                    .scholars
                    .get_ref()
                    .iter()
                    .map(|s| self.scholar_ref(s, known, "scholars"))
                    .collect();
                let stance = self
                    .choice(&p.stance, Stance::ALL, "stance")
                    .unwrap_or(Stance::Other);
                let telegrams = self.refs(&p.telegrams, &known.telegrams, "telegram", "telegrams", "a telegram id (a file name under telegrams/, without .toml)");
                let events = self.refs(
                    &p.events,
                    &known.events,
                    "event",
                    "events",
                    "an [[event]] id from events.toml",
                );
                let note = self.opt_string(&p.note, "note");
                if telegrams.is_empty() && events.is_empty() && note.is_none() {
                    self.problem(
                        p.id.span().start,
                        format!("position '{id}' links no telegram or event: expected a note saying the paper cites no evidence for it"),
                    );
                }
                let answer = self.opt_string(&p.answer, "answer");
                if answer.is_none()
                    && let Some(first) = p.answer_cite.first()
                {
                    self.problem(
                        first.span().start,
                        "answer_cite without an answer: expected an answer the footnotes are for",
                    );
                }
                Position {
                    id,
                    scholars,
                    stance,
                    trigger: self.opt_string(&p.trigger, "trigger"),
                    claim: self.string(&p.claim, "claim"),
                    quotes: p
                        .quote
                        .iter()
                        .map(|q| {
                            if q.kind.get_ref() != "quote" {
                                self.problem(
                                    q.kind.span().start,
                                    format!("position quote of kind '{}': expected kind = \"quote\" (words verbatim from the paper; put paraphrase in the claim)", q.kind.get_ref()),
                                );
                            }
                            Quote {
                                text: self.string(&q.text, "quote text"),
                                cite: self.footnotes(&q.cite),
                            }
                        })
                        .collect(),
                    footnotes: self.footnotes(&p.footnotes),
                    telegrams,
                    events,
                    answer,
                    answer_cite: self.footnotes(&p.answer_cite),
                    note,
                }
            })
            .collect()
    }

    /// Ids that must be in `known`, each once.
    fn refs(
        &mut self,
        ids: &[S],
        known: &rustc_hash::FxHashSet<String>,
        what: &str,
        field: &str,
        expected: &str,
    ) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(ids.len());
        for s in ids {
            let v = s.get_ref();
            if !known.contains(v) {
                let hint = super::nearest::did_you_mean(v, known.iter().map(String::as_str));
                self.problem(
                    s.span().start,
                    format!("unknown {what} '{v}' in {field}{hint}: expected {expected}"),
                );
            } else if out.contains(v) {
                self.problem(
                    s.span().start,
                    format!("{what} '{v}' listed twice in {field}"),
                );
            }
            out.push(v.clone());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load::{SourceFile, from_files};

    fn file(rel: &str, text: &str) -> SourceFile {
        SourceFile {
            path: format!("c/{rel}"),
            rel: rel.to_string(),
            text: text.to_string(),
        }
    }

    fn corpus_with(debate: &str) -> Result<Corpus, crate::problem::Report> {
        from_files(&[
            file(
                "people.toml",
                "[[person]]\nid = \"mao\"\nname = \"Mao\"\n[[person]]\nid = \"stalin\"\nname = \"Stalin\"\n",
            ),
            file(
                "sources.toml",
                "[[scholar]]\nid = \"chen\"\nname = \"Chen Jian\"\n[[scholar]]\nid = \"author\"\nname = \"the paper’s author\"\n",
            ),
            file(
                "events.toml",
                "[[event]]\nid = \"inchon\"\ndate = \"1950-09-15\"\nlabel = \"Inchon\"\n",
            ),
            file(
                "telegrams/1950-10-02-mao-stalin.toml",
                "id = \"1950-10-02-mao-stalin\"\ndate = \"1950-10-02\"\nfrom = [\"mao\"]\nto = [\"stalin\"]\nkind = \"telegram\"\nstatus = \"extant\"\ntitle = \"T\"\nfootnotes = []\n[[passage]]\nkind = \"summary\"\nalign = \"a\"\ntext = \"Said.\"\n",
            ),
            file("debate.toml", debate),
        ])
    }

    const GOOD: &str = r#"
[[position]]
id = "chen"
scholars = ["chen"]
stance = "justification"
trigger = "revolutionary aims"
claim = "A claim."
footnotes = [9, 10]
telegrams = ["1950-10-02-mao-stalin"]
events = ["inchon"]
answer = "An answer."
answer_cite = [85]

[[position.quote]]
kind = "quote"
text = "Words."
cite = [9]

[[position]]
id = "author"
scholars = ["author"]
stance = "other"
claim = "Another."
footnotes = []
telegrams = []
events = []
note = "The paper cites no evidence for it."
"#;

    #[test]
    fn positions_load_with_their_evidence() {
        let c = corpus_with(GOOD).unwrap();
        assert_eq!(c.positions.len(), 2);
        let p = c.position("chen").unwrap();
        assert_eq!(p.stance, Stance::Justification);
        assert_eq!(p.trigger.as_deref(), Some("revolutionary aims"));
        assert_eq!(
            p.quotes,
            [Quote {
                text: "Words.".into(),
                cite: vec![9]
            }]
        );
        assert_eq!(p.answer_cite, [85]);
        assert!(p.has_evidence());
        assert!(!c.position("author").unwrap().has_evidence());
        let ids = |v: Vec<&Position>| v.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(c.positions_citing("1950-10-02-mao-stalin")), ["chen"]);
        assert_eq!(ids(c.positions_citing_event("inchon")), ["chen"]);
        assert!(c.positions_citing("nowhere").is_empty());
        assert_eq!(ids(c.positions_by("author")), ["author"]);
    }

    #[test]
    fn the_bundled_debate_has_both_sides_and_resolving_evidence() {
        let c = Corpus::embedded().unwrap();
        for who in [
            "whiting",
            "stueck",
            "chen",
            "zhang",
            "christensen",
            "author",
        ] {
            let held = c.positions_by(who);
            assert!(!held.is_empty(), "no position by {who}");
            assert!(held.iter().all(|p| !p.footnotes.is_empty()), "{who}");
        }
        for stance in [Stance::Trigger, Stance::Justification, Stance::Other] {
            assert!(c.positions.iter().any(|p| p.stance == stance), "{stance:?}");
        }
        for p in &c.positions {
            assert!(
                p.telegrams.iter().all(|t| c.telegram(t).is_some()),
                "{}",
                p.id
            );
            assert!(p.events.iter().all(|e| c.event(e).is_some()), "{}", p.id);
            assert!(p.has_evidence() || p.note.is_some(), "{}", p.id);
        }
        let on_2_october: Vec<&str> = c
            .positions_citing("1950-10-02-mao-stalin")
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        assert!(on_2_october.contains(&"chen") && on_2_october.contains(&"christensen"));
    }

    #[test]
    fn a_corpus_without_debate_toml_has_no_positions() {
        let c = Corpus::load_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base"),
        )
        .unwrap();
        assert!(c.positions.is_empty());
    }

    fn problems(debate: &str) -> Vec<String> {
        corpus_with(debate)
            .unwrap_err()
            .problems
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn every_fault_is_located() {
        let bad = GOOD
            .replace("scholars = [\"chen\"]", "scholars = [\"chne\"]")
            .replace("stance = \"justification\"", "stance = \"trigga\"")
            .replace(
                "telegrams = [\"1950-10-02-mao-stalin\"]",
                "telegrams = [\"1950-10-02-mao-stalni\"]",
            )
            .replace(
                "events = [\"inchon\"]",
                "events = [\"inchon\", \"inchon\", \"yalu\"]",
            )
            .replace("claim = \"A claim.\"", "claim = \" \"")
            .replace("kind = \"quote\"", "kind = \"summary\"")
            .replace("id = \"author\"", "id = \"chen\"");
        let p = problems(&bad);
        let want = [
            "c/debate.toml:4:13: unknown scholar 'chne' in scholars (did you mean 'chen'?)",
            "c/debate.toml:5:10: unknown stance 'trigga': expected one of trigger, justification, other",
            "c/debate.toml:7:9: empty claim",
            "c/debate.toml:9:14: unknown telegram '1950-10-02-mao-stalni' in telegrams (did you mean '1950-10-02-mao-stalin'?)",
            "c/debate.toml:10:21: event 'inchon' listed twice in events",
            "c/debate.toml:10:31: unknown event 'yalu' in events",
            "c/debate.toml:15:8: position quote of kind 'summary'",
            "c/debate.toml:20:6: duplicate position id 'chen': first defined at c/debate.toml:3:6",
        ];
        for w in want {
            assert!(
                p.iter().any(|x| x.starts_with(w)),
                "missing {w:?} in {p:#?}"
            );
        }
    }

    #[test]
    fn a_position_without_evidence_must_say_so() {
        let p = problems(&GOOD.replace("note = \"The paper cites no evidence for it.\"", ""));
        assert!(
            p.iter().any(|x| x
                .starts_with("c/debate.toml:20:6: position 'author' links no telegram or event")),
            "{p:#?}"
        );
    }

    #[test]
    fn answer_cite_needs_an_answer_and_fields_are_required() {
        let p = problems(&GOOD.replace("answer = \"An answer.\"\n", ""));
        assert!(
            p.iter()
                .any(|x| x.starts_with("c/debate.toml:11:16: answer_cite without an answer")),
            "{p:#?}"
        );
        let p = problems(&GOOD.replace("telegrams = []\n", ""));
        assert!(
            p.iter().any(|x| x.contains("missing field `telegrams`")),
            "{p:#?}"
        );
    }
}

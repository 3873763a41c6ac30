//! Turning the raw TOML shapes into the model, checking everything a reader
//! relies on: values of the right form, dates that exist, ids that resolve,
//! no duplicates, no empty text, anchors that point at a passage. Every
//! problem is recorded with its location; checking goes on after the first.

use std::collections::HashMap;

use rustc_hash::FxHashSet;
use toml::Spanned;

use super::date::{Certainty, Date, Time};
use super::model::*;
use super::raw::{self, S};
use crate::problem::{Problem, Report};

/// A text field larger than this gets a warning from `shifr check`: 64 KiB.
/// The longest field in the bundled corpus is about 400 bytes, and the
/// longest telegrams of the 1950 exchange run to a few thousand words —
/// some 20 KB even as Russian or Chinese UTF-8 — so a field past 64 KiB is
/// several whole telegrams in one (a paste gone wrong, a generated file);
/// a title of megabytes makes every keystroke in search cost seconds.
pub const LARGE_FIELD_BYTES: usize = 64 * 1024;

/// Checks one file's values, recording problems against it.
pub struct Checker<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub report: &'a mut Report,
    /// The footnotes of footnotes.toml, where the corpus has one: every
    /// footnote a record cites must be among them.
    pub known_footnotes: Option<&'a KnownFootnotes>,
}

/// The footnotes footnotes.toml has: each number, with its text (none
/// where the paper lacks it).
pub type KnownFootnotes = HashMap<u32, Option<String>>;

/// The ids other records may refer to, each looked up with a fast hash
/// (several times for each of 100,000 telegrams; the ids are the corpus's
/// own).
#[derive(Default)]
pub struct Known {
    pub people: FxHashSet<String>,
    pub scholars: FxHashSet<String>,
    /// Filled in once every telegram is read (for debate.toml).
    pub telegrams: FxHashSet<String>,
    pub events: FxHashSet<String>,
}

fn names<T>(all: &[(&str, T)]) -> String {
    all.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
}

/// Whether `v` may hold a control character other than a newline or a tab.
/// Most text has none, and its bytes say so at once: a control character
/// is a byte under 0x20, DEL, or a C1 control (U+0080 to U+009F, whose
/// first byte is 0xC2, as that of some other characters is); only a field
/// that may hold one is walked character by character. The bytes are
/// tested without an early exit, so that the test compiles to vector
/// instructions (text is most of what a corpus is).
fn may_hold_controls(v: &str) -> bool {
    v.bytes().fold(false, |any, b| {
        any | ((b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F || b == 0xC2)
    })
}

impl Checker<'_> {
    pub fn problem(&mut self, at: usize, message: impl Into<String>) {
        self.report
            .push(Problem::at(self.file, self.text, at, message));
    }

    /// Checks a text field, and gives its text.
    pub(super) fn string(&mut self, s: &S, what: &str) -> String {
        self.check_string(s, what);
        s.get_ref().clone()
    }

    /// `string`, taking the text out of the parsed file (which is dropped
    /// once checked) instead of copying it: the texts are most of a
    /// corpus's bytes.
    pub(super) fn take_string(&mut self, s: &mut S, what: &str) -> String {
        self.check_string(s, what);
        std::mem::take(s.get_mut())
    }

    fn check_string(&mut self, s: &S, what: &str) {
        let v = s.get_ref();
        if v.trim().is_empty() {
            self.problem(s.span().start, format!("empty {what}: expected some text"));
        }
        self.controls(s, what);
        if v.len() > LARGE_FIELD_BYTES {
            let problem = Problem::at(
                self.file,
                self.text,
                s.span().start,
                format!(
                    "{what} is {} bytes, far beyond any real telegram's text (over {} KiB): the reader and search slow down with it; is this one field's text?",
                    v.len(),
                    LARGE_FIELD_BYTES / 1024
                ),
            );
            self.report.warn(problem, false);
        }
    }

    /// Control characters (an escape sequence, a bell) in text: the reader
    /// and every command leave them out, but no corpus should hold them,
    /// so `shifr check` fails on them. Newlines and tabs are text; so is a
    /// carriage return before a newline.
    fn controls(&mut self, s: &S, what: &str) {
        let v = s.get_ref();
        if !may_hold_controls(v) {
            return;
        }
        let mut chars = v.chars().peekable();
        let (mut count, mut first) = (0, None);
        let mut at = 0;
        while let Some(c) = chars.next() {
            at += 1;
            let text = matches!(c, '\n' | '\t') || (c == '\r' && chars.peek() == Some(&'\n'));
            if c.is_control() && !text {
                count += 1;
                first.get_or_insert((c, at));
            }
        }
        let Some((c, at)) = first else { return };
        let name = match c {
            '\u{1b}' => " (escape)",
            '\u{7}' => " (bell)",
            '\r' => " (carriage return)",
            '\0' => " (null)",
            '\u{7f}' => " (delete)",
            '\u{9b}' => " (CSI)",
            _ => "",
        };
        let more = if count > 1 {
            format!(" ({count} in all)")
        } else {
            String::new()
        };
        let problem = Problem::at(
            self.file,
            self.text,
            s.span().start,
            format!(
                "control character U+{:04X}{name} in {what}, at character {at}{more}: a terminal would act on it; remove it (shifr shows text without it)",
                c as u32
            ),
        );
        self.report.warn(problem, true);
    }

    pub(super) fn opt_string(&mut self, s: &Option<S>, what: &str) -> Option<String> {
        s.as_ref().map(|s| self.string(s, what))
    }

    pub(super) fn id(&mut self, s: &S, what: &str) -> String {
        let v = s.get_ref();
        let ok = !v.is_empty()
            && v.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !ok {
            self.problem(
                s.span().start,
                format!(
                    "{what} '{v}' is not a valid id: expected lower-case ASCII letters, digits and '-'"
                ),
            );
        }
        v.clone()
    }

    pub(super) fn choice<T: Copy>(&mut self, s: &S, all: &[(&str, T)], what: &str) -> Option<T> {
        let v = s.get_ref();
        let found = all.iter().find(|(n, _)| *n == v.as_str()).map(|(_, t)| *t);
        if found.is_none() {
            self.problem(
                s.span().start,
                format!("unknown {what} '{v}': expected one of {}", names(all)),
            );
        }
        found
    }

    pub(super) fn date(&mut self, s: &S) -> Date {
        match Date::parse(s.get_ref()) {
            Ok(d) => d,
            Err(e) => {
                self.problem(s.span().start, e);
                Date::ymd(1950, 1, 1)
            }
        }
    }

    pub(super) fn time(&mut self, s: &Option<S>) -> Option<Time> {
        let s = s.as_ref()?;
        match Time::parse(s.get_ref()) {
            Ok(t) => Some(t),
            Err(e) => {
                self.problem(s.span().start, e);
                None
            }
        }
    }

    pub(super) fn certainty(&mut self, s: &Option<S>, date: &Date, date_span: usize) -> Certainty {
        let c = s
            .as_ref()
            .and_then(|s| self.choice(s, &Certainty::ALL, "date_certainty"))
            .unwrap_or_default();
        if !date.is_full() && c == Certainty::Exact {
            self.problem(
                date_span,
                format!(
                    "date '{date}' gives no day, so it cannot be exact: set date_certainty to \"month\", \"approximate\" or \"inferred\""
                ),
            );
        }
        c
    }

    pub(super) fn footnotes(&mut self, v: &[Spanned<u32>]) -> Vec<u32> {
        v.iter()
            .map(|n| {
                let num = *n.get_ref();
                if num == 0 {
                    self.problem(
                        n.span().start,
                        "footnote 0: the paper's footnotes are numbered from 1",
                    );
                } else if let Some(known) = self.known_footnotes
                    && !known.contains_key(&num)
                {
                    let last = known.keys().max().copied().unwrap_or(0);
                    self.problem(
                        n.span().start,
                        format!("footnote {num} is not in footnotes.toml (it lists footnotes up to {last}): add it there, or correct the number"),
                    );
                }
                num
            })
            .collect()
    }

    pub(super) fn person_ref(&mut self, s: &S, known: &Known, what: &str) -> String {
        let v = s.get_ref();
        if !known.people.contains(v) {
            let hint = super::nearest::did_you_mean(v, known.people.iter().map(String::as_str));
            self.problem(
                s.span().start,
                format!("unknown person '{v}' in {what}{hint}: expected an id from people.toml"),
            );
        }
        v.clone()
    }

    pub(super) fn scholar_ref(&mut self, s: &S, known: &Known, what: &str) -> String {
        let v = s.get_ref();
        if !known.scholars.contains(v) {
            let hint = super::nearest::did_you_mean(v, known.scholars.iter().map(String::as_str));
            self.problem(s.span().start, format!("unknown scholar '{v}' in {what}{hint}: expected a [[scholar]] id from sources.toml"));
        }
        v.clone()
    }

    pub fn people(
        &mut self,
        f: &raw::PeopleFile,
        seen: &mut HashMap<String, String>,
    ) -> Vec<Person> {
        f.person
            .iter()
            .map(|p| {
                let id = self.id(&p.id, "person id");
                self.unique(seen, &id, p.id.span().start, "person");
                Person {
                    id,
                    name: self.string(&p.name, "name"),
                    full_name: self.opt_string(&p.full_name, "full_name"),
                    role: self.opt_string(&p.role, "role"),
                    aliases: p.aliases.iter().map(|a| self.string(a, "alias")).collect(),
                    group: p.group,
                    principal: p.principal,
                    side: p
                        .side
                        .as_ref()
                        .and_then(|s| self.choice(s, &Side::ALL, "side"))
                        .unwrap_or_default(),
                    note: self.opt_string(&p.note, "note"),
                }
            })
            .collect()
    }

    /// Records a duplicate id; `seen` maps ids to where they were first defined.
    pub(super) fn unique(
        &mut self,
        seen: &mut HashMap<String, String>,
        id: &str,
        at: usize,
        what: &str,
    ) {
        let (line, col) = crate::problem::line_col(self.text, at);
        let here = format!("{}:{line}:{col}", self.file);
        if let Some(first) = seen.get(id) {
            self.problem(
                at,
                format!("duplicate {what} id '{id}': first defined at {first}"),
            );
        } else {
            seen.insert(id.to_string(), here);
        }
    }

    pub fn sources(
        &mut self,
        f: &raw::SourcesFile,
        seen_scholars: &mut HashMap<String, String>,
        seen_works: &mut HashMap<String, String>,
        known: &Known,
    ) -> (Vec<Scholar>, Vec<Work>) {
        let scholars = f
            .scholar
            .iter()
            .map(|s| {
                let id = self.id(&s.id, "scholar id");
                self.unique(seen_scholars, &id, s.id.span().start, "scholar");
                Scholar {
                    id,
                    name: self.string(&s.name, "name"),
                    aliases: s.aliases.iter().map(|a| self.string(a, "alias")).collect(),
                    about: self.opt_string(&s.about, "about"),
                }
            })
            .collect();
        let works = f
            .work
            .iter()
            .map(|w| {
                let id = self.id(&w.id, "work id");
                self.unique(seen_works, &id, w.id.span().start, "work");
                Work {
                    id,
                    by: w
                        .by
                        .iter()
                        .map(|b| self.scholar_ref(b, known, "by"))
                        .collect(),
                    short: self.string(&w.short, "short"),
                    citation: self.string(&w.citation, "citation"),
                    footnotes: self.footnotes(&w.footnotes),
                    note: self.opt_string(&w.note, "note"),
                }
            })
            .collect();
        (scholars, works)
    }

    pub fn events(
        &mut self,
        f: &raw::EventsFile,
        seen: &mut HashMap<String, String>,
    ) -> Vec<Event> {
        f.event
            .iter()
            .map(|e| {
                let id = self.id(&e.id, "event id");
                self.unique(seen, &id, e.id.span().start, "event");
                let date = self.date(&e.date);
                let certainty = self.certainty(&e.date_certainty, &date, e.date.span().start);
                let label = self.string(&e.label, "label");
                Event {
                    id,
                    date,
                    certainty,
                    short: self
                        .opt_string(&e.short, "short")
                        .unwrap_or_else(|| label.clone()),
                    label,
                    key: e.key,
                    footnotes: self.footnotes(&e.footnotes),
                    note: self.opt_string(&e.note, "note"),
                    conflicts: e
                        .conflict
                        .iter()
                        .map(|c| Conflict {
                            date: self.date(&c.date),
                            place: self.string(&c.place, "where"),
                        })
                        .collect(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::may_hold_controls;

    #[test]
    fn the_byte_test_misses_no_control_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            if c.is_control() && c != '\n' && c != '\t' {
                assert!(may_hold_controls(&s), "U+{:04X}", c as u32);
            }
        }
        assert!(!may_hold_controls("Рощин 毛泽东 Máo\tok\n"));
        assert!(may_hold_controls("a\r\nb"));
    }
}

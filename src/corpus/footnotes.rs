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

use std::collections::{BTreeMap, HashMap};

use toml::Spanned;

use super::Corpus;
use super::raw::{self, S};
use super::validate::Checker;
use crate::problem::{Problem, Report};

/// One of the paper's footnotes.
#[derive(Clone, Debug, PartialEq)]
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
                || t.witnesses.iter().any(|w| {
                    hit(&w.footnotes)
                        || w.status_footnote.is_some_and(|n| hit(&[n]))
                        || w.passages.iter().any(|p| hit(&p.cite))
                });
            if own {
                c.telegrams.push(i);
            }
            for (j, n) in t.notes.iter().enumerate() {
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
pub type Known = HashMap<u32, Option<String>>;

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

/// The footnotes of the source paper's text: number → (line of the paper,
/// text with its lines joined as it stands). A footnote block starts after
/// a line of 20 or more spaces (the rule under a page's body) and ends
/// where the next page's body starts: a line of one space and text that is
/// not a digit — the same blocks `verify-quotes` lifts out. In a block, a
/// footnote starts on a line that begins with its number, greater than the
/// last footnote's and at most 20 past it, followed by a space, a capital
/// or an opening quote; other lines continue the footnote before.
pub fn source_footnotes(source: &str) -> BTreeMap<u32, (usize, String)> {
    let mut out: BTreeMap<u32, (usize, Vec<&str>)> = BTreeMap::new();
    let (mut in_notes, mut last, mut cur) = (false, 0u32, None);
    for (i, line) in source.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.len() >= 20 && line.bytes().all(|b| b == b' ') {
            in_notes = true;
            continue;
        }
        if !in_notes {
            continue;
        }
        let b = line.as_bytes();
        if b.len() >= 2 && b[0] == b' ' && b[1] != b' ' && !b[1].is_ascii_digit() {
            in_notes = false;
            cur = None;
            continue;
        }
        let t = line.trim_start();
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let rest = &t[digits..];
            let starts = rest.starts_with(char::is_whitespace)
                || rest.starts_with(|c: char| c.is_uppercase() || c == '“' || c == '"');
            if let Ok(n) = t[..digits].parse::<u32>()
                && starts
                && n > last
                && n <= last + 20
            {
                last = n;
                cur = Some(n);
                out.insert(n, (i + 1, vec![rest]));
                continue;
            }
        }
        if let Some(n) = cur
            && let Some(e) = out.get_mut(&n)
        {
            e.1.push(line);
        }
    }
    out.into_iter()
        .map(|(n, (line, parts))| (n, (line, parts.join("\n"))))
        .collect()
}

/// Text folded as `verify-quotes` folds it before comparing: curly quotes
/// straight, en and em dashes hyphens, a hyphen at a line's end joined to
/// the next line, white space runs one space, trimmed. Each folded
/// character comes with the byte offset in `s` it came from.
pub fn fold(s: &str) -> Vec<(char, usize)> {
    let mut out: Vec<(char, usize)> = Vec::with_capacity(s.len());
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let c = match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        };
        if c == '-' {
            // "-\s*\n\s*" → "-"
            let mut j = i + 1;
            let mut newline = false;
            while j < chars.len() && chars[j].1.is_whitespace() {
                newline |= chars[j].1 == '\n';
                j += 1;
            }
            if newline {
                out.push(('-', at));
                i = j;
                continue;
            }
        }
        if c.is_whitespace() {
            if out.last().is_some_and(|(p, _)| *p != ' ') {
                out.push((' ', at));
            }
        } else {
            out.push((c, at));
        }
        i += 1;
    }
    while out.last().is_some_and(|(c, _)| *c == ' ') {
        out.pop();
    }
    if out.first().is_some_and(|(c, _)| *c == ' ') {
        out.remove(0);
    }
    out
}

/// The folded text alone.
pub fn folded(s: &str) -> String {
    fold(s).into_iter().map(|(c, _)| c).collect()
}

/// What `shifr check --source` found.
#[derive(Debug, Default)]
pub struct SourceCheck {
    /// Footnote texts that match the paper's.
    pub verbatim: usize,
    /// Footnotes recorded missing that the paper indeed lacks.
    pub missing: usize,
}

/// Checks every footnote of a corpus's footnotes.toml against the source
/// paper: a text must be the paper's footnote of that number, verbatim once
/// both are folded as `verify-quotes` folds quotes (a difference is
/// reported at the first character that differs); a footnote recorded
/// missing must be one the paper lacks; a footnote the paper has must be in
/// the file. `file`/`text` are footnotes.toml; `source_name`/`source` the paper.
pub fn verify_against_source(
    file: &str,
    text: &str,
    source_name: &str,
    source: &str,
) -> Result<SourceCheck, Report> {
    let mut report = Report::default();
    let raw: raw::FootnotesFile = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            report.push(Problem::at(
                file,
                text,
                e.span().map_or(0, |s| s.start),
                e.message().trim().replace('\n', " "),
            ));
            return Err(report);
        }
    };
    let paper = source_footnotes(source);
    let mut done = SourceCheck::default();
    let mut listed = std::collections::HashSet::new();
    for f in &raw.footnote {
        let n = *f.number.get_ref();
        listed.insert(n);
        let at = f.number.span().start;
        match (&f.text, paper.get(&n)) {
            (Some(t), Some((line, theirs))) => {
                match first_difference(t.get_ref(), theirs) {
                    None => done.verbatim += 1,
                    Some((ours_at, context)) => {
                        let offset = offset_in_file(text, t, ours_at);
                        report.push(Problem::at(
                            file,
                            text,
                            offset,
                            format!(
                                "footnote {n} is not verbatim in {source_name} (its footnote {n}, line {line}): {context}"
                            ),
                        ));
                    }
                }
            }
            (Some(t), None) => report.push(Problem::at(
                file,
                text,
                t.span().start,
                format!("footnote {n} has a text, but {source_name} has no footnote {n}: expected missing = true"),
            )),
            (None, Some((line, theirs))) => report.push(Problem::at(
                file,
                text,
                at,
                format!(
                    "footnote {n} is recorded missing, but {source_name} has it (line {line}): “{}”",
                    short(&folded(theirs))
                ),
            )),
            (None, None) => done.missing += 1,
        }
    }
    for (n, (line, _)) in &paper {
        if !listed.contains(n) {
            report.push(Problem::file(
                file,
                format!("footnote {n} of {source_name} (line {line}) is not in this file: add it"),
            ));
        }
    }
    if report.is_empty() {
        Ok(done)
    } else {
        Err(report)
    }
}

/// Where `ours` and `theirs` first differ once folded: the byte offset in
/// `ours`, and the two texts from there, a few words each.
fn first_difference(ours: &str, theirs: &str) -> Option<(usize, String)> {
    let a = fold(ours);
    let b = fold(theirs);
    let i = a.iter().zip(&b).position(|(x, y)| x.0 != y.0);
    let i = match i {
        Some(i) => i,
        None if a.len() == b.len() => return None,
        None => a.len().min(b.len()),
    };
    let from = |v: &[(char, usize)]| -> String {
        let s: String = v[i.min(v.len())..].iter().map(|(c, _)| *c).collect();
        if s.is_empty() {
            "(the end)".to_string()
        } else {
            format!("“{}”", short(&s))
        }
    };
    let at = a.get(i).map_or(ours.len(), |(_, o)| *o);
    Some((
        at,
        format!(
            "at character {} this file has {}, the paper {}",
            i + 1,
            from(&a),
            from(&b)
        ),
    ))
}

/// The first 40 characters of a text, with "…" if there is more.
fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// The byte offset in the TOML file of byte `at` of a string value: exact
/// where the value is written without escapes on one line, else the
/// value's start.
fn offset_in_file(file_text: &str, value: &S, at: usize) -> usize {
    let start = value.span().start;
    let v = value.get_ref();
    let body = start + 1;
    if file_text.get(body..body + v.len()) == Some(v.as_str()) {
        body + at
    } else {
        start
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
        let (at, msg) = first_difference("See Chen, Raod, p. 5.", "See Chen, Road, p. 5.").unwrap();
        assert_eq!(at, 11);
        assert!(msg.contains("character 12"), "{msg}");
        assert!(first_difference("“Ibid.”", "\"Ibid.\"").is_none());
        assert!(first_difference("Ibid", "Ibid.").is_some());
    }
}

//! Checking footnote texts against the source paper (`shifr check
//! --source FILE`), normalised as verify-quotes normalises quotes.

use std::collections::BTreeMap;

use super::raw::{self, S};
use crate::problem::{Problem, Report};

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
pub(super) fn first_difference(ours: &str, theirs: &str) -> Option<(usize, String)> {
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

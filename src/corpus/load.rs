//! Reading a corpus: finding its files (in a directory, or embedded in the
//! binary), parsing each as TOML, and checking and assembling the whole.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::Corpus;
use super::problem::{Problem, Report};
use super::raw;
use super::validate::{Checker, Known};

/// One corpus file: where it is shown as being, where it sits inside the
/// corpus, and what it holds.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path problems are reported against, e.g. `corpus/people.toml`.
    pub path: String,
    /// The path inside the corpus directory, e.g. `telegrams/x.toml`.
    pub rel: String,
    pub text: String,
}

/// Every `.toml` file under `dir`, in path order. Unreadable files and files
/// that are not UTF-8 are problems, not panics.
pub fn read_dir(dir: &Path) -> Result<Vec<SourceFile>, Report> {
    let mut report = Report::default();
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        report.push(Problem::file(&shown, "not a directory: expected a corpus directory holding people.toml, sources.toml, events.toml and telegrams/"));
        return Err(report);
    }
    let mut paths = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        match fs::read_dir(&d) {
            Ok(entries) => {
                for e in entries.flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.extension().is_some_and(|x| x == "toml") {
                        paths.push(p);
                    }
                }
            }
            Err(e) => report.push(Problem::file(
                &d.display().to_string(),
                format!("cannot read directory: {e}"),
            )),
        }
    }
    paths.sort();
    let mut files = Vec::new();
    for p in paths {
        let path = p.display().to_string();
        let rel = p
            .strip_prefix(dir)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|_| path.clone());
        match fs::read(&p) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push(SourceFile { path, rel, text }),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(&e.into_bytes()[..at]).into_owned();
                    report.push(Problem::at(
                        &path,
                        &text,
                        at,
                        "not UTF-8 text: expected a UTF-8 encoded TOML file",
                    ));
                }
            },
            Err(e) => report.push(Problem::file(&path, format!("cannot read file: {e}"))),
        }
    }
    if report.is_empty() {
        Ok(files)
    } else {
        Err(report)
    }
}

/// The corpus compiled into the binary.
pub fn embedded_files() -> Vec<SourceFile> {
    mod generated {
        include!(concat!(env!("OUT_DIR"), "/embedded_corpus.rs"));
    }
    generated::FILES
        .iter()
        .map(|(path, text)| SourceFile {
            path: path.to_string(),
            rel: path.strip_prefix("corpus/").unwrap_or(path).to_string(),
            text: text.to_string(),
        })
        .collect()
}

fn parse<T: DeserializeOwned>(f: &SourceFile, report: &mut Report) -> Option<T> {
    match toml::from_str::<T>(&f.text) {
        Ok(v) => Some(v),
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            let msg = e.message().trim().replace('\n', " ");
            report.push(Problem::at(&f.path, &f.text, at, msg));
            None
        }
    }
}

/// Parses and checks a set of corpus files, returning the corpus or every
/// problem found.
pub fn from_files(files: &[SourceFile]) -> Result<Corpus, Report> {
    let mut report = Report::default();
    let mut people_file = None;
    let mut sources_file = None;
    let mut events_file = None;
    let mut telegram_files = Vec::new();
    for f in files {
        match f.rel.as_str() {
            "people.toml" => people_file = Some(f),
            "sources.toml" => sources_file = Some(f),
            "events.toml" => events_file = Some(f),
            r if r.starts_with("telegrams/") => telegram_files.push(f),
            _ => report.push(Problem::file(
                &f.path,
                "unexpected file: a corpus holds people.toml, sources.toml, events.toml and telegrams/*.toml",
            )),
        }
    }
    let root_hint = files
        .first()
        .map(|f| f.path.strip_suffix(&f.rel).unwrap_or("").to_string())
        .unwrap_or_default();
    for (name, found) in [("people.toml", people_file), ("sources.toml", sources_file)] {
        if found.is_none() {
            report.push(Problem::file(
                &format!("{root_hint}{name}"),
                "missing: every corpus needs this file",
            ));
        }
    }

    let raw_people: Option<raw::PeopleFile> = people_file.and_then(|f| parse(f, &mut report));
    let raw_sources: Option<raw::SourcesFile> = sources_file.and_then(|f| parse(f, &mut report));
    let raw_events: Option<raw::EventsFile> = events_file.and_then(|f| parse(f, &mut report));
    let raw_telegrams: Vec<(&SourceFile, raw::Telegram)> = telegram_files
        .iter()
        .filter_map(|f| parse(f, &mut report).map(|t| (*f, t)))
        .collect();

    let mut known = Known::default();
    if let Some(p) = &raw_people {
        known.people = p.person.iter().map(|p| p.id.get_ref().clone()).collect();
    }
    if let Some(s) = &raw_sources {
        known.scholars = s.scholar.iter().map(|s| s.id.get_ref().clone()).collect();
    }

    let mut corpus = Corpus::default();
    if let (Some(f), Some(raw)) = (people_file, &raw_people) {
        let mut c = Checker {
            file: &f.path,
            text: &f.text,
            report: &mut report,
        };
        corpus.people = c.people(raw, &mut HashMap::new());
    }
    if let (Some(f), Some(raw)) = (sources_file, &raw_sources) {
        let mut c = Checker {
            file: &f.path,
            text: &f.text,
            report: &mut report,
        };
        let (scholars, works) = c.sources(raw, &mut HashMap::new(), &mut HashMap::new(), &known);
        corpus.scholars = scholars;
        corpus.works = works;
    }
    if let (Some(f), Some(raw)) = (events_file, &raw_events) {
        let mut c = Checker {
            file: &f.path,
            text: &f.text,
            report: &mut report,
        };
        corpus.events = c.events(raw, &mut HashMap::new());
    }
    let mut seen_telegrams: HashMap<String, String> = HashMap::new();
    for (f, raw) in &raw_telegrams {
        let stem = f
            .rel
            .rsplit('/')
            .next()
            .unwrap_or(&f.rel)
            .trim_end_matches(".toml")
            .to_string();
        let mut c = Checker {
            file: &f.path,
            text: &f.text,
            report: &mut report,
        };
        let t = c.telegram(raw, &stem, &known);
        if let Some(first) = seen_telegrams.get(&t.id) {
            c.problem(
                raw.id.span().start,
                format!("duplicate telegram id '{}': first defined in {first}", t.id),
            );
        } else {
            seen_telegrams.insert(t.id.clone(), f.path.clone());
        }
        corpus.telegrams.push(t);
    }

    if report.is_empty() {
        corpus.finish();
        Ok(corpus)
    } else {
        report.sort();
        Err(report)
    }
}

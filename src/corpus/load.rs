//! Reading a corpus: finding its files (in a directory, or embedded in the
//! binary), parsing each as TOML, and checking and assembling the whole.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::Path;

use rustc_hash::FxHashMap;

use super::check_telegrams::{Ctx, Located, Unread};
use super::raw;
pub(crate) use super::source::parallel_chunks;
use super::source::parse;
pub use super::source::{SourceFile, is_telegram, read_paths, shown_paths};
use super::validate::{Checker, Known};
pub use super::walk::list_dir;
use super::{Corpus, Telegram};
use crate::problem::{Problem, Report, Warning};

/// Every `.toml` file under `dir`, in path order. Unreadable files, files
/// that are not UTF-8, and anything that is not a regular file of at most
/// [`crate::fsread::MAX_BYTES`] are problems, not panics or hangs.
pub fn read_dir(dir: &Path) -> Result<Vec<SourceFile>, Report> {
    let (paths, mut report) = list_dir(dir)?;
    match read_paths(dir, &paths) {
        Ok(files) if report.is_empty() => Ok(files),
        Ok(_) => Err(report),
        Err(more) => {
            report.problems.extend(more.problems);
            Err(report)
        }
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

/// Parses and checks a set of corpus files, returning the corpus or every
/// problem found.
pub fn from_files(files: &[SourceFile]) -> Result<Corpus, Report> {
    check_files(files).map(|(corpus, _)| corpus)
}

/// `from_files`, with the warnings `shifr check` reports about a corpus
/// that loads (see [`crate::problem::Warning`]).
pub fn check_files(files: &[SourceFile]) -> Result<(Corpus, Vec<Warning>), Report> {
    check_files_reusing(files, Vec::new(), &|_| {}).map(|c| (c.corpus, c.warnings))
}

/// A telegram file checked before (kept by the start-up cache) and not
/// changed since, with what checking it found.
#[derive(Clone, Debug)]
pub struct Prior {
    /// The path problems are reported against (as [`SourceFile::path`]).
    pub path: String,
    pub telegram: Telegram,
    /// Where its `id` is (line, column), for a duplicate-id problem.
    pub id_at: (usize, usize),
    pub warnings: Vec<Warning>,
}

/// A checked corpus, its warnings, and where each telegram file's `id` is
/// (line and column, by the telegram's place in `corpus.telegrams`), which
/// a cache keeps to report a duplicate id later.
pub struct Checked {
    pub corpus: Corpus,
    pub warnings: Vec<Warning>,
    pub id_at: Vec<(usize, usize)>,
}

/// [`check_files`], where the telegram files of `prior` are not read
/// again: their checked telegrams stand in for them. Sound only when every
/// file but these telegram files is as it was when they were checked (the
/// people, events, sources and footnotes a telegram is checked against);
/// the checks across files (duplicate ids, the debate's references) are
/// made again over the whole. `progress` is told how many telegram files
/// are done, now and then.
pub fn check_files_reusing(
    files: &[SourceFile],
    prior: Vec<Prior>,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Checked, Report> {
    check_all(files, None, prior, progress).map(|(c, _)| c)
}

/// [`check_files`] of `files` and the telegram files of `unread`, each of
/// those read by the thread that checks it and its text dropped once
/// checked; with the hashes `unread.hash` gave of their contents, in path
/// order. A telegram file that cannot be read fails it with the reading's
/// problems alone, as reading every file first would have.
pub fn check_files_reading(
    files: &[SourceFile],
    unread: &Unread,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<(Checked, Vec<u64>), Report> {
    check_all(files, Some(unread), Vec::new(), progress)
}

/// The place of each of `ids` (in order; about `n` of them), the first
/// kept where one comes twice, with a fast hash (the ids are the corpus's
/// own, not an attacker's); and each later place of an id with its first.
/// The table, each id's place, is the corpus's lookup by id once ordered
/// by date (`Corpus::finish_by_id`).
fn id_table(
    ids: impl Iterator<Item = String>,
    n: usize,
) -> (FxHashMap<String, usize>, Vec<(usize, usize)>) {
    let mut by_id: FxHashMap<String, usize> = FxHashMap::default();
    by_id.reserve(n);
    let mut twice = Vec::new();
    for (i, id) in ids.enumerate() {
        match by_id.entry(id) {
            Entry::Occupied(first) => twice.push((i, *first.get())),
            Entry::Vacant(place) => {
                place.insert(i);
            }
        }
    }
    (by_id, twice)
}

fn check_all(
    files: &[SourceFile],
    unread: Option<&Unread>,
    prior: Vec<Prior>,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<(Checked, Vec<u64>), Report> {
    let mut report = Report::default();
    let mut people_file = None;
    let mut sources_file = None;
    let mut events_file = None;
    let mut debate_file = None;
    let mut footnotes_file = None;
    let mut telegram_files: Vec<&SourceFile> = Vec::new();
    for f in files {
        match f.rel.as_str() {
            "people.toml" => people_file = Some(f),
            "sources.toml" => sources_file = Some(f),
            "events.toml" => events_file = Some(f),
            "debate.toml" => debate_file = Some(f),
            "footnotes.toml" => footnotes_file = Some(f),
            r if r.starts_with("telegrams/") => telegram_files.push(f),
            _ => report.push(Problem::file(
                &f.path,
                "unexpected file: a corpus holds people.toml, sources.toml, events.toml, debate.toml, footnotes.toml and telegrams/*.toml",
            )),
        }
    }
    let root_hint = files
        .first()
        .map(|f| f.path.strip_suffix(&f.rel).unwrap_or("").to_string())
        .unwrap_or_default();
    // A corpus's telegrams/ directory given for the corpus: one problem
    // that says so, not one per telegram file.
    if people_file.is_none() && telegram_files.is_empty() {
        // Made absolute: "." inside telegrams/, or "telegrams" inside the
        // corpus, has a parent to name.
        let root = std::fs::canonicalize(&root_hint).unwrap_or_else(|_| root_hint.clone().into());
        if let Some(parent) = root.parent().filter(|_| root.ends_with("telegrams"))
            && parent.join("people.toml").is_file()
        {
            let mut report = Report::default();
            report.push(Problem::file(
                root_hint.trim_end_matches('/'),
                format!(
                    "this is a corpus's telegrams directory: expected the corpus directory above it, {}",
                    parent.display()
                ),
            ));
            return Err(report);
        }
    }
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
    let raw_debate: Option<raw::DebateFile> = debate_file.and_then(|f| parse(f, &mut report));
    let raw_footnotes: Option<raw::FootnotesFile> =
        footnotes_file.and_then(|f| parse(f, &mut report));
    let mut known = Known::default();
    if let Some(p) = &raw_people {
        known.people = p.person.iter().map(|p| p.id.get_ref().clone()).collect();
    }
    if let Some(s) = &raw_sources {
        known.scholars = s.scholar.iter().map(|s| s.id.get_ref().clone()).collect();
    }
    if let Some(e) = &raw_events {
        known.events = e.event.iter().map(|e| e.id.get_ref().clone()).collect();
    }

    let mut corpus = Corpus::default();
    // The footnotes come first: every record's citations are checked
    // against them.
    if let (Some(f), Some(raw)) = (footnotes_file, &raw_footnotes) {
        let work_ids: Vec<String> = raw_sources
            .as_ref()
            .map(|s| s.work.iter().map(|w| w.id.get_ref().clone()).collect())
            .unwrap_or_default();
        let mut c = Checker {
            file: &f.path,
            text: &f.text,
            report: &mut report,
            known_footnotes: None,
        };
        corpus.footnotes = c.footnote_file(raw, &work_ids);
        if let (Some(sf), Some(sraw)) = (sources_file, &raw_sources) {
            super::footnotes::check_works_agree(
                (&f.path, &f.text, raw),
                (&sf.path, &sf.text, sraw),
                &mut report,
            );
        }
    }
    let known_footnotes: Option<super::footnotes::Known> = raw_footnotes.as_ref().map(|_| {
        corpus
            .footnotes
            .iter()
            .map(|f| (f.number, f.text.clone()))
            .collect()
    });
    let known_footnotes = known_footnotes.as_ref();
    if let (Some(f), Some(raw)) = (people_file, &raw_people) {
        let mut c = Checker {
            file: &f.path,
            text: &f.text,
            report: &mut report,
            known_footnotes,
        };
        corpus.people = c.people(raw, &mut HashMap::new());
    }
    if let (Some(f), Some(raw)) = (sources_file, &raw_sources) {
        let mut c = Checker {
            file: &f.path,
            text: &f.text,
            report: &mut report,
            known_footnotes,
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
            known_footnotes,
        };
        corpus.events = c.events(raw, &mut HashMap::new());
    }
    // Telegrams: parsed and checked on every core (a large corpus has
    // tens of thousands of files), then checked for duplicate ids in path
    // order, the ones checked before among them.
    let ctx = Ctx {
        known: &known,
        known_footnotes,
        progress,
        done: Default::default(),
    };
    let (mut checked, hashes) = match unread {
        None => (ctx.read(&telegram_files), Vec::new()),
        Some(u) => ctx.reading(u)?,
    };
    // Every telegram that checked (a file whose telegram did not has a
    // problem already), the ones checked before among them, by path; where
    // each one's id is beside it. Each telegram is moved once: put in
    // pairs with their places, then taken out again, a hundred thousand
    // telegrams were copied twice more, tens of megabytes on one core.
    // Where the files' order is the telegrams' (none checked before, none
    // in a subdirectory that a path's order puts elsewhere than a
    // string's), the table of ids is made on another core meanwhile, from
    // the ids their checking threads copied: the two were 25 ms each, one
    // after the other, while the other core idled.
    let n = ctx.done.into_inner() + prior.len();
    let in_order = prior.is_empty()
        && checked
            .iter()
            .flat_map(|c| &c.located)
            .is_sorted_by(|a, b| a.0.file <= b.0.file);
    let ids: Vec<Vec<String>> = checked
        .iter_mut()
        .map(|c| std::mem::take(&mut c.ids))
        .collect();
    let (mut telegrams, mut ats, table) = std::thread::scope(|s| {
        let table = in_order.then(|| s.spawn(|| id_table(ids.into_iter().flatten(), n)));
        let (mut telegrams, mut ats) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for c in checked {
            report.problems.extend(c.report.problems);
            report.warnings.extend(c.report.warnings);
            for (t, at) in c.located {
                telegrams.push(t);
                ats.push(at);
            }
        }
        let table = table.map(|h| h.join().expect("id table thread"));
        (telegrams, ats, table)
    });
    let (by_id, twice) = match table {
        Some(t) => t,
        None => {
            for p in prior {
                report.warnings.extend(p.warnings);
                telegrams.push(p.telegram);
                ats.push(p.id_at);
            }
            if !telegrams.is_sorted_by(|a: &Telegram, b| a.file <= b.file) {
                let mut all: Vec<Located> = telegrams.into_iter().zip(ats).collect();
                all.sort_by(|a, b| a.0.file.cmp(&b.0.file));
                (telegrams, ats) = all.into_iter().unzip();
            }
            id_table(telegrams.iter().map(|t| t.id.clone()), n)
        }
    };
    for (i, first) in twice {
        let (t, at) = (&telegrams[i], ats[i]);
        report.push(Problem {
            file: t.file.clone(),
            line: at.0,
            col: at.1,
            message: format!(
                "duplicate telegram id '{}': first defined in {}",
                t.id, telegrams[first].file
            ),
        });
    }
    if debate_file.is_some() {
        known.telegrams = telegrams.iter().map(|t| t.id.clone()).collect();
        // A telegram file with a problem of its own may have given no
        // telegram: the debate's references to it (by the file's name,
        // which its id must be) are not reported as unknown besides, above
        // the problem that is their cause.
        known
            .telegrams
            .extend(report.problems.iter().filter_map(|p| {
                let rel = p.file.strip_prefix(&root_hint)?;
                rel.starts_with("telegrams/")
                    .then(|| Path::new(rel).file_stem()?.to_str().map(str::to_string))
                    .flatten()
            }));
    }
    corpus.telegrams = telegrams;
    // The debate refers to telegrams and events, so it is checked last.
    if let (Some(f), Some(raw)) = (debate_file, &raw_debate) {
        let mut c = Checker {
            file: &f.path,
            text: &f.text,
            report: &mut report,
            known_footnotes,
        };
        corpus.positions = c.positions(raw, &known);
    }

    report.sort();
    if report.is_empty() {
        // Where each id is, kept beside its telegram as `finish` orders
        // them by date.
        let id_at = match corpus.finish_by_id(by_id) {
            Some(order) => order.iter().map(|&i| ats[i]).collect(),
            None => ats,
        };
        let checked = Checked {
            corpus,
            warnings: report.warnings,
            id_at,
        };
        Ok((checked, hashes))
    } else {
        Err(report)
    }
}

//! The corpus: every telegram of the source paper, with the people, scholars,
//! works and events they refer to. Loaded from TOML (a directory, or the copy
//! embedded in the binary), checked, and then read-only.

pub mod body;
pub(crate) mod check_telegrams;
pub mod date;
pub mod debate;
pub mod footnote_source;
pub mod footnotes;
pub mod load;
pub mod model;
pub mod nearest;
pub mod partial;
pub(crate) mod raw;
mod source;
pub mod synth;
mod validate;
mod validate_telegram;
mod walk;

use std::path::Path;

use rustc_hash::FxHashMap;

pub use check_telegrams::Unread;
pub use date::{Certainty, Date, Time, days_in_month};
pub use debate::{Position, Quote};
pub use footnotes::{Citing, Footnote};
pub use model::*;
// Located errors have a module of their own; these keep the old paths
// (`corpus::Problem`, `corpus::problem::line_col`) working.
pub use crate::problem::{self, Problem, Report};

/// A checked corpus. Telegrams are in date order.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pub people: Vec<Person>,
    pub scholars: Vec<Scholar>,
    pub works: Vec<Work>,
    pub events: Vec<Event>,
    pub telegrams: Vec<Telegram>,
    /// The debate's positions (debate.toml), in the file's order; empty for a
    /// corpus without one.
    pub positions: Vec<Position>,
    /// The paper's footnotes (footnotes.toml), by number; empty for a
    /// corpus without one. See [`Corpus::footnote`].
    pub footnotes: Vec<Footnote>,
    // Looked up for every telegram a search index reads: a fast hash of the
    // corpus's own ids.
    person_index: FxHashMap<String, usize>,
    scholar_index: FxHashMap<String, usize>,
    telegram_index: FxHashMap<String, usize>,
}

/// Days from a key event to a telegram, as its header shows them.
#[derive(Clone, Debug, PartialEq)]
pub struct Offset<'a> {
    pub event: &'a Event,
    /// Telegram day minus event day.
    pub days: i64,
    /// The same, counted from each conflicting date the paper gives.
    pub alt_days: Vec<i64>,
}

impl Corpus {
    /// The corpus bundled with shifr.
    pub fn embedded() -> Result<Corpus, Report> {
        load::from_files(&load::embedded_files())
    }

    /// A corpus in a directory of the same format.
    pub fn load_dir(dir: &Path) -> Result<Corpus, Report> {
        load::from_files(&load::read_dir(dir)?)
    }

    /// Sorts and indexes after loading.
    /// Orders the telegrams by date (and time, sequence and id), and makes
    /// the lookups by id. Where that moved any telegram: each one's place
    /// before, by its place now.
    pub(crate) fn finish(&mut self) -> Option<Vec<usize>> {
        let by_id = self
            .telegrams
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        self.finish_by_id(by_id)
    }

    /// `finish`, given each telegram's place by id as the telegrams are
    /// now (the ids once each).
    pub(crate) fn finish_by_id(
        &mut self,
        mut by_id: FxHashMap<String, usize>,
    ) -> Option<Vec<usize>> {
        fn key(t: &Telegram) -> ((i32, u8, u8), Option<Time>, u32, &str) {
            (t.date.sort_key(), t.time, t.seq, t.id.as_str())
        }
        // Most corpora come in order already (their files are named by
        // date): a pass says so, and nothing is moved.
        let order = if self.telegrams.is_sorted_by(|a, b| key(a) <= key(b)) {
            None
        } else {
            let mut order: Vec<usize> = (0..self.telegrams.len()).collect();
            order.sort_by(|&a, &b| key(&self.telegrams[a]).cmp(&key(&self.telegrams[b])));
            let mut from: Vec<Option<Telegram>> = std::mem::take(&mut self.telegrams)
                .into_iter()
                .map(Some)
                .collect();
            self.telegrams = order
                .iter()
                .map(|&i| from[i].take().expect("each place once"))
                .collect();
            Some(order)
        };
        self.events.sort_by_key(|e| e.date.sort_key());
        self.person_index = self
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        self.scholar_index = self
            .scholars
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        if let Some(order) = &order {
            let mut now = vec![0; order.len()];
            for (k, &i) in order.iter().enumerate() {
                now[i] = k;
            }
            by_id.values_mut().for_each(|i| *i = now[*i]);
        }
        self.telegram_index = by_id;
        order
    }

    /// Builds a corpus from parts already checked (tests, generated corpora).
    pub fn from_parts(
        people: Vec<Person>,
        scholars: Vec<Scholar>,
        works: Vec<Work>,
        events: Vec<Event>,
        telegrams: Vec<Telegram>,
    ) -> Corpus {
        let mut c = Corpus {
            people,
            scholars,
            works,
            events,
            telegrams,
            ..Corpus::default()
        };
        c.finish();
        c
    }

    /// The ids of the correspondence's principals (`principal = true` in
    /// people.toml), in the file's order.
    pub fn principals(&self) -> Vec<&str> {
        self.people
            .iter()
            .filter(|p| p.principal)
            .map(|p| p.id.as_str())
            .collect()
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.person_index.get(id).map(|&i| &self.people[i])
    }

    /// Display name of a person id (the id itself if unknown).
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.person(id).map_or(id, |p| p.name.as_str())
    }

    /// "Kim Il Sung & Pak Hon Yong".
    pub fn names(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|i| self.name(i))
            .collect::<Vec<_>>()
            .join(" & ")
    }

    /// "Mao (毛泽东)", "Kim Il Sung (김일성) & Pak Hon Yong (박헌영)": names with
    /// the name in the person's own script where the corpus has it.
    pub fn names_native(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|i| match self.person(i).and_then(|p| p.native()) {
                Some(n) => format!("{} ({n})", self.name(i)),
                None => self.name(i).to_string(),
            })
            .collect::<Vec<_>>()
            .join(" & ")
    }

    pub fn scholar(&self, id: &str) -> Option<&Scholar> {
        self.scholar_index.get(id).map(|&i| &self.scholars[i])
    }

    pub fn scholar_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.scholar(id).map_or(id, |s| s.name.as_str())
    }

    pub fn telegram(&self, id: &str) -> Option<&Telegram> {
        self.telegram_index(id).map(|i| &self.telegrams[i])
    }

    pub fn telegram_index(&self, id: &str) -> Option<usize> {
        self.telegram_index.get(id).copied()
    }

    /// The ids nearest to an unknown telegram id.
    pub fn nearest_telegrams(&self, id: &str) -> Vec<&str> {
        nearest::nearest(id, self.telegrams.iter().map(|t| t.id.as_str()), 3)
    }

    /// The "from → via → to" chain: "Mao → Roshchin → Stalin"; envoys
    /// who went together share a link ("Kim Il Sung → Pak Il U & Pak Hon
    /// Yong → Chinese leadership").
    pub fn chain(&self, t: &Telegram) -> String {
        let mut parts = vec![self.names(&t.from)];
        if let Some(v) = self.via(t) {
            parts.push(v);
        }
        parts.push(self.names(&t.to));
        parts.join(" → ")
    }

    /// Who conveyed a message: "Roshchin", "Pak Il U & Pak Hon Yong" (together),
    /// "Zhou Enlai → Roshchin" (in turn); none if it went direct.
    pub fn via(&self, t: &Telegram) -> Option<String> {
        if t.via.is_empty() {
            return None;
        }
        let names: Vec<&str> = t.via.iter().map(|v| self.name(v)).collect();
        Some(names.join(if t.via_together { " & " } else { " → " }))
    }

    /// The same in a sentence: "Pak Il U and Pak Hon Yong" (together),
    /// "Zhou Enlai, then Roshchin" (in turn).
    pub fn via_prose(&self, t: &Telegram) -> Option<String> {
        if t.via.is_empty() {
            return None;
        }
        let names: Vec<&str> = t.via.iter().map(|v| self.name(v)).collect();
        Some(names.join(if t.via_together { " and " } else { ", then " }))
    }

    /// Day offsets of a date against the key events. Empty for dates without
    /// a day, which cannot be counted from.
    pub fn offsets(&self, date: &Date) -> Vec<Offset<'_>> {
        if !date.is_full() {
            return Vec::new();
        }
        self.events
            .iter()
            .filter(|e| e.key && e.date.is_full())
            .map(|e| Offset {
                event: e,
                days: date.day_number() - e.date.day_number(),
                alt_days: e
                    .conflicts
                    .iter()
                    .filter(|c| c.date.is_full())
                    .map(|c| date.day_number() - c.date.day_number())
                    .collect(),
            })
            .collect()
    }

    /// One line of counts, for `shifr check` and the summary.
    pub fn summary(&self) -> String {
        let us = self.telegrams.iter().filter(|t| t.side == Side::Us).count();
        let passages: Vec<&Passage> = self
            .telegrams
            .iter()
            .flat_map(|t| t.passages().map(|(_, p)| p))
            .collect();
        let quotes = passages
            .iter()
            .filter(|p| p.kind == PassageKind::Quote)
            .count();
        let notes: usize = self.telegrams.iter().map(|t| t.notes().len()).sum();
        let multi = self
            .telegrams
            .iter()
            .filter(|t| t.is_multi_witness())
            .count();
        let debate = if self.positions.is_empty() {
            String::new()
        } else {
            format!("; {} positions in the debate", self.positions.len())
        };
        let footnotes = if self.footnotes.is_empty() {
            String::new()
        } else {
            let missing = self.footnotes.iter().filter(|f| f.is_missing()).count();
            format!(
                "; {} footnotes ({missing} missing from the paper)",
                self.footnotes.len()
            )
        };
        format!(
            "{} telegrams ({} Sino-Soviet, {} US-side; {} with several versions), {} people, {} events, {} scholars, {} works; {} passages ({} quotes, {} summaries), {} notes{debate}{footnotes}",
            self.telegrams.len(),
            self.telegrams.len() - us,
            us,
            multi,
            self.people.len(),
            self.events.len(),
            self.scholars.len(),
            self.works.len(),
            passages.len(),
            quotes,
            passages.len() - quotes,
            notes
        )
    }
}

/// "+17 d", "−5 d", "0 d": how a header shows a day offset (a no-break
/// space keeps the number and its unit on one line).
pub fn format_offset(days: i64) -> String {
    match days {
        0 => "0\u{a0}d".to_string(),
        d if d > 0 => format!("+{d}\u{a0}d"),
        d => format!("−{}\u{a0}d", -d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `finish` orders the telegrams by date and says where each one was
    /// before; a corpus in order already is left as it is.
    #[test]
    fn finish_says_where_each_telegram_was() {
        let mut c = Corpus::embedded().unwrap();
        let sorted = c.telegrams.clone();
        assert_eq!(c.finish(), None);
        c.telegrams.reverse();
        let before = c.telegrams.clone();
        let order = c.finish().expect("moved");
        assert_eq!(c.telegrams, sorted);
        for (now, &was) in order.iter().enumerate() {
            assert_eq!(c.telegrams[now], before[was]);
        }
        for (i, t) in c.telegrams.iter().enumerate() {
            assert_eq!(c.telegram_index(&t.id), Some(i), "{}", t.id);
        }
    }

    /// A corpus whose files come out of date order (the last telegram in
    /// a subdirectory that sorts first) is ordered by date when loaded,
    /// and each id is looked up at its telegram's new place.
    #[test]
    fn a_loaded_corpus_finds_each_telegram_by_id_after_ordering() {
        let mut files = load::embedded_files();
        let last = files
            .iter()
            .filter(|f| f.rel.starts_with("telegrams/"))
            .max_by(|a, b| a.rel.cmp(&b.rel))
            .unwrap()
            .rel
            .clone();
        let f = files.iter_mut().find(|f| f.rel == last).unwrap();
        f.rel = last.replace("telegrams/", "telegrams/0/");
        f.path = format!("corpus/{}", f.rel);
        files.sort_by(|a, b| std::path::Path::new(&a.rel).cmp(std::path::Path::new(&b.rel)));
        assert!(
            files.iter().position(|f| f.rel.starts_with("telegrams/0/"))
                < files.iter().position(|f| f.rel.starts_with("telegrams/1"))
        );
        let c = load::check_files(&files).unwrap().0;
        assert_eq!(
            c.telegrams.last().map(|t| t.file.as_str()),
            Some(format!("corpus/{}", last.replace("telegrams/", "telegrams/0/")).as_str())
        );
        for (i, t) in c.telegrams.iter().enumerate() {
            assert_eq!(c.telegram_index(&t.id), Some(i), "{}", t.id);
        }
    }

    #[test]
    fn names_in_their_own_script() {
        let c = Corpus::embedded().unwrap();
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(c.names_native(&ids(&["mao"])), "Mao (毛泽东)");
        assert_eq!(c.names_native(&ids(&["roshchin"])), "Roshchin (Рощин)");
        assert_eq!(
            c.names_native(&ids(&["kim", "pak-hon-yong"])),
            "Kim Il Sung (김일성) & Pak Hon Yong (박헌영)"
        );
        // Latin-only aliases are not a native name.
        assert_eq!(c.person("acheson").and_then(|p| p.native()), None);
    }

    /// A telegram file copied into a subdirectory has the same id (its
    /// name): the copy is the problem, located at its id, naming the file
    /// first in path order; the debate still finds the telegram.
    /// Whether the files come in path order (the copy given last: the
    /// ids' table made beside the gathering) or not (given first).
    #[test]
    fn a_duplicate_id_is_located_at_the_later_file() {
        let rel = "telegrams/zz/1950-10-02-mao-stalin.toml";
        for first in [true, false] {
            let mut files = load::embedded_files();
            let orig = files
                .iter()
                .find(|f| f.rel == "telegrams/1950-10-02-mao-stalin.toml")
                .unwrap()
                .clone();
            let mut copy = orig.clone();
            copy.rel = rel.into();
            copy.path = format!("corpus/{}", copy.rel);
            copy.text = format!("\n\n{}", orig.text);
            if first {
                files.insert(0, copy);
            } else {
                files.push(copy);
            }
            let e = load::check_files(&files).unwrap_err();
            assert_eq!(e.problems.len(), 1, "{e:?}");
            let p = &e.problems[0];
            assert_eq!(p.file, format!("corpus/{rel}"));
            let id_line = orig.text.lines().position(|l| l.starts_with("id")).unwrap();
            assert_eq!((p.line, p.col), (id_line + 3, 6), "at the id's value");
            assert_eq!(
                p.message,
                "duplicate telegram id '1950-10-02-mao-stalin': first defined in corpus/telegrams/1950-10-02-mao-stalin.toml"
            );
        }
    }
}

//! The correspondence list: telegrams grouped by correspondent pair (or
//! flat, in date order), optionally filtered to one person, with a selection
//! that only ever rests on a telegram.

use std::collections::HashMap;

use crate::corpus::{Corpus, Side};

/// How the list is arranged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// Under a header per sender → recipients pair, each in date order.
    Pairs,
    /// One chronological list.
    Flat,
}

/// What the list is narrowed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Filter {
    /// Telegrams sent by or to this person.
    Person(String),
    /// Telegrams from the first to the second (from the matrix).
    Pair(String, String),
}

impl Filter {
    pub fn keeps(&self, t: &crate::corpus::Telegram) -> bool {
        match self {
            // Sent, received, or conveyed: an ambassador's traffic is mostly
            // what he passed on.
            Filter::Person(p) => t.from.iter().chain(&t.to).chain(&t.via).any(|x| x == p),
            Filter::Pair(a, b) => t.from.contains(a) && t.to.contains(b),
        }
    }

    /// "Stalin", "Stalin → Mao".
    /// Whether `t` is listed only because the filtered person conveyed it.
    pub fn conveyed(&self, t: &crate::corpus::Telegram) -> bool {
        match self {
            Filter::Person(p) => t.via.contains(p) && !t.from.contains(p) && !t.to.contains(p),
            Filter::Pair(..) => false,
        }
    }

    pub fn label(&self, corpus: &Corpus) -> String {
        match self {
            Filter::Person(p) => corpus.name(p).to_string(),
            Filter::Pair(a, b) => format!("{} → {}", corpus.name(a), corpus.name(b)),
        }
    }
}

/// One row of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// A correspondent-pair header: "Stalin → Mao", with its count.
    Group {
        label: String,
        count: usize,
        side: Side,
    },
    /// A telegram, by index into the corpus.
    Telegram(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ListState {
    pub grouping: Grouping,
    /// A person id: only telegrams from or to them are listed.
    pub filter: Option<Filter>,
    pub rows: Vec<Row>,
    /// Index into `rows` of the selected telegram row.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
}

impl ListState {
    pub fn new(corpus: &Corpus) -> ListState {
        let mut s = ListState {
            grouping: Grouping::Pairs,
            filter: None,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
        };
        s.rebuild(corpus, None);
        s
    }

    /// Recomputes the rows after a change of grouping or filter, keeping the
    /// telegram `keep` selected if it is still listed.
    pub fn rebuild(&mut self, corpus: &Corpus, keep: Option<usize>) {
        let keep = keep.or_else(|| self.selected_telegram());
        self.rows = rows(corpus, self.grouping, self.filter.as_ref());
        self.selected = keep
            .and_then(|t| self.row_of(t))
            .or_else(|| self.telegram_rows().next())
            .unwrap_or(0);
        self.offset = self.offset.min(self.rows.len().saturating_sub(1));
    }

    pub fn selected_telegram(&self) -> Option<usize> {
        match self.rows.get(self.selected) {
            Some(Row::Telegram(i)) => Some(*i),
            _ => None,
        }
    }

    pub fn row_of(&self, telegram: usize) -> Option<usize> {
        self.rows.iter().position(|r| *r == Row::Telegram(telegram))
    }

    fn telegram_rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, Row::Telegram(_)))
            .map(|(i, _)| i)
    }

    /// How many telegrams are listed.
    pub fn count(&self) -> usize {
        self.telegram_rows().count()
    }

    /// 1-based position of the selection among the listed telegrams.
    pub fn position(&self) -> Option<usize> {
        self.selected_telegram()?;
        Some(self.position_of_row(self.selected))
    }

    /// 1-based position of `telegram` among the listed telegrams, if it
    /// is listed.
    pub fn position_of(&self, telegram: usize) -> Option<usize> {
        Some(self.position_of_row(self.row_of(telegram)?))
    }

    fn position_of_row(&self, row: usize) -> usize {
        self.telegram_rows().take_while(|&r| r < row).count() + 1
    }

    /// Moves the selection by `delta` telegrams (headers are skipped),
    /// stopping at either end.
    pub fn step(&mut self, delta: isize) {
        let rows: Vec<usize> = self.telegram_rows().collect();
        if rows.is_empty() {
            return;
        }
        let cur = rows.iter().position(|&r| r == self.selected).unwrap_or(0) as isize;
        let next = (cur + delta).clamp(0, rows.len() as isize - 1) as usize;
        self.selected = rows[next];
    }

    pub fn first(&mut self) {
        let first = self.telegram_rows().next();
        if let Some(r) = first {
            self.selected = r;
        }
    }

    pub fn last(&mut self) {
        let last = self.telegram_rows().last();
        if let Some(r) = last {
            self.selected = r;
        }
    }

    /// Selects the telegram row at a screen row of the list's viewport.
    pub fn select_visible_row(&mut self, row: usize) -> bool {
        match self.rows.get(self.offset + row) {
            Some(Row::Telegram(_)) => {
                self.selected = self.offset + row;
                true
            }
            _ => false,
        }
    }

    /// Scrolls so the selection is visible in `height` rows, showing the
    /// group header above the first telegram of a group where possible.
    /// Scrolls as little as needed for the selection to be in view with
    /// `margin` rows around it (fewer where the list is short), and its
    /// group's header with it when there is room.
    pub fn keep_visible(&mut self, height: usize, margin: usize) {
        if height == 0 {
            return;
        }
        let margin = margin.min(height.saturating_sub(1) / 2);
        let header = usize::from(
            self.selected > 0
                && matches!(self.rows.get(self.selected - 1), Some(Row::Group { .. })),
        );
        let want_top = self.selected.saturating_sub(margin.max(header));
        let want_bottom = (self.selected + margin).min(self.rows.len().saturating_sub(1));
        if want_top < self.offset {
            self.offset = want_top;
        } else if want_bottom >= self.offset + height {
            self.offset = want_bottom + 1 - height;
        }
        let max = self.rows.len().saturating_sub(height);
        self.offset = self.offset.min(max);
    }

    pub fn scroll(&mut self, delta: isize, height: usize) {
        let max = self.rows.len().saturating_sub(height);
        self.offset = (self.offset as isize + delta).clamp(0, max as isize) as usize;
        if height > 0 && (self.selected < self.offset || self.selected >= self.offset + height) {
            let target = if self.selected < self.offset {
                self.offset
            } else {
                self.offset + height - 1
            };
            let rows: Vec<usize> = self.telegram_rows().collect();
            if let Some(&r) = rows.iter().min_by_key(|&&r| r.abs_diff(target)) {
                self.selected = r;
            }
        }
    }
}

/// The people a filter may name: everyone who sent or received a telegram,
/// with how many, most first.
pub fn filter_candidates(corpus: &Corpus) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = corpus
        .people
        .iter()
        .map(|p| {
            let n = corpus
                .telegrams
                .iter()
                .filter(|t| t.from.contains(&p.id) || t.to.contains(&p.id) || t.via.contains(&p.id))
                .count();
            (p.id.clone(), n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    counts.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| corpus.name(&a.0).cmp(corpus.name(&b.0)))
    });
    counts
}

fn listed(corpus: &Corpus, filter: Option<&Filter>) -> Vec<usize> {
    corpus
        .telegrams
        .iter()
        .enumerate()
        .filter(|(_, t)| filter.is_none_or(|f| f.keeps(t)))
        .map(|(i, _)| i)
        .collect()
}

/// The rows for a grouping and filter.
pub fn rows(corpus: &Corpus, grouping: Grouping, filter: Option<&Filter>) -> Vec<Row> {
    let listed = listed(corpus, filter);
    match grouping {
        Grouping::Flat => listed.into_iter().map(Row::Telegram).collect(),
        Grouping::Pairs => {
            // Groups in order of their first telegram; US-side groups last.
            let mut index: HashMap<(&[String], &[String]), usize> = HashMap::new();
            let mut groups: Vec<Vec<usize>> = Vec::new();
            for i in listed {
                let t = &corpus.telegrams[i];
                let g = *index.entry((&t.from, &t.to)).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[g].push(i);
            }
            groups.sort_by_key(|members| corpus.telegrams[members[0]].side == Side::Us);
            let mut rows = Vec::with_capacity(corpus.telegrams.len() + groups.len());
            for members in groups {
                let first = &corpus.telegrams[members[0]];
                rows.push(Row::Group {
                    label: format!(
                        "{} → {}",
                        corpus.names(&first.from),
                        corpus.names(&first.to)
                    ),
                    count: members.len(),
                    side: first.side,
                });
                rows.extend(members.into_iter().map(Row::Telegram));
            }
            rows
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        Corpus::embedded().unwrap()
    }

    #[test]
    fn groups_by_pair_in_date_order_and_us_last() {
        let c = corpus();
        let rows = rows(&c, Grouping::Pairs, None);
        let groups: Vec<&Row> = rows
            .iter()
            .filter(|r| matches!(r, Row::Group { .. }))
            .collect();
        assert!(matches!(groups[0], Row::Group { label, .. } if label == "Stalin → Shtykov"));
        let stalin_mao = groups.iter().find_map(|r| match r {
            Row::Group { label, count, .. } if label == "Stalin → Mao" => Some(*count),
            _ => None,
        });
        assert_eq!(stalin_mao, Some(3));
        let first_us = rows
            .iter()
            .position(|r| matches!(r, Row::Group { side: Side::Us, .. }))
            .unwrap();
        assert!(rows[first_us..].iter().all(|r| match r {
            Row::Group { side, .. } => *side == Side::Us,
            Row::Telegram(i) => c.telegrams[*i].side == Side::Us,
        }));
        let telegrams = rows
            .iter()
            .filter(|r| matches!(r, Row::Telegram(_)))
            .count();
        assert_eq!(telegrams, c.telegrams.len());
    }

    #[test]
    fn filtering_to_an_ambassador_keeps_what_he_conveyed_marked_as_such() {
        let c = corpus();
        let f = Filter::Person("roshchin".into());
        let rows = rows(&c, Grouping::Flat, Some(&f));
        let ids: Vec<&str> = rows
            .iter()
            .filter_map(|r| match r {
                Row::Telegram(i) => Some(c.telegrams[*i].id.as_str()),
                _ => None,
            })
            .collect();
        assert!(ids.contains(&"1950-10-02-mao-stalin"), "{ids:?}");
        let i = c.telegram_index("1950-10-02-mao-stalin").unwrap();
        assert!(f.conveyed(&c.telegrams[i]));
        let n = filter_candidates(&c)
            .into_iter()
            .find(|(id, _)| id == "roshchin")
            .unwrap()
            .1;
        assert_eq!(n, ids.len(), "the picker counts what the list shows");
    }

    #[test]
    fn filter_keeps_senders_recipients_and_conveyors_only() {
        let c = corpus();
        let rows = rows(&c, Grouping::Flat, Some(&Filter::Person("roshchin".into())));
        for r in &rows {
            let Row::Telegram(i) = r else { panic!() };
            let t = &c.telegrams[*i];
            assert!(
                t.from
                    .iter()
                    .chain(&t.to)
                    .chain(&t.via)
                    .any(|p| p == "roshchin"),
                "{}",
                t.id
            );
        }
        assert!(!rows.is_empty());
    }

    #[test]
    fn selection_skips_headers_and_stops_at_ends() {
        let c = corpus();
        let mut s = ListState::new(&c);
        assert!(s.selected_telegram().is_some());
        assert_eq!(s.position(), Some(1));
        s.step(-5);
        assert_eq!(s.position(), Some(1));
        s.step(3);
        assert_eq!(s.position(), Some(4));
        assert!(s.selected_telegram().is_some());
        s.last();
        assert_eq!(s.position(), Some(s.count()));
        s.step(1);
        assert_eq!(s.position(), Some(s.count()));
    }

    #[test]
    fn rebuild_keeps_the_selected_telegram() {
        let c = corpus();
        let mut s = ListState::new(&c);
        s.step(7);
        let t = s.selected_telegram();
        s.grouping = Grouping::Flat;
        s.rebuild(&c, None);
        assert_eq!(s.selected_telegram(), t);
    }

    #[test]
    fn keep_visible_scrolls_minimally() {
        let c = corpus();
        let mut s = ListState::new(&c);
        s.last();
        s.keep_visible(10, 0);
        assert!(s.selected >= s.offset && s.selected < s.offset + 10);
        s.first();
        s.keep_visible(10, 0);
        assert_eq!(s.offset, 0);
    }

    #[test]
    fn keep_visible_keeps_rows_around_the_selection() {
        let c = corpus();
        let mut s = ListState::new(&c);
        s.grouping = Grouping::Flat;
        s.rebuild(&c, None);
        for _ in 0..12 {
            s.step(1);
            s.keep_visible(10, 2);
            assert!(
                s.selected + 2 < s.offset + 10,
                "two rows below stay in view"
            );
        }
        for _ in 0..12 {
            s.step(-1);
            s.keep_visible(10, 2);
            assert!(
                s.selected < 2 || s.selected >= s.offset + 2,
                "two rows above"
            );
        }
        // A list too short for the margin still shows the selection.
        s.keep_visible(3, 2);
        assert!(s.selected >= s.offset && s.selected < s.offset + 3);
    }
}

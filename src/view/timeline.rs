//! The timeline: the paper's chronology with every telegram on its day,
//! one lane per sender, and the key events as markers. Pure state and
//! geometry: which day each column shows at each zoom, which telegrams fall
//! in a cell, where the cursor is.

use crate::corpus::{Corpus, Date, Side, Telegram};

/// How many columns a day takes, or how many days a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    ColsPerDay(u16),
    DaysPerCol(u16),
}

/// The zoom levels, from the widest view to the closest.
pub const SCALES: [Scale; 7] = [
    Scale::DaysPerCol(7),
    Scale::DaysPerCol(3),
    Scale::DaysPerCol(2),
    Scale::ColsPerDay(1),
    Scale::ColsPerDay(2),
    Scale::ColsPerDay(3),
    Scale::ColsPerDay(4),
];

impl Scale {
    /// Days shown in `cols` columns.
    pub fn days_in(self, cols: u16) -> i64 {
        match self {
            Scale::ColsPerDay(n) => i64::from(cols / n.max(1)),
            Scale::DaysPerCol(n) => i64::from(cols) * i64::from(n),
        }
    }

    pub fn label(self) -> String {
        match self {
            Scale::ColsPerDay(1) => "1 day per column".into(),
            Scale::ColsPerDay(n) => format!("{n} columns per day"),
            Scale::DaysPerCol(7) => "1 week per column".into(),
            Scale::DaysPerCol(n) => format!("{n} days per column"),
        }
    }
}

/// Where the timeline's plot starts and how it is scaled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Geometry {
    pub first_day: i64,
    pub scale: Scale,
    pub cols: u16,
}

impl Geometry {
    /// The column a day falls in, if on screen.
    pub fn col_of(&self, day: i64) -> Option<u16> {
        let d = day - self.first_day;
        if d < 0 {
            return None;
        }
        let col = match self.scale {
            Scale::ColsPerDay(n) => d * i64::from(n),
            Scale::DaysPerCol(n) => d / i64::from(n),
        };
        (col < i64::from(self.cols)).then_some(col as u16)
    }

    /// The days a column covers: [start, end).
    pub fn days_of(&self, col: u16) -> (i64, i64) {
        match self.scale {
            Scale::ColsPerDay(n) => {
                let d = self.first_day + i64::from(col / n);
                (d, d + 1)
            }
            Scale::DaysPerCol(n) => {
                let d = self.first_day + i64::from(col) * i64::from(n);
                (d, d + i64::from(n))
            }
        }
    }
}

/// A lane: one sender. A joint message is drawn in the lane of each of its
/// senders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    pub sender: String,
    pub side: Side,
}

/// The lanes of a corpus: everyone who sent a message (co-senders of a joint
/// one too), the six correspondents first, the rest by number of messages,
/// US-side senders last.
pub fn lanes(corpus: &Corpus) -> Vec<Lane> {
    let main = corpus.principals();
    let mut count: Vec<(String, usize, Side)> = Vec::new();
    for t in &corpus.telegrams {
        for s in &t.from {
            match count.iter_mut().find(|(id, _, _)| id == s) {
                Some(c) => c.1 += 1,
                None => count.push((s.clone(), 1, t.side)),
            }
        }
    }
    count.sort_by_key(|(id, n, side)| {
        (
            *side == Side::Us,
            main.iter().position(|m| m == id).unwrap_or(99),
            std::cmp::Reverse(*n),
            id.clone(),
        )
    });
    count
        .into_iter()
        .map(|(sender, _, side)| Lane { sender, side })
        .collect()
}

/// The first and last day (day numbers) the timeline spans: the paper's
/// window, 25 June to 19 October 1950, widened to the corpus's dated
/// telegrams and key events.
pub fn span(corpus: &Corpus) -> (i64, i64) {
    let mut lo = Date::ymd(1950, 6, 25).day_number();
    let mut hi = Date::ymd(1950, 10, 19).day_number();
    for d in corpus
        .telegrams
        .iter()
        .filter(|t| t.date.is_full())
        .map(|t| t.date.day_number())
        .chain(
            corpus
                .events
                .iter()
                .filter(|e| e.date.is_full())
                .map(|e| e.date.day_number()),
        )
    {
        lo = lo.min(d);
        hi = hi.max(d);
    }
    (lo, hi)
}

/// The day a telegram is drawn on: its date, or the first of its month for
/// a month-only date; none for a year-only date (those are listed under the
/// lanes instead).
pub fn day_of(t: &Telegram) -> Option<i64> {
    t.date.month.map(|_| t.date.day_number())
}

/// The telegrams dated to the year only, which the timeline cannot place.
pub fn undated(corpus: &Corpus) -> Vec<&Telegram> {
    corpus
        .telegrams
        .iter()
        .filter(|t| day_of(t).is_none())
        .collect()
}

/// The timeline's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineState {
    /// The day under the cursor (a day number).
    pub day: i64,
    pub lane: usize,
    /// Index into `SCALES`.
    pub zoom: usize,
    /// The first day shown.
    pub first_day: i64,
    /// The telegram `]`/`[` stepped to (corpus index), when a cell holds
    /// several: Enter opens it while the cursor stays on its cell.
    pub pick: Option<usize>,
}

/// Where the plot starts, counted from the left edge of the screen: the
/// border, the lane names, and the rule after them.
pub fn plot_left(width: u16) -> u16 {
    1 + label_width(width) + 1
}

/// Columns the plot has on a screen `width` wide: all but the border, the
/// lane names, the rule after them, a margin and the right border.
pub fn plot_cols(width: u16) -> u16 {
    width.saturating_sub(plot_left(width) + 2)
}

/// Width of the lane names (with a space before them).
pub fn label_width(width: u16) -> u16 {
    if width >= 100 { 12 } else { 9 }
}

impl TimelineState {
    pub fn geometry(&self, width: u16) -> Geometry {
        Geometry {
            first_day: self.first_day,
            scale: SCALES[self.zoom],
            cols: plot_cols(width),
        }
    }

    /// The days [start, end) of the cell under the cursor.
    pub fn cell(&self, width: u16) -> (i64, i64) {
        let g = self.geometry(width);
        match g.col_of(self.day) {
            Some(c) => g.days_of(c),
            None => (self.day, self.day + 1),
        }
    }

    /// Scrolls so the cursor's day is on screen.
    pub fn keep_visible(&mut self, width: u16, span: (i64, i64)) {
        let g = self.geometry(width);
        let shown = g.scale.days_in(g.cols).max(1);
        if shown > span.1 - span.0 {
            // The whole span fits: it starts at the left edge.
            self.first_day = span.0;
            return;
        }
        if self.day < self.first_day {
            self.first_day = self.day;
        } else if self.day >= self.first_day + shown {
            self.first_day = self.day - shown + 1;
        }
        // Never before the span's start, nor further than needed to show
        // its end.
        self.first_day = self.first_day.min(span.1 - shown + 1).max(span.0);
    }
}

/// The telegrams of a lane in the days [start, end), in the lane's order.
pub fn in_cell<'a>(
    corpus: &'a Corpus,
    lane: &'a Lane,
    start: i64,
    end: i64,
) -> impl Iterator<Item = (usize, &'a Telegram)> + 'a {
    lane_telegrams(corpus, lane)
        .into_iter()
        .filter(move |(_, t)| day_of(t).is_some_and(|d| d >= start && d < end))
}

/// A lane's telegrams in the order `]` steps through them: by day, then the
/// paper's order within the day, then id.
pub fn lane_telegrams<'a>(corpus: &'a Corpus, lane: &Lane) -> Vec<(usize, &'a Telegram)> {
    let mut v: Vec<(usize, &Telegram)> = corpus
        .telegrams
        .iter()
        .enumerate()
        .filter(|(_, t)| t.from.contains(&lane.sender) && day_of(t).is_some())
        .collect();
    v.sort_by(|a, b| (day_of(a.1), a.1.seq, &a.1.id).cmp(&(day_of(b.1), b.1.seq, &b.1.id)));
    v
}

/// The telegram `Enter` opens: the one `]`/`[` stepped to, if it is still
/// under the cursor; else, of the cursor lane's telegrams in the cursor's
/// cell, the one nearest the cursor's day (the first of equals).
pub fn under_cursor(corpus: &Corpus, lane: &Lane, s: &TimelineState, width: u16) -> Option<usize> {
    let (a, b) = s.cell(width);
    let cell: Vec<(usize, &Telegram)> = in_cell(corpus, lane, a, b).collect();
    if let Some(p) = s.pick
        && cell.iter().any(|(i, _)| *i == p)
    {
        return Some(p);
    }
    cell.iter()
        .enumerate()
        .min_by_key(|(k, (_, t))| (day_of(t).map_or(i64::MAX, |d| (d - s.day).abs()), *k))
        .map(|(_, (i, _))| *i)
}

/// How far `h`/`l` move: "day", or "column (3 days)" zoomed out.
pub fn step_name(scale: Scale) -> String {
    match scale {
        Scale::ColsPerDay(_) => "day".into(),
        Scale::DaysPerCol(7) => "column (a week)".into(),
        Scale::DaysPerCol(n) => format!("column ({n} days)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(first: i64, scale: Scale, cols: u16) -> Geometry {
        Geometry {
            first_day: first,
            scale,
            cols,
        }
    }

    #[test]
    fn markers_fall_in_the_right_column_at_every_zoom() {
        let base = Date::ymd(1950, 6, 25).day_number();
        let oct2 = Date::ymd(1950, 10, 2).day_number();
        let inchon = Date::ymd(1950, 9, 15).day_number();
        // One column a day: the offset in days.
        assert_eq!(g(base, Scale::ColsPerDay(1), 200).col_of(oct2), Some(99));
        assert_eq!(g(base, Scale::ColsPerDay(1), 200).col_of(inchon), Some(82));
        // Two columns a day: twice that.
        assert_eq!(g(base, Scale::ColsPerDay(2), 300).col_of(oct2), Some(198));
        // A week a column: the week it falls in.
        assert_eq!(g(base, Scale::DaysPerCol(7), 60).col_of(oct2), Some(14));
        assert_eq!(
            g(base, Scale::DaysPerCol(7), 60).days_of(14),
            (base + 98, base + 105)
        );
        // Off either edge.
        assert_eq!(g(base, Scale::ColsPerDay(1), 50).col_of(oct2), None);
        assert_eq!(g(base, Scale::ColsPerDay(1), 50).col_of(base - 1), None);
    }

    #[test]
    fn the_order_of_the_argument_is_visible() {
        // Inchon, then Mao's 2 October decision, then the crossing of the
        // 38th parallel: left to right at every zoom that shows them.
        let c = Corpus::embedded().unwrap();
        let day = |id: &str| {
            c.events
                .iter()
                .find(|e| e.id == id)
                .unwrap()
                .date
                .day_number()
        };
        let base = Date::ymd(1950, 6, 25).day_number();
        for scale in [
            Scale::ColsPerDay(1),
            Scale::ColsPerDay(2),
            Scale::DaysPerCol(2),
            Scale::DaysPerCol(3),
        ] {
            let geo = g(base, scale, 400);
            let inchon = geo.col_of(day("inchon")).unwrap();
            let mao = geo.col_of(Date::ymd(1950, 10, 2).day_number()).unwrap();
            let crossing = geo.col_of(day("us-crosses-38th")).unwrap();
            assert!(
                inchon < mao && mao < crossing,
                "{scale:?}: {inchon} {mao} {crossing}"
            );
        }
    }

    #[test]
    fn lanes_put_the_six_correspondents_first() {
        let c = Corpus::embedded().unwrap();
        let l: Vec<String> = lanes(&c).into_iter().map(|l| l.sender).collect();
        assert_eq!(
            &l[..6],
            ["stalin", "mao", "zhou", "kim", "roshchin", "shtykov"]
        );
        assert!(l.contains(&"acheson".to_string()));
        assert_eq!(
            span(&c).0,
            Date::ymd(1950, 1, 12).day_number(),
            "the Press Club speech opens the span"
        );
    }
}

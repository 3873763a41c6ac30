//! The timeline: the paper's chronology with every telegram on its day,
//! one lane per sender, and the key events as markers. Pure state and
//! geometry: which day each column shows at each zoom, which telegrams fall
//! in a cell, where the cursor is.

use super::{App, Overlay};
use crate::action::Action;
use crate::corpus::{Corpus, Date, Side, Telegram};
use crate::keymap::Context;
use crate::layout::Pane;

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

/// A lane: one sender (the first sender of each telegram), or the month-only
/// and undated telegrams.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    pub sender: String,
    pub side: Side,
}

/// The lanes of a corpus: its senders, the six correspondents first, the
/// rest by number of telegrams, US-side senders last.
pub fn lanes(corpus: &Corpus) -> Vec<Lane> {
    let main = ["stalin", "mao", "zhou", "kim", "roshchin", "shtykov"];
    let mut count: Vec<(String, usize, Side)> = Vec::new();
    for t in &corpus.telegrams {
        let s = &t.from[0];
        match count.iter_mut().find(|(id, _, _)| id == s) {
            Some(c) => c.1 += 1,
            None => count.push((s.clone(), 1, t.side)),
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
/// a month-only date; none for a year-only date.
pub fn day_of(t: &Telegram) -> Option<i64> {
    t.date.month.map(|_| t.date.day_number())
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
}

/// Columns the plot has on a screen `width` wide (the lane names take the
/// rest).
pub fn plot_cols(width: u16) -> u16 {
    width.saturating_sub(label_width(width) + 4)
}

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

    /// Scrolls so the cursor's day is on screen.
    fn keep_visible(&mut self, width: u16, span: (i64, i64)) {
        let g = self.geometry(width);
        let shown = g.scale.days_in(g.cols).max(1);
        if self.day < self.first_day {
            self.first_day = self.day;
        } else if self.day >= self.first_day + shown {
            self.first_day = self.day - shown + 1;
        }
        if shown > span.1 - span.0 {
            // The whole span fits: it starts at the left edge.
            self.first_day = span.0;
            return;
        }
        // Never further than needed to show the span's end.
        self.first_day = self
            .first_day
            .min((span.1 - shown + 1).max(span.0))
            .max(span.0.min(self.day));
    }
}

/// The telegrams of a lane in the days [start, end).
pub fn in_cell<'a>(
    corpus: &'a Corpus,
    lane: &'a Lane,
    start: i64,
    end: i64,
) -> impl Iterator<Item = (usize, &'a Telegram)> + 'a {
    corpus.telegrams.iter().enumerate().filter(move |(_, t)| {
        t.from[0] == lane.sender && day_of(t).is_some_and(|d| d >= start && d < end)
    })
}

/// The telegram `Enter` opens: of the cursor lane's telegrams in the
/// cursor's cell, the one nearest the cursor's day (the earliest of equals).
pub fn under_cursor(corpus: &Corpus, lane: &Lane, s: &TimelineState, width: u16) -> Option<usize> {
    let g = s.geometry(width);
    let (a, b) = match g.col_of(s.day) {
        Some(c) => g.days_of(c),
        None => (s.day, s.day + 1),
    };
    in_cell(corpus, lane, a, b)
        .min_by_key(|(i, t)| {
            (
                day_of(t).map_or(i64::MAX, |d| (d - s.day).abs()),
                t.date.sort_key(),
                *i,
            )
        })
        .map(|(i, _)| i)
}

impl App {
    /// `t`: opens the timeline on the open telegram's day and sender.
    pub(super) fn open_timeline(&mut self) {
        let lanes = lanes(&self.corpus);
        let (lo, _) = span(&self.corpus);
        let t = self.telegram();
        let day = t
            .and_then(day_of)
            .unwrap_or_else(|| Date::ymd(1950, 10, 2).day_number());
        let lane = t
            .and_then(|t| lanes.iter().position(|l| l.sender == t.from[0]))
            .unwrap_or(0);
        // Day by day, the closest zoom that shows the paper's window (25
        // June to 19 October); where it does not fit, its end: the weeks
        // from Inchon to the Yalu.
        let (start, end) = (
            Date::ymd(1950, 6, 25).day_number(),
            Date::ymd(1950, 10, 19).day_number(),
        );
        let cols = plot_cols(self.size.width);
        let one_a_day = SCALES
            .iter()
            .position(|s| *s == Scale::ColsPerDay(1))
            .unwrap_or(0);
        let zoom = (one_a_day..SCALES.len())
            .rev()
            .find(|&z| SCALES[z].days_in(cols) > end - start)
            .unwrap_or(one_a_day);
        let shown = SCALES[zoom].days_in(cols).max(1);
        let mut first_day = start.max(end - shown + 1).max(lo);
        if day < first_day || day >= first_day + shown {
            first_day = (day - shown / 2).max(lo);
        }
        let mut s = TimelineState {
            day,
            lane,
            zoom,
            first_day,
        };
        s.keep_visible(self.size.width, span(&self.corpus));
        self.overlays.push(Overlay::Timeline(s));
    }

    pub(super) fn update_timeline(&mut self, action: Action) {
        let Some(Overlay::Timeline(mut s)) = self.overlays.last().cloned() else {
            return;
        };
        let (lo, hi) = span(&self.corpus);
        let n_lanes = lanes(&self.corpus).len();
        let step = match SCALES[s.zoom] {
            Scale::DaysPerCol(n) => i64::from(n),
            Scale::ColsPerDay(_) => 1,
        };
        match action {
            Action::Close | Action::Cancel | Action::Timeline => {
                self.overlays.pop();
                return;
            }
            Action::Left => s.day -= step,
            Action::Right => s.day += step,
            Action::WeekBack => s.day -= 7,
            Action::WeekForward => s.day += 7,
            Action::Up => s.lane = s.lane.saturating_sub(1),
            Action::Down => s.lane = (s.lane + 1).min(n_lanes.saturating_sub(1)),
            Action::Top => s.day = lo,
            Action::Bottom => s.day = hi,
            Action::ZoomOut if SCALES[s.zoom].days_in(plot_cols(self.size.width)) > hi - lo => {
                self.flash = Some("the whole span is in view".into());
            }
            Action::ZoomIn | Action::ZoomOut => {
                // The cursor keeps its place on the screen.
                let w = self.size.width;
                let before = s.geometry(w);
                let frac = before
                    .col_of(s.day)
                    .map_or(0.5, |c| f64::from(c) / f64::from(before.cols.max(1)));
                s.zoom = if action == Action::ZoomIn {
                    (s.zoom + 1).min(SCALES.len() - 1)
                } else {
                    s.zoom.saturating_sub(1)
                };
                let shown = SCALES[s.zoom].days_in(plot_cols(w));
                s.first_day = s.day - (frac * shown as f64) as i64;
                s.first_day = s.first_day.max(lo);
            }
            Action::NextTelegram | Action::PrevTelegram => {
                let lane = &lanes(&self.corpus)[s.lane.min(n_lanes.saturating_sub(1))];
                let days: Vec<i64> = self
                    .corpus
                    .telegrams
                    .iter()
                    .filter(|t| t.from[0] == lane.sender)
                    .filter_map(day_of)
                    .collect();
                let next = if action == Action::NextTelegram {
                    days.iter().copied().filter(|&d| d > s.day).min()
                } else {
                    days.iter().copied().filter(|&d| d < s.day).max()
                };
                match next {
                    Some(d) => s.day = d,
                    None => self.flash = Some("no more telegrams from this sender that way".into()),
                }
            }
            Action::Open | Action::Confirm => {
                let lane = &lanes(&self.corpus)[s.lane.min(n_lanes.saturating_sub(1))];
                match under_cursor(&self.corpus, lane, &s, self.size.width) {
                    Some(i) => {
                        self.overlays.pop();
                        if self.list.row_of(i).is_none() {
                            self.list.filter = None;
                            self.list.rebuild(&self.corpus, Some(i));
                        }
                        if let Some(row) = self.list.row_of(i) {
                            self.list.selected = row;
                        }
                        self.open_telegram(i);
                        self.focus = Pane::Message;
                        self.keep_list_visible();
                        return;
                    }
                    None => {
                        let down = self
                            .keymap
                            .hint(Context::Timeline, Action::Down)
                            .unwrap_or_default();
                        let up = self
                            .keymap
                            .hint(Context::Timeline, Action::Up)
                            .unwrap_or_default();
                        self.flash = Some(format!(
                            "nothing from {} on this day: {down} {up} change the lane",
                            self.corpus.name(&lane.sender)
                        ))
                    }
                }
            }
            _ => {}
        }
        s.day = s.day.clamp(lo, hi);
        s.keep_visible(self.size.width, (lo, hi));
        if let Some(Overlay::Timeline(top)) = self.overlays.last_mut() {
            *top = s;
        }
    }

    /// Keeps the timeline's cursor on screen after a resize.
    pub(super) fn clamp_timeline(&mut self) {
        let sp = span(&self.corpus);
        let w = self.size.width;
        for o in &mut self.overlays {
            if let Overlay::Timeline(s) = o {
                s.keep_visible(w, sp);
            }
        }
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

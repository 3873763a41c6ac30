//! The timeline component: the paper's chronology with every telegram on
//! its day, one lane per sender. The lanes are found once, when it opens;
//! what a frame draws (markers, cell counts, the panel) is computed when
//! the cursor, the zoom or the size changes, and drawing only reads it.

mod draw;

use std::any::Any;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::component::{Component, Cx, Outcome, RenderCx, stop_unless_global};
use super::widgets::boxed;
use crate::action::Action;
use crate::app::App;
use crate::corpus::Date;
use crate::keymap::Context;
use crate::text::{truncate, width};
use crate::view::timeline::{
    Geometry, Lane, SCALES, Scale, TimelineState, day_of, label_width, lane_telegrams, lanes,
    plot_cols, plot_left, span, step_name, undated, under_cursor,
};
use crate::view::timeline_marks::{
    MANY, Marker, cells, count_glyph, cursor_cols, frame, lane_offset, legend, markers, panel,
    place_labels, ruler,
};

/// What a frame of the timeline draws, for one cursor, zoom and size.
struct Drawn {
    key: (TimelineState, u16),
    geometry: Geometry,
    marks: Vec<Marker>,
    counts: Vec<Vec<(usize, bool)>>,
    /// Whether a cell holds ten telegrams or more (drawn `+`, and then
    /// explained in the legend).
    ten_or_more: bool,
    /// The cells holding a marked telegram, by lane and column.
    marked_cells: Vec<Vec<bool>>,
    panel: Vec<Line<'static>>,
}

/// Where a marked timeline opens.
#[derive(Clone, Copy, Debug)]
pub enum On {
    Telegram(usize),
    Day(i64),
}

/// The evidence of one position of the debate, marked on the timeline so
/// the timing its argument turns on shows.
pub struct Marked {
    /// "Thomas Christensen's evidence".
    pub label: String,
    /// Corpus indices.
    pub telegrams: Vec<usize>,
    /// The events' short names, as their markers carry them.
    pub events: Vec<String>,
}

pub struct Timeline {
    pub state: TimelineState,
    lanes: Vec<Lane>,
    span: (i64, i64),
    /// The telegrams dated to the year only (corpus indices).
    undated: Vec<usize>,
    /// A debate position's evidence, marked.
    pub marked: Option<Marked>,
    drawn: Option<Drawn>,
}

impl Timeline {
    /// `t`: the timeline on the open telegram's day and sender.
    pub fn open(cx: &mut Cx) -> Timeline {
        let lanes = lanes(&cx.app.corpus);
        let span = span(&cx.app.corpus);
        let (lo, _) = span;
        let t = cx.app.telegram();
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
        let cols = plot_cols(cx.size.width);
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
            pick: cx
                .app
                .open
                .filter(|_| t.is_some_and(|t| day_of(t).is_some())),
        };
        s.keep_visible(cx.size.width, span);
        Timeline {
            state: s,
            undated: undated(&cx.app.corpus)
                .iter()
                .filter_map(|t| cx.app.corpus.telegram_index(&t.id))
                .collect(),
            lanes,
            span,
            marked: None,
            drawn: None,
        }
    }

    /// The timeline with a debate position's evidence marked, on the day of
    /// `on` (a telegram, or an event's day) if given, else on the first of
    /// its telegrams.
    pub fn marked(cx: &mut Cx, p: crate::corpus::Position, on: Option<On>) -> Timeline {
        let corpus = std::sync::Arc::clone(&cx.app.corpus);
        let telegrams: Vec<usize> = p
            .telegrams
            .iter()
            .filter_map(|id| corpus.telegram_index(id))
            .collect();
        let events: Vec<String> = p
            .events
            .iter()
            .filter_map(|id| corpus.event(id))
            .map(|e| e.short.clone())
            .collect();
        let first = telegrams
            .iter()
            .copied()
            .filter(|&i| day_of(&corpus.telegrams[i]).is_some())
            .min_by_key(|&i| day_of(&corpus.telegrams[i]));
        let mut t = Timeline::open(cx);
        let first = match on {
            Some(On::Telegram(i)) => Some(i),
            Some(On::Day(d)) => {
                t.state.day = d;
                t.state.pick = None;
                None
            }
            None => first,
        };
        if let Some(i) = first {
            let tg = &corpus.telegrams[i];
            t.state.day = day_of(tg).unwrap_or(t.state.day);
            t.state.lane = t
                .lanes
                .iter()
                .position(|l| l.sender == tg.from[0])
                .unwrap_or(t.state.lane);
            t.state.pick = Some(i);
        }
        t.state.keep_visible(cx.size.width, t.span);
        let who = corpus.scholar_names(&p.scholars);
        t.marked = Some(Marked {
            label: format!("{who}’s evidence"),
            telegrams,
            events,
        });
        t
    }

    /// Which cells hold a marked telegram at this geometry.
    fn marked_cells(&self, corpus: &crate::corpus::Corpus, g: &Geometry) -> Vec<Vec<bool>> {
        let mut cells = vec![vec![false; usize::from(g.cols)]; self.lanes.len()];
        let Some(m) = &self.marked else {
            return cells;
        };
        for &i in &m.telegrams {
            let t = &corpus.telegrams[i];
            let Some(col) = day_of(t).and_then(|d| g.col_of(d)) else {
                continue;
            };
            for (li, lane) in self.lanes.iter().enumerate() {
                if t.from.contains(&lane.sender) {
                    cells[li][usize::from(col)] = true;
                }
            }
        }
        cells
    }
}

impl Component for Timeline {
    fn context(&self, _: &App) -> Context {
        Context::Timeline
    }

    fn mode(&self, _: &App) -> &'static str {
        "TIMELINE"
    }

    fn hints(&self, _: &RenderCx) -> Vec<(Action, &'static str)> {
        vec![
            (Action::Open, "open"),
            (Action::Down, "lane"),
            (Action::NextTelegram, "next telegram"),
            (Action::Close, "back"),
            (Action::Help, "help"),
        ]
    }

    fn resume(&self) -> Option<crate::app::session::Resume> {
        Some(crate::app::session::Overlay::Timeline.into())
    }

    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome {
        let s = &mut self.state;
        let (lo, hi) = self.span;
        let all = &self.lanes;
        let Some(lane) = all.get(s.lane.min(all.len().saturating_sub(1))) else {
            return stop_unless_global(action);
        };
        let w = cx.size.width;
        let corpus = &cx.app.corpus;
        let step = match SCALES[s.zoom] {
            Scale::DaysPerCol(n) => i64::from(n),
            Scale::ColsPerDay(_) => 1,
        };
        // Moving the cursor leaves the telegram `]`/`[` stepped to.
        if matches!(
            action,
            Action::Left
                | Action::Right
                | Action::WeekBack
                | Action::WeekForward
                | Action::Up
                | Action::Down
                | Action::Top
                | Action::Bottom
        ) {
            s.pick = None;
        }
        match action {
            Action::Close | Action::Cancel | Action::Timeline => return Outcome::Close,
            Action::Left => s.day -= step,
            Action::Right => s.day += step,
            Action::WeekBack => s.day -= 7,
            Action::WeekForward => s.day += 7,
            Action::Up => s.lane = s.lane.saturating_sub(1),
            Action::Down => s.lane = (s.lane + 1).min(all.len().saturating_sub(1)),
            Action::Top => s.day = lo,
            Action::Bottom => s.day = hi,
            Action::ZoomIn | Action::ZoomOut => {
                let zoom = if action == Action::ZoomIn {
                    (s.zoom + 1).min(SCALES.len() - 1)
                } else if SCALES[s.zoom].days_in(plot_cols(w)) > hi - lo {
                    // Wider would only add empty days.
                    s.zoom
                } else {
                    s.zoom.saturating_sub(1)
                };
                if zoom == s.zoom {
                    cx.app.flash = Some(
                        if action == Action::ZoomIn {
                            "the closest zoom: four columns a day"
                        } else {
                            "the whole span is in view"
                        }
                        .into(),
                    );
                } else {
                    // The cursor keeps its place on the screen.
                    let before = s.geometry(w);
                    let frac = before
                        .col_of(s.day)
                        .map_or(0.5, |c| f64::from(c) / f64::from(before.cols.max(1)));
                    s.zoom = zoom;
                    let shown = SCALES[s.zoom].days_in(plot_cols(w));
                    s.first_day = (s.day - (frac * shown as f64) as i64).max(lo);
                }
            }
            Action::NextTelegram | Action::PrevTelegram => {
                // Through the lane's telegrams one by one, several on a day
                // included.
                let list = lane_telegrams(corpus, lane);
                let here = under_cursor(corpus, lane, s, w)
                    .and_then(|i| list.iter().position(|(j, _)| *j == i));
                let next = if action == Action::NextTelegram {
                    match here {
                        Some(k) => list.get(k + 1),
                        None => list.iter().find(|(_, t)| day_of(t) > Some(s.day)),
                    }
                } else {
                    match here {
                        Some(k) => k.checked_sub(1).and_then(|k| list.get(k)),
                        None => list.iter().rev().find(|(_, t)| day_of(t) < Some(s.day)),
                    }
                };
                match next {
                    Some((i, t)) => {
                        s.day = day_of(t).unwrap_or(s.day);
                        s.pick = Some(*i);
                    }
                    None => {
                        cx.app.flash = Some(format!(
                            "no more telegrams from {} that way",
                            corpus.name(&lane.sender)
                        ))
                    }
                }
            }
            Action::Open | Action::Confirm => match under_cursor(corpus, lane, s, w) {
                Some(i) => {
                    if cx.app.go_to(i) {
                        cx.app.say("the list filter was cleared to show it");
                    }
                    return Outcome::Close;
                }
                None => {
                    let down = cx.hints.key(Context::Timeline, Action::Down);
                    let up = cx.hints.key(Context::Timeline, Action::Up);
                    let (a, b) = s.cell(w);
                    let when = if b - a > 1 {
                        "in these days"
                    } else {
                        "on this day"
                    };
                    cx.app.flash = Some(format!(
                        "nothing from {} {when}: {down} {up} change the lane",
                        corpus.name(&lane.sender)
                    ))
                }
            },
            other => return stop_unless_global(other),
        }
        s.day = s.day.clamp(lo, hi);
        s.keep_visible(w, (lo, hi));
        Outcome::Consumed
    }

    fn sync(&mut self, cx: &mut Cx) {
        let w = cx.size.width;
        self.state.keep_visible(w, self.span);
        let key = (self.state.clone(), w);
        if self.drawn.as_ref().is_some_and(|d| d.key == key) {
            return;
        }
        let area = frame(Rect::new(0, 0, cx.size.width, cx.size.height));
        let g = self.state.geometry(area.width);
        let corpus = &cx.app.corpus;
        let (marks, counts, ten_or_more, marked_cells) = match self.drawn.take() {
            // The same columns: only the cursor moved.
            Some(d) if d.geometry == g => (d.marks, d.counts, d.ten_or_more, d.marked_cells),
            _ => {
                let counts = cells(corpus, &self.lanes, &g);
                let ten_or_more = counts.iter().flatten().any(|&(n, _)| n >= MANY);
                (
                    markers(corpus, &g),
                    counts,
                    ten_or_more,
                    self.marked_cells(corpus, &g),
                )
            }
        };
        let panel_w = area.width.saturating_sub(4) as usize;
        let wrapped = cx.size.height >= 30;
        let (lanes, state) = (&self.lanes, &self.state);
        let mut panel = panel(corpus, cx.theme, w, state, lanes, &g, (panel_w, wrapped));
        // On a tall screen, a line saying what is marked (the title
        // names it too).
        if let Some(m) = self.marked.as_ref().filter(|_| wrapped) {
            let what = format!(
                "underlined: {} — {} telegrams, {} events",
                m.label,
                m.telegrams.len(),
                m.events.len()
            );
            panel.insert(
                0,
                Line::styled(truncate(&what, panel_w), cx.theme.search_match()),
            );
        }
        self.drawn = Some(Drawn {
            key,
            geometry: g,
            marks,
            ten_or_more,
            counts,
            marked_cells,
            panel,
        });
    }

    fn render(&self, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
        draw::render(self, screen, buf, cx);
    }

    /// Built from the part shown while the corpus loaded: closed (and
    /// opened again on the whole, where it would be at the next start).
    fn corpus_replaced(&mut self, _map: &dyn Fn(usize) -> Option<usize>, _cx: &mut Cx) -> bool {
        false
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

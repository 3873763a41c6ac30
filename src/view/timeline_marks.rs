//! What the timeline draws, computed for a geometry: the month ruler, the
//! paper's events as labelled markers, the count of telegrams in every
//! lane's cells, and the panel on what lies under the cursor.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::timeline::{Geometry, Lane, Scale, TimelineState, day_of, under_cursor};
use crate::corpus::{Certainty, Corpus, Date, Event};
use crate::text::{sanitize, truncate, width, wrap};
use crate::theme::Theme;

/// The frame: the whole screen above the status line.
pub fn frame(screen: Rect) -> Rect {
    Rect {
        height: screen.height.saturating_sub(1),
        ..screen
    }
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// "Mon", "Tue", … for a day number (day 0, 1 January 1970, was a Thursday).
pub fn weekday(day: i64) -> &'static str {
    WEEKDAYS[(day + 3).rem_euclid(7) as usize]
}

/// An event's mark on the marker row: `◆` a key event, `▼` another event,
/// `‡` a second date the paper gives for an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    pub col: u16,
    pub glyph: char,
    pub label: String,
    pub key: bool,
}

/// Every event date on screen as a marker: each event at its date, and again
/// at each conflicting date the paper gives.
pub fn markers(corpus: &Corpus, g: &Geometry) -> Vec<Marker> {
    let mut out = Vec::new();
    for e in corpus.events.iter().filter(|e| e.date.is_full()) {
        let conflicted = !e.conflicts.is_empty();
        let label = if conflicted {
            format!("{}‡", e.short)
        } else {
            e.short.clone()
        };
        if let Some(col) = g.col_of(e.date.day_number()) {
            out.push(Marker {
                col,
                glyph: if e.key { '◆' } else { '▼' },
                label: label.clone(),
                key: e.key,
            });
        }
        for c in e.conflicts.iter().filter(|c| c.date.is_full()) {
            if let Some(col) = g.col_of(c.date.day_number()) {
                out.push(Marker {
                    col,
                    glyph: '‡',
                    label: format!("({})", e.short),
                    key: e.key,
                });
            }
        }
    }
    out
}

/// Places marker labels on `rows` rows: key events first, then the events
/// nearest `focus` (the cursor's column), each starting at its marker's
/// column (or ending at the plot's edge, if it would run past it) on the
/// first row where it does not touch another label. Returns (row, col,
/// text); labels with no room are left out (the cursor's panel names every
/// event on its day).
pub fn place_labels(
    markers: &[Marker],
    rows: usize,
    cols: u16,
    focus: Option<u16>,
) -> Vec<(usize, u16, String)> {
    let mut order: Vec<&Marker> = markers.iter().collect();
    let near = |m: &Marker| focus.map_or(m.col, |f| m.col.abs_diff(f));
    order.sort_by_key(|m| (!m.key, m.glyph == '‡', near(m), m.col));
    let mut taken: Vec<Vec<(u16, u16)>> = vec![Vec::new(); rows];
    let mut out = Vec::new();
    for m in order {
        let w = width(&m.label) as u16;
        if w > cols {
            continue;
        }
        let start = m.col.min(cols - w);
        let end = start + w;
        for (r, spans) in taken.iter_mut().enumerate() {
            if spans.iter().all(|&(a, b)| end + 1 < a || start > b + 1) {
                spans.push((start, end));
                out.push((r, start, m.label.clone()));
                break;
            }
        }
    }
    out
}

/// Text at plot columns.
pub type Ticks = Vec<(u16, String)>;

/// The ruler's two rows: month names at the column of each month's first
/// day (the first visible month at column 0), and day numbers as they fit,
/// leaving room around the cursor's day number (drawn apart, highlighted)
/// so the two never read as one.
pub fn ruler(g: &Geometry, cursor: Option<(u16, String)>) -> (Ticks, Ticks) {
    let last = g.first_day + g.scale.days_in(g.cols);
    let mut months = Vec::new();
    let mut days = Vec::new();
    let mut month_end = 0u16;
    let mut day_end = 0u16;
    let clear_of_cursor = |col: u16, w: u16| {
        cursor
            .as_ref()
            .is_none_or(|(c, s)| col + w < *c || col > c + s.len() as u16)
    };
    let every_day = matches!(g.scale, Scale::ColsPerDay(n) if n >= 2);
    for d in g.first_day..last {
        let date = Date::from_day_number(d);
        let Some(col) = g.col_of(d) else { continue };
        let (day, month) = (date.day.unwrap_or(1), date.month.unwrap_or(1));
        if day == 1 || d == g.first_day {
            let mut name = Date::month_name(month)[..3].to_string();
            if month == 1 && d != g.first_day {
                name.push_str(&format!(" {}", date.year));
            }
            let w = width(&name) as u16;
            if (col >= month_end || months.is_empty()) && col + w <= g.cols {
                months.push((col, name));
                month_end = col + w + 1;
            }
        }
        let tick = match g.scale {
            _ if every_day => true,
            Scale::ColsPerDay(_) => matches!(day, 1 | 5 | 10 | 15 | 20 | 25),
            Scale::DaysPerCol(n) if n <= 3 => matches!(day, 1 | 15),
            Scale::DaysPerCol(_) => false,
        };
        if tick {
            let s = day.to_string();
            let w = s.len() as u16;
            if (col >= day_end || days.is_empty()) && col + w <= g.cols && clear_of_cursor(col, w) {
                days.push((col, s));
                day_end = col + w + 1;
            }
        }
    }
    (months, days)
}

/// What the lane draws in one column: the number of telegrams in it, and
/// whether they are all dated to the month only.
/// What every lane draws in every column: the number of telegrams, and
/// whether they are all dated to the month only. One pass over the corpus,
/// so a frame costs the same at any zoom.
pub fn cells(corpus: &Corpus, lanes: &[Lane], g: &Geometry) -> Vec<Vec<(usize, bool)>> {
    let mut out = vec![vec![(0, true); g.cols as usize]; lanes.len()];
    for t in &corpus.telegrams {
        let Some(col) = day_of(t).and_then(|d| g.col_of(d)) else {
            continue;
        };
        for sender in &t.from {
            if let Some(l) = lanes.iter().position(|l| &l.sender == sender) {
                let c = &mut out[l][usize::from(col)];
                c.0 += 1;
                c.1 &= !t.date.is_full();
            }
        }
    }
    out
}

/// The fewest telegrams a cell draws as `+` rather than their number.
pub const MANY: usize = 10;

pub fn count_glyph(n: usize, month_only: bool) -> String {
    match n {
        0 => " ".into(),
        1 if month_only => "◦".into(),
        1 => "●".into(),
        n if n < MANY => n.to_string(),
        _ => "+".into(),
    }
}

/// The first column of the cursor's cell and how many columns it takes.
pub fn cursor_cols(g: &Geometry, day: i64) -> Option<(u16, u16)> {
    let col = g.col_of(day)?;
    let w = match g.scale {
        Scale::ColsPerDay(n) => n,
        Scale::DaysPerCol(_) => 1,
    };
    Some((col, w.min(g.cols - col)))
}

/// "2 October 1950" or "29 September – 1 October 1950" for a cell.
fn range_label(a: i64, b: i64) -> String {
    let first = Date::from_day_number(a);
    if b - a <= 1 {
        return format!("{} {}", weekday(a), first.long());
    }
    let last = Date::from_day_number(b - 1);
    format!("{} – {}", first.short(), last.long())
}

/// Events whose date (or a conflicting date) falls in [a, b).
fn events_in(corpus: &Corpus, a: i64, b: i64) -> Vec<(&Event, Option<&crate::corpus::Conflict>)> {
    let mut out = Vec::new();
    for e in corpus.events.iter().filter(|e| e.date.is_full()) {
        let d = e.date.day_number();
        if d >= a && d < b {
            out.push((e, None));
        }
        for c in e.conflicts.iter().filter(|c| c.date.is_full()) {
            let d = c.date.day_number();
            if d >= a && d < b {
                out.push((e, Some(c)));
            }
        }
    }
    out
}

/// The panel under the lanes: the cursor's day(s), its offsets from the key
/// events, the events and the telegrams on it, for a width; `wrapped`
/// wraps the events' details where the screen has room for them.
pub fn panel(
    corpus: &Corpus,
    theme: &Theme,
    screen_width: u16,
    s: &TimelineState,
    all: &[Lane],
    g: &Geometry,
    (width, wrapped): (usize, bool),
) -> Vec<Line<'static>> {
    let (a, b) = match g.col_of(s.day) {
        Some(c) => g.days_of(c),
        None => (s.day, s.day + 1),
    };
    let mut out = Vec::new();
    let mut head = vec![Span::styled(range_label(a, b), theme.heading())];
    let offsets = corpus.offsets(&Date::from_day_number(s.day));
    if !offsets.is_empty() {
        let parts: Vec<String> = offsets
            .iter()
            .map(|o| {
                let mut p = format!("{} {}", o.event.short, crate::corpus::format_offset(o.days));
                if !o.alt_days.is_empty() {
                    let alts: Vec<String> = o
                        .alt_days
                        .iter()
                        .map(|d| crate::corpus::format_offset(*d))
                        .collect();
                    p.push_str(&format!(" (‡ {})", alts.join(", ")));
                }
                p
            })
            .collect();
        head.push(Span::styled(
            format!("  ·  {}", parts.join(" · ")),
            theme.dim(),
        ));
    }
    let segs: Vec<(String, Style)> = head
        .into_iter()
        .map(|s| (s.content.into_owned(), s.style))
        .collect();
    let mut head = wrap(&segs, width, &[], &[Span::raw("  ")]);
    if !wrapped {
        head.truncate(1);
    }
    let head_lines = head.len();
    out.extend(head);
    for (e, conflict) in events_in(corpus, a, b) {
        let mut text = sanitize(&e.label);
        if e.certainty != Certainty::Exact {
            text.push_str(&format!(" ({})", e.certainty.marker()));
        }
        if !e.conflicts.is_empty() {
            // Every date the paper gives, whichever of them this is.
            let others: Vec<String> = e
                .conflicts
                .iter()
                .map(|c| format!("{} ({})", c.date.long(), sanitize(&c.place)))
                .collect();
            text.push_str(&format!(
                " — the paper dates it {}; also {}",
                e.date.long(),
                others.join("; ")
            ));
        }
        let (glyph, style) = match conflict {
            Some(_) => ('‡', theme.event()),
            None if e.key => ('◆', theme.event()),
            None => ('▼', theme.label()),
        };
        // Wrapped, not cut, where there is room: an event's details (the
        // other dates the paper gives, and where) are the point of reading
        // it here. On a short screen, one line each.
        let first = vec![Span::styled(format!("{glyph} "), style)];
        if wrapped {
            out.extend(wrap(
                &[(text, Style::new())],
                width,
                &first,
                &[Span::raw("  ")],
            ));
        } else {
            let mut line = first;
            line.push(Span::raw(truncate(&text, width.saturating_sub(2))));
            out.push(Line::from(line));
        }
    }
    let lane = &all[s.lane.min(all.len().saturating_sub(1))];
    let chosen = under_cursor(corpus, lane, s, screen_width);
    let mut telegrams: Vec<(bool, Line<'static>)> = Vec::new();
    for (i, t) in corpus.telegrams.iter().enumerate() {
        if !day_of(t).is_some_and(|d| d >= a && d < b) {
            continue;
        }
        let mine = t.from.contains(&lane.sender);
        let mark = if chosen == Some(i) { "› " } else { "  " };
        let date = if t.date.is_full() && b - a <= 1 {
            String::new()
        } else {
            format!("{} · ", t.date.short())
        };
        let text = format!("{date}{} · {}", corpus.chain(t), sanitize(&t.title));
        let style = if mine { theme.heading() } else { Style::new() };
        let line = Line::from(vec![
            Span::styled(mark, theme.key()),
            Span::styled(truncate(&text, width.saturating_sub(2)), style),
        ]);
        telegrams.push((chosen == Some(i), line));
    }
    // What Enter opens comes first, then the day's events, then the rest.
    let others = out.split_off(head_lines);
    if telegrams.is_empty() {
        out.push(Line::styled("  no telegrams on this day", theme.dim()));
    }
    out.extend(telegrams.iter().filter(|(c, _)| *c).map(|(_, l)| l.clone()));
    out.extend(others);
    out.extend(telegrams.into_iter().filter(|(c, _)| !*c).map(|(_, l)| l));
    out
}

/// The marks explained; the one for ten telegrams or more (`+`) only
/// where a cell shows it (`ten_or_more`: never on the bundled corpus).
pub fn legend(ten_or_more: bool) -> &'static str {
    if ten_or_more {
        "● telegram  2–9 that many  + ten or more  ◦ month only (drawn on the 1st)  ◆ key event  ▼ event  ‡ another date the paper gives"
    } else {
        "● telegram  2–9 that many  ◦ month only (drawn on the 1st)  ◆ key event  ▼ event  ‡ another date the paper gives"
    }
}

/// The first lane drawn when `rows` lanes fit: the cursor's lane stays in view.
pub fn lane_offset(cursor: usize, n: usize, rows: usize) -> usize {
    if rows == 0 || n <= rows {
        0
    } else {
        cursor.saturating_sub(rows - 1).min(n - rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::timeline::*;

    #[test]
    fn weekdays() {
        assert_eq!(weekday(Date::ymd(1950, 10, 2).day_number()), "Mon");
        assert_eq!(weekday(Date::ymd(1950, 9, 15).day_number()), "Fri");
        assert_eq!(weekday(0), "Thu");
    }

    #[test]
    fn labels_never_touch() {
        let m = |col: u16, label: &str, key: bool| Marker {
            col,
            glyph: '▼',
            label: label.into(),
            key,
        };
        let marks = [
            m(10, "Inchon", true),
            m(12, "Team", false),
            m(20, "38th", true),
            m(21, "Zhou leaves", false),
        ];
        let placed = place_labels(&marks, 2, 40, None);
        // The key events take the first row; the others go below them, on
        // the second row, where "Team" (12–16) leaves room for "Zhou leaves".
        assert!(placed.contains(&(0, 10, "Inchon".into())));
        assert!(placed.contains(&(0, 20, "38th".into())));
        assert!(placed.contains(&(1, 12, "Team".into())));
        assert!(placed.contains(&(1, 21, "Zhou leaves".into())));
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                if a.0 == b.0 {
                    let (a0, a1) = (a.1, a.1 + width(&a.2) as u16);
                    let (b0, b1) = (b.1, b.1 + width(&b.2) as u16);
                    assert!(a1 + 1 < b0 || b1 + 1 < a0, "{a:?} touches {b:?}");
                }
            }
        }
        // A label that would run off the plot ends at its edge instead.
        assert_eq!(
            place_labels(&[m(38, "Inchon", true)], 1, 40, None),
            [(0, 34, "Inchon".to_string())]
        );
        // With one row for two events, the one nearer the cursor gets it.
        let two = [m(2, "Far", false), m(30, "Near", false)];
        assert_eq!(place_labels(&two, 1, 40, Some(29)).len(), 2);
        let crowded = [m(2, "Far away", false), m(5, "Near", false)];
        assert_eq!(
            place_labels(&crowded, 1, 40, Some(6)),
            [(0, 5, "Near".to_string())]
        );
    }

    #[test]
    fn the_cursors_number_stands_apart_on_the_ruler() {
        let g = Geometry {
            first_day: Date::ymd(1950, 9, 20).day_number(),
            scale: Scale::ColsPerDay(1),
            cols: 60,
        };
        // The cursor on 2 October (column 12): the tick for 1 October
        // (column 11) would touch it and is left out.
        let (_, days) = ruler(&g, Some((12, "2".into())));
        assert!(
            days.iter()
                .all(|(c, s)| c + (s.len() as u16) < 12 || *c > 13),
            "{days:?}"
        );
        assert!(days.contains(&(5, "25".to_string())));
        let (_, free) = ruler(&g, None);
        assert!(free.contains(&(11, "1".to_string())));
    }

    #[test]
    fn the_ruler_names_months_where_they_start() {
        let g = Geometry {
            first_day: Date::ymd(1950, 9, 20).day_number(),
            scale: Scale::ColsPerDay(2),
            cols: 60,
        };
        let (months, days) = ruler(&g, None);
        assert_eq!(months[0], (0, "Sep".to_string()));
        assert_eq!(months[1], (22, "Oct".to_string()));
        // Two columns a day: a number every other day at least, never touching.
        assert_eq!(days[0], (0, "20".to_string()));
        for w in days.windows(2) {
            assert!(w[0].0 + (w[0].1.len() as u16) < w[1].0);
        }
    }

    #[test]
    fn cell_counts_match_a_scan_of_each_cell() {
        let c = Corpus::embedded().unwrap();
        let all = lanes(&c);
        for scale in [
            Scale::DaysPerCol(7),
            Scale::DaysPerCol(2),
            Scale::ColsPerDay(1),
            Scale::ColsPerDay(3),
        ] {
            let g = Geometry {
                first_day: Date::ymd(1950, 6, 1).day_number(),
                scale,
                cols: 120,
            };
            let counts = cells(&c, &all, &g);
            for (l, lane) in all.iter().enumerate() {
                for col in 0..g.cols {
                    let (a, b) = g.days_of(col);
                    let scan: Vec<_> = crate::view::timeline::in_cell(&c, lane, a, b).collect();
                    let first_of_day = !matches!(scale, Scale::ColsPerDay(k) if col % k != 0);
                    if first_of_day {
                        assert_eq!(
                            counts[l][usize::from(col)].0,
                            scan.len(),
                            "{scale:?} {} col {col}",
                            lane.sender
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_cursors_lane_stays_in_view() {
        assert_eq!(lane_offset(0, 14, 5), 0);
        assert_eq!(lane_offset(4, 14, 5), 0);
        assert_eq!(lane_offset(5, 14, 5), 1);
        assert_eq!(lane_offset(13, 14, 5), 9);
        assert_eq!(lane_offset(3, 4, 10), 0);
        assert_eq!(lane_offset(3, 4, 0), 0);
    }

    #[test]
    fn event_details_wrap_where_there_is_room_and_are_cut_where_not() {
        let c = Corpus::embedded().unwrap();
        let lanes = lanes(&c);
        // A day with an event the paper dates two ways: its details are long.
        let e = c
            .events
            .iter()
            .find(|e| !e.conflicts.is_empty() && e.date.is_full())
            .unwrap();
        let day = e.date.day_number();
        let s = TimelineState {
            day,
            lane: 0,
            zoom: SCALES
                .iter()
                .position(|x| *x == Scale::ColsPerDay(1))
                .unwrap(),
            first_day: day - 10,
            pick: None,
        };
        let g = s.geometry(120);
        let text = |l: &Line| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        };
        let wrapped = panel(&c, &Theme::plain(), 120, &s, &lanes, &g, (40, true));
        let cut = panel(&c, &Theme::plain(), 120, &s, &lanes, &g, (40, false));
        assert!(wrapped.len() > cut.len(), "the event takes several lines");
        let all: String = wrapped.iter().map(|l| text(l) + " ").collect();
        assert!(all.contains("also"), "its other date is there: {all}");
        for l in wrapped.iter().chain(&cut) {
            assert!(crate::text::width(&text(l)) <= 40, "{}", text(l));
        }
    }
}

//! The timeline and the correspondence matrix: where marks land on screen at
//! several zooms and widths, the keys, snapshots, and the real binary.

mod common;

use common::app::*;
use common::pty::Pty;
use insta::assert_snapshot;
use shifr::app::Pane;
use shifr::corpus::Date;
use shifr::ui::help::Help;
use shifr::ui::matrix::MatrixView;
use shifr::ui::timeline::Timeline;
use shifr::view::timeline::{SCALES, Scale, TimelineState, label_width};

fn day(y: i32, m: u8, d: u8) -> i64 {
    Date::ymd(y, m, d).day_number()
}

fn on(id: &str, w: u16, h: u16, keys: &str) -> Harness {
    let mut a = app(w, h);
    a.open_id(id).unwrap();
    a.press(keys).unwrap();
    a
}

fn state(a: &Harness) -> TimelineState {
    a.top_as::<Timeline>()
        .expect("no timeline on top")
        .state
        .clone()
}

/// The character drawn at (x, y).
fn at(a: &Harness, x: u16, y: u16) -> String {
    let t = terminal(a);
    t.backend().buffer()[(x, y)].symbol().to_string()
}

/// The screen column of a day on the timeline's plot.
fn screen_col(a: &Harness, d: i64) -> Option<u16> {
    let s = state(a);
    let g = s.geometry(a.size().width);
    g.col_of(d).map(|c| 1 + label_width(a.size().width) + 1 + c)
}

const EVENTS_ROW: u16 = 3;

#[test]
fn t_opens_on_the_open_telegrams_day_and_sender() {
    let a = on("1950-10-02-mao-stalin", 120, 40, "t");
    let s = state(&a);
    assert_eq!(s.day, day(1950, 10, 2));
    assert_eq!(s.lane, 1, "Mao's lane, second after Stalin's");
    assert_eq!(a.mode(), "TIMELINE");
    // Day by day, ending on the Yalu crossing, at 120 columns.
    assert_eq!(SCALES[s.zoom], Scale::ColsPerDay(1));
    let g = s.geometry(120);
    assert_eq!(g.days_of(g.cols - 1).0, day(1950, 10, 19));
    // Wide enough for the paper's whole window, 25 June to 19 October, day
    // by day.
    let wide = state(&on("1950-10-02-mao-stalin", 160, 45, "t"));
    assert_eq!(SCALES[wide.zoom], Scale::ColsPerDay(1));
    let g = wide.geometry(160);
    assert!(g.col_of(day(1950, 6, 25)).is_some() && g.col_of(day(1950, 10, 19)).is_some());
}

#[test]
fn markers_land_on_their_days_at_every_zoom_and_width() {
    for (w, h) in [(80, 24), (120, 40), (160, 45), (250, 50)] {
        let mut a = on("1950-10-02-mao-stalin", w, h, "t");
        // From the widest zoom to the closest.
        for _ in 0..SCALES.len() {
            a.press("-").unwrap();
        }
        // Zooming out stops once the whole span is in view.
        let widest = state(&a).zoom;
        let (lo, hi) = shifr::view::timeline::span(&a.corpus);
        let g = state(&a).geometry(w);
        assert!(
            g.col_of(lo).is_some() && g.col_of(hi).is_some(),
            "{w}x{h}: span not in view"
        );
        for z in widest..SCALES.len() {
            let s = state(&a);
            assert_eq!(s.zoom, z);
            let g = s.geometry(w);
            // The cursor's day is always on screen.
            assert!(
                g.col_of(s.day).is_some(),
                "{w}x{h} zoom {z}: cursor off screen"
            );
            for (id, glyph) in [
                ("inchon", "◆"),
                ("us-crosses-38th", "◆"),
                ("cpv-crosses-yalu", "◆"),
            ] {
                let e = a.corpus.events.iter().find(|e| e.id == id).unwrap();
                if let Some(x) = screen_col(&a, e.date.day_number()) {
                    assert_eq!(
                        at(&a, x, EVENTS_ROW),
                        glyph,
                        "{w}x{h} zoom {z}: {id} at column {x}"
                    );
                }
            }
            // Inchon's other date in the paper (19 September) is marked too,
            // unless it shares a column with an event's own date, which is
            // never hidden by it.
            if let Some(x) = screen_col(&a, day(1950, 9, 19)) {
                let own =
                    a.corpus.events.iter().any(|e| {
                        e.date.is_full() && screen_col(&a, e.date.day_number()) == Some(x)
                    });
                let want = if own { "▼" } else { "‡" };
                if !(own && at(&a, x, EVENTS_ROW) == "◆") {
                    assert_eq!(at(&a, x, EVENTS_ROW), want, "{w}x{h} zoom {z}");
                }
            }
            a.press("+").unwrap();
        }
    }
}

#[test]
fn the_decision_sits_between_inchon_and_the_crossing() {
    // What the timeline is for: at a glance, Mao's 2 October message comes
    // after Inchon and before the US crossing of the 38th parallel.
    let a = on("1950-10-02-mao-stalin", 120, 40, "t");
    let inchon = screen_col(&a, day(1950, 9, 15)).unwrap();
    let mao = screen_col(&a, day(1950, 10, 2)).unwrap();
    let crossing = screen_col(&a, day(1950, 10, 7)).unwrap();
    assert!(inchon < mao && mao < crossing);
    let text = screen(&a);
    assert!(text.contains("Inchon +17\u{a0}d"), "{text}");
    assert!(text.contains("38th −5\u{a0}d"), "{text}");
    assert!(text.contains("› Mao → Roshchin → Stalin"), "{text}");
}

#[test]
fn moving_by_day_week_and_telegram() {
    let mut a = on("1950-10-02-mao-stalin", 120, 40, "t");
    a.press("l").unwrap();
    assert_eq!(state(&a).day, day(1950, 10, 3));
    a.press("L").unwrap();
    assert_eq!(state(&a).day, day(1950, 10, 10));
    a.press("H h").unwrap();
    assert_eq!(state(&a).day, day(1950, 10, 2));
    // ] jumps to Mao's next telegram.
    a.press("]").unwrap();
    assert_eq!(state(&a).day, day(1950, 10, 6));
    a.press("[ [").unwrap();
    assert!(state(&a).day < day(1950, 10, 2));
    // j moves down a lane; g and G go to the ends of the span.
    a.press("j G").unwrap();
    assert_eq!((state(&a).lane, state(&a).day), (2, day(1950, 10, 19)));
    a.press("g").unwrap();
    assert_eq!(state(&a).day, day(1950, 1, 12));
    assert!(screen_col(&a, day(1950, 1, 12)).is_some());
}

#[test]
fn enter_opens_the_telegram_under_the_cursor() {
    let mut a = on("1950-10-18-stalin-mao", 120, 40, "t");
    // Up to Stalin's lane is where we are; Mao's lane, then back to 2 October.
    a.press("j").unwrap();
    while state(&a).day > day(1950, 10, 2) {
        a.press("h").unwrap();
    }
    a.press("enter").unwrap();
    assert!((a.overlays() == 0));
    assert_eq!(a.telegram().unwrap().id, "1950-10-02-mao-stalin");
    assert_eq!(a.focus, Pane::Message);
    // The list follows.
    let i = a.corpus.telegram_index("1950-10-02-mao-stalin").unwrap();
    assert_eq!(a.list.selected_telegram(), Some(i));
    // An empty day says so and stays.
    let mut a = on("1950-10-02-mao-stalin", 120, 40, "t l l l");
    a.press("enter").unwrap();
    assert!(a.top_is::<Timeline>());
    assert_eq!(
        a.flash.as_deref(),
        Some("nothing from Mao on this day: j/down k/up change the lane")
    );
}

#[test]
fn t_or_esc_closes_and_resizes_keep_the_cursor() {
    let mut a = on("1950-10-02-mao-stalin", 120, 40, "t");
    a.resize(60, 20);
    let s = state(&a);
    assert!(s.geometry(60).col_of(s.day).is_some());
    a.resize(1, 1);
    a.resize(120, 40);
    assert!(state(&a).geometry(120).col_of(day(1950, 10, 2)).is_some());
    a.press("t").unwrap();
    assert!((a.overlays() == 0));
    a.press("t esc").unwrap();
    assert!((a.overlays() == 0));
    a.press("t ?").unwrap();
    assert!(a.top_is::<Help>());
    assert!(screen(&a).contains("Timeline"));
}

#[test]
fn the_matrix_opens_on_the_pair_and_enter_filters_the_list() {
    let mut a = on("1950-10-02-mao-stalin", 120, 40, "m");
    assert_eq!(a.mode(), "MATRIX");
    let text = screen(&a);
    assert!(text.contains("Mao → Stalin: 2 telegrams"), "{text}");
    assert!(text.contains("via  Roshchin ×2"), "{text}");
    a.press("enter").unwrap();
    assert!((a.overlays() == 0));
    assert_eq!(a.list.count(), 2);
    assert!(screen(&a).contains("filter: Mao → Stalin"));
    // f clears it.
    a.press("f").unwrap();
    assert_eq!(a.list.count(), a.corpus.telegrams.len());
    // A cell nobody wrote along does not filter.
    let mut a = on("1950-10-02-mao-stalin", 120, 40, "m");
    let m = shifr::view::matrix::matrix(&a.corpus);
    let (r, c) = (0..m.senders.len())
        .flat_map(|r| (0..m.recipients.len()).map(move |c| (r, c)))
        .find(|&(r, c)| m.counts[r][c] == 0)
        .unwrap();
    a.press("g").unwrap();
    for _ in 0..r {
        a.press("j").unwrap();
    }
    for _ in 0..m.recipients.len() {
        a.press("h").unwrap();
    }
    for _ in 0..c {
        a.press("l").unwrap();
    }
    a.press("enter").unwrap();
    assert!(a.top_is::<MatrixView>());
    assert_eq!(a.flash.as_deref(), Some("nobody wrote along this pair"));
    a.press("m").unwrap();
    assert!((a.overlays() == 0));
}

macro_rules! screens {
    ($($name:ident: $id:expr, $w:expr, $h:expr, $keys:expr;)+) => {
        $(
            #[test]
            fn $name() {
                assert_snapshot!(screen(&on($id, $w, $h, $keys)));
            }
        )+
    };
}

screens! {
    timeline_2_october_120x40: "1950-10-02-mao-stalin", 120, 40, "t";
    timeline_2_october_80x24: "1950-10-02-mao-stalin", 80, 24, "t";
    timeline_zoomed_in_120x40: "1950-10-02-mao-stalin", 120, 40, "t + +";
    timeline_zoomed_out_160x45: "1950-10-02-mao-stalin", 160, 45, "t - - -";
    timeline_tiny_30x8: "1950-10-02-mao-stalin", 30, 8, "t";
    matrix_120x40: "1950-10-02-mao-stalin", 120, 40, "m";
    matrix_80x24: "1950-10-02-mao-stalin", 80, 24, "m";
}

#[test]
fn pty_t_move_enter_lands_on_the_telegram() {
    let mut p = Pty::spawn(&["open", "1950-10-18-stalin-mao"], 120, 40);
    p.wait_text("Message");
    p.send("t");
    p.wait_text("TIMELINE");
    p.wait_text("Wed 18 October 1950");
    p.send("j");
    // Left, one day at a time, to 2 October.
    for _ in 0..16 {
        p.send("h");
    }
    p.wait_text("Mon 2 October 1950");
    p.wait_text("› Mao → Roshchin → Stalin");
    p.send("\r");
    p.wait_for("the reader on Mao's message", |s| {
        let t = s.contents();
        t.contains("MESSAGE") && t.contains("Mao on sending troops") && !t.contains("TIMELINE")
    });
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn bracket_steps_through_several_telegrams_on_one_day() {
    // Mao sent two messages on 13 October: ] reaches both, Enter opens
    // the one it stands on.
    let mut a = on("1950-10-11-zhou-mao", 120, 40, "t k");
    assert_eq!(
        shifr::view::timeline::lanes(&a.corpus)[state(&a).lane].sender,
        "mao"
    );
    let mut seen = Vec::new();
    for _ in 0..6 {
        a.press("]").unwrap();
        if state(&a).day == day(1950, 10, 13) {
            seen.push(state(&a).pick.unwrap());
        }
    }
    let ids: Vec<&str> = seen
        .iter()
        .map(|&i| a.corpus.telegrams[i].id.as_str())
        .collect();
    assert_eq!(ids, ["1950-10-13-mao-stalin", "1950-10-13-mao-zhou"]);
    while state(&a).pick.map(|i| a.corpus.telegrams[i].id.as_str()) != Some("1950-10-13-mao-zhou") {
        a.press("[").unwrap();
    }
    a.press("enter").unwrap();
    assert_eq!(a.telegram().unwrap().id, "1950-10-13-mao-zhou");
}

#[test]
fn zoom_limits_leave_the_view_alone() {
    let mut a = on("1950-10-02-mao-stalin", 80, 24, "t + + + + + +");
    let before = state(&a);
    a.press("+").unwrap();
    assert_eq!(state(&a), before);
    assert!(a.flash.as_deref().unwrap().contains("closest zoom"));
    a.press("- - - - - - - - -").unwrap();
    let widest = state(&a);
    a.press("-").unwrap();
    assert_eq!(state(&a), widest);
    assert_eq!(a.flash.as_deref(), Some("the whole span is in view"));
}

#[test]
fn every_sender_has_a_lane_and_the_undated_are_named() {
    let a = on("1950-10-02-mao-stalin", 120, 40, "t");
    let lanes: Vec<String> = shifr::view::timeline::lanes(&a.corpus)
        .into_iter()
        .map(|l| l.sender)
        .collect();
    // Co-senders of joint messages too.
    for id in ["pak-hon-yong", "pak", "zhou"] {
        assert!(lanes.contains(&id.to_string()), "{id}");
    }
    let text = screen(&a);
    assert!(
        text.contains("dated to the year only, not drawn: "),
        "{text}"
    );
    for t in shifr::view::timeline::undated(&a.corpus) {
        assert!(text.contains(&a.corpus.chain(t)), "{}", t.id);
    }
}

#[test]
fn short_screens_show_lanes_or_say_too_small() {
    for h in 6..=14 {
        let a = on("1950-10-02-mao-stalin", 60, h, "t");
        let text = screen(&a);
        assert!(
            text.contains("Mao") || text.contains("too small"),
            "60x{h} shows neither lanes nor 'too small':\n{text}"
        );
    }
}

#[test]
fn opening_a_telegram_outside_the_filter_says_so() {
    // The list narrowed to Stalin; on the timeline, Mao's message of 1
    // October to Deng Hua is outside it.
    let mut a = on("1950-10-02-mao-stalin", 120, 40, "f s t a l i n enter t h");
    assert!(a.list.filter.is_some());
    for key in ["]", "[", "[", "]"] {
        if under(&a) == Some("1950-10-01-mao-deng-hua") {
            break;
        }
        a.press(key).unwrap();
    }
    assert_eq!(under(&a), Some("1950-10-01-mao-deng-hua"));
    a.press("enter").unwrap();
    assert_eq!(a.telegram().unwrap().id, "1950-10-01-mao-deng-hua");
    assert!(a.list.filter.is_none());
    assert_eq!(
        a.flash.as_deref(),
        Some("the list filter was cleared to show it")
    );
}

fn under(a: &Harness) -> Option<&str> {
    let s = state(a);
    let lanes = shifr::view::timeline::lanes(&a.corpus);
    shifr::view::timeline::under_cursor(&a.corpus, &lanes[s.lane], &s, a.size().width)
        .map(|i| a.corpus.telegrams[i].id.as_str())
}

/// The legend explains `+` (ten telegrams or more in a cell) where a
/// cell shows it, as at scale, and not where none does, as on the bundled
/// corpus.
#[test]
fn the_legend_explains_plus_where_a_cell_shows_it() {
    let mut a = app(200, 50);
    a.press("t").unwrap();
    let s = screen(&a);
    assert!(!s.contains("ten or more"), "{s}");
    let big = std::sync::Arc::new(shifr::corpus::synth::generate(4_000, 7));
    let app = shifr::app::App::new(big, shifr::keymap::Keymap::defaults());
    let mut a = Harness::new(app, 200, 50);
    a.press("t").unwrap();
    let s = screen(&a);
    let plot: String = s.lines().skip(5).take(30).collect();
    assert!(plot.contains('+'), "a cell of ten or more:\n{s}");
    assert!(s.contains("+ ten or more"), "{s}");
}

//! Rendering snapshots of every reader screen on ratatui's TestBackend, at
//! 80×24 and 120×40, plus the style facts a snapshot of text cannot show.

mod common;

use std::sync::Arc;

use common::app::*;
use insta::assert_snapshot;
use ratatui::style::Modifier;
use shifr::app::App;
use shifr::corpus::Corpus;
use shifr::keymap::Keymap;

fn at(w: u16, h: u16, keys: &str, open: Option<&str>) -> Harness {
    let mut a = app(w, h);
    if let Some(id) = open {
        a.open_id(id).unwrap();
        a.focus = shifr::app::Pane::List;
        a.sync();
    }
    a.press(keys).unwrap();
    a
}

macro_rules! screens {
    ($($name:ident: $w:expr, $h:expr, $keys:expr, $open:expr;)+) => {
        $(
            #[test]
            fn $name() {
                assert_snapshot!(screen(&at($w, $h, $keys, $open)));
            }
        )+
    };
}

screens! {
    start_80x24: 80, 24, "", None;
    start_120x40: 120, 40, "", None;
    mao_2_october_80x24: 80, 24, "", Some("1950-10-02-mao-stalin");
    mao_2_october_120x40: 120, 40, "", Some("1950-10-02-mao-stalin");
    mao_2_october_200x50: 200, 50, "", Some("1950-10-02-mao-stalin");
    start_200x50: 200, 50, "", None;
    notes_focused_anchor_120x40: 120, 40, "tab tab j", Some("1950-10-02-mao-stalin");
    help_80x24: 80, 24, "?", None;
    help_120x40: 120, 40, "?", None;
    filter_picker_80x24: 80, 24, "f s", None;
    filtered_list_120x40: 120, 40, "f r o s h enter", None;
    flat_list_120x40: 120, 40, "o j j j j j", None;
    flat_list_80x24: 80, 24, "o", None;
    bookmarks_80x24: 80, 24, "b ] tab } b B", Some("1950-10-02-mao-stalin");
    bookmarks_empty_120x40: 120, 40, "B", None;
    passage_yanked_80x24: 80, 24, "tab } Y", Some("1950-10-02-mao-stalin");
    narrow_single_pane_60x20: 60, 20, "tab", None;
    annotations_hidden_120x40: 120, 40, "A", Some("1950-10-04-stalin-mao");
    too_small_20x5: 20, 5, "", None;
    too_small_1x1: 1, 1, "", None;
}

fn unicode_app(w: u16, h: u16) -> Harness {
    let dir = common::fixtures().join("unicode");
    let corpus = Arc::new(Corpus::load_dir(&dir).unwrap());
    let mut a = Harness::new(App::new(corpus, Keymap::defaults()), w, h);
    a.press("enter tab").unwrap();
    a
}

#[test]
fn cyrillic_cjk_and_combining_names_80x24() {
    assert_snapshot!(screen(&unicode_app(80, 24)));
}

#[test]
fn cyrillic_cjk_and_combining_names_120x40() {
    assert_snapshot!(screen(&unicode_app(120, 40)));
}

/// Every row is exactly as wide as the screen, whatever the script: wide
/// characters never push a border out of its column.
#[test]
fn borders_stay_in_their_columns_with_wide_text() {
    for (w, h) in [(80, 24), (120, 40), (97, 31)] {
        let a = unicode_app(w, h);
        let t = terminal(&a);
        let buf = t.backend().buffer();
        let areas = a.areas();
        for r in [areas.list, areas.message, areas.annotations]
            .into_iter()
            .flatten()
        {
            for y in r.y..r.bottom() {
                for x in [r.x, r.right() - 1] {
                    let s = buf[(x, y)].symbol();
                    assert!(
                        ["│", "┃", "┌", "┐", "└", "┘", "┏", "┓", "┗", "┛", "█", "║"].contains(&s),
                        "{w}x{h}: border cell ({x},{y}) is {s:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn focus_and_selection_show_without_colour() {
    let a = app(120, 40);
    let t = terminal(&a);
    let buf = t.backend().buffer();
    let list = a.areas().list.unwrap();
    assert_eq!(
        buf[(list.x, list.y)].symbol(),
        "┏",
        "the focused pane has a thick border"
    );
    let msg = a.areas().message.unwrap();
    assert_eq!(buf[(msg.x, msg.y)].symbol(), "┌");
    // The selected row (the first telegram, under its group header) is reversed.
    let cell = &buf[(list.x + 5, list.y + 2)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    assert_eq!(
        cell.fg,
        ratatui::style::Color::Reset,
        "no colour under NO_COLOR"
    );
}

#[test]
fn quotes_and_summaries_differ_without_colour() {
    let mut a = app(120, 40);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    let t = terminal(&a);
    let buf = t.backend().buffer();
    let text = screen(&a);
    let row_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not on screen"))
    };
    let summary_row = row_of("summary: Written after");
    let quote_row = row_of("“send a portion of our troops");
    let msg = a.areas().message.unwrap();
    let find = |row: usize, ch: &str| {
        (msg.x..msg.right())
            .find(|&x| buf[(x, row as u16)].symbol() == ch)
            .unwrap()
    };
    let s = &buf[(find(summary_row, "W"), summary_row as u16)];
    assert!(
        s.modifier.contains(Modifier::ITALIC),
        "summaries are italic: {s:?}"
    );
    let q = &buf[(find(quote_row, "s"), quote_row as u16)];
    assert!(
        !q.modifier.contains(Modifier::ITALIC),
        "quotes are not: {q:?}"
    );
    assert!(
        text.lines()
            .nth(summary_row)
            .unwrap()
            .contains("┊ summary:")
    );
    assert!(text.lines().nth(quote_row).unwrap().contains("│ “"));
}

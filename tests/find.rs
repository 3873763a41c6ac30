//! Finding a word in the open text (ctrl-f): in the message pane and in
//! both columns of the comparison, every occurrence marked, counted and
//! stepped through.

mod common;

use common::app::*;
use common::pty::Pty;
use ratatui::style::Modifier;
use shifr::app::FindIn;
use shifr::ui::compare::Compare;

fn typed(a: &mut Harness, s: &str) {
    for c in s.chars() {
        let k = if c == ' ' {
            "space".to_string()
        } else {
            c.to_string()
        };
        a.press(&k).unwrap();
    }
}

/// How many cells on screen are underlined (a find's marks survive NO_COLOR).
fn marked_cells(a: &Harness) -> usize {
    let t = terminal(a);
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].modifier.contains(Modifier::UNDERLINED))
        .count()
}

#[test]
fn ctrl_f_finds_in_the_message_counts_and_steps() {
    let mut a = app(80, 24);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("ctrl-f").unwrap();
    assert_eq!(a.mode(), "FIND");
    typed(&mut a, "troops");
    let f = a.find.clone().unwrap();
    assert_eq!(f.target, FindIn::Message);
    assert!(f.count >= 2, "{f:?}");
    assert!(screen(&a).contains(&format!("1/{}", f.count)));
    assert!(marked_cells(&a) >= 6, "the occurrence on screen is marked");
    let before = a.message_scroll;
    for _ in 1..f.count {
        a.press("enter").unwrap();
    }
    assert_eq!(a.find.as_ref().unwrap().current, f.count - 1);
    assert!(a.message_scroll >= before, "scrolled on to the last one");
    a.press("enter").unwrap();
    assert_eq!(a.find.as_ref().unwrap().current, 0, "wraps to the first");
    a.press("up").unwrap();
    assert_eq!(a.find.as_ref().unwrap().current, f.count - 1, "and back");
    // j and q are letters of the word, not commands.
    a.press("ctrl-u").unwrap();
    typed(&mut a, "qjzx");
    assert!(!a.should_quit());
    assert!(screen(&a).contains("not found"));
    a.press("esc").unwrap();
    assert!(a.find.is_none());
    assert_eq!(marked_cells(&a), 0, "esc clears the marks");
}

#[test]
fn ctrl_f_in_the_comparison_finds_in_both_columns() {
    let mut a = app(120, 40);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("c ctrl-f").unwrap();
    typed(&mut a, "decision");
    let f = a.find.clone().unwrap();
    assert_eq!(f.target, FindIn::Compare);
    assert!(f.count >= 2, "{f:?}");
    a.press("esc").unwrap();
    assert_eq!(
        a.mode(),
        "COMPARE",
        "esc closes the bar, not the comparison"
    );
    // Apart, the column holding the occurrence becomes the active one.
    a.press("s ctrl-f").unwrap();
    typed(&mut a, "Roshchin");
    let n = a.find.as_ref().unwrap().count;
    assert!(n >= 1);
    let mut sides = std::collections::BTreeSet::new();
    for _ in 0..n {
        sides.insert(a.top_as::<Compare>().map(|c| c.active));
        a.press("enter").unwrap();
    }
    assert!(!sides.is_empty());
}

#[test]
fn e2e_find_in_the_real_binary() {
    let mut p = Pty::spawn(&["open", "1950-10-02-mao-stalin"], 100, 30);
    p.wait_text("Message");
    p.send("\x06");
    p.wait_text("find:");
    for c in "Volunteers".chars() {
        p.send(&c.to_string());
    }
    p.wait_text("1/");
    p.send("\x1b");
    p.wait_for("the bar closed", |s| !s.contents().contains("find:"));
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

/// The find bar takes the status line's row, as `less` and vim put their
/// prompts: the panes keep their bottom borders (at 80×24 it covered them).
#[test]
fn the_find_bar_is_on_the_status_row_and_the_borders_stay() {
    let mut a = app(80, 24);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("ctrl-f t r o o p").unwrap();
    let s = screen(&a);
    let rows: Vec<&str> = s.lines().collect();
    assert!(rows[23].starts_with(" find: troop"), "{s}");
    assert!(
        rows[22].starts_with('└') && rows[22].trim_end().ends_with(['┘', '┛']),
        "{s}"
    );
    a.press("esc").unwrap();
    let s = screen(&a);
    assert!(s.lines().nth(23).unwrap().contains("MESSAGE"), "{s}");
}

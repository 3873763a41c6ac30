//! The comparison at the limits of the reader's life and screen: taken
//! back where it was left at the next start, and both versions of a row
//! shown on a short screen.

mod common;

use common::app::*;
use common::compare::*;

/// Quit on a comparison, and the next start reopens it as it was left:
/// the same sides and the same row at the top, at another size too, through
/// the state file's text.
#[test]
fn the_comparison_is_taken_back_where_it_was_left() {
    use shifr::app::session::Session;
    let mut a = comparing(120, 40);
    a.press("x").unwrap();
    // Past the first row, to a line inside one.
    for _ in 0..12 {
        a.press("j").unwrap();
    }
    while layout(&a).1.row_starts.contains(&state(&a).scroll[0]) {
        a.press("j").unwrap();
    }
    let (shown, row, scroll) = (state(&a).shown, top_row(&a), state(&a).scroll);
    assert_eq!(shown, (1, 0), "swapped");
    assert_ne!(row, layout(&a).0.rows[0].key, "scrolled past the first row");
    let text = a.app.session(a.resume_overlay()).to_toml();
    assert!(text.contains("[compare]"), "{text}");
    assert!(!text.contains("line = 0"), "left inside a row: {text}");
    for (w, h) in [(120, 40), (80, 24)] {
        let back = Session::parse("state.toml", &text).unwrap();
        // As the binary does: reopened at a size of its own, then resized
        // to the terminal's.
        let mut b = app(80, 24);
        let resume = b.app.resume("state.toml", &back).unwrap();
        b.reopen(resume.expect("a view to reopen"));
        b.resize(w, h);
        assert_eq!(b.mode(), "COMPARE");
        assert_eq!(state(&b).shown, shown, "{w}×{h}");
        assert_eq!(top_row(&b), row, "{w}×{h}");
        if (w, h) == (120, 40) {
            assert_eq!(state(&b).scroll, scroll, "the same line of the row");
        }
    }
    // Kept for another telegram, it is not applied to this one.
    let other = text.replace(
        "telegram = \"1950-10-02-mao-stalin\"",
        "telegram = \"1950-10-04-stalin-mao\"",
    );
    let back = Session::parse("state.toml", &other).unwrap();
    let mut b = app(120, 40);
    let resume = b.app.resume("state.toml", &back).unwrap();
    b.reopen(resume.expect("a view to reopen"));
    assert_eq!(state(&b).shown, (0, 1));
}

/// At 80×24, stacked, the first row shows some of version B's text under
/// its heading, not the heading alone above the notes strip.
#[test]
fn a_short_screen_shows_both_versions_of_the_first_row() {
    let a = comparing(80, 24);
    let text = screen(&a);
    let lines: Vec<&str> = text.lines().collect();
    let b = lines
        .iter()
        .position(|l| l.contains("B · Russian text"))
        .expect("B's heading");
    let next = lines[b + 1];
    assert!(
        !next.contains("Notes on") && next.trim_matches(|c| c == '┃' || c == ' ').len() > 10,
        "B's heading is followed by its text:\n{text}"
    );
    assert!(text.contains("Notes on § decision"), "{text}");
}

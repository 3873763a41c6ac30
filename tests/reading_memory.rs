//! The reader's keys for taking things with you and coming back: `Y`
//! (the passage under the cursor, with its citation), `b`/`B` (bookmarks)
//! and `ctrl-o`/`ctrl-n` (the jump list), through the real shell and
//! runner.

mod common;

use common::app::*;
use shifr::app::App;
use shifr::keymap::Keymap;
use shifr::ui::bookmarks::Bookmarks;
use shifr::ui::citation::Citation;

fn on_2_october() -> Harness {
    let mut a = Harness::new(App::new(corpus(), Keymap::defaults()), 120, 40);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a
}

#[test]
fn y_on_a_passage_copies_its_words_its_version_and_the_citation() {
    let mut a = on_2_october();
    // No cursor yet: it says how to get one, and copies nothing.
    a.press("Y").unwrap();
    assert!(a.host.clipboard.is_empty());
    assert!(
        a.flash
            .as_deref()
            .unwrap()
            .contains("no passage under the cursor")
    );
    // The first passage: the Chinese text's decision.
    a.press("}").unwrap();
    let (w, align) = a.reader().cursor_passage(&a.app).unwrap();
    a.press("Y").unwrap();
    let copied = a.host.clipboard.last().unwrap().clone();
    let t = a.telegram().unwrap();
    let label = &t.witnesses.iter().find(|x| x.id == w).unwrap().label;
    assert!(
        copied.starts_with(&format!("{label} · § {align}")),
        "{copied}"
    );
    assert!(
        copied.contains("quote: “send a portion of our troops"),
        "{copied}"
    );
    assert!(
        copied.contains("summary (the editors’ words): "),
        "{copied}"
    );
    assert!(copied.contains("2 October 1950"), "{copied}");
    assert!(a.top_as::<Citation>().is_some_and(|c| c.text == copied));
    a.press("esc").unwrap();
    assert_eq!(a.overlays(), 0);
}

#[test]
fn bookmarks_list_in_order_and_enter_is_a_jump_ctrl_o_undoes() {
    let mut a = on_2_october();
    a.press("b ] ] b").unwrap();
    assert_eq!(a.bookmarks.len(), 2);
    let second = a.open;
    a.press("[ [ [").unwrap();
    let here = a.open;
    a.press("B").unwrap();
    assert!(a.top_as::<Bookmarks>().is_some());
    a.press("j enter").unwrap();
    assert_eq!(a.overlays(), 0);
    assert_eq!(a.open, second);
    a.press("ctrl-o").unwrap();
    assert_eq!(a.open, here);
    a.press("ctrl-n").unwrap();
    assert_eq!(a.open, second);
    // d removes the selected one; b on a bookmarked telegram removes it.
    a.press("B d esc").unwrap();
    assert_eq!(a.bookmarks.len(), 1);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("b").unwrap();
    assert!(a.bookmarks.is_empty());
}

#[test]
fn a_passage_bookmark_puts_the_cursor_back_on_its_passage() {
    let mut a = on_2_october();
    a.press("} } b").unwrap();
    let passage = a.reader().cursor_passage(&a.app);
    assert!(a.bookmarks[0].align.is_some());
    a.press("esc ] ] B enter").unwrap();
    assert_eq!(a.reader().cursor_passage(&a.app), passage);
}

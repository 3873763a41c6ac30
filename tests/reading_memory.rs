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
    let label = &t.witnesses().iter().find(|x| x.id == w).unwrap().label;
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

#[test]
fn the_note_editor_never_covers_the_passage_it_annotates() {
    use shifr::ui::editor::Editor;
    for (w, h) in [(80, 24), (120, 40), (200, 50), (100, 30)] {
        for steps in ["}", "} }", "} } } }"] {
            let dir = tempfile::tempdir().unwrap();
            let mut app = App::new(corpus(), Keymap::defaults());
            app.store = shifr::notes::store::Store::open(dir.path().join("notes.toml"));
            let mut a = Harness::new(app, w, h);
            a.open_id("1950-10-02-mao-stalin").unwrap();
            a.press(steps).unwrap();
            let (_, align) = a.reader().cursor_passage(&a.app).unwrap();
            a.press("a").unwrap();
            assert!(a.top_as::<Editor>().is_some());
            let shown = a
                .reader()
                .anchor_rect(&a.app)
                .expect("the passage is in view");
            let s = screen(&a);
            // The passage's rows show the message pane's text, not the editor.
            let rows: Vec<&str> = s
                .lines()
                .skip(shown.y as usize)
                .take(shown.height as usize)
                .collect();
            assert!(
                rows.iter().all(|r| !r.contains("Write your note")),
                "{w}x{h} {steps}: the editor covers § {align}:\n{s}"
            );
            let text = a.message_text();
            let first = text.lines[a.message_scroll].to_string();
            assert!(
                s.contains(first.trim()),
                "{w}x{h} {steps}: {first:?} hidden:\n{s}"
            );
        }
    }
}

#[test]
fn esc_puts_the_hit_counter_and_highlights_away_and_n_brings_them_back() {
    let mut a = on_2_october();
    a.press("/ e v a c u a t i o n enter").unwrap();
    assert!(a.hit_position().is_some());
    assert!(!a.message_highlights().is_empty());
    a.press("esc").unwrap();
    assert_eq!(a.hit_position(), None);
    assert!(a.message_highlights().is_empty());
    assert!(a.flash.as_deref().unwrap().contains("highlights off"));
    a.press("n").unwrap();
    assert!(a.hit_position().is_some());
}

#[test]
fn read_marks_show_what_was_opened_and_the_setting_turns_them_off() {
    for marks in [true, false] {
        let mut app = App::new(corpus(), Keymap::defaults());
        app.read_marks = marks;
        let mut a = Harness::new(app, 120, 40);
        a.open_id("1950-10-02-mao-stalin").unwrap();
        a.press("]").unwrap();
        let s = screen(&a);
        assert_eq!(s.contains("2 Oct·"), marks, "{s}");
        assert_eq!(s.contains("read 2/45"), marks, "{s}");
    }
}

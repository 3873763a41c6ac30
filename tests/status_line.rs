//! The status line while the search thread builds its index: the reader is
//! usable and says how far the build has come, in every screen.

mod common;

use common::app::*;
use shifr::app::Event;

fn status(h: &Harness) -> String {
    screen(h).lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_status_line_says_how_far_indexing_has_come_until_it_is_done() {
    let mut h = app(80, 24);
    h.shell.app.search_ready = false;
    h.shell.event(Event::SearchProgress(41));
    assert!(status(&h).contains("indexing 41 %"), "{}", status(&h));
    // Still there in another screen, and the reader moves meanwhile.
    h.press("j t").unwrap();
    assert!(status(&h).contains("indexing 41 %"), "{}", status(&h));
    h.press("esc").unwrap();
    h.shell.event(Event::SearchProgress(97));
    assert!(status(&h).contains("indexing 97 %"), "{}", status(&h));
    h.shell.event(Event::SearchReady);
    h.run();
    assert!(!status(&h).contains("indexing"), "{}", status(&h));
}

/// A query typed before the index is ready (its answer not come yet):
/// the overlay says the index is being built, and no longer invites the
/// reader to type.
#[test]
fn a_query_typed_while_indexing_clears_the_invitation_to_type() {
    let mut h = app(80, 24);
    h.shell.app.search_ready = false;
    h.shell.event(Event::SearchProgress(41));
    h.press("/").unwrap();
    assert!(screen(&h).contains("Type to search"), "{}", screen(&h));
    // Keys handled, their searches not answered.
    h.shell.press_keys("m a o").unwrap();
    let s = screen(&h);
    assert!(s.contains("/ mao"), "{s}");
    assert!(s.contains("indexing 45 telegrams… 41 %"), "{s}");
    assert!(!s.contains("Type to search"), "{s}");
    // The answer, once it comes, is shown.
    h.run();
    assert!(screen(&h).contains("Mao"), "{}", screen(&h));
}

/// The last search's counter ("hit 1/N", for `n` and `N`) is in the
/// reader's status line, and not while the search overlay is up with
/// another query, whose hits the overlay counts itself.
#[test]
fn the_hit_counter_is_the_reader_s_not_the_overlay_s() {
    let mut h = app(80, 24);
    h.press("/").unwrap();
    h.shell
        .press_keys("s h l d space w e space f e a r")
        .unwrap();
    h.run();
    h.press("enter").unwrap();
    h.run();
    assert!(status(&h).contains("hit 1/1"), "{}", status(&h));
    h.press("/").unwrap();
    h.shell.press_keys("ctrl-u m a o").unwrap();
    h.run();
    assert!(screen(&h).contains("/ mao"), "{}", screen(&h));
    assert!(!status(&h).contains("hit 1/1"), "{}", status(&h));
    h.press("esc").unwrap();
    h.run();
    assert!(status(&h).contains("hit 1/1"), "{}", status(&h));
}

/// The previous run's last search (sent again once the index is ready) is
/// in the overlay's box while the index is built, not an empty box; and
/// once the index is ready it is answered there.
#[test]
fn the_previous_run_s_search_is_in_the_box_while_indexing() {
    let mut h = app(80, 24);
    h.shell.app.search_ready = false;
    h.shell.app.resume_search = Some("evacuate".into());
    h.shell.event(Event::SearchProgress(41));
    h.press("/").unwrap();
    let s = screen(&h);
    assert!(s.contains("/ evacuate"), "{s}");
    assert!(!s.contains("Type to search"), "{s}");
    h.shell.event(Event::SearchReady);
    h.run();
    let s = screen(&h);
    assert!(s.contains("/ evacuate"), "{s}");
    assert!(
        s.contains("2 hits") && s.contains("evacuate to China"),
        "{s}"
    );
}

/// An empty query counts nothing: the overlay invites typing, without
/// "0 hits" beside the invitation.
#[test]
fn an_empty_query_counts_no_hits() {
    let mut h = app(80, 24);
    h.press("/").unwrap();
    h.run();
    let s = screen(&h);
    assert!(s.contains("Type to search"), "{s}");
    assert!(!s.contains("0 hits"), "{s}");
    h.shell.press_keys("m a o").unwrap();
    h.run();
    assert!(screen(&h).contains(" hits"), "{}", screen(&h));
}

/// A message too long for the status line keeps the line to itself after
/// the mode (the position and the keys come back with the next key), cut
/// with an ellipsis only where it is longer than the line.
#[test]
fn a_long_message_takes_the_whole_status_line() {
    let mut a = app(80, 24);
    a.flash =
        Some("a message of seventy columns, which fits only without the position: yes".to_string());
    let s = screen(&a);
    let last = s.lines().last().unwrap();
    assert!(
        last.contains("a message of seventy columns, which fits only without the position: yes"),
        "{last}"
    );
    assert!(!last.contains("/45"), "{last}");
    a.flash = Some("x".repeat(200));
    let s = screen(&a);
    let last = s.lines().last().unwrap();
    assert!(last.trim_end().ends_with("x…"), "{last}");
    a.flash = Some("short".to_string());
    let s = screen(&a);
    assert!(s.lines().last().unwrap().contains("/45"));
}

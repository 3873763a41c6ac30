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

//! The footnotes and sources in the reader (F): footnote 117's text, that
//! the paper lacks 116, and from a footnote to another telegram citing it.

mod common;

use common::app::*;
use shifr::ui::apparatus::{Apparatus, Listing};

fn footnotes_of_2_october(w: u16, h: u16) -> Harness {
    let mut a = app(w, h);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("F").unwrap();
    a
}

fn select(a: &mut Harness, n: u32) {
    a.press("g").unwrap();
    for _ in 0..60 {
        if a.top_as::<Apparatus>().unwrap().footnote() == Some(n) {
            return;
        }
        a.press("j").unwrap();
    }
    panic!("footnote {n} not listed");
}

#[test]
fn footnote_117_reads_in_full_and_116_says_the_paper_lacks_it() {
    let mut a = footnotes_of_2_october(120, 40);
    assert_eq!(a.mode(), "FOOTNOTES");
    assert_eq!(a.top_as::<Apparatus>().unwrap().listing, Listing::Telegram);
    select(&mut a, 117);
    let text = screen(&a);
    assert!(text.contains("The paper’s footnote, verbatim:"), "{text}");
    assert!(text.contains("delo 334"), "{text}");
    select(&mut a, 116);
    let text = screen(&a);
    assert!(text.contains("lacks footnote 116"), "{text}");
}

#[test]
fn from_a_footnote_to_another_telegram_citing_it() {
    let mut a = footnotes_of_2_october(120, 40);
    let c = a.corpus.clone();
    // A footnote of 2 October that another telegram cites too.
    let here = c.telegram_index("1950-10-02-mao-stalin").unwrap();
    let n = shifr::view::apparatus::cited_by(&c.telegrams[here])
        .into_iter()
        .find(|n| c.citing_footnote(*n).telegrams.iter().any(|t| *t != here))
        .expect("a footnote shared with another telegram");
    select(&mut a, n);
    a.press("tab").unwrap();
    let other = c
        .citing_footnote(n)
        .telegrams
        .into_iter()
        .find(|t| *t != here)
        .unwrap();
    let k = c
        .citing_footnote(n)
        .telegrams
        .iter()
        .position(|t| *t == other)
        .unwrap();
    for _ in 0..k {
        a.press("j").unwrap();
    }
    a.press("enter").unwrap();
    assert_eq!(a.overlays(), 0, "back in the reader");
    assert_eq!(a.open, Some(other));
}

#[test]
fn s_lists_the_sources_and_a_shows_every_footnote() {
    let mut a = footnotes_of_2_october(80, 24);
    a.press("s").unwrap();
    assert_eq!(a.mode(), "SOURCES");
    assert!(screen(&a).contains("Resting on it"));
    a.press("a").unwrap();
    let ap = a.top_as::<Apparatus>().unwrap();
    assert_eq!(ap.listing, Listing::All);
    a.press("G").unwrap();
    assert_eq!(a.top_as::<Apparatus>().unwrap().footnote(), Some(161));
    a.press("esc").unwrap();
    assert_eq!(a.overlays(), 0);
}

#[test]
fn the_header_says_which_cited_footnotes_the_paper_lacks() {
    let mut a = app(200, 50);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    assert!(screen(&a).contains("116 (missing from the paper)"));
}

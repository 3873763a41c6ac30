//! Driving the comparison view in tests: opening it on 2 October, and
//! what it shows (its sides, scroll, layout and top row).
#![allow(dead_code)]

use shifr::ui::compare::Compare;
use shifr::view::compare::{Built, Flat};

use super::app::*;

pub fn comparing(w: u16, h: u16) -> Harness {
    let mut a = app(w, h);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("c").unwrap();
    a
}

/// What the comparison shows now.
#[derive(Clone, Copy, Debug)]
pub struct State {
    pub scroll: [usize; 2],
    pub shown: (usize, usize),
}

impl State {
    pub fn shown(&self) -> (usize, usize) {
        self.shown
    }
}

pub fn compare(a: &Harness) -> &Compare {
    a.top_as::<Compare>().expect("comparing")
}

pub fn state(a: &Harness) -> State {
    let c = compare(a);
    State {
        scroll: c.scroll,
        shown: c.shown(),
    }
}

/// The comparison as laid out, and the body's height.
pub fn layout(a: &Harness) -> (Built, Flat, usize) {
    let l = compare(a).layout_in_use().expect("laid out");
    (l.built.clone(), l.flat.clone(), l.height())
}

/// The key of the row at the top of the comparison.
pub fn top_row(a: &Harness) -> String {
    let (built, flat, _) = layout(a);
    let s = state(a);
    built.rows[flat.row_at(s.scroll[0])].key.clone()
}

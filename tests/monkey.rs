//! A monkey at the keyboard: thousands of random keys, clicks and resizes
//! (down to 0×0 and out to 1000×3), rendering after each. Nothing panics,
//! and the state stays consistent.

mod common;

use common::app::*;
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shifr::keymap::Key;

#[derive(Clone, Debug)]
enum Op {
    Key(String),
    Resize(u16, u16),
    Mouse(u8, u16, u16),
}

const KEYS: &[&str] = &[
    "j",
    "k",
    "g",
    "G",
    "ctrl-d",
    "ctrl-u",
    "pagedown",
    "pageup",
    "enter",
    "tab",
    "shift-tab",
    "[",
    "]",
    "o",
    "f",
    "esc",
    "?",
    "A",
    "up",
    "down",
    "left",
    "right",
    "backspace",
    "home",
    "end",
    "a",
    "s",
    "ж",
    "毛",
    "space",
    "ctrl-n",
    "ctrl-p",
    "x",
    "1",
    "t",
    "m",
    "+",
    "-",
    "h",
    "l",
    "H",
    "L",
];

fn op() -> impl Strategy<Value = Op> {
    let widths = proptest::sample::select(
        &[
            0u16, 1, 2, 3, 5, 23, 24, 40, 79, 80, 99, 100, 119, 120, 200, 1000,
        ][..],
    );
    let heights = proptest::sample::select(&[0u16, 1, 2, 3, 5, 6, 7, 13, 14, 23, 24, 40, 50][..]);
    prop_oneof![
        8 => proptest::sample::select(KEYS).prop_map(|k| Op::Key(k.to_string())),
        1 => (widths, heights).prop_map(|(w, h)| Op::Resize(w, h)),
        1 => Just(Op::Resize(1000, 3)),
        1 => (0u8..4, 0u16..220, 0u16..60).prop_map(|(b, x, y)| Op::Mouse(b, x, y)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_input_never_panics(ops in proptest::collection::vec(op(), 1..250)) {
        let mut a = app(80, 24);
        for op in ops {
            match op {
                Op::Key(k) => a.handle_key(k.parse::<Key>().unwrap()),
                Op::Resize(w, h) => a.resize(w, h),
                Op::Mouse(b, x, y) => {
                    let kind = match b {
                        0 => MouseEventKind::Down(MouseButton::Left),
                        1 => MouseEventKind::ScrollDown,
                        2 => MouseEventKind::ScrollUp,
                        _ => MouseEventKind::Moved,
                    };
                    a.handle_mouse(MouseEvent { kind, column: x, row: y, modifiers: KeyModifiers::NONE });
                }
            }
            a.run();
            a.host.quit = false;
            // The selection always rests on a telegram while any are listed.
            if a.list.count() > 0 {
                prop_assert!(a.list.selected_telegram().is_some());
            }
            let mut t = Terminal::new(TestBackend::new(a.size().width, a.size().height)).unwrap();
            t.draw(|f| a.render(f)).unwrap();
        }
    }
}

//! The reader driven by key strings, as a user would type them, against its
//! state: no terminal involved.

mod common;

use common::app::*;
use shifr::app::Pane;
use shifr::app::list::Grouping;
use shifr::ui::filter::Filter;
use shifr::ui::help::Help;

#[test]
fn moving_and_opening() {
    let mut a = app(80, 24);
    assert_eq!(a.list.position(), Some(1));
    a.press("j j").unwrap();
    assert_eq!(a.list.position(), Some(3));
    assert_eq!(a.focus, Pane::List);
    let selected = a.list.selected_telegram();
    assert_ne!(a.open, selected, "moving selects; enter opens");
    a.press("enter").unwrap();
    assert_eq!(a.open, selected);
    assert_eq!(a.focus, Pane::Message);
    a.press("G").unwrap();
    let lines = a.message_text().lines.len();
    let h = a.areas().message.unwrap().height as usize - 2;
    assert_eq!(
        a.message_scroll,
        lines.saturating_sub(h),
        "G scrolls the message to its end"
    );
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("G").unwrap();
    assert!(a.message_scroll > 0, "a long telegram scrolls");
    a.press("g").unwrap();
    assert_eq!(a.message_scroll, 0);
}

#[test]
fn zoom_header_and_list_width() {
    let mut a = app(80, 24);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    // At 80x24 the header is compact and the text starts on screen.
    assert!(a.reader().compact_header(&a.app));
    let text = screen(&a);
    assert!(text.contains("§ decision"), "{text}");
    assert!(!text.contains("Published"), "{text}");
    a.press("H").unwrap();
    assert!(!a.reader().compact_header(&a.app));
    assert!(screen(&a).contains("Published"));
    a.press("H").unwrap();
    assert!(a.reader().compact_header(&a.app));
    // z: the focused pane alone, and back.
    let list_w = a.areas().list.unwrap().width;
    a.press("z").unwrap();
    assert!(a.areas().list.is_none() && a.areas().annotations.is_none());
    assert_eq!(a.areas().message.unwrap().width, 80);
    assert!(screen(&a).contains("zoomed"));
    a.press("z").unwrap();
    assert_eq!(a.areas().list.unwrap().width, list_w);
    // < and > move the list's edge, within bounds.
    a.press(">").unwrap();
    assert_eq!(a.areas().list.unwrap().width, list_w + 4);
    a.press("< < <").unwrap();
    assert_eq!(a.areas().list.unwrap().width, list_w - 8);
    for _ in 0..30 {
        a.press("<").unwrap();
    }
    assert_eq!(a.areas().list.unwrap().width, 20, "never below 20 columns");
    for _ in 0..60 {
        a.press(">").unwrap();
    }
    assert!(
        a.areas().message.unwrap().width >= 40,
        "the message keeps 40"
    );
}

#[test]
fn focus_cycles_through_visible_panes() {
    let mut a = app(120, 40);
    a.press("tab").unwrap();
    assert_eq!(a.focus, Pane::Message);
    a.press("tab").unwrap();
    assert_eq!(a.focus, Pane::Annotations);
    a.press("tab").unwrap();
    assert_eq!(a.focus, Pane::List);
    a.press("shift-tab").unwrap();
    assert_eq!(a.focus, Pane::Annotations);
    a.press("A").unwrap();
    assert_eq!(
        a.focus,
        Pane::Message,
        "hiding annotations moves focus off them"
    );
    a.press("tab tab").unwrap();
    assert_eq!(
        a.focus,
        Pane::Message,
        "only two panes cycle when annotations are hidden"
    );
}

#[test]
fn half_pages_and_bounds_in_the_list() {
    let mut a = app(120, 40);
    a.press("ctrl-d").unwrap();
    let p = a.list.position().unwrap();
    assert!(p > 5, "half a page of 37 rows moves well down: {p}");
    a.press("ctrl-u").unwrap();
    assert_eq!(a.list.position(), Some(1));
    a.press("k k k").unwrap();
    assert_eq!(a.list.position(), Some(1), "stops at the top");
    a.press("G").unwrap();
    assert_eq!(a.list.position(), Some(a.list.count()));
    a.press("pagedown j").unwrap();
    assert_eq!(
        a.list.position(),
        Some(a.list.count()),
        "stops at the bottom"
    );
}

#[test]
fn prev_and_next_open_neighbours() {
    let mut a = app(120, 40);
    let first = a.open;
    a.press("]").unwrap();
    assert_ne!(a.open, first);
    assert_eq!(a.list.selected_telegram(), a.open);
    a.press("[").unwrap();
    assert_eq!(a.open, first);
    a.press("[").unwrap();
    assert_eq!(a.open, first);
    assert!(
        a.flash.as_deref().unwrap_or("").contains("first"),
        "{:?}",
        a.flash
    );
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut a = app(80, 24);
    a.press("?").unwrap();
    assert!(a.top_is::<Help>());
    assert_eq!(a.mode(), "HELP");
    a.press("j j").unwrap();
    assert!(a.top_as::<Help>().is_some_and(|h| h.scroll == 2));
    assert_eq!(
        a.list.position(),
        Some(1),
        "keys go to the overlay, not the list"
    );
    a.press("q").unwrap();
    assert!(
        (a.overlays() == 0) && !a.should_quit(),
        "q closes help rather than quitting"
    );
    a.press("? esc").unwrap();
    assert!((a.overlays() == 0));
    a.press("q").unwrap();
    assert!(a.should_quit());
}

#[test]
fn grouping_toggles_and_keeps_the_selection() {
    let mut a = app(120, 40);
    a.press("j j j j").unwrap();
    let t = a.list.selected_telegram();
    a.press("o").unwrap();
    assert_eq!(a.list.grouping, Grouping::Flat);
    assert_eq!(a.list.selected_telegram(), t);
    assert_eq!(a.list.rows.len(), a.corpus.telegrams.len());
    a.press("o").unwrap();
    assert_eq!(a.list.grouping, Grouping::Pairs);
}

#[test]
fn filter_by_person_by_typing_and_clearing() {
    let mut a = app(120, 40);
    a.press("f").unwrap();
    assert!(a.top_is::<Filter>());
    // q, j and k are typed into the picker, not taken as commands.
    a.press("r o s h").unwrap();
    assert!(!a.should_quit());
    a.press("enter").unwrap();
    assert_eq!(
        a.list.filter,
        Some(shifr::app::list::Filter::Person("roshchin".into()))
    );
    for i in 0..a.list.count() {
        a.list.first();
        a.list.step(i as isize);
        let t = &a.corpus.telegrams[a.list.selected_telegram().unwrap()];
        assert!(
            t.from
                .iter()
                .chain(&t.to)
                .chain(&t.via)
                .any(|p| p == "roshchin")
        );
    }
    a.press("f").unwrap();
    assert_eq!(a.list.filter, None, "f again clears");
    a.press("f s t a enter esc").unwrap();
    assert_eq!(a.list.filter, None, "esc clears too");
}

/// The status line's position is the telegram being read: the open one
/// while the message has the focus ("–" when the filter leaves it out),
/// the cursor's while the list has it.
#[test]
fn the_status_position_is_the_open_telegram_or_a_dash_when_filtered_out() {
    let mut a = app(80, 24);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    let status = |a: &Harness| screen(a).lines().last().unwrap().to_string();
    let at = a.list.position().unwrap();
    assert!(status(&a).contains(&format!(" {at}/45 ")), "{}", status(&a));
    a.press("f K i m enter").unwrap();
    assert_eq!(a.focus, Pane::Message);
    assert!(a.list.row_of(a.open.unwrap()).is_none(), "filtered out");
    assert!(status(&a).contains(" –/11 "), "{}", status(&a));
    a.focus = Pane::List;
    assert!(status(&a).contains(" 1/11 "), "{}", status(&a));
    a.press("j enter").unwrap();
    assert!(status(&a).contains(" 2/11 "), "{}", status(&a));
}

#[test]
fn filter_finds_a_person_by_cyrillic_alias() {
    let mut a = app(120, 40);
    a.press("f Р о щ и н enter").unwrap();
    assert_eq!(
        a.list.filter,
        Some(shifr::app::list::Filter::Person("roshchin".into()))
    );
}

#[test]
fn notes_follow_their_anchor_in_the_message() {
    let mut a = app(120, 40);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("tab").unwrap();
    assert_eq!(a.focus, Pane::Annotations);
    // Walk the notes; whenever one is anchored, its passage is on screen.
    let n = a.telegram().unwrap().notes().len();
    for _ in 0..n {
        let text = a.message_text();
        let order = shifr::app::notes::display_order(a.telegram().unwrap(), &a.store.notes);
        let shifr::app::notes::NoteRef::Scholar(i) = order[a.notes.selected] else {
            panic!("no notes of the reader's here")
        };
        let note = &a.telegram().unwrap().notes()[i];
        if let Some(anchor) = &note.anchor {
            let line = text.group_line(anchor).unwrap();
            let h = a.areas().message.unwrap().height as usize - 2;
            assert!(
                line >= a.message_scroll && line < a.message_scroll + h,
                "{anchor} at {line} not in view"
            );
        }
        a.press("j").unwrap();
    }
}

#[test]
fn deep_link_opens_and_unknown_ids_name_neighbours() {
    let mut a = app(120, 40);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    assert_eq!(a.telegram().unwrap().id, "1950-10-02-mao-stalin");
    assert_eq!(a.list.selected_telegram(), a.open);
    let e = a.open_id("1950-10-02-mao-stalni").unwrap_err();
    assert!(e.contains("did you mean 1950-10-02-mao-stalin"), "{e}");
}

#[test]
fn key_strings_reject_nonsense() {
    let mut a = app(80, 24);
    assert!(a.press("j pgdn").is_err());
}

#[test]
fn mouse_clicks_focus_and_select_and_the_wheel_scrolls() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut a = app(120, 40);
    let list = a.areas().list.unwrap();
    let click = |col, row| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: col,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // Row 0 of the list is a group header, row 1 the first telegram, row 2 the second.
    a.handle_mouse(click(list.x + 3, list.y + 3));
    assert_eq!(a.list.position(), Some(2));
    assert_eq!(a.open, a.list.selected_telegram());
    let m = a.areas().message.unwrap();
    a.handle_mouse(click(m.x + 3, m.y + 3));
    assert_eq!(a.focus, Pane::Message);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.handle_mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: m.x + 3,
        row: m.y + 3,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(a.message_scroll, 3);
}

#[test]
fn long_notes_are_read_through_before_the_next_one() {
    let mut a = app(80, 24);
    a.open_id("1950-10-04-stalin-mao").unwrap();
    a.press("tab").unwrap();
    assert_eq!(a.focus, Pane::Annotations);
    let h = a.areas().annotations.unwrap().height as usize - 2;
    // Walk every line: each note's last line comes into view before the
    // selection moves on, and its first line (or its scholar's name) when it
    // is selected.
    let n = a.telegram().unwrap().notes().len();
    let mut seen = vec![false; n];
    for _ in 0..200 {
        let rows = a.notes_text().rows;
        let (start, end) = rows[a.notes.selected];
        assert!(
            start >= a.notes.scroll || end > a.notes.scroll,
            "the selected note is on screen"
        );
        if end <= a.notes.scroll + h {
            seen[a.notes.selected] = true;
        }
        a.press("j").unwrap();
    }
    assert!(
        seen.iter().all(|s| *s),
        "every note was shown to its end: {seen:?}"
    );
}

/// Filtered by an envoy, the telegrams listed because the envoy conveyed
/// them are marked "(via)", apart from the title.
#[test]
fn telegrams_an_envoy_conveyed_are_marked_via_in_brackets() {
    let mut a = app(120, 40);
    a.press("f R o s h enter").unwrap();
    let s = screen(&a);
    assert!(s.contains("(via) "), "{s}");
    assert!(!s.contains("via Nine"), "{s}");
}

/// The passage cursor stays on screen when the pane's height changes
/// (`z` back from the zoom), and does not stay behind when `g` goes to
/// the top: `}` then goes on from there.
#[test]
fn the_passage_cursor_survives_unzoom_and_g_takes_it_along() {
    let mut a = app(80, 24);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("z } } } } } } z").unwrap();
    let (_, key) = a.shell.reader().cursor_passage(&a.app).unwrap();
    let s = screen(&a);
    assert!(s.contains(&format!("§ {key}")), "§ {key} off screen:\n{s}");
    a.press("g").unwrap();
    assert_eq!(a.message_scroll, 0);
    assert_eq!(a.shell.reader().cursor_passage(&a.app), None);
    a.press("}").unwrap();
    let first = a.message_text().groups[0].clone();
    assert_eq!(
        a.shell.reader().cursor_passage(&a.app),
        Some((first.0, first.1)),
        "}} from the top goes to the first passage"
    );
}

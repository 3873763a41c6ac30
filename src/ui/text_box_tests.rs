//! Tests of `text_box.rs`: typing and moving, rows and the cursor on
//! them, moving by rows on screen.

use super::*;

#[test]
fn wraps_by_width_and_places_the_cursor() {
    let (rows, at) = layout("abcdef", 6, 4);
    assert_eq!(rows, ["abcd", "ef"]);
    assert_eq!(at, (1, 2));
    let (rows, at) = layout("ab\n毛泽东", 3, 4);
    assert_eq!(rows, ["ab", "毛泽", "东"]);
    assert_eq!(at, (1, 0));
    let (_, at) = layout("abcd", 4, 4);
    assert_eq!(at, (1, 0), "a full row puts the cursor on the next");
    let (rows, at) = layout("", 0, 10);
    assert_eq!((rows.len(), at), (1, (0, 0)));
}
#[test]
fn rows_break_between_words_and_inside_only_a_word_too_long() {
    let (rows, _) = layout("send troops accordingly", 0, 10);
    assert_eq!(rows, ["send ", "troops ", "accordingl", "y"]);
    // The cursor on the word carried over is on its new row.
    let t = "send troops";
    let (_, at) = layout(t, t.find("troops").unwrap() + 2, 8);
    assert_eq!(at, (1, 2));
    // After the space a row ends with: the start of the next row.
    let (_, at) = layout(t, 5, 8);
    assert_eq!(at, (1, 0));
    let (rows, at) = layout("ab\r\ncd", 6, 10);
    assert_eq!(
        (rows, at),
        (vec!["ab".to_string(), "cd".to_string()], (1, 2))
    );
    let (rows, _) = layout("Сталин сказал", 0, 8);
    assert_eq!(rows, ["Сталин ", "сказал"]);
    // A wide character after a carried word: no row wider than 10.
    let (rows, _) = layout("abcdefghi.  123456789毛x", 0, 10);
    assert!(
        rows.iter().all(|r| crate::text::width(r.trim_end()) <= 10),
        "{rows:?}"
    );
    assert_eq!(rows.concat(), "abcdefghi.  123456789毛x");
    // The cursor at the end of a full row inside the text is drawn.
    for (t, c) in [("abcd efgh", 4), ("abcd \nxy", 5), ("abcd\nxy", 4)] {
        let (_, (_, col)) = layout(t, c, 4);
        assert!(col < 4, "{t:?} at {c}: column {col}");
    }
}

fn ed(text: &str, cursor: usize) -> TextBox {
    TextBox {
        text: text.into(),
        cursor,
        dirty: false,
    }
}

fn k(s: &str) -> Key {
    s.parse().unwrap()
}

#[test]
fn typing_deleting_and_moving_by_grapheme() {
    let mut e = ed("", 0);
    for c in ["Ж", "е", "space", "e\u{301}"] {
        if c.chars().count() > 1 && c != "space" {
            e.insert(c);
        } else {
            e.key(k(c));
        }
    }
    assert_eq!(e.text, "Же e\u{301}");
    e.key(k("backspace"));
    assert_eq!(e.text, "Же ", "a combining mark goes with its letter");
    e.key(k("left"));
    e.key(k("left"));
    e.key(k("delete"));
    assert_eq!(e.text, "Ж ");
    assert!(e.dirty);
}

#[test]
fn lines_up_and_down_keep_the_column() {
    let mut e = ed("abcdef\nxy\n毛泽东说", 3);
    e.vertical(true);
    assert_eq!(
        &e.text[..e.cursor],
        "abcdef\nxy",
        "clamped to the short line"
    );
    e.vertical(true);
    assert_eq!(&e.text[..e.cursor], "abcdef\nxy\n毛泽");
    e.vertical(false);
    e.vertical(false);
    assert_eq!(&e.text[..e.cursor], "ab");
    e.key(k("enter"));
    assert_eq!(e.text, "ab\ncdef\nxy\n毛泽东说");
}

/// The cursor's screen row and column, as drawn at `width`.
fn on_screen(e: &TextBox, width: usize) -> (usize, usize) {
    layout(&e.text, e.cursor, width).1
}

#[test]
fn up_and_down_go_by_screen_rows_keeping_the_column() {
    let width = 12;
    // One line of text in three rows: "the editors " "read the two " "versions"
    let mut e = ed("the editors read the two versions\nok", 5);
    let rows = wrap(&e.text, width);
    assert_eq!(rows.len(), 4);
    assert_eq!(on_screen(&e, width), (0, 5));
    e.vertical_rows(&rows, width, true);
    assert_eq!(
        on_screen(&e, width),
        (1, 5),
        "the next row, not the next line"
    );
    e.vertical_rows(&rows, width, true);
    assert_eq!(on_screen(&e, width), (2, 5));
    // A shorter row after it, ending its line: its end.
    e.vertical_rows(&rows, width, true);
    assert_eq!(on_screen(&e, width), (3, 2));
    assert_eq!(e.cursor, e.text.len());
    e.vertical_rows(&rows, width, true);
    assert_eq!(e.cursor, e.text.len(), "no row below");
    e.vertical_rows(&rows, width, false);
    e.vertical_rows(&rows, width, false);
    e.vertical_rows(&rows, width, false);
    assert_eq!(on_screen(&e, width), (0, 2));
    e.vertical_rows(&rows, width, false);
    assert_eq!(on_screen(&e, width), (0, 2), "no row above");
}

#[test]
fn a_row_that_goes_on_keeps_the_cursor_on_it_and_wide_characters_count_twice() {
    let width = 8;
    // "ab " then "cdefghij" (a word longer than the row, cut) then "k".
    let mut e = ed("ab cdefghijk", 0);
    let rows = wrap(&e.text, width);
    e.cursor = 2;
    e.vertical_rows(&rows, width, true);
    assert_eq!(on_screen(&e, width), (1, 2));
    // Up from column 7 into "ab ", shorter and going on in the next
    // row: its last column, still on it.
    e.cursor = 3 + 7;
    assert_eq!(on_screen(&e, width), (1, 7));
    e.vertical_rows(&rows, width, false);
    assert_eq!(on_screen(&e, width), (0, 2));
    // Chinese characters are two columns each.
    let mut c = ed("毛泽东说\nabcd", 0);
    c.cursor = c.text.len();
    let rows = wrap(&c.text, width);
    c.vertical_rows(&rows, width, false);
    assert_eq!(
        &c.text[..c.cursor],
        "毛泽",
        "column 4 is after two characters"
    );
}

/// Found by review: after a full last row the cursor is drawn on a
/// row of its own, and up goes to the row above that, not two up.
#[test]
fn up_from_after_a_full_last_row_goes_one_row_up() {
    let width = 4;
    for (text, from, to) in [("abcdefgh", (2, 0), (1, 0)), ("abcd ", (1, 0), (0, 0))] {
        let mut e = ed(text, text.len());
        let rows = wrap(&e.text, width);
        assert_eq!(on_screen(&e, width), from, "{text:?}");
        e.vertical_rows(&rows, width, false);
        assert_eq!(on_screen(&e, width), to, "{text:?}");
    }
    // Down from the end of a full row onto a full last row: onto it,
    // not past it.
    let mut e = ed("abc\nxyz", 3);
    let rows = wrap(&e.text, 3);
    e.vertical_rows(&rows, 3, true);
    assert_eq!(on_screen(&e, 3), (1, 2));
}

#[test]
fn readline_keys_move_and_delete_by_word_and_line() {
    let mut e = ed("one two  three\nfour", 14);
    e.readline(Action::WordBack);
    assert_eq!(&e.text[..e.cursor], "one two  ");
    e.readline(Action::DeleteWordBack);
    assert_eq!(e.text, "one three\nfour");
    e.readline(Action::LineStart);
    assert_eq!(e.cursor, 0);
    e.readline(Action::WordForward);
    assert_eq!(&e.text[..e.cursor], "one");
    e.readline(Action::DeleteToEnd);
    assert_eq!(e.text, "one\nfour");
    e.readline(Action::LineEnd);
    assert_eq!(e.cursor, 3, "the end of the first line");
    e.readline(Action::DeleteToStart);
    assert_eq!(e.text, "\nfour");
    let mut e = ed("Сталин сказал", "Сталин сказал".len());
    e.readline(Action::DeleteWordBack);
    assert_eq!(e.text, "Сталин ");
    assert!(e.dirty);
}

#[test]
fn pasted_text_is_cleaned() {
    let mut e = ed("", 0);
    e.insert("one\r\ntwo\tthree\u{7}");
    assert_eq!(e.text, "one\ntwo    three");
}

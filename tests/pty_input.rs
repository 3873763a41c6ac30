//! Input in bulk, through the real binary in a pseudo-terminal: a burst of
//! keys longer than one read of the terminal, and a long paste, are all
//! taken — no byte waits for a later key — and a run of keys costs a few
//! frames, not one each.

mod common;

use common::pty::Pty;

fn started(cols: u16, rows: u16) -> Pty {
    let p = Pty::spawn(&[], cols, rows);
    p.wait_for("three titled panes", |s| {
        let t = s.contents();
        t.contains("Correspondence") && t.contains("Message") && t.contains("Annotations")
    });
    p
}

/// How many frames the program has drawn: each is one synchronized update.
fn frames(p: &Pty) -> usize {
    let raw = p.raw.lock().unwrap();
    raw.windows(8).filter(|w| w == b"\x1b[?2026h").count()
}

#[test]
fn two_thousand_keys_at_once_then_help_shows_help_without_another_key() {
    let mut p = started(100, 30);
    p.wait_text("1/45");
    let before = frames(&p);
    // One write: 2,000 `j` and a `?`, more than crossterm reads at a time.
    p.send(&format!("{}?", "j".repeat(2000)));
    p.wait_text("the next telegram");
    p.wait_text("45/45");
    // Drawn once per run of keys read together, not once per key.
    let drawn = frames(&p) - before;
    assert!(drawn < 200, "{drawn} frames for a burst of 2,001 keys");
    p.send("q");
    p.wait_for("help to close", |s| {
        !s.contents().contains("the next telegram")
    });
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn a_long_paste_into_search_is_searched_without_another_key() {
    let mut p = started(120, 40);
    // `/` and a bracketed paste of some 1,400 bytes in one write: the `/`
    // is read with the paste's first 1,024 bytes, its end after them.
    let words = "inchon ".repeat(200);
    p.send(&format!("/\x1b[200~{words}\x1b[201~"));
    p.wait_for("the pasted query's hits", |s| {
        let t = s.contents();
        t.contains("hits") && !t.contains(" 0 hits") && !t.contains("searching")
    });
    p.send("\x1b");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

/// While `$EDITOR` has the terminal, shifr reads none of it: what is typed
/// goes to the editor (here a shell `read`, which starts reading only after
/// the line is typed), every time.
#[test]
fn what_is_typed_into_the_external_editor_reaches_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let (mut p, notes) = Pty::with_editor(
        dir.path(),
        r#"f() { sleep 0.5; read -r line; printf '%s' "$line" > "$1"; }; f"#,
    );
    p.send("a");
    // The editor is running once the reader has left the alternate screen.
    p.wait_for("the editor", |s| !s.alternate_screen());
    p.send("typed in the editor\r");
    p.wait_text("note saved");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
    let saved = std::fs::read_to_string(&notes).unwrap();
    assert!(saved.contains("text = \"typed in the editor\""), "{saved}");
}

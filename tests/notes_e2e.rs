//! Notes through the real binary and across readers: a note kept over a
//! restart and a SIGKILL, written in an external editor, two readers on
//! one notes file losing nothing, the editor's quit and paste, and the
//! orphaned-notes count at start.

mod common;

use std::fs;

use common::app::*;
use common::notes::*;
use common::pty::Pty;
use shifr::notes::store::Store;
use shifr::ui::editor::Editor;

fn note_file(dir: &tempfile::TempDir) -> String {
    dir.path().join("notes.toml").display().to_string()
}

#[test]
fn e2e_add_a_note_quit_restart_it_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let f = note_file(&dir);
    let mut p = Pty::spawn(&["--notes", &f, "open", "1950-10-02-mao-stalin"], 120, 40);
    p.wait_text("Mao on sending troops");
    p.send("a");
    p.wait_text("New note on 2 October 1950");
    for c in "margin note".chars() {
        p.send(&c.to_string());
    }
    p.send("\x13"); // ctrl-s
    p.wait_text("note saved");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    let mut p = Pty::spawn(&["--notes", &f, "open", "1950-10-02-mao-stalin"], 120, 40);
    p.wait_text("margin note");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn e2e_sigkill_right_after_adding_keeps_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let f = note_file(&dir);
    let mut p = Pty::spawn(&["--notes", &f], 120, 40);
    p.wait_text("Correspondence");
    p.send("a");
    p.wait_text("New note");
    for c in "kept".chars() {
        p.send(&c.to_string());
    }
    p.send("\x13");
    p.wait_text("note saved");
    let pid = p.child.process_id().unwrap();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid as i32),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    p.wait_exit();
    assert!(fs::read_to_string(&f).unwrap().contains("text = \"kept\""));
}

#[test]
fn e2e_editor_variable_writes_the_note_in_an_external_editor() {
    let dir = tempfile::tempdir().unwrap();
    let f = note_file(&dir);
    let mut p = Pty::spawn_env(
        &["--notes", &f, "open", "1950-10-02-mao-stalin"],
        120,
        40,
        &[("EDITOR", "printf 'from the editor' >")],
    );
    p.wait_text("Mao on sending troops");
    p.send("a");
    p.wait_text("note saved");
    p.wait_text("Your notes");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
    assert!(
        fs::read_to_string(&f)
            .unwrap()
            .contains("text = \"from the editor\"")
    );
}

/// Reader B edits a note of theirs; meanwhile another shifr (A) on the same
/// notes file deletes it; B saves. The edit is kept as a new note, marked,
/// and B is told so — never "note saved" over a note that is gone.
#[test]
fn an_edit_saved_after_another_reader_deleted_the_note_is_restored() {
    use shifr::notes::Edit;
    use shifr::notes::store::RESTORED;
    let dir = tempfile::tempdir().unwrap();
    let mut b = with_notes(&dir);
    b.open_id("1950-10-04-stalin-mao").unwrap();
    b.press("a").unwrap();
    type_text(&mut b, "first");
    b.press("ctrl-s tab e").unwrap();
    assert!(b.top_is::<Editor>());
    type_text(&mut b, " and second");
    let mut a = Store::open(dir.path().join("notes.toml"));
    let id = a.notes.notes[0].id.clone();
    a.commit(&Edit::Delete { id: id.clone() }).unwrap();
    assert!(!saved(&dir).contains("first"), "A deleted it");
    b.press("ctrl-s").unwrap();
    assert_eq!(b.overlays(), 0, "saved, so the editor closed");
    let flash = b.flash.clone().unwrap();
    assert!(
        flash.starts_with("note restored: it had been deleted elsewhere"),
        "{flash}"
    );
    let back = shifr::notes::Notes::parse(&saved(&dir)).unwrap();
    assert_eq!(back.notes.len(), 1);
    let n = &back.notes[0];
    assert_eq!(n.text, format!("{RESTORED}first and second"));
    assert_eq!(n.telegram, "1950-10-04-stalin-mao");
    assert_ne!(n.id, id);
    assert!(screen(&b).contains("first and second"), "B shows it");
}

/// Both orders of two edits, and an edit racing a delete the other way
/// round: every text typed is in the file afterwards.
#[test]
fn two_readers_editing_and_deleting_one_note_lose_nothing() {
    use shifr::notes::Edit;
    let dir = tempfile::tempdir().unwrap();
    let mut b = with_notes(&dir);
    b.open_id("1950-10-04-stalin-mao").unwrap();
    b.press("a").unwrap();
    type_text(&mut b, "base");
    b.press("ctrl-s tab e").unwrap();
    type_text(&mut b, " from B");
    let mut a = Store::open(dir.path().join("notes.toml"));
    let id = a.notes.notes[0].id.clone();
    a.commit(&Edit::Change {
        id: id.clone(),
        text: "base from A".into(),
        stance: None,
        edited: "2026-11-28T09:00:00Z".into(),
    })
    .unwrap();
    b.press("ctrl-s").unwrap();
    assert!(
        b.flash.as_deref().unwrap().contains("both versions kept"),
        "{:?}",
        b.flash
    );
    let file = saved(&dir);
    assert!(
        file.contains("\"base from A\"") && file.contains("base from B\""),
        "{file}"
    );
    // B deletes the note A edited; A's edit comes after: restored.
    b.press("g d y").unwrap();
    assert!(!saved(&dir).contains("\"base from A\""), "{}", saved(&dir));
    let r = a
        .commit(&Edit::Change {
            id,
            text: "base from A, again".into(),
            stance: None,
            edited: "2026-11-28T09:01:00Z".into(),
        })
        .unwrap();
    assert_eq!(r, shifr::notes::store::Saved::Restored);
    let file = saved(&dir);
    assert!(
        file.contains("base from A, again") && file.contains("base from B"),
        "{file}"
    );
}

/// #3: ctrl-c (the global quit) in the note editor asks before throwing
/// the text away, as quitting; asked, `y` or a second ctrl-c quits.
#[test]
fn ctrl_c_in_the_editor_asks_before_discarding_unsaved_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_notes(&dir);
    a.press("a").unwrap();
    type_text(&mut a, "draft");
    a.press("ctrl-c").unwrap();
    assert!(!a.should_quit(), "unsaved text: asks first");
    assert!(a.top_as::<Editor>().is_some_and(|e| e.confirm_discard));
    let screen = screen(&a);
    assert!(
        screen.contains("Quit shifr and discard your unsaved note?"),
        "{screen}"
    );
    a.press("y").unwrap();
    assert!(a.should_quit(), "yes to quitting quits");
    assert!(a.store.notes.notes.is_empty());
    let mut a = with_notes(&dir);
    a.press("a").unwrap();
    type_text(&mut a, "draft");
    a.press("ctrl-c").unwrap();
    assert!(a.top_as::<Editor>().is_some_and(|e| e.confirm_discard));
    a.press("n").unwrap();
    assert!(
        a.top_as::<Editor>()
            .is_some_and(|e| !e.confirm_discard && e.text.text == "draft")
    );
    a.press("ctrl-c ctrl-c").unwrap();
    assert!(a.should_quit(), "asked already: the second ctrl-c quits");
    // An untouched editor does not stand in the way.
    let mut a = with_notes(&dir);
    a.press("a ctrl-c").unwrap();
    assert!(a.should_quit());
}

/// #5: a bracketed paste in the note editor goes in at the cursor,
/// newlines and all.
#[test]
fn paste_into_the_editor_inserts_at_the_cursor() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_notes(&dir);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("a").unwrap();
    type_text(&mut a, "ab");
    a.press("left").unwrap();
    a.shell.paste("one\r\ntwo\u{1b}[2J");
    a.run();
    assert_eq!(
        a.top_as::<Editor>().map(|e| e.text.text.clone()).as_deref(),
        Some("aone\ntwo[2Jb"),
        "at the cursor, CRLF a newline, no escape character"
    );
    a.press("ctrl-s").unwrap();
    let back = shifr::notes::Notes::parse(&saved(&dir)).unwrap();
    assert_eq!(back.notes[0].text, "aone\ntwo[2Jb");
}

/// The reader says at start when notes are on telegrams the corpus lacks,
/// in the singular for one.
#[test]
fn e2e_one_orphaned_note_is_counted_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.toml");
    fs::write(
        &path,
        "[[note]]\nid = \"old\"\ntelegram = \"1950-13-99-gone\"\ntext = \"gone\"\ncreated = \"2026-01-01T00:00:00Z\"\n",
    )
    .unwrap();
    let f = path.display().to_string();
    let mut p = Pty::spawn(&["--notes", &f], 200, 30);
    p.wait_text("1 of your notes is on a telegram this corpus lacks (shifr notes export)");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

//! The reader's own notes: writing, editing, deleting, searching, exporting;
//! never losing one.

mod common;

use std::fs;

use common::app::*;
use common::notes::*;
use common::*;
use shifr::app::Pane;
use shifr::ui::editor::Editor;

#[test]
fn a_note_on_a_passage_is_written_saved_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_notes(&dir);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("}").unwrap();
    assert_eq!(a.cursor_align().as_deref(), Some("decision"));
    a.press("a").unwrap();
    assert_eq!(a.mode(), "NOTE");
    type_text(&mut a, "Compare Chen, p. 179.\nqj k: typed, not commands");
    assert!(!a.should_quit());
    a.press("ctrl-s").unwrap();
    assert!((a.overlays() == 0), "saved and closed");
    assert!(a.flash.as_deref().unwrap().starts_with("note saved"));
    let file = saved(&dir);
    assert!(
        file.contains("telegram = \"1950-10-02-mao-stalin\"")
            && file.contains("align = \"decision\""),
        "{file}"
    );
    let back = shifr::notes::Notes::parse(&file).unwrap();
    assert_eq!(
        back.notes[0].text,
        "Compare Chen, p. 179.\nqj k: typed, not commands"
    );
    let text = screen(&a);
    assert!(
        text.contains("Your notes") && text.contains("Compare Chen, p. 179."),
        "{text}"
    );
}

#[test]
fn editing_and_deleting_ask_and_keep_timestamps() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_notes(&dir);
    a.open_id("1950-10-04-stalin-mao").unwrap();
    a.press("a").unwrap();
    type_text(&mut a, "first");
    a.press("ctrl-s tab").unwrap();
    assert_eq!(a.focus, Pane::Annotations);
    a.press("e").unwrap();
    type_text(&mut a, " and second");
    a.press("ctrl-s").unwrap();
    let n = &a.store.notes.notes[0];
    assert_eq!(n.text, "first and second");
    assert!(n.edited.is_some());
    a.press("d").unwrap();
    assert_eq!(a.mode(), "CONFIRM");
    a.press("n").unwrap();
    assert_eq!(a.store.notes.notes.len(), 1, "n keeps it");
    a.press("d y").unwrap();
    assert!(a.store.notes.notes.is_empty());
    assert!(!saved(&dir).contains("first"));
}

#[test]
fn esc_asks_before_discarding_unsaved_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_notes(&dir);
    a.press("a").unwrap();
    type_text(&mut a, "draft");
    a.press("esc").unwrap();
    assert!(a.top_as::<Editor>().is_some_and(|e| e.confirm_discard));
    a.press("n").unwrap();
    assert!(
        a.top_as::<Editor>()
            .is_some_and(|e| !e.confirm_discard && e.text.text == "draft")
    );
    a.press("esc y").unwrap();
    assert!((a.overlays() == 0));
    assert!(a.store.notes.notes.is_empty());
    // An untouched editor closes at once.
    a.press("a esc").unwrap();
    assert!((a.overlays() == 0));
}

#[test]
fn scholars_notes_cannot_be_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_notes(&dir);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("tab d").unwrap();
    assert!(a.flash.as_deref().unwrap().contains("only your own notes"));
}

#[test]
fn a_broken_notes_file_is_left_byte_identical_and_notes_go_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.toml");
    let bad = "[[note]]\nid = \"x\"\ntelegram = 1950\n";
    fs::write(&path, bad).unwrap();
    let mut a = with_notes(&dir);
    assert!(
        a.store
            .read_only
            .as_deref()
            .unwrap()
            .contains("notes.toml:3:12")
    );
    // The annotations pane says why the notes are not there, for as long
    // as they are not (the status line's message goes with the next key).
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("j j").unwrap();
    let s = screen(&a);
    assert!(s.contains("notes.toml:3:12"), "{s}");
    a.press("a").unwrap();
    assert!((a.overlays() == 0));
    assert!(a.flash.as_deref().unwrap().contains("read-only"));
    assert_eq!(fs::read(&path).unwrap(), bad.as_bytes());
}

#[test]
fn your_notes_are_searchable_with_by_me() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_notes(&dir);
    a.open_id("1950-07-05-stalin-zhou").unwrap();
    a.press("a").unwrap();
    type_text(&mut a, "quetzalcoatl");
    a.press("ctrl-s / q u e t z a l space b y : m e").unwrap();
    let rows = screen(&a);
    assert!(
        rows.lines()
            .any(|l| l.contains("▸") && l.contains("quetzalcoatl")),
        "the result row shows the note that matched: {rows}"
    );
    a.press("enter").unwrap();
    assert_eq!(a.telegram().unwrap().id, "1950-07-05-stalin-zhou");
    assert_eq!(a.hit_position().as_deref(), Some("hit 1/1"));
}

#[test]
fn orphaned_notes_are_kept_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.toml");
    fs::write(
        &path,
        "[[note]]\nid = \"old\"\ntelegram = \"1950-13-99-gone\"\ntext = \"about a telegram since removed\"\ncreated = \"2026-01-01T00:00:00Z\"\n",
    )
    .unwrap();
    let mut a = with_notes(&dir);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("a").unwrap();
    type_text(&mut a, "new");
    a.press("ctrl-s").unwrap();
    let file = saved(&dir);
    assert!(
        file.contains("about a telegram since removed") && file.contains("text = \"new\""),
        "{file}"
    );
    let p = path.display().to_string();
    let out = run(&["notes", "export", "--notes", &p]);
    let md = text(&out.stdout);
    assert!(
        md.contains("## Orphaned notes") && md.contains("1950-13-99-gone"),
        "{md}"
    );
    assert!(
        md.contains("## 2 October 1950") && md.contains("Ciphered telegram, Roshchin to Stalin"),
        "{md}"
    );
    let out = run(&["notes", "export", "--format", "json", "--notes", &p]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["orphaned"], true);
    assert!(
        v[1]["citation"]
            .as_str()
            .unwrap()
            .starts_with("Ciphered telegram")
    );
}

#[test]
fn y_copies_a_citation_and_shows_it() {
    let mut a = app(120, 40);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("y").unwrap();
    assert!(
        a.host
            .clipboard
            .last()
            .unwrap()
            .starts_with("Ciphered telegram, Roshchin to Stalin, 3 October 1950")
    );
    assert_eq!(a.flash.as_deref(), Some("citation copied"));
    assert!(screen(&a).contains("Citation copied to the clipboard"));
    assert!(screen(&a).contains("Short form, for second references"));
    let full = a.host.clipboard.last().unwrap().clone();
    a.press("s").unwrap();
    let short = a.host.clipboard.last().unwrap().clone();
    assert!(short.len() < full.len() && short != full, "{short}");
    assert_eq!(a.flash.as_deref(), Some("short citation copied"));
    a.press("esc").unwrap();
    assert!((a.overlays() == 0));
}

#[test]
fn a_note_on_the_russian_passage_knows_its_version_and_lights_only_that_passage() {
    use ratatui::style::Modifier;
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_notes(&dir);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    // The passage cursor to the Russian text's "decision" (after the
    // Chinese text's passages).
    let groups = a.message_text().groups;
    let ru = groups
        .iter()
        .position(|g| g.0 == "ru" && g.1 == "decision")
        .unwrap();
    for _ in 0..=ru {
        a.press("}").unwrap();
    }
    assert_eq!(
        a.shell.reader().cursor_passage(&a.app),
        Some(("ru".into(), "decision".into()))
    );
    a.press("a").unwrap();
    assert!(
        screen(&a).contains("§ decision · Russian text"),
        "the editor names the version"
    );
    a.press("ctrl-t").unwrap();
    type_text(&mut a, "soft");
    a.press("ctrl-s").unwrap();
    let n = &a.store.notes.notes[0];
    assert_eq!(n.witness.as_deref(), Some("ru"));
    assert_eq!(n.stance, Some(shifr::corpus::Stance::Trigger));
    assert!(saved(&dir).contains("witness = \"ru\""));
    assert!(saved(&dir).contains("stance = \"trigger\""));
    // Selected in the annotations pane, only the Russian passage lights up.
    a.press("esc tab").unwrap();
    assert_eq!(a.selected_note_witness(), Some("ru"));
    let text = a.message_text();
    let bold_gutter = |line: usize| {
        text.lines[line]
            .spans
            .first()
            .is_some_and(|s| s.content.starts_with('┃') || s.content.starts_with('┋'))
    };
    let zh = groups
        .iter()
        .find(|g| g.0 == "zh" && g.1 == "decision")
        .unwrap();
    let ru = groups
        .iter()
        .find(|g| g.0 == "ru" && g.1 == "decision")
        .unwrap();
    assert!((ru.2..ru.3).any(bold_gutter), "the Russian passage is lit");
    assert!(!(zh.2..zh.3).any(bold_gutter), "the Chinese one is not");
    let _ = Modifier::BOLD;
    // It shows in the comparison's strip, with its stance.
    a.press("c").unwrap();
    let s = screen(&a);
    assert!(
        s.contains("you: [trigger] [Russian text (Roshchin, 3 October)] soft"),
        "{s}"
    );
    // Your reading in the debate view.
    a.press("esc D G").unwrap();
    let d = a.top_as::<shifr::ui::debate::Debate>().unwrap();
    assert_eq!(d.yours.len(), 1);
    let text = screen(&a);
    assert!(text.contains("Your reading"), "{text}");
    assert!(text.contains("you: soft"), "{text}");
}

#[test]
fn with_notes_given_show_compare_and_search_include_yours() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.toml");
    fs::write(
        &path,
        "[[note]]\nid = \"n1\"\ntelegram = \"1950-10-02-mao-stalin\"\nalign = \"decision\"\nwitness = \"ru\"\ntext = \"quetzal on the Russian decision\"\ncreated = \"2026-11-27T15:30:00Z\"\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let out = run(&["--notes", p, "search", "by:me quetzal"]);
    assert!(
        text(&out.stdout).contains("1950-10-02-mao-stalin"),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stdout).contains("1 of 1 hits"));
    let out = run(&["--notes", p, "show", "1950-10-02-mao-stalin"]);
    let s = text(&out.stdout);
    assert!(s.contains("quetzal on the Russian decision"), "{s}");
    assert!(
        s.contains("Russian text"),
        "the note names its version: {s}"
    );
    let out = run(&["--notes", p, "compare", "1950-10-02-mao-stalin"]);
    assert!(
        text(&out.stdout)
            .contains("you: [Russian text (Roshchin, 3 October)] quetzal on the Russian decision"),
        "{}",
        text(&out.stdout)
    );
    // Without --notes, output does not depend on a notes file.
    let out = run(&["search", "by:me quetzal"]);
    assert!(text(&out.stdout).contains("0 of 0 hits") || !text(&out.stdout).contains("quetzal"));
}

#[test]
fn notes_export_quotes_the_passage_each_note_speaks_to_in_its_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.toml");
    fs::write(
        &path,
        "[[note]]\nid = \"n1\"\ntelegram = \"1950-10-02-mao-stalin\"\nalign = \"decision\"\nwitness = \"ru\"\nstance = \"trigger\"\ntext = \"on the Russian decision\"\ncreated = \"2026-11-27T15:30:00Z\"\n\n[[note]]\nid = \"n2\"\ntelegram = \"1950-10-02-mao-stalin\"\nalign = \"decision\"\ntext = \"on the row\"\ncreated = \"2026-11-27T15:31:00Z\"\n\n[[note]]\nid = \"n3\"\ntelegram = \"1950-10-02-mao-stalin\"\ntext = \"on the telegram\"\ncreated = \"2026-11-27T15:32:00Z\"\n\n[[note]]\nid = \"n4\"\ntelegram = \"1950-10-02-mao-stalin\"\nalign = \"decision\"\nwitness = \"zh\"\ntext = \"on the Chinese decision\"\ncreated = \"2026-11-27T15:33:00Z\"\n",
    )
    .unwrap();
    let p = path.display().to_string();
    let md = text(&run(&["notes", "export", "--notes", &p]).stdout);
    // Each note's part: from its "- On" line to the next.
    let part = |text: &str| {
        md.split("\n- On ")
            .find(|p| p.contains(&format!("> {text}")))
            .unwrap()
            .to_string()
    };
    let n1 = part("on the Russian decision");
    assert!(
        n1.starts_with("§ decision · Russian text (Roshchin, 3 October) · stance: trigger; written 2026-11-27T15:30:00Z"),
        "what it is on, in which version, with its stance: {n1}"
    );
    assert!(!n1.contains("n1"), "no internal id: {n1}");
    assert!(
        n1.contains("> > Russian text (Roshchin, 3 October) · § decision"),
        "{n1}"
    );
    assert!(!n1.contains("Chinese text"), "only its version: {n1}");
    assert!(n1.contains("> > summary (the editors’ words): "), "{n1}");
    let n2 = part("on the row");
    assert!(n2.starts_with("§ decision; written"), "{n2}");
    assert!(!n2.contains("This version:"), "{n2}");
    assert!(
        n2.contains("Chinese text") && n2.contains("Russian text"),
        "{n2}"
    );
    assert!(
        n2.contains("> > quote: “send a portion of our troops"),
        "{n2}"
    );
    let n3 = part("on the telegram");
    assert!(n3.starts_with("the telegram; written"), "{n3}");
    assert!(!n3.contains("On the passage"), "{n3}");
    // A note on the Chinese text cites the Chinese text, not the Russian file.
    let zh = md
        .split("\n- On ")
        .find(|p| p.contains("> on the Chinese decision"))
        .unwrap();
    assert!(
        zh.contains("This version: Telegram, Mao to Stalin, 2 October 1950, Chinese text, in Chinese sources, as used by Chen"),
        "{zh}"
    );
    assert!(!zh.contains("delo 334"), "{zh}");
    let out = run(&["notes", "export", "--format", "json", "--notes", &p]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["witness"], "ru");
    assert!(
        v[0]["passage"][0]
            .as_str()
            .unwrap()
            .starts_with("Russian text")
    );
    assert!(v[2]["passage"].is_null());
    assert_eq!(v[0]["stance"], "trigger");
    assert!(v[2]["version_citation"].is_null());
    let zh = v[3]["version_citation"].as_str().unwrap();
    assert!(
        zh.starts_with("Telegram, Mao to Stalin, 2 October 1950, Chinese text"),
        "{zh}"
    );
}

/// At 80×24 the editor's title keeps the version (the date goes last),
/// and the delete question names the passage and version and marks a cut
/// preview with an ellipsis.
#[test]
fn the_editor_title_and_the_delete_question_name_the_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_notes_at(&dir, 80, 24);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    let groups = a.message_text().groups;
    let ru = groups
        .iter()
        .position(|g| g.0 == "ru" && g.1 == "decision")
        .unwrap();
    for _ in 0..=ru {
        a.press("}").unwrap();
    }
    a.press("a").unwrap();
    let s = screen(&a);
    assert!(s.contains("New note on § decision · Russian text"), "{s}");
    type_text(&mut a, "a note long enough to be cut in the question asked");
    a.press("ctrl-s esc tab").unwrap();
    a.press("e").unwrap();
    let s = screen(&a);
    assert!(s.contains("Your note on § decision · Russian text"), "{s}");
    a.press("esc").unwrap();
    a.press("d").unwrap();
    let (q, _) = a.delete_question().unwrap();
    assert_eq!(
        q,
        "Delete your note on § decision · Russian text (Roshchin, 3 October) “a note long enough to be cut in the que…”?"
    );
}

/// On a note taller than the pane, `j` reads on through it, and the
/// status line's key hint says so; on a short one it says "next note".
#[test]
fn the_hint_on_a_long_note_says_j_reads_on() {
    let dir = tempfile::tempdir().unwrap();
    let long = (1..=60)
        .map(|i| format!("line {i}"))
        .collect::<Vec<_>>()
        .join("\\n");
    fs::write(
        dir.path().join("notes.toml"),
        format!("[[note]]\nid = \"n1\"\ntelegram = \"1950-10-02-mao-stalin\"\ntext = \"{long}\"\ncreated = \"2026-11-27T15:30:00Z\"\n"),
    )
    .unwrap();
    let mut a = with_notes_at(&dir, 120, 40);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("tab").unwrap();
    assert_eq!(a.focus, Pane::Annotations);
    let status = |a: &Harness| screen(a).lines().last().unwrap().to_string();
    assert!(status(&a).contains("more of the note"), "{}", status(&a));
    // Its end on screen, the next j goes to the next note: the hint says so.
    let mut seen_end = false;
    for _ in 0..60 {
        a.press("j").unwrap();
        assert_eq!(a.notes.selected, 0, "j read on to the note's end first");
        if screen(&a).contains("written 2026-11-27 15:30") {
            assert!(status(&a).contains("next note"), "{}", status(&a));
            seen_end = true;
            break;
        }
    }
    assert!(seen_end);
    // Past it, on a scholar's note of a few lines: the next note.
    for _ in 0..80 {
        a.press("j").unwrap();
    }
    assert!(status(&a).contains("next note"), "{}", status(&a));
}

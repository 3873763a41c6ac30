//! The note editor moves the cursor by the rows it draws: a paragraph
//! wider than the box is several rows on screen, and `up`/`down` go from
//! one to the next, as in an editor that wraps its lines.

mod common;

use common::app::*;
use shifr::app::App;
use shifr::notes::store::Store;
use shifr::ui::editor::Editor;

fn typed(a: &mut Harness, s: &str) {
    for c in s.chars() {
        let k = match c {
            ' ' => "space".to_string(),
            c => c.to_string(),
        };
        a.press(&k).unwrap();
    }
}

/// The text before the cursor.
fn before(a: &Harness) -> String {
    let e = a.top_as::<Editor>().expect("the editor");
    e.text.text[..e.text.cursor].to_string()
}

#[test]
fn up_and_down_in_the_editor_go_by_the_rows_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(corpus(), shifr::keymap::Keymap::defaults());
    app.store = Store::open(dir.path().join("notes.toml"));
    let mut a = Harness::new(app, 80, 24);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("a").unwrap();
    assert!(a.top_is::<Editor>());
    // One line of text, far wider than the box: several rows.
    let paragraph = "Chen reads the Chinese text as the decision of 2 October and the Russian text as a draft that was never sent to Moscow at all";
    typed(&mut a, paragraph);
    let end = before(&a);
    assert_eq!(end, paragraph);
    a.press("up").unwrap();
    let up = before(&a);
    assert!(
        !up.is_empty() && up.len() < paragraph.len(),
        "up from the end of a wrapped line stays in it, one row higher: {up:?}"
    );
    let screen = screen(&a);
    let cut = &paragraph[up.len()..];
    assert!(
        screen
            .lines()
            .any(|l| l.contains(cut.split(' ').next().unwrap())),
        "{screen}"
    );
    a.press("down").unwrap();
    assert_eq!(before(&a), paragraph, "down comes back to the end");
}

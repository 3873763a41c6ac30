//! The comparison view: keys against state, the screens, and `shifr compare`.

mod common;

use std::sync::Arc;

use common::app::*;
use common::compare::*;
use common::*;
use insta::assert_snapshot;
use shifr::app::App;
use shifr::corpus::Corpus;
use shifr::keymap::Keymap;
use shifr::ui::compare::Compare;

#[test]
fn c_opens_the_comparison_and_esc_returns_to_the_same_telegram() {
    let mut a = comparing(120, 40);
    assert_eq!(a.mode(), "COMPARE");
    assert_eq!(state(&a).shown(), (0, 1));
    a.press("esc").unwrap();
    assert!((a.overlays() == 0));
    assert_eq!(a.telegram().unwrap().id, "1950-10-02-mao-stalin");
}

#[test]
fn c_on_a_single_version_says_so() {
    let mut a = app(120, 40);
    a.open_id("1950-10-04-stalin-mao").unwrap();
    a.press("c").unwrap();
    assert!((a.overlays() == 0));
    assert!(
        a.flash.as_deref().unwrap().contains("one version only"),
        "{:?}",
        a.flash
    );
}

#[test]
fn scrolling_is_synchronised_until_s() {
    let mut a = comparing(120, 24);
    a.press("j j").unwrap();
    assert_eq!(state(&a).scroll, [2, 2]);
    a.press("s j").unwrap();
    assert_eq!(
        state(&a).scroll,
        [3, 2],
        "only the active (left) side moves"
    );
    a.press("tab j j").unwrap();
    assert_eq!(state(&a).scroll, [3, 4], "tab makes the right side active");
    a.press("s").unwrap();
    assert_eq!(
        state(&a).scroll,
        [4, 4],
        "syncing again lines both up with the active side"
    );
    a.press("G").unwrap();
    let s = state(&a);
    assert_eq!(s.scroll[0], s.scroll[1]);
    a.press("j j j").unwrap();
    assert_eq!(state(&a).scroll, s.scroll, "never scrolls past the end");
    a.press("g").unwrap();
    assert_eq!(state(&a).scroll, [0, 0]);
}

#[test]
fn divergent_rows_are_reached_with_braces() {
    // Three versions, the first and the third known in full: the first
    // lacks "air", the third "decision" — omissions, so divergent.
    let mut a = versions_app(120, 24);
    a.press("w").unwrap();
    assert_eq!(state(&a).shown(), (0, 2));
    let (built, flat, _) = layout(&a);
    let keys: Vec<&str> = built.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["decision", "arms", "air"]);
    a.press("}").unwrap();
    assert_eq!(
        state(&a).scroll[0],
        flat.row_starts[2],
        "past the non-divergent row"
    );
    a.press("{").unwrap();
    assert_eq!(state(&a).scroll[0], 0);
    a.press("{").unwrap();
    assert!(
        a.flash
            .as_deref()
            .unwrap_or("")
            .contains("no divergent row above"),
        "{:?}",
        a.flash
    );
}

#[test]
fn rows_an_excerpt_lacks_are_not_called_omitted_or_divergent() {
    // 2 October: the paper gives an excerpt of each text; the Chinese one
    // has only the "decision" row.
    let mut a = comparing(120, 40);
    let text = screen(&a);
    assert!(text.contains("not in the paper's excerpt"), "{text}");
    assert!(!text.contains("no counterpart in this version"), "{text}");
    assert!(!text.contains("· omitted"), "{text}");
    a.press("}").unwrap();
    assert_eq!(
        state(&a).scroll[0],
        0,
        "the only divergent row is the first"
    );
    assert!(
        a.flash
            .as_deref()
            .unwrap_or("")
            .contains("no divergent row below")
    );
}

#[test]
fn x_swaps_the_columns() {
    let mut a = comparing(120, 40);
    a.press("x").unwrap();
    assert_eq!(state(&a).shown(), (1, 0));
    let text = screen(&a);
    let line = text
        .lines()
        .find(|l| l.contains("Russian text (Roshchin"))
        .unwrap();
    assert!(
        line.find("Russian text").unwrap() < line.find("Chinese text").unwrap(),
        "{line}"
    );
}

fn versions_app(w: u16, h: u16) -> Harness {
    let corpus = Arc::new(Corpus::load_dir(&fixtures().join("versions")).unwrap());
    let mut a = Harness::new(App::new(corpus, Keymap::defaults()), w, h);
    a.press("enter c").unwrap();
    a
}

#[test]
fn w_cycles_pairs_of_three_witnesses() {
    let mut a = versions_app(120, 40);
    assert_eq!(state(&a).shown(), (0, 1));
    a.press("w").unwrap();
    assert_eq!(state(&a).shown(), (0, 2));
    a.press("w").unwrap();
    assert_eq!(state(&a).shown(), (1, 2));
    a.press("w").unwrap();
    assert_eq!(state(&a).shown(), (0, 1));
    assert!(screen(&a).contains("pair 1/3"));
}

#[test]
fn both_witness_labels_face_each_other_on_the_same_rows() {
    let a = comparing(200, 50);
    let text = screen(&a);
    let header = text.lines().find(|l| l.contains("Chinese text")).unwrap();
    assert!(
        header.contains("Russian text (Roshchin, 3 October)"),
        "{header}"
    );
    let row = text
        .lines()
        .find(|l| l.contains("§ decision · contradicts"))
        .unwrap();
    assert!(row.matches("§ decision").count() == 2, "{row}");
    assert!(text.contains("not in the paper's excerpt"));
    assert!(text.contains("Notes on § decision"));
}

#[test]
fn narrow_screens_stack_the_versions() {
    let a = comparing(80, 24);
    let text = screen(&a);
    assert!(
        text.contains("A · Chinese text") && text.contains("B · Russian text"),
        "{text}"
    );
    assert!(
        !text
            .lines()
            .any(|l| l.contains("Chinese text") && l.contains("Russian text"))
    );
}

#[test]
fn help_over_the_comparison_lists_its_keys_and_returns_to_it() {
    let mut a = comparing(120, 40);
    a.press("?").unwrap();
    assert_eq!(a.mode(), "HELP");
    let text = screen(&a);
    assert!(text.contains("Comparison view"), "{text}");
    a.press("esc").unwrap();
    assert_eq!(a.mode(), "COMPARE");
}

#[test]
fn resizing_keeps_the_scroll_inside() {
    let mut a = comparing(80, 24);
    a.press("G").unwrap();
    a.resize(200, 60);
    let (_, flat, h) = layout(&a);
    let s = state(&a);
    assert!(s.scroll[0] <= shifr::view::compare::max_scroll(&flat, h));
    assert!(
        flat.row_starts.contains(&s.scroll[0]),
        "a resize lands on the start of a row"
    );
}

#[test]
fn snapshot_2_october_80x24() {
    assert_snapshot!(screen(&comparing(80, 24)));
}

#[test]
fn snapshot_2_october_120x40() {
    assert_snapshot!(screen(&comparing(120, 40)));
}

#[test]
fn snapshot_2_october_200x50() {
    assert_snapshot!(screen(&comparing(200, 50)));
}

#[test]
fn snapshot_2_october_unsynced_120x40() {
    let mut a = comparing(120, 40);
    a.press("s tab j j j").unwrap();
    assert_snapshot!(screen(&a));
}

#[test]
fn snapshot_word_diff_120x30() {
    assert_snapshot!(screen(&versions_app(120, 30)));
}

#[test]
fn word_diff_is_styled_without_colour() {
    use ratatui::style::Modifier;
    let a = versions_app(120, 30);
    let t = terminal(&a);
    let buf = t.backend().buffer();
    let text = screen(&a);
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("наконец"))
        .unwrap();
    let x = line
        .chars()
        .take(
            line.find("наконец")
                .map(|b| line[..b].chars().count())
                .unwrap(),
        )
        .count();
    let cell = &buf[(x as u16, y as u16)];
    assert!(
        cell.modifier.contains(Modifier::UNDERLINED),
        "added words are underlined: {cell:?}"
    );
}

#[test]
fn cli_text_side_by_side_and_stacked() {
    let out = run(&["compare", "1950-10-02-mao-stalin", "--width", "120"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(
        s.lines()
            .any(|l| l.contains("◆ Chinese text") && l.contains("◆ Russian text")),
        "{s}"
    );
    assert!(
        s.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 120),
        "{s}"
    );
    assert!(
        s.contains("Chen Jian:"),
        "row notes are printed under their rows"
    );
    let out = run(&["compare", "1950-10-02-mao-stalin", "--width", "70"]);
    let s = text(&out.stdout);
    assert!(
        s.contains("A · Chinese text")
            && s.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 70),
        "{s}"
    );
}

#[test]
fn cli_json_rows_and_witness_choice() {
    let out = run(&[
        "compare",
        "1950-10-02-mao-stalin",
        "--witnesses",
        "ru,zh",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["left"]["id"], "ru");
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows[0]["align"], "decision");
    assert_eq!(rows[0]["relation"], "contradicts");
    assert!(
        rows.iter().any(|r| r["relation"] == "not-in-excerpt"
            && r["right"].as_array().unwrap().is_empty()),
        "a row the Chinese excerpt lacks is not called omitted"
    );
}

#[test]
fn cli_errors() {
    let out = run(&["compare", "1950-10-04-stalin-mao"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("one version only"));
    let out = run(&["compare", "1950-10-02-mao-stalin", "--witnesses", "zh,en"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no witness 'en': its witnesses are zh, ru"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["compare", "1950-10-02-mao-stalin", "--witnesses", "zh"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["compare", "nope"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn every_row_can_reach_the_top_and_show_its_notes() {
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let mut a = comparing(w, h);
        let (built, flat, _) = layout(&a);
        for (i, row) in built.rows.iter().enumerate() {
            while state(&a).scroll[0] < flat.row_starts[i] {
                a.press("j").unwrap();
            }
            assert_eq!(
                state(&a).scroll[0],
                flat.row_starts[i],
                "{w}x{h}: row {} ({})",
                i,
                row.key
            );
            assert!(
                screen(&a).contains(&format!("Notes on § {}", row.key)),
                "{w}x{h}: {}",
                row.key
            );
        }
    }
}

#[test]
fn the_notes_strip_has_your_notes_the_whole_telegrams_and_scrolls() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(common::app::corpus(), Keymap::defaults());
    app.store = shifr::notes::store::Store::open(dir.path().join("notes.toml"));
    let mut a = Harness::new(app, 80, 24);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    // A note of yours on the first passage ("decision"), one on the whole telegram.
    a.press("} a").unwrap();
    for c in "mine on the row".chars() {
        let k = if c == ' ' {
            "space".to_string()
        } else {
            c.to_string()
        };
        a.press(&k).unwrap();
    }
    a.press("ctrl-s esc shift-tab a").unwrap();
    for c in "mine overall".chars() {
        let k = if c == ' ' {
            "space".to_string()
        } else {
            c.to_string()
        };
        a.press(&k).unwrap();
    }
    a.press("ctrl-s c").unwrap();
    assert_eq!(a.mode(), "COMPARE");
    let c = a.top_as::<Compare>().unwrap();
    assert_eq!(c.strip_scroll, 0);
    let text = screen(&a);
    // Tagged with its version, as the scholars' notes are.
    assert!(
        text.contains("you: [Chinese text] mine on the row"),
        "{text}"
    );
    assert!(text.contains("scroll the notes"), "{text}");
    // J scrolls down to the notes on the whole telegram.
    let mut seen = (false, false);
    for _ in 0..60 {
        a.press("J").unwrap();
        let text = screen(&a);
        seen.0 |= text.contains("On the whole telegram");
        seen.1 |= text.contains("you: mine overall");
    }
    assert_eq!(seen, (true, true));
    assert!(a.top_as::<Compare>().unwrap().strip_scroll > 0);
    a.press("K").unwrap();
    // Moving to another row starts its notes from the top.
    let (_, flat, _) = layout(&a);
    while state(&a).scroll[0] < flat.row_starts[1] {
        a.press("j").unwrap();
    }
    assert_eq!(a.top_as::<Compare>().unwrap().strip_scroll, 0);
}

#[test]
fn y_in_the_comparison_cites_the_version_in_the_active_column() {
    let mut a = comparing(120, 40);
    a.press("y").unwrap();
    let left = a.host.clipboard.last().unwrap().clone();
    a.press("esc s tab y").unwrap();
    let right = a.host.clipboard.last().unwrap().clone();
    assert_ne!(left, right, "each version cites its own sources");
    assert!(
        left.contains("116"),
        "the Chinese text cites footnote 116: {left}"
    );
    assert!(
        right.contains("delo 334"),
        "the Russian text its archive file: {right}"
    );
    assert_eq!(a.mode(), "CITATION");
    a.press("esc").unwrap();
    assert_eq!(a.mode(), "COMPARE");
}

/// Counterparts start on the same line: the editors' reading of a
/// relation, under the row's label on the left, does not push the left
/// text below its counterpart on the right.
#[test]
fn counterparts_start_on_the_same_line_under_a_reading() {
    let out = common::run(&["compare", "1950-10-02-mao-stalin", "--width", "200"]);
    let text = common::text(&out.stdout);
    assert!(
        text.lines()
            .any(|l| l.contains("summary: Written after the Politburo")
                && l.contains("summary: Conveyed by Roshchin")),
        "{text}"
    );
}

/// `a` in the comparison writes a note on the row the notes strip shows:
/// in the active column's version side by side, on the row (every
/// version) when the versions are stacked. The list's filter is not in
/// the comparison's status line, where `f` does nothing.
#[test]
fn a_in_the_comparison_writes_a_note_on_the_row_in_the_active_version() {
    let write = |w: u16, h: u16, keys: &str| {
        let dir = tempfile::tempdir().unwrap();
        let mut app = App::new(common::app::corpus(), Keymap::defaults());
        app.store = shifr::notes::store::Store::open(dir.path().join("notes.toml"));
        let mut a = Harness::new(app, w, h);
        a.open_id("1950-10-02-mao-stalin").unwrap();
        a.press("c").unwrap();
        a.press(keys).unwrap();
        assert_eq!(a.mode(), "NOTE");
        a.press("h i ctrl-s").unwrap();
        assert_eq!(a.mode(), "COMPARE");
        let n = a.store.notes.notes[0].clone();
        (n.align, n.witness, screen(&a))
    };
    let (align, witness, text) = write(120, 40, "tab a");
    assert_eq!(align.as_deref(), Some("decision"));
    assert_eq!(witness.as_deref(), Some("ru"), "the right column's version");
    assert!(
        text.contains("you: [Russian text (Roshchin, 3 October)] hi"),
        "{text}"
    );
    let (align, witness, _) = write(120, 40, "a");
    assert_eq!(
        (align.as_deref(), witness.as_deref()),
        (Some("decision"), Some("zh"))
    );
    let (align, witness, _) = write(80, 24, "a");
    assert_eq!(
        (align.as_deref(), witness),
        (Some("decision"), None),
        "stacked: the row"
    );
    // The filter's label stays in the reader.
    let mut a = comparing(120, 40);
    a.press("esc f R o s h enter").unwrap();
    assert!(screen(&a).contains("filter: Roshchin"), "{}", screen(&a));
    a.press("c").unwrap();
    assert_eq!(a.mode(), "COMPARE");
    assert!(!screen(&a).contains("filter:"), "{}", screen(&a));
}

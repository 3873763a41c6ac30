//! Terminal injection: the corpus under tests/fixtures/hostile carries
//! escape sequences in a title (clear screen, set the window title), a
//! person's name (OSC 52, which sets the clipboard), a C1 CSI, a passage,
//! a witness label and a note; a notes file here carries more. Every
//! command's output must reach the terminal as text only, and `shifr
//! check` must name each such field, on one line each.

mod common;

use std::fs;
use std::path::PathBuf;

use common::pty::Pty;
use common::*;

const ID: &str = "1950-10-02-mao-stalin";

fn hostile() -> PathBuf {
    fixtures().join("hostile")
}

/// The first control character other than a newline, if any: ESC, BEL,
/// CR, DEL, a C1 control (U+0080–U+009F) — anything a terminal acts on.
fn first_control(s: &str) -> Option<(usize, char)> {
    s.char_indices().find(|(_, c)| c.is_control() && *c != '\n')
}

fn notes_file(dir: &tempfile::TempDir) -> String {
    let path = dir.path().join("notes.toml");
    fs::write(
        &path,
        format!(
            "[[note]]\nid = \"n1\\u001b[2J\"\ntelegram = \"{ID}\"\nalign = \"decision\\u0007\"\ntext = \"mine\\u001b]52;c;bm90ZQ==\\u0007\\nsecond line\\r\\nthird\\u009b1m\"\ncreated = \"2026-11-27T15:30:00Z\\u001b[8m\"\n\n[[note]]\nid = \"n2\"\ntelegram = \"1950-13-99-gone\\u001b]0;x\\u0007\"\ntext = \"orphan\\u001b[5m\"\ncreated = \"2026-11-27T15:30:00Z\"\n"
        ),
    )
    .unwrap();
    path.display().to_string()
}

#[test]
fn every_command_prints_the_hostile_corpus_as_text_only() {
    let dir = tempfile::tempdir().unwrap();
    let notes = notes_file(&dir);
    let corpus = hostile().display().to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--from", "mao"],
        vec!["list", "--json"],
        vec!["show", ID],
        vec!["show", ID, "--json"],
        vec!["search", "two texts"],
        vec!["search", "mao portion"],
        vec!["search", "two", "--json"],
        vec!["cite", ID],
        vec!["cite", ID, "--style", "bibtex"],
        vec!["compare", ID, "--width", "120"],
        vec!["compare", ID, "--width", "60"],
        vec!["compare", ID, "--format", "json"],
        vec!["export", "--format", "json"],
        vec!["export", "--format", "cmif"],
        vec!["export", "--format", "markdown"],
        vec!["notes", "export"],
        vec!["notes", "export", "--format", "json"],
    ];
    for args in commands {
        let out = shifr()
            .args(&args)
            .args(["--corpus", &corpus, "--notes", &notes])
            .output()
            .unwrap();
        let stdout = text(&out.stdout);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stdout.is_empty(), "{args:?} printed nothing");
        if let Some((at, c)) = first_control(&stdout) {
            panic!(
                "{args:?}: raw U+{:04X} at byte {at} of stdout:\n{stdout}",
                c as u32
            );
        }
        assert!(first_control(&stderr).is_none(), "{args:?}: {stderr:?}");
        // The text is still there, without its escape characters.
        let shown = ["Two texts", "Mao", "mine"]
            .iter()
            .any(|t| stdout.contains(t));
        assert!(shown, "{args:?}: {stdout}");
        if args.contains(&"--json") || args.contains(&"json") {
            let v: serde_json::Value = serde_json::from_str(&stdout)
                .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {stdout}"));
            // JSON keeps the value whole, escaped.
            let whole = v.to_string();
            assert!(
                whole.contains("\\u001b") || whole.contains('\u{1b}'),
                "{args:?}: the JSON value lost its text"
            );
        }
    }
    // The CMIF is still well-formed XML.
    let out = shifr()
        .args(["export", "--format", "cmif", "--corpus", &corpus])
        .output()
        .unwrap();
    roxmltree::Document::parse(&text(&out.stdout)).expect("well-formed CMIF");
}

#[test]
fn list_and_search_keep_one_line_per_telegram() {
    let corpus = hostile().display().to_string();
    let out = run(&["list", "--corpus", &corpus]);
    let s = text(&out.stdout);
    assert_eq!(
        s.lines().count(),
        1,
        "a newline in the title forged a line: {s}"
    );
    assert!(s.contains("Two texts[2J]0;pwned forged line"), "{s}");
    assert!(
        s.contains("Mao]52;c;cHduZWQ= → Roshchin31m → Stalin"),
        "{s}"
    );
    let out = run(&["search", "two", "--corpus", &corpus]);
    let s = text(&out.stdout);
    assert_eq!(s.lines().count(), 3, "hit, snippet, count: {s}");
}

#[test]
fn check_names_every_field_with_control_characters_once_each() {
    let out = run(&["check", &hostile().display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "no 'ok' line");
    let e = text(&out.stderr);
    assert!(first_control(&e).is_none(), "{e:?}");
    let h = hostile().display().to_string();
    for needle in [
        format!("{h}/people.toml:6:8: control character U+001B (escape) in name"),
        format!("{h}/people.toml:16:8: control character U+009B (CSI) in name"),
        format!(
            "{h}/telegrams/{ID}.toml:8:9: control character U+001B (escape) in title, at character 10"
        ),
        format!("{h}/telegrams/{ID}.toml:9:11: control character U+001B (escape) in archive"),
        format!("{h}/telegrams/{ID}.toml:21:8: control character U+001B (escape) in passage text"),
        format!("{h}/telegrams/{ID}.toml:25:9: control character U+0007 (bell) in label"),
        format!("{h}/telegrams/{ID}.toml:38:8: control character U+001B (escape) in note text"),
    ] {
        assert!(e.contains(&needle), "missing {needle:?} in:\n{e}");
    }
    assert_eq!(e.lines().count(), 8, "seven fields and the count: {e}");
    assert!(e.ends_with("7 problems\n"), "{e}");
}

#[test]
fn check_shows_control_characters_in_file_names_escaped_on_one_line() {
    let dir = base_corpus();
    // A newline in a file name used to forge an error line of its own.
    let name = "x\nfake.toml:1:1: forged\u{1b}[2J.toml";
    fs::write(dir.path().join("telegrams").join(name), "id = 1\n").unwrap();
    let out = shifr().arg("check").arg(dir.path()).output().unwrap();
    let e = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(first_control(&e).is_none(), "{e:?}");
    assert!(
        e.contains("telegrams/x\\nfake.toml:1:1: forged\\u{1b}[2J.toml:"),
        "{e}"
    );
    assert!(!e.lines().any(|l| l.starts_with("fake.toml")), "{e}");
}

#[test]
fn e2e_the_reader_draws_the_hostile_corpus_without_acting_on_it() {
    let corpus = hostile().display().to_string();
    let mut p = Pty::spawn(&["--corpus", &corpus, "open", ID], 120, 40);
    p.wait_text("Two texts");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    let raw = p.raw_text();
    for seq in [
        "\u{1b}]0;pwned",
        "\u{1b}]52;c;cHdu",
        "\u{1b}]52;c;ZXZp",
        "\u{9b}31m",
        "\u{7}",
    ] {
        assert!(!raw.contains(seq), "{seq:?} reached the terminal");
    }
    p.assert_restored();
}

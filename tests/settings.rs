//! The settings file, the mouse toggle, `shifr config`, `shifr man` and
//! the debug log, on the real binary (in a pty where a terminal matters).

mod common;

use common::pty::Pty;
use common::{shifr, text};

fn config_dir(body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("shifr")).unwrap();
    std::fs::write(dir.path().join("shifr/config.toml"), body).unwrap();
    dir
}

fn started(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
    let p = Pty::spawn_env(args, cols, rows, env);
    // The whole first frame: down to the status line's "n/45".
    p.wait_for("the first frame", |s| {
        s.contents()
            .lines()
            .nth(rows as usize - 1)
            .is_some_and(|l| l.contains("/45"))
    });
    p
}

#[test]
fn a_corrupt_config_is_located_and_nothing_is_started() {
    let dir = config_dir("[layout]\nheader = \"short\"\n");
    let d = dir.path().display().to_string();
    let mut p = Pty::spawn_env(&[], 100, 30, &[("XDG_CONFIG_HOME", &d)]);
    assert_eq!(p.wait_exit(), 1);
    let out = p.raw_text();
    assert!(
        out.contains(&format!(
            "{d}/shifr/config.toml:2:10: unknown value \"short\": expected one of \"auto\", \"full\", \"compact\""
        )),
        "{out}"
    );
    assert!(out.contains("shifr: the settings have problems; nothing was started"));
    assert!(!out.contains("\x1b[?1049h"), "the terminal was touched");
    p.assert_restored();
    // --config names another file, which must exist.
    let mut p = Pty::spawn(&["--config", "/nonexistent/shifr.toml"], 100, 30);
    assert_eq!(p.wait_exit(), 1);
    assert!(
        p.raw_text().contains("/nonexistent/shifr.toml: "),
        "{}",
        p.raw_text()
    );
}

#[test]
fn m_hands_the_mouse_to_the_terminal_and_back() {
    use vt100::MouseProtocolMode::None as Off;
    let mut p = started(&[], &[], 100, 30);
    let mode = |p: &Pty| p.parser.lock().unwrap().screen().mouse_protocol_mode();
    assert_ne!(mode(&p), Off, "captured at start");
    p.send("M");
    p.wait_text("mouse capture off: select text with the terminal");
    assert_eq!(mode(&p), Off);
    // The citation popup's hint is then true.
    p.send("y");
    p.wait_text("Citation copied");
    assert!(p.text().contains("select the text above"), "{}", p.text());
    assert!(!p.text().contains("press M"), "{}", p.text());
    p.send("\x1b");
    p.send("M");
    p.wait_text("mouse capture on");
    // With capture on, the popup says how to hand the mouse over.
    p.send("y");
    p.wait_text("Citation copied");
    assert!(
        p.text().contains("press M to hand the mouse"),
        "{}",
        p.text()
    );
    p.send("\x1b");
    assert_ne!(mode(&p), Off);
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn capture_off_in_the_settings_starts_without_the_mouse() {
    use vt100::MouseProtocolMode::None as Off;
    let dir = config_dir("[mouse]\ncapture = false\n");
    let d = dir.path().display().to_string();
    let mut p = started(&[], &[("XDG_CONFIG_HOME", &d)], 100, 30);
    assert_eq!(p.parser.lock().unwrap().screen().mouse_protocol_mode(), Off);
    assert!(
        !p.raw_text().contains("\x1b[?1000h"),
        "mouse capture was enabled"
    );
    // ctrl-z and fg keep it off.
    p.send("\x1a");
    std::thread::sleep(std::time::Duration::from_millis(200));
    let pid = nix::unistd::Pid::from_raw(p.child.process_id().unwrap() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGCONT).unwrap();
    p.wait_for("the reader back", |s| s.alternate_screen());
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(!p.raw_text().contains("\x1b[?1000h"), "enabled after fg");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn the_layout_settings_shape_the_first_screen() {
    let dir =
        config_dir("[layout]\nlist_width = 50\nannotations = \"hidden\"\nheader = \"full\"\n");
    let d = dir.path().display().to_string();
    let mut p = started(
        &["open", "1950-10-02-mao-stalin"],
        &[("XDG_CONFIG_HOME", &d)],
        100,
        30,
    );
    let screen = p.text();
    assert!(!screen.contains("Annotations"), "{screen}");
    // The list is half the screen: its box ends at column 50.
    let top = screen.lines().next().unwrap().chars().collect::<Vec<_>>();
    assert!(
        matches!(top[49], '┐' | '┓'),
        "{:?}",
        top.iter().collect::<String>()
    );
    // The full header at 30 rows, where auto would be compact: its
    // "From" field shows.
    let mut auto = started(&["open", "1950-10-02-mao-stalin"], &[], 100, 30);
    let has_from = |t: &str| {
        t.lines()
            .any(|l| l.contains("│ From ") || l.contains("┃ From "))
    };
    assert!(has_from(&screen), "{screen}");
    assert!(!has_from(&auto.text()), "{}", auto.text());
    // A shows the annotations that started hidden.
    p.send("A");
    p.wait_text("Annotations");
    p.send("q");
    auto.send("q");
    assert_eq!(p.wait_exit(), 0);
    assert_eq!(auto.wait_exit(), 0);
}

#[test]
fn presets_colour_as_named_and_no_color_wins() {
    let run = |preset: &str, no_color: &str| {
        let dir = config_dir(&format!("[theme]\npreset = \"{preset}\"\n"));
        let d = dir.path().display().to_string();
        let mut p = started(
            &[],
            &[("XDG_CONFIG_HOME", &d), ("NO_COLOR", no_color)],
            100,
            30,
        );
        p.send("q");
        assert_eq!(p.wait_exit(), 0);
        p.raw_text()
    };
    // dark: the 256-colour accent on the focused border.
    // crossterm writes the colour with the background: "38;5;81;49m".
    let fg = |out: &str, n: u8| {
        out.contains(&format!("38;5;{n};")) || out.contains(&format!("38;5;{n}m"))
    };
    assert!(fg(&run("dark", ""), 81));
    assert!(fg(&run("light", ""), 24));
    // mono, and NO_COLOR over dark: no foreground colour at all.
    for out in [run("mono", ""), run("dark", "1")] {
        assert!(!out.contains("38;5;"), "a colour was drawn");
        // ... and focus still shows, in bold and reverse video.
        assert!(out.contains("\x1b[1m") || out.contains(";1m") || out.contains("[1;"));
    }
}

#[test]
fn shifr_config_prints_the_default_file_and_checks_yours() {
    let out = shifr().args(["config", "--default"]).output().unwrap();
    assert!(out.status.success());
    let default = text(&out.stdout);
    assert_eq!(default, shifr::config::DEFAULT_CONFIG);
    // Saved as the user's file, it is the settings in effect.
    let dir = config_dir(&default);
    let out = shifr()
        .arg("config")
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.starts_with("# The settings in effect, read from "),
        "{shown}"
    );
    assert!(shown.contains("[mouse]\ncapture = true"), "{shown}");
    // A bad one: located, exit 1.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[mouse]\ncapture = 2\n").unwrap();
    let out = shifr()
        .arg("--config")
        .arg(&bad)
        .arg("config")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with(&format!(
            "{}:2:11: invalid type: integer `2`, expected a boolean",
            bad.display()
        )),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn shifr_man_is_a_manual_page_of_every_option() {
    let out = shifr().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = text(&out.stdout);
    assert!(page.contains(".TH shifr 1"), "{page}");
    for opt in ["config", "debug", "keymap", "notes", "corpus"] {
        assert!(page.contains(&format!("\\-\\-{opt}")), "--{opt} missing");
    }
    for sub in ["man", "config", "check", "export"] {
        assert!(
            page.contains(&format!("shifr\\-{sub}")) || page.contains(sub),
            "{sub}"
        );
    }
    assert!(page.contains(".SH FILES") && page.contains("shifr.log"));
}

#[test]
fn the_debug_log_records_start_up_and_errors_and_nothing_on_screen() {
    let mut p = started(&["--debug"], &[], 100, 30);
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    let log_path = p.state.path().join("shifr/shifr.log");
    let log = std::fs::read_to_string(&log_path).expect("a log");
    for want in [
        "shifr 0.1.0 started",
        "settings loaded: ",
        "settings: none, the defaults",
        "corpus loaded: ",
        "corpus: the bundled one (45 telegrams)",
        "keymap loaded: ",
        "notes: ",
        "first frame drawn",
        "done: exit 0",
    ] {
        assert!(log.contains(want), "{want:?} not in the log:\n{log}");
    }
    assert!(
        !p.raw_text().contains("settings loaded"),
        "the log reached the screen"
    );
    // SHIFR_LOG does the same, and an error is logged; the log grows.
    let state = p.state.path().to_path_buf();
    let out = shifr()
        .args(["show", "no-such-telegram"])
        .env("SHIFR_LOG", "1")
        .env("XDG_STATE_HOME", &state)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert_eq!(log.matches(" started (pid").count(), 2, "{log}");
    assert!(log.contains("error, exit 1: shifr: no telegram"), "{log}");
    // SHIFR_LOG=0 is off.
    let before = log.len();
    let out = shifr()
        .args(["list"])
        .env("SHIFR_LOG", "0")
        .env("XDG_STATE_HOME", &state)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&log_path).unwrap().len(), before);
}

#[test]
fn an_unwritable_log_is_said_once_and_never_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "").unwrap();
    let out = shifr()
        .args(["--debug", "list"])
        .env("XDG_STATE_HOME", &file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.starts_with("shifr: no debug log: cannot write "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!text(&out.stdout).is_empty());
}

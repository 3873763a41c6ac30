//! The command line outside the reader: usage errors, and what happens
//! without a terminal.

mod common;

use common::*;

#[test]
fn without_a_terminal_the_reader_points_to_subcommands_and_exits_2() {
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2));
    let e = text(&out.stderr);
    assert!(
        e.contains("needs a terminal") && e.contains("shifr export --format json"),
        "{e}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let out = run(&["--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unexpected argument '--frobnicate'"));
}

#[test]
fn an_unknown_id_exits_1_before_any_terminal_check() {
    let out = run(&["open", "1950-10-02-mao"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .contains("no telegram '1950-10-02-mao'; did you mean 1950-10-02-mao-stalin")
    );
}

#[test]
fn help_lists_subcommands_with_examples() {
    let out = run(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let s = text(&out.stdout);
    for needle in [
        "check",
        "export",
        "open",
        "Examples:",
        "--corpus",
        "--keymap",
    ] {
        assert!(s.contains(needle), "{needle} missing from --help:\n{s}");
    }
}

#[test]
fn bench_startup_reports_a_time() {
    let out = run(&["--bench-startup"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("start-up to first frame"));
}

#[test]
fn list_and_show_for_scripts() {
    let out = run(&["list", "--from", "stalin", "--to", "Ким Ир Сен"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(
        s.lines().count() >= 4
            && s.lines()
                .all(|l| l.contains("Stalin") && l.contains("Kim Il Sung")),
        "{s}"
    );
    let out = run(&["list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 45);
    let out = run(&["list", "--from", "stlin"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no person 'stlin' (did you mean 'stalin'?)"));
    let out = run(&["show", "1950-10-02-mao-stalin", "--width", "80"]);
    let s = text(&out.stdout);
    assert!(
        s.contains("│ “send a portion of our troops")
            && s.contains("┊ summary:")
            && s.contains("Notes"),
        "{s}"
    );
    let out = run(&["show", "1950-10-02-mao-stalin", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "1950-10-02-mao-stalin");
    let out = run(&["show", "1950-10-02"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no telegram '1950-10-02'; did you mean 1950-10-02-mao-stalin?"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn compare_width_below_twenty_is_a_usage_error() {
    let out = run(&["compare", "1950-10-02-mao-stalin", "--width", "10"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("too narrow"));
}

#[test]
fn every_subcommand_has_help_with_examples() {
    let top = text(&run(&["--help"]).stdout);
    let subcommands: Vec<String> = top
        .split("Commands:")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    assert!(subcommands.len() >= 12, "{subcommands:?}");
    for c in subcommands
        .iter()
        .map(String::as_str)
        .chain(["notes export"])
    {
        let mut args: Vec<&str> = c.split(' ').collect();
        args.push("--help");
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0), "{c}");
        assert!(
            text(&out.stdout).contains("Examples:\n  shifr"),
            "shifr {c} --help has no examples"
        );
    }
}

#[test]
fn completions_for_the_shells() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef shifr"),
        ("fish", "complete -c shifr"),
    ] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let s = text(&out.stdout);
        assert!(s.contains(marker), "{shell}: {s}");
        for sub in ["screenshots", "export", "compare", "cite"] {
            assert!(s.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    // The bash script is valid bash.
    let script = run(&["completions", "bash"]).stdout;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shifr.bash");
    std::fs::write(&path, script).unwrap();
    let ok = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .unwrap();
    assert!(ok.success());
    let out = run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn gen_corpus_refuses_a_directory_that_is_not_empty_unless_forced() {
    let dir = base_corpus();
    let people = std::fs::read(dir.path().join("people.toml")).unwrap();
    let p = dir.path().display().to_string();
    let out = run(&["gen-corpus", "--count", "3", "--out", &p]);
    assert_eq!(out.status.code(), Some(1));
    let e = text(&out.stderr);
    assert!(
        e.contains(&format!("shifr: {p} is not empty:")) && e.contains("--force"),
        "{e}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("people.toml")).unwrap(),
        people,
        "untouched"
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("telegrams"))
            .unwrap()
            .count(),
        1,
        "no synthetic telegrams mixed in"
    );
    let out = run(&["gen-corpus", "--count", "3", "--out", &p, "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // A new directory, and an empty one, are written without --force.
    let fresh = tempfile::tempdir().unwrap();
    for d in [fresh.path().join("new"), fresh.path().join("empty")] {
        if d.ends_with("empty") {
            std::fs::create_dir(&d).unwrap();
        }
        let out = run(&[
            "gen-corpus",
            "--count",
            "3",
            "--out",
            &d.display().to_string(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let out = run(&["check", &d.display().to_string()]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
}

#[test]
fn search_reports_a_bad_query_before_loading_the_corpus_and_finds_nothing_for_nothing() {
    // The corpus does not exist: the query's error is what is said.
    let out = run(&["search", "fro:stalin", "--corpus", "/nonexistent/corpus"]);
    assert_eq!(out.status.code(), Some(2));
    let e = text(&out.stderr);
    assert!(
        e.starts_with("shifr: bad query: column 1: unknown field 'fro:'"),
        "{e}"
    );
    assert!(!e.contains("no such directory"), "{e}");
    for (q, col) in [
        ("!!", 1),
        ("$", 1),
        ("''", 1),
        ("mao || kim", 6),
        ("mao | | kim", 7),
    ] {
        let out = run(&["search", q]);
        assert_eq!(out.status.code(), Some(2), "{q:?}");
        assert!(
            text(&out.stderr).starts_with(&format!("shifr: bad query: column {col}: ")),
            "{q:?}: {}",
            text(&out.stderr)
        );
    }
    // The message after "column N: ".
    let bars = |q: &str| {
        let e = text(&run(&["search", q]).stderr);
        let (_, after) = e.split_once(": column ").unwrap();
        after.split_once(": ").unwrap().1.to_string()
    };
    assert_eq!(bars("mao || kim"), bars("mao | | kim"), "the same error");
    for q in ["", "   "] {
        let out = run(&["search", q]);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(text(&out.stdout), "0 of 0 hits\n", "{q:?}");
    }
}

#[test]
fn show_and_compare_answer_a_width_below_twenty_the_same_way() {
    for w in ["0", "19"] {
        let show = run(&["show", "1950-10-02-mao-stalin", "--width", w]);
        let compare = run(&["compare", "1950-10-02-mao-stalin", "--width", w]);
        for out in [&show, &compare] {
            assert_eq!(out.status.code(), Some(2), "--width {w}");
            assert_eq!(
                text(&out.stderr),
                format!("shifr: --width {w} is too narrow: expected 20 columns or more\n")
            );
            assert!(out.stdout.is_empty());
        }
    }
    for cmd in ["show", "compare"] {
        let out = run(&[cmd, "1950-10-02-mao-stalin", "--width", "20"]);
        assert_eq!(out.status.code(), Some(0), "{cmd}: {}", text(&out.stderr));
    }
}

#[test]
fn help_and_version_into_a_full_disk_fail() {
    for arg in ["--help", "--version", "help"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = shifr().arg(arg).stdout(full).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{arg}");
        assert!(
            text(&out.stderr).starts_with("shifr: cannot write output:"),
            "{arg}: {}",
            text(&out.stderr)
        );
    }
    // Into a closed pipe, help still ends quietly with 0.
    let mut child = shifr()
        .arg("--help")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

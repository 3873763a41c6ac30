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

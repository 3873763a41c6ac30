//! The reader's process, as the kernel sees it: transparent huge pages are
//! off while it runs, after its search index is built too
//! (`shifr::huge_pages`), and on for the editor it runs.
#![cfg(target_os = "linux")]

mod common;

use common::pty::Pty;

/// The `THP_enabled` line of a process's status ("1" or "0").
fn thp_enabled(pid: u32) -> String {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("THP_enabled:"))
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|| panic!("no THP_enabled line in:\n{status}"))
}

#[test]
fn the_reader_runs_without_huge_pages_and_its_editor_with_them() {
    // Where the kernel does not say (or THP is off for the whole system),
    // there is nothing to check.
    if thp_enabled(std::process::id()) != "1" {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // The "editor" writes its own THP_enabled line as the note.
    let (mut p, notes) = Pty::with_editor(
        dir.path(),
        r#"f() { grep THP_enabled /proc/self/status | tr -d ' \t' > "$1"; }; f"#,
    );
    // A search answered: the index has been built.
    p.send("/inchon");
    p.wait_for("the answer", |s| {
        let t = s.contents();
        t.contains(" hits") && !t.contains("indexing") && !t.contains("searching")
    });
    let pid = p.child.process_id().expect("the reader's pid");
    assert_eq!(thp_enabled(pid), "0", "the reader, after the build");
    p.send("\x1b");
    p.send("a");
    p.wait_text("note saved");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    let saved = std::fs::read_to_string(&notes).unwrap();
    assert!(saved.contains("THP_enabled:1"), "the editor: {saved}");
}

//! End to end: what the reader remembers between runs — where the user
//! was, the jump list, bookmarks, and a broken state file set aside —
//! with the real binary in a pseudo-terminal and a state directory of the
//! test's own.

mod common;

use common::pty::Pty;

fn start(state: &std::path::Path, args: &[&str]) -> Pty {
    let s = state.to_str().unwrap();
    let p = Pty::spawn_env(args, 160, 30, &[("XDG_STATE_HOME", s)]);
    p.wait_text("/45");
    p
}

fn quit(mut p: Pty) {
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn the_next_start_is_back_on_2_october_in_the_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let p = start(dir.path(), &["open", "1950-10-02-mao-stalin"]);
    p.wait_text("Mao on sending troops");
    let mut p = p;
    p.send("c");
    p.wait_text("Compare · 2 October 1950");
    quit(p);
    let state = std::fs::read_to_string(dir.path().join("shifr/state.toml")).unwrap();
    assert!(
        state.contains("open = \"1950-10-02-mao-stalin\""),
        "{state}"
    );
    let mut p = start(dir.path(), &[]);
    p.wait_text("Compare · 2 October 1950");
    p.send("\x1b");
    p.wait_text("read 1/45");
    quit(p);
    // --fresh starts clean, and keeps what was read.
    let p = start(dir.path(), &["--fresh"]);
    p.wait_text("LIST");
    assert!(!p.text().contains("Compare ·"), "{}", p.text());
    p.wait_text("read 1/45");
    quit(p);
}

#[test]
fn ctrl_o_returns_from_a_search_hit_to_where_the_search_started_scroll_included() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = start(dir.path(), &["open", "1950-10-02-mao-stalin"]);
    p.wait_text("MESSAGE");
    p.send("j");
    p.send("j");
    p.send("j");
    p.wait_for("the message scrolled", |s| {
        !s.contents().contains("Mao → Roshchin → Stalin ·")
    });
    let scrolled = p.text();
    p.send("/");
    p.wait_text("SEARCH");
    for c in "evacuation".chars() {
        p.send(&c.to_string());
    }
    p.wait_text("14 Oct");
    p.send("\r");
    p.wait_text("hit 1/");
    p.send("\x0f"); // ctrl-o
    p.wait_text("back (0 behind, 1 ahead)");
    // The list and message show what they showed before the search (the
    // hit's telegram is now marked read).
    let back = p.text();
    let pane = |t: &str| -> Vec<String> {
        t.lines()
            .take(29)
            .map(|l| {
                l.chars()
                    .take(119)
                    .collect::<String>()
                    .replace("14 Oct·", "14 Oct ")
            })
            .collect()
    };
    assert_eq!(
        pane(&back),
        pane(&scrolled),
        "before:\n{scrolled}\nafter:\n{back}"
    );
    quit(p);
}

#[test]
fn two_bookmarks_survive_a_restart_and_each_can_be_jumped_to() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = start(dir.path(), &["open", "1950-10-02-mao-stalin"]);
    p.wait_text("MESSAGE");
    p.send("b");
    p.wait_text("bookmarked: 2 Oct");
    p.send("]");
    p.send("b");
    p.wait_text("bookmarked:");
    quit(p);
    let mut p = start(dir.path(), &["--fresh"]);
    p.send("B");
    p.wait_text("Bookmarks · 2");
    p.send("\r");
    p.wait_text("MESSAGE");
    p.wait_text("2 October 1950 · Mao");
    p.send("B");
    p.wait_text("Bookmarks · 2");
    p.send("j");
    p.send("\r");
    p.wait_for("the bookmarks to close", |s| {
        !s.contents().contains("Bookmarks ·")
    });
    p.wait_text("MESSAGE");
    assert!(!p.text().contains("2 October 1950 · Mao"), "{}", p.text());
    p.send("\x0f"); // ctrl-o: back to 2 October
    p.wait_text("2 October 1950 · Mao");
    quit(p);
    let marks = std::fs::read_to_string(dir.path().join("shifr/bookmarks.toml")).unwrap();
    assert_eq!(marks.matches("[[bookmark]]").count(), 2, "{marks}");
}

#[test]
fn a_corrupt_state_file_is_set_aside_with_its_location_and_the_reader_runs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("shifr")).unwrap();
    std::fs::write(
        dir.path().join("shifr/state.toml"),
        "version = 1\nscroll = \"up\"\n",
    )
    .unwrap();
    let p = start(dir.path(), &[]);
    p.wait_text("state.toml:2:10");
    p.wait_text("set aside as state.toml.corrupt-");
    quit(p);
    let names: Vec<String> = std::fs::read_dir(dir.path().join("shifr"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("state.toml.corrupt-")),
        "{names:?}"
    );
    // The quit wrote a good state in its place.
    assert!(names.iter().any(|n| n == "state.toml"), "{names:?}");
}

/// SIGTERM and SIGHUP (a closed window, a dropped ssh) end the reader as
/// `q` does, where it was saved: the next start is back on the telegram.
#[test]
fn sigterm_and_sighup_save_where_the_reader_was() {
    use nix::sys::signal::{Signal, kill};
    for (sig, code) in [(Signal::SIGTERM, 143), (Signal::SIGHUP, 129)] {
        let dir = tempfile::tempdir().unwrap();
        let mut p = start(dir.path(), &["open", "1950-10-14-stalin-kim"]);
        p.wait_text("MESSAGE");
        let pid = nix::unistd::Pid::from_raw(p.child.process_id().unwrap() as i32);
        kill(pid, sig).unwrap();
        assert_eq!(p.wait_exit(), code, "{sig}");
        p.assert_restored();
        let state = std::fs::read_to_string(dir.path().join("shifr/state.toml"))
            .unwrap_or_else(|e| panic!("{sig}: no state saved: {e}"));
        assert!(
            state.contains("open = \"1950-10-14-stalin-kim\""),
            "{sig}: {state}"
        );
    }
}

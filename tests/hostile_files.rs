//! Files that are not what shifr expects — a FIFO, a link to /dev/zero, a
//! file larger than any corpus, a symlink loop — each get one clear,
//! located message at once: never a hang, never memory run out.

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

use common::pty::Pty;
use common::*;

/// Well under a second for a debug build doing no work; a hang never ends.
const FAST: Duration = Duration::from_secs(3);

fn mkfifo(p: &Path) {
    nix::unistd::mkfifo(p, nix::sys::stat::Mode::S_IRWXU).unwrap();
}

fn check(dir: &Path) -> (Option<i32>, String) {
    let out = output_within(shifr().arg("check").arg(dir), FAST);
    (out.status.code(), text(&out.stderr))
}

#[test]
fn a_fifo_as_a_corpus_file_is_refused_at_once() {
    let dir = base_corpus();
    let fifo = dir.path().join("telegrams/1950-10-03-fifo.toml");
    mkfifo(&fifo);
    let (code, err) = check(dir.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "{}: a FIFO (named pipe), not a regular file: shifr reads only regular files",
            fifo.display()
        )),
        "{err}"
    );
    assert!(err.ends_with("1 problem\n"), "{err}");
}

#[test]
fn a_link_to_dev_zero_as_a_corpus_file_is_refused_at_once() {
    let dir = base_corpus();
    let zero = dir.path().join("events.toml");
    fs::remove_file(&zero).unwrap();
    symlink("/dev/zero", &zero).unwrap();
    let (code, err) = check(dir.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "{}: a character device, not a regular file",
            zero.display()
        )),
        "{err}"
    );
}

#[test]
fn a_corpus_file_over_the_size_cap_is_refused_with_the_cap() {
    let dir = base_corpus();
    let big = dir.path().join("telegrams/1950-10-03-big.toml");
    // Sparse: no disk, no time.
    fs::File::create(&big)
        .unwrap()
        .set_len(16 * 1024 * 1024 + 1)
        .unwrap();
    let (code, err) = check(dir.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("too large (16777217 bytes): shifr reads files of at most 16 MiB"),
        "{err}"
    );
}

#[test]
fn a_fifo_or_dev_zero_as_keymap_is_a_located_error_before_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("keymap.toml");
    mkfifo(&fifo);
    let zero = dir.path().join("zero.toml");
    symlink("/dev/zero", &zero).unwrap();
    for (path, kind) in [
        (&fifo, "a FIFO (named pipe)"),
        (&zero, "a character device"),
    ] {
        let out = output_within(shifr().arg("--keymap").arg(path), FAST);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains(&format!("{}: {kind}, not a regular file", path.display()))
                && err.contains("the keymap has problems; nothing was started"),
            "{err}"
        );
    }
}

#[test]
fn a_keymap_that_is_not_utf8_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let k = dir.path().join("keymap.toml");
    fs::write(&k, b"[global]\nx = \"quit\" # \xff\n").unwrap();
    let out = output_within(shifr().arg("--keymap").arg(&k), FAST);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "{}:2:14: not UTF-8 text: expected a UTF-8 encoded TOML keymap",
            k.display()
        )),
        "{err}"
    );
}

#[test]
fn a_fifo_as_notes_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("notes.toml");
    mkfifo(&fifo);
    let out = output_within(
        shifr().args(["notes", "export", "--notes"]).arg(&fifo),
        FAST,
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "{}: a FIFO (named pipe), not a regular file: shifr reads only regular files; point it at one; your notes are read-only",
            fifo.display()
        )),
        "{err}"
    );
}

#[test]
fn e2e_a_fifo_at_the_user_keymap_path_does_not_hang_the_start() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("shifr")).unwrap();
    mkfifo(&dir.path().join("shifr/keymap.toml"));
    let config = dir.path().display().to_string();
    let mut p = Pty::spawn_env(&[], 100, 30, &[("XDG_CONFIG_HOME", &config)]);
    p.wait_text("a FIFO (named pipe), not a regular file");
    assert_eq!(p.wait_exit(), 1);
    assert!(p.text().contains("nothing was started"), "{}", p.text());
}

#[test]
fn e2e_a_fifo_as_notes_leaves_the_reader_usable_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("notes.toml");
    mkfifo(&fifo);
    let f = fifo.display().to_string();
    let mut p = Pty::spawn(&["--notes", &f], 160, 40);
    p.wait_text("a FIFO (named pipe)");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn a_symlink_loop_in_the_corpus_is_named_once() {
    let dir = base_corpus();
    let lp = dir.path().join("telegrams/loop");
    symlink("..", &lp).unwrap();
    let (code, err) = check(dir.path());
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        err,
        format!(
            "{}: symbolic link to .. leads to a directory already read (a loop, or the same files twice): not followed; remove the link\n1 problem\n",
            lp.display()
        )
    );
}

#[test]
fn a_link_to_itself_is_named_and_a_link_to_a_new_directory_is_followed() {
    let dir = base_corpus();
    let me = dir.path().join("telegrams/me");
    symlink("me", &me).unwrap();
    let (code, err) = check(dir.path());
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        err,
        format!(
            "{}: symbolic link loop (the link leads back to itself): not followed; remove the link\n1 problem\n",
            me.display()
        )
    );
    // telegrams/ kept elsewhere and linked in: read as if it were here.
    let dir = base_corpus();
    let elsewhere = tempfile::tempdir().unwrap();
    let real = elsewhere.path().join("telegrams");
    fs::rename(dir.path().join("telegrams"), &real).unwrap();
    symlink(&real, dir.path().join("telegrams")).unwrap();
    let out = output_within(shifr().arg("check").arg(dir.path()), FAST);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("ok: 1 telegrams"));
}

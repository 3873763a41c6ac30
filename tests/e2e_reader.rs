//! End to end: the real binary in a pseudo-terminal, read back through a
//! vt100 parser.

mod common;

use common::pty::Pty;

fn started(args: &[&str], cols: u16, rows: u16) -> Pty {
    let p = Pty::spawn(args, cols, rows);
    p.wait_for("three titled panes", |s| {
        let t = s.contents();
        t.contains("Correspondence") && t.contains("Message") && t.contains("Annotations")
    });
    p
}

#[test]
fn start_move_help_quit_and_the_terminal_is_restored() {
    let mut p = started(&[], 100, 30);
    {
        let parser = p.parser.lock().unwrap();
        let s = parser.screen();
        assert!(s.alternate_screen() && s.hide_cursor());
        assert_ne!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    }
    p.wait_text("1/45");
    p.send("j");
    p.wait_text("2/45");
    p.send("?");
    p.wait_text("the next telegram");
    p.send("q");
    p.wait_for("help to close", |s| {
        !s.contents().contains("the next telegram")
    });
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn enter_opens_and_keys_from_help_work() {
    let mut p = started(&[], 120, 40);
    p.send("j\r");
    p.wait_text("MESSAGE");
    p.send("]");
    p.wait_text("3/45");
    p.send("\t");
    p.wait_text("NOTES");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn deep_link_opens_the_telegram() {
    let mut p = started(&["open", "1950-10-02-mao-stalin"], 120, 40);
    p.wait_text("Mao on sending troops");
    p.wait_text("send a portion of our troops");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    let mut p = started(&["--open", "1950-10-04-stalin-mao"], 120, 40);
    p.wait_text("Should we fear this?");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn an_unknown_id_is_an_error_naming_the_nearest() {
    let mut p = Pty::spawn(&["open", "1950-10-02-mao-stalni"], 100, 30);
    assert_eq!(p.wait_exit(), 1);
    let out = p.raw_text();
    assert!(
        out.contains("no telegram '1950-10-02-mao-stalni'; did you mean 1950-10-02-mao-stalin"),
        "{out}"
    );
    assert!(!out.contains("\x1b[?1049h"), "the terminal was touched");
}

#[test]
fn a_malformed_keymap_is_reported_before_the_terminal_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let km = dir.path().join("keymap.toml");
    std::fs::write(&km, "[global]\nq = \"quitt\"\nzz = \"help\"\n").unwrap();
    let km_s = km.display().to_string();
    let mut p = Pty::spawn(&["--keymap", &km_s], 100, 30);
    assert_eq!(p.wait_exit(), 1);
    let out = p.raw_text();
    assert!(
        out.contains(&format!(
            "{km_s}:2:6: unknown action 'quitt' (did you mean 'quit'?)"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("{km_s}:3:1: unknown key 'zz'")),
        "{out}"
    );
    assert!(!out.contains("\x1b[?1049h"), "the terminal was touched");
    p.assert_restored();
}

/// #7: unbinding every quit key used to start a reader nothing could end.
#[test]
fn a_keymap_with_no_way_to_quit_is_refused_before_the_terminal_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let km = dir.path().join("keymap.toml");
    std::fs::write(&km, "[global]\nq = \"none\"\nctrl-c = \"none\"\n").unwrap();
    let km_s = km.display().to_string();
    let mut p = Pty::spawn(&["--keymap", &km_s], 100, 30);
    assert_eq!(p.wait_exit(), 1);
    let out = p.raw_text();
    assert!(
        out.contains(&format!(
            "{km_s}:3:1: this leaves no key that quits shifr (it takes away q and ctrl-c): bind a key to \"quit\" in [global], e.g. ctrl-q = \"quit\", or remove this line"
        )),
        "{out}"
    );
    assert!(!out.contains("\x1b[?1049h"), "the terminal was touched");
    p.assert_restored();
    // With another key to quit, the reader starts and that key ends it.
    std::fs::write(
        &km,
        "[global]\nq = \"none\"\nctrl-c = \"none\"\nctrl-q = \"quit\"\n",
    )
    .unwrap();
    let mut p = started(&["--keymap", &km_s], 100, 30);
    p.send("q");
    p.send("\x11"); // ctrl-q
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn a_user_keymap_rebinds_and_help_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("shifr");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("keymap.toml"),
        "[global]\nx = \"quit\"\nq = \"none\"\n",
    )
    .unwrap();
    let dir_s = dir.path().display().to_string();
    let mut p = Pty::spawn_env(&[], 120, 40, &[("XDG_CONFIG_HOME", &dir_s)]);
    p.wait_text("Correspondence");
    p.send("?");
    p.wait_for("help listing x for quit", |s| {
        s.contents()
            .lines()
            .any(|l| l.contains(" x ") && l.contains("quit shifr"))
    });
    p.send("\x1b");
    p.wait_for("help to close", |s| !s.contents().contains("quit shifr"));
    p.send("q");
    p.send("j");
    p.wait_text("2/45");
    p.send("x");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut p = started(&[], 100, 30);
    let pid = p.child.process_id().unwrap();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    assert_eq!(p.wait_exit(), 128 + 15);
    p.assert_restored();
}

#[test]
fn sighup_restores_the_terminal() {
    let mut p = started(&[], 100, 30);
    let pid = p.child.process_id().unwrap();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid as i32),
        nix::sys::signal::Signal::SIGHUP,
    )
    .unwrap();
    assert_eq!(p.wait_exit(), 128 + 1);
    p.assert_restored();
}

#[test]
fn a_panic_restores_the_terminal_and_prints_the_message() {
    let mut p = Pty::spawn_env(&[], 100, 30, &[("SHIFR_TEST_PANIC", "1")]);
    let code = p.wait_exit();
    assert_ne!(code, 0);
    p.assert_restored();
    let out = p.raw_text();
    assert!(out.contains("panicked"), "{out}");
}

#[test]
fn resizing_down_to_nothing_and_back() {
    let mut p = started(&[], 100, 30);
    let resize = |p: &Pty, cols, rows| {
        p.master
            .resize(portable_pty::PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        p.parser.lock().unwrap().screen_mut().set_size(
            std::num::NonZero::new(rows).unwrap(),
            std::num::NonZero::new(cols).unwrap(),
        );
    };
    resize(&p, 60, 20);
    p.wait_text("LIST");
    resize(&p, 12, 3);
    p.wait_text("terminal");
    resize(&p, 1, 1);
    std::thread::sleep(std::time::Duration::from_millis(200));
    resize(&p, 120, 40);
    p.wait_for("three panes again", |s| {
        s.contents().contains("Annotations")
    });
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn a_click_selects_and_the_wheel_scrolls() {
    let mut p = started(&[], 120, 40);
    // SGR mouse: left press and release on the list's fifth row (the third telegram, after two group headers).
    p.send("\x1b[<0;6;6M\x1b[<0;6;6m");
    p.wait_text("3/45");
    // Wheel down over the message pane, then up.
    p.send("\x1b[<65;60;10M");
    p.send("\x1b[<64;60;10M");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn compare_2_october_side_by_side_scroll_unsync_and_back() {
    let mut p = started(&[], 120, 40);
    // Go to 2 October by stepping through the list.
    for _ in 0..60 {
        if p.text().contains("Mao on sending troops: the Chinese") {
            break;
        }
        p.send("]");
    }
    p.wait_text("c compares them");
    p.send("c");
    p.wait_text("COMPARE");
    let same_row =
        |p: &Pty, a: &str, b: &str| p.text().lines().any(|l| l.contains(a) && l.contains(b));
    assert!(
        same_row(&p, "◆ Chinese text", "◆ Russian text"),
        "{}",
        p.text()
    );
    assert!(same_row(&p, "§ decision · contradicts", "§ decision"));
    p.send("j");
    p.wait_for("both columns to scroll", |s| {
        let first = s
            .contents()
            .lines()
            .find(|l| l.contains("Conveyed by Roshchin"))
            .map(str::to_string);
        // The counterparts start on the same line, the relation's reading
        // above them on the left.
        first.is_some_and(|l| l.contains("Written after the Politburo"))
    });
    assert!(
        !p.text().contains("§ decision · contradicts"),
        "the label row scrolled away on both sides"
    );
    p.send("s");
    p.send("j");
    p.wait_for("only the left column to scroll", |s| {
        s.contents().lines().any(|l| {
            l.contains("Conveyed by Roshchin") && !l.contains("Written after the Politburo")
        })
    });
    p.send("\x1b");
    p.wait_for("the reader again", |s| {
        s.contents().contains("Correspondence") && !s.contents().contains("COMPARE")
    });
    assert!(p.text().contains("Mao on sending troops"));
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

/// When the terminal goes away without a signal (its window closed, the
/// pty's other end gone), shifr must end, not spin.
#[test]
fn a_vanished_terminal_ends_the_process() {
    use std::io::Read;
    use std::os::fd::AsRawFd;
    use std::process::{Command, Stdio};
    let pty = nix::pty::openpty(None, None).unwrap();
    // Other tests spawn processes concurrently: keep our ends out of them.
    for fd in [pty.master.as_raw_fd(), pty.slave.as_raw_fd()] {
        nix::fcntl::fcntl(
            fd,
            nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC),
        )
        .unwrap();
    }
    let ws = libc_winsize(100, 30);
    // SAFETY: a valid fd and winsize struct.
    unsafe { nix::libc::ioctl(pty.master.as_raw_fd(), nix::libc::TIOCSWINSZ, &ws) };
    let slave = pty.slave;
    let state = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_shifr"))
        .env("TERM", "xterm-256color")
        .env("XDG_STATE_HOME", state.path())
        .env("SHIFR_NO_CACHE", "1")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave))
        .spawn()
        .unwrap();
    let mut master = std::fs::File::from(pty.master);
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let start = std::time::Instant::now();
    while !String::from_utf8_lossy(&seen).contains("Correspondence")
        && start.elapsed().as_secs() < 10
    {
        let n = master.read(&mut buf).unwrap();
        seen.extend_from_slice(&buf[..n]);
    }
    drop(master);
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed().as_secs() < 5,
            "shifr kept running after its terminal went away"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    // 129 when the watchdog sees the hang-up first, 1 when the event loop's
    // read fails first: either way it ends at once.
    assert!(matches!(status.code(), Some(129) | Some(1)), "{status:?}");
}

fn libc_winsize(cols: u16, rows: u16) -> nix::libc::winsize {
    nix::libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    }
}

#[test]
fn search_type_enter_highlight_and_n() {
    let mut p = started(&[], 120, 40);
    p.send("/");
    p.wait_text("SEARCH");
    for c in "inchon".chars() {
        p.send(&c.to_string());
    }
    p.wait_for("results", |s| s.contents().contains("hits"));
    p.send("\r");
    p.wait_text("hit 1/");
    // The matched word is highlighted (underlined) in the message pane.
    p.wait_for("an underlined match", |s| {
        let (rows, cols) = (s.size().0.get(), s.size().1.get());
        (0..rows).any(|r| {
            (0..cols).any(|c| {
                s.cell(r, c).is_some_and(|cell| {
                    cell.underline() && cell.contents().eq_ignore_ascii_case("i")
                })
            })
        })
    });
    p.send("n");
    p.wait_text("hit 2/");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

/// The process state letter from /proc ('T' when stopped).
fn proc_state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The state follows the command name in parentheses.
    stat.rsplit(')')
        .next()
        .and_then(|r| r.trim_start().chars().next())
        .unwrap_or('?')
}

#[test]
fn ctrl_z_suspends_with_the_terminal_restored_and_fg_redraws() {
    let mut p = started(&[], 100, 30);
    let pid = p.child.process_id().unwrap();
    p.send("j");
    p.wait_text("2/45");
    p.send("\x1a");
    let start = std::time::Instant::now();
    while proc_state(pid) != 'T' && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(proc_state(pid), 'T', "ctrl-z stops the process");
    // While stopped, the shell has its terminal back.
    std::thread::sleep(std::time::Duration::from_millis(200));
    p.assert_restored();
    // `fg`: continued, the reader takes the terminal back and draws it all.
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid as i32),
        nix::sys::signal::Signal::SIGCONT,
    )
    .unwrap();
    p.wait_for("the reader redrawn on the alternate screen", |s| {
        s.alternate_screen() && s.contents().contains("2/45")
    });
    p.send("j");
    p.wait_text("3/45");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn sigtstp_from_outside_suspends_the_same_way() {
    let mut p = started(&[], 100, 30);
    let pid = nix::unistd::Pid::from_raw(p.child.process_id().unwrap() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTSTP).unwrap();
    let start = std::time::Instant::now();
    while proc_state(pid.as_raw() as u32) != 'T'
        && start.elapsed() < std::time::Duration::from_secs(10)
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    p.assert_restored();
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGCONT).unwrap();
    p.wait_for("the reader back", |s| {
        s.alternate_screen() && s.contents().contains("Correspondence")
    });
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn sigquit_restores_the_terminal() {
    let mut p = started(&[], 100, 30);
    let pid = p.child.process_id().unwrap();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid as i32),
        nix::sys::signal::Signal::SIGQUIT,
    )
    .unwrap();
    assert_eq!(p.wait_exit(), 128 + 3);
    p.assert_restored();
}

#[test]
fn a_dumb_terminal_gets_a_message_not_the_reader() {
    for term in ["dumb", ""] {
        let mut p = Pty::spawn_env(&[], 100, 30, &[("TERM", term)]);
        assert_eq!(p.wait_exit(), 2, "TERM={term:?}");
        assert!(
            p.raw_text().contains("needs a terminal"),
            "{}",
            p.raw_text()
        );
        assert!(!p.raw_text().contains("\x1b[?1049h"), "no alternate screen");
    }
}

#[test]
fn y_puts_the_citation_on_the_clipboard_with_osc_52() {
    let mut p = Pty::spawn(&["open", "1950-10-02-mao-stalin"], 120, 40);
    p.wait_text("Message");
    p.send("y");
    p.wait_text("Citation copied to the clipboard");
    let raw = p.raw_text();
    let start = raw.find("\x1b]52;c;").expect("an OSC 52 sequence") + 7;
    let end = start + raw[start..].find('\x1b').expect("terminated");
    let sent = &raw[start..end];
    // "Ciphered telegram, Roshchin to Stalin, 3 October 1950, …" in base64.
    assert!(
        sent.starts_with("Q2lwaGVyZWQgdGVsZWdyYW0sIFJvc2hjaGluIHRvIFN0YWxpbiwg"),
        "{sent}"
    );
    p.send("\x1b");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

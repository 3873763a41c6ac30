//! Running the real binary in a pseudo-terminal and reading its screen
//! through a vt100 parser, as a user's terminal would show it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZero;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Pty {
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Everything the program wrote, for checking escape sequences.
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Box<dyn MasterPty + Send>,
    /// This process's own `XDG_STATE_HOME` (unless the test set one), so
    /// no test reads or writes another's state or log, or the user's.
    pub state: tempfile::TempDir,
}

impl Pty {
    pub fn spawn(args: &[&str], cols: u16, rows: u16) -> Pty {
        Self::spawn_env(args, cols, rows, &[])
    }

    pub fn spawn_env(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_shifr"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        // Nothing of the user's: no settings, keymap, notes, state or log.
        cmd.env_remove("XDG_CONFIG_HOME");
        cmd.env_remove("XDG_DATA_HOME");
        cmd.env_remove("SHIFR_LOG");
        cmd.env("HOME", std::env::temp_dir());
        let state = tempfile::tempdir().expect("a state directory");
        cmd.env("XDG_STATE_HOME", state.path());
        cmd.env("XDG_CACHE_HOME", state.path().join("cache"));
        // No start-up cache shared between tests (an env entry may ask for one).
        cmd.env("SHIFR_NO_CACHE", "1");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn shifr");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZero::new(rows).unwrap(),
            NonZero::new(cols).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Pty {
            parser,
            raw,
            writer,
            child,
            master: pair.master,
            state,
        }
    }

    /// The reader on 2 October's telegram at 120×40, its notes in a file of
    /// `dir`, and `editor` (a shell function body's call, `f`) as `$EDITOR`;
    /// with the notes file's path.
    pub fn with_editor(dir: &std::path::Path, editor: &str) -> (Pty, String) {
        let notes = dir.join("notes.toml").to_str().unwrap().to_string();
        let p = Pty::spawn_env(
            &["--notes", &notes, "open", "1950-10-02-mao-stalin"],
            120,
            40,
            &[("EDITOR", editor)],
        );
        p.wait_text("Mao on sending troops");
        (p, notes)
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let the program read each key on its own (an ESC followed at once
        // by a letter would be read as alt-letter).
        thread::sleep(Duration::from_millis(60));
    }

    pub fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen satisfies `pred`; panics with the screen if it
    /// does not within a few seconds.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if pred(self.parser.lock().unwrap().screen()) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.text());
    }

    pub fn wait_text(&self, needle: &str) {
        self.wait_for(needle, |s| s.contents().contains(needle));
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread drain the last bytes.
                thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("shifr did not exit; screen:\n{}", self.text());
    }

    pub fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// The terminal is as a shell wants it: main screen, cursor shown, no
    /// mouse reporting, no bracketed paste, and line discipline back on.
    pub fn assert_restored(&self) {
        let p = self.parser.lock().unwrap();
        let s = p.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture still on"
        );
        assert!(!s.bracketed_paste(), "bracketed paste still on");
        let t = self.master.get_termios().expect("termios");
        use nix::sys::termios::LocalFlags;
        assert!(
            t.local_flags.contains(LocalFlags::ICANON),
            "raw mode still on (no ICANON)"
        );
        assert!(
            t.local_flags.contains(LocalFlags::ECHO),
            "raw mode still on (no ECHO)"
        );
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

//! The only module that talks to the terminal: entering and leaving raw mode
//! and the alternate screen, mouse capture, the panic hook and signal
//! handling that always restore the terminal, and the event loop.

mod event_loop;
mod input;
mod later;

pub use later::{Later, Loading, Take};

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::search::worker::Worker;
use crate::ui::Shell;
use event_loop::{Loop, TerminalHost, Wake};
use input::Input;

/// Whether the terminal is currently in shifr's mode (so restoring twice is
/// harmless).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Whether the reader takes mouse events (the settings' `mouse.capture`,
/// toggled by `M`); `enter` (at start, back from a suspend or `$EDITOR`)
/// follows it.
static MOUSE: AtomicBool = AtomicBool::new(true);

/// Turns mouse capture on or off, now if the terminal is in shifr's mode,
/// and at every later `enter`.
pub fn set_mouse_capture(on: bool) -> io::Result<()> {
    MOUSE.store(on, Ordering::SeqCst);
    if !ACTIVE.load(Ordering::SeqCst) {
        return Ok(());
    }
    if on {
        execute!(io::stdout(), EnableMouseCapture)
    } else {
        execute!(io::stdout(), DisableMouseCapture)
    }
}

/// Puts the terminal back as it was: raw mode off, alternate screen left,
/// mouse capture off, cursor shown. Safe to call more than once, and from
/// the panic hook.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = execute!(
            out,
            DisableMouseCapture,
            DisableBracketedPaste,
            LeaveAlternateScreen,
            cursor::Show
        );
        let _ = terminal::disable_raw_mode();
        let _ = out.flush();
    }
}

fn enter() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    if MOUSE.load(Ordering::SeqCst) {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Set when the whole screen must be drawn again (back from a suspend).
static REDRAW: AtomicBool = AtomicBool::new(false);

/// Gives the terminal back to the shell (cooked mode, main screen, cursor,
/// mouse off), stops the process as the default SIGTSTP would, and on `fg`
/// takes the terminal back and asks for a full redraw.
fn suspend() {
    restore();
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    // Running again.
    let _ = enter();
    REDRAW.store(true, Ordering::SeqCst);
}

/// Restores the terminal when dropped, whichever way the loop ends.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Restores the terminal before the default panic message is printed, so
/// the message is readable and the shell usable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Runs `$EDITOR` on a note: the terminal is handed over to it, and taken
/// back (raw mode, alternate screen) when it exits.
fn run_external_editor(editor: &str, text: &str) -> Result<String, String> {
    let path = std::env::temp_dir().join(format!("shifr-note-{}.md", crate::notes::new_id()));
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    restore();
    // Through the shell, so that EDITOR may carry arguments ("code --wait").
    let mut command = std::process::Command::new("sh");
    command
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&path);
    // The editor gets transparent huge pages as shifr was started with,
    // even if a build has them off at the moment (`huge_pages`).
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let restore = crate::huge_pages::for_child();
        // SAFETY: between fork and exec only a system call is made.
        unsafe {
            command.pre_exec(move || {
                restore();
                Ok(())
            });
        }
    }
    let status = command.status();
    let back = enter();
    let result = match (status, back) {
        (_, Err(e)) => Err(format!("cannot take the terminal back: {e}")),
        (Err(e), _) => Err(format!("cannot run {editor}: {e}")),
        (Ok(s), _) if !s.success() => Err(format!("{editor} exited with {s}")),
        (Ok(_), _) => std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display())),
    };
    let _ = std::fs::remove_file(&path);
    result
}

/// How the reader ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
}

/// Whether the terminal on standard input has hung up (its window closed).
fn hung_up() -> bool {
    let mut fds = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, zero timeout.
    let n = unsafe { libc::poll(&mut fds, 1, 0) };
    n > 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// A thread that ends the process, terminal restored, on SIGTERM, SIGHUP or
/// SIGINT, or when the terminal goes away. It asks the event loop to save
/// where the reader was and end (`Wake::End`), and ends the process itself
/// if the loop has not within `END_GRACE` (the loop waits on `$EDITOR`, or
/// is held up). It cannot be the event loop's job alone: once the terminal
/// has gone, crossterm's reader spins on end-of-file and never returns to
/// the loop. After a stop it wakes the loop to redraw.
fn spawn_watchdog(wake: Sender<Wake>) -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    std::thread::Builder::new()
        .name("shifr-watchdog".into())
        .spawn(move || {
            loop {
                for sig in signals.pending() {
                    match sig {
                        // Sent from outside (`kill -TSTP`): the same as ctrl-z.
                        SIGTSTP => {
                            suspend();
                            let _ = wake.send(Wake::Redraw);
                        }
                        // Continued after a SIGSTOP we could not see: take the
                        // terminal back if it was lost, and draw everything.
                        SIGCONT => {
                            if !ACTIVE.load(Ordering::SeqCst) {
                                let _ = enter();
                            }
                            REDRAW.store(true, Ordering::SeqCst);
                            let _ = wake.send(Wake::Redraw);
                        }
                        _ => end(&wake, sig),
                    }
                }
                if hung_up() {
                    end(&wake, SIGHUP);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        })?;
    Ok(())
}

/// How long the watchdog waits for the event loop to save and end, after a
/// signal that ends the process.
const END_GRACE: Duration = Duration::from_secs(2);

/// Ends the process for signal `sig`: by the event loop, which saves where
/// the reader was first; else, after `END_GRACE`, here.
fn end(wake: &Sender<Wake>, sig: i32) -> ! {
    if wake.send(Wake::End(sig)).is_ok() {
        std::thread::sleep(END_GRACE);
    }
    restore();
    std::process::exit(128 + sig);
}

/// Runs the reader until the user quits. A signal or a vanished terminal
/// ends the process from the watchdog, with the terminal restored.
pub fn run(shell: &mut Shell) -> io::Result<Exit> {
    run_later(shell, None)
}

/// The search thread on the shell's corpus and notes; its answers wake
/// the loop.
fn spawn_worker(shell: &Shell, tx: Sender<Wake>) -> Worker {
    Worker::spawn(
        Arc::clone(&shell.app.corpus),
        Arc::new(shell.app.store.notes.clone()),
        shell.app.index_store.clone(),
        tx,
        Wake::Search,
    )
}

/// [`run`], on part of the corpus while `later` brings the whole: the
/// search thread starts once the whole is in.
pub fn run_later(shell: &mut Shell, later: Option<Later>) -> io::Result<Exit> {
    // One channel wakes the loop: input, search answers, the watchdog.
    MOUSE.store(shell.app.mouse_capture, Ordering::SeqCst);
    let (tx, rx) = mpsc::channel::<Wake>();
    spawn_watchdog(tx.clone())?;
    install_panic_hook();
    enter()?;
    let _guard = Guard;
    let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    // Not terminal.clear(): that asks the terminal where its cursor is, and a
    // terminal that never answers would stall start-up.
    execute!(io::stdout(), terminal::Clear(terminal::ClearType::All))?;
    let size = terminal.size()?;
    shell.resize(size.width, size.height);
    // For the end-to-end test that the panic hook restores the terminal.
    let test_panic = std::env::var_os("SHIFR_TEST_PANIC").is_some();
    let input = Input::spawn(tx.clone(), Wake::Input, Wake::InputFailed)?;
    // Search runs on its own thread, which first builds the index: of
    // the whole corpus, once it is in.
    let (worker, take) = match later {
        None => (Some(spawn_worker(shell, tx.clone())), None),
        Some(Later { rx: loading, take }) => {
            let wake = tx.clone();
            std::thread::Builder::new()
                .name("shifr-loading".into())
                .spawn(move || {
                    for m in loading {
                        if wake.send(Wake::Loading(m)).is_err() {
                            return;
                        }
                    }
                })?;
            (None, Some(take))
        }
    };
    let host = TerminalHost {
        worker,
        queued: None,
        input,
        since: Instant::now(),
        pending: None,
        quit: false,
        redraw: false,
    };
    let mut lp = Loop::new(shell, host, terminal, rx, tx, take);
    let ran = lp.run(|| {
        if test_panic {
            panic!("SHIFR_TEST_PANIC is set: panicking after the first frame");
        }
    });
    // Not dropped: ratatui's Terminal shows the cursor on drop and, when that
    // fails (the terminal has gone away), prints to standard error with
    // eprintln!, which panics when standard error has gone too. Restoring
    // the terminal (the cursor included) is the Guard's.
    std::mem::forget(lp.terminal);
    ran?;
    Ok(Exit::Quit)
}

//! The only module that talks to the terminal: entering and leaving raw mode
//! and the alternate screen, mouse capture, the panic hook and signal
//! handling that always restore the terminal, and the event loop.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::terminal::{
    self, BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use std::sync::Arc;

use crate::app::Event as AppEvent;
use crate::keymap::Key;
use crate::notes::Notes;
use crate::runner::{self, Host};
use crate::search::worker::{Response, Worker};
use crate::ui::Shell;

/// Whether the terminal is currently in shifr's mode (so restoring twice is
/// harmless).
static ACTIVE: AtomicBool = AtomicBool::new(false);

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
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    )?;
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
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status();
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
/// SIGINT, or when the terminal goes away. It cannot be the event loop's
/// job: once the terminal has gone, crossterm's reader spins on end-of-file
/// and never returns to the loop.
fn spawn_watchdog() -> io::Result<()> {
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
                        SIGTSTP => suspend(),
                        // Continued after a SIGSTOP we could not see: take the
                        // terminal back if it was lost, and draw everything.
                        SIGCONT => {
                            if !ACTIVE.load(Ordering::SeqCst) {
                                let _ = enter();
                            }
                            REDRAW.store(true, Ordering::SeqCst);
                        }
                        _ => {
                            restore();
                            std::process::exit(128 + sig);
                        }
                    }
                }
                if hung_up() {
                    restore();
                    std::process::exit(128 + SIGHUP);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        })?;
    Ok(())
}

/// The terminal as the runner's host: OSC 52 for the clipboard, the search
/// thread for queries, `$EDITOR` with the terminal handed over.
struct TerminalHost {
    worker: Worker,
    waiting: usize,
    quit: bool,
    /// Back from `$EDITOR`: everything must be drawn again.
    redraw: bool,
}

impl Host for TerminalHost {
    fn copy(&mut self, text: &str) {
        // OSC 52: the terminal puts the text on the system clipboard.
        let _ = execute!(
            io::stdout(),
            crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
        );
    }

    fn search(&mut self, generation: u64, query: &str) -> Option<AppEvent> {
        self.worker.submit(generation, query);
        self.waiting += 1;
        None
    }

    fn reindex(&mut self, notes: &Notes) {
        self.worker.rebuild(Arc::new(notes.clone()));
    }

    fn edit(&mut self, editor: &str, text: &str) -> Result<String, String> {
        self.redraw = true;
        run_external_editor(if editor.is_empty() { "vi" } else { editor }, text)
    }

    fn quit(&mut self) {
        self.quit = true;
    }

    fn suspend(&mut self) {
        suspend();
    }
}

/// Runs the reader until the user quits. A signal or a vanished terminal
/// ends the process from the watchdog, with the terminal restored.
pub fn run(shell: &mut Shell) -> io::Result<Exit> {
    spawn_watchdog()?;
    install_panic_hook();
    enter()?;
    let _guard = Guard;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    // Not terminal.clear(): that asks the terminal where its cursor is, and a
    // terminal that never answers would stall start-up.
    execute!(io::stdout(), terminal::Clear(terminal::ClearType::All))?;
    let size = terminal.size()?;
    shell.resize(size.width, size.height);
    // For the end-to-end test that the panic hook restores the terminal.
    let test_panic = std::env::var_os("SHIFR_TEST_PANIC").is_some();
    // Search runs on its own thread, which first builds the index.
    let worker = Worker::spawn_with(
        Arc::clone(&shell.app.corpus),
        Arc::new(shell.app.store.notes.clone()),
        shell.app.index_store.clone(),
    );
    let mut host = TerminalHost {
        worker,
        waiting: 0,
        quit: false,
        redraw: false,
    };
    let mut dirty = true;
    loop {
        runner::run(shell, &mut host);
        if host.quit {
            return Ok(Exit::Quit);
        }
        if std::mem::take(&mut host.redraw) || REDRAW.swap(false, Ordering::SeqCst) {
            execute!(io::stdout(), terminal::Clear(terminal::ClearType::All))?;
            let size = terminal.size()?;
            terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
            shell.resize(size.width, size.height);
            dirty = true;
        }
        while let Some(answer) = host.worker.try_recv() {
            match answer {
                Response::Ready { .. } => shell.event(AppEvent::SearchReady),
                Response::Progress(p) => shell.event(AppEvent::SearchProgress(p)),
                Response::Results {
                    generation,
                    result,
                    took,
                } => {
                    host.waiting = host.waiting.saturating_sub(1);
                    shell.event(AppEvent::SearchResults {
                        generation,
                        result,
                        took,
                    });
                }
            }
            dirty = true;
        }
        if dirty {
            queue!(io::stdout(), BeginSynchronizedUpdate)?;
            terminal.draw(|f| shell.render(f))?;
            execute!(io::stdout(), EndSynchronizedUpdate)?;
            dirty = false;
            if test_panic {
                panic!("SHIFR_TEST_PANIC is set: panicking after the first frame");
            }
        }
        // Answers are awaited often; otherwise the loop sleeps in poll.
        let busy = host.waiting > 0 || !shell.app.search_ready;
        if !event::poll(Duration::from_millis(if busy { 4 } else { 100 }))? {
            continue;
        }
        match event::read()? {
            Event::Key(k) => {
                if let Some(key) = Key::from_event(&k) {
                    shell.handle_key(key);
                    dirty = true;
                }
            }
            Event::Mouse(m) => {
                shell.handle_mouse(m);
                dirty = true;
            }
            Event::Resize(w, h) => {
                shell.resize(w, h);
                terminal.autoresize()?;
                dirty = true;
            }
            Event::Paste(text) => {
                shell.paste(&text);
                dirty = true;
            }
            _ => {}
        }
    }
}

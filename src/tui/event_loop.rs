//! The event loop: it sleeps on one channel, which the input thread, the
//! search worker and the signal watchdog all feed, so an answer wakes it as
//! soon as a key does — no timeout to poll on. Once woken it takes every
//! message already waiting before it draws, so a run of keys costs one
//! frame, not one each; and when a key has asked the index something it
//! waits a moment ([`GRACE`]) for the answer, so a fast search is drawn in
//! the same frame as the key that asked it.

use std::collections::VecDeque;
use std::io::{self, Stdout};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crossterm::event::Event;
use crossterm::terminal::{self, BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::input::Input;
use super::later::Loading;
use super::{REDRAW, run_external_editor, suspend};
use crate::app::Event as AppEvent;
use crate::keymap::Key;
use crate::notes::Notes;
use crate::runner::{self, Host};
use crate::search::worker::{Response, Worker};
use crate::ui::Shell;

/// What wakes the loop.
pub(super) enum Wake {
    /// Input from the terminal, and when the input thread read it.
    Input(Event, Instant),
    /// The terminal could not be read.
    InputFailed(io::Error),
    /// The search worker's answer.
    Search(Response),
    /// Back from a stop (the watchdog saw SIGCONT): draw everything.
    Redraw,
    /// The whole corpus loading, or loaded (`super::later`).
    Loading(Loading),
    /// A signal that ends the process (SIGTERM, SIGHUP, SIGINT, SIGQUIT),
    /// or the terminal gone: where the reader was is saved, as on quit,
    /// before it ends (the watchdog ends it anyway if this loop is held up).
    End(i32),
}

/// How long the loop waits for a search answer before it draws the frame
/// without it (the typed character, the old results marked "searching…").
const GRACE: Duration = Duration::from_millis(6);

/// The longest the loop spends taking waiting messages before it draws, so
/// a huge burst still shows progress.
const BUDGET: Duration = Duration::from_millis(30);

/// The terminal as the runner's host: OSC 52 for the clipboard, the search
/// thread for queries, `$EDITOR` with the terminal handed over.
pub(super) struct TerminalHost {
    /// None until the whole corpus is in (progressive loading).
    pub worker: Option<Worker>,
    /// The newest query asked before there was a worker to ask, and when
    /// its key came (its figure counts the wait).
    pub queued: Option<(u64, String, Instant)>,
    pub input: Input,
    /// When the input being handled was read: a query it asks for is timed
    /// from then.
    pub since: Instant,
    /// The newest query asked and not yet answered, and when its key came.
    pub pending: Option<(u64, Instant)>,
    pub quit: bool,
    /// Back from `$EDITOR`: everything must be drawn again.
    pub redraw: bool,
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
        match &self.worker {
            Some(w) => {
                w.submit(generation, query);
                self.pending = Some((generation, self.since));
            }
            None => self.queued = Some((generation, query.to_string(), self.since)),
        }
        None
    }

    fn reindex(&mut self, notes: &Notes) {
        // Without a worker yet, the one started later takes the notes as
        // they are then.
        if let Some(w) = &self.worker {
            w.rebuild(Arc::new(notes.clone()));
        }
    }

    fn edit(&mut self, editor: &str, text: &str) -> Result<String, String> {
        self.redraw = true;
        // The editor reads the terminal, not us.
        let _paused = self.input.pause();
        run_external_editor(if editor.is_empty() { "vi" } else { editor }, text)
    }

    fn quit(&mut self) {
        self.quit = true;
    }

    fn suspend(&mut self) {
        suspend();
    }

    fn mouse_capture(&mut self, on: bool) {
        let _ = super::set_mouse_capture(on);
    }
}

/// The loop's state between frames.
pub(super) struct Loop<'a> {
    pub shell: &'a mut Shell,
    pub host: TerminalHost,
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
    pub rx: Receiver<Wake>,
    /// Something changed since the last frame.
    pub dirty: bool,
    /// Results that arrived since the last frame: their generation and
    /// when the key that asked for them was read.
    answered: VecDeque<(u64, Instant)>,
    /// What wakes the loop, for a search thread started later.
    wake: Sender<Wake>,
    /// Takes the whole corpus in, when the reader started on a part.
    take: Option<super::later::Take>,
}

impl<'a> Loop<'a> {
    pub fn new(
        shell: &'a mut Shell,
        host: TerminalHost,
        terminal: Terminal<CrosstermBackend<Stdout>>,
        rx: Receiver<Wake>,
        wake: Sender<Wake>,
        take: Option<super::later::Take>,
    ) -> Loop<'a> {
        Loop {
            shell,
            host,
            terminal,
            rx,
            dirty: true,
            answered: VecDeque::new(),
            wake,
            take,
        }
    }

    /// Runs until the user quits. `first_frame` is called after the first
    /// frame is on the screen.
    pub fn run(&mut self, mut first_frame: impl FnMut()) -> io::Result<()> {
        let mut drawn = false;
        loop {
            runner::run(self.shell, &mut self.host);
            if !self.dirty && !self.host.quit {
                // Nothing to draw: sleep until something happens.
                match self.rx.recv() {
                    Ok(m) => self.handle(m)?,
                    Err(_) => return Err(io::Error::other("the input thread ended")),
                }
            }
            self.take_waiting()?;
            if self.host.quit {
                return Ok(());
            }
            if std::mem::take(&mut self.host.redraw) || REDRAW.swap(false, Ordering::SeqCst) {
                execute!(io::stdout(), terminal::Clear(terminal::ClearType::All))?;
                let size = self.terminal.size()?;
                self.terminal
                    .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
                self.shell.resize(size.width, size.height);
                self.dirty = true;
            }
            if self.dirty {
                self.draw()?;
                if !drawn {
                    drawn = true;
                    first_frame();
                }
            }
        }
    }

    /// Takes every message already waiting, and waits a moment for the
    /// answer to a query just asked — within [`BUDGET`].
    fn take_waiting(&mut self) -> io::Result<()> {
        let start = Instant::now();
        while !self.host.quit && start.elapsed() < BUDGET {
            let m = match self.rx.try_recv() {
                Ok(m) => m,
                Err(_) => match self.host.pending {
                    Some((_, asked)) if asked.elapsed() < GRACE => {
                        match self.rx.recv_timeout(GRACE - asked.elapsed()) {
                            Ok(m) => m,
                            Err(RecvTimeoutError::Timeout) => return Ok(()),
                            Err(RecvTimeoutError::Disconnected) => {
                                return Err(io::Error::other("the input thread ended"));
                            }
                        }
                    }
                    _ => return Ok(()),
                },
            };
            self.handle(m)?;
        }
        Ok(())
    }

    /// One message: handled, and the effects it left carried out.
    fn handle(&mut self, m: Wake) -> io::Result<()> {
        let shell = &mut *self.shell;
        match m {
            Wake::Input(ev, at) => {
                self.host.since = at;
                match ev {
                    Event::Key(k) => {
                        if let Some(key) = Key::from_event(&k) {
                            shell.handle_key(key);
                            self.dirty = true;
                        }
                    }
                    Event::Mouse(m) => {
                        shell.handle_mouse(m);
                        self.dirty = true;
                    }
                    Event::Resize(w, h) => {
                        shell.resize(w, h);
                        self.terminal.autoresize()?;
                        self.dirty = true;
                    }
                    Event::Paste(text) => {
                        shell.paste(&text);
                        self.dirty = true;
                    }
                    _ => {}
                }
            }
            Wake::InputFailed(e) => return Err(e),
            Wake::Search(Response::Ready { .. }) => {
                self.host.since = Instant::now();
                shell.event(AppEvent::SearchReady);
                self.dirty = true;
            }
            Wake::Search(Response::Progress(p)) => {
                shell.event(AppEvent::SearchProgress(p));
                self.dirty = true;
            }
            Wake::Search(Response::Results {
                generation,
                result,
                took,
            }) => {
                if let Some((g, asked)) = self.host.pending
                    && g == generation
                {
                    self.host.pending = None;
                    self.answered.push_back((g, asked));
                }
                shell.event(AppEvent::SearchResults {
                    generation,
                    result,
                    took,
                });
                self.dirty = true;
            }
            Wake::Redraw => {}
            Wake::Loading(Loading::Progress(what, p)) => {
                shell.app.loading_progress(what, p);
                self.dirty = true;
            }
            Wake::Loading(Loading::Done(done)) => {
                match done {
                    Ok(whole) => {
                        if let Some(take) = &mut self.take {
                            take(shell, whole);
                        }
                    }
                    // The reader stays on the part, and searches it.
                    Err(why) => shell.app.loading_failed(why),
                }
                let worker = super::spawn_worker(shell, self.wake.clone());
                if let Some((g, q, asked)) = self.host.queued.take() {
                    worker.submit(g, &q);
                    self.host.pending = Some((g, asked));
                }
                self.host.worker = Some(worker);
                self.dirty = true;
            }
            Wake::Loading(Loading::Crashed(why)) => {
                shell.app.loading_failed(why);
                self.host.quit = true;
            }
            Wake::End(sig) => {
                crate::memory::save_state(shell);
                super::restore();
                std::process::exit(128 + sig);
            }
        }
        runner::run(shell, &mut self.host);
        Ok(())
    }

    /// Draws a frame; then tells the search overlay how long its results
    /// took from the key to the screen (which draws the figure in a frame
    /// of its own).
    fn draw(&mut self) -> io::Result<()> {
        queue!(io::stdout(), BeginSynchronizedUpdate)?;
        let shell = &*self.shell;
        self.terminal.draw(|f| shell.render(f))?;
        execute!(io::stdout(), EndSynchronizedUpdate)?;
        crate::debug_log::first_frame();
        self.dirty = false;
        while let Some((generation, asked)) = self.answered.pop_front() {
            self.shell.event(AppEvent::SearchShown {
                generation,
                took: asked.elapsed(),
            });
            self.dirty = true;
        }
        Ok(())
    }
}

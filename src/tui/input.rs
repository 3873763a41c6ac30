//! The terminal's input, read on a thread of its own into the event loop's
//! channel, each event stamped with when it was read.
//!
//! Why a thread, and why crossterm's `use-dev-tty` source: crossterm's
//! default Unix source registers the terminal with mio, which on Linux is
//! edge-triggered epoll, and it returns as soon as one read of 1,024 bytes
//! yields an event. Whatever the terminal still holds beyond those 1,024
//! bytes raises no new edge, so it waits in the kernel until the next key
//! arrives: 2,000 `j` and a `?` sent at once left the `?` unread. Neither
//! reading on another thread nor polling with a zero timeout helps, since
//! both wait on the same spent edge. The `use-dev-tty` source waits in
//! poll(2), which is level-triggered: while bytes are waiting it reports
//! them, so every byte is read without a later key. That source's
//! `poll(Duration::ZERO)` never reads (it returns before polling), so this
//! thread polls with a real timeout, which also lets it stop reading when
//! asked ([`Input::pause`]), as `$EDITOR` must have the terminal to itself.

use std::io;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};

/// How long one wait for input lasts before the thread looks whether it
/// should pause. Input ends a wait at once, so this costs no latency.
const WAIT: Duration = Duration::from_millis(50);

#[derive(Default)]
struct State {
    /// Asked to stop reading.
    pause: bool,
    /// Not reading: paused, or ended.
    idle: bool,
}

#[derive(Default)]
struct Gate {
    state: Mutex<State>,
    changed: Condvar,
}

impl Gate {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The event loop's end of the input thread.
pub struct Input {
    gate: Arc<Gate>,
}

/// Reading is paused while this lives.
pub struct Paused<'a>(&'a Input);

impl Drop for Paused<'_> {
    fn drop(&mut self) {
        self.0.gate.lock().pause = false;
        self.0.gate.changed.notify_all();
    }
}

/// Marks the thread idle however it ends, so a pause never waits for it.
struct Ended(Arc<Gate>);

impl Drop for Ended {
    fn drop(&mut self) {
        self.0.lock().idle = true;
        self.0.changed.notify_all();
    }
}

impl Input {
    /// Starts reading: each event goes to `tx` as `wrap(event, when read)`,
    /// a failure as `failed(error)`, after which the thread ends.
    pub fn spawn<T: Send + 'static>(
        tx: Sender<T>,
        wrap: fn(Event, Instant) -> T,
        failed: fn(io::Error) -> T,
    ) -> io::Result<Input> {
        let gate = Arc::new(Gate::default());
        let g = Arc::clone(&gate);
        std::thread::Builder::new()
            .name("shifr-input".into())
            .spawn(move || {
                let _ended = Ended(Arc::clone(&g));
                loop {
                    {
                        let mut s = g.lock();
                        while s.pause {
                            s.idle = true;
                            g.changed.notify_all();
                            s = g.changed.wait(s).unwrap_or_else(|e| e.into_inner());
                        }
                        s.idle = false;
                    }
                    let read = match event::poll(WAIT) {
                        Ok(false) => continue,
                        Ok(true) => event::read(),
                        Err(e) => Err(e),
                    };
                    let sent = match read {
                        Ok(ev) => tx.send(wrap(ev, Instant::now())),
                        Err(e) => {
                            let _ = tx.send(failed(e));
                            return;
                        }
                    };
                    if sent.is_err() {
                        return;
                    }
                }
            })?;
        Ok(Input { gate })
    }

    /// Stops reading the terminal until the returned guard is dropped;
    /// returns once the thread is not reading (at most one [`WAIT`]).
    pub fn pause(&self) -> Paused<'_> {
        let mut s = self.gate.lock();
        s.pause = true;
        while !s.idle {
            s = self.gate.changed.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        Paused(self)
    }
}

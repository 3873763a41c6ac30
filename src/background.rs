//! Work that only has to be done by the next start (writing the start-up
//! cache, keeping a search index built): on a thread of its own that
//! yields the cores to the reader — to the index being built, and the
//! screen.

use std::sync::Mutex;
use std::thread::JoinHandle;

/// Runs `f` on a thread named `name` at the lowest priority; none if the
/// thread could not be started.
pub fn spawn<T: Send + 'static>(
    name: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> Option<JoinHandle<T>> {
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            lower_priority();
            f()
        })
        .ok()
}

/// Writes to finish before the process ends ([`wait`]).
static KEPT: Mutex<Vec<JoinHandle<()>>> = Mutex::new(Vec::new());

/// [`spawn`], for a write the process should finish before it ends:
/// [`wait`] joins it.
pub fn spawn_kept(name: &str, f: impl FnOnce() + Send + 'static) {
    if let Some(h) = spawn(name, f) {
        KEPT.lock().unwrap_or_else(|e| e.into_inner()).push(h);
    }
}

/// Waits for every write started with [`spawn_kept`] (the reader, after it
/// has given the terminal back, so the next start finds what they write).
pub fn wait() {
    loop {
        let next = KEPT.lock().unwrap_or_else(|e| e.into_inner()).pop();
        match next {
            Some(h) => {
                let _ = h.join();
            }
            None => return,
        }
    }
}

/// The calling thread's priority, lowered: on Linux a thread's nice value
/// is its own (setpriority(2), "BUGS"), so the process's other threads keep
/// theirs.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority take no pointers; a failure leaves
    // the priority as it was.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        let _ = libc::setpriority(libc::PRIO_PROCESS, tid, 19);
    }
}

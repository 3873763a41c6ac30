//! Transparent huge pages, turned off while shifr builds (a corpus read
//! and checked, a search index built or updated) and on again after; the
//! reader holds them off for as long as it runs.
//!
//! mimalloc asks for huge pages on its arenas. Where a process keeps what
//! it allocates (a warm start), that saves page faults; where it allocates
//! and frees hundreds of megabytes in passing (a build), each 2 MiB page
//! handed back and taken again is zeroed again: at 100,000 telegrams a
//! start without a cache spent 3.2-3.4 s in the kernel with them and
//! 1.3-1.9 s without. The reader's first frame, warm, came at 0.47-0.61 s
//! with them and 0.25-0.34 s without; `shifr list`, which keeps what it
//! allocates, took 0.49 s with them and 0.61 s without. The switch
//! (`prctl(PR_SET_THP_DISABLE)`) is the whole process's, so it is held by
//! a count: off while any guard is held. A process started with huge
//! pages off (by its parent) is left so.

use std::sync::Mutex;

/// How many guards hold huge pages off (builds, the reader), and whether this process may turn
/// them on (it was started with them on), once asked.
static HELD: Mutex<(usize, Option<bool>)> = Mutex::new((0, None));

/// Holds huge pages off until dropped.
#[must_use = "huge pages are back on when this is dropped"]
pub struct Off(());

/// Turns huge pages off until the returned guard (and every other one) is
/// dropped.
pub fn off() -> Off {
    if let Ok(mut held) = HELD.lock() {
        let may = *held.1.get_or_insert_with(started_with_them);
        if held.0 == 0 && may {
            set_disabled(true);
        }
        held.0 += 1;
    }
    Off(())
}

impl Drop for Off {
    fn drop(&mut self) {
        if let Ok(mut held) = HELD.lock() {
            held.0 = held.0.saturating_sub(1);
            if held.0 == 0 && held.1 == Some(true) {
                set_disabled(false);
            }
        }
    }
}

/// What a child process (an editor) is to run between fork and exec to
/// have huge pages as this process was started with, whatever a build
/// holds at the moment: at most one system call, safe there.
pub fn for_child() -> impl Fn() + Send + Sync + 'static {
    let back_on = HELD.lock().is_ok_and(|held| held.1 == Some(true));
    move || {
        if back_on {
            set_disabled(false);
        }
    }
}

#[cfg(target_os = "linux")]
fn started_with_them() -> bool {
    // SAFETY: a plain system call reading this process's flags.
    unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) == 0 }
}

#[cfg(target_os = "linux")]
fn set_disabled(off: bool) {
    // SAFETY: a plain system call on this process's flags.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, libc::c_ulong::from(off), 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn started_with_them() -> bool {
    false
}

#[cfg(not(target_os = "linux"))]
fn set_disabled(_: bool) {}

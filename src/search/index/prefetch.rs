//! Ranking a frequent pair of words (`stalin a`: 77,000 survivors) reads
//! each survivor's occurrences of both words, two places in an array of a
//! hundred megabytes, and waited on memory for each. `rank` asks for them a
//! few survivors ahead, so that they arrive while it works on the ones
//! before.

use super::Index;
use super::terms::{NO_SLOTS, TermHit};

/// How many survivors ahead ranking asks the memory for their occurrences:
/// ranking a frequent pair of words (`stalin a`, 77,000 survivors) reads
/// two places of a 100 MB array per survivor, and waited on each.
pub(super) const AHEAD: usize = 8;

/// A hint to the processor to bring `x`'s cache line in; nothing else.
#[inline]
fn prefetch<T>(x: Option<&T>) {
    #[cfg(target_arch = "x86_64")]
    if let Some(x) = x {
        // SAFETY: a prefetch reads nothing and cannot fault; `x` is a
        // valid reference, and SSE is part of every x86_64.
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                (x as *const T).cast::<i8>(),
            );
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

impl Index {
    /// Asks the memory for where a hit's occurrences are (`rank` wants them
    /// `2 * AHEAD` survivors later).
    pub(super) fn prefetch_posting(&self, h: &TermHit) {
        if h.nslots != NO_SLOTS {
            for &slot in &h.slots[..h.nslots as usize] {
                prefetch(self.p_occ.get(slot as usize));
                prefetch(self.p_occ_len.get(slot as usize));
            }
        }
    }

    /// Asks the memory for a hit's occurrences (`AHEAD` survivors later).
    pub(super) fn prefetch_occurrences(&self, h: &TermHit) {
        if h.nslots != NO_SLOTS {
            for &slot in &h.slots[..h.nslots as usize] {
                prefetch(self.occ.get(self.p_occ[slot as usize] as usize));
            }
        }
    }
}

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

    /// Where a posting's occurrences start, in `occ` or `occ_more`
    /// (`occ_of`). Looked for in `occ` alone, the second share's were never
    /// fetched ahead, and ranking `mao 1950` at 100,000 telegrams took 2.4
    /// times as long (`cargo bench --bench search`).
    fn first_occurrence(&self, slot: usize) -> Option<&u32> {
        self.occ_of(slot).first()
    }

    /// Asks the memory for a hit's occurrences (`AHEAD` survivors later).
    pub(super) fn prefetch_occurrences(&self, h: &TermHit) {
        if h.nslots != NO_SLOTS {
            for &slot in &h.slots[..h.nslots as usize] {
                prefetch(self.first_occurrence(slot as usize));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::search::index_corpus;

    /// In an index built from two shares, whose occurrences are in two
    /// arrays: the place asked for ahead is each posting's first
    /// occurrence.
    #[test]
    fn every_posting_s_occurrences_are_asked_for_where_they_are() {
        let ix = index_corpus(&crate::corpus::synth::generate(2_100, 7));
        assert!(
            !ix.occ_more.is_empty(),
            "a merged index keeps its second share's occurrences apart"
        );
        for slot in 0..ix.p_occ.len() {
            let at = ix
                .first_occurrence(slot)
                .expect("every posting has occurrences");
            assert!(std::ptr::eq(at, &ix.occ_of(slot)[0]), "posting {slot}");
        }
    }
}

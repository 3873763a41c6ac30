//! Buffers a search reuses: a term's best hit per record is an array as
//! long as the corpus (2.4 MB at 100,000 telegrams), and allocating,
//! filling and freeing a few of them per keystroke cost more than a short
//! query's whole merge. A search takes them from the index's pool and gives
//! them back cleared, entry by entry, from the list of records it touched.

use std::sync::Mutex;

/// How many buffers the pool keeps (a query of more terms allocates the
/// rest).
const KEEP: usize = 6;

pub(super) struct Pool<T> {
    free: Mutex<Vec<Vec<T>>>,
}

impl<T> Default for Pool<T> {
    fn default() -> Self {
        Pool {
            free: Mutex::new(Vec::new()),
        }
    }
}

impl<T: Clone + Default + PartialEq> Pool<T> {
    /// `n` defaults, from the pool when it has a buffer that long.
    pub(super) fn take(&self, n: usize) -> Vec<T> {
        let kept = self.free.lock().ok().and_then(|mut f| {
            let i = f.iter().position(|v| v.len() == n)?;
            Some(f.swap_remove(i))
        });
        kept.unwrap_or_else(|| vec![T::default(); n])
    }

    /// Gives a buffer back: the entries at `touched` are reset, and they
    /// must be the only ones that were set.
    pub(super) fn put(&self, mut v: Vec<T>, touched: &[u32]) {
        if touched.len() > v.len() / 8 {
            // Many: clearing the whole in order is faster than entry by
            // entry all over it.
            v.fill(T::default());
        } else {
            for &r in touched {
                v[r as usize] = T::default();
            }
        }
        debug_assert!(
            v.iter().all(|x| *x == T::default()),
            "an entry not in touched"
        );
        if let Ok(mut f) = self.free.lock()
            && f.len() < KEEP
        {
            f.push(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_comes_back_cleared() {
        let pool: Pool<Option<u32>> = Pool::default();
        let mut v = pool.take(10);
        v[3] = Some(7);
        v[9] = Some(1);
        pool.put(v, &[3, 9, 3]);
        let v = pool.take(10);
        assert_eq!(v, vec![None; 10]);
        assert_eq!(pool.take(4), vec![None; 4], "another length is new");
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "not in touched")]
    fn an_entry_left_set_is_caught() {
        let pool: Pool<Option<u32>> = Pool::default();
        let mut v = pool.take(3);
        v[1] = Some(1);
        pool.put(v, &[]);
    }
}

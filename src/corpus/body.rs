//! A telegram's texts — its versions with their passages, and the notes on
//! it — held, or decoded from the start-up cache the first time something
//! reads them. Lists, timelines, counts and search need only a telegram's
//! header (who, when, what, how many versions), so a large cached corpus
//! opens without decoding the texts of telegrams nobody looks at. What a
//! body holds is `model::Body`; this file knows only that it can be counted.

use std::sync::{Arc, OnceLock};

/// What a lazy value is: something with a number of versions that a list
/// shows without decoding it (`model::Body`).
pub trait Counted: Default {
    fn count(&self) -> usize;
}

/// Where values not yet decoded are kept: the start-up cache's mapped file.
pub trait Source<B>: Send + Sync {
    /// The value stored at `at` (a byte range this source handed out), or
    /// why it cannot be had.
    fn body(&self, at: (usize, usize)) -> Result<B, String>;
    /// The stored bytes of that value, to copy into a new cache unread.
    fn raw(&self, at: (usize, usize)) -> Option<&[u8]>;
}

/// A value (a telegram's body), held or still in its source.
pub struct Lazy<B> {
    cell: OnceLock<B>,
    stored: Option<Stored<B>>,
}

struct Stored<B> {
    source: Arc<dyn Source<B>>,
    at: (usize, usize),
    /// How many versions the stored value has, so a list can mark a
    /// telegram with several without decoding it.
    count: u32,
}

impl<B> Clone for Stored<B> {
    fn clone(&self) -> Self {
        Stored {
            source: Arc::clone(&self.source),
            at: self.at,
            count: self.count,
        }
    }
}

impl<B: Clone> Clone for Lazy<B> {
    fn clone(&self) -> Self {
        Lazy {
            cell: self.cell.clone(),
            stored: self.stored.clone(),
        }
    }
}

impl<B: Counted> Lazy<B> {
    /// A value in hand.
    pub fn new(body: B) -> Lazy<B> {
        Lazy {
            cell: OnceLock::from(body),
            stored: None,
        }
    }

    /// A value kept at `at` in `source`, with `count` versions.
    pub fn stored(source: Arc<dyn Source<B>>, at: (usize, usize), count: u32) -> Lazy<B> {
        Lazy {
            cell: OnceLock::new(),
            stored: Some(Stored { source, at, count }),
        }
    }

    /// The value, decoded now if it was not yet. A stored value that does
    /// not decode (its cache file passed its checksum, so only a fault in
    /// shifr could cause this) reads as empty, and the debug log says so.
    pub fn get(&self) -> &B {
        self.cell.get_or_init(|| match &self.stored {
            Some(s) => s.source.body(s.at).unwrap_or_else(|why| {
                crate::debug_log::line(format_args!("a cached telegram body failed: {why}"));
                B::default()
            }),
            None => B::default(),
        })
    }

    /// The value to change (decoded first if need be).
    pub fn get_mut(&mut self) -> &mut B {
        self.get();
        self.stored = None;
        self.cell.get_mut().expect("decoded just above")
    }

    /// How many versions: without decoding, when still stored.
    pub fn witness_count(&self) -> usize {
        match (self.cell.get(), &self.stored) {
            (Some(b), _) => b.count(),
            (None, Some(s)) => s.count as usize,
            (None, None) => 0,
        }
    }

    /// The stored bytes, when the value was never decoded: a new cache can
    /// copy them as they are.
    pub fn raw(&self) -> Option<&[u8]> {
        match (&self.stored, self.cell.get()) {
            (Some(s), None) => s.source.raw(s.at),
            _ => None,
        }
    }
}

impl<B: Counted> Default for Lazy<B> {
    fn default() -> Lazy<B> {
        Lazy::new(B::default())
    }
}

impl<B: Counted + PartialEq> PartialEq for Lazy<B> {
    fn eq(&self, other: &Lazy<B>) -> bool {
        self.get() == other.get()
    }
}

impl<B: Counted + std::fmt::Debug> std::fmt::Debug for Lazy<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[derive(Clone, Debug, Default, PartialEq)]
    struct Body {
        witnesses: Vec<&'static str>,
    }

    impl Counted for Body {
        fn count(&self) -> usize {
            self.witnesses.len()
        }
    }

    struct Counting {
        body: Body,
        bytes: Vec<u8>,
        decoded: AtomicUsize,
    }

    impl Source<Body> for Counting {
        fn body(&self, at: (usize, usize)) -> Result<Body, String> {
            self.decoded.fetch_add(1, Ordering::SeqCst);
            if at.0 > at.1 {
                return Err("a backwards range".into());
            }
            Ok(self.body.clone())
        }
        fn raw(&self, at: (usize, usize)) -> Option<&[u8]> {
            self.bytes.get(at.0..at.1)
        }
    }

    fn source() -> Arc<Counting> {
        Arc::new(Counting {
            body: Body {
                witnesses: vec!["ru", "zh"],
            },
            bytes: vec![1, 2, 3, 4],
            decoded: AtomicUsize::new(0),
        })
    }

    #[test]
    fn a_stored_body_is_decoded_once_and_only_when_read() {
        let s = source();
        let lazy = Lazy::stored(s.clone(), (1, 3), 2);
        assert_eq!(lazy.witness_count(), 2);
        assert_eq!(lazy.raw(), Some(&[2u8, 3][..]));
        assert_eq!(s.decoded.load(Ordering::SeqCst), 0);
        assert_eq!(lazy.get().witnesses.len(), 2);
        assert_eq!(lazy.get().witnesses.len(), 2);
        assert_eq!(s.decoded.load(Ordering::SeqCst), 1);
        // Decoded, it is no longer copied raw: it may have been changed.
        assert_eq!(lazy.raw(), None);
    }

    #[test]
    fn a_changed_body_counts_its_own_versions() {
        let mut lazy = Lazy::stored(source(), (0, 4), 2);
        lazy.get_mut().witnesses.pop();
        assert_eq!(lazy.witness_count(), 1);
        assert_eq!(lazy.raw(), None);
    }

    #[test]
    fn a_body_that_does_not_decode_reads_as_empty() {
        let lazy = Lazy::stored(source(), (3, 1), 2);
        assert_eq!(lazy.get(), &Body::default());
        assert_eq!(lazy.witness_count(), 0);
    }
}

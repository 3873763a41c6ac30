//! A telegram's texts — its versions with their passages, and the notes on
//! it — held, or decoded from the start-up cache the first time something
//! reads them. Lists, timelines, counts and search need only a telegram's
//! header (who, when, what, how many versions), so a large cached corpus
//! opens without decoding the texts of telegrams nobody looks at.

use std::sync::{Arc, OnceLock};

use super::model::{Note, Witness};

/// The versions of a telegram's text and the notes on it.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Body {
    pub witnesses: Vec<Witness>,
    pub notes: Vec<Note>,
}

/// Where bodies not yet decoded are kept: the start-up cache's mapped file.
pub trait Source: Send + Sync {
    /// The body stored at `at` (a byte range this source handed out), or
    /// why it cannot be had.
    fn body(&self, at: (usize, usize)) -> Result<Body, String>;
    /// The stored bytes of that body, to copy into a new cache unread.
    fn raw(&self, at: (usize, usize)) -> Option<&[u8]>;
}

/// A body, held or still in its source.
#[derive(Clone)]
pub struct Lazy {
    cell: OnceLock<Body>,
    stored: Option<Stored>,
}

#[derive(Clone)]
struct Stored {
    source: Arc<dyn Source>,
    at: (usize, usize),
    /// How many versions the stored body has, so a list can mark a
    /// telegram with several without decoding it.
    witnesses: u32,
}

impl Lazy {
    /// A body in hand.
    pub fn new(body: Body) -> Lazy {
        Lazy {
            cell: OnceLock::from(body),
            stored: None,
        }
    }

    /// A body kept at `at` in `source`, with `witnesses` versions.
    pub fn stored(source: Arc<dyn Source>, at: (usize, usize), witnesses: u32) -> Lazy {
        Lazy {
            cell: OnceLock::new(),
            stored: Some(Stored {
                source,
                at,
                witnesses,
            }),
        }
    }

    /// The body, decoded now if it was not yet. A stored body that does not
    /// decode (its cache file passed its checksum, so only a fault in shifr
    /// could cause this) reads as empty, and the debug log says so.
    pub fn get(&self) -> &Body {
        self.cell.get_or_init(|| match &self.stored {
            Some(s) => s.source.body(s.at).unwrap_or_else(|why| {
                crate::debug_log::line(format_args!("a cached telegram body failed: {why}"));
                Body::default()
            }),
            None => Body::default(),
        })
    }

    /// The body to change (decoded first if need be).
    pub fn get_mut(&mut self) -> &mut Body {
        self.get();
        self.stored = None;
        self.cell.get_mut().expect("decoded just above")
    }

    /// How many versions: without decoding, when still stored.
    pub fn witness_count(&self) -> usize {
        match (self.cell.get(), &self.stored) {
            (Some(b), _) => b.witnesses.len(),
            (None, Some(s)) => s.witnesses as usize,
            (None, None) => 0,
        }
    }

    /// The stored bytes, when the body was never decoded: a new cache can
    /// copy them as they are.
    pub fn raw(&self) -> Option<&[u8]> {
        match (&self.stored, self.cell.get()) {
            (Some(s), None) => s.source.raw(s.at),
            _ => None,
        }
    }
}

impl Default for Lazy {
    fn default() -> Lazy {
        Lazy::new(Body::default())
    }
}

impl PartialEq for Lazy {
    fn eq(&self, other: &Lazy) -> bool {
        self.get() == other.get()
    }
}

impl std::fmt::Debug for Lazy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Counting {
        body: Body,
        bytes: Vec<u8>,
        decoded: AtomicUsize,
    }

    impl Source for Counting {
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
        let w = Witness {
            id: "ru".into(),
            ..Witness::default()
        };
        Arc::new(Counting {
            body: Body {
                witnesses: vec![w.clone(), w],
                notes: Vec::new(),
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

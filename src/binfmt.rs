//! A plain little-endian binary layout for snapshots (the start-up cache):
//! integers, length-prefixed byte strings, and arrays of fixed-width
//! integers written as one block each, so that reading an array of ten
//! million numbers is one copy, not ten million decodes. Every read is
//! bounds-checked: a short or damaged buffer is an error, never a panic or
//! a huge allocation.
//!
//! Arrays are aligned to 8 bytes in the buffer, so that, read from a
//! memory-mapped file (whose start is page-aligned), they can be used in
//! place as an [`Arr`] instead of copied.

use std::sync::Arc;

/// Bytes an [`Arr`] may point into: a memory-mapped cache file.
pub trait Backing: Send + Sync {
    fn bytes(&self) -> &[u8];
}

/// The integers an [`Arr`] holds: plain, any bit pattern valid.
pub trait Plain: Copy + Send + Sync + 'static {
    const WIDTH: usize;
    fn from_le(b: &[u8]) -> Self;
}

macro_rules! plain {
    ($($t:ty),*) => {$(
        impl Plain for $t {
            const WIDTH: usize = std::mem::size_of::<$t>();
            fn from_le(b: &[u8]) -> Self {
                <$t>::from_le_bytes(b.try_into().expect("WIDTH bytes"))
            }
        }
    )*};
}
plain!(u16, u32, u64);

/// An array of integers: owned, or read in place from a mapped file.
pub enum Arr<T: Plain> {
    Owned(Vec<T>),
    /// `len` items at byte `off` of `backing`: checked in bounds and aligned
    /// when made ([`Reader::arr`]).
    Mapped {
        backing: Arc<dyn Backing>,
        off: usize,
        len: usize,
    },
}

impl<T: Plain> Default for Arr<T> {
    fn default() -> Self {
        Arr::Owned(Vec::new())
    }
}

impl<T: Plain> From<Vec<T>> for Arr<T> {
    fn from(v: Vec<T>) -> Self {
        Arr::Owned(v)
    }
}

impl<T: Plain> std::ops::Deref for Arr<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match self {
            Arr::Owned(v) => v,
            Arr::Mapped { backing, off, len } => {
                let bytes = &backing.bytes()[*off..*off + *len * T::WIDTH];
                // SAFETY: `Reader::arr` made this only on a little-endian
                // target, for bytes in bounds (sliced above, so checked
                // again) and aligned for T, in a backing that never changes
                // (a private read-only mapping, kept alive by the Arc); any
                // bit pattern is a valid integer.
                unsafe { std::slice::from_raw_parts(bytes.as_ptr().cast::<T>(), *len) }
            }
        }
    }
}

/// A buffer being written.
#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub fn i64(&mut self, v: i64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// A length (u64) and the bytes.
    pub fn bytes(&mut self, v: &[u8]) {
        self.u64(v.len() as u64);
        self.buf.extend_from_slice(v);
    }

    pub fn str(&mut self, v: &str) {
        self.bytes(v.as_bytes());
    }

    /// Zeros up to the next multiple of 8 bytes.
    fn align(&mut self) {
        while !self.buf.len().is_multiple_of(8) {
            self.buf.push(0);
        }
    }

    pub fn u16s(&mut self, v: &[u16]) {
        self.u64(v.len() as u64);
        self.align();
        self.buf.reserve(v.len() * 2);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub fn u32s(&mut self, v: &[u32]) {
        self.u32s_joined(&[v]);
    }

    /// `parts` one after the other, written as one array (read back by
    /// `Reader::u32s` or `Reader::arr` as one).
    pub fn u32s_joined(&mut self, parts: &[&[u32]]) {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        self.u64(len as u64);
        self.align();
        self.buf.reserve(len * 4);
        for x in parts.iter().copied().flatten() {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub fn u64s(&mut self, v: &[u64]) {
        self.u64(v.len() as u64);
        self.align();
        self.buf.reserve(v.len() * 8);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }

    /// Strings as one block of text and a table of where each ends.
    pub fn strs<S: AsRef<str>>(&mut self, v: &[S]) {
        let mut ends = Vec::with_capacity(v.len());
        let mut total = 0u64;
        for s in v {
            total += s.as_ref().len() as u64;
            ends.push(total);
        }
        self.u64s(&ends);
        self.u64(total);
        for s in v {
            self.buf.extend_from_slice(s.as_ref().as_bytes());
        }
    }
}

/// What a damaged buffer is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damaged(pub &'static str);

/// A buffer being read, from `at`.
pub struct Reader<'a> {
    buf: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, at: 0 }
    }

    pub fn is_done(&self) -> bool {
        self.at == self.buf.len()
    }

    /// How far it has read.
    pub fn at(&self) -> usize {
        self.at
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Damaged> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or(Damaged("ends early"))?;
        let s = &self.buf[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Damaged> {
        Ok(self.take(N)?.try_into().expect("N bytes"))
    }

    pub fn u8(&mut self) -> Result<u8, Damaged> {
        Ok(self.array::<1>()?[0])
    }

    pub fn u32(&mut self) -> Result<u32, Damaged> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub fn u64(&mut self) -> Result<u64, Damaged> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    pub fn i64(&mut self) -> Result<i64, Damaged> {
        Ok(i64::from_le_bytes(self.array()?))
    }

    /// A length, checked against what is left (each item `width` bytes),
    /// so a damaged length cannot ask for more memory than the buffer has.
    fn len(&mut self, width: usize) -> Result<usize, Damaged> {
        let n = usize::try_from(self.u64()?).map_err(|_| Damaged("length too large"))?;
        if n.checked_mul(width)
            .is_none_or(|b| b > self.buf.len() - self.at)
        {
            return Err(Damaged("a length beyond the end"));
        }
        Ok(n)
    }

    pub fn bytes(&mut self) -> Result<&'a [u8], Damaged> {
        let n = self.len(1)?;
        self.take(n)
    }

    pub fn str(&mut self) -> Result<&'a str, Damaged> {
        std::str::from_utf8(self.bytes()?).map_err(|_| Damaged("text that is not UTF-8"))
    }

    /// An array written by `Writer::u16s`/`u32s`/`u64s`, its bytes.
    fn array_bytes(&mut self, width: usize) -> Result<(usize, &'a [u8]), Damaged> {
        let n = self.len(width)?;
        let pad = (8 - self.at % 8) % 8;
        self.take(pad)?;
        Ok((n, self.take(n * width)?))
    }

    fn vec<T: Plain>(&mut self) -> Result<Vec<T>, Damaged> {
        let (_, b) = self.array_bytes(T::WIDTH)?;
        Ok(b.chunks_exact(T::WIDTH).map(T::from_le).collect())
    }

    pub fn u16s(&mut self) -> Result<Vec<u16>, Damaged> {
        self.vec()
    }

    pub fn u32s(&mut self) -> Result<Vec<u32>, Damaged> {
        self.vec()
    }

    pub fn u64s(&mut self) -> Result<Vec<u64>, Damaged> {
        self.vec()
    }

    /// An array, in place in `backing` when this reader reads `backing`'s
    /// bytes and the array is aligned there (on a little-endian target);
    /// else copied.
    pub fn arr<T: Plain>(&mut self, backing: Option<&Arc<dyn Backing>>) -> Result<Arr<T>, Damaged> {
        let (n, b) = self.array_bytes(T::WIDTH)?;
        if let Some(bk) = backing.filter(|_| cfg!(target_endian = "little")) {
            let all = bk.bytes();
            let start = (b.as_ptr() as usize).wrapping_sub(all.as_ptr() as usize);
            let inside = start
                .checked_add(b.len())
                .is_some_and(|end| end <= all.len());
            if inside && (b.as_ptr() as usize).is_multiple_of(std::mem::align_of::<T>()) {
                return Ok(Arr::Mapped {
                    backing: Arc::clone(bk),
                    off: start,
                    len: n,
                });
            }
        }
        Ok(Arr::Owned(
            b.chunks_exact(T::WIDTH).map(T::from_le).collect(),
        ))
    }

    /// Strings written by [`Writer::strs`].
    pub fn strs(&mut self) -> Result<Vec<Box<str>>, Damaged> {
        let ends = self.u64s()?;
        let text = self.str()?;
        if ends.last().copied().unwrap_or(0) != text.len() as u64 {
            return Err(Damaged("a string table that does not add up"));
        }
        let mut out = Vec::with_capacity(ends.len());
        let mut start = 0usize;
        for &e in &ends {
            let e = e as usize;
            let s = text
                .get(start..e)
                .ok_or(Damaged("a string table out of order"))?;
            out.push(s.into());
            start = e;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let mut w = Writer::default();
        w.u8(7);
        w.u32(0xdead_beef);
        w.i64(-5);
        w.str("Рощин");
        w.u16s(&[1, 2, u16::MAX]);
        w.u32s(&[9, 8, 7]);
        w.strs(&["毛泽东", "", "mao"]);
        let mut r = Reader::new(&w.buf);
        assert_eq!(r.u8(), Ok(7));
        assert_eq!(r.u32(), Ok(0xdead_beef));
        assert_eq!(r.i64(), Ok(-5));
        assert_eq!(r.str(), Ok("Рощин"));
        assert_eq!(r.u16s(), Ok(vec![1, 2, u16::MAX]));
        assert_eq!(r.u32s(), Ok(vec![9, 8, 7]));
        let s = r.strs().unwrap();
        assert_eq!(
            s.iter().map(|s| &**s).collect::<Vec<_>>(),
            ["毛泽东", "", "mao"]
        );
        assert!(r.is_done());
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let mut w = Writer::default();
        w.str("telegram");
        w.u32s(&[1, 2, 3]);
        w.strs(&["a", "bc"]);
        for cut in 0..w.buf.len() {
            let mut r = Reader::new(&w.buf[..cut]);
            let ok = r.str().is_ok() && r.u32s().is_ok() && r.strs().is_ok();
            assert!(!ok, "cut at {cut} read as whole");
        }
    }

    #[test]
    fn a_huge_length_is_refused_without_allocating() {
        let mut w = Writer::default();
        w.u64(u64::MAX / 2);
        assert!(Reader::new(&w.buf).u32s().is_err());
        assert!(Reader::new(&w.buf).strs().is_err());
    }
}

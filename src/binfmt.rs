//! A plain little-endian binary layout for snapshots (the start-up cache):
//! integers, length-prefixed byte strings, and arrays of fixed-width
//! integers written as one block each, so that reading an array of ten
//! million numbers is one copy, not ten million decodes. Every read is
//! bounds-checked: a short or damaged buffer is an error, never a panic or
//! a huge allocation.

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

    pub fn u16s(&mut self, v: &[u16]) {
        self.u64(v.len() as u64);
        self.buf.reserve(v.len() * 2);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub fn u32s(&mut self, v: &[u32]) {
        self.u64(v.len() as u64);
        self.buf.reserve(v.len() * 4);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub fn u64s(&mut self, v: &[u64]) {
        self.u64(v.len() as u64);
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

    pub fn u16s(&mut self) -> Result<Vec<u16>, Damaged> {
        let n = self.len(2)?;
        let b = self.take(n * 2)?;
        Ok(b.chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect())
    }

    pub fn u32s(&mut self) -> Result<Vec<u32>, Damaged> {
        let n = self.len(4)?;
        let b = self.take(n * 4)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect())
    }

    pub fn u64s(&mut self) -> Result<Vec<u64>, Damaged> {
        let n = self.len(8)?;
        let b = self.take(n * 8)?;
        Ok(b.chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect())
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

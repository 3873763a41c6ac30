//! The index as bytes, for the start-up cache: every array of the index
//! written as one block (see `crate::binfmt`), so loading it is a few
//! large copies instead of a rebuild. The first-letter buckets are not
//! stored: they are rebuilt from the vocabulary, which is quick.
//!
//! Reading checks the arrays against each other (offsets in range,
//! lengths that agree), so that a snapshot which decodes but does not hang
//! together is refused instead of answering queries out of bounds.

use std::collections::HashMap;

use super::{Index, Meta, NO_STEM};
use std::sync::Arc;

use crate::binfmt::{Backing, Damaged, Reader, Writer};
use crate::search::query::FieldKind;

/// Every field kind, by its number (`FieldKind as u8`).
const KINDS: [FieldKind; 11] = [
    FieldKind::Title,
    FieldKind::From,
    FieldKind::To,
    FieldKind::Via,
    FieldKind::Date,
    FieldKind::Archive,
    FieldKind::Meta,
    FieldKind::Passage,
    FieldKind::Note,
    FieldKind::NoteBy,
    FieldKind::MyNote,
];

fn write_meta(w: &mut Writer, m: &[Meta]) {
    w.u16s(&m.iter().map(|m| m.chars).collect::<Vec<_>>());
    w.u64s(&m.iter().map(|m| m.mask).collect::<Vec<_>>());
}

fn read_meta(r: &mut Reader) -> Result<Vec<Meta>, Damaged> {
    let chars = r.u16s()?;
    let masks = r.u64s()?;
    if chars.len() != masks.len() {
        return Err(Damaged("word metadata that does not agree"));
    }
    Ok(chars
        .into_iter()
        .zip(masks)
        .map(|(chars, mask)| Meta { chars, mask })
        .collect())
}

fn buckets(words: &[Box<str>]) -> HashMap<char, Vec<u32>> {
    let mut out: HashMap<char, Vec<u32>> = HashMap::new();
    for (i, s) in words.iter().enumerate() {
        if let Some(c) = s.chars().next() {
            out.entry(c).or_default().push(i as u32);
        }
    }
    out
}

/// An offsets array (CSR): `len + 1` entries, from 0, never decreasing,
/// ending at `total`.
fn offsets_ok(off: &[u32], len: usize, total: usize) -> bool {
    off.len() == len + 1
        && off.first() == Some(&0)
        && off.last().map(|&l| l as usize) == Some(total)
        && off.windows(2).all(|w| w[0] <= w[1])
}

impl Index {
    /// Writes the index to `w`.
    pub fn write_to(&self, w: &mut Writer) {
        // Destructured, so that a field added to the index cannot be
        // forgotten here.
        let Index {
            n,
            surfaces,
            surf_meta,
            folded,
            fold_meta,
            fold_off,
            fold_surf,
            fold_stem,
            stems,
            first_surf: _,
            first_fold: _,
            post_off,
            p_record,
            p_kinds,
            p_occ,
            p_occ_len,
            occ: _,
            occ_more: _,
            rf_off,
            rf_kind,
            fp,
            best_pool: _,
            term_cache: _,
        } = self;
        w.u64(*n as u64);
        w.strs(surfaces);
        write_meta(w, surf_meta);
        w.strs(folded);
        write_meta(w, fold_meta);
        w.u32s(fold_off);
        w.u32s(fold_surf);
        w.u32s(fold_stem);
        w.strs(stems);
        w.u32s(post_off);
        w.u32s(p_record);
        w.u16s(p_kinds);
        w.u32s(p_occ);
        w.u16s(p_occ_len);
        // One array, as read back.
        w.u32s_joined(&self.occ_parts());
        w.u32s(rf_off);
        w.bytes(&rf_kind.iter().map(|&k| k as u8).collect::<Vec<_>>());
        w.u64s(fp);
    }

    /// Reads an index written by [`Index::write_to`], refusing one whose
    /// parts do not fit together.
    pub fn read_from(r: &mut Reader) -> Result<Index, Damaged> {
        Index::read_mapped(r, None)
    }

    /// [`Index::read_from`], its large arrays used in place in `backing`
    /// (the mapped cache file `r` reads) instead of copied. Their lengths
    /// and offsets are checked against each other here; the values of the
    /// postings (tens of millions) are believed as the file's checksum
    /// vouches for them, so that opening is not a pass over all of them.
    pub fn read_mapped(
        r: &mut Reader,
        backing: Option<&Arc<dyn Backing>>,
    ) -> Result<Index, Damaged> {
        let bad = |what| Err(Damaged(what));
        let n = r.u64()? as usize;
        let surfaces = r.strs()?;
        let surf_meta = read_meta(r)?;
        let folded = r.strs()?;
        let fold_meta = read_meta(r)?;
        let fold_off = r.arr::<u32>(backing)?;
        let fold_surf = r.arr::<u32>(backing)?;
        let fold_stem = r.u32s()?;
        let stems = r.strs()?;
        let post_off = r.arr::<u32>(backing)?;
        let p_record = r.arr::<u32>(backing)?;
        let p_kinds = r.arr::<u16>(backing)?;
        let p_occ = r.arr::<u32>(backing)?;
        let p_occ_len = r.arr::<u16>(backing)?;
        let occ = r.arr::<u32>(backing)?;
        let rf_off = r.arr::<u32>(backing)?;
        let rf_kind = r
            .bytes()?
            .iter()
            .map(|&b| KINDS.get(b as usize).copied())
            .collect::<Option<Vec<_>>>()
            .ok_or(Damaged("an unknown field kind"))?;
        let fp = r.arr::<u64>(backing)?;
        let (ns, nf, np) = (surfaces.len(), folded.len(), p_record.len());
        if surf_meta.len() != ns || fold_meta.len() != nf || fold_stem.len() != nf {
            return bad("vocabulary tables of different lengths");
        }
        if !offsets_ok(&fold_off, nf, fold_surf.len())
            || fold_surf.iter().any(|&s| s as usize >= ns)
        {
            return bad("folded words that point nowhere");
        }
        if fold_stem
            .iter()
            .any(|&s| s != NO_STEM && s as usize >= stems.len())
        {
            return bad("stems that point nowhere");
        }
        if !offsets_ok(&post_off, ns, np)
            || p_kinds.len() != np
            || p_occ.len() != np
            || p_occ_len.len() != np
        {
            return bad("postings that do not fit the vocabulary");
        }
        if !offsets_ok(&rf_off, n, rf_kind.len()) {
            return bad("record fields that do not add up");
        }
        if fp.len() != n {
            return bad("record fingerprints that do not add up");
        }
        Ok(Index {
            n,
            first_surf: buckets(&surfaces),
            first_fold: buckets(&folded),
            surfaces,
            surf_meta,
            folded,
            fold_meta,
            fold_off,
            fold_surf,
            fold_stem,
            stems,
            post_off,
            p_record,
            p_kinds,
            p_occ,
            p_occ_len,
            occ,
            occ_more: Vec::new(),
            rf_off,
            rf_kind,
            fp,
            best_pool: Default::default(),
            term_cache: Default::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::search::{index_corpus, parse};

    #[test]
    fn a_read_index_answers_as_the_built_one() {
        let corpus = Corpus::embedded().unwrap();
        let built = index_corpus(&corpus);
        let mut w = Writer::default();
        built.write_to(&mut w);
        let mut r = Reader::new(&w.buf);
        let read = Index::read_from(&mut r).unwrap();
        assert!(r.is_done());
        assert_eq!(read.heap_bytes(), built.heap_bytes());
        for q in [
            "inchon",
            "mao stalin",
            "\"air cover\"",
            "from:zhou -to:kim",
            "'vol",
            "^sov",
        ] {
            let q = parse(q).unwrap();
            assert_eq!(read.search(&q), built.search(&q), "{q:?}");
        }
    }

    /// An index merged from two shares (each one's occurrences where it
    /// was built) is written as one array of them, and read back with
    /// every posting's occurrences the same.
    #[test]
    fn a_two_share_index_is_read_back_whole() {
        let corpus = crate::corpus::synth::generate(2_100, 7);
        let built = index_corpus(&corpus);
        assert!(!built.occ_more.is_empty(), "built from one share");
        let mut w = Writer::default();
        built.write_to(&mut w);
        let read = Index::read_from(&mut Reader::new(&w.buf)).unwrap();
        assert!(read.occ_more.is_empty());
        assert_eq!(read.heap_bytes(), built.heap_bytes());
        assert_eq!(read.p_occ.len(), built.p_occ.len());
        for p in 0..built.p_occ.len() {
            assert_eq!(read.occ_of(p), built.occ_of(p), "posting {p}");
        }
        let q = parse("\"mao stalin\" OR shtykov").unwrap();
        assert_eq!(read.search(&q), built.search(&q));
    }

    #[test]
    fn a_damaged_index_is_refused() {
        let corpus = Corpus::embedded().unwrap();
        let mut w = Writer::default();
        index_corpus(&corpus).write_to(&mut w);
        // Truncated anywhere: refused.
        for cut in (0..w.buf.len()).step_by(w.buf.len() / 97 + 1) {
            assert!(Index::read_from(&mut Reader::new(&w.buf[..cut])).is_err());
        }
        // Offsets that run past the postings: refused, not answered.
        let mut bad = Index::read_from(&mut Reader::new(&w.buf)).unwrap();
        let mut off = bad.post_off.to_vec();
        *off.last_mut().unwrap() += 1;
        bad.post_off = off.into();
        let mut w2 = Writer::default();
        bad.write_to(&mut w2);
        assert!(Index::read_from(&mut Reader::new(&w2.buf)).is_err());
    }
}

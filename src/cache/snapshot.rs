//! The checked corpus as bytes: the manifest of the files it was read
//! from (so a later start can tell what changed without reading them), the
//! small parts (people, sources, events, the debate, the footnotes) as one
//! postcard block, and each telegram as a postcard block of its own, with a
//! table of where each starts, so they decode on every core and a changed
//! file's telegram can be dropped without decoding the rest twice.
//!
//! Paths are kept relative to the corpus directory and joined again on
//! reading, so the same cache serves `--corpus big` and `--corpus ./big/`.

use std::path::Path;
use std::sync::Arc;

use super::file::Payload;
use crate::binfmt::{Damaged, Reader, Writer};
use crate::corpus::body::Source;
use crate::corpus::load::Prior;
use crate::corpus::{Body, Lazy};
use crate::corpus::{Corpus, Event, Footnote, Person, Position, Scholar, Telegram, Work};
use crate::problem::{Problem, Warning};

/// What the cache knows of one corpus file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Inside the corpus directory: `telegrams/x.toml`.
    pub rel: String,
    pub meta: super::manifest::Stat,
    /// A hash of its contents.
    pub hash: u64,
}

/// A decoded manifest and what remains to decode.
pub struct Snapshot<'a> {
    /// The corpus directory, canonical.
    pub root: String,
    /// When the files were stat'ed for it (ns since the epoch): a file
    /// changed within a moment of this may not show it in its times.
    pub read_ns: i64,
    pub files: Vec<Entry>,
    rest: Reader<'a>,
}

type Head = (
    Vec<Person>,
    Vec<Scholar>,
    Vec<Work>,
    Vec<Event>,
    Vec<Position>,
    Vec<Footnote>,
);

fn postcard_err(_: postcard::Error) -> Damaged {
    Damaged("a record that does not decode")
}

/// The bytes of a checked corpus read from `files` (in path order).
pub fn encode(
    root: &str,
    read_ns: i64,
    files: &[Entry],
    dir: &Path,
    c: &Corpus,
    warnings: &[Warning],
    id_at: &[(usize, usize)],
) -> Vec<u8> {
    let mut w = Writer::default();
    w.str(root);
    w.i64(read_ns);
    w.u64(files.len() as u64);
    let mut by_path = std::collections::HashMap::with_capacity(files.len());
    for (i, f) in files.iter().enumerate() {
        w.str(&f.rel);
        f.meta.write(&mut w);
        w.u64(f.hash);
        by_path.insert(dir.join(&f.rel).display().to_string(), i as u32);
    }
    let head = (
        &c.people,
        &c.scholars,
        &c.works,
        &c.events,
        &c.positions,
        &c.footnotes,
    );
    w.bytes(&postcard::to_allocvec(&head).expect("postcard writes to memory"));
    let file_of = |path: &str| by_path.get(path).copied().unwrap_or(u32::MAX);
    w.u64(warnings.len() as u64);
    for warn in warnings {
        let p = &warn.problem;
        w.u32(file_of(&p.file));
        w.u64(p.line as u64);
        w.u64(p.col as u64);
        w.str(&p.message);
        w.u8(u8::from(warn.fails_check));
    }
    // The headers together, the bodies after them: a load reads every
    // header and touches no body's pages.
    let mut heads = Writer::default();
    let mut head_ends = Vec::with_capacity(c.telegrams.len());
    let mut bodies = Vec::new();
    let mut body_ends = Vec::with_capacity(c.telegrams.len());
    for (i, t) in c.telegrams.iter().enumerate() {
        let at = id_at.get(i).copied().unwrap_or((0, 0));
        heads.u32(file_of(&t.file));
        heads.u64(at.0 as u64);
        heads.u64(at.1 as u64);
        heads.u32(t.body.witness_count() as u32);
        heads.buf = postcard::to_extend(t, heads.buf).expect("postcard writes to memory");
        head_ends.push(heads.buf.len() as u64);
        // A body never decoded is copied as it was stored.
        match t.body.raw() {
            Some(raw) => bodies.extend_from_slice(raw),
            None => {
                bodies =
                    postcard::to_extend(t.body.get(), bodies).expect("postcard writes to memory")
            }
        }
        body_ends.push(bodies.len() as u64);
    }
    w.u64s(&head_ends);
    w.bytes(&heads.buf);
    w.u64s(&body_ends);
    w.bytes(&bodies);
    w.buf
}

/// Reads the manifest, leaving the rest for [`Snapshot::corpus`].
pub fn decode(payload: &[u8]) -> Result<Snapshot<'_>, Damaged> {
    let mut r = Reader::new(payload);
    let root = r.str()?.to_string();
    let read_ns = r.i64()?;
    let n = r.u64()? as usize;
    let mut files = Vec::with_capacity(n.min(payload.len() / 16));
    for _ in 0..n {
        let rel = r.str()?.to_string();
        let meta = super::manifest::Stat::read(&mut r)?;
        let hash = r.u64()?;
        files.push(Entry { rel, meta, hash });
    }
    Ok(Snapshot {
        root,
        read_ns,
        files,
        rest: r,
    })
}

/// One decoded telegram header: which file, where its id is, the telegram,
/// its body left where it is (`body`, in the payload).
fn telegram(
    block: &[u8],
    body: (usize, usize),
    bodies: &Arc<dyn Source<Body>>,
) -> Result<(u32, (usize, usize), Telegram), Damaged> {
    let mut r = Reader::new(block);
    let file = r.u32()?;
    let at = (r.u64()? as usize, r.u64()? as usize);
    let witnesses = r.u32()?;
    let mut t: Telegram =
        postcard::from_bytes(r.take(block.len() - r.at())?).map_err(postcard_err)?;
    t.body = Lazy::stored(bodies.clone(), body, witnesses);
    Ok((file, at, t))
}

/// A table of ends, checked against its blob: the spans it gives.
fn spans(ends: &[u64], blob: &[u8]) -> Result<Vec<(usize, usize)>, Damaged> {
    if ends.windows(2).any(|w| w[0] > w[1]) || ends.last().map_or(0, |&e| e as usize) != blob.len()
    {
        return Err(Damaged("a telegram table that does not add up"));
    }
    let starts = std::iter::once(0).chain(ends.iter().map(|&e| e as usize));
    Ok(starts.zip(ends.iter().map(|&e| e as usize)).collect())
}

/// The telegrams' bodies, still in the mapped cache file.
struct Bodies(Arc<Payload>);

impl Source<Body> for Bodies {
    fn body(&self, at: (usize, usize)) -> Result<Body, String> {
        let bytes = self.raw(at).ok_or("a body outside its cache file")?;
        postcard::from_bytes(bytes).map_err(|e| format!("a body that does not decode: {e}"))
    }

    fn raw(&self, at: (usize, usize)) -> Option<&[u8]> {
        self.0.data().get(at.0..at.1)
    }
}

/// What a snapshot holds besides its manifest, decoded.
pub struct Decoded {
    pub corpus: Corpus,
    pub warnings: Vec<Warning>,
    /// Each telegram's file (an index into the manifest) and where its id
    /// is, in corpus order.
    pub origin: Vec<(u32, (usize, usize))>,
}

impl Snapshot<'_> {
    /// The corpus, its files' paths made from `dir` (as the user named it).
    /// `payload` is the mapped file this snapshot was read from: the
    /// telegrams' bodies stay there, decoded when first read.
    pub fn corpus(mut self, dir: &Path, payload: &Arc<Payload>) -> Result<Decoded, Damaged> {
        let paths: Vec<String> = self
            .files
            .iter()
            .map(|f| dir.join(&f.rel).display().to_string())
            .collect();
        let path_of = |i: u32| {
            paths
                .get(i as usize)
                .cloned()
                .ok_or(Damaged("a record of a file the manifest lacks"))
        };
        let r = &mut self.rest;
        let head: Head = postcard::from_bytes(r.bytes()?).map_err(postcard_err)?;
        let nw = r.u64()? as usize;
        let mut warnings = Vec::with_capacity(nw.min(1 << 16));
        for _ in 0..nw {
            let file = path_of(r.u32()?)?;
            let (line, col) = (r.u64()? as usize, r.u64()? as usize);
            let message = r.str()?.to_string();
            let fails_check = r.u8()? != 0;
            warnings.push(Warning {
                problem: Problem {
                    file,
                    line,
                    col,
                    message,
                },
                fails_check,
            });
        }
        let (head_ends, heads) = (r.u64s()?, r.bytes()?);
        let (body_ends, blob) = (r.u64s()?, r.bytes()?);
        let (head_spans, body_spans) = (spans(&head_ends, heads)?, spans(&body_ends, blob)?);
        if !r.is_done() || head_spans.len() != body_spans.len() {
            return Err(Damaged("a telegram table that does not add up"));
        }
        let base = (blob.as_ptr() as usize)
            .checked_sub(payload.data().as_ptr() as usize)
            .filter(|b| b + blob.len() <= payload.data().len())
            .ok_or(Damaged("a snapshot read from another file"))?;
        let bodies: Arc<dyn Source<Body>> = Arc::new(Bodies(payload.clone()));
        let pairs: Vec<_> = head_spans.into_iter().zip(body_spans).collect();
        let parts = crate::corpus::load::parallel_chunks(&pairs, |chunk| {
            // Sized up front: a telegram is a few hundred bytes, and a
            // vector grown by doubling copies them all again and again.
            let mut out = Vec::with_capacity(chunk.len());
            for &((s, e), (bs, be)) in chunk {
                out.push(telegram(&heads[s..e], (base + bs, base + be), &bodies)?);
            }
            Ok::<_, Damaged>(out)
        });
        // Decoded, the headers' pages go back to the kernel; the bodies'
        // were never touched.
        payload.release(heads);
        let mut telegrams = Vec::with_capacity(pairs.len());
        let mut origin = Vec::with_capacity(pairs.len());
        // A file has one telegram, so its path is moved into it (made again
        // only for a second one).
        let mut paths: Vec<Option<String>> = paths.into_iter().map(Some).collect();
        let mut path_of = |i: u32| {
            let p = paths
                .get_mut(i as usize)
                .ok_or(Damaged("a record of a file the manifest lacks"))?;
            Ok::<_, Damaged>(
                p.take()
                    .unwrap_or_else(|| dir.join(&self.files[i as usize].rel).display().to_string()),
            )
        };
        for part in parts {
            for (file, at, mut t) in part? {
                t.file = path_of(file)?;
                origin.push((file, at));
                telegrams.push(t);
            }
        }
        let (people, scholars, works, events, positions, footnotes) = head;
        let mut corpus = Corpus::from_parts(people, scholars, works, events, telegrams);
        corpus.positions = positions;
        corpus.footnotes = footnotes;
        Ok(Decoded {
            corpus,
            warnings,
            origin,
        })
    }
}

impl Decoded {
    /// The telegrams as checked before, but those of files for which `keep`
    /// says no, for [`crate::corpus::load::check_files_reusing`].
    pub fn priors(self, keep: impl Fn(u32) -> bool) -> Vec<Prior> {
        let mut warnings: std::collections::HashMap<String, Vec<Warning>> = Default::default();
        for w in self.warnings {
            warnings.entry(w.problem.file.clone()).or_default().push(w);
        }
        self.corpus
            .telegrams
            .into_iter()
            .zip(self.origin)
            .filter(|(_, (file, _))| keep(*file))
            .map(|(telegram, (_, id_at))| Prior {
                path: telegram.file.clone(),
                warnings: warnings.remove(&telegram.file).unwrap_or_default(),
                telegram,
                id_at,
            })
            .collect()
    }
}

//! Building the index: each of two threads tokenizes half the records into
//! a vocabulary and postings of its own, and the halves are merged into one
//! vocabulary with its postings grouped by word (`merge.rs`).

use std::sync::Mutex;

use rustc_hash::FxHashMap;

use super::partial::{Groups, Partial};
use super::{Index, NO_STEM, meta};
use crate::corpus::load::parallel_chunks;
use crate::search::document::Field;
use crate::search::query::FieldKind;
use crate::search::score::pack;
use crate::search::tokenize::{fold, is_name_field, stem, tokenize_field};

/// What a record's postings are made from: its fields' kinds and texts, in
/// order (not their `index`, which postings do not record). Two records
/// with the same fingerprint have the same postings, so an index can be
/// updated by re-reading only the records whose fingerprint changed
/// (`update.rs`).
pub(crate) fn fingerprint(fields: &[Field]) -> u64 {
    // Each text hashed at once, seeded by the hash so far and the field's
    // kind (a hasher fed piece by piece copied every text into its buffer).
    fields.iter().fold(0, |h, f| {
        let seed = h ^ (f.kind as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        xxhash_rust::xxh3::xxh3_64_with_seed(f.text.as_bytes(), seed)
    })
}

impl Partial {
    /// The share of `records`, about `expected` of them, all ascending or
    /// all descending (as `descending` says).
    pub(super) fn build<'f>(
        records: impl Iterator<Item = usize>,
        expected: usize,
        descending: bool,
        fields: &(impl Fn(usize) -> Vec<Field<'f>> + Sync),
        done: &(dyn Fn() + Sync),
    ) -> Partial {
        let mut p = Partial::empty();
        p.descending = descending;
        // The vocabulary is small next to the text: keeping each word twice
        // (map key and list) costs little.
        let mut surf_id: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut local: Vec<(u32, u32, u16)> = Vec::new();
        // Name fields repeat from record to record (the same people, the
        // same scholars), and so do dates, archive references and the
        // kind and status: each distinct text is tokenized once, in a map
        // of its own for name fields (which tokenize differently).
        let mut seen: [Seen; 2] = Default::default();
        let mut words: Vec<(u32, u32)> = Vec::new();
        let mut groups = Groups::default();
        let total = expected;
        for (k, r) in records.enumerate() {
            if r % 1024 == 0 {
                done();
            }
            if k == 1024 && total > 4096 {
                p.reserve_for(k, total);
            }
            local.clear();
            let fs = fields(r);
            p.fp.push(fingerprint(&fs));
            let mut toks = Vec::new();
            for (fi, f) in fs.iter().enumerate() {
                p.rf_kind.push(f.kind);
                let repeats = repeats(f.kind);
                let seen = &mut seen[usize::from(is_name_field(f.kind))];
                let cached = repeats.then(|| seen.get(&*f.text)).flatten();
                if let Some(ws) = cached {
                    words.clone_from(ws);
                } else {
                    toks.clear();
                    tokenize_field(f.kind, &f.text, &mut toks);
                    words.clear();
                    for t in &toks {
                        // A word already in the vocabulary as written is
                        // normalised already (normalising is idempotent).
                        if let Some(&id) = (!t.name).then(|| surf_id.get(t.text)).flatten() {
                            words.push((id, t.pos));
                            continue;
                        }
                        let surface = t.surface();
                        let id = match surf_id.get(&*surface) {
                            Some(&id) => id,
                            None => {
                                let id = p.surfaces.len() as u32;
                                p.surfaces.push((*surface).into());
                                surf_id.insert((*surface).into(), id);
                                id
                            }
                        };
                        words.push((id, t.pos));
                    }
                    if repeats {
                        seen.insert((&*f.text).into(), words.clone());
                    }
                }
                for &(id, pos) in &words {
                    local.push((id, pack(fi, pos), f.kind.bit()));
                }
            }
            p.rf_off.push(p.rf_kind.len() as u32);
            groups.post(&local, r as u32, &mut p);
        }
        p.counts = groups.counts(p.surfaces.len());
        p
    }
}

/// Records taken a block at a time from what is `left`: from its start
/// up, or from its end down.
struct Share<'a> {
    left: &'a Mutex<std::ops::Range<usize>>,
    from_end: bool,
    block: std::ops::Range<usize>,
}

/// Records a `Share` takes at once.
const BLOCK: usize = 256;

impl<'a> Share<'a> {
    fn new(left: &'a Mutex<std::ops::Range<usize>>, from_end: bool) -> Share<'a> {
        Share {
            left,
            from_end,
            block: 0..0,
        }
    }
}

impl Iterator for Share<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.block.is_empty() {
            let mut left = self.left.lock().unwrap_or_else(|e| e.into_inner());
            let take = BLOCK.min(left.len());
            self.block = if self.from_end {
                left.end -= take;
                left.end..left.end + take
            } else {
                left.start += take;
                left.start - take..left.start
            };
        }
        if self.from_end {
            self.block.next_back()
        } else {
            self.block.next()
        }
    }
}

/// Field texts already tokenized: each one's words (id and position).
type Seen = FxHashMap<Box<str>, Vec<(u32, u32)>>;

/// Whether a field of this kind has a text that many records share: its
/// tokens are kept by text (a few hundred dates, people and archive
/// references, against a text of its own in each record for the rest).
fn repeats(kind: FieldKind) -> bool {
    is_name_field(kind) || matches!(kind, FieldKind::Date | FieldKind::Archive | FieldKind::Meta)
}

impl Index {
    /// Builds the index of `records`, each given as its fields.
    pub fn build(records: Vec<Vec<Field>>) -> Index {
        Index::build_with(records.len(), |i| records[i].clone())
    }

    /// Builds the index of `n` records, asking `fields` for each one's
    /// fields; the work is split across two threads.
    pub fn build_with<'f>(n: usize, fields: impl Fn(usize) -> Vec<Field<'f>> + Sync) -> Index {
        Index::build_with_progress(n, fields, &|_| {})
    }

    /// [`Index::build_with`], telling `progress` now and then what part of
    /// the build is done (0 to 100).
    pub fn build_with_progress<'f>(
        n: usize,
        fields: impl Fn(usize) -> Vec<Field<'f>> + Sync,
        progress: &(dyn Fn(u8) + Sync),
    ) -> Index {
        let _off = crate::huge_pages::off();
        let count = std::sync::atomic::AtomicUsize::new(0);
        // Tokenizing is most of the build: it counts for 90 %.
        let done = || {
            let c = count.fetch_add(1024, std::sync::atomic::Ordering::Relaxed) + 1024;
            progress((c.min(n) * 90 / n.max(1)) as u8);
        };
        let (a, b) = if n >= 2_000 {
            // Each thread takes records a block at a time, one from the
            // first record up and the other from the last down, until they
            // meet: the two finish together however fast each one runs
            // (split in halves, one thread waited for the other up to a
            // fifth of the build on this shared machine).
            let left = Mutex::new(0..n);
            // Room for more than half each: reserved, not touched.
            let expected = n / 2 + n / 8;
            std::thread::scope(|sc| {
                let h = sc.spawn(|| {
                    let share = Share::new(&left, true);
                    Partial::build(share, expected, true, &fields, &done)
                });
                let share = Share::new(&left, false);
                (
                    Partial::build(share, expected, false, &fields, &done),
                    h.join().expect("index thread"),
                )
            })
        } else {
            (
                Partial::build(0..n, n, false, &fields, &done),
                Partial::build(n..n, 0, false, &fields, &done),
            )
        };
        progress(90);
        Index::merge(n, a, b)
    }

    /// Everything the vocabulary derives from `surfaces`: their metadata,
    /// folded forms and stems, and the first-letter buckets.
    pub(super) fn finish_vocabulary(&mut self) {
        let ix = self;
        let ns = ix.surfaces.len();
        ix.folded.clear();
        ix.stems.clear();
        ix.first_surf.clear();
        ix.first_fold.clear();
        // What each word is on its own (its metadata, folded form and
        // stem) is worked out on every core, and ids are given in order:
        // stemming tens of thousands of words was most of this, on one
        // core while the other idled.
        let per_surface = each_on_cores(&ix.surfaces, |s| (meta(s), fold(s)));
        ix.surf_meta = per_surface.iter().map(|p| p.0).collect();
        let mut fold_id: FxHashMap<&str, u32> = FxHashMap::default();
        let mut surf_fold = Vec::with_capacity(ns);
        for (_, f) in &per_surface {
            let id = *fold_id.entry(f).or_insert_with(|| {
                ix.folded.push(f.as_str().into());
                (ix.folded.len() - 1) as u32
            });
            surf_fold.push(id);
        }
        drop(fold_id);
        let nf = ix.folded.len();
        let mut fc = vec![0u32; nf + 1];
        for &f in &surf_fold {
            fc[f as usize + 1] += 1;
        }
        for i in 0..nf {
            fc[i + 1] += fc[i];
        }
        ix.fold_off = fc.clone().into();
        let mut fold_surf = vec![0; ns];
        for (s, &f) in surf_fold.iter().enumerate() {
            fold_surf[fc[f as usize] as usize] = s as u32;
            fc[f as usize] += 1;
        }
        ix.fold_surf = fold_surf.into();
        // English stems of the folded words.
        let per_fold = each_on_cores(&ix.folded, |f| (meta(f), stem(f)));
        ix.fold_meta = per_fold.iter().map(|p| p.0).collect();
        let mut stem_id: FxHashMap<&str, u32> = FxHashMap::default();
        ix.fold_stem = per_fold
            .iter()
            .map(|(_, st)| match st {
                None => NO_STEM,
                Some(s) => *stem_id.entry(s).or_insert_with(|| {
                    ix.stems.push(s.as_str().into());
                    (ix.stems.len() - 1) as u32
                }),
            })
            .collect();
        for (i, s) in ix.surfaces.iter().enumerate() {
            if let Some(c) = s.chars().next() {
                ix.first_surf.entry(c).or_default().push(i as u32);
            }
        }
        for (i, s) in ix.folded.iter().enumerate() {
            if let Some(c) = s.chars().next() {
                ix.first_fold.entry(c).or_default().push(i as u32);
            }
        }
    }
}

/// `f` of each item, in order, worked out on every core.
fn each_on_cores<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    parallel_chunks(items, |c| c.iter().map(&f).collect::<Vec<_>>())
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each word's postings (record, kinds, occurrences), and each
    /// record's field kinds and fingerprint.
    type Contents = (
        std::collections::BTreeMap<String, Vec<(u32, u16, Vec<u32>)>>,
        Vec<Vec<FieldKind>>,
        Vec<u64>,
    );

    fn contents(ix: &Index) -> Contents {
        let mut words = std::collections::BTreeMap::new();
        for (s, w) in ix.surfaces.iter().enumerate() {
            let postings = (ix.post_off[s] as usize..ix.post_off[s + 1] as usize)
                .map(|p| (ix.p_record[p], ix.p_kinds[p], ix.occ_of(p).to_vec()))
                .collect();
            assert!(words.insert(w.to_string(), postings).is_none(), "{w} twice");
        }
        let kinds = (0..ix.n)
            .map(|r| ix.rf_kind[ix.rf_off[r] as usize..ix.rf_off[r + 1] as usize].to_vec())
            .collect();
        (words, kinds, ix.fp.to_vec())
    }

    /// Records taken from both ends (the last ones by a share of their
    /// own, built backwards, a whole number of blocks; the first ones by
    /// the other, whose last block is cut short where they meet) make the
    /// index that one share of every record, in order, makes: every
    /// word's postings in record order, every record's fields and
    /// fingerprint in its place.
    #[test]
    fn shares_from_both_ends_make_the_same_index() {
        let corpus = crate::corpus::synth::generate(2_100, 7);
        let fields = |i: usize| crate::search::document::fields(&corpus, &corpus.telegrams[i]);
        let n = corpus.telegrams.len();
        let one = Index::merge(
            n,
            Partial::build(0..n, n, false, &fields, &|| {}),
            Partial::build(n..n, 0, false, &fields, &|| {}),
        );
        let left = Mutex::new(0..n);
        let b = Partial::build(
            Share::new(&left, true).take(3 * BLOCK),
            n,
            true,
            &fields,
            &|| {},
        );
        let a = Partial::build(Share::new(&left, false), n, false, &fields, &|| {});
        assert_eq!((a.recs.len(), b.recs.len()), (n - 3 * BLOCK, 3 * BLOCK));
        assert_eq!(b.recs.first(), Some(&(n as u32 - 1)));
        let both = Index::merge(n, a, b);
        let (want, got) = (contents(&one), contents(&both));
        assert_eq!(got.0.len(), want.0.len());
        for (w, postings) in &want.0 {
            assert_eq!(got.0.get(w), Some(postings), "{w}");
        }
        assert_eq!((got.1, got.2), (want.1, want.2));
    }

    /// An index merged from two shares (its occurrences in two arrays),
    /// updated after telegrams in both shares changed, is the index built
    /// afresh from them.
    #[test]
    fn an_update_of_a_two_share_index_is_the_index_built_afresh() {
        let mut corpus = crate::corpus::synth::generate(2_100, 7);
        let n = corpus.telegrams.len();
        let built = crate::search::index_corpus(&corpus);
        assert!(!built.occ_more.is_empty(), "built from one share");
        for i in [3, n / 2, n - 2] {
            corpus.telegrams[i]
                .title
                .push_str(" evacuation of the wounded");
        }
        let fields = |i: usize| crate::search::document::fields(&corpus, &corpus.telegrams[i]);
        let updated = built.updated(n, fields).expect("three changed");
        assert_eq!(
            contents(&updated),
            contents(&crate::search::index_corpus(&corpus))
        );
    }

    /// A record's fingerprint tells apart what its postings are made of:
    /// any change of a text, of a field's kind, of where one field ends
    /// and the next begins, or of their order; and nothing else (a
    /// field's `index` is not in its postings).
    #[test]
    fn a_fingerprint_changes_with_kinds_and_texts() {
        let f = |kind, index, text: &'static str| Field {
            kind,
            index,
            text: text.into(),
        };
        let (t, p) = (FieldKind::Title, FieldKind::Passage);
        let base = fingerprint(&[f(t, 0, "Mao to Stalin"), f(p, 0, "air cover")]);
        let same = fingerprint(&[f(t, 0, "Mao to Stalin"), f(p, 3, "air cover")]);
        assert_eq!(base, same);
        let others = [
            vec![f(t, 0, "Mao to Stalin"), f(p, 0, "air covers")],
            vec![f(t, 0, "Mao to Stalin"), f(FieldKind::Note, 0, "air cover")],
            vec![f(t, 0, "Mao to Stalin "), f(p, 0, "air cover")],
            vec![f(t, 0, "Mao to Stalin air"), f(p, 0, " cover")],
            vec![f(p, 0, "air cover"), f(t, 0, "Mao to Stalin")],
            vec![f(t, 0, "Mao to Stalin")],
            vec![f(t, 0, "Mao to Stalin"), f(p, 0, "air cover"), f(p, 1, "")],
            vec![],
        ];
        let mut all = vec![base];
        for o in &others {
            all.push(fingerprint(o));
        }
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n, "two fingerprints alike");
    }
}

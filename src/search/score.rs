//! The scoring rules shared by the index and the reference scan: how an atom
//! scores a word, how a field weighs a match, how close words earn a bonus,
//! and how a record's matches add up. Keeping them in one place is what
//! lets the property test demand that both find exactly the same results in
//! exactly the same order.

use super::matcher::{self, EXACT_SCORE, Needle, WORD_SCORE, edit_distance};
use super::query::{Atom, AtomKind, FieldKind};
use super::tokenize::{NAME_MARK, Token, fold, stem};

/// A fuzzy word's score tiers, for a query word of `tl` letters: the word
/// itself (`1000 + 10 tl`); another spelling of it, or a name token it
/// spells (`variant`); the same English stem (`stem`: `evacuate` for
/// `evacuation`); below them the matcher's prefixes, abbreviations and
/// typos. The other forms stay below four fifths of the word itself, so
/// that what a short field adds (a quarter) never lifts them above the word
/// as typed in a passage.
pub const EXACT: u32 = WORD_SCORE;

pub fn variant(tl: u32) -> u32 {
    (EXACT + 10 * tl) * 4 / 5 - 1
}

pub fn stem_score(tl: u32) -> u32 {
    variant(tl) - 30
}

/// How a word matched, for highlighting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The word itself, a prefix, an abbreviation or a typo (see `matcher`),
    /// or an exact-style atom.
    Word,
    /// Another spelling, the same stem, or a name token: the whole word.
    Whole,
}

/// A word of the vocabulary as an atom sees it.
#[derive(Clone, Copy, Debug)]
pub struct WordKey<'a> {
    /// What the atom compares against: the surface form if the atom is
    /// case-sensitive, else the folded form.
    pub key: &'a str,
    pub folded: &'a str,
    /// Chars and letter mask of `key`.
    pub chars: usize,
    pub mask: u64,
    /// The English stem of the folded form.
    pub stem: Option<&'a str>,
}

/// A word's forms as the index keeps them: surface (normalised), folded,
/// and stem. For the reference scan and snippets, which have no index.
#[derive(Clone, Debug)]
pub struct Forms {
    pub surface: String,
    pub folded: String,
    pub stem: Option<String>,
    surface_chars: usize,
    surface_mask: u64,
    folded_chars: usize,
    folded_mask: u64,
}

impl Forms {
    pub fn of(t: &Token) -> Forms {
        Forms::stemmed_if(t, |_| true)
    }

    /// `of`, with the stem only for a folded word whose first letter passes
    /// `first` (a stem matches only a word with the query word's first
    /// letter, so snippets need no others).
    pub fn stemmed_if(t: &Token, first: impl Fn(char) -> bool) -> Forms {
        let surface = t.surface().into_owned();
        let folded = fold(&surface);
        let stem = folded
            .chars()
            .next()
            .filter(|&c| first(c))
            .and_then(|_| stem(&folded));
        Forms {
            surface_chars: surface.chars().count(),
            surface_mask: matcher::char_mask(&surface),
            folded_chars: folded.chars().count(),
            folded_mask: matcher::char_mask(&folded),
            surface,
            folded,
            stem,
        }
    }

    /// The key an atom compares.
    pub fn key(&self, p: &Prepared) -> &str {
        if p.atom.case_sensitive {
            &self.surface
        } else {
            &self.folded
        }
    }

    pub fn word(&self, p: &Prepared) -> WordKey<'_> {
        let (key, chars, mask) = if p.atom.case_sensitive {
            (&self.surface, self.surface_chars, self.surface_mask)
        } else {
            (&self.folded, self.folded_chars, self.folded_mask)
        };
        WordKey {
            key,
            folded: &self.folded,
            chars,
            mask,
            stem: self.stem.as_deref(),
        }
    }
}

/// An atom prepared for matching words.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub atom: Atom,
    /// The text to compare words against: folded unless case-sensitive.
    pub needle: Needle,
    /// Phrase words, prepared the same way.
    pub phrase: Vec<String>,
    /// The needle's English stem.
    pub stem: Option<String>,
    /// The atom's name keys, for name tokens.
    pub names: Vec<Needle>,
}

impl Prepared {
    pub fn new(atom: &Atom) -> Prepared {
        let prep = |s: &str| {
            if atom.case_sensitive {
                s.to_string()
            } else {
                fold(s)
            }
        };
        let phrase = match &atom.kind {
            AtomKind::Phrase(ws) => ws.iter().map(|w| prep(w)).collect(),
            _ => Vec::new(),
        };
        let fuzzy = atom.kind == AtomKind::Fuzzy;
        Prepared {
            atom: atom.clone(),
            needle: Needle::new(&prep(&atom.text)),
            phrase,
            stem: if fuzzy { stem(&fold(&atom.text)) } else { None },
            names: atom.names.iter().map(|n| Needle::new(n)).collect(),
        }
    }

    /// Whether a field counts for this atom.
    pub fn field_ok(&self, kind: FieldKind) -> bool {
        self.atom.field.is_none_or(|f| f == kind)
    }

    /// The raw score of a (non-phrase) atom against a word.
    pub fn word_score(&self, w: &WordKey) -> Option<u32> {
        self.word_match(w).map(|(s, _)| s)
    }

    /// The raw score of a (non-phrase) atom against a word, and how it
    /// matched. Name tokens are matched by fuzzy atoms' name keys only.
    pub fn word_match(&self, w: &WordKey) -> Option<(u32, Rule)> {
        let n = &self.needle.text;
        let name = w.key.starts_with(NAME_MARK);
        let exact = |ok: bool| (ok && !name).then_some((EXACT_SCORE, Rule::Word));
        match self.atom.kind {
            AtomKind::Fuzzy if name => self.name_match(w),
            AtomKind::Fuzzy => {
                let tl = self.needle.chars.len() as u32;
                if w.key == n {
                    return Some((EXACT + 10 * tl, Rule::Word));
                }
                if self.atom.variants.iter().any(|v| v == w.folded) {
                    return Some((variant(tl), Rule::Whole));
                }
                if let (Some(a), Some(b)) = (&self.stem, w.stem)
                    && a == b
                    && w.key.chars().next() == self.needle.chars.first().copied()
                {
                    return Some((stem_score(tl), Rule::Whole));
                }
                matcher::fuzzy(&self.needle, w.key, w.chars, w.mask).map(|s| (s, Rule::Word))
            }
            AtomKind::Exact => exact(self.needle.mask & !w.mask == 0 && w.key.contains(n.as_str())),
            AtomKind::Prefix => exact(w.key.starts_with(n.as_str())),
            AtomKind::Suffix => {
                exact(self.needle.mask & !w.mask == 0 && w.key.ends_with(n.as_str()))
            }
            AtomKind::Whole => exact(w.key == n),
            AtomKind::Phrase(_) => None,
        }
    }

    /// A name token against the atom's name keys: one of them (scored as
    /// another spelling), or one with a typo (one edit, two from eight
    /// letters, the first letter kept: `gaokang` for `gaogang`).
    fn name_match(&self, w: &WordKey) -> Option<(u32, Rule)> {
        let key = &w.folded[NAME_MARK.len_utf8()..];
        let tl = self.needle.chars.len() as u32;
        if self.names.iter().any(|n| n.text == key) {
            return Some((variant(tl), Rule::Whole));
        }
        // The key's letters, less the mark (`chars` counts the compared
        // key, which for a name token is the folded one).
        let len = w.chars.saturating_sub(1);
        let mut best: Option<usize> = None;
        let mut chars: Option<Vec<char>> = None;
        for n in &self.names {
            let max = n.max_typos();
            if max == 0
                || len.abs_diff(n.chars.len()) > max
                || !n.chars.iter().any(|c| c.is_alphabetic())
                || !key.starts_with(n.chars[0])
            {
                continue;
            }
            let k = chars.get_or_insert_with(|| key.chars().collect());
            if let Some(d) = edit_distance(&n.chars, k, max) {
                best = Some(best.map_or(d, |b: usize| b.min(d)));
            }
        }
        best.map(|d| ((200 + 10 * tl).saturating_sub(50 * d as u32), Rule::Whole))
    }

    /// The first characters of the folded words this atom can match, to
    /// find them by; `None` when any word may match.
    pub fn buckets(&self) -> Option<Vec<char>> {
        match self.atom.kind {
            AtomKind::Fuzzy | AtomKind::Prefix | AtomKind::Whole => {
                let first = |s: &str| fold(s).chars().next();
                let mut v: Vec<char> = first(&self.needle.text).into_iter().collect();
                if !self.names.is_empty() {
                    v.push(NAME_MARK);
                }
                v.extend(self.atom.variants.iter().filter_map(|s| s.chars().next()));
                v.sort_unstable();
                v.dedup();
                Some(v)
            }
            _ => None,
        }
    }
}

/// A match in a short field (title, names, archive) weighs a quarter more
/// than the same match in a passage or note; a match in the date field
/// twice as much, so that a date-like word finds the telegram of that date
/// before any that mention it.
pub fn weighted(raw: u32, kind: FieldKind) -> u32 {
    match kind {
        FieldKind::Date => raw * 2,
        k if k.is_short() => raw + raw / 4,
        _ => raw,
    }
}

/// `weighted` for a word found in fields of several kinds (their bits):
/// the best of them.
pub fn weighted_kinds(raw: u32, kinds: u16) -> u32 {
    const BODY: u16 = (1 << FieldKind::Passage as u16)
        | (1 << FieldKind::Note as u16)
        | (1 << FieldKind::MyNote as u16);
    if kinds & FieldKind::Date.bit() != 0 {
        weighted(raw, FieldKind::Date)
    } else if kinds & !BODY != 0 {
        weighted(raw, FieldKind::Title)
    } else {
        raw
    }
}

/// A phrase's score: exact words, one per word of the phrase.
pub fn phrase_score(words: usize) -> u32 {
    EXACT_SCORE * words as u32
}

/// Packs a field number and a word position into one `u32` (positions past
/// 65535 count as 65535).
pub fn pack(field: usize, pos: u32) -> u32 {
    ((field.min(0xFFFF) as u32) << 16) | pos.min(0xFFFF)
}

pub fn unpack(o: u32) -> (u32, u32) {
    (o >> 16, o & 0xFFFF)
}

/// The bonus for two adjacent query words found next to each other, in
/// query order, in one field; half of it one word apart, a third two words
/// apart. It outweighs what a short field adds to one word, so that words
/// together in a passage rank above the same words scattered over a title
/// and a note.
pub const NEAR: u32 = 400;

/// The bonus for two consecutive query words found close together, in
/// query order, in the same field (see `NEAR`). `second` is sorted packed
/// occurrences (`first` too, as every caller has them).
///
/// A pair counts when both are in one field and the second is one to
/// three words after the first; packed, that is `1 ≤ b − a ≤ 3` with the
/// same field. So for each of `first` only the few of `second` just above
/// it are looked at (a search for where they start), not all of them: a
/// frequent word's hundreds of occurrences against another's cost
/// hundreds of steps, not tens of thousands.
pub fn proximity(first: &[u32], second: &[u32]) -> u32 {
    let mut best = 0;
    for &a in first {
        let from = second.partition_point(|&b| b <= a);
        for &b in &second[from..] {
            if b - a > 3 {
                break;
            }
            let ((fa, pa), (fb, pb)) = (unpack(a), unpack(b));
            if fb == fa {
                best = best.max(NEAR / (pb - pa));
            }
        }
        if best == NEAR {
            break;
        }
    }
    best
}

/// Orders two candidate best matches of a term in a record: higher weighted
/// score, then higher raw score, then the smaller key. `true` when `a`
/// beats `b`.
pub fn better(a: (u32, u32, &str), b: (u32, u32, &str)) -> bool {
    (a.0, a.1) > (b.0, b.1) || ((a.0, a.1) == (b.0, b.1) && a.2 < b.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proximity_rewards_close_words_in_order_in_one_field() {
        assert_eq!(proximity(&[pack(1, 4)], &[pack(1, 5)]), NEAR);
        assert_eq!(proximity(&[pack(1, 4)], &[pack(1, 6)]), NEAR / 2);
        assert_eq!(proximity(&[pack(1, 4)], &[pack(1, 7)]), NEAR / 3);
        assert_eq!(proximity(&[pack(1, 4)], &[pack(1, 8)]), 0);
        assert_eq!(proximity(&[pack(1, 5)], &[pack(1, 4)]), 0, "out of order");
        assert_eq!(proximity(&[pack(1, 4)], &[pack(2, 5)]), 0, "other field");
        assert_eq!(proximity(&[pack(1, 9), pack(2, 1)], &[pack(2, 2)]), NEAR);
        // The other forms of a word in a short field stay below the word
        // itself in a passage, and above a prefix of it.
        for tl in 1..=30 {
            let exact = EXACT + 10 * tl;
            assert!(weighted(variant(tl), FieldKind::Title) < exact, "{tl}");
            assert!(weighted(stem_score(tl), FieldKind::Title) < exact, "{tl}");
            assert!(stem_score(tl) > 700 + 10 * tl - 1, "{tl}");
        }
        // Together beats scattered over a short field and a body field.
        let (air, cover) = (1030, 1050);
        assert!(
            air + cover + NEAR > weighted(air, FieldKind::Title) + weighted(cover, FieldKind::Note)
        );
    }

    /// Every pair of occurrences tried: what `proximity` must equal.
    fn proximity_of_every_pair(first: &[u32], second: &[u32]) -> u32 {
        let mut best = 0;
        for &a in first {
            let (fa, pa) = unpack(a);
            for &b in second {
                let (fb, pb) = unpack(b);
                if fb == fa && pb > pa && pb - pa <= 3 {
                    best = best.max(NEAR / (pb - pa));
                }
            }
        }
        best
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        #[test]
        fn proximity_equals_every_pair_tried(
            a in proptest::collection::vec((0usize..3, 0u32..40), 0..30),
            b in proptest::collection::vec((0usize..3, 0u32..40), 0..30),
            edge in proptest::prelude::any::<bool>(),
        ) {
            // Near the top of a field's positions too, where the next
            // field's first words are a few packed steps away.
            let shift = if edge { 0xFFFF - 20 } else { 0 };
            let occ = |v: &[(usize, u32)]| {
                let mut o: Vec<u32> = v.iter().map(|&(f, p)| pack(f, p + shift)).collect();
                o.sort_unstable();
                o
            };
            let (a, b) = (occ(&a), occ(&b));
            proptest::prop_assert_eq!(proximity(&a, &b), proximity_of_every_pair(&a, &b));
        }
    }

    #[test]
    fn packing_saturates() {
        assert_eq!(unpack(pack(3, 70_000)), (3, 0xFFFF));
        assert_eq!(unpack(pack(70_000, 2)), (0xFFFF, 2));
    }

    #[test]
    fn short_fields_weigh_more_and_the_date_most() {
        assert!(weighted(800, FieldKind::Title) > weighted(800, FieldKind::Passage));
        assert!(weighted(700, FieldKind::Date) > weighted(1010, FieldKind::Title));
        let bits = |ks: &[FieldKind]| ks.iter().fold(0, |m, k| m | k.bit());
        for ks in [
            &[FieldKind::Passage][..],
            &[FieldKind::Passage, FieldKind::To],
            &[FieldKind::Note, FieldKind::Date, FieldKind::Title],
            &[FieldKind::MyNote],
        ] {
            let best = ks.iter().map(|&k| weighted(900, k)).max().unwrap();
            assert_eq!(weighted_kinds(900, bits(ks)), best, "{ks:?}");
        }
        assert!(better((1000, 1000, "b"), (1000, 800, "a")));
        assert!(better((1000, 1000, "a"), (1000, 1000, "b")));
    }
}

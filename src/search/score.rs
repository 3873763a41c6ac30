//! The scoring rules shared by the index and the reference scan: how an atom
//! scores a word, how a field weighs a match, how close words earn a bonus,
//! and how a record's matches add up. Keeping them in one place is what
//! lets the property test demand that both find exactly the same results in
//! exactly the same order.

use super::matcher::{self, EXACT_SCORE, Needle};
use super::query::{Atom, AtomKind, FieldKind};
use super::tokenize::fold;

/// An atom prepared for matching words.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub atom: Atom,
    /// The text to compare words against: folded unless case-sensitive.
    pub needle: Needle,
    /// Phrase words, prepared the same way.
    pub phrase: Vec<String>,
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
        Prepared {
            atom: atom.clone(),
            needle: Needle::new(&prep(&atom.text)),
            phrase,
        }
    }

    /// The form of a word this atom compares against.
    pub fn key<'a>(&self, surface: &'a str, folded: &'a str) -> &'a str {
        if self.atom.case_sensitive {
            surface
        } else {
            folded
        }
    }

    /// Whether a field counts for this atom.
    pub fn field_ok(&self, kind: FieldKind) -> bool {
        self.atom.field.is_none_or(|f| f == kind)
    }

    /// The raw score of a (non-phrase) atom against a word key.
    pub fn word_score(&self, key: &str, chars: usize, mask: u64) -> Option<u32> {
        let n = &self.needle.text;
        match self.atom.kind {
            AtomKind::Fuzzy => matcher::fuzzy(&self.needle, key, chars, mask),
            AtomKind::Exact => {
                (self.needle.mask & !mask == 0 && key.contains(n.as_str())).then_some(EXACT_SCORE)
            }
            AtomKind::Prefix => key.starts_with(n.as_str()).then_some(EXACT_SCORE),
            AtomKind::Suffix => {
                (self.needle.mask & !mask == 0 && key.ends_with(n.as_str())).then_some(EXACT_SCORE)
            }
            AtomKind::Whole => (key == n).then_some(EXACT_SCORE),
            AtomKind::Phrase(_) => None,
        }
    }

    /// Whether candidate words can be found by their first character.
    pub fn by_first_char(&self) -> Option<char> {
        match self.atom.kind {
            AtomKind::Fuzzy | AtomKind::Prefix | AtomKind::Whole => {
                self.needle.chars.first().copied()
            }
            _ => None,
        }
    }
}

/// A match in a short field (title, names, date, archive) weighs a quarter
/// more than the same match in a passage or note.
pub fn weighted(raw: u32, short: bool) -> u32 {
    if short { raw + raw / 4 } else { raw }
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

/// The bonus for two consecutive query words found close together, in
/// query order, in the same field: 60 for adjacent, 30 one word apart, 20
/// two words apart. Both lists are sorted packed occurrences.
pub fn proximity(first: &[u32], second: &[u32]) -> u32 {
    let mut best = 0;
    for &a in first {
        let (fa, pa) = unpack(a);
        for &b in second {
            let (fb, pb) = unpack(b);
            if fb == fa && pb > pa && pb - pa <= 3 {
                best = best.max(60 / (pb - pa));
            }
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
        assert_eq!(proximity(&[pack(1, 4)], &[pack(1, 5)]), 60);
        assert_eq!(proximity(&[pack(1, 4)], &[pack(1, 6)]), 30);
        assert_eq!(proximity(&[pack(1, 4)], &[pack(1, 7)]), 20);
        assert_eq!(proximity(&[pack(1, 4)], &[pack(1, 8)]), 0);
        assert_eq!(proximity(&[pack(1, 5)], &[pack(1, 4)]), 0, "out of order");
        assert_eq!(proximity(&[pack(1, 4)], &[pack(2, 5)]), 0, "other field");
        assert_eq!(proximity(&[pack(1, 9), pack(2, 1)], &[pack(2, 2)]), 60);
    }

    #[test]
    fn packing_saturates() {
        assert_eq!(unpack(pack(3, 70_000)), (3, 0xFFFF));
        assert_eq!(unpack(pack(70_000, 2)), (0xFFFF, 2));
    }

    #[test]
    fn short_fields_weigh_more() {
        assert!(weighted(800, true) > weighted(800, false));
        assert!(better((1000, 1000, "b"), (1000, 800, "a")));
        assert!(better((1000, 1000, "a"), (1000, 1000, "b")));
    }
}

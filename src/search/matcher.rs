//! How one query word matches one word of a record, and how well. The index
//! and the reference scan in the tests both use exactly these functions, so
//! they agree on every match and every score.
//!
//! A fuzzy term matches a word when it is
//! - the word itself (best),
//! - a prefix of it ("insta" → "instance"),
//! - an abbreviation of it: a subsequence starting with the word's first
//!   letter and at least half as long ("shld" → "should"), scored by skim's
//!   algorithm (fuzzy-matcher), or
//! - a small typo of it: one edit (two from eight letters), swaps included,
//!   with the same first letter ("cvoer" → "cover").
//!
//! Requiring the first letter and half the length is what keeps a short
//! term from matching half the vocabulary, as fuzzy matching over whole
//! bodies does.

use std::sync::OnceLock;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

fn skim() -> &'static SkimMatcherV2 {
    static M: OnceLock<SkimMatcherV2> = OnceLock::new();
    M.get_or_init(|| SkimMatcherV2::default().respect_case())
}

/// A bit per letter class present in a word: a cheap test that a term's
/// letters can all be found in a word before running the matcher.
pub fn char_mask(s: &str) -> u64 {
    s.chars().fold(0u64, |m, c| m | 1u64 << (c as u32 % 64))
}

/// Damerau–Levenshtein (optimal string alignment) distance, giving up above
/// `max`.
pub fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let (n, m) = (a.len(), b.len());
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[m] <= max).then_some(prev[m])
}

/// A query word prepared for matching.
#[derive(Clone, Debug)]
pub struct Needle {
    pub text: String,
    pub chars: Vec<char>,
    pub mask: u64,
}

impl Needle {
    pub fn new(text: &str) -> Needle {
        Needle {
            text: text.to_string(),
            chars: text.chars().collect(),
            mask: char_mask(text),
        }
    }

    /// Most edits a typo may have for this term's length.
    pub fn max_typos(&self) -> usize {
        match self.chars.len() {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        }
    }
}

/// Score of a fuzzy term against a word (both already folded when the
/// match is case-insensitive), or `None`.
pub fn fuzzy(needle: &Needle, word: &str, word_chars: usize, word_mask: u64) -> Option<u32> {
    let t = &needle.chars;
    if t.is_empty() {
        return None;
    }
    let tl = t.len() as u32;
    if word == needle.text {
        return Some(WORD_SCORE + 10 * tl);
    }
    if word.starts_with(&needle.text) {
        return Some(700 + 10 * tl - (word_chars as u32 - tl).min(100));
    }
    let first_same = word.starts_with(t[0]);
    // Abbreviations and typos are for words: "10-02" must not match "1950-08-26".
    if !first_same || !needle.chars.iter().any(|c| c.is_alphabetic()) {
        return None;
    }
    if t.len() >= 2
        && t.len() * 2 >= word_chars
        && needle.mask & !word_mask == 0
        && let Some(s) = skim().fuzzy_match(word, &needle.text)
    {
        return Some(300 + (s.max(0) as u32).min(300));
    }
    let max = needle.max_typos();
    if max > 0 && word_chars.abs_diff(t.len()) <= max {
        let w: Vec<char> = word.chars().collect();
        if let Some(d) = edit_distance(t, &w, max) {
            return Some(200 + 10 * tl - 50 * d as u32);
        }
    }
    None
}

/// Where in a word the fuzzy term matched, as char indices, for highlighting.
pub fn fuzzy_indices(needle: &Needle, word: &str) -> Vec<usize> {
    if word.starts_with(&needle.text) {
        return (0..needle.chars.len()).collect();
    }
    match skim().fuzzy_indices(word, &needle.text) {
        Some((_, idx)) => idx,
        // A typo: mark the whole word.
        None => (0..word.chars().count()).collect(),
    }
}

/// The score of a fuzzy term that is the word itself (plus ten a letter).
pub const WORD_SCORE: u32 = 1000;

/// The score an exact-style atom ('x, ^x, x$, phrase words) gives a word.
pub const EXACT_SCORE: u32 = 900;

#[cfg(test)]
mod tests {
    use super::*;

    fn f(t: &str, w: &str) -> Option<u32> {
        fuzzy(&Needle::new(t), w, w.chars().count(), char_mask(w))
    }

    #[test]
    fn exact_beats_prefix_beats_abbreviation_beats_typo() {
        let exact = f("should", "should").unwrap();
        let prefix = f("shou", "should").unwrap();
        let abbr = f("shld", "should").unwrap();
        let typo = f("cvoer", "cover").unwrap();
        assert!(
            exact > prefix && prefix > abbr && abbr > typo,
            "{exact} {prefix} {abbr} {typo}"
        );
    }

    #[test]
    fn loose_matches_are_refused() {
        assert_eq!(f("we", "weather"), Some(700 + 20 - 5), "a prefix is fine");
        assert_eq!(
            f("wr", "weather"),
            None,
            "too short to abbreviate a long word"
        );
        assert_eq!(
            f("hld", "should"),
            None,
            "must start with the word's first letter"
        );
        assert_eq!(f("cat", "dog"), None);
        assert_eq!(
            f("cvr", "cover"),
            Some(f("cvr", "cover").unwrap()),
            "abbreviation"
        );
        assert_eq!(f("xover", "cover"), None, "typos keep the first letter");
        assert_eq!(f("stln", "stalin").map(|s| s >= 300), Some(true));
        assert_eq!(
            f("10-02", "1950-08-26"),
            None,
            "numbers are not abbreviated"
        );
        assert!(f("10-02", "10-02").is_some() && f("195", "1950").is_some());
    }

    #[test]
    fn typos_scale_with_length() {
        assert!(f("cvoer", "cover").is_some());
        assert!(
            f("cover", "cvoxr").is_none(),
            "two edits in a five-letter word"
        );
        assert!(f("volunteres", "volunteers").is_some());
        assert!(
            f("fer", "fear").is_some(),
            "prefix-free, but an abbreviation"
        );
    }

    #[test]
    fn cyrillic_and_cjk() {
        assert!(f("стал", "сталин").is_some());
        assert!(f("сталн", "сталин").is_some());
        assert!(f("毛", "毛泽").is_some());
    }

    #[test]
    fn edit_distance_with_swaps() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edit_distance(&c("cvoer"), &c("cover"), 2), Some(1));
        assert_eq!(edit_distance(&c("kitten"), &c("sitting"), 3), Some(3));
        assert_eq!(edit_distance(&c("kitten"), &c("sitting"), 2), None);
        assert_eq!(edit_distance(&c(""), &c("ab"), 2), Some(2));
    }

    #[test]
    fn highlight_indices() {
        assert_eq!(
            fuzzy_indices(&Needle::new("shld"), "should"),
            vec![0, 1, 4, 5]
        );
        assert_eq!(fuzzy_indices(&Needle::new("sho"), "should"), vec![0, 1, 2]);
    }
}

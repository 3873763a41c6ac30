//! Splitting text into words: runs of word characters (letters, digits
//! and their combining marks), hyphenated compounds with their parts, and
//! overlapping pairs of CJK characters (see `mod.rs`).
//!
//! Most of a corpus is ASCII: a run of ASCII letters and digits is found a
//! byte at a time through a table, and only other bytes are decoded as
//! characters. An index build splits every text of a corpus (23.8 million
//! words at 100,000 telegrams); `reference.rs` holds the plainer splitter
//! this replaced, which a property test holds this one to.

use super::{Token, is_cjk, is_mark, is_word_char};

/// ASCII letters and digits.
const ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The char at byte `i` (a char boundary) of `text`.
fn char_at(text: &str, i: usize) -> char {
    text[i..]
        .chars()
        .next()
        .expect("a char boundary inside the text")
}

/// Whether a word starts at byte `i`: a word character that is not CJK.
fn starts_word(text: &str, i: usize) -> bool {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        ASCII_WORD[b as usize]
    } else {
        is_word_char(char_at(text, i))
    }
}

/// The words of `text`.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 6);
    tokenize_into(text, &mut out);
    out
}

/// `tokenize`, appending to `out` (to reuse its allocation).
pub fn tokenize_into<'a>(text: &'a str, out: &mut Vec<Token<'a>>) {
    let bytes = text.as_bytes();
    let mut pos: u32 = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !ASCII_WORD[b as usize] {
                i += 1;
                continue;
            }
        } else {
            let c = char_at(text, i);
            if is_cjk(c) {
                i = cjk_pairs(text, i, &mut pos, out);
                continue;
            }
            if !is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
        }
        i = compound(text, i, &mut pos, out);
    }
}

/// The end of the run of word characters that starts at `i`.
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        while i < bytes.len() && ASCII_WORD[bytes[i] as usize] {
            i += 1;
        }
        if i < bytes.len() && bytes[i] >= 0x80 {
            let c = char_at(text, i);
            if is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
        }
        return i;
    }
}

/// The length of the hyphen at byte `i` (`-`, U+2010 or U+2011), or 0.
fn hyphen_at(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i..) {
        Some([b'-', ..]) => 1,
        Some([0xE2, 0x80, 0x90 | 0x91, ..]) => 3,
        _ => 0,
    }
}

/// The word that starts at `i`, or the compound of words joined by
/// hyphens (the compound first, at its first part's position, then its
/// parts); returns where it ends.
fn compound<'a>(text: &'a str, start: usize, pos: &mut u32, out: &mut Vec<Token<'a>>) -> usize {
    let bytes = text.as_bytes();
    let first = out.len();
    let mut i = start;
    loop {
        let s = i;
        i = word_end(text, i);
        out.push(Token {
            text: &text[s..i],
            start: s,
            end: i,
            pos: *pos,
            name: false,
        });
        *pos += 1;
        let h = hyphen_at(bytes, i);
        if h > 0 && i + h < bytes.len() && starts_word(text, i + h) {
            i += h;
            continue;
        }
        break;
    }
    if out.len() - first > 1 {
        let first_pos = out[first].pos;
        out.insert(
            first,
            Token {
                text: &text[start..i],
                start,
                end: i,
                pos: first_pos,
                name: false,
            },
        );
    }
    i
}

/// The run of CJK characters (and the combining marks among them) that
/// starts at `start`, as its overlapping pairs (a lone character as
/// itself); returns where it ends.
fn cjk_pairs<'a>(text: &'a str, start: usize, pos: &mut u32, out: &mut Vec<Token<'a>>) -> usize {
    let bytes = text.as_bytes();
    let mut push = |s: usize, e: usize, out: &mut Vec<Token<'a>>| {
        out.push(Token {
            text: &text[s..e],
            start: s,
            end: e,
            pos: *pos,
            name: false,
        });
        *pos += 1;
    };
    // The starts of the last two characters of the run.
    let (mut before, mut last) = (None, start);
    let mut i = start;
    let mut count = 0;
    while i < bytes.len() && bytes[i] >= 0x80 {
        let c = char_at(text, i);
        if is_cjk(c) {
            if count > 0 {
                if let Some(b) = before {
                    push(b, i, out);
                }
                before = Some(last);
            }
            last = i;
            count += 1;
        } else if !is_mark(c) {
            break;
        }
        i += c.len_utf8();
    }
    push(before.unwrap_or(start), i, out);
    i
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// Characters of every kind the splitter tells apart: ASCII letters,
    /// digits, spaces and punctuation, hyphens of three kinds, Cyrillic,
    /// Latin with accents, combining marks, CJK and kana, Hangul, a
    /// compatibility ideograph, a character outside the BMP, a control.
    const CHARS: &[char] = &[
        'a',
        'Z',
        '0',
        '9',
        ' ',
        '.',
        ',',
        '\'',
        '’',
        '-',
        '‐',
        '‑',
        '—',
        'Б',
        'й',
        'ё',
        'é',
        'ŏ',
        '\u{301}',
        '\u{306}',
        '\u{20DD}',
        '毛',
        '泽',
        '东',
        'の',
        'カ',
        '김',
        '\u{1100}',
        '\u{F900}',
        '\u{20000}',
        '·',
        '\n',
        '\t',
        '\u{1}',
        '١',
        'ß',
        'İ',
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The fast splitter gives what the plain one gave, token for
        /// token, for any text.
        #[test]
        fn the_same_tokens_as_the_reference(picks in proptest::collection::vec(0..CHARS.len(), 0..40)) {
            let text: String = picks.iter().map(|&k| CHARS[k]).collect();
            let mut fast = Vec::new();
            super::tokenize_into(&text, &mut fast);
            let mut plain = Vec::new();
            super::super::reference::tokenize_into(&text, &mut plain);
            prop_assert_eq!(fast, plain, "{:?}", text);
        }
    }

    /// The same on every field of the bundled corpus and a generated one.
    #[test]
    fn the_same_tokens_on_corpora() {
        let bundled = crate::corpus::Corpus::embedded().expect("bundled corpus");
        let synth = crate::corpus::synth::generate(300, 3);
        for corpus in [&bundled, &synth] {
            for t in &corpus.telegrams {
                for f in crate::search::document::fields(corpus, t) {
                    let (mut fast, mut plain) = (Vec::new(), Vec::new());
                    super::tokenize_into(&f.text, &mut fast);
                    super::super::reference::tokenize_into(&f.text, &mut plain);
                    assert_eq!(fast, plain, "{:?}", f.text);
                }
            }
        }
    }
}

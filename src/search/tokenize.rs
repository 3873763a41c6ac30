//! Splitting text into the words search matches against, with their
//! positions and byte ranges. Letters and digits (with their combining marks)
//! make words; a hyphenated compound is one word and its parts (`1950-10-02`
//! and `1950`, `10`, `02`); Chinese and Japanese text, written without
//! spaces, is indexed by overlapping character pairs.

/// One word of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Word position in the text (parts of a compound count one each; the
    /// compound shares its first part's position).
    pub pos: u32,
}

/// Han ideographs and kana: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() || is_mark(c)) && !is_cjk(c)
}

/// Lower-cases for case-insensitive matching.
pub fn fold(s: &str) -> String {
    if s.chars().all(|c| !c.is_uppercase()) {
        s.to_string()
    } else {
        s.to_lowercase()
    }
}

/// Whether a query term asks for case-sensitive matching (smart case).
pub fn has_upper(s: &str) -> bool {
    s.chars().any(char::is_uppercase)
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
    let n = bytes.len();
    let mut pos: u32 = 0;
    let mut i = 0;
    // The char at byte `i`, and its length.
    let at = |i: usize| -> (char, usize) {
        let b = bytes[i];
        if b < 0x80 {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().expect("char boundary");
            (c, c.len_utf8())
        }
    };
    let word = |c: char| {
        if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            is_word_char(c)
        }
    };
    while i < n {
        let (c, len) = at(i);
        if !c.is_ascii() && is_cjk(c) {
            // A run of CJK characters: its overlapping pairs.
            let start = i;
            let mut starts: Vec<usize> = Vec::new();
            while i < n {
                let (c, len) = at(i);
                if is_cjk(c) {
                    starts.push(i);
                } else if !is_mark(c) {
                    break;
                }
                i += len;
            }
            let end = i;
            if starts.len() == 1 {
                out.push(Token {
                    text: &text[start..end],
                    start,
                    end,
                    pos,
                });
                pos += 1;
            } else {
                for k in 0..starts.len() - 1 {
                    let e = starts.get(k + 2).copied().unwrap_or(end);
                    out.push(Token {
                        text: &text[starts[k]..e],
                        start: starts[k],
                        end: e,
                        pos,
                    });
                    pos += 1;
                }
            }
        } else if word(c) {
            // A word, or a compound of words joined by hyphens.
            let first = out.len();
            let start = i;
            loop {
                let s = i;
                while i < n {
                    let (c, len) = at(i);
                    if !word(c) || (!c.is_ascii() && is_cjk(c)) {
                        break;
                    }
                    i += len;
                }
                out.push(Token {
                    text: &text[s..i],
                    start: s,
                    end: i,
                    pos,
                });
                pos += 1;
                if i < n {
                    let (h, hl) = at(i);
                    if matches!(h, '-' | '‐' | '‑') && i + hl < n {
                        let (next, _) = at(i + hl);
                        if word(next) && (next.is_ascii() || !is_cjk(next)) {
                            i += hl;
                            continue;
                        }
                    }
                }
                break;
            }
            if out.len() - first > 1 {
                // The compound itself, at its first part's position.
                let first_pos = out[first].pos;
                out.insert(
                    first,
                    Token {
                        text: &text[start..i],
                        start,
                        end: i,
                        pos: first_pos,
                    },
                );
            }
        } else {
            i += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<(&str, u32)> {
        tokenize(s).into_iter().map(|t| (t.text, t.pos)).collect()
    }

    #[test]
    fn words_and_positions() {
        assert_eq!(
            words("Should we fear this?"),
            [("Should", 0), ("we", 1), ("fear", 2), ("this", 3)]
        );
        assert_eq!(words("Сталин, Мао."), [("Сталин", 0), ("Мао", 1)]);
        assert_eq!(
            words("the 38th parallel"),
            [("the", 0), ("38th", 1), ("parallel", 2)]
        );
    }

    #[test]
    fn compounds_and_their_parts() {
        assert_eq!(
            words("on 1950-10-02 Chinese-Korean"),
            [
                ("on", 0),
                ("1950-10-02", 1),
                ("1950", 1),
                ("10", 2),
                ("02", 3),
                ("Chinese-Korean", 4),
                ("Chinese", 4),
                ("Korean", 5)
            ]
        );
        assert_eq!(words("a - b"), [("a", 0), ("b", 1)]);
    }

    #[test]
    fn cjk_by_overlapping_pairs() {
        assert_eq!(words("毛泽东说"), [("毛泽", 0), ("泽东", 1), ("东说", 2)]);
        assert_eq!(words("致 毛"), [("致", 0), ("毛", 1)]);
        assert_eq!(words("Mao毛泽东"), [("Mao", 0), ("毛泽", 1), ("泽东", 2)]);
    }

    #[test]
    fn combining_marks_stay_in_words_and_byte_ranges_are_exact() {
        let s = "Zoe\u{301} café";
        let t = tokenize(s);
        assert_eq!(t[0].text, "Zoe\u{301}");
        assert_eq!(&s[t[1].start..t[1].end], "café");
    }

    #[test]
    fn folding_and_smart_case() {
        assert_eq!(fold("Сталин"), "сталин");
        assert!(has_upper("Stalin") && !has_upper("stalin") && !has_upper("毛泽东"));
    }
}

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
    let mut out = Vec::new();
    let mut pos: u32 = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let end_of = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if is_cjk(c) {
            let start = i;
            while i < n && (is_cjk(chars[i].1) || is_mark(chars[i].1)) {
                i += 1;
            }
            let run: Vec<usize> = (start..i).filter(|&k| !is_mark(chars[k].1)).collect();
            if run.len() == 1 {
                out.push(Token {
                    text: &text[end_of(start)..end_of(i)],
                    start: end_of(start),
                    end: end_of(i),
                    pos,
                });
                pos += 1;
            } else {
                for w in run.windows(2) {
                    let (a, b) = (w[0], w[1]);
                    let e = end_of(b + 1);
                    out.push(Token {
                        text: &text[end_of(a)..e],
                        start: end_of(a),
                        end: e,
                        pos,
                    });
                    pos += 1;
                }
            }
        } else if is_word_char(c) {
            // A word, or a compound of words joined by hyphens.
            let mut parts: Vec<(usize, usize)> = Vec::new();
            loop {
                let s = i;
                while i < n && is_word_char(chars[i].1) {
                    i += 1;
                }
                parts.push((s, i));
                if i + 1 < n
                    && matches!(chars[i].1, '-' | '‐' | '‑')
                    && is_word_char(chars[i + 1].1)
                {
                    i += 1;
                    continue;
                }
                break;
            }
            if parts.len() > 1 {
                let (s, e) = (end_of(parts[0].0), end_of(parts[parts.len() - 1].1));
                out.push(Token {
                    text: &text[s..e],
                    start: s,
                    end: e,
                    pos,
                });
            }
            for (s, e) in parts {
                let (s, e) = (end_of(s), end_of(e));
                out.push(Token {
                    text: &text[s..e],
                    start: s,
                    end: e,
                    pos,
                });
                pos += 1;
            }
        } else {
            i += 1;
        }
    }
    out
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

//! Word-level differences between two quotes in the same language, as a diff
//! viewer shows them: words removed from the left, added on the right, and
//! changed (a run replaced by another). Scripts written without spaces (CJK)
//! are compared character by character; no character is ever split.
//!
//! The words are compared with Myers' diff (the `similar` crate), which
//! needs no table of every pair of words, so a long quote is compared as
//! precisely as a short one.

use similar::{Algorithm, DiffOp, capture_diff_slices};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What happened to a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Same,
    /// Only on the left.
    Removed,
    /// Only on the right.
    Added,
    /// Part of a run replaced by a different run.
    Changed,
}

/// A piece of text and what happened to it. Whitespace is its own token
/// and always `Same`, so the pieces rebuild the text exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub change: Change,
}

/// A grapheme drawn two cells wide: a CJK ideograph, kana, Hangul, a
/// full-width form. Such scripts are not written with spaces between
/// words, so each one is a token of its own.
fn is_wide(g: &str) -> bool {
    g.width() >= 2
}

/// Splits text into words, runs of whitespace, punctuation marks, and single
/// CJK characters, by grapheme cluster.
pub fn tokens(text: &str) -> Vec<String> {
    #[derive(PartialEq, Clone, Copy)]
    enum K {
        Word,
        Space,
        Single,
    }
    let mut out: Vec<String> = Vec::new();
    let mut last: Option<K> = None;
    for g in text.graphemes(true) {
        let k = if g.chars().all(char::is_whitespace) {
            K::Space
        } else if is_wide(g)
            || g.chars()
                .all(|c| c.is_ascii_punctuation() || "“”‘’«»—–…。，、；：？！（）".contains(c))
        {
            K::Single
        } else {
            K::Word
        };
        match (last, k) {
            (Some(K::Word), K::Word) | (Some(K::Space), K::Space) => {
                out.last_mut().unwrap().push_str(g)
            }
            _ => out.push(g.to_string()),
        }
        last = Some(k);
    }
    out
}

fn is_space(t: &str) -> bool {
    t.chars().all(char::is_whitespace)
}

/// The words (all but whitespace), each with its place among the tokens.
fn words(toks: &[String]) -> Vec<(usize, &str)> {
    toks.iter()
        .enumerate()
        .filter(|(_, t)| !is_space(t))
        .map(|(i, t)| (i, t.as_str()))
        .collect()
}

/// The two texts as pieces marked with what changed.
pub fn diff(left: &str, right: &str) -> (Vec<Piece>, Vec<Piece>) {
    let lt = tokens(left);
    let rt = tokens(right);
    let (lw, rw) = (words(&lt), words(&rt));
    let a: Vec<&str> = lw.iter().map(|x| x.1).collect();
    let b: Vec<&str> = rw.iter().map(|x| x.1).collect();
    let mut lmark = vec![Change::Same; lt.len()];
    let mut rmark = vec![Change::Same; rt.len()];
    // Between two runs of equal words: what went from the left and what
    // came on the right. Both at once is a change; one alone, a removal or
    // an addition.
    let mut gap = |del: std::ops::Range<usize>, ins: std::ops::Range<usize>| {
        let both = !del.is_empty() && !ins.is_empty();
        for d in del {
            lmark[lw[d].0] = if both {
                Change::Changed
            } else {
                Change::Removed
            };
        }
        for n in ins {
            rmark[rw[n].0] = if both { Change::Changed } else { Change::Added };
        }
    };
    let (mut del, mut ins) = (0..0, 0..0);
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        match op {
            DiffOp::Equal { .. } => {
                gap(del, ins);
                (del, ins) = (0..0, 0..0);
            }
            _ => {
                let (_, old, new) = op.as_tag_tuple();
                del = if del.is_empty() {
                    old
                } else {
                    del.start..old.end
                };
                ins = if ins.is_empty() {
                    new
                } else {
                    ins.start..new.end
                };
            }
        }
    }
    gap(del, ins);
    let pieces = |toks: Vec<String>, marks: Vec<Change>| -> Vec<Piece> {
        let mut out: Vec<Piece> = Vec::new();
        for (text, change) in toks.into_iter().zip(marks) {
            match out.last_mut() {
                Some(last) if last.change == change => last.text.push_str(&text),
                _ => out.push(Piece { text, change }),
            }
        }
        out
    };
    (pieces(lt, lmark), pieces(rt, rmark))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(p: &[Piece]) -> String {
        p.iter()
            .map(|p| match p.change {
                Change::Same => p.text.clone(),
                Change::Removed => format!("[-{}-]", p.text),
                Change::Added => format!("{{+{}+}}", p.text),
                Change::Changed => format!("<{}>", p.text),
            })
            .collect()
    }

    #[test]
    fn added_removed_and_changed_words() {
        let (l, r) = diff(
            "we will send nine divisions now",
            "we will send six divisions later today",
        );
        assert_eq!(marked(&l), "we will send <nine> divisions <now>");
        assert_eq!(marked(&r), "we will send <six> divisions <later> <today>");
        let (l, r) = diff("the way is wide open", "the way is open");
        assert_eq!(marked(&l), "the way is [-wide-] open");
        assert_eq!(marked(&r), "the way is open");
        let (_, r) = diff("a b", "a x b");
        assert_eq!(marked(&r), "a {+x+} b");
    }

    #[test]
    fn identical_texts_have_no_changes() {
        let (l, r) = diff("Should we fear this?", "Should we fear this?");
        assert!(l.iter().chain(&r).all(|p| p.change == Change::Same));
        assert_eq!(
            l.iter().map(|p| p.text.as_str()).collect::<String>(),
            "Should we fear this?"
        );
    }

    #[test]
    fn cyrillic_words() {
        let (l, r) = diff(
            "Китайские товарищи приняли решение",
            "Китайские товарищи наконец приняли окончательное решение",
        );
        assert_eq!(marked(&l), "Китайские товарищи приняли решение");
        assert_eq!(
            marked(&r),
            "Китайские товарищи {+наконец+} приняли {+окончательное+} решение"
        );
    }

    #[test]
    fn cjk_by_character_without_splitting_one() {
        let (l, r) = diff("我们决定派军队", "我们决定不派军队");
        assert_eq!(marked(&l), "我们决定派军队");
        assert_eq!(marked(&r), "我们决定{+不+}派军队");
        // Each CJK character is a token of its own, whole.
        assert_eq!(tokens("决定。"), ["决", "定", "。"]);
        // A combining mark stays with its letter.
        assert_eq!(tokens("cafe\u{301} noir"), ["cafe\u{301}", " ", "noir"]);
    }

    #[test]
    fn punctuation_is_its_own_token() {
        let (l, r) = diff("open.", "open!");
        assert_eq!(marked(&l), "open<.>");
        assert_eq!(marked(&r), "open<!>");
    }

    #[test]
    fn pieces_rebuild_the_texts() {
        let (a, b) = (
            "«Мы» решили: 派 一部分 troops, now.",
            "Мы не решили; 派 troops later…",
        );
        let (l, r) = diff(a, b);
        assert_eq!(l.iter().map(|p| p.text.as_str()).collect::<String>(), a);
        assert_eq!(r.iter().map(|p| p.text.as_str()).collect::<String>(), b);
    }

    #[test]
    fn long_texts_are_diffed_word_by_word() {
        // 5,000 words a side: 25 million pairs, far past what a table of
        // every pair could hold, and still only the changed words marked.
        let words: Vec<String> = (0..5_000)
            .map(|i| match i % 4 {
                0 => "the".to_string(),
                1 => format!("division{i}"),
                2 => "and".to_string(),
                _ => format!("пункт{}", i % 97),
            })
            .collect();
        let left = words.join(" ");
        let mut right_words = words.clone();
        right_words[1_001] = "corps".into(); // changed
        right_words.remove(2_501); // removed on the right
        right_words.insert(4_000, "urgently".into()); // added
        let right = right_words.join(" ");
        let (l, r) = diff(&left, &right);
        let marks = |p: &[Piece]| -> Vec<(Change, String)> {
            p.iter()
                .filter(|p| p.change != Change::Same)
                .map(|p| (p.change, p.text.clone()))
                .collect()
        };
        assert_eq!(
            marks(&l),
            [
                (Change::Changed, "division1001".to_string()),
                (Change::Removed, "division2501".to_string()),
            ]
        );
        assert_eq!(
            marks(&r),
            [
                (Change::Changed, "corps".to_string()),
                (Change::Added, "urgently".to_string()),
            ]
        );
        assert_eq!(l.iter().map(|p| p.text.as_str()).collect::<String>(), left);
        assert_eq!(r.iter().map(|p| p.text.as_str()).collect::<String>(), right);
    }

    #[test]
    fn long_texts_with_nothing_in_common_are_changed_throughout() {
        let left: Vec<String> = (0..5_000).map(|i| format!("l{i}")).collect();
        let right: Vec<String> = (0..5_000).map(|i| format!("r{i}")).collect();
        let (l, r) = diff(&left.join(" "), &right.join(" "));
        for side in [&l, &r] {
            assert!(
                side.iter()
                    .all(|p| p.change == Change::Changed || p.text == " "),
                "every word changed"
            );
        }
    }

    #[test]
    fn width_decides_what_is_written_without_spaces() {
        // Wide (two-cell) graphemes are tokens of their own: ideographs,
        // kana, Hangul, full-width forms.
        assert_eq!(tokens("決定しました"), ["決", "定", "し", "ま", "し", "た"]);
        assert_eq!(tokens("결정"), ["결", "정"]);
        assert_eq!(tokens("ＡＢ"), ["Ａ", "Ｂ"]);
        // Narrow scripts keep their words whole.
        assert_eq!(tokens("Ким Ир Сен"), ["Ким", " ", "Ир", " ", "Сен"]);
    }
}

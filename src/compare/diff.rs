//! Word-level differences between two quotes in the same language, as a diff
//! viewer shows them: words removed from the left, added on the right, and
//! changed (a run replaced by another). Scripts written without spaces (CJK)
//! are compared character by character; no character is ever split.

use unicode_segmentation::UnicodeSegmentation;

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

fn is_wide(g: &str) -> bool {
    g.chars().any(|c| {
        matches!(c as u32,
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF |
            0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
    })
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

/// Longest common subsequence table over the non-space tokens.
fn lcs(a: &[&str], b: &[&str]) -> Vec<Vec<u32>> {
    let mut t = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            t[i][j] = if a[i] == b[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    t
}

/// Above this many token pairs the texts are too long to compare word by
/// word here, and are marked changed as a whole.
const MAX_CELLS: usize = 4_000_000;

/// The two texts as pieces marked with what changed.
pub fn diff(left: &str, right: &str) -> (Vec<Piece>, Vec<Piece>) {
    let lt = tokens(left);
    let rt = tokens(right);
    let lw: Vec<(usize, &str)> = lt
        .iter()
        .enumerate()
        .filter(|(_, t)| !is_space(t))
        .map(|(i, t)| (i, t.as_str()))
        .collect();
    let rw: Vec<(usize, &str)> = rt
        .iter()
        .enumerate()
        .filter(|(_, t)| !is_space(t))
        .map(|(i, t)| (i, t.as_str()))
        .collect();
    let mut lmark = vec![Change::Same; lt.len()];
    let mut rmark = vec![Change::Same; rt.len()];
    if lw.len().saturating_mul(rw.len()) > MAX_CELLS {
        lw.iter().for_each(|(i, _)| lmark[*i] = Change::Changed);
        rw.iter().for_each(|(i, _)| rmark[*i] = Change::Changed);
    } else {
        let a: Vec<&str> = lw.iter().map(|x| x.1).collect();
        let b: Vec<&str> = rw.iter().map(|x| x.1).collect();
        let t = lcs(&a, &b);
        let (mut i, mut j) = (0, 0);
        // Runs of left-only and right-only tokens between matches.
        let mut del: Vec<usize> = Vec::new();
        let mut ins: Vec<usize> = Vec::new();
        let flush = |del: &mut Vec<usize>,
                     ins: &mut Vec<usize>,
                     lmark: &mut Vec<Change>,
                     rmark: &mut Vec<Change>| {
            let both = !del.is_empty() && !ins.is_empty();
            for &d in del.iter() {
                lmark[lw[d].0] = if both {
                    Change::Changed
                } else {
                    Change::Removed
                };
            }
            for &n in ins.iter() {
                rmark[rw[n].0] = if both { Change::Changed } else { Change::Added };
            }
            del.clear();
            ins.clear();
        };
        while i < a.len() || j < b.len() {
            if i < a.len() && j < b.len() && a[i] == b[j] {
                flush(&mut del, &mut ins, &mut lmark, &mut rmark);
                i += 1;
                j += 1;
            } else if j < b.len() && (i == a.len() || t[i][j + 1] >= t[i + 1][j]) {
                ins.push(j);
                j += 1;
            } else {
                del.push(i);
                i += 1;
            }
        }
        flush(&mut del, &mut ins, &mut lmark, &mut rmark);
    }
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
}

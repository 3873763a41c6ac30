//! Splitting text into the words search matches against, with their
//! positions and byte ranges, and the forms words are compared in.
//! Letters and digits (with their combining marks) make words; a hyphenated
//! compound is one word and its parts (`1950-10-02` and `1950`, `10`, `02`);
//! Chinese and Japanese text, written without spaces, is indexed by
//! overlapping character pairs.
//!
//! Words are compared normalised (`normalize`): in NFC, so that text or a
//! query typed in decomposed form (Hangul as conjoining jamo, `й` as `и` and
//! a combining breve) is the same word, and with the accents of Latin letters
//! taken off, so that pinyin with tone marks (`Máo Zédōng`) is plain pinyin.
//!
//! Scripts are told apart by their characters, as everywhere here: a word of
//! Latin letters is taken as English (the corpus's Russian, Chinese and
//! Korean are in their own scripts), and only such words have a stem
//! (`stem`, the Snowball English stemmer).
//!
//! Name fields (who sent, received or carried a telegram, who wrote a note)
//! also have name tokens (`tokenize_field`): each run of two or more words
//! of one name, run together in lower case without hyphens or apostrophes
//! (`Kim Il Sung` gives `kimil`, `kimilsung`, `ilsung`), so that a name
//! matches however its syllables are joined.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::search::field::FieldKind;

#[cfg(test)]
mod reference;
mod split;

pub use split::{tokenize, tokenize_into};

/// The first character of a name token's key: no word starts with it, so
/// only a query's name keys (`score::Prepared`) ever match one.
pub const NAME_MARK: char = '\u{1}';

/// One word of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Word position in the text (parts of a compound count one each; the
    /// compound shares its first part's position, a name token its first
    /// word's).
    pub pos: u32,
    /// A name token: `text` is the run of words it joins.
    pub name: bool,
}

impl Token<'_> {
    /// A word of the text itself: neither a compound (matched through its
    /// parts in phrases) nor a name token.
    pub fn is_plain(&self) -> bool {
        !self.name && !self.text.contains(['-', '‐', '‑'])
    }

    /// The form the index keeps for this token: the word normalised, or a
    /// name token's key.
    pub fn surface(&self) -> Cow<'_, str> {
        if self.name {
            let mut k = String::with_capacity(self.text.len() + 1);
            k.push(NAME_MARK);
            k.push_str(&name_key(self.text));
            Cow::Owned(k)
        } else {
            normalize(self.text)
        }
    }
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
    // The Russian alphabet first: most of the corpus's non-ASCII letters,
    // and `is_alphanumeric` looks each one up in Unicode's tables.
    matches!(c as u32, 0x0410..=0x044F | 0x0401 | 0x0451)
        || ((c.is_alphanumeric() || is_mark(c)) && !is_cjk(c))
}

/// Letters of the Latin script (basic, Latin-1, Extended-A/B, IPA, the
/// phonetic and Extended Additional blocks, fullwidth).
pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c as u32,
                0x00C0..=0x02AF | 0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F
                | 0xA720..=0xA7FF | 0xAB30..=0xAB6F | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
            && c.is_alphabetic())
}

/// Characters such that a word of nothing else is in NFC and has no accent
/// to take off: ASCII, Cyrillic letters, kana, CJK ideographs (not the
/// compatibility ones) and Hangul syllables (not their jamo).
fn plainly_nfc(c: char) -> bool {
    matches!(c as u32,
        0..=0x7F | 0x400..=0x482 | 0x48A..=0x52F | 0x3041..=0x3096 | 0x30A1..=0x30FA
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3)
}

/// NFC, with the combining marks on Latin letters taken off (`Máo` → `Mao`,
/// `Inch’ŏn` → `Inch’on`); the marks of other scripts stay (`й`).
pub fn normalize(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    // Most other words (Cyrillic, Chinese, kana, Hangul syllables) have
    // nothing to change: a cheap test of their characters' blocks first.
    if s.chars().all(plainly_nfc) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut latin = false;
    let mut changed = false;
    for c in s.nfd() {
        if is_combining_mark(c) {
            if latin {
                changed = true;
                continue;
            }
        } else {
            latin = is_latin(c);
        }
        out.push(c);
    }
    if !changed && is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(s);
    }
    let nfc: String = out.nfc().collect();
    if nfc == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(nfc)
    }
}

/// Normalises and lower-cases, for case-insensitive matching.
pub fn fold(s: &str) -> String {
    let n = normalize(s);
    if n.chars().all(|c| !c.is_uppercase()) {
        n.into_owned()
    } else {
        n.to_lowercase()
    }
}

/// A name as one key: folded, with everything but letters and digits taken
/// out (`Kim Il-sung`, `kim ilsung` and `KimIlSung` are all `kimilsung`;
/// `P’eng` is `peng`).
pub fn name_key(s: &str) -> String {
    let mut f = fold(s);
    f.retain(char::is_alphanumeric);
    f
}

/// The English stem of a folded word of Latin letters (Snowball's English
/// stemmer: `feared` → `fear`, `evacuation` and `evacuate` → `evacu`); no
/// stem for shorter words, other scripts or words with digits.
pub fn stem(folded: &str) -> Option<String> {
    if folded.len() < 3 || !folded.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let s = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    Some(s.stem(folded).into_owned())
}

/// Whether a query term asks for case-sensitive matching (smart case).
pub fn has_upper(s: &str) -> bool {
    s.chars().any(char::is_uppercase)
}

/// The fields whose words are names: the people a telegram is from, to and
/// via, and who wrote a note.
pub fn is_name_field(kind: FieldKind) -> bool {
    matches!(
        kind,
        FieldKind::From | FieldKind::To | FieldKind::Via | FieldKind::NoteBy
    )
}

/// The separator between the forms of the names in a name field.
pub const FORM_SEPARATOR: char = '·';

/// Most words a name token joins (`P’eng Te-huai` is four).
const NAME_RUN: usize = 4;

/// The words of a field: `tokenize`, and in a name field its name tokens
/// (runs of two or more words within one form of a name, not in Chinese).
pub fn tokenize_field<'a>(kind: FieldKind, text: &'a str, out: &mut Vec<Token<'a>>) {
    let first = out.len();
    tokenize_into(text, out);
    if !is_name_field(kind) {
        return;
    }
    let n = out.len();
    let mut form_start = 0;
    let mut i = first;
    while i < n {
        // The plain words of the form that starts at `form_start`.
        let form_end = text[form_start..]
            .find(FORM_SEPARATOR)
            .map_or(text.len(), |e| form_start + e);
        let mut parts: Vec<usize> = Vec::new();
        while i < n && out[i].start < form_end {
            let t = &out[i];
            if t.is_plain() && !t.text.chars().any(is_cjk) {
                parts.push(i);
            }
            i += 1;
        }
        for a in 0..parts.len() {
            for b in a + 1..parts.len().min(a + NAME_RUN) {
                let (s, e) = (out[parts[a]].start, out[parts[b]].end);
                let pos = out[parts[a]].pos;
                out.push(Token {
                    text: &text[s..e],
                    start: s,
                    end: e,
                    pos,
                    name: true,
                });
            }
        }
        form_start = form_end + FORM_SEPARATOR.len_utf8();
        if form_start > text.len() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<(&str, u32)> {
        tokenize(s).into_iter().map(|t| (t.text, t.pos)).collect()
    }

    /// The Russian letters' shortcut says what the general rule says, for
    /// every character.
    #[test]
    fn word_characters_are_the_general_rule() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let rule = (c.is_alphanumeric() || is_mark(c)) && !is_cjk(c);
            assert_eq!(is_word_char(c), rule, "{c:?} (U+{:04X})", c as u32);
        }
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

    #[test]
    fn normalisation_composes_and_takes_accents_off_latin_only() {
        assert_eq!(normalize("Máo Zédōng"), "Mao Zedong");
        assert_eq!(normalize("Ma\u{301}o"), "Mao", "decomposed tone mark");
        assert_eq!(normalize("Inch’ŏn"), "Inch’on");
        assert_eq!(normalize("Yi Sŭng-man"), "Yi Sung-man");
        // Other scripts keep their marks, composed.
        assert_eq!(normalize("Эньла\u{438}\u{306}"), "Эньлай");
        assert_eq!(normalize("\u{1100}\u{1175}\u{11B7}"), "김");
        let jamo: String = "김일성".nfd().collect();
        assert_ne!(jamo, "김일성");
        assert_eq!(normalize(&jamo), "김일성");
        assert_eq!(
            normalize("가\u{11A8}"),
            "각",
            "a syllable and a final jamo compose"
        );
        assert_eq!(
            normalize("\u{F900}"),
            "\u{8C48}",
            "a compatibility ideograph"
        );
        assert_eq!(fold("Máo"), "mao");
        assert!(matches!(normalize("plain"), Cow::Borrowed(_)));
        assert!(matches!(normalize("Сталин"), Cow::Borrowed(_)));
        // A normalised word is one token with exact byte ranges.
        let t = tokenize("Эньла\u{438}\u{306} x");
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].surface(), "Эньлай");
    }

    #[test]
    fn stems_for_english_words_only() {
        assert_eq!(stem("feared").as_deref(), Some("fear"));
        assert_eq!(stem("fear").as_deref(), Some("fear"));
        assert_eq!(stem("decisions"), stem("decision"));
        assert_eq!(stem("crossing").as_deref(), Some("cross"));
        assert_eq!(stem("evacuate"), stem("evacuation"));
        assert_eq!(stem("сталина"), None, "Cyrillic is not English");
        assert_eq!(stem("38th"), None);
        assert_eq!(stem("of"), None);
    }

    #[test]
    fn name_keys_ignore_case_hyphens_spaces_and_apostrophes() {
        for s in ["Kim Il-sung", "kim ilsung", "KimIlSung", "KIM IL SUNG"] {
            assert_eq!(name_key(s), "kimilsung", "{s}");
        }
        assert_eq!(name_key("P’eng Te-huai"), "pengtehuai");
        assert_eq!(name_key("Máo Zédōng"), "maozedong");
    }

    #[test]
    fn name_fields_have_name_tokens_per_form() {
        let text = "Kim Il Sung · Kim · 金日成 · Mao Tse-tung";
        let mut out = Vec::new();
        tokenize_field(FieldKind::From, text, &mut out);
        let names: Vec<(String, &str, u32)> = out
            .iter()
            .filter(|t| t.name)
            .map(|t| (t.surface()[1..].to_string(), t.text, t.pos))
            .collect();
        assert_eq!(
            names,
            [
                ("kimil".to_string(), "Kim Il", 0),
                ("kimilsung".to_string(), "Kim Il Sung", 0),
                ("ilsung".to_string(), "Il Sung", 1),
                ("maotse".to_string(), "Mao Tse", 6),
                ("maotsetung".to_string(), "Mao Tse-tung", 6),
                ("tsetung".to_string(), "Tse-tung", 7),
            ]
        );
        let mut body = Vec::new();
        tokenize_field(FieldKind::Passage, text, &mut body);
        assert!(body.iter().all(|t| !t.name), "only name fields");
    }
}

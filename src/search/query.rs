//! The query language. Terms are separated by spaces and must all match.
//! Each term is fuzzy by default; fzf's atoms keep their meaning per term:
//! `'exact`, `^prefix`, `suffix$`, `!negation`, and `a | b` for either.
//! `"two words"` is a phrase (adjacent words). `from:`, `to:`, `via:`, `by:`
//! and `date:` narrow a term to one field. Smart case: a term with an
//! upper-case letter matches case-sensitively. Terms are normalised
//! (`tokenize::normalize`: NFC, no accents on Latin letters).
//!
//! A plain word also carries name keys (`Atom::names`): itself, and each run
//! of neighbouring plain words it is in, run together (`Kao Kang` gives
//! `kao`, `kang` and `kaokang` to both words), for the name tokens of name
//! fields; and the other spellings of a name it, or a run it is in, spells
//! (`Atom::variants`, from `names.rs`).

use std::fmt;

use super::names;
use super::tokenize::{fold, has_upper, is_cjk, name_key, normalize, tokenize};

pub use super::field::FieldKind;

/// The field prefixes a term may carry.
pub const PREFIXES: &[(&str, FieldKind)] = &[
    ("from", FieldKind::From),
    ("to", FieldKind::To),
    ("via", FieldKind::Via),
    ("by", FieldKind::NoteBy),
    ("date", FieldKind::Date),
];

/// How an atom matches a word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AtomKind {
    /// Exact word, prefix, abbreviation or small typo (see `matcher`).
    Fuzzy,
    /// `'x`: the word contains x.
    Exact,
    /// `^x`: the word starts with x.
    Prefix,
    /// `x$`: the word ends with x.
    Suffix,
    /// `^x$`: the word is x.
    Whole,
    /// `"a b"`, or a Chinese term of several characters: these words, adjacent,
    /// in order.
    Phrase(Vec<String>),
}

/// One match condition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Atom {
    pub field: Option<FieldKind>,
    pub negated: bool,
    pub kind: AtomKind,
    /// The word to match (for phrases, the words joined by spaces).
    pub text: String,
    pub case_sensitive: bool,
    /// Fuzzy atoms: name keys (lower case, letters and digits only) that
    /// match name tokens: the word's own and those of the runs of words it
    /// is in.
    pub names: Vec<String>,
    /// Fuzzy atoms: folded words that match as another spelling of the
    /// word: the word without its hyphens or apostrophes, and the words of
    /// the other forms of a name it or its run spells.
    pub variants: Vec<String>,
}

/// A term: one atom, or several joined by `|` (any of them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub alts: Vec<Atom>,
}

impl Term {
    /// A term that adds to a record's score and can take a proximity bonus:
    /// a single, positive, field-free word atom.
    pub fn plain_word(&self) -> Option<&Atom> {
        match self.alts.as_slice() {
            [a] if !a.negated && a.field.is_none() && !matches!(a.kind, AtomKind::Phrase(_)) => {
                Some(a)
            }
            _ => None,
        }
    }
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// What is wrong with a query, and where (a character column, 0-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column + 1, self.message)
    }
}

/// A raw piece of the query: text and where it starts, or a `|`.
#[derive(Debug)]
enum Piece {
    Word {
        text: String,
        col: usize,
        quoted: bool,
    },
    Or {
        col: usize,
    },
}

fn split(q: &str) -> Result<Vec<Piece>, ParseError> {
    let mut out = Vec::new();
    let chars: Vec<char> = q.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut text = String::new();
        let mut quoted = false;
        // A prefix such as `from:` or `!` may come before a quote.
        while i < chars.len() && !chars[i].is_whitespace() {
            if chars[i] == '"' {
                quoted = true;
                let open = i;
                i += 1;
                let mut inner = String::new();
                while i < chars.len() && chars[i] != '"' {
                    inner.push(chars[i]);
                    i += 1;
                }
                if i == chars.len() {
                    return Err(ParseError {
                        column: open,
                        message: "unterminated quote: expected a closing \"".into(),
                    });
                }
                i += 1;
                text.push('"');
                text.push_str(&inner);
                text.push('"');
            } else {
                text.push(chars[i]);
                i += 1;
            }
        }
        if text.chars().all(|c| c == '|') {
            // `||` is two `|`s, as `| |` is: each needs a term either side.
            out.extend((start..i).map(|col| Piece::Or { col }));
        } else {
            out.push(Piece::Word {
                text,
                col: start,
                quoted,
            });
        }
    }
    Ok(out)
}

/// An atom with no letter or digit (`$`, `''`, the `!` of `!!`) could
/// match no word, and negated it would match everything: an error, as a
/// lone `^` or `'` is.
fn has_a_word(a: &Atom, col: usize) -> Result<(), ParseError> {
    if a.text.chars().any(char::is_alphanumeric) {
        return Ok(());
    }
    Err(ParseError {
        column: col,
        message: format!(
            "this term has no word to match ('{}' has no letter or digit)",
            a.text
        ),
    })
}

fn atom(text: &str, col: usize, quoted: bool) -> Result<Atom, ParseError> {
    let mut s = text;
    let mut negated = false;
    let mut field = None;
    if let Some(rest) = s.strip_prefix('!') {
        negated = true;
        s = rest;
    }
    // A field prefix: letters, then a colon, then something.
    if let Some((name, rest)) = s.split_once(':')
        && !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphabetic())
        && !name.starts_with('"')
    {
        match PREFIXES.iter().find(|(p, _)| p.eq_ignore_ascii_case(name)) {
            Some((_, f)) => {
                field = Some(*f);
                s = rest;
                if let Some(rest) = s.strip_prefix('!') {
                    negated = true;
                    s = rest;
                }
            }
            None => {
                let known: Vec<String> = PREFIXES.iter().map(|(p, _)| format!("{p}:")).collect();
                return Err(ParseError {
                    column: col,
                    message: format!("unknown field '{name}:': expected {}", known.join(", ")),
                });
            }
        }
    }
    if s.is_empty() {
        let what = if field.is_some() {
            "a field prefix"
        } else {
            "'!'"
        };
        return Err(ParseError {
            column: col,
            message: format!("{what} needs a word after it"),
        });
    }
    let (kind, word) = if quoted && s.starts_with('"') && s.ends_with('"') && s.len() >= 2 {
        let inner = &s[1..s.len() - 1];
        // A hyphenated compound is matched through its parts.
        let words: Vec<String> = tokenize(inner)
            .iter()
            .filter(|t| !t.text.contains(['-', '‐', '‑']))
            .map(|t| t.text.to_string())
            .collect();
        if words.is_empty() {
            return Err(ParseError {
                column: col,
                message: "empty phrase: expected words between the quotes".into(),
            });
        }
        let words: Vec<String> = words.iter().map(|w| normalize(w).into_owned()).collect();
        (AtomKind::Phrase(words.clone()), words.join(" "))
    } else if let Some(rest) = s.strip_prefix('\'') {
        (AtomKind::Exact, rest.to_string())
    } else {
        let (starts, s) = match s.strip_prefix('^') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let (ends, s) = match s.strip_suffix('$') {
            Some(r) if !r.is_empty() => (true, r),
            _ => (false, s),
        };
        let kind = match (starts, ends) {
            (true, true) => AtomKind::Whole,
            (true, false) => AtomKind::Prefix,
            (false, true) => AtomKind::Suffix,
            (false, false) => AtomKind::Fuzzy,
        };
        // A Chinese term of three or more characters is the phrase of its pairs.
        let cjk: Vec<char> = s.chars().filter(|c| is_cjk(*c)).collect();
        if kind == AtomKind::Fuzzy && cjk.len() >= 3 && cjk.len() == s.chars().count() {
            let pairs: Vec<String> = tokenize(s)
                .into_iter()
                .map(|t| t.text.to_string())
                .collect();
            (AtomKind::Phrase(pairs), s.to_string())
        } else {
            (kind, s.to_string())
        }
    };
    let word = normalize(&word).into_owned();
    if word.is_empty() {
        return Err(ParseError {
            column: col,
            message: "this term has no word to match".into(),
        });
    }
    // fzf: a negated term is an exact (substring) match.
    let kind = if negated && kind == AtomKind::Fuzzy {
        AtomKind::Exact
    } else {
        kind
    };
    Ok(Atom {
        field,
        negated,
        case_sensitive: has_upper(&word),
        kind,
        text: word,
        names: Vec::new(),
        variants: Vec::new(),
    })
}

/// Most neighbouring words a run of name keys joins.
const NAME_RUN: usize = 4;

/// Fills in the name keys and variants of the query's fuzzy atoms.
fn expand(terms: &mut [Term]) {
    let fuzzy = |a: &Atom| !a.negated && a.kind == AtomKind::Fuzzy;
    // A term that can join a run: one fuzzy atom; runs keep to one field.
    let runner: Vec<Option<Option<FieldKind>>> = terms
        .iter()
        .map(|t| match t.alts.as_slice() {
            [a] if fuzzy(a) => Some(a.field),
            _ => None,
        })
        .collect();
    let keys: Vec<String> = terms.iter().map(|t| name_key(&t.alts[0].text)).collect();
    let joins = |i: usize, a: usize, b: usize| {
        (a..=b).all(|k| runner[k].is_some() && runner[k] == runner[i])
            && keys[a..=b].iter().all(|k| !k.is_empty())
    };
    for i in 0..terms.len() {
        let mut runs: Vec<String> = Vec::new();
        if runner[i].is_some() {
            for a in i.saturating_sub(NAME_RUN - 1)..=i {
                for b in i..terms.len().min(a + NAME_RUN) {
                    if a < b && joins(i, a, b) {
                        runs.push(keys[a..=b].concat());
                    }
                }
            }
        }
        for atom in terms[i].alts.iter_mut().filter(|a| fuzzy(a)) {
            let own = name_key(&atom.text);
            if own.is_empty() {
                continue;
            }
            let mut names = vec![own.clone()];
            for r in &runs {
                if !names.contains(r) {
                    names.push(r.clone());
                }
            }
            let folded = fold(&atom.text);
            let mut variants: Vec<String> = Vec::new();
            if own != folded {
                variants.push(own.clone());
            }
            for n in &names {
                for v in names::variants(n) {
                    if v != folded && !variants.iter().any(|x| x == v) {
                        variants.push(v.to_string());
                    }
                }
            }
            atom.names = names;
            atom.variants = variants;
        }
    }
}

/// Parses a query.
pub fn parse(q: &str) -> Result<Query, ParseError> {
    let pieces = split(q)?;
    let mut terms: Vec<Term> = Vec::new();
    let mut pending_or: Option<usize> = None;
    for (i, p) in pieces.iter().enumerate() {
        match p {
            Piece::Or { col } => {
                if terms.is_empty() || pending_or.is_some() || i + 1 == pieces.len() {
                    return Err(ParseError {
                        column: *col,
                        message: "'|' needs a term on each side".into(),
                    });
                }
                pending_or = Some(*col);
            }
            Piece::Word { text, col, quoted } => {
                let a = atom(text, *col, *quoted)?;
                has_a_word(&a, *col)?;
                if pending_or.take().is_some() {
                    terms.last_mut().expect("checked above").alts.push(a);
                } else {
                    terms.push(Term { alts: vec![a] });
                }
            }
        }
    }
    expand(&mut terms);
    Ok(Query { terms })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(q: &str) -> Atom {
        let p = parse(q).unwrap();
        assert_eq!(p.terms.len(), 1, "{p:?}");
        p.terms[0].alts[0].clone()
    }

    #[test]
    fn plain_terms_are_fuzzy_and_smart_case() {
        let q = parse("shld we  fear").unwrap();
        assert_eq!(q.terms.len(), 3);
        assert!(
            q.terms
                .iter()
                .all(|t| t.alts[0].kind == AtomKind::Fuzzy && !t.alts[0].case_sensitive)
        );
        assert!(one("Stalin").case_sensitive);
        assert!(parse("   ").unwrap().is_empty());
    }

    #[test]
    fn fzf_atoms() {
        assert_eq!(one("'fear").kind, AtomKind::Exact);
        assert_eq!(one("^chin").kind, AtomKind::Prefix);
        assert_eq!(one("ese$").kind, AtomKind::Suffix);
        assert_eq!(one("^mao$").kind, AtomKind::Whole);
        let n = one("!disputed");
        assert!(n.negated && n.kind == AtomKind::Exact && n.text == "disputed");
        let n = one("!^dis");
        assert!(n.negated && n.kind == AtomKind::Prefix);
    }

    #[test]
    fn operators_without_a_word_are_errors_alike() {
        for q in ["^", "'", "$", "''", "^$", "!!", "!$", "from:$", "mao ''"] {
            let e = parse(q).unwrap_err();
            assert!(
                e.message.starts_with("this term has no word to match")
                    || e.message.contains("needs a word after it"),
                "{q:?}: {e}"
            );
        }
        let e = parse("mao !!").unwrap_err();
        assert_eq!(e.column, 4);
        assert_eq!(one("'1950-10").text, "1950-10");
        assert_eq!(one("a$").kind, AtomKind::Suffix);
    }

    #[test]
    fn a_double_bar_is_two_bars() {
        let one_bar = parse("a | | b").unwrap_err();
        let two = parse("a || b").unwrap_err();
        assert_eq!(two.message, one_bar.message);
        assert_eq!((one_bar.column, two.column), (4, 3));
        assert!(parse("a ||").is_err() && parse("|| a").is_err());
        assert_eq!(parse("a | b").unwrap().terms[0].alts.len(), 2);
    }

    #[test]
    fn or_groups() {
        let q = parse("roshchin | shtykov stalin").unwrap();
        assert_eq!(q.terms.len(), 2);
        assert_eq!(q.terms[0].alts.len(), 2);
        assert_eq!(q.terms[0].alts[1].text, "shtykov");
    }

    #[test]
    fn phrases_and_cjk() {
        assert_eq!(
            one("\"should we fear\"").kind,
            AtomKind::Phrase(vec!["should".into(), "we".into(), "fear".into()])
        );
        assert_eq!(
            one("毛泽东").kind,
            AtomKind::Phrase(vec!["毛泽".into(), "泽东".into()])
        );
        assert_eq!(one("毛泽").kind, AtomKind::Fuzzy);
        let p = one("from:\"kim il\"");
        assert_eq!(p.field, Some(FieldKind::From));
        assert!(matches!(p.kind, AtomKind::Phrase(_)));
    }

    #[test]
    fn field_prefixes() {
        let a = one("from:stalin");
        assert_eq!(
            (a.field, a.text.as_str()),
            (Some(FieldKind::From), "stalin")
        );
        assert_eq!(one("to:mao").field, Some(FieldKind::To));
        assert_eq!(one("via:roshchin").field, Some(FieldKind::Via));
        assert_eq!(one("by:mansourov").field, Some(FieldKind::NoteBy));
        assert_eq!(one("date:1950-10").field, Some(FieldKind::Date));
        let a = one("!from:stalin");
        assert!(a.negated && a.field == Some(FieldKind::From));
        let a = one("from:!stalin");
        assert!(a.negated && a.field == Some(FieldKind::From));
        assert_eq!(
            one("10:30").text,
            "10:30",
            "digits before a colon are not a prefix"
        );
    }

    #[test]
    fn terms_are_normalised() {
        assert_eq!(one("Máo").text, "Mao");
        let nfd: String = {
            use unicode_normalization::UnicodeNormalization;
            "김일성".nfd().collect()
        };
        assert_eq!(one(&nfd).text, "김일성");
        assert_eq!(one("Эньла\u{438}\u{306}").text, "Эньлай");
        assert_eq!(
            one("\"Ma\u{301}o Zedong\"").kind,
            AtomKind::Phrase(vec!["Mao".into(), "Zedong".into()])
        );
    }

    #[test]
    fn words_carry_their_name_keys_and_runs() {
        let q = parse("Kao Kang").unwrap();
        assert_eq!(q.terms[0].alts[0].names, ["kao", "kaokang"]);
        assert_eq!(q.terms[1].alts[0].names, ["kang", "kaokang"]);
        let a = one("Il-sung");
        assert_eq!(a.names, ["ilsung"]);
        assert_eq!(a.variants, ["ilsung"], "the word without its hyphen");
        // Runs keep to one field, and stop at anything but a plain word.
        let q = parse("from:pak-hon-yong kim").unwrap();
        assert_eq!(q.terms[0].alts[0].names, ["pakhonyong"]);
        assert_eq!(q.terms[1].alts[0].names, ["kim"]);
        let q = parse("mao 'x tse").unwrap();
        assert_eq!(q.terms[2].alts[0].names, ["tse"]);
        assert!(q.terms[1].alts[0].names.is_empty(), "not for exact atoms");
    }

    #[test]
    fn other_spellings_of_places_and_names() {
        assert!(one("Peking").variants.contains(&"beijing".to_string()));
        let q = parse("Lin Piao").unwrap();
        assert!(q.terms[1].alts[0].variants.contains(&"lin".to_string()));
        assert!(one("piao").variants.is_empty());
    }

    #[test]
    fn errors_are_located() {
        let e = parse("mao \"should we").unwrap_err();
        assert_eq!(e.column, 4);
        assert!(e.message.contains("unterminated quote"));
        let e = parse("fro:stalin").unwrap_err();
        assert!(
            e.message
                .contains("unknown field 'fro:': expected from:, to:, via:, by:, date:"),
            "{e}"
        );
        assert!(
            parse("| mao")
                .unwrap_err()
                .message
                .contains("'|' needs a term")
        );
        assert!(
            parse("mao |")
                .unwrap_err()
                .message
                .contains("'|' needs a term")
        );
        assert!(parse("mao | | x").is_err());
        assert!(parse("from:").unwrap_err().message.contains("needs a word"));
        assert!(parse("!").unwrap_err().message.contains("needs a word"));
        assert!(parse("\"\"").unwrap_err().message.contains("empty phrase"));
        assert!(parse("'").is_err());
    }
}

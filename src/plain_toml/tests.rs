//! `plain_toml`'s reading of each kind of value and what it declines;
//! and `plain_toml` held to the `toml` crate: what it reads, it reads as
//! `toml` does (values and spans), and it declines whatever `toml` would
//! call an error.

use std::fmt::Debug;
use std::path::Path;

use proptest::prelude::*;
use serde::de::DeserializeOwned;

use crate::corpus::raw;

/// `text` read both ways as a `T`: `None` if `plain_toml` declined it;
/// otherwise `toml` must have read it, to the same value and spans.
fn both<T: DeserializeOwned + Debug>(text: &str) -> Option<String> {
    let plain: T = super::from_str(text)?;
    let full: T = match toml::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("read as plain TOML, an error to toml ({e}):\n{text}"),
    };
    let (plain, full) = (format!("{plain:#?}"), format!("{full:#?}"));
    assert_eq!(plain, full, "read otherwise than toml reads it:\n{text}");
    Some(plain)
}

/// How a file is read both ways (`both`, as what the file holds).
type Read = fn(&str) -> Option<String>;

/// Each file of the bundled corpus, with what it is read as.
fn bundled() -> Vec<(String, Read)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<(String, Read)> = vec![
        ("people.toml".into(), both::<raw::PeopleFile>),
        ("sources.toml".into(), both::<raw::SourcesFile>),
        ("events.toml".into(), both::<raw::EventsFile>),
        ("footnotes.toml".into(), both::<raw::FootnotesFile>),
        ("debate.toml".into(), both::<raw::DebateFile>),
    ];
    let mut telegrams: Vec<String> = std::fs::read_dir(dir.join("telegrams"))
        .expect("bundled telegrams")
        .map(|e| {
            format!(
                "telegrams/{}",
                e.expect("entry").file_name().to_string_lossy()
            )
        })
        .collect();
    telegrams.sort();
    files.extend(
        telegrams
            .into_iter()
            .map(|t| (t, both::<raw::Telegram> as Read)),
    );
    files
        .into_iter()
        .map(|(rel, f)| {
            let text = std::fs::read_to_string(dir.join(&rel)).expect("bundled file");
            (text, f)
        })
        .collect()
}

/// Every file of the bundled corpus is plain TOML, read as `toml` reads
/// it; and so is every telegram of a generated corpus.
#[test]
fn corpus_files_read_as_toml_reads_them() {
    let files = bundled();
    assert!(files.len() > 40);
    for (text, read) in &files {
        assert!(read(text).is_some(), "declined:\n{text}");
    }
    let corpus = crate::corpus::synth::generate(300, 7);
    for t in &corpus.telegrams {
        let text = crate::corpus::synth::to_toml(t);
        assert!(both::<raw::Telegram>(&text).is_some(), "declined:\n{text}");
    }
    // As a generic table too (every key, known or not).
    for (text, _) in &files {
        assert!(both::<toml::Table>(text).is_some());
    }
}

/// The text TOML gives meaning to, and a few characters it does not allow.
const PIECES: &[&str] = &[
    "\"",
    "'",
    "\\",
    "[",
    "]",
    "[[",
    "]]",
    "=",
    ",",
    ".",
    "#",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "{",
    "}",
    "0",
    "7",
    "-",
    "+",
    "_",
    "x",
    "u",
    "n",
    "é",
    "毛",
    "\u{0}",
    "\u{7f}",
    "\"\"\"",
    "'''",
    "\\u00e9",
    "\\n",
    "true",
    "1.5",
    "a = 1\n",
    "[t]\n",
    "[[note]]\n",
    "\\\n",
];

fn splice(text: &str, at: usize, cut: usize, insert: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    let end = (at + cut % 4).min(chars.len());
    let mut s: String = chars[..at].iter().collect();
    s.push_str(insert);
    s.extend(&chars[end..]);
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A corpus file with pieces cut and TOML put in at random is either
    /// declined or read as `toml` reads it, both as what the file is and
    /// as a generic table.
    #[test]
    fn mutated_files_are_declined_or_read_as_toml_reads_them(
        file in 0usize..64,
        edits in proptest::collection::vec((any::<usize>(), any::<usize>(), 0..PIECES.len()), 1..4),
    ) {
        let files = bundled();
        let (text, read) = &files[file % files.len()];
        let mut text = text.clone();
        for (at, cut, piece) in edits {
            text = splice(&text, at, cut, PIECES[piece]);
        }
        read(&text);
        both::<toml::Table>(&text);
    }
}

/// The mutations above reach both sides: some mutated files are read,
/// some are declined.
#[test]
fn mutations_are_both_read_and_declined() {
    let files = bundled();
    let (mut read, mut declined) = (0, 0);
    let mut rng = crate::corpus::synth::Rng::new(11);
    for _ in 0..400 {
        let (text, f) = &files[rng.below(files.len())];
        let piece = PIECES[rng.below(PIECES.len())];
        let text = splice(text, rng.below(1 << 20), rng.below(4), piece);
        match f(&text) {
            Some(_) => read += 1,
            None => declined += 1,
        }
    }
    assert!(
        read > 40 && declined > 40,
        "{read} read, {declined} declined"
    );
}

/// Every kind of value, written every way read here, has `toml`'s span.
#[test]
fn spans_are_toml_s() {
    use toml::Spanned;
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        basic: Spanned<String>,
        escaped: Spanned<String>,
        literal: Spanned<String>,
        multi: Spanned<String>,
        multi_literal: Spanned<String>,
        int: Spanned<i64>,
        negative: Spanned<i32>,
        yes: Spanned<bool>,
        list: Spanned<Vec<Spanned<u32>>>,
        empty: Spanned<Vec<String>>,
        table: Spanned<Sub>,
        tables: Spanned<Vec<Spanned<Sub>>>,
        maybe: Option<Spanned<String>>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Sub {
        x: Spanned<String>,
        #[serde(default)]
        inner: Vec<Spanned<Sub>>,
    }
    let text = "# a comment\r\nbasic = \"Мао 毛泽东\"   # after\r\n\
        escaped = \"q\\\"\\\\\\t\\u00E9\\U0001F600\"\n\
        literal = 'C:\\x'\nmulti = \"\"\"\nline\n\\\"two\\\"\"\"\"\n\
        multi_literal = '''\n'one'\n'''\nint = +0\nnegative = -17\nyes = false\n\
        list = [\n  1, # one\n  2,\n\n]\nempty = []\nmaybe = \"\"\n\n\
        [table]\nx = \"t\"\n\n[[tables]]\nx = \"1\"\n[[tables.inner]]\nx = \"1.1\"\n\
        [[tables]]\nx = \"2\"\n";
    assert!(both::<Doc>(text).is_some(), "declined");
}

/// `text` read here as a generic table, or `None` if declined.
fn parse(text: &str) -> Option<toml::Table> {
    super::from_str(text)
}

fn strings(text: &str) -> Option<Vec<String>> {
    let root = parse(text)?;
    Some(
        root.iter()
            .map(|(k, v)| match v {
                toml::Value::String(s) => format!("{k}={s}"),
                toml::Value::Integer(i) => format!("{k}={i}"),
                toml::Value::Boolean(b) => format!("{k}={b}"),
                toml::Value::Array(a) if a.iter().all(toml::Value::is_table) && !a.is_empty() => {
                    format!("{k}=[[{}]]", a.len())
                }
                toml::Value::Array(a) => format!("{k}=[{}]", a.len()),
                toml::Value::Table(t) => format!("{k}={{{}}}", t.len()),
                other => format!("{k}=?{other}"),
            })
            .collect(),
    )
}

#[test]
fn plain_values_are_read() {
    let got = strings(
        "a = \"x\\\"y\\u00e9\" # c\r\nb = 'l'\nc = -12\nd = true\ne = [1, \"2\",\n  # c\n 3,]\n\
         f = \"\"\"\nm\nl\"\"\"\ng = '''\nq'''\n[t]\n[[u]]\n[[u]]\n",
    )
    .expect("plain");
    assert_eq!(
        got,
        [
            "a=x\"yé", "b=l", "c=-12", "d=true", "e=[3]", "f=m\nl", "g=q", "t={0}", "u=[[2]]"
        ]
    );
}

#[test]
fn what_might_be_an_error_or_is_not_plain_is_declined() {
    for text in [
        "a = 1\na = 2",
        "[t]\n[t]",
        "a = 1\n[[a]]",
        "[a.b]",
        "a.b = 1",
        "\"a\" = 1",
        "a = 01",
        "a = 1.5",
        "a = 1_000",
        "a = 1950-10-02",
        "a = 99999999999999999999",
        "a = { b = 1 }",
        "a = [[1]]",
        "a = \"\\e\"",
        "a = \"\\uD800\"",
        "a = \"tab\tok\u{1}\"",
        "a = \"x\" b",
        "a = truex",
        "a = 'x\ny'",
        "a = \"\"\"x\\\n y\"\"\"",
        "a = \"\"\"x\"\"\"\"",
        "a = 1\rb = 2",
        "# \u{7f}",
        "[ [t]]",
        "a =",
        "= 1",
        "a = \"unended",
    ] {
        assert!(parse(text).is_none(), "{text:?}");
    }
}

/// Spaces, or a comment, after a header are read, as `toml` reads them.
#[test]
fn spaces_and_comments_after_a_header_are_read() {
    for (text, want) in [
        ("[a] # c\nx = 1\n", "a={1}"),
        ("[ a ]  \nx = 1\n", "a={1}"),
        ("[[ a ]]\t# c\nx = 1\n", "a=[[1]]"),
    ] {
        assert_eq!(strings(text), Some(vec![want.to_string()]), "{text:?}");
        assert!(both::<toml::Table>(text).is_some(), "{text:?}");
    }
}

/// TOML that cannot be read in one pass, a table at a time (an array of
/// tables written in two runs, a table under one already closed), is
/// declined, and `toml` reads it.
#[test]
fn what_is_not_written_in_order_is_left_to_toml() {
    for text in [
        "[[a]]\nx = 1\n[[b]]\n[[a]]\nx = 2\n",
        "[a]\n[b]\n[a.c]\n",
        "[[a]]\n[[b]]\n[[a.c]]\n",
        "[a.b]\nx = 1\n",
    ] {
        assert!(parse(text).is_none(), "{text:?}");
        assert!(toml::from_str::<toml::Table>(text).is_ok(), "{text:?}");
    }
    // In order, the same tables are read.
    let read = parse("[[a]]\nx = 1\n[[a]]\nx = 2\n[[a.c]]\n[b]\n").expect("in order");
    assert_eq!(read["a"].as_array().map(Vec::len), Some(2));
    assert!(read["a"][1]["c"].is_array() && read["b"].is_table());
}

/// A table of more keys than a corpus file's is left to `toml` (whose
/// tables are maps) at once, not read here in time that grows with the
/// square of its keys; so is a file of as many table headers.
#[test]
fn many_keys_are_left_to_toml() {
    let keys: String = (0..100_000).map(|i| format!("k{i} = {i}\n")).collect();
    assert!(parse(&keys).is_none());
    assert!(toml::from_str::<toml::Table>(&keys).is_ok());
    let headers: String = (0..100_000).map(|i| format!("[t{i}]\n")).collect();
    assert!(parse(&headers).is_none());
    let few: String = (0..200).map(|i| format!("k{i} = {i}\n")).collect();
    assert_eq!(parse(&few).map(|t| t.len()), Some(200));
}

//! Plain TOML, read quickly: the part of TOML the corpus's files are
//! written in, parsed in one pass into a small tree and deserialized from
//! it (`de.rs`), with the same values and the same spans as the `toml`
//! crate gives.
//!
//! The `toml` crate was seven tenths of the instructions a start without
//! a cache spent reading and checking the files (callgrind, `shifr
//! --no-cache list` of 10,000 generated telegrams): it lexes each file into a token list, builds a
//! document of maps from it and deserializes the structs from that. What
//! is read here is only what can be read with no doubt: tables and arrays
//! of tables under `[…]` and `[[…]]` headers of bare keys, `key = value`
//! lines with bare keys, strings (basic, literal and their multi-line
//! forms, with the common escapes), decimal integers, booleans, arrays of
//! those, comments and blank lines. Anything else, and anything that could
//! be an error (a key set twice, a table defined twice, a control
//! character), is declined (`None`), and the caller asks the `toml` crate,
//! which reads the rest of TOML and words every error. A declined file
//! costs this pass more (most stop early); a file read here never meets
//! `toml` at all.
//!
//! `tests.rs` holds this to `toml`: every file of the bundled
//! corpus and of a generated one reads the same both ways, and files
//! mutated at random are either declined or read the same both ways.

mod de;

use std::borrow::Cow;
use std::ops::Range;

pub use de::from_str;

/// A value and where it is written (strings with their quotes, arrays
/// with their brackets, tables by their header), as `toml::Spanned` has it.
#[derive(Debug)]
pub(crate) struct Node<'a> {
    pub span: Range<usize>,
    pub value: Value<'a>,
}

#[derive(Debug)]
pub(crate) enum Value<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Bool(bool),
    /// An array written `[…]`.
    Array(Vec<Node<'a>>),
    /// An array of tables, one for each `[[…]]` header.
    Tables(Vec<Node<'a>>),
    Table(Table<'a>),
}

/// A table's keys and values, in the order written.
pub(crate) type Table<'a> = Vec<(&'a str, Node<'a>)>;

/// The most keys a table read here holds: each key is looked for among
/// the table's others (a corpus file's tables hold a dozen or two), so a
/// file of a million keys is left to `toml`, whose tables are maps,
/// rather than read here in time that grows with their square.
const MAX_KEYS: usize = 256;

/// The root table of `text`, or `None` where it is not plain TOML.
pub(crate) fn parse(text: &str) -> Option<Table<'_>> {
    let mut p = Parser {
        s: text,
        b: text.as_bytes(),
        i: 0,
    };
    let mut root: Table = Vec::new();
    // The header of the table that key/value lines go into.
    let mut path: Vec<&str> = Vec::new();
    loop {
        p.skip_ws();
        let Some(&c) = p.b.get(p.i) else {
            return Some(root);
        };
        match c {
            b'\n' | b'\r' | b'#' => p.line_end()?,
            b'[' => {
                let start = p.i;
                let many = p.b.get(p.i + 1) == Some(&b'[');
                p.i += 1 + usize::from(many);
                path.clear();
                loop {
                    p.skip_ws();
                    path.push(p.bare_key()?);
                    p.skip_ws();
                    match p.b.get(p.i) {
                        Some(b'.') => p.i += 1,
                        Some(b']') => break,
                        _ => return None,
                    }
                }
                let close: &[u8] = if many { b"]]" } else { b"]" };
                if !p.b[p.i..].starts_with(close) {
                    return None;
                }
                p.i += close.len();
                let span = start..p.i;
                p.line_end()?;
                let (last, parents) = path.split_last()?;
                let parent = table_at(&mut root, parents)?;
                let table = Node {
                    span: span.clone(),
                    value: Value::Table(Vec::new()),
                };
                if parent.len() >= MAX_KEYS {
                    return None;
                }
                match (find(parent, last), many) {
                    (None, false) => parent.push((last, table)),
                    (None, true) => parent.push((
                        last,
                        Node {
                            span,
                            value: Value::Tables(vec![table]),
                        },
                    )),
                    (
                        Some(Node {
                            value: Value::Tables(ts),
                            ..
                        }),
                        true,
                    ) => ts.push(table),
                    (Some(_), _) => return None,
                }
            }
            _ => {
                let key = p.bare_key()?;
                p.skip_ws();
                if p.b.get(p.i) != Some(&b'=') {
                    return None;
                }
                p.i += 1;
                p.skip_ws();
                let value = p.value()?;
                p.skip_ws();
                p.line_end()?;
                let table = table_at(&mut root, &path)?;
                if table.len() >= MAX_KEYS || find(table, key).is_some() {
                    return None;
                }
                table.push((key, value));
            }
        }
    }
}

/// The value of `key` in `table`.
fn find<'t, 'a>(table: &'t mut Table<'a>, key: &str) -> Option<&'t mut Node<'a>> {
    table.iter_mut().find(|(k, _)| *k == key).map(|(_, n)| n)
}

/// The table a header's keys name (the last of an array of tables), if
/// each is one already.
fn table_at<'t, 'a>(root: &'t mut Table<'a>, path: &[&str]) -> Option<&'t mut Table<'a>> {
    let mut t = root;
    for key in path {
        t = match &mut find(t, key)?.value {
            Value::Table(t) => t,
            Value::Tables(ts) => match &mut ts.last_mut()?.value {
                Value::Table(t) => t,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(t)
}

/// A character TOML does not allow written as it is in a string or a
/// comment (tab aside; a multi-line string's line feeds are let through
/// by its reader).
fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7F
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    fn skip_ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    /// A comment, if one starts here, and the end of its line (or of the
    /// file).
    fn line_end(&mut self) -> Option<()> {
        if self.b.get(self.i) == Some(&b'#') {
            self.i += 1;
            while let Some(&b) = self.b.get(self.i) {
                if b == b'\n' || b == b'\r' {
                    break;
                }
                if is_control(b) {
                    return None;
                }
                self.i += 1;
            }
        }
        match self.b.get(self.i) {
            None => Some(()),
            Some(b'\n') => {
                self.i += 1;
                Some(())
            }
            Some(b'\r') if self.b.get(self.i + 1) == Some(&b'\n') => {
                self.i += 2;
                Some(())
            }
            _ => None,
        }
    }

    /// A bare key: ASCII letters, digits, `_` and `-`.
    fn bare_key(&mut self) -> Option<&'a str> {
        let start = self.i;
        while matches!(self.b.get(self.i), Some(b) if b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
        {
            self.i += 1;
        }
        (self.i > start).then(|| &self.s[start..self.i])
    }

    /// Whether what follows a value ends it: a space, the end of the line
    /// or of the file, a comment, or the next item or end of an array.
    fn at_value_end(&self) -> bool {
        matches!(
            self.b.get(self.i),
            None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'#' | b',' | b']')
        )
    }

    fn value(&mut self) -> Option<Node<'a>> {
        let start = self.i;
        let value = match *self.b.get(self.i)? {
            b'"' if self.b[self.i..].starts_with(b"\"\"\"") => Value::Str(self.multi_line_basic()?),
            b'"' => Value::Str(self.basic()?),
            b'\'' if self.b[self.i..].starts_with(b"'''") => Value::Str(self.multi_line_literal()?),
            b'\'' => Value::Str(self.literal()?),
            b'[' => Value::Array(self.array()?),
            b't' | b'f' => {
                let word = if self.b[self.i] == b't' {
                    "true"
                } else {
                    "false"
                };
                if !self.s[self.i..].starts_with(word) {
                    return None;
                }
                self.i += word.len();
                Value::Bool(word == "true")
            }
            b'+' | b'-' | b'0'..=b'9' => {
                self.i += usize::from(matches!(self.b[self.i], b'+' | b'-'));
                let digits = self.i;
                while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
                    self.i += 1;
                }
                // No digits, leading zeros (an error), or not a decimal
                // integer after all (a float, a date, underscores).
                let n = self.i - digits;
                if n == 0 || (n > 1 && self.b[digits] == b'0') || !self.at_value_end() {
                    return None;
                }
                Value::Int(self.s[start..self.i].parse().ok()?)
            }
            _ => return None,
        };
        self.at_value_end().then_some(Node {
            span: start..self.i,
            value,
        })
    }

    /// An array of plain values (not of arrays or inline tables), over
    /// as many lines as it likes, with comments and a trailing comma.
    fn array(&mut self) -> Option<Vec<Node<'a>>> {
        self.i += 1;
        let mut items = Vec::new();
        loop {
            self.skip_blank()?;
            if self.b.get(self.i) == Some(&b']') {
                self.i += 1;
                return Some(items);
            }
            if self.b.get(self.i) == Some(&b'[') {
                return None;
            }
            items.push(self.value()?);
            self.skip_blank()?;
            match self.b.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Some(items);
                }
                _ => return None,
            }
        }
    }

    /// Spaces, line ends and comments, inside an array.
    fn skip_blank(&mut self) -> Option<()> {
        loop {
            self.skip_ws();
            match self.b.get(self.i) {
                Some(b'\n' | b'\r' | b'#') => self.line_end()?,
                _ => return Some(()),
            }
        }
    }

    /// A basic string, `"…"`, with its escapes.
    fn basic(&mut self) -> Option<Cow<'a, str>> {
        self.i += 1;
        self.escaped_until(b"\"", false)
    }

    /// A multi-line basic string, `"""…"""`, its first line end dropped.
    /// Declined: a line-ending backslash, a carriage return, and quotes
    /// right before the closing ones.
    fn multi_line_basic(&mut self) -> Option<Cow<'a, str>> {
        self.i += 3;
        if self.b.get(self.i) == Some(&b'\n') {
            self.i += 1;
        }
        self.escaped_until(b"\"\"\"", true)
    }

    /// The rest of a basic string, up to the `close` it ends with: found
    /// by `memchr` (a string is most of a corpus file's bytes), checked for
    /// control characters (line feeds allowed in a multi-line one) a
    /// stretch at a time.
    fn escaped_until(&mut self, close: &[u8], lines: bool) -> Option<Cow<'a, str>> {
        let mut out: Option<String> = None;
        let mut from = self.i;
        loop {
            let at = self.i + memchr::memchr2(b'"', b'\\', &self.b[self.i..])?;
            if has_control(&self.b[self.i..at], lines) {
                return None;
            }
            self.i = at;
            if self.b[at] == b'\\' {
                let o = out.get_or_insert_with(String::new);
                o.push_str(&self.s[from..at]);
                o.push(self.escape()?);
                from = self.i;
                continue;
            }
            if !self.b[at..].starts_with(close) {
                self.i += 1;
                continue;
            }
            if lines && self.b.get(at + 3) == Some(&b'"') {
                return None;
            }
            let s = &self.s[from..at];
            self.i += close.len();
            return Some(match out {
                None => Cow::Borrowed(s),
                Some(mut o) => {
                    o.push_str(s);
                    Cow::Owned(o)
                }
            });
        }
    }

    /// An escape at a backslash: the common ones (`\"`, `\\`, `\n`, `\t`,
    /// `\r`, `\b`, `\f`, `\uXXXX`, `\UXXXXXXXX`); others are declined.
    fn escape(&mut self) -> Option<char> {
        let c = *self.b.get(self.i + 1)?;
        self.i += 2;
        let digits = match c {
            b'"' => return Some('"'),
            b'\\' => return Some('\\'),
            b'n' => return Some('\n'),
            b't' => return Some('\t'),
            b'r' => return Some('\r'),
            b'b' => return Some('\u{8}'),
            b'f' => return Some('\u{c}'),
            b'u' => 4,
            b'U' => 8,
            _ => return None,
        };
        let hex = self.s.get(self.i..self.i + digits)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.i += digits;
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)
    }

    /// A literal string, `'…'`.
    fn literal(&mut self) -> Option<Cow<'a, str>> {
        self.i += 1;
        self.literal_until(b"'", false)
    }

    /// A multi-line literal string, `'''…'''`, its first line end
    /// dropped. Declined: a carriage return, and quotes right before the
    /// closing ones.
    fn multi_line_literal(&mut self) -> Option<Cow<'a, str>> {
        self.i += 3;
        if self.b.get(self.i) == Some(&b'\n') {
            self.i += 1;
        }
        self.literal_until(b"'''", true)
    }

    /// The rest of a literal string, up to the `close` it ends with.
    fn literal_until(&mut self, close: &[u8], lines: bool) -> Option<Cow<'a, str>> {
        let start = self.i;
        loop {
            let at = self.i + memchr::memchr(b'\'', &self.b[self.i..])?;
            if !self.b[at..].starts_with(close) {
                self.i = at + 1;
                continue;
            }
            if has_control(&self.b[start..at], lines)
                || (lines && self.b.get(at + 3) == Some(&b'\''))
            {
                return None;
            }
            self.i = at + close.len();
            return Some(Cow::Borrowed(&self.s[start..at]));
        }
    }
}

/// Whether `bytes` hold a control character TOML does not allow written
/// as it is (line feeds allowed where `lines`). Without an early exit, so
/// that it compiles to vector instructions.
fn has_control(bytes: &[u8], lines: bool) -> bool {
    bytes.iter().fold(false, |any, &b| {
        any | (is_control(b) && !(lines && b == b'\n'))
    })
}

#[cfg(test)]
mod tests;

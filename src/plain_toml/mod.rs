//! Plain TOML, read quickly: the part of TOML the corpus's files are
//! written in, deserialized as it is parsed, in one pass (`de.rs`), with
//! the same values and the same spans as the `toml` crate gives. Tables
//! are read line by line as the struct they make asks for its keys, with
//! no tree of the file built and walked; each value on a line is parsed
//! whole (`Node`), and deserialized from that.
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
//! character), or that cannot be read in order (an array of tables
//! written in two runs, a header of a table not just opened), is declined
//! (`None`), and the caller asks the `toml` crate,
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

/// An inline value and where it is written (strings with their quotes,
/// arrays with their brackets), as `toml::Spanned` has it.
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
}

/// The most keys a table read here holds: each key is looked for among
/// the table's others (a corpus file's tables hold a dozen or two), so a
/// file of a million keys is left to `toml`, whose tables are maps,
/// rather than read here in time that grows with their square.
const MAX_KEYS: usize = 256;

/// A table header, `[a.b]` or `[[a.b]]`: its keys (into `path`), whether
/// it is of an array of tables, and where it is written.
pub(crate) struct Header {
    pub many: bool,
    pub span: Range<usize>,
}

/// A character TOML does not allow written as it is in a string or a
/// comment (tab aside; a multi-line string's line feeds are let through
/// by its reader).
fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7F
}

pub(crate) struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

/// What starts the next line that is not blank or a comment.
pub(crate) enum Line {
    /// The end of the text.
    End,
    /// A table header, at `[`.
    Header,
    /// A `key = value` line.
    KeyValue,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Parser {
            s: text,
            b: text.as_bytes(),
            i: 0,
        }
    }

    /// Past blank lines and comments, to what the next line holds
    /// (`None` where a comment holds a character TOML does not allow).
    pub(crate) fn next_line(&mut self) -> Option<Line> {
        loop {
            self.skip_ws();
            match self.b.get(self.i) {
                None => return Some(Line::End),
                Some(b'\n' | b'\r' | b'#') => self.line_end()?,
                Some(b'[') => return Some(Line::Header),
                Some(_) => return Some(Line::KeyValue),
            }
        }
    }

    /// A header of bare keys, its keys put in `path`, and the end of its
    /// line.
    pub(crate) fn header(&mut self, path: &mut Vec<&'a str>) -> Option<Header> {
        let start = self.i;
        let many = self.b.get(self.i + 1) == Some(&b'[');
        self.i += 1 + usize::from(many);
        path.clear();
        loop {
            self.skip_ws();
            path.push(self.bare_key()?);
            self.skip_ws();
            match self.b.get(self.i) {
                Some(b'.') => self.i += 1,
                Some(b']') => break,
                _ => return None,
            }
        }
        let close: &[u8] = if many { b"]]" } else { b"]" };
        if !self.b[self.i..].starts_with(close) {
            return None;
        }
        self.i += close.len();
        let span = start..self.i;
        self.skip_ws();
        self.line_end()?;
        Some(Header { many, span })
    }

    /// A `key = value` line, to the end of its line.
    pub(crate) fn key_value(&mut self) -> Option<(&'a str, Node<'a>)> {
        let key = self.bare_key()?;
        self.skip_ws();
        if self.b.get(self.i) != Some(&b'=') {
            return None;
        }
        self.i += 1;
        self.skip_ws();
        let value = self.value()?;
        self.skip_ws();
        self.line_end()?;
        Some((key, value))
    }

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

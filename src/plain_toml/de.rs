//! The structs of a plain TOML file, deserialized as the file is read, as
//! the `toml` crate deserializes them: strings, integers (as `i64`),
//! booleans, arrays and tables, an option present as `Some`, and
//! `toml::Spanned` values with their spans (through `serde_spanned`'s
//! support for formats). Whatever a struct does not accept is declined
//! like the text is, for `toml` to read and word.
//!
//! A table's keys are read a line at a time as its struct asks for them.
//! A header ends the tables it is not under and opens the one it names
//! (`[a.b]` under the open `a`), or the next of an array of tables
//! (`[[a]]` again); one that names a table not open, or a key its table
//! has already, is declined (valid TOML, such as an array of tables
//! written in two runs, but not read in order).

use std::ops::Range;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde_spanned::de::{SpannedDeserializer, is_spanned};

use super::{Header, Line, MAX_KEYS, Node, Parser, Value};

/// `text` as a `T`, or `None` where the text is not plain TOML or is not
/// a `T` (for the `toml` crate to read it, or say why not).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let mut st = Stream {
        p: Parser::new(text),
        header: None,
        path: Vec::new(),
        open: Vec::new(),
        seen: Vec::new(),
    };
    let v = T::deserialize(TableDe {
        st: &mut st,
        depth: 0,
        span: None,
        many: false,
    })
    .ok()?;
    // The whole text read (a struct's visitor asks for every key).
    (st.header.is_none() && matches!(st.p.next_line(), Some(Line::End))).then_some(v)
}

/// Not read here: left to the `toml` crate.
#[derive(Debug)]
pub struct Declined;

impl std::fmt::Display for Declined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not plain TOML")
    }
}

impl std::error::Error for Declined {}

impl de::Error for Declined {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Declined
    }
}

/// What the two deserializers (`TableDe`, `NodeDe`) do alike: an option
/// present is `Some`, a newtype is its value, a `Spanned` is the value
/// with the span `self.span()` gives (declined where it gives none: the
/// root), an enum is declined, and the rest is `deserialize_any`.
macro_rules! shared_methods {
    () => {
        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
            visitor.visit_some(self)
        }

        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            visitor: V,
        ) -> Result<V::Value, Declined> {
            visitor.visit_newtype_struct(self)
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            name: &'static str,
            _fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Declined> {
            if is_spanned(name) {
                let span = self.span().ok_or(Declined)?;
                return visitor.visit_map(SpannedDeserializer::new(self, span));
            }
            self.deserialize_any(visitor)
        }

        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _variants: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Declined> {
            Err(Declined)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
            ignored_any
        }
    };
}

/// The text being read, and where in its tables.
struct Stream<'de> {
    p: Parser<'de>,
    /// A header read and not yet taken by the table it opens (its keys in
    /// `path`).
    header: Option<Header>,
    path: Vec<&'de str>,
    /// The keys of the tables open, root first: a table at depth `d` is
    /// `open[..d]`.
    open: Vec<&'de str>,
    /// The keys each open table has, outer tables' first.
    seen: Vec<&'de str>,
}

impl<'de> Stream<'de> {
    /// Whether the header read is of an array of tables at depth `depth`,
    /// the one open there: its next table.
    fn continues(&self, depth: usize) -> bool {
        self.header.as_ref().is_some_and(|h| h.many)
            && self.path.len() == depth
            && self.path[..] == self.open[..depth]
    }
}

/// A table at `depth` (the root at 0), or an array of tables there when
/// `many`: the header that opened it is taken, and its span is `span`.
struct TableDe<'s, 'de> {
    st: &'s mut Stream<'de>,
    depth: usize,
    span: Option<Range<usize>>,
    many: bool,
}

impl TableDe<'_, '_> {
    /// Its header's span (the root has none of its own).
    fn span(&self) -> Option<Range<usize>> {
        self.span.clone()
    }
}

impl<'de> IntoDeserializer<'de, Declined> for TableDe<'_, 'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> de::Deserializer<'de> for TableDe<'_, 'de> {
    type Error = Declined;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        if self.many {
            return visitor.visit_seq(TablesDe {
                st: self.st,
                depth: self.depth,
                first: self.span,
            });
        }
        let seen_from = self.st.seen.len();
        visitor.visit_map(MapDe {
            st: self.st,
            depth: self.depth,
            seen_from,
            value: None,
        })
    }

    shared_methods!();
}

/// The tables of an array of tables at `depth`: the first opened by the
/// header already taken (at `first`), each next by a `[[…]]` of the same
/// keys.
struct TablesDe<'s, 'de> {
    st: &'s mut Stream<'de>,
    depth: usize,
    first: Option<Range<usize>>,
}

impl<'de> de::SeqAccess<'de> for TablesDe<'_, 'de> {
    type Error = Declined;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Declined> {
        let span = match self.first.take() {
            Some(span) => span,
            None if self.st.continues(self.depth) => self.st.header.take().ok_or(Declined)?.span,
            None => return Ok(None),
        };
        seed.deserialize(TableDe {
            st: self.st,
            depth: self.depth,
            span: Some(span),
            many: false,
        })
        .map(Some)
    }
}

/// What a key read holds: a value on its line, or a table (or array of
/// tables) its header opened.
enum Held<'de> {
    Inline(Node<'de>),
    Table(TableAt),
}

struct TableAt {
    span: Range<usize>,
    many: bool,
}

/// The keys of the table at `depth`, read as they are asked for; its keys
/// so far are `st.seen[seen_from..]`.
struct MapDe<'s, 'de> {
    st: &'s mut Stream<'de>,
    depth: usize,
    seen_from: usize,
    value: Option<Held<'de>>,
}

impl<'de> MapDe<'_, 'de> {
    /// `key`, new to this table (or declined).
    fn see(&mut self, key: &'de str) -> Result<(), Declined> {
        let mine = &self.st.seen[self.seen_from..];
        if mine.len() >= MAX_KEYS || mine.contains(&key) {
            return Err(Declined);
        }
        self.st.seen.push(key);
        Ok(())
    }

    /// This table's next key, or `None` at its end.
    fn next_key(&mut self) -> Result<Option<&'de str>, Declined> {
        let d = self.depth;
        loop {
            if self.st.header.is_some() {
                let st = &*self.st;
                if st.path.len() <= d || st.path[..d] != st.open[..d] {
                    // Not under this table: it ends.
                    return Ok(None);
                }
                if st.path.len() > d + 1 {
                    // Under a table of this one's not open.
                    return Err(Declined);
                }
                let key = st.path[d];
                self.see(key)?;
                let h = self.st.header.take().ok_or(Declined)?;
                self.st.open.truncate(d);
                self.st.open.push(key);
                self.value = Some(Held::Table(TableAt {
                    span: h.span,
                    many: h.many,
                }));
                return Ok(Some(key));
            }
            match self.st.p.next_line().ok_or(Declined)? {
                Line::End => return Ok(None),
                Line::Header => {
                    let st = &mut *self.st;
                    st.header = Some(st.p.header(&mut st.path).ok_or(Declined)?);
                }
                Line::KeyValue => {
                    let (key, node) = self.st.p.key_value().ok_or(Declined)?;
                    self.see(key)?;
                    self.value = Some(Held::Inline(node));
                    return Ok(Some(key));
                }
            }
        }
    }
}

impl<'de> de::MapAccess<'de> for MapDe<'_, 'de> {
    type Error = Declined;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Declined> {
        match self.next_key()? {
            Some(key) => seed
                .deserialize(de::value::BorrowedStrDeserializer::new(key))
                .map(Some),
            None => {
                self.st.seen.truncate(self.seen_from);
                Ok(None)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Declined> {
        match self.value.take().ok_or(Declined)? {
            Held::Inline(node) => seed.deserialize(NodeDe { node: &node }),
            Held::Table(t) => seed.deserialize(TableDe {
                st: self.st,
                depth: self.depth + 1,
                span: Some(t.span),
                many: t.many,
            }),
        }
    }
}

/// A value written on its key's line.
#[derive(Clone, Copy)]
struct NodeDe<'a, 'de> {
    node: &'a Node<'de>,
}

impl NodeDe<'_, '_> {
    fn span(&self) -> Option<Range<usize>> {
        Some(self.node.span.clone())
    }
}

impl<'de> IntoDeserializer<'de, Declined> for NodeDe<'_, 'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> de::Deserializer<'de> for NodeDe<'_, 'de> {
    type Error = Declined;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        match &self.node.value {
            Value::Str(std::borrow::Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Value::Str(s) => visitor.visit_str(s),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Array(items) => visitor.visit_seq(SeqDe(items.iter())),
        }
    }

    shared_methods!();
}

/// The items of an array written `[…]`.
struct SeqDe<'a, 'de>(std::slice::Iter<'a, Node<'de>>);

impl<'de> de::SeqAccess<'de> for SeqDe<'_, 'de> {
    type Error = Declined;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Declined> {
        self.0
            .next()
            .map(|node| seed.deserialize(NodeDe { node }))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

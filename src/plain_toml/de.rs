//! The structs of a plain TOML file, deserialized from its tree as the
//! `toml` crate deserializes them: strings, integers (as `i64`), booleans,
//! arrays and tables, an option present as `Some`, and `toml::Spanned`
//! values with their spans (through `serde_spanned`'s support for formats).
//! Whatever a struct does not accept is declined like the text is, for
//! `toml` to read and word.

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde_spanned::de::{SpannedDeserializer, is_spanned};

use super::{Node, Value, parse};

/// `text` as a `T`, or `None` where the text is not plain TOML or is not
/// a `T` (for the `toml` crate to read it, or say why not).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let root = Node {
        span: 0..0,
        value: Value::Table(parse(text)?),
    };
    T::deserialize(NodeDe {
        node: &root,
        root: true,
    })
    .ok()
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

/// A value of the tree; or its root table, which has no span of its own
/// (a `Spanned` root is declined).
#[derive(Clone, Copy)]
struct NodeDe<'a, 'de> {
    node: &'a Node<'de>,
    root: bool,
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
            Value::Array(items) | Value::Tables(items) => visitor.visit_seq(SeqDe(items.iter())),
            Value::Table(t) => visitor.visit_map(MapDe {
                entries: t.iter(),
                value: None,
            }),
        }
    }

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
            if self.root {
                return Err(Declined);
            }
            return visitor.visit_map(SpannedDeserializer::new(self, self.node.span.clone()));
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
}

struct SeqDe<'a, 'de>(std::slice::Iter<'a, Node<'de>>);

impl<'de> de::SeqAccess<'de> for SeqDe<'_, 'de> {
    type Error = Declined;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Declined> {
        self.0
            .next()
            .map(|node| seed.deserialize(NodeDe { node, root: false }))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct MapDe<'a, 'de> {
    entries: std::slice::Iter<'a, (&'de str, Node<'de>)>,
    value: Option<&'a Node<'de>>,
}

impl<'de> de::MapAccess<'de> for MapDe<'_, 'de> {
    type Error = Declined;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Declined> {
        let Some((key, node)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(node);
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Declined> {
        let node = self.value.take().ok_or(Declined)?;
        seed.deserialize(NodeDe { node, root: false })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

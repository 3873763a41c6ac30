//! The settings' values that are more than a word or a boolean, each with
//! the error that says what was expected.

use std::fmt;

use ratatui::style::Color;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The list pane's width: shifr's share for the screen, or a percentage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ListWidth {
    #[default]
    Auto,
    /// Percent of the screen's width, 10 to 70.
    Percent(u8),
}

impl ListWidth {
    pub const MIN: i64 = 10;
    pub const MAX: i64 = 70;

    /// The percentage, if one was set.
    pub fn percent(self) -> Option<u8> {
        match self {
            ListWidth::Auto => None,
            ListWidth::Percent(p) => Some(p),
        }
    }
}

const LIST_WIDTH_EXPECTED: &str = "\"auto\" or a percentage of the screen from 10 to 70";

impl Serialize for ListWidth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ListWidth::Auto => s.serialize_str("auto"),
            ListWidth::Percent(p) => s.serialize_u8(*p),
        }
    }
}

impl<'de> Deserialize<'de> for ListWidth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ListWidth;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(LIST_WIDTH_EXPECTED)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ListWidth, E> {
                if v == "auto" {
                    Ok(ListWidth::Auto)
                } else {
                    Err(E::custom(format!(
                        "list_width \"{v}\" is not a width: expected {LIST_WIDTH_EXPECTED}"
                    )))
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ListWidth, E> {
                if (ListWidth::MIN..=ListWidth::MAX).contains(&v) {
                    Ok(ListWidth::Percent(v as u8))
                } else {
                    Err(E::custom(format!(
                        "list_width {v} is out of range: expected {LIST_WIDTH_EXPECTED}"
                    )))
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ListWidth, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
        d.deserialize_any(V)
    }
}

/// A colour role's colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour(pub Color);

const COLOUR_EXPECTED: &str =
    "a colour name (red, light-blue, dark-gray, ...), an index from 0 to 255, or \"#rrggbb\"";

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Colour;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(COLOUR_EXPECTED)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Colour, E> {
                crate::theme::parse_color(v).map(Colour).ok_or_else(|| {
                    E::custom(format!(
                        "\"{v}\" is not a colour: expected {COLOUR_EXPECTED}"
                    ))
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Colour, E> {
                u8::try_from(v)
                    .map(|i| Colour(Color::Indexed(i)))
                    .map_err(|_| {
                        E::custom(format!("{v} is not a colour: expected {COLOUR_EXPECTED}"))
                    })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Colour, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
        d.deserialize_any(V)
    }
}

/// `preset = "dark"`: [`crate::theme::Preset`] by name.
pub mod preset {
    use super::*;
    use crate::theme::Preset;

    pub fn serialize<S: Serializer>(p: &Preset, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(p.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Preset, D::Error> {
        let name = String::deserialize(d)?;
        Preset::from_name(&name).ok_or_else(|| de::Error::unknown_variant(&name, &NAMES))
    }

    /// Every preset's name (tested against [`Preset::ALL`]).
    pub const NAMES: [&str; 4] = ["terminal", "dark", "light", "mono"];

    #[test]
    fn the_names_are_the_presets() {
        let names: Vec<&str> = Preset::ALL.iter().map(|p| p.name()).collect();
        assert_eq!(names, NAMES);
    }
}

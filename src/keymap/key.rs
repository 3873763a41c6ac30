//! The key syntax of keymap files and hints: `j`, `G`, `?`, `ctrl-d`,
//! `shift-tab`, `pagedown`, `f5`, parsed into a [`Key`] that compares equal
//! to the terminal's event for it, and displayed back the same way.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A key with its modifiers, normalised so that a binding and a terminal
/// event compare equal: `G` is `Char('G')` without SHIFT; `shift-tab` is
/// `BackTab`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("space", KeyCode::Char(' ')),
];

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut k = Key { code, mods };
        k.normalise();
        k
    }

    pub fn plain(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::NONE)
    }

    fn normalise(&mut self) {
        self.mods &= KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT;
        match self.code {
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::SHIFT) => {
                // The character already says whether shift was held.
                self.mods.remove(KeyModifiers::SHIFT);
                let mut upper = c.to_uppercase();
                if let (Some(u), None) = (upper.next(), upper.next()) {
                    self.code = KeyCode::Char(u);
                }
            }
            KeyCode::Tab if self.mods.contains(KeyModifiers::SHIFT) => {
                self.code = KeyCode::BackTab;
                self.mods.remove(KeyModifiers::SHIFT);
            }
            KeyCode::BackTab => self.mods.remove(KeyModifiers::SHIFT),
            _ => {}
        }
    }

    /// The key of a terminal event; `None` for releases.
    pub fn from_event(e: &KeyEvent) -> Option<Key> {
        (e.kind != KeyEventKind::Release).then(|| Key::new(e.code, e.modifiers))
    }

    /// The printable character this key types, if it is one (no ctrl/alt).
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c)
                if !self
                    .mods
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        }
    }
}

impl FromStr for Key {
    type Err = String;

    /// Parses `j`, `G`, `?`, `ctrl-d`, `alt-x`, `shift-tab`, `pagedown`, `f5`.
    fn from_str(s: &str) -> Result<Key, String> {
        let expected = "expected a single character (j, G, ?), a named key (enter, esc, tab, space, backspace, delete, home, end, pageup, pagedown, up, down, left, right, f1-f12), optionally after ctrl-, alt- or shift-";
        if s.is_empty() {
            return Err(format!("empty key: {expected}"));
        }
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, m) = if lower.starts_with("ctrl-") {
                ("ctrl-", KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") {
                ("alt-", KeyModifiers::ALT)
            } else if lower.starts_with("shift-") {
                ("shift-", KeyModifiers::SHIFT)
            } else {
                break;
            };
            if rest.len() == prefix.len() {
                break;
            }
            mods |= m;
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
                    *code
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    if (1..=12).contains(&n) {
                        KeyCode::F(n)
                    } else {
                        return Err(format!("unknown key '{s}': {expected}"));
                    }
                } else {
                    return Err(format!("unknown key '{s}': {expected}"));
                }
            }
        };
        if mods.contains(KeyModifiers::SHIFT)
            && let KeyCode::Char(c) = code
            && (c.is_lowercase() == c.is_uppercase() || c.to_uppercase().count() != 1)
        {
            // Shift is in the character a terminal sends (`shift-g` is `G`);
            // with a character that has no upper case it would be lost.
            return Err(format!(
                "'{s}': shift with '{c}', which has no upper case, is not a key of its own: write the character shift types instead (e.g. ! for shift-1 on a US keyboard)"
            ));
        }
        if let KeyCode::Char(c) = code {
            if mods.contains(KeyModifiers::CONTROL) {
                // Terminals send ctrl-D as ctrl-d.
                let lower = c.to_lowercase().next().unwrap_or(c);
                return Ok(Key::new(KeyCode::Char(lower), mods));
            }
            if mods.contains(KeyModifiers::SHIFT) {
                let u = c.to_uppercase().next().unwrap_or(c);
                return Ok(Key::new(KeyCode::Char(u), mods - KeyModifiers::SHIFT));
            }
        }
        Ok(Key::new(code, mods))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // With ctrl, a letter's case is no key of its own (`ctrl-X` is
        // `ctrl-x`), so shift is written out: `ctrl-shift-x`, as it is bound.
        let ctrl_shift = self.mods.contains(KeyModifiers::CONTROL)
            && matches!(self.code, KeyCode::Char(c) if c.is_uppercase());
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) || ctrl_shift {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) if ctrl_shift => write!(f, "{}", c.to_lowercase()),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => {
                let name = NAMED
                    .iter()
                    .find(|(_, c)| *c == code)
                    .map_or("?", |(n, _)| *n);
                f.write_str(name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Key {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_displays_keys() {
        assert_eq!(k("j"), Key::plain(KeyCode::Char('j')));
        assert_eq!(k("G"), Key::new(KeyCode::Char('g'), KeyModifiers::SHIFT));
        assert_eq!(k("shift-g"), k("G"));
        assert_eq!(
            k("ctrl-d"),
            Key::new(KeyCode::Char('d'), KeyModifiers::CONTROL)
        );
        assert_eq!(k("ctrl-D"), k("ctrl-d"));
        assert_eq!(
            k("shift-tab"),
            Key::new(KeyCode::BackTab, KeyModifiers::SHIFT)
        );
        assert_eq!(k("shift-tab"), Key::new(KeyCode::Tab, KeyModifiers::SHIFT));
        assert_eq!(k("PageDown"), Key::plain(KeyCode::PageDown));
        assert_eq!(k("space"), Key::plain(KeyCode::Char(' ')));
        assert_eq!(k("-"), Key::plain(KeyCode::Char('-')));
        assert_eq!(
            k("ctrl--"),
            Key::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
        assert_eq!(k("f5"), Key::plain(KeyCode::F(5)));
        assert_eq!(k("ж"), Key::plain(KeyCode::Char('ж')));
        for s in [
            "j",
            "G",
            "?",
            "ctrl-d",
            "shift-tab",
            "pagedown",
            "enter",
            "esc",
            "space",
            "f12",
            "alt-x",
        ] {
            assert_eq!(k(s).to_string(), s);
        }
        for bad in ["", "ctrl-", "pgdn", "f13", "jj", "hyper-x"] {
            assert!(bad.parse::<Key>().is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn shift_with_a_character_without_case_is_an_error_not_the_bare_key() {
        let e = "shift-1".parse::<Key>().unwrap_err();
        assert!(
            e.starts_with("'shift-1': shift with '1', which has no upper case, is not a key of its own: write the character shift types instead (e.g. ! for shift-1"),
            "{e}"
        );
        for bad in ["shift-;", "shift-space", "alt-shift-1", "ctrl-shift-1"] {
            assert!(bad.parse::<Key>().is_err(), "{bad:?} should not parse");
        }
        assert_eq!(k("shift-ж"), k("Ж"));
        assert_eq!(k("shift-G"), k("G"));
        assert_eq!(k("alt-shift-x"), k("alt-X"));
        assert_eq!(k("ctrl-shift-ж").to_string(), "ctrl-shift-ж");
    }

    #[test]
    fn ctrl_shift_letters_display_as_written() {
        assert_eq!(k("ctrl-shift-x").to_string(), "ctrl-shift-x");
        assert_eq!(k("ctrl-shift-x"), k(&k("ctrl-shift-x").to_string()));
        assert_ne!(k("ctrl-shift-x"), k("ctrl-x"));
        assert_eq!(k("ctrl-X").to_string(), "ctrl-x", "a terminal sends ctrl-x");
        // The terminal's event for ctrl-shift-x is the same key.
        assert_eq!(
            Key::new(
                KeyCode::Char('x'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            ),
            k("ctrl-shift-x")
        );
    }
}

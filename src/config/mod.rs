//! The settings file, `$XDG_CONFIG_HOME/shifr/config.toml` (or
//! `--config FILE`): layout, theme, mouse. Every key has a default; a key
//! the file does not know, or a value of the wrong kind, is a located
//! problem (file:line:column: what was expected), reported before the
//! terminal is touched, as keymap problems are.
//!
//! `DEFAULT_CONFIG` is the commented file `shifr config --default` prints;
//! it parses to exactly [`Settings::default`] (tested).

mod value;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use value::{Colour, ListWidth};

use crate::corpus::nearest::did_you_mean;
use crate::problem::Problem;
use crate::theme::{Palette, Preset, Theme};

/// The commented default settings file.
pub const DEFAULT_CONFIG: &str = include_str!("default.toml");

/// Everything the settings file sets.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub layout: Layout,
    pub theme: ThemeSettings,
    pub mouse: Mouse,
}

/// How the reader's panes are laid out at start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Layout {
    pub list_width: ListWidth,
    pub header: Header,
    pub annotations: Annotations,
    /// Telegrams already opened are marked in the list.
    pub read_marks: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            list_width: ListWidth::Auto,
            header: Header::Auto,
            annotations: Annotations::Auto,
            read_marks: true,
        }
    }
}

/// The message pane's header at start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Header {
    /// Compact where the pane is short, in full where it is tall.
    #[default]
    Auto,
    Full,
    Compact,
}

/// Where the annotations pane goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Annotations {
    /// Beside the message from 140 columns, below it on narrower screens.
    #[default]
    Auto,
    /// Beside the message wherever it keeps 40 columns.
    Right,
    /// Always below the message.
    Below,
    /// Not shown until `A`, then as `auto`.
    Hidden,
}

/// The colours: a preset, and any role set over it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeSettings {
    #[serde(with = "value::preset")]
    pub preset: Preset,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accent: Option<Colour>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub muted: Option<Colour>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Colour>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mark: Option<Colour>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Colour>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editor: Option<Colour>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<Colour>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scholar: Option<Colour>,
}

impl ThemeSettings {
    /// The palette these settings make: the preset's, each role set over
    /// it; `None` (no colour) for `mono` with no role set.
    pub fn palette(&self) -> Option<Palette> {
        let roles = [
            self.accent,
            self.muted,
            self.label,
            self.mark,
            self.summary,
            self.editor,
            self.alert,
            self.scholar,
        ];
        let mut p = match self.preset.palette() {
            Some(p) => p,
            // mono: only what the user coloured is coloured.
            None if roles.iter().all(Option::is_none) => return None,
            // The rest in the terminal's default colour, as mono draws it.
            None => mono_base(),
        };
        let slots = [
            &mut p.accent,
            &mut p.muted,
            &mut p.label,
            &mut p.mark,
            &mut p.summary,
            &mut p.editor,
            &mut p.alert,
            &mut p.scholar,
        ];
        for (slot, role) in slots.into_iter().zip(roles) {
            if let Some(c) = role {
                *slot = c.0;
            }
        }
        Some(p)
    }

    /// The theme, with `NO_COLOR` (`no_color`) over everything.
    pub fn theme(&self, no_color: bool) -> Theme {
        Theme::new(self.palette(), no_color)
    }
}

fn mono_base() -> Palette {
    use ratatui::style::Color::Reset;
    Palette {
        accent: Reset,
        muted: Reset,
        label: Reset,
        mark: Reset,
        summary: Reset,
        editor: Reset,
        alert: Reset,
        scholar: Reset,
    }
}

/// The mouse.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Mouse {
    /// The reader takes mouse events (wheel, clicks); off, the terminal
    /// selects text.
    pub capture: bool,
}

impl Default for Mouse {
    fn default() -> Self {
        Mouse { capture: true }
    }
}

impl Settings {
    /// Parses a settings file; the problem is located in `file`.
    pub fn parse(file: &str, text: &str) -> Result<Settings, Problem> {
        toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            Problem::at(file, text, at, explain(e.message().trim()))
        })
    }

    /// The settings from `explicit` (`--config`), else from the default
    /// place if a file is there, else the defaults; with the path read.
    /// A missing `--config` file is an error; a missing default one is not.
    pub fn load(explicit: Option<&Path>) -> Result<(Settings, Option<PathBuf>), Problem> {
        let (path, required) = match explicit {
            Some(p) => (Some(p.to_path_buf()), true),
            None => (user_config_path(), false),
        };
        let Some(path) = path else {
            return Ok((Settings::default(), None));
        };
        let shown = path.display().to_string();
        match crate::fsread::read_text(&path, &shown, "a UTF-8 encoded TOML settings file") {
            Ok(text) => Settings::parse(&shown, &text).map(|s| (s, Some(path))),
            Err(e) if !required && e.not_found => Ok((Settings::default(), None)),
            Err(e) => Err(e.problem),
        }
    }

    /// The settings as a TOML file (what `shifr config` prints).
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("settings serialize")
    }
}

/// The settings file's place when `--config` is not given.
pub fn user_config_path() -> Option<PathBuf> {
    crate::dirs::config_dir().map(|d| d.join("config.toml"))
}

/// The message of a TOML or serde error, in the keymap's words: what is
/// wrong, then what was expected, with a guess for a misspelt key.
fn explain(msg: &str) -> String {
    // serde: "unknown field `colour`, expected one of `a`, `b`" (or
    // "expected `a`"); the same shape for an enum's "unknown variant".
    for (what, kind) in [("unknown field `", "key"), ("unknown variant `", "value")] {
        if let Some(rest) = msg.strip_prefix(what)
            && let Some((name, expected)) = rest.split_once("`, expected ")
        {
            let names: Vec<&str> = expected
                .trim_start_matches("one of ")
                .split(", ")
                .map(|n| n.trim_matches('`'))
                .collect();
            let hint = did_you_mean(name, names.iter().copied());
            let list = names.join(", ");
            let value = |n: &str| format!("\"{n}\"");
            return if kind == "key" {
                format!("unknown key '{name}'{hint}: expected one of {list}")
            } else {
                let list: Vec<String> = names.iter().map(|n| value(n)).collect();
                format!(
                    "unknown value {}{hint}: expected one of {}",
                    value(name),
                    list.join(", ")
                )
            };
        }
    }
    if msg.starts_with("duplicate key") {
        "this key or table is set twice: expected each once".to_string()
    } else if let Some((head, _)) = msg.split_once("expected struct ") {
        // `layout = 3`: the serde name of the table is no help.
        format!("{head}expected a table, e.g. [layout]")
    } else if msg.contains("expected") {
        msg.to_string()
    } else {
        format!("{msg}: expected a TOML settings file")
    }
}

#[cfg(test)]
mod tests;

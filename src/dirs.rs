//! Where shifr keeps its files, by the XDG base-directory spec: a variable
//! that is unset, empty or relative is ignored (the spec says a relative path
//! is invalid), and the home-directory default is used instead.

use std::ffi::OsString;
use std::path::PathBuf;

/// The base directory named by `var` if it is set to an absolute path, else
/// `$HOME/<fallback>`; `None` when neither is usable.
fn base(var: Option<OsString>, home: Option<OsString>, fallback: &str) -> Option<PathBuf> {
    var.map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            home.map(PathBuf::from)
                .filter(|h| h.is_absolute())
                .map(|h| h.join(fallback))
        })
        .map(|b| b.join("shifr"))
}

fn env_base(var: &str, fallback: &str) -> Option<PathBuf> {
    base(std::env::var_os(var), std::env::var_os("HOME"), fallback)
}

/// `$XDG_CONFIG_HOME/shifr` (else `~/.config/shifr`): keymap and settings.
pub fn config_dir() -> Option<PathBuf> {
    env_base("XDG_CONFIG_HOME", ".config")
}

/// `$XDG_DATA_HOME/shifr` (else `~/.local/share/shifr`): the notes.
pub fn data_dir() -> Option<PathBuf> {
    env_base("XDG_DATA_HOME", ".local/share")
}

/// `$XDG_STATE_HOME/shifr` (else `~/.local/state/shifr`): reading state,
/// bookmarks, the debug log.
pub fn state_dir() -> Option<PathBuf> {
    env_base("XDG_STATE_HOME", ".local/state")
}

/// `$XDG_CACHE_HOME/shifr` (else `~/.cache/shifr`): what can be rebuilt.
pub fn cache_dir() -> Option<PathBuf> {
    env_base("XDG_CACHE_HOME", ".cache")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(s: &str) -> Option<OsString> {
        Some(OsString::from(s))
    }

    #[test]
    fn an_absolute_variable_wins() {
        assert_eq!(
            base(os("/x/state"), os("/home/u"), ".local/state"),
            Some(PathBuf::from("/x/state/shifr"))
        );
    }

    #[test]
    fn a_relative_or_empty_variable_is_ignored() {
        for v in ["", "rel/state", "./s"] {
            assert_eq!(
                base(os(v), os("/home/u"), ".local/state"),
                Some(PathBuf::from("/home/u/.local/state/shifr")),
                "{v:?}"
            );
        }
    }

    #[test]
    fn nothing_usable_is_none() {
        assert_eq!(base(None, None, ".cache"), None);
        assert_eq!(base(os("rel"), os("also-rel"), ".cache"), None);
    }
}

//! Key bindings: key syntax (parse and display, in `key.rs`), contexts, the
//! embedded default `keymap.toml`, a user file that overrides it key by key,
//! and errors that name file, line and column.
//!
//! A keymap file has one table per context; each entry binds a key to an
//! action name, or to `"none"` to unbind a default:
//!
//! ```toml
//! [global]
//! q = "quit"
//! ctrl-d = "half_page_down"
//! "?" = "help"
//! ```

mod key;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crossterm::event::KeyCode;
use toml::de::{DeTable, DeValue};

pub use key::Key;

use crate::action::Action;
use crate::corpus::nearest::did_you_mean;
use crate::problem::line_col;

/// The default bindings, compiled in from the repository's `keymap.toml`.
pub const DEFAULT_KEYMAP: &str = include_str!("../../keymap.toml");

macro_rules! contexts {
    ($($variant:ident = $name:literal : $title:literal [$($action:ident),* $(,)?]),+ $(,)?) => {
        /// Where a binding applies: everywhere, or in one pane or overlay.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Context { $($variant),+ }

        impl Context {
            pub const ALL: &'static [Context] = &[$(Context::$variant),+];

            /// The table name in keymap.toml.
            pub fn name(self) -> &'static str {
                match self { $(Context::$variant => $name),+ }
            }

            /// How help titles the context.
            pub fn title(self) -> &'static str {
                match self { $(Context::$variant => $title),+ }
            }

            /// The actions that mean something in this context.
            pub fn actions(self) -> &'static [Action] {
                match self { $(Context::$variant => &[$(Action::$action),*]),+ }
            }
        }
    };
}

contexts! {
    Global = "global": "Everywhere" [
        Quit, Suspend, Help, FocusNext, FocusPrev, Down, Up, Top, Bottom, HalfPageDown, HalfPageUp,
        PageDown, PageUp, Open, PrevTelegram, NextTelegram, ToggleGrouping, Filter,
        ToggleAnnotations, ToggleZoom, ToggleHeader, ListWider, ListNarrower, Cancel, Compare,
        Search, SearchNext, SearchPrev, AddNote, Yank, Timeline, Matrix, Debate, Find, Apparatus,
        JumpBack, JumpForward, ToggleBookmark, Bookmarks, ToggleMouse,
    ],
    List = "list": "Correspondence list" [
        Down, Up, Top, Bottom, HalfPageDown, HalfPageUp, PageDown, PageUp, Open,
        PrevTelegram, NextTelegram, ToggleGrouping, Filter, Cancel,
    ],
    Message = "message": "Message" [
        Down, Up, Top, Bottom, HalfPageDown, HalfPageUp, PageDown, PageUp, PrevTelegram,
        NextTelegram, Cancel, NextPassage, PrevPassage, AddNote, YankPassage,
    ],
    Annotations = "annotations": "Annotations" [
        Down, Up, Top, Bottom, HalfPageDown, HalfPageUp, PageDown, PageUp, PrevTelegram,
        NextTelegram, Cancel, AddNote, EditNote, DeleteNote,
    ],
    Editor = "editor": "Note editor" [
        Save, Close, Down, Up, Top, Bottom, CycleStance, LineStart, LineEnd, WordBack, WordForward,
        DeleteWordBack, DeleteToStart, DeleteToEnd,
    ],
    Confirm = "confirm": "Confirmation" [Yes, No, Close],
    Citation = "citation": "Citation" [Close, CopyShort, YankPassage],
    Compare = "compare": "Comparison view" [
        Close, Down, Up, Top, Bottom, HalfPageDown, HalfPageUp, PageDown, PageUp, ToggleSync,
        SwitchSide, SwapSides, CycleWitnesses, NextDivergent, PrevDivergent, NotesDown, NotesUp,
        Find, Yank,
    ],
    Search = "search": "Search overlay" [
        Close, Confirm, Down, Up, Top, Bottom, HalfPageDown, HalfPageUp, PageDown, PageUp, ClearInput,
    ],
    Help = "help": "Help overlay" [Close, Down, Up, Top, Bottom, HalfPageDown, HalfPageUp, PageDown, PageUp],
    Filter = "filter": "Person filter" [Close, Confirm, Down, Up, Top, Bottom, PageDown, PageUp],
    Timeline = "timeline": "Timeline" [
        Close, Open, Left, Right, WeekBack, WeekForward, Up, Down, Top, Bottom, ZoomIn, ZoomOut,
        PrevTelegram, NextTelegram, Timeline,
    ],
    Matrix = "matrix": "Correspondence matrix" [Close, Open, Left, Right, Up, Down, Top, Bottom, Matrix],
    Find = "find": "Find in the text" [Close, Confirm, Down, Up, ClearInput],
    Apparatus = "apparatus": "Footnotes and sources" [
        Close, Open, Down, Up, Top, Bottom, HalfPageDown, HalfPageUp, PageDown, PageUp, SwitchSide,
        ToggleSources, AllFootnotes, Apparatus,
    ],
    Bookmarks = "bookmarks": "Bookmarks" [
        Close, Open, Down, Up, Top, Bottom, PageDown, PageUp, RemoveBookmark, Bookmarks,
    ],
    Debate = "debate": "Debate view" [
        Close, Open, Down, Up, Top, Bottom, HalfPageDown, HalfPageUp, PageDown, PageUp, SwitchSide,
        Timeline, Debate,
    ],
}

impl Context {
    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.iter().copied().find(|c| c.name() == name)
    }
}

/// A problem in a keymap file, located by file, line and column the same
/// way as a problem in a corpus file.
pub type KeymapError = crate::problem::Problem;

/// Every problem found in one keymap file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeymapErrors(pub Vec<KeymapError>);

impl fmt::Display for KeymapErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for KeymapErrors {}

/// Bindings per context.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Keymap {
    bindings: HashMap<Context, HashMap<Key, Action>>,
}

/// One file's bindings before merging: `None` unbinds. The last field is
/// where the entry's key is written, for errors about the merged whole.
type Layer = Vec<(Context, Key, Option<Action>, usize)>;

fn parse_layer(file: &str, text: &str) -> Result<Layer, KeymapErrors> {
    let mut errors = Vec::new();
    let mut err = |at: usize, message: String| {
        errors.push(KeymapError::at(file, text, at, message));
    };
    let doc = match DeTable::parse(text) {
        Ok(d) => d,
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            let msg = e.message().trim();
            let message = if msg.starts_with("duplicate key") {
                // Name the key, and the table it is in.
                let key: String = text[at.min(text.len())..]
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != '=')
                    .collect();
                let table = text[..at.min(text.len())]
                    .lines()
                    .rev()
                    .find(|l| l.trim_start().starts_with('['))
                    .map(str::trim)
                    .unwrap_or("the file");
                format!("key {key} is bound twice in {table}: expected each key once per context")
            } else {
                format!("{msg}: expected a TOML keymap")
            };
            err(at, message);
            return Err(KeymapErrors(errors));
        }
    };
    let context_names = || {
        Context::ALL
            .iter()
            .map(|c| c.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut layer = Vec::new();
    for (ctx_key, table) in doc.get_ref().iter() {
        let ctx_name: &str = ctx_key.get_ref();
        let Some(ctx) = Context::from_name(ctx_name) else {
            let hint = did_you_mean(ctx_name, Context::ALL.iter().map(|c| c.name()));
            err(
                ctx_key.span().start,
                format!(
                    "unknown context [{ctx_name}]{hint}: expected one of {}",
                    context_names()
                ),
            );
            continue;
        };
        let DeValue::Table(entries) = table.get_ref() else {
            err(
                table.span().start,
                format!("[{ctx_name}] must be a table of key = \"action\" entries"),
            );
            continue;
        };
        let mut seen: HashMap<Key, (String, usize)> = HashMap::new();
        for (key_str, value) in entries.iter() {
            let key_text: &str = key_str.get_ref();
            let key = match Key::from_str(key_text) {
                Ok(k) => k,
                Err(e) => {
                    err(key_str.span().start, e);
                    continue;
                }
            };
            let DeValue::String(action_name) = value.get_ref() else {
                err(
                    value.span().start,
                    format!(
                        "the value for key '{key_text}' must be an action name in quotes, e.g. \"quit\", or \"none\" to unbind"
                    ),
                );
                continue;
            };
            let action_name: &str = action_name;
            let action = if action_name == "none" {
                None
            } else {
                match Action::from_name(action_name) {
                    Some(a)
                        if ctx.actions().contains(&a)
                            || matches!(a, Action::Quit | Action::Help) =>
                    {
                        Some(a)
                    }
                    Some(a) => {
                        let valid: Vec<&str> = ctx.actions().iter().map(|a| a.name()).collect();
                        err(
                            value.span().start + 1,
                            format!(
                                "action '{}' does nothing in [{ctx_name}]: expected one of {}",
                                a.name(),
                                valid.join(", ")
                            ),
                        );
                        continue;
                    }
                    None => {
                        let hint = did_you_mean(action_name, Action::ALL.iter().map(|a| a.name()));
                        let valid: Vec<&str> = ctx.actions().iter().map(|a| a.name()).collect();
                        err(
                            value.span().start + 1,
                            format!(
                                "unknown action '{action_name}'{hint}: expected one of {} (or \"none\")",
                                valid.join(", ")
                            ),
                        );
                        continue;
                    }
                }
            };
            let at = key_str.span().start;
            if let Some((first, first_at)) = seen.get(&key) {
                let (l, c) = line_col(text, *first_at);
                err(
                    at,
                    format!(
                        "key '{key_text}' is bound twice in [{ctx_name}]: it is the same key as '{first}' at {file}:{l}:{c}; expected each key once per context"
                    ),
                );
                continue;
            }
            seen.insert(key, (key_text.to_string(), at));
            layer.push((ctx, key, action, at));
        }
    }
    if errors.is_empty() {
        Ok(layer)
    } else {
        Err(KeymapErrors(errors))
    }
}

impl Keymap {
    /// The embedded defaults.
    pub fn defaults() -> Keymap {
        Keymap::parse("keymap.toml", DEFAULT_KEYMAP)
            .expect("the embedded keymap.toml is valid (tested)")
    }

    /// Parses a complete keymap.
    pub fn parse(file: &str, text: &str) -> Result<Keymap, KeymapErrors> {
        Keymap::default().with_overrides(file, text)
    }

    /// Lays `layer` over these bindings; `Err` with where the layer took
    /// away the last way to quit, if it did.
    fn apply(&mut self, file: &str, text: &str, layer: Layer) -> Result<(), KeymapErrors> {
        let g = Context::Global;
        // The entries that take a quit key away (unbound, or bound to
        // something else), and the keys they take.
        let mut taken: Vec<(Key, usize)> = layer
            .iter()
            .filter(|(ctx, key, action, _)| {
                *ctx == g
                    && self.action(g, key) == Some(Action::Quit)
                    && *action != Some(Action::Quit)
            })
            .map(|(_, key, _, at)| (*key, *at))
            .collect();
        // In the order written: the last one is where the way out went.
        taken.sort_by_key(|(_, at)| *at);
        for (ctx, key, action, _) in layer {
            let table = self.bindings.entry(ctx).or_default();
            match action {
                Some(a) => table.insert(key, a),
                None => table.remove(&key),
            };
        }
        if !self.keys_for(g, Action::Quit).is_empty() {
            return Ok(());
        }
        let fix = "bind a key to \"quit\" in [global], e.g. ctrl-q = \"quit\"";
        let problem = match taken.last() {
            Some(&(_, at)) => {
                let keys: Vec<String> = taken.iter().map(|(k, _)| k.to_string()).collect();
                KeymapError::at(
                    file,
                    text,
                    at,
                    format!(
                        "this leaves no key that quits shifr (it takes away {}): {fix}, or remove this line",
                        keys.join(" and ")
                    ),
                )
            }
            None => KeymapError::file(file, format!("no key quits shifr: {fix}")),
        };
        Err(KeymapErrors(vec![problem]))
    }

    /// These bindings with a user file's laid over them, key by key. A file
    /// that leaves no key in [global] bound to quit is an error: the reader
    /// could not be left.
    pub fn with_overrides(mut self, file: &str, text: &str) -> Result<Keymap, KeymapErrors> {
        let layer = parse_layer(file, text)?;
        self.apply(file, text, layer)?;
        Ok(self)
    }

    /// The defaults with the user's file over them, if there is one:
    /// `explicit` (from `--keymap`), else `$XDG_CONFIG_HOME/shifr/keymap.toml`
    /// (or `~/.config/shifr/keymap.toml`). A missing default-location file is
    /// fine; a missing `--keymap` file is an error.
    pub fn load(explicit: Option<&Path>) -> Result<Keymap, KeymapErrors> {
        let (path, required) = match explicit {
            Some(p) => (Some(p.to_path_buf()), true),
            None => (user_keymap_path(), false),
        };
        let defaults = Keymap::defaults();
        let Some(path) = path else {
            return Ok(defaults);
        };
        let shown = path.display().to_string();
        // Only a regular file is read (a FIFO here would hang every start).
        match crate::fsread::read_text(&path, &shown, "a UTF-8 encoded TOML keymap") {
            Ok(text) => defaults.with_overrides(&shown, &text),
            Err(e) if !required && e.not_found => Ok(defaults),
            Err(e) => Err(KeymapErrors(vec![e.problem])),
        }
    }

    pub fn action(&self, ctx: Context, key: &Key) -> Option<Action> {
        self.bindings.get(&ctx).and_then(|t| t.get(key)).copied()
    }

    /// The keys bound to an action in a context, in a stable order.
    pub fn keys_for(&self, ctx: Context, action: Action) -> Vec<Key> {
        let mut keys: Vec<Key> = self
            .bindings
            .get(&ctx)
            .map(|t| {
                t.iter()
                    .filter(|(_, a)| **a == action)
                    .map(|(k, _)| *k)
                    .collect()
            })
            .unwrap_or_default();
        keys.sort_by_key(key_order);
        keys
    }

    /// Every binding of a context as (action, keys), in the order of
    /// [`Action::ALL`].
    pub fn bindings(&self, ctx: Context) -> Vec<(Action, Vec<Key>)> {
        Action::ALL
            .iter()
            .filter_map(|a| {
                let keys = self.keys_for(ctx, *a);
                (!keys.is_empty()).then_some((*a, keys))
            })
            .collect()
    }

    /// "j/down" — how a hint shows the keys for an action, looking in `ctx`
    /// then in the global context.
    pub fn hint(&self, ctx: Context, action: Action) -> Option<String> {
        let mut keys = self.keys_for(ctx, action);
        if keys.is_empty() {
            keys = self.keys_for(Context::Global, action);
        }
        (!keys.is_empty()).then(|| {
            keys.iter()
                .take(2)
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join("/")
        })
    }
}

/// Single characters before named keys before modified keys, so hints show
/// `j` rather than `down`.
fn key_order(k: &Key) -> (u8, String) {
    let rank = match (k.code, k.mods.is_empty()) {
        (KeyCode::Char(_), true) => 0,
        (_, true) => 1,
        _ => 2,
    };
    (rank, k.to_string())
}

/// Where a user's keymap lives when `--keymap` is not given.
pub fn user_keymap_path() -> Option<PathBuf> {
    crate::dirs::config_dir().map(|d| d.join("keymap.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Key {
        s.parse().unwrap()
    }

    #[test]
    fn default_keymap_is_valid_and_covers_the_reader() {
        let km = Keymap::defaults();
        let g = Context::Global;
        assert_eq!(km.action(g, &k("q")), Some(Action::Quit));
        assert_eq!(km.action(g, &k("ctrl-c")), Some(Action::Quit));
        assert_eq!(km.action(g, &k("?")), Some(Action::Help));
        assert_eq!(km.action(g, &k("tab")), Some(Action::FocusNext));
        assert_eq!(km.action(g, &k("shift-tab")), Some(Action::FocusPrev));
        assert_eq!(km.action(g, &k("ctrl-d")), Some(Action::HalfPageDown));
        assert_eq!(km.action(Context::List, &k("enter")), Some(Action::Open));
        assert_eq!(
            km.action(Context::List, &k("o")),
            Some(Action::ToggleGrouping)
        );
        assert_eq!(
            km.hint(Context::List, Action::Down).as_deref(),
            Some("j/down")
        );
    }

    #[test]
    fn user_file_overrides_key_by_key_and_can_unbind() {
        let km = Keymap::defaults()
            .with_overrides(
                "user.toml",
                "[global]\nx = \"quit\"\nq = \"none\"\n\"?\" = \"filter\"\n",
            )
            .unwrap();
        assert_eq!(km.action(Context::Global, &k("x")), Some(Action::Quit));
        assert_eq!(km.action(Context::Global, &k("q")), None);
        assert_eq!(km.action(Context::Global, &k("ctrl-c")), Some(Action::Quit));
        assert_eq!(km.action(Context::Global, &k("?")), Some(Action::Filter));
        assert_eq!(km.action(Context::Global, &k("j")), Some(Action::Down));
    }

    #[test]
    fn a_keymap_that_leaves_no_way_to_quit_is_an_error() {
        let e = errors("[global]\nq = \"none\"\nctrl-c = \"none\"\n");
        assert_eq!(
            e,
            "u.toml:3:1: this leaves no key that quits shifr (it takes away q and ctrl-c): bind a key to \"quit\" in [global], e.g. ctrl-q = \"quit\", or remove this line"
        );
        // Bound to something else, the same.
        let e = errors("[global]\nctrl-c = \"help\"\nq = \"filter\"\n");
        assert!(
            e.starts_with(
                "u.toml:3:1: this leaves no key that quits shifr (it takes away ctrl-c and q)"
            ),
            "{e}"
        );
        // Another key that quits is enough, in either order.
        for ok in [
            "[global]\nq = \"none\"\nctrl-c = \"none\"\nctrl-q = \"quit\"\n",
            "[global]\nctrl-q = \"quit\"\nq = \"none\"\nctrl-c = \"none\"\n",
            "[global]\nq = \"none\"\n",
        ] {
            Keymap::defaults().with_overrides("u.toml", ok).unwrap();
        }
        // A quit key only in one pane does not count: it cannot be reached
        // from the others.
        let e = errors("[global]\nq = \"none\"\nctrl-c = \"none\"\n[list]\nx = \"quit\"\n");
        assert!(e.starts_with("u.toml:3:1: this leaves no key"), "{e}");
        // A complete keymap without one says so of the whole file.
        let e = Keymap::parse("k.toml", "[global]\nj = \"down\"\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "k.toml: no key quits shifr: bind a key to \"quit\" in [global], e.g. ctrl-q = \"quit\""
        );
    }

    fn errors(text: &str) -> String {
        Keymap::defaults()
            .with_overrides("u.toml", text)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn bad_keymaps_are_located_and_explained() {
        let e = errors("[global]\nq = \"quitt\"\n");
        assert!(e.starts_with("u.toml:2:6: unknown action 'quitt' (did you mean 'quit'?): expected one of quit, suspend, help"), "{e}");
        let e = errors("[global]\npgdn = \"quit\"\n");
        assert!(e.starts_with("u.toml:2:1: unknown key 'pgdn'"), "{e}");
        let e = errors("[global]\nG = \"top\"\nshift-g = \"bottom\"\n");
        assert!(e.starts_with("u.toml:3:1: key 'shift-g' is bound twice in [global]: it is the same key as 'G' at u.toml:2:1"), "{e}");
        let e = errors("[global]\nq = \"quit\"\nq = \"help\"\n");
        assert!(
            e.starts_with("u.toml:3:1: key q is bound twice in [global]"),
            "{e}"
        );
        let e = errors("[globl]\nq = \"quit\"\n");
        assert!(
            e.contains("unknown context [globl] (did you mean 'global'?)"),
            "{e}"
        );
        let e = errors("[help]\nq = \"open\"\n");
        assert!(
            e.contains("action 'open' does nothing in [help]: expected one of close"),
            "{e}"
        );
        let e = errors("[global]\nq = 1\n");
        assert!(
            e.starts_with("u.toml:2:5: the value for key 'q' must be an action name"),
            "{e}"
        );
        let e = errors("[global\n");
        assert!(e.starts_with("u.toml:1:"), "{e}");
        // all problems, not just the first
        let e = errors("[global]\nq = \"quitt\"\nzz = \"quit\"\n");
        assert_eq!(e.lines().count(), 2, "{e}");
    }
}

//! The keys of every action in every context, as hints show them ("j/down"),
//! looked up once from the keymap in use: the keymap does not change while
//! the reader runs, so no frame scans it.

use rustc_hash::FxHashMap;

use crate::action::Action;
use crate::keymap::{Context, Keymap};

pub struct Hints {
    keys: FxHashMap<(Context, Action), String>,
}

impl Hints {
    pub fn new(keymap: &Keymap) -> Hints {
        let mut keys = FxHashMap::default();
        for &ctx in Context::ALL {
            for &a in Action::ALL {
                if let Some(k) = keymap.hint(ctx, a) {
                    keys.insert((ctx, a), k);
                }
            }
        }
        Hints { keys }
    }

    /// The keys for `action` in `ctx` (or globally), if any.
    pub fn get(&self, ctx: Context, action: Action) -> Option<&str> {
        self.keys.get(&(ctx, action)).map(String::as_str)
    }

    /// The keys for `action`, or nothing.
    pub fn key(&self, ctx: Context, action: Action) -> &str {
        self.get(ctx, action).unwrap_or_default()
    }

    /// "ctrl-s saves · esc closes": the keys bound to each action with what
    /// they do. Actions with no key are left out.
    pub fn line(&self, ctx: Context, items: &[(Action, &str)]) -> String {
        items
            .iter()
            .filter_map(|(a, what)| self.get(ctx, *a).map(|k| format!("{k} {what}")))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

//! The forms of the words on screen, kept between keystrokes: the result
//! rows' snippets look at every word of every field of each row shown, and
//! folding and stemming each of them again on every key was most of what
//! drawing the rows cost. The same words come back row after row and key
//! after key, so each distinct word is folded and stemmed once per thread
//! and looked up after that.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use super::score::Forms;
use super::tokenize::Token;

/// Past this many words the cache starts again (a few megabytes).
const MOST: usize = 100_000;

#[derive(Default)]
pub struct FormsCache {
    words: FxHashMap<Box<str>, u32>,
    names: FxHashMap<Box<str>, u32>,
    forms: Vec<Forms>,
}

impl FormsCache {
    /// The place of a token's forms (`Forms::of`): the same for the same
    /// text and kind of token.
    pub fn id(&mut self, t: &Token) -> u32 {
        let map = if t.name {
            &mut self.names
        } else {
            &mut self.words
        };
        if let Some(&id) = map.get(t.text) {
            return id;
        }
        let id = self.forms.len() as u32;
        self.forms.push(Forms::of(t));
        map.insert(t.text.into(), id);
        id
    }

    pub fn get(&self, id: u32) -> &Forms {
        &self.forms[id as usize]
    }
}

thread_local! {
    static CACHE: RefCell<FormsCache> = RefCell::default();
}

/// Runs `f` with this thread's cache (not to be nested).
pub fn with_forms<R>(f: impl FnOnce(&mut FormsCache) -> R) -> R {
    CACHE.with_borrow_mut(|c| {
        if c.forms.len() > MOST {
            *c = FormsCache::default();
        }
        f(c)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::FieldKind;
    use crate::search::tokenize::tokenize_field;

    #[test]
    fn the_kept_forms_are_the_words_own() {
        let text = "Máo Zédōng feared the Evacuation; evacuation, feared · Kim Il Sung";
        let mut toks = Vec::new();
        tokenize_field(FieldKind::To, text, &mut toks);
        with_forms(|c| {
            for _ in 0..2 {
                for t in &toks {
                    let (id, want) = (c.id(t), Forms::of(t));
                    let got = c.get(id);
                    assert_eq!(
                        (&got.surface, &got.folded, &got.stem),
                        (&want.surface, &want.folded, &want.stem),
                        "{t:?}"
                    );
                }
            }
        });
    }
}

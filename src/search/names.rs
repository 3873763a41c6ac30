//! Other spellings of names the corpus's text uses but its people do not
//! list (`romanisations.toml`): places (`Peking` for `Beijing`) and people
//! the text names who are not correspondents (`Lin Piao`). A query word, or
//! a run of query words, whose name key (`tokenize::name_key`) is a form of
//! an entry also matches the words of the entry's other forms. The
//! correspondents' own spellings are their aliases in `people.toml`.

use std::sync::OnceLock;

use serde::Deserialize;

use super::tokenize::name_key;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    name: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    forms: Vec<String>,
}

/// One entry: the name keys of its forms, and the keys of their words.
struct Group {
    keys: Vec<String>,
    words: Vec<String>,
}

fn groups() -> &'static [Group] {
    static G: OnceLock<Vec<Group>> = OnceLock::new();
    G.get_or_init(|| {
        let file: File =
            toml::from_str(include_str!("romanisations.toml")).expect("romanisations.toml");
        file.name
            .into_iter()
            .map(|e| {
                let mut words: Vec<String> = Vec::new();
                for w in e.forms.iter().flat_map(|f| f.split_whitespace()) {
                    let k = name_key(w);
                    if !k.is_empty() && !words.contains(&k) {
                        words.push(k);
                    }
                }
                Group {
                    keys: e.forms.iter().map(|f| name_key(f)).collect(),
                    words,
                }
            })
            .collect()
    })
}

/// The word keys of every form of the names whose key is `key`.
pub fn variants(key: &str) -> impl Iterator<Item = &'static str> + '_ {
    groups()
        .iter()
        .filter(move |g| g.keys.iter().any(|k| k == key))
        .flat_map(|g| g.words.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads_and_every_entry_has_another_form() {
        assert!(!groups().is_empty());
        for g in groups() {
            assert!(g.keys.len() >= 2, "{:?}", g.keys);
            assert!(g.keys.iter().all(|k| !k.is_empty()));
        }
    }

    #[test]
    fn forms_find_each_other_whatever_their_spelling() {
        let v: Vec<&str> = variants(&name_key("Peking")).collect();
        assert!(v.contains(&"beijing"), "{v:?}");
        let v: Vec<&str> = variants(&name_key("Lin Piao")).collect();
        assert!(v.contains(&"lin") && v.contains(&"biao"), "{v:?}");
        let v: Vec<&str> = variants(&name_key("Liu Shao-ch'i")).collect();
        assert!(v.contains(&"shaoqi"), "{v:?}");
        assert_eq!(variants("piao").count(), 0, "one syllable is not a name");
    }
}

//! `shifr list`: the telegrams in date order, optionally only those from
//! or to a person, as lines or JSON.

use super::error::{print, print_json};
use super::load::load_corpus;
use super::{Cli, CliError};
use crate::corpus::Corpus;
use crate::export;
use crate::text::one_line;

/// A person by id, name or alias (any case), or a clear error.
fn person_arg(corpus: &Corpus, who: &str) -> Result<String, CliError> {
    let w = who.to_lowercase();
    let found = corpus.people.iter().find(|p| {
        p.id == w
            || p.name.to_lowercase() == w
            || p.full_name
                .as_deref()
                .is_some_and(|f| f.to_lowercase() == w)
            || p.aliases.iter().any(|a| a.to_lowercase() == w)
    });
    match found {
        Some(p) => Ok(p.id.clone()),
        None => {
            let hint = crate::corpus::nearest::did_you_mean(
                who,
                corpus.people.iter().map(|p| p.id.as_str()),
            );
            Err(CliError::fail(format!("shifr: no person '{who}'{hint}")))
        }
    }
}

/// `shifr list`.
pub(super) fn run(
    cli: &Cli,
    from: Option<&str>,
    to: Option<&str>,
    json: bool,
) -> Result<(), CliError> {
    let corpus = load_corpus(cli.corpus.as_ref())?;
    let from = from.map(|p| person_arg(&corpus, p)).transpose()?;
    let to = to.map(|p| person_arg(&corpus, p)).transpose()?;
    let shown: Vec<_> = corpus
        .telegrams
        .iter()
        .filter(|t| {
            from.as_ref().is_none_or(|p| t.from.contains(p))
                && to.as_ref().is_none_or(|p| t.to.contains(p))
        })
        .collect();
    if json {
        let v: Vec<serde_json::Value> = shown.iter().map(|t| export::json::telegram(t)).collect();
        let mut s = serde_json::to_string_pretty(&v).expect("JSON");
        s.push('\n');
        return print_json(&s);
    }
    let id_w = shown.iter().map(|t| t.id.len()).max().unwrap_or(0);
    let text: String = shown
        .iter()
        .map(|t| {
            let (status, versions) = crate::ui::reader::list::marks(t);
            // One line each, whatever the corpus's names and titles hold.
            format!(
                "{:<id_w$}  {}{}  {} · {}\n",
                t.id,
                status,
                versions,
                one_line(&corpus.chain(t)),
                one_line(&t.title)
            )
        })
        .collect();
    print(&text)
}

//! `shifr compare`: the aligned comparison of two of a telegram's
//! versions, as text columns or JSON.

use super::error::{print, print_json};
use super::load::{find, load_corpus};
use super::{Cli, CliError, CompareFormat};

/// `shifr compare`.
pub(super) fn run(
    cli: &Cli,
    id: &str,
    width: Option<usize>,
    witnesses: Option<&[String]>,
    format: CompareFormat,
) -> Result<(), CliError> {
    let corpus = load_corpus(cli.corpus.as_ref())?;
    let t = find(&corpus, id)?;
    if t.witnesses().len() < 2 {
        return Err(CliError::fail(format!(
            "shifr: telegram '{id}' has one version only: nothing to compare"
        )));
    }
    let ids: Vec<&str> = t.witnesses().iter().map(|w| w.id.as_str()).collect();
    let (a, b) = match witnesses {
        None => (0, 1),
        Some(list) => {
            let find = |w: &str| ids.iter().position(|x| *x == w);
            match list {
                [x, y] if x != y => match (find(x), find(y)) {
                    (Some(a), Some(b)) => (a, b),
                    _ => {
                        let bad = if find(x).is_none() { x } else { y };
                        return Err(CliError::fail(format!(
                            "shifr: telegram '{id}' has no witness '{bad}': its witnesses are {}",
                            ids.join(", ")
                        )));
                    }
                },
                _ => {
                    return Err(CliError::usage(format!(
                        "shifr: --witnesses takes two different witness ids, e.g. --witnesses {}",
                        ids.join(",")
                    )));
                }
            }
        }
    };
    let text = match format {
        CompareFormat::Json => {
            let mut s =
                serde_json::to_string_pretty(&crate::compare::export::to_json(&corpus, t, a, b))
                    .expect("JSON");
            s.push('\n');
            return print_json(&s);
        }
        CompareFormat::Text => {
            let width = super::text_width(width, 120)?;
            let mine = super::load::explicit_notes(cli);
            crate::view::compare_text::plain_text(&corpus, t, (a, b), width, &mine)
        }
    };
    print(&text)
}

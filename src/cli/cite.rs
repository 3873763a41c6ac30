//! `shifr cite`: a citation of one telegram: a Chicago note (full, or
//! `--short` for a second reference), a BibLaTeX entry, CSL-JSON or RIS.

use super::error::{print, print_json};
use super::load::{find, load_corpus};
use super::{CiteStyle, Cli, CliError};
use crate::export;

/// `shifr cite`.
pub(super) fn run(cli: &Cli, id: &str, style: CiteStyle, short: bool) -> Result<(), CliError> {
    if short && style != CiteStyle::Chicago {
        return Err(CliError::usage(
            "shifr: --short is the Chicago short note; it does not go with --style bibtex, csl or ris",
        ));
    }
    let corpus = load_corpus(cli.corpus.as_ref())?;
    let t = find(&corpus, id)?;
    let text = match style {
        CiteStyle::Chicago if short => format!("{}\n", export::cite::chicago_short(&corpus, t)),
        CiteStyle::Chicago => format!("{}\n", export::cite::chicago(&corpus, t)),
        CiteStyle::Bibtex => export::bibtex::bibtex(&corpus, t),
        CiteStyle::Ris => export::ris::record(&corpus, t),
        CiteStyle::Csl => {
            let v = serde_json::Value::Array(vec![export::csl::item(&corpus, t)]);
            return print_json(&export::csl::to_string(&v));
        }
    };
    print(&text)
}

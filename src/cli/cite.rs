//! `shifr cite`: a citation of one telegram, Chicago-style or BibTeX.

use super::error::print;
use super::load::{find, load_corpus};
use super::{CiteStyle, Cli, CliError};
use crate::export;

/// `shifr cite`.
pub(super) fn run(cli: &Cli, id: &str, style: CiteStyle) -> Result<(), CliError> {
    let corpus = load_corpus(cli.corpus.as_ref())?;
    let t = find(&corpus, id)?;
    let text = match style {
        CiteStyle::Chicago => format!("{}\n", export::cite::chicago(&corpus, t)),
        CiteStyle::Bibtex => export::cite::bibtex(&corpus, t),
    };
    print(&text)
}

//! `shifr export`: the whole corpus on stdout as JSON, CMIF (TEI XML for
//! correspSearch), CSL-JSON, a Markdown dossier, or the telegrams with
//! several versions (or one of them) as TEI P5.

use super::error::{eprint, print, print_json};
use super::load::load_corpus;
use super::{Cli, CliError, ExportFormat, Licence};
use crate::export;

/// `shifr export`.
pub(super) fn run(
    cli: &Cli,
    format: ExportFormat,
    id: Option<&str>,
    url: Option<&str>,
    date: Option<&str>,
    licence: Licence,
) -> Result<(), CliError> {
    if let Some(d) = date
        && (d.len() != 10 || crate::corpus::Date::parse(d).map_or(true, |p| !p.is_full()))
    {
        return Err(CliError::usage(format!(
            "shifr: --date wants a day as YYYY-MM-DD, not '{d}'"
        )));
    }
    if let Some(u) = url
        && (!(u.starts_with("https://") || u.starts_with("http://"))
            || u.chars().any(char::is_whitespace))
    {
        return Err(CliError::usage(format!(
            "shifr: --url wants the http(s) address the file will be published at, not '{u}'"
        )));
    }
    if let Some(i) = id
        && format != ExportFormat::Tei
    {
        return Err(CliError::usage(format!(
            "shifr: an id ('{i}') goes only with --format tei; the other formats export the whole corpus"
        )));
    }
    let corpus = load_corpus(cli.corpus.as_ref())?;
    let text = match format {
        ExportFormat::Csl => {
            return print_json(&export::csl::to_string(&export::csl::to_value(&corpus)));
        }
        ExportFormat::Ris => export::ris::to_string(&corpus),
        ExportFormat::Tei => {
            let telegrams = match id {
                Some(i) => {
                    let t = super::load::find(&corpus, i)?;
                    if !t.is_multi_witness() {
                        return Err(CliError::fail(format!(
                            "shifr: {} has one text; --format tei exports the telegrams with several versions ({})",
                            t.id,
                            export::tei::telegrams(&corpus)
                                .iter()
                                .map(|t| t.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )));
                    }
                    vec![t]
                }
                None => export::tei::telegrams(&corpus),
            };
            export::tei::to_string(&corpus, &telegrams)
        }
        ExportFormat::Json => return print_json(&export::json::to_string(&corpus)),
        ExportFormat::Cmif => {
            let mut opts = export::cmif::Options::default();
            if let Some(dir) = &cli.corpus {
                opts.url = export::cmif::placeholder_url(dir);
            }
            match url {
                Some(u) => opts.url = u.to_string(),
                None => eprint(&format!(
                    "shifr: note: no --url: publicationStmt/idno is the placeholder {}; correspSearch needs the file's own http(s) address",
                    opts.url
                )),
            }
            if let Some(d) = date {
                opts.date = d.to_string();
            }
            opts.cc0 = licence == Licence::Cc0;
            export::cmif::to_string(&corpus, &opts)
        }
        ExportFormat::Markdown => export::dossier::to_string(&corpus),
    };
    print(&text)
}

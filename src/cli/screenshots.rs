//! `shifr screenshots`: the reader's main screens drawn off-screen and
//! written as SVG and plain text.

use std::path::Path;
use std::sync::Arc;

use super::error::println;
use super::load::load_corpus;
use super::{Cli, CliError};

/// `shifr screenshots`.
pub(super) fn run(cli: &Cli, out: &Path) -> Result<(), CliError> {
    let corpus = Arc::new(load_corpus(cli.corpus.as_ref())?);
    let files = crate::screenshots::write_all(&corpus, out)
        .map_err(|e| CliError::fail(format!("shifr: {e}")))?;
    println(&format!(
        "wrote {} screens ({} files) to {}",
        files.len() / 2,
        files.len(),
        out.display()
    ))
}

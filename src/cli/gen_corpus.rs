//! `shifr gen-corpus`: writes a synthetic corpus of any size, for
//! measuring search and start-up at scale. It writes only into a new or
//! empty directory unless told `--force`: an existing corpus would have its
//! people.toml, sources.toml and events.toml replaced and synthetic
//! telegrams mixed in with its own.

use std::path::Path;

use super::CliError;
use super::error::println;

/// `shifr gen-corpus`.
pub(super) fn run(out: &Path, count: usize, seed: u64, force: bool) -> Result<(), CliError> {
    if !force {
        refuse_unless_empty(out)?;
    }
    let c = crate::corpus::synth::write(out, count, seed)
        .map_err(|e| CliError::fail(format!("shifr: cannot write {}: {e}", out.display())))?;
    println(&format!(
        "wrote {} telegrams to {}",
        c.telegrams.len(),
        out.display()
    ))
}

/// Nothing at `out`, or an empty directory; else an error saying what is
/// there and how to go on.
fn refuse_unless_empty(out: &Path) -> Result<(), CliError> {
    let shown = out.display();
    match std::fs::read_dir(out) {
        Ok(mut entries) => match entries.next() {
            None => Ok(()),
            Some(_) => Err(CliError::fail(format!(
                "shifr: {shown} is not empty: gen-corpus writes people.toml, sources.toml, events.toml and telegrams/ there, replacing a corpus's own; give an empty or new directory, or --force to write into it anyway"
            ))),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if !out.is_dir() => Err(CliError::fail(format!(
            "shifr: {shown} is not a directory: give an empty or new directory for the corpus"
        ))),
        Err(e) => Err(CliError::fail(format!("shifr: cannot read {shown}: {e}"))),
    }
}

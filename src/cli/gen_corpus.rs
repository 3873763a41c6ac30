//! `shifr gen-corpus`: writes a synthetic corpus of any size, for
//! measuring search and start-up at scale.

use std::path::Path;

use super::CliError;
use super::error::println;

/// `shifr gen-corpus`.
pub(super) fn run(out: &Path, count: usize, seed: u64) -> Result<(), CliError> {
    let c = crate::corpus::synth::write(out, count, seed)
        .map_err(|e| CliError::fail(format!("shifr: cannot write {}: {e}", out.display())))?;
    println(&format!(
        "wrote {} telegrams to {}",
        c.telegrams.len(),
        out.display()
    ))
}

//! `shifr completions`: a shell completion script, generated from the
//! argument types.

use super::error::print_raw;
use super::{Cli, CliError};

/// `shifr completions`.
pub(super) fn run(shell: clap_complete::Shell) -> Result<(), CliError> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "shifr", &mut out);
    print_raw(&String::from_utf8_lossy(&out))
}

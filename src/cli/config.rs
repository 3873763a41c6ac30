//! `shifr config`: the settings file checked and the settings in effect
//! printed, or (`--default`) the commented default file.

use super::error::print_raw;
use super::{Cli, CliError};
use crate::config::DEFAULT_CONFIG;

/// `shifr config [--default]`.
pub(super) fn run(cli: &Cli, default: bool) -> Result<(), CliError> {
    if default {
        return print_raw(DEFAULT_CONFIG);
    }
    let (settings, used) = crate::config::Settings::load(cli.config.as_deref())
        .map_err(|e| CliError::fail(format!("{e}\nshifr: the settings have problems")))?;
    let from = match used {
        Some(p) => format!("# The settings in effect, read from {}\n", p.display()),
        None => match crate::config::user_config_path() {
            Some(p) => format!(
                "# No settings file at {}: the defaults are in effect\n",
                p.display()
            ),
            None => "# No place for a settings file (no XDG_CONFIG_HOME or HOME): the defaults are in effect\n".to_string(),
        },
    };
    print_raw(&format!("{from}\n{}", settings.to_toml()))
}

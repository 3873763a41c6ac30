//! What a command tells the user: `CliError` (a message and an exit code),
//! printing to stderr, and writing to stdout without panicking on a closed
//! pipe.

use std::io::Write;

use crate::corpus::Report;
use crate::output;

/// Prints to stderr; a closed stderr is ignored rather than a panic.
/// Control characters other than newlines (from a file name, an argument)
/// are dropped: nothing reaches the terminal but text.
pub fn eprint(msg: &str) {
    let _ = writeln!(std::io::stderr(), "{}", crate::text::sanitize(msg));
}

/// Why a command failed: the whole message for stderr and the exit code.
/// Commands return it with `?`; only `run` prints it.
#[derive(Debug)]
pub struct CliError {
    code: i32,
    message: String,
}

impl CliError {
    /// Exit code 1: the input (a bad corpus, an unknown id) or the
    /// environment (an unwritable file, the terminal) let the command down.
    pub fn fail(message: impl Into<String>) -> Self {
        CliError {
            code: 1,
            message: message.into(),
        }
    }

    /// Exit code 2: the command line asks for something that cannot be done.
    pub fn usage(message: impl Into<String>) -> Self {
        CliError {
            code: 2,
            message: message.into(),
        }
    }

    /// The exit code.
    pub fn code(&self) -> i32 {
        self.code
    }

    /// What to print on stderr.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// A corpus that did not load: its report is the message.
impl From<Report> for CliError {
    fn from(report: Report) -> Self {
        CliError::fail(report.to_string())
    }
}

/// Writes `text` to stdout. A closed pipe is success (see `output`); any
/// other failure to write is an error. Text from the corpus or the notes
/// may hold control characters (an escape sequence in a title): all but
/// newlines are dropped (`text::sanitize`, as the reader draws them), so
/// no command's output can act on the terminal.
pub(super) fn print(text: &str) -> Result<(), CliError> {
    output::print(&crate::text::sanitize(text)).map_err(cannot_write)
}

/// `print` with a trailing newline.
pub(super) fn println(text: &str) -> Result<(), CliError> {
    output::println(&crate::text::sanitize(text)).map_err(cannot_write)
}

/// Writes JSON to stdout: serde_json escapes the C0 controls, and DEL and
/// the C1 ones are escaped here, so the value is kept whole and the
/// terminal sees only text.
pub(super) fn print_json(json: &str) -> Result<(), CliError> {
    output::print(&crate::text::json_escape_controls(json)).map_err(cannot_write)
}

/// Writes shifr's own text (a completion script) as it is.
pub(super) fn print_raw(text: &str) -> Result<(), CliError> {
    output::print(text).map_err(cannot_write)
}

fn cannot_write(e: std::io::Error) -> CliError {
    CliError::fail(format!("shifr: cannot write output: {e}"))
}

//! Writing to standard output without panicking on a closed pipe:
//! `shifr export --format json | head -1` must end quietly.

use std::io::{self, Write};

/// Writes all of `text` to stdout. A closed pipe is not an error: the reader
/// has gone, so the command is done.
pub fn print(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// `print` with a trailing newline.
pub fn println(text: &str) -> io::Result<()> {
    let mut s = String::with_capacity(text.len() + 1);
    s.push_str(text);
    s.push('\n');
    print(&s)
}

//! `shifr man`: the manual page, generated from the same argument
//! definitions as `--help` and the completions (clap_mangen), so it cannot
//! fall out of step with them; with the files and environment shifr reads.

use super::error::print_raw;
use super::{Cli, CliError};

/// What the generated page cannot know: the files and variables shifr reads.
const FILES_AND_ENVIRONMENT: &str = r#".SH FILES
.TP
\fI$XDG_CONFIG_HOME/shifr/config.toml\fR
Settings: layout, theme, mouse (see \fBshifr config \-\-default\fR); else \fI~/.config/shifr/config.toml\fR, or \fB\-\-config\fR \fIFILE\fR.
.TP
\fI$XDG_CONFIG_HOME/shifr/keymap.toml\fR
Key bindings over the defaults; or \fB\-\-keymap\fR \fIFILE\fR.
.TP
\fI$XDG_DATA_HOME/shifr/notes.toml\fR
Your notes (else \fI~/.local/share/shifr/notes.toml\fR); or \fB\-\-notes\fR \fIFILE\fR.
.TP
\fI$XDG_STATE_HOME/shifr/shifr.log\fR
The debug log written with \fB\-\-debug\fR or \fBSHIFR_LOG=1\fR (else \fI~/.local/state/shifr/shifr.log\fR).
.SH ENVIRONMENT
.TP
\fBNO_COLOR\fR
Set to anything: no colour, whatever the settings' theme.
.TP
\fBSHIFR_LOG\fR
Set to anything but 0: write the debug log, as \fB\-\-debug\fR.
.TP
\fBVISUAL\fR, \fBEDITOR\fR
Write notes in this editor instead of the reader's own.
.TP
\fBXDG_CONFIG_HOME\fR, \fBXDG_DATA_HOME\fR, \fBXDG_STATE_HOME\fR
Where the files above are; a relative path is ignored, as the XDG spec says.
"#;

/// The manual page, as roff.
pub fn page() -> String {
    let cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = clap_mangen::Man::new(cmd).render(&mut out);
    let mut page = String::from_utf8_lossy(&out).into_owned();
    page.push_str(FILES_AND_ENVIRONMENT);
    page
}

/// `shifr man`.
pub(super) fn run() -> Result<(), CliError> {
    print_raw(&page())
}

//! `shifr show`: one telegram as plain text (header, passages, notes) or
//! JSON.

use super::error::{print, print_json};
use super::load::{find, load_corpus};
use super::{Cli, CliError};
use crate::export;
use crate::theme::Theme;

/// `shifr show`.
pub(super) fn run(cli: &Cli, id: &str, width: Option<usize>, json: bool) -> Result<(), CliError> {
    let corpus = load_corpus(cli.corpus.as_ref())?;
    let t = find(&corpus, id)?;
    if json {
        let mut s = serde_json::to_string_pretty(&export::json::telegram(t)).expect("JSON");
        s.push('\n');
        return print_json(&s);
    }
    let width = super::text_width(width, 80)?;
    let theme = Theme::plain();
    let text = |lines: &[ratatui::text::Line]| -> String {
        lines
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
                    + "\n"
            })
            .collect()
    };
    let mut out = text(
        &crate::view::message::build(&corpus, t, &theme, width, None, None, &Default::default())
            .lines,
    );
    if !t.notes().is_empty() {
        out.push_str(&format!("\n{}\nNotes\n\n", "─".repeat(width)));
        out.push_str(&text(
            &crate::view::annotations::build(
                &corpus,
                t,
                &super::load::explicit_notes(cli),
                &theme,
                width,
                None,
                false,
                None,
            )
            .lines,
        ));
    }
    print(&out)
}

//! `shifr notes export`: the reader's own notes as Markdown or JSON, each
//! with its telegram's citation.

use super::error::{print, print_json};
use super::load::load_corpus;
use super::reader::open_notes;
use super::{Cli, CliError, NotesFormat};
use crate::export;
use crate::text::one_line;

/// `shifr notes export`: the reader's notes with the citation of each
/// telegram, orphaned notes last.
pub(super) fn export(cli: &Cli, format: NotesFormat) -> Result<(), CliError> {
    let corpus = load_corpus(cli.corpus.as_ref())?;
    let store = open_notes(cli);
    if let Some(why) = &store.read_only
        && store.notes.notes.is_empty()
        && store.path.exists()
    {
        return Err(CliError::fail(format!("shifr: {why}")));
    }
    let notes = &store.notes;
    let mut out = String::new();
    match format {
        NotesFormat::Markdown => {
            out.push_str("# My notes\n\n");
            if notes.notes.is_empty() {
                out.push_str("No notes yet.\n");
            }
            for t in &corpus.telegrams {
                let mine: Vec<_> = notes.on(&t.id).collect();
                if mine.is_empty() {
                    continue;
                }
                out.push_str(&format!(
                    "## {} — {}\n\n{}\n\n",
                    t.date.long(),
                    one_line(&t.title),
                    one_line(&export::cite::chicago(&corpus, t))
                ));
                for n in mine {
                    let about = n
                        .align
                        .as_ref()
                        .map(|a| format!(" (§ {})", one_line(a)))
                        .unwrap_or_default();
                    // The passage it speaks to, quoted (in its version, or in
                    // every version for a note on the row).
                    let passage = n
                        .align
                        .as_deref()
                        .and_then(|a| export::passage::lines(t, n.witness.as_deref(), a));
                    // The notes file is hand-editable: its fields stay on their line.
                    out.push_str(&format!(
                        "- {}{about}, written {}{}:\n\n",
                        one_line(&n.id),
                        one_line(&n.created),
                        n.edited
                            .as_ref()
                            .map(|e| format!(", edited {}", one_line(e)))
                            .unwrap_or_default()
                    ));
                    if let Some(p) = &passage {
                        out.push_str("  On the passage:\n\n");
                        for line in p {
                            out.push_str(&format!("  > > {line}\n"));
                        }
                        out.push_str("\n  The note:\n\n");
                    }
                    for line in n.text.lines() {
                        out.push_str(&format!("  > {line}\n"));
                    }
                    out.push('\n');
                }
            }
            let orphans: Vec<_> = notes.orphans(&corpus).collect();
            if !orphans.is_empty() {
                out.push_str("## Orphaned notes\n\nThese notes belong to telegrams this corpus does not have. They are kept.\n\n");
                for n in orphans {
                    out.push_str(&format!(
                        "- on `{}`, written {}:\n\n",
                        one_line(&n.telegram),
                        one_line(&n.created)
                    ));
                    for line in n.text.lines() {
                        out.push_str(&format!("  > {line}\n"));
                    }
                    out.push('\n');
                }
            }
        }
        NotesFormat::Json => {
            let v: Vec<serde_json::Value> = notes
                .notes
                .iter()
                .map(|n| {
                    let t = corpus.telegram(&n.telegram);
                    serde_json::json!({
                        "id": n.id,
                        "telegram": n.telegram,
                        "align": n.align,
                        "witness": n.witness,
                        "stance": n.stance.map(|s| s.name()),
                        "passage": t.and_then(|t| {
                            export::passage::lines(t, n.witness.as_deref(), n.align.as_deref()?)
                        }),
                        "text": n.text,
                        "created": n.created,
                        "edited": n.edited,
                        "orphaned": t.is_none(),
                        "citation": t.map(|t| export::cite::chicago(&corpus, t)),
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&v).expect("JSON");
            out.push('\n');
            return print_json(&out);
        }
    }
    print(&out)
}

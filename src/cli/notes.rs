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
                let whole = export::cite::chicago(&corpus, t);
                out.push_str(&format!(
                    "## {} — {}\n\n{}\n\n",
                    t.date.long(),
                    one_line(&t.title),
                    one_line(&whole)
                ));
                for n in mine {
                    // What it is on: the passage, in which version.
                    let version = n.witness.as_deref().and_then(|w| version_of(t, w));
                    let mut on = Vec::new();
                    if let Some(a) = &n.align {
                        on.push(format!("§ {}", one_line(a)));
                    }
                    if let Some((_, label)) = &version {
                        on.push(one_line(label));
                    }
                    if on.is_empty() {
                        on.push("the telegram".into());
                    }
                    if let Some(s) = n.stance {
                        on.push(format!("stance: {}", s.label()));
                    }
                    // The passage it speaks to, quoted (in its version, or in
                    // every version for a note on the row).
                    let passage = n
                        .align
                        .as_deref()
                        .and_then(|a| export::passage::lines(t, n.witness.as_deref(), a));
                    // The notes file is hand-editable: its fields stay on their line.
                    out.push_str(&format!(
                        "- On {}; written {}{}:\n\n",
                        on.join(" · "),
                        one_line(&n.created),
                        n.edited
                            .as_ref()
                            .map(|e| format!(", edited {}", one_line(e)))
                            .unwrap_or_default()
                    ));
                    // A version with a citation of its own is cited as such
                    // (the Chinese text of 2 October is not the Russian file).
                    if let Some((i, _)) = version {
                        let own = export::cite::chicago_witness(&corpus, t, i);
                        if own != whole {
                            out.push_str(&format!("  This version: {}\n\n", one_line(&own)));
                        }
                    }
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
                        "version_citation": t.and_then(|t| {
                            let (i, _) = version_of(t, n.witness.as_deref()?)?;
                            Some(export::cite::chicago_witness(&corpus, t, i))
                        }),
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

/// The version (witness) `id` of `t`: its place and label, where it is one
/// of several (a telegram with one text has no version to name).
fn version_of(t: &crate::corpus::Telegram, id: &str) -> Option<(usize, String)> {
    if !t.is_multi_witness() {
        return None;
    }
    let i = t.witnesses().iter().position(|w| w.id == id)?;
    Some((i, t.witnesses()[i].label.clone()))
}

//! `shifr debate`: the positions of the "trigger vs. justification" debate
//! with their evidence and the paper's answers, as plain text, Markdown (the
//! dossier's section) or JSON (the export's position objects).

use std::io::IsTerminal;

use ratatui::text::Span;

use super::error::print;
use super::load::load_corpus;
use super::{Cli, CliError, DebateFormat};
use crate::corpus::{Corpus, Position};
use crate::export;
use crate::text::{sanitize, wrap};

const NONE: &str = "No positions: this corpus has no debate.toml.\n";

/// The label column of the text output.
const LABEL: usize = 12;

/// `shifr debate`.
pub(super) fn run(cli: &Cli, format: DebateFormat, width: Option<usize>) -> Result<(), CliError> {
    let corpus = load_corpus(cli.corpus.as_ref())?;
    let text = match format {
        DebateFormat::Json => {
            let v: Vec<serde_json::Value> = corpus
                .positions
                .iter()
                .map(export::json::position)
                .collect();
            let mut s = serde_json::to_string_pretty(&v).expect("JSON");
            s.push('\n');
            s
        }
        _ if corpus.positions.is_empty() => NONE.to_string(),
        DebateFormat::Markdown => export::dossier::debate(&corpus, false),
        DebateFormat::Text => {
            let width = width
                .or_else(|| {
                    crossterm::terminal::size()
                        .ok()
                        .filter(|_| std::io::stdout().is_terminal())
                        .map(|(w, _)| w as usize)
                })
                .unwrap_or(80)
                .clamp(LABEL + 20, 1000);
            text(&corpus, width)
        }
    };
    print(&text)
}

/// `text` wrapped to `width` onto `out`, its first line after `first`,
/// later lines after `rest`. Control characters are dropped.
fn push_wrapped(out: &mut String, text: &str, width: usize, first: &str, rest: &str) {
    let (first, rest) = (
        [Span::raw(first.to_string())],
        [Span::raw(rest.to_string())],
    );
    for line in wrap(
        &[(sanitize(text), Default::default())],
        width,
        &first,
        &rest,
    ) {
        let s: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        out.push_str(s.trim_end());
        out.push('\n');
    }
}

/// One labelled field: the label in its column, the text wrapped beside it.
fn field(out: &mut String, label: &str, text: &str, width: usize) {
    let first = format!("  {label:<w$}", w = LABEL - 2);
    push_wrapped(out, text, width, &first, &" ".repeat(LABEL));
}

fn position(corpus: &Corpus, p: &Position, width: usize, out: &mut String) {
    let stance = match &p.trigger {
        Some(t) => format!("{}: {t}", p.stance.label()),
        None => p.stance.label().to_string(),
    };
    let head = format!(
        "{} · {stance}  [{}]",
        corpus.scholar_names(&p.scholars),
        p.id
    );
    push_wrapped(out, &head, width, "", "");
    let fns = |f: &[u32]| export::footnote_list(f, "fn.", "fns.");
    field(out, "Claim", &p.claim, width);
    for q in &p.quotes {
        let cite = fns(&q.cite).map(|f| format!(" ({f})")).unwrap_or_default();
        field(out, "Quote", &format!("“{}”{cite}", q.text), width);
    }
    field(
        out,
        "Footnotes",
        &fns(&p.footnotes).unwrap_or_else(|| "none".into()),
        width,
    );
    let mut evidence: Vec<String> = Vec::new();
    for id in &p.telegrams {
        if let Some(t) = corpus.telegram(id) {
            evidence.push(format!(
                "telegram {id}: {} · {} · {}",
                t.date_line(),
                corpus.chain(t),
                t.title
            ));
        }
    }
    for id in &p.events {
        if let Some(e) = corpus.event(id) {
            evidence.push(format!("event {id}: {} · {}", e.date.long(), e.label));
        }
    }
    if evidence.is_empty() {
        evidence.push("none that the paper ties to it".into());
    }
    for (i, e) in evidence.iter().enumerate() {
        field(out, if i == 0 { "Evidence" } else { "" }, e, width);
    }
    if let Some(a) = &p.answer {
        let cite = fns(&p.answer_cite)
            .map(|f| format!(" ({f})"))
            .unwrap_or_default();
        field(out, "Answer", &format!("{a}{cite}"), width);
    }
    if let Some(n) = &p.note {
        field(out, "Note", n, width);
    }
}

/// Every position as plain text.
fn text(corpus: &Corpus, width: usize) -> String {
    let mut out = String::new();
    let intro = format!(
        "The debate: {} positions, in the order the paper presents them. Claims, answers and notes are the shifr editors' summaries; quotes are the paper's own words. Evidence is what the paper ties to each position.",
        corpus.positions.len()
    );
    push_wrapped(&mut out, &intro, width, "", "");
    for p in &corpus.positions {
        out.push('\n');
        position(corpus, p, width, &mut out);
    }
    out
}

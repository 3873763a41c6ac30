//! The message header compacted for short panes (an 80×24 terminal): the
//! title, then the date and who wrote to whom, then the status and the rest,
//! each cut to fit (`message::header` is the full one).

use ratatui::text::{Line, Span};

use super::header_parts::{TITLE_SHOWN, footnotes, timing};
use crate::corpus::{Certainty, Corpus, Telegram};
use crate::text::sanitize;
use crate::theme::Theme;

/// The header in two or three lines, for short panes: the title on one
/// line; then the date and who wrote to whom, the month shortened ("8 Oct
/// 1950") before anything is cut; then the status, the timing against the
/// key events (its `‡` kept; the other dates only in the full header), the
/// footnotes and the archive, cut to fit.
pub fn header_compact(
    corpus: &Corpus,
    t: &Telegram,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let cut = |s: String| crate::text::truncate(&sanitize(&s), width);
    let mut out = vec![Line::styled(
        cut(crate::text::clipped(&t.title, TITLE_SHOWN)),
        theme.heading(),
    )];
    // The date, how sure it is, and who wrote to whom on a line of their
    // own: the month shortened before the names are cut (at 80×24 the
    // names were cut for the status). The status in a word or two
    // ("extant", "versions conflict", "existence disputed") leads the next
    // line; the kind only in the full header.
    let mut chain = corpus.chain(t);
    if t.side == crate::corpus::Side::Us {
        chain.push_str(" · US side");
    }
    let mut head = format!("{} · {chain}", t.date_line());
    if crate::text::width(&head) > width {
        let mut short = t.date.short();
        if t.date.day.is_some() {
            short.push_str(&format!(" {}", t.date.year));
        }
        if let Some(time) = t.time {
            short.push_str(&format!(", {time}"));
        }
        if t.certainty != Certainty::Exact {
            short.push_str(&format!(" ({})", t.certainty.marker()));
        }
        head = format!("{short} · {chain}");
    }
    let head = cut(head);
    let status_style = match t.status {
        crate::corpus::Status::Disputed => theme.disputed(),
        crate::corpus::Status::Conflict => theme.conflict(),
        crate::corpus::Status::Reported => theme.reported(),
        crate::corpus::Status::Extant => theme.label(),
    };
    let status = match t.status {
        crate::corpus::Status::Conflict | crate::corpus::Status::Disputed => t.status.label(),
        _ => t.status.name(),
    };
    let status = cut(status.to_string());
    // The status beside the names where it fits whole, else leading the
    // next line.
    let beside = crate::text::width(&head) + 3 + crate::text::width(&status) <= width;
    if beside {
        out.push(Line::from(vec![
            Span::styled(head, theme.label()),
            Span::styled(format!(" · {status}"), status_style),
        ]));
    } else {
        out.push(Line::styled(head, theme.label()));
    }
    let mut second = Vec::new();
    if let Some((line, _)) = timing(corpus, t) {
        second.push(line);
    }
    if !t.footnotes.is_empty() {
        second.push(format!("fn. {}", footnotes(&t.footnotes)));
    }
    if let Some(a) = &t.archive {
        second.push(a.clone());
    }
    if beside {
        if !second.is_empty() {
            out.push(Line::styled(cut(second.join(" · ")), theme.dim()));
        }
        return out;
    }
    let rest = width.saturating_sub(crate::text::width(&status));
    let mut line = vec![Span::styled(status, status_style)];
    if !second.is_empty() && rest > 3 {
        let more = crate::text::truncate(&sanitize(&second.join(" · ")), rest - 3);
        line.push(Span::styled(format!(" · {more}"), theme.dim()));
    }
    out.push(Line::from(line));
    out
}

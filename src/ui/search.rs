//! The search overlay: the query line, live ranked results (date, sender →
//! recipients, the field that matched and a snippet with the matched
//! characters highlighted), and a preview of the selected result. Snippets
//! and previews are computed only for what is on screen.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};
use rustc_hash::FxHashMap;

use super::text::{fit, sanitize, truncate, width};
use crate::app::App;
use crate::app::search::{SearchState, row_snippet};
use crate::layout::centered;
use crate::search::document::fields;
use crate::search::query::FieldKind;
use crate::search::snippet::matches;

/// Where the overlay and its parts go.
struct Parts {
    frame: Rect,
    query: Rect,
    info: Rect,
    results: Rect,
    preview: Rect,
}

fn parts(size: Size) -> Parts {
    let screen = Rect::new(0, 0, size.width, size.height.saturating_sub(1));
    let frame = centered(screen, 92, 92, 40, 10);
    let inner = super::content_rect(super::inner(frame));
    let query = Rect {
        height: inner.height.min(1),
        ..inner
    };
    let info = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1).min(1),
        ..inner
    };
    let body_h = inner.height.saturating_sub(3);
    let preview_h = if body_h >= 14 { body_h * 45 / 100 } else { 0 };
    let results = Rect {
        y: inner.y + 3,
        height: body_h - preview_h,
        ..inner
    };
    let preview = Rect {
        y: results.bottom(),
        height: preview_h,
        ..inner
    };
    Parts {
        frame,
        query,
        info,
        results,
        preview,
    }
}

/// How many result rows the overlay shows at this size.
pub fn result_rows(size: Size) -> usize {
    parts(size).results.height as usize
}

/// A line of text with some byte ranges styled as matches.
fn highlighted(text: &str, ranges: &[Range<usize>], base: Style, hl: Style) -> Vec<Span<'static>> {
    super::text::split_highlights(text, ranges)
        .into_iter()
        .map(|(s, h)| Span::styled(sanitize(s), if h { base.patch(hl) } else { base }))
        .collect()
}

pub fn render(app: &App, s: &SearchState, screen: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let p = parts(app.size);
    let frame = p.frame.intersection(screen);
    Clear.render(frame, buf);
    let hint = format!(
        "type to search · {}",
        super::key_hints(
            app,
            crate::keymap::Context::Search,
            &[
                (crate::action::Action::Down, "moves"),
                (crate::action::Action::Confirm, "opens"),
                (crate::action::Action::Close, "goes back"),
            ],
        )
    );
    let block = super::boxed("Search", Some(&hint), true, frame.width, theme);
    block.render(frame, buf);
    if p.results.height == 0 {
        return;
    }
    let w = p.query.width as usize;
    // The query line.
    let q = Line::from(vec![
        Span::styled("/ ", theme.key()),
        Span::raw(truncate(&sanitize(&s.query), w.saturating_sub(4))),
        Span::styled("▏", theme.key()),
    ]);
    Paragraph::new(q).render(p.query, buf);
    // The line below it: an error, progress, or the count.
    let info = match (&s.error, &s.hits) {
        (Some(e), _) => Line::styled(
            truncate(&format!("{}: {}", e.column + 1, e.message), w),
            theme.error(),
        ),
        (None, _) if !app.search_index_ready && app.search_index.is_none() => Line::styled(
            truncate(
                &format!("indexing {} telegrams…", app.corpus.telegrams.len()),
                w,
            ),
            theme.dim(),
        ),
        (None, Some(h)) => {
            let mut t = format!("{} hit{}", h.len(), if h.len() == 1 { "" } else { "s" });
            if !s.current() {
                t.push_str(" · searching…");
            } else if let Some(d) = s.took.filter(|d| !d.is_zero()) {
                t.push_str(&format!(" · {:.1} ms", d.as_secs_f64() * 1000.0));
            }
            Line::styled(truncate(&t, w), theme.dim())
        }
        (None, None) => Line::styled("searching…", theme.dim()),
    };
    Paragraph::new(info).render(p.info, buf);
    buf.set_stringn(p.info.x, p.info.y + 1, "─".repeat(w), w, theme.dim());
    let Some(hits) = &s.hits else { return };
    let query = crate::search::parse(&s.query).ok();
    // Result rows, each with a snippet of where it matched.
    let date_w = 11;
    let who_w = (w / 4).clamp(10, 30);
    let rest = w.saturating_sub(date_w + who_w + 4);
    let mut lines = Vec::new();
    for (i, hit) in hits
        .iter()
        .enumerate()
        .skip(s.offset)
        .take(p.results.height as usize)
    {
        let t = &app.corpus.telegrams[hit.record as usize];
        let who = format!(
            "{} → {}",
            app.corpus.names(&t.from),
            app.corpus.names(&t.to)
        );
        let mut spans = vec![
            Span::raw(if i == s.selected { "▸ " } else { "  " }),
            Span::styled(fit(&t.date.short(), date_w), theme.dim()),
            Span::styled(fit(&who, who_w), theme.heading()),
            Span::raw("  "),
        ];
        let snip = query.as_ref().filter(|q| !q.is_empty()).and_then(|q| {
            row_snippet(&app.corpus, q, hit.record as usize, rest.saturating_sub(10))
        });
        match snip {
            Some(sn) => {
                let label = format!("{}: ", sn.kind.label());
                spans.push(Span::styled(label.clone(), theme.dim()));
                let room = rest.saturating_sub(width(&label));
                let text = truncate(&sn.text, room);
                let keep: Vec<Range<usize>> = sn
                    .highlights
                    .iter()
                    .filter(|r| r.end <= text.len())
                    .cloned()
                    .collect();
                spans.extend(highlighted(
                    &text,
                    &keep,
                    Style::new(),
                    theme.search_match(),
                ));
            }
            None => spans.push(Span::raw(truncate(&sanitize(&t.title), rest))),
        }
        let mut line = Line::from(spans);
        if i == s.selected {
            line = line.style(theme.selected(true));
        }
        lines.push(line);
    }
    if hits.is_empty() && s.current() {
        lines.push(Line::styled("No telegram matches every term.", theme.dim()));
    }
    Paragraph::new(lines).render(p.results, buf);
    // Preview of the selected result, at its match.
    if p.preview.height > 1
        && let Some(hit) = hits.get(s.selected)
        && let Some(q) = &query
    {
        let t = &app.corpus.telegrams[hit.record as usize];
        let fs = fields(&app.corpus, t);
        let mut hl: FxHashMap<usize, Vec<Range<usize>>> = FxHashMap::default();
        let ms = matches(q, &fs);
        for m in &ms {
            if fs[m.field].kind == FieldKind::Passage {
                hl.insert(fs[m.field].index, m.ranges.clone());
            }
        }
        let text = super::message::build(&app.corpus, t, theme, w, None, None, &hl);
        let first = ms
            .iter()
            .find(|m| fs[m.field].kind == FieldKind::Passage)
            .and_then(|m| text.passage_lines.get(fs[m.field].index).copied())
            .unwrap_or(0);
        buf.set_stringn(
            p.preview.x,
            p.preview.y,
            format!("── preview {}", "─".repeat(w)),
            w,
            theme.dim(),
        );
        let body = Rect {
            y: p.preview.y + 1,
            height: p.preview.height - 1,
            ..p.preview
        };
        let lines: Vec<Line> = text
            .lines
            .iter()
            .skip(first)
            .take(body.height as usize)
            .cloned()
            .collect();
        Paragraph::new(lines).render(body, buf);
    }
}

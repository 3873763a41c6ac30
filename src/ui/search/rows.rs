//! The search overlay's two lists, laid out: the result rows (date, who to
//! whom, a snippet of where each matched, the matched words marked) and the
//! preview of the selected telegram at its match.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use rustc_hash::FxHashMap;

use super::{Parts, Search};
use crate::app::search::row_snippet;
use crate::search::document::fields;
use crate::search::query::{FieldKind, Query};
use crate::search::snippet::matches;
use crate::text::{fit, sanitize, split_highlights, truncate, width};
use crate::ui::component::Cx;
use crate::view::message;

/// A line of text with some byte ranges styled as matches.
pub(super) fn highlighted(
    text: &str,
    ranges: &[Range<usize>],
    base: Style,
    hl: Style,
) -> Vec<Span<'static>> {
    split_highlights(text, ranges)
        .into_iter()
        .map(|(s, h)| Span::styled(sanitize(s), if h { base.patch(hl) } else { base }))
        .collect()
}

impl Search {
    pub(super) fn results(&self, cx: &Cx, p: &Parts, query: Option<&Query>) -> Vec<Line<'static>> {
        let (app, theme) = (&*cx.app, cx.theme);
        let s = self;
        let w = p.query.width as usize;
        let Some(hits) = &s.hits else {
            return Vec::new();
        };
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
            let snip = query.filter(|q| !q.is_empty()).and_then(|q| {
                row_snippet(
                    &app.corpus,
                    &app.store.notes,
                    q,
                    hit.record as usize,
                    rest.saturating_sub(10),
                )
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
            lines.push(Line::styled(
                if s.query.trim().is_empty() {
                    "Type to search: words, names in any script, dates."
                } else {
                    "No telegram matches every term."
                },
                theme.dim(),
            ));
        }
        lines
    }

    pub(super) fn preview(&self, cx: &Cx, p: &Parts, query: Option<&Query>) -> Vec<Line<'static>> {
        let (app, theme) = (&*cx.app, cx.theme);
        let w = p.query.width as usize;
        let (Some(hits), Some(q)) = (&self.hits, query) else {
            return Vec::new();
        };
        let Some(hit) = hits.get(self.selected).filter(|_| p.preview.height > 1) else {
            return Vec::new();
        };
        let t = &app.corpus.telegrams[hit.record as usize];
        let fs = fields(&app.corpus, t);
        let mut hl: FxHashMap<usize, Vec<Range<usize>>> = FxHashMap::default();
        let ms = matches(q, &fs);
        for m in &ms {
            if fs[m.field].kind == FieldKind::Passage {
                hl.insert(fs[m.field].index, m.ranges.clone());
            }
        }
        let text = message::build(&app.corpus, t, theme, w, None, None, &hl);
        let first = ms
            .iter()
            .find(|m| fs[m.field].kind == FieldKind::Passage)
            .and_then(|m| text.passage_lines.get(fs[m.field].index).copied())
            .unwrap_or(0);
        let room = p.preview.height.saturating_sub(1) as usize;
        text.lines.into_iter().skip(first).take(room).collect()
    }
}

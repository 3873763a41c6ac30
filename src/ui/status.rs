//! The status line: mode, position, filter, a one-off message, and key hints
//! for the component on top, with the keys from the live keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::component::{Component, RenderCx};
use crate::action::Action;
use crate::app::Pane;
use crate::keymap::Context;
use crate::text::{truncate, width};

pub fn render(
    cx: &RenderCx,
    top: &dyn Component,
    word: Option<String>,
    area: Rect,
    buf: &mut Buffer,
) {
    let (app, theme) = (cx.app, cx.theme);
    let mut left = vec![Span::styled(
        format!(" {} ", top.mode(app)),
        theme.mode().patch(theme.status_bar()),
    )];
    if let Some(w) = word {
        left.push(Span::styled(format!(" {w} "), theme.heading()));
    }
    // Where the telegram being read stands in the list: the list's cursor
    // while the list has the focus, else the open telegram ("–" when a
    // filter leaves it out).
    let pos = match app.open {
        Some(open) if app.focus != Pane::List => app.list.position_of(open),
        _ => app.list.position(),
    };
    let pos = pos.map_or_else(
        || {
            if app.list.count() == 0 {
                "0".into()
            } else {
                "–".into()
            }
        },
        |p| p.to_string(),
    );
    left.push(Span::raw(format!(" {pos}/{} ", app.list.count())));
    // Reading progress, in the reader (an overlay needs the room for its keys).
    let in_reader = matches!(
        top.context(app),
        Context::List | Context::Message | Context::Annotations
    );
    if in_reader && app.read_marks && !app.read.is_empty() {
        left.push(Span::styled(
            format!(" read {}/{} ", app.read.len(), app.corpus.telegrams.len()),
            theme.dim(),
        ));
    }
    // The search thread building its index: the reader is usable, and says
    // what it is doing.
    if let Some(l) = app.loading_label() {
        left.push(Span::styled(format!(" {l} "), theme.dim()));
    } else if let (false, Some(p)) = (app.search_ready, app.index_progress) {
        left.push(Span::styled(format!(" indexing {p} % "), theme.dim()));
    }
    // The list's filter, where its key clears it (an overlay needs the
    // room for its own keys).
    if let Some(p) = app.list.filter.as_ref().filter(|_| in_reader) {
        let clear = cx.hints.key(Context::List, Action::Filter);
        left.push(Span::styled(
            format!(" filter: {} ({clear} clears) ", p.label(&app.corpus)),
            theme.key(),
        ));
    }
    // The last search's counter, for `n`/`N` in the reader; an overlay
    // (the search itself, typing another query) says its own.
    if let Some(h) = app.hit_position().filter(|_| in_reader) {
        left.push(Span::styled(format!(" {h} "), theme.key()));
    }
    if let Some(f) = &app.flash {
        let flash = Span::styled(format!(" {f} "), theme.heading());
        let before: usize = left.iter().map(|s| width(&s.content)).sum();
        if before + width(&flash.content) > area.width as usize {
            // A message too long for the line keeps it to itself, after
            // the mode: the position, the filter and the keys come back
            // with the next key.
            left.truncate(1);
            let room = (area.width as usize).saturating_sub(width(&left[0].content) + 2);
            left.push(Span::styled(
                format!(" {} ", truncate(f, room)),
                theme.heading(),
            ));
        } else {
            left.push(flash);
        }
    }
    let used: usize = left.iter().map(|s| width(&s.content)).sum();
    let room = (area.width as usize).saturating_sub(used + 1);
    let mut right: Vec<Span> = Vec::new();
    let mut right_w = 0;
    let ctx = top.context(app);
    let hints = top
        .hints(cx)
        .into_iter()
        .filter_map(|(a, label)| cx.hints.get(ctx, a).map(|k| (k, label)));
    for (keys, label) in hints {
        let piece_w = width(keys) + width(label) + 3;
        if right_w + piece_w > room {
            break;
        }
        right.push(Span::styled(keys.to_string(), theme.key()));
        right.push(Span::raw(format!(" {label}  ")));
        right_w += piece_w;
    }
    let pad = (area.width as usize).saturating_sub(used + right_w);
    left.push(Span::raw(" ".repeat(pad)));
    left.extend(right);
    let line = Line::from(left).style(theme.status_bar());
    // Never wider than the terminal.
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    if width(&text) > area.width as usize {
        Paragraph::new(Line::styled(
            truncate(&text, area.width as usize),
            theme.status_bar(),
        ))
        .render(area, buf);
    } else {
        Paragraph::new(line).render(area, buf);
    }
}

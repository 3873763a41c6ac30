//! The correspondence list pane.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::Pane;
use crate::app::list::{Grouping, Row};
use crate::corpus::{Status, Telegram};
use crate::text::{fit, truncate, width};
use crate::ui::component::RenderCx;
use crate::ui::widgets::boxed;

/// The two marks before a title: status (`!` existence disputed, `‽`
/// versions conflict, `?` reported only) and `⇄` for a telegram with
/// several versions.
pub fn marks(t: &Telegram) -> (&'static str, &'static str) {
    let status = match t.status {
        Status::Disputed => "!",
        Status::Conflict => "‽",
        Status::Reported => "?",
        Status::Extant => " ",
    };
    (status, if t.is_multi_witness() { "⇄" } else { " " })
}

/// " 2 Oct", "   Aug", "  1950": a date in six columns.
pub fn short_date(t: &Telegram) -> String {
    let s = match (t.date.month, t.date.day) {
        (Some(m), Some(d)) => format!("{d} {}", &crate::corpus::Date::month_name(m)[..3]),
        (Some(m), None) => crate::corpus::Date::month_name(m)[..3].to_string(),
        _ => t.date.year.to_string(),
    };
    format!("{s:>6}")
}

/// The quiet mark of a telegram opened before (now or in an earlier run),
/// or of a bookmarked one; a space where marks are off.
fn read_mark(app: &crate::app::App, i: usize) -> &'static str {
    if app.is_bookmarked(i) {
        "*"
    } else if app.read_marks && app.read.contains(&i) {
        "·"
    } else {
        " "
    }
}

pub fn render(cx: &RenderCx, area: Rect, buf: &mut Buffer) {
    let (app, theme) = (cx.app, cx.theme);
    let focused = app.focus == Pane::List;
    let title = match &app.list.filter {
        Some(f) => format!("{} · {}", f.label(&app.corpus), app.list.count()),
        None => format!("Correspondence · {}", app.list.count()),
    };
    let block = boxed(&title, None, focused, area.width, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for (i, row) in app
        .list
        .rows
        .iter()
        .enumerate()
        .skip(app.list.offset)
        .take(inner.height as usize)
    {
        let selected = i == app.list.selected;
        let line = match row {
            Row::Group { label, count, .. } => {
                let count = format!(" {count}");
                let label_w = w.saturating_sub(width(&count));
                Line::from(vec![
                    Span::styled(fit(label, label_w), theme.group_header()),
                    Span::styled(count, theme.dim()),
                ])
            }
            Row::Telegram(ti) => {
                let t = &app.corpus.telegrams[*ti];
                let (status, versions) = marks(t);
                let status_style = match t.status {
                    Status::Disputed => theme.disputed(),
                    Status::Conflict => theme.conflict(),
                    _ => theme.reported(),
                };
                let open = if app.open == Some(*ti) { "▸" } else { " " };
                let indent = if app.list.grouping == Grouping::Pairs {
                    " "
                } else {
                    ""
                };
                let mut spans = vec![
                    Span::raw(format!("{open}{indent}")),
                    Span::styled(short_date(t), theme.dim()),
                    Span::styled(read_mark(app, *ti), theme.dim()),
                    Span::styled(status, status_style),
                    Span::styled(versions, theme.versions()),
                    Span::raw(" "),
                ];
                // Listed because the filtered person passed it on.
                if app.list.filter.as_ref().is_some_and(|f| f.conveyed(t)) {
                    // Bracketed, so that it does not read as the title's
                    // first word ("via Nine Chinese divisions…").
                    spans.push(Span::styled("(via) ", theme.dim()));
                }
                let used: usize = spans.iter().map(|s| width(&s.content)).sum();
                let rest = w.saturating_sub(used);
                if app.list.grouping == Grouping::Flat {
                    let who = format!(
                        "{} → {}",
                        app.corpus.names(&t.from),
                        app.corpus.names(&t.to)
                    );
                    // Who wrote to whom, then as much of the title as fits; in a
                    // very narrow pane only the title (`>` widens the pane, `z`
                    // gives it the screen).
                    let who_w = match rest {
                        0..16 => 0,
                        16..50 => rest / 2,
                        _ => rest * 2 / 5,
                    };
                    let who = fit(&truncate(&who, who_w.saturating_sub(1)), who_w);
                    let title_w = rest.saturating_sub(who_w);
                    spans.push(Span::styled(who, theme.heading()));
                    spans.push(Span::raw(fit(&t.title, title_w)));
                } else {
                    spans.push(Span::raw(fit(&t.title, rest)));
                }
                let mut line = Line::from(spans);
                if selected {
                    line = line.style(theme.selected(focused));
                }
                line
            }
        };
        lines.push(line);
    }
    if app.list.rows.is_empty() {
        lines.push(Line::styled("No telegrams match.", theme.dim()));
    }
    Paragraph::new(lines)
        .style(Style::default())
        .render(inner, buf);
    crate::ui::widgets::scrollbar(
        app.list.rows.len(),
        app.list.offset,
        inner.height as usize,
        area,
        buf,
        theme,
    );
}

//! The person picker behind `f`: type to narrow, choose with enter.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::text::{fit, truncate};
use crate::app::{App, FilterPicker};
use crate::layout::centered;

pub fn render(app: &App, p: &FilterPicker, screen: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let r = centered(screen, 50, 70, 36, 12).intersection(screen);
    Clear.render(r, buf);
    let hint = format!(
        "type · {}",
        super::key_hints(
            app,
            crate::keymap::Context::Filter,
            &[
                (crate::action::Action::Confirm, "filters"),
                (crate::action::Action::Close, "cancels"),
            ],
        )
    );
    let block = super::boxed("Filter by person", Some(&hint), true, r.width, theme);
    let inner = block.inner(r);
    block.render(r, buf);
    let content = super::content_rect(inner);
    let w = content.width as usize;
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Person: ", theme.label()),
            Span::raw(truncate(&p.query, w.saturating_sub(10))),
            Span::styled("▏", theme.key()),
        ]),
        Line::raw(""),
    ];
    let room = (content.height as usize).saturating_sub(2);
    let start = p.selected.saturating_sub(room.saturating_sub(1));
    for (i, (id, n)) in p.matches.iter().enumerate().skip(start).take(room) {
        let person = app.corpus.person(id);
        let mut label = app.corpus.name(id).to_string();
        if let Some(full) = person
            .and_then(|p| p.full_name.as_deref())
            .filter(|f| *f != label)
        {
            label.push_str(&format!(" ({full})"));
        }
        let count = format!(" {n}");
        let mut line = Line::from(vec![
            Span::raw(fit(&label, w.saturating_sub(count.len()))),
            Span::styled(count, theme.dim()),
        ]);
        if i == p.selected {
            line = line.style(theme.selected(true));
        }
        lines.push(line);
    }
    if p.matches.is_empty() {
        lines.push(Line::styled("nobody matches", theme.dim()));
    }
    Paragraph::new(lines).render(content, buf);
}

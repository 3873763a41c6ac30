//! The status line: mode, position, filter, a one-off message, and key hints
//! for what has the focus, taken from the live keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::text::{truncate, width};
use crate::action::Action;
use crate::app::App;

/// (action, what the hint calls it) per context.
fn hint_actions(app: &App) -> &'static [(Action, &'static str)] {
    use crate::keymap::Context::*;
    match app.context() {
        List => &[
            (Action::Down, "move"),
            (Action::Open, "open"),
            (Action::ToggleGrouping, "group"),
            (Action::Filter, "filter"),
            (Action::FocusNext, "pane"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        Message => &[
            (Action::Down, "scroll"),
            (Action::NextPassage, "passage"),
            (Action::AddNote, "note"),
            (Action::HalfPageDown, "½ page"),
            (Action::NextTelegram, "next"),
            (Action::PrevTelegram, "prev"),
            (Action::FocusNext, "pane"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        Annotations => &[
            (Action::Down, "next note"),
            (Action::Up, "prev note"),
            (Action::AddNote, "add"),
            (Action::EditNote, "edit"),
            (Action::DeleteNote, "delete"),
            (Action::FocusNext, "pane"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        Help => &[(Action::Down, "scroll"), (Action::Close, "close")],
        Filter => &[
            (Action::Down, "move"),
            (Action::Confirm, "filter"),
            (Action::Close, "cancel"),
        ],
        Compare => &[
            (Action::Down, "scroll"),
            (Action::NextDivergent, "next divergence"),
            (Action::PrevDivergent, "prev"),
            (Action::ToggleSync, "sync"),
            (Action::SwitchSide, "side"),
            (Action::SwapSides, "swap"),
            (Action::Close, "back"),
            (Action::Help, "help"),
        ],
        Search => &[
            (Action::Down, "move"),
            (Action::Confirm, "open"),
            (Action::ClearInput, "clear"),
            (Action::Close, "back"),
        ],
        Editor => &[(Action::Save, "save"), (Action::Close, "close")],
        Confirm => &[(Action::Yes, "yes"), (Action::No, "no")],
        Citation => &[(Action::Close, "close")],
        Timeline => &[
            (Action::Open, "open"),
            (Action::Down, "lane"),
            (Action::NextTelegram, "next telegram"),
            (Action::Close, "back"),
            (Action::Help, "help"),
        ],
        Matrix => &[
            (Action::Down, "sender"),
            (Action::Right, "recipient"),
            (Action::Open, "filter the list"),
            (Action::Close, "back"),
        ],
        Global => &[],
    }
}

pub fn hints(app: &App) -> Vec<(String, &'static str)> {
    let ctx = app.context();
    let mut actions: Vec<(Action, &'static str)> = hint_actions(app).to_vec();
    // On a telegram with several versions, comparing them comes first.
    let versions = match ctx {
        crate::keymap::Context::List => app
            .list
            .selected_telegram()
            .map(|i| &app.corpus.telegrams[i]),
        crate::keymap::Context::Message | crate::keymap::Context::Annotations => app.telegram(),
        _ => None,
    };
    if versions.is_some_and(|t| t.is_multi_witness()) {
        actions.insert(0, (Action::Compare, "compare"));
    }
    // Edit and delete apply to the reader's own notes only.
    if !matches!(
        app.selected_note(),
        Some(crate::ui::annotations::NoteRef::Mine(_))
    ) {
        actions.retain(|(a, _)| !matches!(a, Action::EditNote | Action::DeleteNote));
    }
    actions
        .iter()
        .filter_map(|(a, label)| app.keymap.hint(ctx, *a).map(|k| (k, *label)))
        .collect()
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let mut left = vec![Span::styled(
        format!(" {} ", app.mode()),
        theme.mode().patch(theme.status_bar()),
    )];
    let compare = app.overlays.iter().rev().find_map(|o| match o {
        crate::app::Overlay::Compare(c) => Some(c),
        _ => None,
    });
    if let Some(c) = compare {
        let side = if c.active == 0 { "left" } else { "right" };
        let mode = if c.sync {
            "synced".to_string()
        } else {
            format!("apart · {side} scrolls")
        };
        left.push(Span::styled(format!(" {mode} "), theme.heading()));
    }
    if let Some(pos) = app.list.position() {
        left.push(Span::raw(format!(" {pos}/{} ", app.list.count())));
    } else {
        left.push(Span::raw(format!(" 0/{} ", app.list.count())));
    }
    if let Some(p) = &app.list.filter {
        let clear = app
            .keymap
            .hint(crate::keymap::Context::List, Action::Filter)
            .unwrap_or_default();
        left.push(Span::styled(
            format!(" filter: {} ({clear} clears) ", p.label(&app.corpus)),
            theme.key(),
        ));
    }
    if let Some(h) = app.hit_position() {
        left.push(Span::styled(format!(" {h} "), theme.key()));
    }
    if let Some(f) = &app.flash {
        left.push(Span::styled(format!(" {f} "), theme.heading()));
    }
    let used: usize = left.iter().map(|s| width(&s.content)).sum();
    let room = (area.width as usize).saturating_sub(used + 1);
    let mut right: Vec<Span> = Vec::new();
    let mut right_w = 0;
    for (keys, label) in hints(app) {
        let piece_w = width(&keys) + width(label) + 3;
        if right_w + piece_w > room {
            break;
        }
        right.push(Span::styled(keys, theme.key()));
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

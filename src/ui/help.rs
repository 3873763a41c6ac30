//! The help overlay, generated from the active keymap: rebinding a key in
//! keymap.toml changes what help says.

use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::text::{fit, wrap};
use super::theme::Theme;
use crate::app::{App, HelpState};
use crate::keymap::{Context, Keymap};
use crate::layout::centered;

/// Where the overlay sits on a screen of `size`.
pub fn area(size: Size) -> Rect {
    centered(Rect::new(0, 0, size.width, size.height), 80, 86, 60, 16)
}

/// Rows of text the overlay shows at once.
pub fn body_height(size: Size) -> usize {
    super::inner(area(size)).height as usize
}

fn text_width(size: Size) -> usize {
    super::content_rect(super::inner(area(size))).width as usize
}

/// The help text for a keymap.
pub fn lines(
    keymap: &Keymap,
    keymap_file: Option<&str>,
    theme: &Theme,
    width: usize,
    first: Context,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let para = |out: &mut Vec<Line<'static>>, s: &str, style| {
        out.extend(wrap(&[(s.to_string(), style)], width, &[], &[]))
    };
    para(&mut out, "Reading", theme.heading());
    para(
        &mut out,
        "│ “…”  a quote: the telegram’s own words, verbatim as the source paper prints them",
        theme.quote(),
    );
    para(
        &mut out,
        "┊ summary:  the editors’ paraphrase of what the paper says the message said",
        theme.summary(),
    );
    para(
        &mut out,
        "List marks:  ! disputed   ? reported only (no published text)   ⇄ several versions   ▸ open",
        theme.dim(),
    );
    para(
        &mut out,
        "Headers count days from the paper’s key events; ‡ marks an event the paper dates two ways.",
        theme.dim(),
    );
    out.push(Line::raw(""));
    let key_w = 16.min(width / 3);
    // The keys of where help was opened from come first.
    let mut order = vec![first];
    for ctx in [
        Context::Global,
        Context::List,
        Context::Message,
        Context::Annotations,
        Context::Compare,
        Context::Search,
        Context::Timeline,
        Context::Matrix,
        Context::Filter,
        Context::Help,
    ] {
        if ctx != first {
            order.push(ctx);
        }
    }
    for ctx in order {
        let bindings = keymap.bindings(ctx);
        if bindings.is_empty() {
            continue;
        }
        para(&mut out, ctx.title(), theme.heading());
        for (action, keys) in bindings {
            let k = keys
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join(" ");
            let first = vec![
                Span::styled(fit(&format!("  {k}"), key_w), theme.key()),
                Span::raw(" "),
            ];
            let rest = vec![Span::raw(" ".repeat(key_w + 1))];
            out.extend(wrap(
                &[(action.description().to_string(), Default::default())],
                width,
                &first,
                &rest,
            ));
        }
        out.push(Line::raw(""));
    }
    let path = keymap_file.unwrap_or("$XDG_CONFIG_HOME/shifr/keymap.toml");
    para(
        &mut out,
        &format!("Your keymap: {path} (or --keymap FILE) overrides these key by key."),
        theme.dim(),
    );
    para(
        &mut out,
        "Mouse: the wheel scrolls the pane under the pointer; a click focuses and selects.",
        theme.dim(),
    );
    out
}

pub fn line_count(app: &App) -> usize {
    let from = app.overlays.iter().rev().find_map(|o| match o {
        crate::app::Overlay::Help(h) => Some(h.from),
        _ => None,
    });
    lines(
        &app.keymap,
        app.keymap_file.as_deref(),
        &app.theme,
        text_width(app.size),
        from.unwrap_or(Context::Global),
    )
    .len()
}

pub fn render(app: &App, state: &HelpState, screen: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let r = area(app.size).intersection(screen);
    Clear.render(r, buf);
    let hint = super::key_hints(
        app,
        Context::Help,
        &[
            (crate::action::Action::Close, "closes"),
            (crate::action::Action::Down, "scrolls"),
        ],
    );
    let block = super::boxed("Help", Some(&hint), true, r.width, theme);
    let inner = block.inner(r);
    block.render(r, buf);
    let content = super::content_rect(inner);
    let all = lines(
        &app.keymap,
        app.keymap_file.as_deref(),
        theme,
        content.width as usize,
        state.from,
    );
    let shown: Vec<Line> = all
        .iter()
        .skip(state.scroll)
        .take(content.height as usize)
        .cloned()
        .collect();
    Paragraph::new(shown).render(content, buf);
    super::scrollbar(
        all.len(),
        state.scroll,
        content.height as usize,
        r,
        buf,
        theme,
    );
}

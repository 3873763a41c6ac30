//! The help text, generated from the active keymap: rebinding a key in
//! keymap.toml changes what help says. Every context of the keymap is
//! listed, the one help was opened from first.

use ratatui::text::{Line, Span};

use crate::keymap::{Context, Keymap};
use crate::text::{fit, wrap};
use crate::theme::Theme;

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
    order.extend(Context::ALL.iter().copied().filter(|c| *c != first));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_context_with_keys_is_listed_and_the_first_comes_first() {
        let km = Keymap::defaults();
        let text: Vec<String> = lines(&km, None, &Theme::plain(), 80, Context::Compare)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        let at = |title: &str| text.iter().position(|l| l == title);
        for &ctx in Context::ALL {
            if !km.bindings(ctx).is_empty() {
                assert!(at(ctx.title()).is_some(), "help lacks {}", ctx.title());
            }
        }
        assert!(at(Context::Compare.title()) < at(Context::Global.title()));
        for title in ["Note editor", "Confirmation", "Citation"] {
            assert!(at(title).is_some(), "help lacks {title}");
        }
    }
}

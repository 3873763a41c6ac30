//! The help text, generated from the active keymap: rebinding a key in
//! keymap.toml changes what help says. Every context of the keymap is
//! listed, the one help was opened from first.

use ratatui::text::{Line, Span};

use crate::action::Action;
use crate::keymap::{Context, Key, Keymap};
use crate::text::{fit, wrap};
use crate::theme::Theme;

/// Whether typed characters are text in a context (so global keys that
/// type a character do not reach it).
fn takes_text(ctx: Context) -> bool {
    matches!(
        ctx,
        Context::Search | Context::Filter | Context::Editor | Context::Find
    )
}

/// What an action does in a context, where that is more than its general
/// description says.
fn in_context(ctx: Context, a: Action) -> Option<&'static str> {
    use Action as A;
    use Context as C;
    Some(match (ctx, a) {
        (C::List, A::Down) => "the next telegram",
        (C::List, A::Up) => "the previous telegram",
        (C::List, A::Top) => "the first telegram",
        (C::List, A::Bottom) => "the last telegram",
        (C::Message, A::Down) => "scroll down",
        (C::Message, A::Up) => "scroll up",
        (C::Message, A::Top) => "the top of the telegram",
        (C::Message, A::Bottom) => "the end of the telegram",
        (C::Annotations, A::Down) => "the next note (or the rest of a long one)",
        (C::Annotations, A::Up) => "the previous note (or the start of a long one)",
        (C::Annotations, A::Top) => "the first note",
        (C::Annotations, A::Bottom) => "the last note",
        (C::Editor, A::Down) => "the line below",
        (C::Editor, A::Up) => "the line above",
        (C::Editor, A::Top) => "the start of the line",
        (C::Editor, A::Bottom) => "the end of the line",
        (C::Compare, A::Down) => "scroll down (the active column, when apart)",
        (C::Compare, A::Up) => "scroll up (the active column, when apart)",
        (C::Compare, A::Top) => "the first row",
        (C::Compare, A::Yank) => "copy a citation of the version in the active column",
        (C::Compare, A::Bottom) => "the last row",
        (C::Search | C::Filter, A::Down) => "the next match",
        (C::Search | C::Filter, A::Up) => "the previous match",
        (C::Search | C::Filter, A::Top) => "the first match",
        (C::Search | C::Filter, A::Bottom) => "the last match",
        (C::Search, A::Confirm) => "open the telegram, at the match",
        (C::Filter, A::Confirm) => "filter the list to this person",
        (C::Help, A::Down) => "scroll down",
        (C::Help, A::Up) => "scroll up",
        (C::Help, A::Top) => "the top of help",
        (C::Help, A::Bottom) => "the end of help",
        (C::Timeline, A::Down) => "the next lane (sender)",
        (C::Timeline, A::Up) => "the previous lane (sender)",
        (C::Timeline, A::Top) => "the first day",
        (C::Timeline, A::Bottom) => "the last day",
        (C::Timeline, A::NextTelegram) => "the next telegram in this lane",
        (C::Timeline, A::PrevTelegram) => "the previous telegram in this lane",
        (C::Timeline, A::Open) => "open the telegram under the cursor in the reader",
        (C::Timeline, A::Timeline) => "close the timeline",
        (C::Timeline, A::Left) => "a day (or a column) back",
        (C::Timeline, A::Right) => "a day (or a column) on",
        (C::Matrix, A::Down) => "the next sender",
        (C::Matrix, A::Up) => "the previous sender",
        (C::Matrix, A::Left) => "the previous recipient",
        (C::Matrix, A::Right) => "the next recipient",
        (C::Matrix, A::Top) => "the first sender",
        (C::Matrix, A::Bottom) => "the last sender",
        (C::Matrix, A::Open) => "narrow the list to this pair of correspondents",
        (C::Matrix, A::Matrix) => "close the matrix",
        (C::Bookmarks, A::Down) => "the next bookmark",
        (C::Bookmarks, A::Up) => "the previous bookmark",
        (C::Bookmarks, A::Top) => "the first bookmark",
        (C::Bookmarks, A::Bottom) => "the last bookmark",
        (C::Bookmarks, A::Open) => {
            "go to the bookmark (its passage under the cursor); jumping back returns"
        }
        (C::Bookmarks, A::Bookmarks) => "close the bookmarks",
        (C::Find, A::Confirm | A::Down) => "the next occurrence (after the last, the first)",
        (C::Find, A::Up) => "the previous occurrence",
        (C::Find, A::ClearInput) => "clear the word",
        (C::Find, A::Close) => "close the find bar and its marks",
        (C::Apparatus, A::Down) => "the next footnote or work (or what cites it)",
        (C::Apparatus, A::Up) => "the previous footnote or work (or what cites it)",
        (C::Apparatus, A::Open) => "to what cites it; there, open it in the reader",
        (C::Apparatus, A::SwitchSide) => "between the list and what cites the selected one",
        (C::Apparatus, A::Apparatus) => "close the footnotes",
        (C::Citation, A::CopyShort) => "copy the short form, for second references",
        (C::Debate, A::Down) => "the next position (or piece of evidence)",
        (C::Debate, A::Up) => "the previous position (or piece of evidence)",
        (C::Debate, A::Top) => "the first position (or piece of evidence)",
        (C::Debate, A::Bottom) => "the last position (or piece of evidence)",
        (C::Debate, A::Open) => "to the evidence; on a telegram, open it in the reader",
        (C::Debate, A::SwitchSide) => "between the positions and their evidence",
        (C::Debate, A::Debate) => "close the debate view",
        (C::Debate, A::Timeline) => "the timeline, with this position's evidence marked",
        (C::Debate, A::HalfPageDown | A::PageDown) => "scroll the position down",
        (C::Debate, A::HalfPageUp | A::PageUp) => "scroll the position up",
        _ => return None,
    })
}

/// Help's title for the global keys that work on every screen.
pub const EVERYWHERE: &str = "Everywhere (where you type text, only the keys that type none)";

/// Help's title for the other global keys: they act in the reader's panes.
pub const IN_THE_READER: &str = "In the reader, in every pane";

/// Whether a global action works on every screen (it falls through any
/// overlay to the reader), not only in the reader's panes.
pub fn everywhere(a: Action) -> bool {
    matches!(
        a,
        Action::Quit | Action::Suspend | Action::ToggleMouse | Action::Help
    )
}

/// The keys that reach each action in a context, and what the action does
/// there: the context's own keys, and the global keys it does not shadow
/// (not those that type a character where characters are text). In the
/// global context, the global keys.
pub fn entries(keymap: &Keymap, ctx: Context) -> Vec<(Action, Vec<Key>, &'static str)> {
    let actions: Vec<Action> = if ctx == Context::Global {
        Action::ALL.to_vec()
    } else {
        Action::ALL
            .iter()
            .copied()
            .filter(|a| ctx.actions().contains(a))
            .collect()
    };
    actions
        .into_iter()
        .filter_map(|a| {
            let mut keys = keymap.keys_for(ctx, a);
            if ctx != Context::Global {
                keys.extend(keymap.keys_for(Context::Global, a).into_iter().filter(|k| {
                    keymap.action(ctx, k).is_none()
                        && !(takes_text(ctx) && k.typed_char().is_some())
                }));
            }
            let what = in_context(ctx, a).unwrap_or(a.description());
            (!keys.is_empty()).then_some((a, keys, what))
        })
        .collect()
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
        "List marks:  ! existence disputed   ‽ versions conflict (each held genuine)   ? reported only (no published text)   ⇄ several versions   · read (after the date)   ▸ open",
        theme.dim(),
    );
    para(
        &mut out,
        "Comparison rows:  ✗ contradicts   ≈ softens   ≠ differs   = matches   ∅ no counterpart in this version   … not in the paper's excerpt",
        theme.dim(),
    );
    para(
        &mut out,
        "Headers count days from the paper’s key events; ‡ marks an event the paper dates two ways.",
        theme.dim(),
    );
    out.push(Line::raw(""));
    let key_w = 16.min(width / 3);
    let section =
        |out: &mut Vec<Line<'static>>, title: &str, list: Vec<(Action, Vec<Key>, &'static str)>| {
            if list.is_empty() {
                return;
            }
            out.extend(wrap(
                &[(title.to_string(), theme.heading())],
                width,
                &[],
                &[],
            ));
            for (_, keys, what) in list {
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
                    &[(what.to_string(), Default::default())],
                    width,
                    &first,
                    &rest,
                ));
            }
            out.push(Line::raw(""));
        };
    // The keys of where help was opened from come first.
    let mut order = vec![first];
    order.extend(Context::ALL.iter().copied().filter(|c| *c != first));
    for ctx in order {
        let list = entries(keymap, ctx);
        if ctx == Context::Global {
            // Quitting, suspending and help work on every screen; the rest
            // of the global keys in the reader's panes.
            let (all, reader): (Vec<_>, Vec<_>) =
                list.into_iter().partition(|(a, _, _)| everywhere(*a));
            section(&mut out, EVERYWHERE, all);
            section(&mut out, IN_THE_READER, reader);
        } else {
            section(&mut out, ctx.title(), list);
        }
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
            if !km.bindings(ctx).is_empty() && ctx != Context::Global {
                assert!(at(ctx.title()).is_some(), "help lacks {}", ctx.title());
            }
        }
        assert!(at(Context::Compare.title()) < at(EVERYWHERE));
        assert!(at(EVERYWHERE) < at(IN_THE_READER));
        for title in ["Note editor", "Confirmation", "Citation"] {
            assert!(at(title).is_some(), "help lacks {title}");
        }
    }
}

//! The note editor popup and the yes/no confirmation.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;

use super::text::grapheme_width;
use crate::action::Action;
use crate::app::App;
use crate::app::notes::{ConfirmState, EditorState};
use crate::keymap::Context;
use crate::layout::centered;

/// The text broken into screen rows of at most `width` columns (by
/// grapheme, so no character is split), and the row and column of the
/// cursor.
pub fn layout(text: &str, cursor: usize, width: usize) -> (Vec<String>, (usize, usize)) {
    let width = width.max(1);
    let mut rows = vec![String::new()];
    let mut col = 0;
    let mut at = (0, 0);
    let mut offset = 0;
    for g in text.graphemes(true) {
        if offset == cursor {
            at = (rows.len() - 1, col);
        }
        offset += g.len();
        if g == "\n" || g == "\r\n" {
            rows.push(String::new());
            col = 0;
            continue;
        }
        let w = grapheme_width(g);
        if col + w > width {
            rows.push(String::new());
            col = 0;
        }
        rows.last_mut().expect("a row").push_str(g);
        col += w;
    }
    if offset == cursor {
        if col >= width {
            rows.push(String::new());
            col = 0;
        }
        at = (rows.len() - 1, col);
    }
    (rows, at)
}

pub fn render(app: &App, ed: &EditorState, screen: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let r = centered(screen, 70, 60, 40, 10).intersection(screen);
    Clear.render(r, buf);
    let hint = if ed.confirm_discard {
        super::key_hints(
            app,
            Context::Confirm,
            &[(Action::Yes, "discards"), (Action::No, "keeps editing")],
        )
    } else {
        super::key_hints(
            app,
            Context::Editor,
            &[(Action::Save, "saves"), (Action::Close, "closes")],
        )
    };
    let block = super::boxed(&ed.title, Some(&hint), true, r.width, theme);
    let inner = block.inner(r);
    block.render(r, buf);
    let body = super::content_rect(inner);
    if body.height == 0 || body.width == 0 {
        return;
    }
    let (rows, (crow, ccol)) = layout(&ed.text, ed.cursor, body.width as usize);
    let h = body.height as usize - usize::from(ed.confirm_discard);
    // Keep the cursor's row on screen.
    let top = crow.saturating_sub(h.saturating_sub(1));
    let mut lines: Vec<Line> = rows
        .iter()
        .skip(top)
        .take(h)
        .map(|s| Line::raw(s.clone()))
        .collect();
    if ed.text.is_empty() {
        lines = vec![Line::styled(
            "Write your note. Enter starts a new line.",
            theme.dim(),
        )];
    }
    Paragraph::new(lines).render(
        Rect {
            height: h as u16,
            ..body
        },
        buf,
    );
    // The cursor: a reversed cell (the terminal's own stays hidden).
    if crow >= top && crow - top < h {
        let (x, y) = (body.x + ccol as u16, body.y + (crow - top) as u16);
        if x < body.right() {
            let cell = &mut buf[(x, y)];
            if cell.symbol().trim().is_empty() {
                cell.set_symbol("▏");
            }
            cell.set_style(theme.selected(true));
        }
    }
    if ed.confirm_discard {
        let y = body.bottom() - 1;
        buf.set_stringn(
            body.x,
            y,
            "Discard your unsaved note? (keys below)",
            body.width as usize,
            theme.error(),
        );
    }
}

pub fn render_confirm(app: &App, c: &ConfirmState, screen: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let r = centered(screen, 50, 20, 30, 5).intersection(screen);
    Clear.render(r, buf);
    let hint = super::key_hints(
        app,
        Context::Confirm,
        &[(Action::Yes, "yes"), (Action::No, "no")],
    );
    let block = super::boxed("Confirm", Some(&hint), true, r.width, theme);
    let inner = block.inner(r);
    block.render(r, buf);
    let body = super::content_rect(inner);
    let lines = super::text::wrap(
        &[(c.question.clone(), theme.heading())],
        body.width as usize,
        &[],
        &[],
    );
    Paragraph::new(lines).render(body, buf);
}

/// The citation just copied, to read and to copy by hand.
pub fn render_citation(app: &App, text: &str, screen: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let r = centered(screen, 70, 40, 40, 8).intersection(screen);
    Clear.render(r, buf);
    let hint = super::key_hints(app, Context::Citation, &[(Action::Close, "closes")]);
    let block = super::boxed(
        "Citation copied to the clipboard",
        Some(&hint),
        true,
        r.width,
        theme,
    );
    let inner = block.inner(r);
    block.render(r, buf);
    let body = super::content_rect(inner);
    let w = body.width as usize;
    let mut lines = super::text::wrap(&[(text.to_string(), Default::default())], w, &[], &[]);
    lines.push(Line::raw(""));
    lines.extend(super::text::wrap(
        &[("Sent by OSC 52 (works over ssh, and in tmux with set-clipboard on). If your terminal does not take it, select the text above and copy it.".to_string(), theme.dim())],
        w,
        &[],
        &[],
    ));
    Paragraph::new(lines).render(body, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_by_width_and_places_the_cursor() {
        let (rows, at) = layout("abcdef", 6, 4);
        assert_eq!(rows, ["abcd", "ef"]);
        assert_eq!(at, (1, 2));
        let (rows, at) = layout("ab\n毛泽东", 3, 4);
        assert_eq!(rows, ["ab", "毛泽", "东"]);
        assert_eq!(at, (1, 0));
        let (_, at) = layout("abcd", 4, 4);
        assert_eq!(at, (1, 0), "a full row puts the cursor on the next");
        let (rows, at) = layout("", 0, 10);
        assert_eq!((rows.len(), at), (1, (0, 0)));
    }
}

//! The note editor popup: a small multi-line editor (Unicode, several
//! lines, pasted text) that asks before throwing unsaved text away — on
//! `esc` and on quitting alike — and stays open until the save went
//! through, so a failed save never loses the text.

use std::any::Any;

use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;

use super::component::{Component, Cx, Outcome, RenderCx, stop_unless_global};
use super::layout::clear_of;
use super::widgets::{boxed, content_rect};
use crate::action::Action;
use crate::app::notes::{Draft, Target};
use crate::app::{App, Event};
use crate::corpus::Stance;
use crate::keymap::{Context, Key};
use crate::text::grapheme_width;

/// Text and a cursor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextBox {
    pub text: String,
    /// Byte offset of the cursor in `text`, on a grapheme boundary.
    pub cursor: usize,
    pub dirty: bool,
}

impl TextBox {
    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i)
    }

    /// Moves to the line above or below, keeping the column (in graphemes).
    fn vertical(&mut self, down: bool) {
        let start = self.line_start();
        let col = self.text[start..self.cursor].graphemes(true).count();
        let (from, to) = if down {
            let end = self.line_end();
            if end == self.text.len() {
                return;
            }
            let next_start = end + 1;
            let next_end = self.text[next_start..]
                .find('\n')
                .map_or(self.text.len(), |i| next_start + i);
            (next_start, next_end)
        } else {
            if start == 0 {
                return;
            }
            let prev_end = start - 1;
            let prev_start = self.text[..prev_end].rfind('\n').map_or(0, |i| i + 1);
            (prev_start, prev_end)
        };
        self.cursor = self.text[from..to]
            .grapheme_indices(true)
            .nth(col)
            .map_or(to, |(i, _)| from + i);
    }

    /// Where the word before the cursor starts (skipping the spaces
    /// before it), as readline's `ctrl-w` and `alt-b` see words.
    fn word_start(&self) -> usize {
        let before: Vec<(usize, &str)> = self.text[..self.cursor].grapheme_indices(true).collect();
        let mut i = before.len();
        while i > 0 && before[i - 1].1.trim().is_empty() {
            i -= 1;
        }
        while i > 0 && !before[i - 1].1.trim().is_empty() {
            i -= 1;
        }
        before.get(i).map_or(self.cursor, |(at, _)| *at)
    }

    /// Where the word after the cursor ends.
    fn word_end(&self) -> usize {
        let after: Vec<(usize, &str)> = self.text[self.cursor..].grapheme_indices(true).collect();
        let mut i = 0;
        while i < after.len() && after[i].1.trim().is_empty() {
            i += 1;
        }
        while i < after.len() && !after[i].1.trim().is_empty() {
            i += 1;
        }
        after
            .get(i)
            .map_or(self.text.len(), |(at, _)| self.cursor + at)
    }

    /// Deletes the text between `a` and `b` (byte offsets, either order)
    /// and leaves the cursor where it began.
    fn delete(&mut self, a: usize, b: usize) {
        let (a, b) = (a.min(b), a.max(b));
        if a < b {
            self.text.replace_range(a..b, "");
            self.cursor = a;
            self.dirty = true;
        }
    }

    /// The readline motions and deletions.
    pub fn readline(&mut self, action: Action) -> bool {
        match action {
            Action::LineStart => self.cursor = self.line_start(),
            Action::LineEnd => self.cursor = self.line_end(),
            Action::WordBack => self.cursor = self.word_start(),
            Action::WordForward => self.cursor = self.word_end(),
            Action::DeleteWordBack => self.delete(self.word_start(), self.cursor),
            Action::DeleteToStart => self.delete(self.line_start(), self.cursor),
            Action::DeleteToEnd => self.delete(self.cursor, self.line_end()),
            _ => return false,
        }
        true
    }

    pub fn insert(&mut self, s: &str) {
        let clean: String = s
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\t', "    ")
            .chars()
            .filter(|c| *c == '\n' || !c.is_control())
            .collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
        self.dirty = true;
    }

    /// A key the keymap did not take: typing and moving within the text.
    pub fn key(&mut self, key: Key) -> bool {
        if let Some(c) = key.typed_char() {
            self.insert(c.encode_utf8(&mut [0; 4]));
            return true;
        }
        match key.code {
            KeyCode::Enter => self.insert("\n"),
            KeyCode::Tab => self.insert("    "),
            KeyCode::Backspace => {
                let p = self.prev_boundary();
                if p < self.cursor {
                    self.text.replace_range(p..self.cursor, "");
                    self.cursor = p;
                    self.dirty = true;
                }
            }
            KeyCode::Delete => {
                let n = self.next_boundary();
                if n > self.cursor {
                    self.text.replace_range(self.cursor..n, "");
                    self.dirty = true;
                }
            }
            KeyCode::Left => self.cursor = self.prev_boundary(),
            KeyCode::Right => self.cursor = self.next_boundary(),
            _ => return false,
        }
        true
    }
}

pub struct Editor {
    pub target: Target,
    pub title: String,
    /// Where the note stands in the debate (`ctrl-t` cycles).
    pub stance: Option<Stance>,
    pub text: TextBox,
    /// Asking whether to throw away unsaved text.
    pub confirm_discard: bool,
    /// A save was asked for; the editor closes when it went through.
    saving: bool,
}

impl Editor {
    pub fn new(d: Draft) -> Editor {
        let cursor = d.text.len();
        Editor {
            target: d.target,
            title: d.title,
            stance: d.stance,
            text: TextBox {
                text: d.text,
                cursor,
                dirty: false,
            },
            confirm_discard: false,
            saving: false,
        }
    }
}

impl Component for Editor {
    fn context(&self, _: &App) -> Context {
        if self.confirm_discard {
            Context::Confirm
        } else {
            Context::Editor
        }
    }

    fn mode(&self, _: &App) -> &'static str {
        "NOTE"
    }

    fn hints(&self, _: &RenderCx) -> Vec<(Action, &'static str)> {
        if self.confirm_discard {
            vec![(Action::Yes, "yes"), (Action::No, "no")]
        } else {
            vec![(Action::Save, "save"), (Action::Close, "close")]
        }
    }

    fn takes_text(&self) -> bool {
        !self.confirm_discard
    }

    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome {
        let ed = &mut self.text;
        if self.confirm_discard {
            match action {
                Action::Yes => {
                    cx.app.say("note discarded");
                    return Outcome::Close;
                }
                Action::No | Action::Close | Action::Cancel => self.confirm_discard = false,
                // Asked already: a second quit quits.
                Action::Quit => return Outcome::Ignored,
                _ => {}
            }
            return Outcome::Consumed;
        }
        match action {
            Action::Save => {
                if cx
                    .app
                    .save_text(&self.target, &ed.text, self.stance, cx.effects)
                {
                    self.saving = true;
                } else {
                    return Outcome::Close;
                }
            }
            Action::Close | Action::Cancel | Action::Quit => {
                if ed.dirty {
                    self.confirm_discard = true;
                } else if action == Action::Quit {
                    return Outcome::Ignored;
                } else {
                    return Outcome::Close;
                }
            }
            Action::CycleStance => {
                self.stance = match self.stance {
                    None => Some(Stance::Trigger),
                    Some(Stance::Trigger) => Some(Stance::Justification),
                    Some(Stance::Justification) => Some(Stance::Other),
                    Some(Stance::Other) => None,
                };
                ed.dirty = true;
            }
            Action::Up => ed.vertical(false),
            Action::Down => ed.vertical(true),
            Action::Top => ed.cursor = ed.line_start(),
            Action::Bottom => ed.cursor = ed.line_end(),
            other if ed.readline(other) => {}
            other => return stop_unless_global(other),
        }
        Outcome::Consumed
    }

    fn key(&mut self, key: Key, _: &mut Cx) -> Outcome {
        if !self.confirm_discard {
            self.text.key(key);
        }
        Outcome::Consumed
    }

    fn paste(&mut self, text: &str, _: &mut Cx) -> Outcome {
        if !self.confirm_discard {
            self.text.insert(text);
        }
        Outcome::Consumed
    }

    fn event(&mut self, event: &Event, _: &mut Cx) -> Outcome {
        match event {
            Event::NoteSaved { result, .. } if self.saving => {
                self.saving = false;
                if result.is_ok() {
                    Outcome::Close
                } else {
                    // Not saved: the text stays, to save again or copy.
                    Outcome::Consumed
                }
            }
            _ => Outcome::Ignored,
        }
    }

    fn render(&self, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
        let theme = cx.theme;
        // Never over the passage being annotated.
        let want_w = ((u32::from(screen.width) * 7 / 10) as u16).max(40);
        let r = clear_of(screen, cx.avoid, want_w, 14).intersection(screen);
        Clear.render(r, buf);
        let hint = if self.confirm_discard {
            cx.hints.line(
                Context::Confirm,
                &[(Action::Yes, "discards"), (Action::No, "keeps editing")],
            )
        } else {
            cx.hints.line(
                Context::Editor,
                &[
                    (Action::Save, "saves"),
                    (Action::CycleStance, "stance"),
                    (Action::Close, "closes"),
                ],
            )
        };
        let title = match self.stance {
            Some(s) => format!("{} · stance: {}", self.title, s.label()),
            None => self.title.clone(),
        };
        let block = boxed(&title, Some(&hint), true, r.width, theme);
        let inner = block.inner(r);
        block.render(r, buf);
        let body = content_rect(inner);
        if body.height == 0 || body.width == 0 {
            return;
        }
        let (rows, (crow, ccol)) = layout(&self.text.text, self.text.cursor, body.width as usize);
        let h = body.height as usize - usize::from(self.confirm_discard);
        // Keep the cursor's row on screen.
        let top = crow.saturating_sub(h.saturating_sub(1));
        let mut lines: Vec<Line> = rows
            .iter()
            .skip(top)
            .take(h)
            .map(|s| Line::raw(s.clone()))
            .collect();
        if self.text.text.is_empty() {
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
        if self.confirm_discard {
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

    fn as_any(&self) -> &dyn Any {
        self
    }
}

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
    fn ed(text: &str, cursor: usize) -> TextBox {
        TextBox {
            text: text.into(),
            cursor,
            dirty: false,
        }
    }

    fn k(s: &str) -> Key {
        s.parse().unwrap()
    }

    #[test]
    fn typing_deleting_and_moving_by_grapheme() {
        let mut e = ed("", 0);
        for c in ["Ж", "е", "space", "e\u{301}"] {
            if c.chars().count() > 1 && c != "space" {
                e.insert(c);
            } else {
                e.key(k(c));
            }
        }
        assert_eq!(e.text, "Же e\u{301}");
        e.key(k("backspace"));
        assert_eq!(e.text, "Же ", "a combining mark goes with its letter");
        e.key(k("left"));
        e.key(k("left"));
        e.key(k("delete"));
        assert_eq!(e.text, "Ж ");
        assert!(e.dirty);
    }

    #[test]
    fn lines_up_and_down_keep_the_column() {
        let mut e = ed("abcdef\nxy\n毛泽东说", 3);
        e.vertical(true);
        assert_eq!(
            &e.text[..e.cursor],
            "abcdef\nxy",
            "clamped to the short line"
        );
        e.vertical(true);
        assert_eq!(&e.text[..e.cursor], "abcdef\nxy\n毛泽");
        e.vertical(false);
        e.vertical(false);
        assert_eq!(&e.text[..e.cursor], "ab");
        e.key(k("enter"));
        assert_eq!(e.text, "ab\ncdef\nxy\n毛泽东说");
    }

    #[test]
    fn readline_keys_move_and_delete_by_word_and_line() {
        let mut e = ed("one two  three\nfour", 14);
        e.readline(Action::WordBack);
        assert_eq!(&e.text[..e.cursor], "one two  ");
        e.readline(Action::DeleteWordBack);
        assert_eq!(e.text, "one three\nfour");
        e.readline(Action::LineStart);
        assert_eq!(e.cursor, 0);
        e.readline(Action::WordForward);
        assert_eq!(&e.text[..e.cursor], "one");
        e.readline(Action::DeleteToEnd);
        assert_eq!(e.text, "one\nfour");
        e.readline(Action::LineEnd);
        assert_eq!(e.cursor, 3, "the end of the first line");
        e.readline(Action::DeleteToStart);
        assert_eq!(e.text, "\nfour");
        let mut e = ed("Сталин сказал", "Сталин сказал".len());
        e.readline(Action::DeleteWordBack);
        assert_eq!(e.text, "Сталин ");
        assert!(e.dirty);
    }

    #[test]
    fn pasted_text_is_cleaned() {
        let mut e = ed("", 0);
        e.insert("one\r\ntwo\tthree\u{7}");
        assert_eq!(e.text, "one\ntwo    three");
    }
}

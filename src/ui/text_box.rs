//! Text typed into a box: a cursor moved and text deleted by grapheme,
//! by word and by line (the readline keys), pasted text cleaned, and the
//! text broken into rows for a width. The note editor's (`editor.rs`).

use crossterm::event::KeyCode;
use unicode_segmentation::UnicodeSegmentation;

use crate::action::Action;
use crate::keymap::Key;
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

    pub fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    pub fn line_end(&self) -> usize {
        self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i)
    }

    /// Moves to the screen row above or below (`rows`: `wrap`'s for the
    /// text as it is at `width`), keeping the column on screen: the row's
    /// end where it is shorter, before the break where the row goes on in
    /// the next one. The cursor is where `place` draws it: at the end of
    /// the text after a full row, on a row of its own.
    pub fn vertical_rows(&mut self, rows: &[(usize, usize)], width: usize, down: bool) {
        let Some(at) = rows.iter().rposition(|&(a, _)| a <= self.cursor) else {
            return;
        };
        let width = width.max(1);
        let (a, _) = rows[at];
        let col = crate::text::width(&self.text[a..self.cursor.max(a)]);
        let (at, col) = match col >= width && self.cursor == self.text.len() {
            true => (rows.len(), 0),
            false => (at, col.min(width - 1)),
        };
        let target = match down {
            true if at + 1 < rows.len() => at + 1,
            false if at > 0 => at - 1,
            _ => return,
        };
        let (from, to) = rows[target];
        let mut x = 0;
        let mut cursor = None;
        for (i, g) in self.text[from..to].grapheme_indices(true) {
            let w = grapheme_width(g);
            if x + w > col {
                cursor = Some(from + i);
                break;
            }
            x += w;
        }
        self.cursor = cursor.unwrap_or_else(|| {
            // Past the row's text: its end, unless the line goes on in the
            // next row (the end is where that one starts): its last
            // grapheme then.
            let rest = &self.text[to..];
            let goes_on = !rest.is_empty() && !rest.starts_with('\n') && !rest.starts_with("\r\n");
            match goes_on {
                true => self.text[from..to]
                    .grapheme_indices(true)
                    .next_back()
                    .map_or(from, |(i, _)| from + i),
                false => to,
            }
        });
    }

    /// Moves to the line above or below, keeping the column (in graphemes).
    pub fn vertical(&mut self, down: bool) {
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

/// The text broken into screen rows of at most `width` columns, and the
/// row and column of the cursor (`wrap`, then `place`).
pub fn layout(text: &str, cursor: usize, width: usize) -> (Vec<String>, (usize, usize)) {
    place(text, &wrap(text, width), cursor, width)
}

/// The text's screen rows of at most `width` columns, as the byte range
/// each shows. Rows break after a space where a word would not fit (a
/// space may hang past the edge), and inside a word only where it is
/// longer than a row; never inside a grapheme.
pub fn wrap(text: &str, width: usize) -> Vec<(usize, usize)> {
    let width = width.max(1);
    // Each row as the byte range of the text it shows.
    let mut rows: Vec<(usize, usize)> = Vec::new();
    let mut line_start = 0;
    for raw in text.split('\n') {
        // A "\r\n" ends the line as "\n" does; its "\r" is not shown.
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let mut start = line_start;
        let mut col = 0;
        // Where the row may break: after its last space, and the columns
        // up to there.
        let mut brk: Option<(usize, usize)> = None;
        for (i, g) in line.grapheme_indices(true) {
            let at = line_start + i;
            let w = grapheme_width(g);
            // Not a no-break space, which is there to keep words together.
            let space = g == " ";
            if col + w > width && !(space && col <= width) {
                match brk {
                    Some((b, bcol)) if b > start => {
                        rows.push((start, b));
                        start = b;
                        col -= bcol;
                    }
                    _ => {
                        rows.push((start, at));
                        start = at;
                        col = 0;
                    }
                }
                brk = None;
                // The word carried over, with this grapheme, is still too
                // wide (a wide character after it): it breaks here.
                if col + w > width && start < at {
                    rows.push((start, at));
                    start = at;
                    col = 0;
                }
            }
            col += w;
            if space {
                brk = Some((at + g.len(), col));
            }
        }
        rows.push((start, line_start + line.len()));
        line_start += raw.len() + 1;
    }
    rows
}

/// The rows' text (`wrap`'s ranges for `width`), and the row and column
/// of the cursor.
pub fn place(
    text: &str,
    rows: &[(usize, usize)],
    cursor: usize,
    width: usize,
) -> (Vec<String>, (usize, usize)) {
    let width = width.max(1);
    let shown: Vec<String> = rows.iter().map(|&(a, b)| text[a..b].to_string()).collect();
    // The cursor is on the last row starting at or before it.
    let row = rows.iter().rposition(|&(a, _)| a <= cursor).unwrap_or(0);
    let (a, b) = rows[row];
    let col = crate::text::width(&text[a..cursor.min(b).max(a)]);
    let mut shown = shown;
    let at = if col >= width && cursor == text.len() {
        // A full last row puts the cursor on a new one.
        shown.push(String::new());
        (row + 1, 0)
    } else {
        // At the end of a full row inside the text (before a space that
        // hangs past the edge, or a line's end): on its last column, so
        // that it is drawn.
        (row, col.min(width - 1))
    };
    (shown, at)
}

#[cfg(test)]
#[path = "text_box_tests.rs"]
mod tests;

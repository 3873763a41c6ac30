//! Located errors: a problem found in a corpus file, a keymap or a notes
//! file, located by file, line and column, and the report of every problem
//! found.

use std::fmt;
use std::ops::Range;

/// One thing wrong with a file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub file: String,
    /// 1-based; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based, counted in characters.
    pub col: usize,
    pub message: String,
}

impl Problem {
    /// A problem at a byte offset of `text`, the contents of `file`.
    pub fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Problem {
        let (line, col) = line_col(text, offset);
        Problem {
            file: file.to_string(),
            line,
            col,
            message: message.into(),
        }
    }

    /// A problem with a file as a whole (unreadable, misplaced).
    pub fn file(file: &str, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            line: 0,
            col: 0,
            message: message.into(),
        }
    }
}

/// One line, always: control characters in the file name or the message
/// (a newline or an escape sequence in a file name, a value echoed from a
/// file) are shown escaped, so they neither forge a line nor reach the
/// terminal.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::text::escape_controls as esc;
        if self.line == 0 {
            write!(f, "{}: {}", esc(&self.file), esc(&self.message))
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                esc(&self.file),
                self.line,
                self.col,
                esc(&self.message)
            )
        }
    }
}

/// 1-based line and character column of a byte offset (clamped to the text).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// Something `shifr check` reports that is no reason not to load a corpus:
/// the reader and every command work on it safely.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    pub problem: Problem,
    /// `shifr check` fails on it (control characters in text, which no
    /// corpus should hold); else check only warns (a field far larger
    /// than any telegram).
    pub fails_check: bool,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.fails_check {
            self.problem.fmt(f)
        } else {
            let p = Problem {
                message: format!("warning: {}", self.problem.message),
                ..self.problem.clone()
            };
            p.fmt(f)
        }
    }
}

/// Every problem found, in file and line order, and the warnings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub problems: Vec<Problem>,
    pub warnings: Vec<Warning>,
}

impl Report {
    pub fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    /// Records a warning (see [`Warning`]).
    pub fn warn(&mut self, problem: Problem, fails_check: bool) {
        self.warnings.push(Warning {
            problem,
            fails_check,
        });
    }

    /// No problems (there may be warnings).
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// Whether `shifr check` fails: a problem, or a warning it fails on.
    pub fn fails_check(&self) -> bool {
        !self.problems.is_empty() || self.warnings.iter().any(|w| w.fails_check)
    }

    pub fn sort(&mut self) {
        let key = |p: &Problem| (p.file.clone(), p.line, p.col);
        self.problems
            .sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
        self.problems.dedup();
        self.warnings.sort_by_key(|w| key(&w.problem));
        self.warnings.dedup();
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.problems {
            writeln!(f, "{p}")?;
        }
        for w in &self.warnings {
            writeln!(f, "{w}")?;
        }
        let failing = self.warnings.iter().filter(|w| w.fails_check).count();
        let n = self.problems.len() + failing;
        let w = self.warnings.len() - failing;
        let s = |n: usize| if n == 1 { "" } else { "s" };
        match (n, w) {
            (n, 0) => write!(f, "{n} problem{}", s(n)),
            (0, w) => write!(f, "{w} warning{}", s(w)),
            (n, w) => write!(f, "{n} problem{}, {w} warning{}", s(n), s(w)),
        }
    }
}

impl std::error::Error for Report {}

/// A span of a TOML value, for locating problems.
pub type Span = Range<usize>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let t = "a = 1\nб = \"ж\"\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 6), (2, 1));
        let off = t.find('ж').unwrap();
        assert_eq!(line_col(t, off), (2, 6));
        assert_eq!(line_col(t, 9999), (3, 1));
        // inside a multi-byte character: clamps back to its start
        assert_eq!(line_col(t, off + 1), (2, 6));
    }

    #[test]
    fn display_names_file_line_column() {
        let p = Problem::at("corpus/x.toml", "a\nbc", 3, "bad");
        assert_eq!(p.to_string(), "corpus/x.toml:2:2: bad");
        assert_eq!(Problem::file("f", "gone").to_string(), "f: gone");
    }

    #[test]
    fn control_characters_in_names_and_messages_are_shown_escaped() {
        let p = Problem::file(
            "t/a\nt/b.toml: 1 problem\u{1b}[2J",
            "unknown person '\u{1b}]52;c;eA==\u{7}'",
        );
        assert_eq!(
            p.to_string(),
            "t/a\\nt/b.toml: 1 problem\\u{1b}[2J: unknown person '\\u{1b}]52;c;eA==\\u{7}'"
        );
    }
}

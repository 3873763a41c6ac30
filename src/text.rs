//! Text measured the way the terminal draws it: by grapheme cluster and
//! display width (unicode-width), so Cyrillic, CJK and combining marks never
//! push past a border. Word wrapping, truncation with an ellipsis, padding.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width of one grapheme cluster. Control characters (which the
/// buffer drops) count as nothing.
pub fn grapheme_width(g: &str) -> usize {
    if g.chars().any(char::is_control) {
        0
    } else {
        g.width()
    }
}

/// Display width of a string.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// Makes text safe to draw: tabs become spaces, other control characters
/// (except newlines) are dropped.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push_str("    "),
            '\n' => out.push('\n'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `sanitize` for text that must stay on one line (a title in a list, a
/// file name): newlines become spaces too, so none can forge a line.
pub fn one_line(s: &str) -> String {
    sanitize(s).replace('\n', " ")
}

/// Text for one line of a format with markup of its own (Markdown,
/// BibTeX): each of `escaped` behind a backslash, each of `dropped` left
/// out, line breaks and tabs a space, other control characters left out.
pub fn one_line_escaped(s: &str, escaped: &[char], dropped: &[char]) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if dropped.contains(&c) => {}
            c if escaped.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            // Escape, bell and the like: nothing a terminal may act on.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Control characters shown instead of acted on: `\n`, `\t`, `\r`, and
/// `\u{1b}` for the rest (escape, bell, DEL, the C1 controls). For text
/// echoed back in an error — a file name, a value from a file — where the
/// user needs to see what is there. Anything else is left as it is.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// JSON text (as serde_json writes it) with DEL and the C1 controls
/// escaped as `\u007f`…`\u009f` as well: serde_json escapes only the C0
/// controls, and some terminals act on C1 ones (U+009B is a CSI). Outside
/// strings JSON has only ASCII, so the result is the same JSON value.
pub fn json_escape_controls(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.chars().any(is_c1_or_del) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_c1_or_del(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// DEL and the C1 control characters (U+007F–U+009F).
fn is_c1_or_del(c: char) -> bool {
    ('\u{7f}'..='\u{9f}').contains(&c)
}

/// All of `text` up to `max` bytes, else cut at the last whitespace before
/// that (or, in one word of that length, at a character boundary).
pub fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    match head.rfind(char::is_whitespace) {
        Some(at) if at > 0 => &head[..at],
        _ => head,
    }
}

/// `s` made safe to draw ([`sanitize`]), of at most `max` bytes: a longer
/// text is cut between words ([`head`]) and ends in `… (N more bytes)`.
/// Views show a field of megabytes this way, so it is not laid out whole.
pub fn clipped(s: &str, max: usize) -> String {
    let h = head(s, max);
    if h.len() == s.len() {
        return sanitize(s);
    }
    format!("{}… ({} more bytes)", sanitize(h), s.len() - h.len())
}

/// The longest prefix of `s` that fits in `max` columns, with `…` when
/// anything was cut. Only as much of `s` is measured as could be shown, so a title of
/// megabytes costs no more than a short one.
pub fn truncate(s: &str, max: usize) -> String {
    // Where the prefix that leaves room for the ellipsis ends.
    let mut keep = None;
    let mut w = 0;
    for (i, g) in s.grapheme_indices(true) {
        let gw = grapheme_width(g);
        if keep.is_none() && w + gw > max.saturating_sub(1) {
            keep = Some(i);
        }
        w += gw;
        if w > max {
            if max == 0 {
                return String::new();
            }
            let mut out = s[..keep.unwrap_or(i)].to_string();
            out.push('…');
            return out;
        }
    }
    s.to_string()
}

/// `s` truncated or padded with spaces to exactly `w` columns.
pub fn fit(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let pad = w.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(pad))
}

/// `text` cut at the given byte ranges: (piece, highlighted). Ranges that
/// overlap an earlier one or fall outside the text are skipped.
pub fn split_highlights<'a>(
    text: &'a str,
    ranges: &[std::ops::Range<usize>],
) -> Vec<(&'a str, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in ranges {
        let ok = r.start >= at
            && r.start < r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end);
        if !ok {
            continue;
        }
        if r.start > at {
            out.push((&text[at..r.start], false));
        }
        out.push((&text[r.clone()], true));
        at = r.end;
    }
    out.push((&text[at..], false));
    out
}

/// Display width of a line of spans.
pub fn line_width(line: &Line<'_>) -> usize {
    line.spans.iter().map(|s| width(&s.content)).sum()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum AtomKind {
    Space,
    Word,
    /// A wide (CJK) character: a line may break before or after it.
    Wide,
    Newline,
}

struct Atom<'a> {
    text: &'a str,
    width: usize,
    style: Style,
    kind: AtomKind,
}

fn atoms<'a>(segments: &'a [(String, Style)]) -> Vec<Atom<'a>> {
    let mut out = Vec::new();
    for (text, style) in segments {
        for g in text.graphemes(true) {
            let kind = if g == "\n" || g == "\r\n" {
                AtomKind::Newline
            } else if g.chars().all(|c| c.is_whitespace() && c != '\u{a0}') {
                AtomKind::Space
            } else if grapheme_width(g) >= 2 {
                AtomKind::Wide
            } else {
                AtomKind::Word
            };
            let width = if kind == AtomKind::Newline {
                0
            } else {
                grapheme_width(g)
            };
            if kind != AtomKind::Newline && width == 0 {
                continue;
            }
            out.push(Atom {
                text: g,
                width,
                style: *style,
                kind,
            });
        }
    }
    out
}

struct LineBuilder {
    lines: Vec<Line<'static>>,
    spans: Vec<Span<'static>>,
    used: usize,
}

impl LineBuilder {
    fn push(&mut self, text: &str, style: Style, w: usize) {
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(text),
            _ => self.spans.push(Span::styled(text.to_string(), style)),
        }
        self.used += w;
    }

    fn start(&mut self, prefix: &[Span<'static>]) {
        self.spans = prefix.to_vec();
        self.used = prefix.iter().map(|s| width(&s.content)).sum();
    }

    fn finish(&mut self) {
        self.lines.push(Line::from(std::mem::take(&mut self.spans)));
        self.used = 0;
    }
}

/// Word-wraps styled text into lines of at most `width` columns. The first
/// line starts with `first`, later ones with `rest` (a hanging indent or a
/// gutter). Breaks at spaces and around wide characters; a word longer than
/// a line is split. Newlines in the text start new lines.
pub fn wrap(
    segments: &[(String, Style)],
    width: usize,
    first: &[Span<'static>],
    rest: &[Span<'static>],
) -> Vec<Line<'static>> {
    let atoms = atoms(segments);
    let mut b = LineBuilder {
        lines: Vec::new(),
        spans: Vec::new(),
        used: 0,
    };
    b.start(first);
    let prefix_w = |p: &[Span<'static>]| p.iter().map(|s| self::width(&s.content)).sum::<usize>();
    let rest_w = prefix_w(rest);
    let mut line_has_content = false;
    let mut pending_spaces: Vec<&Atom> = Vec::new();
    let mut i = 0;
    while i < atoms.len() {
        let a = &atoms[i];
        match a.kind {
            AtomKind::Newline => {
                b.finish();
                b.start(rest);
                line_has_content = false;
                pending_spaces.clear();
                i += 1;
            }
            AtomKind::Space => {
                pending_spaces.push(a);
                i += 1;
            }
            AtomKind::Word | AtomKind::Wide => {
                // The word: a run of narrow graphemes, or one wide one.
                let mut j = i + 1;
                if a.kind == AtomKind::Word {
                    while j < atoms.len() && atoms[j].kind == AtomKind::Word {
                        j += 1;
                    }
                }
                let word = &atoms[i..j];
                let word_w: usize = word.iter().map(|a| a.width).sum();
                let spaces_w: usize = if line_has_content {
                    pending_spaces.iter().map(|s| s.width).sum()
                } else {
                    0
                };
                if b.used + spaces_w + word_w > width && line_has_content {
                    b.finish();
                    b.start(rest);
                    line_has_content = false;
                } else if line_has_content {
                    for s in &pending_spaces {
                        b.push(s.text, s.style, s.width);
                    }
                } else if b.lines.is_empty()
                    && !pending_spaces.is_empty()
                    && b.used + pending_spaces.iter().map(|s| s.width).sum::<usize>() + word_w
                        <= width
                {
                    // Leading indentation of the first line is kept.
                    for s in &pending_spaces {
                        b.push(s.text, s.style, s.width);
                    }
                }
                pending_spaces.clear();
                for g in word {
                    if b.used + g.width > width {
                        if !line_has_content && b.used >= width.max(rest_w) {
                            // Not even one grapheme fits beside the prefix: drop it.
                            continue;
                        }
                        if line_has_content {
                            b.finish();
                            b.start(rest);
                            line_has_content = false;
                        }
                        if b.used + g.width > width {
                            continue;
                        }
                    }
                    b.push(g.text, g.style, g.width);
                    line_has_content = true;
                }
                i = j;
            }
        }
    }
    b.finish();
    b.lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_escaped_escapes_drops_and_keeps_to_one_line() {
        let s = "a_b {c}\\d\n#e\u{1b}[2J\tf";
        assert_eq!(
            one_line_escaped(s, &['_', '#'], &['{', '}', '\\']),
            "a\\_b cd \\#e[2J f"
        );
        assert_eq!(
            one_line_escaped(s, &['\\', '_'], &[]),
            "a\\_b {c}\\\\d #e[2J f"
        );
    }
    use proptest::prelude::*;

    #[test]
    fn control_characters_are_escaped_shown_or_dropped() {
        let hostile = "T\u{1b}]0;pwned\u{7}\u{1b}[2J\nx\u{9b}";
        assert_eq!(one_line(hostile), "T]0;pwned[2J x");
        assert_eq!(
            escape_controls(hostile),
            "T\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\nx\\u{9b}"
        );
        assert!(matches!(
            escape_controls("Сталин"),
            std::borrow::Cow::Borrowed(_)
        ));
        let json = serde_json::to_string(&serde_json::json!({ "t": hostile })).unwrap();
        let safe = json_escape_controls(&json);
        assert!(!safe.chars().any(char::is_control), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["t"], hostile, "the same value");
    }

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    fn seg(s: &str) -> Vec<(String, Style)> {
        vec![(s.to_string(), Style::default())]
    }

    #[test]
    fn widths_of_scripts() {
        assert_eq!(width("Stalin"), 6);
        assert_eq!(width("Сталин"), 6);
        assert_eq!(width("毛泽东"), 6);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("\u{301}"), 0);
        assert_eq!(width("a\tb"), 2);
    }

    #[test]
    fn wraps_words_and_keeps_prefixes() {
        let l = wrap(
            &seg("one two three four"),
            9,
            &[Span::raw("> ")],
            &[Span::raw("  ")],
        );
        assert_eq!(plain(&l), ["> one two", "  three", "  four"]);
    }

    #[test]
    fn splits_overlong_words_and_cjk() {
        let l = wrap(&seg("abcdefghij"), 4, &[], &[]);
        assert_eq!(plain(&l), ["abcd", "efgh", "ij"]);
        let l = wrap(&seg("毛泽东和斯大林"), 6, &[], &[]);
        assert_eq!(plain(&l), ["毛泽东", "和斯大", "林"]);
        let l = wrap(&seg("Mao 毛泽东"), 7, &[], &[]);
        assert_eq!(plain(&l), ["Mao 毛", "泽东"]);
    }

    #[test]
    fn keeps_combining_marks_with_their_letters() {
        let l = wrap(&seg("cafe\u{301} cafe\u{301}"), 5, &[], &[]);
        assert_eq!(plain(&l), ["cafe\u{301}", "cafe\u{301}"]);
    }

    #[test]
    fn newlines_break_and_truncation_marks_cuts() {
        let l = wrap(&seg("a\nb"), 10, &[], &[]);
        assert_eq!(plain(&l), ["a", "b"]);
        assert_eq!(truncate("Roshchin", 5), "Rosh…");
        assert_eq!(truncate("毛泽东", 5), "毛泽…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("", 0), "");
        assert_eq!(truncate(&"word ".repeat(1_000_000), 8), "word wo…");
    }

    #[test]
    fn clipped_cuts_between_words() {
        assert_eq!(clipped("a\tb", 10), sanitize("a\tb"));
        assert_eq!(clipped("one two three", 9), "one two… (6 more bytes)");
        assert_eq!(head("one two three", 9), "one two");
        assert_eq!(head("Сталин", 3), "С", "at a character boundary");
        assert_eq!(head("short", 64), "short");
        assert_eq!(fit("毛", 4), "毛  ");
    }

    proptest! {
        #[test]
        fn no_line_is_ever_wider_than_asked(
            text in "[a-z Сталин毛泽东\t\n.,]{0,40}(e\u{301})?[a-z 毛]{0,40}",
            w in 0usize..30,
            prefix in "[>│ ]{0,3}",
        ) {
            let text = sanitize(&text);
            let lines = wrap(&seg(&text), w, &[Span::raw(prefix.clone())], &[Span::raw(prefix.clone())]);
            for l in &lines {
                let lw = line_width(l);
                prop_assert!(lw <= w.max(width(&prefix)), "{lw} > {w}: {:?}", plain(&lines));
            }
            // Nothing is lost when there is room for any character.
            if w >= width(&prefix) + 2 {
                let joined: String = plain(&lines).iter().map(|l| l.trim_start_matches(prefix.as_str())).collect();
                let want: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                let got: String = joined.chars().filter(|c| !c.is_whitespace()).collect();
                prop_assert_eq!(got, want);
            }
        }
    }
}

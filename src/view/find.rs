//! Finding a word in laid-out text, as less and vim do: every occurrence,
//! case-insensitively unless the word has a capital letter (smart case),
//! and the lines with the occurrences marked.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// One occurrence: the line, and the byte range in the line's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub line: usize,
    pub range: Range<usize>,
}

fn plain(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// Folds case, keeping byte offsets: only characters whose lowercase has
/// the same length are folded, the others kept as they are.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect()
}

/// Every occurrence of `query` in `lines`, in reading order.
pub fn find(lines: &[Line], query: &str) -> Vec<Found> {
    if query.is_empty() {
        return Vec::new();
    }
    let smart = query.chars().any(char::is_uppercase);
    let q = if smart {
        query.to_string()
    } else {
        fold(query)
    };
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let text = plain(l);
        let hay = if smart { text } else { fold(&text) };
        let mut from = 0;
        while let Some(at) = hay[from..].find(&q) {
            let start = from + at;
            out.push(Found {
                line: i,
                range: start..start + q.len(),
            });
            from = start + q.len().max(1);
        }
    }
    out
}

/// The lines with each occurrence styled `hit` (the current one `current`).
pub fn mark(
    lines: &[Line<'static>],
    found: &[Found],
    current: Option<usize>,
    hit: Style,
    now: Style,
) -> Vec<Line<'static>> {
    let mut out = lines.to_vec();
    let mut k = 0;
    while k < found.len() {
        let line = found[k].line;
        let mut ranges = Vec::new();
        while k < found.len() && found[k].line == line {
            let style = if current == Some(k) { now } else { hit };
            ranges.push((found[k].range.clone(), style));
            k += 1;
        }
        out[line] = split(&out[line], &ranges);
    }
    out
}

/// A line with the byte ranges given restyled (patched onto each span).
fn split(line: &Line<'static>, ranges: &[(Range<usize>, Style)]) -> Line<'static> {
    let mut spans = Vec::new();
    let mut at = 0;
    for s in &line.spans {
        let text = s.content.as_ref();
        let end = at + text.len();
        let mut cut = 0;
        for (r, style) in ranges {
            let (a, b) = (r.start.max(at), r.end.min(end));
            if a >= b {
                continue;
            }
            let (a, b) = (a - at, b - at);
            if a > cut {
                spans.push(Span::styled(text[cut..a].to_string(), s.style));
            }
            spans.push(Span::styled(text[a..b].to_string(), s.style.patch(*style)));
            cut = b;
        }
        if cut < text.len() {
            spans.push(Span::styled(text[cut..].to_string(), s.style));
        }
        at = end;
    }
    Line::from(spans).style(line.style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn lines(v: &[&str]) -> Vec<Line<'static>> {
        v.iter()
            .map(|s| Line::from(vec![Span::raw(s.to_string())]))
            .collect()
    }

    #[test]
    fn finds_every_occurrence_with_smart_case() {
        let l = lines(&["Volunteers and volunteers", "no", "VOLUNTEERS"]);
        let f = find(&l, "volunteers");
        assert_eq!(f.len(), 3);
        assert_eq!(
            f[1],
            Found {
                line: 0,
                range: 15..25
            }
        );
        assert_eq!(find(&l, "Volunteers").len(), 1, "a capital means exactly");
        assert!(find(&l, "").is_empty());
        let c = lines(&["Сталин и Мао", "сталин"]);
        assert_eq!(find(&c, "сталин").len(), 2);
    }

    #[test]
    fn marking_splits_spans_and_keeps_the_text() {
        let l = vec![Line::from(vec![
            Span::raw("the Chinese "),
            Span::raw("comrades"),
        ])];
        let f = find(&l, "se com");
        let hit = Style::new().add_modifier(Modifier::UNDERLINED);
        let m = mark(&l, &f, Some(0), hit, hit.add_modifier(Modifier::REVERSED));
        assert_eq!(plain(&m[0]), "the Chinese comrades");
        let marked: String = m[0]
            .spans
            .iter()
            .filter(|s| s.style.add_modifier.contains(Modifier::UNDERLINED))
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked, "se com");
    }
}

//! A snippet's one line: at most so many columns of a field's text, placed
//! to show as many of its matches as fit (`snippet.rs` picks the field and
//! the matches).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::text::{grapheme_width, width};

/// A character's columns in a snippet, where a newline or a tab is shown
/// as a space.
fn char_width(c: char) -> usize {
    match c {
        '\n' | '\t' => 1,
        _ => width(c.encode_utf8(&mut [0; 4])),
    }
}

/// How many of a field's matches are tried as the start of its snippet.
const MAX_WINDOWS: usize = 256;

/// Whether `text` is at most `max` columns wide, looking at no more of it
/// than that takes.
fn fits(text: &str, max: usize) -> bool {
    let mut cols = 0;
    for g in text.graphemes(true) {
        cols += match g {
            "\n" | "\t" => 1,
            _ => grapheme_width(g),
        };
        if cols > max {
            return false;
        }
    }
    true
}

/// At most `max_width` columns of `text` (an ellipsis marks each cut),
/// placed to show as many of the highlighted ranges (sorted, disjoint, as
/// `matches` gives them) as fit: starting a little before the first of the
/// best run of them. The cost is in the ranges and the width, never in
/// the length of the text.
pub fn excerpt(
    text: &str,
    ranges: &[Range<usize>],
    max_width: usize,
) -> (String, Vec<Range<usize>>) {
    if fits(text, max_width) {
        return (text.to_string(), ranges.to_vec());
    }
    let lead = (max_width / 4).min(24);
    // Where a window that leads into the highlight at `at` starts.
    let start_for = |at: usize| {
        let mut start = at;
        let mut cols = 0;
        for (b, c) in text[..at].char_indices().rev() {
            let w = char_width(c);
            if cols + w > lead {
                break;
            }
            cols += w;
            start = b;
        }
        start
    };
    // Where a window from `start` ends, leaving room for its ellipses.
    let end_for = |start: usize| {
        let mut room = max_width.saturating_sub(usize::from(start > 0) + 1);
        let mut end = start;
        for (b, c) in text[start..].char_indices() {
            let w = char_width(c);
            if w > room {
                return end;
            }
            room -= w;
            end = start + b + c.len_utf8();
        }
        text.len()
    };
    let mut best = (0usize, 0usize, 0usize);
    // The ranges inside a window: from the first starting in it to the last
    // ending in it (they are sorted and disjoint).
    let inside = |start: usize, end: usize| {
        let from = ranges.partition_point(|x| x.start < start);
        let to = ranges.partition_point(|x| x.end <= end);
        to.saturating_sub(from)
    };
    // A window that shows the most of the first matches is enough: in a
    // field with thousands, the rest would change nothing on one line.
    for r in ranges.iter().take(MAX_WINDOWS) {
        let start = start_for(r.start);
        let end = end_for(start);
        let n = inside(start, end);
        if n > best.0 {
            best = (n, start, end);
        }
    }
    if best.0 == 0 {
        best = (0, 0, end_for(0));
    }
    let (_, start, end) = best;
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let shift = out.len();
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push('…');
    }
    let highlights = ranges
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| r.start - start + shift..r.end - start + shift)
        .collect();
    (out, highlights)
}

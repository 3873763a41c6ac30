//! Pieces of a telegram's header that the full header (`message.rs`) and
//! the compact one (`header_compact.rs`) both show: the date line, the
//! timing against the key events, the footnotes.

use crate::corpus::{Corpus, Telegram, format_offset};

/// "Inchon +17 d‡ · 38th −5 d‡ · Yalu −17 d", and a line per conflict.
pub fn timing(corpus: &Corpus, t: &Telegram) -> Option<(String, Vec<String>)> {
    let offsets = corpus.offsets(&t.date);
    if offsets.is_empty() {
        return None;
    }
    let mut alts = Vec::new();
    let parts: Vec<String> = offsets
        .iter()
        .map(|o| {
            let mark = if o.alt_days.is_empty() { "" } else { "‡" };
            if !o.alt_days.is_empty() {
                let dates: Vec<String> = o
                    .event
                    .conflicts
                    .iter()
                    .zip(&o.alt_days)
                    .map(|(c, d)| format!("{} ({})", c.date.short(), format_offset(*d)))
                    .collect();
                alts.push(format!("{} {}", o.event.short, dates.join(", ")));
            }
            format!("{} {}{mark}", o.event.short, format_offset(o.days))
        })
        .collect();
    let notes = if alts.is_empty() {
        Vec::new()
    } else {
        vec![format!("‡ the paper also dates {}", alts.join("; "))]
    };
    Some((parts.join(" · "), notes))
}

/// The most of a title the header shows: no real title comes near it
/// (`shifr check` warns about any field past 64 KiB); a longer one is cut
/// (`text::clipped`), so that a title of megabytes is not wrapped on every
/// layout.
pub const TITLE_SHOWN: usize = 4096;

/// "116 (missing from the paper), 117, 120": the footnotes, each the
/// paper lacks said to be missing.
pub fn footnotes_marked(corpus: &Corpus, f: &[u32]) -> String {
    f.iter()
        .map(|n| {
            if corpus.footnote_missing(*n) {
                format!("{n} (missing from the paper)")
            } else {
                n.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "116, 117, 120".
pub fn footnotes(f: &[u32]) -> String {
    f.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

//! The corpus leaving shifr: JSON for scripts (json), citations (cite),
//! CSL-JSON and RIS for reference managers (csl, ris), TEI in the Correspondence
//! Metadata Interchange Format (cmif), the versions of a telegram as TEI P5
//! (tei), a Markdown dossier (dossier), and screens as SVG and text (svg). Every export is
//! deterministic: the same corpus gives the same bytes.

pub mod bibtex;
pub mod cite;
pub mod cmif;
pub mod csl;
pub mod dossier;
pub mod json;
pub mod passage;
pub mod ris;
pub mod svg;
pub mod tei;

/// Text made safe for XML 1.0 content and attribute values: markup
/// characters escaped, characters XML does not allow left out, and the
/// ones it discourages (DEL, the C1 controls) too, since a terminal may act
/// on them.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' | '\u{7F}'..='\u{9F}' => {}
            c => out.push(c),
        }
    }
    out
}

/// "n. 59" / "nn. 116, 117" (with `one`, `many` = "n.", "nn."), or none.
pub fn footnote_list(f: &[u32], one: &str, many: &str) -> Option<String> {
    match f {
        [] => None,
        [n] => Some(format!("{one} {n}")),
        all => Some(format!(
            "{many} {}",
            all.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

//! Robustness: whatever a corpus file holds, loading it returns a corpus or a
//! located report. It never panics, and every location is inside the file.

mod common;

use std::fs;

use proptest::prelude::*;
use shifr::corpus::load::{SourceFile, from_files};

fn base_files() -> Vec<SourceFile> {
    let root = common::fixtures().join("base");
    [
        "people.toml",
        "sources.toml",
        "events.toml",
        "telegrams/1950-10-02-mao-stalin.toml",
    ]
    .iter()
    .map(|rel| SourceFile {
        path: format!("base/{rel}"),
        rel: rel.to_string(),
        text: fs::read_to_string(root.join(rel)).unwrap(),
    })
    .chain(std::iter::once(SourceFile {
        path: "base/debate.toml".into(),
        rel: "debate.toml".into(),
        text: DEBATE.into(),
    }))
    .collect()
}

/// A debate for the base corpus (which has none of its own), so that
/// debate.toml is mutated too.
const DEBATE: &str = r#"[[position]]
id = "chen"
scholars = ["chen"]
stance = "justification"
trigger = "revolutionary aims"
claim = "A claim."
footnotes = [116]
telegrams = ["1950-10-02-mao-stalin"]
events = ["inchon"]
answer = "An answer."
answer_cite = [117]

[[position.quote]]
kind = "quote"
text = "Words."
cite = [116]
"#;

fn splice(text: &str, at: usize, cut: usize, insert: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    let end = (at + cut).min(chars.len());
    let mut s: String = chars[..at].iter().collect();
    s.push_str(insert);
    s.extend(&chars[end..]);
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn mutated_files_never_panic_and_problems_are_located(
        which in 0usize..5,
        at in 0usize..2000,
        cut in 0usize..12,
        insert in prop_oneof![
            "[\\[\\]\"'=,#\\n ]{0,6}",
            "[a-z0-9_\\-]{0,8}",
            "\\PC{0,6}",
            Just("\"1950-02-30\"".to_string()),
            Just("\n[[witness.passage]]\n".to_string()),
            Just("\n[[note]]\nby = \"x\"\n".to_string()),
        ],
    ) {
        let mut files = base_files();
        files[which].text = splice(&files[which].text, at, cut, &insert);
        if let Err(report) = from_files(&files) {
            prop_assert!(!report.problems.is_empty());
            for p in &report.problems {
                let f = files.iter().find(|f| f.path == p.file);
                prop_assert!(f.is_some(), "problem names an unknown file: {p}");
                let lines = f.unwrap().text.split('\n').count();
                prop_assert!(p.line <= lines, "{p} is past the end ({lines} lines)");
                prop_assert!(p.line == 0 || p.col >= 1, "{p}");
            }
        }
    }
}

#[test]
fn the_unmutated_base_loads() {
    let c = from_files(&base_files()).expect("base corpus is valid");
    assert_eq!(c.telegrams.len(), 1);
    assert_eq!(c.positions.len(), 1);
}

//! The committed screenshots are what the binary draws: `shifr screenshots`
//! regenerates them into a temporary directory and every file must match.
//! The SVGs are well-formed XML that a browser can draw.

mod common;

use std::path::Path;

use common::{run, text};
use shifr::screenshots::SCREENS;

fn committed() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/screenshots"))
}

#[test]
fn committed_screenshots_match_what_the_binary_draws() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["screenshots", "--out", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(&format!("wrote {} screens", SCREENS.len())));
    let mut stale = Vec::new();
    for screen in SCREENS {
        for ext in ["txt", "svg"] {
            let name = format!("{}.{ext}", screen.name);
            let fresh = std::fs::read_to_string(dir.path().join(&name)).unwrap();
            let old = std::fs::read_to_string(committed().join(&name)).unwrap_or_default();
            if fresh != old {
                stale.push(format!("screen '{}' ({name})", screen.name));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "the UI changed but screenshots/ did not: {}. Run `cargo run -- screenshots`, look at the result, and commit it.",
        stale.join(", ")
    );
    // Nothing in screenshots/ that is no longer drawn.
    for e in std::fs::read_dir(committed()).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        assert!(
            SCREENS.iter().any(|s| s.name == stem),
            "screenshots/{name} is not a screen shifr draws any more"
        );
    }
}

#[test]
fn the_svgs_are_well_formed_and_hold_the_screen() {
    for screen in SCREENS {
        let path = committed().join(format!("{}.svg", screen.name));
        let svg = std::fs::read_to_string(&path).unwrap();
        let doc = roxmltree::Document::parse(&svg)
            .unwrap_or_else(|e| panic!("{}: not well-formed XML: {e}", path.display()));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        let w: f32 = root.attribute("width").unwrap().parse().unwrap();
        let h: f32 = root.attribute("height").unwrap().parse().unwrap();
        assert!(w > f32::from(screen.width) * 5.0 && h > f32::from(screen.height) * 10.0);
        // Every word of the plain-text screen is drawn as text in the SVG,
        // in order (box drawing is drawn as lines, so only words count).
        let drawn: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .concat()
            .replace(' ', "");
        let txt =
            std::fs::read_to_string(committed().join(format!("{}.txt", screen.name))).unwrap();
        for word in txt.split(|c: char| c.is_whitespace() || "─│┌┐└┘━┃┏┓┗┛┊┄█├┤".contains(c))
        {
            if word.chars().count() >= 4 {
                assert!(
                    drawn.contains(word),
                    "{}: '{word}' is not drawn",
                    screen.name
                );
            }
        }
    }
}

#[test]
fn screens_include_the_ones_the_readme_shows() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for screen in SCREENS {
        assert!(
            readme.contains(&format!("screenshots/{}.svg", screen.name)),
            "README does not show screenshots/{}.svg",
            screen.name
        );
    }
}

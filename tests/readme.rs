//! The README stays true: its first lines are the two set-up commands, and
//! its key table describes every default binding.

use shifr::keymap::{Context, Keymap};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn starts_with_the_two_setup_commands() {
    let r = readme();
    let first: Vec<&str> = r.lines().take(6).collect();
    assert!(
        first.iter().any(|l| l.starts_with("cargo run --release")),
        "{first:?}"
    );
    assert!(
        first.iter().any(|l| l.starts_with("cargo test")),
        "{first:?}"
    );
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test"),
        ".ci/run must call the README's test command"
    );
}

#[test]
fn every_default_binding_is_in_the_key_table() {
    let r = readme();
    let km = Keymap::defaults();
    for ctx in [Context::Global, Context::List] {
        for (action, keys) in km.bindings(ctx) {
            for k in keys {
                let shown = format!("`{k}`");
                assert!(
                    r.contains(&shown),
                    "README does not mention key {shown} ({})",
                    action.name()
                );
            }
        }
    }
}

//! Help says true: every key that help lists in a context, pressed in that
//! context, is looked up there as the action help names, and taken by the
//! screen on top (quitting, suspending and help itself fall through an
//! overlay to the reader, by design).

mod common;

use common::app::*;
use shifr::action::Action;
use shifr::app::App;
use shifr::keymap::{Context, Keymap};
use shifr::notes::store::Store;
use shifr::view::help::entries;

/// The reader on 2 October with a notes file, put into `ctx` by keys.
fn in_context(ctx: Context, dir: &tempfile::TempDir) -> Harness {
    let mut app = App::new(corpus(), Keymap::defaults());
    app.store = Store::open(dir.path().join("notes.toml"));
    let mut a = Harness::new(app, 120, 40);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    let keys = match ctx {
        Context::Global | Context::Message => "",
        Context::List => "shift-tab",
        Context::Annotations => "tab",
        Context::Compare => "c",
        Context::Search => "/",
        Context::Timeline => "t",
        Context::Matrix => "m",
        Context::Filter => "f",
        Context::Help => "?",
        Context::Editor => "a",
        Context::Confirm => "a x esc",
        Context::Citation => "y",
        Context::Debate => "D",
        Context::Apparatus => "F",
        Context::Find => "ctrl-f",
        Context::Bookmarks => "B",
    };
    a.press(keys).unwrap();
    a
}

#[test]
fn every_key_help_lists_does_what_help_says_in_its_context() {
    let km = Keymap::defaults();
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for &ctx in Context::ALL {
        for (action, keys, what) in entries(&km, ctx) {
            for key in keys {
                let mut a = in_context(ctx, &dir);
                // Global keys are tried from the message pane, where none is
                // shadowed.
                let here = if ctx == Context::Global {
                    Context::Message
                } else {
                    ctx
                };
                assert_eq!(a.context(), here, "set-up for {}", ctx.name());
                a.press(&key.to_string()).unwrap();
                let overlay = !matches!(
                    here,
                    Context::List | Context::Message | Context::Annotations
                );
                let falls = overlay
                    && matches!(action, Action::Quit | Action::Suspend | Action::Help)
                    && !(here == Context::Help && action == Action::Help);
                assert_eq!(
                    a.last_key(),
                    Some((here, action, !falls)),
                    "[{}] {key}: help says “{what}”",
                    ctx.name()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 150, "only {checked} bindings checked");
}

#[test]
fn help_names_the_timelines_own_keys_in_its_section() {
    let km = Keymap::defaults();
    let timeline = entries(&km, Context::Timeline);
    let find = |a: Action| {
        timeline
            .iter()
            .find(|(x, _, _)| *x == a)
            .map(|(_, k, w)| (k.iter().map(|k| k.to_string()).collect::<Vec<_>>(), *w))
    };
    let (keys, what) = find(Action::Down).unwrap();
    assert!(keys.contains(&"j".to_string()), "{keys:?}");
    assert_eq!(what, "the next lane (sender)");
    let (keys, _) = find(Action::NextTelegram).unwrap();
    assert!(keys.contains(&"]".to_string()));
    let (_, what) = find(Action::Open).unwrap();
    assert!(what.contains("open the telegram"));
    let matrix = entries(&km, Context::Matrix);
    let open = matrix.iter().find(|(a, _, _)| *a == Action::Open).unwrap();
    assert!(open.2.contains("narrow the list"), "{}", open.2);
    // In the search overlay, j and k are typing, so help does not offer them.
    let search = entries(&km, Context::Search);
    let down = search.iter().find(|(a, _, _)| *a == Action::Down).unwrap();
    assert!(!down.1.iter().any(|k| k.to_string() == "j"), "{:?}", down.1);
}

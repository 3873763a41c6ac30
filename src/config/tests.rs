use super::*;
use ratatui::style::Color;

fn err(text: &str) -> String {
    Settings::parse("c.toml", text).unwrap_err().to_string()
}

#[test]
fn the_default_file_parses_to_exactly_the_defaults() {
    assert_eq!(
        Settings::parse("default.toml", DEFAULT_CONFIG).unwrap(),
        Settings::default()
    );
    // An empty file, and a file of comments, too.
    assert_eq!(Settings::parse("e", "").unwrap(), Settings::default());
    assert_eq!(Settings::parse("e", "# x\n").unwrap(), Settings::default());
}

/// Every setting, each role set, so none is left out of serializing.
fn everything() -> Settings {
    let c = Some(Colour(Color::Red));
    Settings {
        layout: Layout {
            list_width: ListWidth::Percent(30),
            header: Header::Compact,
            annotations: Annotations::Below,
            read_marks: false,
        },
        theme: ThemeSettings {
            preset: Preset::Light,
            accent: c,
            muted: c,
            label: c,
            mark: c,
            summary: c,
            editor: c,
            alert: c,
            scholar: c,
        },
        mouse: Mouse { capture: false },
    }
}

#[test]
fn every_setting_is_in_the_default_file_under_its_table() {
    let all: toml::Table = toml::from_str(&everything().to_toml()).unwrap();
    let mut n = 0;
    for (table, keys) in &all {
        let at = DEFAULT_CONFIG
            .find(&format!("\n[{table}]\n"))
            .unwrap_or_else(|| panic!("[{table}] is not in the default file"));
        let rest = &DEFAULT_CONFIG[at + 1..];
        let section = &rest[..rest[1..].find("\n[").map_or(rest.len(), |i| i + 1)];
        for key in keys.as_table().unwrap().keys() {
            let set = section.lines().any(|l| {
                let l = l.trim_start_matches("# ");
                l.starts_with(&format!("{key} = "))
            });
            assert!(set, "{table}.{key} is not in the default file's [{table}]");
            n += 1;
        }
    }
    // 4 layout, 9 theme, 1 mouse: a field added to Settings is counted here.
    assert_eq!(n, 14);
    // Each role the theme knows is a field.
    for role in crate::theme::ROLES {
        assert!(
            all["theme"].as_table().unwrap().contains_key(role),
            "{role}"
        );
    }
}

#[test]
fn settings_round_trip_through_their_toml() {
    let s = everything();
    assert_eq!(Settings::parse("x", &s.to_toml()).unwrap(), s);
    let d = Settings::default();
    assert_eq!(Settings::parse("x", &d.to_toml()).unwrap(), d);
}

#[test]
fn each_setting_is_read() {
    let s = Settings::parse(
        "c.toml",
        "[layout]\nlist_width = 25\nheader = \"full\"\nannotations = \"right\"\nread_marks = false\n\
         [theme]\npreset = \"dark\"\nmark = \"#ff8800\"\nlabel = 33\nalert = \"light-red\"\n\
         [mouse]\ncapture = false\n",
    )
    .unwrap();
    assert_eq!(s.layout.list_width, ListWidth::Percent(25));
    assert_eq!(s.layout.header, Header::Full);
    assert_eq!(s.layout.annotations, Annotations::Right);
    assert!(!s.layout.read_marks);
    assert_eq!(s.theme.preset, Preset::Dark);
    assert_eq!(s.theme.mark, Some(Colour(Color::Rgb(0xff, 0x88, 0))));
    assert_eq!(s.theme.label, Some(Colour(Color::Indexed(33))));
    assert_eq!(s.theme.alert, Some(Colour(Color::LightRed)));
    assert!(!s.mouse.capture);
    for (v, want) in [
        ("auto", Header::Auto),
        ("full", Header::Full),
        ("compact", Header::Compact),
    ] {
        let s = Settings::parse("c", &format!("[layout]\nheader = \"{v}\"\n")).unwrap();
        assert_eq!(s.layout.header, want);
    }
    for (v, want) in [
        ("auto", Annotations::Auto),
        ("right", Annotations::Right),
        ("below", Annotations::Below),
        ("hidden", Annotations::Hidden),
    ] {
        let s = Settings::parse("c", &format!("[layout]\nannotations = \"{v}\"\n")).unwrap();
        assert_eq!(s.layout.annotations, want);
    }
    for p in Preset::ALL {
        let s = Settings::parse("c", &format!("[theme]\npreset = \"{}\"\n", p.name())).unwrap();
        assert_eq!(s.theme.preset, p);
    }
    for w in [10, 70] {
        let s = Settings::parse("c", &format!("[layout]\nlist_width = {w}\n")).unwrap();
        assert_eq!(s.layout.list_width.percent(), Some(w));
    }
}

#[test]
fn bad_settings_are_located_and_explained() {
    let e = err("[layout]\nlist_widht = 30\n");
    assert_eq!(
        e,
        "c.toml:2:1: unknown key 'list_widht' (did you mean 'list_width'?): expected one of list_width, header, annotations, read_marks"
    );
    let e = err("[colours]\naccent = \"red\"\n");
    assert!(
        e.starts_with("c.toml:1:2: unknown key 'colours'")
            && e.contains("expected one of layout, theme, mouse"),
        "{e}"
    );
    let e = err("[mouse]\ncapture = \"yes\"\n");
    assert!(
        e.starts_with("c.toml:2:11: invalid type: string \"yes\", expected a boolean"),
        "{e}"
    );
    let e = err("[layout]\nheader = \"short\"\n");
    assert_eq!(
        e,
        "c.toml:2:10: unknown value \"short\": expected one of \"auto\", \"full\", \"compact\""
    );
    let e = err("[theme]\npreset = \"drak\"\n");
    assert!(
        e.starts_with("c.toml:2:10: unknown value \"drak\" (did you mean 'dark'?): expected one of \"terminal\", \"dark\", \"light\", \"mono\""),
        "{e}"
    );
    let e = err("[layout]\nlist_width = 90\n");
    assert_eq!(
        e,
        "c.toml:2:14: list_width 90 is out of range: expected \"auto\" or a percentage of the screen from 10 to 70"
    );
    let e = err("[layout]\nlist_width = \"wide\"\n");
    assert!(
        e.starts_with("c.toml:2:14: list_width \"wide\" is not a width"),
        "{e}"
    );
    let e = err("[theme]\naccent = \"chartreuse-ish\"\n");
    assert!(
        e.starts_with("c.toml:2:10: \"chartreuse-ish\" is not a colour: expected a colour name"),
        "{e}"
    );
    let e = err("[theme]\naccent = 300\n");
    assert!(e.starts_with("c.toml:2:10: 300 is not a colour"), "{e}");
    let e = err("[layout\n");
    assert_eq!(e, "c.toml:1:8: unclosed table, expected `]`");
    let e = err("= 1\n");
    assert!(e.starts_with("c.toml:1:1: "), "{e}");
    let e = err("[mouse]\ncapture = true\ncapture = false\n");
    assert_eq!(
        e,
        "c.toml:3:1: this key or table is set twice: expected each once"
    );
    let e = err("[mouse]\n[mouse]\n");
    assert!(
        e.starts_with("c.toml:2:2: this key or table is set twice"),
        "{e}"
    );
    let e = err("layout = 3\n");
    assert_eq!(
        e,
        "c.toml:1:10: invalid type: integer `3`, expected a table, e.g. [layout]"
    );
    // One line, whatever the file holds.
    let e = err("[layout]\n\"a\\u001b[2J\" = 1\n");
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(!e.contains('\u{1b}'), "{e}");
}

#[test]
fn a_missing_default_file_is_the_defaults_a_missing_named_one_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("nope.toml");
    let e = Settings::load(Some(&gone)).unwrap_err().to_string();
    assert!(e.starts_with(&gone.display().to_string()), "{e}");
    let f = dir.path().join("c.toml");
    std::fs::write(&f, "[mouse]\ncapture = false\n").unwrap();
    let (s, used) = Settings::load(Some(&f)).unwrap();
    assert!(!s.mouse.capture);
    assert_eq!(used, Some(f.clone()));
    std::fs::write(&f, "[mouse]\ncapture = 1\n").unwrap();
    let e = Settings::load(Some(&f)).unwrap_err().to_string();
    assert!(e.starts_with(&format!("{}:2:11: ", f.display())), "{e}");
}

#[test]
fn the_theme_follows_preset_roles_and_no_color() {
    use crate::theme::Theme;
    let d = ThemeSettings::default();
    assert_eq!(d.theme(false), Theme::colored());
    assert_eq!(d.theme(true), Theme::plain());
    let mono = ThemeSettings {
        preset: Preset::Mono,
        ..Default::default()
    };
    assert_eq!(mono.theme(false), Theme::plain());
    // A role set over mono colours that role only.
    let p = ThemeSettings {
        accent: Some(Colour(Color::Green)),
        ..mono.clone()
    }
    .palette()
    .unwrap();
    assert_eq!((p.accent, p.mark), (Color::Green, Color::Reset));
    // Over a preset, the rest are the preset's.
    let p = ThemeSettings {
        preset: Preset::Light,
        mark: Some(Colour(Color::Indexed(1))),
        ..Default::default()
    }
    .palette()
    .unwrap();
    let light = Preset::Light.palette().unwrap();
    assert_eq!(p.mark, Color::Indexed(1));
    assert_eq!(p.accent, light.accent);
    // NO_COLOR wins over any preset and role.
    let dark = ThemeSettings {
        preset: Preset::Dark,
        accent: Some(Colour(Color::Red)),
        ..Default::default()
    };
    assert_eq!(dark.theme(true), Theme::plain());
    assert!(dark.theme(false).has_color());
}

//! Styles. Every distinction the reader relies on — focus, selection, quote
//! against summary, disputed and reported status — is carried by a modifier
//! or a glyph as well as by colour, so it survives `NO_COLOR` and the `mono`
//! preset.
//!
//! Colour comes from eight roles ([`Palette`]); a preset fills them
//! (`terminal`, the default, uses the terminal's own 16 colours, so it follows
//! the terminal's scheme), and the settings file may set any role over it.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

/// The colour roles, one colour each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Focus: the focused pane's border and title, the mode, versions.
    pub accent: Color,
    /// Borders of the panes without focus.
    pub muted: Color,
    /// Field labels and the list's group headers.
    pub label: Color,
    /// The quote gutter, keys in hints, search matches, "reported".
    pub mark: Color,
    /// The editors' paraphrase (also dimmed and in italics).
    pub summary: Color,
    /// The editors' labels and notes.
    pub editor: Color,
    /// Disputed claims, errors, events on the timeline.
    pub alert: Color,
    /// Scholars' names.
    pub scholar: Color,
}

/// The role names, as the settings file writes them.
pub const ROLES: [&str; 8] = [
    "accent", "muted", "label", "mark", "summary", "editor", "alert", "scholar",
];

impl Palette {
    /// The role named `name` (one of [`ROLES`]).
    pub fn role_mut(&mut self, name: &str) -> Option<&mut Color> {
        Some(match name {
            "accent" => &mut self.accent,
            "muted" => &mut self.muted,
            "label" => &mut self.label,
            "mark" => &mut self.mark,
            "summary" => &mut self.summary,
            "editor" => &mut self.editor,
            "alert" => &mut self.alert,
            "scholar" => &mut self.scholar,
            _ => return None,
        })
    }
}

/// A built-in set of colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Preset {
    /// The terminal's own 16 colours, whatever its scheme makes of them.
    #[default]
    Terminal,
    /// 256-colour shades chosen for a dark background.
    Dark,
    /// 256-colour shades chosen for a light background (no yellow on white).
    Light,
    /// No colour at all: bold, reverse, underline and glyphs carry everything.
    Mono,
}

impl Preset {
    pub const ALL: [Preset; 4] = [Preset::Terminal, Preset::Dark, Preset::Light, Preset::Mono];

    pub fn name(self) -> &'static str {
        match self {
            Preset::Terminal => "terminal",
            Preset::Dark => "dark",
            Preset::Light => "light",
            Preset::Mono => "mono",
        }
    }

    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The preset's colours; `None` for `mono`.
    pub fn palette(self) -> Option<Palette> {
        let i = Color::Indexed;
        Some(match self {
            Preset::Terminal => Palette {
                accent: Color::Cyan,
                muted: Color::DarkGray,
                label: Color::Blue,
                mark: Color::Yellow,
                summary: Color::Gray,
                editor: Color::Magenta,
                alert: Color::Red,
                scholar: Color::Green,
            },
            Preset::Dark => Palette {
                accent: i(81),
                muted: i(242),
                label: i(111),
                mark: i(221),
                summary: i(250),
                editor: i(176),
                alert: i(203),
                scholar: i(114),
            },
            Preset::Light => Palette {
                accent: i(24),
                muted: i(245),
                label: i(26),
                mark: i(130),
                summary: i(240),
                editor: i(90),
                alert: i(124),
                scholar: i(22),
            },
            Preset::Mono => return None,
        })
    }
}

/// A colour as the settings file writes it: a name (`red`, `light-blue`,
/// `dark-gray`), an index 0–255, or `#rrggbb`.
pub fn parse_color(s: &str) -> Option<Color> {
    Color::from_str(s.trim()).ok()
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    /// `None`: no colour (`NO_COLOR`, or the `mono` preset).
    palette: Option<Palette>,
}

/// Whether `NO_COLOR` is set to anything non-empty.
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Theme {
    /// The terminal's 16 colours unless `NO_COLOR` is set to anything
    /// non-empty.
    pub fn from_env() -> Theme {
        Theme::new(
            Some(Preset::Terminal.palette().expect("a palette")),
            no_color_env(),
        )
    }

    /// These colours, or none when `no_color` (`NO_COLOR` wins over every
    /// preset and role the settings name).
    pub fn new(palette: Option<Palette>, no_color: bool) -> Theme {
        Theme {
            palette: palette.filter(|_| !no_color),
        }
    }

    pub fn plain() -> Theme {
        Theme { palette: None }
    }

    pub fn colored() -> Theme {
        Theme {
            palette: Preset::Terminal.palette(),
        }
    }

    /// Whether anything is coloured.
    pub fn has_color(&self) -> bool {
        self.palette.is_some()
    }

    fn fg(&self, role: fn(&Palette) -> Color) -> Style {
        match &self.palette {
            Some(p) => Style::new().fg(role(p)),
            None => Style::new(),
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(|p| p.accent).add_modifier(Modifier::BOLD)
        } else {
            self.fg(|p| p.muted)
        }
    }

    pub fn border_type(&self, focused: bool) -> BorderType {
        if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        }
    }

    pub fn title(&self, focused: bool) -> Style {
        if focused {
            self.fg(|p| p.accent)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The selected row: reverse video, so it shows without colour.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn group_header(&self) -> Style {
        self.fg(|p| p.label).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn label(&self) -> Style {
        self.fg(|p| p.label).add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The telegram's own words.
    pub fn quote(&self) -> Style {
        Style::new()
    }

    pub fn quote_gutter(&self) -> Style {
        self.fg(|p| p.mark).add_modifier(Modifier::BOLD)
    }

    /// The editors' paraphrase.
    pub fn summary(&self) -> Style {
        self.fg(|p| p.summary)
            .add_modifier(Modifier::ITALIC | Modifier::DIM)
    }

    pub fn summary_label(&self) -> Style {
        self.fg(|p| p.editor).add_modifier(Modifier::DIM)
    }

    /// A passage the selected note speaks to.
    pub fn anchored(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn anchored_gutter(&self) -> Style {
        self.fg(|p| p.accent)
            .add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn disputed(&self) -> Style {
        self.fg(|p| p.alert).add_modifier(Modifier::BOLD)
    }

    /// A telegram whose versions conflict: its own glyph (`‽`) as well.
    pub fn conflict(&self) -> Style {
        self.fg(|p| p.editor).add_modifier(Modifier::BOLD)
    }

    pub fn reported(&self) -> Style {
        self.fg(|p| p.mark)
    }

    pub fn versions(&self) -> Style {
        self.fg(|p| p.accent).add_modifier(Modifier::BOLD)
    }

    pub fn scholar(&self) -> Style {
        self.fg(|p| p.scholar).add_modifier(Modifier::BOLD)
    }

    pub fn editor(&self) -> Style {
        self.fg(|p| p.editor).add_modifier(Modifier::BOLD)
    }

    pub fn status_bar(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn mode(&self) -> Style {
        self.fg(|p| p.accent).add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(|p| p.mark).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(|p| p.alert).add_modifier(Modifier::BOLD)
    }

    /// Characters a search matched.
    pub fn search_match(&self) -> Style {
        self.fg(|p| p.mark)
            .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    }

    pub fn event(&self) -> Style {
        self.fg(|p| p.alert).add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every style the reader draws with.
    fn styles(t: &Theme) -> Vec<Style> {
        let mut v = vec![
            t.group_header(),
            t.dim(),
            t.label(),
            t.heading(),
            t.quote(),
            t.quote_gutter(),
            t.summary(),
            t.summary_label(),
            t.anchored(),
            t.anchored_gutter(),
            t.disputed(),
            t.reported(),
            t.versions(),
            t.scholar(),
            t.editor(),
            t.status_bar(),
            t.mode(),
            t.key(),
            t.error(),
            t.search_match(),
            t.event(),
        ];
        for f in [true, false] {
            v.extend([t.border(f), t.title(f), t.selected(f)]);
        }
        v
    }

    #[test]
    fn mono_and_no_color_draw_no_colour_but_keep_every_modifier() {
        let mono = Theme::new(Preset::Mono.palette(), false);
        let no_color = Theme::new(Preset::Dark.palette(), true);
        let coloured = Theme::new(Preset::Dark.palette(), false);
        assert_eq!(mono, Theme::plain());
        assert_eq!(no_color, Theme::plain());
        for (plain, col) in styles(&mono).into_iter().zip(styles(&coloured)) {
            assert_eq!(plain.fg, None);
            assert_eq!(plain.add_modifier, col.add_modifier);
        }
        // Focus is told apart without colour.
        assert_ne!(mono.border(true), mono.border(false));
        assert_ne!(mono.title(true), mono.title(false));
        assert_ne!(mono.selected(true), mono.selected(false));
    }

    #[test]
    fn the_terminal_preset_is_todays_16_colours_and_presets_differ() {
        assert_eq!(
            Theme::new(Preset::Terminal.palette(), false),
            Theme::colored()
        );
        assert_eq!(Theme::colored().border(true).fg, Some(Color::Cyan));
        let fgs = |p: Preset| -> Vec<Option<Color>> {
            styles(&Theme::new(p.palette(), false))
                .iter()
                .map(|s| s.fg)
                .collect()
        };
        assert_ne!(fgs(Preset::Dark), fgs(Preset::Light));
        assert_ne!(fgs(Preset::Dark), fgs(Preset::Terminal));
        // No yellow on a light background.
        assert!(!fgs(Preset::Light).contains(&Some(Color::Yellow)));
    }

    #[test]
    fn every_role_is_named_and_colours_parse() {
        let mut p = Preset::Terminal.palette().unwrap();
        for r in ROLES {
            *p.role_mut(r).unwrap() = Color::Black;
        }
        assert_eq!(
            p,
            Palette {
                accent: Color::Black,
                muted: Color::Black,
                label: Color::Black,
                mark: Color::Black,
                summary: Color::Black,
                editor: Color::Black,
                alert: Color::Black,
                scholar: Color::Black,
            }
        );
        assert!(p.role_mut("nope").is_none());
        assert_eq!(parse_color("light-blue"), Some(Color::LightBlue));
        assert_eq!(parse_color("#102030"), Some(Color::Rgb(16, 32, 48)));
        assert_eq!(parse_color("200"), Some(Color::Indexed(200)));
        assert_eq!(parse_color("chartreuse-ish"), None);
    }
}

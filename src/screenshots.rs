//! `shifr screenshots`: the main screens rendered through the real drawing
//! code into an off-screen buffer (no terminal), written as SVG pictures
//! and plain text. The committed `screenshots/` are this output, and a test
//! regenerates them, so they never drift from what the binary draws.

use std::path::Path;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};

use crate::app::App;
use crate::corpus::Corpus;
use crate::export::svg;
use crate::keymap::Keymap;
use crate::runner::{self, LocalHost};
use crate::theme::Theme;
use crate::ui::Shell;

/// One screen: where the reader is and which keys were pressed.
#[derive(Clone, Copy, Debug)]
pub struct Screen {
    /// The file name, without extension.
    pub name: &'static str,
    /// The window title in the picture, and the README's caption.
    pub title: &'static str,
    pub width: u16,
    pub height: u16,
    /// The telegram opened first, if any.
    pub open: Option<&'static str>,
    /// Keys pressed, as in keymap.toml, separated by spaces.
    pub keys: &'static str,
}

/// The screens, in the order the README shows them.
pub const SCREENS: &[Screen] = &[
    Screen {
        name: "reader-2-october",
        title: "The reader on Mao's message of 2 October 1950 (120×40)",
        width: 120,
        height: 40,
        open: Some("1950-10-02-mao-stalin"),
        keys: "",
    },
    Screen {
        name: "compare-2-october",
        title: "The Chinese and Russian texts of 2 October side by side (160×45)",
        width: 160,
        height: 45,
        open: Some("1950-10-02-mao-stalin"),
        keys: "c",
    },
    Screen {
        name: "compare-2-october-80x24",
        title: "The same comparison stacked, on an 80×24 terminal",
        width: 80,
        height: 24,
        open: Some("1950-10-02-mao-stalin"),
        keys: "c",
    },
    Screen {
        name: "search",
        title: "Fuzzy search across the corpus: a misspelt 'volonteers' (120×40)",
        width: 120,
        height: 40,
        open: None,
        keys: "/ v o l o n t e e r s",
    },
    Screen {
        name: "timeline",
        title: "The timeline: 2 October between Inchon and the 38th parallel (120×40)",
        width: 120,
        height: 40,
        open: Some("1950-10-02-mao-stalin"),
        keys: "t",
    },
    Screen {
        name: "matrix",
        title: "Who wrote to whom, and through whom (120×40)",
        width: 120,
        height: 40,
        open: Some("1950-10-02-mao-stalin"),
        keys: "m",
    },
    Screen {
        name: "debate",
        title: "The debate: Christensen's trigger argument, the paper's answer, his evidence (120×40)",
        width: 120,
        height: 40,
        open: Some("1950-10-02-mao-stalin"),
        keys: "D",
    },
    Screen {
        name: "native-scripts",
        title: "Names in Hangul and Cyrillic beside their Latin spelling (120×40)",
        width: 120,
        height: 40,
        open: Some("1950-09-29-kim-stalin"),
        keys: "",
    },
    Screen {
        name: "help",
        title: "Help, generated from the keymap in use (120×40)",
        width: 120,
        height: 40,
        open: None,
        keys: "?",
    },
];

/// A screen drawn.
pub struct Shot {
    pub screen: Screen,
    pub buffer: Buffer,
}

impl Shot {
    pub fn svg(&self) -> String {
        svg::to_svg(&self.buffer, self.screen.title)
    }

    pub fn text(&self) -> String {
        svg::to_text(&self.buffer)
    }
}

/// Draws one screen on a corpus, with the default keys and colours.
pub fn shoot(corpus: &Arc<Corpus>, screen: Screen) -> Result<Shot, String> {
    let size = Size::new(screen.width, screen.height);
    let mut app = App::new(corpus.clone(), Keymap::defaults());
    if let Some(id) = screen.open {
        app.open_id(id)?;
    }
    let mut shell = Shell::new(app, Theme::colored(), size);
    let mut host = LocalHost::new(&mut shell);
    runner::press(&mut shell, &mut host, screen.keys)?;
    let area = Rect::new(0, 0, screen.width, screen.height);
    let mut buffer = Buffer::empty(area);
    shell.draw(area, &mut buffer);
    Ok(Shot { screen, buffer })
}

/// Draws every screen.
pub fn shoot_all(corpus: &Arc<Corpus>) -> Result<Vec<Shot>, String> {
    SCREENS.iter().map(|s| shoot(corpus, *s)).collect()
}

/// Writes NAME.svg and NAME.txt for every screen into `dir` (created if
/// missing). Returns the files written.
pub fn write_all(corpus: &Arc<Corpus>, dir: &Path) -> Result<Vec<String>, String> {
    let shots = shoot_all(corpus)?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for shot in &shots {
        for (ext, body) in [("svg", shot.svg()), ("txt", shot.text())] {
            let name = format!("{}.{ext}", shot.screen.name);
            let path = dir.join(&name);
            std::fs::write(&path, body)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            written.push(name);
        }
    }
    Ok(written)
}

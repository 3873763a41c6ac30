//! Driving the reader without a terminal: the real shell, with the real
//! effect runner over a host that searches on this thread and keeps the
//! clipboard in a list, so `press` is exactly what a keypress does.
#![allow(dead_code)]

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use shifr::app::App;
use shifr::corpus::Corpus;
use shifr::keymap::Keymap;
use shifr::runner::{self, LocalHost};
use shifr::theme::Theme;
use shifr::ui::Shell;
use shifr::ui::layout::Areas;
use shifr::view::annotations::NotesText;
use shifr::view::message::MessageText;

pub fn corpus() -> Arc<Corpus> {
    Arc::new(Corpus::embedded().expect("bundled corpus"))
}

/// The shell and its host.
pub struct Harness {
    pub shell: Shell,
    pub host: LocalHost,
}

impl Deref for Harness {
    type Target = Shell;
    fn deref(&self) -> &Shell {
        &self.shell
    }
}

impl DerefMut for Harness {
    fn deref_mut(&mut self) -> &mut Shell {
        &mut self.shell
    }
}

impl Harness {
    /// The reader on `app` at a size, without colour.
    pub fn new(app: App, w: u16, h: u16) -> Harness {
        let mut shell = Shell::new(app, Theme::plain(), Size::new(w, h));
        let host = LocalHost::new(&mut shell);
        let mut h = Harness { shell, host };
        h.run();
        h
    }

    /// Presses keys as in keymap.toml, running each key's effects.
    pub fn press(&mut self, keys: &str) -> Result<(), String> {
        runner::press(&mut self.shell, &mut self.host, keys)
    }

    /// Runs whatever effects are waiting.
    pub fn run(&mut self) {
        runner::run(&mut self.shell, &mut self.host);
    }

    pub fn should_quit(&self) -> bool {
        self.host.quit
    }

    pub fn areas(&self) -> Areas {
        *self.shell.reader().areas()
    }

    pub fn message_text(&self) -> MessageText {
        self.shell.reader().message_text().clone()
    }

    pub fn notes_text(&self) -> NotesText {
        self.shell.reader().notes_text().clone()
    }

    pub fn cursor_align(&self) -> Option<String> {
        self.shell.reader().cursor_align(&self.shell.app)
    }

    /// Whether the top overlay is a `T`.
    pub fn top_is<T: 'static>(&self) -> bool {
        self.shell.top_as::<T>().is_some()
    }
}

/// The reader on the bundled corpus at a size, without colour.
pub fn app(w: u16, h: u16) -> Harness {
    Harness::new(App::new(corpus(), Keymap::defaults()), w, h)
}

/// Renders the app into an off-screen terminal of its size.
pub fn terminal(app: &Shell) -> Terminal<TestBackend> {
    let size = app.size();
    let mut t = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    t
}

/// The screen as text, one line per row.
pub fn screen(app: &Shell) -> String {
    let t = terminal(app);
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            s.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        s.push('\n');
    }
    s
}

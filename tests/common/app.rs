//! Driving the reader without a terminal.
#![allow(dead_code)]

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use shifr::app::App;
use shifr::corpus::Corpus;
use shifr::keymap::Keymap;
use shifr::ui;
use shifr::ui::theme::Theme;

pub fn corpus() -> Arc<Corpus> {
    Arc::new(Corpus::embedded().expect("bundled corpus"))
}

/// The reader on the bundled corpus at a size, without colour.
pub fn app(w: u16, h: u16) -> App {
    let mut a = App::new(
        corpus(),
        Keymap::defaults(),
        Theme::plain(),
        Size::new(w, h),
    );
    a.resize(w, h);
    a
}

/// Renders the app into an off-screen terminal of its size.
pub fn terminal(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| ui::render(app, f)).unwrap();
    t
}

/// The screen as text, one line per row.
pub fn screen(app: &App) -> String {
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

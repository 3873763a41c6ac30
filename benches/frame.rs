//! Frame benchmark: the time to draw each main screen on ratatui's
//! TestBackend (the reader on 2 October, the comparison, search with
//! results, the timeline, the matrix, help) at 80×24 and 200×50, on the
//! bundled corpus and on a synthetic 100,000-telegram one; and the time per
//! key, key handled and frame drawn, over a 2,000-key scripted session.
//!
//!     cargo bench --bench frame              # both corpora
//!     cargo bench --bench frame -- bundled   # the bundled corpus only
//!
//! Each figure is the median and the 95th percentile of many runs.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shifr::corpus::Corpus;

/// The reader as the benchmark drives it: keys in (with their effects
/// run), frames out.
mod drive {
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

    pub struct Reader {
        shell: Shell,
        host: LocalHost,
    }

    pub fn new(corpus: &Arc<Corpus>, w: u16, h: u16, open: Option<&str>) -> Reader {
        let mut app = App::new(Arc::clone(corpus), Keymap::defaults());
        if let Some(id) = open {
            app.open_id(id).unwrap();
        }
        let mut shell = Shell::new(app, Theme::colored(), Size::new(w, h));
        let host = LocalHost::new(&mut shell);
        Reader { shell, host }
    }

    pub fn press(r: &mut Reader, keys: &str) {
        runner::press(&mut r.shell, &mut r.host, keys).unwrap();
    }

    pub fn draw(r: &Reader, t: &mut Terminal<TestBackend>) {
        t.draw(|f| r.shell.render(f)).unwrap();
    }
}

/// The screens, as the keys that open them.
const SCREENS: &[(&str, &str)] = &[
    ("reader", ""),
    ("compare", "c"),
    ("search", "/ i n c h o n"),
    ("timeline", "t"),
    ("matrix", "m"),
    ("help", "?"),
];

/// A session's worth of keys: moving, opening, every overlay in and out.
const SESSION: &[&str] = &[
    "j", "j", "k", "enter", "]", "[", "j", "ctrl-d", "ctrl-u", "tab", "j", "j", "tab", "tab", "c",
    "j", "}", "{", "s", "j", "s", "esc", "t", "l", "l", "h", "j", "k", "]", "esc", "m", "j", "l",
    "esc", "?", "j", "esc", "/", "m", "a", "o", "esc", "o", "j", "j", "o", "G", "g",
];

fn stats(v: &mut [f64]) -> (f64, f64) {
    v.sort_by(|a, b| a.total_cmp(b));
    let at = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    (at(0.5), at(0.95))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Draws one screen again and again: median and p95 of a frame, in ms.
fn frame(corpus: &Arc<Corpus>, open: Option<&str>, keys: &str, w: u16, h: u16) -> (f64, f64) {
    let mut r = drive::new(corpus, w, h, open);
    drive::press(&mut r, keys);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    drive::draw(&r, &mut t);
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 2000 && (times.len() < 20 || start.elapsed() < Duration::from_secs(2)) {
        let t0 = Instant::now();
        drive::draw(&r, &mut t);
        times.push(ms(t0.elapsed()));
    }
    stats(&mut times)
}

/// A 2,000-key session, each key handled and its frame drawn: median and
/// p95 per key, in ms.
fn session(corpus: &Arc<Corpus>, open: Option<&str>, w: u16, h: u16) -> (f64, f64) {
    let mut r = drive::new(corpus, w, h, open);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    drive::draw(&r, &mut t);
    let mut times = Vec::new();
    for k in SESSION.iter().cycle().take(2000) {
        let t0 = Instant::now();
        drive::press(&mut r, k);
        drive::draw(&r, &mut t);
        times.push(ms(t0.elapsed()));
    }
    stats(&mut times)
}

fn run(name: &str, corpus: Arc<Corpus>, open: Option<&str>) {
    println!("\n{name} ({} telegrams)", corpus.telegrams.len());
    println!(
        "{:<10} {:>22} {:>22}",
        "screen", "80x24 median / p95", "200x50 median / p95"
    );
    for (screen, keys) in SCREENS {
        let a = frame(&corpus, open, keys, 80, 24);
        let b = frame(&corpus, open, keys, 200, 50);
        println!(
            "{screen:<10} {:>10.3} / {:>7.3} ms {:>10.3} / {:>7.3} ms",
            a.0, a.1, b.0, b.1
        );
    }
    let a = session(&corpus, open, 80, 24);
    let b = session(&corpus, open, 200, 50);
    println!(
        "{:<10} {:>10.3} / {:>7.3} ms {:>10.3} / {:>7.3} ms   (per key, key + frame)",
        "2000 keys", a.0, a.1, b.0, b.1
    );
}

fn main() {
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wants = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    if wants("bundled") {
        let c = Arc::new(Corpus::embedded().expect("bundled corpus"));
        run("bundled", c, Some("1950-10-02-mao-stalin"));
    }
    if wants("100000") {
        let c = Arc::new(shifr::corpus::synth::generate(100_000, 1950));
        run("synthetic", c, None);
    }
}

//! Live key to screen: the release binary in a pseudo-terminal, the search
//! overlay open, the queries of `benches/search.rs` typed one key at a
//! time. For each key: from writing it to the terminal until the last byte
//! the reader writes in answer (the output then quiet for 40 ms) — the
//! frame with the results, as a user sees it, through the real event loop,
//! search thread and terminal output.
//!
//!     cargo bench --bench live                  # the bundled corpus
//!     cargo bench --bench live -- --corpus DIR  # e.g. shifr gen-corpus --count 100000 --out DIR
//!     cargo bench --bench live -- --bin PATH    # another build of shifr

use std::io::{Read, Write};
use std::num::NonZero;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[path = "common/queries.rs"]
mod queries;
use queries::QUERIES;

const QUIET: Duration = Duration::from_millis(40);

struct Out {
    screen: vt100::Parser,
    last: Instant,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let bin = opt("--bin").unwrap_or_else(|| env!("CARGO_BIN_EXE_shifr").to_string());
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(&bin);
    if let Some(dir) = opt("--corpus") {
        cmd.args(["--corpus", &dir]);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", std::env::temp_dir());
    cmd.env_remove("XDG_CONFIG_HOME");
    let mut child = pty.slave.spawn_command(cmd).expect("spawn shifr");
    drop(pty.slave);
    let out = Arc::new(Mutex::new(Out {
        screen: vt100::Parser::new(NonZero::new(40).unwrap(), NonZero::new(120).unwrap(), 0),
        last: Instant::now(),
    }));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let o = Arc::clone(&out);
    thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let mut o = o.lock().unwrap();
            o.last = Instant::now();
            o.screen.process(&buf[..n]);
        }
    });
    let mut w = pty.master.take_writer().unwrap();
    let wait = |what: &str, pred: &dyn Fn(&str) -> bool| {
        let t = Instant::now();
        while !pred(&out.lock().unwrap().screen.screen().contents()) {
            assert!(t.elapsed() < Duration::from_secs(120), "no {what}");
            thread::sleep(Duration::from_millis(20));
        }
    };
    wait("reader", &|s| s.contains("Correspondence"));
    w.write_all(b"/").unwrap();
    wait("search ready", &|s| {
        s.contains("SEARCH") && !s.contains("indexing")
    });
    let mut lat = Vec::new();
    for round in 0..2 {
        for q in QUERIES {
            for c in q
                .chars()
                .chain(std::iter::repeat_n('\x7f', q.chars().count()))
            {
                let mut b = [0u8; 4];
                let t0 = Instant::now();
                w.write_all(c.encode_utf8(&mut b).as_bytes()).unwrap();
                w.flush().unwrap();
                // Wait for the answer, then for quiet.
                loop {
                    thread::sleep(Duration::from_millis(5));
                    let last = out.lock().unwrap().last;
                    if last > t0 && last.elapsed() >= QUIET {
                        if round == 1 && c != '\x7f' {
                            lat.push((last - t0).as_secs_f64() * 1000.0);
                        }
                        break;
                    }
                    if t0.elapsed() > Duration::from_secs(10) {
                        panic!("no answer to {c:?}");
                    }
                }
            }
        }
    }
    let _ = w.write_all(b"\x1bq");
    let _ = child.kill();
    lat.sort_by(|a, b| a.total_cmp(b));
    let at = |p: f64| lat[((lat.len() - 1) as f64 * p).round() as usize];
    println!(
        "{{\"bin\":{bin:?},\"keys\":{},\"key_to_screen_median_ms\":{:.2},\"p95_ms\":{:.2},\"max_ms\":{:.2}}}",
        lat.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

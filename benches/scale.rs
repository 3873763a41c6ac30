//! Scale benchmark: a generated corpus of 100,000 telegrams (set
//! SHIFR_SCALE_COUNT for another size), opened with the start-up cache cold
//! and warm. Each figure is a whole process of the real binary, timed from
//! outside, with its peak memory (the kernel's maximum resident set, from
//! wait4), against the floor of reading the files (`cat` of every file).
//!
//!     cargo bench --bench scale
//!
//! The corpus is generated once under target/ (or SHIFR_SCALE_DIR) and
//! kept; each run has a fresh cache directory. Figures are medians.
//! SHIFR_SCALE_BIN runs another shifr binary (a build from before a
//! change) through the same measurements.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_shifr");
const QUERY: &str = "mao stalin";

/// One whole process: wall seconds and peak resident MiB.
// The child is reaped by wait4, which std does not know of.
#[allow(clippy::zombie_processes)]
fn run(cmd: &mut Command) -> (f64, f64) {
    let t = Instant::now();
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for our child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own unwaited child.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let wall = t.elapsed().as_secs_f64();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed"
    );
    (wall, usage.ru_maxrss as f64 / 1024.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// `n` runs; the medians.
fn runs(n: usize, mut make: impl FnMut() -> Command) -> (f64, f64) {
    let got: Vec<(f64, f64)> = (0..n).map(|_| run(&mut make())).collect();
    (
        median(got.iter().map(|g| g.0).collect()),
        median(got.iter().map(|g| g.1).collect()),
    )
}

/// The binary measured: this build's, or SHIFR_SCALE_BIN.
fn bin() -> PathBuf {
    std::env::var_os("SHIFR_SCALE_BIN").map_or_else(|| PathBuf::from(BIN), PathBuf::from)
}

fn shifr(cache: &Path, dir: &Path) -> Command {
    let mut c = Command::new(bin());
    c.env("XDG_CACHE_HOME", cache)
        .env_remove("SHIFR_NO_CACHE")
        .arg("--corpus")
        .arg(dir);
    c
}

fn corpus(count: usize) -> PathBuf {
    let dir = std::env::var_os("SHIFR_SCALE_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/scale-{count}")),
        PathBuf::from,
    );
    let have = std::fs::read_dir(dir.join("telegrams")).map_or(0, |d| d.count());
    if have != count {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!("generating {count} telegrams in {}", dir.display());
        run(Command::new(bin())
            .args(["gen-corpus", "--count", &count.to_string(), "--out"])
            .arg(&dir));
    }
    dir
}

/// A whole process whose answer ends with "N hits": seconds until that
/// line was out, and until the process ended (it writes the caches after
/// answering).
fn answer_and_exit(cmd: &mut Command) -> (f64, f64) {
    use std::io::Read;
    let t = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut out = child.stdout.take().expect("piped");
    let (mut seen, mut buf, mut answered) = (Vec::new(), [0u8; 65536], None);
    loop {
        let n = out.read(&mut buf).expect("read");
        if n == 0 {
            break;
        }
        seen.extend_from_slice(&buf[..n]);
        if answered.is_none() && seen.ends_with(b" hits\n") {
            answered = Some(t.elapsed().as_secs_f64());
        }
    }
    assert!(child.wait().expect("wait").success(), "{cmd:?} failed");
    (answered.expect("an answer"), t.elapsed().as_secs_f64())
}

/// Changes the title of one telegram file (`round` makes each edit new);
/// gives back what it held, to be put back.
fn edit_one(dir: &Path, round: usize) -> (PathBuf, String) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("telegrams"))
        .expect("telegrams")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let f = files[files.len() / 2].clone();
    let was = std::fs::read_to_string(&f).expect("a telegram file");
    let now = was.replacen("title = \"", &format!("title = \"Scaleedit{round} "), 1);
    std::fs::write(&f, now).expect("write");
    (f, was)
}

fn disk_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
            match e.metadata() {
                Ok(m) if m.is_dir() => dirs.push(e.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

/// The figures `--bench-startup` prints (the median of its runs): first
/// frame and search ready, in ms; with `extra` arguments before it.
fn startup(cache: &Path, dir: &Path, extra: &[&str]) -> (f64, f64) {
    let s = startup_text(cache, dir, extra);
    (number(&s, "median"), number(&s, "(search ready at"))
}

/// The first run's figures: first frame (of the first part, for a large
/// corpus read whole), the whole corpus in, search ready.
fn first_start(cache: &Path, dir: &Path, extra: &[&str]) -> (f64, f64, f64) {
    let s = startup_text(cache, dir, extra);
    (
        number(&s, "first run: first frame"),
        number(&s, "whole corpus in at"),
        number(&s, ", search ready at"),
    )
}

fn number(s: &str, after: &str) -> f64 {
    let at = s.find(after).map(|i| i + after.len()).expect("a figure");
    s[at..]
        .trim_start()
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number")
}

fn startup_text(cache: &Path, dir: &Path, extra: &[&str]) -> String {
    let out = shifr(cache, dir)
        .args(extra)
        .arg("--bench-startup")
        .output()
        .expect("bench-startup");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let count: usize = std::env::var("SHIFR_SCALE_COUNT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let dir = corpus(count);
    let mib = disk_bytes(&dir) as f64 / 1024.0 / 1024.0;
    let warm_runs = 5;
    println!(
        "scale: {count} telegrams, {mib:.0} MiB on disk ({}), {}",
        dir.display(),
        bin().display()
    );
    let (cat, cat_peak) = runs(3, || {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg("find \"$0\" -name '*.toml' -print0 | xargs -0 cat")
            .arg(&dir);
        c
    });
    println!(
        "  floor, cat of every file:            {:>8.0} ms",
        cat * 1000.0
    );
    let _ = cat_peak;
    // Cold: a cache directory of its own for each run.
    let cold_cache = tempfile::tempdir().expect("tempdir");
    let (cold_search, cold_peak) = run(shifr(cold_cache.path(), &dir).args(["search", QUERY]));
    drop(cold_cache);
    println!(
        "  cold  shifr search '{QUERY}':        {:>8.0} ms  peak {cold_peak:.0} MiB ({:.1}x the corpus)  {:.1}x cat",
        cold_search * 1000.0,
        cold_peak / mib,
        cold_search / cat
    );
    let cache = tempfile::tempdir().expect("tempdir");
    run(shifr(cache.path(), &dir).args(["search", QUERY]));
    let (warm_search, warm_peak) = runs(warm_runs, || {
        let mut c = shifr(cache.path(), &dir);
        c.args(["search", QUERY]);
        c
    });
    println!(
        "  warm  shifr search '{QUERY}':        {:>8.0} ms  peak {warm_peak:.0} MiB ({:.1}x the corpus)  {:.1}x cat",
        warm_search * 1000.0,
        warm_peak / mib,
        warm_search / cat
    );
    let (warm_list, list_peak) = runs(warm_runs, || {
        let mut c = shifr(cache.path(), &dir);
        c.args(["list"]);
        c
    });
    println!(
        "  warm  shifr list:                    {:>8.0} ms  peak {list_peak:.0} MiB ({:.1}x the corpus)",
        warm_list * 1000.0,
        list_peak / mib
    );
    let (frame, ready) = startup(cache.path(), &dir, &[]);
    println!("  warm  reader, first frame (--bench-startup median): {frame:>8.0} ms");
    println!("  warm  reader, search ready:                         {ready:>8.0} ms");
    // One telegram file edited since the cache was written: the corpus
    // and the index are updated, and both written again.
    let (mut answers, mut exits, mut readies) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..3 {
        let (f, was) = edit_one(&dir, round);
        let (answer, exit) = answer_and_exit(shifr(cache.path(), &dir).args(["search", QUERY]));
        answers.push(answer);
        exits.push(exit);
        let (f2, _) = edit_one(&dir, round + 100);
        readies.push(first_start(cache.path(), &dir, &[]).2);
        std::fs::write(&f, &was).expect("put the file back");
        assert_eq!(f, f2);
    }
    println!(
        "  edited shifr search '{QUERY}', one file changed: answer {:>6.0} ms, exit {:>6.0} ms",
        median(answers) * 1000.0,
        median(exits) * 1000.0
    );
    println!(
        "  edited reader, search ready, one file changed:     {:>8.0} ms",
        median(readies)
    );
    let (frame, whole, ready) = first_start(cache.path(), &dir, &["--no-cache"]);
    println!("  cold  reader, first frame (--no-cache):             {frame:>8.0} ms");
    println!("  cold  reader, whole corpus in:                      {whole:>8.0} ms");
    println!("  cold  reader, search ready (--no-cache):            {ready:>8.0} ms");
    // A first start: the cache empty, written while the reader runs.
    let empty = tempfile::tempdir().expect("tempdir");
    let (frame, whole, ready) = first_start(empty.path(), &dir, &[]);
    println!("  first start, reader, first frame (empty cache):     {frame:>8.0} ms");
    println!("  first start, reader, whole corpus in:               {whole:>8.0} ms");
    println!("  first start, reader, search ready:                  {ready:>8.0} ms");
}

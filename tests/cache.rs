//! The start-up cache through the binary: each test has a cache directory
//! of its own (`XDG_CACHE_HOME`), and what a command prints is the same
//! with the cache cold, warm, damaged or off.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{copy_dir, shifr};

fn corpus() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        d.path(),
    );
    d
}

fn run(cache: &Path, dir: &Path, args: &[&str]) -> Output {
    shifr()
        .env_remove("SHIFR_NO_CACHE")
        .env("XDG_CACHE_HOME", cache)
        .arg("--corpus")
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Every file under the cache directory.
fn cache_files(cache: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![cache.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in fs::read_dir(d).into_iter().flatten().flatten() {
            if e.path().is_dir() {
                dirs.push(e.path());
            } else {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn search_is_the_same_cold_warm_and_without_the_cache() {
    let (dir, cache) = (corpus(), tempfile::tempdir().unwrap());
    let q = ["search", "mao stalin", "--limit", "5"];
    let cold = run(cache.path(), dir.path(), &q);
    assert!(cold.status.success(), "{}", text(&cold.stderr));
    assert_eq!(text(&cold.stderr), "");
    let files = cache_files(cache.path());
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files.iter().any(|f| f.ends_with("corpus.bin")));
    let written = |files: &[std::path::PathBuf]| -> Vec<std::time::SystemTime> {
        files
            .iter()
            .map(|f| fs::metadata(f).unwrap().modified().unwrap())
            .collect()
    };
    let before = written(&files);
    let warm = run(cache.path(), dir.path(), &q);
    assert_eq!(text(&warm.stderr), "");
    assert_eq!(warm.stdout, cold.stdout);
    // Warm, nothing is written again.
    assert_eq!(cache_files(cache.path()), files);
    assert_eq!(written(&files), before);
    let uncached = shifr()
        .arg("--corpus")
        .arg(dir.path())
        .args(q)
        .output()
        .unwrap();
    assert_eq!(uncached.stdout, cold.stdout);
}

#[test]
fn an_edited_telegram_is_seen_at_once() {
    let (dir, cache) = (corpus(), tempfile::tempdir().unwrap());
    run(cache.path(), dir.path(), &["search", "mao"]);
    let f = dir.path().join("telegrams/1950-10-02-mao-stalin.toml");
    let t = fs::read_to_string(&f).unwrap();
    fs::write(&f, t.replacen("title = \"", "title = \"Zyzzyva ", 1)).unwrap();
    let out = run(cache.path(), dir.path(), &["search", "zyzzyva"]);
    let shown = text(&out.stdout);
    assert!(shown.starts_with("1950-10-02-mao-stalin"), "{shown}");
    assert!(shown.ends_with("1 of 1 hits\n"), "{shown}");
    let show = run(cache.path(), dir.path(), &["show", "1950-10-02-mao-stalin"]);
    assert!(text(&show.stdout).contains("Zyzzyva"));
    // The kept index was updated (the one telegram read again), not built
    // anew; the debug log says which.
    let state = tempfile::tempdir().unwrap();
    fs::write(&f, t.replacen("title = \"", "title = \"Quagga ", 1)).unwrap();
    let logged = shifr()
        .env_remove("SHIFR_NO_CACHE")
        .env("XDG_CACHE_HOME", cache.path())
        .env("XDG_STATE_HOME", state.path())
        .env("SHIFR_LOG", "1")
        .arg("--corpus")
        .arg(dir.path())
        .args(["search", "quagga"])
        .output()
        .unwrap();
    assert!(text(&logged.stdout).ends_with("1 of 1 hits\n"));
    let log = fs::read_to_string(state.path().join("shifr/shifr.log")).unwrap();
    assert!(log.contains("search index updated from one kept"), "{log}");
}

#[test]
fn a_truncated_or_old_cache_is_rebuilt_with_a_one_line_notice() {
    let (dir, cache) = (corpus(), tempfile::tempdir().unwrap());
    let first = run(cache.path(), dir.path(), &["list"]);
    let bin = cache_files(cache.path())
        .into_iter()
        .find(|f| f.ends_with("corpus.bin"))
        .unwrap();
    let whole = fs::read(&bin).unwrap();
    fs::write(&bin, &whole[..whole.len() - 100]).unwrap();
    let out = run(cache.path(), dir.path(), &["list"]);
    assert_eq!(out.stdout, first.stdout);
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("cut short") && err.contains("rebuilt"),
        "{err}"
    );
    // Rebuilt: quiet again.
    assert_eq!(text(&run(cache.path(), dir.path(), &["list"]).stderr), "");
    let mut old = fs::read(&bin).unwrap();
    old[8..12].copy_from_slice(&1u32.to_le_bytes());
    fs::write(&bin, &old).unwrap();
    let out = run(cache.path(), dir.path(), &["list"]);
    assert_eq!(out.stdout, first.stdout);
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("older format"), "{err}");
}

#[test]
fn no_cache_reads_and_writes_none() {
    let (dir, cache) = (corpus(), tempfile::tempdir().unwrap());
    let out = run(cache.path(), dir.path(), &["--no-cache", "search", "mao"]);
    assert!(out.status.success());
    let off = shifr()
        .env("XDG_CACHE_HOME", cache.path())
        .arg("--corpus")
        .arg(dir.path())
        .args(["search", "mao"])
        .output()
        .unwrap();
    assert_eq!(off.stdout, out.stdout);
    assert_eq!(cache_files(cache.path()), Vec::<std::path::PathBuf>::new());
}

#[test]
fn check_prints_no_progress_when_piped() {
    let (dir, cache) = (corpus(), tempfile::tempdir().unwrap());
    let out = run(cache.path(), dir.path(), &["check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("ok: "));
    assert!(!text(&out.stderr).contains('%'));
    // Warm, the same verdict.
    let again = run(cache.path(), dir.path(), &["check"]);
    assert_eq!(again.stdout, out.stdout);
    assert_eq!(again.stderr, out.stderr);
}

#[test]
fn the_reader_writes_the_cache_while_it_runs_and_the_next_start_is_warm() {
    let (dir, cache) = (corpus(), tempfile::tempdir().unwrap());
    let corpus_dir = dir.path().to_str().unwrap();
    let mut p = common::pty::Pty::spawn_env(
        &["--corpus", corpus_dir],
        100,
        30,
        &[
            ("XDG_CACHE_HOME", cache.path().to_str().unwrap()),
            ("SHIFR_NO_CACHE", ""),
        ],
    );
    p.wait_text("/45");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
    let files = cache_files(cache.path());
    assert!(files.iter().any(|f| f.ends_with("corpus.bin")), "{files:?}");
    assert!(
        !files.iter().any(|f| f.to_string_lossy().ends_with(".tmp")),
        "{files:?}"
    );
    let next = run(cache.path(), dir.path(), &["--bench-startup"]);
    assert!(
        text(&next.stdout).contains("cache: first run Warm"),
        "{}",
        text(&next.stdout)
    );
}

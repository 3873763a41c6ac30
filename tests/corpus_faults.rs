//! One malformed corpus per fault: each file under tests/fixtures/faults is
//! written into a copy of the valid base corpus at the path its `# target:`
//! line names, and `shifr check` must exit 1 with the `# expect:` line's
//! location and message — never a panic.

mod common;

use std::fs;

use common::*;

struct Fault {
    name: String,
    target: String,
    expect: String,
    body: String,
}

fn faults() -> Vec<Fault> {
    let mut v: Vec<Fault> = fs::read_dir(fixtures().join("faults"))
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let body = fs::read_to_string(&path).unwrap();
            let header = |key: &str| {
                body.lines()
                    .find_map(|l| l.strip_prefix(&format!("# {key}: ")))
                    .unwrap_or_else(|| panic!("{} has no '# {key}:' line", path.display()))
                    .to_string()
            };
            Fault {
                name: path.file_name().unwrap().to_string_lossy().into_owned(),
                target: header("target"),
                expect: header("expect"),
                body: body.clone(),
            }
        })
        .collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

#[test]
fn every_fault_is_located_and_exits_1() {
    let all = faults();
    assert!(
        all.len() >= 20,
        "expected the full fault suite, found {}",
        all.len()
    );
    let mut failures = Vec::new();
    for f in &all {
        let dir = base_corpus();
        let target = dir.path().join(&f.target);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(&target, &f.body).unwrap();
        let out = shifr().arg("check").arg(dir.path()).output().unwrap();
        let stderr = text(&out.stderr);
        let shown = format!("{}/{}", dir.path().display(), f.target);
        // "L:C: message" expectations pin the location; others the file.
        let located = f
            .expect
            .split(':')
            .take(2)
            .all(|p| p.trim().parse::<usize>().is_ok());
        let wanted = if located {
            format!("{shown}:{}", f.expect)
        } else {
            f.expect.clone()
        };
        let ok = out.status.code() == Some(1)
            && stderr.contains(&wanted)
            && stderr.contains(&shown)
            && !stderr.contains("panicked");
        if !ok {
            failures.push(format!(
                "{}: exit {:?}\n  wanted: {wanted}\n  stderr: {stderr}",
                f.name,
                out.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn loading_a_bad_corpus_for_reading_reports_the_same_and_exits_nonzero() {
    let dir = base_corpus();
    let t = dir.path().join("telegrams/1950-10-02-mao-stalin.toml");
    let s = fs::read_to_string(&t)
        .unwrap()
        .replace("1950-10-02\"", "1950-02-30\"");
    fs::write(&t, s).unwrap();
    for args in [vec!["--corpus"], vec!["export", "--corpus"]] {
        let out = shifr().args(&args).arg(dir.path()).output().unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr
                .contains("telegrams/1950-10-02-mao-stalin.toml:2:8: impossible date '1950-02-30'"),
            "{stderr}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let dir = base_corpus();
    let all = faults();
    // Several faults in different files at once.
    for name in [
        "impossible-date.toml",
        "unknown-person.toml",
        "bad-anchor.toml",
        "partial-date-exact.toml",
        "duplicate-person-id.toml",
    ] {
        let f = all.iter().find(|f| f.name == name).unwrap();
        let target = dir.path().join(&f.target);
        fs::write(target, &f.body).unwrap();
    }
    let out = shifr().arg("check").arg(dir.path()).output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    for needle in [
        "impossible date",
        "unknown person 'kim'",
        "anchored to align key 'nowhere'",
        "1950-10-mao-stalin.toml:4:8",
        "people.toml:10:6: duplicate person id 'mao'",
    ] {
        assert!(stderr.contains(needle), "missing {needle:?} in:\n{stderr}");
    }
    assert!(stderr.trim_end().ends_with("problems"), "{stderr}");
}

#[test]
fn a_missing_directory_is_a_clear_error() {
    let out = run(&["check", "/nonexistent/corpus"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .contains("/nonexistent/corpus: no such directory: expected a corpus directory"),
        "{}",
        text(&out.stderr)
    );
    // A file is not a directory, and says so.
    let dir = base_corpus();
    let file = dir.path().join("people.toml");
    let out = shifr().arg("check").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains(&format!("{}: not a directory", file.display())),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn an_empty_directory_names_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let out = shifr().arg("check").arg(dir.path()).output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr,
        format!(
            "{}: no .toml files: expected a corpus directory holding people.toml, sources.toml, events.toml and telegrams/\n1 problem\n",
            dir.path().display()
        )
    );
}

#[test]
fn the_bundled_corpus_checks_clean_with_a_summary() {
    let out = run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(
        s.starts_with("ok: ") && s.contains(" telegrams (") && s.lines().count() == 1,
        "{s}"
    );
}

/// #11: a field of megabytes made every keystroke in search cost seconds;
/// check now warns about any field past 64 KiB, located, and still passes.
#[test]
fn check_warns_about_a_field_far_beyond_any_telegrams_size() {
    let dir = base_corpus();
    let t = dir.path().join("telegrams/1950-10-02-mao-stalin.toml");
    let huge = "Stalin shld we fear. ".repeat(5_000); // 105,000 bytes
    let s = fs::read_to_string(&t).unwrap().replace(
        "text = \"No decision to intervene yet.\"",
        &format!("text = \"{huge}\""),
    );
    fs::write(&t, s).unwrap();
    let out = shifr().arg("check").arg(dir.path()).output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a warning, not a failure: {stderr}"
    );
    assert_eq!(
        stderr,
        format!(
            "{}:31:8: warning: passage text is 105000 bytes, far beyond any real telegram's text (over 64 KiB): the reader and search slow down with it; is this one field's text?\n1 warning\n",
            t.display()
        )
    );
    assert!(text(&out.stdout).starts_with("ok: 1 telegrams"));
    // The reader and the other commands load it as before, without a word.
    let out = shifr()
        .args(["list", "--corpus"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    // 60,000 bytes is within reason.
    let dir = base_corpus();
    let t = dir.path().join("telegrams/1950-10-02-mao-stalin.toml");
    let s = fs::read_to_string(&t).unwrap().replace(
        "text = \"No decision to intervene yet.\"",
        &format!("text = \"{}\"", "x".repeat(60_000)),
    );
    fs::write(&t, s).unwrap();
    let out = shifr().arg("check").arg(dir.path()).output().unwrap();
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

/// A telegram file that does not parse is the one problem reported: the
/// debate's references to its telegram are not reported as unknown
/// besides (they were, above the cause).
#[test]
fn a_broken_telegram_is_not_also_reported_unknown_by_the_debate() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        dir.path(),
    );
    let f = dir.path().join("telegrams/1950-10-04-stalin-mao.toml");
    let body = fs::read_to_string(&f).unwrap();
    assert!(
        fs::read_to_string(dir.path().join("debate.toml"))
            .unwrap()
            .contains("1950-10-04-stalin-mao")
    );
    fs::write(&f, body.replacen("title = \"", "title = \"broken\n", 1)).unwrap();
    let out = shifr().arg("check").arg(dir.path()).output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("1950-10-04-stalin-mao.toml:"), "{stderr}");
    assert!(!stderr.contains("unknown telegram"), "{stderr}");
    assert!(stderr.trim_end().ends_with("1 problem"), "{stderr}");
}

/// `shifr check corpus/telegrams` says the corpus is the directory above,
/// in one problem, not one "unexpected file" per telegram.
#[test]
fn a_corpus_telegrams_directory_given_for_the_corpus_points_above() {
    let dir = base_corpus();
    let t = dir.path().join("telegrams");
    let above = format!(
        "this is a corpus's telegrams directory: expected the corpus directory above it, {}",
        fs::canonicalize(dir.path()).unwrap().display()
    );
    // Named whole, from inside the corpus, and as "." from inside it.
    for (cwd, arg) in [
        (dir.path().to_path_buf(), t.display().to_string()),
        (dir.path().to_path_buf(), "telegrams".to_string()),
        (t.clone(), ".".to_string()),
    ] {
        let out = shifr()
            .current_dir(&cwd)
            .arg("check")
            .arg(&arg)
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{arg}: {stderr}");
        assert!(stderr.contains(&above), "{arg}: {stderr}");
        assert!(!stderr.contains("unexpected file"), "{arg}: {stderr}");
        assert!(stderr.trim_end().ends_with("1 problem"), "{arg}: {stderr}");
    }
}

//! The cache against a fresh load: whatever it reuses, it gives what
//! reading every file gives.

use std::fs;
use std::path::Path;

use super::*;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn corpus_copy() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        d.path(),
    );
    d
}

fn none(_: &'static str, _: usize, _: usize) {}

fn load(dir: &Path, cache: &Path) -> Loaded {
    load_dir_in(dir, cache, &none).unwrap()
}

fn fresh(dir: &Path) -> Corpus {
    load_uncached(dir, &none).unwrap().corpus
}

/// Everything a corpus holds, to compare two.
fn same(a: &Corpus, b: &Corpus) {
    assert_eq!(a.telegrams, b.telegrams);
    assert_eq!(a.people, b.people);
    assert_eq!(a.scholars, b.scholars);
    assert_eq!(a.works, b.works);
    assert_eq!(a.events, b.events);
    assert_eq!(a.positions, b.positions);
    assert_eq!(a.footnotes, b.footnotes);
    assert_eq!(a.summary(), b.summary());
}

#[test]
fn a_second_load_is_warm_and_the_same() {
    let (dir, cache) = (corpus_copy(), tempfile::tempdir().unwrap());
    let first = load(dir.path(), cache.path());
    assert_eq!(first.how, How::Built);
    assert!(first.notices.is_empty(), "{:?}", first.notices);
    let second = load(dir.path(), cache.path());
    assert_eq!(second.how, How::Warm);
    assert!(second.notices.is_empty());
    same(&second.corpus, &fresh(dir.path()));
    assert_eq!(second.warnings, first.warnings);
}

#[test]
fn a_warm_load_leaves_the_texts_in_the_cache_until_read() {
    let (dir, cache) = (corpus_copy(), tempfile::tempdir().unwrap());
    let fresh = fresh(dir.path());
    load(dir.path(), cache.path());
    let warm = load(dir.path(), cache.path()).corpus;
    assert!(warm.telegrams.iter().all(|t| t.body.raw().is_some()));
    // What lists show of the versions needs no text.
    for (w, f) in warm.telegrams.iter().zip(&fresh.telegrams) {
        assert_eq!(w.is_multi_witness(), f.is_multi_witness(), "{}", w.id);
    }
    assert!(warm.telegrams.iter().all(|t| t.body.raw().is_some()));
    let t = warm.telegram("1950-10-02-mao-stalin").unwrap();
    assert_eq!(t.witnesses(), fresh.telegram(&t.id).unwrap().witnesses());
    assert!(t.body.raw().is_none(), "read once, it is held");
}

#[test]
fn one_edited_telegram_is_read_again_and_only_it() {
    let (dir, cache) = (corpus_copy(), tempfile::tempdir().unwrap());
    let before = load(dir.path(), cache.path()).corpus;
    let f = dir.path().join("telegrams/1950-10-02-mao-stalin.toml");
    let text = fs::read_to_string(&f).unwrap();
    let title = before
        .telegram("1950-10-02-mao-stalin")
        .unwrap()
        .title
        .clone();
    fs::write(&f, text.replacen(&title, "Zyzzyva title, edited", 1)).unwrap();
    let after = load(dir.path(), cache.path());
    assert_eq!(after.how, How::Updated(1));
    same(&after.corpus, &fresh(dir.path()));
    // Exactly that change: the one title, nothing else.
    let mut expected = before.clone();
    let i = expected.telegram_index("1950-10-02-mao-stalin").unwrap();
    expected.telegrams[i].title = "Zyzzyva title, edited".into();
    same(&after.corpus, &expected);
    // And the next load is warm again, with the edit.
    let again = load(dir.path(), cache.path());
    assert_eq!(again.how, How::Warm, "{:?}", again.notices);
    same(&again.corpus, &expected);
}

/// What a load gives, to compare a cached one with a fresh one.
fn outcome(r: Result<Loaded, Report>) -> Result<String, String> {
    r.map(|l| format!("{:?}", l.corpus.telegrams))
        .map_err(|e| e.to_string())
}

#[test]
fn a_telegram_removed_or_added_is_seen() {
    let (dir, cache) = (corpus_copy(), tempfile::tempdir().unwrap());
    let before = load(dir.path(), cache.path()).corpus;
    // Removed: the debate cites it, so the checks across files fail, as
    // they do on a fresh load.
    let f = dir.path().join("telegrams/1950-10-02-mao-stalin.toml");
    let text = fs::read_to_string(&f).unwrap();
    fs::remove_file(&f).unwrap();
    let cached = outcome(load_dir_in(dir.path(), cache.path(), &none));
    assert!(
        cached
            .as_ref()
            .is_err_and(|e| e.contains("unknown telegram"))
    );
    assert_eq!(cached, outcome(load_uncached(dir.path(), &none)));
    // Back, and a new one added under another name: a duplicate id.
    fs::write(&f, &text).unwrap();
    let copy = dir.path().join("telegrams/zz-copy.toml");
    fs::write(&copy, &text).unwrap();
    let cached = outcome(load_dir_in(dir.path(), cache.path(), &none));
    assert!(
        cached
            .as_ref()
            .is_err_and(|e| e.contains("duplicate telegram id")),
        "{cached:?}"
    );
    assert_eq!(cached, outcome(load_uncached(dir.path(), &none)));
    fs::remove_file(&copy).unwrap();
    let back = load(dir.path(), cache.path());
    same(&back.corpus, &before);
}

/// Where a telegram's id is, kept in the cache for a duplicate found
/// later, stays with its telegram when the telegrams' order by date is not
/// their files' order: a file moved to a directory that comes first, its
/// id two lines down, then a copy in one that comes before that.
#[test]
fn where_an_id_is_stays_with_its_telegram() {
    let (dir, cache) = (corpus_copy(), tempfile::tempdir().unwrap());
    let name = "1950-10-02-mao-stalin.toml";
    let f = dir.path().join("telegrams").join(name);
    let text = fs::read_to_string(&f).unwrap();
    fs::remove_file(&f).unwrap();
    for d in ["0", "1"] {
        fs::create_dir(dir.path().join("telegrams").join(d)).unwrap();
    }
    fs::write(
        dir.path().join("telegrams/1").join(name),
        format!("\n\n{text}"),
    )
    .unwrap();
    load(dir.path(), cache.path());
    fs::write(dir.path().join("telegrams/0").join(name), &text).unwrap();
    let cached = outcome(load_dir_in(dir.path(), cache.path(), &none));
    let e = cached.as_ref().unwrap_err();
    assert!(
        e.contains(&format!("1/{name}:3:6: duplicate telegram id")),
        "{e}"
    );
    assert_eq!(cached, outcome(load_uncached(dir.path(), &none)));
}

/// Loading through the cache reports exactly what a fresh load reports,
/// and that is a problem.
fn same_problems_as_a_fresh_load(dir: &std::path::Path, cache: &std::path::Path) {
    let cached = load_dir_in(dir, cache, &none).err().map(|r| r.to_string());
    let fresh = load_uncached(dir, &none).err().map(|r| r.to_string());
    assert!(fresh.is_some());
    assert_eq!(cached, fresh);
}

#[test]
fn a_stale_cache_never_hides_a_problem() {
    let (dir, cache) = (corpus_copy(), tempfile::tempdir().unwrap());
    load(dir.path(), cache.path());
    // A telegram naming a person people.toml lacks.
    let f = dir.path().join("telegrams/1950-10-02-mao-stalin.toml");
    let text = fs::read_to_string(&f).unwrap();
    fs::write(
        &f,
        text.replacen("from = [\"mao\"]", "from = [\"nobody\"]", 1),
    )
    .unwrap();
    same_problems_as_a_fresh_load(dir.path(), cache.path());
    // A change to people.toml re-checks every telegram.
    fs::write(&f, text).unwrap();
    load(dir.path(), cache.path());
    let p = dir.path().join("people.toml");
    let people = fs::read_to_string(&p).unwrap();
    fs::write(
        &p,
        people.replacen("id = \"mao\"", "id = \"mao-zedong\"", 1),
    )
    .unwrap();
    same_problems_as_a_fresh_load(dir.path(), cache.path());
}

fn corpus_file(cache: &Path) -> std::path::PathBuf {
    let d = fs::read_dir(cache.join("corpora"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    d.path().join("corpus.bin")
}

#[test]
fn a_truncated_cache_is_rebuilt_with_one_notice() {
    let (dir, cache) = (corpus_copy(), tempfile::tempdir().unwrap());
    load(dir.path(), cache.path());
    let f = corpus_file(cache.path());
    let bytes = fs::read(&f).unwrap();
    fs::write(&f, &bytes[..bytes.len() / 2]).unwrap();
    let l = load(dir.path(), cache.path());
    assert_eq!(l.how, How::Built);
    assert_eq!(l.notices.len(), 1, "{:?}", l.notices);
    assert!(l.notices[0].contains("cut short") && l.notices[0].ends_with("rebuilt"));
    assert!(!l.notices[0].contains('\n'));
    same(&l.corpus, &fresh(dir.path()));
    assert_eq!(load(dir.path(), cache.path()).how, How::Warm);
}

#[test]
fn a_cache_of_an_older_format_is_rebuilt_with_one_notice() {
    let (dir, cache) = (corpus_copy(), tempfile::tempdir().unwrap());
    load(dir.path(), cache.path());
    let f = corpus_file(cache.path());
    let mut bytes = fs::read(&f).unwrap();
    bytes[8..12].copy_from_slice(&(file::FORMAT - 1).to_le_bytes());
    fs::write(&f, &bytes).unwrap();
    let l = load(dir.path(), cache.path());
    assert_eq!(l.how, How::Built);
    assert_eq!(l.notices.len(), 1);
    assert!(l.notices[0].contains("older format"), "{}", l.notices[0]);
    assert_eq!(load(dir.path(), cache.path()).how, How::Warm);
}

#[test]
fn a_damaged_cache_is_rebuilt_and_an_unwritable_one_is_only_a_notice() {
    let (dir, cache) = (corpus_copy(), tempfile::tempdir().unwrap());
    load(dir.path(), cache.path());
    let f = corpus_file(cache.path());
    let mut bytes = fs::read(&f).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    fs::write(&f, &bytes).unwrap();
    let l = load(dir.path(), cache.path());
    assert!(l.notices[0].contains("checksum"), "{:?}", l.notices);
    same(&l.corpus, &fresh(dir.path()));
    // A cache directory that is a file: the corpus loads, with a notice.
    let blocked = tempfile::tempdir().unwrap();
    fs::write(blocked.path().join("corpora"), "not a directory").unwrap();
    let l = load(dir.path(), blocked.path());
    assert_eq!(l.notices.len(), 1, "{:?}", l.notices);
    assert!(l.notices[0].contains("could not write"), "{:?}", l.notices);
    same(&l.corpus, &fresh(dir.path()));
}

#[test]
fn the_index_is_kept_per_corpus_and_notes() {
    let (dir, cache) = (corpus_copy(), tempfile::tempdir().unwrap());
    let l = load(dir.path(), cache.path());
    let store = l.store.unwrap();
    let notes = crate::notes::Notes::default();
    assert!(matches!(store.load(&notes), Ok(None)));
    let built = crate::search::index_corpus(&l.corpus);
    store.save(&notes, &built).unwrap();
    let kept = store.load(&notes).unwrap().unwrap();
    let q = crate::search::parse("mao stalin").unwrap();
    assert_eq!(kept.search(&q), built.search(&q));
    // After an edit the corpus is another: the old index is not used.
    let f = dir.path().join("telegrams/1950-10-02-mao-stalin.toml");
    let text = fs::read_to_string(&f).unwrap();
    fs::write(&f, text.replacen("title = \"", "title = \"Edited: ", 1)).unwrap();
    let l2 = load(dir.path(), cache.path());
    let store = l2.store.unwrap();
    assert!(matches!(store.load(&notes), Ok(None)));
    // It is updated instead: the edited telegram read again, and the
    // result answers as an index built afresh.
    let (updated, how, notice) =
        crate::search::kept::index_for(&l2.corpus, &notes, Some(&store), &|_| {});
    assert_eq!((how, notice), (crate::search::kept::How::Updated, None));
    let rebuilt = crate::search::index_corpus(&l2.corpus);
    for q in [
        "edited",
        "mao stalin",
        "\"final decision\"",
        "from:zhou -to:kim",
    ] {
        let q = crate::search::parse(q).unwrap();
        assert_eq!(updated.search(&q), rebuilt.search(&q), "{q:?}");
    }
    let hits = updated.search(&crate::search::parse("edited").unwrap());
    let ids: Vec<&str> = hits
        .iter()
        .map(|h| l2.corpus.telegrams[h.record as usize].id.as_str())
        .collect();
    assert_eq!(ids, ["1950-10-02-mao-stalin"]);
    // Kept, it is the index of the edited corpus from then on.
    store.save(&notes, &updated).unwrap();
    assert!(matches!(
        store.find(&notes),
        Ok(Some(crate::search::kept::Kept::Exact(_)))
    ));
    // With other notes, the kept index is a base to update from.
    let mut mine = crate::notes::Notes::default();
    mine.apply(&crate::notes::Edit::Add(crate::notes::MyNote {
        id: "n".into(),
        telegram: "1950-10-02-mao-stalin".into(),
        align: None,
        witness: None,
        stance: None,
        text: "zyzzyva".into(),
        created: "2026-12-02T00:00:00Z".into(),
        edited: None,
    }));
    let (with_mine, how, _) =
        crate::search::kept::index_for(&l2.corpus, &mine, Some(&store), &|_| {});
    assert_eq!(how, crate::search::kept::How::Updated);
    assert_eq!(
        with_mine
            .search(&crate::search::parse("zyzzyva").unwrap())
            .len(),
        1
    );
}

#[test]
fn a_large_corpus_read_whole_hands_over_its_first_part_first() {
    use crate::corpus::partial::{PART, WORTH_IT};
    let (dir, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    crate::corpus::synth::write(dir.path(), WORTH_IT + 1, 11).unwrap();
    let parts = std::sync::Mutex::new(Vec::new());
    let first = |c: Corpus| parts.lock().unwrap().push(c.telegrams.len());
    let hand: First = Some(&first);
    // Cold: the part, then the whole.
    let mut cold = load_with(dir.path(), cache.path(), &none, hand).unwrap();
    assert_eq!(cold.how, How::Built);
    assert_eq!(cold.corpus.telegrams.len(), WORTH_IT + 1);
    assert_eq!(*parts.lock().unwrap(), vec![PART]);
    cold.finish();
    // Warm: the whole at once, no part.
    let warm = load_with(dir.path(), cache.path(), &none, hand).unwrap();
    assert_eq!(warm.how, How::Warm);
    assert_eq!(parts.lock().unwrap().len(), 1);
    // Without a cache: a part again.
    let uncached = load_uncached_first(dir.path(), &none, hand).unwrap();
    assert_eq!(uncached.corpus.telegrams.len(), WORTH_IT + 1);
    assert_eq!(parts.lock().unwrap().len(), 2);
}

#[test]
fn a_small_corpus_hands_over_no_part() {
    let (dir, cache) = (corpus_copy(), tempfile::tempdir().unwrap());
    let called = std::sync::atomic::AtomicBool::new(false);
    let first = |_: Corpus| called.store(true, std::sync::atomic::Ordering::SeqCst);
    let loaded = load_with(dir.path(), cache.path(), &none, Some(&first)).unwrap();
    assert_eq!(loaded.how, How::Built);
    assert!(!called.load(std::sync::atomic::Ordering::SeqCst));
}

/// The manifest of a corpus read whole holds each file's own hash (the
/// telegram files' taken as each was read and checked), in path order.
#[test]
fn a_built_manifest_hashes_every_file_as_it_is() {
    let (dir, cache) = (corpus_copy(), tempfile::tempdir().unwrap());
    let loaded = load_dir_later(dir.path(), cache.path(), &none).unwrap();
    assert_eq!(loaded.how, How::Built);
    let entries = &loaded.pending.as_ref().expect("a cache to write").entries;
    let (paths, _) = load::list_dir(dir.path()).unwrap();
    assert_eq!(entries.len(), paths.len());
    for (e, p) in entries.iter().zip(&paths) {
        assert_eq!(dir.path().join(&e.rel), *p);
        let text = fs::read_to_string(p).unwrap();
        assert_eq!(e.hash, manifest::content_hash(&text), "{}", e.rel);
    }
    assert!(entries.iter().any(|e| e.rel == "people.toml"));
    assert!(
        entries
            .iter()
            .filter(|e| e.rel.starts_with("telegrams/"))
            .count()
            > 40
    );
}

/// Telegram files not in memory when a corpus is read (paged out) are read
/// after the next ones, the system reading them in meanwhile; the corpus
/// and the manifest's hashes are those of a corpus read in order.
#[cfg(target_os = "linux")]
#[test]
fn files_read_later_keep_their_place() {
    use std::sync::atomic::Ordering;
    // On the disk the tests run from (not a tmpfs, whose pages are never
    // paged out).
    let here = std::env::current_exe().unwrap();
    let dir = tempfile::tempdir_in(here.parent().unwrap()).unwrap();
    crate::corpus::synth::write(dir.path(), 700, 9).unwrap();
    let expected = fresh(dir.path());
    let (paths, _) = load::list_dir(dir.path()).unwrap();
    for p in paths
        .iter()
        .filter(|p| p.to_string_lossy().contains("telegrams/"))
        .step_by(3)
    {
        let f = fs::File::open(p).unwrap();
        f.sync_all().unwrap();
        nix::fcntl::posix_fadvise(
            std::os::fd::AsRawFd::as_raw_fd(&f),
            0,
            0,
            nix::fcntl::PosixFadviseAdvice::POSIX_FADV_DONTNEED,
        )
        .unwrap();
    }
    let before = crate::corpus::check_telegrams::READ_LATER.load(Ordering::Relaxed);
    let cache = tempfile::tempdir().unwrap();
    let loaded = load_dir_later(dir.path(), cache.path(), &none).unwrap();
    let later = crate::corpus::check_telegrams::READ_LATER.load(Ordering::Relaxed) - before;
    let fs_type = nix::sys::statfs::statfs(dir.path())
        .unwrap()
        .filesystem_type();
    if fs_type != nix::sys::statfs::TMPFS_MAGIC
        && cfg!(all(target_os = "linux", target_env = "gnu"))
    {
        assert!(later > 0, "no file was read later");
    }
    let ids = |c: &Corpus| c.telegrams.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&loaded.corpus), ids(&expected));
    let entries = &loaded.pending.as_ref().expect("a cache to write").entries;
    assert_eq!(entries.len(), paths.len());
    for (e, p) in entries.iter().zip(&paths) {
        assert_eq!(dir.path().join(&e.rel), *p);
        let text = fs::read_to_string(p).unwrap();
        assert_eq!(e.hash, manifest::content_hash(&text), "{}", e.rel);
    }
}

/// A file other than a telegram's that cannot be read fails the load with
/// its problem, with a cache or without.
#[test]
fn an_unreadable_people_file_is_the_problem() {
    let (dir, cache) = (corpus_copy(), tempfile::tempdir().unwrap());
    let people = dir.path().join("people.toml");
    fs::remove_file(&people).unwrap();
    nix::unistd::mkfifo(&people, nix::sys::stat::Mode::S_IRWXU).unwrap();
    let said = |r: Result<Loaded, Report>| {
        let e = r.err().expect("the load fails");
        assert_eq!(e.problems.len(), 1, "{e:?}");
        e.problems[0].to_string()
    };
    let with = said(load_dir_in(dir.path(), cache.path(), &none));
    let without = said(load_uncached(dir.path(), &none));
    assert_eq!(with, without);
    assert!(
        with.contains("people.toml: a FIFO (named pipe), not a regular file"),
        "{with}"
    );
}

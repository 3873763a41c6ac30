//! Finding a corpus's files: every `.toml` file under its directory, in
//! path order, with links followed once and the problems met on the way.

use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::problem::{Problem, Report};

/// Every `.toml` path under `dir`, in path order, and the problems met on
/// the way (links not followed, directories not read); a directory that is
/// missing, unreadable or holds none is the error.
pub fn list_dir(dir: &Path) -> Result<(Vec<PathBuf>, Report), Report> {
    let mut report = Report::default();
    let shown = dir.display().to_string();
    let expected =
        "expected a corpus directory holding people.toml, sources.toml, events.toml and telegrams/";
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            report.push(Problem::file(
                &shown,
                format!("not a directory: {expected}"),
            ));
            return Err(report);
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            report.push(Problem::file(
                &shown,
                format!("no such directory: {expected}"),
            ));
            return Err(report);
        }
        Err(e) => {
            report.push(Problem::file(&shown, format!("cannot read directory: {e}")));
            return Err(report);
        }
    }
    let mut paths = toml_paths(dir, &mut report);
    if paths.is_empty() && report.is_empty() {
        report.push(Problem::file(&shown, format!("no .toml files: {expected}")));
        return Err(report);
    }
    // Each directory's files come in order, but a directory's come after
    // its parent's (and a link's after every directory's).
    if !paths.is_sorted() {
        paths.sort();
    }
    Ok((paths, report))
}

/// Every `.toml` path under `dir`. Symbolic links are followed, but a link
/// to a directory already read (a loop such as `telegrams/loop -> ..`, or
/// the same directory twice) is one problem, named once, and not followed.
/// The directories themselves are all walked before any link, so a link
/// never hides the directory it points at.
fn toml_paths(dir: &Path, report: &mut Report) -> Vec<PathBuf> {
    let id = |m: &fs::Metadata| (m.dev(), m.ino());
    let mut seen = HashSet::new();
    if let Ok(m) = fs::metadata(dir) {
        seen.insert(id(&m));
    }
    let mut paths = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    let mut links = std::collections::VecDeque::new();
    let problem = |report: &mut Report, p: &Path, msg: String| {
        report.push(Problem::file(&p.display().to_string(), msg));
    };
    loop {
        let Some(d) = dirs.pop() else {
            let Some(link) = links.pop_front() else {
                break;
            };
            match fs::metadata(&link) {
                Ok(m) if seen.insert(id(&m)) => dirs.push(link),
                _ => {
                    let to = fs::read_link(&link)
                        .map(|t| format!(" to {}", t.display()))
                        .unwrap_or_default();
                    problem(
                        report,
                        &link,
                        format!(
                            "symbolic link{to} leads to a directory already read (a loop, or the same files twice): not followed; remove the link"
                        ),
                    );
                }
            }
            continue;
        };
        let entries = match fs::read_dir(&d) {
            Ok(entries) => entries,
            Err(e) => {
                problem(report, &d, format!("cannot read directory: {e}"));
                continue;
            }
        };
        // Each entry's name and type, sorted by name: the names are the
        // sort's keys, and each path is made once, from them.
        let mut entries: Vec<(OsString, fs::FileType)> = entries
            .flatten()
            .filter_map(|e| Some((e.file_name(), e.file_type().ok()?)))
            .collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (name, kind) in entries {
            let p = child(&d, &name);
            let is_toml = is_toml_name(&name);
            if kind.is_dir() {
                match fs::symlink_metadata(&p) {
                    Ok(m) if !seen.insert(id(&m)) => problem(
                        report,
                        &p,
                        "a directory already read (mounted twice?): not read again".into(),
                    ),
                    _ => dirs.push(p),
                }
            } else if kind.is_symlink() {
                match fs::metadata(&p) {
                    Ok(m) if m.is_dir() => links.push_back(p),
                    Ok(_) if is_toml => paths.push(p),
                    Ok(_) => {}
                    Err(e) if e.raw_os_error() == Some(libc::ELOOP) => problem(
                        report,
                        &p,
                        "symbolic link loop (the link leads back to itself): not followed; remove the link".into(),
                    ),
                    // A dangling link: read, to say why it fails.
                    Err(_) if is_toml => paths.push(p),
                    Err(_) => {}
                }
            } else if is_toml {
                paths.push(p);
            }
        }
    }
    paths
}

/// `dir` joined with an entry's `name` (`Path::join`, which checks and
/// parses what it joins: a seventh of a walk of 100,000 files).
fn child(dir: &Path, name: &OsStr) -> PathBuf {
    let d = dir.as_os_str().as_bytes();
    let mut b = Vec::with_capacity(d.len() + 1 + name.len());
    b.extend_from_slice(d);
    if !d.is_empty() && !d.ends_with(b"/") {
        b.push(b'/');
    }
    b.extend_from_slice(name.as_bytes());
    PathBuf::from(OsString::from_vec(b))
}

/// Whether a file called `name` has the extension `toml` (as
/// `Path::extension` has it: `.toml` alone is a name without one).
fn is_toml_name(name: &OsStr) -> bool {
    let b = name.as_bytes();
    b.len() > ".toml".len() && b.ends_with(b".toml")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name's path and extension are what `Path::join` and
    /// `Path::extension` make of them.
    #[test]
    fn names_are_joined_and_told_as_std_does() {
        let names = [
            "a.toml",
            ".toml",
            "..toml",
            "toml",
            "a.toml.bak",
            "a.TOML",
            "a..toml",
            "b.tom",
            ".a.toml",
            "x.toml~",
            "1950-10-02-mao.toml",
            "письмо.toml",
            "ab",
            ".",
            "..",
        ];
        for dir in ["corpus", "corpus/", "/", "", "./c", "a/../b"] {
            for n in names {
                let (dir, n) = (Path::new(dir), OsStr::new(n));
                assert_eq!(child(dir, n), dir.join(n), "{dir:?} {n:?}");
            }
        }
        for n in names {
            let by_std = Path::new(n).extension().is_some_and(|x| x == "toml");
            assert_eq!(is_toml_name(OsStr::new(n)), by_std, "{n:?}");
        }
    }
}

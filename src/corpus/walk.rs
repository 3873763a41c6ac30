//! Finding a corpus's files: every `.toml` file under its directory, in
//! path order, with links followed once and the problems met on the way.

use std::collections::HashSet;
use std::fs;
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
    paths.sort();
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
        let mut entries: Vec<_> = entries.flatten().collect();
        // Each name once: `file_name` allocates, and a sort asks for keys
        // many times.
        entries.sort_by_cached_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            let is_toml = p.extension().is_some_and(|x| x == "toml");
            let Ok(kind) = e.file_type() else { continue };
            if kind.is_dir() {
                match e.metadata() {
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

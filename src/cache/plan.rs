//! What a cache's manifest says of the directory as it is now: every
//! file as it was, only telegram files changed (read those again), or
//! another file changed (read everything).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::manifest::{self, Stat};
use super::snapshot::Entry;
use crate::corpus::load;

/// What to do with a cache whose manifest was read.
pub(super) enum Plan {
    /// Every file as it was: `entries` is the manifest to keep (its times
    /// brought up to date when `rewrite`).
    Same { entries: Vec<Entry>, rewrite: bool },
    /// Only telegram files changed (or came, or went): read `changed`, reuse
    /// the files of `reused` (by manifest index).
    Telegrams {
        changed: std::collections::HashSet<String>,
        reused: HashMap<u32, Entry>,
    },
}

/// Compares the directory's files with a cache's manifest; `Err` when a
/// file other than a telegram changed (everything is read again).
pub(super) fn compare(
    files: &[Entry],
    snap_read_ns: i64,
    paths: &[PathBuf],
    stats: &[Option<Stat>],
    dir: &Path,
    now: i64,
) -> Result<Plan, ()> {
    // Both are in path order, so the file at the same place is the one
    // looked for unless files came or went; only then is a map built.
    let mut by_rel: Option<HashMap<&str, usize>> = None;
    let mut seen = vec![false; files.len()];
    let mut changed = std::collections::HashSet::new();
    let mut reused = Vec::with_capacity(paths.len());
    let mut rewrite = false;
    for (k, (p, s)) in paths.iter().zip(stats).enumerate() {
        // The name inside the directory, as the manifest keeps it; made
        // only where the path does not already spell it.
        let rel: std::borrow::Cow<str> = match p.strip_prefix(dir).ok().and_then(|r| r.to_str()) {
            Some(r) if !r.contains('\\') => r.into(),
            _ => load::shown_paths(dir, p).1.into(),
        };
        let at = match files.get(k) {
            Some(e) if e.rel == rel => Some(k),
            _ => by_rel
                .get_or_insert_with(|| {
                    let mut m = HashMap::with_capacity(files.len());
                    m.extend(files.iter().enumerate().map(|(i, e)| (e.rel.as_str(), i)));
                    m
                })
                .get(&*rel)
                .copied(),
        };
        let old = at.map(|i| (i, &files[i]));
        let same = match (old, s) {
            (Some((_, e)), Some(s)) if e.meta == *s && !s.racy(snap_read_ns) => true,
            (Some((_, e)), Some(s)) if e.meta.size == s.size => {
                // Times changed, or too recent to prove anything: the
                // contents decide.
                let same = std::fs::read(p)
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok())
                    .is_some_and(|t| manifest::content_hash(&t) == e.hash);
                // Worth recording the times once they prove something.
                rewrite |= same && !s.racy(now);
                same
            }
            _ => false,
        };
        if let Some((i, _)) = old {
            seen[i] = true;
        }
        match (same, old) {
            (true, Some((i, e))) => {
                let mut e = e.clone();
                e.meta = s.unwrap_or_default();
                reused.push((i as u32, e));
            }
            _ if rel.starts_with("telegrams/") => {
                changed.insert(rel.into_owned());
            }
            _ => return Err(()),
        }
    }
    // A file that went: fine for a telegram, else everything again.
    for (i, e) in files.iter().enumerate() {
        if !seen[i] && !e.rel.starts_with("telegrams/") {
            return Err(());
        }
    }
    let gone = seen.iter().any(|s| !s);
    if changed.is_empty() && !gone {
        reused.sort_by_key(|(i, _)| *i);
        return Ok(Plan::Same {
            entries: reused.into_iter().map(|(_, e)| e).collect(),
            rewrite,
        });
    }
    Ok(Plan::Telegrams {
        changed,
        reused: reused.into_iter().collect(),
    })
}

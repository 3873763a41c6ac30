//! What a file's metadata says of it, and the comparison of a directory's
//! files with the manifest a cache keeps: each file unchanged (same size,
//! modification and change times, inode), changed, added or removed. A
//! file whose times fall within a moment of the cache's reading may have
//! changed without its times showing it (a coarse clock): its contents are
//! hashed to tell.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

use crate::binfmt::{Damaged, Reader, Writer};

/// A file's size, times (ns since the epoch) and inode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stat {
    pub size: u64,
    pub mtime: i64,
    pub ctime: i64,
    pub ino: u64,
}

/// Within this much of the cache's reading, a file's times do not prove
/// it unchanged.
pub const RACY_NS: i64 = 2_000_000_000;

impl Stat {
    pub fn of(m: &fs::Metadata) -> Stat {
        Stat {
            size: m.size(),
            mtime: m.mtime() * 1_000_000_000 + m.mtime_nsec(),
            ctime: m.ctime() * 1_000_000_000 + m.ctime_nsec(),
            ino: m.ino(),
        }
    }

    pub fn write(&self, w: &mut Writer) {
        w.u64(self.size);
        w.i64(self.mtime);
        w.i64(self.ctime);
        w.u64(self.ino);
    }

    pub fn read(r: &mut Reader) -> Result<Stat, Damaged> {
        Ok(Stat {
            size: r.u64()?,
            mtime: r.i64()?,
            ctime: r.i64()?,
            ino: r.u64()?,
        })
    }

    /// Whether a file with these times may have changed unseen by a cache
    /// that read it at `read_ns`.
    pub fn racy(&self, read_ns: i64) -> bool {
        self.mtime.max(self.ctime) >= read_ns - RACY_NS
    }
}

/// Now, in ns since the epoch.
pub fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64)
}

/// Every path's metadata (following links, as reading does), on every
/// core; `None` where it cannot be had (the read will say why).
pub fn stat_all(paths: &[PathBuf]) -> Vec<Option<Stat>> {
    crate::corpus::load::parallel_chunks(paths, |chunk| {
        let mut dir = Parent::default();
        chunk.iter().map(|p| dir.stat(p)).collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The directory the last path was in, open, so that each of its files is
/// looked up by its name alone (`fstatat`) rather than by its whole path
/// from the root: the paths come sorted, a directory's files together.
#[derive(Default)]
struct Parent {
    at: Option<(PathBuf, Option<fs::File>)>,
}

impl Parent {
    fn stat(&mut self, p: &std::path::Path) -> Option<Stat> {
        use std::os::fd::AsRawFd;
        use std::os::unix::ffi::OsStrExt;
        let (Some(parent), Some(name)) = (p.parent(), p.file_name()) else {
            return fs::metadata(p).ok().map(|m| Stat::of(&m));
        };
        if self.at.as_ref().is_none_or(|(d, _)| d != parent) {
            let open = fs::File::open(parent)
                .ok()
                .filter(|f| f.metadata().is_ok_and(|m| m.is_dir()));
            self.at = Some((parent.to_path_buf(), open));
        }
        let dir = self.at.as_ref().and_then(|(_, f)| f.as_ref());
        let (Some(dir), Ok(name)) = (dir, std::ffi::CString::new(name.as_bytes())) else {
            return fs::metadata(p).ok().map(|m| Stat::of(&m));
        };
        let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
        // SAFETY: a directory descriptor we hold open, a NUL-terminated
        // name, and a buffer the call fills when it returns 0.
        let st = unsafe {
            (libc::fstatat(dir.as_raw_fd(), name.as_ptr(), st.as_mut_ptr(), 0) == 0)
                .then(|| st.assume_init())
        }?;
        Some(Stat {
            size: st.st_size as u64,
            mtime: st.st_mtime * 1_000_000_000 + st.st_mtime_nsec,
            ctime: st.st_ctime * 1_000_000_000 + st.st_ctime_nsec,
            ino: st.st_ino,
        })
    }
}

/// The hash a manifest keeps of a file's contents.
pub fn content_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Looked up by name in its open directory, a file's metadata is what
    /// its whole path gives: through a link, in several directories, and
    /// none for what is not there.
    #[test]
    fn stat_all_says_what_metadata_says() {
        let d = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for sub in ["a", "b"] {
            std::fs::create_dir(d.path().join(sub)).unwrap();
            for i in 0..200 {
                let p = d.path().join(sub).join(format!("{i:03}.toml"));
                std::fs::write(&p, "x".repeat(i)).unwrap();
                paths.push(p);
            }
        }
        let link = d.path().join("b").join("link.toml");
        std::os::unix::fs::symlink(d.path().join("a").join("007.toml"), &link).unwrap();
        paths.push(link);
        paths.push(d.path().join("b").join("gone.toml"));
        paths.push(d.path().join("c").join("none.toml"));
        paths.push(PathBuf::from("no-such-relative.toml"));
        let want: Vec<Option<Stat>> = paths
            .iter()
            .map(|p| fs::metadata(p).ok().map(|m| Stat::of(&m)))
            .collect();
        assert_eq!(stat_all(&paths), want);
        assert_eq!(want.iter().filter(|s| s.is_some()).count(), 401);
    }
}

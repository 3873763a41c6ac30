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
        chunk
            .iter()
            .map(|p| fs::metadata(p).ok().map(|m| Stat::of(&m)))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The hash a manifest keeps of a file's contents.
pub fn content_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

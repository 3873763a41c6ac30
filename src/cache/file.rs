//! One cache file: a fixed header (what it is, the format version, the
//! build that wrote it, the payload's length and checksum) and the
//! payload. Read whole and verified before anything in it is believed;
//! written to a temporary file, synced and renamed over the old one, so a
//! reader never sees half a file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The layout of the files this build writes. Bumped whenever a payload's
/// layout changes; a file of another version is rebuilt, never read.
pub const FORMAT: u32 = 7;

/// Magic, version, build, length, checksum, and 4 bytes of padding so the
/// payload starts 8-aligned in the (page-aligned) mapping.
const HEADER: usize = 8 + 4 + 8 + 8 + 8 + 4;

/// The build that wrote a file: a hash of shifr's sources (build.rs), so a
/// file written by another build, whose checks or index may differ, is
/// rebuilt.
pub fn build_id() -> u64 {
    u64::from_str_radix(env!("SHIFR_BUILD_ID"), 16).unwrap_or(0)
}

/// Why a cache file was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// There is none (a first run): no notice.
    Missing,
    /// Written by another format or build: rebuilt with a notice.
    Outdated(String),
    /// Cut short, damaged or unreadable: rebuilt with a notice.
    Damaged(String),
}

/// The checksum of a payload.
pub fn checksum(payload: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(payload)
}

/// Reads the cache file at `path` of kind `magic`; its verified payload and
/// checksum. The file is mapped into memory, not copied: the index is used
/// in place from it (see `binfmt::Arr`). The mapping is private and
/// read-only, and shifr replaces a cache file only by renaming a new one
/// over it, so the mapped file never changes under it (something else
/// truncating a cache file while shifr runs could still end the process).
pub fn read(path: &Path, magic: &[u8; 8]) -> Result<(Payload, u64), Refused> {
    let opened = fs::File::open(path).and_then(|f| {
        let len = f.metadata()?.len();
        if len < HEADER as u64 {
            return Ok(Err(len));
        }
        // SAFETY: see above.
        unsafe { memmap2::MmapOptions::new().map_copy_read_only(&f) }.map(Ok)
    });
    let bytes = match opened {
        Ok(Ok(b)) => b,
        Ok(Err(len)) => {
            return Err(Refused::Damaged(format!(
                "cut short ({len} bytes, less than its header)"
            )));
        }
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Err(Refused::Missing);
        }
        Err(e) => return Err(Refused::Damaged(format!("unreadable: {e}"))),
    };
    if bytes.len() < HEADER {
        return Err(Refused::Damaged(format!(
            "cut short ({} bytes, less than its header)",
            bytes.len()
        )));
    }
    let (head, payload) = bytes.split_at(HEADER);
    if &head[..8] != magic {
        return Err(Refused::Damaged("not a shifr cache file".into()));
    }
    let num = |at: usize, n: usize| -> u64 {
        let mut b = [0u8; 8];
        b[..n].copy_from_slice(&head[at..at + n]);
        u64::from_le_bytes(b)
    };
    let (version, build, len, sum) = (num(8, 4), num(12, 8), num(20, 8), num(28, 8));
    if version != u64::from(FORMAT) {
        return Err(Refused::Outdated(format!(
            "an older format (version {version}; this shifr writes version {FORMAT})"
        )));
    }
    if build != build_id() {
        return Err(Refused::Outdated(
            "written by another build of shifr".into(),
        ));
    }
    if payload.len() as u64 != len {
        return Err(Refused::Damaged(format!(
            "cut short ({} of {len} bytes)",
            payload.len()
        )));
    }
    if checksum_released(&bytes, payload) != sum {
        return Err(Refused::Damaged(
            "damaged (its checksum does not match)".into(),
        ));
    }
    Ok((Payload(bytes), sum))
}

/// The checksum of a mapped payload, read in slices that are handed back
/// to the kernel once hashed: hashing a file of hundreds of megabytes does
/// not hold it all in memory (its pages come back from the page cache when
/// read again).
fn checksum_released(map: &memmap2::Mmap, payload: &[u8]) -> u64 {
    const STEP: usize = 8 << 20;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for (i, chunk) in payload.chunks(STEP).enumerate() {
        h.update(chunk);
        // Whole pages only: the first page holds the header too.
        let from = (HEADER + i * STEP).next_multiple_of(4096);
        let to = (HEADER + i * STEP + chunk.len()) / 4096 * 4096;
        if to > from {
            // SAFETY: a private read-only file mapping: dropped pages read
            // back from the file, unchanged.
            let _ = unsafe {
                map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, from, to - from)
            };
        }
    }
    h.digest()
}

/// A verified file's payload, mapped.
pub struct Payload(memmap2::Mmap);

impl Payload {
    pub fn data(&self) -> &[u8] {
        &self.0[HEADER..]
    }
}

impl Payload {
    /// Hands the whole pages of `part` (a slice of this payload, read and
    /// no longer needed) back to the kernel.
    pub fn release(&self, part: &[u8]) {
        let base = self.0.as_ptr() as usize;
        let start = (part.as_ptr() as usize).wrapping_sub(base);
        let Some(end) = start.checked_add(part.len()).filter(|&e| e <= self.0.len()) else {
            return;
        };
        let (from, to) = (start.next_multiple_of(4096), end / 4096 * 4096);
        if to > from {
            // SAFETY: a private read-only file mapping: dropped pages read
            // back from the file, unchanged.
            let _ = unsafe {
                self.0
                    .unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, from, to - from)
            };
        }
    }
}

impl crate::binfmt::Backing for Payload {
    fn bytes(&self) -> &[u8] {
        self.data()
    }
}

/// Writes a cache file atomically: a temporary file beside it, synced,
/// then renamed over it. Returns the payload's checksum.
pub fn write(path: &Path, magic: &[u8; 8], payload: &[u8]) -> std::io::Result<u64> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let sum = checksum(payload);
    let mut head = Vec::with_capacity(HEADER);
    head.extend_from_slice(magic);
    head.extend_from_slice(&FORMAT.to_le_bytes());
    head.extend_from_slice(&build_id().to_le_bytes());
    head.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    head.extend_from_slice(&sum.to_le_bytes());
    head.extend_from_slice(&[0; 4]);
    sweep_temps(path);
    let tmp = temp_path(path);
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(&head)?;
        f.write_all(payload)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        // The rename itself is durable once the directory is synced.
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(sum)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes the temporary files of `path` that a process no longer running
/// left (one ended while writing: killed, or the machine stopped).
fn sweep_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return;
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name();
        let pid = file
            .to_str()
            .and_then(|f| {
                f.strip_prefix(name)?
                    .strip_prefix('.')?
                    .strip_suffix(".tmp")
            })
            .and_then(|p| p.parse::<i32>().ok());
        // SAFETY: signal 0 only asks whether the process exists.
        let gone = pid.is_some_and(|p| {
            p > 0
                && unsafe { libc::kill(p, 0) } != 0
                && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
        });
        if gone {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// `corpus.bin` → `corpus.bin.<pid>.tmp`: two processes writing at once do
/// not write into one file.
fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.tmp", std::process::id()));
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_file_left_by_a_process_gone_is_swept_and_a_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corpus.bin");
        // pid_max is at most 2^22 on Linux: this process cannot exist.
        let gone = dir.path().join("corpus.bin.99999999.tmp");
        // Process 1 always runs.
        let live = dir.path().join("corpus.bin.1.tmp");
        let mine = dir
            .path()
            .join(format!("corpus.bin.{}.tmp", std::process::id()));
        let other = dir.path().join("index.bin.99999999.tmp");
        for f in [&gone, &mine, &other, &live] {
            fs::write(f, b"half").unwrap();
        }
        write(&path, b"SHIFRtst", b"payload").unwrap();
        assert!(!gone.exists());
        assert!(other.exists(), "another file's are its own");
        assert!(live.exists());
        assert!(
            !mine.exists(),
            "this process's own is replaced by the write"
        );
        assert!(path.exists());
    }

    const MAGIC: &[u8; 8] = b"SHIFRtst";

    #[test]
    fn written_then_read() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("sub/x.bin");
        let sum = write(&p, MAGIC, b"payload").unwrap();
        let (payload, got) = read(&p, MAGIC).unwrap();
        assert_eq!((payload.data(), got), (&b"payload"[..], sum));
        // No temporary file is left.
        assert_eq!(fs::read_dir(d.path().join("sub")).unwrap().count(), 1);
    }

    #[test]
    fn missing_short_damaged_and_old_files_are_refused() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("x.bin");
        assert!(matches!(read(&p, MAGIC), Err(Refused::Missing)));
        write(&p, MAGIC, &[7u8; 100]).unwrap();
        let whole = fs::read(&p).unwrap();
        for cut in [0, 10, HEADER, whole.len() - 1] {
            fs::write(&p, &whole[..cut]).unwrap();
            assert!(
                matches!(read(&p, MAGIC), Err(Refused::Damaged(m)) if m.contains("cut short")),
                "{cut}"
            );
        }
        let mut flipped = whole.clone();
        flipped[HEADER + 50] ^= 1;
        fs::write(&p, &flipped).unwrap();
        assert!(matches!(read(&p, MAGIC), Err(Refused::Damaged(m)) if m.contains("checksum")));
        let mut old = whole.clone();
        old[8..12].copy_from_slice(&1u32.to_le_bytes());
        fs::write(&p, &old).unwrap();
        assert!(matches!(read(&p, MAGIC), Err(Refused::Outdated(m)) if m.contains("version 1")));
        fs::write(&p, &whole).unwrap();
        assert!(matches!(read(&p, b"SHIFRoth"), Err(Refused::Damaged(_))));
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // mimalloc asks for transparent huge pages on its arenas, so the first
    // touch of each zeroes 2 MiB, and memory it hands back and takes again
    // is zeroed again: at 100,000 telegrams that was half the kernel time
    // of a start without a cache (3.3 s of system time against 1.5 s
    // without). Turned off for this process, as mimalloc's own
    // MIMALLOC_ALLOW_THP=0 does; an editor shifr runs gets it back.
    #[cfg(target_os = "linux")]
    // SAFETY: a plain system call on this process's flags.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    std::process::exit(shifr::cli::main());
}

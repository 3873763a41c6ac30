#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Huge pages are turned off while shifr builds: `shifr::huge_pages`.
    std::process::exit(shifr::cli::main());
}

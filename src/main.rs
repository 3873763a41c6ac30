fn main() {
    std::process::exit(shifr::cli::main());
}

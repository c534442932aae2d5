fn main() {
    std::process::exit(argus::cli::main());
}

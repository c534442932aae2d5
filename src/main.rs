// jemalloc: see its entry in Cargo.toml for why (the engine's allocation pattern, measured).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    std::process::exit(argus::cli::main());
}

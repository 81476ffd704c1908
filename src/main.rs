//! The `nkecon` command line (Rust build). See `nkecon::cli`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/python/nkecon/sample").to_string();
    std::process::exit(nkecon::cli::main_with(&args, &[sample]));
}

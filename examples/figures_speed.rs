//! Times `figures::extract` over a text file, paragraph by paragraph (blank-line separated).
//! Prints `seconds figures`; used by `scripts/bench_quantulum.py` when the Python module is absent.

use nkecon::figures::{extract, FigureOptions};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: figures_speed FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let chunks: Vec<&str> = text
        .split("\n\n")
        .filter(|c| !c.trim().is_empty())
        .collect();
    let opts = FigureOptions::default();
    let t0 = std::time::Instant::now();
    let n: usize = chunks.iter().map(|c| extract(c, &opts).len()).sum();
    println!("{} {n}", t0.elapsed().as_secs_f64());
}

//! Times `figures::extract` over a text file, paragraph by paragraph (blank-line separated),
//! repeating the pass for at least a second.
//! Prints `wall_seconds figures cpu_seconds` (CPU time of the process, which includes
//! reading the file); used by `scripts/bench_quantulum.py` when the Python module is absent.

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
    // repeat the pass until at least a second has gone by, and report one pass
    let c0 = cpu_seconds();
    let t0 = std::time::Instant::now();
    let mut passes = 0u32;
    let mut n = 0usize;
    while passes == 0 || t0.elapsed().as_secs_f64() < 1.0 {
        n = chunks.iter().map(|c| extract(c, &opts).len()).sum();
        passes += 1;
    }
    let wall = t0.elapsed().as_secs_f64() / f64::from(passes);
    let cpu = (cpu_seconds() - c0).max(0.0) / f64::from(passes);
    println!("{wall} {n} {cpu}");
}

/// User + system CPU seconds of this process, from /proc (Linux); 0 elsewhere.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // fields after the command name: state is field 3; utime and stime are fields 14 and 15
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // rest starts at field 3, so field k is index k - 3; clock ticks are 100 per second on Linux
    (ticks(11) + ticks(12)) / 100.0
}

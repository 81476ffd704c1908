//! Prints the figures found in a text read from stdin, one per line (span, kind, low..high, unit, approx).

use nkecon::figures::{extract, FigureOptions};
use std::io::Read;

fn main() {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("stdin: {e}");
        std::process::exit(1);
    }
    for f in extract(&text, &FigureOptions::default()) {
        println!(
            "{:<45} {:<8} {}..{} {} {}",
            format!("{:?}", &text[f.start..f.end]),
            f.kind.as_str(),
            f.low,
            f.high,
            f.unit.as_deref().unwrap_or("-"),
            f.approx.as_str()
        );
    }
}

//! The command line: `nkecon run [INPUT...] --out DIR [--format F] [--threads N] [--floor]`.
//!
//! Shared by the Rust binary and the Python console script, so both behave alike.

use std::io::{IsTerminal, Write};
use std::sync::Arc;

use crate::error::Result;
use crate::pipeline::{self, Progress, RunOptions, Summary};

const USAGE: &str = "usage: nkecon run [INPUT...] --out DIR [--format auto|text|jsonl|html|warc|wet|wp-json|wxr] [--threads N] [--floor] [--quiet]

Reads archive pages (files, folders, globs; plain, .gz or .zst), extracts posts,
figures, claims and trade rows, and writes a Parquet dataset to DIR.
With no INPUT it runs on the small sample archive that ships with nkecon.";

/// Parsed command line of `nkecon run`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunArgs {
    /// Input paths, folders or globs.
    pub inputs: Vec<String>,
    /// Output dataset folder.
    pub out: String,
    /// Input format name.
    pub format: String,
    /// Worker threads (0: all cores).
    pub threads: usize,
    /// Floor mode (posts only).
    pub floor: bool,
    /// No summary or progress.
    pub quiet: bool,
}

/// Parses `args` (without the program name). `Err` holds the message to print.
pub fn parse_args(args: &[String]) -> std::result::Result<RunArgs, String> {
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("run") => {}
        Some("-h") | Some("--help") | None => return Err(USAGE.to_string()),
        Some(other) => return Err(format!("unknown command '{other}'\n{USAGE}")),
    }
    let mut a = RunArgs {
        inputs: Vec::new(),
        out: String::new(),
        format: "auto".into(),
        threads: 0,
        floor: false,
        quiet: false,
    };
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--out" | "-o" => a.out = value("--out")?,
            "--format" | "-f" => a.format = value("--format")?,
            "--threads" | "-j" => {
                let v = value("--threads")?;
                a.threads = v
                    .parse()
                    .map_err(|_| format!("--threads must be a number, got '{v}'"))?;
            }
            "--floor" => a.floor = true,
            "--quiet" | "-q" => a.quiet = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            s if s.starts_with("--out=") => a.out = s["--out=".len()..].to_string(),
            s if s.starts_with("--format=") => a.format = s["--format=".len()..].to_string(),
            s if s.starts_with("--threads=") => {
                let v = &s["--threads=".len()..];
                a.threads = v
                    .parse()
                    .map_err(|_| format!("--threads must be a number, got '{v}'"))?;
            }
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(format!("unknown option '{s}'\n{USAGE}"))
            }
            s => a.inputs.push(s.to_string()),
        }
    }
    if a.out.is_empty() {
        return Err(format!("--out DIR is required\n{USAGE}"));
    }
    Ok(a)
}

/// Builds run options from parsed arguments.
pub fn run_options(a: &RunArgs) -> Result<RunOptions> {
    let mut opts = RunOptions {
        threads: a.threads,
        floor: a.floor,
        ..Default::default()
    };
    opts.read.format = a.format.parse()?;
    Ok(opts)
}

/// A progress bar on stderr, drawn only when stderr is a terminal.
pub fn progress_bar() -> Option<pipeline::ProgressFn> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    Some(Arc::new(|p: &Progress| {
        let frac = if p.total > 0 {
            (p.done as f64 / p.total as f64).min(1.0)
        } else {
            1.0
        };
        let width = 30;
        let filled = (frac * width as f64) as usize;
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r{:8} [{}{}] {:5.1}%",
            p.phase,
            "#".repeat(filled),
            " ".repeat(width - filled),
            frac * 100.0
        );
        let _ = err.flush();
    }))
}

/// The summary printed after a run.
pub fn format_summary(s: &Summary, out: &str) -> String {
    let mut text = format!(
        "nkecon: {} files, {:.1} MB, {} documents in {:.2} s ({:.1} MB/s, {} threads) -> {}\n",
        s.files,
        s.bytes as f64 / 1e6,
        s.documents,
        s.seconds,
        s.mb_per_s(),
        s.threads,
        out
    );
    for (table, rows) in &s.counts {
        text.push_str(&format!("  {table:<8} {rows:>9} rows\n"));
    }
    text
}

/// Runs the command line; `default_inputs` is used when no INPUT is given.
/// Returns the process exit code.
pub fn main_with(args: &[String], default_inputs: &[String]) -> i32 {
    let a = match parse_args(args) {
        Ok(a) => a,
        Err(msg) => {
            let help = args.iter().any(|s| s == "-h" || s == "--help");
            eprintln!("{msg}");
            return if help { 0 } else { 2 };
        }
    };
    let inputs = if a.inputs.is_empty() {
        default_inputs.to_vec()
    } else {
        a.inputs.clone()
    };
    let mut opts = match run_options(&a) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("nkecon: {e}");
            return 2;
        }
    };
    if !a.quiet {
        opts.progress = progress_bar();
    }
    match pipeline::run(&inputs, a.out.as_ref(), &opts) {
        Ok(s) => {
            if opts.progress.is_some() {
                eprintln!();
            }
            if !a.quiet {
                print!("{}", format_summary(&s, &a.out));
            }
            0
        }
        Err(e) => {
            eprintln!("nkecon: {e}");
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn parses_run() {
        let a = parse_args(&args("run a b --out d --threads 2 --format jsonl")).expect("ok");
        assert_eq!(a.inputs, vec!["a", "b"]);
        assert_eq!(a.out, "d");
        assert_eq!(a.threads, 2);
        assert_eq!(a.format, "jsonl");
    }

    #[test]
    fn rejects_bad_args() {
        assert!(parse_args(&args("run a")).is_err());
        assert!(parse_args(&args("run --out d --threads x")).is_err());
        assert!(parse_args(&args("walk --out d")).is_err());
        assert!(parse_args(&args("run --out d --bogus")).is_err());
    }

    #[test]
    fn bad_format_is_an_error_listing_values() {
        let a = parse_args(&args("run --out d --format pdf")).expect("ok");
        let e = run_options(&a).expect_err("bad format").to_string();
        assert!(e.contains("auto") && e.contains("'pdf'"), "{e}");
    }
}

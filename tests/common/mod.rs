//! Helpers shared by the hostile-input and crash-safety tests: generated pages (our own
//! prose), reading a dataset back, and running the CLI as a child process.
#![allow(dead_code)]

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use arrow_array::cast::AsArray;
use arrow_array::{Array, RecordBatch};
use chrono::Datelike;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

const SUBJECTS: &[&str] = &[
    "Coal barges",
    "Rice prices",
    "Fuel imports",
    "Border trucks",
    "Fishing boats",
    "Cement output",
    "Market stalls",
    "Tractor plant",
];
const PREDICATES: &[&str] = &[
    "idle near the estuary",
    "climb again in the northeast",
    "slow before the harvest",
    "pick up after the thaw",
    "stall at the customs post",
    "double in a year",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A deterministic pseudo-random generator (xorshift64*), so that tests need no crate.
pub struct Rng(pub u64);

impl Rng {
    /// The next pseudo-random number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// `n` pseudo-random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        let mut v = Vec::with_capacity(n + 8);
        while v.len() < n {
            v.extend_from_slice(&self.next().to_le_bytes());
        }
        v.truncate(n);
        v
    }
}

/// The title of generated post `i` (distinct for every `i`).
pub fn title(i: usize) -> String {
    format!(
        "{} {} (note {})",
        SUBJECTS[i % SUBJECTS.len()],
        PREDICATES[(i / SUBJECTS.len()) % PREDICATES.len()],
        i
    )
}

/// The publication date of generated post `i`.
pub fn date(i: usize) -> chrono::NaiveDate {
    let base = chrono::NaiveDate::from_ymd_opt(2009, 1, 1).expect("date");
    base + chrono::Days::new((i as u64 * 37) % 5400)
}

fn date_line(d: chrono::NaiveDate) -> String {
    let day = d.day();
    let suffix = match (day % 10, day % 100) {
        (1, n) if n != 11 => "st",
        (2, n) if n != 12 => "nd",
        (3, n) if n != 13 => "rd",
        _ => "th",
    };
    format!(
        "{}, {} {}{}, {}",
        d.format("%A"),
        MONTHS[d.month0() as usize],
        day,
        suffix,
        d.year()
    )
}

/// One generated post as it sits on an archive page: title, date line, byline, body.
/// `paragraphs` sets its length.
pub fn post_text(i: usize, paragraphs: usize) -> String {
    let d = date(i);
    let mut s = format!("{}\n\n{}\n\nBy Jane Roe\n\n", title(i), date_line(d));
    for k in 0..paragraphs.max(1) {
        let n = i * 7 + k;
        s.push_str(&format!(
            "Shipments through the river port fell {} percent to ${}.{} million in {}, a trader in the border city told a reporter. Roughly {} workers were sent home while the cranes stood still.\n\n",
            5 + n % 60,
            10 + n % 90,
            n % 10,
            MONTHS[(n + 3) % 12],
            100 + (n * 13) % 900
        ));
    }
    s.push_str("Share\n\n");
    s
}

/// A page holding posts `ids`.
pub fn page(ids: impl IntoIterator<Item = usize>, paragraphs: usize) -> String {
    let mut s = String::from(
        "Economy Notes\nA blog about trade and prices\n\nArchive for the 'Trade' Category\n\n",
    );
    for i in ids {
        s.push_str(&post_text(i, paragraphs));
    }
    s
}

/// Every batch of table `name` of the dataset at `out`, in file order.
pub fn table(out: &Path, name: &str) -> Vec<RecordBatch> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(out.join(name))
        .unwrap_or_else(|e| panic!("{}/{name}: {e}", out.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "parquet"))
        .collect();
    files.sort();
    let mut batches = Vec::new();
    for f in files {
        let file = File::open(&f).expect("open parquet");
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .expect("parquet footer")
            .build()
            .expect("reader");
        for b in reader {
            batches.push(b.expect("batch"));
        }
    }
    batches
}

/// A string column of a batch, as owned strings (nulls as "").
pub fn strings(b: &RecordBatch, col: &str) -> Vec<String> {
    let c = b
        .column_by_name(col)
        .unwrap_or_else(|| panic!("no column {col}"));
    let a = c.as_string::<i32>();
    (0..a.len()).map(|i| a.value(i).to_string()).collect()
}

/// A row of `rejects`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rej {
    /// `source`.
    pub source: String,
    /// `stage`.
    pub stage: String,
    /// `reason`.
    pub reason: String,
}

/// The `rejects` table of a dataset.
pub fn rejects(out: &Path) -> Vec<Rej> {
    let mut v = Vec::new();
    for b in table(out, "rejects") {
        let s = strings(&b, "source");
        let st = strings(&b, "stage");
        let r = strings(&b, "reason");
        for i in 0..s.len() {
            v.push(Rej {
                source: s[i].clone(),
                stage: st[i].clone(),
                reason: r[i].clone(),
            });
        }
    }
    v
}

/// The posts of a dataset.
pub fn posts(out: &Path) -> Vec<nkecon::model::Post> {
    table(out, "posts")
        .iter()
        .flat_map(|b| nkecon::table::posts_from_batch(b).expect("posts"))
        .collect()
}

/// How a child run ended.
#[derive(Debug)]
pub struct Exit {
    /// Exit code, or None when a signal ended it.
    pub code: Option<i32>,
    /// The signal that ended it.
    pub signal: Option<i32>,
    /// Peak resident memory (ru_maxrss), in KiB.
    pub maxrss_kib: i64,
    /// What it wrote on stderr.
    pub stderr: String,
}

/// Starts the `nkecon` binary with `args` (stdout discarded, stderr to `log`).
pub fn spawn_cli(args: &[&str], log: &Path) -> std::process::Child {
    let err = File::create(log).expect("log file");
    Command::new(env!("CARGO_BIN_EXE_nkecon"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(err))
        .spawn()
        .expect("start nkecon")
}

/// Waits for a child with wait4, returning its status and peak memory.
pub fn wait_child(child: &std::process::Child, log: &Path) -> Exit {
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value to be filled in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet reaped; the pointers are valid for the call.
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(rc, pid, "wait4: {}", std::io::Error::last_os_error());
    let (code, signal) = if libc::WIFEXITED(status) {
        (Some(libc::WEXITSTATUS(status)), None)
    } else if libc::WIFSIGNALED(status) {
        (None, Some(libc::WTERMSIG(status)))
    } else {
        (None, None)
    };
    Exit {
        code,
        signal,
        maxrss_kib: usage.ru_maxrss,
        stderr: std::fs::read_to_string(log).unwrap_or_default(),
    }
}

/// Runs the `nkecon` binary to completion.
#[allow(clippy::zombie_processes)] // reaped by wait4 in `wait_child`
pub fn run_cli(args: &[&str], log: &Path) -> Exit {
    let child = spawn_cli(args, log);
    wait_child(&child, log)
}

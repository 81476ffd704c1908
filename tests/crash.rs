//! Crash safety: `nkecon run` killed with SIGKILL in the middle of a run over a large
//! generated corpus leaves the previous dataset at OUT whole and readable; the temporary
//! folder it leaves behind (`.OUT.tmp-PID-STAMP`) is removed by the next run (its
//! process is gone), and a rerun on the same inputs gives the same rows in the same order.
//! A second test kills runs at the writer's three critical moments, reached through the
//! `NKECON_PAUSE_AT` test hook: Parquet files half written, manifest written but nothing
//! synced, and right after the atomic exchange.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use arrow_array::RecordBatch;

const TABLES: &[&str] = &["posts", "figures", "claims", "trade", "rejects"];

fn snapshot(out: &Path) -> Vec<(String, Vec<RecordBatch>)> {
    TABLES
        .iter()
        .map(|t| (t.to_string(), common::table(out, t)))
        .collect()
}

fn rows(s: &[(String, Vec<RecordBatch>)], table: &str) -> usize {
    s.iter()
        .filter(|(t, _)| t == table)
        .flat_map(|(_, b)| b.iter().map(RecordBatch::num_rows))
        .sum()
}

/// Batches of two snapshots, compared table by table after concatenation.
fn same(a: &[(String, Vec<RecordBatch>)], b: &[(String, Vec<RecordBatch>)]) {
    for ((ta, ba), (tb, bb)) in a.iter().zip(b) {
        assert_eq!(ta, tb);
        let ca = concat(ba);
        let cb = concat(bb);
        assert_eq!(ca, cb, "table {ta} differs");
    }
}

fn concat(b: &[RecordBatch]) -> Option<RecordBatch> {
    let first = b.first()?;
    Some(arrow_select::concat::concat_batches(&first.schema(), b).expect("concat"))
}

fn temp_folders(parent: &Path) -> Vec<PathBuf> {
    fs::read_dir(parent)
        .expect("read parent")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".out.tmp-"))
        })
        .collect()
}

#[test]
#[allow(clippy::zombie_processes)] // the child is reaped by wait4 in `wait_child`
fn sigkill_mid_run_leaves_the_old_dataset_whole() {
    let tmp = tempfile::tempdir().expect("tmp");
    let small = tmp.path().join("small");
    let large = tmp.path().join("large");
    // small corpus: the dataset already at OUT
    for f in 0..4 {
        let p = small.join(format!("page-{f}.txt"));
        fs::create_dir_all(&small).expect("mkdir");
        fs::write(p, common::page(f * 5..f * 5 + 5, 3)).expect("write");
    }
    fs::write(small.join("broken.bin"), [0u8, 1, 2, 3, 0, 255]).expect("write");
    // large corpus: about 60 MB of archive pages of 50 posts each
    fs::create_dir_all(&large).expect("mkdir");
    let mut bytes = 0usize;
    let mut f = 0usize;
    while bytes < 60_000_000 {
        let text = common::page(1000 + f * 50..1000 + f * 50 + 50, 6);
        bytes += text.len();
        fs::write(large.join(format!("archive-{f:04}.txt")), text).expect("write");
        f += 1;
    }

    let out = tmp.path().join("out");
    let out_s = out.to_string_lossy().into_owned();
    let log = tmp.path().join("stderr.txt");
    let first = common::run_cli(
        &["run", &small.to_string_lossy(), "--out", &out_s, "-q"],
        &log,
    );
    assert_eq!(first.code, Some(0), "{first:?}");
    let before = snapshot(&out);
    assert_eq!(rows(&before, "posts"), 20);
    assert!(rows(&before, "rejects") >= 1);
    let manifest = fs::read(out.join("_manifest.json")).expect("manifest");

    // the long run, killed a moment after its temporary folder appears
    let child = common::spawn_cli(
        &["run", &large.to_string_lossy(), "--out", &out_s, "-q"],
        &log,
    );
    let started = Instant::now();
    loop {
        let begun = temp_folders(tmp.path())
            .iter()
            .any(|d| d.join("posts").is_dir());
        if begun {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "no temporary folder appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(1500));
    // SAFETY: kill(2) on our own child, not yet reaped.
    let rc = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGKILL) };
    assert_eq!(rc, 0);
    let killed = common::wait_child(&child, &log);
    assert_eq!(
        killed.signal,
        Some(libc::SIGKILL),
        "the run ended before the kill: {killed:?}"
    );

    // OUT is the old dataset, whole: same manifest, every file opens, same rows
    assert_eq!(
        fs::read(out.join("_manifest.json")).expect("manifest"),
        manifest
    );
    let after = snapshot(&out);
    same(&before, &after);
    let stale = temp_folders(tmp.path());
    assert_eq!(stale.len(), 1, "the killed run leaves its temporary folder");

    // a rerun on the same inputs: same rows in the same order, stale folder gone
    let again = common::run_cli(
        &["run", &small.to_string_lossy(), "--out", &out_s, "-q"],
        &log,
    );
    assert_eq!(again.code, Some(0), "{again:?}");
    same(&before, &snapshot(&out));
    assert!(
        temp_folders(tmp.path()).is_empty(),
        "stale temporary folder left"
    );

    // and with one thread instead of all cores
    let one = common::run_cli(
        &[
            "run",
            &small.to_string_lossy(),
            "--out",
            &out_s,
            "-q",
            "--threads",
            "1",
        ],
        &log,
    );
    assert_eq!(one.code, Some(0), "{one:?}");
    same(&before, &snapshot(&out));
}

/// Starts `nkecon run` with `NKECON_PAUSE_AT=point` (the writer's test hook), waits
/// until it says it is paused there, and kills it with SIGKILL.
#[allow(clippy::zombie_processes)] // the child is reaped by wait4 in `wait_child`
fn kill_at(point: &str, input: &Path, out: &Path, log: &Path) {
    let err = fs::File::create(log).expect("log file");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_nkecon"))
        .args(["run", &input.to_string_lossy(), "--out"])
        .arg(out)
        .arg("-q")
        .env("NKECON_PAUSE_AT", point)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::from(err))
        .spawn()
        .expect("start nkecon");
    let marker = format!("paused at {point}");
    let started = Instant::now();
    while !fs::read_to_string(log)
        .unwrap_or_default()
        .contains(&marker)
    {
        assert!(
            started.elapsed() < Duration::from_secs(180),
            "the run never reached {point}: {}",
            fs::read_to_string(log).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: kill(2) on our own child, not yet reaped.
    let rc = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGKILL) };
    assert_eq!(rc, 0);
    let killed = common::wait_child(&child, log);
    assert_eq!(killed.signal, Some(libc::SIGKILL), "{point}: {killed:?}");
}

#[test]
fn sigkill_at_each_step_of_the_final_write_keeps_a_whole_dataset() {
    let tmp = tempfile::tempdir().expect("tmp");
    let old_in = tmp.path().join("old");
    let new_in = tmp.path().join("new");
    fs::create_dir_all(&old_in).expect("mkdir");
    fs::create_dir_all(&new_in).expect("mkdir");
    fs::write(old_in.join("a.txt"), common::page(0..6, 3)).expect("write");
    fs::write(new_in.join("b.txt"), common::page(100..140, 4)).expect("write");
    let out = tmp.path().join("out");
    let out_s = out.to_string_lossy().into_owned();
    let log = tmp.path().join("stderr.txt");

    // what OUT holds before, and what a finished run on the new input writes
    let run = |input: &Path, dest: &str| {
        let r = common::run_cli(
            &["run", &input.to_string_lossy(), "--out", dest, "-q"],
            &log,
        );
        assert_eq!(r.code, Some(0), "{r:?}");
    };
    let reference = tmp.path().join("reference");
    run(&new_in, &reference.to_string_lossy());
    let expected_new = snapshot(&reference);
    run(&old_in, &out_s);
    let before = snapshot(&out);
    let manifest = fs::read(out.join("_manifest.json")).expect("manifest");
    assert_eq!(rows(&before, "posts"), 6);
    assert_eq!(rows(&expected_new, "posts"), 40);

    // killed while Parquet files are half written, or before anything is synced:
    // OUT is the old dataset, byte for byte in its manifest, every file readable
    for point in ["parquet", "fsync"] {
        kill_at(point, &new_in, &out, &log);
        assert_eq!(
            fs::read(out.join("_manifest.json")).expect("manifest"),
            manifest,
            "{point}"
        );
        same(&before, &snapshot(&out));
    }
    // killed right after the exchange: OUT is the new dataset, whole
    kill_at("swap", &new_in, &out, &log);
    same(&expected_new, &snapshot(&out));
    // each run removed the folders of the killed runs before it; the last one's is left
    assert_eq!(temp_folders(tmp.path()).len(), 1, "stale folders");

    // the next run removes it
    run(&old_in, &out_s);
    same(&before, &snapshot(&out));
    assert!(temp_folders(tmp.path()).is_empty(), "stale folders left");
}

//! The Parquet dataset on disk: one folder per table, zstd, statistics on,
//! dictionary-encoded strings, and a `_manifest.json`.
//!
//! A run writes into a temporary folder beside `OUT`, fsyncs it, and swaps it in
//! with one atomic rename (an exchange where the OS has one), so that a crash at
//! any moment leaves the previous dataset whole. A run killed before its end leaves
//! its temporary folder (`.OUT.tmp-PID-STAMP`) behind; the next run into the same
//! `OUT` removes those whose process is gone (running ones are left alone).

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;

use arrow_array::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;

use crate::error::{Error, Result};
use crate::table;

/// Options for writing a dataset.
#[derive(Debug, Clone)]
pub struct WriteOptions {
    /// zstd level (1–22) of the posts table.
    pub zstd_level: i32,
    /// zstd level of the tables extracted from the posts (figures, claims, trade,
    /// rejects). 2 by default: against level 3 it costs a sixth less compression work
    /// for these tables, whose files come out the same size (figures, trade) or
    /// about 7% larger (claims).
    pub derived_zstd_level: i32,
    /// A Parquet file of a table is closed and a new `part-NNNNN` begun after this many rows.
    pub rows_per_file: usize,
    /// A row group is flushed once its buffered size passes this many bytes.
    pub row_group_bytes: usize,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            zstd_level: 3,
            derived_zstd_level: 2,
            rows_per_file: 2_000_000,
            row_group_bytes: 32 << 20,
        }
    }
}

struct TableWriter {
    dir: PathBuf,
    writer: Option<ArrowWriter<File>>,
    file_rows: usize,
    files: usize,
    rows: usize,
}

/// Writes the tables of one dataset into a temporary folder, then swaps it in.
pub struct DatasetWriter {
    out: PathBuf,
    tmp: PathBuf,
    opts: WriteOptions,
    /// Properties of the posts table.
    props: WriterProperties,
    /// Properties of the other tables (their own zstd level).
    derived: WriterProperties,
    tables: BTreeMap<String, TableWriter>,
    done: bool,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |e| Error::io(path.to_string_lossy(), e)
}

impl DatasetWriter {
    /// Starts a dataset that will replace `out` when [`DatasetWriter::finish`] is called.
    pub fn create(out: &Path, opts: WriteOptions) -> Result<Self> {
        // options checked before anything is created on disk
        let with_level = |level: i32| -> Result<WriterProperties> {
            let level = ZstdLevel::try_new(level).map_err(Error::arrow)?;
            Ok(WriterProperties::builder()
                .set_compression(Compression::ZSTD(level))
                .set_statistics_enabled(EnabledStatistics::Page)
                .set_dictionary_enabled(true)
                .set_created_by(format!("nkecon {}", env!("CARGO_PKG_VERSION")))
                .build())
        };
        let props = with_level(opts.zstd_level)?;
        let derived = with_level(opts.derived_zstd_level)?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(io(&parent))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "dataset".into());
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        remove_stale(&parent, &name);
        let tmp = parent.join(format!(".{name}.tmp-{}-{stamp}", std::process::id()));
        fs::create_dir_all(&tmp).map_err(io(&tmp))?;
        Ok(DatasetWriter {
            out: out.to_path_buf(),
            tmp,
            opts,
            props,
            derived,
            tables: BTreeMap::new(),
            done: false,
        })
    }

    /// The temporary folder being written.
    pub fn tmp_dir(&self) -> &Path {
        &self.tmp
    }

    /// Appends a batch to a table (`posts`, `figures`, ...).
    pub fn write(&mut self, name: &str, batch: &RecordBatch) -> Result<()> {
        let rows_per_file = self.opts.rows_per_file;
        let row_group_bytes = self.opts.row_group_bytes;
        let props = self.props_of(name).clone();
        let tw = self.table(name)?;
        if batch.num_rows() == 0 {
            return Ok(());
        }
        if tw.writer.is_some() && tw.file_rows >= rows_per_file {
            close(tw)?;
        }
        if tw.writer.is_none() {
            open(tw, &props, batch.schema())?;
        }
        if let Some(w) = tw.writer.as_mut() {
            w.write(batch)?;
            if w.in_progress_size() > row_group_bytes {
                w.flush()?;
            }
        }
        tw.file_rows += batch.num_rows();
        tw.rows += batch.num_rows();
        Ok(())
    }

    /// The writer properties of table `name` (before the per-column settings).
    fn props_of(&self, name: &str) -> &WriterProperties {
        if name == "posts" {
            &self.props
        } else {
            &self.derived
        }
    }

    fn table(&mut self, name: &str) -> Result<&mut TableWriter> {
        if !self.tables.contains_key(name) {
            let dir = self.tmp.join(name);
            fs::create_dir_all(&dir).map_err(io(&dir))?;
            self.tables.insert(
                name.to_string(),
                TableWriter {
                    dir,
                    writer: None,
                    file_rows: 0,
                    files: 0,
                    rows: 0,
                },
            );
        }
        self.tables
            .get_mut(name)
            .ok_or_else(|| Error::schema(format!("no table {name}")))
    }

    /// Declares a table so that it gets a folder (with an empty file carrying its schema) even without rows.
    pub fn declare(&mut self, name: &str) -> Result<()> {
        self.table(name).map(|_| ())
    }

    /// Rows written so far, per table.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        self.tables
            .iter()
            .map(|(k, v)| (k.clone(), v.rows))
            .collect()
    }

    /// Closes every file, writes `_manifest.json` (the fields of `manifest`, which must
    /// serialize as a map, plus `counts` and `files`), fsyncs, and swaps the folder in
    /// place of `out`. The manifest is streamed to the file: a run over hundreds of
    /// thousands of inputs does not build it in memory.
    pub fn finish<M: serde::Serialize>(mut self, manifest: &M) -> Result<BTreeMap<String, usize>> {
        let (props, derived) = (self.props.clone(), self.derived.clone());
        let mut files = BTreeMap::new();
        for (name, tw) in self.tables.iter_mut() {
            if tw.writer.is_none() && tw.files == 0 {
                let props = if name == "posts" { &props } else { &derived };
                open(tw, props, table::schema(name)?)?;
            }
            close(tw)?;
            files.insert(name.clone(), tw.files);
            // (some tables closed, the others' files still open and unfinished)
            pause_point("parquet");
        }
        let counts = self.counts();
        #[derive(serde::Serialize)]
        struct Full<'a, M> {
            #[serde(flatten)]
            run: &'a M,
            counts: &'a BTreeMap<String, usize>,
            files: &'a BTreeMap<String, usize>,
        }
        let path = self.tmp.join("_manifest.json");
        let file = File::create(&path).map_err(io(&path))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
        serde_json::to_writer_pretty(
            &mut w,
            &Full {
                run: manifest,
                counts: &counts,
                files: &files,
            },
        )
        .map_err(Error::arrow)?;
        std::io::Write::flush(&mut w).map_err(io(&path))?;
        pause_point("fsync");
        sync_tree(&self.tmp)?;
        swap_in(&self.tmp, &self.out)?;
        self.done = true;
        Ok(counts)
    }
}

impl Drop for DatasetWriter {
    fn drop(&mut self) {
        if !self.done {
            // An abandoned run: close writers and remove the temporary folder; `out` is untouched.
            for tw in self.tables.values_mut() {
                tw.writer = None;
            }
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// A [`DatasetWriter`] on a thread of its own: [`WriterThread::write`] hands the batch
/// over and returns at once, so that Parquet encoding and compression overlap the work
/// that produces the next batches. Batches are written in the order they are handed
/// over. Dropped without [`WriterThread::finish`], the dataset is abandoned (`out`
/// untouched, the temporary folder removed), as with a dropped `DatasetWriter`.
pub struct WriterThread {
    tx: Option<mpsc::SyncSender<(String, RecordBatch)>>,
    handle: Option<JoinHandle<Result<DatasetWriter>>>,
    /// Set by [`WriterThread::inline`]: batches are written by the caller's thread.
    inline: Option<DatasetWriter>,
}

impl WriterThread {
    /// Moves `writer` to a new thread; at most `depth` batches wait for it.
    pub fn spawn(mut writer: DatasetWriter, depth: usize) -> Result<Self> {
        let (tx, rx) = mpsc::sync_channel::<(String, RecordBatch)>(depth.max(1));
        let handle = std::thread::Builder::new()
            .name("nkecon-write".into())
            .spawn(move || {
                for (name, batch) in rx {
                    writer.write(&name, &batch)?;
                }
                Ok(writer)
            })
            .map_err(|e| Error::io("thread", e))?;
        Ok(WriterThread {
            tx: Some(tx),
            handle: Some(handle),
            inline: None,
        })
    }

    /// The same interface without a thread: each batch is written at once by the
    /// caller (for single-threaded runs).
    pub fn inline(writer: DatasetWriter) -> Self {
        WriterThread {
            tx: None,
            handle: None,
            inline: Some(writer),
        }
    }

    /// Queues `batch` for table `name`; blocks only while `depth` batches are waiting.
    /// Fails with the writer's error if an earlier write failed.
    pub fn write(&mut self, name: &str, batch: RecordBatch) -> Result<()> {
        if let Some(w) = self.inline.as_mut() {
            return w.write(name, &batch);
        }
        let sent = match &self.tx {
            Some(tx) => tx.send((name.to_string(), batch)).is_ok(),
            None => false,
        };
        if sent {
            Ok(())
        } else {
            // The thread stopped on an error: report it.
            Err(self.join().err().unwrap_or_else(|| {
                Error::arrow("the dataset writer stopped before the end of the run")
            }))
        }
    }

    /// Waits for every queued batch to be written and gives the writer back, to be
    /// finished ([`DatasetWriter::finish`]).
    pub fn finish(mut self) -> Result<DatasetWriter> {
        self.join()
    }

    fn join(&mut self) -> Result<DatasetWriter> {
        if let Some(w) = self.inline.take() {
            return Ok(w);
        }
        self.tx = None;
        match self.handle.take() {
            Some(h) => h
                .join()
                .map_err(|_| Error::arrow("the dataset writer thread panicked"))?,
            None => Err(Error::arrow("the dataset writer has already stopped")),
        }
    }
}

impl Drop for WriterThread {
    fn drop(&mut self) {
        // Abandoned: let the thread drain and drop its DatasetWriter (which removes
        // the temporary folder).
        let _ = self.join();
    }
}

/// Test hook for the crash tests: with `NKECON_PAUSE_AT=POINT` in the environment
/// the writer announces `nkecon: paused at POINT` on stderr and sleeps there (ten
/// minutes), so that a test can SIGKILL the run at that exact moment. Points:
/// `parquet` (Parquet files half written), `fsync` (manifest written, nothing synced
/// yet), `swap` (new dataset exchanged in, old one not yet removed).
fn pause_point(point: &str) {
    if std::env::var("NKECON_PAUSE_AT").is_ok_and(|v| v == point) {
        eprintln!("nkecon: paused at {point}");
        std::thread::sleep(std::time::Duration::from_secs(600));
    }
}

fn open(
    tw: &mut TableWriter,
    props: &WriterProperties,
    schema: arrow_schema::SchemaRef,
) -> Result<()> {
    let path = tw.dir.join(format!("part-{:05}.parquet", tw.files));
    let file = File::create(&path).map_err(io(&path))?;
    let name = tw
        .dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let props = column_props(props, &name);
    tw.writer = Some(ArrowWriter::try_new(file, schema, Some(props))?);
    tw.files += 1;
    tw.file_rows = 0;
    Ok(())
}

/// Columns where a dictionary does not pay: values (nearly) all distinct (ids, text),
/// or so many distinct values per row group (post ids of the derived tables, offsets,
/// amounts) that plain zstd pages come out both smaller and faster to write (measured
/// per column with `examples/wprobe.rs`). List columns are named by their leaf path.
const DISTINCT: &[(&str, &[&str])] = &[
    ("posts", &["post_id", "title", "body", "url"]),
    (
        "figures",
        &[
            "figure_id",
            "claim_id",
            "post_id",
            "start",
            "end",
            "text",
            "value",
            "low",
            "high",
            "value_usd",
        ],
    ),
    (
        "claims",
        &[
            "claim_id",
            "text",
            "post_id",
            "start",
            "end",
            "figure_ids.list.item",
        ],
    ),
    (
        "trade",
        &[
            "trade_id",
            "claim_id",
            "figure_id",
            "post_id",
            "value_usd",
            "change_pct",
            "published",
        ],
    ),
    ("rejects", &["detail"]),
];

/// Long free text and derived ids (hash-led, so a row group's min/max says nothing):
/// min/max statistics are of no use for filtering them.
const FREE_TEXT: &[(&str, &[&str])] = &[
    ("posts", &["title", "body"]),
    ("figures", &["figure_id", "claim_id", "text"]),
    (
        "claims",
        &[
            "claim_id",
            "text",
            "figure_ids.list.item",
            "dates.list.item.text",
        ],
    ),
    ("trade", &["trade_id", "claim_id", "figure_id"]),
    ("rejects", &["detail"]),
];

/// The writer properties of one table: the dataset's, with dictionaries off for
/// distinct-valued columns and statistics off for long free text.
fn column_props(props: &WriterProperties, table: &str) -> WriterProperties {
    let cols = |list: &[(&str, &[&'static str])]| -> Vec<&'static str> {
        list.iter()
            .filter(|(t, _)| *t == table)
            .flat_map(|(_, c)| c.iter().copied())
            .collect()
    };
    let mut b = props.clone().into_builder();
    for c in cols(DISTINCT) {
        b = b.set_column_dictionary_enabled(leaf_path(c), false);
    }
    for c in cols(FREE_TEXT) {
        b = b.set_column_statistics_enabled(leaf_path(c), EnabledStatistics::None);
    }
    b.build()
}

/// `"figure_ids.list.item"` → the column path `[figure_ids, list, item]` (a plain
/// `ColumnPath::from(&str)` would be one part with dots in it, matching nothing).
fn leaf_path(dotted: &str) -> ColumnPath {
    ColumnPath::new(dotted.split('.').map(str::to_string).collect())
}

fn close(tw: &mut TableWriter) -> Result<()> {
    if let Some(w) = tw.writer.take() {
        w.close()?;
    }
    Ok(())
}

fn sync_tree(dir: &Path) -> Result<()> {
    for entry in fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let p = entry.path();
        if p.is_dir() {
            sync_tree(&p)?;
        } else {
            File::open(&p).and_then(|f| f.sync_all()).map_err(io(&p))?;
        }
    }
    File::open(dir).and_then(|f| f.sync_all()).map_err(io(dir))
}

/// Puts `tmp` in place of `out`: an atomic exchange on Linux, so that `out` is
/// always either the old or the new dataset; then the old one is removed.
fn swap_in(tmp: &Path, out: &Path) -> Result<()> {
    if !out.exists() {
        fs::rename(tmp, out).map_err(io(out))?;
    } else if exchange(tmp, out) {
        // `tmp` now holds the previous dataset.
        pause_point("swap");
        fs::remove_dir_all(tmp).map_err(io(tmp))?;
    } else {
        if !is_dataset(out) {
            return Err(Error::io(
                out.to_string_lossy(),
                std::io::Error::other(
                    "exists and is not an nkecon dataset (no _manifest.json); not replacing it",
                ),
            ));
        }
        let old = tmp.with_extension("old");
        fs::rename(out, &old).map_err(io(out))?;
        fs::rename(tmp, out).map_err(io(out))?;
        fs::remove_dir_all(&old).map_err(io(&old))?;
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        let _ = File::open(parent).and_then(|f| f.sync_all());
    }
    Ok(())
}

/// Removes the temporary folders (`.NAME.tmp-PID-STAMP`) that runs killed before
/// their end left beside `NAME`: only those whose process is gone, so that a run
/// still writing next to us keeps its folder. A folder whose PID was reused by
/// another process is left (harmless: every run writes its own folder).
fn remove_stale(parent: &Path, name: &str) {
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return true;
    };
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_: u32) -> bool {
    true
}

/// True when `path` looks like a dataset nkecon wrote (or an empty folder).
pub fn is_dataset(path: &Path) -> bool {
    path.join("_manifest.json").is_file()
        || fs::read_dir(path)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    if !is_dataset(b) {
        return false;
    }
    let (Ok(ca), Ok(cb)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both pointers are valid NUL-terminated strings for the duration of the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    rc == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionaries_off_by_leaf_path_and_on_elsewhere() {
        let base = WriterProperties::builder()
            .set_dictionary_enabled(true)
            .build();
        let claims = column_props(&base, "claims");
        assert!(!claims.dictionary_enabled(&leaf_path("figure_ids.list.item")));
        assert!(!claims.dictionary_enabled(&leaf_path("post_id")));
        assert!(claims.dictionary_enabled(&leaf_path("speaker")));
        assert!(claims.dictionary_enabled(&leaf_path("entities.list.item")));
        // a dotted name is not one path part
        assert_eq!(leaf_path("a.b.c").parts().len(), 3);
        let posts = column_props(&base, "posts");
        assert!(!posts.dictionary_enabled(&leaf_path("body")));
        assert_eq!(
            posts.statistics_enabled(&leaf_path("body")),
            EnabledStatistics::None
        );
        assert!(posts.dictionary_enabled(&leaf_path("author")));
    }

    #[test]
    fn posts_and_derived_tables_get_their_own_zstd_level() {
        let out = std::env::temp_dir().join(format!("nkecon-zl-{}", std::process::id()));
        let opts = WriteOptions {
            zstd_level: 5,
            derived_zstd_level: 1,
            ..WriteOptions::default()
        };
        let w = DatasetWriter::create(&out, opts).expect("create");
        let col = ColumnPath::from("text");
        let level = |p: &WriterProperties| match p.compression(&col) {
            Compression::ZSTD(l) => l.compression_level(),
            other => panic!("not zstd: {other:?}"),
        };
        assert_eq!(level(w.props_of("posts")), 5);
        for t in ["figures", "claims", "trade", "rejects"] {
            assert_eq!(level(w.props_of(t)), 1, "{t}");
        }
        let _ = fs::remove_dir_all(w.tmp_dir());
        // a level zstd does not have is an error (not a panic), and leaves nothing behind
        let bad = WriteOptions {
            derived_zstd_level: 99,
            ..WriteOptions::default()
        };
        let name = format!("nkecon-zl-bad-{}", std::process::id());
        assert!(DatasetWriter::create(&std::env::temp_dir().join(&name), bad).is_err());
        let left = fs::read_dir(std::env::temp_dir())
            .expect("temp dir")
            .flatten()
            .any(|e| e.file_name().to_string_lossy().contains(&name));
        assert!(!left, "a failed create left a folder behind");
    }
}

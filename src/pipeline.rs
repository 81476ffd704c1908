//! The whole run, and the parallel stage drivers: the one place that uses rayon.
//!
//! `run` streams: a reader thread turns input files into batches of documents
//! (bounded channel, so reading overlaps parsing and memory stays bounded by the
//! batch size); the pages of a batch are parsed in parallel; posts are deduplicated
//! by `post_id` — in memory for inputs up to `memory_budget`, else after hash
//! partitioning them to spill files, one partition in memory at a time; then the
//! posts are analysed in parallel chunks and written as Parquet, encoded and
//! compressed on a writer thread of their own so that it overlaps the analysis of the
//! next chunk (with `threads == 1` the main thread writes: one thread, one core).
//! Every per-record step is guarded: a panic becomes a `rejects` row, never an abort.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufWriter, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Instant;

use rayon::prelude::*;

use crate::analyze::{analyze, AnalyzeOptions};
use crate::dataset::{DatasetWriter, WriteOptions, WriterThread};
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Analysis, Document, Post, Reject};
use crate::posts::{self, Merger, ParseOptions};
use crate::read::{self, InputFile, ReadEvent, ReadOptions};
use crate::table;

/// Progress of a run, for a progress bar.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    /// `read` (reading and parsing pages) or `analyze` (extracting and writing).
    pub phase: &'static str,
    /// Work done in this phase (bytes for `read`, posts for `analyze`).
    pub done: u64,
    /// Total work of this phase.
    pub total: u64,
}

/// A progress callback.
pub type ProgressFn = Arc<dyn Fn(&Progress) + Send + Sync>;

/// Options of a run.
#[derive(Clone)]
pub struct RunOptions {
    /// Reading options (format, limits).
    pub read: ReadOptions,
    /// Page parsing options.
    pub parse: ParseOptions,
    /// Extraction options.
    pub analyze: AnalyzeOptions,
    /// Parquet options.
    pub write: WriteOptions,
    /// Worker threads; 0 uses every core (or `NKECON_THREADS` when set).
    pub threads: usize,
    /// Documents are handed to the parser in batches of about this many bytes.
    pub batch_bytes: usize,
    /// Posts are analysed and written in chunks of this many.
    pub chunk_posts: usize,
    /// Inputs larger than this (bytes on disk, compressed inputs counted 5×; 256 MiB by
    /// default) are deduplicated in hash partitions of a quarter of it, spilled to disk
    /// and processed one at a time, so that memory stays flat whatever the input size.
    pub memory_budget: u64,
    /// Floor mode: read, split into posts and write posts and rejects only (no extraction).
    pub floor: bool,
    /// Called as work progresses.
    pub progress: Option<ProgressFn>,
    /// Set to true to stop the run; it then fails with `Interrupted` and leaves `out` untouched.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            read: ReadOptions::default(),
            parse: ParseOptions::default(),
            analyze: AnalyzeOptions::default(),
            write: WriteOptions::default(),
            threads: 0,
            batch_bytes: 8 << 20,
            chunk_posts: 2048,
            memory_budget: 256 << 20,
            floor: false,
            progress: None,
            cancel: None,
        }
    }
}

impl std::fmt::Debug for RunOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunOptions")
            .field("read", &self.read)
            .field("threads", &self.threads)
            .field("batch_bytes", &self.batch_bytes)
            .field("memory_budget", &self.memory_budget)
            .field("floor", &self.floor)
            .finish_non_exhaustive()
    }
}

/// What a run did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    /// Input files read.
    pub files: usize,
    /// Bytes read from disk.
    pub bytes: u64,
    /// Documents (pages, records) read.
    pub documents: usize,
    /// Rows written per table.
    pub counts: BTreeMap<String, usize>,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Worker threads used.
    pub threads: usize,
}

impl Summary {
    /// Input megabytes (10^6 bytes) per second.
    pub fn mb_per_s(&self) -> f64 {
        if self.seconds > 0.0 {
            self.bytes as f64 / 1e6 / self.seconds
        } else {
            0.0
        }
    }
}

fn threads_of(n: usize) -> usize {
    if n > 0 {
        return n;
    }
    std::env::var("NKECON_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
}

/// Runs `f` inside a rayon pool of `threads` threads (0: all cores).
pub fn with_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> Result<T> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads_of(threads))
        .build()
        .map_err(Error::arrow)?;
    Ok(pool.install(f))
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

/// Parses one page, turning a panic into a reject.
pub fn parse_guarded(doc: &Document, opts: &ParseOptions) -> (Vec<Post>, Vec<Reject>) {
    match catch_unwind(AssertUnwindSafe(|| posts::parse_page(doc, opts))) {
        Ok(r) => r,
        Err(p) => (
            Vec::new(),
            vec![Reject::new(
                doc.source.clone(),
                "parse_posts",
                "panic",
                Some(panic_text(p.as_ref())),
            )],
        ),
    }
}

/// Analyses one post, turning a panic into a reject (and an empty analysis).
pub fn analyze_guarded(post: &Post, opts: &AnalyzeOptions) -> (Analysis, Option<Reject>) {
    match catch_unwind(AssertUnwindSafe(|| analyze(post, opts))) {
        Ok(a) => (a, None),
        Err(p) => {
            let src = post
                .seen_in
                .first()
                .cloned()
                .unwrap_or_else(|| post.post_id.clone());
            (
                Analysis::default(),
                Some(Reject::new(
                    src,
                    "analyze",
                    "panic",
                    Some(format!("post {}: {}", post.post_id, panic_text(p.as_ref()))),
                )),
            )
        }
    }
}

/// Notes for posts kept without a title or a date (stage `parse_posts`, reason
/// `no_title` or `no_date`): the post is in `posts`, and `rejects` says what it lacks.
pub fn notes_of(posts: &[Post]) -> Vec<Reject> {
    let mut notes = Vec::new();
    for p in posts {
        let source = p.seen_in.first().cloned().unwrap_or_default();
        if p.title.trim().is_empty() {
            notes.push(Reject::new(
                source.clone(),
                "parse_posts",
                "no_title",
                Some(format!("post {} kept without a title", p.post_id)),
            ));
        }
        if p.published.is_none() {
            notes.push(Reject::new(
                source,
                "parse_posts",
                "no_date",
                Some(format!("post {} kept without a date", p.post_id)),
            ));
        }
    }
    notes
}

/// Parses documents into distinct posts, in parallel (order-preserving).
pub fn parse_documents(docs: &[Document], opts: &ParseOptions) -> (Vec<Post>, Vec<Reject>) {
    let parsed: Vec<(Vec<Post>, Vec<Reject>)> =
        docs.par_iter().map(|d| parse_guarded(d, opts)).collect();
    let mut merger = Merger::default();
    let mut rejects = Vec::new();
    for (ps, rs) in parsed {
        ps.into_iter().for_each(|p| merger.add(p));
        rejects.extend(rs);
    }
    (merger.into_posts(), rejects)
}

/// Analyses posts in parallel (order-preserving).
pub fn analyze_posts(posts: &[Post], opts: &AnalyzeOptions) -> (Vec<Analysis>, Vec<Reject>) {
    let done: Vec<(Analysis, Option<Reject>)> =
        posts.par_iter().map(|p| analyze_guarded(p, opts)).collect();
    let mut rejects = Vec::new();
    let analyses = done
        .into_iter()
        .map(|(a, r)| {
            rejects.extend(r);
            a
        })
        .collect();
    (analyses, rejects)
}

struct Batch {
    docs: Vec<Document>,
    rejects: Vec<Reject>,
    bytes: u64,
}

/// Where deduplication happens: in memory, or in spilled hash partitions.
enum Dedupe {
    Memory(Merger),
    Spill {
        dir: std::path::PathBuf,
        files: Vec<BufWriter<std::fs::File>>,
    },
}

fn partition_of(post_id: &str, n: usize) -> usize {
    (xxhash_rust::xxh3::xxh3_64(post_id.as_bytes()) % n as u64) as usize
}

fn check(cancel: &Option<Arc<AtomicBool>>) -> Result<()> {
    match cancel {
        Some(c) if c.load(Ordering::Relaxed) => Err(Error::new(ErrorKind::Interrupted)),
        _ => Ok(()),
    }
}

/// Runs the whole pipeline over `inputs` and writes the dataset to `out`.
///
/// # Examples
/// ```no_run
/// let s = nkecon::pipeline::run(&["archive/".into()], "dataset".as_ref(), &Default::default()).unwrap();
/// println!("{:?}", s.counts);
/// ```
pub fn run(inputs: &[String], out: &Path, opts: &RunOptions) -> Result<Summary> {
    let started = Instant::now();
    // freed chunk buffers are reused, not returned to the OS and zeroed again
    let _hold = crate::alloc::Hold::new();
    let threads = threads_of(opts.threads);
    let (files, expand_rejects) = read::expand(inputs, &opts.read)?;
    let total_bytes: u64 = files.iter().map(|f| f.size).sum();
    let weighted: u64 = files
        .iter()
        .map(|f| {
            if is_compressed(f) {
                f.size.saturating_mul(5)
            } else {
                f.size
            }
        })
        .sum();
    let mut writer = DatasetWriter::create(out, opts.write.clone())?;
    for t in ["posts", "rejects"] {
        writer.declare(t)?;
    }
    if !opts.floor {
        for t in ["figures", "claims", "trade"] {
            writer.declare(t)?;
        }
    }
    writer.write("rejects", &table::rejects_batch(&expand_rejects)?)?;
    let spill_dir = writer.tmp_dir().join("_spill");

    let partitions = if weighted > opts.memory_budget {
        // partitions of a quarter of the budget: one is in memory at a time, with
        // its posts, their analysis and the writer's buffers
        weighted.div_ceil((opts.memory_budget / 4).max(1)).max(2) as usize
    } else {
        1
    };
    let mut dedupe = if partitions == 1 {
        Dedupe::Memory(Merger::default())
    } else {
        let dir = spill_dir;
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(dir.to_string_lossy(), e))?;
        let mut files = Vec::with_capacity(partitions);
        for i in 0..partitions {
            let p = dir.join(format!("{i:05}.jsonl"));
            let f = std::fs::File::create(&p).map_err(|e| Error::io(p.to_string_lossy(), e))?;
            files.push(BufWriter::with_capacity(1 << 20, f));
        }
        Dedupe::Spill { dir, files }
    };

    // Parquet encoding and compression run on a thread of their own, overlapping the
    // work (a single-threaded run writes from the main thread).
    let mut writer = if threads > 1 {
        WriterThread::spawn(writer, 6)?
    } else {
        WriterThread::inline(writer)
    };

    // Phase 1: read (a reader thread, small files in parallel on the pool) and
    // parse (the pool), streaming through a bounded channel.
    let pool = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(Error::arrow)?,
    );
    let (tx, rx) = mpsc::sync_channel::<Batch>(2);
    let read_opts = opts.read.clone();
    let batch_bytes = opts.batch_bytes;
    let cancel = opts.cancel.clone();
    let read_pool = pool.clone();
    let reader = std::thread::Builder::new()
        .name("nkecon-read".into())
        .spawn(move || produce(files, &read_opts, batch_bytes, tx, cancel, read_pool))
        .map_err(|e| Error::io("thread", e))?;

    let mut documents = 0usize;
    let mut done_bytes = 0u64;
    let mut seq = 0u64;
    for batch in rx.iter() {
        check(&opts.cancel)?;
        documents += batch.docs.len();
        done_bytes += batch.bytes;
        writer.write("rejects", table::rejects_batch(&batch.rejects)?)?;
        let parsed: Vec<(Vec<Post>, Vec<Reject>)> = pool.install(|| {
            batch
                .docs
                .par_iter()
                .map(|d| parse_guarded(d, &opts.parse))
                .collect()
        });
        let mut rejects = Vec::new();
        match &mut dedupe {
            Dedupe::Memory(m) => {
                for (ps, rs) in parsed {
                    ps.into_iter().for_each(|p| m.add(p));
                    rejects.extend(rs);
                }
            }
            Dedupe::Spill { files, .. } => {
                let n = files.len();
                let lines: Vec<(usize, Vec<u8>)> = pool.install(|| {
                    let flat: Vec<(u64, Post)> = parsed
                        .into_iter()
                        .flat_map(|(ps, rs)| {
                            rejects.extend(rs);
                            ps
                        })
                        .map(|p| {
                            seq += 1;
                            (seq, p)
                        })
                        .collect();
                    flat.into_par_iter()
                        .map(|sp| {
                            let part = partition_of(&sp.1.post_id, n);
                            let mut line = serde_json::to_vec(&sp).unwrap_or_default();
                            line.push(b'\n');
                            (part, line)
                        })
                        .collect()
                });
                for (part, line) in lines {
                    files[part]
                        .write_all(&line)
                        .map_err(|e| Error::io("spill", e))?;
                }
            }
        }
        writer.write("rejects", table::rejects_batch(&rejects)?)?;
        if let Some(p) = &opts.progress {
            p(&Progress {
                phase: "read",
                done: done_bytes,
                total: total_bytes,
            });
        }
    }
    let infos = reader
        .join()
        .map_err(|_| Error::arrow("reader thread panicked"))??;
    check(&opts.cancel)?;

    // Phase 2: analyse and write, one partition at a time.
    match dedupe {
        Dedupe::Memory(m) => {
            let posts = m.into_posts();
            let total = posts.len() as u64;
            write_posts(&pool, posts, &mut writer, opts, 0, total)?;
        }
        Dedupe::Spill { dir, files } => {
            let mut paths = Vec::new();
            for (i, mut f) in files.into_iter().enumerate() {
                f.flush().map_err(|e| Error::io("spill", e))?;
                paths.push(dir.join(format!("{i:05}.jsonl")));
            }
            let mut done = 0u64;
            for p in &paths {
                check(&opts.cancel)?;
                let posts = load_partition(p)?;
                let n = posts.len() as u64;
                write_posts(&pool, posts, &mut writer, opts, done, 0)?;
                done += n;
                let _ = std::fs::remove_file(p);
            }
            let _ = std::fs::remove_dir_all(&dir);
        }
    }

    // every batch written (the writer thread drained) before the clock stops
    let writer = writer.finish()?;
    let seconds = started.elapsed().as_secs_f64();
    let manifest = Manifest {
        version: env!("CARGO_PKG_VERSION"),
        created_by: concat!("nkecon ", env!("CARGO_PKG_VERSION")),
        floor: opts.floor,
        inputs: Inputs(&infos),
        documents,
        seconds,
        threads,
    };
    let counts = writer.finish(&manifest)?;
    Ok(Summary {
        files: infos.len(),
        bytes: total_bytes,
        documents,
        counts,
        seconds,
        threads,
    })
}

/// The run's part of `_manifest.json` (the writer adds `counts` and `files`).
#[derive(serde::Serialize)]
struct Manifest<'a> {
    version: &'static str,
    created_by: &'static str,
    floor: bool,
    inputs: Inputs<'a>,
    documents: usize,
    seconds: f64,
    threads: usize,
}

/// Every input file with its size, bytes read and hash, serialized one at a time.
struct Inputs<'a>(&'a [(InputFile, read::FileInfo)]);

impl serde::Serialize for Inputs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Input<'a> {
            path: String,
            size: u64,
            bytes_read: u64,
            xxh3: &'a str,
        }
        s.collect_seq(self.0.iter().map(|(f, i)| Input {
            path: f.source(),
            size: f.size,
            bytes_read: i.bytes,
            xxh3: &i.xxh3,
        }))
    }
}

fn is_compressed(f: &InputFile) -> bool {
    let n = f.path.to_string_lossy().to_lowercase();
    n.ends_with(".gz") || n.ends_with(".zst") || n.ends_with(".zstd") || n.ends_with(".gzip")
}

/// Hands documents to the parser in batches of about `batch_bytes` of text.
struct Batcher {
    batch: Batch,
    text_bytes: usize,
    batch_bytes: usize,
    tx: mpsc::SyncSender<Batch>,
    /// The receiver is gone (the run failed or was cancelled).
    stopped: bool,
}

impl Batcher {
    fn push(&mut self, ev: ReadEvent) {
        match ev {
            ReadEvent::Doc(d) => {
                self.text_bytes += d.text.len();
                self.batch.docs.push(d);
            }
            ReadEvent::Reject(r) => self.batch.rejects.push(r),
        }
        // a multi-record file (a WARC of gigabytes) is handed over in batches
        // as it is read, never held whole
        self.send_if_full();
    }

    fn send_if_full(&mut self) {
        if self.text_bytes >= self.batch_bytes && !self.stopped {
            self.send();
        }
    }

    fn send(&mut self) {
        let full = std::mem::replace(
            &mut self.batch,
            Batch {
                docs: Vec::new(),
                rejects: Vec::new(),
                bytes: 0,
            },
        );
        self.text_bytes = 0;
        self.stopped = self.tx.send(full).is_err();
    }
}

/// Most small files read together in parallel.
const READ_GROUP: usize = 64;

fn produce(
    files: Vec<InputFile>,
    opts: &ReadOptions,
    batch_bytes: usize,
    tx: mpsc::SyncSender<Batch>,
    cancel: Option<Arc<AtomicBool>>,
    pool: Arc<rayon::ThreadPool>,
) -> Result<Vec<(InputFile, read::FileInfo)>> {
    let mut infos = Vec::with_capacity(files.len());
    let mut out = Batcher {
        batch: Batch {
            docs: Vec::new(),
            rejects: Vec::new(),
            bytes: 0,
        },
        text_bytes: 0,
        batch_bytes,
        tx,
        stopped: false,
    };
    let mut i = 0;
    while i < files.len() {
        if cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed)) || out.stopped {
            break;
        }
        // Small files (the common case: one page a file) are read in parallel in
        // groups, keeping their order; a large file streams on its own.
        let mut j = i;
        let mut group_bytes = 0u64;
        while j < files.len() && j - i < READ_GROUP {
            let size = files[j].size;
            if j > i && (group_bytes + size > batch_bytes as u64 || size > (1 << 20)) {
                break;
            }
            group_bytes += size;
            j += 1;
            if size > (1 << 20) {
                break;
            }
        }
        if j - i == 1 {
            let f = &files[i];
            let info = read::read_file(f, opts, &mut |ev| out.push(ev));
            out.batch.bytes += f.size;
            infos.push((f.clone(), info));
        } else {
            let group = &files[i..j];
            let read: Vec<(Vec<ReadEvent>, read::FileInfo)> = pool.install(|| {
                group
                    .par_iter()
                    .map(|f| {
                        let mut events = Vec::new();
                        let info = read::read_file(f, opts, &mut |ev| events.push(ev));
                        (events, info)
                    })
                    .collect()
            });
            for (f, (events, info)) in group.iter().zip(read) {
                for ev in events {
                    out.push(ev);
                }
                out.batch.bytes += f.size;
                infos.push((f.clone(), info));
            }
        }
        out.send_if_full();
        i = j;
    }
    if !out.stopped
        && (!out.batch.docs.is_empty() || !out.batch.rejects.is_empty() || out.batch.bytes > 0)
    {
        out.send();
    }
    Ok(infos)
}

fn load_partition(path: &Path) -> Result<Vec<Post>> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path.to_string_lossy(), e))?;
    let mut merged: HashMap<String, (u64, Post)> = HashMap::new();
    for line in std::io::BufReader::with_capacity(1 << 20, f).lines() {
        let line = line.map_err(|e| Error::io(path.to_string_lossy(), e))?;
        let (seq, post): (u64, Post) = serde_json::from_str(&line).map_err(Error::arrow)?;
        match merged.get_mut(&post.post_id) {
            Some((_, p)) => posts::merge(p, post),
            None => {
                merged.insert(post.post_id.clone(), (seq, post));
            }
        }
    }
    let mut v: Vec<(u64, Post)> = merged.into_values().collect();
    v.sort_by_key(|(s, _)| *s);
    Ok(v.into_iter().map(|(_, p)| p).collect())
}

/// Analyses and writes `posts` chunk by chunk, dropping each chunk once its tables
/// are built: the memory of the posts already written is reused by the chunks after
/// them instead of growing the heap (fresh pages cost a kernel zeroing each).
fn write_posts(
    pool: &rayon::ThreadPool,
    posts: Vec<Post>,
    writer: &mut WriterThread,
    opts: &RunOptions,
    done_before: u64,
    total: u64,
) -> Result<()> {
    let chunk = opts.chunk_posts.max(1);
    let mut done = done_before;
    let mut rest = posts.into_iter();
    loop {
        let owned: Vec<Post> = rest.by_ref().take(chunk).collect();
        if owned.is_empty() {
            break;
        }
        let part = &owned[..];
        check(&opts.cancel)?;
        if opts.floor {
            let (posts_batch, notes) = pool.install(|| {
                rayon::join(
                    || table::posts_batch(part),
                    || table::rejects_batch(&notes_of(part)),
                )
            });
            writer.write("posts", posts_batch?)?;
            writer.write("rejects", notes?)?;
        } else {
            // The posts batch is built while the posts are analysed; then the
            // extraction tables are built in parallel.
            // The char maps of the bodies are built once for the posts, figures
            // and claims tables.
            let ((posts_batch, notes, maps), (analyses, rejects)) = pool.install(|| {
                rayon::join(
                    || {
                        let maps = table::char_maps(part);
                        (
                            table::posts_batch_with(part, &maps),
                            table::rejects_batch(&notes_of(part)),
                            maps,
                        )
                    },
                    || analyze_posts(part, &opts.analyze),
                )
            });
            writer.write("posts", posts_batch?)?;
            writer.write("rejects", notes?)?;
            let items: Vec<(&Post, &Analysis)> = part.iter().zip(analyses.iter()).collect();
            let (f, (c, t)) = pool.install(|| {
                rayon::join(
                    || table::figures_batch_with(&items, &maps),
                    || {
                        rayon::join(
                            || table::claims_batch_with(&items, &maps),
                            || table::trade_batch(&items),
                        )
                    },
                )
            });
            writer.write("figures", f?)?;
            writer.write("claims", c?)?;
            writer.write("trade", t?)?;
            writer.write("rejects", table::rejects_batch(&rejects)?)?;
        }
        done += part.len() as u64;
        if let Some(p) = &opts.progress {
            p(&Progress {
                phase: "analyze",
                done,
                total: total.max(done),
            });
        }
    }
    Ok(())
}

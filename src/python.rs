//! The Python binding (feature `python`): the only module that knows about pyo3.
//!
//! Every heavy call goes through [`enter`], which releases the GIL, runs the work
//! on a worker thread inside a rayon pool, polls for Ctrl-C, turns panics into
//! exceptions and maps core errors onto the `nkecon.NkeconError` tree.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::{PySchema, PyTable};

use crate::analyze::{AnalyzeOptions, BaseCache};
use crate::error::{Error, ErrorKind};
use crate::model::{Analysis, Post, Reject};
use crate::pipeline::{self, RunOptions};
use crate::read::{self as reader, ReadOptions};
use crate::table::{self, CharMap};

/// Maps a core error onto the exception tree defined in `nkecon/_errors.py`.
fn to_py(py: Python<'_>, e: Error) -> PyErr {
    let class = match e.kind() {
        ErrorKind::NotFound { .. } => "NkeconFileNotFoundError",
        ErrorKind::Io { .. } => "NkeconIOError",
        ErrorKind::InvalidOption { .. } => "NkeconOptionError",
        ErrorKind::Schema { .. } => "NkeconSchemaError",
        ErrorKind::Interrupted => "NkeconInterrupted",
        _ => "NkeconError",
    };
    let msg = e.to_string();
    match py.import("nkecon._errors").and_then(|m| m.getattr(class)) {
        Ok(cls) => match cls.call1((msg.clone(),)) {
            Ok(inst) => PyErr::from_value(inst),
            Err(err) => err,
        },
        Err(_) => PyRuntimeError::new_err(msg),
    }
}

enum Outcome<T> {
    Done(Result<T, Error>),
    Panicked(String),
}

/// Runs `f` without the GIL on a worker thread (inside a rayon pool of `threads`
/// threads), checking for Ctrl-C every 50 ms; a KeyboardInterrupt sets the cancel
/// flag, waits for the worker to stop and is re-raised. A panic becomes a
/// `NkeconError`, never an abort.
fn enter<T: Send>(
    py: Python<'_>,
    threads: usize,
    f: impl FnOnce(Arc<AtomicBool>) -> Result<T, Error> + Send,
) -> PyResult<T> {
    let cancel = Arc::new(AtomicBool::new(false));
    let (tx, rx) = std::sync::mpsc::channel::<Outcome<T>>();
    std::thread::scope(|scope| {
        let c = cancel.clone();
        scope.spawn(move || {
            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let _hold = crate::alloc::Hold::new();
                pipeline::with_pool(threads, move || f(c)).and_then(|r| r)
            }));
            let _ = tx.send(match out {
                Ok(r) => Outcome::Done(r),
                Err(p) => Outcome::Panicked(
                    p.downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| p.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "panic".into()),
                ),
            });
        });
        let mut interrupted: Option<PyErr> = None;
        let mut rx = rx;
        loop {
            let (got, back) = py.detach(move || {
                let got = rx.recv_timeout(Duration::from_millis(50));
                (got, rx)
            });
            rx = back;
            match got {
                Ok(Outcome::Done(r)) => {
                    if let Some(err) = interrupted {
                        return Err(err);
                    }
                    return r.map_err(|e| to_py(py, e));
                }
                Ok(Outcome::Panicked(msg)) => {
                    return Err(to_py(
                        py,
                        Error::arrow(format!("internal error (please report): {msg}")),
                    ));
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    if interrupted.is_none() {
                        if let Err(err) = py.check_signals() {
                            cancel.store(true, Ordering::Relaxed);
                            interrupted = Some(err);
                        }
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(PyRuntimeError::new_err(
                        "nkecon worker stopped without a result",
                    ));
                }
            }
        }
    })
}

fn table_out(py: Python<'_>, batches: Vec<RecordBatch>, schema: SchemaRef) -> PyResult<Py<PyAny>> {
    let t = PyTable::try_new(batches, schema)?;
    Ok(t.into_pyarrow(py)?.unbind())
}

fn batches_in(data: AnyRecordBatch) -> PyResult<Vec<RecordBatch>> {
    let reader = data.into_reader()?;
    let mut out = Vec::new();
    for b in reader {
        out.push(b.map_err(|e| PyRuntimeError::new_err(e.to_string()))?);
    }
    Ok(out)
}

fn attach_rejects(
    py: Python<'_>,
    main: Py<PyAny>,
    rejects: &[Reject],
    want: bool,
    what: &str,
) -> PyResult<Py<PyAny>> {
    let rb = table::rejects_batch(rejects).map_err(|e| to_py(py, e))?;
    if want {
        let r = table_out(
            py,
            vec![rb],
            table::schema("rejects").map_err(|e| to_py(py, e))?,
        )?;
        return Ok((main, r).into_pyobject(py)?.into_any().unbind());
    }
    if !rejects.is_empty() {
        let warnings = py.import("warnings")?;
        let msg = format!(
            "{what}: {} input(s) rejected (first: {} — {}); pass with_rejects=True to get them as a table",
            rejects.len(),
            rejects[0].source,
            rejects[0].reason
        );
        let cat = py
            .import("nkecon._errors")?
            .getattr("NkeconRejectWarning")?;
        warnings.call_method1("warn", (msg, cat, 2))?;
    }
    Ok(main)
}

/// read(inputs, format="auto", *, with_rejects=False)
#[pyfunction]
#[pyo3(signature = (inputs, format = "auto", *, with_rejects = false, threads = 0))]
fn read(
    py: Python<'_>,
    inputs: Vec<String>,
    format: &str,
    with_rejects: bool,
    threads: usize,
) -> PyResult<Py<PyAny>> {
    let opts = ReadOptions {
        format: format.parse().map_err(|e| to_py(py, e))?,
        ..Default::default()
    };
    let (docs, rejects) = enter(py, threads, move |_| {
        let (docs, rejects) = reader::read_all(&inputs, &opts)?;
        Ok((table::documents_batch(&docs)?, rejects))
    })?;
    let t = table_out(
        py,
        vec![docs],
        table::schema("documents").map_err(|e| to_py(py, e))?,
    )?;
    attach_rejects(py, t, &rejects, with_rejects, "read")
}

/// parse_posts(documents, *, with_rejects=False, threads=0)
#[pyfunction]
#[pyo3(signature = (documents, *, with_rejects = false, threads = 0))]
fn parse_posts(
    py: Python<'_>,
    documents: AnyRecordBatch,
    with_rejects: bool,
    threads: usize,
) -> PyResult<Py<PyAny>> {
    let batches = batches_in(documents)?;
    let (posts, rejects) = enter(py, threads, move |_| {
        use rayon::prelude::*;
        // conversions in and out in parallel slices, as in the extraction stages
        let slices = slices_of(&batches);
        let parts = slices
            .par_iter()
            .map(table::documents_from_batch)
            .collect::<Result<Vec<_>, Error>>()?;
        let docs: Vec<_> = parts.into_iter().flatten().collect();
        let (posts, rejects) = pipeline::parse_documents(&docs, &Default::default());
        let out = posts
            .par_chunks(STAGE_ROWS)
            .map(table::posts_batch)
            .collect::<Result<Vec<_>, Error>>()?;
        Ok((out, rejects))
    })?;
    let t = table_out(py, posts, table::schema("posts").map_err(|e| to_py(py, e))?)?;
    attach_rejects(py, t, &rejects, with_rejects, "parse_posts")
}

/// Sentences and figures kept between the stage calls of a session (512 MiB at most),
/// so that `extract_figures`, `extract_claims` and `build_trade` on the same posts
/// compute them once.
fn base_cache() -> Arc<BaseCache> {
    static CACHE: std::sync::OnceLock<Arc<BaseCache>> = std::sync::OnceLock::new();
    CACHE
        .get_or_init(|| Arc::new(BaseCache::new(512 << 20)))
        .clone()
}

type Builder = fn(&[(&Post, &Analysis)]) -> Result<RecordBatch, Error>;

/// Rows per slice of a stage call (converted, analysed and built in parallel).
const STAGE_ROWS: usize = 1024;

/// The input batches cut into zero-copy slices of at most `STAGE_ROWS` rows, in order.
fn slices_of(batches: &[RecordBatch]) -> Vec<RecordBatch> {
    batches
        .iter()
        .flat_map(|b| {
            (0..b.num_rows())
                .step_by(STAGE_ROWS)
                .map(move |o| b.slice(o, STAGE_ROWS.min(b.num_rows() - o)))
        })
        .collect()
}

fn stage(
    py: Python<'_>,
    posts: AnyRecordBatch,
    threads: usize,
    name: &'static str,
    build: Builder,
) -> PyResult<Py<PyAny>> {
    let batches = batches_in(posts)?;
    let (out, rejects) = enter(py, threads, move |_| {
        let mut out = Vec::new();
        let mut rejects = Vec::new();
        let opts = AnalyzeOptions {
            cache: Some(base_cache()),
            ..AnalyzeOptions::for_table(name)
        };
        // Slices of STAGE_ROWS posts, each converted, analysed and built into its
        // output batch in parallel (the conversions in and out are per slice too).
        let slices = slices_of(&batches);
        let done: Vec<Result<(RecordBatch, Vec<Reject>), Error>> = {
            use rayon::prelude::*;
            slices
                .par_iter()
                .map(|b| {
                    let posts = table::posts_from_batch(b)?;
                    let (analyses, r) = pipeline::analyze_posts(&posts, &opts);
                    let items: Vec<(&Post, &Analysis)> =
                        posts.iter().zip(analyses.iter()).collect();
                    Ok((build(&items)?, r))
                })
                .collect()
        };
        for d in done {
            let (batch, r) = d?;
            out.push(batch);
            rejects.extend(r);
        }
        if let Some(c) = &opts.cache {
            c.call_done();
        }
        Ok((out, rejects))
    })?;
    let t = table_out(py, out, table::schema(name).map_err(|e| to_py(py, e))?)?;
    // A post whose extraction failed is reported, never dropped silently.
    attach_rejects(py, t, &rejects, false, name)
}

/// extract_figures(posts, *, threads=0)
#[pyfunction]
#[pyo3(signature = (posts, *, threads = 0))]
fn extract_figures(py: Python<'_>, posts: AnyRecordBatch, threads: usize) -> PyResult<Py<PyAny>> {
    stage(py, posts, threads, "figures", table::figures_batch)
}

/// extract_claims(posts, *, threads=0)
#[pyfunction]
#[pyo3(signature = (posts, *, threads = 0))]
fn extract_claims(py: Python<'_>, posts: AnyRecordBatch, threads: usize) -> PyResult<Py<PyAny>> {
    stage(py, posts, threads, "claims", table::claims_batch)
}

/// build_trade(posts, *, threads=0)
#[pyfunction]
#[pyo3(signature = (posts, *, threads = 0))]
fn build_trade(py: Python<'_>, posts: AnyRecordBatch, threads: usize) -> PyResult<Py<PyAny>> {
    stage(py, posts, threads, "trade", table::trade_batch)
}

/// run(inputs, out, *, format="auto", threads=0, floor=False, progress=False)
#[pyfunction]
#[pyo3(signature = (inputs, out, *, format = "auto", threads = 0, floor = false, progress = false))]
fn run(
    py: Python<'_>,
    inputs: Vec<String>,
    out: std::path::PathBuf,
    format: &str,
    threads: usize,
    floor: bool,
    progress: bool,
) -> PyResult<Py<PyAny>> {
    let mut opts = RunOptions {
        threads,
        floor,
        ..Default::default()
    };
    opts.read.format = format.parse().map_err(|e| to_py(py, e))?;
    if progress {
        opts.progress = crate::cli::progress_bar();
    }
    let summary = enter(py, threads, move |cancel| {
        opts.cancel = Some(cancel);
        pipeline::run(&inputs, &out, &opts)
    })?;
    let d = PyDict::new(py);
    d.set_item("files", summary.files)?;
    d.set_item("bytes", summary.bytes)?;
    d.set_item("documents", summary.documents)?;
    d.set_item("seconds", summary.seconds)?;
    d.set_item("mb_per_s", summary.mb_per_s())?;
    d.set_item("threads", summary.threads)?;
    let counts = PyDict::new(py);
    for (k, v) in &summary.counts {
        counts.set_item(k, v)?;
    }
    d.set_item("counts", counts)?;
    Ok(d.into_any().unbind())
}

/// find_figures(text) -> list[dict]
#[pyfunction]
fn find_figures(py: Python<'_>, text: &str) -> PyResult<Py<PyAny>> {
    let figs = py.detach(|| {
        std::panic::catch_unwind(|| crate::figures::extract(text, &Default::default()))
            .map_err(|_| "figure extraction panicked")
    });
    let figs = figs.map_err(|m| to_py(py, Error::arrow(m)))?;
    let map = CharMap::new(text);
    let list = PyList::empty(py);
    for f in figs {
        let d = PyDict::new(py);
        d.set_item("start", map.to_char(f.start))?;
        d.set_item("end", map.to_char(f.end))?;
        d.set_item("text", text.get(f.start..f.end).unwrap_or(""))?;
        d.set_item("kind", f.kind.as_str())?;
        d.set_item("value", f.value)?;
        d.set_item("low", f.low)?;
        d.set_item("high", f.high)?;
        d.set_item("unit", f.unit)?;
        d.set_item("approx", f.approx.as_str())?;
        d.set_item("value_usd", f.value_usd)?;
        list.append(d)?;
    }
    Ok(list.into_any().unbind())
}

/// schema(name) -> pyarrow.Schema
#[pyfunction]
fn schema(py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
    let s = table::schema(name).map_err(|e| to_py(py, e))?;
    Ok(PySchema::new(s).into_pyarrow(py)?.unbind())
}

/// cli_main(argv, default_inputs) -> int
#[pyfunction]
fn cli_main(py: Python<'_>, argv: Vec<String>, default_inputs: Vec<String>) -> PyResult<i32> {
    let code = enter(py, 0, move |cancel| {
        // The CLI path honours Ctrl-C through the same cancel flag.
        let _ = cancel;
        Ok(crate::cli::main_with(&argv, &default_inputs))
    })?;
    Ok(code)
}

/// The compiled core of nkecon.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEBUG_BUILD", cfg!(debug_assertions))?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(parse_posts, m)?)?;
    m.add_function(wrap_pyfunction!(extract_figures, m)?)?;
    m.add_function(wrap_pyfunction!(extract_claims, m)?)?;
    m.add_function(wrap_pyfunction!(build_trade, m)?)?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(find_figures, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(cli_main, m)?)?;
    Ok(())
}

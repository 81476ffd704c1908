//! # nkecon
//!
//! Turns archives of posts about North Korea's economy into analysis-ready Arrow
//! tables and Parquet datasets. The pipeline, in order:
//!
//! 1. [`read`] — files, folders, globs (plain, `.gz`, `.zst`) → [`model::Document`]s
//!    (the `documents` table), bad inputs → [`model::Reject`]s.
//! 2. [`posts`] — a page → its [`model::Post`]s; [`posts::Merger`] dedupes them by
//!    `post_id` across pages (the `posts` table).
//! 3. [`analyze`] — per post, once: [`sentences`], [`figures`], [`claims`] (with
//!    [`dates`] and the [`gazetteer`]) and [`trade`] → [`model::Analysis`].
//! 4. [`table`] — Arrow schemas and builders for every table, defined once.
//! 5. [`dataset`] — zstd Parquet, written atomically; [`pipeline`] streams it all
//!    with rayon and bounded memory.
//!
//! The Python binding (`python` feature) lives in `python.rs` and is the only
//! module that knows about pyo3.
#![deny(missing_docs)]

// The work allocates many small strings and vectors per sentence; mimalloc's
// thread-local free lists make that several times cheaper than glibc's malloc
// when both cores allocate at once.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod analyze;
pub mod claims;
pub mod cli;
pub mod dataset;
pub mod dates;
pub mod error;
pub mod figures;
pub mod gazetteer;
pub mod ids;
pub mod model;
pub mod pipeline;
pub mod posts;
pub mod read;
pub mod sentences;
pub mod table;
pub mod trade;

#[cfg(feature = "python")]
mod python;

pub use error::{Error, ErrorKind, Result};
pub use model::*;

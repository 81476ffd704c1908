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
static ALLOC: alloc::Mi = alloc::Mi;

mod alloc {
    use libmimalloc_sys as ffi;
    use std::alloc::{GlobalAlloc, Layout};
    use std::ffi::c_void;

    /// mimalloc, through its plain entry points whenever the alignment asked for is at
    /// most a word: every mimalloc block is word-aligned, and `mi_malloc` skips the
    /// alignment checks of `mi_malloc_aligned` (which the `mimalloc` crate calls for
    /// every allocation). Wider alignments (Arrow buffers) take the aligned calls.
    pub struct Mi;

    const WORD: usize = std::mem::size_of::<usize>();

    // SAFETY: each method forwards to the mimalloc function with the same contract;
    // blocks from mi_malloc/mi_realloc are aligned to at least a word, which covers
    // every layout sent there; mi_free releases blocks from either family.
    unsafe impl GlobalAlloc for Mi {
        #[inline]
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            if layout.align() <= WORD {
                ffi::mi_malloc(layout.size()) as *mut u8
            } else {
                ffi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }

        #[inline]
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            if layout.align() <= WORD {
                ffi::mi_zalloc(layout.size()) as *mut u8
            } else {
                ffi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }

        #[inline]
        unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
            ffi::mi_free(ptr as *mut c_void);
        }

        #[inline]
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            if layout.align() <= WORD {
                ffi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
            } else {
                ffi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
            }
        }
    }
}

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
#[cfg(test)]
mod test_rng;
pub mod trade;

#[cfg(feature = "python")]
mod python;

pub use error::{Error, ErrorKind, Result};
pub use model::*;

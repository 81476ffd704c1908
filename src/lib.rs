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

    /// `mi_option_purge_delay` in mimalloc v3's `mi_option_e` (`include/mimalloc.h`
    /// of the vendored sources; `libmimalloc-sys` has no constant for it). The
    /// `purge_delay_index` test pins it.
    const PURGE_DELAY: ffi::mi_option_t = 15;

    /// Purge delay while work runs: freed memory stays committed for a minute
    /// unless reused.
    const HOLD_DELAY_MS: std::os::raw::c_long = 60_000;

    /// Works in progress holding memory, and the purge delay to restore after them.
    static HOLDERS: std::sync::Mutex<(usize, std::os::raw::c_long)> = std::sync::Mutex::new((0, 0));

    /// Keeps freed memory committed while alive, then hands it back to the OS.
    ///
    /// A run allocates and frees its per-chunk buffers (analyses, Arrow builders,
    /// Parquet pages) over and over. With mimalloc's default purge delay (1 s) the
    /// freed memory is returned to the OS and faulted in again, and the kernel zeroes
    /// every page (transparent huge pages: 2 MiB at a time); that was ~10% of a run's
    /// CPU time. While a `Hold` lives the delay is a minute, so the memory is reused
    /// instead; when the last `Hold` drops, the delay is restored and the freed memory
    /// purged at once, so a notebook does not keep it. Holds nest and may overlap
    /// across threads.
    pub(crate) struct Hold(());

    impl Hold {
        /// Starts holding (see the type).
        pub(crate) fn new() -> Hold {
            let mut h = HOLDERS.lock().unwrap_or_else(|e| e.into_inner());
            if h.0 == 0 {
                // SAFETY: plain option accessors; HOLDERS serializes our calls.
                unsafe {
                    h.1 = ffi::mi_option_get(PURGE_DELAY);
                    if h.1 >= 0 {
                        ffi::mi_option_set(PURGE_DELAY, HOLD_DELAY_MS.max(h.1));
                    }
                }
            }
            h.0 += 1;
            Hold(())
        }
    }

    impl Drop for Hold {
        fn drop(&mut self) {
            let mut h = HOLDERS.lock().unwrap_or_else(|e| e.into_inner());
            h.0 -= 1;
            if h.0 == 0 && h.1 >= 0 {
                // SAFETY: as above; mi_collect(true) purges what was freed meanwhile.
                unsafe {
                    ffi::mi_option_set(PURGE_DELAY, h.1);
                    ffi::mi_collect(true);
                }
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn purge_delay_index() {
            // mimalloc v3 defaults: purge_delay 1000 ms, and its neighbours
            // (deprecated eager_commit_delay before it: 1; use_numa_nodes after: 0)
            // — a shifted index would read one of those instead.
            if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
                return;
            }
            // SAFETY: plain option getters.
            let (before, at, after) = when_idle(|| unsafe {
                (
                    ffi::mi_option_get(PURGE_DELAY - 1),
                    ffi::mi_option_get(PURGE_DELAY),
                    ffi::mi_option_get(PURGE_DELAY + 1),
                )
            });
            assert_eq!((before, at, after), (1, 1000, 0));
        }

        #[test]
        fn hold_raises_then_restores_the_delay() {
            if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
                return;
            }
            // SAFETY: plain option getter.
            let get = || unsafe { ffi::mi_option_get(PURGE_DELAY) };
            {
                let _a = Hold::new();
                let _b = Hold::new();
                assert_eq!(get(), HOLD_DELAY_MS);
                drop(_a);
                assert_eq!(get(), HOLD_DELAY_MS);
            }
            assert_eq!(when_idle(get), 1000);
        }

        /// Runs `f` once no other test holds memory, with new holds kept out.
        fn when_idle<T>(f: impl FnOnce() -> T) -> T {
            loop {
                let h = HOLDERS.lock().unwrap_or_else(|e| e.into_inner());
                if h.0 == 0 {
                    return f();
                }
                drop(h);
                std::thread::sleep(std::time::Duration::from_millis(5));
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
mod swar;
pub mod table;
#[cfg(test)]
mod test_rng;
pub mod trade;

#[cfg(feature = "python")]
mod python;

pub use error::{Error, ErrorKind, Result};
pub use model::*;

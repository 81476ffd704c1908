//! gzip and zstd inputs (seeded with compressed pages): truncation, corruption, bombs.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nkecon::read::Format;

fuzz_target!(|data: &[u8]| {
    let opts = nkecon_fuzz::small_limits(Format::Auto);
    let _ = nkecon_fuzz::read_bytes("page.txt.gz", data, &opts);
    let _ = nkecon_fuzz::read_bytes("pages.jsonl.zst", data, &opts);
});

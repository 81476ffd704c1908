//! The text reader, through `read_file`: sniffing, BOMs, UTF-16, invalid UTF-8, limits.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nkecon::read::Format;

fuzz_target!(|data: &[u8]| {
    let _ = nkecon_fuzz::read_bytes("page.txt", data, &nkecon_fuzz::small_limits(Format::Text));
    let _ = nkecon_fuzz::read_bytes("page", data, &nkecon_fuzz::small_limits(Format::Auto));
});

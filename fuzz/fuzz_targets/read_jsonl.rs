//! The JSON-lines reader: records, bad JSON, long lines, invalid UTF-8.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nkecon::read::Format;

fuzz_target!(|data: &[u8]| {
    let (docs, rejects) = nkecon_fuzz::read_bytes(
        "pages.jsonl",
        data,
        &nkecon_fuzz::small_limits(Format::Auto),
    );
    // Every non-blank line is a record: it becomes a document or a reject.
    let lines = data
        .split(|b| *b == b'\n')
        .filter(|l| !l.trim_ascii().is_empty())
        .count();
    assert!(docs.len() + rejects.len() >= lines.min(1) || lines == 0);
});

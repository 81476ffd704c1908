//! Figure extraction: spans on char boundaries and in order, low <= high.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nkecon::figures::{extract, FigureOptions};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for f in extract(&text, &FigureOptions::default()) {
        assert!(f.start < f.end && f.end <= text.len(), "{f:?}");
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        assert!(!(f.low > f.high), "{f:?}");
    }
});

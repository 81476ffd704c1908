//! Page parsing: any text gives posts with valid spans, or a `no_post` reject.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nkecon::model::Document;
use nkecon::posts::{parse_page, ParseOptions};

fuzz_target!(|data: &[u8]| {
    // The first line may be a URL (single-post pages take their date from it).
    let text = nkecon::read::decode_text(data).text;
    let (url, page) = match text.split_once('\n') {
        Some((u, rest)) if u.starts_with("http") => (Some(u.to_string()), rest.to_string()),
        _ => (None, text.clone()),
    };
    let doc = Document {
        source: "fuzz.txt".into(),
        url,
        format: "text".into(),
        text: page,
    };
    let (posts, rejects) = parse_page(&doc, &ParseOptions::default());
    assert!(!posts.is_empty() || !rejects.is_empty());
    for p in &posts {
        nkecon_fuzz::check_post(p);
    }
    let _ = nkecon::table::posts_batch(&posts).expect("posts batch");
});

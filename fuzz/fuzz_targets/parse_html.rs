//! HTML pages (as saved, or as the WARC/wp-json/WXR readers hand them on): the DOM
//! builder, entities, nesting, and the post finder; spans valid, Arrow rows build.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nkecon::model::Document;
use nkecon::posts::{parse_page, ParseOptions};

fuzz_target!(|data: &[u8]| {
    let doc = Document {
        source: "fuzz.html".into(),
        url: Some("https://example.org/2020/03/some-post/".into()),
        format: "html".into(),
        text: nkecon::read::decode_text(data).text,
    };
    let (posts, rejects) = parse_page(&doc, &ParseOptions::default());
    assert!(!posts.is_empty() || !rejects.is_empty());
    for p in &posts {
        nkecon_fuzz::check_post(p);
    }
    let _ = nkecon::table::posts_batch(&posts).expect("posts batch");
});

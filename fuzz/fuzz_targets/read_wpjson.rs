//! The wpjson reader through `read_file` (file named `posts.json`), then page parsing of what it yields.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nkecon::posts::{parse_page, ParseOptions};
use nkecon::read::Format;

fuzz_target!(|data: &[u8]| {
    let (docs, _) =
        nkecon_fuzz::read_bytes("posts.json", data, &nkecon_fuzz::small_limits(Format::Auto));
    for d in &docs {
        let (posts, _) = parse_page(d, &ParseOptions::default());
        for p in &posts {
            nkecon_fuzz::check_post(p);
        }
    }
});

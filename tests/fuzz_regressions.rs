//! Inputs the fuzz targets (fuzz/) found crashing, minimised and rewritten as our own
//! bytes: each must now parse without a panic.

use nkecon::model::Document;
use nkecon::posts::{parse_page, ParseOptions};

fn html(text: &str) -> Document {
    Document {
        source: "regression.html".into(),
        url: Some("https://example.org/2020/03/a-post/".into()),
        format: "html".into(),
        text: text.into(),
    }
}

/// parse_html: a tag followed by a multi-byte character at byte 8 of the tag
/// (`rest[..9]` sliced inside the dash when testing for `<![CDATA[`).
#[test]
fn html_tag_then_multibyte_char_at_byte_eight() {
    for text in [
        "<p>abcde\u{2013}</p>",
        "<p>China\u{2013}North trade</p>",
        "<b>x\u{00e9}\u{00e9}",
    ] {
        let (posts, rejects) = parse_page(&html(text), &ParseOptions::default());
        assert!(posts.len() + rejects.len() >= 1, "{text}");
    }
}

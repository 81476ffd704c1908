//! Posts: cutting pages into posts and merging the copies of a post seen on many pages.

use crate::model::{Document, Post, Reject};

/// Options for page parsing.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {}

/// Parses one page (plain-text rendering) into its posts.
pub fn parse_page(doc: &Document, opts: &ParseOptions) -> (Vec<Post>, Vec<Reject>) {
    let _ = (doc, opts);
    (Vec::new(), Vec::new())
}

/// Paragraph spans of a body whose paragraphs are separated by blank lines, all in the author's voice.
pub fn paragraphs_of(body: &str) -> Vec<crate::model::Paragraph> {
    let mut out = Vec::new();
    let mut pos = 0;
    for chunk in body.split("\n\n") {
        let start = pos + (chunk.len() - chunk.trim_start().len());
        let end = pos + chunk.trim_end().len();
        if end > start {
            out.push(crate::model::Paragraph {
                start,
                end,
                voice: crate::model::Voice::Author,
            });
        }
        pos += chunk.len() + 2;
    }
    out
}

/// Merges another copy of the same post (same `post_id`) into `into`.
pub fn merge(into: &mut Post, other: Post) {
    for s in other.seen_in {
        if !into.seen_in.contains(&s) {
            into.seen_in.push(s);
        }
    }
    for c in other.categories {
        if !into.categories.contains(&c) {
            into.categories.push(c);
        }
    }
    if other.body.len() > into.body.len() {
        into.body = other.body;
        into.paragraphs = other.paragraphs;
        into.words = other.words;
        if other.sources.len() >= into.sources.len() {
            into.sources = other.sources;
        }
    }
    if into.url.is_none() {
        into.url = other.url;
    }
    if into.author.is_none() {
        into.author = other.author;
    }
}

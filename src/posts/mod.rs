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

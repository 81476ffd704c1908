//! Date expressions resolved against a post's date.

use crate::model::{Date, DateMention};

/// Finds the date expressions in `text[start..end]` (byte offsets into `text`),
/// resolved against `anchor` (the post's publication date).
pub fn find(text: &str, start: usize, end: usize, anchor: Option<Date>) -> Vec<DateMention> {
    let _ = (text, start, end, anchor);
    Vec::new()
}

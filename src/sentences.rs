//! Sentence splitting that survives this prose (abbreviations, decimals, quotes, ellipses).

use crate::model::Sentence;

/// Splits `text` into sentences, in order, as byte spans. Whitespace between
/// sentences belongs to none; paragraph breaks (`\n\n`) always end a sentence.
pub fn split(text: &str) -> Vec<Sentence> {
    // Placeholder splitter: paragraph and ". " boundaries. Replaced by the claims work (issue 4).
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if start.is_none() {
            if !b.is_ascii_whitespace() {
                start = Some(i);
            }
        } else if b == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
            out.push(Sentence {
                start: start.unwrap_or(i),
                end: i,
            });
            start = None;
        } else if matches!(b, b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_some_and(|c| *c == b' ' || *c == b'\n')
        {
            out.push(Sentence {
                start: start.unwrap_or(i),
                end: i + 1,
            });
            start = None;
        }
        i += 1;
    }
    if let Some(s) = start {
        let end = text.trim_end().len();
        if end > s {
            out.push(Sentence { start: s, end });
        }
    }
    out
}

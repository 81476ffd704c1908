//! Claims: who said it, how sure, and when.

use crate::model::{Claim, Figure, Post, Sentence};

/// The claims of a post: one per sentence that carries a figure, an attributed
/// report or a hedge.
pub fn extract(post: &Post, sentences: &[Sentence], figures: &[Figure]) -> Vec<Claim> {
    let _ = (post, sentences, figures);
    Vec::new()
}

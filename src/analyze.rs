//! Per-post analysis: sentences, figures, claims and trade computed once and shared.

use crate::figures::{self, FigureOptions};
use crate::model::{Analysis, Post};
use crate::{claims, sentences, trade};

/// Options for the extraction stages.
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions {
    /// Figure extraction options.
    pub figures: FigureOptions,
}

/// Runs every extractor over one post. Serial and deterministic.
pub fn analyze(post: &Post, opts: &AnalyzeOptions) -> Analysis {
    let sentences = sentences::split(&post.body);
    let figures = figures::extract(&post.body, &opts.figures);
    let claims = claims::extract(post, &sentences, &figures);
    let trade = trade::build(post, &sentences, &figures);
    Analysis {
        sentences,
        figures,
        claims,
        trade,
    }
}

/// Index of the sentence containing byte offset `pos` (the last one starting at or before it).
pub fn sentence_of(sentences: &[crate::model::Sentence], pos: usize) -> usize {
    match sentences.binary_search_by(|s| s.start.cmp(&pos)) {
        Ok(i) => i,
        Err(0) => 0,
        Err(i) => i - 1,
    }
}

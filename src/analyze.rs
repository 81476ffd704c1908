//! Per-post analysis: sentences, figures, claims and trade computed once and shared.

use crate::figures::{self, FigureOptions};
use crate::model::{Analysis, Post};
use crate::{claims, sentences, trade};

/// Options for the extraction stages.
#[derive(Debug, Clone)]
pub struct AnalyzeOptions {
    /// Figure extraction options.
    pub figures: FigureOptions,
    /// Run the claims extractor (sentences and figures always run: the others need them).
    pub claims: bool,
    /// Run the trade extractor.
    pub trade: bool,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        AnalyzeOptions {
            figures: FigureOptions::default(),
            claims: true,
            trade: true,
        }
    }
}

impl AnalyzeOptions {
    /// Options that run only what one table needs (`figures`, `claims` or `trade`);
    /// any other name runs everything.
    pub fn for_table(table: &str) -> Self {
        AnalyzeOptions {
            figures: FigureOptions::default(),
            claims: table != "figures" && table != "trade",
            trade: table != "figures" && table != "claims",
        }
    }
}

/// Runs the extractors over one post: sentences and figures, then claims and
/// trade unless the options leave them out. Serial and deterministic.
pub fn analyze(post: &Post, opts: &AnalyzeOptions) -> Analysis {
    let sentences = sentences::split(&post.body);
    let figures = figures::extract(&post.body, &opts.figures);
    let claims = if opts.claims {
        claims::extract(post, &sentences, &figures)
    } else {
        Vec::new()
    };
    let trade = if opts.trade {
        trade::build(post, &sentences, &figures)
    } else {
        Vec::new()
    };
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

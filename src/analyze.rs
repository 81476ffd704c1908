//! Per-post analysis: sentences, figures, claims and trade computed once and shared.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::figures::{self, FigureOptions};
use crate::model::{Analysis, Figure, Post, Sentence};
use crate::{claims, sentences, trade};

/// Sentences and figures of one post: what every extractor starts from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Base {
    /// Sentences in body order.
    pub sentences: Vec<Sentence>,
    /// Figures in body order.
    pub figures: Vec<Figure>,
}

/// Keeps the sentences and figures of posts between calls, so that separate
/// stage calls on the same posts (Python's `extract_figures`, `extract_claims`,
/// `build_trade`) compute them once. Keyed by `post_id` and a hash of the body;
/// bounded by an estimate of its size, and emptied whole when full.
pub struct BaseCache {
    map: Mutex<HashMap<(String, u64), Arc<Base>>>,
    bytes: Mutex<usize>,
    limit: usize,
}

impl std::fmt::Debug for BaseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BaseCache")
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}

impl BaseCache {
    /// A cache holding at most about `limit` bytes.
    pub fn new(limit: usize) -> Self {
        BaseCache {
            map: Mutex::new(HashMap::new()),
            bytes: Mutex::new(0),
            limit,
        }
    }

    /// The base of `post`, computed now or earlier.
    pub fn get(&self, post: &Post, opts: &FigureOptions) -> Arc<Base> {
        let key = (
            post.post_id.clone(),
            xxhash_rust::xxh3::xxh3_64(post.body.as_bytes()),
        );
        if let Some(b) = self.map.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return b;
        }
        let base = Arc::new(Base {
            sentences: sentences::split(&post.body),
            figures: figures::extract(&post.body, opts),
        });
        let size = 64
            + key.0.len()
            + base.sentences.len() * std::mem::size_of::<Sentence>()
            + base
                .figures
                .iter()
                .map(|f| std::mem::size_of::<Figure>() + f.unit.as_ref().map_or(0, |u| u.len()))
                .sum::<usize>();
        if let (Ok(mut m), Ok(mut bytes)) = (self.map.lock(), self.bytes.lock()) {
            if *bytes + size > self.limit {
                m.clear();
                *bytes = 0;
            }
            if size <= self.limit {
                m.insert(key, base.clone());
                *bytes += size;
            }
        }
        base
    }
}

/// Options for the extraction stages.
#[derive(Debug, Clone)]
pub struct AnalyzeOptions {
    /// Figure extraction options.
    pub figures: FigureOptions,
    /// Run the claims extractor (sentences and figures always run: the others need them).
    pub claims: bool,
    /// Run the trade extractor.
    pub trade: bool,
    /// Where to keep sentences and figures between calls (none: compute each time).
    pub cache: Option<Arc<BaseCache>>,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        AnalyzeOptions {
            figures: FigureOptions::default(),
            claims: true,
            trade: true,
            cache: None,
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
            cache: None,
        }
    }
}

/// Runs the extractors over one post: sentences and figures, then claims and
/// trade unless the options leave them out. Serial and deterministic.
pub fn analyze(post: &Post, opts: &AnalyzeOptions) -> Analysis {
    let (sentences, figures) = match &opts.cache {
        Some(cache) => {
            let base = cache.get(post, &opts.figures);
            (base.sentences.clone(), base.figures.clone())
        }
        None => (
            sentences::split(&post.body),
            figures::extract(&post.body, &opts.figures),
        ),
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    fn post(body: &str) -> Post {
        Post {
            post_id: "p".into(),
            body: body.into(),
            ..Default::default()
        }
    }

    #[test]
    fn cached_analysis_equals_fresh_and_tracks_the_body() {
        let cache = Arc::new(BaseCache::new(1 << 20));
        let opts = AnalyzeOptions {
            cache: Some(cache.clone()),
            ..Default::default()
        };
        let a = post("Exports fell 24 percent to $14.2 million. About 300 people left.");
        assert_eq!(analyze(&a, &opts), analyze(&a, &AnalyzeOptions::default()));
        assert_eq!(analyze(&a, &opts), analyze(&a, &AnalyzeOptions::default()));
        // same id, new body: not served from the cache
        let b = post("Imports rose to $5 million.");
        assert_eq!(
            analyze(&b, &opts).figures,
            analyze(&b, &AnalyzeOptions::default()).figures
        );
    }

    #[test]
    fn a_full_cache_starts_over() {
        let cache = BaseCache::new(10);
        let b = cache.get(&post("Some 40 ships."), &FigureOptions::default());
        assert_eq!(b.figures.len(), 1);
        assert!(
            cache.map.lock().map(|m| m.is_empty()).unwrap_or(false),
            "larger than the limit: not kept"
        );
    }
}

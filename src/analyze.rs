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
/// bounded by an estimate of its size.
///
/// When full it admits nothing more (a stage call walks the posts in order, so
/// evicting old entries would make the next call over the same posts miss them
/// all); a call that found it full from earlier calls, could add nothing and got
/// no hit from it (other posts) empties it at its end ([`BaseCache::call_done`]),
/// so that the next calls fill it with their posts.
pub struct BaseCache {
    map: Mutex<HashMap<(String, u64), Arc<Base>>>,
    bytes: Mutex<usize>,
    limit: usize,
    hits: std::sync::atomic::AtomicUsize,
    added: std::sync::atomic::AtomicUsize,
    refused: std::sync::atomic::AtomicBool,
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
            hits: std::sync::atomic::AtomicUsize::new(0),
            added: std::sync::atomic::AtomicUsize::new(0),
            refused: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Marks the end of a stage call: empties the cache if it was full of other
    /// posts (this call could add nothing and got no hit); starts counting anew.
    pub fn call_done(&self) {
        use std::sync::atomic::Ordering::Relaxed;
        let hits = self.hits.swap(0, Relaxed);
        let added = self.added.swap(0, Relaxed);
        if self.refused.swap(false, Relaxed) && hits == 0 && added == 0 {
            if let (Ok(mut m), Ok(mut bytes)) = (self.map.lock(), self.bytes.lock()) {
                m.clear();
                *bytes = 0;
            }
        }
    }

    /// The base of `post`, computed now or earlier.
    pub fn get(&self, post: &Post, opts: &FigureOptions) -> Arc<Base> {
        let key = (
            post.post_id.clone(),
            xxhash_rust::xxh3::xxh3_64(post.body.as_bytes()),
        );
        if let Some(b) = self.map.lock().ok().and_then(|m| m.get(&key).cloned()) {
            self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
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
                self.refused
                    .store(true, std::sync::atomic::Ordering::Relaxed);
            } else {
                m.insert(key, base.clone());
                *bytes += size;
                self.added
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
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
    fn a_full_cache_keeps_what_it_has_and_starts_over_after_a_call_without_hits() {
        let opts = FigureOptions::default();
        let a = post("Some 40 ships.");
        let c = Post {
            post_id: "q".into(),
            ..post("About 300 people left.")
        };
        // room for one of the two posts, not both
        let probe = BaseCache::new(1 << 20);
        probe.get(&a, &opts);
        let sa = *probe.bytes.lock().expect("bytes");
        probe.get(&c, &opts);
        let sc = *probe.bytes.lock().expect("bytes") - sa;
        let cache = BaseCache::new(sa.max(sc));
        cache.get(&a, &opts);
        cache.get(&c, &opts); // full: not admitted
        let len = |k: &BaseCache| k.map.lock().map(|m| m.len()).unwrap_or(0);
        assert_eq!(len(&cache), 1, "the first post is kept, the second refused");
        cache.call_done(); // the call that filled it keeps it
        assert_eq!(len(&cache), 1);
        cache.get(&a, &opts); // a later call over the same posts: a hit
        cache.get(&c, &opts);
        cache.call_done();
        assert_eq!(len(&cache), 1, "a call that was served keeps the cache");
        cache.get(&c, &opts); // a call over other posts only: nothing added, no hit
        cache.call_done();
        assert_eq!(
            len(&cache),
            0,
            "full of other posts: emptied for the next calls"
        );
        cache.get(&c, &opts);
        cache.call_done();
        assert_eq!(len(&cache), 1, "then filled with the new posts");
    }
}

//! Criterion benchmark of `figures::extract` in MB/s.
//!
//! The input is the shared corpus (page texts from `../shared/corpus`, when present)
//! or, without it, a paragraph of our own, repeated up to `NKECON_BENCH_MB` megabytes
//! (default 100) and cut into post-sized pieces, as the pipeline feeds posts.
//!
//! ```text
//! cargo bench --bench figures
//! NKECON_BENCH_MB=10 cargo bench --bench figures   # quicker
//! ```

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nkecon::figures::{extract, FigureOptions};
use std::path::Path;

const OWN_TEXT: &str =
    "Trade between China and North Korea fell 24 percent to $198 million in the \
first two months, customs data show. Rice sold for about 5,600 won per kilogram in Pyongyang \
markets, while one dollar fetched roughly 8,100 won. Some 53,000 North Korean workers were \
employed at 123 firms until the complex closed in February 2016; Resolution 2397 later gave \
states 24 months to send workers home. Between 800 and 1,000 people were selected, and the \
North shipped more than 1.3 million barrels of fuel, well over the 500,000-barrel cap.\n\n";

fn corpus_pages() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut pages = Vec::new();
    for sub in ["seed", "dev"] {
        let Ok(dir) = std::fs::read_dir(root.join(sub)) else {
            continue;
        };
        let mut paths: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let Ok(raw) = std::fs::read_to_string(&p) else {
                continue;
            };
            if p.extension().is_some_and(|e| e == "jsonl") {
                for line in raw.lines() {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                        if let Some(t) = v["text"].as_str() {
                            pages.push(t.to_string());
                        }
                    }
                }
            } else {
                pages.push(raw);
            }
        }
    }
    if pages.is_empty() {
        pages.push(OWN_TEXT.repeat(8));
    }
    pages
}

/// Post-sized pieces (split at blank lines, ~4 kB each) totalling `mb` megabytes.
fn posts(mb: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    for page in corpus_pages() {
        let mut cur = String::new();
        for para in page.split("\n\n") {
            cur.push_str(para);
            cur.push_str("\n\n");
            if cur.len() > 4096 {
                pieces.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            pieces.push(cur);
        }
    }
    let target = mb * 1_000_000;
    let mut out = Vec::new();
    let mut total = 0;
    'fill: loop {
        for p in &pieces {
            total += p.len();
            out.push(p.clone());
            if total >= target {
                break 'fill;
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let mb: usize = std::env::var("NKECON_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let input = posts(mb);
    let bytes: usize = input.iter().map(String::len).sum();
    let opts = FigureOptions::default();
    let found: usize = input.iter().map(|p| extract(p, &opts).len()).sum();
    eprintln!(
        "figures bench: {} posts, {:.1} MB, {found} figures",
        input.len(),
        bytes as f64 / 1e6
    );
    let mut g = c.benchmark_group("figures");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("extract_{mb}MB"), |b| {
        b.iter(|| {
            let n: usize = input.iter().map(|p| extract(p, &opts).len()).sum();
            std::hint::black_box(n)
        })
    });
    let one = input.first().cloned().unwrap_or_default();
    g.throughput(Throughput::Bytes(one.len() as u64));
    g.sample_size(50);
    g.bench_function("extract_one_post", |b| {
        b.iter(|| extract(std::hint::black_box(&one), &opts))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Criterion benchmarks of the Rust stages, in MB/s of page text.
//!
//! Pages come from `../shared/corpus` (read at run time; the bench is skipped when it
//! is absent) or, failing that, from the sample archive shipped in the package.
//! Run: `cargo bench --bench stages`.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nkecon::analyze::{analyze, AnalyzeOptions};
use nkecon::model::Document;
use nkecon::pipeline::parse_documents;
use nkecon::read::{read_all, ReadOptions};

fn documents() -> Vec<Document> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/corpus");
    let input = if shared.is_dir() {
        shared
    } else {
        root.join("python/nkecon/sample")
    };
    let (docs, _) = read_all(
        &[input.to_string_lossy().into_owned()],
        &ReadOptions::default(),
    )
    .unwrap_or_default();
    docs
}

fn bench(c: &mut Criterion) {
    let docs = documents();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let (posts, _) = parse_documents(&docs, &Default::default());
    let body_bytes: usize = posts.iter().map(|p| p.body.len()).sum();
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("parse_posts", |b| {
        b.iter(|| parse_documents(&docs, &Default::default()))
    });
    g.throughput(Throughput::Bytes(body_bytes as u64));
    let opts = AnalyzeOptions::default();
    g.bench_function("figures", |b| {
        b.iter(|| {
            posts
                .iter()
                .map(|p| nkecon::figures::extract(&p.body, &opts.figures).len())
                .sum::<usize>()
        })
    });
    g.bench_function("sentences", |b| {
        b.iter(|| {
            posts
                .iter()
                .map(|p| nkecon::sentences::split(&p.body).len())
                .sum::<usize>()
        })
    });
    g.bench_function("analyze (figures+claims+trade)", |b| {
        b.iter(|| {
            posts
                .iter()
                .map(|p| analyze(p, &opts).claims.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

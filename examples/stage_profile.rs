//! Where the time goes, per stage, single-threaded: `cargo run --release --example stage_profile -- DIR [MB]`.
//!
//! Reads up to MB megabytes of pages from DIR, then times reading, page parsing,
//! sentence splitting, figures, claims, trade and the Arrow/Parquet encoding of
//! each table, and prints MB/s of page text for each.

use std::time::Instant;

use nkecon::model::Analysis;
use nkecon::read::{expand, read_file, ReadEvent, ReadOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().cloned().unwrap_or_else(|| "bench-data".into());
    let limit_mb: f64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20.0);
    let opts = ReadOptions::default();
    let t = Instant::now();
    let (files, _) = match expand(&[dir], &opts) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    for f in &files {
        read_file(f, &opts, &mut |ev| {
            if let ReadEvent::Doc(d) = ev {
                bytes += d.text.len();
                docs.push(d);
            }
        });
        if bytes as f64 > limit_mb * 1e6 {
            break;
        }
    }
    let mb = bytes as f64 / 1e6;
    let report = |name: &str, secs: f64| println!("{name:12} {secs:8.3} s {:9.1} MB/s", mb / secs);
    report("read", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let mut posts = Vec::new();
    for d in &docs {
        posts.extend(nkecon::posts::parse_page(d, &Default::default()).0);
    }
    report("parse_posts", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let sentences: Vec<_> = posts
        .iter()
        .map(|p| nkecon::sentences::split(&p.body))
        .collect();
    report("sentences", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let figures: Vec<_> = posts
        .iter()
        .map(|p| nkecon::figures::extract(&p.body, &Default::default()))
        .collect();
    report("figures", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let claims: Vec<_> = posts
        .iter()
        .zip(&sentences)
        .zip(&figures)
        .map(|((p, s), f)| nkecon::claims::extract(p, s, f))
        .collect();
    report("claims", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let trade: Vec<_> = posts
        .iter()
        .zip(&sentences)
        .zip(&figures)
        .map(|((p, s), f)| nkecon::trade::build(p, s, f))
        .collect();
    report("trade", t.elapsed().as_secs_f64());
    let analyses: Vec<Analysis> = sentences
        .into_iter()
        .zip(figures)
        .zip(claims)
        .zip(trade)
        .map(|(((sentences, figures), claims), trade)| Analysis {
            sentences,
            figures,
            claims,
            trade,
        })
        .collect();
    let items: Vec<_> = posts.iter().zip(analyses.iter()).collect();
    let t = Instant::now();
    let _ = nkecon::table::posts_batch(&posts);
    report("posts table", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let _ = nkecon::table::figures_batch(&items);
    let _ = nkecon::table::claims_batch(&items);
    let _ = nkecon::table::trade_batch(&items);
    report("other tables", t.elapsed().as_secs_f64());
    println!("{} posts, {:.1} MB of page text", posts.len(), mb);
}

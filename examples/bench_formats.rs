//! Reading throughput of HTML pages and of a `.warc.gz` crawl (MB/s).
//!
//! Builds WordPress-like pages from the posts of `../shared/corpus/dev` (read at run
//! time), repeats them to about `NKECON_BENCH_MB` megabytes (default 40), writes them
//! as `.html` files and as a `.warc.gz` (gzip per record), then times reading alone
//! and reading plus parsing into posts.
//!
//!     cargo run --release --example bench_formats

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use nkecon::pipeline::parse_documents;
use nkecon::posts::ParseOptions;
use nkecon::read::{read_all, ReadOptions};
use nkecon::{Document, Post, Voice};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn page(posts: &[Post], n: usize) -> String {
    let mut s = format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Archive</title><link rel=\"canonical\" href=\"https://blog.example/page/{n}/\"><style>body{{margin:0}}</style><script>var a=1;</script></head><body><header class=\"site-header\"><nav class=\"main-navigation\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/about/\">About</a></li></ul></nav></header><main>\n");
    for p in posts {
        s.push_str(&format!(
            "<article class=\"post hentry\"><h2 class=\"entry-title\"><a href=\"/p/{n}/\" rel=\"bookmark\">{}</a></h2>",
            esc(&p.title)
        ));
        if let Some(d) = p.published {
            s.push_str(&format!(
                "<time class=\"entry-date\" datetime=\"{}\">{}</time>",
                d.format("%Y-%m-%d"),
                d.format("%B %-d, %Y")
            ));
        }
        s.push_str("<div class=\"entry-content\">");
        for para in &p.paragraphs {
            let t = esc(&p.body[para.start..para.end]).replace('\n', "<br />");
            if para.voice == Voice::Quoted {
                s.push_str(&format!("<blockquote><p>{t}</p></blockquote>\n"));
            } else {
                s.push_str(&format!("<p>{t}</p>\n"));
            }
        }
        s.push_str("</div></article>\n");
    }
    s.push_str("</main><aside class=\"widget-area\"><ul><li>Recent</li></ul></aside><footer class=\"site-footer\">&copy; Blog</footer></body></html>\n");
    s
}

/// The same posts as a plain-text page, for the text route's reference time.
fn text_page(posts: &[Post]) -> String {
    let mut s = String::new();
    for p in posts {
        s.push_str(&p.title);
        s.push_str("\n\n");
        if let Some(d) = p.published {
            s.push_str(&d.format("%B %-d, %Y\n\n").to_string());
        }
        s.push_str(&p.body);
        s.push_str("\n\nShare\n\n");
    }
    s
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

fn time(label: &str, bytes: u64, f: impl FnOnce() -> usize) {
    let t = Instant::now();
    let n = f();
    let s = t.elapsed().as_secs_f64();
    println!(
        "{label:40} {:8.1} MB in {s:6.2} s = {:7.1} MB/s  ({n} items)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / s
    );
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    if !dir.is_dir() {
        eprintln!("../shared/corpus/dev is absent; nothing to measure");
        return;
    }
    let target: usize = std::env::var("NKECON_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40)
        << 20;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut pages = Vec::new();
    for f in files {
        let Ok(line) = std::fs::read_to_string(&f) else {
            continue;
        };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line.lines().next().unwrap_or(""))
        else {
            continue;
        };
        let doc = Document {
            source: f.to_string_lossy().into_owned(),
            url: v["url"].as_str().map(str::to_string),
            format: "text".into(),
            text: v["text"].as_str().unwrap_or("").to_string(),
        };
        let (posts, _) = parse_documents(std::slice::from_ref(&doc), &ParseOptions::default());
        pages.push(posts);
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let html_dir = tmp.path().join("html");
    std::fs::create_dir(&html_dir).expect("dir");
    let mut warc = Vec::new();
    let mut texts = Vec::new();
    let (mut total, mut raw_warc, mut n) = (0usize, 0usize, 0usize);
    while total < target {
        let posts = &pages[n % pages.len()];
        // vary titles so that posts do not all merge
        let varied: Vec<Post> = posts
            .iter()
            .map(|p| Post {
                title: format!("{} {}", p.title, n),
                ..p.clone()
            })
            .collect();
        let html = page(&varied, n);
        texts.push(Document {
            source: format!("t{n}"),
            url: None,
            format: "text".into(),
            text: text_page(&varied),
        });
        std::fs::write(html_dir.join(format!("{n:06}.html")), &html).expect("write");
        let mut http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {}\r\n\r\n",
            html.len()
        )
        .into_bytes();
        http.extend_from_slice(html.as_bytes());
        let mut rec = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://blog.example/page/{n}/\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        rec.extend_from_slice(&http);
        rec.extend_from_slice(b"\r\n\r\n");
        raw_warc += rec.len();
        warc.extend(gz(&rec));
        total += html.len();
        n += 1;
    }
    let warc_path = tmp.path().join("crawl.warc.gz");
    std::fs::write(&warc_path, &warc).expect("write");
    let opts = ReadOptions::default();
    let html_in = vec![html_dir.to_string_lossy().into_owned()];
    let warc_in = vec![warc_path.to_string_lossy().into_owned()];
    println!(
        "{n} pages, {:.1} MB of HTML; .warc.gz {:.1} MB ({:.1} MB uncompressed); {} threads",
        total as f64 / 1e6,
        warc.len() as f64 / 1e6,
        raw_warc as f64 / 1e6,
        rayon::current_num_threads()
    );
    time("html: read", total as u64, || {
        read_all(&html_in, &opts).expect("read").0.len()
    });
    time("html: read + parse into posts", total as u64, || {
        let (docs, _) = read_all(&html_in, &opts).expect("read");
        parse_documents(&docs, &ParseOptions::default()).0.len()
    });
    time("warc.gz: read (compressed MB)", warc.len() as u64, || {
        read_all(&warc_in, &opts).expect("read").0.len()
    });
    time(
        "warc.gz: read + parse (uncompressed MB)",
        raw_warc as u64,
        || {
            let (docs, _) = read_all(&warc_in, &opts).expect("read");
            parse_documents(&docs, &ParseOptions::default()).0.len()
        },
    );
    let text_bytes: usize = texts.iter().map(|d| d.text.len()).sum();
    time(
        "text route: parse only, one thread",
        text_bytes as u64,
        || {
            texts
                .iter()
                .map(|d| {
                    nkecon::posts::parse_page(d, &ParseOptions::default())
                        .0
                        .len()
                })
                .sum()
        },
    );
    // single-thread HTML parse cost, for scaling estimates
    let (docs, _) = read_all(&html_in, &opts).expect("read");
    time("html: parse only, one thread", total as u64, || {
        docs.iter()
            .map(|d| {
                nkecon::posts::parse_page(d, &ParseOptions::default())
                    .0
                    .len()
            })
            .sum()
    });
}

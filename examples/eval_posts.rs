//! Compares `posts::parse_page` with the gold annotations (titles, dates, authors,
//! source outlets), the way `score.py` does, without the rest of the pipeline.
//!
//! ```text
//! cargo run --example eval_posts -- [../shared] [-v] [--dump FILE_STEM]
//! ```

use std::path::{Path, PathBuf};

use nkecon::model::Document;
use nkecon::posts::{parse_page, ParseOptions};
use serde_json::Value;

fn norm(s: &str) -> String {
    let mut out = String::new();
    let mut sp = false;
    for c in s.chars() {
        if matches!(c, '\'' | '"' | '‘' | '’' | '“' | '”' | '`') {
            continue;
        }
        if c.is_alphanumeric() {
            if sp && !out.is_empty() {
                out.push(' ');
            }
            sp = false;
            out.extend(c.to_lowercase());
        } else {
            sp = true;
        }
    }
    out
}

fn load_doc(root: &Path, file: &str) -> Option<Document> {
    let path = root.join(file);
    let raw = std::fs::read_to_string(&path).ok()?;
    if file.ends_with(".jsonl") {
        let line = raw.lines().next()?;
        let v: Value = serde_json::from_str(line).ok()?;
        Some(Document {
            source: path.display().to_string(),
            url: v.get("url").and_then(Value::as_str).map(str::to_string),
            format: "jsonl".into(),
            text: v.get("text")?.as_str()?.replace("\r\n", "\n"),
        })
    } else {
        Some(Document {
            source: path.display().to_string(),
            url: None,
            format: "text".into(),
            text: raw.replace("\r\n", "\n"),
        })
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1).cloned());
    let shared = args
        .iter()
        .find(|a| !a.starts_with('-') && Some(*a) != dump.as_ref())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared"));
    if args.iter().any(|a| a == "--speed") {
        speed(&shared);
        return;
    }
    let mut golds: Vec<PathBuf> = vec![shared.join("gold/seed.json")];
    let mut dev: Vec<PathBuf> = std::fs::read_dir(shared.join("gold/dev"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    dev.sort();
    golds.extend(dev);
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut fields = [(0, 0); 3]; // published, author, sources
    let mut voices = (0, 0);
    for g in golds {
        let Ok(raw) = std::fs::read_to_string(&g) else {
            continue;
        };
        let gold: Value = serde_json::from_str(&raw).expect("gold json");
        let file = gold["file"].as_str().unwrap_or_default();
        let Some(doc) = load_doc(&shared, file) else {
            eprintln!("cannot read {file}");
            continue;
        };
        let (posts, rejects) = parse_page(&doc, &ParseOptions::default());
        if dump.as_deref().is_some_and(|d| file.contains(d)) {
            for p in &posts {
                println!(
                    "=== {:?} {:?} {:?} url={:?} cats={:?}",
                    p.title, p.published, p.author, p.url, p.categories
                );
                println!("sources: {:?}", p.sources);
                for para in &p.paragraphs {
                    let t = &p.body[para.start..para.end];
                    let short: String = t.chars().take(90).collect();
                    println!("  [{}] {}", para.voice.as_str(), short.replace('\n', " / "));
                }
            }
        }
        for r in &rejects {
            println!("{file}: reject {:?}", r.reason);
        }
        let mut left: Vec<&nkecon::model::Post> = posts.iter().collect();
        for gp in gold["posts"].as_array().into_iter().flatten() {
            let gt = gp["title"].as_str().unwrap_or_default();
            let Some(pos) = left.iter().position(|p| norm(&p.title) == norm(gt)) else {
                if !gt.is_empty() {
                    fn_ += 1;
                    println!("{file}: MISSED {gt:?}");
                }
                continue;
            };
            let p = left.remove(pos);
            tp += 1;
            let gd = gp["published"].as_str().map(str::to_string);
            let pd = p.published.map(|d| d.to_string());
            fields[0].1 += 1;
            if gd == pd {
                fields[0].0 += 1;
            } else {
                println!("{file}: {gt:?} published {pd:?} != {gd:?}");
            }
            let ga = gp["author"].as_str().map(norm).unwrap_or_default();
            let pa = p.author.as_deref().map(norm).unwrap_or_default();
            fields[1].1 += 1;
            if ga == pa {
                fields[1].0 += 1;
            } else {
                println!("{file}: {gt:?} author {:?} != {:?}", p.author, gp["author"]);
            }
            let want: Vec<String> = gp["sources"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s["outlet"].as_str().map(norm))
                .filter(|s| !s.is_empty())
                .collect();
            let got: Vec<String> = p
                .sources
                .iter()
                .filter_map(|s| s.outlet.as_deref().map(norm))
                .filter(|s| !s.is_empty())
                .collect();
            let mut g2 = got.clone();
            let mut ok = true;
            for w in &want {
                if let Some(i) = g2
                    .iter()
                    .position(|x| x.contains(w.as_str()) || w.contains(x.as_str()))
                {
                    g2.remove(i);
                } else {
                    ok = false;
                }
            }
            ok &= g2.is_empty();
            fields[2].1 += 1;
            if ok {
                fields[2].0 += 1;
            } else {
                println!("{file}: {gt:?} sources {got:?} != {want:?}");
            }
            for c in gp["claims"].as_array().into_iter().flatten() {
                let (Some(cont), Some(gv)) = (c["contains"].as_str(), c["voice"].as_str()) else {
                    continue;
                };
                let Some(at) = p.body.find(cont) else {
                    println!("{file}: {gt:?} claim text not in body: {cont:?}");
                    voices.1 += 1;
                    continue;
                };
                voices.1 += 1;
                let v = p
                    .paragraphs
                    .iter()
                    .find(|x| x.start <= at && at < x.end)
                    .map(|x| x.voice.as_str())
                    .unwrap_or("-");
                if v == gv {
                    voices.0 += 1;
                } else {
                    println!("{file}: {gt:?} voice {v} != {gv}: {cont:?}");
                }
            }
            if verbose {
                println!("{file}: ok {gt:?}");
            }
        }
        for p in left {
            fp += 1;
            println!("{file}: EXTRA {:?}", p.title);
        }
    }
    let prec = tp as f64 / (tp + fp).max(1) as f64;
    let rec = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if prec + rec > 0.0 {
        2.0 * prec * rec / (prec + rec)
    } else {
        0.0
    };
    println!("posts P {prec:.3} R {rec:.3} F1 {f1:.3} (tp {tp}, fp {fp}, fn {fn_})");
    for (name, (r, a)) in ["published", "author", "sources"].iter().zip(fields) {
        println!("{name:10} {r}/{a} = {:.3}", r as f64 / a.max(1) as f64);
    }
    println!(
        "voice      {}/{} = {:.3}",
        voices.0,
        voices.1,
        voices.0 as f64 / voices.1.max(1) as f64
    );
}

/// Times `parse_page` on the corpus pages replicated to about 100 MB (one thread).
fn speed(shared: &Path) {
    let mut docs = Vec::new();
    if let Ok(rd) = std::fs::read_dir(shared.join("corpus/dev")) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if let Some(d) = load_doc(shared, &format!("corpus/dev/{name}")) {
                docs.push(d);
            }
        }
    }
    let total: usize = docs.iter().map(|d| d.text.len()).sum();
    if total == 0 {
        println!("no corpus");
        return;
    }
    let reps = (100_000_000 / total).max(1);
    let opts = ParseOptions::default();
    let t0 = std::time::Instant::now();
    let mut posts = 0usize;
    for _ in 0..reps {
        for d in &docs {
            posts += parse_page(d, &opts).0.len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let mb = (total * reps) as f64 / 1e6;
    println!(
        "parse_page: {mb:.1} MB, {posts} posts in {secs:.2} s = {:.1} MB/s (1 thread)",
        mb / secs
    );
}

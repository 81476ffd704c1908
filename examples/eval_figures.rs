//! Scores `figures::extract` against the gold figures, page by page, before the full pipeline exists.
//!
//! ```text
//! cargo run --example eval_figures -- [../shared] [--misses]
//! ```
//!
//! Each corpus page's whole text is scanned; figures on the lines that are post titles
//! in the gold are dropped (titles are not part of a post body). A predicted figure
//! matches a gold one with score.py's rule: low and high within 0.5%, units equal when
//! the gold names one.

use nkecon::figures::{extract, FigureOptions};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.005 * a.abs().max(b.abs()).max(1e-9)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let misses = args.iter().any(|a| a == "--misses");
    let root = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared"));
    // `--sample`: the sample archive shipped with the package and its gold (pages relative to the repo)
    let sample = args.iter().any(|a| a == "--sample");
    let (root, gold_dir) = if sample {
        (
            PathBuf::from("python"),
            PathBuf::from("tests/data/sample_gold"),
        )
    } else {
        (root.clone(), root.join("gold"))
    };
    if !gold_dir.exists() {
        eprintln!("no gold under {}: nothing to score", gold_dir.display());
        return;
    }
    let mut golds: Vec<PathBuf> = Vec::new();
    for dir in [gold_dir.clone(), gold_dir.join("dev")] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "json"))
                    .collect()
            })
            .unwrap_or_default();
        found.sort();
        golds.extend(found);
    }
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let (mut ap_ok, mut ap_n, mut kind_ok) = (0usize, 0usize, 0usize);
    let opts = FigureOptions::default();
    for g in golds {
        let Ok(gs) = std::fs::read_to_string(&g) else {
            continue;
        };
        let Ok(gold) = serde_json::from_str::<Value>(&gs) else {
            continue;
        };
        let file = gold["file"].as_str().unwrap_or_default();
        let text = page_text(&root, file);
        let Some(text) = text else {
            eprintln!("missing page {file}");
            continue;
        };
        let titles: Vec<&str> = gold["posts"]
            .as_array()
            .map(|ps| ps.iter().filter_map(|p| p["title"].as_str()).collect())
            .unwrap_or_default();
        let mut pred = extract(&text, &opts);
        pred.retain(|f| {
            let ls = text[..f.start].rfind('\n').map_or(0, |p| p + 1);
            let le = text[f.end..].find('\n').map_or(text.len(), |p| f.end + p);
            let line = text[ls..le].trim();
            !titles.contains(&line)
        });
        let gfigs: Vec<&Value> = gold["posts"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .flat_map(|p| p["figures"].as_array().into_iter().flatten())
                    .collect()
            })
            .unwrap_or_default();
        let mut left: Vec<Option<&nkecon::Figure>> = pred.iter().map(Some).collect();
        for gf in gfigs {
            let lo = gf["low"].as_f64().unwrap_or(f64::NAN);
            let hi = gf["high"].as_f64().unwrap_or(f64::NAN);
            let gu = gf["unit"].as_str();
            let hit = left.iter_mut().find(|p| {
                p.is_some_and(|p| {
                    close(p.low, lo)
                        && close(p.high, hi)
                        && match gu {
                            None => true,
                            Some(u) => p
                                .unit
                                .as_deref()
                                .is_some_and(|pu| pu.eq_ignore_ascii_case(u)),
                        }
                })
            });
            match hit {
                Some(slot) => {
                    let p = slot.take();
                    tp += 1;
                    if let (Some(p), Some(ga)) = (p, gf["approx"].as_str()) {
                        ap_n += 1;
                        if p.approx.as_str() == ga {
                            ap_ok += 1;
                        } else if misses {
                            println!(
                                "{file}: approx {:?} {} != {ga}",
                                gf["text"],
                                p.approx.as_str()
                            );
                        }
                        if gf["kind"].as_str() == Some(p.kind.as_str()) {
                            kind_ok += 1;
                        } else if misses {
                            println!(
                                "{file}: kind {:?} {} != {:?}",
                                gf["text"],
                                p.kind.as_str(),
                                gf["kind"]
                            );
                        }
                    }
                }
                None => {
                    fn_ += 1;
                    if misses {
                        println!("{file}: MISSED {:?} {lo}..{hi} {gu:?}", gf["text"]);
                    }
                }
            }
        }
        for p in left.into_iter().flatten() {
            fp += 1;
            if misses {
                let s = text[..p.start]
                    .char_indices()
                    .rev()
                    .nth(40)
                    .map_or(0, |(i, _)| i);
                let e = text[p.end..]
                    .char_indices()
                    .nth(30)
                    .map_or(text.len(), |(i, _)| p.end + i);
                println!(
                    "{file}: EXTRA {:?} {}..{} {:?} | …{}[[{}]]{}…",
                    &text[p.start..p.end],
                    p.low,
                    p.high,
                    p.unit,
                    text[s..p.start].replace('\n', " / "),
                    &text[p.start..p.end],
                    text[p.end..e].replace('\n', " / ")
                );
            }
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!("figures P {p:.3}  R {r:.3}  F1 {f1:.3}  (tp {tp}, fp {fp}, fn {fn_})");
    println!(
        "approx {ap_ok}/{ap_n} = {:.3}   kind {kind_ok}/{ap_n} = {:.3}",
        ap_ok as f64 / ap_n.max(1) as f64,
        kind_ok as f64 / ap_n.max(1) as f64
    );
}

/// The text of a corpus page named by a gold file (`corpus/seed/x.txt`, `corpus/dev/001.jsonl`).
fn page_text(root: &Path, file: &str) -> Option<String> {
    let path = root.join(file);
    let raw = std::fs::read_to_string(&path).ok()?;
    if file.ends_with(".jsonl") {
        let line = raw.lines().find(|l| !l.trim().is_empty())?;
        let v: Value = serde_json::from_str(line).ok()?;
        v["text"].as_str().map(str::to_string)
    } else {
        Some(raw)
    }
}

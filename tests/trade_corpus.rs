//! Trade rows on the shared development corpus, scored like `score.py` (trade part).
//!
//! Posts are cut from each page at the gold titles and figures are placed where the
//! gold figure texts occur, so this measures `trade::build` alone, independent of the
//! post parser and the figure extractor. Skips (with a message) when `../shared` is absent.
//! `TRADE_MISSES=1 cargo test --test trade_corpus -- --nocapture` prints every miss.

use nkecon::model::{Approx, Figure, FigureKind, Post, TradeRow};
use nkecon::{sentences, trade};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    p.join("gold").is_dir().then_some(p)
}

fn approx(s: &str) -> Approx {
    match s {
        "approx" => Approx::Approx,
        "over" => Approx::Over,
        "under" => Approx::Under,
        "at_least" => Approx::AtLeast,
        "at_most" => Approx::AtMost,
        _ => Approx::Exact,
    }
}

fn kind(s: &str) -> FigureKind {
    match s {
        "money" => FigureKind::Money,
        "percent" => FigureKind::Percent,
        "quantity" => FigureKind::Quantity,
        "duration" => FigureKind::Duration,
        _ => FigureKind::Count,
    }
}

fn figures_in(body: &str, gold: &[Value]) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let mut cursor = 0;
    for g in gold {
        let Some(text) = g["text"].as_str() else {
            continue;
        };
        let pos = body
            .get(cursor..)
            .and_then(|b| b.find(text))
            .map(|p| p + cursor)
            .or_else(|| body.find(text));
        let Some(start) = pos else { continue };
        let end = start + text.len();
        if out.iter().any(|f| f.start < end && start < f.end) {
            continue;
        }
        cursor = end;
        let low = g["low"].as_f64().unwrap_or(0.0);
        let high = g["high"].as_f64().unwrap_or(low);
        let unit = g["unit"].as_str().map(str::to_string);
        let value = (low == high).then_some(low);
        let value_usd = if unit.as_deref() == Some("USD") {
            value
        } else {
            None
        };
        out.push(Figure {
            start,
            end,
            kind: kind(g["kind"].as_str().unwrap_or("count")),
            value,
            low,
            high,
            unit,
            approx: approx(g["approx"].as_str().unwrap_or("exact")),
            value_usd,
        });
    }
    out.sort_by_key(|f| f.start);
    out
}

/// Drops the date line, byline and other short header lines the post parser removes.
fn strip_header(body: &str) -> String {
    let mut rest = body;
    loop {
        let (para, tail) = rest.split_once("\n\n").unwrap_or((rest, ""));
        let words = para.split_whitespace().count();
        if !tail.is_empty() && words < 10 && !para.trim_end().ends_with('.') {
            rest = tail.trim_start();
        } else {
            return rest.to_string();
        }
    }
}

struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.005 * a.abs().max(b.abs()).max(1e-9)
}

fn same(g: &Value, p: &TradeRow) -> bool {
    g["period"].as_str() == Some(p.period.as_str())
        && g["flow"].as_str() == Some(p.flow.as_str())
        && g["partner"].as_str() == Some(p.partner.as_str())
        && g["value_usd"]
            .as_f64()
            .is_some_and(|v| close(v, p.value_usd))
}

fn score(rows: &[TradeRow], gold: &[Value], t: &mut Tally, misses: &mut Vec<String>, where_: &str) {
    let mut left: Vec<&TradeRow> = rows.iter().collect();
    for g in gold {
        if let Some(i) = left.iter().position(|p| same(g, p)) {
            left.remove(i);
            t.tp += 1;
        } else {
            t.fn_ += 1;
            misses.push(format!(
                "{where_}: missed {} {} {} {} {:?}",
                g["period"], g["flow"], g["partner"], g["value_usd"], g["commodity"]
            ));
        }
    }
    for p in left {
        t.fp += 1;
        misses.push(format!(
            "{where_}: extra {} {} {} {} {:?}",
            p.period, p.flow, p.partner, p.value_usd, p.commodity
        ));
    }
}

fn run() -> Option<(Tally, Tally, Vec<String>)> {
    let root = shared()?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("gold/dev"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files.insert(0, root.join("gold/seed.json"));
    let (mut stated, mut derived) = (
        Tally {
            tp: 0,
            fp: 0,
            fn_: 0,
        },
        Tally {
            tp: 0,
            fp: 0,
            fn_: 0,
        },
    );
    let mut misses = Vec::new();
    for f in files {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&f).ok()?).ok()?;
        let page = root.join(gold["file"].as_str()?);
        let raw = std::fs::read_to_string(&page).ok()?;
        let text = if page.extension().is_some_and(|e| e == "jsonl") {
            let v: Value = serde_json::from_str(raw.lines().next()?).ok()?;
            v["text"].as_str()?.to_string()
        } else {
            raw
        };
        let posts = gold["posts"].as_array()?;
        let mut starts = Vec::new();
        let mut cursor = 0;
        for p in posts {
            let title = p["title"].as_str().unwrap_or("");
            let at = if title.is_empty() {
                Some(0)
            } else {
                text.get(cursor..)
                    .and_then(|t| t.find(title))
                    .map(|i| i + cursor)
            };
            let s = at.unwrap_or(cursor);
            starts.push((s, s + title.len()));
            cursor = s + title.len();
        }
        for (k, p) in posts.iter().enumerate() {
            let (_, body_start) = starts[k];
            let body_end = starts.get(k + 1).map_or(text.len(), |s| s.0);
            let body = text
                .get(body_start..body_end.max(body_start))
                .unwrap_or("")
                .trim()
                .to_string();
            let body = strip_header(&body);
            let post = Post {
                title: p["title"].as_str().unwrap_or("").to_string(),
                published: p["published"]
                    .as_str()
                    .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
                body: body.clone(),
                ..Post::default()
            };
            let empty = Vec::new();
            let gfig = p["figures"].as_array().unwrap_or(&empty);
            let figs = figures_in(&body, gfig);
            let sents = sentences::split(&body);
            let rows = trade::build(&post, &sents, &figs);
            if std::env::var("TRADE_POST").is_ok_and(|w| post.title.contains(&w)) {
                for (i, s) in sents.iter().enumerate() {
                    eprintln!("[{i}] {}", &body[s.start..s.end]);
                }
                for f in &figs {
                    eprintln!(
                        "  fig {:?} {:?} {:?}",
                        &body[f.start..f.end],
                        f.kind,
                        f.value_usd
                    );
                }
                for r in &rows {
                    eprintln!(
                        "  row s{} {} {} {} {} {:?} {:?} {:?}",
                        r.sentence,
                        r.period,
                        r.flow,
                        r.partner,
                        r.value_usd,
                        r.commodity,
                        r.change_pct,
                        r.change_basis
                    );
                }
            }
            let (d, s): (Vec<TradeRow>, Vec<TradeRow>) = rows.into_iter().partition(|r| r.derived);
            let where_ = format!(
                "{} {:?}",
                gold["file"].as_str().unwrap_or(""),
                post.title.chars().take(40).collect::<String>()
            );
            let gt = p["trade"].as_array().unwrap_or(&empty);
            score(&s, gt, &mut stated, &mut misses, &where_);
            let gd = p["trade_derived"].as_array().unwrap_or(&empty);
            score(
                &d,
                gd,
                &mut derived,
                &mut misses,
                &format!("{where_} [derived]"),
            );
        }
    }
    Some((stated, derived, misses))
}

fn f1(t: &Tally) -> f64 {
    let p = t.tp as f64 / ((t.tp + t.fp) as f64).max(1.0);
    let r = t.tp as f64 / ((t.tp + t.fn_) as f64).max(1.0);
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[test]
fn dev_corpus_trade_f1() {
    let Some((stated, derived, misses)) = run() else {
        eprintln!("skipped: ../shared/gold not found");
        return;
    };
    let show = std::env::var("TRADE_MISSES").is_ok();
    if show {
        for m in &misses {
            eprintln!("{m}");
        }
    }
    eprintln!(
        "trade: tp {} fp {} fn {} F1 {:.3}; derived: tp {} fp {} fn {} F1 {:.3}",
        stated.tp,
        stated.fp,
        stated.fn_,
        f1(&stated),
        derived.tp,
        derived.fp,
        derived.fn_,
        f1(&derived)
    );
    assert!(f1(&stated) >= 0.9, "trade F1 {:.3} below 0.9", f1(&stated));
}

//! Claims against the gold of ../shared (skipped when ../shared is absent).
//!
//! Posts are built crudely from the pages (body = the text between a gold title and the
//! next, blank-line paragraphs, citation blocks recognised, voice from the gold claims
//! that fall in a paragraph), so that this test measures the claims stage alone.
//! Set `NKECON_CLAIMS_MISSES=1` to print every miss.

use nkecon::model::{Date, Figure, FigureKind, Paragraph, Post, SourceRef, Voice};
use nkecon::{claims, sentences, Approx};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.join("gold").is_dir() {
        Some(p)
    } else {
        None
    }
}

fn page_text(path: &Path) -> String {
    let raw = std::fs::read_to_string(path).unwrap_or_default();
    if path.extension().is_some_and(|e| e == "jsonl") {
        let v: Value =
            serde_json::from_str(raw.lines().next().unwrap_or("{}")).unwrap_or(Value::Null);
        v["text"].as_str().unwrap_or("").to_string()
    } else {
        raw
    }
}

fn norm(s: &str) -> String {
    let s: String = s
        .to_lowercase()
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}' | '\'' | '"' | '`'
            )
        })
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_citation(p: &str) -> bool {
    let t = p.trim_start();
    t.starts_with("(Source:")
        || t.starts_with("Source:")
        || t.starts_with("Read the full story")
        || t.starts_with("Article source")
}

/// Crude figures: every run of digits that is not a year-like token.
fn crude_figures(body: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let s = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b',' || b[i] == b'.') {
                i += 1;
            }
            out.push(Figure {
                start: s,
                end: i,
                kind: FigureKind::Count,
                value: Some(1.0),
                low: 1.0,
                high: 1.0,
                unit: None,
                approx: Approx::Exact,
                value_usd: None,
            });
        }
        i += 1;
    }
    out
}

fn build_post(text: &str, title: &str, next_title: Option<&str>, gold: &Value) -> Option<Post> {
    let t0 = text.find(title)?;
    let after = t0 + title.len();
    let end = next_title
        .and_then(|n| text[after..].find(n).map(|p| after + p))
        .unwrap_or(text.len());
    let chunk = &text[after..end];
    // skip header lines: date, byline, IFES header, URL line
    let mut paras: Vec<String> = Vec::new();
    for block in chunk.split("\n\n") {
        let b = block.trim();
        if b.is_empty() || b == "Share" || b.starts_with("«") || b.starts_with("Prev") {
            continue;
        }
        let first_line = b.lines().next().unwrap_or("");
        let header = b.len() < 80
            && (first_line.contains(", 20")
                || first_line.contains(", 19")
                || first_line.starts_with("By")
                || first_line.starts_with("Institute for")
                || first_line.starts_with("Date :")
                || first_line.starts_with("http")
                || gold["author"].as_str().is_some_and(|a| b == a))
            && paras.is_empty();
        if header {
            continue;
        }
        // news layout: single lines; drop URL lines
        let kept: Vec<&str> = b
            .lines()
            .filter(|l| !l.trim_start().starts_with("http") && !l.starts_with("Date :"))
            .collect();
        paras.push(kept.join("\n"));
    }
    let mut body = String::new();
    let mut spans = Vec::new();
    for p in &paras {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let s = body.len();
        body.push_str(p);
        spans.push((s, body.len()));
    }
    let claims = gold["claims"].as_array().cloned().unwrap_or_default();
    let paragraphs = spans
        .iter()
        .map(|&(s, e)| {
            let p = &body[s..e];
            let voice = if is_citation(p) {
                Voice::Citation
            } else if claims.iter().any(|c| {
                c["voice"] == "quoted" && c["contains"].as_str().is_some_and(|x| p.contains(x))
            }) {
                Voice::Quoted
            } else {
                Voice::Author
            };
            Paragraph {
                start: s,
                end: e,
                voice,
            }
        })
        .collect();
    let sources = gold["sources"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|s| SourceRef {
                    outlet: s["outlet"].as_str().map(String::from),
                    ..Default::default()
                })
                .collect()
        })
        .unwrap_or_default();
    Some(Post {
        title: title.to_string(),
        published: gold["published"]
            .as_str()
            .and_then(|d| Date::parse_from_str(d, "%Y-%m-%d").ok()),
        author: gold["author"].as_str().map(String::from),
        body,
        paragraphs,
        sources,
        ..Default::default()
    })
}

#[derive(Default)]
struct Score {
    fields: std::collections::BTreeMap<String, (usize, usize)>,
    misses: Vec<String>,
    dates: (usize, usize),
}

impl Score {
    fn field(&mut self, name: &str, ok: bool) {
        let e = self.fields.entry(name.to_string()).or_default();
        e.1 += 1;
        if ok {
            e.0 += 1;
        }
    }
}

fn score_all() -> Option<Score> {
    let root = shared()?;
    let mut sc = Score::default();
    let mut golds: Vec<PathBuf> = vec![root.join("gold/seed.json")];
    let mut dev: Vec<PathBuf> = std::fs::read_dir(root.join("gold/dev"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    dev.sort();
    golds.extend(dev);
    for g in golds {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&g).ok()?).ok()?;
        let text = page_text(&root.join(gold["file"].as_str()?));
        let posts = gold["posts"].as_array()?;
        for (pi, gp) in posts.iter().enumerate() {
            let Some(title) = gp["title"].as_str() else {
                continue;
            };
            let next = posts.get(pi + 1).and_then(|n| n["title"].as_str());
            let Some(post) = build_post(&text, title, next, gp) else {
                sc.misses
                    .push(format!("{}: post not built: {title}", g.display()));
                continue;
            };
            let sents = sentences::split(&post.body);
            let figs = crude_figures(&post.body);
            let cl = claims::extract(&post, &sents, &figs);
            let where_ = format!(
                "{}:{}",
                g.file_name()?.to_string_lossy(),
                &title[..title.len().min(30)]
            );
            for gc in gp["claims"].as_array().cloned().unwrap_or_default() {
                let contains = gc["contains"].as_str().unwrap_or("");
                let hit = cl.iter().find(|c| {
                    let s = sents[c.sentence];
                    post.body[s.start..s.end].contains(contains)
                });
                sc.field("found", hit.is_some());
                let Some(c) = hit else {
                    let sent = sents
                        .iter()
                        .find(|s| post.body[s.start..s.end].contains(contains));
                    sc.misses.push(format!(
                        "{where_}: not found {contains:?} (sentence exists: {})",
                        sent.is_some()
                    ));
                    continue;
                };
                let s = sents[c.sentence];
                let stext = &post.body[s.start..s.end];
                for (k, got) in [("speaker_kind", &c.speaker_kind), ("verb", &c.verb)] {
                    if let Some(want) = gc[k].as_str() {
                        let ok = norm(got.as_deref().unwrap_or("")) == norm(want);
                        sc.field(k, ok);
                        if !ok {
                            sc.misses
                                .push(format!("{where_}: {k} {got:?} != {want:?} in {stext:?}"));
                        }
                    }
                }
                for (k, got) in [("speaker", &c.speaker), ("outlet", &c.outlet)] {
                    if let Some(want) = gc[k].as_str() {
                        let a = norm(got.as_deref().unwrap_or(""));
                        let b = norm(want);
                        let ok = !a.is_empty() && (a.contains(&b) || b.contains(&a));
                        sc.field(k, ok);
                        if !ok {
                            sc.misses
                                .push(format!("{where_}: {k} {got:?} != {want:?} in {stext:?}"));
                        }
                    }
                }
                if let Some(v) = gc["voice"].as_str() {
                    sc.field("voice", c.voice.as_str() == v);
                }
                for h in gc["hedges_include"].as_array().cloned().unwrap_or_default() {
                    let want = norm(h.as_str().unwrap_or(""));
                    let ok = c.hedges.iter().any(|x| norm(x) == want);
                    sc.field("hedges", ok);
                    if !ok {
                        sc.misses.push(format!(
                            "{where_}: hedge {want:?} not in {:?} in {stext:?}",
                            c.hedges
                        ));
                    }
                }
            }
            for gd in gp["dates"].as_array().cloned().unwrap_or_default() {
                let want_text = gd["text"].as_str().unwrap_or("");
                let want = gd["resolved"].as_str().unwrap_or("");
                let found = cl
                    .iter()
                    .flat_map(|c| c.dates.iter())
                    .find(|d| &post.body[d.start..d.end] == want_text);
                let all = nkecon::dates::find(&post.body, 0, post.body.len(), post.published);
                let found2 = all.iter().find(|d| &post.body[d.start..d.end] == want_text);
                let ok = found
                    .or(found2)
                    .is_some_and(|d| d.first.to_string() == want && d.last.to_string() == want);
                sc.dates.1 += 1;
                if ok {
                    sc.dates.0 += 1;
                } else {
                    sc.misses.push(format!(
                        "{where_}: date {want_text:?} want {want} got {:?}",
                        found2.map(|d| (d.first, d.last))
                    ));
                }
            }
        }
    }
    Some(sc)
}

#[test]
fn claims_against_gold() {
    let Some(sc) = score_all() else {
        eprintln!("skipping: ../shared/gold not found");
        return;
    };
    for (k, (r, n)) in &sc.fields {
        eprintln!("{k:14} {r}/{n} = {:.3}", *r as f64 / (*n).max(1) as f64);
    }
    eprintln!("dates          {}/{}", sc.dates.0, sc.dates.1);
    if std::env::var("NKECON_CLAIMS_MISSES").is_ok() {
        for m in &sc.misses {
            eprintln!("{m}");
        }
    }
    let rate = |k: &str| {
        sc.fields
            .get(k)
            .map_or(0.0, |(r, n)| *r as f64 / (*n).max(1) as f64)
    };
    assert!(rate("found") >= 0.9, "claims found {:.3}", rate("found"));
    assert!(rate("speaker") >= 0.8, "speaker {:.3}", rate("speaker"));
    assert!(rate("hedges") >= 0.85, "hedges {:.3}", rate("hedges"));
}

//! Everything after parsing: sentences, figures, claims and trade of the posts of a page,
//! and their Arrow rows (where byte offsets become code points).
#![no_main]
use libfuzzer_sys::fuzz_target;
use nkecon::analyze::{analyze, AnalyzeOptions};
use nkecon::model::{Analysis, Document, Post};
use nkecon::posts::{parse_page, ParseOptions};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let doc = Document {
        source: "fuzz.txt".into(),
        url: None,
        format: "text".into(),
        text: text.clone(),
    };
    let (mut posts, _) = parse_page(&doc, &ParseOptions::default());
    // Also the whole input as the body of one dated post.
    posts.push(nkecon_fuzz::post_of(
        &text,
        nkecon::model::Date::from_ymd_opt(2022, 10, 25),
    ));
    let analyses: Vec<Analysis> = posts
        .iter()
        .map(|p| analyze(p, &AnalyzeOptions::default()))
        .collect();
    for (p, a) in posts.iter().zip(&analyses) {
        for s in &a.sentences {
            assert!(s.start <= s.end && s.end <= p.body.len());
            assert!(p.body.is_char_boundary(s.start) && p.body.is_char_boundary(s.end));
        }
        for c in &a.claims {
            assert!(c.sentence < a.sentences.len(), "{c:?}");
        }
    }
    let items: Vec<(&Post, &Analysis)> = posts.iter().zip(analyses.iter()).collect();
    nkecon::table::figures_batch(&items).expect("figures batch");
    nkecon::table::claims_batch(&items).expect("claims batch");
    nkecon::table::trade_batch(&items).expect("trade batch");
});

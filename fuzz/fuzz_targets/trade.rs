//! Trade rows of a post dated by the first two bytes: periods, partners, derived rows.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nkecon::model::{Analysis, Post};

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let days = u16::from_le_bytes([data[0], data[1]]) as u64;
    let published = nkecon::model::Date::from_ymd_opt(1990, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(days % 20000)));
    let text = String::from_utf8_lossy(&data[2..]);
    let post = nkecon_fuzz::post_of(&text, published);
    let sentences = nkecon::sentences::split(&post.body);
    let figures = nkecon::figures::extract(&post.body, &Default::default());
    let trade = nkecon::trade::build(&post, &sentences, &figures);
    for t in &trade {
        assert!(t.period_first <= t.period_last, "{t:?}");
    }
    let a = Analysis {
        sentences,
        figures,
        claims: Vec::new(),
        trade,
    };
    let items: Vec<(&Post, &Analysis)> = vec![(&post, &a)];
    nkecon::table::trade_batch(&items).expect("trade batch");
});

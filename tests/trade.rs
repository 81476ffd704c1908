//! Table-driven tests of `trade::build` on hand-written posts (our own prose).
//!
//! Figures are placed by a tiny test helper that finds dollar amounts and
//! percentages; the real figure extractor lives in `figures`.

use nkecon::model::{Approx, Date, Figure, FigureKind, Post, TradeRow};
use nkecon::{sentences, trade};

/// Finds "$14.2 million", "US$6.39 billion", "$14.2m", "$253,000", "24 percent", "5%"
/// (with a leading "about"/"slightly under"/"more than"/"some"/"roughly").
fn figs(text: &str) -> Vec<Figure> {
    let cues: [(&str, Approx); 10] = [
        ("slightly under ", Approx::Under),
        ("less than ", Approx::Under),
        ("under ", Approx::Under),
        ("more than ", Approx::Over),
        ("over ", Approx::Over),
        ("about ", Approx::Approx),
        ("roughly ", Approx::Approx),
        ("some ", Approx::Approx),
        ("nearly ", Approx::Approx),
        ("around ", Approx::Approx),
    ];
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let dollar = b[i] == b'$';
        if !(dollar || b[i].is_ascii_digit()) || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut start = i;
        if dollar && i >= 2 && text.get(i - 2..i) == Some("US") {
            start = i - 2;
        }
        let mut j = if dollar { i + 1 } else { i };
        let num_start = j;
        while j < b.len() && (b[j].is_ascii_digit() || b[j] == b',' || b[j] == b'.') {
            j += 1;
        }
        while j > num_start && (b[j - 1] == b'.' || b[j - 1] == b',') {
            j -= 1;
        }
        let Ok(mut v) = text[num_start..j].replace(',', "").parse::<f64>() else {
            i = j.max(i + 1);
            continue;
        };
        let rest = &text[j..];
        let mut end = j;
        let kind;
        if dollar {
            kind = FigureKind::Money;
            for (w, m) in [
                (" million", 1e6),
                (" billion", 1e9),
                (" trillion", 1e12),
                ("m", 1e6),
                ("bn", 1e9),
            ] {
                if rest.starts_with(w)
                    && !rest[w.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                {
                    v *= m;
                    end = j + w.len();
                    break;
                }
            }
        } else if rest.starts_with(" percent") {
            kind = FigureKind::Percent;
            end = j + " percent".len();
        } else if rest.starts_with('%') {
            kind = FigureKind::Percent;
            end = j + 1;
        } else {
            i = j.max(i + 1);
            continue;
        }
        let mut approx = Approx::Exact;
        for (c, a) in cues {
            if text[..start].ends_with(c) {
                start -= c.len();
                approx = a;
                break;
            }
        }
        let money = kind == FigureKind::Money;
        out.push(Figure {
            start,
            end,
            kind,
            value: Some(v),
            low: v,
            high: v,
            unit: Some(if money { "USD" } else { "percent" }.to_string()),
            approx,
            value_usd: money.then_some(v),
        });
        i = end;
    }
    out
}

fn post(title: &str, date: &str, body: &str) -> Post {
    Post {
        title: title.to_string(),
        published: Date::parse_from_str(date, "%Y-%m-%d").ok(),
        body: body.to_string(),
        ..Post::default()
    }
}

fn rows(title: &str, date: &str, body: &str) -> Vec<TradeRow> {
    let p = post(title, date, body);
    let s = sentences::split(&p.body);
    let f = figs(&p.body);
    trade::build(&p, &s, &f)
}

/// (period, flow, partner, value, commodity) of a stated row.
type Brief = (String, String, String, f64, Option<String>);

/// The stated rows, briefly.
fn brief(rows: &[TradeRow]) -> Vec<Brief> {
    rows.iter()
        .filter(|r| !r.derived)
        .map(|r| {
            (
                r.period.clone(),
                r.flow.clone(),
                r.partner.clone(),
                r.value_usd,
                r.commodity.clone(),
            )
        })
        .collect()
}

fn row(p: &str, f: &str, partner: &str, v: f64) -> Brief {
    (p.to_string(), f.to_string(), partner.to_string(), v, None)
}

fn with(r: Brief, c: &str) -> Brief {
    (r.0, r.1, r.2, r.3, Some(c.to_string()))
}

#[test]
fn seed_shape_total_export_comparison_and_derived_import() {
    let body = "New customs numbers for trade between China and North Korea are out. \
Trade in September was the highest since the pandemic began. Total trade stood at $142.7 million. \
In January 2020, the same figure was slightly under $200 million.\n\n\
$14.2 million consisted of exports, and imports made up the rest.";
    let r = rows(
        "North Korean trade with China in September",
        "2022-10-25",
        body,
    );
    assert_eq!(
        brief(&r),
        vec![
            row("2022-09", "total", "China", 142.7e6),
            row("2020-01", "total", "China", 200e6),
            row("2022-09", "export", "China", 14.2e6),
        ]
    );
    assert_eq!(r[1].approx, Approx::Under);
    let derived: Vec<&TradeRow> = r.iter().filter(|x| x.derived).collect();
    assert_eq!(derived.len(), 1);
    assert_eq!(derived[0].flow, "import");
    assert_eq!(derived[0].period, "2022-09");
    assert!((derived[0].value_usd - 128.5e6).abs() < 1.0);
    assert_eq!(derived[0].figure, None);
    assert_eq!(
        derived[0].period_first,
        Date::from_ymd_opt(2022, 9, 1).unwrap_or_default()
    );
    assert_eq!(
        derived[0].period_last,
        Date::from_ymd_opt(2022, 9, 30).unwrap_or_default()
    );
}

#[test]
fn directions_are_north_korean() {
    type Want = (&'static str, &'static str, &'static str, f64);
    let cases: &[(&str, Want)] = &[
        (
            "China's exports to North Korea rose 12 percent to $250 million in March.",
            ("2019-03", "import", "China", 250e6),
        ),
        (
            "Chinese imports from the North fell to $20 million in March.",
            ("2019-03", "export", "China", 20e6),
        ),
        (
            "Chinese purchases of North Korean goods came to $30 million in March.",
            ("2019-03", "export", "China", 30e6),
        ),
        (
            "In March, China shipped $40 million worth of goods to its neighbor.",
            ("2019-03", "import", "China", 40e6),
        ),
        (
            "North Korea's imports from Russia reached $3 million in 2018.",
            ("2018", "import", "Russia", 3e6),
        ),
        (
            "In 2018 North Korea sold $1.5 million worth of goods to Russia.",
            ("2018", "export", "Russia", 1.5e6),
        ),
        (
            "Goods shipped from the North to the South were worth $900 million in 2015.",
            ("2015", "export", "South Korea", 900e6),
        ),
        (
            "Shipments from South to North came to $1.1 billion in 2015.",
            ("2015", "import", "South Korea", 1.1e9),
        ),
        (
            "Seoul said the South imported $500 million worth of North Korean goods in 2006.",
            ("2006", "export", "South Korea", 500e6),
        ),
        (
            "Roughly $50 million worth of Chinese goods crossed into North Korea in March alone.",
            ("2019-03", "import", "China", 50e6),
        ),
    ];
    for (text, want) in cases {
        let r = rows("Trade notes", "2019-04-20", text);
        assert_eq!(
            brief(&r),
            vec![row(want.0, want.1, want.2, want.3)],
            "case: {text}"
        );
    }
}

#[test]
fn both_flows_in_one_sentence_and_bare_flows_follow_the_reporter() {
    let body = "China exported $50 million of goods to North Korea in May and imported $10 million from it. \
The customs office later revised the figures, putting exports at $52 million and imports at $11 million.";
    let r = rows("Sino-DPRK trade in May", "2019-06-20", body);
    assert_eq!(
        brief(&r),
        vec![
            row("2019-05", "import", "China", 50e6),
            row("2019-05", "export", "China", 10e6),
            row("2019-05", "import", "China", 52e6),
            row("2019-05", "export", "China", 11e6),
        ]
    );
}

#[test]
fn periods_follow_the_wording() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "Bilateral trade with China in the first quarter came to $1.2 billion.",
            "2016-04-14",
            "2016-Q1",
        ),
        (
            "Two-way trade with China over January–June totaled $2.5 billion.",
            "2017-07-17",
            "2017-01..2017-06",
        ),
        (
            "In the first five months of 2017, bilateral trade with China reached $2 billion.",
            "2017-07-17",
            "2017-01..2017-05",
        ),
        (
            "For the first half of the year, total trade between China and North Korea was $65 million.",
            "2021-08-19",
            "2021-H1",
        ),
        (
            "Through the end of April, trade with China stood at $525 million.",
            "2010-07-20",
            "2010-01..2010-04",
        ),
        (
            "Trade between North Korea and China rose 10 percent last year to $6.5 billion.",
            "2014-01-30",
            "2013",
        ),
        (
            "In December, trade with China came to $228 million.",
            "2019-01-24",
            "2018-12",
        ),
        (
            "For the fourth quarter, trade with China came to about $370 million.",
            "2023-01-20",
            "2022-Q4",
        ),
        (
            "China's trade with North Korea in January and February combined was $400 million.",
            "2020-03-24",
            "2020-01..2020-02",
        ),
    ];
    for (text, date, want) in cases {
        let r = rows("Customs data", date, text);
        let got: Vec<String> = r.iter().map(|x| x.period.clone()).collect();
        assert_eq!(got, vec![want.to_string()], "case: {text}");
    }
}

#[test]
fn comparisons_take_their_own_period() {
    let body = "China's imports from North Korea in October fell to $90 million from $145 million in September. \
Chinese exports to North Korea declined to $244 million from $266 million a month earlier. \
Total trade for the month came to $334 million, compared with $525 million in October last year.";
    let r = rows("Trade in October", "2017-11-24", body);
    assert_eq!(
        brief(&r),
        vec![
            row("2017-10", "export", "China", 90e6),
            row("2017-09", "export", "China", 145e6),
            row("2017-10", "import", "China", 244e6),
            row("2017-09", "import", "China", 266e6),
            row("2017-10", "total", "China", 334e6),
            row("2016-10", "total", "China", 525e6),
        ]
    );
}

#[test]
fn partners_world_and_inter_korean() {
    let r = rows(
        "Bank of Korea estimates",
        "2020-07-30",
        "North Korea's trade, excluding inter-Korean trade, fell 5 percent to $3.2 billion in 2019.",
    );
    assert_eq!(brief(&r), vec![row("2019", "total", "World", 3.2e9)]);
    let r = rows(
        "Unification ministry figures",
        "2017-01-18",
        "Inter-Korean trade fell 87 percent to $333 million in 2016.",
    );
    assert_eq!(brief(&r), vec![row("2016", "total", "South Korea", 333e6)]);
    let r = rows(
        "KOTRA report",
        "2014-05-22",
        "The North's trade with foreign countries reached $7.3 billion in 2013.",
    );
    assert_eq!(brief(&r), vec![row("2013", "total", "World", 7.3e9)]);
}

#[test]
fn commodities() {
    let body = "North Korea exported coal worth $1.2 billion to China in 2015, and iron ore worth $200 million. \
Textile shipments to China rose to $750 million in 2016, second only to coal. \
North Korea's exports to China, mainly coal, reached $2.5 billion in 2014.";
    let r = rows("Exports to China", "2017-03-01", body);
    assert_eq!(
        brief(&r),
        vec![
            with(row("2015", "export", "China", 1.2e9), "coal"),
            with(row("2015", "export", "China", 200e6), "iron ore"),
            with(row("2016", "export", "China", 750e6), "textiles"),
            row("2014", "export", "China", 2.5e9),
        ]
    );
}

#[test]
fn not_trade() {
    let cases = [
        "The North's trade deficit with China widened to $1.2 billion in 2015.",
        "Factories in the Kaesong zone produced goods worth $500 million in 2014.",
        "Humanitarian shipments to the North were worth $10 million in 2016.",
        "A Chinese company that trades with North Korea agreed to invest $50 million in a port in 2016.",
        "Chinese traders said coal exported from the North sold for $80 a ton in 2016.",
        "Officials said the sanctions would cut North Korea's export revenue by $1 billion in 2017.",
        "China's surplus in its trade with North Korea, more than $1 billion in 2017, keeps growing.",
        "Workers sent to China for trade companies earn $300 a month in 2017.",
        "Under the resolution, the North may sell no more than $400 million worth of coal in 2017.",
        "In 2017 North Korea sold the mining rights to a Chinese company for $50 million.",
        "In 2017 the North imported 500,000 tons of fertilizer, valued at $150 million, as aid from South Korea.",
        "North Korean restaurants in China earn an estimated $10 million a year in 2017.",
    ];
    for text in cases {
        let r = rows("Sanctions and trade", "2017-12-01", text);
        assert!(brief(&r).is_empty(), "case: {text}: {:?}", brief(&r));
    }
}

#[test]
fn changes_and_bases() {
    let r = rows(
        "Trade with China",
        "2016-04-14",
        "Trade between China and North Korea rose 20 percent on-year to $491.8 million in March.",
    );
    assert_eq!(r[0].change_pct, Some(20.0));
    assert_eq!(r[0].change_basis.as_deref(), Some("yoy"));
    let r = rows(
        "Trade with China",
        "2023-06-20",
        "China's imports from the North fell 30% on-month to $23.94 million in May.",
    );
    assert_eq!(r[0].change_pct, Some(-30.0));
    assert_eq!(r[0].change_basis.as_deref(), Some("mom"));
    let r = rows(
        "Trade with China",
        "2018-01-15",
        "Two-way trade came to $5.06 billion in 2017, down 10.5 percent from a year earlier.",
    );
    assert_eq!(r[0].change_pct, Some(-10.5));
    assert_eq!(r[0].change_basis.as_deref(), Some("yoy"));
}

#[test]
fn derived_rows_never_overwrite_stated_values() {
    let body = "Trade with China was $100 million in May. Exports to China were $20 million and imports from China $80 million.";
    let r = rows("May trade", "2019-06-20", body);
    assert!(r.iter().all(|x| !x.derived), "{r:?}");
    let body = "Trade with China was $100 million in May. Exports to China were $20 million.";
    let r = rows("May trade", "2019-06-20", body);
    let d: Vec<&TradeRow> = r.iter().filter(|x| x.derived).collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].flow, "import");
    assert!((d[0].value_usd - 80e6).abs() < 1.0);
    // Two different totals: nothing is derived.
    let body = "Trade with China was either $100 million or $110 million in May. Exports to China were $20 million.";
    let r = rows("May trade", "2019-06-20", body);
    assert!(r.iter().all(|x| !x.derived), "{r:?}");
}

#[test]
fn context_carries_period_and_partner_across_sentences() {
    let body = "North Korea's imports of fertilizer from China fell sharply between January and March. \
The North brought in 40,000 tons, less than in the same period of 2013. In value terms, the shipments were worth $14.2m.";
    let r = rows("Fertilizer imports decline", "2014-05-15", body);
    assert_eq!(
        brief(&r),
        vec![with(
            row("2014-01..2014-03", "import", "China", 14.2e6),
            "fertilizer"
        )]
    );
}

#[test]
fn hostile_text_does_not_panic() {
    for body in [
        "",
        "$",
        "Trade $ million in ’s",
        "Exports to — $5 million…",
        "总贸易额 $3 million 2019年",
        "In  ,  , the North’s ’s trade $1 million in December 31,",
    ] {
        let _ = rows("", "2020-01-01", body);
        let p = Post {
            body: body.to_string(),
            ..Post::default()
        };
        let _ = trade::build(&p, &sentences::split(body), &figs(body));
    }
}

#[test]
fn more_shapes() {
    let cases: &[(&str, &str, Brief)] = &[
        (
            "China imported $86.8 million worth of North Korean coal in January.",
            "2017-02-20",
            with(row("2017-01", "export", "China", 86.8e6), "coal"),
        ),
        (
            "China's imports of North Korean textiles rose to $100 million in the first quarter.",
            "2017-04-20",
            with(row("2017-Q1", "export", "China", 100e6), "textiles"),
        ),
        (
            "Pyongyang's trade with Moscow reached $95 million in 2013.",
            "2014-03-01",
            row("2013", "total", "Russia", 95e6),
        ),
        (
            "Trade volume between North Korea and Russia came to $34 million in 2019.",
            "2020-03-01",
            row("2019", "total", "Russia", 34e6),
        ),
        (
            "DPRK-China trade in 2015 fell 14.8% to $5.43 billion.",
            "2016-02-01",
            row("2015", "total", "China", 5.43e9),
        ),
        (
            "North Korea's coal exports to China jumped 20 percent to $1.38 billion in 2014.",
            "2015-02-01",
            with(row("2014", "export", "China", 1.38e9), "coal"),
        ),
        (
            "The North's external trade, excluding trade with South Korea, reached $7.6 billion last year.",
            "2015-07-01",
            row("2014", "total", "World", 7.6e9),
        ),
        (
            "North Korea's exports to China in the first half of 2019 totaled $115.8 million.",
            "2019-07-20",
            row("2019-H1", "export", "China", 115.8e6),
        ),
        (
            "Exports of anthracite to China fell to $40 million in January–September 2016.",
            "2016-11-01",
            with(row("2016-01..2016-09", "export", "China", 40e6), "coal"),
        ),
    ];
    for (text, date, want) in cases {
        let r = rows("Trade notes", date, text);
        assert_eq!(brief(&r), vec![want.clone()], "case: {text}");
    }
}

#[test]
fn annual_report_paragraph_carries_partner_and_period() {
    let body = "North Korea's foreign trade rose 7.8 percent to a record $7.34 billion in 2013, the agency said. \
Exports rose 13.8 percent to $3.21 billion, while imports rose 3.6 percent to $4.13 billion. \
China accounted for 89.1 percent of the total.\n\n\
Inter-Korean trade amounted to $1.14 billion in 2013, with North Korea's exports to the South at $615 million \
and its imports from the South at $521 million. Trade with Russia came to $104 million.";
    let r = rows("KOTRA's annual report", "2014-05-22", body);
    assert_eq!(
        brief(&r),
        vec![
            row("2013", "total", "World", 7.34e9),
            row("2013", "export", "World", 3.21e9),
            row("2013", "import", "World", 4.13e9),
            row("2013", "total", "South Korea", 1.14e9),
            row("2013", "export", "South Korea", 615e6),
            row("2013", "import", "South Korea", 521e6),
            row("2013", "total", "Russia", 104e6),
        ]
    );
}

#[test]
fn owner_only_and_export_items() {
    let r = rows(
        "The economy in 2014",
        "2015-07-01",
        "North Korea's trade volume hit $7.6 billion in 2014.",
    );
    assert_eq!(brief(&r), vec![row("2014", "total", "World", 7.6e9)]);
    let r = rows(
        "Sanctions list",
        "2016-04-07",
        "In 2015 North Korea's top export item to China was coal, which brought in about $1.05 billion.",
    );
    assert_eq!(
        brief(&r),
        vec![with(row("2015", "export", "China", 1.05e9), "coal")]
    );
    let r = rows(
        "Trade data",
        "2016-03-01",
        "The country's exports to China fell 0.6 percent to $2.63 billion in 2015.",
    );
    assert_eq!(brief(&r), vec![row("2015", "export", "China", 2.63e9)]);
}

#[test]
fn continuation_sentences_inherit_the_flow() {
    let body = "North Korea's imports from China rose to $188 million in April from $158 million in March. \
Its exports to China, meanwhile, were just $18.5 million. That is down from $22 million the previous month. \
November was even lower, at $15 million.";
    let r = rows("Monthly data: April", "2019-05-20", body);
    assert_eq!(
        brief(&r),
        vec![
            row("2019-04", "import", "China", 188e6),
            row("2019-03", "import", "China", 158e6),
            row("2019-04", "export", "China", 18.5e6),
            row("2019-03", "export", "China", 22e6),
            row("2018-11", "export", "China", 15e6),
        ]
    );
}

#[test]
fn a_far_cue_does_not_govern_another_clause() {
    let body = "Trade with China has been hit hard by the border closure and by the sanctions that the Security Council \
adopted over the past several years against the country's weapons programs, and yet the leadership found enough \
money to open a new ski resort in the east of the country worth $35 million in 2019.";
    let r = rows("Sanctions and spending", "2019-12-01", body);
    assert!(brief(&r).is_empty(), "{:?}", brief(&r));
}

#[test]
fn total_trade_owned_by_the_north_is_world() {
    let r = rows(
        "Trade in 2008",
        "2009-02-01",
        "Trade with China accounted for 73 percent of North Korea's total trade of $3.8 billion in 2008.",
    );
    assert_eq!(brief(&r), vec![row("2008", "total", "World", 3.8e9)]);
    let r = rows(
        "Trade in 2008",
        "2009-02-01",
        "China–North Korea trade reached a record $2.79 billion in 2008, up 41.2 percent from the previous year.",
    );
    assert_eq!(brief(&r), vec![row("2008", "total", "China", 2.79e9)]);
    assert_eq!(r[0].change_pct, Some(41.2));
    assert_eq!(r[0].change_basis.as_deref(), Some("yoy"));
}

#[test]
fn a_huge_sentence_stays_fast_enough() {
    // 3,000 figures in one run-on "sentence": must finish (quadratic blow-ups would not).
    let body = "exports to China rose to $1 million, ".repeat(3000);
    let r = rows("Trade with China in 2019", "2020-02-01", &body);
    assert_eq!(r.iter().filter(|x| !x.derived).count(), 3000);
}

#[test]
fn pyongyang_as_a_trading_side() {
    let r = rows(
        "Oil",
        "2014-02-01",
        "Pyongyang imported $30 million worth of crude oil from Beijing in January, up 3 percent y/y.",
    );
    assert_eq!(
        brief(&r),
        vec![with(row("2014-01", "import", "China", 30e6), "crude oil")]
    );
    assert_eq!(r[0].change_basis.as_deref(), Some("yoy"));
    // A place, not a side: no row.
    let r = rows(
        "Prices",
        "2014-02-01",
        "In Pyongyang, imported rice sold for $1 per kilogram in January.",
    );
    assert!(brief(&r).is_empty(), "{:?}", brief(&r));
}

#[test]
fn future_periods_are_projections() {
    let r = rows(
        "Outlook",
        "2019-03-01",
        "Analysts think trade with China could recover, and exports to China reached $20 million in 2020.",
    );
    assert!(brief(&r).is_empty(), "{:?}", brief(&r));
}

#[test]
fn partners_ranked_after_a_total() {
    let body = "Trade between North Korea and China reached $5.71 billion in 2015. \
Russia came second with $84 million, followed by India with $75 million. \
Rice in Pyongyang sold at $1 per kilogram.";
    let r = rows("Partners in 2015", "2016-03-28", body);
    assert_eq!(
        brief(&r),
        vec![
            row("2015", "total", "China", 5.71e9),
            row("2015", "total", "Russia", 84e6),
            row("2015", "total", "India", 75e6),
        ]
    );
}

#[test]
fn rates_are_not_observations() {
    let r = rows(
        "Dandong traders",
        "2019-03-01",
        "Traders in Dandong say they sold $5,000 worth of goods a day to North Korea in February.",
    );
    assert!(brief(&r).is_empty(), "{:?}", brief(&r));
}

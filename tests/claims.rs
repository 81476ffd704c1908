//! Table-driven attribution and hedge cases (own prose).

use nkecon::claims::extract;
use nkecon::model::{Claim, Date, Paragraph, Post, SourceRef, Voice};
use nkecon::sentences::split;

/// Builds a post: paragraphs are blank-line blocks; `voices` gives each block's voice
/// (`a` author, `q` quoted, `c` citation; missing letters are author).
fn post(body: &str, voices: &str, cited: Option<&str>) -> Post {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for (k, block) in body.split("\n\n").enumerate() {
        let voice = match voices.as_bytes().get(k) {
            Some(b'q') => Voice::Quoted,
            Some(b'c') => Voice::Citation,
            _ => Voice::Author,
        };
        paragraphs.push(Paragraph {
            start,
            end: start + block.len(),
            voice,
        });
        start += block.len() + 2;
    }
    Post {
        title: "t".into(),
        published: Date::from_ymd_opt(2022, 10, 26),
        author: Some("The Blogger".into()),
        body: body.to_string(),
        paragraphs,
        sources: cited
            .map(|o| {
                vec![SourceRef {
                    outlet: Some(o.to_string()),
                    ..Default::default()
                }]
            })
            .unwrap_or_default(),
        ..Default::default()
    }
}

fn claim_for<'a>(p: &Post, claims: &'a [Claim], contains: &str) -> Option<&'a Claim> {
    let s = split(&p.body);
    claims
        .iter()
        .find(|c| p.body[s[c.sentence].start..s[c.sentence].end].contains(contains))
}

/// (body, voices, cited outlet, sentence marker, speaker, kind, verb, outlet)
type Attr = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

const ATTRIBUTIONS: &[Attr] = &[
    (
        "A source in Hyesan told Daily NK on Monday that rice rose.",
        "a",
        None,
        "rice rose",
        Some("A source in Hyesan"),
        Some("anonymous_source"),
        Some("told"),
        Some("Daily NK"),
    ),
    (
        "A trader in Dandong said fuel was scarce.",
        "a",
        None,
        "fuel",
        Some("A trader in Dandong"),
        Some("anonymous_source"),
        Some("said"),
        None,
    ),
    (
        "“Fuel is scarce,” said the trader.",
        "a",
        None,
        "scarce",
        Some("the trader"),
        Some("anonymous_source"),
        Some("said"),
        None,
    ),
    (
        "“Fuel is scarce,” the trader said.",
        "a",
        None,
        "scarce",
        Some("the trader"),
        Some("anonymous_source"),
        Some("said"),
        None,
    ),
    (
        "Fuel was scarce, according to Yonhap.",
        "a",
        None,
        "scarce",
        Some("Yonhap"),
        Some("outlet"),
        Some("according to"),
        Some("Yonhap"),
    ),
    (
        "Reuters reported that exports fell.",
        "a",
        None,
        "exports",
        Some("Reuters"),
        Some("outlet"),
        Some("reported"),
        Some("Reuters"),
    ),
    (
        "Daily NK previously reported that workers left.",
        "a",
        None,
        "workers",
        Some("Daily NK"),
        Some("outlet"),
        Some("reported"),
        Some("Daily NK"),
    ),
    (
        "Chinese customs spokesman Huang Songping told a briefing that trade rose.",
        "a",
        None,
        "trade rose",
        Some("Huang Songping"),
        Some("official"),
        Some("told"),
        None,
    ),
    (
        "KCNA said the harvest was good.",
        "a",
        None,
        "harvest",
        Some("KCNA"),
        Some("outlet"),
        Some("said"),
        Some("KCNA"),
    ),
    (
        "Exports fell 10 percent, the ministry said.",
        "a",
        None,
        "Exports",
        Some("the ministry"),
        Some("organization"),
        Some("said"),
        None,
    ),
    (
        "Exports fell, a customs spokesman told reporters in Beijing.",
        "a",
        None,
        "Exports",
        Some("a customs spokesman"),
        Some("official"),
        Some("told"),
        None,
    ),
    (
        "Lee Min-ho, an economist at a Seoul bank, said growth slowed.",
        "a",
        None,
        "growth",
        Some("Lee Min-ho"),
        Some("person"),
        Some("said"),
        None,
    ),
    (
        "Bloomberg, citing two traders, said coal moved.",
        "a",
        None,
        "coal",
        Some("Bloomberg"),
        Some("outlet"),
        Some("said"),
        Some("Bloomberg"),
    ),
    (
        "A farmer in Haeju, who asked not to be named, said seed was short.",
        "a",
        None,
        "seed",
        Some("A farmer in Haeju"),
        Some("anonymous_source"),
        Some("said"),
        None,
    ),
    (
        "A miner in Musan who spoke to RFA said wages were late.",
        "a",
        None,
        "wages",
        Some("A miner in Musan"),
        Some("anonymous_source"),
        Some("said"),
        Some("Radio Free Asia"),
    ),
    (
        "Vendors in Chongjin interviewed by Radio Free Asia said stalls were empty.",
        "a",
        None,
        "stalls",
        Some("Vendors in Chongjin"),
        Some("anonymous_source"),
        Some("said"),
        Some("Radio Free Asia"),
    ),
    (
        "RFA’s source added that corn was cheap.",
        "a",
        None,
        "corn",
        Some("RFA’s source"),
        Some("anonymous_source"),
        Some("added"),
        Some("Radio Free Asia"),
    ),
    (
        "A Daily NK source in Sinuiju said rates held.",
        "a",
        None,
        "rates",
        Some("A Daily NK source in Sinuiju"),
        Some("anonymous_source"),
        Some("said"),
        Some("Daily NK"),
    ),
    (
        "The Bank of Korea estimates that the economy shrank.",
        "a",
        None,
        "economy",
        Some("The Bank of Korea"),
        Some("organization"),
        Some("estimates"),
        None,
    ),
    (
        "KOTRA puts total trade at $7 billion.",
        "a",
        None,
        "KOTRA",
        Some("KOTRA"),
        Some("organization"),
        Some("puts"),
        None,
    ),
    (
        "IFES notes that the fees are paid in won.",
        "a",
        None,
        "fees",
        Some("IFES"),
        Some("organization"),
        Some("notes"),
        None,
    ),
    (
        "Kim Jong Un told delegates that the plan failed.",
        "a",
        None,
        "plan failed",
        Some("Kim Jong Un"),
        Some("official"),
        Some("told"),
        None,
    ),
    (
        "Russian officials suggested that the line could carry coal.",
        "a",
        None,
        "coal",
        Some("Russian officials"),
        Some("official"),
        Some("suggested"),
        None,
    ),
    (
        "North Korean media described the dam as a triumph.",
        "a",
        None,
        "dam",
        Some("North Korean media"),
        Some("outlet"),
        Some("described"),
        None,
    ),
    (
        "State media said the campaign ended.",
        "a",
        None,
        "campaign",
        Some("State media"),
        Some("outlet"),
        Some("said"),
        None,
    ),
    (
        "The World Food Programme estimated that 10 million people need aid.",
        "a",
        None,
        "aid",
        Some("The World Food Programme"),
        Some("organization"),
        Some("estimated"),
        None,
    ),
    (
        "A logistics firm in Hunchun said 40 trucks crossed.",
        "a",
        None,
        "trucks",
        Some("A logistics firm in Hunchun"),
        Some("organization"),
        Some("said"),
        None,
    ),
    (
        "Acme Minerals said the mine holds gold.",
        "a",
        None,
        "gold",
        Some("Acme Minerals"),
        Some("organization"),
        Some("said"),
        None,
    ),
    (
        "Pyongyang reportedly told UN agencies that output fell.",
        "a",
        None,
        "output",
        Some("Pyongyang"),
        Some("organization"),
        Some("told"),
        None,
    ),
    (
        "A resident of Wonsan told RFA on Friday that power was cut.",
        "a",
        None,
        "power",
        Some("A resident of Wonsan"),
        Some("anonymous_source"),
        Some("told"),
        Some("Radio Free Asia"),
    ),
    (
        "A travel agent quoted by the newspaper Primorye said tours stopped.",
        "a",
        None,
        "tours",
        Some("A travel agent"),
        Some("anonymous_source"),
        Some("said"),
        Some("Primorye"),
    ),
    (
        "A contractor told the outlet that pay was late.",
        "q",
        Some("NK News"),
        "pay",
        Some("A contractor"),
        Some("anonymous_source"),
        Some("told"),
        Some("NK News"),
    ),
    (
        "Prices rose, the outlet reported.",
        "a",
        Some("Daily NK"),
        "Prices",
        Some("the outlet"),
        Some("outlet"),
        Some("reported"),
        Some("Daily NK"),
    ),
    (
        "Diplomats said the deal was near.",
        "a",
        None,
        "deal",
        Some("Diplomats"),
        Some("anonymous_source"),
        Some("said"),
        None,
    ),
    (
        "A researcher at the Asan Institute said 50,000 workers are abroad.",
        "a",
        None,
        "workers",
        Some("A researcher at the Asan Institute"),
        Some("person"),
        Some("said"),
        None,
    ),
    (
        "The panel documented 20 ships and said coal reached Vietnam.",
        "a",
        None,
        "coal",
        Some("The panel"),
        Some("organization"),
        Some("said"),
        None,
    ),
    (
        "Acme Minerals, a small British firm, says it found gold.",
        "a",
        None,
        "gold",
        Some("Acme Minerals"),
        Some("organization"),
        Some("says"),
        None,
    ),
    (
        "The Asahi Shimbun, a Tokyo daily, reported that ships were seized.",
        "a",
        None,
        "ships",
        Some("The Asahi Shimbun"),
        Some("outlet"),
        Some("reported"),
        Some("Asahi Shimbun"),
    ),
    // quoted voice: the outlet it came through
    (
        "The ministry said trade would grow.",
        "q",
        Some("Yonhap"),
        "trade",
        Some("The ministry"),
        Some("organization"),
        Some("said"),
        Some("Yonhap"),
    ),
    (
        "KCNA reported that the plan was met.",
        "q",
        Some("Reuters"),
        "plan",
        Some("KCNA"),
        Some("outlet"),
        Some("reported"),
        Some("Reuters"),
    ),
    (
        "According to Reuters:\n\nThe ministry said exports fell.",
        "aq",
        None,
        "exports",
        Some("The ministry"),
        Some("organization"),
        Some("said"),
        Some("Reuters"),
    ),
    (
        "A broker told Yonhap that fees rose.",
        "q",
        Some("Reuters"),
        "fees",
        Some("A broker"),
        Some("anonymous_source"),
        Some("told"),
        Some("Yonhap"),
    ),
    // pronouns and continuing quotations
    (
        "A source in Hyesan told Daily NK that rice rose. He said corn fell too.",
        "a",
        None,
        "corn",
        Some("A source in Hyesan"),
        Some("anonymous_source"),
        Some("said"),
        Some("Daily NK"),
    ),
    (
        "A source in Hyesan told Daily NK that rice rose. “Corn fell too,” he said.",
        "a",
        None,
        "Corn",
        Some("A source in Hyesan"),
        Some("anonymous_source"),
        Some("said"),
        Some("Daily NK"),
    ),
    (
        "“Rice rose,” said the source. “Corn fell. Beans held.”",
        "a",
        None,
        "Beans",
        Some("the source"),
        Some("anonymous_source"),
        Some("said"),
        None,
    ),
    (
        "“Rice rose. Corn fell,” the source said.",
        "a",
        None,
        "Rice rose",
        Some("the source"),
        Some("anonymous_source"),
        Some("said"),
        None,
    ),
    (
        "The ministry said exports fell. It added that imports rose.",
        "a",
        None,
        "imports",
        Some("The ministry"),
        Some("organization"),
        Some("added"),
        None,
    ),
    (
        "He said prices may rise.",
        "a",
        None,
        "prices",
        Some("The Blogger"),
        Some("author"),
        None,
        None,
    ),
    (
        "Traders in Hyesan told RFA that rice rose. They said corn may fall.",
        "a",
        None,
        "corn",
        Some("Traders in Hyesan"),
        Some("anonymous_source"),
        Some("said"),
        Some("Radio Free Asia"),
    ),
    (
        "The source said rice rose. They say it may fall.",
        "a",
        None,
        "fall",
        Some("The Blogger"),
        Some("author"),
        None,
        None,
    ),
    (
        "A recent report by NK News says that 40 ships sailed.",
        "a",
        None,
        "ships",
        Some("NK News"),
        Some("outlet"),
        Some("says"),
        Some("NK News"),
    ),
    (
        "Yonhap quoted a government official as saying that 30 ships left.",
        "a",
        None,
        "ships",
        Some("Yonhap"),
        Some("outlet"),
        Some("quoted"),
        Some("Yonhap"),
    ),
    (
        "Choe Son Hui, the first vice foreign minister, said talks were over.",
        "a",
        None,
        "talks",
        Some("Choe Son Hui"),
        Some("official"),
        Some("said"),
        None,
    ),
    (
        "Prices rose, said a source in Hyesan on Friday.",
        "a",
        None,
        "Prices",
        Some("a source in Hyesan"),
        Some("anonymous_source"),
        Some("said"),
        None,
    ),
    (
        "One of the traders said 12 trucks crossed.",
        "a",
        None,
        "trucks",
        Some("One of the traders"),
        Some("anonymous_source"),
        Some("said"),
        None,
    ),
    (
        "The ministry called the plan “reckless” and said 30 firms would suffer.",
        "a",
        None,
        "firms",
        Some("The ministry"),
        Some("organization"),
        Some("called"),
        None,
    ),
    (
        "Daily NK spoke with a source who said 20 trucks crossed.",
        "a",
        None,
        "trucks",
        Some("a source"),
        Some("anonymous_source"),
        Some("said"),
        Some("Daily NK"),
    ),
    (
        "In an interview with NK News, a trader said 20 trucks crossed.",
        "a",
        None,
        "trucks",
        Some("a trader"),
        Some("anonymous_source"),
        Some("said"),
        Some("NK News"),
    ),
    (
        "Prices fell, according to a report by Radio Free Asia (RFA).",
        "a",
        None,
        "Prices",
        Some("Radio Free Asia"),
        Some("outlet"),
        Some("according to"),
        Some("Radio Free Asia"),
    ),
    (
        "The National Intelligence Service (NIS) told lawmakers that 30 ships sailed.",
        "a",
        None,
        "ships",
        Some("The National Intelligence Service"),
        Some("organization"),
        Some("told"),
        None,
    ),
    (
        "Exports fell 9 percent, said Cho Bong-hyun, a researcher at a Seoul bank.",
        "a",
        None,
        "Exports",
        Some("Cho Bong-hyun"),
        Some("person"),
        Some("said"),
        None,
    ),
    (
        "Exports fell 9 percent, a ministry official said on condition of anonymity.",
        "a",
        None,
        "Exports",
        Some("a ministry official"),
        Some("official"),
        Some("said"),
        None,
    ),
    (
        "Kyunghyang Shinmun said 40 firms closed.",
        "a",
        None,
        "firms",
        Some("Kyunghyang Shinmun"),
        Some("outlet"),
        Some("said"),
        Some("Kyunghyang Shinmun"),
    ),
    (
        "The Korean Central News Agency (KCNA) said 30 dams were built.",
        "a",
        None,
        "dams",
        Some("The Korean Central News Agency"),
        Some("outlet"),
        Some("said"),
        Some("KCNA"),
    ),
    // not attributions
    (
        "The campaign presumably adds to the pressure.",
        "a",
        None,
        "campaign",
        Some("The Blogger"),
        Some("author"),
        None,
        None,
    ),
    (
        "The UN panel’s latest report, released in May, may describe 30 ships.",
        "a",
        None,
        "ships",
        Some("The Blogger"),
        Some("author"),
        None,
        None,
    ),
    (
        "Having said that, prices may rise.",
        "a",
        None,
        "prices",
        Some("The Blogger"),
        Some("author"),
        None,
        None,
    ),
    (
        "It is said that mines may close.",
        "a",
        None,
        "mines",
        Some("The Blogger"),
        Some("author"),
        None,
        None,
    ),
    (
        "He was told that ships may leave.",
        "a",
        None,
        "ships",
        Some("The Blogger"),
        Some("author"),
        None,
        None,
    ),
    (
        "A single month probably says little about the trend.",
        "a",
        None,
        "month",
        Some("The Blogger"),
        Some("author"),
        None,
        None,
    ),
    (
        "This suggests that demand fell.",
        "a",
        None,
        "demand",
        Some("The Blogger"),
        Some("author"),
        None,
        None,
    ),
    (
        "The figures suggest that trade has stabilized.",
        "a",
        None,
        "stabilized",
        Some("The Blogger"),
        Some("author"),
        None,
        None,
    ),
    (
        "Prices may rise again.",
        "a",
        None,
        "Prices",
        Some("The Blogger"),
        Some("author"),
        None,
        None,
    ),
    (
        "A new plant was called a model of self-reliance and it may open.",
        "a",
        None,
        "plant",
        Some("The Blogger"),
        Some("author"),
        None,
        None,
    ),
    (
        "Rice may have become dearer.",
        "q",
        Some("Daily NK"),
        "Rice",
        Some("Daily NK"),
        Some("outlet"),
        None,
        Some("Daily NK"),
    ),
];

#[test]
fn attribution_cases() {
    let mut failures = Vec::new();
    for (body, voices, cited, marker, speaker, kind, verb, outlet) in ATTRIBUTIONS {
        let p = post(body, voices, *cited);
        let s = split(&p.body);
        let claims = extract(&p, &s, &[]);
        let Some(c) = claim_for(&p, &claims, marker) else {
            failures.push(format!("{body:?}: no claim for {marker:?}"));
            continue;
        };
        let got = (
            c.speaker.as_deref(),
            c.speaker_kind.as_deref(),
            c.verb.as_deref(),
            c.outlet.as_deref(),
        );
        let want = (*speaker, *kind, *verb, *outlet);
        if got != want {
            failures.push(format!("{body:?}\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        ATTRIBUTIONS.len(),
        failures.join("\n")
    );
}

/// (sentence, hedges as written, certainty)
const HEDGES: &[(&str, &[&str], &str)] = &[
    (
        "This is far from confirmed.",
        &["far from confirmed"],
        "hedged",
    ),
    (
        "Workers were reportedly sent home.",
        &["reportedly"],
        "hedged",
    ),
    (
        "The shipment was allegedly seized.",
        &["allegedly"],
        "hedged",
    ),
    (
        "It remains unclear whether rice rose.",
        &["unclear"],
        "hedged",
    ),
    ("It was not clear why trade fell.", &["not clear"], "hedged"),
    (
        "It is far from certain that the plan works.",
        &["far from certain"],
        "hedged",
    ),
    (
        "It is far from clear, though, whether it works.",
        &["far from clear"],
        "hedged",
    ),
    ("The claim is unverified.", &["unverified"], "hedged"),
    (
        "Both reports remain unconfirmed.",
        &["unconfirmed"],
        "hedged",
    ),
    ("A sale is rumored to be near.", &["rumored"], "hedged"),
    (
        "The growth presumably reflects smuggling.",
        &["presumably"],
        "speculative",
    ),
    ("Prices will probably rise.", &["probably"], "speculative"),
    ("Exports are likely to fall.", &["likely"], "speculative"),
    ("The line may open next year.", &["may"], "speculative"),
    ("The rate might fall.", &["might"], "speculative"),
    ("The true number could be lower.", &["could"], "speculative"),
    ("Perhaps the data are wrong.", &["Perhaps"], "speculative"),
    ("Traders appear to be waiting.", &["appear"], "speculative"),
    (
        "The zone appears to have stalled.",
        &["appears"],
        "speculative",
    ),
    ("The market seems calm.", &["seems"], "speculative"),
    (
        "This suggests that demand fell.",
        &["suggests"],
        "speculative",
    ),
    (
        "Chinese firms are believed to be ready.",
        &["believed"],
        "speculative",
    ),
    (
        "The regime plans to build a port.",
        &["plans to"],
        "speculative",
    ),
    (
        "A test shipment is expected in the autumn.",
        &["expected"],
        "speculative",
    ),
    (
        "It is possible that trade recovers.",
        &["possible"],
        "speculative",
    ),
    (
        "The ship apparently sailed at night.",
        &["apparently"],
        "speculative",
    ),
    (
        "Rice reportedly doubled and may rise further.",
        &["reportedly", "may"],
        "speculative",
    ),
    (
        "It is hard to say how many left.",
        &["hard to say"],
        "hedged",
    ),
    ("The figure is doubtful.", &["doubtful"], "hedged"),
    ("The mine is said to be idle.", &["said to be"], "hedged"),
    (
        "I suspect the data are revised.",
        &["suspect"],
        "speculative",
    ),
    (
        "The report could not be independently verified.",
        &["could not be independently verified"],
        "hedged",
    ),
    ("In May, exports rose 5 percent.", &[], "asserted"),
    ("Trade rose faster than expected in 2019.", &[], "asserted"),
    (
        "The yard worked as fast as possible in 2019.",
        &[],
        "asserted",
    ),
];

#[test]
fn hedge_cases() {
    let mut failures = Vec::new();
    for (sentence, hedges, certainty) in HEDGES {
        let p = post(sentence, "a", None);
        let s = split(&p.body);
        // a figure-free, hedge-free sentence has no claim: give it a pseudo figure
        let fig = nkecon::model::Figure {
            start: 0,
            end: 1,
            kind: nkecon::model::FigureKind::Count,
            value: Some(1.0),
            low: 1.0,
            high: 1.0,
            unit: None,
            approx: nkecon::model::Approx::Exact,
            value_usd: None,
        };
        let claims = extract(&p, &s, &[fig]);
        let Some(c) = claims.first() else {
            failures.push(format!("{sentence:?}: no claim"));
            continue;
        };
        let want: Vec<String> = hedges.iter().map(|h| h.to_string()).collect();
        if c.hedges != want || c.certainty != *certainty {
            failures.push(format!(
                "{sentence:?}\n  got  {:?} {}\n  want {:?} {}",
                c.hedges, c.certainty, want, certainty
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        HEDGES.len(),
        failures.join("\n")
    );
}

#[test]
fn citation_paragraphs_give_no_claims() {
    let p = post(
        "Trade rose 5 percent, Yonhap said.\n\n(Source: Kim, “Trade may rise,” Yonhap, May 1, 2020.)",
        "ac",
        Some("Yonhap"),
    );
    let s = split(&p.body);
    let claims = extract(&p, &s, &[]);
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].sentence, 0);
    assert_eq!(claims[0].certainty, "reported");
}

#[test]
fn entities_and_dates_are_attached() {
    let p = post(
        "A source in Sinŭiju told Daily NK on Monday that Chinese trucks stopped.",
        "a",
        None,
    );
    let s = split(&p.body);
    let claims = extract(&p, &s, &[]);
    let c = &claims[0];
    assert_eq!(c.entities, vec!["Sinuiju", "Daily NK", "China"]);
    assert_eq!(c.dates.len(), 1);
    assert_eq!(
        c.dates[0].first,
        Date::from_ymd_opt(2022, 10, 24).expect("date")
    );
}

#[test]
fn figures_link_to_their_sentence() {
    let p = post(
        "Trade rose. Exports hit $5 million. Imports fell.",
        "a",
        None,
    );
    let s = split(&p.body);
    let at = p.body.find('$').expect("dollar");
    let fig = nkecon::model::Figure {
        start: at,
        end: at + 10,
        kind: nkecon::model::FigureKind::Money,
        value: Some(5e6),
        low: 5e6,
        high: 5e6,
        unit: Some("USD".into()),
        approx: nkecon::model::Approx::Exact,
        value_usd: Some(5e6),
    };
    let claims = extract(&p, &s, &[fig]);
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].sentence, 1);
    assert_eq!(claims[0].figures, vec![0]);
    assert_eq!(claims[0].certainty, "asserted");
}

#[test]
fn passive_reports_name_their_agent() {
    let p = post(
        "The ban took effect in May, as first reported by NK News.",
        "a",
        None,
    );
    let s = split(&p.body);
    let claims = extract(&p, &s, &[]);
    assert_eq!(claims[0].speaker.as_deref(), Some("NK News"));
    assert_eq!(claims[0].verb.as_deref(), Some("reported"));
    assert_eq!(claims[0].speaker_kind.as_deref(), Some("outlet"));
}

#[test]
fn odd_inputs_do_not_panic() {
    let odd = [
        "",
        "“",
        "”",
        "\"\"\"",
        "....",
        "U.S.",
        "said",
        "said the",
        "according to",
        "according to.",
        "“He said,” said he said.",
        ", said ,",
        "He said. She said. It said. They said.",
        "Nov. Nov. 31 Feb. 30, 2021. the end of",
        "P’yŏngyang’s Sinŭiju—Rason… “quoted ‘nested “deep” quote’ here",
        "0000-00-00 9999-99-99 2010-13-45 Q5 2020 H3 the fifth quarter",
        "\u{feff}\u{200b} said \u{a0} the source\u{2028}",
        "The outlet reported. The newspaper said. Told the outlet.",
    ];
    for o in odd {
        for voices in ["a", "q", "c"] {
            let p = post(o, voices, Some("Daily NK"));
            let s = split(&p.body);
            let claims = extract(&p, &s, &[]);
            for c in &claims {
                assert!(c.sentence < s.len());
                for d in &c.dates {
                    assert!(p.body.is_char_boundary(d.start) && p.body.is_char_boundary(d.end));
                }
            }
        }
    }
}

#[test]
fn corpus_slices_do_not_panic() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    let Ok(dir) = std::fs::read_dir(&root) else {
        eprintln!("skipping: ../shared/corpus absent");
        return;
    };
    for e in dir.flatten() {
        let raw = std::fs::read_to_string(e.path()).unwrap_or_default();
        let v: serde_json::Value =
            serde_json::from_str(raw.lines().next().unwrap_or("{}")).unwrap_or_default();
        let text = v["text"].as_str().unwrap_or("").to_string();
        // cut at several char boundaries, paragraphs alternating voices
        let bounds: Vec<usize> = (0..text.len())
            .step_by(997)
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for w in bounds.windows(2) {
            let body = &text[w[0]..];
            let body = &body[..(w[1] - w[0]).min(body.len())];
            let p = post(body, "aqcaqaqc", Some("Yonhap"));
            let s = split(&p.body);
            let claims = extract(&p, &s, &[]);
            assert!(claims.iter().all(|c| c.sentence < s.len()));
        }
    }
}

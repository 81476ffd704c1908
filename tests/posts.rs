//! Page parsing: invented pages for each layout variant, the shared corpus against its
//! gold annotations, merging, and span invariants on generated pages.

use nkecon::model::{Date, Document, Post, Voice};
use nkecon::posts::{merge, parse_page, Merger, ParseOptions};

fn doc(text: &str, url: Option<&str>) -> Document {
    Document {
        source: "pages/test.txt".to_string(),
        url: url.map(str::to_string),
        format: "text".to_string(),
        text: text.to_string(),
    }
}

fn parse(text: &str, url: Option<&str>) -> Vec<Post> {
    parse_page(&doc(text, url), &ParseOptions::default()).0
}

fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
    Date::from_ymd_opt(y, m, d)
}

fn para_texts(p: &Post) -> Vec<(&str, Voice)> {
    p.paragraphs
        .iter()
        .map(|x| (&p.body[x.start..x.end], x.voice))
        .collect()
}

/// Checks the invariants every post must satisfy.
fn check_spans(p: &Post) {
    let mut joined = String::new();
    for (i, para) in p.paragraphs.iter().enumerate() {
        assert!(para.start < para.end, "empty paragraph in {:?}", p.title);
        assert!(p.body.is_char_boundary(para.start) && p.body.is_char_boundary(para.end));
        if i > 0 {
            joined.push_str("\n\n");
            assert_eq!(&p.body[p.paragraphs[i - 1].end..para.start], "\n\n");
        } else {
            assert_eq!(para.start, 0);
        }
        joined.push_str(&p.body[para.start..para.end]);
    }
    assert_eq!(joined, p.body, "paragraphs must tile the body");
    assert_eq!(p.words as usize, p.body.split_whitespace().count());
    assert_eq!(p.post_id, nkecon::ids::post_id(&p.title, p.published));
}

const MONTHLY: &str = "Archive for March, 2019

Coal barges idle on the Taedong

Friday, March 15th, 2019

By Jane Roe

Barges that used to carry anthracite to Nampo have not moved for weeks, a trader told us.

Share

Second post about fertilizer

Thursday, March 7th, 2019

By: Min-jun Park 

Fertilizer deliveries from China resumed this month. The Korea Herald reports:

Some 40,000 tons crossed at Dandong in the first week, officials said.

A trader said prices had fallen by a tenth.

It is unclear whether the deliveries will continue past April.

(Source: Lee Ha-na, “Fertilizer trucks return to Dandong,” Korea Herald, March 6th, 2019.)

Share

« Older Entries\tNewer Entries »
";

#[test]
fn monthly_archive() {
    let posts = parse(MONTHLY, Some("https://blog.example/2019/03/"));
    assert_eq!(posts.len(), 2);
    let a = &posts[0];
    assert_eq!(a.title, "Coal barges idle on the Taedong");
    assert_eq!(a.published, ymd(2019, 3, 15));
    assert_eq!(a.author.as_deref(), Some("Jane Roe"));
    assert!(a.url.is_none(), "archive pages give no post URL");
    assert!(!a.body.contains("Share"));
    assert!(a.categories.is_empty());
    let b = &posts[1];
    assert_eq!(b.author.as_deref(), Some("Min-jun Park"));
    assert_eq!(b.sources.len(), 1);
    let s = &b.sources[0];
    assert_eq!(s.author.as_deref(), Some("Lee Ha-na"));
    assert_eq!(
        s.title.as_deref(),
        Some("Fertilizer trucks return to Dandong")
    );
    assert_eq!(s.outlet.as_deref(), Some("Korea Herald"));
    assert_eq!(s.published, ymd(2019, 3, 6));
    let voices: Vec<Voice> = para_texts(b).into_iter().map(|x| x.1).collect();
    assert_eq!(
        voices,
        vec![
            Voice::Author,
            Voice::Quoted,
            Voice::Quoted,
            Voice::Author,
            Voice::Citation
        ]
    );
    assert!(!b.body.contains("Older Entries"));
    for p in &posts {
        check_spans(p);
    }
}

#[test]
fn category_and_tag_archives() {
    let page = "Skip to content
Some Blog

Menu
Home
About

Archive for the ‘Energy/Power’ Category

Solar panels sell briskly in Sinuiju

Monday, June 3rd, 2019

Jane Roe

Panels sold for about 300 yuan each, traders said.

Share
";
    let posts = parse(page, Some("https://blog.example/category/energy/page/2/"));
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].categories, vec!["Energy/Power".to_string()]);
    assert_eq!(
        posts[0].author.as_deref(),
        Some("Jane Roe"),
        "bare name line"
    );
    assert!(posts[0].url.is_none());
    let tagged = page.replace(
        "Archive for the ‘Energy/Power’ Category",
        "Posts Tagged ‘solar’",
    );
    let posts = parse(&tagged, None);
    assert_eq!(posts[0].categories, vec!["solar".to_string()]);
}

#[test]
fn single_post_without_date_line_takes_url_date() {
    let page = "Grain imports from Russia rise

According to Interfax:

Russia shipped 50,000 tons of wheat to the North in the first quarter, customs data showed.

The shipments were the largest since 2011, the agency said.

Read the full story here:
Russian wheat heads to Pyongyang
Interfax
2019-4-2


Comments are closed.";
    let url = "https://blog.example/2019/04/03/grain-imports-from-russia-rise/";
    let posts = parse(page, Some(url));
    assert_eq!(posts.len(), 1);
    let p = &posts[0];
    assert_eq!(p.title, "Grain imports from Russia rise");
    assert_eq!(p.published, ymd(2019, 4, 3));
    assert_eq!(p.url.as_deref(), Some(url));
    assert_eq!(p.author, None);
    assert_eq!(p.sources.len(), 1);
    assert_eq!(p.sources[0].outlet.as_deref(), Some("Interfax"));
    assert_eq!(
        p.sources[0].title.as_deref(),
        Some("Russian wheat heads to Pyongyang")
    );
    assert_eq!(p.sources[0].published, ymd(2019, 4, 2));
    assert!(!p.body.contains("Comments are closed"));
    let last = p.paragraphs.last().unwrap();
    assert_eq!(last.voice, Voice::Citation);
    check_spans(p);
}

#[test]
fn single_post_with_byline_and_header() {
    let page = "Skip to content
Some Blog

Menu
Home
Contact

Ferry service to Vladivostok suspended

By: Jane Roe

The ferry stopped running last week after the operator ran up debts.

Comments are closed.";
    let url = "https://blog.example/2017/11/28/ferry-service-to-vladivostok-suspended/";
    let posts = parse(page, Some(url));
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].title, "Ferry service to Vladivostok suspended");
    assert_eq!(posts[0].author.as_deref(), Some("Jane Roe"));
    assert_eq!(posts[0].published, ymd(2017, 11, 28));
}

#[test]
fn news_site_page() {
    let page = "Home > News > Economy

Date : May 4, 2015
Pyongyang Department Store Adds Imported Goods
   http://news.example/read.php?num=123&cat=4 [1502]
The store now stocks Chinese televisions and Japanese cosmetics, a visitor said.
Prices are quoted in dollars and in yuan.
Most shoppers pay cash, the visitor added.
Source: NK Daily Report

Prev  Next
";
    let posts = parse(page, Some("https://news.example/board.php?id=55"));
    assert_eq!(posts.len(), 1);
    let p = &posts[0];
    assert_eq!(p.title, "Pyongyang Department Store Adds Imported Goods");
    assert_eq!(p.published, ymd(2015, 5, 4));
    assert_eq!(p.author, None);
    assert_eq!(p.sources.len(), 1);
    assert_eq!(p.sources[0].outlet.as_deref(), Some("NK Daily Report"));
    assert!(
        !p.body.contains("http"),
        "URL line with counter is furniture"
    );
    assert!(!p.body.contains("Prev"));
    assert_eq!(p.paragraphs.len(), 4, "one line, one paragraph");
    check_spans(p);
}

#[test]
fn organisation_header_and_outlet_line() {
    let page = "Archive for June, 2013

Rail link nears completion

Tuesday, June 11th, 2013

Institute for Far Eastern Studies (IFES)
2013-6-11

The 54-kilometer line is being converted to dual gauge.

Share

Kaesong talks stall

Saturday, November 3rd, 2007

Yonhap / 11/3/2007

Talks on the industrial zone broke off without agreement on Friday.

Share
";
    let posts = parse(page, None);
    assert_eq!(posts.len(), 2);
    assert_eq!(
        posts[0].author.as_deref(),
        Some("Institute for Far Eastern Studies (IFES)")
    );
    assert!(posts[0].sources.is_empty());
    assert!(!posts[0].body.contains("2013-6-11"));
    assert_eq!(
        posts[1].author, None,
        "an outlet line is a source, not an author"
    );
    assert_eq!(posts[1].sources.len(), 1);
    assert_eq!(posts[1].sources[0].outlet.as_deref(), Some("Yonhap"));
    assert_eq!(posts[1].sources[0].published, ymd(2007, 11, 3));
    assert!(posts[1].body.starts_with("Talks on"));
}

#[test]
fn date_line_variants() {
    let cases = [
        ("Wednesday, October 26th, 2022", ymd(2022, 10, 26)),
        ("October 26th, 2022", ymd(2022, 10, 26)),
        ("October 26, 2022", ymd(2022, 10, 26)),
        ("26 October 2022", ymd(2022, 10, 26)),
        ("2022-10-26", ymd(2022, 10, 26)),
        ("2012-5-29", ymd(2012, 5, 29)),
        ("Posted on Oct. 26, 2022", ymd(2022, 10, 26)),
        ("Date: 2022/10/26", ymd(2022, 10, 26)),
    ];
    for (line, want) in cases {
        let page =
            format!("A headline about rice\n\n{line}\n\nBy Jane Roe\n\nRice was dear.\n\nShare\n");
        let posts = parse(&page, None);
        assert_eq!(posts.len(), 1, "{line}");
        assert_eq!(posts[0].published, want, "{line}");
        assert_eq!(posts[0].author.as_deref(), Some("Jane Roe"), "{line}");
    }
}

#[test]
fn compact_and_date_first_layouts() {
    // no blank line between the title and the date
    let page = "Archive for May, 2014\n\nFirst headline\nThursday, May 22nd, 2014\n\nBy Jane Roe\n\nBody one.\n\nShare\n\nSecond headline\nMay 15th, 2014\n\nBody two.\n\nShare\n";
    let posts = parse(page, None);
    let titles: Vec<&str> = posts.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["First headline", "Second headline"]);
    assert_eq!(posts[1].published, ymd(2014, 5, 15));
    // the date above the title
    let page = "Archive for May, 2014\n\nMay 22, 2014\n\nFirst headline\n\nBy Jane Roe\n\nBody one is here.\n\nMay 15, 2014\n\nSecond headline\n\nBody two is here.\n";
    let posts = parse(page, None);
    let titles: Vec<&str> = posts.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["First headline", "Second headline"]);
    assert_eq!(posts[0].author.as_deref(), Some("Jane Roe"));
    assert_eq!(posts[0].body, "Body one is here.");
}

#[test]
fn teaser_keeps_partial_body() {
    let page = "Archive for the ‘Markets’ Category

Rice prices in the spring

Monday, April 1st, 2019

By Jane Roe

Rice sold for 5,000 won in Hyesan. Corn was cheaper. Continue reading →

3 Comments

Share
";
    let posts = parse(page, None);
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].body,
        "Rice sold for 5,000 won in Hyesan. Corn was cheaper."
    );
    let page2 = page.replace(" Continue reading →", "\n\nContinue reading");
    let posts = parse(&page2, None);
    assert_eq!(
        posts[0].body,
        "Rice sold for 5,000 won in Hyesan. Corn was cheaper."
    );
}

#[test]
fn post_without_date_is_kept() {
    let page = "Archive for the ‘Tourism’ Category

Tour groups return

By Jane Roe

Tour operators report more bookings this summer than last.

Share

Ferry resumes

Tuesday, July 2nd, 2019

The ferry is running again, its operator said.

Share
";
    let posts = parse(page, None);
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0].title, "Tour groups return");
    assert_eq!(posts[0].published, None);
    assert_eq!(posts[0].author.as_deref(), Some("Jane Roe"));
    assert_eq!(posts[1].published, ymd(2019, 7, 2));
}

#[test]
fn wrapped_lines_are_joined() {
    let page = "Archive for July, 2010

Wrapped headline

Monday, July 12th, 2010

The complex employed about 44,000 workers at the end of June, according
to figures the ministry gave lawmakers, an increase of more than 2,000
since January.

Share
";
    let posts = parse(page, None);
    assert_eq!(posts[0].paragraphs.len(), 1);
    assert!(posts[0].body.contains("according to figures"));
    assert!(!posts[0].body.contains('\n'));
}

#[test]
fn citation_block_with_blank_lines_and_author() {
    let page = "Archive for May, 2014

Workers abroad

Thursday, May 8th, 2014

Estimates vary widely. According to NK Report:

Between 50,000 and 65,000 workers are employed abroad, a researcher said.

Read the full story here:

Counting the workers abroad

NK Report

John Smith

2014-5-7

Share
";
    let posts = parse(page, None);
    assert_eq!(posts.len(), 1, "the dated citation block is not a post");
    let s = &posts[0].sources[0];
    assert_eq!(s.title.as_deref(), Some("Counting the workers abroad"));
    assert_eq!(s.outlet.as_deref(), Some("NK Report"));
    assert_eq!(s.author.as_deref(), Some("John Smith"));
    assert_eq!(s.published, ymd(2014, 5, 7));
    check_spans(&posts[0]);
}

#[test]
fn page_without_post_is_rejected() {
    let (posts, rejects) = parse_page(
        &doc("Skip to content\nMenu\nHome\n\n« Older Entries\n", None),
        &ParseOptions::default(),
    );
    assert!(posts.is_empty());
    assert_eq!(rejects.len(), 1);
    assert_eq!(rejects[0].stage, "parse_posts");
    assert_eq!(rejects[0].reason, "no_post");
}

#[test]
fn merge_keeps_fullest_body_and_unions() {
    let teaser_page = "Archive for the ‘Trade’ Category\n\nTrade news\n\nMay 2, 2014\n\nShort teaser. Continue reading\n";
    let full_page = "Archive for the ‘Statistics’ Category\n\nTrade news\n\nMay 2, 2014\n\nBy Jane Roe\n\nShort teaser. And the full text follows here.\n\nSecond paragraph.\n\n(Source: Reuters, May 1, 2014)\n\nShare\n";
    let mut a = parse_page(
        &Document {
            source: "a.txt".into(),
            ..doc(teaser_page, None)
        },
        &ParseOptions::default(),
    )
    .0
    .remove(0);
    let b = parse_page(
        &Document {
            source: "b.txt".into(),
            ..doc(full_page, None)
        },
        &ParseOptions::default(),
    )
    .0
    .remove(0);
    assert_eq!(a.post_id, b.post_id);
    let full_body = b.body.clone();
    merge(&mut a, b.clone());
    assert_eq!(a.body, full_body);
    assert_eq!(a.seen_in, vec!["a.txt".to_string(), "b.txt".to_string()]);
    assert_eq!(
        a.categories,
        vec!["Trade".to_string(), "Statistics".to_string()]
    );
    assert_eq!(a.author.as_deref(), Some("Jane Roe"));
    assert_eq!(a.sources.len(), 1);
    check_spans(&a);
    // merging the same page again adds nothing
    merge(&mut a, b.clone());
    assert_eq!(a.seen_in.len(), 2);
    let mut m = Merger::new();
    m.add(b.clone());
    m.add(b);
    assert_eq!(m.len(), 1);
}

/// A tiny deterministic generator (xorshift) for page fragments.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

#[test]
fn spans_slice_the_body_on_generated_pages() {
    let heads = [
        "Archive for May, 2014",
        "Archive for the ‘Kŏngsŏng’ Category",
        "Skip to content\nMenu\nHome",
        "",
    ];
    let titles = [
        "Rice in Hyesan",
        "Trade — up again?",
        "Sinŭiju’s market",
        "“Quoted” headline",
    ];
    let dates = [
        "Monday, May 5th, 2014",
        "2014-5-5",
        "May 5, 2014",
        "Date : May 5, 2014",
        "",
    ];
    let bylines = [
        "By Jane Roe",
        "By: Kim Ŭn-ju",
        "Institute for Far Eastern Studies (IFES)\n2014-5-5",
        "Yonhap / 5/5/2014",
        "",
    ];
    let paras = [
        "Prices rose — sharply — in Hyesan, traders said.",
        "According to Yonhap:",
        "“We have nothing,” a resident said. It is presumably seasonal.",
        "Rice: 5,000 ₩ per kg; corn 2,000 ₩.\nwrapped onto a second line here.",
        "(Source: Jane Roe, “Prices up,” Daily NK, May 4th, 2014.)",
        "Read the full story here:\nPrices up\nDaily NK\n2014-5-4",
        "Source: Yonhap News",
        "Share",
        "3 Comments",
        "Continue reading →",
        "Kŏngsŏng ",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..400 {
        let mut page = String::new();
        page.push_str(rng.pick(&heads));
        page.push_str("\n\n");
        let n = 1 + rng.next() % 3;
        for _ in 0..n {
            for part in [rng.pick(&titles), rng.pick(&dates), rng.pick(&bylines)] {
                if !part.is_empty() {
                    page.push_str(part);
                    page.push_str("\n\n");
                }
            }
            for _ in 0..(1 + rng.next() % 6) {
                page.push_str(rng.pick(&paras));
                page.push_str(if rng.next() % 4 == 0 { "\n" } else { "\n\n" });
            }
        }
        let (posts, rejects) = parse_page(&doc(&page, None), &ParseOptions::default());
        assert!(posts.len() + rejects.len() >= 1);
        for p in &posts {
            check_spans(p);
        }
    }
}

/// The shared corpus against the gold titles, dates and authors.
#[test]
fn shared_corpus_matches_gold() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let gold_dir = shared.join("gold");
    if !gold_dir.exists() {
        println!("skipping: ../shared (corpus and gold) is not present");
        return;
    }
    let mut files = vec![gold_dir.join("seed.json")];
    let mut dev: Vec<_> = std::fs::read_dir(gold_dir.join("dev"))
        .expect("gold/dev")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    dev.sort();
    files.extend(dev);
    let norm = |s: &str| nkecon::ids::normalize_title(s);
    let (mut asked, mut titles, mut dates, mut authors) = (0, 0, 0, 0);
    for g in files {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&g).expect("gold")).expect("json");
        let file = gold["file"].as_str().expect("file");
        let raw = std::fs::read_to_string(shared.join(file)).expect("page");
        let (text, url) = if file.ends_with(".jsonl") {
            let v: serde_json::Value =
                serde_json::from_str(raw.lines().next().expect("record")).expect("jsonl");
            (
                v["text"].as_str().expect("text").to_string(),
                v["url"].as_str().map(str::to_string),
            )
        } else {
            (raw, None)
        };
        let posts = parse(&text, url.as_deref());
        for p in &posts {
            check_spans(p);
        }
        for gp in gold["posts"].as_array().expect("posts") {
            asked += 1;
            let gt = gp["title"].as_str().unwrap_or_default();
            let Some(p) = posts.iter().find(|p| norm(&p.title) == norm(gt)) else {
                println!("{file}: missed {gt:?}");
                continue;
            };
            titles += 1;
            if p.published.map(|d| d.to_string()).as_deref() == gp["published"].as_str() {
                dates += 1;
            } else {
                println!("{file}: {gt:?} published {:?}", p.published);
            }
            if p.author.as_deref().map(norm) == gp["author"].as_str().map(norm) {
                authors += 1;
            } else {
                println!("{file}: {gt:?} author {:?}", p.author);
            }
        }
    }
    println!("titles {titles}/{asked}, dates {dates}/{asked}, authors {authors}/{asked}");
    assert!(asked > 0);
    assert!(
        titles as f64 >= 0.99 * asked as f64,
        "titles {titles}/{asked}"
    );
    assert!(dates as f64 >= 0.99 * asked as f64, "dates {dates}/{asked}");
    assert!(
        authors as f64 >= 0.97 * asked as f64,
        "authors {authors}/{asked}"
    );
}

#[test]
fn several_stories_in_one_citation_block() {
    let page = "Archive for May, 2014

Two reports on wages

Friday, May 2nd, 2014

Two outlets covered the wage talks this week.

Read the full stories here:
Wage talks resume
Korea Herald
2014-5-1

Kaesong wages to rise
Yonhap
Kim Min
2014-5-2

Share
";
    let posts = parse(page, None);
    assert_eq!(posts.len(), 1);
    let outlets: Vec<_> = posts[0]
        .sources
        .iter()
        .map(|s| s.outlet.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(outlets, ["Korea Herald", "Yonhap"]);
    assert_eq!(posts[0].sources[1].author.as_deref(), Some("Kim Min"));
    assert_eq!(posts[0].paragraphs.len(), 3);
    assert_eq!(posts[0].paragraphs[2].voice, Voice::Citation);
}

#[test]
fn header_groups_under_the_date() {
    let page = "Archive for July, 2010

Fertilizer output rises

Monday, July 5th, 2010

Institute for Far Eastern Studies (IFES)
NK Brief No. 10-07-05-1
2010-7-5

The plant raised output by a fifth, state media said.

Share

Currency exchange rumours

Tuesday, July 6th, 2010

Daily NK
Kim Min-ho
2010-7-6

Traders in Hyesan stopped selling dollars on Monday.

Share

A note on sources

Wednesday, July 7th, 2010

By Jane Roe on July 7, 2010

Most figures in this post come from customs data.

Share
";
    let posts = parse(page, None);
    assert_eq!(posts.len(), 3);
    assert_eq!(
        posts[0].author.as_deref(),
        Some("Institute for Far Eastern Studies (IFES)")
    );
    assert!(posts[0].body.starts_with("The plant"));
    assert_eq!(posts[1].author, None);
    let s = &posts[1].sources[0];
    assert_eq!(s.outlet.as_deref(), Some("Daily NK"));
    assert_eq!(s.author.as_deref(), Some("Kim Min-ho"));
    assert_eq!(s.published, ymd(2010, 7, 6));
    assert!(posts[1].body.starts_with("Traders"));
    assert_eq!(posts[2].author.as_deref(), Some("Jane Roe"));
    assert!(posts[2].body.starts_with("Most figures"));
}

#[test]
fn title_case_first_line_is_not_an_author() {
    let page = "Archive for July, 2010

Markets in the north

Monday, July 5th, 2010

Hyesan Market Prices Rise Again This Week

Rice rose to 900 won per kilogram, a trader said.

Share
";
    let posts = parse(page, None);
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].author, None);
    assert!(posts[0].body.starts_with("Hyesan Market"));
}

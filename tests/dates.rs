//! Table-driven date cases (own prose): (text, post date, [(expression, first, last)]).

use nkecon::dates::find;
use nkecon::model::Date;

fn d(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);

const CASES: &[Case] = &[
    // weekdays: the latest such day not after the post
    (
        "A trader said on Monday that prices rose.",
        "2022-10-26",
        &[("on Monday", "2022-10-24", "2022-10-24")],
    ),
    (
        "The ministry said Wednesday it would wait.",
        "2013-06-26",
        &[("Wednesday", "2013-06-26", "2013-06-26")],
    ),
    (
        "Officials met last Wednesday.",
        "2016-02-15",
        &[("last Wednesday", "2016-02-10", "2016-02-10")],
    ),
    (
        "On Saturday the border reopened.",
        "2017-08-08",
        &[("On Saturday", "2017-08-05", "2017-08-05")],
    ),
    (
        "The agency reported on Friday.",
        "2019-07-26",
        &[("on Friday", "2019-07-26", "2019-07-26")],
    ),
    (
        "Talks resume next Monday.",
        "2019-07-26",
        &[("next Monday", "2019-07-29", "2019-07-29")],
    ),
    (
        "It happened on Sunday.",
        "2008-01-21",
        &[("on Sunday", "2008-01-20", "2008-01-20")],
    ),
    (
        "A source spoke on Thursday.",
        "2017-11-24",
        &[("on Thursday", "2017-11-23", "2017-11-23")],
    ),
    // relative days, weeks, months, years
    (
        "The figures came out yesterday.",
        "2017-10-13",
        &[("yesterday", "2017-10-12", "2017-10-12")],
    ),
    (
        "Rates moved today.",
        "2020-03-03",
        &[("today", "2020-03-03", "2020-03-03")],
    ),
    (
        "Prices jumped last week.",
        "2010-07-28",
        &[("last week", "2010-07-19", "2010-07-25")],
    ),
    (
        "Prices held this week.",
        "2010-07-28",
        &[("this week", "2010-07-26", "2010-08-01")],
    ),
    (
        "Trade fell last month.",
        "2022-01-10",
        &[("last month", "2021-12-01", "2021-12-31")],
    ),
    (
        "Trade rose this month.",
        "2022-02-10",
        &[("this month", "2022-02-01", "2022-02-28")],
    ),
    (
        "Exports fell last year.",
        "2014-05-22",
        &[("last year", "2013-01-01", "2013-12-31")],
    ),
    (
        "Imports rose this year.",
        "2014-05-22",
        &[("this year", "2014-01-01", "2014-12-31")],
    ),
    (
        "A new plan starts next year.",
        "2014-05-22",
        &[("next year", "2015-01-01", "2015-12-31")],
    ),
    (
        "Sales were weak in the previous month.",
        "2021-08-19",
        &[("the previous month", "2021-07-01", "2021-07-31")],
    ),
    (
        "Harvests improved earlier this year.",
        "2021-08-19",
        &[("earlier this year", "2021-01-01", "2021-12-31")],
    ),
    // month and day
    (
        "Selections start on Nov. 1.",
        "2022-10-26",
        &[("Nov. 1", "2022-11-01", "2022-11-01")],
    ),
    (
        "Work will resume November 15.",
        "2022-10-26",
        &[("November 15", "2022-11-15", "2022-11-15")],
    ),
    (
        "The rule took effect on March 9.",
        "2014-05-20",
        &[("March 9", "2014-03-09", "2014-03-09")],
    ),
    (
        "The survey of June 20 shows it.",
        "2023-06-28",
        &[("June 20", "2023-06-20", "2023-06-20")],
    ),
    (
        "It closed on December 30.",
        "2023-01-05",
        &[("December 30", "2022-12-30", "2022-12-30")],
    ),
    (
        "It was posted October 26th, 2022.",
        "2023-01-05",
        &[("October 26th, 2022", "2022-10-26", "2022-10-26")],
    ),
    (
        "The test was on 12 February 2013.",
        "2013-04-12",
        &[("12 February 2013", "2013-02-12", "2013-02-12")],
    ),
    (
        "Markets shut from December 26 to 31.",
        "2023-01-05",
        &[("December 26 to 31", "2022-12-26", "2022-12-31")],
    ),
    (
        "Deliveries ran until January 31.",
        "2021-03-02",
        &[("January 31", "2021-01-31", "2021-01-31")],
    ),
    (
        "The release is dated 2010-7-26.",
        "2010-07-28",
        &[("2010-7-26", "2010-07-26", "2010-07-26")],
    ),
    // months
    (
        "Trade in September rose.",
        "2022-10-25",
        &[("September", "2022-09-01", "2022-09-30")],
    ),
    (
        "Trade in December fell.",
        "2023-01-20",
        &[("December", "2022-12-01", "2022-12-31")],
    ),
    (
        "Workers will leave in November.",
        "2022-10-21",
        &[("November", "2022-11-01", "2022-11-30")],
    ),
    (
        "Exports rose in November.",
        "2022-10-21",
        &[("November", "2021-11-01", "2021-11-30")],
    ),
    (
        "In January 2020 the border closed.",
        "2022-10-25",
        &[("January 2020", "2020-01-01", "2020-01-31")],
    ),
    (
        "Prices peaked in May 2021.",
        "2022-10-25",
        &[("May 2021", "2021-05-01", "2021-05-31")],
    ),
    ("Trade may fall.", "2022-10-25", &[]),
    // qualified periods
    (
        "They will go in early November.",
        "2022-10-21",
        &[("early November", "2022-11-01", "2022-11-10")],
    ),
    (
        "Rain fell in mid-July.",
        "2022-10-21",
        &[("mid-July", "2022-07-11", "2022-07-20")],
    ),
    (
        "Prices rose in late June.",
        "2022-10-21",
        &[("late June", "2022-06-21", "2022-06-30")],
    ),
    (
        "Submit it by the end of November.",
        "2022-10-26",
        &[("the end of November", "2022-11-30", "2022-11-30")],
    ),
    (
        "Prices have climbed since the beginning of the year.",
        "2022-10-26",
        &[("the beginning of the year", "2022-01-01", "2022-01-01")],
    ),
    (
        "Rice cost 600 won at the start of June.",
        "2010-07-28",
        &[("the start of June", "2010-06-01", "2010-06-01")],
    ),
    (
        "The plan dates from early 2018.",
        "2019-01-24",
        &[("early 2018", "2018-01-01", "2018-04-30")],
    ),
    (
        "Output recovered in late 2019.",
        "2020-03-01",
        &[("late 2019", "2019-09-01", "2019-12-31")],
    ),
    // quarters, halves, leading months, ranges
    (
        "Trade shrank in the first quarter of 2013.",
        "2013-04-12",
        &[("the first quarter of 2013", "2013-01-01", "2013-03-31")],
    ),
    (
        "Trade shrank in the first quarter.",
        "2013-04-12",
        &[("the first quarter", "2013-01-01", "2013-03-31")],
    ),
    (
        "Trade grew in the fourth quarter.",
        "2023-01-20",
        &[("the fourth quarter", "2022-10-01", "2022-12-31")],
    ),
    (
        "Exports rose in the first half of 2017.",
        "2017-08-01",
        &[("the first half of 2017", "2017-01-01", "2017-06-30")],
    ),
    (
        "Imports fell in the second half of last year.",
        "2017-08-01",
        &[("the second half of last year", "2016-07-01", "2016-12-31")],
    ),
    (
        "Trade in the first five months of the year rose.",
        "2017-06-20",
        &[(
            "the first five months of the year",
            "2017-01-01",
            "2017-05-31",
        )],
    ),
    (
        "Exports in Q1 2019 fell.",
        "2019-06-20",
        &[("Q1 2019", "2019-01-01", "2019-03-31")],
    ),
    (
        "Trade in January–June rose.",
        "2017-07-17",
        &[("January–June", "2017-01-01", "2017-06-30")],
    ),
    (
        "Trade in January-March 2013 fell.",
        "2017-07-17",
        &[("January-March 2013", "2013-01-01", "2013-03-31")],
    ),
    (
        "Goods shipped between January and May rose.",
        "2010-07-20",
        &[("between January and May", "2010-01-01", "2010-05-31")],
    ),
    (
        "Sales from April to June fell.",
        "2010-07-20",
        &[("April to June", "2010-04-01", "2010-06-30")],
    ),
    // years and decades
    (
        "The lease was signed in 2008.",
        "2010-07-05",
        &[("2008", "2008-01-01", "2008-12-31")],
    ),
    (
        "Similar plans in the 1990s failed.",
        "2010-07-05",
        &[("the 1990s", "1990-01-01", "1999-12-31")],
    ),
    ("About 2,000 workers left.", "2010-07-05", &[]),
    ("It cost $2010 per ton.", "2010-07-05", &[]),
    ("Resolution 2397 capped fuel.", "2018-07-05", &[]),
    ("Output hit 2019 tons.", "2019-07-05", &[]),
    // several in one sentence
    (
        "A source said on Monday that round two starts on Nov. 1 and ends by the end of November.",
        "2022-10-26",
        &[
            ("on Monday", "2022-10-24", "2022-10-24"),
            ("Nov. 1", "2022-11-01", "2022-11-01"),
            ("the end of November", "2022-11-30", "2022-11-30"),
        ],
    ),
];

#[test]
fn date_cases() {
    let mut failures = Vec::new();
    for (text, anchor, want) in CASES {
        let got: Vec<(String, String, String)> = find(text, 0, text.len(), Some(d(anchor)))
            .into_iter()
            .map(|m| {
                (
                    text[m.start..m.end].to_string(),
                    m.first.to_string(),
                    m.last.to_string(),
                )
            })
            .collect();
        let want: Vec<(String, String, String)> = want
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect();
        if got != want {
            failures.push(format!(
                "{text:?} @ {anchor}\n  got  {got:?}\n  want {want:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn relative_dates_need_an_anchor() {
    let t = "Prices rose on Monday and in September, but not in January 2020.";
    let got = find(t, 0, t.len(), None);
    assert_eq!(got.len(), 1);
    assert_eq!(&t[got[0].start..got[0].end], "January 2020");
}

#[test]
fn span_offsets_are_into_the_whole_text() {
    let t = "Intro. It rose in September.";
    let got = find(t, 7, t.len(), Some(d("2022-10-25")));
    assert_eq!(got.len(), 1);
    assert_eq!(&t[got[0].start..got[0].end], "September");
}

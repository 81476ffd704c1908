//! Table-driven sentence splitting cases (own prose).

use nkecon::sentences::split;

fn run(text: &str) -> Vec<String> {
    split(text)
        .iter()
        .map(|s| text[s.start..s.end].to_string())
        .collect()
}

const CASES: &[(&str, &[&str])] = &[
    ("Trade fell. Prices rose.", &["Trade fell.", "Prices rose."]),
    (
        "Did it fall? Nobody knows!",
        &["Did it fall?", "Nobody knows!"],
    ),
    (
        "N. Korea sold coal to China. It earned little.",
        &["N. Korea sold coal to China.", "It earned little."],
    ),
    (
        "The U.S. embassy said nothing. The U.N. panel did.",
        &["The U.S. embassy said nothing.", "The U.N. panel did."],
    ),
    (
        "Talks resume on Nov. 1 in Beijing. Both sides agreed.",
        &["Talks resume on Nov. 1 in Beijing.", "Both sides agreed."],
    ),
    (
        "The deal was signed on Jan. 15. Exports began soon after.",
        &[
            "The deal was signed on Jan. 15.",
            "Exports began soon after.",
        ],
    ),
    (
        "Mr. Kim met Gen. Park at noon. They talked.",
        &["Mr. Kim met Gen. Park at noon.", "They talked."],
    ),
    (
        "Plant No. 2 reopened last week. Output doubled.",
        &["Plant No. 2 reopened last week.", "Output doubled."],
    ),
    (
        "Some goods, e.g. wigs, are exempt. Others are not.",
        &["Some goods, e.g. wigs, are exempt.", "Others are not."],
    ),
    (
        "It cost approx. 40 yuan. That is cheap.",
        &["It cost approx. 40 yuan.", "That is cheap."],
    ),
    (
        "Exports reached $14.2 million. Imports were larger.",
        &["Exports reached $14.2 million.", "Imports were larger."],
    ),
    (
        "Growth was 3.5 percent in 2019.",
        &["Growth was 3.5 percent in 2019."],
    ),
    (
        "Kim J. Park wrote the report. It is long.",
        &["Kim J. Park wrote the report.", "It is long."],
    ),
    (
        "“Prices are up,” the trader said. “Nobody buys.”",
        &["“Prices are up,” the trader said.", "“Nobody buys.”"],
    ),
    (
        "He said “it is over.” Then he left.",
        &["He said “it is over.”", "Then he left."],
    ),
    (
        "The quota (about 5,000 tons.) was met. Shipments stopped.",
        &[
            "The quota (about 5,000 tons.) was met.",
            "Shipments stopped.",
        ],
    ),
    (
        "It was small. (Nobody expected more.) Trade resumed.",
        &["It was small.", "(Nobody expected more.)", "Trade resumed."],
    ),
    (
        "The plan — ambitious as ever — failed. Officials shrugged.",
        &[
            "The plan — ambitious as ever — failed.",
            "Officials shrugged.",
        ],
    ),
    (
        "Prices rose… Then they fell again.",
        &["Prices rose…", "Then they fell again."],
    ),
    (
        "Prices rose... and then fell again.",
        &["Prices rose... and then fell again."],
    ),
    (
        "First paragraph\n\nSecond paragraph",
        &["First paragraph", "Second paragraph"],
    ),
    (
        "No full stop here\n\nNor here.",
        &["No full stop here", "Nor here."],
    ),
    ("One.\n\n\n\nTwo.", &["One.", "Two."]),
    (
        "  Leading space. Trailing space.  ",
        &["Leading space.", "Trailing space."],
    ),
    ("", &[]),
    ("\n\n", &[]),
    (
        "The U.S.-led coalition met. It agreed.",
        &["The U.S.-led coalition met.", "It agreed."],
    ),
    (
        "Trade with the U.S. North Korea policy team was discussed.",
        &["Trade with the U.S. North Korea policy team was discussed."],
    ),
    (
        "Prices rose in the U.S. The rise was modest.",
        &["Prices rose in the U.S.", "The rise was modest."],
    ),
    (
        "The ship left at 3 p.m. and arrived late.",
        &["The ship left at 3 p.m. and arrived late."],
    ),
    (
        "He visited St. Petersburg twice. Both trips were short.",
        &["He visited St. Petersburg twice.", "Both trips were short."],
    ),
    (
        "Output fell 5 percent. 2019 was worse.",
        &["Output fell 5 percent.", "2019 was worse."],
    ),
    (
        "Title line without stop\nBody starts here. It continues.",
        &[
            "Title line without stop",
            "Body starts here.",
            "It continues.",
        ],
    ),
    (
        "A wrapped line that goes on\nand on until here.",
        &["A wrapped line that goes on\nand on until here."],
    ),
    (
        "Rice cost 5,000 won, up from\nApril levels.",
        &["Rice cost 5,000 won, up from\nApril levels."],
    ),
    (
        "Sources told the Daily NK. “Nothing moves,” one said.",
        &["Sources told the Daily NK.", "“Nothing moves,” one said."],
    ),
    (
        "The rate was ₩8,000 per dollar! Traders were stunned.",
        &["The rate was ₩8,000 per dollar!", "Traders were stunned."],
    ),
    (
        "Is the data right?” he asked. Maybe.",
        &["Is the data right?” he asked.", "Maybe."],
    ),
    (
        "Sinŭiju traders agreed. P’yŏngyang did not.",
        &["Sinŭiju traders agreed.", "P’yŏngyang did not."],
    ),
    (
        "See Fig. 3 for details. It shows the trend.",
        &["See Fig. 3 for details.", "It shows the trend."],
    ),
    (
        "Exports rose in Sept. and Oct. but fell later.",
        &["Exports rose in Sept. and Oct. but fell later."],
    ),
    (
        "The D.P.R.K. rejected it. Talks ended.",
        &["The D.P.R.K. rejected it.", "Talks ended."],
    ),
    (
        "Dandong Hongxiang Co. Ltd shipped coal. Nobody objected.",
        &[
            "Dandong Hongxiang Co. Ltd shipped coal.",
            "Nobody objected.",
        ],
    ),
    (
        "The deal went to Acme Inc. The price was secret.",
        &["The deal went to Acme Inc.", "The price was secret."],
    ),
    (
        "Rice, corn, beans, etc. were scarce. Prices rose.",
        &["Rice, corn, beans, etc. were scarce.", "Prices rose."],
    ),
];

#[test]
fn sentence_cases() {
    let mut failures = Vec::new();
    for (text, want) in CASES {
        let got = run(text);
        let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        if got != want {
            failures.push(format!("{text:?}\n  got  {got:?}\n  want {want:?}"));
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
fn spans_are_ordered_and_on_char_boundaries() {
    for (text, _) in CASES {
        let s = split(text);
        for w in s.windows(2) {
            assert!(w[0].end <= w[1].start, "{text:?}");
        }
        for x in &s {
            assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
            assert!(x.start < x.end);
        }
    }
}

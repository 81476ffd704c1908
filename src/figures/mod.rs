//! Figures: every number in a text as a typed, normalised [`Figure`].
//!
//! [`extract`] is a hand-written scanner: it walks the bytes once, stops only at digits
//! and at the few words that can start a written number ("six", "twenty-five", "a
//! dozen"), reads the number with its currency, scale, range partner, unit and
//! qualifier by looking a few words left and right, and moves on. No regular
//! expressions, no backtracking; the figures come out in order, non-overlapping, with
//! byte offsets into the text.
//!
//! # What a figure is
//!
//! - **Numbers**: digits with separators and decimals (`1,000`, `1.5`), glued scales
//!   (`$14.2m`, `1.5bn`, `$5k`), scale words (`2.5 trillion`), written numbers (`six`,
//!   `twenty-five`, `a dozen`, `two hundred thousand`).
//! - **Money**: a currency before (`$`, `US$`, `HK$`, `€`, `£`, `¥`, `₩`, `RMB 100`,
//!   `KPW 5,000`) or after (`won`, `yuan`, `dollars`, `US dollars`, `euros`, `rubles`,
//!   `złoty`, `990 million USD`); the unit is the ISO code. "5,600 won per kg" is
//!   money; the "per kg" stays outside the span.
//! - **Percent**: `percent`, `per cent`, `%`, `pct`, `percentage points`.
//! - **Durations**: `year`, `month`, `week`, `day`, `hour`, `minute`, `decade`, also as
//!   hyphenated adjectives ("a 10-year lease", "a five-month closure").
//! - **Quantities**: `ton` (tons, tonnes, metric tons), `kg`, `km`, `m`, `mile`,
//!   `hectare`, `acre`, `kWh`/`MWh`/`GWh`/`TWh`, `kW`/`MW`/`GW`, `barrel`, `liter`, `TEU`.
//! - **Counts**: a number before a plural noun phrase. The unit is the head noun,
//!   singularised; people (people, workers, laborers, residents, defectors, North
//!   Koreans, tourists, officials, …) are `person`; adjectives are dropped ("12 major
//!   sectors" → `sector`, "124 South Korean companies" → `company`), a noun modifier
//!   is kept ("40 small power stations" → `power station`). A number with nothing
//!   counted after it ("about 2,000 of them") is a count with unit `None`, unless the
//!   sentence says "the number of X … exceeded 49,000" (unit from X). An elliptic
//!   number takes the unit of its neighbour when only a list or comparison word
//!   joins them: "1,250 won, up from 1,100", "4,500, 4,600 and 4,700 won", "15
//!   percent from 12".
//! - **Ranges** are one figure with `value: None`, `low < high`: "800 to 1,000",
//!   "800-1,000", "30–60", "between 30 and 60", "1.2-1.5 billion" and "$1.2 to $1.5
//!   billion" (the scale of the right end applies to the left end when that keeps the
//!   range increasing), "range from 15,000 to 40,000". After a verb of change
//!   ("rose from 800 to 1,000") the two numbers are separate figures.
//!
//! # Qualifiers (`approx`)
//!
//! Cues before the number are part of the span: `approx` (about, around, some,
//! roughly, nearly, almost, approximately, an estimated, close to, perhaps, circa, ~),
//! `over` (over, more than, above, well/slightly/just over, in excess of, upwards of,
//! exceeding), `under` (under, less than, fewer than, below, slightly/just/well under),
//! `at_least` (at least, no less than, as little as, as low as),
//! `at_most` (up to, as many as, as much as, no more than, at most). "A minimum of
//! $60.78 a month" states a level (a minimum wage), so it stays `exact`.
//! A passing verb ("exceeded 49,000", "topped $2 billion") gives `over` without
//! entering the span. Cues after the figure stay outside the span: "or so" →
//! `approx`, "or more"/"and above" → `at_least`, "or less"/"or fewer" → `at_most`.
//! In "no more than $400 million worth of coal, or 7.5 million tons" the second
//! figure inherits the first one's qualifier.
//!
//! # "won": KPW or KRW
//!
//! "won" (and `₩`) is North Korean (`KPW`) unless the context makes it South Korean:
//! "South Korean won" / `KRW` written out; a conversion right after the amount at a
//! South Korean rate ("1.05 trillion won (roughly US$920 million)": 700–2,000 won to
//! the dollar); or South Korean cues (Bank of Korea, Unification Ministry, South
//! Korean companies, gross national income, Seoul, Kaesong, Hyundai, …) outweighing
//! North Korean market cues (market, rice, per kilogram, Daily NK, traders, …). A cue
//! weighs 6 in the figure's sentence, 2 elsewhere in its paragraph and 1 in the
//! paragraph before; trillions of won add 3 to the South Korean side (budgets, GNI
//! and losses are South Korean aggregates). "North Korean won", "old won", "new won"
//! and `KPW` are
//! always KPW. [`FigureOptions::default_won`] sets the fallback.
//!
//! # Not figures
//!
//! - Dates and years used as dates: "January 2020", "May 24", "Nov. 1", "2015-3-2",
//!   "in 2019", "2021–2025", "the 1990s", "December 26 to 31". A four-digit integer in
//!   [`FigureOptions::year_range`] is a year unless a currency, percent or unit makes
//!   it an amount ("2000 tons").
//! - Ordinals ("second round", "5th", "100th") and periods named by an ordinal ("the
//!   first four months"); a hyphenated duration naming a period of data ("the
//!   four-month numbers", "a 10-year high").
//! - Numbers in names and codes: "Covid-19", "G-20", "Resolution 2397", "Pier 1",
//!   "Route 1", "No. 3", a number right after a capitalised word that is not a
//!   sentence word ("Boeing 737"), digits glued to letters ("Q3", "AKR2013").
//! - List markers ("1." at a line start), bracketed counters (`[872]`, `(3)`), URLs,
//!   times of day ("10:30", "3 p.m."), phone numbers ("+82-2-123-4567"), leading-zero
//!   codes ("04"), runs of bare numbers ("1 2 3 Next"), page furniture ("12
//!   comments").
//! - Vague amounts: "a few hundred", "several thousand", "tens of thousands",
//!   "dozens of", "a kilogram", "a ton" (an article is not a number, except in "a
//!   hundred", "a dozen", "a million").
//! - Written numbers that only refer ("the two Koreas", "these two months", "one of
//!   them", "two-way trade", "one trader"): "one" is a figure only with a currency,
//!   percent or scale ("one dollar", "one million"); other written numbers are not
//!   figures after a determiner (the, these, both, its, …) and are counts otherwise,
//!   with unit `None` when no noun follows ("Thirteen were announced, and six more").
//! - Ratios and fractions: "8 out of 10", "one in three", "a third", "two-thirds",
//!   "three quarters of"; coordinates and temperatures ("39.04° N").
//! - **Ages** are not figures: "a 27-year-old", "27 years old", "aged 27" describe a
//!   person, not an amount.
//! - **Multipliers** are not figures: "tripled", "more than doubled", "six-fold",
//!   "three times" — they state a ratio, not a value with a unit.
//! - Relative dates: "two years ago", "two winters ago".

mod lex;
mod numbers;
mod text;

use crate::model::{Approx, Figure, FigureKind};
use lex::Cur;
use numbers::Num;
use text::{letter_bits, Text};

/// Options for figure extraction.
#[derive(Debug, Clone)]
pub struct FigureOptions {
    /// ISO code for "won" when nothing in the context makes it South Korean. Default `"KPW"`.
    pub default_won: String,
    /// Keep numbers that say nothing about what is counted ("about 2,000 of them") as
    /// counts with unit `None`. Default `true`.
    pub bare_counts: bool,
    /// Four-digit integers in this inclusive range are read as years (not figures)
    /// unless a currency, percent or unit follows. Default `(1900, 2100)`.
    pub year_range: (u32, u32),
}

impl Default for FigureOptions {
    fn default() -> Self {
        FigureOptions {
            default_won: "KPW".to_string(),
            bare_counts: true,
            year_range: (1900, 2100),
        }
    }
}

/// Finds the figures in `text`, in order, non-overlapping, with byte offsets.
///
/// # Examples
///
/// ```
/// use nkecon::figures::{extract, FigureOptions};
/// let text = "Exports fell 24 percent to $14.2 million.";
/// let figs = extract(text, &FigureOptions::default());
/// assert_eq!(figs.len(), 2);
/// assert_eq!(&text[figs[1].start..figs[1].end], "$14.2 million");
/// assert_eq!(figs[1].unit.as_deref(), Some("USD"));
/// assert_eq!(figs[1].value_usd, Some(14_200_000.0));
/// ```
pub fn extract(text: &str, opts: &FigureOptions) -> Vec<Figure> {
    let t = Text::new(text);
    let mut sc = Scanner {
        t: &t,
        opts,
        out: Vec::with_capacity(8),
        number_of_at: std::cell::OnceCell::new(),
    };
    sc.run();
    sc.finish()
}

/// A figure before the currency of "won" is settled.
#[derive(Debug, Clone)]
struct Cand {
    start: usize,
    end: usize,
    kind: FigureKind,
    low: f64,
    high: f64,
    range: bool,
    unit: Option<String>,
    cur: Option<Cur>,
    approx: Approx,
    /// The qualifier was written at this figure (not defaulted).
    cued: bool,
}

/// What follows a number.
#[derive(Debug, Clone)]
struct Unit {
    kind: FigureKind,
    unit: Option<String>,
    cur: Option<Cur>,
    end: usize,
    /// A unit that makes a year-like integer an amount.
    strong: bool,
}

impl Unit {
    fn bare(end: usize) -> Self {
        Unit {
            kind: FigureKind::Count,
            unit: None,
            cur: None,
            end,
            strong: false,
        }
    }
    fn money(cur: Cur, end: usize) -> Self {
        Unit {
            kind: FigureKind::Money,
            unit: None,
            cur: Some(cur),
            end,
            strong: true,
        }
    }
    fn of(kind: FigureKind, unit: &str, end: usize) -> Self {
        Unit {
            kind,
            unit: Some(unit.to_string()),
            cur: None,
            end,
            strong: true,
        }
    }
    fn same_as(&self, o: &Unit) -> bool {
        self.kind == o.kind && self.unit == o.unit && self.cur == o.cur
    }
}

/// Left context of a number.
#[derive(Debug, Default)]
struct Left {
    /// Span start of the qualifier when it belongs to the span.
    cue_start: Option<usize>,
    /// The qualifier was the single word "over" (ambiguous before a duration: "over 5 years").
    cue_over: bool,
    approx: Option<Approx>,
    between: bool,
    from_change: bool,
    preposition: bool,
    /// Right after "first", "second", … ("the first four months").
    after_ordinal: bool,
}

const CUES: &[(&[&str], Approx, bool)] = &[
    (&["in", "the", "region", "of"], Approx::Approx, true),
    (&["on", "the", "order", "of"], Approx::Approx, true),
    (&["in", "the", "order", "of"], Approx::Approx, true),
    (&["a", "little", "more", "than"], Approx::Over, true),
    (&["a", "little", "less", "than"], Approx::Under, true),
    (&["no", "more", "than"], Approx::AtMost, true),
    (&["not", "more", "than"], Approx::AtMost, true),
    (&["no", "less", "than"], Approx::AtLeast, true),
    (&["not", "less", "than"], Approx::AtLeast, true),
    (&["no", "fewer", "than"], Approx::AtLeast, true),
    (&["as", "many", "as"], Approx::AtMost, true),
    (&["as", "much", "as"], Approx::AtMost, true),
    (&["as", "high", "as"], Approx::AtMost, true),
    (&["as", "little", "as"], Approx::AtLeast, true),
    (&["as", "few", "as"], Approx::AtLeast, true),
    (&["as", "low", "as"], Approx::AtLeast, true),
    (&["in", "excess", "of"], Approx::Over, true),
    (&["slightly", "more", "than"], Approx::Over, true),
    (&["slightly", "less", "than"], Approx::Under, true),
    (&["slightly", "fewer", "than"], Approx::Under, true),
    (&["just", "more", "than"], Approx::Over, true),
    (&["just", "less", "than"], Approx::Under, true),
    (&["well", "more", "than"], Approx::Over, true),
    (&["a", "little", "over"], Approx::Over, true),
    (&["a", "little", "under"], Approx::Under, true),
    (&["an", "estimated"], Approx::Approx, true),
    (&["the", "estimated"], Approx::Approx, true),
    (&["close", "to"], Approx::Approx, true),
    (&["more", "or", "less"], Approx::Approx, true),
    (&["just", "over"], Approx::Over, true),
    (&["just", "under"], Approx::Under, true),
    (&["well", "over"], Approx::Over, true),
    (&["well", "under"], Approx::Under, true),
    (&["well", "above"], Approx::Over, true),
    (&["well", "below"], Approx::Under, true),
    (&["slightly", "over"], Approx::Over, true),
    (&["slightly", "under"], Approx::Under, true),
    (&["slightly", "above"], Approx::Over, true),
    (&["slightly", "below"], Approx::Under, true),
    (&["more", "than"], Approx::Over, true),
    (&["greater", "than"], Approx::Over, true),
    (&["higher", "than"], Approx::Over, true),
    (&["less", "than"], Approx::Under, true),
    (&["fewer", "than"], Approx::Under, true),
    (&["lower", "than"], Approx::Under, true),
    (&["at", "least"], Approx::AtLeast, true),
    (&["at", "most"], Approx::AtMost, true),
    (&["up", "to"], Approx::AtMost, true),
    (&["upwards", "of"], Approx::Over, true),
    (&["upward", "of"], Approx::Over, true),
    (&["north", "of"], Approx::Over, true),
    (&["an", "additional"], Approx::Exact, true),
    (&["about"], Approx::Approx, true),
    (&["around"], Approx::Approx, true),
    (&["some"], Approx::Approx, true),
    (&["roughly"], Approx::Approx, true),
    (&["nearly"], Approx::Approx, true),
    (&["almost"], Approx::Approx, true),
    (&["approximately"], Approx::Approx, true),
    (&["approx"], Approx::Approx, true),
    (&["estimated"], Approx::Approx, true),
    (&["perhaps"], Approx::Approx, true),
    (&["maybe"], Approx::Approx, true),
    (&["circa"], Approx::Approx, true),
    (&["over"], Approx::Over, true),
    (&["above"], Approx::Over, true),
    (&["exceeding"], Approx::Over, true),
    (&["under"], Approx::Under, true),
    (&["below"], Approx::Under, true),
    (&["only"], Approx::Exact, true),
];

const TRAILING_CUES: &[(&[u8], Approx)] = &[
    (b"or so", Approx::Approx),
    (b"or thereabouts", Approx::Approx),
    (b"or more", Approx::AtLeast),
    (b"or above", Approx::AtLeast),
    (b"or higher", Approx::AtLeast),
    (b"or over", Approx::AtLeast),
    (b"and above", Approx::AtLeast),
    (b"and up", Approx::AtLeast),
    (b"and over", Approx::AtLeast),
    (b"or less", Approx::AtMost),
    (b"or fewer", Approx::AtMost),
    (b"or below", Approx::AtMost),
    (b"or lower", Approx::AtMost),
    (b"at most", Approx::AtMost),
    (b"at the most", Approx::AtMost),
    (b"at least", Approx::AtLeast),
];

/// Currency phrases written after a number.
const CURRENCY_PHRASES: &[(&[u8], Cur)] = &[
    (b"us dollars", Cur::Iso("USD")),
    (b"us dollar", Cur::Iso("USD")),
    (b"u.s. dollars", Cur::Iso("USD")),
    (b"u.s. dollar", Cur::Iso("USD")),
    (b"american dollars", Cur::Iso("USD")),
    (b"old won", Cur::Iso("KPW")),
    (b"new won", Cur::Iso("KPW")),
    (b"south korean won", Cur::Iso("KRW")),
    (b"north korean won", Cur::Iso("KPW")),
    (b"chinese yuan", Cur::Iso("CNY")),
    (b"hong kong dollars", Cur::Iso("HKD")),
    (b"australian dollars", Cur::Iso("AUD")),
    (b"canadian dollars", Cur::Iso("CAD")),
    (b"singapore dollars", Cur::Iso("SGD")),
    (b"new taiwan dollars", Cur::Iso("TWD")),
    (b"taiwan dollars", Cur::Iso("TWD")),
    (b"japanese yen", Cur::Iso("JPY")),
    (b"russian rubles", Cur::Iso("RUB")),
    (b"russian roubles", Cur::Iso("RUB")),
    (b"polish zloty", Cur::Iso("PLN")),
    (b"pounds sterling", Cur::Iso("GBP")),
    (b"british pounds", Cur::Iso("GBP")),
    (b"swiss francs", Cur::Iso("CHF")),
    (b"indian rupees", Cur::Iso("INR")),
];

/// Multi-word units written after a number.
const UNIT_PHRASES: &[(&[u8], FigureKind, &str)] = &[
    (b"per cent", FigureKind::Percent, "percent"),
    (b"percentage points", FigureKind::Percent, "percent"),
    (b"percentage point", FigureKind::Percent, "percent"),
    (b"metric tons", FigureKind::Quantity, "ton"),
    (b"metric tonnes", FigureKind::Quantity, "ton"),
    (b"metric ton", FigureKind::Quantity, "ton"),
    (b"square kilometers", FigureKind::Quantity, "km2"),
    (b"square kilometres", FigureKind::Quantity, "km2"),
    (b"sq km", FigureKind::Quantity, "km2"),
    (b"square meters", FigureKind::Quantity, "m2"),
    (b"square metres", FigureKind::Quantity, "m2"),
    (b"cubic meters", FigureKind::Quantity, "m3"),
    (b"cubic metres", FigureKind::Quantity, "m3"),
    (b"kilowatt hours", FigureKind::Quantity, "kWh"),
    (b"megawatt hours", FigureKind::Quantity, "MWh"),
    (b"gigawatt hours", FigureKind::Quantity, "GWh"),
    (b"terawatt hours", FigureKind::Quantity, "TWh"),
];

/// A filter over the first two bytes of a list of phrases (each at least two bytes):
/// row `first & 31`, bit `second & 31`. A phrase can start at `i` only when the bit of
/// the two bytes there is set (no false negatives).
type PairFilter = [u32; 32];

const fn pair_add(mut f: PairFilter, p: &[u8]) -> PairFilter {
    f[(p[0] & 31) as usize] |= 1 << (p[1] & 31);
    f
}

const CURRENCY_PAIRS: PairFilter = {
    let mut f = [0; 32];
    let mut i = 0;
    while i < CURRENCY_PHRASES.len() {
        f = pair_add(f, CURRENCY_PHRASES[i].0);
        i += 1;
    }
    f
};

const UNIT_PAIRS: PairFilter = {
    let mut f = [0; 32];
    let mut i = 0;
    while i < UNIT_PHRASES.len() {
        f = pair_add(f, UNIT_PHRASES[i].0);
        i += 1;
    }
    f
};

const TRAILING_PAIRS: PairFilter = {
    let mut f = [0; 32];
    let mut i = 0;
    while i < TRAILING_CUES.len() {
        f = pair_add(f, TRAILING_CUES[i].0);
        i += 1;
    }
    f
};

/// The two bytes at `i` of `b` (zeros past the end).
#[inline]
fn first_two(b: &[u8], i: usize) -> (u8, u8) {
    match b.get(i..i + 2) {
        Some(&[c0, c1]) => (c0, c1),
        _ => (0, 0),
    }
}

/// True when some phrase of the filter may start at `i` of `lc`.
#[inline]
fn pair_hit(f: &PairFilter, lc: &[u8], i: usize) -> bool {
    match lc.get(i..i + 2) {
        Some(&[c0, c1]) => f[(c0 & 31) as usize] & (1 << (c1 & 31)) != 0,
        _ => false,
    }
}

const KRW_CUES: &[&[u8]] = &[
    b"south korean won",
    b"krw",
    b"bank of korea",
    b"unification ministry",
    b"ministry of unification",
    b"south korean compan",
    b"south korean firm",
    b"south korean business",
    b"south korean government",
    b"south korean level",
    b"south korea's",
    b"south korea\xe2\x80\x99s",
    b"gross national income",
    b"gross domestic product",
    b"per capita income",
    b"seoul",
    b"korea development",
    b"statistics korea",
    b"kaesong industrial complex",
    b"chaebol",
    b"hyundai",
    b"samsung",
    b"inter-korean cooperation fund",
    b"national assembly",
    b"korea exim",
    b"south korean taxpayer",
    b"kaesong",
];

const KPW_CUES: &[&[u8]] = &[
    b"north korean won",
    b"kpw",
    b"market",
    b"jangmadang",
    b"kilogram",
    b"per kg",
    b"rice",
    b"corn",
    b"daily nk",
    b"exchange rate",
    b"state wage",
    b"monthly wage",
    b"gasoline",
    b"diesel",
    b"pork",
    b"smuggl",
    b"trader",
    b"vendor",
    b"black market",
    b"dollar traded",
    b"yuan traded",
    b"bribe",
    b"rfa",
    b"radio free asia",
];

struct Scanner<'a, 't> {
    t: &'a Text<'t>,
    opts: &'a FigureOptions,
    out: Vec<Cand>,
    /// Positions of [`NUMBER_OF`] in the lowercased text, computed on first need.
    number_of_at: std::cell::OnceCell<Vec<usize>>,
}

/// "number of ": the phrase naming the counted noun of a bare number.
const NUMBER_OF: &[u8] = b"number of ";

/// A searcher for [`NUMBER_OF`], built once.
fn number_of_finder() -> &'static memchr::memmem::Finder<'static> {
    static F: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    F.get_or_init(|| memchr::memmem::Finder::new(NUMBER_OF))
}

/// One automaton over the South Korean cues (ids first) then the North Korean ones.
fn won_automaton() -> &'static aho_corasick::AhoCorasick {
    static AC: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    AC.get_or_init(|| {
        let pats: Vec<&[u8]> = KRW_CUES.iter().chain(KPW_CUES.iter()).copied().collect();
        // the patterns are fixed byte strings: building cannot fail
        aho_corasick::AhoCorasick::new(pats).unwrap_or_else(|_| {
            aho_corasick::AhoCorasick::new([b"\xff\xfe"]).expect("trivial automaton")
        })
    })
}

use crate::swar::{digit_bits, HI};

/// The first position `q >= p` where the scan acts: a digit, a letter at `p` itself, or
/// a letter after a non-letter (a word start) that may begin a number word; `b.len()`
/// when there is none. Word starts whose first letter, or (first letter, length), rule
/// out a number word are passed over with their word: the scan would only step past them.
fn next_event(b: &[u8], p: usize) -> usize {
    let n = b.len();
    match b.get(p) {
        None => return n,
        Some(c) if c.is_ascii_alphanumeric() => return p,
        Some(_) => {}
    }
    let mut i = p + 1;
    // 0x80 when the byte before the chunk is a letter (of a word passed over)
    #[cfg(not(target_arch = "x86_64"))]
    let mut carry = 0u64;
    // sixteen bytes at a time from p + 1 (b[p] is not a letter): the walk below on
    // 16-bit masks, one bit a byte
    #[cfg(target_arch = "x86_64")]
    let mut carry = {
        // 1 when the byte before the block is a letter
        let mut carry16 = 0u32;
        'blocks: while let Some(blk) = b.get(i..).and_then(|r| r.first_chunk::<16>()) {
            let (letter, digit) = letters_digits16(blk);
            let mut hit = digit;
            let mut starts = letter & !((letter << 1) | carry16);
            let other = !letter & 0xFFFF;
            while starts != 0 {
                let k = starts.trailing_zeros() as usize;
                starts &= starts - 1;
                let first = blk[k] | 0x20;
                let rest = other >> k;
                if rest == 0 {
                    if !lex::may_start_number_word(first) {
                        continue;
                    }
                    // the word runs past the block: the last start, and every digit and
                    // start before it is already in `hit`
                    if hit != 0 {
                        break;
                    }
                    let ws = i + k;
                    let we = alpha_end(b, i + 16);
                    let second = b.get(ws + 1).map_or(0, |c| c | 0x20);
                    if lex::may_be_number_word(first, second, we - ws) {
                        return ws;
                    }
                    // b[we] is not a letter
                    i = we;
                    carry16 = 0;
                    continue 'blocks;
                }
                // the word ends in the block, so the byte after its first letter is there too
                // both table tests, then one OR into `hit`: no branch per word
                let second = blk.get(k + 1).map_or(0, |c| c | 0x20);
                let may = lex::may_start_number_word(first)
                    & lex::may_be_number_word(first, second, rest.trailing_zeros() as usize);
                hit |= u32::from(may) << k;
            }
            if hit != 0 {
                return i + hit.trailing_zeros() as usize;
            }
            carry16 = letter >> 15;
            i += 16;
        }
        u64::from(carry16) << 7
    };
    // then eight bytes at a time
    'chunks: while let Some(chunk) = b.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let w = u64::from_le_bytes(*chunk);
        let letter = letter_bits(w);
        let mut hit = digit_bits(w);
        let mut starts = letter & !((letter << 8) | carry);
        let other = !letter & HI;
        while starts != 0 {
            let sh = starts.trailing_zeros() & !7;
            starts &= starts - 1;
            let first = (w >> sh) as u8 | 0x20;
            if !lex::may_start_number_word(first) {
                // the word is passed over, also when it runs past the chunk
                continue;
            }
            let rest = other >> sh;
            if rest == 0 {
                // the word runs past the chunk: the last start, and every digit and
                // start before it is already in `hit`
                if hit != 0 {
                    break;
                }
                let ws = i + (sh / 8) as usize;
                let we = alpha_end(b, i + 8);
                let second = b.get(ws + 1).map_or(0, |c| c | 0x20);
                if lex::may_be_number_word(first, second, we - ws) {
                    return ws;
                }
                // b[we] is not a letter
                i = we;
                carry = 0;
                continue 'chunks;
            }
            // the word ends in the chunk, so its second letter (if any) is there too
            let second = (w >> sh >> 8) as u8 | 0x20;
            if lex::may_be_number_word(first, second, (rest.trailing_zeros() / 8) as usize) {
                hit |= 0x80 << sh;
            }
        }
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        carry = letter >> 56;
        i += 8;
    }
    while i < n {
        let c = b[i];
        if c.is_ascii_digit() || (c.is_ascii_alphabetic() && !b[i - 1].is_ascii_alphabetic()) {
            return i;
        }
        i += 1;
    }
    n
}

/// Bit `k` of the masks: byte `k` of `blk` is an ASCII letter, an ASCII digit. SSE2 (part
/// of every x86_64 target): a few instructions for sixteen bytes.
#[cfg(target_arch = "x86_64")]
#[inline]
fn letters_digits16(blk: &[u8; 16]) -> (u32, u32) {
    use std::arch::x86_64::{
        __m128i, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        _mm_sub_epi8, _mm_xor_si128,
    };
    // SAFETY: SSE2 is enabled on every x86_64 target, and the unaligned load reads
    // exactly the sixteen bytes of `blk`.
    unsafe {
        let v = _mm_loadu_si128(blk.as_ptr().cast::<__m128i>());
        // unsigned `x - lo < n`: both sides with the high bit flipped, compared signed
        let flip = _mm_set1_epi8(i8::MIN);
        let in_range = |x: __m128i, lo: u8, n: u8| -> u32 {
            let d = _mm_xor_si128(_mm_sub_epi8(x, _mm_set1_epi8(lo as i8)), flip);
            let m = _mm_cmplt_epi8(d, _mm_set1_epi8((n ^ 0x80) as i8));
            _mm_movemask_epi8(m) as u32
        };
        let letters = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', 26);
        let digits = in_range(v, b'0', 10);
        (letters, digits)
    }
}

/// End of the run of ASCII letters starting at `i` (eight bytes at a time).
#[inline]
fn alpha_end(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let other = !letter_bits(u64::from_le_bytes(*chunk)) & HI;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// Number of distinct last words of [`CUES`].
const CUE_LAST_WORDS: usize = 26;

/// An id (below [`CUE_LAST_WORDS`]) for each word that ends some phrase of [`CUES`];
/// `None` for every other word (a test checks that every phrase has one).
fn cue_last_id(w: &[u8]) -> Option<usize> {
    Some(match w {
        b"of" => 0,
        b"than" => 1,
        b"as" => 2,
        b"over" => 3,
        b"under" => 4,
        b"estimated" => 5,
        b"to" => 6,
        b"less" => 7,
        b"least" => 8,
        b"most" => 9,
        b"additional" => 10,
        b"above" => 11,
        b"below" => 12,
        b"about" => 13,
        b"around" => 14,
        b"some" => 15,
        b"roughly" => 16,
        b"nearly" => 17,
        b"almost" => 18,
        b"approximately" => 19,
        b"approx" => 20,
        b"perhaps" => 21,
        b"maybe" => 22,
        b"circa" => 23,
        b"exceeding" => 24,
        b"only" => 25,
        _ => return None,
    })
}

/// The indices of [`CUES`] grouped by the id of their last word, in list order. Two
/// phrases with different last words never match the same words, so trying only the
/// group of the nearest word finds the same first match as the whole list.
fn cue_groups() -> &'static [Vec<u8>; CUE_LAST_WORDS] {
    static G: std::sync::OnceLock<[Vec<u8>; CUE_LAST_WORDS]> = std::sync::OnceLock::new();
    G.get_or_init(|| {
        let mut g: [Vec<u8>; CUE_LAST_WORDS] = std::array::from_fn(|_| Vec::new());
        for (i, (phrase, _, _)) in CUES.iter().enumerate() {
            let id = phrase.last().and_then(|w| cue_last_id(w.as_bytes()));
            if let (Some(id), Ok(i)) = (id, u8::try_from(i)) {
                g[id].push(i);
            }
        }
        g
    })
}

fn lc_eq(t: &Text, span: Option<(usize, usize)>, w: &[u8]) -> bool {
    span.is_some_and(|(s, e)| &t.lc[s..e] == w)
}

impl Scanner<'_, '_> {
    fn run(&mut self) {
        let t = self.t;
        let b = t.b;
        let n = b.len();
        let mut i = 0;
        loop {
            // the positions where the byte-by-byte walk would act: digits and word starts
            // (other bytes and the letters of skipped words only move it on)
            i = next_event(b, i);
            if i >= n {
                break;
            }
            let c = b[i];
            if c.is_ascii_digit() {
                match self.at(i) {
                    Ok(f) => {
                        i = f.end.max(i + 1);
                        self.out.push(f);
                    }
                    Err(skip) => i = skip.max(numbers::token_end(t, i)).max(i + 1),
                }
                continue;
            }
            if c.is_ascii_alphabetic() {
                // the ASCII run of the word; only a few (first letter, length) pairs can
                // start a number word
                let we = alpha_end(b, i + 1);
                let maybe = lex::may_start_number(c | 0x20, we - i)
                    && !(we < n && b[we] >= 0x80)
                    && (i == 0
                        || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] >= 0x80)
                        || !t.char_before(i).is_some_and(|ch| ch.is_alphanumeric()));
                if maybe {
                    let w = &t.lc[i..we];
                    if w == b"a" {
                        // "a" is a number only before a scale word ("a hundred", "a
                        // dozen", "a million"): the test `numbers::parse` starts with,
                        // made here without the call (it would resume at `we` too)
                        let k = t.skip_sp(we);
                        if k == we || !matches!(t.lc.get(k), Some(b'h' | b't' | b'm' | b'b' | b'd'))
                        {
                            i = we;
                            continue;
                        }
                    }
                    if lex::small_number(w).is_some() || w == b"a" {
                        match self.at(i) {
                            Ok(f) => {
                                i = f.end.max(i + 1);
                                self.out.push(f);
                            }
                            Err(skip) => i = skip.max(we).max(i + 1),
                        }
                        continue;
                    }
                }
                i = we;
                continue;
            }
            i += 1;
        }
    }

    /// The figure whose number starts at `i`, or where to resume.
    fn at(&self, i: usize) -> Result<Cand, usize> {
        let t = self.t;
        let mut a = numbers::parse(t, i)?;
        // where to resume when the number is no figure (read only then)
        let (written, nstart, end) = (a.written, a.nstart, a.end);
        let skip = || {
            if written {
                end
            } else {
                numbers::token_end(t, nstart).max(end)
            }
        };
        let mut left = self.left(&a).map_err(|s| s.max(skip()))?;
        let min_start = self.out.last().map_or(0, |f| f.end);
        // "half a million"
        if a.written && t.lc.get(a.nstart) == Some(&b'a') {
            if let Some((ws, we)) = t.prev_word(a.start) {
                if &t.lc[ws..we] == b"half" {
                    a.mant *= 0.5;
                    a.digits_int *= 0.5;
                    a.start = ws;
                    if left.cue_start.is_some_and(|c| c >= ws) {
                        left.cue_start = None;
                    }
                }
            }
        }
        // "30-odd", "100-plus"
        let mut glued_cue = None;
        if a.end + 1 < t.b.len() && t.b[a.end] == b'-' {
            let (ws, we) = t.word_at(a.end + 1);
            match &t.lc[ws..we] {
                b"odd" => glued_cue = Some(Approx::Approx),
                b"plus" => glued_cue = Some(Approx::AtLeast),
                _ => {}
            }
            if glued_cue.is_some() {
                a.end = we;
            }
        }

        // hyphenated adjective: "10-year", "three-day", "500,000-barrel"
        if a.end + 1 < t.b.len() && t.b[a.end] == b'-' && t.b[a.end + 1].is_ascii_alphabetic() {
            return self.hyphen_adjective(&a, &left, min_start).ok_or_else(skip);
        }
        if a.written && a.end + 1 < t.b.len() && t.b[a.end] == b'-' {
            return Err(skip());
        }

        // a range whose connector follows the number directly
        let mut lo = a.value();
        let mut hi = lo;
        let mut range = false;
        let mut cur = a.cur;
        let mut pct = a.pct;
        let mut qty = a.qty;
        let mut after = a.end;
        let mut last_written = a.written;
        let mut unit: Option<Unit> = None;
        let mut b_from_change: Option<(Num, usize)> = None;
        if let Some((conn_end, kind)) = self.connector(a.end, left.between, &a) {
            match numbers::parse(t, conn_end) {
                Ok(bn) if self.right_ok(&bn) => {
                    if a.plain && bn.plain && self.year_like(&a) && self.year_like(&bn) {
                        return Err(bn.end);
                    }
                    if kind == Conn::Hyphen && self.continues_code(bn.end) {
                        return Err(numbers::token_end(t, bn.end));
                    }
                    if left.from_change && kind == Conn::To {
                        b_from_change = Some((bn, conn_end));
                    } else if let Some((l, h, c)) = combine(&a, &bn) {
                        lo = l;
                        hi = h;
                        cur = c;
                        pct = bn.pct;
                        qty = bn.qty.or(a.qty);
                        after = bn.end;
                        range = true;
                        last_written = bn.written;
                    } else if kind == Conn::Hyphen
                        && !a.written
                        && t.b.get(a.end) == Some(&b'-')
                        && bn.cur.is_none()
                    {
                        // "3-2", "7-26": not a range, not a figure
                        return Err(numbers::token_end(t, bn.end));
                    } else if kind == Conn::Hyphen && !a.written && a.cur.is_none() && !a.pct {
                        // "2017 – $1.65 bn": the left number is a label; the right one stands alone
                        return Err(skip());
                    }
                }
                _ => {
                    if kind == Conn::Hyphen && !a.written {
                        return Err(skip());
                    }
                }
            }
        }
        // "8 out of 10 respondents": a ratio, not a figure
        if !range {
            let k = t.skip_sp(a.end);
            if k > a.end && t.lc_word_at(k, b"out") && t.lc_word_at(t.skip_sp(k + 3), b"of") {
                let k2 = t.skip_sp(t.skip_sp(k + 3) + 2);
                return Err(numbers::token_end(t, k2).max(skip()));
            }
        }
        // the unit after the number (or the range)
        let mut u = match self.unit_after(after, hi, cur, pct, qty) {
            Some(u) => u,
            None => return Err(skip()),
        };
        if let Some((bn, _)) = b_from_change {
            // "rose from 800 to 1,000 workers": this end takes the unit of the other
            if u.unit.is_none() && u.cur.is_none() && u.kind == FigureKind::Count {
                if let Some(ub) = self.unit_after(bn.end, bn.value(), bn.cur, bn.pct, bn.qty) {
                    u = Unit { end: after, ..ub };
                }
            }
        }
        // a range with a unit on both ends: "10 percent to 20 percent", "5,000 won to 6,000 won"
        if !range && b_from_change.is_none() && !left.from_change && u.strong {
            if let Some((conn_end, _)) = self.connector(u.end, left.between, &a) {
                if let Ok(bn) = numbers::parse(t, conn_end) {
                    if self.right_ok(&bn) {
                        if let Some(ub) =
                            self.unit_after(bn.end, bn.value(), bn.cur.or(None), bn.pct, bn.qty)
                        {
                            let (l, h) = (a.value(), bn.value());
                            if ub.same_as(&u) && l < h && (bn.cur.is_none() || bn.cur == a.cur) {
                                lo = l;
                                hi = h;
                                range = true;
                                u = ub;
                            }
                        }
                    }
                }
            }
        }
        unit.get_or_insert(u);
        let u = unit.unwrap_or_else(|| Unit::bare(after));

        // gates
        if left.after_ordinal
            && (u.kind == FigureKind::Duration
                || u.unit.is_none()
                || t.lc_word_at(t.skip_sp(a.end), b"quarters"))
        {
            return Err(skip());
        }
        if a.plain && a.mant <= 31.0 && !range && u.unit.is_none() && u.cur.is_none() {
            let k = t.skip_sp(a.end);
            let (ws, we) = t.word_at(k);
            if k > a.end && we > ws {
                let w = &t.lc[ws..we];
                if lex::is_month(w) && (w != b"may" || t.b[ws].is_ascii_uppercase()) && we - ws >= 3
                {
                    return Err(skip());
                }
            }
        }
        let is_year = a.plain && self.year_like(&a) && !range;
        if is_year && (left.preposition || !u.strong) {
            return Err(skip());
        }
        if a.written || last_written {
            // "Thirteen were announced, and six more followed": a bare written count is a
            // figure, but not "one" ("one of them", "one would expect")
            if u.kind == FigureKind::Count && u.unit.is_none() && !range && a.value() < 2.0 {
                return Err(skip());
            }
            if !range
                && a.mant == 1.0
                && a.scale == 1.0
                && !matches!(u.kind, FigureKind::Money | FigureKind::Percent)
            {
                return Err(skip());
            }
        }
        if u.kind == FigureKind::Count && u.unit.is_none() && u.cur.is_none() {
            if !self.opts.bare_counts {
                return Err(skip());
            }
            if !a.written && a.plain && a.ndigits >= 5 && left.approx.is_none() {
                return Err(skip());
            }
            if self.bare_neighbour(a.start, u.end) || self.age_apposition(a.start, u.end) {
                return Err(skip());
            }
            // "38 North", "Channel 4 News": a bare number before a capitalised word is a name
            if left.approx.is_none() && !a.written {
                let k = t.skip_sp(u.end);
                if k > u.end && t.b.get(k).is_some_and(u8::is_ascii_uppercase) {
                    let (ws, we) = t.word_at(k);
                    if !lex::is_month(&t.lc[ws..we]) {
                        return Err(skip());
                    }
                }
            }
            // "children under five", "people over 60": an age group
            if matches!(left.approx, Some(Approx::Under | Approx::Over)) {
                if let Some((ws, we)) = left.cue_start.and_then(|c| t.prev_word(c)) {
                    if lex::is_person_noun(&t.lc[ws..we]) {
                        return Err(skip());
                    }
                }
            }
        }
        if a.leading_zero && u.cur.is_none() && a.cur.is_none() {
            return Err(skip());
        }

        let mut kind = u.kind;
        // (the unit moves out: `u` is read only for its other fields below)
        let mut unit_s = u.unit;
        let mut approx = left.approx.or(glued_cue).unwrap_or(Approx::Exact);
        let mut cued = left.approx.is_some() || glued_cue.is_some();
        let mut cue_start = left.cue_start;
        if left.cue_over && u.kind == FigureKind::Duration {
            // "spread over 5 years" is a length, not a lower bound ("for over 5 years" is)
            approx = Approx::Exact;
            cued = false;
            cue_start = None;
        }
        if !cued {
            if let Some(ap) = self.trailing_cue(u.end) {
                approx = ap;
                cued = true;
            }
        }
        if kind == FigureKind::Count && unit_s.is_none() && u.cur.is_none() {
            if let Some(nu) = self.number_of_unit(a.start) {
                unit_s = Some(nu);
            }
        }
        if u.cur.is_some() {
            kind = FigureKind::Money;
        }
        let mut start = cue_start.unwrap_or(a.start).max(min_start);
        if cue_start.is_none() && !range {
            if let Some(ch @ ('-' | '\u{2212}')) = t.char_before(a.start) {
                let before = t.char_before(a.start - ch.len_utf8());
                if matches!(before, Some(' ' | '(' | ':')) && a.start - ch.len_utf8() >= min_start {
                    start = a.start - ch.len_utf8();
                    lo = -lo;
                    hi = -hi;
                }
            }
        }
        Ok(Cand {
            start,
            end: u.end,
            kind,
            low: lo,
            high: hi,
            range,
            unit: unit_s,
            cur: u.cur,
            approx,
            cued,
        })
    }

    /// True when a number parsed on the right of a connector may close a range.
    fn right_ok(&self, bn: &Num) -> bool {
        let t = self.t;
        if bn.leading_zero {
            return false;
        }
        // "2010-7-26" style continuations are handled by the caller
        bn.end <= t.b.len()
    }

    /// A third hyphenated group ("2010-7-26", "02-123-4567"): a date or a phone number.
    fn continues_code(&self, end: usize) -> bool {
        let b = self.t.b;
        end + 1 < b.len() && matches!(b[end], b'-' | b'.' | b'/') && b[end + 1].is_ascii_digit()
    }

    /// A year-shaped integer.
    fn year_like(&self, n: &Num) -> bool {
        let (lo, hi) = self.opts.year_range;
        n.plain && n.ndigits == 4 && n.mant >= f64::from(lo) && n.mant <= f64::from(hi)
    }

    /// Checks the left side of a number; `Err(skip)` when it is not a figure.
    fn left(&self, a: &Num) -> Result<Left, usize> {
        let t = self.t;
        let b = t.b;
        let mut left = Left::default();
        let s = a.start;
        let e = t.skip_sp_back(s);
        if !a.written && a.cur.is_none() {
            match t.char_before(s) {
                Some(ch) if ch.is_alphabetic() => return Err(a.end),
                Some('-') if t.char_before(s - 1).is_some_and(|c| c.is_alphabetic()) => {
                    return Err(a.end)
                }
                Some('#' | '+' | '@' | '_' | '=' | '&' | '/' | '\\' | '|' | '^') => {
                    return Err(a.end)
                }
                Some(':') if s >= 2 && b[s - 2].is_ascii_digit() => return Err(a.end),
                Some('.') if s >= 2 && b[s - 2].is_ascii_alphanumeric() => return Err(a.end),
                Some(',') if s >= 2 && b[s - 2].is_ascii_digit() => return Err(a.end),
                _ => {}
            }
            // URLs and paths
            let lo = s.saturating_sub(200);
            let mut k = s;
            while k > lo && !matches!(b[k - 1], b' ' | b'\n' | b'\t') {
                if matches!(b[k - 1], b'/' | b'=' | b'@' | b'?') {
                    return Err(numbers::token_end(t, a.end));
                }
                k -= 1;
            }
            // bracketed counters and list markers: "[872]", "(3)", "1." at a line start
            if !a.pct && a.scale == 1.0 {
                let open = matches!(t.char_before(s), Some('[' | '('));
                let close = matches!(b.get(a.end), Some(b']' | b')'));
                if open && close {
                    return Err(a.end + 1);
                }
                let line_start = e == 0 || b[e - 1] == b'\n';
                if line_start
                    && a.plain
                    && a.ndigits <= 3
                    && matches!(b.get(a.end), Some(b'.' | b')'))
                    && matches!(b.get(a.end + 1), None | Some(b' ' | b'\n' | b'\t'))
                {
                    return Err(a.end + 1);
                }
            }
        }
        // the word before, read once: the checks below, the qualifier and "between"/"from"
        // all start from it
        let pw_s = t.prev_word_to(s, e);
        // the word before (across "Nov." style abbreviations)
        let pw = t.prev_word_abbr(s, e, pw_s);
        if let Some((ws, we)) = pw {
            let w = &t.lc[ws..we];
            let orig = &b[ws..we];
            if a.cur.is_none() {
                if lex::is_month(w)
                    && (w != b"may" || orig[0].is_ascii_uppercase())
                    && a.plain
                    && (a.mant <= 31.0 || self.year_like(a))
                {
                    return Err(self.skip_date_range(a.end));
                }
                if lex::is_name_prefix(w) && (!a.written || w == b"number" || w == b"no") {
                    // "Page 2 of 14"
                    let k = t.skip_sp(a.end);
                    if k > a.end && t.lc_word_at(k, b"of") {
                        let k2 = t.skip_sp(k + 2);
                        if t.b.get(k2).is_some_and(u8::is_ascii_digit) {
                            return Err(numbers::token_end(t, k2));
                        }
                    }
                    return Err(a.end);
                }
                // "one in three children": a ratio
                if w == b"in" {
                    if let Some((s0, e0)) = t.prev_word(ws) {
                        if &t.lc[s0..e0] == b"one" {
                            return Err(a.end);
                        }
                    }
                    if ws >= 2 && t.b[ws - 2].is_ascii_digit() && t.b[ws - 1] == b' ' {
                        return Err(a.end);
                    }
                }
                if !a.written
                    && orig[0].is_ascii_uppercase()
                    && !lex::is_function_word(w)
                    && lex::currency_code(orig).is_none()
                    && !lex::is_month(w)
                    && we - ws >= 2
                {
                    return Err(a.end);
                }
                if lex::is_ordinal_word(w) {
                    // "the first four months" names a period; "the first 13 zones" counts
                    left.after_ordinal = true;
                }
                if matches!(w, b"aged" | b"age" | b"ages") {
                    return Err(a.end);
                }
                if a.written
                    && matches!(
                        w,
                        b"the"
                            | b"these"
                            | b"those"
                            | b"both"
                            | b"its"
                            | b"their"
                            | b"our"
                            | b"his"
                            | b"her"
                            | b"my"
                            | b"your"
                            | b"whose"
                            | b"every"
                            | b"which"
                            | b"what"
                    )
                {
                    return Err(a.end);
                }
            }
            left.preposition = matches!(
                w,
                b"in"
                    | b"since"
                    | b"by"
                    | b"from"
                    | b"until"
                    | b"till"
                    | b"through"
                    | b"during"
                    | b"before"
                    | b"after"
                    | b"of"
                    | b"to"
                    | b"and"
                    | b"between"
                    | b"than"
                    | b"for"
                    | b"early"
                    | b"late"
                    | b"mid"
                    | b"the"
                    | b"this"
                    | b"that"
                    | b"fiscal"
                    | b"year"
                    | b"around"
                    | b"circa"
                    | b"as"
                    | b"into"
                    | b"on"
                    | b"at"
                    | b"within"
                    | b"throughout"
                    | b"last"
                    | b"next"
            );
            if lex::is_exceed_verb(w) {
                left.approx = Some(Approx::Over);
            }
        }
        // qualifier words
        if left.approx.is_none() {
            if let Some((cs, ap, in_span)) = self.cue_before(s, e, pw_s).filter(|&(cs, _, _)| {
                // "would add up to 759,793 barrels": a sum, not a bound
                !(t.lc_word_at(cs, b"up")
                    && t.prev_word(cs).is_some_and(|(ws, we)| {
                        matches!(
                            &t.lc[ws..we],
                            b"add" | b"adds" | b"added" | b"adding" | b"sum" | b"sums" | b"summed"
                        )
                    }))
            }) {
                left.approx = Some(ap);
                if t.lc_word_at(cs, b"over") {
                    let p = t.prev_word(cs);
                    left.cue_over = !p.is_some_and(|(ws, we)| {
                        matches!(&t.lc[ws..we], b"for" | b"of" | b"after" | b"in")
                    });
                }
                if in_span {
                    left.cue_start = Some(cs);
                }
                // a qualifier is not a date preposition
                left.preposition = false;
            } else if let Some(n) = [&b"approx."[..], b"ca.", b"c."]
                .iter()
                // every pattern ends with '.'
                .filter(|_| e > 0 && e < s && b[e - 1] == b'.')
                .find(|p| {
                    t.lc[..e].ends_with(p)
                        && (e == p.len() || !t.b[e - p.len() - 1].is_ascii_alphanumeric())
                })
                .map(|p| p.len())
            {
                left.approx = Some(Approx::Approx);
                left.cue_start = Some(e - n);
            } else if e > 0 && b[e - 1] == b'~' {
                left.approx = Some(Approx::Approx);
                left.cue_start = Some(e - 1);
            }
        }
        let pw2 = match left.cue_start {
            Some(c) if c != s => t.prev_word(c),
            _ => pw_s,
        };
        if lc_eq(t, pw2, b"between") {
            left.between = true;
            if left.cue_start.is_none() {
                left.cue_start = pw2.map(|(ws, _)| ws);
            }
        }
        if lc_eq(t, pw2, b"from") {
            if let Some((ws, _)) = pw2 {
                let pw3 = t.prev_word(ws);
                if pw3.is_some_and(|(s3, e3)| lex::is_change_verb(&t.lc[s3..e3])) {
                    left.from_change = true;
                }
            }
        }
        Ok(left)
    }

    /// After a day number following a month, skips a "to 31" / "-31" continuation.
    fn skip_date_range(&self, end: usize) -> usize {
        let t = self.t;
        let b = t.b;
        let mut k = end;
        if b.get(k) == Some(&b'-') {
            k += 1;
        } else if b.get(k..k + 3) == Some("\u{2013}".as_bytes()) {
            k += 3;
        } else if t.lc_word_at(t.skip_sp(k), b"to") && t.skip_sp(k) > k {
            k = t.skip_sp(t.skip_sp(k) + 2);
        } else {
            return end;
        }
        if b.get(k).is_some_and(u8::is_ascii_digit) {
            numbers::token_end(t, k)
        } else {
            end
        }
    }

    /// A qualifier phrase ending right before `s`: (its start, approx, part of span).
    /// `e_s` is `skip_sp_back(s)` and `pw_s` is `prev_word(s)`.
    fn cue_before(
        &self,
        s: usize,
        e_s: usize,
        pw_s: Option<(usize, usize)>,
    ) -> Option<(usize, Approx, bool)> {
        let t = self.t;
        // up to four previous words, nearest first; an opening quote or bracket may sit in between
        let mut k = s;
        if let Some(ch) = t.char_before(k) {
            if matches!(ch, '\u{201c}' | '"' | '[' | '(' | '\u{2018}') {
                k -= ch.len_utf8();
            }
        }
        let mut buf = [(0usize, 0usize); 4];
        let mut nw = 0;
        let mut pos = k;
        let mut group = 0;
        while nw < 4 {
            let pw = if pos == s { pw_s } else { t.prev_word(pos) };
            match pw {
                Some((ws, we))
                    if (if pos == s { e_s } else { t.skip_sp_back(pos) }) == we
                        && (we < pos || pos == k) =>
                {
                    if we == pos && pos != k {
                        break;
                    }
                    // every cue ends with one of a few words: stop early when the
                    // nearest word is none of them (most numbers)
                    if nw == 0 {
                        group = cue_last_id(&t.lc[ws..we])?;
                    }
                    buf[nw] = (ws, we);
                    nw += 1;
                    pos = ws;
                }
                _ => break,
            }
        }
        if nw == 0 {
            return None;
        }
        let words = &buf[..nw];
        for &pi in &cue_groups()[group] {
            let Some((phrase, ap, in_span)) = CUES.get(usize::from(pi)) else {
                continue;
            };
            let n = phrase.len();
            if n > words.len() {
                continue;
            }
            let ok = phrase
                .iter()
                .rev()
                .zip(words.iter())
                .all(|(p, &(ws, we))| &t.lc[ws..we] == p.as_bytes());
            if ok {
                return Some((words[n - 1].0, *ap, *in_span));
            }
        }
        None
    }

    /// The connector after a number that may open a range: (start of the right number, kind).
    fn connector(&self, pos: usize, between: bool, a: &Num) -> Option<(usize, Conn)> {
        let t = self.t;
        let b = t.b;
        // every connector starts with a hyphen, a dash or a space
        if !matches!(b.get(pos), Some(b'-' | b' ' | b'\t' | 0xC2 | 0xE2)) {
            return None;
        }
        let digitish = |k: usize| {
            b.get(k).is_some_and(|c| c.is_ascii_digit() || *c == b'$')
                || currency_symbol_len(b, k) > 0
        };
        if b.get(pos) == Some(&b'-') && digitish(pos + 1) {
            let k = pos + 1;
            return Some((skip_symbol(t, k), Conn::Hyphen));
        }
        let k = t.skip_sp(pos);
        if b.get(k..k + 3) == Some("\u{2013}".as_bytes())
            || (k == pos && b.get(k..k + 3) == Some("\u{2014}".as_bytes()))
        {
            let k2 = t.skip_sp(k + 3);
            if digitish(k2) {
                return Some((skip_symbol(t, k2), Conn::Hyphen));
            }
        }
        if k > pos && b.get(k) == Some(&b'-') && t.skip_sp(k + 1) == k + 2 && digitish(k + 2) {
            return Some((skip_symbol(t, k + 2), Conn::Hyphen));
        }
        // "to", "and", "or"
        if k == pos || !matches!(t.lc.get(k), Some(b't' | b'a' | b'o')) {
            return None;
        }
        let word = |w: &[u8]| t.lc_word_at(k, w);
        let conn = if word(b"to") {
            Some((k + 2, Conn::To))
        } else if between && word(b"and") {
            Some((k + 3, Conn::And))
        } else if word(b"or")
            && (a.written || (a.decimals == 0 && a.scale == 1.0 && a.cur.is_none()))
        {
            Some((k + 2, Conn::Or))
        } else {
            None
        }?;
        let k2 = t.skip_sp(conn.0);
        if k2 == conn.0 {
            return None;
        }
        let starts_number = digitish(k2) || {
            let (ws, we) = t.word_at(k2);
            we > ws && (lex::small_number(&t.lc[ws..we]).is_some())
        };
        if !starts_number {
            return None;
        }
        if conn.1 == Conn::Or {
            // "two or three days": both small, same style
            let (ws, we) = t.word_at(k2);
            let right_written = we > ws;
            if right_written != a.written {
                return None;
            }
        }
        Some((skip_symbol(t, k2), conn.1))
    }

    /// "10-year", "three-day", "500,000-barrel", "27-year-old".
    fn hyphen_adjective(&self, a: &Num, left: &Left, min_start: usize) -> Option<Cand> {
        let t = self.t;
        let (ws, we) = t.word_at(a.end + 1);
        let w = &t.lc[ws..we];
        let v = a.value();
        let simple = |kind, unit: Option<String>, cur, end| Cand {
            start: left.cue_start.unwrap_or(a.start).max(min_start),
            end,
            kind,
            low: v,
            high: v,
            range: false,
            unit,
            cur,
            approx: left.approx.unwrap_or(Approx::Exact),
            cued: left.approx.is_some(),
        };
        // "a 5-percent rise", "a 3,000-won note", "$50-a-month jobs"
        if matches!(w, b"percent" | b"per") && !a.written || a.pct {
            let end = if w == b"per" {
                let (_, e2) = t.hword_at(ws);
                if !t.lc[ws..e2].starts_with(b"per-cent") {
                    return None;
                }
                e2
            } else if a.pct {
                a.end
            } else {
                we
            };
            return Some(simple(
                FigureKind::Percent,
                Some("percent".into()),
                None,
                end,
            ));
        }
        if let Some(c) = a.cur {
            return Some(simple(FigureKind::Money, None, Some(c), a.end));
        }
        if let Some(c) = lex::currency_word(w) {
            if !a.written {
                return Some(simple(FigureKind::Money, None, Some(c), we));
            }
        }
        let (kind, unit) = if let Some(d) = lex::duration_unit(w) {
            (FigureKind::Duration, d)
        } else if let Some(q) = lex::quantity_unit(w) {
            (FigureKind::Quantity, q)
        } else {
            return None;
        };
        // "27-year-old": an age
        if t.b.get(we) == Some(&b'-') {
            let (s2, e2) = t.word_at(we + 1);
            if &t.lc[s2..e2] == b"old" {
                return None;
            }
        }
        let mut end = we;
        if kind == FigureKind::Quantity && t.b.get(we) == Some(&b'-') {
            // "kilowatt-hour"
            let (_, e2) = t.hword_at(ws);
            end = e2;
        }
        // "the four-month numbers", "a 10-year high": a period of data, not a length
        let k = t.skip_sp(end);
        if k > end {
            let (s2, e2) = t.word_at(k);
            if lex::is_data_noun(&t.lc[s2..e2]) {
                return None;
            }
        }
        if a.written && a.mant == 1.0 {
            return None;
        }
        Some(Cand {
            start: left.cue_start.unwrap_or(a.start).max(min_start),
            end,
            kind,
            low: v,
            high: v,
            range: false,
            unit: Some(unit.to_string()),
            cur: None,
            approx: left.approx.unwrap_or(Approx::Exact),
            cued: left.approx.is_some(),
        })
    }

    /// What follows the number: currency, percent, unit or counted noun phrase.
    /// `None` when the number is not a figure (a time, an age, a multiplier, a relative date).
    fn unit_after(
        &self,
        pos: usize,
        value: f64,
        cur: Option<Cur>,
        pct: bool,
        qty: Option<&'static str>,
    ) -> Option<Unit> {
        let t = self.t;
        let b = t.b;
        let j0 = t.skip_sp(pos);
        // times of day (all start with 'a' or 'p')
        if matches!(t.lc.get(j0), Some(b'a' | b'p')) {
            if t.lc.get(j0..j0 + 4) == Some(b"a.m.") || t.lc.get(j0..j0 + 4) == Some(b"p.m.") {
                return None;
            }
            if j0 > pos && (t.lc_word_at(j0, b"am") || t.lc_word_at(j0, b"pm")) {
                return None;
            }
        }
        if pct {
            return Some(Unit::of(FigureKind::Percent, "percent", pos));
        }
        // coordinates and temperatures: "39.0392° N", "-20°C"
        if matches!(t.lc.get(j0), Some(0xC2 | b'd'))
            && (t.b.get(j0..j0 + 2) == Some("\u{b0}".as_bytes()) || t.lc_word_at(j0, b"degrees"))
        {
            return None;
        }
        if let Some(q) = qty {
            return Some(Unit::of(FigureKind::Quantity, q, pos));
        }
        // a closing quote between the number and its noun: "“800 to 1,000” workers"
        let mut j = j0;
        if j0 == pos {
            if let Some(ch) = t.char_at(pos) {
                if matches!(ch, '\u{201d}' | '"' | '\u{2019}') {
                    let q_end = pos + ch.len_utf8();
                    let k = t.skip_sp(q_end);
                    if k > q_end && cur.is_none() {
                        j = k;
                    }
                }
            }
        }
        if cur.is_some() {
            // the currency was written before the number; "$5 million worth" etc.
            return Some(Unit::money(cur.unwrap_or(Cur::Won), pos));
        }
        if j == pos {
            return Some(Unit::bare(pos));
        }
        if t.b.get(j) == Some(&b'%') {
            return Some(Unit::of(FigureKind::Percent, "percent", j + 1));
        }
        // (the phrases whose first two bytes differ are passed over without a comparison)
        let head = first_two(&t.lc, j);
        if pair_hit(&CURRENCY_PAIRS, &t.lc, j) {
            for (p, c) in CURRENCY_PHRASES {
                if first_two(p, 0) == head && t.lc_word_at(j, p) {
                    return Some(Unit::money(*c, j + p.len()));
                }
            }
        }
        if pair_hit(&UNIT_PAIRS, &t.lc, j) {
            for (p, k, u) in UNIT_PHRASES {
                if first_two(p, 0) == head && t.lc_word_at(j, p) {
                    return Some(Unit::of(*k, u, j + p.len()));
                }
            }
        }
        let (ws, we) = t.hword_at(j);
        if we == ws {
            return Some(Unit::bare(pos));
        }
        let w = &t.lc[ws..we];
        if matches!(w, b"percent" | b"pct") {
            return Some(Unit::of(FigureKind::Percent, "percent", we));
        }
        if let Some(c) = lex::currency_word(w) {
            // "won" as a verb: "the party won 200 seats" never reaches here; "300 won the" would
            return Some(Unit::money(c, we));
        }
        if let Some(d) = lex::duration_unit(w) {
            let k = t.skip_sp(we);
            if k > we && (t.lc_word_at(k, b"ago") || t.lc_word_at(k, b"old")) {
                return None;
            }
            return Some(Unit::of(FigureKind::Duration, d, we));
        }
        if matches!(w, b"km" | b"m") {
            let sq = if t.b.get(we) == Some(&b'2') {
                Some(we + 1)
            } else if t.b.get(we..we + 2) == Some("\u{b2}".as_bytes()) {
                Some(we + 2)
            } else {
                None
            };
            if let Some(e) = sq {
                let u = if w == b"km" { "km2" } else { "m2" };
                return Some(Unit::of(FigureKind::Quantity, u, e));
            }
        }
        if w == b"m" && !self.next_is_plural(we) {
            return Some(Unit::of(FigureKind::Quantity, "m", we));
        }
        if w.len() > 1 || matches!(w, b"t") {
            if let Some(q) = lex::quantity_unit(w) {
                // "m" after a currency-less number is a metre only when glued; spaced "m"/"g" are rare
                return Some(Unit::of(FigureKind::Quantity, q, we));
            }
        }
        if lex::is_non_figure_noun(w) {
            return None;
        }
        if b.get(we) == Some(&b'-') && t.lc_word_at(we + 1, b"fold") {
            return None;
        }
        match self.np_head(j, value) {
            NpHead::Head(unit, end, person) => {
                let k = t.skip_sp(end);
                if k > end && t.lc_word_at(k, b"ago") {
                    return None;
                }
                Some(Unit {
                    kind: FigureKind::Count,
                    unit: Some(unit),
                    cur: None,
                    end,
                    strong: person,
                })
            }
            NpHead::None => Some(Unit::bare(pos)),
        }
    }

    /// The counted noun phrase starting at `j`: its unit, end, and whether it counts people.
    fn np_head(&self, j: usize, value: f64) -> NpHead {
        let t = self.t;
        let b = t.b;
        let mut k = j;
        // the modifiers read so far: at most one per word, four words
        let mut mods = [(0usize, 0usize); 4];
        let mut nmods = 0;
        for _ in 0..4 {
            let (ws, we) = t.hword_at(k);
            if we == ws {
                return NpHead::None;
            }
            let w = &t.lc[ws..we];
            let cap = b[ws].is_ascii_uppercase();
            if lex::is_stop_word(w) || lex::duration_unit(w).is_some() && nmods > 0 {
                return NpHead::None;
            }
            let next = {
                let k2 = t.skip_sp(we);
                if k2 > we {
                    let (s2, e2) = t.hword_at(k2);
                    (e2 > s2).then_some((s2, e2))
                } else {
                    None
                }
            };
            let next_is_noun = next.is_some_and(|(s2, e2)| {
                let w2 = &t.lc[s2..e2];
                !b[s2].is_ascii_uppercase()
                    && !lex::is_stop_word(w2)
                    && (lex::looks_plural(w2) || lex::is_person_noun(w2))
                    && !w2.ends_with(b"ed")
            });
            let demonym = lex::is_demonym_plural(w);
            let orig = &b[ws..we];
            let acronym = orig.len() >= 3
                && orig.ends_with(b"s")
                && orig[..orig.len() - 1].iter().all(u8::is_ascii_uppercase);
            if acronym {
                let unit = String::from_utf8_lossy(&orig[..orig.len() - 1]).into_owned();
                return NpHead::Head(unit, we, false);
            }
            let plural = if cap {
                demonym && !(matches!(w, b"chinese" | b"japanese" | b"vietnamese") && next_is_noun)
            } else {
                lex::looks_plural(w) || lex::is_person_noun(w) && value != 1.0
            };
            if plural && !w.ends_with(b"ed") && !w.ends_with(b"ing") {
                // "two sanctions resolutions": the last plural of a compound is the head
                if !cap && next_is_noun && !lex::is_person_noun(w) {
                    mods[nmods.min(3)] = (ws, we);
                    nmods = (nmods + 1).min(4);
                    let (s2, _) = next.unwrap_or((we, we));
                    k = s2;
                    continue;
                }
                let person = lex::is_person_noun(w) || demonym;
                let unit = if person {
                    "person".to_string()
                } else {
                    let head = lex::singular(&String::from_utf8_lossy(w));
                    match nmods.checked_sub(1).map(|k| mods[k]) {
                        Some((ms, me))
                            if !b[ms].is_ascii_uppercase()
                                && !lex::is_adjective(&t.lc[ms..me])
                                && !t.lc[ms..me].iter().any(u8::is_ascii_digit) =>
                        {
                            let m = String::from_utf8_lossy(&t.lc[ms..me]);
                            let m = if lex::looks_plural(&t.lc[ms..me]) {
                                lex::singular(&m)
                            } else {
                                m.into_owned()
                            };
                            format!("{m} {head}")
                        }
                        _ => head,
                    }
                };
                return NpHead::Head(unit, we, person);
            }
            // a modifier: adjective, participle after an adverb, noun, capitalised name
            if w.ends_with(b"ed") && nmods == 0 && !cap {
                return NpHead::None;
            }
            if w.ends_with(b"ly") && nmods == 0 {
                // "officially recognized markets"
                let ok = next.is_some_and(|(s2, e2)| t.lc[s2..e2].ends_with(b"ed"));
                if !ok {
                    return NpHead::None;
                }
            }
            mods[nmods.min(3)] = (ws, we);
            nmods = (nmods + 1).min(4);
            match next {
                Some((s2, _)) => k = s2,
                None => return NpHead::None,
            }
        }
        NpHead::None
    }

    /// True when the word after `end` (past spaces) is a plural noun.
    fn next_is_plural(&self, end: usize) -> bool {
        let t = self.t;
        let k = t.skip_sp(end);
        let (ws, we) = t.word_at(k);
        k > end
            && we > ws
            && (lex::looks_plural(&t.lc[ws..we]) || lex::is_person_noun(&t.lc[ws..we]))
    }

    /// A qualifier written after the figure ("or so", "or more").
    fn trailing_cue(&self, end: usize) -> Option<Approx> {
        let t = self.t;
        let k = t.skip_sp(end);
        if k == end {
            // "100-plus", "40-odd", "100+"
            if t.b.get(end) == Some(&b'+') {
                return Some(Approx::AtLeast);
            }
            return None;
        }
        if !pair_hit(&TRAILING_PAIRS, &t.lc, k) {
            return None;
        }
        let head = first_two(&t.lc, k);
        TRAILING_CUES
            .iter()
            .find(|(p, _)| first_two(p, 0) == head && t.lc_word_at(k, p))
            .map(|(_, a)| *a)
    }

    /// "the number of North Korean workers there exceeded 49,000": the counted noun of a bare number.
    fn number_of_unit(&self, start: usize) -> Option<String> {
        let t = self.t;
        let pat = NUMBER_OF;
        // the last "number of " ending before `start`, from the positions of the whole
        // text (found once); the sentence start lies at most 400 bytes back, so an
        // occurrence further back cannot be in the sentence
        let occ = self
            .number_of_at
            .get_or_init(|| number_of_finder().find_iter(&t.lc).collect());
        let idx = occ.partition_point(|&q| q + pat.len() <= start);
        let q = *occ.get(idx.checked_sub(1)?)?;
        if q < start.saturating_sub(400) || q < t.sentence_start(start, 400) {
            return None;
        }
        let mut k = q + pat.len();
        if t.lc_word_at(k, b"the") {
            k = t.skip_sp(k + 3);
        }
        match self.np_head(k, 2.0) {
            NpHead::Head(u, _, _) => Some(u),
            NpHead::None => None,
        }
    }

    /// "Kim Jong Un, 39, visited": an age in apposition to a name.
    fn age_apposition(&self, start: usize, end: usize) -> bool {
        let t = self.t;
        let b = t.b;
        if b.get(end) != Some(&b',') {
            return false;
        }
        let p = t.skip_sp_back(start);
        if p == 0 || b[p - 1] != b',' {
            return false;
        }
        let (ws, we) = t.word_before(t.skip_sp_back(p - 1));
        we > ws && b[ws].is_ascii_uppercase()
    }

    /// A bare number with another bare number right beside it ("1 2 3 Next", "123 4567").
    fn bare_neighbour(&self, start: usize, end: usize) -> bool {
        let t = self.t;
        let k = t.skip_sp(end);
        if k > end && t.b.get(k).is_some_and(u8::is_ascii_digit) {
            return true;
        }
        let p = t.skip_sp_back(start);
        p < start && p > 0 && t.b[p - 1].is_ascii_digit()
    }

    /// Settles "won", fills qualifiers carried over by "or", and builds the figures.
    fn finish(mut self) -> Vec<Figure> {
        let t = self.t;
        // elliptic amounts take the unit of their neighbour: "1,250 won, up from 1,100",
        // "4,500, 4,600 and 4,700 won"
        let n = self.out.len();
        for idx in 1..n {
            if self.is_bare(idx) && !self.is_bare(idx - 1) && self.joined(idx - 1, idx, true) {
                self.inherit(idx, idx - 1);
            }
        }
        for idx in (0..n.saturating_sub(1)).rev() {
            if self.is_bare(idx) && !self.is_bare(idx + 1) && self.joined(idx, idx + 1, false) {
                self.inherit(idx, idx + 1);
            }
        }
        self.settle_won();
        // "no more than $400,870,018 worth of coal, or 7.5 million tons"
        for idx in 1..self.out.len() {
            let (prev, cur) = (&self.out[idx - 1], &self.out[idx]);
            // only bounds carry over (a cap restated in other units); "about 10.1 million
            // people, or 40% of the population" keeps its own exact 40%
            if cur.cued || !prev.cued || !matches!(prev.approx, Approx::AtMost | Approx::AtLeast) {
                continue;
            }
            if cur.start < prev.end || cur.start - prev.end > 40 {
                continue;
            }
            let gap = &t.lc[prev.end..cur.start];
            if gap.contains(&b'.') || gap.contains(&b'\n') {
                continue;
            }
            let trimmed = gap.trim_ascii_end();
            if trimmed.ends_with(b" or") || trimmed.ends_with(b",or") || trimmed == b"or" {
                let ap = prev.approx;
                self.out[idx].approx = ap;
            }
        }
        self.out
            .into_iter()
            .map(|c| {
                let unit = match c.cur {
                    Some(Cur::Iso(code)) => Some(code.to_string()),
                    Some(Cur::Won) => Some(self.opts.default_won.clone()),
                    None => c.unit,
                };
                let value = (!c.range).then_some(c.low);
                let value_usd = if unit.as_deref() == Some("USD") {
                    value
                } else {
                    None
                };
                Figure {
                    start: c.start,
                    end: c.end,
                    kind: c.kind,
                    value,
                    low: c.low,
                    high: c.high,
                    unit,
                    approx: c.approx,
                    value_usd,
                }
            })
            .collect()
    }

    /// A count with nothing counted.
    fn is_bare(&self, idx: usize) -> bool {
        let f = &self.out[idx];
        f.kind == FigureKind::Count && f.unit.is_none() && f.cur.is_none()
    }

    /// True when figures `a` and `b` (a before b) are joined by a list or comparison word only.
    fn joined(&self, a: usize, b: usize, backward: bool) -> bool {
        let (fa, fb) = (&self.out[a], &self.out[b]);
        if fb.start < fa.end || fb.start - fa.end > 24 {
            return false;
        }
        let gap = self.t.lc[fa.end..fb.start].trim_ascii();
        let gap = gap.strip_prefix(b",").unwrap_or(gap).trim_ascii();
        if backward {
            matches!(
                gap,
                b"from"
                    | b"up from"
                    | b"down from"
                    | b"compared with"
                    | b"compared to"
                    | b"against"
                    | b"versus"
                    | b"vs."
                    | b"vs"
                    | b"and"
                    | b"or"
                    | b""
                    | b"to"
            ) && !(gap == b"to" && fa.kind == FigureKind::Percent)
        } else {
            matches!(gap, b"" | b"and" | b"or" | b"to")
        }
    }

    /// Gives figure `to` the kind and unit of figure `from`.
    fn inherit(&mut self, to: usize, from: usize) {
        let (kind, unit, cur) = {
            let f = &self.out[from];
            (f.kind, f.unit.clone(), f.cur)
        };
        if kind == FigureKind::Count && unit.is_none() {
            return;
        }
        let f = &mut self.out[to];
        f.kind = kind;
        f.unit = unit;
        f.cur = cur;
    }

    /// Settles every "won" figure as KPW or KRW (see the module docs).
    fn settle_won(&mut self) {
        let t = self.t;
        // conversions first: they read the currency of the next figure, still unsettled
        let mut todo: Vec<(usize, Result<&'static str, WonWindows>)> = Vec::new();
        for idx in 0..self.out.len() {
            if self.out[idx].cur == Some(Cur::Won) {
                let r = match self.won_conversion(idx) {
                    Some(code) => Ok(code),
                    None => Err(self.won_windows(idx)),
                };
                todo.push((idx, r));
            }
        }
        // the cues of the whole lines that hold every context window: no cue holds a
        // newline, and the automaton is back at its start after one, so these are the
        // matches a pass over the whole text finds there
        let lo = todo
            .iter()
            .filter_map(|(_, r)| r.as_ref().err())
            .map(|w| w.ss.min(w.cs).min(w.ps))
            .min();
        let hi = todo
            .iter()
            .filter_map(|(_, r)| r.as_ref().err())
            .map(|w| w.se.max(w.pe).max(w.ps))
            .max();
        let mut cues: Vec<(usize, usize)> = Vec::new();
        if let (Some(lo), Some(hi)) = (lo, hi) {
            let lo = memchr::memrchr(b'\n', &t.lc[..lo]).map_or(0, |q| q + 1);
            let hi = memchr::memchr(b'\n', &t.lc[hi..]).map_or(t.lc.len(), |q| hi + q);
            cues = won_automaton()
                .find_iter(&t.lc[lo..hi])
                .map(|m| (lo + m.start(), m.pattern().as_usize()))
                .collect();
        }
        for (idx, r) in todo {
            let code = match r {
                Ok(code) => code,
                Err(w) => self.won_context(idx, &w, &cues),
            };
            self.out[idx].cur = Some(Cur::Iso(code));
        }
    }

    /// KPW or KRW from a conversion right after the "won" figure at `idx`:
    /// "1.05 trillion won (roughly US$920 million)", "616 billion won, or about $560 million".
    fn won_conversion(&self, idx: usize) -> Option<&'static str> {
        let t = self.t;
        let f = &self.out[idx];
        if let Some(next) = self.out.get(idx + 1) {
            if next.cur == Some(Cur::Iso("USD"))
                && next.start >= f.end
                && next.start - f.end <= 24
                && !next.range
            {
                let gap = &t.lc[f.end..next.start];
                let gap_ok = gap
                    .iter()
                    .all(|&c| matches!(c, b' ' | b'(' | b',' | b'[' | b'/'))
                    || gap.starts_with(b" (")
                    || gap.starts_with(b", or")
                    || gap.starts_with(b" or ");
                if gap_ok && next.low > 1.0 && !f.range {
                    let rate = f.low / next.low;
                    if (700.0..=2000.0).contains(&rate) {
                        return Some("KRW");
                    }
                    if !(300.0..=2000.0).contains(&rate) {
                        return Some("KPW");
                    }
                }
            }
        }
        None
    }

    /// The sentence, paragraph and context windows of the figure at `idx`.
    fn won_windows(&self, idx: usize) -> WonWindows {
        let t = self.t;
        let f = &self.out[idx];
        WonWindows {
            ss: t.sentence_start(f.start, 600),
            se: t.sentence_end(f.end, 600),
            cs: t.context_start(f.start, 2500),
            ps: t.paragraph_start(f.start, 2500),
            pe: t.paragraph_end(f.end, 2500),
        }
    }

    /// KPW or KRW for the "won" figure at `idx` from the won cues (positions and ids,
    /// sorted, covering the windows `w`).
    fn won_context(&self, idx: usize, w: &WonWindows, cues: &[(usize, usize)]) -> &'static str {
        let f = &self.out[idx];
        let default: &'static str = if self.opts.default_won == "KRW" {
            "KRW"
        } else {
            "KPW"
        };
        // a cue weighs 6 in the sentence, 2 elsewhere in the paragraph, 1 in the paragraph before
        let mut krw = 0;
        let mut kpw = 0;
        if f.low >= 1e12 {
            // trillions of won are South Korean aggregates (budgets, GNI, losses)
            krw += 3;
        }
        for (lo, hi, weight) in [(w.ss, w.se, 4), (w.ps, w.pe, 2), (w.cs, w.ps, 1)] {
            let from = cues.partition_point(|&(p, _)| p < lo);
            // the ids seen in this window (fewer than 64 cues)
            let mut seen = 0u64;
            for &(p, id) in &cues[from..] {
                if p >= hi {
                    break;
                }
                let bit = 1u64 << (id & 63);
                if seen & bit != 0 {
                    continue;
                }
                seen |= bit;
                if weight == 4 && id == 0 {
                    return "KRW"; // "South Korean won" in the sentence
                }
                if weight == 4 && id == KRW_CUES.len() {
                    return "KPW"; // "North Korean won" in the sentence
                }
                if id < KRW_CUES.len() {
                    krw += weight;
                } else {
                    kpw += weight;
                }
            }
        }
        if krw > kpw {
            "KRW"
        } else if kpw > krw {
            "KPW"
        } else {
            default
        }
    }
}

/// Where the context of a "won" figure is read: sentence, paragraph, paragraph before.
struct WonWindows {
    ss: usize,
    se: usize,
    cs: usize,
    ps: usize,
    pe: usize,
}

/// The result of reading a counted noun phrase.
enum NpHead {
    Head(String, usize, bool),
    None,
}

/// How two numbers of a range are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Conn {
    Hyphen,
    To,
    And,
    Or,
}

/// Bytes of a currency symbol at `k` (€, £, ¥, ₩, ₽), else 0.
fn currency_symbol_len(b: &[u8], k: usize) -> usize {
    for sym in ["\u{20ac}", "\u{a3}", "\u{a5}", "\u{20a9}", "\u{20bd}"] {
        if b.get(k..k + sym.len()) == Some(sym.as_bytes()) {
            return sym.len();
        }
    }
    0
}

/// Moves past a currency symbol ("$", "€") or "US$" to the digits that follow.
fn skip_symbol(t: &Text, k: usize) -> usize {
    let b = t.b;
    let mut k = k;
    if b.get(k) == Some(&b'$') {
        k += 1;
    } else {
        k += currency_symbol_len(b, k);
    }
    if b.get(k) == Some(&b' ') && b.get(k + 1).is_some_and(u8::is_ascii_digit) {
        k += 1;
    }
    k
}

/// The bounds and currency of a range `a`–`b`, or `None` when they do not make one.
fn combine(a: &Num, b: &Num) -> Option<(f64, f64, Option<Cur>)> {
    if b.cur.is_some() && a.cur.is_none() {
        return None;
    }
    if a.cur.is_some() && b.cur.is_some() && a.cur != b.cur {
        return None;
    }
    if a.pct && !b.pct {
        return None;
    }
    let hi = b.value();
    let mut lo = a.value();
    if a.scale == 1.0 && b.scale > 1.0 && a.mant * b.scale <= hi {
        lo = a.mant * b.scale;
    }
    if lo < hi {
        Some((lo, hi, a.cur.or(b.cur)))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::Rng;

    fn one(s: &str) -> Vec<(String, f64, f64, Option<String>, &'static str)> {
        extract(s, &FigureOptions::default())
            .into_iter()
            .map(|f| {
                (
                    s[f.start..f.end].to_string(),
                    f.low,
                    f.high,
                    f.unit,
                    f.approx.as_str(),
                )
            })
            .collect()
    }

    #[test]
    fn basics() {
        let r = one("Pyongyang plans to send about 300 people.");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "about 300 people");
        assert_eq!(r[0].3.as_deref(), Some("person"));
        let r = one("Total trade stood at $142.7 million.");
        assert_eq!(r[0].1, 142_700_000.0);
        assert!(one("Resolution 2397 was adopted in January 2020 after Covid-19.").is_empty());
    }

    #[test]
    fn filters_cover_their_lists() {
        assert!(CUES.len() <= 256);
        // won cues: ids fit a 64-bit set, and no cue spans a line
        assert!(KRW_CUES.len() + KPW_CUES.len() <= 64);
        for c in KRW_CUES.iter().chain(KPW_CUES) {
            assert!(!c.contains(&b'\n'));
        }
        for (phrase, _, _) in CUES {
            let last = phrase.last().map_or(&b""[..], |w| w.as_bytes());
            assert!(cue_last_id(last).is_some(), "{phrase:?}");
        }
        assert_eq!(cue_groups().iter().map(Vec::len).sum::<usize>(), CUES.len());
        let check = |f: &PairFilter, p: &[u8]| {
            assert!(p.len() >= 2 && pair_hit(f, p, 0), "{p:?}");
        };
        for (p, _) in CURRENCY_PHRASES {
            check(&CURRENCY_PAIRS, p);
        }
        for (p, _, _) in UNIT_PHRASES {
            check(&UNIT_PAIRS, p);
        }
        for (p, _) in TRAILING_CUES {
            check(&TRAILING_PAIRS, p);
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn letters_digits16_classifies_every_byte() {
        let mut rng = Rng(16);
        for round in 0..4096 {
            let mut blk = [0u8; 16];
            for (k, x) in blk.iter_mut().enumerate() {
                // every byte value at every position, then random blocks
                *x = if round < 256 {
                    (round + k * 17) as u8
                } else {
                    rng.next() as u8
                };
            }
            let (letters, digits) = letters_digits16(&blk);
            for (k, x) in blk.iter().enumerate() {
                assert_eq!(letters >> k & 1 == 1, x.is_ascii_alphabetic(), "{x:#x}");
                assert_eq!(digits >> k & 1 == 1, x.is_ascii_digit(), "{x:#x}");
            }
            assert_eq!(letters >> 16, 0);
            assert_eq!(digits >> 16, 0);
        }
    }

    #[test]
    fn next_event_matches_the_walk() {
        // the byte-by-byte walk: positions where it acts (digits, word starts) and
        // whether a word start there may be a number word
        let pieces = [
            "a",
            "the ",
            "one",
            "Two",
            "x",
            "7",
            " ",
            ",",
            "seventeen",
            "\u{e9}",
            "\u{2013}",
            "ten",
            "tens",
            "\n",
            "Abc",
            "ninety-",
            "5,000",
            "zZ",
            "E",
            "oNe",
            "internationalization",
            "Thirteen",
        ];
        let mut rng = Rng(12345);
        for round in 0..1000 {
            let s = rng.text(&pieces, 10 + round % 70);
            let b = s.as_bytes();
            for p in 0..=b.len() {
                // the walk from p
                let mut visits = Vec::new();
                let mut q = p;
                let reference = loop {
                    if q >= b.len() {
                        break b.len();
                    }
                    let c = b[q];
                    if c.is_ascii_digit() {
                        break q;
                    }
                    if c.is_ascii_alphabetic() {
                        let we = alpha_end(b, q + 1);
                        let w = s[q..we].to_ascii_lowercase();
                        if lex::small_number(w.as_bytes()).is_some() || w == "a" {
                            break q;
                        }
                        visits.push(q);
                        q = we;
                        continue;
                    }
                    q += 1;
                };
                let got = next_event(b, p);
                assert!(
                    got == reference || visits.contains(&got),
                    "{s:?} from {p}: {got} vs {reference}"
                );
            }
        }
    }

    #[test]
    fn ranges() {
        let r = one("between 1.3 billion and 3 billion tons");
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].1, r[0].2), (1.3e9, 3e9));
        let r = one("1.2-1.5 billion yuan");
        assert_eq!((r[0].1, r[0].2), (1.2e9, 1.5e9));
    }
}

//! Date expressions resolved against a post's date.
//!
//! [`find`] tokenises a span of text and recognises, in order of preference:
//!
//! - qualified periods: "early November", "mid-2018", "late May 2020",
//!   "the end of November" (its last day), "the beginning of the year";
//! - quarters, halves and leading months: "the first quarter of 2013", "Q1 2013",
//!   "the first half of 2017", "the first five months of the year";
//! - calendar dates: "Nov. 1", "October 26th, 2022", "26 October 2022", "December 26 to 31",
//!   "2010-7-26"; months: "January 2020", "September", month ranges "January–June",
//!   "January to June", "between January and May";
//! - weekdays: "on Monday", "last Wednesday", "Sunday" (the latest such day not after the
//!   post; "next Monday" the first after it);
//! - relative words: "yesterday", "today", "last week", "last month", "the previous month",
//!   "last year", "this year", "next year", "earlier this year";
//! - years and decades: "2014", "the 1990s".
//!
//! A month or day without a year takes the post's year when it is not after the post;
//! when it is after the post it stays in the post's year only if it lies within three
//! months and the text speaks of the future (will, plans, expected, scheduled, "by",
//! "until"), else it is last year's. Periods without a year (quarters, halves, "the first
//! four months", month ranges) are the latest ones that end by the post's date (or, for
//! the running period, the post's year). Expressions that need the post's date are
//! skipped when it is unknown.

use crate::model::{Date, DateMention};
use chrono::{Datelike, Duration};
use std::borrow::Cow;
use std::cell::Cell;

/// Finds the date expressions in `text[start..end]` (byte offsets into `text`),
/// resolved against `anchor` (the post's publication date). Offsets of the returned
/// mentions are byte offsets into `text`; `text[m.start..m.end]` is the expression as written.
// (not inlined: keeps its cost visible to profilers)
#[inline(never)]
pub fn find(text: &str, start: usize, end: usize, anchor: Option<Date>) -> Vec<DateMention> {
    let Some(span) = text.get(start..end) else {
        return Vec::new();
    };
    TOKS.with(|buf| match buf.try_borrow_mut() {
        Ok(mut toks) => {
            let out = find_in(span, start, anchor, &mut toks);
            if toks.capacity() > 1 << 12 {
                *toks = Vec::new();
            }
            out
        }
        Err(_) => find_in(span, start, anchor, &mut Vec::new()),
    })
}

thread_local! {
    /// The token buffer of [`find`], reused from call to call.
    static TOKS: std::cell::RefCell<Vec<Tok>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// False when no date expression can start in a text of which `w` is one word: [`find`]
/// finds none in a span when this is false for each of its words. A word here is a run of
/// non-whitespace chars that holds every letter and digit next to it, cut where it likes
/// between a letter or digit and any other char (as the claims tokenizer's words are);
/// `ascii_letters` says that `w` is ASCII letters only (then one table test mostly answers).
#[inline]
pub(crate) fn word_may_hold_date(w: &str, ascii_letters: bool) -> bool {
    if ascii_letters {
        let b = w.as_bytes();
        let lens = b.first().map_or(0, |&f| TRIGGER_LENS[f as usize]);
        return b.len() < 16 && lens >> b.len() & 1 != 0 && ascii_reach(b) != NO_TRIGGER;
    }
    may_hold_date(w)
}

/// Per first byte, a bit per length (below 16) of the ASCII trigger words starting with
/// it ([`ascii_reach`]: month and weekday names as written, trigger words in any case).
static TRIGGER_LENS: [u16; 256] = {
    const CASED: [&str; 31] = [
        "January",
        "Jan",
        "February",
        "Feb",
        "March",
        "Mar",
        "April",
        "Apr",
        "May",
        "June",
        "Jun",
        "July",
        "Jul",
        "August",
        "Aug",
        "September",
        "Sep",
        "Sept",
        "October",
        "Oct",
        "November",
        "Nov",
        "December",
        "Dec",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    const ANY_CASE: [&str; 9] = [
        "year",
        "week",
        "half",
        "month",
        "today",
        "months",
        "quarter",
        "tomorrow",
        "yesterday",
    ];
    let mut t = [0u16; 256];
    let mut k = 0;
    while k < CASED.len() {
        let b = CASED[k].as_bytes();
        t[b[0] as usize] |= 1 << b.len();
        k += 1;
    }
    k = 0;
    while k < ANY_CASE.len() {
        let b = ANY_CASE[k].as_bytes();
        t[b[0] as usize] |= 1 << b.len();
        t[b[0].to_ascii_uppercase() as usize] |= 1 << b.len();
        k += 1;
    }
    t
};

/// False when `span` surely holds no date expression ([`find_in`] finds none); true when
/// it may hold one.
///
/// Every expression holds a trigger token ([`tokenize`]). This scan looks for the
/// triggers without building tokens: a maximal run of ASCII letters that is a trigger
/// ([`ascii_reach`], the same runs the tokenizer makes, or a part of a word with other
/// letters: more "maybe"), a 4-digit run that may be a year, the Kelvin sign (the one
/// non-ASCII char whose lower case is ASCII, so a word with it may lower-case to "week";
/// other words with non-ASCII letters lower-case to no trigger). A number that is no year
/// is a trigger only for "Q1"/"H2": a day needs a month after it, the other expressions
/// at or before a number need a month, weekday or trigger word, or a year; so a digit
/// run counts only right after a "Q" or "H". Whitespace and other chars only separate, so
/// the scan of each part of a span cut between a letter or digit and another char (or
/// at whitespace) says "no" only when the scan of the span does.
fn may_hold_date(span: &str) -> bool {
    let b = span.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        match CLASS[b[i] as usize] {
            ALPHA => {
                let s = i;
                i = crate::swar::letters_end(b, i + 1);
                if ascii_reach(b.get(s..i).unwrap_or(b"")) != NO_TRIGGER {
                    return true;
                }
            }
            DIGIT => {
                let s = i;
                i += 1;
                while i < n && CLASS[b[i] as usize] == DIGIT {
                    i += 1;
                }
                if i - s == 4
                    && b.get(s..i).is_some_and(|d| {
                        plausible_year(d.iter().fold(0, |n, &c| n * 10 + u32::from(c - b'0')))
                    })
                {
                    return true;
                }
                if s > 0 && matches!(b[s - 1], b'Q' | b'H') {
                    return true;
                }
            }
            WIDE => {
                // U+212A KELVIN SIGN
                if b[i] == 0xE2 && b.get(i + 1..i + 3) == Some(&[0x84, 0xAA]) {
                    return true;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    false
}

/// [`find`] on `span` (at byte `start` of the text), tokenizing into `toks`.
fn find_in(
    span: &str,
    start: usize,
    anchor: Option<Date>,
    toks: &mut Vec<Tok>,
) -> Vec<DateMention> {
    let Some(mut i) = tokenize(span, toks) else {
        return Vec::new();
    };
    let toks = &toks[..];
    let cx = Cx {
        span,
        toks,
        anchor,
        future: Cell::new(None),
    };
    let mut out = Vec::new();
    while let Some(t) = toks.get(i) {
        if !t.cand {
            i += 1;
            continue;
        }
        if !cx.may_start(i) {
            i += 1;
            continue;
        }
        if let Some(m) = cx.match_at(i) {
            if m.end_tok > i {
                out.push(DateMention {
                    start: start + toks[m.start_tok].s,
                    end: start + toks[m.end_tok - 1].e,
                    first: m.first,
                    last: m.last,
                });
                i = m.end_tok;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Num,
    Punct,
}

/// A token: `span[s..e]` (byte offsets into the span).
#[derive(Debug, Clone)]
struct Tok {
    s: usize,
    e: usize,
    kind: Kind,
    /// A date expression may start here (see [`tokenize`]).
    cand: bool,
    /// 1 + index in [`VOCAB`] of the lower-cased token, 0 until looked up.
    v: Cell<u8>,
}

/// `w.to_lowercase()`, borrowing `w` when that changes nothing (no char has another
/// lower-case form: ASCII without capitals, punctuation such as `“` or `—`, Korean).
/// Shared by the word tokenizers of dates, claims and trade.
#[inline]
pub(crate) fn lower(w: &str) -> Cow<'_, str> {
    // one branch-free pass over the bytes: any ASCII capital, any non-ASCII byte
    let mut upper = false;
    let mut wide = false;
    for &b in w.as_bytes() {
        upper |= b.wrapping_sub(b'A') < 26;
        wide |= b >= 0x80;
    }
    if upper {
        return Cow::Owned(w.to_lowercase());
    }
    let changes = wide
        && w.chars().any(|c| {
            let mut l = c.to_lowercase();
            !(l.next() == Some(c) && l.next().is_none())
        });
    if changes {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

use crate::sentences::char_at;

/// Byte classes of the tokenizer: ASCII whitespace (as `char::is_whitespace`), digit,
/// letter, other ASCII; `WIDE` starts a multi-byte char (decoded and classed by char).
const SPACE: u8 = 0;
const DIGIT: u8 = 1;
const ALPHA: u8 = 2;
const PUNCT: u8 = 3;
const WIDE: u8 = 4;

static CLASS: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            SPACE
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            ALPHA
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

/// Splits `span` into words (runs of letters), numbers (runs of ASCII digits with an
/// ordinal suffix) and single punctuation chars; whitespace separates. Marks the tokens
/// where a date expression may start (`cand`) and returns the first of them (`None`:
/// there is none).
///
/// Every expression the matchers accept holds a trigger token a bounded number of tokens
/// after its first token (its reach, [`ascii_reach`]): a month name (3: "the end of
/// November"), a weekday name (1: "last Monday"), "year"/"month" in any case (4: "the end
/// of the year"), "months" (3: "the first five months"), "quarter"/"half" (2: "the first
/// quarter"), "week" (2: "the previous week"), "yesterday"/"today"/"tomorrow" (0), a
/// plain 4-digit number from 1900 to 2100 (3: "the end of 2018") or any other number (1:
/// "Q1"). (Derived from the matchers: qualified targets are a month, a year or "<x>
/// year/month"; periods need "Q"/"H" + number, "quarter", "half" or "month(s)"; calendar
/// dates a month or a day number at their start; weekdays their name; relative dates one
/// of the words; iso dates, years and decades a number at their start.) Only tokens
/// within the reach before a trigger (and triggers) are marked.
fn tokenize(span: &str, toks: &mut Vec<Tok>) -> Option<usize> {
    let b = span.as_bytes();
    let n = b.len();
    toks.clear();
    toks.reserve(n / 4 + 2);
    let mut first = usize::MAX;
    let mut i = 0;
    while i < n {
        let c = b[i];
        let class = CLASS[c as usize];
        let (s, reach, kind) = match class {
            SPACE => {
                i += 1;
                continue;
            }
            ALPHA => {
                let s = i;
                i = crate::swar::letters_end(b, i + 1);
                let e = if i < n && b[i] >= 0x80 {
                    word_end(span, i)
                } else {
                    i
                };
                let reach = if e > i {
                    i = e;
                    wide_reach(span.get(s..i).unwrap_or(""))
                } else {
                    ascii_reach(b.get(s..i).unwrap_or(b""))
                };
                (s, reach, Kind::Word)
            }
            DIGIT => {
                let s = i;
                i += 1;
                while i < n && CLASS[b[i] as usize] == DIGIT {
                    i += 1;
                }
                let digits = i - s;
                // ordinal suffix
                if matches!(b.get(i..i + 2), Some(b"st" | b"nd" | b"rd" | b"th"))
                    && !char_at(span, i + 2).is_some_and(|x| x.is_alphanumeric())
                {
                    i += 2;
                }
                // a plain 4-digit number that may be a year, or any number
                let year = digits == 4
                    && i - s == 4
                    && b.get(s..i).is_some_and(|d| {
                        plausible_year(d.iter().fold(0, |n, &c| n * 10 + u32::from(c - b'0')))
                    });
                (s, if year { 3 } else { 1 }, Kind::Num)
            }
            PUNCT => {
                i += 1;
                (i - 1, NO_TRIGGER, Kind::Punct)
            }
            _ => {
                let Some(ch) = span.get(i..).and_then(|r| r.chars().next()) else {
                    break;
                };
                let s = i;
                i += ch.len_utf8();
                if is_general_punct(ch) {
                    (s, NO_TRIGGER, Kind::Punct)
                } else if ch.is_whitespace() {
                    continue;
                } else if ch.is_alphabetic() {
                    i = word_end(span, i);
                    (s, wide_reach(span.get(s..i).unwrap_or("")), Kind::Word)
                } else {
                    (s, NO_TRIGGER, Kind::Punct)
                }
            }
        };
        let e = i;
        // (most tokens are followed by a space)
        if b.get(i) == Some(&b' ') {
            i += 1;
        }
        let k = toks.len();
        toks.push(Tok {
            s,
            e,
            kind,
            cand: reach != NO_TRIGGER,
            v: Cell::new(0),
        });
        if reach != NO_TRIGGER {
            let from = k.saturating_sub(usize::from(reach));
            first = first.min(from);
            for t in toks.get_mut(from..k).unwrap_or_default() {
                t.cand = true;
            }
        }
    }
    (first != usize::MAX).then_some(first)
}

/// End of the word whose letters run up to byte `e` of `span`: further ASCII letters and
/// alphabetic chars.
fn word_end(span: &str, mut e: usize) -> usize {
    let b = span.as_bytes();
    loop {
        while e < b.len() && b[e].is_ascii_alphabetic() {
            e += 1;
        }
        match b.get(e) {
            Some(&x) if x >= 0x80 => match char_at(span, e) {
                Some(d) if !is_general_punct(d) && d.is_alphabetic() => e += d.len_utf8(),
                _ => break,
            },
            _ => break,
        }
    }
    e
}

/// Dashes, quotes, bullets and ellipsis (U+2010 to U+2027): neither whitespace nor
/// letters, and common in text (spares the Unicode tables).
#[inline]
fn is_general_punct(c: char) -> bool {
    ('\u{2010}'..='\u{2027}').contains(&c)
}

/// Reach of a token that is no trigger.
const NO_TRIGGER: u8 = u8::MAX;

/// Reach of a word with non-ASCII letters: a trigger word in lower case (never a name).
fn wide_reach(w: &str) -> u8 {
    lower_reach(&lower(w))
}

/// Reach of the trigger words in lower case.
fn lower_reach(l: &str) -> u8 {
    match l {
        "year" | "month" => 4,
        "months" => 3,
        "quarter" | "half" | "week" => 2,
        "yesterday" | "today" | "tomorrow" => 0,
        _ => NO_TRIGGER,
    }
}

/// First bytes of the ASCII triggers: month and weekday names, trigger words in any case.
static TRIGGER_FIRST: [bool; 256] = {
    let mut t = [false; 256];
    let firsts = b"JFMASONDTWyYmMwWqQhHtT";
    let mut k = 0;
    while k < firsts.len() {
        t[firsts[k] as usize] = true;
        k += 1;
    }
    t
};

/// Reach of the ASCII word `w`: a month or weekday name, or a trigger word in any case
/// ([`lower_reach`]).
#[inline]
fn ascii_reach(w: &[u8]) -> u8 {
    let (Some(&f), 3..=9) = (w.first(), w.len()) else {
        return NO_TRIGGER;
    };
    if !TRIGGER_FIRST[f as usize] {
        return NO_TRIGGER;
    }
    if f.is_ascii_uppercase() {
        if month_of_bytes(w).is_some() {
            return 3;
        }
        if weekday_of_bytes(w).is_some() {
            return 1;
        }
    }
    let is = |x: &str| w.eq_ignore_ascii_case(x.as_bytes());
    let word = match w.len() {
        4 if is("year") => "year",
        4 if is("week") => "week",
        4 if is("half") => "half",
        5 if is("month") => "month",
        5 if is("today") => "today",
        6 if is("months") => "months",
        7 if is("quarter") => "quarter",
        8 if is("tomorrow") => "tomorrow",
        9 if is("yesterday") => "yesterday",
        _ => return NO_TRIGGER,
    };
    lower_reach(word)
}

/// Every lower-case word the matchers compare a lower-cased token with (`Cx::lw`);
/// `""` (index 0) stands for any other token.
static VOCAB: [&str; 84] = [
    "",
    "in",
    "of",
    "since",
    "until",
    "through",
    "from",
    "early",
    "mid",
    "late",
    "and",
    "to",
    "by",
    "during",
    "last",
    "this",
    "next",
    "between",
    "end",
    "for",
    "-",
    "–",
    "—",
    "before",
    "after",
    "percent",
    "tons",
    "tonnes",
    "people",
    "workers",
    "won",
    "yuan",
    "dollars",
    "units",
    "km",
    "kilometers",
    "hectares",
    "times",
    "barrels",
    "trucks",
    "households",
    "firms",
    "companies",
    "kg",
    "kilograms",
    "ships",
    "the",
    "year",
    "beginning",
    "start",
    "middle",
    "month",
    "first",
    "second",
    "third",
    "fourth",
    "final",
    "quarter",
    "half",
    "months",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "on",
    "yesterday",
    "today",
    "tomorrow",
    "previous",
    "current",
    "coming",
    "past",
    "preceding",
    "following",
    "earlier",
    "later",
    "week",
];

/// The lower-case words that may start a date expression (`Cx::may_start`; "until" is
/// not one: its first letter fails the test before).
const MAY_START_WORDS: [&str; 27] = [
    "between",
    "the",
    "early",
    "mid",
    "late",
    "end",
    "beginning",
    "start",
    "middle",
    "first",
    "second",
    "third",
    "fourth",
    "last",
    "final",
    "this",
    "next",
    "previous",
    "current",
    "coming",
    "on",
    "since",
    "yesterday",
    "today",
    "tomorrow",
    "earlier",
    "later",
];

/// Up to 15 bytes, ASCII capitals lower-cased, and their count in one integer.
const fn pack(b: &[u8]) -> u128 {
    let mut k = b.len() as u128;
    let mut i = 0;
    while i < b.len() && i < 15 {
        k |= (b[i].to_ascii_lowercase() as u128) << (8 * (i + 1));
        i += 1;
    }
    k
}

const fn slot(k: u128) -> usize {
    let x = (k as u64) ^ ((k >> 64) as u64).rotate_left(29);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `pack` of each vocabulary word.
static VOCAB_KEYS: [u128; 84] = {
    let mut t = [0u128; 84];
    let mut i = 0;
    while i < VOCAB.len() {
        t[i] = pack(VOCAB[i].as_bytes());
        i += 1;
    }
    t
};

/// Open-addressing table (linear probing) from `slot(pack(word))` to the word's index in
/// [`VOCAB`]; 0 is an empty slot.
static VOCAB_SLOTS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 1;
    while i < VOCAB.len() {
        if !VOCAB[i].is_empty() {
            let k = pack(VOCAB[i].as_bytes());
            let mut s = slot(k);
            while t[s] != 0 {
                s = (s + 1) & 255;
            }
            t[s] = i as u8;
        }
        i += 1;
    }
    t
};

/// Which vocabulary words may start a date expression.
static MAY_START: [bool; 84] = {
    let mut t = [false; 84];
    let mut i = 1;
    while i < VOCAB.len() {
        let mut j = 0;
        while j < MAY_START_WORDS.len() {
            if str_eq(VOCAB[i], MAY_START_WORDS[j]) {
                t[i] = true;
            }
            j += 1;
        }
        i += 1;
    }
    t
};

/// Index in [`VOCAB`] of the lower-cased token `w` (`lower`), 0 if it is none of its words.
fn vocab_id(w: &str) -> u8 {
    let l = if w.is_ascii() {
        Cow::Borrowed(w)
    } else {
        lower(w)
    };
    let l = l.as_bytes();
    if l.len() > 15 {
        return 0;
    }
    // (`pack` lower-cases ASCII capitals, as `lower` does; `lower`'s result has none left)
    let k = pack(l);
    let mut s = slot(k);
    loop {
        let v = VOCAB_SLOTS[s];
        if v == 0 {
            return 0;
        }
        if VOCAB_KEYS.get(v as usize) == Some(&k) {
            return v;
        }
        s = (s + 1) & 255;
    }
}

fn speaks_of_future(cx: &Cx) -> bool {
    cx.toks.iter().any(|t| {
        t.kind == Kind::Word
            && matches!(
                cx.text(t),
                "will"
                    | "plans"
                    | "plan"
                    | "planned"
                    | "planning"
                    | "expected"
                    | "expects"
                    | "scheduled"
                    | "intends"
                    | "aims"
                    | "until"
                    | "upcoming"
                    | "next"
                    | "due"
                    | "by"
                    | "begin"
                    | "start"
                    | "shall"
            )
    })
}

struct M {
    start_tok: usize,
    end_tok: usize,
    first: Date,
    last: Date,
}

impl M {
    /// The months `m1` to `m2` of year `y`, written by tokens `start_tok..end_tok`.
    fn months(start_tok: usize, end_tok: usize, y: i32, m1: u32, m2: u32) -> Option<M> {
        Some(M {
            start_tok,
            end_tok,
            first: ymd(y, m1, 1)?,
            last: month_last(y, m2)?,
        })
    }
}

struct Cx<'a, 'b> {
    span: &'a str,
    toks: &'b [Tok],
    anchor: Option<Date>,
    /// [`speaks_of_future`], computed on first use.
    future: Cell<Option<bool>>,
}

/// The month names in lower case, January first: the one list the page parser,
/// the trade periods and the date resolver share.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month number of a month name or abbreviation (capitalised, as months are in English).
fn month_of(w: &str) -> Option<u32> {
    month_of_bytes(w.as_bytes())
}

/// [`month_of`] on the bytes of the word.
fn month_of_bytes(w: &[u8]) -> Option<u32> {
    let m = match w {
        b"January" | b"Jan" => 1,
        b"February" | b"Feb" => 2,
        b"March" | b"Mar" => 3,
        b"April" | b"Apr" => 4,
        b"May" => 5,
        b"June" | b"Jun" => 6,
        b"July" | b"Jul" => 7,
        b"August" | b"Aug" => 8,
        b"September" | b"Sep" | b"Sept" => 9,
        b"October" | b"Oct" => 10,
        b"November" | b"Nov" => 11,
        b"December" | b"Dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday_of(w: &str) -> Option<u32> {
    weekday_of_bytes(w.as_bytes())
}

/// Days from Monday of a weekday name (capitalised).
fn weekday_of_bytes(w: &[u8]) -> Option<u32> {
    let d = match w {
        b"Monday" => 0,
        b"Tuesday" => 1,
        b"Wednesday" => 2,
        b"Thursday" => 3,
        b"Friday" => 4,
        b"Saturday" => 5,
        b"Sunday" => 6,
        _ => return None,
    };
    Some(d)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
    Date::from_ymd_opt(y, m, d)
}

fn month_last(y: i32, m: u32) -> Option<Date> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1).map(|d| d - Duration::days(1))
}

fn month_range(y: i32, m: u32) -> Option<(Date, Date)> {
    Some((ymd(y, m, 1)?, month_last(y, m)?))
}

fn year_range(y: i32) -> Option<(Date, Date)> {
    Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?))
}

fn plausible_year(n: u32) -> bool {
    (1900..=2100).contains(&n)
}

impl<'a, 'b> Cx<'a, 'b> {
    /// The text of token `t`.
    fn text(&self, t: &Tok) -> &'a str {
        self.span.get(t.s..t.e).unwrap_or("")
    }

    fn w(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| self.text(t))
    }

    /// Index in [`VOCAB`] of token `i` lower-cased (0 for any other token or none).
    fn lw_id(&self, i: usize) -> usize {
        let Some(t) = self.toks.get(i) else {
            return 0;
        };
        let v = t.v.get();
        if v != 0 {
            return usize::from(v - 1);
        }
        let id = vocab_id(self.text(t));
        t.v.set(id + 1);
        usize::from(id)
    }

    /// Token `i` lower-cased when that is a word of the matchers' vocabulary, else "".
    fn lw(&self, i: usize) -> &'static str {
        VOCAB.get(self.lw_id(i)).copied().unwrap_or("")
    }

    fn future(&self) -> bool {
        if let Some(f) = self.future.get() {
            return f;
        }
        let f = speaks_of_future(self);
        self.future.set(Some(f));
        f
    }

    fn is_num(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Num)
    }

    /// Numeric value of a number token of at most 6 digits (ordinal suffix ignored).
    fn num(&self, i: usize) -> Option<u32> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Num {
            return None;
        }
        let mut n = 0u32;
        for (k, &c) in self.text(t).as_bytes().iter().enumerate() {
            if !c.is_ascii_digit() {
                break;
            }
            if k == 6 {
                return None;
            }
            n = n * 10 + u32::from(c - b'0');
        }
        Some(n)
    }

    /// A plain 4-digit year token (no ordinal suffix, not part of a larger number).
    fn year_at(&self, i: usize) -> Option<i32> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Num || t.e - t.s != 4 {
            return None;
        }
        let n = self.num(i)?;
        if !plausible_year(n) {
            return None;
        }
        // not "2,000" / "1.5": the previous token is not a separator glued to a digit
        if i > 0 {
            let p = &self.toks[i - 1];
            if p.kind == Kind::Punct
                && matches!(self.text(p), "," | ".")
                && p.e == t.s
                && i >= 2
                && self.is_num(i - 2)
            {
                return None;
            }
            if p.kind == Kind::Punct && matches!(self.text(p), "$" | "€" | "£" | "¥" | "₩") {
                return None;
            }
        }
        if let Some(nx) = self.toks.get(i + 1) {
            if nx.kind == Kind::Punct
                && matches!(self.text(nx), "," | ".")
                && nx.s == t.e
                && self.is_num(i + 2)
                && self.toks[i + 2].s == nx.e
            {
                return None;
            }
            if self.text(nx) == "%" {
                return None;
            }
        }
        if matches!(
            self.lw(i + 1),
            "percent"
                | "tons"
                | "tonnes"
                | "people"
                | "workers"
                | "won"
                | "yuan"
                | "dollars"
                | "units"
                | "km"
                | "kilometers"
                | "hectares"
                | "times"
                | "barrels"
                | "trucks"
                | "households"
                | "firms"
                | "companies"
                | "kg"
                | "kilograms"
                | "ships"
        ) {
            return None;
        }
        Some(n as i32)
    }

    /// Year after a month: "January 2020", "October 26th, 2022" (comma allowed).
    fn year_after(&self, i: usize) -> Option<(i32, usize)> {
        if let Some(y) = self.year_at(i) {
            return Some((y, i + 1));
        }
        if self.w(i) == "," {
            if let Some(y) = self.year_at(i + 1) {
                return Some((y, i + 2));
            }
        }
        None
    }

    /// Month at token `i` (with the trailing "." of an abbreviation); returns (month, next index).
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        let w = self.text(t);
        let m = month_of(w)?;
        let full = w.len() > 3 || w == "May";
        if full {
            if w == "May" && !self.may_is_month(i) {
                return None;
            }
            return Some((m, i + 1));
        }
        // abbreviation: needs a dot or a following day/year
        if self.w(i + 1) == "." {
            return Some((m, i + 2));
        }
        if self.is_num(i + 1) {
            return Some((m, i + 1));
        }
        None
    }

    /// "May" is the month when a number follows or a date-ish word precedes.
    fn may_is_month(&self, i: usize) -> bool {
        if self.is_num(i + 1) {
            return true;
        }
        if i == 0 {
            return false;
        }
        let p = self.lw(i - 1);
        matches!(
            p,
            "in" | "of"
                | "since"
                | "until"
                | "through"
                | "from"
                | "early"
                | "mid"
                | "late"
                | "and"
                | "to"
                | "by"
                | "during"
                | "last"
                | "this"
                | "next"
                | "between"
                | "end"
                | "for"
                | "-"
                | "–"
                | "—"
                | "before"
                | "after"
        )
    }

    /// The year for a month (and optional day) stated without a year.
    fn year_for(&self, m: u32, d: Option<u32>) -> Option<i32> {
        let a = self.anchor?;
        let y = a.year();
        let date = ymd(y, m, d.unwrap_or(1))?;
        if date <= a {
            return Some(y);
        }
        let ahead = (date - a).num_days();
        if ahead <= 92 && self.future() {
            Some(y)
        } else {
            Some(y - 1)
        }
    }

    /// Year of a period without a year: the latest one ending by the post, or the running one.
    fn year_for_period(&self, first_m: u32) -> Option<i32> {
        let a = self.anchor?;
        let y = a.year();
        if first_m <= a.month() {
            Some(y)
        } else {
            Some(y - 1)
        }
    }

    /// "of 2017", "of this year", "of last year", "of the year", "2017" after a period word.
    fn period_year(&self, i: usize) -> Option<(Option<i32>, usize)> {
        let a = self.anchor;
        if self.w(i) == "of" || self.w(i) == "in" {
            if let Some(y) = self.year_at(i + 1) {
                return Some((Some(y), i + 2));
            }
            match (self.lw(i + 1), self.lw(i + 2)) {
                ("this", "year") => return Some((a.map(|d| d.year()), i + 3)),
                ("last", "year") => return Some((a.map(|d| d.year() - 1), i + 3)),
                ("the", "year") => return Some((None, i + 3)),
                _ => {}
            }
        }
        if let Some(y) = self.year_at(i) {
            return Some((Some(y), i + 1));
        }
        match (self.lw(i), self.lw(i + 1)) {
            ("this", "year") => Some((a.map(|d| d.year()), i + 2)),
            ("last", "year") => Some((a.map(|d| d.year() - 1), i + 2)),
            _ => None,
        }
    }

    /// Cheap test: can a date expression start at token `i`?
    fn may_start(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        match t.kind {
            Kind::Num => true,
            Kind::Punct => false,
            Kind::Word => {
                let w = self.text(t);
                // month and weekday names, "Q" and "H" are capitalised
                if w.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
                    && (month_of(w).is_some() || weekday_of(w).is_some() || matches!(w, "Q" | "H"))
                {
                    return true;
                }
                let first = w
                    .as_bytes()
                    .first()
                    .copied()
                    .unwrap_or(b' ')
                    .to_ascii_lowercase();
                if !matches!(
                    first,
                    b'b' | b'c'
                        | b'e'
                        | b'f'
                        | b'l'
                        | b'm'
                        | b'n'
                        | b'o'
                        | b'p'
                        | b's'
                        | b't'
                        | b'y'
                ) {
                    return false;
                }
                // the ASCII lower-casing of a word with other chars equals no word below
                // ("until" never passes the first-letter test above)
                w.is_ascii() && MAY_START.get(self.lw_id(i)).copied().unwrap_or(false)
            }
        }
    }

    fn match_at(&self, i: usize) -> Option<M> {
        // at a number only a day before a month, an iso date, a year or a decade can start
        // (qualified, period, weekday and relative expressions start with a word: their
        // first test fails on a number; so does the calendar's "between" or month)
        if self.toks.get(i).is_some_and(|t| t.kind == Kind::Num) {
            return self
                .day_month(i)
                .or_else(|| self.iso(i))
                .or_else(|| self.year_or_decade(i));
        }
        self.qualified(i)
            .or_else(|| self.period(i))
            .or_else(|| self.calendar(i))
            .or_else(|| self.weekday(i))
            .or_else(|| self.relative(i))
            .or_else(|| self.iso(i))
            .or_else(|| self.year_or_decade(i))
    }

    /// "early/mid/late X", "the end/beginning/start/middle of X".
    fn qualified(&self, i: usize) -> Option<M> {
        let l = self.lw(i);
        let (part, mut j, start_tok) = match l {
            "early" | "mid" | "late" => {
                let mut j = i + 1;
                if matches!(self.w(j), "-" | "–") {
                    j += 1;
                }
                (l, j, i)
            }
            "the" | "end" | "beginning" | "start" | "middle" => {
                let k = if l == "the" { i + 1 } else { i };
                let p = self.lw(k);
                if !matches!(p, "end" | "beginning" | "start" | "middle") || self.w(k + 1) != "of" {
                    return None;
                }
                (p, k + 2, i)
            }
            _ => return None,
        };
        // target: month [year] | year | the year | the month | this year | last year
        let (first, last, end) = if let Some((m, k)) = self.month_at(j) {
            let (y, k2) = match self.year_after(k) {
                Some((y, k2)) => (y, k2),
                None => (self.year_for(m, None)?, k),
            };
            let (f, l) = month_range(y, m)?;
            (f, l, k2)
        } else if let Some(y) = self.year_at(j) {
            let (f, l) = year_range(y)?;
            (f, l, j + 1)
        } else {
            let a = self.anchor?;
            let what = (self.lw(j), self.lw(j + 1));
            let (f, l) = match (what.0, what.1) {
                ("the", "year") | ("this", "year") => year_range(a.year())?,
                ("last", "year") => year_range(a.year() - 1)?,
                ("next", "year") => year_range(a.year() + 1)?,
                ("the", "month") | ("this", "month") => month_range(a.year(), a.month())?,
                ("last", "month") => {
                    let p = a.with_day(1)? - Duration::days(1);
                    month_range(p.year(), p.month())?
                }
                _ => return None,
            };
            j += 2;
            (f, l, j)
        };
        let (f, l) = sub_range(part, first, last)?;
        Some(M {
            start_tok,
            end_tok: end,
            first: f,
            last: l,
        })
    }

    /// Quarters, halves, "the first N months".
    fn period(&self, i: usize) -> Option<M> {
        // Q1 2013 / Q1
        let t = self.w(i);
        if t.len() == 1
            && (t == "Q" || t == "H")
            && self.toks.get(i + 1).is_some_and(|x| x.s == self.toks[i].e)
        {
            // tokenizer splits "Q1" into "Q" + "1"
            let n = self.num(i + 1)?;
            let (fm, lm) = if t == "Q" && (1..=4).contains(&n) {
                (n * 3 - 2, n * 3)
            } else if t == "H" && (1..=2).contains(&n) {
                (n * 6 - 5, n * 6)
            } else {
                return None;
            };
            let (y, end) = match self.year_at(i + 2) {
                Some(y) => (y, i + 3),
                None => (self.year_for_period(lm)?, i + 2),
            };
            return M::months(i, end, y, fm, lm);
        }
        let start_tok = i;
        let mut j = i;
        if self.lw(j) == "the" {
            j += 1;
        }
        let ord = match self.lw(j) {
            "first" => 1,
            "second" => 2,
            "third" => 3,
            "fourth" => 4,
            "last" | "final" => 0,
            _ => return None,
        };
        j += 1;
        let (fm, lm, k) = match self.lw(j) {
            "quarter" => {
                let q = if ord == 0 { 4 } else { ord };
                (q * 3 - 2, q * 3, j + 1)
            }
            "half" => {
                let h = if ord == 0 { 2 } else { ord };
                if h > 2 {
                    return None;
                }
                (h * 6 - 5, h * 6, j + 1)
            }
            w => {
                // first N months
                if ord != 1 {
                    return None;
                }
                let n = number_word(w).or_else(|| self.num(j))?;
                if !(1..=12).contains(&n) || !matches!(self.lw(j + 1), "months" | "month") {
                    return None;
                }
                (1, n, j + 2)
            }
        };
        if self.w(start_tok) != "the" && self.lw(start_tok) != "first" {
            // "second half" without "the" is fine; keep as is
        }
        let (y, end) = match self.period_year(k) {
            Some((Some(y), e)) => (y, e),
            Some((None, e)) => (self.anchor?.year(), e),
            None => {
                // a bare "first quarter" needs the "the" to be a date
                if self.lw(start_tok) != "the" {
                    return None;
                }
                (self.year_for_period(lm)?, k)
            }
        };
        M::months(start_tok, end, y, fm, lm)
    }

    /// Month-based dates: "Nov. 1", "October 26th, 2022", "December 26 to 31", "January 2020",
    /// "September", "January–June", "January to June 2017", "between January and May", "26 October 2022".
    fn calendar(&self, i: usize) -> Option<M> {
        // between Month and Month
        if self.lw(i) == "between" {
            let (m1, k) = self.month_at(i + 1)?;
            if self.w(k) != "and" {
                return None;
            }
            let (m2, k2) = self.month_at(k + 1)?;
            return self.month_span(i, m1, m2, k2);
        }
        // Day Month [Year]
        if self.num(i).is_some() {
            return self.day_month(i);
        }
        let (m, k) = self.month_at(i)?;
        // Month Day
        if let Some(d) = self.num(k) {
            let tok = &self.toks[k];
            let len = tok.e - tok.s;
            if (1..=31).contains(&d) && len <= 4 && !(len == 4 && plausible_year(d)) {
                // range "December 26 to 31" / "26-31"
                let mut end = k + 1;
                let mut d2 = d;
                if matches!(self.w(end), "to" | "-" | "–") {
                    if let Some(x) = self.num(end + 1) {
                        if x > d && x <= 31 && self.w(end + 1).len() <= 4 {
                            d2 = x;
                            end += 2;
                        }
                    }
                }
                let (y, end2) = match self.year_after(end) {
                    Some((y, e)) => (y, e),
                    None => (self.year_for(m, Some(d))?, end),
                };
                return Some(M {
                    start_tok: i,
                    end_tok: end2,
                    first: ymd(y, m, d)?,
                    last: ymd(y, m, d2)?,
                });
            }
        }
        // Month–Month / Month to Month
        if matches!(self.w(k), "-" | "–" | "—" | "to" | "through") {
            if let Some((m2, k2)) = self.month_at(k + 1) {
                return self.month_span(i, m, m2, k2);
            }
        }
        // Month Year
        if let Some(y) = self.year_at(k) {
            let (f, l) = month_range(y, m)?;
            return Some(M {
                start_tok: i,
                end_tok: k + 1,
                first: f,
                last: l,
            });
        }
        let y = self.year_for(m, None)?;
        let (f, l) = month_range(y, m)?;
        Some(M {
            start_tok: i,
            end_tok: k,
            first: f,
            last: l,
        })
    }

    /// "26 October 2022", "1 May" (a number at `i`).
    fn day_month(&self, i: usize) -> Option<M> {
        let d = self.num(i)?;
        if (1..=31).contains(&d) && self.w(i).len() <= 4 {
            if let Some((m, k)) = self.month_at(i + 1) {
                let (y, end) = match self.year_at(k) {
                    Some(y) => (y, k + 1),
                    None => (self.year_for(m, Some(d))?, k),
                };
                let date = ymd(y, m, d)?;
                return Some(M {
                    start_tok: i,
                    end_tok: end,
                    first: date,
                    last: date,
                });
            }
        }
        None
    }

    fn month_span(&self, start_tok: usize, m1: u32, m2: u32, k: usize) -> Option<M> {
        if m2 < m1 {
            return None;
        }
        let (y, end) = match self.year_after(k) {
            Some((y, e)) => (y, e),
            None => (self.year_for_period(m2)?, k),
        };
        M::months(start_tok, end, y, m1, m2)
    }

    /// "on Monday", "last Wednesday", "next Friday", "Sunday".
    fn weekday(&self, i: usize) -> Option<M> {
        let a = self.anchor?;
        let (pre, j) = match self.lw(i) {
            "on" | "last" | "this" | "next" | "since" | "until" => (self.lw(i), i + 1),
            _ => ("", i),
        };
        let wd = weekday_of(self.w(j))?;
        let aw = a.weekday().num_days_from_monday();
        let date = if pre == "next" {
            let mut diff = (wd + 7 - aw) % 7;
            if diff == 0 {
                diff = 7;
            }
            a + Duration::days(diff as i64)
        } else {
            let back = (aw + 7 - wd) % 7;
            a - Duration::days(back as i64)
        };
        let start_tok = if matches!(pre, "on" | "last" | "next") {
            i
        } else {
            j
        };
        Some(M {
            start_tok,
            end_tok: j + 1,
            first: date,
            last: date,
        })
    }

    /// yesterday, today, last/this/next week/month/year, the previous month/year, earlier this year.
    fn relative(&self, i: usize) -> Option<M> {
        let a = self.anchor?;
        let l = self.lw(i);
        let one = |d: Date, e: usize| {
            Some(M {
                start_tok: i,
                end_tok: e,
                first: d,
                last: d,
            })
        };
        match l {
            "yesterday" => return one(a - Duration::days(1), i + 1),
            "today" => return one(a, i + 1),
            "tomorrow" => return one(a + Duration::days(1), i + 1),
            _ => {}
        }
        let (j, shift) = match l {
            "last" | "previous" => (i + 1, -1),
            "this" | "current" => (i + 1, 0),
            "next" | "coming" => (i + 1, 1),
            "the" => match self.lw(i + 1) {
                "previous" | "past" | "preceding" => (i + 2, -1),
                "following" => (i + 2, 1),
                _ => return None,
            },
            "earlier" | "later" => {
                // earlier this year
                if self.lw(i + 1) == "this" && self.lw(i + 2) == "year" {
                    let (f, l) = year_range(a.year())?;
                    return Some(M {
                        start_tok: i,
                        end_tok: i + 3,
                        first: f,
                        last: l,
                    });
                }
                return None;
            }
            _ => return None,
        };
        let (f, l) = match self.lw(j) {
            "week" => {
                let monday = a - Duration::days(a.weekday().num_days_from_monday() as i64);
                let f = monday + Duration::days(7 * shift);
                (f, f + Duration::days(6))
            }
            "month" => {
                let mut y = a.year();
                let mut m = a.month() as i32 + shift as i32;
                if m < 1 {
                    m += 12;
                    y -= 1;
                } else if m > 12 {
                    m -= 12;
                    y += 1;
                }
                month_range(y, m as u32)?
            }
            "year" => year_range(a.year() + shift as i32)?,
            _ => return None,
        };
        Some(M {
            start_tok: i,
            end_tok: j + 1,
            first: f,
            last: l,
        })
    }

    /// "2010-7-26".
    fn iso(&self, i: usize) -> Option<M> {
        let y = self.year_at(i)?;
        if !(self.w(i + 1) == "-" && self.w(i + 3) == "-") {
            return None;
        }
        let m = self.num(i + 2)?;
        let d = self.num(i + 4)?;
        let date = ymd(y, m, d)?;
        Some(M {
            start_tok: i,
            end_tok: i + 5,
            first: date,
            last: date,
        })
    }

    /// "2014", "the 1990s".
    fn year_or_decade(&self, i: usize) -> Option<M> {
        let t = self.toks.get(i)?;
        if t.kind == Kind::Num
            && t.e - t.s == 4
            && self.w(i + 1) == "s"
            && self.toks.get(i + 1).is_some_and(|x| x.s == t.e)
        {
            let y = self.num(i)? as i32;
            if y % 10 == 0 && plausible_year(y as u32) {
                let start_tok = if i > 0 && self.lw(i - 1) == "the" {
                    i - 1
                } else {
                    i
                };
                return Some(M {
                    start_tok,
                    end_tok: i + 2,
                    first: ymd(y, 1, 1)?,
                    last: ymd(y + 9, 12, 31)?,
                });
            }
        }
        let y = self.year_at(i)?;
        // "2014-15" season style: take the first year only
        let (f, l) = year_range(y)?;
        Some(M {
            start_tok: i,
            end_tok: i + 1,
            first: f,
            last: l,
        })
    }
}

fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return None,
    })
}

/// Part of a period: early / mid / late thirds, the end (last day), the beginning (first day).
fn sub_range(part: &str, first: Date, last: Date) -> Option<(Date, Date)> {
    let days = (last - first).num_days();
    let month_like = days <= 31;
    Some(match part {
        "end" => (last, last),
        "beginning" | "start" => (first, first),
        "early" | "mid" | "late" | "middle" => {
            if month_like {
                let y = first.year();
                let m = first.month();
                match part {
                    "early" => (first, ymd(y, m, 10)?),
                    "late" => (ymd(y, m, 21)?, last),
                    _ => (ymd(y, m, 11)?, ymd(y, m, 20)?),
                }
            } else {
                let y = first.year();
                match part {
                    "early" => (first, month_last(y, 4)?),
                    "late" => (ymd(y, 9, 1)?, last),
                    _ => (ymd(y, 5, 1)?, month_last(y, 8)?),
                }
            }
        }
        _ => (first, last),
    })
}

#[cfg(test)]
mod old;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn one(text: &str, anchor: &str) -> Vec<(String, String, String)> {
        find(text, 0, text.len(), Some(d(anchor)))
            .into_iter()
            .map(|m| {
                (
                    text[m.start..m.end].to_string(),
                    m.first.to_string(),
                    m.last.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn seed_like() {
        let got = one("A man told us on Monday that it plans to start on Nov. 1 and finish by the end of November.", "2022-10-26");
        assert_eq!(
            got,
            vec![
                ("on Monday".into(), "2022-10-24".into(), "2022-10-24".into()),
                ("Nov. 1".into(), "2022-11-01".into(), "2022-11-01".into()),
                (
                    "the end of November".into(),
                    "2022-11-30".into(),
                    "2022-11-30".into()
                ),
            ]
        );
    }

    #[test]
    fn months_and_years() {
        assert_eq!(
            one("Trade in September rose.", "2022-10-25")[0].1,
            "2022-09-01"
        );
        assert_eq!(
            one("In January 2020 it fell.", "2022-10-25")[0].2,
            "2020-01-31"
        );
    }

    use crate::test_rng::Rng;

    /// Every string literal of the old resolver (all the words and punctuation its
    /// matchers know), as written, capitalised and in capitals.
    fn known_words() -> Vec<String> {
        let src = include_str!("dates/old.rs");
        let mut out = Vec::new();
        let mut rest = src;
        while let Some(a) = rest.find('"') {
            let after = &rest[a + 1..];
            let Some(b) = after.find('"') else { break };
            let lit = &after[..b];
            rest = &after[b + 1..];
            if lit.is_empty() || lit.len() > 12 || lit.contains('\\') || lit.contains(' ') {
                continue;
            }
            let mut cap = lit.to_string();
            if let Some(f) = cap.get_mut(..1) {
                f.make_ascii_uppercase();
            }
            out.push(lit.to_string());
            out.push(cap);
            out.push(lit.to_uppercase());
            out.push(lit.to_lowercase());
        }
        out.sort();
        out.dedup();
        out
    }

    const PHRASES: &[&str] = &[
        "the end of",
        "the beginning of",
        "the start of",
        "the middle of",
        "early",
        "mid-",
        "late",
        "mid–",
        "the first",
        "the second",
        "the third",
        "the fourth",
        "the last",
        "the final",
        "of the year",
        "of this year",
        "of last year",
        "in 2017",
        "of 2017",
        "this year",
        "last year",
        "next year",
        "the year",
        "the month",
        "this month",
        "last month",
        "the previous month",
        "the past year",
        "the following week",
        "the preceding month",
        "earlier this year",
        "later this year",
        "first five months",
        "first 5 months",
        "first twelve months of",
        "quarter",
        "half",
        "Q1",
        "Q4 2013",
        "H2",
        "H1 2017",
        "Q5",
        "2010-7-26",
        "2010-13-40",
        "Nov. 1",
        "Nov 1",
        "Sept. 30",
        "October 26th, 2022",
        "26 October 2022",
        "31 February",
        "December 26 to 31",
        "December 26-31",
        "December 26–31",
        "January–June",
        "January to June 2017",
        "June - January",
        "between January and May",
        "between May and",
        "May 2020",
        "in May",
        "May",
        "may",
        "on Monday",
        "last Wednesday",
        "next Friday",
        "this Sunday",
        "since Tuesday",
        "until Thursday",
        "Saturday",
        "the 1990s",
        "1990s",
        "2015s",
        "2,000",
        "1.5",
        "2014.5",
        "$2014",
        "€2020",
        "2014 tons",
        "2014 Tons",
        "2020 people",
        "2019%",
        "2014-15",
        "1899",
        "1900",
        "2100",
        "2101",
        "1234567",
        "123456",
        "31st",
        "1st",
        "2nd",
        "3rd",
        "4th",
        "22nd",
        "5st",
        "12th,",
        "yesterday",
        "today",
        "tomorrow",
        "TODAY",
        "Yesterday",
        "will",
        "plans",
        "by",
        "Will",
        "expected",
        "until",
        "shall",
        "due",
        "week",
        "wee\u{212A}",
        "\u{212A}m",
        "Yéar",
        "İn",
        "naïve",
        "북한",
        "Ⅻ",
        "ⓜonth",
    ];

    const FILLER: &[&str] = &[
        "the", "a", "trade", "rose", "said", "North", "Korea", "China", "exports", "of", "in",
        "and", "to", "percent", "won", "The", "It", "source", "prices", "market", "rice",
        "between", "about", "some", "x", "s", "th", "st", "Q", "H",
    ];

    const PUNCTS: &[&str] = &[
        ",", ".", "-", "–", "—", "$", "€", "£", "¥", "₩", "%", "(", ")", "“", "”", "'", "’", ";",
        ":", "/",
    ];

    const SEPS: &[&str] = &[
        " ", " ", " ", " ", "", "\t", "\u{a0}", "\n", "  ", "\u{3000}",
    ];

    fn sentence(rng: &mut Rng, known: &[String]) -> String {
        let n = 1 + rng.below(24);
        let mut s = String::new();
        for _ in 0..n {
            let piece: String = match rng.below(10) {
                0..=2 => known[rng.below(known.len())].clone(),
                3..=4 => rng.pick(PHRASES).to_string(),
                5 => rng.pick(FILLER).to_string(),
                6 => rng.pick(PUNCTS).to_string(),
                7 => match rng.below(4) {
                    0 => (rng.below(40)).to_string(),
                    1 => (1880 + rng.below(240)).to_string(),
                    2 => rng.next().to_string()[..1 + rng.below(9)].to_string(),
                    _ => format!("{}{}", rng.below(32), rng.pick(&["st", "nd", "rd", "th"])),
                },
                8 => {
                    let len = 1 + rng.below(9);
                    (0..len)
                        .map(|_| (b'a' + rng.below(26) as u8) as char)
                        .collect()
                }
                _ => rng.pick(SEPS).to_string(),
            };
            s.push_str(&piece);
            s.push_str(rng.pick(SEPS));
        }
        s
    }

    #[test]
    fn same_as_old_resolver() {
        let known = known_words();
        assert!(known.len() > 300, "{}", known.len());
        let anchors = [
            None,
            Some(d("2022-10-26")),
            Some(d("2022-01-03")),
            Some(d("2020-02-29")),
            Some(d("2019-12-31")),
            Some(d("2017-06-15")),
            Some(d("2023-11-05")),
            Some(d("1900-01-01")),
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut found = 0usize;
        for k in 0..400_000 {
            let text = sentence(&mut rng, &known);
            let anchor = anchors[k % anchors.len()];
            let (start, end) = if k % 5 == 0 {
                let a = rng.below(text.len() + 1);
                (a, a + rng.below(text.len() + 1 - a))
            } else {
                (0, text.len())
            };
            let new = find(&text, start, end, anchor);
            let old = old::find(&text, start, end, anchor);
            assert_eq!(new, old, "{text:?} {start}..{end} {anchor:?}");
            found += new.len();
        }
        assert!(found > 100_000, "{found}");
    }

    /// `find` without the pre-scan.
    fn find_plain(text: &str, start: usize, end: usize, anchor: Option<Date>) -> Vec<DateMention> {
        match text.get(start..end) {
            Some(span) => find_in(span, start, anchor, &mut Vec::new()),
            None => Vec::new(),
        }
    }

    /// The pre-scans of `text[start..end]`: on the whole span, and on the words of the
    /// claims tokenizer (as the claims extractor asks); both must say "no" alike.
    fn may_hold(text: &str, start: usize, end: usize) -> bool {
        let mut buf = String::new();
        let toks = crate::claims::text::tokenize(text, start, end, &[], start, &mut buf);
        let by_words = toks
            .iter()
            .any(|t| t.word && word_may_hold_date(t.t, t.ascii_letters()));
        let by_span = text.get(start..end).is_some_and(may_hold_date);
        assert_eq!(by_words, by_span, "{:?}", text.get(start..end));
        by_words
    }

    /// Sentences with few triggers: words, numbers (some after "Q"/"H" or a dollar sign),
    /// punctuation, and now and then a trigger-like word in other case or with other letters.
    fn sparse_sentence(rng: &mut Rng) -> String {
        const WORDS: &[&str] = &[
            "the",
            "first",
            "last",
            "on",
            "between",
            "early",
            "mid",
            "late",
            "end",
            "of",
            "this",
            "next",
            "since",
            "earlier",
            "later",
            "prices",
            "rose",
            "Q",
            "H",
            "q",
            "h",
            "AQ",
            "QH",
            "yearly",
            "days",
            "Mayor",
            "Market",
            "Marc",
            "Decline",
            "Sunday’s",
            "MAY",
            "may",
            "march",
            "Months",
            "YEAR",
            "Year",
            "wee\u{212A}",
            "Ye\u{212A}ar",
            "İn",
            "naïve",
            "Sinŭiju",
            "북한",
            "won",
            "tons",
            "percent",
            "s",
            "th",
            "st",
            "x",
        ];
        const PUNCTS: &[&str] = &[
            ",", ".", "-", "–", "$", "%", "(", "“", "”", "’", ":", "/", "\u{a0}", "\u{3000}",
        ];
        let n = 1 + rng.below(30);
        let mut s = String::new();
        for _ in 0..n {
            match rng.below(8) {
                0..=3 => s.push_str(rng.pick(WORDS)),
                4 => s.push_str(rng.pick(PUNCTS)),
                5 => s.push_str(&rng.below(40).to_string()),
                6 => s.push_str(&(1880 + rng.below(240)).to_string()),
                _ => s.push_str(&rng.next().to_string()[..1 + rng.below(7)]),
            }
            s.push_str(["", " ", " ", " ", "-", "\n"][rng.below(6)]);
        }
        s
    }

    #[test]
    fn pre_scan_never_hides_a_date() {
        let known = known_words();
        let anchors = [None, Some(d("2022-10-26")), Some(d("2020-02-29"))];
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let (mut skipped, mut found) = (0usize, 0usize);
        for k in 0..300_000 {
            let text = if k % 2 == 0 {
                sentence(&mut rng, &known)
            } else {
                sparse_sentence(&mut rng)
            };
            let anchor = anchors[k % anchors.len()];
            let (start, end) = if k % 5 == 0 {
                let a = rng.below(text.len() + 1);
                (a, a + rng.below(text.len() + 1 - a))
            } else {
                (0, text.len())
            };
            let plain = find_plain(&text, start, end, anchor);
            if !may_hold(&text, start, end) {
                assert!(plain.is_empty(), "{text:?} {start}..{end}");
                skipped += 1;
            }
            found += plain.len();
        }
        assert!(skipped > 30_000 && found > 50_000, "{skipped} {found}");
    }

    #[test]
    fn pre_scan_on_the_dev_corpus() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
        let Ok(dir) = std::fs::read_dir(&root) else {
            eprintln!("skipping: ../shared/corpus absent");
            return;
        };
        let anchor = Some(d("2016-05-17"));
        let (mut skipped, mut found) = (0usize, 0usize);
        for e in dir.flatten() {
            let raw = std::fs::read_to_string(e.path()).unwrap_or_default();
            for line in raw.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
                let text = v["text"].as_str().unwrap_or("");
                // sentence-sized pieces: cut after ". " and at line ends
                let mut start = 0;
                for (i, _) in text.match_indices(['.', '\n']) {
                    let end = i + 1;
                    let plain = find_plain(text, start, end, anchor);
                    if !may_hold(text, start, end) {
                        assert!(plain.is_empty(), "{:?}", &text[start..end]);
                        skipped += 1;
                    }
                    found += plain.len();
                    start = end;
                }
            }
        }
        assert!(skipped > 0 && found > 0, "{skipped} {found}");
    }

    #[test]
    fn trigger_lengths_cover_the_triggers() {
        let mut words = known_words();
        for m in MONTH_NAMES {
            words.push(m.to_string());
            words.push(m[..3].to_string());
        }
        words.push("Sept".into());
        for w in &words {
            let mut forms = vec![w.clone(), w.to_uppercase(), w.to_lowercase()];
            let mut cap = w.to_lowercase();
            if let Some(f) = cap.get_mut(..1) {
                f.make_ascii_uppercase();
            }
            forms.push(cap);
            for f in forms {
                if f.bytes().all(|b| b.is_ascii_alphabetic())
                    && ascii_reach(f.as_bytes()) != NO_TRIGGER
                {
                    assert!(word_may_hold_date(&f, true), "{f}");
                }
            }
        }
    }

    #[test]
    fn kelvin_is_the_one_wide_char_lowering_to_ascii() {
        for c in (0x80u32..=0x10FFFF).filter_map(char::from_u32) {
            let l: String = c.to_lowercase().collect();
            if l.is_ascii() {
                assert_eq!(c, '\u{212A}', "{c:?}");
            }
        }
        assert_eq!("\u{212A}".as_bytes(), [0xE2, 0x84, 0xAA]);
    }

    #[test]
    fn vocabulary_lookup() {
        for (i, w) in VOCAB.iter().enumerate().skip(1) {
            assert_eq!(usize::from(vocab_id(w)), i, "{w}");
            assert_eq!(usize::from(vocab_id(&w.to_uppercase())), i, "{w}");
        }
        for w in MAY_START_WORDS {
            assert!(MAY_START[usize::from(vocab_id(w))], "{w}");
        }
        for w in [
            "",
            "x",
            "yearly",
            "thee",
            "wee\u{212A}s",
            "İn",
            "kilometerss",
            "mmmmmmmmmmmmmmmmmmm",
        ] {
            assert_eq!(vocab_id(w), 0, "{w}");
        }
        // lower-cased as `lower` does: the Kelvin sign is a "k"
        assert_eq!(VOCAB[usize::from(vocab_id("wee\u{212A}"))], "week");
    }

    #[test]
    fn byte_classes_match_char_methods() {
        for b in 0u8..128 {
            let c = b as char;
            let class = if c.is_whitespace() {
                SPACE
            } else if c.is_ascii_digit() {
                DIGIT
            } else if c.is_alphabetic() {
                ALPHA
            } else {
                super::PUNCT
            };
            assert_eq!(CLASS[b as usize], class, "{b}");
        }
        for c in '\u{2000}'..='\u{2030}' {
            if is_general_punct(c) {
                assert!(!c.is_whitespace() && !c.is_alphabetic(), "{c:?}");
            }
        }
    }
}

//! The date resolver as it was before the token filter (test oracle): [`find`] here and
//! in the parent module must agree on every input.
#![allow(dead_code)]
use crate::model::{Date, DateMention};
use chrono::{Datelike, Duration};
use std::borrow::Cow;

/// Finds the date expressions in `text[start..end]` (byte offsets into `text`),
/// resolved against `anchor` (the post's publication date). Offsets of the returned
/// mentions are byte offsets into `text`; `text[m.start..m.end]` is the expression as written.
pub fn find(text: &str, start: usize, end: usize, anchor: Option<Date>) -> Vec<DateMention> {
    let Some(span) = text.get(start..end) else {
        return Vec::new();
    };
    let toks = tokenize(span, start);
    let future = speaks_of_future(&toks);
    let cx = Cx {
        toks: &toks,
        anchor,
        future,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !cx.may_start(i) {
            i += 1;
            continue;
        }
        if let Some(m) = cx.match_at(i) {
            if m.end_tok > i {
                out.push(DateMention {
                    start: toks[m.start_tok].s,
                    end: toks[m.end_tok - 1].e,
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

#[derive(Debug, Clone)]
struct Tok<'a> {
    s: usize,
    e: usize,
    t: &'a str,
    kind: Kind,
    /// Numeric value of a number token (ordinal suffix ignored).
    n: Option<u32>,
    /// `t` lower-cased (borrowed when it already is), computed once per token.
    lo: std::cell::OnceCell<Cow<'a, str>>,
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

/// [`lower`] with a fast path for the common token: ASCII without capitals (borrowed)
/// or ASCII with capitals (ASCII lower-casing, which equals `to_lowercase` there).
#[inline]
pub(crate) fn lower_token(t: &str) -> Cow<'_, str> {
    let mut upper = false;
    for &b in t.as_bytes() {
        if b >= 0x80 {
            return lower(t);
        }
        upper |= b.is_ascii_uppercase();
    }
    if upper {
        Cow::Owned(t.to_ascii_lowercase())
    } else {
        Cow::Borrowed(t)
    }
}

use crate::sentences::char_at;

impl Tok<'_> {
    /// The token lower-cased (computed on first use).
    fn lower(&self) -> &str {
        self.lo.get_or_init(|| lower_token(self.t))
    }
}

fn tokenize(span: &str, base: usize) -> Vec<Tok<'_>> {
    let b = span.as_bytes();
    let mut out = Vec::with_capacity(span.len() / 4 + 1);
    let mut i = 0;
    while let Some(c) = char_at(span, i) {
        let clen = c.len_utf8();
        if c.is_whitespace() {
            i += clen;
            continue;
        }
        if c.is_ascii_digit() {
            let mut e = i + 1;
            while e < b.len() && b[e].is_ascii_digit() {
                e += 1;
            }
            let digits = &span[i..e];
            // ordinal suffix
            let rest = &b[e..];
            let mut full_e = e;
            for suf in [b"st", b"nd", b"rd", b"th"] {
                if rest.starts_with(suf)
                    && !char_at(span, e + 2).is_some_and(|x| x.is_alphanumeric())
                {
                    full_e = e + 2;
                    break;
                }
            }
            out.push(Tok {
                s: base + i,
                e: base + full_e,
                t: &span[i..full_e],
                // digits and a lower-case suffix: already lower case
                lo: std::cell::OnceCell::from(Cow::Borrowed(&span[i..full_e])),
                kind: Kind::Num,
                n: if digits.len() <= 6 {
                    digits.parse().ok()
                } else {
                    None
                },
            });
            i = full_e;
        } else if c.is_alphabetic() {
            let mut e = i + clen;
            loop {
                while e < b.len() && b[e].is_ascii_alphabetic() {
                    e += 1;
                }
                match b.get(e) {
                    Some(&x) if x >= 0x80 => match char_at(span, e) {
                        Some(d) if d.is_alphabetic() => e += d.len_utf8(),
                        _ => break,
                    },
                    _ => break,
                }
            }
            out.push(Tok {
                s: base + i,
                e: base + e,
                t: &span[i..e],
                lo: std::cell::OnceCell::new(),
                kind: Kind::Word,
                n: None,
            });
            i = e;
        } else {
            let e = i + clen;
            out.push(Tok {
                s: base + i,
                e: base + e,
                t: &span[i..e],
                lo: if c.is_ascii() {
                    std::cell::OnceCell::from(Cow::Borrowed(&span[i..e]))
                } else {
                    std::cell::OnceCell::new()
                },
                kind: Kind::Punct,
                n: None,
            });
            i = e;
        }
    }
    out
}

fn speaks_of_future(toks: &[Tok]) -> bool {
    toks.iter().any(|t| {
        matches!(
            t.t,
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
    toks: &'b [Tok<'a>],
    anchor: Option<Date>,
    future: bool,
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
    let m = match w {
        "January" | "Jan" => 1,
        "February" | "Feb" => 2,
        "March" | "Mar" => 3,
        "April" | "Apr" => 4,
        "May" => 5,
        "June" | "Jun" => 6,
        "July" | "Jul" => 7,
        "August" | "Aug" => 8,
        "September" | "Sep" | "Sept" => 9,
        "October" | "Oct" => 10,
        "November" | "Nov" => 11,
        "December" | "Dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday_of(w: &str) -> Option<u32> {
    // days from Monday
    let d = match w {
        "Monday" => 0,
        "Tuesday" => 1,
        "Wednesday" => 2,
        "Thursday" => 3,
        "Friday" => 4,
        "Saturday" => 5,
        "Sunday" => 6,
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
    fn w(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.t)
    }

    fn lw(&self, i: usize) -> &'b str {
        self.toks.get(i).map_or("", |t| t.lower())
    }

    fn is_num(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Num)
    }

    fn num(&self, i: usize) -> Option<u32> {
        self.toks.get(i).and_then(|t| t.n)
    }

    /// A plain 4-digit year token (no ordinal suffix, not part of a larger number).
    fn year_at(&self, i: usize) -> Option<i32> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Num || t.t.len() != 4 {
            return None;
        }
        let n = t.n?;
        if !plausible_year(n) {
            return None;
        }
        // not "2,000" / "1.5": the previous token is not a separator glued to a digit
        if i > 0 {
            let p = &self.toks[i - 1];
            if p.kind == Kind::Punct
                && matches!(p.t, "," | ".")
                && p.e == t.s
                && i >= 2
                && self.is_num(i - 2)
            {
                return None;
            }
            if p.kind == Kind::Punct && matches!(p.t, "$" | "€" | "£" | "¥" | "₩") {
                return None;
            }
        }
        if let Some(nx) = self.toks.get(i + 1) {
            if nx.kind == Kind::Punct
                && matches!(nx.t, "," | ".")
                && nx.s == t.e
                && self.is_num(i + 2)
                && self.toks[i + 2].s == nx.e
            {
                return None;
            }
            if nx.t == "%" {
                return None;
            }
        }
        if let Some(nx) = self.toks.get(i + 1) {
            if matches!(
                nx.lower(),
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
        let m = month_of(t.t)?;
        let full = t.t.len() > 3 || t.t == "May";
        if full {
            if t.t == "May" && !self.may_is_month(i) {
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
        if self.future && ahead <= 92 {
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
                // month and weekday names, "Q" and "H" are capitalised
                if t.t.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
                    && (month_of(t.t).is_some()
                        || weekday_of(t.t).is_some()
                        || matches!(t.t, "Q" | "H"))
                {
                    return true;
                }
                let first =
                    t.t.as_bytes()
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
                // (`lo` equals the ASCII lower-casing for ASCII words)
                let ascii_lower;
                let l = if t.t.is_ascii() {
                    t.lower()
                } else {
                    ascii_lower = t.t.to_ascii_lowercase();
                    ascii_lower.as_str()
                };
                matches!(
                    l,
                    "between"
                        | "the"
                        | "early"
                        | "mid"
                        | "late"
                        | "end"
                        | "beginning"
                        | "start"
                        | "middle"
                        | "first"
                        | "second"
                        | "third"
                        | "fourth"
                        | "last"
                        | "final"
                        | "this"
                        | "next"
                        | "previous"
                        | "current"
                        | "coming"
                        | "on"
                        | "since"
                        | "until"
                        | "yesterday"
                        | "today"
                        | "tomorrow"
                        | "earlier"
                        | "later"
                )
            }
        }
    }

    fn match_at(&self, i: usize) -> Option<M> {
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
        if let Some(d) = self.num(i) {
            if (1..=31).contains(&d) && self.toks[i].t.len() <= 4 {
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
            return None;
        }
        let (m, k) = self.month_at(i)?;
        // Month Day
        if let Some(d) = self.num(k) {
            let tok = &self.toks[k];
            if (1..=31).contains(&d) && tok.t.len() <= 4 && !(tok.t.len() == 4 && plausible_year(d))
            {
                // range "December 26 to 31" / "26-31"
                let mut end = k + 1;
                let mut d2 = d;
                if matches!(self.w(end), "to" | "-" | "–") {
                    if let Some(x) = self.num(end + 1) {
                        if x > d && x <= 31 && self.toks[end + 1].t.len() <= 4 {
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
            && t.t.len() == 4
            && self.w(i + 1) == "s"
            && self.toks.get(i + 1).is_some_and(|x| x.s == t.e)
        {
            let y = t.n? as i32;
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

//! Hand-written parsing of the date lines pages put under titles and inside citations.
//!
//! Accepted shapes (case-insensitive, optional weekday, optional label such as
//! "Date :" or "Posted on"): "Wednesday, October 26th, 2022", "Oct. 26, 2022",
//! "26 October 2022", "2012-5-29", "2012/05/29", "2012.5.29", "11/3/2007" (US order,
//! day-first when the month would be out of range). A trailing time ("at 10:15 am")
//! is allowed; anything else after the date makes the line not a date line.

use crate::model::Date;

use crate::dates::MONTH_NAMES as MONTHS;

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Labels that may precede a date on a date line.
const LABELS: [&str; 8] = [
    "date",
    "posted on",
    "posted",
    "published on",
    "published",
    "updated",
    "written on",
    "on",
];

/// A token of a date string.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    Num(u32, usize),
    Word(&'a str),
    Punct(char),
}

fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            let st = i;
            let mut v: u32 = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
                i += 1;
            }
            out.push(Tok::Num(v, i - st));
        } else if c.is_ascii_alphabetic() {
            let st = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push(Tok::Word(&s[st..i]));
        } else if c.is_ascii_whitespace() {
            i += 1;
        } else if c < 0x80 {
            out.push(Tok::Punct(c as char));
            i += 1;
        } else {
            // a non-ASCII character: take the whole char as punctuation
            let ch = s[i..].chars().next().unwrap_or(' ');
            if !ch.is_whitespace() {
                out.push(Tok::Punct(ch));
            }
            i += ch.len_utf8().max(1);
        }
    }
    out
}

/// `w` equals `full` or is its 3-letter abbreviation (ASCII case-insensitive).
fn name_match(w: &str, full: &str) -> bool {
    let (wb, fb) = (w.as_bytes(), full.as_bytes());
    (wb.len() == fb.len() || wb.len() == 3)
        && wb.len() <= fb.len()
        && fb[..wb.len()].eq_ignore_ascii_case(wb)
}

fn month_of(w: &str) -> Option<u32> {
    if w.len() < 3 || w.len() > 9 {
        return None;
    }
    if w.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| name_match(w, m))
        .map(|i| i as u32 + 1)
}

fn is_weekday(w: &str) -> bool {
    (3..=9).contains(&w.len()) && WEEKDAYS.iter().any(|d| name_match(w, d))
}

fn ymd(y: u32, m: u32, d: u32) -> Option<Date> {
    if !(1000..=2999).contains(&y) {
        return None;
    }
    Date::from_ymd_opt(y as i32, m, d)
}

fn is_ordinal_suffix(w: &str) -> bool {
    matches!(w.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th")
}

/// Parses a date at the start of `toks`; returns it and the number of tokens used.
fn parse_toks(t: &[Tok<'_>]) -> Option<(Date, usize)> {
    let mut i = 0;
    // weekday
    if let Some(Tok::Word(w)) = t.first() {
        if is_weekday(w) {
            i += 1;
            if let Some(Tok::Punct(',')) = t.get(i) {
                i += 1;
            }
        }
    }
    match t.get(i)? {
        Tok::Word(w) => {
            // Month Day[suffix][,] Year
            let m = month_of(w)?;
            i += 1;
            if let Some(Tok::Punct('.')) = t.get(i) {
                i += 1;
            }
            let Tok::Num(d, _) = *t.get(i)? else {
                return None;
            };
            i += 1;
            if let Some(Tok::Word(w)) = t.get(i) {
                if is_ordinal_suffix(w) {
                    i += 1;
                }
            }
            if let Some(Tok::Punct(',')) = t.get(i) {
                i += 1;
            }
            let Tok::Num(y, 4) = *t.get(i)? else {
                return None;
            };
            i += 1;
            Some((ymd(y, m, d)?, i))
        }
        Tok::Num(a, alen) => {
            let (a, alen) = (*a, *alen);
            i += 1;
            match t.get(i)? {
                Tok::Punct(sep @ ('-' | '/' | '.')) => {
                    let sep = *sep;
                    i += 1;
                    let Tok::Num(b, _) = *t.get(i)? else {
                        return None;
                    };
                    i += 1;
                    if t.get(i) != Some(&Tok::Punct(sep)) {
                        return None;
                    }
                    i += 1;
                    let Tok::Num(c, clen) = *t.get(i)? else {
                        return None;
                    };
                    i += 1;
                    if alen == 4 {
                        Some((ymd(a, b, c)?, i))
                    } else if clen == 4 {
                        // US order first, day-first when that is impossible
                        let d = ymd(c, a, b).or_else(|| ymd(c, b, a))?;
                        Some((d, i))
                    } else {
                        None
                    }
                }
                Tok::Word(w) if is_ordinal_suffix(w) || month_of(w).is_some() => {
                    // Day[suffix] Month[,] Year
                    let mut w = *w;
                    if is_ordinal_suffix(w) {
                        i += 1;
                        let Tok::Word(w2) = *t.get(i)? else {
                            return None;
                        };
                        w = w2;
                        if w.eq_ignore_ascii_case("of") {
                            i += 1;
                            let Tok::Word(w3) = *t.get(i)? else {
                                return None;
                            };
                            w = w3;
                        }
                    }
                    let m = month_of(w)?;
                    i += 1;
                    if let Some(Tok::Punct('.' | ',')) = t.get(i) {
                        i += 1;
                    }
                    let Tok::Num(y, 4) = *t.get(i)? else {
                        return None;
                    };
                    i += 1;
                    Some((ymd(y, m, a)?, i))
                }
                _ => None,
            }
        }
        Tok::Punct(_) => None,
    }
}

/// Strips a leading label ("Date :", "Posted on") and returns the rest.
fn strip_label(s: &str) -> &str {
    let t = s.trim_start();
    for l in LABELS {
        if t.len() > l.len() && t.is_char_boundary(l.len()) && t[..l.len()].eq_ignore_ascii_case(l)
        {
            let rest = &t[l.len()..];
            let rest_trim = rest.trim_start();
            if let Some(r) = rest_trim.strip_prefix(':') {
                return r.trim_start();
            }
            if rest.starts_with(char::is_whitespace) && l != "on" {
                return rest_trim;
            }
            if l == "on" && rest.starts_with(' ') {
                return rest_trim;
            }
        }
    }
    t
}

/// True when the tokens are a time of day ("10:15 am", "at 9:00").
fn is_time_tail(t: &[Tok<'_>]) -> bool {
    let mut i = 0;
    if let Some(Tok::Punct(',' | '|' | '-' | '@' | '–' | '—')) = t.first() {
        i += 1;
    }
    if let Some(Tok::Word(w)) = t.get(i) {
        if w.eq_ignore_ascii_case("at") {
            i += 1;
        }
    }
    let Some(Tok::Num(_, _)) = t.get(i) else {
        return false;
    };
    i += 1;
    if t.get(i) != Some(&Tok::Punct(':')) {
        return false;
    }
    i += 1;
    let Some(Tok::Num(_, _)) = t.get(i) else {
        return false;
    };
    i += 1;
    while let Some(tok) = t.get(i) {
        match tok {
            Tok::Word(w)
                if matches!(
                    w.to_ascii_lowercase().as_str(),
                    "am" | "pm" | "a" | "p" | "m" | "kst" | "utc" | "gmt" | "est" | "edt"
                ) => {}
            Tok::Punct('.' | ':' | '(' | ')') | Tok::Num(_, _) => {}
            _ => return false,
        }
        i += 1;
    }
    true
}

/// The result of reading a date line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateLine {
    /// The date.
    pub date: Date,
    /// True when the line carried an explicit "Date" label.
    pub labelled: bool,
    /// An author given on the same line ("October 26, 2022 by Jane Doe").
    pub author: Option<String>,
}

/// Reads a whole line as a date line; `None` when the line is anything else.
pub fn date_line(line: &str) -> Option<DateLine> {
    let line = line.trim();
    if line.is_empty() || line.len() > 80 {
        return None;
    }
    let first = line.as_bytes()[0];
    if !first.is_ascii_alphanumeric() {
        return None;
    }
    if !first.is_ascii_digit() {
        // the first word must be a weekday, a month, a label or "by"/"posted"
        let w: &str = line
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        let ok = month_of(w).is_some()
            || is_weekday(w)
            || [
                "date",
                "posted",
                "published",
                "updated",
                "written",
                "on",
                "by",
            ]
            .iter()
            .any(|l| w.eq_ignore_ascii_case(l));
        if !ok {
            return None;
        }
    }
    // "Posted by Jane Doe on October 26, 2022", "By Jane Doe | October 26, 2022"
    if let Some(name) = super::lines::byline(line.split(" on ").next().unwrap_or("")) {
        for sep in [" on ", " | ", " · ", " • ", " — ", " – ", ", "] {
            let Some(p) = line.rfind(sep) else {
                continue;
            };
            if let Some(d) = parse_date(&line[p + sep.len()..]) {
                return Some(DateLine {
                    date: d,
                    labelled: false,
                    author: Some(name.to_string()),
                });
            }
        }
    }
    let rest = strip_label(line);
    let labelled = rest.len() != line.len()
        && line
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("date"));
    let toks = tokenize(rest);
    let (date, used) = parse_toks(&toks)?;
    let tail = &toks[used..];
    let tail = match tail.first() {
        Some(Tok::Punct('.')) if tail.len() == 1 => &tail[1..],
        _ => tail,
    };
    if tail.is_empty() || is_time_tail(tail) {
        return Some(DateLine {
            date,
            labelled,
            author: None,
        });
    }
    // "October 26, 2022 | Jane Doe", "October 26, 2022 · 3 Comments"
    for sep in ['|', '·', '•', '—', '–'] {
        let Some(at) = rest.find(sep) else {
            continue;
        };
        let (left, right) = (&rest[..at], rest[at + sep.len_utf8()..].trim());
        let lt = tokenize(left);
        let Some((d2, u2)) = parse_toks(&lt) else {
            continue;
        };
        if d2 != date || !(u2 == lt.len() || is_time_tail(&lt[u2..])) {
            continue;
        }
        let author = super::lines::byline(right)
            .map(str::to_string)
            .or_else(|| super::lines::bare_name(right).then(|| right.to_string()));
        return Some(DateLine {
            date,
            labelled,
            author,
        });
    }
    // "... by Jane Doe" on the same line
    let lower = rest.to_ascii_lowercase();
    if let Some(p) = lower.find(" by ") {
        let name = rest[p + 4..].trim().trim_end_matches(['.', '|']).trim();
        let before = tokenize(&rest[..p]);
        if let Some((d2, u2)) = parse_toks(&before) {
            let t2 = &before[u2..];
            if d2 == date
                && (t2.is_empty() || is_time_tail(t2))
                && !name.is_empty()
                && name.len() < 60
            {
                return Some(DateLine {
                    date,
                    labelled,
                    author: Some(name.to_string()),
                });
            }
        }
    }
    None
}

/// Parses a date written anywhere in a short fragment ("October 26th, 2022.", "2010-7-26"),
/// allowing trailing punctuation only.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim().trim_end_matches(['.', ')', ',', ';']).trim();
    let toks = tokenize(s);
    let (d, used) = parse_toks(&toks)?;
    if used == toks.len() {
        Some(d)
    } else {
        None
    }
}

/// Finds the date at the end of a string ("Daily NK, October 26th, 2022"): returns the
/// date and the byte offset where it starts.
pub fn trailing_date(s: &str) -> Option<(Date, usize)> {
    let s = s.trim_end().trim_end_matches(['.', ')', ';']).trim_end();
    // try the last few comma-separated segments, longest first
    let mut starts: Vec<usize> = s.match_indices(',').map(|(i, _)| i + 1).collect();
    starts.insert(0, 0);
    let k = starts.len();
    for &st in &starts[k.saturating_sub(3)..] {
        if let Some(d) = parse_date(&s[st..]) {
            return Some((d, st));
        }
    }
    None
}

/// Date of a single-post URL like `/2012/05/29/slug/`.
pub fn url_date(url: &str) -> Option<Date> {
    let segs: Vec<&str> = url.split('/').collect();
    for w in segs.windows(3) {
        let ok = w[0].len() == 4
            && w[0].bytes().all(|b| b.is_ascii_digit())
            && (1..=2).contains(&w[1].len())
            && w[1].bytes().all(|b| b.is_ascii_digit())
            && (1..=2).contains(&w[2].len())
            && w[2].bytes().all(|b| b.is_ascii_digit());
        if ok {
            let y: i32 = w[0].parse().ok()?;
            let m: u32 = w[1].parse().ok()?;
            let d: u32 = w[2].parse().ok()?;
            if let Some(date) = Date::from_ymd_opt(y, m, d) {
                return Some(date);
            }
        }
    }
    None
}

/// The slug of a single-post URL (`/2012/05/29/some-title/` → `some-title`), if any.
pub fn url_slug(url: &str) -> Option<&str> {
    url_date(url)?;
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|s| s.contains('-') || s.len() > 3)
        .filter(|s| !s.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Date {
        Date::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn date_lines() {
        let cases = [
            ("Wednesday, October 26th, 2022", Some(d(2022, 10, 26))),
            ("October 26th, 2022", Some(d(2022, 10, 26))),
            ("Date : April 12, 2013", Some(d(2013, 4, 12))),
            ("Date: 2013-04-12", Some(d(2013, 4, 12))),
            ("2012-5-29", Some(d(2012, 5, 29))),
            ("2012/05/29", Some(d(2012, 5, 29))),
            ("11/3/2007", Some(d(2007, 11, 3))),
            ("26 October 2022", Some(d(2022, 10, 26))),
            ("Oct. 26, 2022", Some(d(2022, 10, 26))),
            ("Sept 3, 2019", Some(d(2019, 9, 3))),
            ("Posted on March 3, 2016", Some(d(2016, 3, 3))),
            ("March 3, 2016 at 10:15 am", Some(d(2016, 3, 3))),
            ("May 2014", None),
            ("May I say something, 2014", None),
            ("The market opened on March 3, 2016.", None),
            ("2012-13-40", None),
        ];
        for (s, want) in cases {
            assert_eq!(date_line(s).map(|x| x.date), want, "{s}");
        }
        assert!(date_line("Date : April 12, 2013").unwrap().labelled);
        let piped = date_line("March 3, 2016 | Jane Roe").unwrap();
        assert_eq!(piped.author.as_deref(), Some("Jane Roe"));
        let counted = date_line("March 3, 2016 · 3 Comments").unwrap();
        assert_eq!(counted.author, None);
        let by = date_line("March 3, 2016 by Jane Roe").unwrap();
        assert_eq!(by.author.as_deref(), Some("Jane Roe"));
        let piped = date_line("By Jane Roe | March 3, 2016").unwrap();
        assert_eq!(piped.author.as_deref(), Some("Jane Roe"));
        assert_eq!(piped.date, d(2016, 3, 3));
        let by = date_line("Posted by Jane Roe on March 3, 2016").unwrap();
        assert_eq!(by.author.as_deref(), Some("Jane Roe"));
        assert_eq!(by.date, d(2016, 3, 3));
    }

    #[test]
    fn trailing_dates() {
        let s = "Daily NK, October 26th, 2022.";
        let (dt, at) = trailing_date(s).unwrap();
        assert_eq!(dt, d(2022, 10, 26));
        assert_eq!(s[..at].trim_end_matches(',').trim(), "Daily NK");
        assert!(trailing_date("Daily NK").is_none());
    }

    #[test]
    fn urls() {
        let u = "https://x.example/2012/05/29/some-post-title/";
        assert_eq!(url_date(u), Some(d(2012, 5, 29)));
        assert_eq!(url_slug(u), Some("some-post-title"));
        assert_eq!(url_date("https://x.example/2012/05/"), None);
    }
}

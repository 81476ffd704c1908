//! Citations: "(Source: Author, “Title,” Outlet, Date.)", "Read the full story here:" blocks,
//! "Source: Outlet" lines and "Outlet / date" header lines → [`SourceRef`]s.

use super::date::{parse_date, trailing_date};
use crate::model::SourceRef;

fn clean(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .trim_end_matches('.')
        .trim();
    if t.is_empty() {
        None
    } else {
        Some(t.to_string())
    }
}

/// Strips "(Source:" / "Source:" / "Sources:" from the start of a citation; `None` when
/// the text does not start with such a label.
pub fn strip_source_label(s: &str) -> Option<&str> {
    let t = s.trim();
    let t = t.strip_prefix('(').unwrap_or(t).trim_start();
    for l in ["sources", "source", "via"] {
        if t.len() > l.len() && t.is_char_boundary(l.len()) && t[..l.len()].eq_ignore_ascii_case(l)
        {
            let r = t[l.len()..].trim_start();
            if let Some(r) = r.strip_prefix(':') {
                return Some(r.trim());
            }
        }
    }
    None
}

/// Parses the inside of a "(Source: …)" citation or a "Source: …" line.
pub fn parse_source_text(s: &str) -> Option<SourceRef> {
    let body = strip_source_label(s)?;
    let body = body.trim_end();
    let body = body.strip_suffix(')').unwrap_or(body).trim_end();
    let body = body.strip_suffix('.').unwrap_or(body).trim();
    if body.is_empty() {
        return None;
    }
    Some(parse_citation_fields(body))
}

/// Splits "Author, “Title,” Outlet, Date" (each part optional) into a [`SourceRef`].
pub fn parse_citation_fields(body: &str) -> SourceRef {
    let mut out = SourceRef::default();
    let open = body.find(['“', '"']);
    if let Some(o) = open {
        let qlen = body[o..].chars().next().map_or(1, char::len_utf8);
        let inner_start = o + qlen;
        let close = body[inner_start..]
            .find(['”', '"'])
            .map(|c| inner_start + c);
        if let Some(c) = close {
            let clen = body[c..].chars().next().map_or(1, char::len_utf8);
            out.author = clean(&body[..o]);
            out.title = clean(&body[inner_start..c]);
            let after = &body[c + clen..];
            fill_outlet_date(after, &mut out);
            return out;
        }
    }
    // no quoted title: [Author,] [Title,] Outlet[, Date]
    let (rest, date) = match trailing_date(body) {
        Some((d, at)) => (&body[..at], Some(d)),
        None => (body, None),
    };
    out.published = date;
    let parts: Vec<&str> = rest
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    match parts.len() {
        0 => {}
        1 => out.outlet = clean(parts[0]),
        2 => {
            out.author = clean(parts[0]);
            out.outlet = clean(parts[1]);
        }
        n => {
            out.author = clean(parts[0]);
            out.title = clean(&parts[1..n - 1].join(", "));
            out.outlet = clean(parts[n - 1]);
        }
    }
    out
}

fn fill_outlet_date(after: &str, out: &mut SourceRef) {
    let after = after.trim().trim_start_matches([',', '.']).trim();
    match trailing_date(after) {
        Some((d, at)) => {
            out.published = Some(d);
            out.outlet = clean(&after[..at]);
        }
        None => out.outlet = clean(after),
    }
}

/// True for the line that opens a citation block ("Read the full story here:",
/// "Article source:", "Read more:", "Source:").
pub fn is_block_intro(line: &str) -> bool {
    let t = line.trim();
    let Some(head) = t.strip_suffix(':') else {
        return false;
    };
    if head.len() > 60 {
        return false;
    }
    let h = head.to_ascii_lowercase();
    h.contains("full stor")
        || h.contains("full article")
        || h.contains("full report")
        || h.contains("read more")
        || h.contains("read the rest")
        || h.contains("original article")
        || h.contains("original story")
        || h == "source"
        || h == "sources"
        || h.ends_with(" source")
        || h.ends_with(" sources")
}

fn is_url(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")
}

/// Parses the lines under a citation block intro: Title, Outlet, [Author], [Date].
pub fn parse_block(lines: &[&str]) -> Option<SourceRef> {
    let mut out = SourceRef::default();
    let mut texts: Vec<&str> = Vec::new();
    for l in lines {
        let l = l.trim();
        if l.is_empty() || is_url(l) {
            continue;
        }
        if let Some(d) = parse_date(l) {
            out.published = Some(d);
            continue;
        }
        texts.push(l);
    }
    match texts.len() {
        0 => return None,
        1 => {
            // a single line: "Title, Outlet" style or just an outlet
            let f = parse_citation_fields(texts[0]);
            if f.title.is_some() || f.author.is_some() {
                out.title = f.title.or(f.author);
                out.outlet = f.outlet;
            } else {
                out.outlet = f.outlet;
            }
        }
        _ => {
            out.title = clean(texts[0]);
            out.outlet = clean(texts[1]);
            if let Some(a) = texts.get(2) {
                out.author = clean(a);
            }
        }
    }
    Some(out)
}

/// Reads an "Outlet / 11/3/2007" (or "Outlet, October 3, 2007", "Outlet - 2007-11-3")
/// header line: an outlet with a date on one line.
pub fn outlet_date_line(line: &str) -> Option<SourceRef> {
    let t = line.trim();
    if t.len() > 80 {
        return None;
    }
    for sep in [" / ", " | ", " - ", " – ", " — ", ", "] {
        let Some(p) = t.find(sep) else {
            continue;
        };
        let (left, right) = (&t[..p], &t[p + sep.len()..]);
        let Some(d) = parse_date(right) else {
            continue;
        };
        if !looks_like_name(left, 6) {
            continue;
        }
        return Some(SourceRef {
            author: None,
            title: None,
            outlet: clean(left),
            published: Some(d),
        });
    }
    None
}

/// True when `s` looks like a name line: 1..=max_words words, capitalised (small
/// connecting words allowed), no sentence punctuation at the end.
pub fn looks_like_name(s: &str, max_words: usize) -> bool {
    let t = s.trim();
    if t.is_empty() || t.len() > 80 {
        return false;
    }
    if t.ends_with(['.', ':', ';', ',', '?', '!']) && !t.ends_with("Jr.") && !t.ends_with("Sr.") {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > max_words {
        return false;
    }
    let mut caps = 0;
    for w in &words {
        let w =
            w.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ',' | '"' | '“' | '”'));
        let Some(c) = w.chars().next() else {
            continue;
        };
        if c.is_uppercase() || c.is_ascii_digit() && w.len() <= 4 {
            caps += 1;
        } else if matches!(
            w,
            "for"
                | "of"
                | "and"
                | "the"
                | "de"
                | "van"
                | "von"
                | "der"
                | "bin"
                | "al"
                | "la"
                | "le"
                | "du"
                | "da"
                | "&"
                | "on"
                | "in"
        ) {
        } else {
            return false;
        }
    }
    caps > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn paren_source() {
        let s = parse_source_text(
            "(Source: Jane Roe, “Coal ships idle at Nampo,” Daily NK, March 4th, 2019.)",
        )
        .unwrap();
        assert_eq!(s.author.as_deref(), Some("Jane Roe"));
        assert_eq!(s.title.as_deref(), Some("Coal ships idle at Nampo"));
        assert_eq!(s.outlet.as_deref(), Some("Daily NK"));
        assert_eq!(s.published, Date::from_ymd_opt(2019, 3, 4));
        let s = parse_source_text("Source: Yonhap News").unwrap();
        assert_eq!(s.outlet.as_deref(), Some("Yonhap News"));
        assert_eq!(s.author, None);
        let s = parse_source_text("(Source: Reuters, May 2, 2014)").unwrap();
        assert_eq!(s.outlet.as_deref(), Some("Reuters"));
        assert!(parse_source_text("Sourcing coal is hard").is_none());
    }

    #[test]
    fn blocks() {
        let s = parse_block(&["A headline", "Korea Herald", "Kim Min", "2014-5-1"]).unwrap();
        assert_eq!(s.title.as_deref(), Some("A headline"));
        assert_eq!(s.outlet.as_deref(), Some("Korea Herald"));
        assert_eq!(s.author.as_deref(), Some("Kim Min"));
        assert_eq!(s.published, Date::from_ymd_opt(2014, 5, 1));
        assert!(is_block_intro("Read the full story here:"));
        assert!(is_block_intro("Article source:"));
        assert!(!is_block_intro("According to Yonhap:"));
    }

    #[test]
    fn outlet_lines() {
        let s = outlet_date_line("Yonhap / 11/3/2007").unwrap();
        assert_eq!(s.outlet.as_deref(), Some("Yonhap"));
        assert_eq!(s.published, Date::from_ymd_opt(2007, 11, 3));
        assert!(outlet_date_line("Prices rose / 11/3/2007 was a bad day").is_none());
        assert!(looks_like_name(
            "Institute for Far Eastern Studies (IFES)",
            8
        ));
        assert!(!looks_like_name("Prices rose sharply.", 8));
    }
}

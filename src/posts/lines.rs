//! Line classification: page furniture, archive headings, bylines, title-like lines.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::cite::looks_like_name;

/// What a furniture line does to the post it sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    /// Dropped, the post goes on ("Skip to content", menus, comment counts, URL lines).
    Drop,
    /// Dropped and ends the post body ("Share", "Comments are closed.", pagination, footer).
    End,
}

/// ASCII case-insensitive `starts_with`.
pub fn starts_ci(t: &str, p: &str) -> bool {
    t.len() >= p.len() && t.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
}

/// Phrases that make a short line furniture wherever they sit in it (ids matter:
/// 0–1 comment headers, 2–5 pagination, 6 footer).
const FURNITURE_PHRASES: [&str; 7] = [
    " responses to ",
    " response to ",
    "older entries",
    "newer entries",
    "older posts",
    "newer posts",
    "all rights reserved",
];

fn furniture_phrases() -> Option<&'static AhoCorasick> {
    static AC: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    AC.get_or_init(|| AhoCorasick::new(FURNITURE_PHRASES).ok())
        .as_ref()
}

/// True for a "Share" line (the end of a post on listing pages).
pub fn is_share(t: &str) -> bool {
    t.len() <= 20
        && matches!(
            squash_lower(t).as_str(),
            "share" | "share this:" | "share this" | "share this post" | "share:"
        )
}

/// Cheap test for long lines: can a line of more than 60 bytes be furniture at all?
fn long_line_may_be_furniture(t: &str) -> bool {
    if t.starts_with(|c: char| c.is_ascii_digit())
        || starts_ci(t, "one ")
        || starts_ci(t, "no ")
        || starts_ci(t, "copyright")
        || starts_ci(t, "continue reading")
        || starts_ci(t, "home")
        || starts_ci(t, "you are here")
        || t.starts_with('«')
        || t.ends_with('»')
    {
        return true;
    }
    let b = t.as_bytes();
    let mut spaces = 0;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'\t' | b'|' => return true,
            b' ' => {
                spaces += 1;
                if spaces >= 3 {
                    return true;
                }
            }
            // '©' is C2 A9 in UTF-8
            0xC2 if b.get(i + 1) == Some(&0xA9) => return true,
            _ => spaces = 0,
        }
    }
    t.contains("ights reserved") || t.contains("IGHTS RESERVED")
}

fn squash_lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut sp = false;
    for c in s.chars() {
        if c.is_whitespace() {
            sp = !out.is_empty();
        } else {
            if sp {
                out.push(' ');
                sp = false;
            }
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

fn is_count_line(l: &str, nouns: &[&str]) -> bool {
    let mut it = l.split(' ');
    let (Some(n), Some(w), None) = (it.next(), it.next(), it.next()) else {
        return false;
    };
    let num = n.bytes().all(|b| b.is_ascii_digit()) || matches!(n, "no" | "one" | "zero");
    num && nouns.contains(&w)
}

fn is_url_line(t: &str) -> bool {
    let starts = t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.");
    if !starts {
        return false;
    }
    // the URL, then maybe a counter like "[872]" or "(12)"
    let mut parts = t.split_whitespace();
    parts.next();
    parts.all(|p| {
        let q = p.trim_matches(|c| matches!(c, '[' | ']' | '(' | ')'));
        !q.is_empty() && q.bytes().all(|b| b.is_ascii_digit() || b == b',')
    })
}

/// Classifies a line (already trimmed) as page furniture, or `None` for content.
pub fn furniture(t: &str) -> Option<Furniture> {
    if t.is_empty() || t.len() > 160 {
        return None;
    }
    if is_url_line(t) {
        return Some(Furniture::Drop);
    }
    if t.len() > 60 && !long_line_may_be_furniture(t) {
        return None;
    }
    let l = squash_lower(t);
    let l = l.as_str();
    match l {
        "share"
        | "share this:"
        | "share this"
        | "share this post"
        | "share:"
        | "like this:"
        | "comments are closed."
        | "comments are closed"
        | "leave a reply"
        | "leave a comment"
        | "prev next"
        | "previous next"
        | "« prev next »"
        | "related posts"
        | "related posts:"
        | "related"
        | "continue reading"
        | "continue reading →"
        | "continue reading »"
        | "continue reading..."
        | "continue reading…"
        | "read more"
        | "read more »"
        | "read more →"
        | "back to top"
        | "top"
        | "list"
        | "post navigation" => return Some(Furniture::End),
        "skip to content"
        | "skip to main content"
        | "menu"
        | "main menu"
        | "search"
        | "print"
        | "email"
        | "tweet"
        | "facebook"
        | "twitter"
        | "home"
        | "close"
        | "toggle navigation"
        | "no comments"
        | "one comment"
        | "prev"
        | "next"
        | "previous" => return Some(Furniture::Drop),
        _ => {}
    }
    let hit = furniture_phrases()
        .and_then(|ac| ac.find(l))
        .map(|m| m.pattern().as_usize());
    if let Some(k) = hit {
        // "3 Responses to “Title”", pagination, footer
        if k < 2 || t.len() <= 60 || k == 6 {
            return Some(Furniture::End);
        }
    }
    if is_count_line(
        l,
        &[
            "comments",
            "comment",
            "responses",
            "response",
            "replies",
            "reply",
        ],
    ) {
        return Some(Furniture::Drop);
    }

    // pagination
    let short = t.chars().count() <= 60;
    if short
        && (t.starts_with('«')
            || t.ends_with('»')
            || l.starts_with("next page")
            || l.starts_with("previous page")
            || l.starts_with("page ") && l.contains(" of "))
    {
        return Some(Furniture::End);
    }
    // footer
    if t.contains('©') || l.starts_with("copyright") {
        return Some(Furniture::End);
    }
    if l.starts_with("continue reading") {
        return Some(Furniture::End);
    }
    if short
        && (l.starts_with("share on ")
            || l.starts_with("click to share")
            || l.starts_with("comments off"))
    {
        return Some(Furniture::Drop);
    }
    // breadcrumbs
    if (l.starts_with("home >") || l.starts_with("home »") || l.starts_with("home /"))
        || l.starts_with("you are here:")
    {
        return Some(Furniture::Drop);
    }
    // post meta lines
    if short
        && (l.starts_with("posted in ")
            || l.starts_with("filed under")
            || l.starts_with("tags:")
            || l.starts_with("tagged ")
            || l.starts_with("categories:")
            || l.starts_with("category:") && !l.contains('‘'))
    {
        return Some(Furniture::Drop);
    }
    // menus: several short items separated by runs of spaces or tabs
    if is_menu_line(t) {
        return Some(Furniture::Drop);
    }
    None
}

fn is_menu_line(t: &str) -> bool {
    // without a separator (a tab, a bar, three spaces) the line is one item: most
    // lines, prose, end here after one pass over their bytes
    let mut spaces = 0;
    let separated = t.bytes().any(|b| {
        spaces = if b == b' ' { spaces + 1 } else { 0 };
        b == b'\t' || b == b'|' || spaces == 3
    });
    if !separated {
        return false;
    }
    let items: Vec<&str> = t
        .split(['\t', '|'])
        .flat_map(|p| p.split("   "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if items.len() < 3 {
        return false;
    }
    items.iter().all(|i| {
        i.split_whitespace().count() <= 5
            && !i.ends_with('.')
            && i.chars().next().is_some_and(|c| !c.is_lowercase())
    })
}

/// An archive heading: `Some(Some(category))` for category/tag archives,
/// `Some(None)` for date archives and other listing headings.
pub fn archive_heading(t: &str) -> Option<Option<String>> {
    if t.len() > 160 || t.is_empty() {
        return None;
    }
    let quoted = || quoted_name(t);
    let after_colon = || {
        t.split_once(':')
            .map(|(_, r)| r.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    if starts_ci(t, "archive for the ") || starts_ci(t, "archives for the ") {
        return Some(quoted());
    }
    if starts_ci(t, "posts tagged") || starts_ci(t, "entries tagged") {
        return Some(quoted().or_else(after_colon));
    }
    if starts_ci(t, "archive for ") || starts_ci(t, "archives for ") {
        return Some(None);
    }
    for p in [
        "category archives:",
        "tag archives:",
        "category archive:",
        "tag archive:",
        "browsing category",
        "posts in category",
        "posts categorized",
    ] {
        if starts_ci(t, p) {
            return Some(quoted().or_else(after_colon).or_else(|| {
                let rest = t.get(p.len()..)?.trim();
                (!rest.is_empty()).then(|| rest.to_string())
            }));
        }
    }
    if (starts_ci(t, "category: ") || starts_ci(t, "tag: ")) && t.chars().count() < 80 {
        return Some(after_colon());
    }
    for p in [
        "monthly archives:",
        "daily archives:",
        "yearly archives:",
        "search results",
    ] {
        if starts_ci(t, p) {
            return Some(None);
        }
    }
    None
}

fn quoted_name(t: &str) -> Option<String> {
    let (open, close) = if let Some(o) = t.find('‘') {
        (o + '‘'.len_utf8(), t[o..].find('’').map(|c| o + c))
    } else if let Some(o) = t.find('“') {
        (o + '“'.len_utf8(), t[o..].find('”').map(|c| o + c))
    } else if let Some(o) = t.find(['\'', '"']) {
        let q = &t[o..o + 1];
        (o + 1, t[o + 1..].rfind(q).map(|c| o + 1 + c))
    } else {
        return None;
    };
    // the closing quote may itself be an apostrophe inside the name: use the last one
    let close = match t.rfind('’') {
        Some(r) if r > open && t[open..].contains('’') => Some(r),
        _ => close,
    }?;
    if close <= open {
        return None;
    }
    let name = t[open..close].trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// A byline ("By Jane Roe", "By: Jane Roe", "Posted by Jane Roe", "Author: Jane Roe"):
/// returns the name.
pub fn byline(t: &str) -> Option<&str> {
    let t = t.trim();
    if t.len() > 100 {
        return None;
    }
    let mut rest = None;
    for p in [
        "by:",
        "by ",
        "posted by ",
        "written by ",
        "author :",
        "writer:",
        "writer :",
        "reporter:",
        "reporter :",
        "author:",
        "authors:",
        "words by ",
    ] {
        if t.len() > p.len() && t.is_char_boundary(p.len()) && t[..p.len()].eq_ignore_ascii_case(p)
        {
            rest = Some(t[p.len()..].trim());
            break;
        }
    }
    let r = rest?.trim_start_matches(':').trim();
    // "By Jane Roe | October 26, 2022": the name ends at a separator
    let cut = [" |", " ·", " •", " —", " –"]
        .iter()
        .filter_map(|sep| r.find(sep))
        .min()
        .unwrap_or(r.len());
    let r = &r[..cut];
    let r = r.trim_end_matches(['.', ',', '|']).trim();
    if r.is_empty() || r.split_whitespace().count() > 10 {
        return None;
    }
    if !r.chars().next().is_some_and(|c| c.is_uppercase()) {
        return None;
    }
    let sentence_end = t.ends_with(['.', '!', '?', ':', ';']) && !t.ends_with("Jr.");
    if looks_like_name(r, 10) || (!sentence_end && r.split_whitespace().count() <= 5) {
        Some(r)
    } else {
        None
    }
}

/// A bare author name line right under a date line ("Jane Roe",
/// "Institute for Far Eastern Studies (IFES)"): two to four capitalised words, or up to
/// eight for an organisation.
pub fn bare_name(t: &str) -> bool {
    let t = t.trim();
    let words = t.split_whitespace().count();
    let max = if org_like(t) { 8 } else { 4 };
    (2..=max).contains(&words) && !t.bytes().any(|b| b.is_ascii_digit()) && looks_like_name(t, 8)
}

/// True for the name of an organisation (research institute, centre, university …)
/// rather than a person or a news outlet: a cue word, or an acronym in parentheses.
pub fn org_like(t: &str) -> bool {
    const CUES: [&str; 14] = [
        "institute",
        "institution",
        "studies",
        "center",
        "centre",
        "university",
        "foundation",
        "council",
        "association",
        "committee",
        "ministry",
        "programme",
        "program",
        "society",
    ];
    let acronym = t.split('(').nth(1).is_some_and(|r| {
        let inner = r.split(')').next().unwrap_or("");
        inner.len() >= 2
            && inner
                .chars()
                .all(|c| c.is_uppercase() || c == '-' || c == '&')
    });
    acronym
        || t.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            CUES.iter().any(|c| w.eq_ignore_ascii_case(c))
        })
}

/// True when a line could be a post title: one line, not furniture, not a sentence
/// ending in a period/comma/colon, at most `max_words` words.
pub fn title_like(t: &str, allow_period: bool) -> bool {
    let t = t.trim();
    if t.is_empty() || t.len() > 300 {
        return false;
    }
    let Some(first) = t.chars().next() else {
        return false;
    };
    if first.is_lowercase() || first == '(' || first == '[' {
        return false;
    }
    let words = t.split_whitespace().count();
    if words > 30 {
        return false;
    }
    // "UPDATE 1", "ORIGINAL POST": section labels, not titles
    if words <= 3
        && !t.chars().any(char::is_lowercase)
        && t.chars().filter(|c| c.is_uppercase()).count() > 3
    {
        return false;
    }
    if t.ends_with([',', ';', ':']) {
        return false;
    }
    if t.ends_with('.') && !(allow_period && words <= 20) {
        return false;
    }
    if furniture(t).is_some() || archive_heading(t).is_some() || byline(t).is_some() {
        return false;
    }
    if super::date::date_line(t).is_some() {
        return false;
    }
    true
}

/// A paragraph-sized prose line (a body line rather than a title or a name).
pub fn prose(t: &str) -> bool {
    let t = t.trim();
    let words = t.split_whitespace().count();
    words >= 25 || (words >= 6 && t.ends_with(['.', '!', '?', '”', '"', ')', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines() {
        let cases = [
            ("Share", Some(Furniture::End)),
            ("Comments are closed.", Some(Furniture::End)),
            ("Prev  Next", Some(Furniture::End)),
            ("« Older Entries\tNewer Entries »", Some(Furniture::End)),
            ("3 Comments", Some(Furniture::Drop)),
            ("Skip to content", Some(Furniture::Drop)),
            ("Home > News > Markets", Some(Furniture::Drop)),
            ("http://news.example/a/b.html [872]", Some(Furniture::Drop)),
            ("Home   About   Maps   Contact", Some(Furniture::Drop)),
            ("Home\tAbout\tMaps", Some(Furniture::Drop)),
            ("Home | About | Maps", Some(Furniture::Drop)),
            ("Home About Maps Contact", None),
            ("Home | About", None),
            (
                "Copyright © 2001–2020. All rights reserved.",
                Some(Furniture::End),
            ),
            ("Rice prices rose in May.", None),
            ("Share prices in Seoul fell sharply on Monday.", None),
        ];
        for (l, want) in cases {
            assert_eq!(furniture(l), want, "{l}");
        }
    }

    #[test]
    fn headings() {
        assert_eq!(
            archive_heading("Archive for the ‘Trade’ Category"),
            Some(Some("Trade".to_string()))
        );
        assert_eq!(
            archive_heading("Archive for the ‘Labor conditions/wages’ Category"),
            Some(Some("Labor conditions/wages".to_string()))
        );
        assert_eq!(archive_heading("Archive for May, 2014"), Some(None));
        assert_eq!(
            archive_heading("Posts Tagged ‘coal’"),
            Some(Some("coal".to_string()))
        );
        assert_eq!(archive_heading("Archives matter to historians."), None);
    }

    #[test]
    fn bylines_and_names() {
        assert_eq!(byline("By Jane Roe "), Some("Jane Roe"));
        assert_eq!(byline("By: Jane Roe"), Some("Jane Roe"));
        assert_eq!(byline("By Jane Roe | March 3, 2016"), Some("Jane Roe"));
        assert_eq!(byline("By the end of May, prices fell."), None);
        assert!(bare_name("Jane Roe"));
        assert!(bare_name("Institute for Far Eastern Studies (IFES)"));
        assert!(!bare_name("Prices fell sharply in May."));
        assert!(!bare_name("Yonhap"));
        assert!(title_like("Coal exports fall again", false));
        assert!(!title_like("According to Yonhap:", false));
    }
}

//! Posts: cutting pages into posts and merging the copies of a post seen on many pages.
//!
//! A page is read line by line (no regular expressions). Each line is classified as
//! blank, furniture ("Share", menus, comment counts, pagination, footer), an archive
//! heading ("Archive for the ‘X’ Category"), a date line, or text. A post starts at an
//! *anchor*: a title line next to a date line (title above the date, or below it on
//! pages that put the date first, with or without a blank line between), or, for posts
//! without a date line, a title line followed by a byline, or a title line right after
//! the previous post's "Share". Single-post pages with none of these take their title
//! from the lines before the body (the URL slug breaks ties) and their date from the URL.
//! Text before the first anchor, when a page starts inside a post, becomes an untitled
//! post.
//!
//! Under the anchor sit header lines: a byline ("By X", "By: X", "Posted by X on DATE"),
//! a bare name line, an organisation header (the line "Institute for Far Eastern Studies
//! (IFES)" over a release date: the organisation is the author), or an outlet header
//! ("Yonhap / 11/3/2007", or outlet, reporter and date on three lines: a source, not
//! an author).
//! The body runs to the next anchor; furniture is dropped, "Share", "Comments are
//! closed." and pagination end it. Citations become `citation` paragraphs and
//! [`SourceRef`]s; quoted runs are found by [`voice`].

pub mod cite;
pub mod date;
pub mod html;
pub mod lines;
pub mod voice;

use std::collections::HashMap;

use crate::model::{Date, Document, Paragraph, Post, Reject, SourceRef};
use date::DateLine;
use lines::Furniture;
use voice::ParaKind;

/// Options for page parsing.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Blank,
    Furn(Furniture),
    Heading,
    Date(DateLine),
    Text,
}

#[derive(Debug, Clone)]
struct Ln<'a> {
    t: &'a str,
    group: usize,
    first: bool,
    kind: Kind,
}

#[derive(Debug, Clone, Default)]
struct Anchor {
    start: usize,
    title: Option<usize>,
    date: Option<Date>,
    author: Option<String>,
    header_source: Option<SourceRef>,
    header_end: usize,
}

struct Page<'a> {
    ls: Vec<Ln<'a>>,
    /// Non-blank lines per group.
    sizes: Vec<usize>,
}

impl<'a> Page<'a> {
    fn new(text: &'a str) -> Self {
        let mut ls = Vec::with_capacity(text.len() / 40 + 1);
        let mut group = 0usize;
        let mut prev_blank = true;
        for raw in text.split('\n') {
            let t = raw.trim();
            if t.is_empty() {
                if !prev_blank {
                    group += 1;
                }
                prev_blank = true;
                ls.push(Ln {
                    t,
                    group,
                    first: false,
                    kind: Kind::Blank,
                });
                continue;
            }
            let kind = classify(t);
            // headings and furniture stand alone: the lines around them start groups
            let alone = matches!(kind, Kind::Heading | Kind::Furn(_));
            if alone && !prev_blank {
                group += 1;
            }
            ls.push(Ln {
                t,
                group,
                first: prev_blank || alone,
                kind,
            });
            prev_blank = false;
            if alone {
                group += 1;
                prev_blank = true;
            }
        }
        let mut sizes = vec![0usize; group + 1];
        for l in &ls {
            if l.kind != Kind::Blank {
                if let Some(c) = sizes.get_mut(l.group) {
                    *c += 1;
                }
            }
        }
        Page { ls, sizes }
    }

    fn prev_nonblank(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&k| self.ls[k].kind != Kind::Blank)
    }

    fn next_nonblank(&self, i: usize) -> Option<usize> {
        (i + 1..self.ls.len()).find(|&k| self.ls[k].kind != Kind::Blank)
    }

    /// Number of non-blank lines in the group of line `i`.
    fn group_len(&self, i: usize) -> usize {
        self.sizes.get(self.ls[i].group).copied().unwrap_or(0)
    }

    /// For a date line that is the second line of its group: the title line above it
    /// ("Title\nWednesday, October 26th, 2022" rendered without a blank line).
    fn compact_title(&self, i: usize) -> Option<usize> {
        let t = i.checked_sub(1)?;
        let l = &self.ls[t];
        // the title opens its group, or follows furniture ("Share") or a heading on
        // pages rendered without blank lines
        let opens =
            l.first || t == 0 || matches!(self.ls[t - 1].kind, Kind::Furn(_) | Kind::Heading);
        (l.kind == Kind::Text
            && opens
            && l.group == self.ls[i].group
            && lines::title_like(l.t, false)
            && !lines::bare_name(l.t))
        .then_some(t)
    }

    fn is_text(&self, i: usize) -> bool {
        self.ls[i].kind == Kind::Text
    }

    /// A line alone in its group that reads like a title.
    fn title_line(&self, i: usize, allow_period: bool) -> bool {
        self.is_text(i)
            && self.ls[i].first
            && self.group_len(i) == 1
            && lines::title_like(self.ls[i].t, allow_period)
    }

    /// True when line `i` sits in a citation block ("Read the full story here:" a few
    /// short lines above).
    fn in_citation_block(&self, i: usize) -> bool {
        let mut k = i;
        for _ in 0..5 {
            let Some(p) = self.prev_nonblank(k) else {
                return false;
            };
            let t = self.ls[p].t;
            if cite::is_block_intro(t) {
                return true;
            }
            if !matches!(self.ls[p].kind, Kind::Text | Kind::Date(_))
                || t.split_whitespace().count() > 15
            {
                return false;
            }
            k = p;
        }
        false
    }
}

fn classify(t: &str) -> Kind {
    if t.len() <= 160 {
        if lines::archive_heading(t).is_some() {
            return Kind::Heading;
        }
        if let Some(f) = lines::furniture(t) {
            return Kind::Furn(f);
        }
        if let Some(d) = date::date_line(t) {
            return Kind::Date(d);
        }
    }
    Kind::Text
}

/// An anchor for a post whose title is line `t`, its header read up to the next anchor.
fn title_anchor(p: &Page, anchors: &[Anchor], t: usize, n: usize) -> Anchor {
    let mut a = Anchor {
        start: t,
        title: Some(t),
        header_end: t + 1,
        ..Anchor::default()
    };
    let limit = anchors
        .iter()
        .map(|a| a.start)
        .filter(|&s| s > t)
        .min()
        .unwrap_or(n);
    read_header(p, &mut a, limit);
    a
}

/// Reads the header lines under an anchor (bylines, name lines, organisation headers,
/// outlet/date lines, a date line placed under the byline). Stops before `limit`.
fn read_header(p: &Page<'_>, a: &mut Anchor, limit: usize) {
    let mut k = a.header_end;
    let mut took_name = false;
    let mut steps = 0;
    while k < limit && steps < 6 {
        let l = &p.ls[k];
        match &l.kind {
            Kind::Blank | Kind::Furn(Furniture::Drop) => {
                k += 1;
                continue;
            }
            Kind::Date(d) if a.date.is_none() => {
                a.date = Some(d.date);
                if a.author.is_none() {
                    a.author = d.author.clone();
                }
            }
            Kind::Date(d) if d.author.is_some() && a.author.is_none() => {
                // "By Jane Roe on October 3, 2010" under a date line
                a.author = d.author.clone();
            }
            Kind::Text if a.author.is_none() && a.header_source.is_none() && !took_name => {
                if let Some(name) = lines::byline(l.t) {
                    a.author = Some(name.to_string());
                    took_name = true;
                } else if let Some(s) = cite::outlet_date_line(l.t) {
                    a.header_source = Some(s);
                    took_name = true;
                } else if l.first {
                    let n = p.group_len(k);
                    if n == 1 && lines::bare_name(l.t) {
                        a.author = Some(l.t.to_string());
                        took_name = true;
                    } else if let Some(used) = header_group(p, k, n, a) {
                        took_name = true;
                        k += used - 1;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            _ => break,
        }
        steps += 1;
        k += 1;
        a.header_end = k;
    }
}

/// A header group under the date: a name line, then short lines ending with a release
/// date ("Institute for Far Eastern Studies (IFES)\n2012-3-19", "Yonhap\n11/3/2007",
/// "Daily NK\nKim Min\n2009-12-1"). An organisation heading its own release is the
/// author; an outlet with a date is a source. Returns the number of lines used.
fn header_group(p: &Page<'_>, k: usize, n: usize, a: &mut Anchor) -> Option<usize> {
    if !(2..=4).contains(&n) {
        return None;
    }
    let name = p.ls[k].t;
    if name.bytes().any(|b| b.is_ascii_digit()) || !cite::looks_like_name(name, 8) {
        return None;
    }
    let rest = p.ls.get(k + 1..k + n)?;
    if rest.iter().any(|l| l.t.split_whitespace().count() > 8) {
        return None;
    }
    let date = rest.iter().rev().find_map(|l| match &l.kind {
        Kind::Date(d) => Some(d.date),
        _ => None,
    })?;
    if lines::org_like(name) {
        a.author = Some(name.to_string());
    } else {
        let person = rest
            .iter()
            .find(|l| l.kind == Kind::Text && lines::bare_name(l.t))
            .map(|l| l.t.to_string());
        a.header_source = Some(SourceRef {
            author: person,
            title: None,
            outlet: Some(name.to_string()),
            published: Some(date),
        });
    }
    Some(n)
}

fn slug_overlap(slug: &str, title: &str) -> f64 {
    let st: Vec<&str> = slug.split('-').filter(|s| !s.is_empty()).collect();
    if st.is_empty() {
        return 0.0;
    }
    let tl = title.to_lowercase();
    let tt: Vec<&str> = tl
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect();
    let hit = st.iter().filter(|s| tt.contains(s)).count();
    hit as f64 / st.len() as f64
}

fn find_anchors(p: &Page<'_>, url: Option<&str>) -> Vec<Anchor> {
    let n = p.ls.len();
    let date_idx: Vec<usize> = (0..n)
        .filter(|&i| match &p.ls[i].kind {
            Kind::Date(d) => {
                (p.ls[i].first || d.labelled || p.compact_title(i).is_some())
                    && !p.in_citation_block(i)
            }
            _ => false,
        })
        .collect();
    let mut anchors: Vec<Anchor> = Vec::new();
    let mut floor = 0usize;
    for (di, &i) in date_idx.iter().enumerate() {
        if i < floor {
            continue;
        }
        let Kind::Date(d) = &p.ls[i].kind else {
            continue;
        };
        let prev = p.prev_nonblank(i).filter(|&k| k >= floor);
        let next = p.next_nonblank(i);
        let compact = p.compact_title(i).filter(|&k| k >= floor);
        let prev_ok = |allow: bool| {
            prev.filter(|&k| {
                p.title_line(k, allow)
                    || Some(k) == compact
                    || (d.labelled
                        && p.is_text(k)
                        && lines::title_like(p.ls[k].t, allow)
                        && p.ls[k].first)
            })
        };
        let next_ok = next.filter(|&k| {
            p.is_text(k)
                && (p.ls[k].first || p.ls[k].group == p.ls[i].group)
                && lines::title_like(p.ls[k].t, false)
                && !lines::bare_name(p.ls[k].t)
                || (d.labelled
                    && p.is_text(k)
                    && p.ls[k].group == p.ls[i].group
                    && lines::title_like(p.ls[k].t, true))
        });
        let (title, start, header_end) = if let Some(t) = prev_ok(false) {
            (t, t, i + 1)
        } else if let Some(t) = next_ok {
            (t, i, t + 1)
        } else if let Some(t) = prev_ok(true) {
            (t, t, i + 1)
        } else {
            continue;
        };
        let mut a = Anchor {
            start,
            title: Some(title),
            date: Some(d.date),
            author: d.author.clone(),
            header_source: None,
            header_end,
        };
        // the header may not run into the next post's title line
        let limit = date_idx
            .iter()
            .skip(di + 1)
            .filter_map(|&nx| p.prev_nonblank(nx))
            .find(|&t| p.is_text(t) && t > i)
            .unwrap_or(n);
        let limit = limit.max(a.header_end);
        read_header(p, &mut a, limit);
        floor = a.header_end;
        anchors.push(a);
    }
    // posts without a date line: a title line followed by a byline
    let covered =
        |anchors: &[Anchor], i: usize| anchors.iter().any(|a| i >= a.start && i < a.header_end);
    let mut extra = Vec::new();
    for i in 0..n {
        if !p.is_text(i)
            || !p.ls[i].first
            || p.group_len(i) != 1
            || lines::byline(p.ls[i].t).is_none()
        {
            continue;
        }
        if covered(&anchors, i) {
            continue;
        }
        let Some(t) = p.prev_nonblank(i) else {
            continue;
        };
        if !p.title_line(t, false) || covered(&anchors, t) {
            continue;
        }
        let a = title_anchor(p, &anchors, t, n);
        extra.push(a);
    }
    anchors.extend(extra);
    anchors.sort_by_key(|a| a.start);
    // listing pages: a post with neither date line nor byline still starts with a
    // title line right after the previous post's "Share", followed by prose
    let mut more = Vec::new();
    for i in 0..n {
        if p.ls[i].kind != Kind::Furn(Furniture::End) || !lines::is_share(p.ls[i].t) {
            continue;
        }
        let Some(j) = p.next_nonblank(i) else {
            continue;
        };
        if !p.title_line(j, false) || covered(&anchors, j) || anchors.iter().any(|a| a.start == j) {
            continue;
        }
        let Some(b) = p.next_nonblank(j) else {
            continue;
        };
        if !(p.is_text(b) && lines::prose(p.ls[b].t)) && lines::byline(p.ls[b].t).is_none() {
            continue;
        }
        let a = title_anchor(p, &anchors, j, n);
        more.push(a);
    }
    if !more.is_empty() {
        anchors.extend(more);
        anchors.sort_by_key(|a| a.start);
    }
    // a page with neither: a single post only when the URL is a post's own (it carries
    // the date) or the page shows post furniture ("Comments are closed.", "Share")
    let post_like = url.and_then(date::url_date).is_some()
        || p.ls.iter().any(|l| l.kind == Kind::Furn(Furniture::End));
    if anchors.is_empty() && post_like {
        if let Some(a) = single_post_anchor(p, url) {
            anchors.push(a);
        }
    }
    anchors
}

/// A page without date lines or bylines: the title is a title-like line before the
/// first prose line (the URL slug picks among several).
fn single_post_anchor(p: &Page<'_>, url: Option<&str>) -> Option<Anchor> {
    let n = p.ls.len();
    let f = (0..n).find(|&i| p.is_text(i) && lines::prose(p.ls[i].t))?;
    let cands: Vec<usize> = (0..f)
        .filter(|&i| p.title_line(i, false) && !lines::bare_name(p.ls[i].t))
        .collect();
    let names: Vec<usize> = (0..f).filter(|&i| p.title_line(i, false)).collect();
    let slug = url.and_then(date::url_slug);
    let mut title = None;
    if let Some(s) = slug {
        let best = names.iter().map(|&i| (i, slug_overlap(s, p.ls[i].t))).fold(
            None,
            |acc: Option<(usize, f64)>, x| match acc {
                Some(b) if b.1 >= x.1 => Some(b),
                _ => Some(x),
            },
        );
        if let Some((i, o)) = best {
            if o >= 0.5 {
                title = Some(i);
            }
        }
    }
    let title = title
        .or_else(|| cands.last().copied())
        .or_else(|| names.last().copied())?;
    let mut a = Anchor {
        start: title,
        title: Some(title),
        header_end: title + 1,
        ..Anchor::default()
    };
    read_header(p, &mut a, n);
    Some(a)
}

/// Decides whether the lines of one group are one wrapped paragraph.
fn wrapped(lines: &[&str]) -> bool {
    if lines.len() < 2 {
        return false;
    }
    let lens: Vec<usize> = lines.iter().map(|l| l.len()).collect();
    let max = lens.iter().copied().max().unwrap_or(0);
    if !(30..=130).contains(&max) {
        return false;
    }
    // wrapped text breaks lines mid-sentence; lines that each end a sentence are
    // paragraphs of their own (news-site renderings)
    let body = &lines[..lines.len() - 1];
    let open = body.iter().filter(|l| !ends_sentence(l)).count();
    lens[..lens.len() - 1].iter().all(|&l| l * 10 >= max * 6) && open * 2 >= body.len()
}

fn ends_sentence(t: &str) -> bool {
    t.ends_with(['.', '!', '?', ':', '"', '”', ')', '’', '\''])
}

struct RawPara {
    text: String,
    kind: ParaKind,
    source: Option<SourceRef>,
}

/// Strips an inline "Continue reading" (with arrows, ellipsis or the post title after
/// it) from the end of a paragraph.
fn strip_continue(t: &str) -> Option<&str> {
    // only the end of the paragraph matters
    let mut from = t.len().saturating_sub(200);
    while !t.is_char_boundary(from) {
        from += 1;
    }
    let end_text = &t[from..];
    if !end_text.contains("ontinue reading")
        && !end_text.contains("ead more")
        && !end_text.contains("ead More")
    {
        return None;
    }
    // capitalised markers may end the paragraph bare; lowercase ones (which can be
    // ordinary prose) need an arrow or an ellipsis after them
    for (marker, bare_ok) in [
        ("Continue reading", true),
        ("continue reading", false),
        ("Read more", true),
        ("Read More", true),
    ] {
        if let Some(at) = end_text.rfind(marker).map(|a| a + from) {
            let tail = t[at + marker.len()..].trim();
            let arrow = tail.starts_with(['→', '»', '…', '›', '>']) || tail.starts_with("...");
            let titled = tail.starts_with(['“', '"', '‘', '[', '(']);
            let tail_ok = (tail.is_empty() && bare_ok)
                || (tail.chars().count() <= 150 && (arrow || (titled && bare_ok)));
            if tail_ok {
                return Some(t[..at].trim_end());
            }
        }
    }
    None
}

/// Splits the lines of one group into paragraphs.
fn group_paras(lines: &[&str], out: &mut Vec<RawPara>) {
    let mut ps: Vec<String> = Vec::new();
    if wrapped(lines) {
        ps.push(lines.join(" "));
    } else {
        let mut cur = String::new();
        for (j, l) in lines.iter().enumerate() {
            if cur.is_empty() {
                cur.push_str(l);
            } else {
                cur.push(' ');
                cur.push_str(l);
            }
            let next = lines.get(j + 1);
            let open_source = cur.starts_with("(Source") && !cur.contains(')');
            let cont = next.is_some_and(|nx| {
                open_source
                    || (!ends_sentence(&cur) && nx.chars().next().is_some_and(char::is_lowercase))
            });
            if !cont {
                ps.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            ps.push(cur);
        }
    }
    for text in ps {
        let mut srcs = if cite::strip_source_label(&text).is_some() {
            cite::parse_sources_text(&text)
        } else {
            Vec::new()
        };
        srcs.retain(|s| s.outlet.is_some() || s.title.is_some());
        let kind = match srcs.is_empty() {
            false if text.starts_with('(') => ParaKind::ParenSource,
            false => ParaKind::Citation,
            true => ParaKind::Text,
        };
        let mut srcs = srcs.into_iter();
        out.push(RawPara {
            text,
            kind,
            source: srcs.next(),
        });
        // further sources of a "(Sources: A; B)" line ride on empty paragraphs that
        // build_post skips
        for extra in srcs {
            out.push(RawPara {
                text: String::new(),
                kind,
                source: Some(extra),
            });
        }
    }
}

/// Builds the paragraphs of a post from lines `from..to`.
fn body_paras(p: &Page<'_>, from: usize, to: usize) -> Vec<RawPara> {
    let mut out: Vec<RawPara> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    // index into `out` of a citation block still taking lines, with lines so far
    let mut open_block: Option<(usize, Vec<String>)> = None;
    let mut cite_mode = false;
    let mut k = from;
    let mut stop = false;
    while k <= to && !stop {
        let l = if k < to { Some(&p.ls[k]) } else { None };
        let flush = match l {
            None => true,
            Some(l) => match &l.kind {
                Kind::Blank | Kind::Heading => true,
                Kind::Furn(Furniture::Drop) => true,
                Kind::Furn(Furniture::End) => {
                    if !out.is_empty() || !cur.is_empty() {
                        stop = true;
                    }
                    true
                }
                _ => {
                    if !cur.is_empty() && l.first {
                        // new group without a blank line (shouldn't happen) – flush first
                        flush_group(
                            &mut cur,
                            &mut out,
                            &mut open_block,
                            &mut cite_mode,
                            &mut stop,
                        );
                    }
                    cur.push(l.t);
                    false
                }
            },
        };
        if flush && !cur.is_empty() {
            flush_group(
                &mut cur,
                &mut out,
                &mut open_block,
                &mut cite_mode,
                &mut stop,
            );
        }
        k += 1;
    }
    close_block(&mut out, &mut open_block);
    out
}

fn close_block(out: &mut [RawPara], open_block: &mut Option<(usize, Vec<String>)>) {
    if let Some((idx, ls)) = open_block.take() {
        let refs: Vec<&str> = ls.iter().map(String::as_str).collect();
        if let Some(para) = out.get_mut(idx) {
            para.source = cite::parse_block(&refs[1..]);
            para.text = refs.join("\n");
        }
    }
}

/// A group of 2–5 short lines with a date: title/outlet/author/date of a cited story.
fn citation_like_group(lines: &[&str]) -> bool {
    (2..=5).contains(&lines.len())
        && lines
            .iter()
            .all(|l| l.split_whitespace().count() <= 15 && !lines::prose(l))
        && lines.iter().any(|l| date::parse_date(l).is_some())
}

fn flush_group(
    cur: &mut Vec<&str>,
    out: &mut Vec<RawPara>,
    open_block: &mut Option<(usize, Vec<String>)>,
    cite_mode: &mut bool,
    stop: &mut bool,
) {
    let lines = std::mem::take(cur);
    if lines.is_empty() {
        return;
    }
    // a citation block still open takes short single lines, or the whole story
    // (title, outlet, date) when only its intro line came before
    if let Some((_, ls)) = open_block.as_mut() {
        let short = lines.len() == 1
            && lines[0].split_whitespace().count() <= 15
            && !lines::prose(lines[0])
            && ls.len() < 5;
        let story = ls.len() == 1 && citation_like_group(&lines);
        if short || story {
            ls.extend(lines.iter().map(|l| l.to_string()));
            if story {
                close_block(out, open_block);
            }
            return;
        }
        close_block(out, open_block);
    }
    if *cite_mode && citation_like_group(&lines) {
        // the next story of a "Read the full stories here:" block
        out.push(RawPara {
            text: lines.join("\n"),
            kind: ParaKind::Citation,
            source: cite::parse_block(&lines),
        });
        return;
    }
    *cite_mode = false;
    if cite::is_block_intro(lines[0]) {
        *cite_mode = true;
        out.push(RawPara {
            text: String::new(),
            kind: ParaKind::Citation,
            source: None,
        });
        let idx = out.len() - 1;
        *open_block = Some((idx, lines.iter().map(|s| s.to_string()).collect()));
        if lines.len() > 1 {
            close_block(out, open_block);
        }
        return;
    }
    let before = out.len();
    group_paras(&lines, out);
    // a teaser: "… Continue reading" ends the post
    let grew = out.len() > before;
    if let Some(last) = out.last_mut() {
        if grew && last.kind == ParaKind::Text {
            if let Some(head) = strip_continue(&last.text) {
                let head = head.to_string();
                if head.is_empty() {
                    out.pop();
                } else {
                    last.text = head;
                }
                *stop = true;
            }
        }
    }
}

fn is_single_post_url(url: &str) -> bool {
    date::url_date(url).is_some()
}

fn is_listing_url(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let l = path.to_ascii_lowercase();
    if l.contains("/category/")
        || l.contains("/tag/")
        || l.contains("/page/")
        || l.contains("/author/")
    {
        return true;
    }
    // /YYYY/ or /YYYY/MM/ at the end
    let segs: Vec<&str> = l.trim_end_matches('/').rsplit('/').take(2).collect();
    segs.first()
        .is_some_and(|s| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
}

/// Parses one page into its posts: HTML documents (formats `html`, `warc`,
/// `wp-json`, `wxr`) through [`html`], everything else as a plain-text rendering.
///
/// Posts come in page order; a page without any post gives one [`Reject`]
/// (stage `parse_posts`, reason `no_post`).
pub fn parse_page(doc: &Document, opts: &ParseOptions) -> (Vec<Post>, Vec<Reject>) {
    if html::handles(doc) {
        return html::parse_html(doc, opts);
    }
    if doc.format == "wet" {
        return html::parse_wet(doc, opts);
    }
    parse_text(doc, opts)
}

/// Parses one plain-text page into its posts.
pub(crate) fn parse_text(doc: &Document, opts: &ParseOptions) -> (Vec<Post>, Vec<Reject>) {
    let _ = opts;
    let p = Page::new(&doc.text);
    let url = doc.url.as_deref();
    let anchors = find_anchors(&p, url);
    let categories: Vec<String> = {
        let mut c: Vec<String> = Vec::new();
        for l in &p.ls {
            if l.kind == Kind::Heading {
                if let Some(Some(name)) = lines::archive_heading(l.t) {
                    if !c.contains(&name) {
                        c.push(name);
                    }
                }
            }
        }
        c
    };
    let has_heading = p.ls.iter().any(|l| l.kind == Kind::Heading);
    let n = p.ls.len();
    let mut posts = Vec::with_capacity(anchors.len() + 1);

    // text before the first post, when the page starts in the middle of one
    if let Some(first) = anchors.first() {
        let mut from = 0;
        for k in 0..first.start {
            if p.ls[k].kind == Kind::Heading {
                from = k + 1;
            }
        }
        let mut paras = body_paras(&p, from, first.start);
        // site name and tagline lines before the text are not part of it
        let lead = paras
            .iter()
            .position(|r| lines::prose(&r.text))
            .unwrap_or(paras.len());
        paras.drain(..lead);
        let words: usize = paras
            .iter()
            .map(|r| r.text.split_whitespace().count())
            .sum();
        if words >= 40 && paras.iter().any(|r| lines::prose(&r.text)) {
            posts.push(build_post(doc, None, None, None, None, paras, &categories));
        }
    }
    for (ai, a) in anchors.iter().enumerate() {
        let end = anchors.get(ai + 1).map_or(n, |b| b.start);
        let paras = body_paras(&p, a.header_end.min(end), end);
        let title = a.title.map(|t| p.ls[t].t);
        posts.push(build_post(
            doc,
            title,
            a.date,
            a.author.clone(),
            a.header_source.clone(),
            paras,
            &categories,
        ));
    }
    // single-post pages: the URL is the post's own, and gives the date when no line does
    let single = posts.len() == 1
        && !has_heading
        && url.is_some_and(|u| is_single_post_url(u) || !is_listing_url(u));
    if single {
        if let Some(post) = posts.first_mut() {
            post.url = doc.url.clone();
            if post.published.is_none() {
                post.published = url.and_then(date::url_date);
                post.post_id = crate::ids::post_id(&post.title, post.published);
            }
        }
    }
    let mut rejects = Vec::new();
    if posts.is_empty() {
        rejects.push(Reject::new(
            doc.source.clone(),
            "parse_posts",
            "no_post",
            Some(format!("no title/date structure found in {} lines", n)),
        ));
    }
    (posts, rejects)
}

fn build_post(
    doc: &Document,
    title: Option<&str>,
    published: Option<Date>,
    author: Option<String>,
    header_source: Option<SourceRef>,
    paras: Vec<RawPara>,
    categories: &[String],
) -> Post {
    let title = title.unwrap_or("").to_string();
    let refs: Vec<(&str, ParaKind)> = paras.iter().map(|r| (r.text.as_str(), r.kind)).collect();
    let voices = voice::assign(&refs);
    let mut body = String::with_capacity(paras.iter().map(|r| r.text.len() + 2).sum());
    let mut spans = Vec::with_capacity(paras.len());
    let mut sources: Vec<SourceRef> = header_source.into_iter().collect();
    for (r, v) in paras.into_iter().zip(voices) {
        let t = r.text.trim();
        if t.is_empty() {
            sources.extend(r.source);
            continue;
        }
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let start = body.len();
        body.push_str(t);
        spans.push(Paragraph {
            start,
            end: body.len(),
            voice: v,
        });
        if let Some(s) = r.source {
            sources.push(s);
        }
    }
    let words = count_words(&body);
    Post {
        post_id: crate::ids::post_id(&title, published),
        title,
        published,
        author,
        body,
        paragraphs: spans,
        sources,
        categories: categories.to_vec(),
        seen_in: vec![doc.source.clone()],
        url: None,
        words: i32::try_from(words).unwrap_or(i32::MAX),
    }
}

/// Number of whitespace-separated words (the same count as `split_whitespace`), eight
/// ASCII bytes at a time.
pub fn count_words(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < b.len() {
        // runs of 8 ASCII bytes
        while let Some(w) = b.get(i..i + 8).and_then(|x| <[u8; 8]>::try_from(x).ok()) {
            let w = u64::from_le_bytes(w);
            if w & HI != 0 {
                break;
            }
            let (starts, ends_in_word) = ascii_word_starts(w, in_word, HI);
            n += starts;
            in_word = ends_in_word;
            i += 8;
        }
        let Some(&c) = b.get(i) else {
            break;
        };
        if c < 0x80 {
            // ASCII bytes before a non-ASCII one (or the end): one of them at a time
            if !(c == b' ' || (0x09..=0x0D).contains(&c)) {
                n += usize::from(!in_word);
                in_word = true;
            } else {
                in_word = false;
            }
            i += 1;
            continue;
        }
        // Unicode White_Space outside ASCII: U+0085, U+00A0, U+1680, U+2000–U+200A,
        // U+2028, U+2029, U+202F, U+205F, U+3000
        let ws_len = match c {
            0xC2 if matches!(b.get(i + 1), Some(0x85 | 0xA0)) => 2,
            0xE1 if b.get(i + 1) == Some(&0x9A) && b.get(i + 2) == Some(&0x80) => 3,
            0xE2 => match (b.get(i + 1), b.get(i + 2)) {
                (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F)) => {
                    3
                }
                _ => 0,
            },
            0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => 3,
            _ => 0,
        };
        if ws_len > 0 {
            in_word = false;
            i += ws_len;
        } else {
            n += usize::from(!in_word);
            in_word = true;
            i += 1;
        }
    }
    n
}

const HI: u64 = 0x8080_8080_8080_8080;

/// Words starting in 8 ASCII bytes (`w`, little-endian; every byte < 0x80), after a
/// word (`in_word`) or not, and whether the last byte is in a word. `hi` is [`HI`].
#[inline(always)]
fn ascii_word_starts(w: u64, in_word: bool, hi: u64) -> (usize, bool) {
    const LO7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // the high bit of each byte set where it is a space (0x20) or a control space
    // (0x09..=0x0D); exact per byte, as no sum carries out of a byte below 0x80
    let x = w ^ (ONES * 0x20);
    let space = !(((x & LO7) + LO7) | x | LO7);
    let control = (w + ONES * (0x80 - 0x09)) & !(w + ONES * (0x80 - 0x0E)) & hi;
    let ws = space | control;
    // a word starts at a non-space byte after a space (or after what came before, when
    // that ended outside a word); one bit per byte, summed into the top byte by the
    // multiply (the baseline x86_64 target has no popcnt instruction)
    let before = (ws << 8) | if in_word { 0 } else { 0x80 };
    let starts = (!ws & before & hi) >> 7;
    ((starts.wrapping_mul(ONES) >> 56) as usize, ws >> 63 == 0)
}

fn union_into(into: &mut Vec<String>, other: Vec<String>) {
    for s in other {
        if !into.contains(&s) {
            into.push(s);
        }
    }
}

/// Merges `other` (the same `post_id` seen on another page) into `into`: the fullest
/// body wins (with its paragraphs), the longer source list wins, `seen_in` and
/// `categories` become ordered unions, and missing url/author/date are filled.
pub fn merge(into: &mut Post, other: Post) {
    let longer = other.words > into.words
        || (other.words == into.words && other.body.len() > into.body.len());
    if longer {
        into.body = other.body;
        into.paragraphs = other.paragraphs;
        into.words = other.words;
    }
    if other.sources.len() > into.sources.len() {
        into.sources = other.sources;
    }
    union_into(&mut into.seen_in, other.seen_in);
    union_into(&mut into.categories, other.categories);
    if into.url.is_none() {
        into.url = other.url;
    }
    if into.author.is_none() {
        into.author = other.author;
    }
    if into.published.is_none() {
        into.published = other.published;
    }
    if into.title.is_empty() {
        into.title = other.title;
    }
}

/// Deduplicates posts by `post_id` in first-seen order, merging copies with [`merge`].
#[derive(Debug, Default)]
pub struct Merger {
    index: HashMap<String, usize>,
    posts: Vec<Post>,
}

impl Merger {
    /// An empty merger.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a post, merging it into an earlier copy with the same `post_id`.
    pub fn add(&mut self, post: Post) {
        match self.index.get(&post.post_id) {
            Some(&i) => {
                if let Some(into) = self.posts.get_mut(i) {
                    merge(into, post);
                }
            }
            None => {
                self.index.insert(post.post_id.clone(), self.posts.len());
                self.posts.push(post);
            }
        }
    }

    /// Number of distinct posts so far.
    pub fn len(&self) -> usize {
        self.posts.len()
    }

    /// True when no post was added.
    pub fn is_empty(&self) -> bool {
        self.posts.is_empty()
    }

    /// The distinct posts, in first-seen order.
    pub fn into_posts(self) -> Vec<Post> {
        self.posts
    }
}

/// Paragraph spans of a body whose paragraphs are separated by blank lines, all in the author's voice.
pub fn paragraphs_of(body: &str) -> Vec<crate::model::Paragraph> {
    let mut out = Vec::new();
    let mut pos = 0;
    for chunk in body.split("\n\n") {
        let start = pos + (chunk.len() - chunk.trim_start().len());
        let end = pos + chunk.trim_end().len();
        if end > start {
            out.push(crate::model::Paragraph {
                start,
                end,
                voice: crate::model::Voice::Author,
            });
        }
        pos += chunk.len() + 2;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_words_matches_split_whitespace() {
        let cases = [
            "",
            "  one  two\tthree\nfour ",
            "a\u{a0}b\u{2009}c\u{3000}d\u{85}e\u{1680}f\u{202f}g\u{205f}h\u{2028}i",
            "Sinŭiju’s “market” — 5,000 ₩ … é",
            "\u{2003}\u{200b}x",
        ];
        for c in cases {
            assert_eq!(count_words(c), c.split_whitespace().count(), "{c:?}");
        }
    }

    #[test]
    fn count_words_matches_split_whitespace_on_random_text() {
        // every ASCII byte class the 8-byte path tells apart, the multi-byte spaces,
        // other multi-byte chars, at every alignment against the 8-byte blocks
        let mut pieces: Vec<String> = (0u8..0x80).map(|b| (b as char).to_string()).collect();
        for w in [
            "ab", "word ", "  ", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}", "\u{200a}",
        ] {
            pieces.push(w.to_string());
        }
        for w in [
            "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{200b}",
        ] {
            pieces.push(w.to_string());
        }
        for w in ["é", "’", "—", "₩", "\u{2080}", "\u{e280}", "\u{c2}"] {
            pieces.push(w.to_string());
        }
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        let mut rng = crate::test_rng::Rng(0x5eed_c0de);
        for round in 0..20_000 {
            let len = rng.below(40);
            let t = if round % 4 == 0 {
                // mostly ASCII letters and spaces: long runs of the fast path
                rng.text(&["a", "b", " ", "  ", "\n", "x\t", "yz"], len)
            } else {
                rng.text(&pieces, len)
            };
            assert_eq!(count_words(&t), t.split_whitespace().count(), "{t:?}");
        }
    }

    #[test]
    fn wrapped_groups() {
        assert!(wrapped(&[
            "The complex employed about 44,000 workers at the end of June, according",
            "to figures the ministry gave lawmakers."
        ]));
        assert!(!wrapped(&[
            "The complex employed about 44,000 workers at the end of June this year.",
            "The ministry gave the figures to lawmakers on Tuesday, officials said."
        ]));
    }

    #[test]
    fn continue_reading_markers() {
        assert_eq!(
            strip_continue("Corn was cheap. Continue reading →"),
            Some("Corn was cheap.")
        );
        assert_eq!(
            strip_continue("Corn was cheap. Continue reading"),
            Some("Corn was cheap.")
        );
        assert_eq!(strip_continue("I urge you to continue reading."), None);
    }
}

//! HTML pages to posts (also the route of WARC records, wp-json and WXR items).
//!
//! The page is parsed by the tolerant [`dom`] parser. WordPress markup comes first:
//! each post container (`article`, `.post`, `.hentry`, `.type-post`, `#post-N`) gives
//! its title (`.entry-title` or the first heading), permalink, date (`time[datetime]`,
//! `.entry-date`/`.published`, or a date line such as Kubrick's `<small>`), author
//! (`.author`, `.byline`, `.vcard`, `rel=author`), categories (`rel="category tag"`
//! links and the archive heading) and content (`.entry-content`, `.entry`, …).
//! Pages without such containers go through a generic route: the visible text with
//! navigation, sidebars, comments and footers removed, cut into posts by the text
//! parser; failing that, one post from the headline (`h1`), the date in meta tags
//! (`article:published_time`, JSON-LD `datePublished`) and the main text.
//!
//! The content is rendered to the text parser's page format (one line per paragraph,
//! paragraphs separated by blank lines, `<br>` as a line break) and handed to the
//! plain-text parser, so citations, teasers and quoted runs are read the same way in
//! both routes and a post reached through HTML gets the same `post_id` and body as
//! through a plain-text rendering. `<blockquote>` paragraphs are `quoted`, the others
//! the author's, wherever a post uses blockquotes.

pub mod dom;
pub mod entities;

use dom::{squash, Dom, NodeId, NodeKind};

use super::{date, lines, ParseOptions};
use crate::model::{Date, Document, Paragraph, Post, Reject, Voice};

/// True when a text looks like HTML markup rather than a plain-text page.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.get(..text.len().min(4096)).unwrap_or(text);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let l = head
        .get(..head.len().min(1024))
        .unwrap_or(head)
        .to_ascii_lowercase();
    if l.starts_with("<!doctype html") || l.starts_with("<html") || l.starts_with("<?xml") {
        return true;
    }
    let lh = head.to_ascii_lowercase();
    [
        "<head", "<body", "<article", "<div", "<p>", "<p ", "<meta ", "<title>",
    ]
    .iter()
    .filter(|t| lh.contains(*t))
    .count()
        >= 2
        || (l.starts_with('<') && (lh.contains("</p>") || lh.contains("</div>")))
}

/// True when a document goes the HTML route: format `html`, `wp-json` or `wxr`, or a
/// `warc` or `jsonl` record (or any other format) whose text is HTML markup. `text`
/// and `wet` pages stay plain text.
pub fn handles(doc: &Document) -> bool {
    match doc.format.as_str() {
        "html" | "wp-json" | "wxr" => looks_like_html(&doc.text) || doc.text.contains('<'),
        "text" | "wet" => false,
        _ => looks_like_html(&doc.text),
    }
}

/// Page-level facts from the `<head>`.
#[derive(Debug, Default, Clone)]
struct PageMeta {
    canonical: Option<String>,
    og_url: Option<String>,
    og_title: Option<String>,
    title: Option<String>,
    published: Option<Date>,
}

/// The URL a page gives for itself: `<link rel="canonical">`, else `og:url`.
pub fn page_url(html: &str) -> Option<String> {
    // only the head matters; parse a bounded prefix
    let end = html
        .get(..html.len().min(256 << 10))
        .and_then(|h| {
            let l = h.to_ascii_lowercase();
            l.find("</head").or_else(|| l.find("<body"))
        })
        .unwrap_or(html.len().min(256 << 10));
    let mut cut = end;
    while !html.is_char_boundary(cut) {
        cut -= 1;
    }
    let d = Dom::parse(&html[..cut]);
    let m = page_meta(&d);
    m.canonical.or(m.og_url)
}

fn meta_content(d: &Dom, n: NodeId) -> Option<(&str, &str)> {
    let key = d
        .attr(n, "property")
        .or_else(|| d.attr(n, "name"))
        .or_else(|| d.attr(n, "itemprop"))?;
    let v = d.attr(n, "content")?.trim();
    (!v.is_empty()).then_some((key, v))
}

fn page_meta(d: &Dom) -> PageMeta {
    let mut m = PageMeta::default();
    for n in d.find_all(0, |d, n| matches!(d.name(n), "link" | "meta" | "title")) {
        match d.name(n) {
            "link" => {
                let rel = d.attr(n, "rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && m.canonical.is_none() {
                    m.canonical = d.attr(n, "href").map(|h| h.trim().to_string());
                }
            }
            "title" => {
                if m.title.is_none() {
                    m.title = Some(d.text_squashed(n)).filter(|t| !t.is_empty());
                }
            }
            _ => {
                let Some((k, v)) = meta_content(d, n) else {
                    continue;
                };
                match k.to_ascii_lowercase().as_str() {
                    "og:url" => m.og_url = m.og_url.take().or(Some(v.to_string())),
                    "og:title" => m.og_title = m.og_title.take().or(Some(v.to_string())),
                    "article:published_time"
                    | "og:article:published_time"
                    | "datepublished"
                    | "date"
                    | "pubdate"
                    | "publish-date"
                    | "publish_date"
                    | "dc.date.issued"
                    | "dc.date"
                    | "dcterms.date"
                    | "sailthru.date"
                    | "parsely-pub-date"
                    | "article.published"
                        if m.published.is_none() =>
                    {
                        m.published = iso_or_text_date(v);
                    }
                    _ => {}
                }
            }
        }
    }
    if m.published.is_none() {
        // JSON-LD: "datePublished": "2013-04-12T09:00:00+09:00"
        for s in d.find_all(0, |d, n| {
            d.name(n) == "script"
                && d.attr(n, "type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
        }) {
            let t = d.text(s);
            if let Some(at) = t.find("\"datePublished\"") {
                let rest = &t[at + 15..];
                let v = rest
                    .trim_start_matches([' ', ':', '\t', '\n'])
                    .trim_start_matches('"');
                let v = v.split('"').next().unwrap_or("");
                if let Some(dt) = iso_or_text_date(v) {
                    m.published = Some(dt);
                    break;
                }
            }
        }
    }
    m
}

/// `2013-04-12`, `2013-04-12T09:00:00+09:00`, `2013-04-12 09:00:00`, or a date
/// the text parser reads ("April 12, 2013").
pub fn iso_or_text_date(v: &str) -> Option<Date> {
    let v = v.trim();
    if let Some(p) = v.get(..10) {
        if let Ok(d) = Date::parse_from_str(p, "%Y-%m-%d") {
            return Some(d);
        }
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(v) {
        return Some(d.date_naive());
    }
    date::parse_date(v).or_else(|| date::date_line(v).map(|d| d.date))
}

/// True for class/id tokens of page furniture (menus, sidebars, comments, sharing…).
fn furniture_token(tok: &str) -> bool {
    const WORDS: &[&str] = &[
        "sidebar",
        "widget",
        "widgets",
        "comments",
        "comment",
        "commentlist",
        "respond",
        "share",
        "sharing",
        "sharedaddy",
        "social",
        "related",
        "relatedposts",
        "breadcrumb",
        "breadcrumbs",
        "menu",
        "nav",
        "navbar",
        "navigation",
        "advert",
        "advertisement",
        "ads",
        "ad",
        "cookie",
        "newsletter",
        "subscribe",
        "popup",
        "modal",
        "footer",
        "skip",
        "screen-reader-text",
        "postmetadata",
        "pagination",
        "pager",
        "print",
        "masthead",
        "banner",
        "yarpp",
    ];
    let t: std::borrow::Cow<str> = if tok.bytes().any(|b| b.is_ascii_uppercase()) {
        tok.to_ascii_lowercase().into()
    } else {
        tok.into()
    };
    let t = t.as_ref();
    for p in [
        "category-",
        "tag-",
        "status-",
        "format-",
        "type-",
        "has-",
        "no-",
        "with-",
        "is-",
    ] {
        if t.starts_with(p) {
            return false;
        }
    }
    WORDS.iter().any(|w| {
        t == *w
            || t.strip_prefix(w).is_some_and(|r| r.starts_with(['-', '_']))
            || t.strip_suffix(w)
                .is_some_and(|r| r.ends_with(['-', '_']) && !r.is_empty())
    })
}

/// Elements never rendered as post text.
fn is_furniture(d: &Dom, n: NodeId) -> bool {
    let name = d.name(n);
    if matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "aside"
            | "form"
            | "iframe"
            | "svg"
            | "button"
            | "select"
            | "head"
            | "object"
            | "embed"
            | "canvas"
            | "map"
            | "audio"
            | "video"
    ) {
        return true;
    }
    if matches!(name, "html" | "body" | "main") {
        return false;
    }
    if d.attr(n, "hidden").is_some() || d.attr(n, "aria-hidden") == Some("true") {
        return true;
    }
    if d.attr(n, "style").is_some_and(|st| {
        let st = st.to_ascii_lowercase().replace(' ', "");
        st.contains("display:none") || st.contains("visibility:hidden")
    }) {
        return true;
    }
    if matches!(
        d.attr(n, "role"),
        Some("navigation" | "complementary" | "banner" | "contentinfo")
    ) {
        return true;
    }
    let class = d.attr(n, "class").unwrap_or("");
    let id = d.attr(n, "id").unwrap_or("");
    class.split_ascii_whitespace().any(furniture_token) || (!id.is_empty() && furniture_token(id))
}

/// `n` and its ancestors, up to the root (the node that is its own parent).
fn ancestors(d: &Dom, n: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    let mut next = Some(n);
    std::iter::from_fn(move || {
        let k = next?;
        let p = d.nodes[k].parent;
        next = (p != k).then_some(p);
        Some(k)
    })
}

fn in_furniture(d: &Dom, n: NodeId) -> bool {
    ancestors(d, n).any(|k| {
        if d.name(k) == "footer" || d.name(k) == "header" {
            // a site header/footer, unless it sits inside a post container
            !has_container_ancestor(d, k)
        } else {
            is_furniture(d, k)
        }
    })
}

fn has_container_ancestor(d: &Dom, n: NodeId) -> bool {
    ancestors(d, d.nodes[n].parent).any(|k| is_container_candidate(d, k))
}

fn is_container_candidate(d: &Dom, n: NodeId) -> bool {
    if matches!(d.name(n), "" | "body" | "html" | "head" | "main") {
        return false;
    }
    d.name(n) == "article"
        || ["post", "hentry", "type-post", "h-entry", "blog-post"]
            .iter()
            .any(|c| d.has_class(n, c))
        || d.attr(n, "id").is_some_and(|i| {
            i.strip_prefix("post-")
                .is_some_and(|r| r.bytes().next().is_some_and(|b| b.is_ascii_digit()))
        })
}

/// Most post containers read from one page.
const MAX_CONTAINERS: usize = 400;

const TITLE_CLASSES: &[&str] = &[
    "entry-title",
    "post-title",
    "posttitle",
    "storytitle",
    "article-title",
    "headline",
    "p-name",
];

const CONTENT_CLASSES: &[&str] = &[
    "entry-content",
    "post-content",
    "entry",
    "post-body",
    "entry-body",
    "article-content",
    "article-body",
    "storycontent",
    "post-entry",
    "the-content",
    "e-content",
    "entry-summary",
];

const DATE_CLASSES: &[&str] = &[
    "published",
    "entry-date",
    "post-date",
    "posted-on",
    "postdate",
    "date",
    "meta-date",
    "dt-published",
    "time",
];

const AUTHOR_CLASSES: &[&str] = &[
    "author",
    "byline",
    "vcard",
    "entry-author",
    "post-author",
    "p-author",
    "author-name",
];

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4")
}

/// One post container and what it says about itself.
#[derive(Debug, Default)]
struct Found {
    title: String,
    title_el: Option<NodeId>,
    url: Option<String>,
    date: Option<Date>,
    date_els: Vec<NodeId>,
    author: Option<String>,
    author_els: Vec<NodeId>,
    categories: Vec<String>,
    content: Option<NodeId>,
    root: NodeId,
}

/// A paragraph-like block of rendered text.
#[derive(Debug, Clone, Default)]
struct Block {
    lines: Vec<String>,
    quoted: bool,
}

/// Renders the text of `root` into blocks, skipping `skip` subtrees and furniture.
struct Renderer<'a> {
    d: &'a Dom,
    skip: &'a [NodeId],
    blocks: Vec<Block>,
    lines: Vec<String>,
    cur: String,
    quote: usize,
    cur_quoted: bool,
    pre: usize,
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "caption",
    "pre",
    "hr",
    "figure",
    "figcaption",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "address",
    "center",
    "fieldset",
    "details",
    "summary",
    "body",
    "html",
    "aside",
    "nav",
    "form",
];

impl<'a> Renderer<'a> {
    fn new(d: &'a Dom, skip: &'a [NodeId]) -> Self {
        Renderer {
            d,
            skip,
            blocks: Vec::new(),
            lines: Vec::new(),
            cur: String::new(),
            quote: 0,
            cur_quoted: false,
            pre: 0,
        }
    }

    fn push_text(&mut self, t: &str) {
        if self.pre > 0 {
            for (i, part) in t.split('\n').enumerate() {
                if i > 0 {
                    self.line_break();
                }
                self.cur.push_str(part);
            }
            return;
        }
        if self.cur.is_empty() && self.lines.is_empty() {
            self.cur_quoted = self.quote > 0;
        }
        let starts_ws = t.starts_with(|c: char| c.is_whitespace());
        let ends_ws = t.ends_with(|c: char| c.is_whitespace());
        let words: Vec<&str> = t.split_whitespace().collect();
        if words.is_empty() {
            if !t.is_empty() && !self.cur.is_empty() && !self.cur.ends_with(' ') {
                self.cur.push(' ');
            }
            return;
        }
        if starts_ws && !self.cur.is_empty() && !self.cur.ends_with(' ') {
            self.cur.push(' ');
        }
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                self.cur.push(' ');
            }
            self.cur.push_str(w);
        }
        if ends_ws {
            self.cur.push(' ');
        }
    }

    fn line_break(&mut self) {
        let l = squash(&self.cur);
        self.cur.clear();
        if !l.is_empty() {
            if self.lines.is_empty() {
                self.cur_quoted = self.quote > 0;
            }
            self.lines.push(l);
        }
    }

    fn flush(&mut self) {
        let quoted = self.cur_quoted;
        self.line_break();
        if !self.lines.is_empty() {
            self.blocks.push(Block {
                lines: std::mem::take(&mut self.lines),
                quoted: quoted || self.quote > 0,
            });
        }
        self.cur_quoted = self.quote > 0;
    }

    fn walk(&mut self, n: NodeId) {
        // iterative walk with explicit exit markers (deep trees)
        enum Step {
            Enter(NodeId),
            Exit(NodeId),
        }
        let mut stack = vec![Step::Enter(n)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Enter(id) => {
                    if self.skip.contains(&id) {
                        continue;
                    }
                    let d = self.d;
                    match &d.nodes[id].kind {
                        NodeKind::Text(t) => self.push_text(t),
                        NodeKind::Root => {
                            for &c in self.d.children(id).iter().rev() {
                                stack.push(Step::Enter(c));
                            }
                        }
                        NodeKind::Element { name, .. } => {
                            if id != n && is_furniture(self.d, id) {
                                continue;
                            }
                            if (name == "header" || name == "footer")
                                && id != n
                                && !has_container_ancestor(self.d, id)
                            {
                                continue;
                            }
                            if self.d.has_class(id, "screen-reader-text") {
                                continue;
                            }
                            match name.as_str() {
                                "br" => {
                                    // two line breaks in a row end the paragraph
                                    if self.cur.trim().is_empty() && !self.lines.is_empty() {
                                        self.flush();
                                    } else {
                                        self.line_break();
                                    }
                                    continue;
                                }
                                "img" | "input" | "wbr" => continue,
                                "td" | "th" if !self.cur.trim().is_empty() => {
                                    self.cur.push('\t');
                                }
                                _ => {}
                            }
                            let block = BLOCK_TAGS.contains(&name.as_str());
                            if block {
                                self.flush();
                            }
                            if name == "blockquote" {
                                self.quote += 1;
                            }
                            if name == "pre" {
                                self.pre += 1;
                            }
                            stack.push(Step::Exit(id));
                            for &c in self.d.children(id).iter().rev() {
                                stack.push(Step::Enter(c));
                            }
                        }
                    }
                }
                Step::Exit(id) => {
                    let name = self.d.name(id);
                    let block = BLOCK_TAGS.contains(&name);
                    if block {
                        self.flush();
                    }
                    if name == "blockquote" {
                        self.quote = self.quote.saturating_sub(1);
                        self.cur_quoted = self.quote > 0;
                    }
                    if name == "pre" {
                        self.pre = self.pre.saturating_sub(1);
                    }
                }
            }
        }
        self.flush();
    }
}

fn render(d: &Dom, root: NodeId, skip: &[NodeId]) -> Vec<Block> {
    let mut r = Renderer::new(d, skip);
    r.walk(root);
    r.blocks
}

/// A name from an author element's text ("By Jane Roe", "Posted by Jane Roe").
fn clean_author(t: &str) -> Option<String> {
    let t = squash(t);
    if t.is_empty() {
        return None;
    }
    let name = lines::byline(&t).map(str::to_string).unwrap_or_else(|| {
        t.trim_start_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
            .to_string()
    });
    let name = name.trim().trim_end_matches([',', '|', '.', '·']).trim();
    let words = name.split_whitespace().count();
    if words == 0 || words > 8 || name.len() > 80 {
        return None;
    }
    if !name.chars().next().is_some_and(|c| c.is_uppercase()) {
        return None;
    }
    Some(name.to_string())
}

/// The date an element shows (as the plain-text route would read it), else the
/// date in its `datetime`, `content` or `title` attribute.
fn element_date(d: &Dom, n: NodeId) -> Option<Date> {
    let t = d.text_squashed(n);
    if t.len() <= 120 {
        if let Some(dt) = date::date_line(&t)
            .map(|x| x.date)
            .or_else(|| date::parse_date(&t))
        {
            return Some(dt);
        }
    }
    for a in ["datetime", "content", "title"] {
        if let Some(v) = d.attr(n, a) {
            if let Some(dt) = iso_or_text_date(v) {
                return Some(dt);
            }
        }
    }
    None
}

/// Reads one post container.
fn read_container(d: &Dom, c: NodeId, containers: &[NodeId]) -> Option<Found> {
    // not inside a nested container
    let not_nested = |n: NodeId| {
        !containers
            .iter()
            .any(|&o| o != c && d.within(o, c) && d.within(n, o))
    };
    let inner = |n: NodeId| not_nested(n) && !in_furniture_below(d, n, c);
    let title_cls = d
        .find_all(c, |d, n| TITLE_CLASSES.iter().any(|k| d.has_class(n, k)))
        .into_iter()
        .find(|&n| inner(n));
    // the content: it never holds the title
    let content = d
        .find_all(c, |d, n| {
            CONTENT_CLASSES.iter().any(|k| d.has_class(n, k))
                || d.attr(n, "itemprop") == Some("articleBody")
        })
        .into_iter()
        .find(|&n| n != c && inner(n) && title_cls.map_or(true, |t| !d.within(t, n)));
    // else the first heading outside the content (subheadings are not titles)
    let title_el = title_cls.or_else(|| {
        d.find_all(c, |d, n| is_heading(d.name(n)))
            .into_iter()
            .find(|&n| inner(n) && content.map_or(true, |ct| !d.within(n, ct)))
    })?;
    let title = squash(&d.text(title_el));
    if title.is_empty() || title.len() > 400 {
        return None;
    }
    let mut f = Found {
        title,
        title_el: Some(title_el),
        root: c,
        ..Found::default()
    };
    // permalink
    let link = d
        .find(title_el, |d, n| {
            d.name(n) == "a" && d.attr(n, "href").is_some()
        })
        .or_else(|| {
            let p = d.nodes[title_el].parent;
            (d.name(p) == "a").then_some(p)
        })
        .or_else(|| {
            d.find(c, |d, n| {
                d.name(n) == "a"
                    && d.attr(n, "rel")
                        .is_some_and(|r| r.split_whitespace().any(|x| x == "bookmark"))
            })
        });
    f.url = link
        .and_then(|a| d.attr(a, "href"))
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty() && !h.starts_with('#'));
    f.content = content;
    let outside_content = |n: NodeId| {
        inner(n) && f.content.map_or(true, |ct| !d.within(n, ct)) && !d.within(n, title_el)
    };
    // date
    let mut date_els = Vec::new();
    for n in d.find_all(c, |d, n| d.name(n) == "time" || d.name(n) == "abbr") {
        if outside_content(n) {
            if let Some(dt) = element_date(d, n) {
                f.date = Some(dt);
                date_els.push(n);
                break;
            }
        }
    }
    if f.date.is_none() {
        for n in d.find_all(c, |d, n| DATE_CLASSES.iter().any(|k| d.has_class(n, k))) {
            if outside_content(n) {
                if let Some(dt) = element_date(d, n) {
                    f.date = Some(dt);
                    date_els.push(n);
                    break;
                }
            }
        }
    }
    if f.date.is_none() {
        // a short element that is a whole date line (Kubrick's <small>)
        for n in d.find_all(c, |d, n| {
            matches!(
                d.name(n),
                "small" | "span" | "div" | "p" | "em" | "strong" | "h3" | "h4" | "h5" | "h6"
            )
        }) {
            if !outside_content(n) || n == c {
                continue;
            }
            let t = d.text_squashed(n);
            if t.is_empty() || t.len() > 100 {
                continue;
            }
            if let Some(dl) = date::date_line(&t) {
                f.date = Some(dl.date);
                if f.author.is_none() {
                    f.author = dl.author.clone();
                }
                date_els.push(n);
                break;
            }
        }
    }
    if f.date.is_none() {
        // a date heading just before the container (themes that print the day once)
        let parent = d.nodes[c].parent;
        let sibs = d.children(parent);
        if let Some(pos) = sibs.iter().position(|&x| x == c) {
            for &prev in sibs[..pos]
                .iter()
                .rev()
                .filter(|&&x| !d.name(x).is_empty())
                .take(2)
            {
                if is_container_candidate(d, prev) {
                    break;
                }
                let t = d.text_squashed(prev);
                if t.len() <= 100 {
                    if let Some(dl) = date::date_line(&t) {
                        f.date = Some(dl.date);
                        break;
                    }
                }
            }
        }
    }
    // author
    let mut author_els = Vec::new();
    for n in d.find_all(c, |d, n| {
        AUTHOR_CLASSES.iter().any(|k| d.has_class(n, k))
            || d.attr(n, "rel")
                .is_some_and(|r| r.split_whitespace().any(|x| x == "author"))
            || d.attr(n, "itemprop") == Some("author")
    }) {
        if !outside_content(n) || n == c {
            continue;
        }
        let name_el = d
            .find(n, |d, k| {
                d.has_class(k, "fn") || d.attr(k, "itemprop") == Some("name")
            })
            .unwrap_or(n);
        if let Some(a) = clean_author(&d.text(name_el)) {
            if f.author.is_none() {
                f.author = Some(a);
            }
            author_els.push(n);
            break;
        }
    }
    // categories: rel="category tag" links
    for n in d.find_all(c, |d, n| {
        d.name(n) == "a"
            && d.attr(n, "rel")
                .is_some_and(|r| r.split_whitespace().any(|x| x == "category" || x == "tag"))
    }) {
        if !not_nested(n) {
            continue;
        }
        let t = d.text_squashed(n);
        if !t.is_empty() && !f.categories.contains(&t) {
            f.categories.push(t);
        }
    }
    f.date_els = date_els;
    f.author_els = author_els;
    Some(f)
}

fn in_furniture_below(d: &Dom, n: NodeId, top: NodeId) -> bool {
    ancestors(d, n)
        .take_while(|&k| k != top)
        .any(|k| is_furniture(d, k))
}

/// Post containers of a page: innermost candidates that hold a title.
fn containers(d: &Dom) -> Vec<Found> {
    let mut cands: Vec<NodeId> = d
        .find_all(0, is_container_candidate)
        .into_iter()
        .filter(|&n| !in_furniture(d, n) || d.name(n) == "article" && !in_furniture_strict(d, n))
        .collect();
    // a bound against pathological pages (the nesting checks are quadratic)
    cands.truncate(MAX_CONTAINERS);
    let mut found: Vec<Found> = Vec::new();
    // innermost first: a candidate holding another candidate with a title is dropped
    let mut with_title: Vec<NodeId> = Vec::new();
    for &c in cands.iter().rev() {
        if with_title.iter().any(|&o| d.within(o, c)) {
            continue;
        }
        if let Some(f) = read_container(d, c, &cands) {
            let has_body = f.content.is_some() || f.date.is_some() || {
                let t = d.text(c);
                t.split_whitespace().count() >= 40
            };
            if has_body {
                with_title.push(c);
                found.push(f);
            }
        }
    }
    found.reverse();
    found
}

/// Furniture ancestors other than header/footer (for `article` elements).
fn in_furniture_strict(d: &Dom, n: NodeId) -> bool {
    ancestors(d, n).any(|k| d.name(k) != "header" && d.name(k) != "footer" && is_furniture(d, k))
}

/// Archive headings of the page (outside post containers): category names, and
/// whether there was any archive heading at all.
fn page_headings(d: &Dom, found: &[Found]) -> Vec<String> {
    let mut out = Vec::new();
    for n in d.find_all(0, |d, n| {
        is_heading(d.name(n))
            || [
                "page-title",
                "archive-title",
                "pagetitle",
                "page-header",
                "taxonomy-title",
            ]
            .iter()
            .any(|k| d.has_class(n, k))
    }) {
        if found.iter().any(|f| d.within(n, f.root)) || in_furniture(d, n) {
            continue;
        }
        let t = d.text_squashed(n);
        if t.is_empty() || t.len() > 160 {
            continue;
        }
        if lines::archive_heading(&t).is_some() {
            out.push(t);
        } else if let Some(stripped) = t
            .strip_suffix(" Archives")
            .filter(|_| d.has_class(n, "page-title") || d.has_class(n, "archive-title"))
        {
            out.push(format!("Category: {stripped}"));
        }
    }
    out.dedup();
    out
}

const PLACEHOLDER: &str = "Untitled";
const DUMMY: &str = "January 1, 1970";

fn date_text(d: Date) -> String {
    d.format("%B %-d, %Y").to_string()
}

/// Renders one post's segment in the text parser's page format.
fn segment(
    headings: &[String],
    date: Option<Date>,
    author: Option<&str>,
    blocks: &[Block],
) -> String {
    let mut s = String::new();
    for h in headings {
        s.push_str(h);
        s.push_str("\n\n");
    }
    s.push_str(PLACEHOLDER);
    s.push_str("\n\n");
    s.push_str(&date.map_or_else(|| DUMMY.to_string(), date_text));
    s.push_str("\n\n");
    if let Some(a) = author {
        s.push_str("By: ");
        s.push_str(a);
        s.push_str("\n\n");
    }
    for b in blocks {
        s.push_str(&b.lines.join("\n"));
        s.push_str("\n\n");
    }
    s.push_str("Share\n");
    s
}

/// Takes leading date and byline blocks out of the content (when the container had
/// none in its markup).
fn take_header_blocks(
    blocks: &mut Vec<Block>,
    date: &mut Option<Date>,
    author: &mut Option<String>,
    byline_wins: bool,
) {
    let mut took_byline = false;
    let mut i = 0;
    let mut looked = 0;
    while i < blocks.len() && looked < 3 {
        looked += 1;
        let b = &blocks[i];
        if b.lines.len() != 1 {
            i += 1;
            continue;
        }
        let t = &b.lines[0];
        if date.is_none() {
            if let Some(dl) = date::date_line(t) {
                *date = Some(dl.date);
                if author.is_none() {
                    *author = dl.author;
                }
                blocks.remove(i);
                continue;
            }
        }
        if (author.is_none() || byline_wins) && !took_byline {
            if let Some(name) = lines::byline(t) {
                *author = Some(name.to_string());
                took_byline = true;
                blocks.remove(i);
                continue;
            }
        }
        if lines::prose(t) {
            break;
        }
        i += 1;
    }
}

/// Builds a post from rendered blocks by running the text parser on them.
#[allow(clippy::too_many_arguments)]
fn post_from_blocks(
    doc: &Document,
    opts: &ParseOptions,
    title: &str,
    mut date: Option<Date>,
    mut author: Option<String>,
    mut blocks: Vec<Block>,
    headings: &[String],
    categories: &[String],
    url: Option<String>,
) -> Option<Post> {
    // in an export the account that posted is metadata; a "By X" line opening the
    // content is what readers of the page see, and wins
    let byline_wins = matches!(doc.format.as_str(), "wp-json" | "wxr");
    take_header_blocks(&mut blocks, &mut date, &mut author, byline_wins);
    let text = segment(headings, date, author.as_deref(), &blocks);
    let sub = Document {
        source: doc.source.clone(),
        url: None,
        format: "text".into(),
        text,
    };
    let (posts, _) = super::parse_text(&sub, opts);
    let mut it = posts.into_iter();
    let mut post = it.next()?;
    if post.title != PLACEHOLDER {
        return None;
    }
    // a body the text parser cut in two (a title-like line over a date line inside
    // the content) is glued back together
    for extra in it {
        let mut add = String::new();
        if !extra.title.is_empty() {
            add.push_str(&extra.title);
        }
        let shift_base = post.body.len() + if post.body.is_empty() { 0 } else { 2 };
        if !add.is_empty() {
            if !post.body.is_empty() {
                post.body.push_str("\n\n");
            }
            let start = post.body.len();
            post.body.push_str(&add);
            post.paragraphs.push(Paragraph {
                start,
                end: post.body.len(),
                voice: Voice::Author,
            });
        }
        let _ = shift_base;
        if !extra.body.is_empty() {
            if !post.body.is_empty() {
                post.body.push_str("\n\n");
            }
            let shift = post.body.len();
            post.body.push_str(&extra.body);
            post.paragraphs
                .extend(extra.paragraphs.iter().map(|p| Paragraph {
                    start: p.start + shift,
                    end: p.end + shift,
                    voice: p.voice,
                }));
        }
        post.sources.extend(extra.sources);
    }
    post.title = title.to_string();
    post.published = date;
    if author.is_some() {
        post.author = author;
    }
    if post.published.is_none() {
        post.published = url.as_deref().and_then(date::url_date);
    }
    post.post_id = crate::ids::post_id(&post.title, post.published);
    post.url = url;
    for c in categories {
        if !post.categories.contains(c) {
            post.categories.push(c.clone());
        }
    }
    post.words = i32::try_from(post.body.split_whitespace().count()).unwrap_or(i32::MAX);
    post.seen_in = vec![doc.source.clone()];
    set_voices(&mut post, &blocks);
    Some(post)
}

/// Blockquotes mark quoted voice: in a post that has any, a paragraph is `quoted`
/// exactly when its text comes from a blockquote (citations stay citations).
fn set_voices(post: &mut Post, blocks: &[Block]) {
    if !blocks.iter().any(|b| b.quoted) {
        return;
    }
    let quoted: Vec<String> = blocks
        .iter()
        .filter(|b| b.quoted)
        .map(|b| squash(&b.lines.join(" ")))
        .collect();
    let plain: Vec<String> = blocks
        .iter()
        .filter(|b| !b.quoted)
        .map(|b| squash(&b.lines.join(" ")))
        .collect();
    let quoted_set: std::collections::HashSet<&str> = quoted.iter().map(String::as_str).collect();
    let plain_set: std::collections::HashSet<&str> = plain.iter().map(String::as_str).collect();
    for p in &mut post.paragraphs {
        if p.voice == Voice::Citation {
            continue;
        }
        let Some(t) = post.body.get(p.start..p.end) else {
            continue;
        };
        let t = squash(t);
        if t.is_empty() {
            continue;
        }
        // most paragraphs are whole blocks; a block the text parser split is searched
        let (mut in_quote, mut in_plain) = (
            quoted_set.contains(t.as_str()),
            plain_set.contains(t.as_str()),
        );
        if !in_quote && !in_plain {
            in_quote = quoted.iter().any(|q| q.contains(&t));
            in_plain = plain.iter().any(|q| q.contains(&t));
        }
        if in_quote && !in_plain {
            p.voice = Voice::Quoted;
        } else if in_plain && !in_quote {
            p.voice = Voice::Author;
        }
    }
}

fn resolve_url(base: Option<&str>, href: &str) -> String {
    if href.starts_with("http://") || href.starts_with("https://") {
        return href.to_string();
    }
    let Some(base) = base else {
        return href.to_string();
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    if let Some(rest) = href.strip_prefix("//") {
        let scheme = base.get(..scheme_end).unwrap_or("https://");
        return format!("{scheme}{rest}");
    }
    if href.starts_with('/') {
        return format!("{}{}", &base[..host_end], href);
    }
    let dir_end = base
        .rfind('/')
        .filter(|&i| i >= host_end)
        .map_or(base.len(), |i| i + 1);
    let mut dir = base[..dir_end].to_string();
    if !dir.ends_with('/') {
        dir.push('/');
    }
    format!("{dir}{href}")
}

/// Parses an HTML document (or a WARC record holding one) into posts.
pub fn parse_html(doc: &Document, opts: &ParseOptions) -> (Vec<Post>, Vec<Reject>) {
    let d = Dom::parse(&doc.text);
    let meta = page_meta(&d);
    let page_url = doc
        .url
        .clone()
        .or_else(|| meta.canonical.clone())
        .or_else(|| meta.og_url.clone());
    let found = containers(&d);
    let headings = page_headings(&d, &found);
    let heading_cats: Vec<String> = headings
        .iter()
        .filter_map(|h| lines::archive_heading(h).flatten())
        .collect();
    let mut posts = Vec::new();
    if !found.is_empty() {
        let single = found.len() == 1;
        for f in &found {
            let mut skip: Vec<NodeId> = f.title_el.into_iter().collect();
            skip.extend(&f.date_els);
            skip.extend(&f.author_els);
            let root = f.content.unwrap_or(f.root);
            let blocks = render(&d, root, &skip);
            let url = f
                .url
                .as_deref()
                .map(|h| resolve_url(page_url.as_deref(), h))
                .or_else(|| if single { page_url.clone() } else { None });
            let mut date = f.date;
            if date.is_none() && single {
                date = meta.published;
            }
            let mut cats = heading_cats.clone();
            for c in &f.categories {
                if !cats.contains(c) {
                    cats.push(c.clone());
                }
            }
            if let Some(p) = post_from_blocks(
                doc,
                opts,
                &f.title,
                date,
                f.author.clone(),
                blocks,
                &[],
                &cats,
                url,
            ) {
                posts.push(p);
            }
        }
    } else {
        posts = generic(doc, opts, &d, &meta, page_url.as_deref());
    }
    let mut rejects = Vec::new();
    if posts.is_empty() {
        rejects.push(Reject::new(
            doc.source.clone(),
            "parse_posts",
            "no_post",
            Some(
                "no post found in the HTML page (no post container, headline or main text)".into(),
            ),
        ));
    }
    (posts, rejects)
}

/// Parses a WET record. Crawlers' text extraction writes one block a line with no
/// blank lines between blocks; such text gets a blank line after every line (the
/// shape of a browser's rendering) before the text parser reads it. Text that has
/// blank lines is read as it is.
pub fn parse_wet(doc: &Document, opts: &ParseOptions) -> (Vec<Post>, Vec<Reject>) {
    let t = doc.text.trim();
    if t.contains("\n\n") || !t.contains('\n') {
        return super::parse_text(doc, opts);
    }
    let mut text = String::with_capacity(t.len() + t.len() / 20);
    let all: Vec<&str> = t.lines().map(str::trim_end).collect();
    for (i, l) in all.iter().enumerate() {
        text.push_str(l);
        // an organisation or author line keeps the release date under it
        let next_is_date = all
            .get(i + 1)
            .is_some_and(|n| date::date_line(n.trim()).is_some());
        if next_is_date && lines::bare_name(l) {
            text.push('\n');
        } else {
            text.push_str("\n\n");
        }
    }
    let spread = Document {
        source: doc.source.clone(),
        url: doc.url.clone(),
        format: doc.format.clone(),
        text,
    };
    super::parse_text(&spread, opts)
}

/// The element holding the main text of a page without post containers.
fn main_root(d: &Dom) -> NodeId {
    if let Some(m) = d.find(0, |d, n| {
        d.name(n) == "main"
            || d.attr(n, "role") == Some("main")
            || d.attr(n, "itemprop") == Some("articleBody")
    }) {
        return m;
    }
    // the element whose direct paragraphs hold the most text
    let mut best = (0usize, None);
    for n in d.find_all(0, |d, n| {
        matches!(d.name(n), "div" | "section" | "td" | "article")
    }) {
        if in_furniture(d, n) {
            continue;
        }
        let score: usize = d
            .children(n)
            .iter()
            .filter(|&&c| matches!(d.name(c), "p" | "blockquote" | "br" | ""))
            .map(|&c| d.text(c).split_whitespace().count())
            .sum();
        if score > best.0 {
            best = (score, Some(n));
        }
    }
    if let (score, Some(n)) = best {
        if score >= 30 {
            // take the parent when it holds the headline too
            let p = d.nodes[n].parent;
            if d.find(p, |d, k| d.name(k) == "h1").is_some() && !in_furniture(d, p) {
                return p;
            }
            return n;
        }
    }
    d.find(0, |d, n| d.name(n) == "body").unwrap_or(0)
}

/// Pages without post containers: the visible text cut by the text parser, else one
/// post from headline, meta date and main text.
fn generic(
    doc: &Document,
    opts: &ParseOptions,
    d: &Dom,
    meta: &PageMeta,
    page_url: Option<&str>,
) -> Vec<Post> {
    let root = main_root(d);
    let blocks = render(d, root, &[]);
    let mut text = String::new();
    for b in &blocks {
        text.push_str(&b.lines.join("\n"));
        text.push_str("\n\n");
    }
    let sub = Document {
        source: doc.source.clone(),
        url: page_url.map(str::to_string),
        format: "text".into(),
        text,
    };
    let (mut posts, _) = super::parse_text(&sub, opts);
    if !posts.is_empty() {
        if posts.len() == 1 {
            if let Some(p) = posts.first_mut() {
                if p.published.is_none() && meta.published.is_some() {
                    p.published = meta.published;
                    p.post_id = crate::ids::post_id(&p.title, p.published);
                }
                set_voices(p, &blocks);
            }
        }
        return posts;
    }
    // one post: the headline, the meta date, the main text
    let h1 = d
        .find_all(0, |d, n| d.name(n) == "h1")
        .into_iter()
        .find(|&n| !in_furniture(d, n));
    let title = h1
        .map(|n| d.text_squashed(n))
        .filter(|t| !t.is_empty())
        .or_else(|| meta.og_title.clone())
        .or_else(|| {
            meta.title
                .as_ref()
                .map(|t| t.split(" | ").next().unwrap_or(t).trim().to_string())
        });
    let Some(title) = title else {
        return Vec::new();
    };
    let skip: Vec<NodeId> = h1.into_iter().collect();
    let blocks = render(d, root, &skip);
    let words: usize = blocks
        .iter()
        .flat_map(|b| b.lines.iter())
        .map(|l| l.split_whitespace().count())
        .sum();
    if words < 20
        || !blocks
            .iter()
            .any(|b| b.lines.iter().any(|l| lines::prose(l)))
    {
        return Vec::new();
    }
    let author = d
        .find_all(0, |d, n| {
            ["byline", "author"].iter().any(|k| d.has_class(n, k))
                || d.attr(n, "rel") == Some("author")
        })
        .into_iter()
        .filter(|&n| !in_furniture(d, n))
        .find_map(|n| clean_author(&d.text(n)));
    post_from_blocks(
        doc,
        opts,
        &title,
        meta.published,
        author,
        blocks,
        &[],
        &[],
        page_url.map(str::to_string),
    )
    .into_iter()
    .collect()
}

#[cfg(test)]
mod tests;

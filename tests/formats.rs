//! Every input format gives the posts, figures and trade rows of the plain-text route.
//!
//! A converter builds, from the pages of `../shared/corpus/dev` (read at run time), a
//! WordPress-like HTML page per page, a `.warc.gz` of those pages (gzip per record,
//! with warcinfo and request records around the responses), a WET file of the page
//! texts, a wp-json dump and a WXR export of the posts; each is read back with
//! `format="auto"` and compared with the plain-text route.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use nkecon::analyze::{analyze, AnalyzeOptions};
use nkecon::pipeline::parse_documents;
use nkecon::posts::ParseOptions;
use nkecon::read::{read_all, ReadOptions};
use nkecon::{Document, Post, Voice};

fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/corpus/dev is absent");
        None
    }
}

fn pages(dir: &Path) -> Vec<Document> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for f in files {
        let line = std::fs::read_to_string(&f).unwrap();
        let v: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
        docs.push(Document {
            source: f.to_string_lossy().into_owned(),
            url: v["url"].as_str().map(str::to_string),
            format: "text".into(),
            text: v["text"].as_str().unwrap().to_string(),
        });
    }
    // the seed page (a rendering of a real archive page) too
    let seed = dir.join("../seed");
    if let Ok(rd) = std::fs::read_dir(&seed) {
        let mut seeds: Vec<PathBuf> = rd.map(|e| e.unwrap().path()).collect();
        seeds.sort();
        for f in seeds
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            docs.push(Document {
                source: f.to_string_lossy().into_owned(),
                url: None,
                format: "text".into(),
                text: std::fs::read_to_string(&f).unwrap(),
            });
        }
    }
    docs
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The entry content of a post: paragraphs, quoted runs in blockquotes, citation
/// lines joined by `<br>`; a few characters written as entities.
fn content_html(p: &Post) -> String {
    let mut s = String::new();
    let mut in_quote = false;
    for para in &p.paragraphs {
        let t = &p.body[para.start..para.end];
        let quoted = para.voice == Voice::Quoted;
        if quoted && !in_quote {
            s.push_str("<blockquote>\n");
        }
        if !quoted && in_quote {
            s.push_str("</blockquote>\n");
        }
        in_quote = quoted;
        let inner: Vec<String> = t
            .split('\n')
            .map(|l| esc(l).replace('’', "&#8217;").replace('—', "&mdash;"))
            .collect();
        s.push_str("<p>");
        s.push_str(&inner.join("<br />\n"));
        s.push_str("</p>\n");
    }
    if in_quote {
        s.push_str("</blockquote>\n");
    }
    s
}

fn article(p: &Post, heading: &str) -> String {
    let mut s = String::from("<article class=\"post type-post status-publish hentry category-share-this\">\n<header class=\"entry-header\">");
    let href = p.url.clone().unwrap_or_else(|| "#".into());
    s.push_str(&format!(
        "<{heading} class=\"entry-title\"><a href=\"{}\" rel=\"bookmark\">{}</a></{heading}>\n<div class=\"entry-meta\">",
        esc(&href),
        esc(&p.title)
    ));
    if let Some(d) = p.published {
        s.push_str(&format!(
            "<span class=\"posted-on\"><time class=\"entry-date published\" datetime=\"{}T09:00:00+00:00\">{}</time></span>",
            d.format("%Y-%m-%d"),
            d.format("%B %-d, %Y")
        ));
    }
    if let Some(a) = &p.author {
        s.push_str(&format!(
            " <span class=\"byline\">by <span class=\"author vcard\"><a class=\"url fn n\" href=\"/author/x/\">{}</a></span></span>",
            esc(a)
        ));
    }
    s.push_str("</div></header>\n<div class=\"entry-content\">\n");
    s.push_str(&content_html(p));
    s.push_str("<div class=\"sharedaddy\"><h3>Share this:</h3><ul><li>Twitter</li><li>Facebook</li></ul></div>\n");
    s.push_str("</div>\n<footer class=\"entry-footer\">");
    for c in &p.categories {
        s.push_str(&format!(
            "<a href=\"/category/x/\" rel=\"category tag\">{}</a> ",
            esc(c)
        ));
    }
    s.push_str("</footer></article>\n");
    s
}

/// An old WordPress theme (Kubrick-like): `div.post`, `h2 > a[rel=bookmark]`, the date
/// as text in `<small>`, content in `div.entry`, author as a bare line in the content.
fn kubrick_page(doc: &Document, posts: &[Post]) -> String {
    let mut s = String::from("<html><head><title>Blog &raquo; Archive</title></head><body><div id=\"page\"><div id=\"header\"><h1><a href=\"/\">Economy Blog</a></h1><div class=\"description\">Research</div></div><div id=\"content\" class=\"narrowcolumn\">\n");
    let _ = doc;
    let cats: Vec<&String> = posts.iter().flat_map(|p| p.categories.iter()).collect();
    if let Some(c) = cats.first() {
        s.push_str(&format!(
            "<h2 class=\"pagetitle\">Archive for the &lsquo;{}&rsquo; Category</h2>\n",
            esc(c)
        ));
    }
    for (i, p) in posts.iter().enumerate() {
        s.push_str(&format!(
            "<div class=\"post\" id=\"post-{i}\"><h2><a href=\"{}\" rel=\"bookmark\" title=\"Permanent Link to {}\">{}</a></h2>\n",
            esc(p.url.as_deref().unwrap_or("#")),
            esc(&p.title),
            esc(&p.title)
        ));
        if let Some(d) = p.published {
            s.push_str(&format!("<small>{}</small>\n", d.format("%A, %B %-d, %Y")));
        }
        s.push_str("<div class=\"entry\">\n");
        if let Some(a) = &p.author {
            s.push_str(&format!("<p>By: {}</p>\n", esc(a)));
        }
        s.push_str(&content_html(p));
        s.push_str("</div>\n<p class=\"postmetadata\">Posted in <a href=\"/c/\" rel=\"category tag\">Stuff</a> | <a href=\"#c\">Comments Off</a></p></div>\n");
    }
    s.push_str("<div class=\"navigation\"><div class=\"alignleft\"><a>&laquo; Older Entries</a></div></div></div>\n<div id=\"sidebar\"><ul><li><h2>Archives</h2><ul><li>July 2010</li></ul></li></ul></div><div id=\"footer\"><p>Proudly powered by WordPress</p></div></div></body></html>\n");
    s
}

/// A page without any post markup: the plain text's blocks as paragraphs (the
/// generic route).
fn bare_page(doc: &Document) -> String {
    let mut s = String::from("<html><head><meta charset=\"utf-8\">");
    if let Some(u) = &doc.url {
        s.push_str(&format!(
            "<meta property=\"og:url\" content=\"{}\">",
            esc(u)
        ));
    }
    s.push_str("</head><body>\n");
    for group in doc.text.split("\n\n") {
        let lines: Vec<String> = group
            .lines()
            .map(|l| esc(l.trim()))
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        s.push_str("<p>");
        s.push_str(&lines.join("<br>\n"));
        s.push_str("</p>\n");
    }
    s.push_str("</body></html>\n");
    s
}

/// A WordPress-like page holding the posts the text route found on one page.
fn html_page(doc: &Document, posts: &[Post]) -> String {
    let mut s = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Archive</title>\n",
    );
    if let Some(u) = &doc.url {
        s.push_str(&format!("<link rel=\"canonical\" href=\"{}\">\n", esc(u)));
    }
    s.push_str("<style>p { color: red; }</style><script>var x = '<p>not text</p>';</script></head>\n<body class=\"archive has-sidebar\">\n");
    s.push_str("<header id=\"masthead\" class=\"site-header\"><p class=\"site-title\">Economy Blog</p><nav class=\"main-navigation\"><ul><li><a>Home</a></li><li><a>About</a></li></ul></nav></header>\n<div id=\"content\" class=\"site-content\"><main id=\"main\">\n");
    let mut cats: Vec<&String> = Vec::new();
    for p in posts {
        for c in &p.categories {
            if !cats.contains(&c) {
                cats.push(c);
            }
        }
    }
    if let Some(c) = cats.first() {
        s.push_str(&format!(
            "<h1 class=\"page-title\">Archive for the &#8216;{}&#8217; Category</h1>\n",
            esc(c)
        ));
    }
    let single = posts.len() == 1 && cats.is_empty();
    for p in posts {
        s.push_str(&article(p, if single { "h1" } else { "h2" }));
    }
    s.push_str("<nav class=\"navigation pagination\"><a>Older posts</a></nav>\n</main>\n");
    s.push_str("<aside id=\"secondary\" class=\"widget-area\"><section class=\"widget\"><h2>Recent Posts</h2><ul><li>Some other post about 500 tons of rice</li></ul></section></aside></div>\n");
    s.push_str("<div id=\"comments\" class=\"comments-area\"><p>One reader said 40 percent of it was wrong.</p></div>\n<footer class=\"site-footer\">&copy; 2024 Economy Blog</footer></body></html>\n");
    s
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn warc_record(kind: &str, uri: &str, ct: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:0>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn wp_json(posts: &[Post]) -> String {
    let arr: Vec<serde_json::Value> = posts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            serde_json::json!({
                "id": i + 1,
                "date": p.published.map(|d| format!("{}T10:00:00", d.format("%Y-%m-%d"))),
                "link": p.url.clone().unwrap_or_else(|| format!("https://blog.example/?p={}", i + 1)),
                "title": {"rendered": esc(&p.title).replace('’', "&#8217;")},
                // every other post names its author in a By line, posted by an admin account
                "content": {"rendered": match (&p.author, i % 2) {
                    (Some(a), 0) => format!("<p>By {}</p>\n{}", esc(a), content_html(p)),
                    _ => content_html(p),
                }, "protected": false},
                "author": 3,
                "categories": [7],
                "_embedded": {
                    "author": p.author.as_ref().map(|a| vec![serde_json::json!({"id": 3, "name": if i % 2 == 0 { "Site Admin" } else { a }})]).unwrap_or_default(),
                    "wp:term": [p.categories.iter().map(|c| serde_json::json!({"name": c, "taxonomy": "category"})).collect::<Vec<_>>()]
                }
            })
        })
        .collect();
    serde_json::to_string_pretty(&arr).unwrap()
}

fn wxr(posts: &[Post]) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel><title>Economy Blog</title><wp:wxr_version>1.2</wp:wxr_version>\n");
    let mut authors: Vec<&String> = posts.iter().filter_map(|p| p.author.as_ref()).collect();
    authors.sort();
    authors.dedup();
    for (i, a) in authors.iter().enumerate() {
        s.push_str(&format!("<wp:author><wp:author_id>{i}</wp:author_id><wp:author_login><![CDATA[user{i}]]></wp:author_login><wp:author_display_name><![CDATA[{a}]]></wp:author_display_name></wp:author>\n"));
    }
    for (i, p) in posts.iter().enumerate() {
        let login = p
            .author
            .as_ref()
            .and_then(|a| authors.iter().position(|x| *x == a))
            .map(|k| format!("user{k}"))
            .unwrap_or_default();
        // content as WordPress stores it: paragraphs separated by blank lines, no <p>
        let mut content = String::new();
        let mut in_quote = false;
        for para in &p.paragraphs {
            let t = &p.body[para.start..para.end];
            let quoted = para.voice == Voice::Quoted;
            if quoted && !in_quote {
                content.push_str("<blockquote>");
            }
            if !quoted && in_quote {
                content.push_str("</blockquote>\n\n");
            }
            in_quote = quoted;
            content.push_str(&esc(t).replace("]]>", "]]&gt;"));
            content.push_str("\n\n");
        }
        if in_quote {
            content.push_str("</blockquote>");
        }
        s.push_str(&format!(
            "<item><title>{}</title><link>{}</link><pubDate>Mon, 01 Jan 2001 00:00:00 +0000</pubDate><dc:creator><![CDATA[{login}]]></dc:creator>\n<content:encoded><![CDATA[{content}]]></content:encoded>\n<wp:post_id>{}</wp:post_id><wp:post_date><![CDATA[{}]]></wp:post_date><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>\n",
            esc(&p.title),
            esc(&p.url.clone().unwrap_or_else(|| format!("https://blog.example/?p={}", i + 1))),
            i + 1,
            p.published.map(|d| format!("{} 10:00:00", d.format("%Y-%m-%d"))).unwrap_or_else(|| "0000-00-00 00:00:00".into()),
        ));
        for c in &p.categories {
            s.push_str(&format!(
                "<category domain=\"category\" nicename=\"x\"><![CDATA[{c}]]></category>\n"
            ));
        }
        s.push_str("<wp:postmeta><wp:meta_key>_edit_last</wp:meta_key><wp:meta_value><![CDATA[1]]></wp:meta_value></wp:postmeta></item>\n");
    }
    s.push_str("</channel></rss>\n");
    s
}

/// Keys of what a route finds: posts, figures, trade rows.
struct Found {
    posts: Vec<String>,
    figures: Vec<String>,
    trade: Vec<String>,
}

fn keys(posts: &[Post]) -> Found {
    let mut f = Found {
        posts: Vec::new(),
        figures: Vec::new(),
        trade: Vec::new(),
    };
    let opts = AnalyzeOptions::default();
    for p in posts {
        let words: Vec<&str> = p.body.split_whitespace().collect();
        f.posts.push(format!(
            "{}|{}|{:?}|{:?}|{}",
            p.post_id,
            p.title,
            p.published,
            p.author,
            words.join(" ")
        ));
        let a = analyze(p, &opts);
        for x in &a.figures {
            f.figures.push(format!(
                "{}|{}|{:?}|{}|{}|{:?}|{:?}",
                p.post_id,
                &p.body[x.start..x.end],
                x.kind,
                x.low,
                x.high,
                x.unit,
                x.approx
            ));
        }
        for t in &a.trade {
            f.trade.push(format!(
                "{}|{}|{}|{}|{:?}|{}|{}",
                p.post_id, t.period, t.flow, t.partner, t.commodity, t.value_usd, t.derived
            ));
        }
    }
    f
}

/// Share of `base` found in `got` (multiset).
fn agreement(base: &[String], got: &[String], what: &str, fmt: &str) -> f64 {
    if base.is_empty() {
        return 1.0;
    }
    let mut pool: Vec<&String> = got.iter().collect();
    let mut hit = 0;
    for b in base {
        if let Some(i) = pool.iter().position(|g| *g == b) {
            pool.swap_remove(i);
            hit += 1;
        } else {
            eprintln!("[{fmt}] {what} missing: {}", &b[..b.len().min(160)]);
        }
    }
    for g in &pool {
        eprintln!("[{fmt}] {what} extra: {}", &g[..g.len().min(160)]);
    }
    hit as f64 / base.len().max(got.len()) as f64
}

fn route(path: &Path) -> (Vec<Post>, Vec<nkecon::Reject>, Vec<Document>) {
    let (docs, mut rejects) = read_all(
        &[path.to_string_lossy().into_owned()],
        &ReadOptions::default(),
    )
    .unwrap();
    let (posts, r) = parse_documents(&docs, &ParseOptions::default());
    rejects.extend(r);
    (posts, rejects, docs)
}

#[test]
fn every_format_agrees_with_the_text_route() {
    let Some(dir) = corpus() else { return };
    let docs = pages(&dir);
    assert!(docs.len() >= 20);
    let (base_posts, _) = parse_documents(&docs, &ParseOptions::default());
    // posts without a title (text before the first post of a page) have no markup form
    let base_posts: Vec<Post> = base_posts
        .into_iter()
        .filter(|p| !p.title.is_empty())
        .collect();
    let base = keys(&base_posts);
    let tmp = tempfile::tempdir().unwrap();

    // html: one page per corpus page, holding the posts the text route saw there
    let html_dir = tmp.path().join("html");
    std::fs::create_dir(&html_dir).unwrap();
    let mut html_pages = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let (posts, _) = parse_documents(std::slice::from_ref(d), &ParseOptions::default());
        let posts: Vec<Post> = posts.into_iter().filter(|p| !p.title.is_empty()).collect();
        // three markups in turn: a current theme, an old theme, no post markup at all
        let page = match i % 3 {
            0 => html_page(d, &posts),
            1 => kubrick_page(d, &posts),
            _ => bare_page(d),
        };
        std::fs::write(html_dir.join(format!("{i:03}.html")), &page).unwrap();
        html_pages.push((d.url.clone().unwrap_or_default(), page));
    }
    // warc.gz: warcinfo, then request + response per page, gzip per record
    let mut warc = gz(&warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: nkecon test\r\n",
    ));
    for (url, page) in &html_pages {
        warc.extend(gz(&warc_record(
            "request",
            url,
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\nHost: blog.example\r\n\r\n",
        )));
        let mut http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {}\r\n\r\n", page.len()).into_bytes();
        http.extend_from_slice(page.as_bytes());
        warc.extend(gz(&warc_record(
            "response",
            url,
            "application/http; msgtype=response",
            &http,
        )));
    }
    let warc_path = tmp.path().join("crawl.warc.gz");
    std::fs::write(&warc_path, &warc).unwrap();
    // wet: conversion records holding the page texts
    let mut wet = gz(&warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: nkecon test\r\n",
    ));
    for d in &docs {
        wet.extend(gz(&warc_record(
            "conversion",
            d.url.as_deref().unwrap_or(""),
            "text/plain",
            d.text.as_bytes(),
        )));
    }
    let wet_path = tmp.path().join("crawl.warc.wet.gz");
    std::fs::write(&wet_path, &wet).unwrap();
    // and the way crawlers write WET text: one block a line, no blank lines
    let mut wet1 = Vec::new();
    for d in &docs {
        let squeezed: Vec<&str> = d.text.lines().filter(|l| !l.trim().is_empty()).collect();
        let uri = d.url.as_deref().unwrap_or("https://blog.example/");
        wet1.extend(gz(&warc_record(
            "conversion",
            uri,
            "text/plain",
            squeezed.join("\n").as_bytes(),
        )));
    }
    let wet1_path = tmp.path().join("lines.warc.wet.gz");
    std::fs::write(&wet1_path, &wet1).unwrap();
    // wp-json and wxr: each post once, with its fullest body
    let json_path = tmp.path().join("posts.json");
    std::fs::write(&json_path, wp_json(&base_posts)).unwrap();
    let wxr_path = tmp.path().join("export.xml");
    std::fs::write(&wxr_path, wxr(&base_posts)).unwrap();

    let mut worst: f64 = 1.0;
    for (fmt, path, format) in [
        ("html", html_dir.as_path(), "html"),
        ("warc", warc_path.as_path(), "warc"),
        ("wet", wet_path.as_path(), "wet"),
        ("wet-lines", wet1_path.as_path(), "wet"),
        ("wp-json", json_path.as_path(), "wp-json"),
        ("wxr", wxr_path.as_path(), "wxr"),
    ] {
        let (posts, rejects, rdocs) = route(path);
        assert!(!rdocs.is_empty(), "{fmt}: no documents ({rejects:?})");
        assert!(
            rdocs.iter().all(|d| d.format == format),
            "{fmt}: format names"
        );
        let unexpected: Vec<_> = rejects.iter().filter(|r| r.stage == "read").collect();
        assert!(unexpected.is_empty(), "{fmt}: read rejects {unexpected:?}");
        let got = keys(&posts);
        let a_posts = agreement(&base.posts, &got.posts, "post", fmt);
        let a_fig = agreement(&base.figures, &got.figures, "figure", fmt);
        let a_trade = agreement(&base.trade, &got.trade, "trade", fmt);
        eprintln!(
            "{fmt:8} posts {:.3} ({} vs {})  figures {:.3} ({})  trade {:.3} ({})",
            a_posts,
            got.posts.len(),
            base.posts.len(),
            a_fig,
            base.figures.len(),
            a_trade,
            base.trade.len()
        );
        worst = worst.min(a_posts).min(a_fig).min(a_trade);
        // every document in a record format names its record
        if fmt != "html" {
            let sources: HashSet<&str> = rdocs.iter().map(|d| d.source.as_str()).collect();
            assert_eq!(sources.len(), rdocs.len());
            assert!(rdocs.iter().all(|d| d.source.contains('#')));
            assert!(rdocs.iter().filter(|d| d.url.is_some()).count() >= rdocs.len() - 1);
        }
    }
    assert!(worst >= 0.98, "agreement {worst:.3} below 0.98");

    // the streamed run hands a WARC over in small batches and finds the same posts
    let opts = nkecon::pipeline::RunOptions {
        batch_bytes: 20_000,
        floor: true,
        threads: 2,
        ..Default::default()
    };
    let out = tmp.path().join("ds");
    let summary =
        nkecon::pipeline::run(&[warc_path.to_string_lossy().into_owned()], &out, &opts).unwrap();
    assert_eq!(summary.documents, html_pages.len());
    assert_eq!(summary.counts.get("posts").copied(), Some(base_posts.len()));
}

#[test]
fn formats_sniffed_by_content_and_named() {
    let tmp = tempfile::tempdir().unwrap();
    let files = [
        ("page", "<!DOCTYPE html><html><head><link rel=\"canonical\" href=\"https://n.example/a/\"></head><body><p>x</p></body></html>".to_string(), "html"),
        ("crawl", String::from_utf8(warc_record("resource", "https://n.example/b/", "text/html", b"<p>y</p>")).unwrap(), "warc"),
        ("dump", "[{\"id\":1,\"title\":{\"rendered\":\"T\"},\"content\":{\"rendered\":\"<p>z</p>\"}}]".to_string(), "wp-json"),
        ("export", "<?xml version=\"1.0\"?><rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><item><title>T</title><content:encoded><![CDATA[w]]></content:encoded></item></channel></rss>".to_string(), "wxr"),
        ("plain", "Archive for July, 2010\n\nA title\n".to_string(), "text"),
    ];
    for (name, body, format) in &files {
        let p = tmp.path().join(name);
        std::fs::write(&p, body).unwrap();
        let (docs, rejects) =
            read_all(&[p.to_string_lossy().into_owned()], &ReadOptions::default()).unwrap();
        assert_eq!(docs.len(), 1, "{name}: {rejects:?}");
        assert_eq!(docs[0].format, *format, "{name}");
    }
    // web archives stream: the whole-file limit does not cut them
    let small = ReadOptions {
        max_file_bytes: 10,
        ..ReadOptions::default()
    };
    let crawl = tmp.path().join("crawl").to_string_lossy().into_owned();
    let (docs, rejects) = read_all(&[crawl], &small).unwrap();
    assert_eq!((docs.len(), rejects.len()), (1, 0), "{rejects:?}");
    for n in ["html", "warc", "wet", "wp-json", "wxr"] {
        let f: nkecon::read::Format = n.parse().unwrap();
        assert_eq!(f.as_str(), n);
        assert!(nkecon::read::Format::NAMES.contains(&n));
    }
}

use super::*;

fn doc(html: &str, url: Option<&str>) -> Document {
    Document {
        source: "t.html".into(),
        url: url.map(str::to_string),
        format: "html".into(),
        text: html.into(),
    }
}

fn parse(html: &str) -> (Vec<Post>, Vec<Reject>) {
    parse_html(&doc(html, None), &ParseOptions::default())
}

const ARCHIVE: &str = r##"<!DOCTYPE html><html><head><title>Trade &raquo; Blog</title>
<link rel="canonical" href="https://blog.example/category/trade/"></head>
<body><div id="header"><h1>Economy Blog</h1><ul class="menu"><li>Home<li>About</ul></div>
<div id="content"><h2 class="pagetitle">Archive for the &#8216;Trade&#8217; Category</h2>
<div class="post" id="post-11"><h3><a href="https://blog.example/2019/03/02/coal-ships/" rel="bookmark">Coal ships seen near Nampo</a></h3>
<small>Saturday, March 2nd, 2019</small>
<div class="entry"><p>Satellite pictures taken last week show at least 12 bulk carriers moored at the coal terminal, a researcher told us in an email.</p>
<p>Our own count from the images:</p>
<blockquote><p>About 40,000 tons of coal appear to be stacked on the pier, worth roughly $4 million at current prices.</p></blockquote>
<p>If accurate, that is a lot of coal for a sanctioned port.
<p class="more"><a href="https://blog.example/2019/03/02/coal-ships/" class="more-link">Continue reading &rarr;</a></p>
</div><p class="postmetadata">Posted in <a href="/category/trade/" rel="category tag">Trade</a> | <a href="#comments">2 Comments &#187;</a></p></div>
<div class="post" id="post-10"><h3><a href="/2019/02/20/exports-fall/" rel="bookmark">Exports to China fall again</a></h3>
<small>Wednesday, February 20th, 2019</small><span class="author vcard">By <span class="fn">Jan Kowalski</span></span>
<div class="entry"><p>North Korea&#8217;s exports to China fell 24 percent in January to $14.2 million, according to customs data.</p></div></div>
</div><div id="sidebar"><h2>Recent posts</h2><p>Some widget text that should never appear in a post body at all, really.</p></div>
<div id="footer"><p>Copyright 2019</p></div><script>var x = "<p>no</p>";</script></body></html>"##;

#[test]
fn wordpress_archive_page() {
    let (posts, rejects) = parse(ARCHIVE);
    assert!(rejects.is_empty(), "{rejects:?}");
    assert_eq!(posts.len(), 2);
    let p = &posts[0];
    assert_eq!(p.title, "Coal ships seen near Nampo");
    assert_eq!(p.published, Date::from_ymd_opt(2019, 3, 2));
    assert_eq!(
        p.url.as_deref(),
        Some("https://blog.example/2019/03/02/coal-ships/")
    );
    assert!(
        p.categories.contains(&"Trade".to_string()),
        "{:?}",
        p.categories
    );
    assert!(p.body.contains("12 bulk carriers"));
    assert!(!p.body.contains("Continue reading"));
    assert!(!p.body.contains("widget"));
    assert!(!p.body.contains("Comments"));
    let quoted: Vec<&str> = p
        .paragraphs
        .iter()
        .filter(|x| x.voice == Voice::Quoted)
        .map(|x| &p.body[x.start..x.end])
        .collect();
    assert_eq!(quoted.len(), 1);
    assert!(quoted[0].starts_with("About 40,000 tons"));
    let q = &posts[1];
    assert_eq!(q.author.as_deref(), Some("Jan Kowalski"));
    assert_eq!(
        q.url.as_deref(),
        Some("https://blog.example/2019/02/20/exports-fall/")
    );
    assert!(q.body.starts_with("North Korea’s exports"));
    assert_eq!(
        q.post_id,
        crate::ids::post_id("Exports to China fall again", q.published)
    );
}

#[test]
fn modern_single_post_with_entities_and_nesting() {
    let html = r#"<html><head><meta property="og:url" content="https://x.example/2021/05/06/rice/">
<meta property="article:published_time" content="2021-05-06T08:00:00+09:00"></head><body>
<nav><a>Home</a></nav><main><article id="post-77" class="post-77 post type-post hentry category-social-life">
<header class="entry-header"><h1 class="entry-title">Rice &amp; corn prices in Sin&#365;iju</h1>
<div class="entry-meta"><time class="entry-date published" datetime="2021-05-06T08:00:00+09:00">May 6, 2021</time>
<span class="byline">by <span class="author vcard"><a class="url fn n" href="/author/kim/">Kim Min-ji</a></span></span></div></header>
<div class="entry-content"><p>Rice sold for 5,000 won per kilogram in the market this week, a trader said.<br>
Corn was cheaper.</p>
<blockquote><p>Prices rose sharply,<blockquote><p>one vendor said, “nobody expected it.”</p></blockquote></blockquote>
<div class="sharedaddy"><h3>Share this:</h3><ul><li>Twitter</li></ul></div>
<p style="display: none">Hidden 99 tons</p><p>Unclosed <b>bold <i>italic</p><p>Après — “quotes” — 10&nbsp;000 tons.</p></div>
<footer class="entry-footer"><a href="/tag/rice/" rel="tag">rice</a></footer></article>
<div id="comments" class="comments-area"><article class="comment"><p>First!</p></article></div></main></body></html>"#;
    let (posts, _) = parse(html);
    assert_eq!(posts.len(), 1, "{posts:#?}");
    let p = &posts[0];
    assert_eq!(p.title, "Rice & corn prices in Sinŭiju");
    assert_eq!(p.published, Date::from_ymd_opt(2021, 5, 6));
    assert_eq!(p.author.as_deref(), Some("Kim Min-ji"));
    assert_eq!(p.url.as_deref(), Some("https://x.example/2021/05/06/rice/"));
    assert!(p.categories.contains(&"rice".to_string()));
    assert!(
        p.body.contains("Après — “quotes” — 10 000 tons."),
        "{}",
        p.body
    );
    assert!(!p.body.contains("Share this"));
    assert!(!p.body.contains("First!"));
    assert!(p.body.contains("bold italic"));
    assert!(!p.body.contains("Hidden"));
    let q: Vec<&Paragraph> = p
        .paragraphs
        .iter()
        .filter(|x| x.voice == Voice::Quoted)
        .collect();
    assert!(!q.is_empty());
    for x in &q {
        assert!(
            p.body[x.start..x.end].contains("vendor")
                || p.body[x.start..x.end].contains("Prices rose")
        );
    }
}

#[test]
fn generic_news_page_uses_meta_date() {
    let html = r#"<html><head><title>Trade falls | News</title>
<meta name="pubdate" content="2013-04-12"></head><body><div class="top-menu"><a>Home</a> <a>News</a></div>
<div class="wrap"><h1>Chinese trade with the North shrinks</h1><div class="txt">
<p>Two-way trade between China and North Korea came to $1.31 billion in the first quarter, down 7.2 percent from a year earlier, customs figures show.</p>
<p>Exports to the North fell 13.8 percent to $720 million.</p></div></div>
<div class="footer">Contact us</div></body></html>"#;
    let (posts, rejects) = parse(html);
    assert_eq!(posts.len(), 1, "{rejects:?}");
    let p = &posts[0];
    assert_eq!(p.title, "Chinese trade with the North shrinks");
    assert_eq!(p.published, Date::from_ymd_opt(2013, 4, 12));
    assert!(p.body.starts_with("Two-way trade"));
    assert!(!p.body.contains("Contact"));
}

#[test]
fn page_without_post_is_rejected() {
    let (posts, rejects) =
        parse("<html><body><div class=\"menu\">Home</div><p>Hello</p></body></html>");
    assert!(posts.is_empty());
    assert_eq!(rejects.len(), 1);
    assert_eq!(rejects[0].reason, "no_post");
    let (posts, rejects) = parse("<<<>>><p <div></");
    assert!(posts.is_empty());
    assert_eq!(rejects[0].reason, "no_post");
}

#[test]
fn urls_resolve_against_the_page() {
    assert_eq!(
        resolve_url(Some("https://a.example/x/y/"), "/z/"),
        "https://a.example/z/"
    );
    assert_eq!(
        resolve_url(Some("https://a.example/x/y"), "z"),
        "https://a.example/x/z"
    );
    assert_eq!(
        resolve_url(Some("https://a.example/"), "//b.example/q"),
        "https://b.example/q"
    );
    assert_eq!(resolve_url(None, "/z"), "/z");
}

#[test]
fn sniffing_html() {
    assert!(looks_like_html("<!DOCTYPE html><html>"));
    assert!(looks_like_html("  <div class=x><p>Hello</p></div>"));
    assert!(!looks_like_html("Archive for July, 2010\n\nA <b>title</b>"));
}

#[test]
fn double_line_breaks_split_paragraphs() {
    let html = "<div class=\"post\"><h2>Old post without paragraphs</h2><small>July 2, 2009</small><div class=\"entry\">First paragraph written the old way, with no p tags at all in it.<br />\n<br />\nSecond paragraph, also long enough to count as prose here.<br>Same paragraph, next line.</div></div>";
    let (posts, _) = parse(html);
    assert_eq!(posts.len(), 1);
    let p = &posts[0];
    assert_eq!(p.published, Date::from_ymd_opt(2009, 7, 2));
    assert!(p.paragraphs.len() >= 2, "{:?}", p.body);
    assert!(p.body.starts_with(
        "First paragraph written the old way, with no p tags at all in it.\n\nSecond"
    ));
}

#[test]
fn title_outside_content_and_date_heading_before_post() {
    let html = "<div id=\"content\"><h2 class=\"date\">Friday, June 5th, 2015</h2><div class=\"post\"><h3><a href=\"/a/\">Rason port traffic picks up</a></h3><div class=\"entry\"><h4>A subheading</h4><p>Ships called at the port 40 times in May, a local trader told a reporter this week.</p></div></div></div>";
    let (posts, _) = parse(html);
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].title, "Rason port traffic picks up");
    assert_eq!(posts[0].published, Date::from_ymd_opt(2015, 6, 5));
    assert!(posts[0].body.starts_with("A subheading"));
}

#[test]
fn wet_text_one_block_a_line() {
    let d = Document {
        source: "c.wet#2".into(),
        url: None,
        format: "wet".into(),
        text: "Archive for March, 2016\nRice prices steady in Pyongyang\nMarch 3, 2016\nBy Jan Roe\nRice sold for 5,000 won per kilogram in the capital last week, traders told a reporter.\nShare\n".into(),
    };
    let (posts, _) = parse_wet(&d, &ParseOptions::default());
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].title, "Rice prices steady in Pyongyang");
    assert_eq!(posts[0].author.as_deref(), Some("Jan Roe"));
    assert!(posts[0].body.starts_with("Rice sold"));
}

/// Random markup soup (tags, entities, comments, CDATA, non-ASCII) never panics.
#[test]
fn random_markup_never_panics() {
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<div class=\"post\">",
        "</div>",
        "<h2 class=entry-title>",
        "</h2>",
        "<blockquote>",
        "</blockquote>",
        "<br>",
        "<br/>",
        "&amp;",
        "&#8217;",
        "&#x",
        "&",
        "<",
        ">",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<script>",
        "</script>",
        "<a href='",
        "'>",
        "ŭ",
        "—",
        "July 28, 2010",
        "By Jan Roe",
        "Title words",
        " ",
        "\n",
        "\n\n",
        "<time datetime=\"2020-01-02\">",
        "</time>",
        "<article>",
        "</article>",
        "<li>",
        "<ul>",
        "<td>",
        "<table>",
        "<!DOCTYPE html>",
        "<p class=\"",
        "=\"",
        "/>",
        "Some prose sentence with $5 million in it.",
        "<title>",
        "</title>",
        "<meta property=\"article:published_time\" content=\"2019-",
        "<style>",
        "\u{feff}",
        "<pre>",
    ];
    let mut x: u64 = 0x9e3779b97f4a7c15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..1500 {
        let n = (next() % 80) as usize;
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        let _ = parse(&s);
        let _ = parse_wet(
            &Document {
                source: "x".into(),
                url: None,
                format: "wet".into(),
                text: s.clone(),
            },
            &ParseOptions::default(),
        );
        let _ = looks_like_html(&s);
        let _ = page_url(&s);
    }
}

#[test]
fn export_byline_in_content_beats_the_posting_account() {
    let mut d = doc("<article class=\"post\"><h1 class=\"entry-title\">Coal prices</h1><time datetime=\"2022-10-25T10:00:00\">2022-10-25T10:00:00</time><span class=\"author vcard\"><span class=\"fn\">Site Admin</span></span><div class=\"entry-content\"><p>By Jan Roe</p><p>Coal sold for $80 a ton in Nampo last month, traders said on Friday.</p></div></article>", None);
    d.format = "wxr".into();
    let (posts, _) = parse_html(&d, &ParseOptions::default());
    assert_eq!(posts[0].author.as_deref(), Some("Jan Roe"));
    assert!(posts[0].body.starts_with("Coal sold"));
    d.format = "html".into();
    let (posts, _) = parse_html(&d, &ParseOptions::default());
    assert_eq!(posts[0].author.as_deref(), Some("Site Admin"));
}

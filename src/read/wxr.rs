//! WordPress exports (WXR, an RSS 2.0 file with `wp:` elements), streamed item by item
//! with quick-xml. No DTD is read and no external entity is ever resolved: only the
//! XML and HTML character references are decoded.
//!
//! RSS 2.0 feeds read the same way (an item's `description` stands in for a missing
//! `content:encoded`, `pubDate` for `wp:post_date`).
//!
//! Each `<item>` of type `post` or `page` becomes a `wxr` document whose text is the
//! same small HTML page the wp-json reader builds (title, `wp:post_date`, the author's
//! display name from the channel's `wp:author` list, categories and tags,
//! `content:encoded` with WordPress's paragraph rule applied). Item `n` (1-based) has
//! source `path#n`; its `link` is the URL.

use std::collections::HashMap;
use std::io::BufRead;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::wpjson::{autop, esc_loose, post_page, WpPost};
use super::{emit_text, ReadEvent, ReadOptions};
use crate::model::Reject;
use crate::posts::html::entities;

#[derive(Default)]
struct Item {
    fields: HashMap<String, String>,
    categories: Vec<String>,
    /// Entity references the reader does not expand (declared in a DTD, or unknown).
    unexpanded: Vec<String>,
}

/// Most nested elements in a WXR file (an export is about five levels deep).
const MAX_NESTING: usize = 256;

/// Reads a WXR file, one document per post.
pub(super) fn read(
    source: &str,
    reader: &mut dyn BufRead,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(ReadEvent),
) {
    let mut xml = Reader::from_reader(reader);
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut n = 0usize;
    let mut authors: HashMap<String, String> = HashMap::new();
    let mut author_login = String::new();
    let mut item: Option<Item> = None;
    let mut text = String::new();
    let mut cat_domain = String::new();
    let mut too_large = false;
    loop {
        buf.clear();
        let ev = match xml.read_event_into(&mut buf) {
            Ok(ev) => ev,
            Err(e) => {
                emit(ReadEvent::Reject(Reject::new(
                    format!("{source}#{}", n + 1),
                    "read",
                    "bad_xml",
                    Some(format!(
                        "{e} at byte {}; the items before this one are kept",
                        xml.buffer_position()
                    )),
                )));
                return;
            }
        };
        match ev {
            Event::Start(_) if path.len() >= MAX_NESTING => {
                // Against nesting bombs: WXR is a few levels deep; the open-element path is bounded.
                emit(ReadEvent::Reject(Reject::new(
                    format!("{source}#{}", n + 1),
                    "read",
                    "bad_xml",
                    Some(format!(
                        "elements nested deeper than {MAX_NESTING}; the items before this one are kept"
                    )),
                )));
                return;
            }
            Event::DocType(d) if memchr::memmem::find(&d, b"<!ENTITY").is_some() => {
                // Never expanded (no billion laughs, no external entities): say so.
                emit(ReadEvent::Reject(Reject::new(
                    source,
                    "read",
                    "dtd_ignored",
                    Some("DOCTYPE declares entities; they are not expanded and their references are kept as written".into()),
                )));
            }
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if name == "item" && item.is_none() {
                    item = Some(Item::default());
                    too_large = false;
                } else if name == "category" {
                    cat_domain = e
                        .try_get_attribute("domain")
                        .ok()
                        .flatten()
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                        .unwrap_or_default();
                }
                path.push(name);
                text.clear();
            }
            Event::Text(t) => push(
                &mut text,
                &t.decode().unwrap_or_default(),
                opts,
                &mut too_large,
            ),
            Event::CData(t) => push(
                &mut text,
                &String::from_utf8_lossy(&t),
                opts,
                &mut too_large,
            ),
            Event::GeneralRef(r) => {
                let name = String::from_utf8_lossy(&r).into_owned();
                let resolved = if name.starts_with('#') {
                    entities::numeric(&name).map(String::from)
                } else {
                    entities::named(&name).map(String::from)
                };
                if resolved.is_none() {
                    if let Some(it) = item.as_mut() {
                        if !it.unexpanded.contains(&name) && it.unexpanded.len() < 8 {
                            it.unexpanded.push(name.clone());
                        }
                    }
                }
                let s = resolved.unwrap_or_else(|| format!("&{name};"));
                push(&mut text, &s, opts, &mut too_large);
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                let depth = path.len();
                let parent = path.last().map(String::as_str).unwrap_or("");
                if name == "item" && item.is_some() && !path.iter().any(|p| p == "item") {
                    n += 1;
                    if let Some(it) = item.take() {
                        finish_item(source, n, it, &authors, too_large, opts, emit);
                    }
                } else if parent == "item" {
                    if let Some(it) = item.as_mut() {
                        if name == "category" {
                            let c = text.trim().to_string();
                            if !c.is_empty()
                                && matches!(cat_domain.as_str(), "category" | "post_tag" | "")
                                && !it.categories.contains(&c)
                            {
                                it.categories.push(c);
                            }
                        } else {
                            it.fields
                                .entry(name)
                                .or_insert_with(|| std::mem::take(&mut text));
                        }
                    }
                } else if parent == "wp:author" && depth >= 2 {
                    match name.as_str() {
                        "wp:author_login" => author_login = text.trim().to_string(),
                        "wp:author_display_name" if !author_login.is_empty() => {
                            authors.insert(author_login.clone(), text.trim().to_string());
                        }
                        _ => {}
                    }
                }
                text.clear();
            }
            Event::Eof => {
                if item.is_some() {
                    emit(ReadEvent::Reject(Reject::new(
                        format!("{source}#{}", n + 1),
                        "read",
                        "bad_xml",
                        Some("file ends inside an <item>".into()),
                    )));
                }
                return;
            }
            // declarations, doctypes (never expanded), comments, processing instructions
            _ => {}
        }
    }
}

fn push(text: &mut String, s: &str, opts: &ReadOptions, too_large: &mut bool) {
    if text.len() + s.len() > opts.max_record_bytes {
        *too_large = true;
        return;
    }
    text.push_str(s);
}

fn finish_item(
    source: &str,
    n: usize,
    it: Item,
    authors: &HashMap<String, String>,
    too_large: bool,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(ReadEvent),
) {
    let src = format!("{source}#{n}");
    let rej = |reason: &str, detail: String| {
        ReadEvent::Reject(Reject::new(src.clone(), "read", reason, Some(detail)))
    };
    if too_large {
        emit(rej(
            "record_too_large",
            format!(
                "item larger than max_record_bytes ({})",
                opts.max_record_bytes
            ),
        ));
        return;
    }
    let f = |k: &str| it.fields.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
    let kind = f("wp:post_type").unwrap_or("post");
    if !matches!(kind, "post" | "page") {
        emit(rej("not_a_post", format!("item of type {kind:?}")));
        return;
    }
    let status = f("wp:status").unwrap_or("publish");
    if !matches!(status, "publish" | "private" | "future") {
        emit(rej("not_published", format!("item with status {status:?}")));
        return;
    }
    let Some(title) = f("title") else {
        emit(rej("bad_post", "item without a title".into()));
        return;
    };
    // a plain RSS feed may only carry the description
    let content = [
        it.fields.get("content:encoded"),
        it.fields.get("description"),
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .find(|c| !c.trim().is_empty())
    .unwrap_or("");
    if content.trim().is_empty() {
        emit(rej(
            "bad_post",
            "item without content:encoded or description".into(),
        ));
        return;
    }
    let date = f("wp:post_date")
        .filter(|d| !d.starts_with("0000"))
        .or_else(|| f("pubDate"))
        .map(str::to_string);
    let author = f("dc:creator").map(|login| {
        authors
            .get(login)
            .filter(|d| !d.is_empty())
            .cloned()
            .unwrap_or_else(|| login.to_string())
    });
    let link = f("link").map(str::to_string);
    if !it.unexpanded.is_empty() {
        // kept as written: DTD entities are never expanded (no entity bombs, no XXE)
        emit(rej(
            "unexpanded_entity",
            format!(
                "entity references kept as written, not expanded: {}",
                it.unexpanded
                    .iter()
                    .map(|e| format!("&{e};"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        ));
    }
    let post = WpPost {
        id: f("wp:post_id").map(str::to_string),
        title_html: esc_loose(title),
        date,
        link: link.clone(),
        author,
        categories: it.categories.iter().map(|c| esc_loose(c)).collect(),
        content_html: autop(&super::wpjson::strip_shortcodes(content)),
    };
    emit_text(&src, link, "wxr", post_page(&post).as_bytes(), emit);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    fn run(bytes: &[u8]) -> (Vec<Document>, Vec<Reject>) {
        let mut r = std::io::BufReader::new(bytes);
        crate::read::collect(|emit| read("e.xml", &mut r, &ReadOptions::default(), emit))
    }

    const WXR: &str = r#"<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Blog</title>
<wp:author><wp:author_login><![CDATA[jroe]]></wp:author_login><wp:author_display_name><![CDATA[Jane Roe]]></wp:author_display_name></wp:author>
<item><title>Coal &amp; iron &#8217;exports&#8217; &xxe;</title><link>https://b.example/2019/03/02/coal/</link>
<pubDate>Sat, 02 Mar 2019 01:00:00 +0000</pubDate><dc:creator><![CDATA[jroe]]></dc:creator>
<content:encoded><![CDATA[First paragraph with $5 million.

<blockquote>Quoted text.</blockquote>]]></content:encoded>
<wp:post_id>11</wp:post_id><wp:post_date><![CDATA[2019-03-02 10:00:00]]></wp:post_date>
<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="trade"><![CDATA[Trade]]></category>
<wp:comment><wp:comment_content><![CDATA[A comment]]></wp:comment_content></wp:comment>
</item>
<item><title>logo</title><content:encoded></content:encoded><wp:post_type>attachment</wp:post_type></item>
<item><title>Cut"#;

    #[test]
    fn items_authors_and_errors() {
        let (docs, rej) = run(WXR.as_bytes());
        assert_eq!(docs.len(), 1, "{rej:?}");
        let d = &docs[0];
        assert_eq!(d.source, "e.xml#1");
        assert_eq!(d.format, "wxr");
        assert_eq!(d.url.as_deref(), Some("https://b.example/2019/03/02/coal/"));
        assert!(d.text.contains("Jane Roe"), "{}", d.text);
        assert!(d.text.contains("Coal & iron ’exports’ &xxe;"), "{}", d.text);
        assert!(!d.text.contains("root:"));
        assert!(!d.text.contains("A comment"));
        assert!(d.text.contains("datetime=\"2019-03-02 10:00:00\""));
        assert!(d.text.contains("<p>First paragraph"));
        let reasons: Vec<&str> = rej.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(
            reasons,
            vec!["dtd_ignored", "unexpanded_entity", "not_a_post", "bad_xml"]
        );
        assert_eq!(rej[1].source, "e.xml#1");
        assert_eq!(rej[3].source, "e.xml#3");
    }

    #[test]
    fn every_truncation_is_survived() {
        let b = WXR.as_bytes();
        for cut in (0..b.len()).step_by(3) {
            let _ = run(&b[..cut]);
        }
    }

    #[test]
    fn rss_feed_items() {
        let feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Blog</title><item><title>Ports busy</title><link>https://b.example/2020/01/02/ports/</link><pubDate>Thu, 02 Jan 2020 09:00:00 +0000</pubDate><description>&lt;p&gt;Ships called 40 times.&lt;/p&gt;</description></item></channel></rss>";
        let (docs, rej) = run(feed.as_bytes());
        assert_eq!(docs.len(), 1, "{rej:?}");
        assert!(docs[0].text.contains("<p>Ships called 40 times.</p>"));
        assert!(docs[0]
            .text
            .contains("datetime=\"Thu, 02 Jan 2020 09:00:00 +0000\""));
        let (posts, _) = crate::posts::parse_page(&docs[0], &Default::default());
        assert_eq!(
            posts[0].published,
            chrono::NaiveDate::from_ymd_opt(2020, 1, 2)
        );
        assert_eq!(posts[0].body, "Ships called 40 times.");
    }
}

//! WordPress REST API dumps (`/wp-json/wp/v2/posts`): a JSON array of posts, or one
//! post object. The array is streamed element by element.
//!
//! Each post becomes a `wp-json` document whose text is a small WordPress-like HTML
//! page (title, date, author, categories, content) so that it takes the same HTML
//! route as a saved page. Post `n` (1-based) has source `path#n`; its `link` is the URL.

use std::io::BufRead;

use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde_json::Value;

use super::{emit_text, ReadEvent, ReadOptions};
use crate::model::Reject;

/// The fields of one post, as both wp-json and WXR give them.
#[derive(Debug, Default, Clone)]
pub(super) struct WpPost {
    pub id: Option<String>,
    /// Title, as HTML (entities escaped).
    pub title_html: String,
    /// Publication date and time as written (ISO or RFC 2822).
    pub date: Option<String>,
    /// The post's URL.
    pub link: Option<String>,
    /// Author display name, plain text.
    pub author: Option<String>,
    /// Category and tag names, HTML-escaped as stored by WordPress.
    pub categories: Vec<String>,
    /// Content, as HTML.
    pub content_html: String,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Escapes the angle brackets of plain text (an `&` is left to the HTML reader,
/// which keeps it when it starts no reference).
pub(super) fn esc_loose(s: &str) -> String {
    s.replace('<', "&lt;").replace('>', "&gt;")
}

/// Removes the WordPress shortcodes a site renders into markup of its own:
/// `[caption …]…[/caption]` keeps its text, `[embed]…[/embed]` goes (a URL), and
/// `[gallery …]`, `[video …]`, `[audio …]`, `[playlist …]` go. Other brackets
/// (editorial insertions like "[to be sent]") stay.
pub(super) fn strip_shortcodes(content: &str) -> String {
    const DROP_TAG: &[&str] = &[
        "caption",
        "wp_caption",
        "gallery",
        "video",
        "audio",
        "playlist",
    ];
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(at) = rest.find('[') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let close = after.find(']');
        let inner = close.map(|c| &after[..c]).unwrap_or("");
        let name = inner
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        if close.is_some() && name == "embed" && !inner.starts_with('/') {
            // drop through the closing [/embed]
            let body = &after[close.unwrap_or(0) + 1..];
            match body.find("[/embed]") {
                Some(e) => rest = &body[e + "[/embed]".len()..],
                None => rest = body,
            }
            continue;
        }
        if close.is_some() && DROP_TAG.contains(&name) {
            rest = &after[close.unwrap_or(0) + 1..];
            continue;
        }
        out.push('[');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Turns WordPress's stored content (paragraphs separated by blank lines, no `<p>`)
/// into paragraphs, the way WordPress's `wpautop` does on display.
pub(super) fn autop(content: &str) -> String {
    let c = content.replace("\r\n", "\n");
    if !c.contains('\n') && c.trim_start().starts_with('<') {
        return c;
    }
    let mut out = String::with_capacity(c.len() + 64);
    for chunk in c.split("\n\n") {
        let t = chunk.trim();
        if t.is_empty() {
            continue;
        }
        let l = t.to_ascii_lowercase();
        let block = [
            "<p",
            "<div",
            "<blockquote",
            "<ul",
            "<ol",
            "<li",
            "<h1",
            "<h2",
            "<h3",
            "<h4",
            "<h5",
            "<h6",
            "<table",
            "<pre",
            "<figure",
            "<!--",
            "<hr",
            "<section",
            "<dl",
            "</",
        ]
        .iter()
        .any(|b| l.starts_with(b));
        if block {
            out.push_str(t);
        } else {
            out.push_str("<p>");
            out.push_str(&t.replace('\n', "<br />\n"));
            out.push_str("</p>");
        }
        out.push('\n');
    }
    out
}

/// The HTML page a post is turned into.
pub(super) fn post_page(p: &WpPost) -> String {
    let mut s = String::with_capacity(p.content_html.len() + 1024);
    s.push_str("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">");
    if let Some(l) = &p.link {
        s.push_str(&format!("<link rel=\"canonical\" href=\"{}\">", esc(l)));
    }
    s.push_str("</head><body>\n<article class=\"post type-post hentry\"");
    if let Some(id) = &p.id {
        s.push_str(&format!(" id=\"post-{}\"", esc(id)));
    }
    s.push_str(">\n<header class=\"entry-header\"><h1 class=\"entry-title\">");
    match &p.link {
        Some(l) => s.push_str(&format!(
            "<a href=\"{}\" rel=\"bookmark\">{}</a>",
            esc(l),
            p.title_html
        )),
        None => s.push_str(&p.title_html),
    }
    s.push_str("</h1>\n");
    if let Some(d) = &p.date {
        s.push_str(&format!(
            "<time class=\"entry-date published\" datetime=\"{}\">{}</time>\n",
            esc(d),
            esc(d)
        ));
    }
    if let Some(a) = &p.author {
        s.push_str(&format!(
            "<span class=\"byline\"><span class=\"author vcard\"><span class=\"fn\">{}</span></span></span>\n",
            esc(a)
        ));
    }
    s.push_str("</header>\n<div class=\"entry-content\">\n");
    s.push_str(&p.content_html);
    s.push_str("\n</div>\n");
    if !p.categories.is_empty() {
        s.push_str("<span class=\"cat-links\">");
        for c in &p.categories {
            s.push_str(&format!("<a rel=\"category tag\">{}</a> ", esc_loose(c)));
        }
        s.push_str("</span>\n");
    }
    s.push_str("</article>\n</body></html>\n");
    s
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for k in path {
        cur = cur.get(k)?;
    }
    cur.as_str()
}

/// Reads one REST API post object.
fn post_of(v: &Value) -> Result<WpPost, String> {
    let title = str_at(v, &["title", "rendered"])
        .or_else(|| str_at(v, &["title"]))
        .ok_or("post without title.rendered")?;
    let content = str_at(v, &["content", "rendered"])
        .or_else(|| str_at(v, &["content"]))
        .ok_or("post without content.rendered")?;
    let id = v.get("id").and_then(|i| match i {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    });
    let author = v
        .get("_embedded")
        .and_then(|e| e.get("author"))
        .and_then(|a| a.get(0))
        .and_then(|a| a.get("name"))
        .and_then(Value::as_str)
        .or_else(|| str_at(v, &["author_name"]))
        .or_else(|| v.get("author").and_then(Value::as_str))
        .map(str::to_string)
        .filter(|a| !a.trim().is_empty());
    // category and tag names when the dump embeds them (`?_embed`)
    let mut categories = Vec::new();
    if let Some(groups) = v
        .get("_embedded")
        .and_then(|e| e.get("wp:term"))
        .and_then(Value::as_array)
    {
        for g in groups {
            for t in g.as_array().into_iter().flatten() {
                if let Some(name) = t.get("name").and_then(Value::as_str) {
                    if !categories.iter().any(|c| c == name) {
                        categories.push(name.to_string());
                    }
                }
            }
        }
    }
    Ok(WpPost {
        id,
        title_html: title.to_string(),
        date: str_at(v, &["date"])
            .or_else(|| str_at(v, &["date_gmt"]))
            .map(str::to_string),
        link: str_at(v, &["link"]).map(str::to_string),
        author,
        categories,
        content_html: content.to_string(),
    })
}

struct Emitter<'a, 'b> {
    source: &'a str,
    n: &'a mut usize,
    emit: &'a mut (dyn FnMut(ReadEvent) + 'b),
    since: &'a std::cell::Cell<u64>,
}

impl Emitter<'_, '_> {
    fn one(&mut self, v: &Value) {
        self.since.set(0);
        *self.n += 1;
        let src = format!("{}#{}", self.source, self.n);
        match post_of(v) {
            Ok(p) => {
                let page = post_page(&p);
                emit_text(&src, p.link.clone(), "wp-json", page.as_bytes(), self.emit);
            }
            Err(e) => (self.emit)(ReadEvent::Reject(Reject::new(
                src,
                "read",
                "bad_post",
                Some(e),
            ))),
        }
    }
}

struct Top<'x, 'a, 'b>(&'x mut Emitter<'a, 'b>);

impl<'de> DeserializeSeed<'de> for Top<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON array of WordPress posts or one post object")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(v) = seq.next_element::<Value>()? {
            self.0.one(&v);
        }
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let v = Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        self.0.one(&v);
        Ok(())
    }
}

use serde::Deserialize;

/// Reads a wp-json dump, one document per post.
pub(super) fn read(
    source: &str,
    reader: &mut dyn BufRead,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(ReadEvent),
) {
    let mut n = 0usize;
    let since = std::cell::Cell::new(0u64);
    let max = opts.max_record_bytes as u64;
    let result = {
        let mut em = Emitter {
            source,
            n: &mut n,
            emit: &mut *emit,
            since: &since,
        };
        let limited = PerRecord {
            inner: reader,
            since: &since,
            max,
        };
        let mut de = serde_json::Deserializer::from_reader(limited);
        Top(&mut em).deserialize(&mut de).and_then(|()| de.end())
    };
    if let Err(e) = result {
        let (reason, detail) = if e.is_io() && since.get() > max {
            (
                "record_too_large",
                format!("a post larger than {max} bytes (max_record_bytes); the posts before this one are kept"),
            )
        } else {
            (
                "bad_json",
                format!("{e}; the posts before this one are kept"),
            )
        };
        emit(ReadEvent::Reject(Reject::new(
            format!("{source}#{}", n + 1),
            "read",
            reason,
            Some(detail),
        )));
    }
}

/// Fails the read once one post (bytes since the last one ended) passes `max`, so
/// that a huge element is not parsed into memory whole.
struct PerRecord<'a, 'r> {
    inner: &'r mut dyn BufRead,
    since: &'a std::cell::Cell<u64>,
    max: u64,
}

impl std::io::Read for PerRecord<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.since.get() > self.max {
            return Err(std::io::Error::other("record larger than max_record_bytes"));
        }
        let n = self.inner.read(buf)?;
        self.since.set(self.since.get() + n as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    fn run(bytes: &[u8]) -> (Vec<Document>, Vec<Reject>) {
        let mut r = std::io::BufReader::new(bytes);
        crate::read::collect(|emit| read("p.json", &mut r, &ReadOptions::default(), emit))
    }

    #[test]
    fn array_of_posts_with_a_bad_one_and_a_cut() {
        let json = br#"[{"id":5,"date":"2019-03-02T10:00:00","link":"https://b.example/2019/03/02/x/",
          "title":{"rendered":"Coal &#038; iron"},"content":{"rendered":"<p>Text.</p>"},
          "_embedded":{"author":[{"name":"Jan Roe"}],"wp:term":[[{"name":"Trade"}],[{"name":"coal"}]]}},
          {"id":6,"title":{"rendered":"No content"}},
          {"id":7,"title":{"rendered":"T"},"content":{"rendered":"<p>x</p>"}}, {"id": 8, "title": "#;
        let (docs, rej) = run(json);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].source, "p.json#1");
        assert_eq!(docs[0].format, "wp-json");
        assert_eq!(
            docs[0].url.as_deref(),
            Some("https://b.example/2019/03/02/x/")
        );
        assert!(docs[0].text.contains("Jan Roe"));
        assert!(docs[0].text.contains("rel=\"category tag\">Trade<"));
        assert_eq!(rej.len(), 2);
        assert_eq!(
            (rej[0].source.as_str(), rej[0].reason.as_str()),
            ("p.json#2", "bad_post")
        );
        assert_eq!(
            (rej[1].source.as_str(), rej[1].reason.as_str()),
            ("p.json#4", "bad_json")
        );
    }

    #[test]
    fn autop_paragraphs() {
        let a = autop("One line\nsecond line\n\n<blockquote>Quoted</blockquote>\n\nLast");
        assert_eq!(
            a,
            "<p>One line<br />\nsecond line</p>\n<blockquote>Quoted</blockquote>\n<p>Last</p>\n"
        );
    }

    #[test]
    fn every_truncation_is_survived() {
        let json = "[{\"id\":1,\"title\":{\"rendered\":\"Kim’s\"},\"content\":{\"rendered\":\"<p>x</p>\"},\"link\":\"https://b.example/a/\"},{\"id\":2}]";
        for cut in 0..json.len() {
            let _ = run(&json.as_bytes()[..cut]);
        }
    }

    #[test]
    fn shortcodes() {
        assert_eq!(
            strip_shortcodes("A [caption id=\"x\" width=\"300\"]<img src=a> The port[/caption] B [embed]https://v.example/1[/embed]C [to be sent] [gallery ids=\"1,2\"]D ["),
            "A <img src=a> The port B C [to be sent] D ["
        );
    }
}

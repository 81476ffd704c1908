//! A small, tolerant HTML parser: tokenizer plus a forgiving tree builder.
//!
//! It never fails. Comments, doctypes and processing instructions are dropped,
//! CDATA becomes text, `script`/`style` (and other raw-text elements) keep their
//! content unparsed, void elements never take children, unclosed `p`/`li`/`td`…
//! are closed the way browsers close them, stray end tags are ignored, and nesting
//! deeper than [`MAX_DEPTH`] is flattened. Entities are decoded in text and
//! attribute values.

use super::entities;

/// Deepest element nesting kept; deeper elements become siblings.
pub const MAX_DEPTH: usize = 256;

/// Index of a node in [`Dom::nodes`].
pub type NodeId = usize;

/// What a node is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// The document root (index 0).
    Root,
    /// An element: lowercase tag name and attributes (lowercase names, decoded values).
    Element {
        /// Tag name, lowercase.
        name: String,
        /// Attributes in source order.
        attrs: Vec<(String, String)>,
    },
    /// Text, entities decoded, whitespace as written.
    Text(String),
}

/// A node of the tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// What it is.
    pub kind: NodeKind,
    /// Parent node (the root is its own parent).
    pub parent: NodeId,
    /// Children in document order.
    pub children: Vec<NodeId>,
}

/// A parsed document.
#[derive(Debug, Clone)]
pub struct Dom {
    /// Every node; index 0 is the root.
    pub nodes: Vec<Node>,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "isindex",
];

const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

impl Dom {
    /// Parses HTML text.
    pub fn parse(html: &str) -> Dom {
        let mut b = Builder {
            nodes: vec![Node {
                kind: NodeKind::Root,
                parent: 0,
                children: Vec::new(),
            }],
            stack: vec![0],
        };
        tokenize(html, &mut b);
        Dom { nodes: b.nodes }
    }

    /// The tag name of an element node, `""` for other nodes.
    pub fn name(&self, id: NodeId) -> &str {
        match self.nodes.get(id).map(|n| &n.kind) {
            Some(NodeKind::Element { name, .. }) => name,
            _ => "",
        }
    }

    /// An attribute of an element.
    pub fn attr(&self, id: NodeId, key: &str) -> Option<&str> {
        match self.nodes.get(id).map(|n| &n.kind) {
            Some(NodeKind::Element { attrs, .. }) => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// True when the element's `class` attribute holds the token `class`.
    pub fn has_class(&self, id: NodeId, class: &str) -> bool {
        self.attr(id, "class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|t| t == class))
    }

    /// The children of a node.
    pub fn children(&self, id: NodeId) -> &[NodeId] {
        self.nodes.get(id).map_or(&[], |n| n.children.as_slice())
    }

    /// The node and all its descendants, in document order.
    pub fn descendants(&self, id: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            out.push(n);
            for &c in self.children(n).iter().rev() {
                stack.push(c);
            }
        }
        out
    }

    /// Elements below `id` (inclusive) for which `pred` holds, in document order.
    pub fn find_all(&self, id: NodeId, pred: impl Fn(&Dom, NodeId) -> bool) -> Vec<NodeId> {
        self.descendants(id)
            .into_iter()
            .filter(|&n| matches!(self.nodes[n].kind, NodeKind::Element { .. }) && pred(self, n))
            .collect()
    }

    /// The first element below `id` (inclusive) for which `pred` holds.
    pub fn find(&self, id: NodeId, pred: impl Fn(&Dom, NodeId) -> bool) -> Option<NodeId> {
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            if matches!(self.nodes[n].kind, NodeKind::Element { .. }) && pred(self, n) {
                return Some(n);
            }
            for &c in self.children(n).iter().rev() {
                stack.push(c);
            }
        }
        None
    }

    /// True when `anc` is `id` or one of its ancestors.
    pub fn within(&self, id: NodeId, anc: NodeId) -> bool {
        let mut n = id;
        loop {
            if n == anc {
                return true;
            }
            let p = self.nodes.get(n).map_or(0, |x| x.parent);
            if p == n {
                return false;
            }
            n = p;
        }
    }

    /// All text below a node, concatenated as written (scripts and styles skipped).
    pub fn text(&self, id: NodeId) -> String {
        let mut out = String::new();
        for n in self.descendants(id) {
            if let NodeKind::Text(t) = &self.nodes[n].kind {
                let p = self.nodes[n].parent;
                if !matches!(self.name(p), "script" | "style" | "template") {
                    out.push_str(t);
                }
            }
        }
        out
    }

    /// The text below a node with whitespace runs collapsed to one space, trimmed.
    pub fn text_squashed(&self, id: NodeId) -> String {
        squash(&self.text(id))
    }
}

/// Collapses whitespace (including no-break spaces) to single spaces and trims.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

struct Builder {
    nodes: Vec<Node>,
    stack: Vec<NodeId>,
}

impl Builder {
    fn top(&self) -> NodeId {
        self.stack.last().copied().unwrap_or(0)
    }

    fn top_name(&self) -> &str {
        match &self.nodes[self.top()].kind {
            NodeKind::Element { name, .. } => name,
            _ => "",
        }
    }

    fn push_node(&mut self, kind: NodeKind) -> NodeId {
        let parent = self.top();
        let id = self.nodes.len();
        self.nodes.push(Node {
            kind,
            parent,
            children: Vec::new(),
        });
        self.nodes[parent].children.push(id);
        id
    }

    fn text(&mut self, t: String) {
        if t.is_empty() {
            return;
        }
        let top = self.top();
        if let Some(&last) = self.nodes[top].children.last() {
            if let NodeKind::Text(prev) = &mut self.nodes[last].kind {
                prev.push_str(&t);
                return;
            }
        }
        self.push_node(NodeKind::Text(t));
    }

    /// Position in the stack of the nearest open element named `name`, not crossing
    /// any of `barriers`.
    fn open_index(&self, name: &str, barriers: &[&str]) -> Option<usize> {
        for (i, &id) in self.stack.iter().enumerate().rev() {
            let n = match &self.nodes[id].kind {
                NodeKind::Element { name, .. } => name.as_str(),
                _ => return None,
            };
            if n == name {
                return Some(i);
            }
            if barriers.contains(&n) {
                return None;
            }
        }
        None
    }

    fn close_to(&mut self, i: usize) {
        if i >= 1 {
            self.stack.truncate(i);
        }
    }

    fn start(&mut self, name: String, attrs: Vec<(String, String)>, self_closing: bool) {
        // implied end tags
        let n = name.as_str();
        if CLOSES_P.contains(&n) {
            if let Some(i) = self.open_index("p", &["button", "table", "td", "th", "li", "div"]) {
                self.close_to(i);
            }
        }
        match n {
            "li" => {
                if let Some(i) = self.open_index("li", &["ul", "ol", "menu", "table"]) {
                    self.close_to(i);
                }
            }
            "dt" | "dd" => {
                if let Some(i) = self
                    .open_index("dd", &["dl", "table"])
                    .or_else(|| self.open_index("dt", &["dl", "table"]))
                {
                    self.close_to(i);
                }
            }
            "tr" => {
                if let Some(i) = self.open_index("tr", &["table"]) {
                    self.close_to(i);
                }
            }
            "td" | "th" => {
                if let Some(i) = self
                    .open_index("td", &["tr", "table"])
                    .or_else(|| self.open_index("th", &["tr", "table"]))
                {
                    self.close_to(i);
                }
            }
            "option" if self.top_name() == "option" => {
                self.stack.pop();
            }
            "a" => {
                // no nested links
                if let Some(i) = self.open_index("a", &["div", "p", "li", "td", "article"]) {
                    self.close_to(i);
                }
            }
            _ => {}
        }
        let void = VOID.contains(&n) || (self_closing && !RAW_TEXT.contains(&n));
        let id = self.push_node(NodeKind::Element { name, attrs });
        if !void && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
        }
    }

    fn end(&mut self, name: &str) {
        if name == "br" {
            // </br> is a line break, as browsers read it
            self.start("br".into(), Vec::new(), true);
            return;
        }
        if name == "p"
            && self
                .open_index("p", &["button", "table", "td", "th", "li", "div"])
                .is_none()
        {
            // a stray </p> makes an empty paragraph
            self.start("p".into(), Vec::new(), true);
            return;
        }
        if let Some(i) = self.open_index(name, &[]) {
            self.close_to(i);
        }
    }
}

fn lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    let first = n[0].to_ascii_lowercase();
    let mut i = 0;
    while i + n.len() <= h.len() {
        match memchr::memchr2(first, first.to_ascii_uppercase(), &h[i..=h.len() - n.len()]) {
            None => return None,
            Some(off) => {
                let at = i + off;
                if h[at..at + n.len()].eq_ignore_ascii_case(n) {
                    return Some(at);
                }
                i = at + 1;
            }
        }
    }
    None
}

/// Runs the tokenizer over `s`, feeding the builder.
fn tokenize(s: &str, b: &mut Builder) {
    let bytes = s.as_bytes();
    let mut pos = 0;
    let mut text_start = 0;
    while pos < bytes.len() {
        let Some(off) = memchr::memchr(b'<', &bytes[pos..]) else {
            break;
        };
        let lt = pos + off;
        let next = bytes.get(lt + 1).copied().unwrap_or(0);
        let is_tag = next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?';
        if !is_tag {
            pos = lt + 1;
            continue;
        }
        // flush text before the tag
        if lt > text_start {
            b.text(entities::decode(&s[text_start..lt]));
        }
        let rest = &s[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").map_or(s.len(), |e| lt + 4 + e + 3);
            pos = end;
            text_start = end;
            continue;
        }
        if rest.len() >= 9 && rest.as_bytes()[..9].eq_ignore_ascii_case(b"<![cdata[") {
            let body_start = lt + 9;
            let (body_end, end) = match s[body_start..].find("]]>") {
                Some(e) => (body_start + e, body_start + e + 3),
                None => (s.len(), s.len()),
            };
            b.text(s[body_start..body_end].to_string());
            pos = end;
            text_start = end;
            continue;
        }
        if next == b'!' || next == b'?' {
            let end = memchr::memchr(b'>', &bytes[lt..]).map_or(s.len(), |e| lt + e + 1);
            pos = end;
            text_start = end;
            continue;
        }
        if next == b'/' {
            // end tag
            let name_start = lt + 2;
            let name_end = bytes[name_start..]
                .iter()
                .position(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
                .map_or(bytes.len(), |e| name_start + e);
            let end = memchr::memchr(b'>', &bytes[lt..]).map_or(s.len(), |e| lt + e + 1);
            let name = lower(&s[name_start..name_end]);
            if !name.is_empty() {
                b.end(&name);
            }
            pos = end;
            text_start = end;
            continue;
        }
        // start tag
        let (name, attrs, self_closing, end) = start_tag(s, lt);
        let raw = RAW_TEXT.contains(&name.as_str());
        let raw_name = name.clone();
        b.start(name, attrs, self_closing);
        pos = end;
        text_start = end;
        if raw && !self_closing {
            // raw text up to the matching end tag
            let close = format!("</{raw_name}");
            let (body_end, after) = match find_ci(&s[end..], &close) {
                Some(e) => {
                    let at = end + e;
                    let gt = memchr::memchr(b'>', &bytes[at..]).map_or(s.len(), |g| at + g + 1);
                    (at, gt)
                }
                None => (s.len(), s.len()),
            };
            let body = &s[end..body_end];
            let text = if matches!(raw_name.as_str(), "title" | "textarea") {
                entities::decode(body)
            } else {
                body.to_string()
            };
            b.text(text);
            b.end(&raw_name);
            pos = after;
            text_start = after;
        }
    }
    if text_start < s.len() {
        b.text(entities::decode(&s[text_start..]));
    }
}

/// Reads a start tag at `lt` (which holds `<` followed by a letter): name, attributes,
/// whether it ends in `/>`, and the offset after `>`.
fn start_tag(s: &str, lt: usize) -> (String, Vec<(String, String)>, bool, usize) {
    let bytes = s.as_bytes();
    let mut i = lt + 1;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/'
    {
        i += 1;
    }
    let name = lower(&s[lt + 1..i]);
    let mut attrs: Vec<(String, String)> = Vec::new();
    let mut self_closing = false;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() {
            return (name, attrs, self_closing, bytes.len());
        }
        match bytes[i] {
            b'>' => return (name, attrs, self_closing, i + 1),
            b'/' => {
                self_closing = bytes.get(i + 1) == Some(&b'>');
                i += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let k0 = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'>')
            && (bytes[i] != b'/' || bytes.get(i + 1) != Some(&b'>'))
        {
            i += 1;
        }
        if i == k0 {
            // a lone '=' or similar junk
            i += 1;
            continue;
        }
        let key = lower(&s[k0..i]);
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let v0 = i + 1;
                    let v1 = memchr::memchr(q, &bytes[v0..]).map_or(bytes.len(), |e| v0 + e);
                    value = entities::decode(&s[v0..v1]);
                    i = (v1 + 1).min(bytes.len());
                }
                Some(_) => {
                    let v0 = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = entities::decode(&s[v0..i]);
                }
                None => {}
            }
        }
        if attrs.len() < 64 && !attrs.iter().any(|(k, _)| *k == key) {
            attrs.push((key, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(d: &Dom, id: NodeId) -> Vec<String> {
        d.children(id)
            .iter()
            .map(|&c| d.name(c).to_string())
            .collect()
    }

    #[test]
    fn unclosed_paragraphs_and_lists() {
        let d = Dom::parse("<div><p>one<p>two<ul><li>a<li>b</ul></div>");
        let div = d.find(0, |d, n| d.name(n) == "div").unwrap();
        assert_eq!(names(&d, div), vec!["p", "p", "ul"]);
        let ul = d.find(0, |d, n| d.name(n) == "ul").unwrap();
        assert_eq!(names(&d, ul), vec!["li", "li"]);
    }

    #[test]
    fn script_comment_cdata_entities() {
        let d = Dom::parse(
            "<p>a<script>if (a<b) {x='</p>'}</script>b<!-- <p>hidden</p> -->c<![CDATA[<d>]]> &amp; &#8217;</p>",
        );
        let p = d.find(0, |d, n| d.name(n) == "p").unwrap();
        assert_eq!(d.text(p), "abc<d> & ’");
    }

    #[test]
    fn attributes_and_stray_tags() {
        let d = Dom::parse(
            "<a HREF=\"/x?a=1&amp;b=2\" class='entry-title  big' data-x=1 disabled>T</a></span></b>after",
        );
        let a = d.find(0, |d, n| d.name(n) == "a").unwrap();
        assert_eq!(d.attr(a, "href"), Some("/x?a=1&b=2"));
        assert!(d.has_class(a, "entry-title"));
        assert_eq!(d.attr(a, "disabled"), Some(""));
        assert_eq!(d.text(0), "Tafter");
    }

    #[test]
    fn deep_nesting_and_truncation() {
        let html = "<div>".repeat(10_000) + "x";
        let d = Dom::parse(&html);
        assert_eq!(d.text(0), "x");
        let d = Dom::parse("<p class=\"a");
        assert_eq!(d.text(0), "");
        let d = Dom::parse("a < b and c<3 <!ŭŭŭŭŭŭ <");
        assert_eq!(d.text(0), "a < b and c<3 ");
        let d = Dom::parse("a < b and c<3 <");
        assert_eq!(d.text(0), "a < b and c<3 <");
    }
}

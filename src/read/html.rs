//! Saved web pages: the page is kept whole as the document text (format `html`);
//! its URL comes from `<link rel="canonical">` or `og:url`.

/// The URL a page states for itself, from the raw bytes of the page.
pub(super) fn url_of(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(256 << 10)];
    let text = String::from_utf8_lossy(head);
    crate::posts::html::page_url(&text).filter(|u| !u.is_empty())
}

#[cfg(test)]
mod tests {
    #[test]
    fn canonical_then_og_url() {
        let page = b"<html><head><meta property=\"og:url\" content=\"https://a.example/og/\"><link rel=\"canonical\" href=\"https://a.example/c/\"></head><body>x</body></html>";
        assert_eq!(super::url_of(page).as_deref(), Some("https://a.example/c/"));
        let page = b"<html><head><meta property=\"og:url\" content=\"https://a.example/og/\"></head></html>";
        assert_eq!(
            super::url_of(page).as_deref(),
            Some("https://a.example/og/")
        );
        assert_eq!(super::url_of(b"<p>no head</p>"), None);
    }
}

//! Bytes to text: BOMs, UTF-16, invalid UTF-8 and line endings.

/// Decoded page text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, line endings normalised to `\n`.
    pub text: String,
    /// True when invalid sequences were replaced by U+FFFD.
    pub lossy: bool,
}

/// Decodes bytes as UTF-8 (or UTF-16 when a BOM says so), replacing invalid
/// sequences, dropping a BOM and normalising `\r\n` and `\r` to `\n`.
///
/// # Examples
/// ```
/// let d = nkecon::read::decode_text(b"a\r\nb\xff");
/// assert_eq!(d.text, "a\nb\u{fffd}");
/// assert!(d.lossy);
/// ```
pub fn decode_text(bytes: &[u8]) -> Decoded {
    let (text, lossy) = if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        utf8(rest)
    } else if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        utf16(rest, u16::from_be_bytes)
    } else {
        utf8(bytes)
    };
    Decoded {
        text: normalize_newlines(text),
        lossy,
    }
}

fn utf8(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
    }
}

fn utf16(bytes: &[u8], conv: fn([u8; 2]) -> u16) -> (String, bool) {
    let units = bytes.chunks(2).map(|c| {
        if c.len() == 2 {
            conv([c[0], c[1]])
        } else {
            0xfffd
        }
    });
    let mut lossy = bytes.len() % 2 == 1;
    let text = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                lossy = true;
                '\u{fffd}'
            })
        })
        .collect();
    (text, lossy)
}

/// Turns `\r\n` and lone `\r` into `\n`; returns the input unchanged when it has no `\r`.
pub fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xff, 0xfe];
        for u in "Ch’aeha\r\n".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        let d = decode_text(&b);
        assert_eq!(d.text, "Ch’aeha\n");
        assert!(!d.lossy);
    }

    #[test]
    fn lone_cr_and_bom() {
        let d = decode_text(b"\xef\xbb\xbfa\rb");
        assert_eq!(d.text, "a\nb");
        assert!(!d.lossy);
    }
}

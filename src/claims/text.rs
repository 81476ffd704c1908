//! Word tokens of a sentence with byte offsets and a quotation mask.

use std::borrow::Cow;

/// A token of a sentence: a word (letters, digits, inner apostrophes, hyphens and the dots
/// of `U.S.`) or a single punctuation character.
#[derive(Debug, Clone)]
pub struct Tok<'a> {
    /// Byte offset in the body.
    pub s: usize,
    /// Byte offset one past the end.
    pub e: usize,
    /// The token as written.
    pub t: &'a str,
    /// True for words, false for punctuation.
    pub word: bool,
    /// True when the token lies inside double quotation marks (the marks included).
    pub quoted: bool,
    /// `t.to_lowercase()`, computed on first use (borrowed when `t` is already lower
    /// case): most tokens are never asked for it.
    lo: std::cell::OnceCell<Cow<'a, str>>,
}

impl Tok<'_> {
    /// The token lower-cased (as `str::to_lowercase`), without allocating.
    pub fn lower(&self) -> &str {
        self.lo.get_or_init(|| lower_token(self.t))
    }

    /// The word lower-cased, without a possessive `’s` / `'s` / trailing apostrophe.
    pub fn base(&self) -> String {
        let mut t = self.t;
        for suf in ["’s", "'s", "’", "'"] {
            if let Some(x) = t.strip_suffix(suf) {
                t = x;
                break;
            }
        }
        t.to_lowercase()
    }

    /// Starts with an upper-case letter (or a digit-led name such as "38 North" is not).
    pub fn capitalised(&self) -> bool {
        self.t.chars().next().is_some_and(|c| c.is_uppercase())
    }

    /// Is this punctuation token one of `chars`?
    pub fn is_punct(&self, chars: &[&str]) -> bool {
        !self.word && chars.contains(&self.t)
    }
}

/// Per-byte "inside double quotes" state of `text[start..end]`, computed from the start of
/// the paragraph so that a quotation opened in an earlier sentence is seen.
pub fn quote_mask(text: &str, start: usize, end: usize) -> Vec<bool> {
    let span = text.get(start..end).unwrap_or("");
    let mut mask = vec![false; span.len()];
    // Without a quotation mark nothing is quoted ('"', or “ ” (E2 80 9C/9D), « » (C2 AB/BB)).
    let b = span.as_bytes();
    let any_mark = memchr::memchr(b'"', b).is_some()
        || memchr::memchr2_iter(0xE2, 0xC2, b).any(|i| {
            matches!(
                (b[i], b.get(i + 1), b.get(i + 2)),
                (0xE2, Some(0x80), Some(0x9C | 0x9D)) | (0xC2, Some(0xAB | 0xBB), _)
            )
        });
    if !any_mark {
        return mask;
    }
    let mut depth: i32 = 0;
    let mut straight_open = false;
    let mut i = 0;
    while i < b.len() {
        // plain ASCII other than '"' only takes the current state
        if b[i] < 0x80 && b[i] != b'"' {
            mask[i] = depth > 0;
            i += 1;
            continue;
        }
        let Some(c) = span.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let inside;
        match c {
            '“' | '«' => {
                depth += 1;
                inside = true;
            }
            '”' | '»' => {
                inside = depth > 0;
                depth = (depth - 1).max(0);
            }
            '"' => {
                if straight_open {
                    inside = true;
                    straight_open = false;
                    depth = (depth - 1).max(0);
                } else {
                    straight_open = true;
                    depth += 1;
                    inside = true;
                }
            }
            _ => inside = depth > 0,
        }
        if let Some(m) = mask.get_mut(i..i + c.len_utf8()) {
            m.fill(inside);
        }
        i += c.len_utf8();
    }
    mask
}

use crate::dates::lower_token;

/// ASCII letters and digits, by byte (non-ASCII bytes: false).
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

fn word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Tokenises `text[start..end]`; `mask` (relative to `mask_base`) marks quoted bytes.
pub fn tokenize<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    mask: &[bool],
    mask_base: usize,
) -> Vec<Tok<'a>> {
    let Some(span) = text.get(start..end) else {
        return Vec::new();
    };
    let quoted = |pos: usize| -> bool {
        pos.checked_sub(mask_base)
            .and_then(|i| mask.get(i))
            .copied()
            .unwrap_or(false)
    };
    // Byte offsets throughout; every offset is on a char boundary of `span`.
    let bytes = span.as_bytes();
    let char_at = |pos: usize| match bytes.get(pos) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => span.get(pos..).and_then(|r| r.chars().next()),
        None => None,
    };
    let tok = |i: usize, e: usize, word: bool| {
        let t = span.get(i..e).unwrap_or("");
        Tok {
            s: start + i,
            e: start + e,
            t,
            lo: std::cell::OnceCell::new(),
            word,
            quoted: quoted(start + i),
        }
    };
    let mut out = Vec::with_capacity(span.len() / 5 + 1);
    let mut k = 0;
    while k < bytes.len() {
        let b0 = bytes[k];
        // ASCII fast paths: spaces, letters and digits, punctuation
        if b0 < 0x80 {
            if matches!(b0, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
                k += 1;
                continue;
            }
            if !b0.is_ascii_alphanumeric() {
                out.push(tok(k, k + 1, false));
                k += 1;
                continue;
            }
        }
        let Some(c) = char_at(k) else {
            break;
        };
        let i = k;
        if c.is_whitespace() {
            k += c.len_utf8();
            continue;
        }
        if word_char(c) {
            let mut j = k + c.len_utf8();
            loop {
                while j < bytes.len() && ASCII_ALNUM[usize::from(bytes[j])] {
                    j += 1;
                }
                let Some(d) = char_at(j) else {
                    break;
                };
                if word_char(d) {
                    j += d.len_utf8();
                    continue;
                }
                let after = j + d.len_utf8();
                let next = char_at(after);
                // inner apostrophe / hyphen: NK’s, Hye-rin, P'yongyang
                if matches!(d, '’' | '\'' | '-' | '‑') && next.is_some_and(word_char) {
                    j = after;
                    continue;
                }
                // dots of acronyms and initials: U.S., U.N., N.
                if d == '.' {
                    let word = &span[k..j];
                    let acr = word.chars().all(|x| x.is_uppercase() || x == '.')
                        && word.chars().filter(|x| x.is_alphabetic()).count() <= 4;
                    if acr && (next.is_some_and(|x| x.is_uppercase()) || word.contains('.')) {
                        j = after;
                        continue;
                    }
                }
                // trailing possessive apostrophe: companies’
                if matches!(d, '’' | '\'')
                    && span[..j].ends_with('s')
                    && !next.is_some_and(word_char)
                {
                    j = after;
                }
                break;
            }
            out.push(tok(i, j, true));
            k = j;
        } else {
            let e = i + c.len_utf8();
            out.push(tok(i, e, false));
            k = e;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_quotes() {
        let t = "“It rose,” said the U.S. official’s aide.";
        let m = quote_mask(t, 0, t.len());
        let toks = tokenize(t, 0, t.len(), &m, 0);
        let words: Vec<&str> = toks.iter().filter(|x| x.word).map(|x| x.t).collect();
        assert_eq!(
            words,
            vec!["It", "rose", "said", "the", "U.S.", "official’s", "aide"]
        );
        assert!(toks[1].quoted);
        assert!(!toks.iter().find(|x| x.t == "said").unwrap().quoted);
    }
}

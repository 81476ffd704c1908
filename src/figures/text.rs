//! The text being scanned, with an ASCII-lowercased copy (same byte offsets) and
//! small cursor helpers. Every returned offset lies on a `char` boundary.

pub(crate) use crate::swar::{letter_bits, HI};

/// A text and its lowercased bytes.
pub(crate) struct Text<'a> {
    /// The original text.
    pub s: &'a str,
    /// Its bytes.
    pub b: &'a [u8],
    /// ASCII-lowercased bytes (non-ASCII bytes unchanged).
    pub lc: Vec<u8>,
}

impl<'a> Text<'a> {
    /// Wraps `s`.
    pub fn new(s: &'a str) -> Self {
        Text {
            s,
            b: s.as_bytes(),
            lc: s.as_bytes().to_ascii_lowercase(),
        }
    }

    /// Length in bytes of the horizontal space at `i` (space, tab, no-break or thin space), else 0.
    pub fn space_len(&self, i: usize) -> usize {
        match self.b.get(i) {
            Some(b' ' | b'\t') => 1,
            Some(0xC2) if self.b.get(i + 1) == Some(&0xA0) => 2,
            Some(0xE2)
                if self.b.get(i + 1) == Some(&0x80)
                    && matches!(self.b.get(i + 2), Some(0x89 | 0xAF | 0xA8)) =>
            {
                // thin space, narrow no-break space (0xA8 is the line separator: treat as space)
                3
            }
            _ => 0,
        }
    }

    /// Skips horizontal spaces forward.
    pub fn skip_sp(&self, mut i: usize) -> usize {
        loop {
            let l = self.space_len(i);
            if l == 0 {
                return i;
            }
            i += l;
        }
    }

    /// Skips horizontal spaces backward (returns the position after the last non-space).
    pub fn skip_sp_back(&self, mut i: usize) -> usize {
        loop {
            match i.checked_sub(1).and_then(|k| self.b.get(k)) {
                Some(b' ' | b'\t') => i -= 1,
                Some(0xA0) if i >= 2 && self.b[i - 2] == 0xC2 => i -= 2,
                _ => return i,
            }
        }
    }

    /// The char starting at `i` (`None` at the end or off a char boundary).
    pub fn char_at(&self, i: usize) -> Option<char> {
        match self.b.get(i) {
            // an ASCII byte is a whole char
            Some(&c) if c < 0x80 => Some(char::from(c)),
            _ => self.s.get(i..).and_then(|r| r.chars().next()),
        }
    }

    /// The char ending at `i` (`None` at the start or off a char boundary).
    pub fn char_before(&self, i: usize) -> Option<char> {
        match i.checked_sub(1).and_then(|j| self.b.get(j)) {
            // an ASCII byte is a whole char, and no continuation byte follows it: `i`
            // is a boundary
            Some(&c) if c < 0x80 => Some(char::from(c)),
            _ => self.s.get(..i).and_then(|r| r.chars().next_back()),
        }
    }

    /// A word of letters starting at `i`: `(i, end)`; `end == i` when there is none.
    pub fn word_at(&self, i: usize) -> (usize, usize) {
        let mut e = i;
        while e < self.b.len() {
            // eight ASCII letters at a time
            if let Some(chunk) = self.b.get(e..).and_then(|r| r.first_chunk::<8>()) {
                let other = !letter_bits(u64::from_le_bytes(*chunk)) & HI;
                if other == 0 {
                    e += 8;
                    continue;
                }
                e += (other.trailing_zeros() / 8) as usize;
            }
            let c = self.b[e];
            if c.is_ascii_alphabetic() {
                e += 1;
            } else if c >= 0x80 {
                match self.char_at(e) {
                    Some(ch) if ch.is_alphabetic() => e += ch.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        (i, e)
    }

    /// A word that may hold inner hyphens and apostrophes ("kilowatt-hours", "o'clock").
    pub fn hword_at(&self, i: usize) -> (usize, usize) {
        let (_, mut e) = self.word_at(i);
        if e == i {
            return (i, i);
        }
        while e + 1 < self.b.len() && matches!(self.b[e], b'-' | b'\'') {
            let (_, e2) = self.word_at(e + 1);
            if e2 == e + 1 {
                break;
            }
            e = e2;
        }
        (i, e)
    }

    /// The word of letters ending at `i`: `(start, i)`; `start == i` when there is none.
    pub fn word_before(&self, i: usize) -> (usize, usize) {
        let mut s = i;
        while s > 0 {
            // eight ASCII letters at a time
            if let Some(chunk) = s
                .checked_sub(8)
                .and_then(|lo| self.b.get(lo..s))
                .and_then(|r| r.first_chunk::<8>())
            {
                let other = !letter_bits(u64::from_le_bytes(*chunk)) & HI;
                if other == 0 {
                    s -= 8;
                    continue;
                }
                // past the letters after the last non-letter
                s -= (other.leading_zeros() / 8) as usize;
            }
            let c = self.b[s - 1];
            if c.is_ascii_alphabetic() {
                s -= 1;
            } else if c >= 0x80 {
                match self.char_before(s) {
                    Some(ch) if ch.is_alphabetic() => s -= ch.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        (s, i)
    }

    /// The previous word separated from `i` by spaces only (hyphenated words whole):
    /// `(start, end)` or `None` at punctuation or the start of the text.
    pub fn prev_word(&self, i: usize) -> Option<(usize, usize)> {
        self.prev_word_to(i, self.skip_sp_back(i))
    }

    /// [`Text::prev_word`] at `i`, `e` being `skip_sp_back(i)` (callers that need both
    /// read the spaces once).
    pub fn prev_word_to(&self, i: usize, e: usize) -> Option<(usize, usize)> {
        if e == i && i > 0 && !self.b[i - 1].is_ascii_alphabetic() {
            // no space: only a letter directly before counts (callers check that case)
            return None;
        }
        let (mut s, e) = self.word_before(e);
        if s == e {
            return None;
        }
        while s >= 2 && matches!(self.b[s - 1], b'-') && self.b[s - 2].is_ascii_alphabetic() {
            let (s2, _) = self.word_before(s - 1);
            s = s2;
        }
        Some((s, e))
    }

    /// The previous word, also across one `.` after a short abbreviation ("Nov. 1", "No. 3").
    /// `e` is `skip_sp_back(i)` and `prev` is [`Text::prev_word`] at `i` (callers that
    /// need them all read each once).
    pub fn prev_word_abbr(
        &self,
        i: usize,
        e: usize,
        prev: Option<(usize, usize)>,
    ) -> Option<(usize, usize)> {
        if e == i || e == 0 {
            return None;
        }
        if self.b[e - 1] == b'.' {
            let (s, we) = self.word_before(e - 1);
            if we > s && we - s <= 4 {
                return Some((s, we));
            }
            return None;
        }
        prev
    }

    /// True when the lowercased text at `i` starts with `pat` and a word boundary follows.
    pub fn lc_word_at(&self, i: usize, pat: &[u8]) -> bool {
        self.lc.get(i..i + pat.len()) == Some(pat)
            && !self
                .b
                .get(i + pat.len())
                .is_some_and(|c| c.is_ascii_alphanumeric())
    }

    /// Start of the sentence holding `i` (after `. `, `? `, `! `, or a newline), at most `max` bytes back.
    pub fn sentence_start(&self, i: usize, max: usize) -> usize {
        let lo = i.saturating_sub(max);
        // the last newline of the window; a stop after it ends the sentence before
        let nl = memchr::memrchr(b'\n', &self.b[lo..i]).map(|p| lo + p);
        // a stop at `q` followed by a space starts the sentence at `q + 2`, which must lie
        // in `lo + 1..=i` and after the newline: `q` in `floor..=i - 2`
        let floor = nl.map_or(lo.saturating_sub(1), |p| p + 1);
        let mut top = i.saturating_sub(1);
        while top > floor {
            let Some(p) = memchr::memrchr3(b'.', b'?', b'!', &self.b[floor..top]) else {
                break;
            };
            let q = floor + p;
            if self.b[q + 1] == b' ' {
                // not after a one-letter or abbreviation ("U.S. dollars", "No. 1")
                let (ws, we) = self.word_before(q);
                let abbr = we > ws && we - ws <= 3 && self.b[ws].is_ascii_uppercase();
                let abbr = abbr
                    || (we > ws && matches!(&self.lc[ws..we], b"no" | b"nov" | b"sept" | b"vol"));
                if !abbr {
                    return q + 2;
                }
            }
            top = q;
        }
        if let Some(p) = nl {
            return p + 1;
        }
        let mut k = lo;
        // step to a char boundary
        while !self.s.is_char_boundary(k) {
            k += 1;
        }
        k
    }

    /// End of the sentence holding `i`, at most `max` bytes ahead.
    pub fn sentence_end(&self, i: usize, max: usize) -> usize {
        let hi = (i + max).min(self.b.len());
        let mut k = i;
        while k < hi {
            let c = self.b[k];
            if c == b'\n' {
                return k;
            }
            if matches!(c, b'.' | b'?' | b'!')
                && matches!(self.b.get(k + 1), None | Some(b' ' | b'\n'))
            {
                return k + 1;
            }
            k += 1;
        }
        while !self.s.is_char_boundary(k) {
            k -= 1;
        }
        k
    }

    /// Start of the paragraph (line) holding `i`, bounded.
    pub fn paragraph_start(&self, i: usize, max: usize) -> usize {
        let lo = i.saturating_sub(max);
        let mut k = match memchr::memrchr(b'\n', &self.b[lo..i]) {
            Some(p) => lo + p + 1,
            None => lo,
        };
        while !self.s.is_char_boundary(k) {
            k += 1;
        }
        k
    }

    /// Start of the paragraph before the one holding `i` (so the window spans two paragraphs), bounded.
    pub fn context_start(&self, i: usize, max: usize) -> usize {
        let lo = i.saturating_sub(max);
        let mut k = i;
        let mut newlines_seen = 0;
        while let Some(p) = memchr::memrchr(b'\n', &self.b[lo..k]) {
            k = lo + p;
            // a blank line counts once
            if !(k >= 1 && self.b[k - 1] == b'\n') {
                newlines_seen += 1;
                if newlines_seen == 2 {
                    return k + 1;
                }
            }
        }
        k = lo;
        while !self.s.is_char_boundary(k) {
            k += 1;
        }
        k
    }

    /// End of the paragraph holding `i`, bounded.
    pub fn paragraph_end(&self, i: usize, max: usize) -> usize {
        let hi = (i + max).min(self.b.len());
        match memchr::memchr(b'\n', &self.b[i..hi]) {
            Some(p) => i + p,
            None => {
                let mut k = hi;
                while !self.s.is_char_boundary(k) {
                    k -= 1;
                }
                k
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::Rng;

    #[test]
    fn char_at_and_before_agree_with_str() {
        for s in ["", "a", "ŭa", "a—b", "𝄞x", "x “y” z"] {
            let t = Text::new(s);
            for i in 0..s.len() + 2 {
                assert_eq!(
                    t.char_at(i),
                    s.get(i..).and_then(|r| r.chars().next()),
                    "{s:?} {i}"
                );
                assert_eq!(
                    t.char_before(i),
                    s.get(..i).and_then(|r| r.chars().next_back()),
                    "{s:?} {i}"
                );
            }
        }
    }

    /// [`Text::prev_word_to`] and [`Text::prev_word_abbr`], given the spaces read once,
    /// find what reading them afresh at each call finds.
    #[test]
    fn prev_words_with_spaces_read_once() {
        let pieces = [
            "Nov", ".", " ", "  ", "\u{a0}", "ab", "x", "-", "3", "\n", "No", "won",
        ];
        let mut rng = Rng(0x7f4a_7c15_9e37_79b9);
        let mut found = 0;
        for _ in 0..3000 {
            let n = 1 + rng.below(8);
            let s = rng.text(&pieces, n);
            let t = Text::new(&s);
            for i in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                let e = t.skip_sp_back(i);
                let prev = t.prev_word(i);
                assert_eq!(t.prev_word_to(i, e), prev, "{s:?} {i}");
                // the reading of the abbreviation, spaces read afresh
                let e2 = t.skip_sp_back(i);
                let want = if e2 == i || e2 == 0 {
                    None
                } else if t.b[e2 - 1] == b'.' {
                    let (ws, we) = t.word_before(e2 - 1);
                    (we > ws && we - ws <= 4).then_some((ws, we))
                } else {
                    prev
                };
                assert_eq!(t.prev_word_abbr(i, e, prev), want, "{s:?} {i}");
                found += usize::from(want.is_some());
            }
        }
        assert!(found > 1000, "{found}");
    }

    /// The byte walk [`Text::sentence_start`] replaces (test oracle).
    fn sentence_start_walk(t: &Text, i: usize, max: usize) -> usize {
        let lo = i.saturating_sub(max);
        let mut k = i;
        while k > lo {
            let c = t.b[k - 1];
            if c == b'\n' {
                return k;
            }
            if c == b' ' && k >= 2 && matches!(t.b[k - 2], b'.' | b'?' | b'!') {
                let (ws, we) = t.word_before(k - 2);
                let abbr = we > ws && we - ws <= 3 && t.b[ws].is_ascii_uppercase();
                let abbr =
                    abbr || (we > ws && matches!(&t.lc[ws..we], b"no" | b"nov" | b"sept" | b"vol"));
                if !abbr {
                    return k;
                }
            }
            k -= 1;
        }
        while !t.s.is_char_boundary(k) {
            k += 1;
        }
        k
    }

    /// The byte walk [`Text::context_start`] replaces (test oracle).
    fn context_start_walk(t: &Text, i: usize, max: usize) -> usize {
        let lo = i.saturating_sub(max);
        let mut k = i;
        let mut newlines_seen = 0;
        while k > lo {
            if t.b[k - 1] == b'\n' && !(k >= 2 && t.b[k - 2] == b'\n') {
                newlines_seen += 1;
                if newlines_seen == 2 {
                    return k;
                }
            }
            k -= 1;
        }
        while !t.s.is_char_boundary(k) {
            k += 1;
        }
        k
    }

    #[test]
    fn sentence_and_context_starts_match_the_byte_walk() {
        let pieces = [
            "a", "Word", " ", ". ", ".", "? ", "!", "\n", "\n\n", "U.S. ", "No. ", "vol. ", "x",
            "\u{e9}", "\u{2013}", "7",
        ];
        let mut rng = Rng(7);
        for _ in 0..400 {
            let s = rng.text(&pieces, 40);
            let t = Text::new(&s);
            for i in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                for max in [0, 1, 5, 17, 600] {
                    assert_eq!(
                        t.sentence_start(i, max),
                        sentence_start_walk(&t, i, max),
                        "{s:?} at {i} max {max}"
                    );
                    assert_eq!(
                        t.context_start(i, max),
                        context_start_walk(&t, i, max),
                        "{s:?} at {i} max {max}"
                    );
                }
            }
        }
    }

    #[test]
    fn words_match_the_byte_walk() {
        let pieces = [
            "a",
            "Word",
            "x",
            "7",
            " ",
            ",",
            "seventeen",
            "\u{e9}",
            "\u{2013}",
            "\u{4e2d}",
            "-",
            "\n",
            "ABCDEFGHIJ",
            "\u{b0}",
            "'",
        ];
        let mut rng = Rng(99);
        for _ in 0..300 {
            let s = rng.text(&pieces, 30);
            let t = Text::new(&s);
            let alpha = |ch: Option<char>| ch.is_some_and(char::is_alphabetic);
            for i in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                let mut e = i;
                while alpha(t.char_at(e)) {
                    e += t.char_at(e).map_or(1, char::len_utf8);
                }
                assert_eq!(t.word_at(i), (i, e), "{s:?} at {i}");
                let mut b = i;
                while alpha(t.char_before(b)) {
                    b -= t.char_before(b).map_or(1, char::len_utf8);
                }
                assert_eq!(t.word_before(i), (b, i), "{s:?} before {i}");
            }
        }
    }
}

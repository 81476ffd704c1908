//! Word tokens of a sentence with byte offsets and a quotation mask.

use std::borrow::Cow;

/// A token of a sentence: a word (letters, digits, inner apostrophes, hyphens and the dots
/// of `U.S.`) or a single punctuation character.
#[derive(Debug, Clone, Copy)]
pub struct Tok<'a> {
    /// Byte offset in the body.
    pub s: usize,
    /// Byte offset one past the end.
    pub e: usize,
    /// The token as written.
    pub t: &'a str,
    /// `t.to_lowercase()`: `t` itself when lower-casing changes nothing, else a slice of
    /// the buffer given to [`tokenize`].
    lo: &'a str,
    /// True for words, false for punctuation.
    pub word: bool,
    /// True when the token lies inside double quotation marks (the marks included).
    pub quoted: bool,
    /// The first char is upper-case.
    cap: bool,
    /// A word of ASCII letters only.
    letters: bool,
}

impl<'a> Tok<'a> {
    /// The token lower-cased (as `str::to_lowercase`).
    #[inline]
    pub fn lower(&self) -> &str {
        self.lo
    }

    /// The word lower-cased, without a possessive `’s` / `'s` / trailing apostrophe
    /// (borrowed from the lower-cased form unless the word is outside ASCII).
    pub fn base(&self) -> Cow<'a, str> {
        for suf in ["’s", "'s", "’", "'"] {
            if let Some(x) = self.t.strip_suffix(suf) {
                // an ASCII stem lower-cases byte for byte: it is the start of `lo`
                return match self.lo.get(..x.len()) {
                    Some(l) if x.is_ascii() => Cow::Borrowed(l),
                    _ => Cow::Owned(x.to_lowercase()),
                };
            }
        }
        Cow::Borrowed(self.lo)
    }

    /// Starts with an upper-case letter (or a digit-led name such as "38 North" is not).
    #[inline]
    pub fn capitalised(&self) -> bool {
        self.cap
    }

    /// A word of ASCII letters only (no digit, apostrophe, hyphen, dot or other char).
    #[inline]
    pub fn ascii_letters(&self) -> bool {
        self.letters
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

/// A quick necessary test for membership in a fixed word list: a word can be in the list
/// only if some listed word has its length, its first two bytes, and some listed word its
/// length, first and last bytes (bytes compared on their low five bits, so ASCII case does
/// not matter). Most words fail it after two table loads.
pub struct Shapes([u32; 1024], [u32; 1024]);

impl Shapes {
    /// No words.
    pub const EMPTY: Shapes = Shapes([0; 1024], [0; 1024]);

    /// The shapes of `words` added to `self` (build with `Shapes::EMPTY.with(..)`).
    pub const fn with(mut self, words: &[&str]) -> Shapes {
        let mut i = 0;
        while i < words.len() {
            let b = words[i].as_bytes();
            self.0[Self::key(b, 1)] |= Self::bit(b);
            self.1[Self::key(b, b.len().saturating_sub(1))] |= Self::bit(b);
            i += 1;
        }
        self
    }

    /// Index of the first byte and byte `k` (0 for a missing byte).
    const fn key(b: &[u8], k: usize) -> usize {
        let b0 = if b.is_empty() { 0 } else { b[0] & 31 };
        let bk = if k < b.len() { b[k] & 31 } else { 0 };
        (b0 as usize) << 5 | bk as usize
    }

    /// The length's bit (lengths 32 apart share one: a false "maybe", never a false "no").
    const fn bit(b: &[u8]) -> u32 {
        1u32.wrapping_shl(b.len() as u32)
    }

    /// False when `w` is surely none of the words; true when it may be one.
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let bit = Self::bit(b);
        self.0[Self::key(b, 1)] & bit != 0
            && self.1[Self::key(b, b.len().saturating_sub(1))] & bit != 0
    }
}

use crate::dates::lower;

/// Byte classes of the tokenizer: ASCII whitespace (as `char::is_whitespace`), other
/// ASCII punctuation, lower-case letters and digits (`LOWER`, digits also `DIGIT`),
/// capitals; `WIDE` starts or continues a multi-byte char (decoded and classed by char).
const SPACE: u8 = 1;
const PUNCT: u8 = 2;
const LOWER: u8 = 4;
const UPPER: u8 = 8;
const WIDE: u8 = 16;
const DIGIT: u8 = 32;
const ALNUM: u8 = LOWER | UPPER;
static CLASS: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            SPACE
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_digit() {
            LOWER | DIGIT
        } else if c.is_ascii_alphanumeric() {
            LOWER
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

use crate::swar::{digit_bits, letter_bits, upper_bits, HI};

/// Where the run of ASCII letters and digits starting at `j` ends, and whether it holds
/// a capital or a digit (its bytes' `UPPER` and `DIGIT` class bits, ORed).
///
/// Eight bytes at a time: the end of a short word is found without the byte loop's
/// exit branch, which the CPU mispredicts once per word.
#[inline(always)]
fn alnum_run(bytes: &[u8], mut j: usize) -> (usize, u8) {
    let mut class = 0u8;
    while let Some(c) = bytes.get(j..).and_then(|r| r.first_chunk::<8>()) {
        let w = u64::from_le_bytes(*c);
        let (digit, upper) = (digit_bits(w), upper_bits(w));
        let stop = !(digit | letter_bits(w)) & HI;
        // the bytes of the run in this word: all eight, or those before the first stop
        let run = if stop == 0 {
            u64::MAX
        } else {
            ((stop & stop.wrapping_neg()) >> 7).wrapping_sub(1)
        };
        class |= (UPPER * u8::from(upper & run != 0)) | (DIGIT * u8::from(digit & run != 0));
        if stop != 0 {
            return (j + (stop.trailing_zeros() / 8) as usize, class);
        }
        j += 8;
    }
    // the last few bytes of the span
    while let Some(&b) = bytes.get(j) {
        let c = CLASS[usize::from(b)];
        if c & ALNUM == 0 {
            break;
        }
        class |= c & (UPPER | DIGIT);
        j += 1;
    }
    (j, class)
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A buffer that [`tokenize_with`] reuses from call to call (the list of a sentence's
/// lower-cased tokens), so that it is not allocated and grown for every sentence.
#[derive(Default)]
pub struct Scratch {
    /// Tokens lowered into the caller's buffer: (token index, range in the buffer).
    lowered: Vec<(usize, usize, usize)>,
}

/// Tokenises `text[start..end]`; `mask` (relative to `mask_base`) marks quoted bytes.
/// Tokens whose lower-cased form differs from the text get it written to `buf`.
pub fn tokenize<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    mask: &[bool],
    mask_base: usize,
    buf: &'a mut String,
) -> Vec<Tok<'a>> {
    tokenize_with(
        text,
        start,
        end,
        mask,
        mask_base,
        buf,
        &mut Scratch::default(),
    )
}

/// [`tokenize`] with the reusable buffer `scratch`.
pub fn tokenize_with<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    mask: &[bool],
    mask_base: usize,
    buf: &'a mut String,
    scratch: &mut Scratch,
) -> Vec<Tok<'a>> {
    buf.clear();
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
    // Tokens lowered into `buf`: (token index, range in `buf`). (Taken out of `scratch`
    // for the loop: pushing through `&mut scratch` there costs more than it saves.)
    let mut lowered = std::mem::take(&mut scratch.lowered);
    lowered.clear();
    let mut out: Vec<Tok<'a>> = Vec::with_capacity(span.len() / 4 + 2);
    let mut k = 0;
    while k < bytes.len() {
        let i = k;
        let cl = CLASS[usize::from(bytes[k])];
        if cl == SPACE {
            k += 1;
            continue;
        }
        if cl == PUNCT {
            k += 1;
            out.push(Tok {
                s: start + i,
                e: start + k,
                t: span.get(i..k).unwrap_or(""),
                lo: span.get(i..k).unwrap_or(""),
                word: false,
                quoted: quoted(start + i),
                cap: false,
                letters: false,
            });
            continue;
        }
        // the common word: ASCII letters and digits ended by the span's end or an ASCII
        // byte that continues no word (not an apostrophe, hyphen or dot)
        if cl != WIDE {
            let (j, run) = alnum_run(bytes, k + 1);
            let class = cl | run;
            let ends = match bytes.get(j) {
                None => true,
                Some(&b) => b < 0x80 && !matches!(b, b'\'' | b'-' | b'.'),
            };
            if ends {
                let t = span.get(i..j).unwrap_or("");
                if class & UPPER != 0 {
                    let a = buf.len();
                    buf.push_str(t);
                    if let Some(l) = buf.get_mut(a..) {
                        l.make_ascii_lowercase();
                    }
                    lowered.push((out.len(), a, buf.len()));
                }
                out.push(Tok {
                    s: start + i,
                    e: start + j,
                    t,
                    lo: t,
                    word: true,
                    quoted: quoted(start + i),
                    cap: cl == UPPER,
                    letters: class & DIGIT == 0,
                });
                // (most words are followed by a space)
                k = j + usize::from(bytes.get(j) == Some(&b' '));
                continue;
            }
        }
        // a word: `class` ORs the ASCII classes of its bytes; `wide`: it has a non-ASCII
        // char (then lower-cased by `lower`); `joined`: it has an apostrophe, hyphen or dot
        let (cap, mut class, mut wide);
        let mut joined = false;
        if cl == WIDE {
            let Some(c) = char_at(k) else {
                break;
            };
            k += c.len_utf8();
            if c.is_whitespace() {
                continue;
            }
            if !word_char(c) {
                let t = span.get(i..k).unwrap_or("");
                if let std::borrow::Cow::Owned(l) = lower(t) {
                    lowered.push((out.len(), buf.len(), buf.len() + l.len()));
                    buf.push_str(&l);
                }
                out.push(Tok {
                    s: start + i,
                    e: start + k,
                    t,
                    lo: t,
                    word: false,
                    quoted: quoted(start + i),
                    cap: c.is_uppercase(),
                    letters: false,
                });
                continue;
            }
            (cap, class, wide) = (c.is_uppercase(), 0, true);
        } else {
            k += 1;
            (cap, class, wide) = (cl == UPPER, cl, false);
        }
        let mut j = k;
        loop {
            while let Some(&b) = bytes.get(j) {
                let cl = CLASS[usize::from(b)];
                if cl & ALNUM == 0 {
                    break;
                }
                class |= cl;
                j += 1;
            }
            // only letters and digits, apostrophes, hyphens and dots continue a word
            match bytes.get(j) {
                None => break,
                Some(&b) if b < 0x80 && !matches!(b, b'\'' | b'-' | b'.') => break,
                _ => {}
            }
            let Some(d) = char_at(j) else {
                break;
            };
            if word_char(d) {
                wide = true;
                j += d.len_utf8();
                continue;
            }
            if !matches!(d, '’' | '\'' | '-' | '‑' | '.') {
                break;
            }
            let after = j + d.len_utf8();
            let next = char_at(after);
            // inner apostrophe / hyphen: NK’s, Hye-rin, P'yongyang
            if matches!(d, '’' | '\'' | '-' | '‑') && next.is_some_and(word_char) {
                wide |= !d.is_ascii();
                joined = true;
                j = after;
                continue;
            }
            // dots of acronyms and initials: U.S., U.N., N.
            if d == '.' {
                let word = span.get(i..j).unwrap_or("");
                let acr = word.chars().all(|x| x.is_uppercase() || x == '.')
                    && word.chars().filter(|x| x.is_alphabetic()).count() <= 4;
                if acr && (next.is_some_and(|x| x.is_uppercase()) || word.contains('.')) {
                    joined = true;
                    j = after;
                    continue;
                }
            }
            // trailing possessive apostrophe: companies’
            if matches!(d, '’' | '\'')
                && span.get(..j).is_some_and(|w| w.ends_with('s'))
                && !next.is_some_and(word_char)
            {
                wide |= !d.is_ascii();
                joined = true;
                j = after;
            }
            break;
        }
        let t = span.get(i..j).unwrap_or("");
        if wide {
            if let std::borrow::Cow::Owned(l) = lower(t) {
                lowered.push((out.len(), buf.len(), buf.len() + l.len()));
                buf.push_str(&l);
            }
        } else if class & UPPER != 0 {
            let a = buf.len();
            buf.push_str(t);
            if let Some(l) = buf.get_mut(a..) {
                l.make_ascii_lowercase();
            }
            lowered.push((out.len(), a, buf.len()));
        }
        out.push(Tok {
            s: start + i,
            e: start + j,
            t,
            lo: t,
            word: true,
            quoted: quoted(start + i),
            cap,
            letters: !wide && !joined && class & DIGIT == 0,
        });
        k = j;
    }
    let buf: &'a String = buf;
    for &(ti, a, b) in lowered.iter() {
        if let (Some(t), Some(l)) = (out.get_mut(ti), buf.get(a..b)) {
            t.lo = l;
        }
    }
    scratch.lowered = lowered;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_quotes() {
        let t = "“It rose,” said the U.S. official’s aide.";
        let m = quote_mask(t, 0, t.len());
        let mut buf = String::new();
        let toks = tokenize(t, 0, t.len(), &m, 0, &mut buf);
        let words: Vec<&str> = toks.iter().filter(|x| x.word).map(|x| x.t).collect();
        assert_eq!(
            words,
            vec!["It", "rose", "said", "the", "U.S.", "official’s", "aide"]
        );
        assert!(toks[1].quoted);
        assert!(!toks.iter().find(|x| x.t == "said").unwrap().quoted);
    }

    /// Random sentences of ASCII and other words (some lower-casing to other lengths),
    /// punctuation and quotation marks.
    fn random_sentence(rng: &mut crate::test_rng::Rng) -> String {
        const PIECES: &[&str] = &[
            "the ",
            "The ",
            "U.S. ",
            "NK’s ",
            "Kim ",
            "KIM ",
            "said",
            " ",
            " ",
            ", ",
            ". ",
            "“",
            "”",
            "\"",
            "İstanbul",
            "ÉTAT ",
            "Σ",
            "«",
            "»",
            "é",
            "x",
            "Ⱥ",
            "ΟΔΟΣ",
            "’s ",
            "'",
            "-",
            "Hye-rin ",
            "38 ",
            "Q1 ",
            "naïve ",
            "—",
            "Ⓐ",
            "mid-2018 ",
            "N. ",
            "AB",
        ];
        let n = 1 + rng.below(30);
        rng.text(PIECES, n)
    }

    #[test]
    fn reused_scratch_tokenizes_as_a_fresh_one() {
        let mut rng = crate::test_rng::Rng(0x7a3c_91e5_0b2d_4f68);
        let (mut buf, mut fresh_buf) = (String::new(), String::new());
        let mut scratch = Scratch::default();
        for _ in 0..20_000 {
            let t = random_sentence(&mut rng);
            let m = quote_mask(&t, 0, t.len());
            let a = rng.below(t.len() / 2 + 1);
            let a = (a..t.len()).find(|&i| t.is_char_boundary(i)).unwrap_or(0);
            let reused = tokenize_with(&t, a, t.len(), &m, 0, &mut buf, &mut scratch);
            let fresh = tokenize(&t, a, t.len(), &m, 0, &mut fresh_buf);
            assert_eq!(format!("{reused:?}"), format!("{fresh:?}"), "{t:?}");
            for x in &reused {
                assert_eq!(x.lower(), x.t.to_lowercase(), "{t:?} {}", x.t);
            }
        }
    }

    #[test]
    fn alnum_run_matches_a_byte_loop() {
        // the run and its classes from std's ASCII tests (not from the CLASS table)
        fn byte_loop(bytes: &[u8], j: usize) -> (usize, u8) {
            let run = bytes.get(j..).unwrap_or_default();
            let n = run.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            let run = &run[..n];
            let upper = UPPER * u8::from(run.iter().any(u8::is_ascii_uppercase));
            let digit = DIGIT * u8::from(run.iter().any(u8::is_ascii_digit));
            (j + n, upper | digit)
        }
        // every byte value, and runs of every length around the eight-byte steps
        let mut rng = crate::test_rng::Rng(0x51c3_0a9e_77d2_1b46);
        const ALPHABET: &[u8] = b"abcXYZ0189aaaaeeeeZZ/:@[`{ .-'\x7f\x80\xc3\xe2\xff";
        for _ in 0..50_000 {
            let n = rng.below(40);
            let bytes: Vec<u8> = (0..n)
                .map(|_| {
                    if rng.below(8) == 0 {
                        rng.below(256) as u8
                    } else {
                        ALPHABET[rng.below(ALPHABET.len())]
                    }
                })
                .collect();
            for j in 0..=n {
                assert_eq!(
                    alnum_run(&bytes, j),
                    byte_loop(&bytes, j),
                    "{bytes:?} at {j}"
                );
            }
        }
    }

    #[test]
    fn shapes_never_miss_a_listed_word() {
        const LIST: &[&str] = &["said", "according", "if", "x", "far"];
        static S: Shapes = Shapes::EMPTY
            .with(LIST)
            .with(&["internationalisation-wide"]);
        for w in LIST {
            assert!(S.may_contain(w));
        }
        assert!(S.may_contain("SAID"));
        assert!(S.may_contain("internationalisation-wide"));
        // a word of the same length sharing the first two and the last letters: "maybe"
        assert!(S.may_contain("sand"));
        // length, first two or first and last letters differ
        for w in [
            "sai",
            "saidx",
            "sxid",
            "it",
            "fir",
            "fat",
            "sain",
            "",
            "according-",
        ] {
            assert!(!S.may_contain(w), "{w}");
        }
    }

    #[test]
    fn lower_and_capitalised_as_written_form() {
        let t = "The U.S. and İstanbul’s ÉTAT «Σ» said: Daily NK’s 38 North, ΟΔΟΣ’s Kims' x—Ⓐ'S. \
                 Q1 mid-2018 year-on-year 2x x2 naïve U.N N. Hye-rin P'yongyang.";
        let m = quote_mask(t, 0, t.len());
        let mut buf = String::from("stale");
        let toks = tokenize(t, 0, t.len(), &m, 0, &mut buf);
        assert!(toks.len() > 15);
        for x in &toks {
            assert_eq!(x.lower(), x.t.to_lowercase(), "{}", x.t);
            let cap = x.t.chars().next().is_some_and(|c| c.is_uppercase());
            assert_eq!(x.capitalised(), cap, "{}", x.t);
            let letters = x.word && x.t.bytes().all(|b| b.is_ascii_alphabetic());
            assert_eq!(x.ascii_letters(), letters, "{}", x.t);
        }
        for x in &toks {
            let mut stem = x.t;
            for suf in ["’s", "'s", "’", "'"] {
                if let Some(s) = stem.strip_suffix(suf) {
                    stem = s;
                    break;
                }
            }
            assert_eq!(x.base(), stem.to_lowercase(), "{}", x.t);
        }
        let lowered: Vec<&str> = toks.iter().map(|x| x.lower()).collect();
        assert!(lowered.contains(&"i̇stanbul’s"));
        assert!(lowered.contains(&"u.s."));
        assert!(!lowered.contains(&"stale"));
    }
}

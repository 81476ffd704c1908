//! Words of a sentence, with figures as single tokens, and the small grammars read
//! from them: period expressions and country mentions.

use super::period::{Shape, Spec, YearSpec};
use crate::model::{Figure, FigureKind};

/// One token: a word, or a whole figure.
#[derive(Debug, Clone)]
pub struct Tok<'a> {
    /// Lowercased word (empty for a figure): borrowed from the text when already lower
    /// case, else from the sentence's buffer of lowered words.
    pub lo: &'a str,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Followed by a possessive `'s` / `’s`.
    pub poss: bool,
    /// What the punctuation between the previous token and this one holds (`PRE_*` bits).
    pre: u8,
    /// Index of the figure this token stands for.
    pub fig: Option<usize>,
    /// [`Keys::hash`] of `lo`, computed once for the many word lists a token is looked up in.
    key: u16,
}

/// A clause-breaking mark: `,` `;` `:` `(` `)` `[` `]`, an em dash, or a hyphen or en
/// dash followed by a space.
const PRE_COMMA: u8 = 1;
/// `;` `:` or an em dash.
const PRE_STRONG: u8 = 2;
/// `/`.
const PRE_SLASH: u8 = 4;
/// `-`.
const PRE_HYPHEN: u8 = 8;
/// `–` (en dash).
const PRE_EN: u8 = 16;
/// `—` (em dash).
const PRE_EM: u8 = 32;

/// `a == b` for the short words of the lexicons, inline: most pairs differ in
/// length or first byte, and a call to `memcmp` per pair cost more than the test.
#[inline]
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.first() == b.first() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// A filter on a word list (a bit per hash of the first, second and last byte and the
/// length): most words are turned away without being compared to each entry.
#[derive(Debug, Clone, Copy)]
pub struct Keys([u64; 64]);

impl Keys {
    /// No word.
    pub const EMPTY: Keys = Keys([0; 64]);

    /// The filter's hash of a word (12 bits): that of `w`, lowered as ASCII when `lower`.
    #[inline]
    const fn hash_bytes(b: &[u8], lower: bool) -> u16 {
        let n = b.len();
        let x = if n == 0 {
            0
        } else {
            let (mut first, mut second, mut last) = (b[0], if n > 1 { b[1] } else { 0 }, b[n - 1]);
            if lower {
                first = first.to_ascii_lowercase();
                second = second.to_ascii_lowercase();
                last = last.to_ascii_lowercase();
            }
            (first as u32)
                | (second as u32) << 8
                | (last as u32) << 16
                | ((if n > 255 { 255 } else { n }) as u32) << 24
        };
        (x.wrapping_mul(0x9E37_79B1) >> 20) as u16
    }

    /// The filter's hash of `w`.
    #[inline]
    pub const fn hash(w: &str) -> u16 {
        Keys::hash_bytes(w.as_bytes(), false)
    }

    /// The filter with `w` added.
    pub const fn with(self, w: &str) -> Keys {
        let mut m = self.0;
        let h = Keys::hash(w);
        m[(h >> 6) as usize] |= 1 << (h & 63);
        Keys(m)
    }

    /// The filter with every word of `ws` added.
    pub const fn with_all(self, ws: &[&str]) -> Keys {
        let mut k = self;
        let mut i = 0;
        while i < ws.len() {
            k = k.with(ws[i]);
            i += 1;
        }
        k
    }

    /// The filter of the words of both.
    pub const fn union(self, other: Keys) -> Keys {
        let mut m = self.0;
        let mut i = 0;
        while i < m.len() {
            m[i] |= other.0[i];
            i += 1;
        }
        Keys(m)
    }

    /// False when the word of hash `h` (see [`Keys::hash`]) is surely none of the words added.
    #[inline]
    fn may_hold_hash(&self, h: u16) -> bool {
        self.0
            .get(usize::from(h >> 6))
            .is_some_and(|m| m & (1 << (h & 63)) != 0)
    }
}

/// A word list with its [`Keys`] filter.
#[derive(Debug, Clone, Copy)]
pub struct WordSet {
    keys: Keys,
    words: &'static [&'static str],
}

impl WordSet {
    /// The set of `words`.
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            keys: Keys::EMPTY.with_all(words),
            words,
        }
    }
}

impl Tok<'_> {
    /// True when the token is the word `w`.
    #[inline]
    pub fn is(&self, w: &str) -> bool {
        self.fig.is_none() && same(self.lo, w)
    }

    /// True when the token is one of `ws`.
    #[inline(always)]
    pub fn any(&self, ws: &[&str]) -> bool {
        if self.fig.is_some() {
            return false;
        }
        for w in ws {
            if same(self.lo, w) {
                return true;
            }
        }
        false
    }

    /// True when the token is one of the words of `set`.
    #[inline]
    pub fn in_set(&self, set: &WordSet) -> bool {
        self.fig.is_none()
            && set.keys.may_hold_hash(self.key)
            && set.words.iter().any(|x| same(x, self.lo))
    }

    /// False when the token's word is surely none of the words of `keys` (its hash is
    /// computed once, when the token is made).
    #[inline]
    pub fn may_be_in(&self, keys: &Keys) -> bool {
        keys.may_hold_hash(self.key)
    }

    /// True when a clause-breaking mark (`,` `;` `:` `(` `)` dash) precedes the token.
    #[inline]
    pub fn comma_before(&self) -> bool {
        self.pre & PRE_COMMA != 0
    }

    /// True when `;` or `:` precedes the token.
    #[inline]
    pub fn strong_break_before(&self) -> bool {
        self.pre & PRE_STRONG != 0
    }

    /// True when a `/` precedes the token.
    #[inline]
    pub fn slash_before(&self) -> bool {
        self.pre & PRE_SLASH != 0
    }

    /// True when a hyphen or en dash precedes the token.
    #[inline]
    pub fn dash_before(&self) -> bool {
        self.pre & (PRE_HYPHEN | PRE_EN) != 0
    }

    /// True when a hyphen, en dash or em dash precedes the token.
    #[inline]
    pub fn any_dash_before(&self) -> bool {
        self.pre & (PRE_HYPHEN | PRE_EN | PRE_EM) != 0
    }
}

/// Where a sentence's tokens keep the words that lowering changes; reused from one
/// sentence to the next.
#[derive(Debug, Default)]
pub struct Lowered {
    /// The lowered words, one after the other (the general tokenizer); the sentence
    /// lowered as ASCII (the fast one).
    text: String,
    /// Words of the fast tokenizer whose lowering is not ASCII, one after the other.
    extra: String,
    /// (token index, range in `text` or `extra`) of each lowered word.
    at: Vec<(usize, usize, usize)>,
}

impl Lowered {
    /// Room for sentences of `n` bytes without growing.
    pub fn with_capacity(n: usize) -> Lowered {
        Lowered {
            text: String::with_capacity(n),
            ..Lowered::default()
        }
    }
}

/// Splits `text[start..end]` into tokens; figures (by byte span) become single tokens.
/// Lowered words that differ from the text are written to `buf`.
pub fn tokenize<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    figures: &[Figure],
    buf: &'a mut Lowered,
) -> Vec<Tok<'a>> {
    tokenize_window(text, start, end, figures, 0..figures.len(), buf)
}

/// ASCII word bytes: 1 for a digit or lowercase letter, 3 for an uppercase letter, 0 else.
const ASCII_WORD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_uppercase() {
            t[b] = 3;
        } else if c.is_ascii_alphanumeric() {
            t[b] = 1;
        }
        b += 1;
    }
    t
};

/// The `PRE_*` bits an ASCII mark that is not a space sets.
const ASCII_PRE: [u8; 128] = {
    let mut t = [0u8; 128];
    t[b',' as usize] = PRE_COMMA;
    t[b'(' as usize] = PRE_COMMA;
    t[b')' as usize] = PRE_COMMA;
    t[b'[' as usize] = PRE_COMMA;
    t[b']' as usize] = PRE_COMMA;
    t[b';' as usize] = PRE_COMMA | PRE_STRONG;
    t[b':' as usize] = PRE_COMMA | PRE_STRONG;
    t[b'/' as usize] = PRE_SLASH;
    t[b'-' as usize] = PRE_HYPHEN;
    t
};

/// The last kind of mark written to a token's punctuation, for the "- " and "– " breaks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Empty,
    Space,
    Dash,
    Other,
}

/// [`tokenize`], looking only at `figures[window]` (indices stay those of `figures`):
/// with figures in body order, a sentence needs only its own, which keeps a post
/// with many sentences linear instead of quadratic.
pub fn tokenize_window<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    figures: &[Figure],
    window: std::ops::Range<usize>,
    buf: &'a mut Lowered,
) -> Vec<Tok<'a>> {
    let end_c = end.min(text.len());
    let Some(slice) = text.get(start..end_c) else {
        return Vec::new();
    };
    let from = window.start.min(figures.len());
    let to = window.end.clamp(from, figures.len());
    let inside = |f: &&Figure| f.start >= start && f.end <= end_c && f.start < f.end;
    // The figures are plain when, in window order, each starts after the one before
    // ends, on character boundaries, and not at an `s` (a possessive's could swallow
    // it): then the text between them is tokenized piece by piece.
    let mut prev_end = start;
    let plain = figures[from..to].iter().filter(inside).all(|f| {
        let ok = f.start >= prev_end
            && slice.is_char_boundary(f.start - start)
            && slice.is_char_boundary(f.end - start)
            && slice.as_bytes().get(f.start - start) != Some(&b's');
        prev_end = f.end;
        ok
    });
    if !plain {
        return tokenize_general(text, start, end, figures, window, buf);
    }
    let Lowered {
        text: low,
        extra,
        at,
    } = buf;
    low.clear();
    low.push_str(slice);
    low.make_ascii_lowercase();
    extra.clear();
    at.clear();
    let low: &'a str = low;
    let mut out: Vec<Tok<'a>> = Vec::with_capacity(slice.len() / 5 + 1);
    let mut pre = 0u8;
    let mut last = Last::Empty;
    let mut i = 0;
    for (idx, f) in figures[from..to].iter().enumerate() {
        if !inside(&f) {
            continue;
        }
        let fs = f.start - start;
        words_between(slice, low, i, fs, &mut pre, &mut last, &mut out, extra, at);
        out.push(Tok {
            lo: "",
            cap: false,
            poss: false,
            pre,
            fig: Some(from + idx),
            key: Keys::hash(""),
        });
        pre = 0;
        last = Last::Empty;
        i = f.end - start;
    }
    words_between(
        slice,
        low,
        i,
        slice.len(),
        &mut pre,
        &mut last,
        &mut out,
        extra,
        at,
    );
    if !at.is_empty() {
        let extra: &str = extra;
        for &(k, s, e) in at.iter() {
            if let (Some(t), Some(lo)) = (out.get_mut(k), extra.get(s..e)) {
                t.lo = lo;
            }
        }
    }
    out
}

/// The tokens of `slice[i..stop]` (no figure in it), `slice` lowered as ASCII being
/// `low`: the loop of [`tokenize_general`] without figures, a word at a time.
/// Words whose lowering is not ASCII go to `extra` (`at` records where).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn words_between<'a>(
    slice: &'a str,
    low: &'a str,
    mut i: usize,
    stop: usize,
    pre: &mut u8,
    last: &mut Last,
    out: &mut Vec<Tok<'a>>,
    extra: &mut String,
    at: &mut Vec<(usize, usize, usize)>,
) {
    let bytes = slice.as_bytes();
    let stop = stop.min(bytes.len());
    while i < stop {
        let b = bytes[i];
        let mut class = 0;
        if b < 0x80 {
            class = ASCII_WORD[usize::from(b)];
            if class == 0 {
                if matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
                    if *last != Last::Empty {
                        if *last == Last::Dash {
                            *pre |= PRE_COMMA;
                        }
                        *last = Last::Space;
                    }
                } else {
                    *pre |= ASCII_PRE[usize::from(b)];
                    *last = if b == b'-' { Last::Dash } else { Last::Other };
                }
                i += 1;
                continue;
            }
        } else {
            let Some(c) = slice.get(i..).and_then(|r| r.chars().next()) else {
                return;
            };
            let n = c.len_utf8();
            if !alphanumeric(c) {
                if !c.is_whitespace() {
                    *pre |= match c {
                        '—' => PRE_COMMA | PRE_STRONG | PRE_EM,
                        '–' => PRE_EN,
                        _ => 0,
                    };
                    *last = if c == '–' { Last::Dash } else { Last::Other };
                } else if *last != Last::Empty {
                    if *last == Last::Dash {
                        *pre |= PRE_COMMA;
                    }
                    *last = Last::Space;
                }
                i += n;
                continue;
            }
        }
        // A word starts at `i`: ASCII runs, and letters or digits beyond ASCII.
        let s = i;
        let mut ascii = true;
        if class != 0 {
            i += 1;
        }
        loop {
            i = crate::swar::alnum_end(bytes.get(..stop).unwrap_or_default(), i).max(i);
            if i < stop && bytes[i] >= 0x80 {
                if let Some(c) = slice.get(i..).and_then(|r| r.chars().next()) {
                    if alphanumeric(c) {
                        ascii = false;
                        i += c.len_utf8();
                        continue;
                    }
                }
            }
            break;
        }
        let e = i;
        let mut poss = false;
        if e < stop {
            if bytes[e] == b'\'' {
                if possessive(slice, e + 1) {
                    poss = true;
                    i = e + 2;
                }
            } else if bytes[e] == 0xE2
                && slice.get(e..).is_some_and(|r| r.starts_with('’'))
                && possessive(slice, e + 3)
            {
                poss = true;
                i = e + 4;
            }
        }
        let (lo, key, cap) = if ascii {
            let lo = low.get(s..e).unwrap_or_default();
            let cap = ASCII_WORD[usize::from(bytes[s])] == 3;
            (lo, Keys::hash(lo), cap)
        } else {
            let w = slice.get(s..e).unwrap_or_default();
            let cap = w.chars().next().is_some_and(char::is_uppercase);
            match crate::dates::lower(w) {
                std::borrow::Cow::Borrowed(_) => (w, Keys::hash(w), cap),
                std::borrow::Cow::Owned(l) => {
                    let b0 = extra.len();
                    extra.push_str(&l);
                    at.push((out.len(), b0, extra.len()));
                    ("", Keys::hash(&l), cap)
                }
            }
        };
        out.push(Tok {
            lo,
            cap,
            poss,
            pre: *pre,
            fig: None,
            key,
        });
        *pre = 0;
        *last = Last::Empty;
        // A space right after a word changes nothing (`last` is empty).
        if i < stop && bytes[i] == b' ' {
            i += 1;
        }
    }
}

/// [`tokenize_window`] for any figures (overlapping, in no order, splitting characters).
fn tokenize_general<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    figures: &[Figure],
    window: std::ops::Range<usize>,
    buf: &'a mut Lowered,
) -> Vec<Tok<'a>> {
    let Lowered {
        text: lowered, at, ..
    } = buf;
    lowered.clear();
    at.clear();
    let out: Vec<Tok<'a>> = Vec::with_capacity(end.saturating_sub(start) / 5 + 1);
    let end = end.min(text.len());
    let Some(slice) = text.get(start..end) else {
        return out;
    };
    let from = window.start.min(figures.len());
    let to = window.end.clamp(from, figures.len());
    let mut figs: Vec<(usize, &Figure)> = figures[from..to]
        .iter()
        .enumerate()
        .map(|(i, f)| (from + i, f))
        .filter(|(_, f)| f.start >= start && f.end <= end && f.start < f.end)
        .collect();
    figs.sort_by_key(|(_, f)| f.start);
    let mut words = Words {
        out,
        slice,
        lowered,
        at,
    };
    let bytes = slice.as_bytes();
    let mut fi = 0;
    let mut pre = 0u8;
    let mut last = Last::Empty;
    // The word being read: its start, whether it is ASCII, whether it has an uppercase ASCII letter.
    let mut word_start: Option<usize> = None;
    let mut ascii = true;
    let mut upper = false;
    let mut i = 0;
    // Where the next figure starts or the one being passed ends (relative to `start`):
    // before it the figures need no look.
    let mut edge = 0;
    while i < bytes.len() {
        if i >= edge {
            let abs = start + i;
            while fi < figs.len() && figs[fi].1.end <= abs {
                fi += 1;
            }
            // A figure starts here: emit it whole.
            if fi < figs.len() && figs[fi].1.start == abs {
                if let Some(s) = word_start.take() {
                    words.push(s, i, ascii, upper, pre);
                    pre = 0;
                }
                let (idx, f) = figs[fi];
                words.out.push(Tok {
                    lo: "",
                    cap: false,
                    poss: false,
                    pre,
                    fig: Some(idx),
                    key: Keys::hash(""),
                });
                pre = 0;
                last = Last::Empty;
                fi += 1;
                // Skip the figure's characters.
                i = f.end - start;
                while i < bytes.len() && !slice.is_char_boundary(i) {
                    i += 1;
                }
                continue;
            }
            edge = match figs.get(fi) {
                Some((_, f)) if f.start > abs => f.start - start,
                Some((_, f)) => f.end - start,
                None => usize::MAX,
            };
        }
        let b = bytes[i];
        if b < 0x80 {
            let class = ASCII_WORD[usize::from(b)];
            if class != 0 {
                if word_start.is_none() {
                    word_start = Some(i);
                    ascii = true;
                    upper = false;
                }
                // The rest of the ASCII run, up to where the next figure starts or ends.
                let stop = edge.min(bytes.len());
                let run = bytes.get(i + 1..stop).unwrap_or_default();
                let mut k = 0;
                let mut seen = class;
                while k < run.len() {
                    let class = ASCII_WORD[usize::from(run[k])];
                    if class == 0 {
                        break;
                    }
                    seen |= class;
                    k += 1;
                }
                upper |= seen & 2 != 0;
                i += 1 + k;
                continue;
            }
            if let Some(s) = word_start {
                // Possessive 's / s'
                if b == b'\'' && possessive(slice, i + 1) {
                    words.push(s, i, ascii, upper, pre);
                    word_start = None;
                    pre = 0;
                    last = Last::Empty;
                    if let Some(t) = words.out.last_mut() {
                        t.poss = true;
                    }
                    i += 2;
                    continue;
                }
                words.push(s, i, ascii, upper, pre);
                word_start = None;
                pre = 0;
                last = Last::Empty;
            }
            if matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
                if last != Last::Empty {
                    if last == Last::Dash {
                        pre |= PRE_COMMA;
                    }
                    last = Last::Space;
                }
            } else {
                pre |= ASCII_PRE[usize::from(b)];
                last = if b == b'-' { Last::Dash } else { Last::Other };
            }
            i += 1;
            continue;
        }
        let Some(c) = slice.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let n = c.len_utf8();
        if c.is_alphanumeric() {
            if word_start.is_none() {
                word_start = Some(i);
                upper = false;
            }
            ascii = false;
            i += n;
            continue;
        }
        if let Some(s) = word_start {
            if c == '’' && possessive(slice, i + n) {
                words.push(s, i, ascii, upper, pre);
                word_start = None;
                pre = 0;
                last = Last::Empty;
                if let Some(t) = words.out.last_mut() {
                    t.poss = true;
                }
                i += n + 1;
                continue;
            }
            words.push(s, i, ascii, upper, pre);
            word_start = None;
            pre = 0;
            last = Last::Empty;
        }
        if !c.is_whitespace() {
            pre |= match c {
                '—' => PRE_COMMA | PRE_STRONG | PRE_EM,
                '–' => PRE_EN,
                _ => 0,
            };
            last = if c == '–' { Last::Dash } else { Last::Other };
        } else if last != Last::Empty {
            if last == Last::Dash {
                pre |= PRE_COMMA;
            }
            last = Last::Space;
        }
        i += n;
    }
    if let Some(s) = word_start {
        words.push(s, bytes.len(), ascii, upper, pre);
    }
    let Words {
        mut out,
        lowered,
        at,
        ..
    } = words;
    let lowered: &'a str = lowered;
    for &(k, s, e) in at.iter() {
        if let (Some(t), Some(lo)) = (out.get_mut(k), lowered.get(s..e)) {
            t.lo = lo;
        }
    }
    out
}

/// True when `slice[i..]` is the `s` of a possessive: an `s` not followed by a letter
/// or digit.
#[inline]
fn possessive(slice: &str, i: usize) -> bool {
    let bytes = slice.as_bytes();
    if bytes.get(i) != Some(&b's') {
        return false;
    }
    match bytes.get(i + 1) {
        None => true,
        Some(&b) if b < 0x80 => ASCII_WORD[usize::from(b)] == 0,
        Some(_) => !slice
            .get(i + 1..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_alphanumeric),
    }
}

/// The tokens of a sentence being read, and where its lowered words go.
struct Words<'a, 'b> {
    out: Vec<Tok<'a>>,
    slice: &'a str,
    lowered: &'b mut String,
    at: &'b mut Vec<(usize, usize, usize)>,
}

impl Words<'_, '_> {
    /// Appends the word `slice[s..e]` (lowered into `lowered` when that changes it;
    /// `at` records where) with the punctuation `pre` before it.
    #[inline(always)]
    fn push(&mut self, s: usize, e: usize, ascii: bool, upper: bool, pre: u8) {
        let w = self.slice.get(s..e).unwrap_or_default();
        let (lo, key, cap) = if ascii && !upper {
            (w, Keys::hash(w), false)
        } else if ascii {
            let b0 = self.lowered.len();
            self.lowered.push_str(w);
            self.lowered[b0..].make_ascii_lowercase();
            self.at.push((self.out.len(), b0, self.lowered.len()));
            let cap = w.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
            ("", Keys::hash_bytes(w.as_bytes(), true), cap)
        } else {
            let cap = w.chars().next().is_some_and(char::is_uppercase);
            match crate::dates::lower(w) {
                std::borrow::Cow::Borrowed(_) => (w, Keys::hash(w), cap),
                std::borrow::Cow::Owned(l) => {
                    let b0 = self.lowered.len();
                    self.lowered.push_str(&l);
                    self.at.push((self.out.len(), b0, self.lowered.len()));
                    ("", Keys::hash(&l), cap)
                }
            }
        };
        self.out.push(Tok {
            lo,
            cap,
            poss: false,
            pre,
            fig: None,
            key,
        });
    }
}

/// True when `toks[i..]` starts with the words `ws`.
pub fn at(toks: &[Tok], i: usize, ws: &[&str]) -> bool {
    ws.iter()
        .enumerate()
        .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.is(w)))
}

/// True when the figure is a money amount in US dollars; returns its value.
pub fn usd(f: &Figure) -> Option<f64> {
    if f.kind != FigureKind::Money {
        return None;
    }
    if let Some(v) = f.value_usd {
        return Some(v);
    }
    if f.unit.as_deref() == Some("USD") {
        return f.value;
    }
    None
}

use crate::dates::MONTH_NAMES as MONTHS;

/// Month number of a capitalised month name or abbreviation.
pub fn month_of(t: &Tok) -> Option<u32> {
    if t.fig.is_some() || !t.cap {
        return None;
    }
    let w = t.lo;
    if let Some(i) = MONTHS.iter().position(|m| *m == w) {
        return Some(i as u32 + 1);
    }
    let abbr = [
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    abbr.iter().find(|(a, _)| *a == w).map(|(_, m)| *m)
}

/// A four-digit year token (1950..=2100).
pub fn year_of(t: &Tok) -> Option<i32> {
    if t.fig.is_some() || t.lo.len() != 4 || !t.lo.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = t.lo.parse().ok()?;
    (1950..=2100).contains(&y).then_some(y)
}

fn small_number(w: &str) -> Option<u32> {
    let words = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    ];
    if let Some(i) = words.iter().position(|x| *x == w) {
        return Some(i as u32 + 1);
    }
    w.parse().ok().filter(|n| (1..=12).contains(n))
}

fn ordinal(w: &str) -> Option<u32> {
    match w {
        "first" | "1st" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" | "final" | "last" => Some(4),
        _ => None,
    }
}

/// A period expression found in a sentence.
#[derive(Debug, Clone, Copy)]
pub struct Mention {
    /// Index of its first token.
    pub i: usize,
    /// One past its last token.
    pub j: usize,
    /// What it says.
    pub spec: Spec,
    /// A specific day or an event date ("on June 14", "announced in January"): not a trade period.
    pub event: bool,
    /// A comparison base ("from November", "than in 2016"): only for the figure it follows.
    pub baseline: bool,
}

/// Reads a year suffix ("of 2017", "of this year", "this year", "of the year") at `k`.
fn year_suffix(toks: &[Tok], k: usize) -> (YearSpec, usize) {
    let mut k2 = k;
    if toks.get(k).is_some_and(|t| t.is("of")) {
        k2 = k + 1;
    }
    if let Some(y) = toks.get(k2).and_then(year_of) {
        return (YearSpec::Given(y), k2 + 1);
    }
    if at(toks, k2, &["this", "year"]) {
        return (YearSpec::This, k2 + 2);
    }
    if at(toks, k2, &["last", "year"]) {
        return (YearSpec::Last, k2 + 2);
    }
    if k2 > k && (at(toks, k2, &["the", "year"]) || at(toks, k2, &["that", "year"])) {
        return (YearSpec::Context, k2 + 2);
    }
    (YearSpec::Missing, k)
}

/// The words other than years a period expression can start with (see [`parse_at`]).
const PERIOD_KEYS: Keys = Keys::EMPTY
    .with_all(&[
        "first", "1st", "second", "2nd", "third", "3rd", "fourth", "4th", "final", "last",
        "through", "thru", "this", "that", "a", "the", "q1", "q2", "q3", "q4", "h1", "h2", "jan",
        "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ])
    .with_all(&MONTHS);

/// The second words of the relative period expressions (see [`parse_at`]).
const RELATIVE_SECOND: WordSet = WordSet::new(&[
    "year",
    "month",
    "previous",
    "prior",
    "preceding",
    "same",
    "period",
]);

/// False when no branch of [`parse_at`] can start at the word `t`.
#[inline]
fn may_start_period(t: &Tok) -> bool {
    let w = t.lo;
    t.may_be_in(&PERIOD_KEYS) || (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
}

/// Parses a period expression starting at token `i`.
fn parse_at(toks: &[Tok], i: usize) -> Option<(Spec, usize, bool)> {
    let t = toks.get(i)?;
    if t.fig.is_some() || !may_start_period(t) {
        return None;
    }
    let w = t.lo;
    // (These start only the relative expressions below, second word first.)
    if matches!(w, "a" | "the" | "this" | "that")
        && !toks.get(i + 1).is_some_and(|u| u.in_set(&RELATIVE_SECOND))
    {
        return None;
    }
    // Quarters and halves: "first quarter (of 2016)", "Q1", "first half of the year".
    if let Some(n) = ordinal(w) {
        if let Some(u) = toks.get(i + 1) {
            if u.is("quarter") {
                let (ys, k) = year_suffix(toks, i + 2);
                return Some((Spec::Abs(Shape::Quarter(n), ys), k, false));
            }
            if u.is("half") && n <= 2 {
                let (ys, k) = year_suffix(toks, i + 2);
                return Some((Spec::Abs(Shape::Half(n), ys), k, false));
            }
            if n == 1 {
                if let (Some(c), Some(m)) = (small_number(u.lo), toks.get(i + 2)) {
                    if m.is("months") || m.is("month") {
                        let (ys, k) = year_suffix(toks, i + 3);
                        return Some((Spec::Abs(Shape::Months(1, c), ys), k, false));
                    }
                    if m.is("quarters") && c <= 4 {
                        let (ys, k) = year_suffix(toks, i + 3);
                        return Some((Spec::Abs(Shape::Months(1, 3 * c), ys), k, false));
                    }
                }
            }
        }
    }
    if let Some(y) = year_of(t) {
        // "2016–2020": a span of years, not a trade period.
        if let Some(u) = toks.get(i + 1) {
            let dashed = u.dash_before() || u.slash_before();
            if dashed && (year_of(u).is_some() || u.lo.bytes().all(|b| b.is_ascii_digit())) {
                return Some((Spec::Abs(Shape::Year, YearSpec::Given(y)), i + 2, true));
            }
        }
        let prev = i.checked_sub(1).and_then(|p| toks.get(p));
        if prev.is_some_and(|p| p.any(&["resolution", "no", "article", "number"])) {
            return None;
        }
        return Some((Spec::Abs(Shape::Year, YearSpec::Given(y)), i + 1, false));
    }
    if t.cap && (w == "q1" || w == "q2" || w == "q3" || w == "q4") {
        let q = u32::from(w.as_bytes()[1] - b'0');
        let (ys, k) = year_suffix(toks, i + 1);
        return Some((Spec::Abs(Shape::Quarter(q), ys), k, false));
    }
    if t.cap && (w == "h1" || w == "h2") {
        let h = u32::from(w.as_bytes()[1] - b'0');
        let (ys, k) = year_suffix(toks, i + 1);
        return Some((Spec::Abs(Shape::Half(h), ys), k, false));
    }
    // "through (the end of) April": the year to date.
    if w == "through" || w == "thru" {
        let mut k = i + 1;
        if at(toks, k, &["the", "end", "of"]) {
            k += 3;
        }
        if let Some(m) = toks.get(k).and_then(month_of) {
            let next_is_month = toks
                .get(k + 1)
                .is_some_and(|u| u.any(&["to", "through"]) || month_of(u).is_some());
            if !next_is_month {
                let (ys, k2) = year_suffix(toks, k + 1);
                return Some((Spec::Abs(Shape::Months(1, m), ys), k2, false));
            }
        }
        return None;
    }
    if let Some(m) = month_of(t) {
        // The modal verb "May" at the start of a sentence is rare enough; "may" lowercase is skipped by month_of.
        // Range: "January–May", "January to May", "January and February", "January through May".
        if let Some(u) = toks.get(i + 1) {
            let joined = u.any_dash_before();
            if let Some(m2) = month_of(u).filter(|_| joined) {
                let (ys, k) = year_suffix(toks, i + 2);
                return Some((Spec::Abs(Shape::Months(m, m2), ys), k, false));
            }
            if u.any(&["to", "through", "and", "till", "until"]) {
                if let Some(m2) = toks.get(i + 2).and_then(month_of) {
                    if m2 > m {
                        let (ys, k) = year_suffix(toks, i + 3);
                        return Some((Spec::Abs(Shape::Months(m, m2), ys), k, false));
                    }
                }
            }
            // "June 14", "June 14, 2019": a day, not a period.
            if u.fig.is_none()
                && u.lo.len() <= 2
                && u.lo.bytes().all(|b| b.is_ascii_digit())
                && !u.comma_before()
            {
                let mut k = i + 2;
                if toks.get(k).and_then(year_of).is_some() {
                    k += 1;
                }
                return Some((Spec::Abs(Shape::Month(m), YearSpec::Missing), k, true));
            }
            if let Some(y) = year_of(u) {
                return Some((Spec::Abs(Shape::Month(m), YearSpec::Given(y)), i + 2, false));
            }
        }
        let (ys, k) = year_suffix(toks, i + 1);
        return Some((Spec::Abs(Shape::Month(m), ys), k, false));
    }
    // Relative expressions (all start with one of these words).
    if !matches!(w, "last" | "this" | "that" | "a" | "the") {
        return None;
    }
    // (Each has two words at least, the second one of these.)
    if !toks.get(i + 1).is_some_and(|u| u.in_set(&RELATIVE_SECOND)) {
        return None;
    }
    let rel: &[(&[&str], Spec)] = &[
        (&["last", "year"], Spec::Abs(Shape::Year, YearSpec::Last)),
        (&["this", "year"], Spec::Abs(Shape::Year, YearSpec::This)),
        (&["that", "year"], Spec::Abs(Shape::Year, YearSpec::Context)),
        (&["a", "year", "earlier"], Spec::YearBack),
        (&["a", "year", "ago"], Spec::YearBack),
        (&["a", "year", "before"], Spec::YearBack),
        (&["the", "year", "before"], Spec::YearBack),
        (&["the", "previous", "year"], Spec::YearBack),
        (&["the", "prior", "year"], Spec::YearBack),
        (&["the", "preceding", "year"], Spec::YearBack),
        (&["a", "month", "earlier"], Spec::MonthBack),
        (&["a", "month", "before"], Spec::MonthBack),
        (&["the", "previous", "month"], Spec::MonthBack),
        (&["the", "preceding", "month"], Spec::MonthBack),
        (&["the", "prior", "month"], Spec::MonthBack),
        (&["last", "month"], Spec::PostMonth(-1)),
        (&["that", "month"], Spec::Same),
        (&["the", "month"], Spec::Same),
        (&["this", "month"], Spec::PostMonth(0)),
        (&["the", "same", "month"], Spec::Same),
        (&["that", "period"], Spec::Same),
    ];
    for (ws, spec) in rel {
        if at(toks, i, ws) {
            return Some((*spec, i + ws.len(), false));
        }
    }
    if at(toks, i, &["the", "same", "period"]) || at(toks, i, &["the", "same", "months"]) {
        let k = i + 3;
        let (ys, k2) = year_suffix(toks, k);
        if ys != YearSpec::Missing {
            return Some((Spec::SameIn(ys), k2, false));
        }
        if at(toks, k, &["a", "year", "earlier"]) || at(toks, k, &["a", "year", "ago"]) {
            return Some((Spec::SameIn(YearSpec::Last), k + 3, false));
        }
        return Some((Spec::Same, k, false));
    }
    None
}

const EVENT_WORDS: &[&str] = &[
    "released",
    "announced",
    "published",
    "briefing",
    "conference",
    "said",
    "says",
    "report",
    "survey",
    "meeting",
    "statement",
    "adopted",
    "signed",
    "test",
    "began",
    "begun",
    "started",
    "opened",
    "closed",
    "since",
    "until",
    "till",
    "after",
    "before",
    "dated",
    "visit",
    "summit",
    "launched",
    "took",
    "effect",
    "redenomination",
];

const EVENT_SET: WordSet = WordSet::new(EVENT_WORDS);

const BASE_WORDS: &[&str] = &["from", "than", "against", "versus", "vs", "over", "on"];

const BASE_SET: WordSet = WordSet::new(BASE_WORDS);

/// The words without which a sentence names no period that is not relative (see
/// [`parse_at`]): an ordinal needs `quarter`, `half` or `month(s)`, "last year" and
/// "this month" end in `year` or `month`, "through" needs a month; years are digits.
const DATING_KEYS: Keys = Keys::EMPTY.with_all(DATING_WORDS).with_all(&MONTHS);

/// The words of [`DATING_KEYS`] besides the month names.
const DATING_WORDS: &[&str] = &[
    "year", "month", "months", "quarter", "quarters", "half", "q1", "q2", "q3", "q4", "h1", "h2",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// False when the token surely is no word of a period expression that is not
/// relative (one [`Spec::is_relative`] calls false), so that a sentence without such a
/// token has none.
pub fn may_date(t: &Tok) -> bool {
    t.fig.is_none()
        && (t.may_be_in(&DATING_KEYS)
            || (t.lo.len() == 4 && t.lo.bytes().all(|b| b.is_ascii_digit())))
}

/// The words without which a sentence with no money figure moves no context: the
/// trade words and those of a period that is not relative (see [`may_date`]).
const TELLING_KEYS: Keys = DATING_KEYS.union(super::lexicon::TRADE_WORD_KEYS);

/// Per first byte (lowered as ASCII), a bit per length (< 16) of the words of
/// [`TELLING_KEYS`] and of four-digit numbers: most words are turned away on these two.
const TELLING_SHAPES: [u16; 128] = {
    const fn add(mut t: [u16; 128], ws: &[&str]) -> [u16; 128] {
        let mut i = 0;
        while i < ws.len() {
            let w = ws[i].as_bytes();
            t[(w[0].to_ascii_lowercase() & 0x7f) as usize] |= 1 << w.len();
            i += 1;
        }
        t
    }
    let mut t = add([0; 128], DATING_WORDS);
    t = add(t, &MONTHS);
    t = add(t, super::lexicon::TRADE_WORDS);
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] |= 1 << 4;
        d += 1;
    }
    t
};

/// False when `text[start..end]` surely has no token that [`may_date`] lets through
/// and no trade word (see [`super::lexicon::TRADE_WORD_KEYS`]), whatever the figures
/// in it (`figures` are those inside the span): read without tokenizing, from the
/// runs of ASCII letters and digits. Anything unusual (a letter beyond ASCII, a
/// figure edge inside a word, a span off character boundaries) answers true.
pub fn may_tell<'f>(
    text: &str,
    start: usize,
    end: usize,
    figures: impl IntoIterator<Item = &'f Figure>,
) -> bool {
    let Some(slice) = text.get(start..end) else {
        return true;
    };
    let bytes = slice.as_bytes();
    let word = |k: usize| {
        bytes
            .get(k)
            .is_some_and(|&b| b >= 0x80 || ASCII_WORD[usize::from(b)] != 0)
    };
    for f in figures {
        for edge in [f.start, f.end] {
            let k = edge.saturating_sub(start);
            if k > 0 && word(k - 1) && word(k) {
                return true;
            }
        }
    }
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if b >= 0x80 {
            let Some(c) = slice.get(i..).and_then(|r| r.chars().next()) else {
                return true;
            };
            if alphanumeric(c) {
                return true;
            }
            i += c.len_utf8();
            continue;
        }
        if ASCII_WORD[usize::from(b)] == 0 {
            i += 1;
            continue;
        }
        let s = i;
        i += 1;
        while i < n && ASCII_WORD[usize::from(bytes[i])] != 0 {
            i += 1;
        }
        let w = &bytes[s..i];
        let shapes = TELLING_SHAPES[usize::from((bytes[s] | 0x20) & 0x7f)];
        if w.len() < 16
            && shapes & (1 << w.len()) != 0
            && (TELLING_KEYS.may_hold_hash(Keys::hash_bytes(w, true))
                || (w.len() == 4 && w.iter().all(u8::is_ascii_digit)))
        {
            return true;
        }
    }
    false
}

/// [`char::is_alphanumeric`], answering at once for the General Punctuation block
/// (quotes, dashes, spaces), which holds no letter or digit.
#[inline]
pub fn alphanumeric(c: char) -> bool {
    if ('\u{2000}'..='\u{206f}').contains(&c) {
        return false;
    }
    c.is_alphanumeric()
}

/// Every period expression of the sentence, in order.
pub fn mentions(toks: &[Tok]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((spec, j, event)) = parse_at(toks, i) {
            let j = j.max(i + 1);
            let before = toks.get(i.saturating_sub(3)..i).unwrap_or_default();
            let event = event
                || before.iter().any(|t| t.in_set(&EVENT_SET))
                || (i > 0 && toks[i - 1].is("by") && !matches!(spec, Spec::Abs(Shape::Year, _)));
            let prev = i.checked_sub(1).map(|p| &toks[p]);
            let prev2 = i.checked_sub(2).map(|p| &toks[p]);
            let mut baseline = prev.is_some_and(|t| t.in_set(&BASE_SET))
                || prev2.is_some_and(|t| t.any(&["from", "than", "compared", "against"]))
                || (prev.is_some_and(|t| t.any(&["with", "to"]))
                    && prev2.is_some_and(|t| t.any(&["compared", "comparison"])));
            // "over January–June" and "in the same period" name the period itself;
            // "over the same period of 2016" / "on the same period last year" compare.
            if prev.is_some_and(|t| t.any(&["over", "on"])) {
                baseline = matches!(spec, Spec::SameIn(_) | Spec::YearBack | Spec::MonthBack);
            }
            if matches!(spec, Spec::SameIn(_)) && !prev.is_some_and(|t| t.any(&["in", "for"])) {
                baseline = true;
            }
            out.push(Mention {
                i,
                j,
                spec,
                event,
                baseline,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Countries as canonical names.
pub const NK: &str = "North Korea";
/// South Korea.
pub const SK: &str = "South Korea";

/// A country named in a sentence.
#[derive(Debug, Clone)]
pub struct Country {
    /// First token.
    pub i: usize,
    /// One past the last token.
    pub j: usize,
    /// Canonical name; `North Korea` for the North.
    pub name: &'static str,
    /// Possessive or adjective form ("China's", "Chinese").
    pub adj: bool,
    /// Stands for an institution, not a trading side ("South Korea's central bank").
    pub institution: bool,
}

const OTHERS: &[(&[&str], &str, bool)] = &[
    (&["china"], "China", false),
    (&["chinese"], "China", true),
    (&["prc"], "China", false),
    (&["sino"], "China", true),
    (&["russia"], "Russia", false),
    (&["russian"], "Russia", true),
    (&["japan"], "Japan", false),
    (&["japanese"], "Japan", true),
    (&["india"], "India", false),
    (&["indian"], "India", true),
    (&["thailand"], "Thailand", false),
    (&["vietnam"], "Vietnam", false),
    (&["vietnamese"], "Vietnam", true),
    (&["singapore"], "Singapore", false),
    (&["taiwan"], "Taiwan", false),
    (&["mongolia"], "Mongolia", false),
    (&["iran"], "Iran", false),
    (&["syria"], "Syria", false),
    (&["pakistan"], "Pakistan", false),
    (&["philippines"], "Philippines", false),
    (&["indonesia"], "Indonesia", false),
    (&["malaysia"], "Malaysia", false),
    (&["germany"], "Germany", false),
    (&["german"], "Germany", true),
    (&["egypt"], "Egypt", false),
    (&["brazil"], "Brazil", false),
    (&["bangladesh"], "Bangladesh", false),
    (&["hong", "kong"], "Hong Kong", false),
    (&["united", "states"], "United States", false),
    (&["european", "union"], "European Union", false),
];

const INSTITUTIONS: &[&str] = &[
    "ministry",
    "bank",
    "agency",
    "government",
    "officials",
    "official",
    "intelligence",
    "kotra",
    "kita",
    "administration",
    "institute",
    "statistics",
    "embassy",
    "mission",
    "media",
    "lawmaker",
    "lawmakers",
    "president",
    "analysts",
    "researchers",
    "military",
    "navy",
    "waters",
    "unification",
    "central",
    "national",
    "think",
    "researcher",
    "economist",
    "economists",
    "press",
    "news",
    "defense",
    "authorities",
    "police",
    "court",
    "parliament",
    "visitors",
    "tourists",
    "language",
];

/// The words a country name can start with.
const COUNTRY_KEYS: Keys = {
    let mut k = Keys::EMPTY.with_all(&[
        "north",
        "n",
        "dprk",
        "pyongyang",
        "south",
        "rok",
        "seoul",
        "beijing",
        "moscow",
        "tokyo",
    ]);
    let mut i = 0;
    while i < OTHERS.len() {
        k = k.with(OTHERS[i].0[0]);
        i += 1;
    }
    k
};

const INSTITUTION_SET: WordSet = WordSet::new(INSTITUTIONS);

/// Every country named in the sentence.
pub fn countries(toks: &[Tok]) -> Vec<Country> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let mut found: Option<(usize, &'static str, bool)> = None;
        let mut the_form = false;
        if t.fig.is_none() && t.may_be_in(&COUNTRY_KEYS) {
            let next = toks.get(i + 1);
            if (t.is("north") || t.is("n")) && t.cap {
                if next.is_some_and(|u| u.is("korea") || u.is("koreas")) {
                    found = Some((2, NK, next.is_some_and(|u| u.poss)));
                } else if next.is_some_and(|u| u.is("korean") || u.is("koreans")) {
                    found = Some((2, NK, true));
                } else if i > 0 && toks[i - 1].is("the") && !next.is_some_and(|u| u.cap) {
                    found = Some((1, NK, t.poss));
                    the_form = true;
                }
            } else if t.is("dprk") {
                found = Some((1, NK, t.poss));
            } else if t.is("pyongyang")
                && (t.poss
                    || next.is_some_and(|u| {
                        u.any(&[
                            "imported",
                            "exported",
                            "bought",
                            "sold",
                            "shipped",
                            "imports",
                            "exports",
                            "purchased",
                        ])
                    })
                    || (i > 0 && toks[i - 1].any(&["with", "to", "from", "between"])))
            {
                found = Some((1, NK, true));
            } else if t.is("south") && t.cap {
                if next.is_some_and(|u| u.is("korea")) {
                    found = Some((2, SK, next.is_some_and(|u| u.poss)));
                } else if next.is_some_and(|u| u.is("korean") || u.is("koreans")) {
                    found = Some((2, SK, true));
                } else if i > 0 && toks[i - 1].is("the") && !next.is_some_and(|u| u.cap) {
                    found = Some((1, SK, t.poss));
                    the_form = true;
                }
            } else if t.is("rok") && t.cap {
                found = Some((1, SK, t.poss));
            } else if t.is("seoul") && t.poss {
                found = Some((1, SK, true));
            } else if t.is("seoul")
                && i > 0
                && toks[i - 1].any(&["with", "to", "from", "and", "between"])
            {
                found = Some((1, SK, false));
            } else if (t.is("beijing") || t.is("moscow") || t.is("tokyo"))
                && (t.poss || (i > 0 && toks[i - 1].any(&["with", "to", "from", "and", "between"])))
            {
                let name = match t.lo {
                    "beijing" => "China",
                    "moscow" => "Russia",
                    _ => "Japan",
                };
                found = Some((1, name, t.poss));
            } else if t.cap {
                for (ws, name, adj) in OTHERS {
                    if at(toks, i, ws) {
                        let last = &toks[i + ws.len() - 1];
                        found = Some((ws.len(), name, *adj || last.poss));
                        break;
                    }
                }
            }
        }
        if let Some((n, name, adj)) = found {
            let after = toks.get(i + n);
            let institution = name != NK && after.is_some_and(|u| u.in_set(&INSTITUTION_SET));
            out.push(Country {
                i: if the_form { i - 1 } else { i },
                j: i + n,
                name,
                adj,
                institution,
            });
            i += n;
        } else {
            i += 1;
        }
    }
    // "Chinese and Russian waters": the institution noun covers both names.
    for k in (0..out.len().saturating_sub(1)).rev() {
        let joined = out[k].j + 1 == out[k + 1].i
            && toks.get(out[k].j).is_some_and(|t| t.any(&["and", "or"]));
        if joined && out[k + 1].institution && out[k].adj {
            out[k].institution = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok<'_>> {
        tokenize(s, 0, s.len(), &[], Box::leak(Box::default()))
    }

    /// The first tokenizer (chars, an owned punctuation string per token), kept to check
    /// the byte-wise one against.
    struct RefTok {
        lo: String,
        cap: bool,
        poss: bool,
        pre: String,
        fig: Option<usize>,
    }

    fn reference(text: &str, start: usize, end: usize, figures: &[Figure]) -> Vec<RefTok> {
        let mut out: Vec<RefTok> = Vec::new();
        let end = end.min(text.len());
        let Some(slice) = text.get(start..end) else {
            return out;
        };
        let mut figs: Vec<(usize, &Figure)> = figures
            .iter()
            .enumerate()
            .filter(|(_, f)| f.start >= start && f.end <= end && f.start < f.end)
            .collect();
        figs.sort_by_key(|(_, f)| f.start);
        let mut fi = 0;
        let mut pre = String::new();
        let mut word_start: Option<usize> = None;
        let mut chars = slice.char_indices().peekable();
        let flush = |out: &mut Vec<RefTok>, ws: &mut Option<usize>, at: usize, pre: &mut String| {
            if let Some(s) = ws.take() {
                let w = &text[start + s..start + at];
                out.push(RefTok {
                    lo: w.to_lowercase(),
                    cap: w.chars().next().is_some_and(char::is_uppercase),
                    poss: false,
                    pre: std::mem::take(pre),
                    fig: None,
                });
            }
        };
        while let Some((i, c)) = chars.next() {
            let abs = start + i;
            while fi < figs.len() && figs[fi].1.end <= abs {
                fi += 1;
            }
            if fi < figs.len() && figs[fi].1.start == abs {
                flush(&mut out, &mut word_start, i, &mut pre);
                let (idx, f) = figs[fi];
                out.push(RefTok {
                    lo: String::new(),
                    cap: false,
                    poss: false,
                    pre: std::mem::take(&mut pre),
                    fig: Some(idx),
                });
                fi += 1;
                while let Some(&(j, _)) = chars.peek() {
                    if start + j >= f.end {
                        break;
                    }
                    chars.next();
                }
                continue;
            }
            if c.is_alphanumeric() {
                if word_start.is_none() {
                    word_start = Some(i);
                }
                continue;
            }
            if (c == '\'' || c == '’') && word_start.is_some() {
                let rest = &slice[i + c.len_utf8()..];
                let mut rc = rest.chars();
                if rc.next() == Some('s') && !rc.next().is_some_and(char::is_alphanumeric) {
                    flush(&mut out, &mut word_start, i, &mut pre);
                    if let Some(t) = out.last_mut() {
                        t.poss = true;
                    }
                    chars.next();
                    continue;
                }
            }
            flush(&mut out, &mut word_start, i, &mut pre);
            if !c.is_whitespace() {
                pre.push(c);
            } else if !pre.is_empty() && !pre.ends_with(' ') {
                pre.push(' ');
            }
        }
        flush(&mut out, &mut word_start, slice.len(), &mut pre);
        out
    }

    #[test]
    fn tokenizer_matches_the_reference() {
        let parts = [
            "China", "’s", "'s", "s'", "'", "’", "sX", "s", " ", "  ", "\t", "\n\n", "\u{a0}",
            "\u{2028}", "\u{b}", ",", ";", ":", "(", ")", "[", "]", "—", "–", "-", "/", "$", "5.2",
            "2017", "Σ", "ΣΑΣ", "É", "İ", "ß", "Ǆ", "ﬁ", "north", "NORTH", "Korea", "x2", "٣",
            "日本", "é", "%", ".", "\"", "‘", "🙂",
        ];
        let mut rng = crate::test_rng::Rng(0x2545_f491_4f6c_dd1d);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..4000 {
            let mut text = String::new();
            for _ in 0..next(24) {
                text.push_str(parts[next(parts.len())]);
            }
            let mut figures = Vec::new();
            for _ in 0..next(4) {
                let a = next(text.len() + 2);
                let b = a + next(8);
                figures.push(Figure {
                    start: a,
                    end: b,
                    kind: FigureKind::Money,
                    value: None,
                    low: 0.0,
                    high: 0.0,
                    unit: None,
                    approx: crate::model::Approx::Exact,
                    value_usd: None,
                });
            }
            let start = if next(4) == 0 {
                next(text.len() + 1)
            } else {
                0
            };
            let end = if next(4) == 0 {
                next(text.len() + 3)
            } else {
                text.len()
            };
            let want = reference(&text, start, end, &figures);
            let mut buf = Lowered::default();
            let got = tokenize(&text, start, end, &figures, &mut buf);
            assert_eq!(want.len(), got.len(), "{text:?}");
            for (w, g) in want.iter().zip(&got) {
                assert_eq!(w.lo, g.lo, "{text:?}");
                // The hash kept for the word lists is that of the lowered word.
                assert_eq!(g.key, Keys::hash(g.lo), "{text:?}");
                assert_eq!((w.cap, w.poss, w.fig), (g.cap, g.poss, g.fig), "{text:?}");
                let comma = w
                    .pre
                    .chars()
                    .any(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '[' | ']'))
                    || w.pre.contains("– ")
                    || w.pre.contains("- ");
                let strong = w.pre.chars().any(|c| matches!(c, ';' | ':' | '—'));
                assert_eq!(comma, g.comma_before(), "{text:?} {:?}", w.pre);
                assert_eq!(strong, g.strong_break_before(), "{text:?}");
                assert_eq!(w.pre.contains('/'), g.slash_before(), "{text:?}");
                assert_eq!(
                    w.pre.contains('-') || w.pre.contains('–'),
                    g.dash_before(),
                    "{text:?}"
                );
                assert_eq!(
                    w.pre.contains('-') || w.pre.contains('–') || w.pre.contains('—'),
                    g.any_dash_before(),
                    "{text:?}"
                );
            }
        }
    }

    /// Figures on character boundaries, one after the other (the fast tokenizer's case,
    /// including figures that start at an `s` or right after a possessive mark), give
    /// the tokens of the reference.
    #[test]
    fn plain_figures_match_the_reference() {
        let parts = [
            "China", "’s", "'s", "s'", "'", "’", "sX", "s", " ", "  ", "\t", "\u{a0}", ",", ";",
            "—", "–", "-", "/", "$", "5.2", "2017", "Σ", "ΣΑΣ", "É", "İ", "ß", "north", "NORTH",
            "Korea", "x2", "٣", "日本", "é", "%", "\"", "“", "…", "🙂", "s ", "’s ", "$3 ",
        ];
        let mut rng = crate::test_rng::Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..6000 {
            let n = rng.below(20);
            let mut text = String::new();
            let mut cuts = vec![0];
            for _ in 0..n {
                text.push_str(rng.pick(&parts));
                cuts.push(text.len());
            }
            // Figures over runs of whole parts, in order, not overlapping.
            let mut figures = Vec::new();
            let mut k = 0;
            while k < cuts.len() {
                let a = k + rng.below(4);
                let b = a + 1 + rng.below(3);
                if b >= cuts.len() {
                    break;
                }
                figures.push(Figure {
                    start: cuts[a],
                    end: cuts[b],
                    kind: FigureKind::Money,
                    value: None,
                    low: 0.0,
                    high: 0.0,
                    unit: None,
                    approx: crate::model::Approx::Exact,
                    value_usd: None,
                });
                k = b + rng.below(2);
            }
            let start = cuts[rng.below(cuts.len().min(3))];
            let want = reference(&text, start, text.len(), &figures);
            let mut buf = Lowered::default();
            let got = tokenize(&text, start, text.len(), &figures, &mut buf);
            assert_eq!(want.len(), got.len(), "{text:?} {figures:?}");
            for (w, g) in want.iter().zip(&got) {
                assert_eq!(w.lo, g.lo, "{text:?}");
                assert_eq!(g.key, Keys::hash(g.lo), "{text:?}");
                assert_eq!((w.cap, w.poss, w.fig), (g.cap, g.poss, g.fig), "{text:?}");
            }
            // And the general tokenizer gives the same tokens, punctuation included.
            let mut buf2 = Lowered::default();
            let general = tokenize_general(
                &text,
                start,
                text.len(),
                &figures,
                0..figures.len(),
                &mut buf2,
            );
            assert_eq!(general.len(), got.len(), "{text:?}");
            for (a, b) in general.iter().zip(&got) {
                assert_eq!(
                    (a.lo, a.cap, a.poss, a.pre, a.fig, a.key),
                    (b.lo, b.cap, b.poss, b.pre, b.fig, b.key),
                    "{text:?} {figures:?}"
                );
            }
        }
    }

    #[test]
    fn general_punctuation_has_no_letter_or_digit() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
        assert!(alphanumeric('é') && alphanumeric('a') && !alphanumeric('’'));
    }

    /// A sentence [`may_tell`] turns away has no money figure token, no period that is
    /// not relative and no trade word.
    #[test]
    fn untelling_sentences_say_nothing() {
        use crate::trade::lexicon::any_trade_word;
        let parts = [
            "the", "a", "this", "last", "first", "quarter", "year", "months", "of", "January",
            "Sept", "May", "2017", "17", "20170", "same", "period", "trade", "Trade", "exports",
            "customs", "bought", "brought", "in", "total", "figure", "China", "rose", "sold",
            "tradex", "xtrade", "’s", "'s", " ", " ", " ", ",", "—", "–", "$", "5", "é", "K",
            "日本", "\u{a0}", "“", "”", "Korea", "North", "fell", "to", "from", "percent",
        ];
        let mut rng = crate::test_rng::Rng(0x5851_f42d_4c95_7f2d);
        let mut quiet = 0;
        for _ in 0..20000 {
            let n = 1 + rng.below(10);
            let mut text = String::new();
            let mut cuts = vec![0];
            for _ in 0..n {
                text.push_str(rng.pick(&parts));
                cuts.push(text.len());
            }
            let mut figures = Vec::new();
            for _ in 0..rng.below(3) {
                let (a, b) = if rng.below(2) == 0 {
                    let a = rng.below(cuts.len());
                    (cuts[a], cuts[(a + 1 + rng.below(2)).min(cuts.len() - 1)])
                } else {
                    let a = rng.below(text.len() + 1);
                    (a, a + rng.below(6))
                };
                figures.push(Figure {
                    start: a,
                    end: b,
                    kind: if rng.below(3) == 0 {
                        FigureKind::Money
                    } else {
                        FigureKind::Percent
                    },
                    value: Some(1.0),
                    low: 0.0,
                    high: 0.0,
                    unit: Some("USD".into()),
                    approx: crate::model::Approx::Exact,
                    value_usd: None,
                });
            }
            let inside: Vec<Figure> = figures
                .iter()
                .filter(|f| f.start < f.end && f.end <= text.len())
                .cloned()
                .collect();
            if inside.iter().any(|f| usd(f).is_some()) || may_tell(&text, 0, text.len(), &inside) {
                continue;
            }
            quiet += 1;
            let t = tokenize(&text, 0, text.len(), &figures, Box::leak(Box::default()));
            assert!(
                mentions(&t).iter().all(|m| m.spec.is_relative()),
                "{text:?} {figures:?}"
            );
            assert!(!any_trade_word(&t), "{text:?} {figures:?}");
            assert!(!t
                .iter()
                .any(|x| x.fig.is_some_and(|f| usd(&figures[f]).is_some())));
        }
        assert!(quiet > 1000, "{quiet}");
    }

    /// A sentence with no token that [`may_date`] lets through has only relative
    /// periods, and one with none that `may_be_cue` lets through has no trade word.
    #[test]
    fn dating_and_cue_filters_miss_nothing() {
        use crate::trade::lexicon::{any_trade_word, may_be_cue};
        let parts = [
            "the", "a", "this", "that", "last", "first", "second", "fourth", "1st", "Q2", "q2",
            "H1", "year", "month", "months", "quarter", "quarters", "half", "five", "two", "of",
            "January", "june", "Sept", "May", "may", "through", "to", "2017", "17", "previous",
            "same", "period", "ago", "earlier", "trade", "Trade", "exports", "customs", "bought",
            "brought", "in", "total", "figure", "China", "rose",
        ];
        let mut rng = crate::test_rng::Rng(0x1234_5678_9abc_def1);
        let mut next = |n: usize| rng.below(n);
        let (mut undated, mut uncued) = (0, 0);
        for _ in 0..20000 {
            let words: Vec<&str> = (0..1 + next(6)).map(|_| parts[next(parts.len())]).collect();
            let text = words.join(" ");
            let t = toks(&text);
            if !t.iter().any(may_date) {
                undated += 1;
                assert!(mentions(&t).iter().all(|m| m.spec.is_relative()), "{text}");
            }
            if !t.iter().any(may_be_cue) {
                uncued += 1;
                assert!(!any_trade_word(&t), "{text}");
            }
        }
        assert!(undated > 1000 && uncued > 1000, "{undated} {uncued}");
        assert!(may_date(&toks("2019")[0]) && !may_date(&toks("20190")[0]));
    }

    #[test]
    fn tokens_keep_possessives_and_punctuation() {
        let t = toks("China’s exports, up 5%; the North's imports");
        assert_eq!(t[0].lo, "china");
        assert!(t[0].poss);
        assert_eq!(t[1].lo, "exports");
        assert!(t[2].comma_before());
        let north = t.iter().find(|x| x.lo == "north").map(|x| x.poss);
        assert_eq!(north, Some(true));
    }

    #[test]
    fn periods_are_found() {
        let t = toks("two-way trade over January–June came to more, against May 2012 and June 14");
        let m = mentions(&t);
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].spec, Spec::Abs(Shape::Months(1, 6), YearSpec::Missing));
        assert!(!m[0].baseline);
        assert!(m[1].baseline);
        assert!(m[2].event);
        let t = toks("in the first five months of 2017 and the fourth quarter");
        let m = mentions(&t);
        assert_eq!(
            m[0].spec,
            Spec::Abs(Shape::Months(1, 5), YearSpec::Given(2017))
        );
        assert_eq!(m[1].spec, Spec::Abs(Shape::Quarter(4), YearSpec::Missing));
    }

    #[test]
    fn countries_are_found() {
        let t =
            toks("South Korea's central bank said the North sold coal to China, not South Pyongan");
        let c = countries(&t);
        let names: Vec<&str> = c.iter().map(|c| c.name).collect();
        assert_eq!(names, vec![SK, NK, "China"]);
        assert!(c[0].institution);
    }
}

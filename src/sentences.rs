//! Sentence splitting that survives this prose (abbreviations, decimals, quotes, ellipses).
//!
//! The splitter walks each paragraph (a blank line always ends a sentence) and
//! considers `.`, `!`, `?` and `…` as candidate ends. A candidate ends a sentence
//! only when it is followed by whitespace (after any closing quotes or brackets)
//! and the next word does not start in lower case. A full stop after a known
//! abbreviation (`Mr.`, `Gen.`, `No.`, `Nov.`, `e.g.`, `approx.`), after a single
//! initial (`N. Korea`, `Kim J. Un`) or after a dotted acronym (`U.S.`, `U.N.`)
//! ends a sentence only when a typical sentence opener follows (`The`, `It`…)
//! — and for titles and months never. A single line break ends a sentence when
//! the line before looks finished and the next starts like a new sentence.

use crate::model::Sentence;

#[cfg(test)]
mod old;

/// Abbreviations after which a full stop never ends a sentence (lower-cased, without the dot).
/// [`never_end`] matches them (a test checks that the two agree).
#[cfg_attr(not(test), allow(dead_code))]
const NEVER_END: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "capt", "maj", "sgt", "adm", "cmdr", "prof",
    "sen", "rep", "gov", "pres", "amb", "st", "no", "nos", "vs", "v", "e.g", "i.e", "cf", "approx",
    "ca", "fig", "figs", "vol", "pp", "p", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "est", "dept", "gov't", "mt", "ft", "jr", "sr", "messrs", "rev",
    "hon", "op", "art", "sec", "para", "ch", "ed", "eds", "tel", "ext",
];

/// Words that typically open a sentence: after an acronym such as `U.S.` they signal a boundary.
const OPENERS: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "In",
    "But",
    "And",
    "However",
    "A",
    "An",
    "His",
    "Her",
    "Their",
    "There",
    "As",
    "On",
    "At",
    "For",
    "If",
    "When",
    "While",
    "Since",
    "After",
    "Before",
    "Although",
    "Some",
    "Many",
    "Most",
    "Meanwhile",
    "Still",
    "Yet",
    "So",
    "According",
    "One",
    "Both",
    "Such",
    "What",
    "Why",
    "How",
    "Whether",
    "Last",
    "Earlier",
    "Later",
    "Until",
    "By",
    "From",
    "With",
    "Officials",
    "Analysts",
];

/// Splits `text` into sentences, in order, as byte spans. Whitespace between
/// sentences belongs to none; paragraph breaks (`\n\n`) always end a sentence.
pub fn split(text: &str) -> Vec<Sentence> {
    // about one sentence per 128 bytes of prose: few regrowths
    let mut out = Vec::with_capacity(text.len() / 128 + 4);
    paragraphs(text, |ps, pe| split_paragraph(text, ps, pe, &mut out));
    out
}

/// Calls `f` with the byte spans of the blank-line separated blocks of `text`
/// (possibly with surrounding whitespace), in order.
fn paragraphs(text: &str, mut f: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(off) = bytes.get(i..).and_then(|r| memchr::memchr(b'\n', r)) {
        let nl = i + off;
        // a blank line: newline, optional spaces/tabs/CR, newline
        let mut j = nl + 1;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'\n' {
            f(start, nl);
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            start = j;
            i = j;
            continue;
        }
        i = nl + 1;
    }
    if start < bytes.len() {
        f(start, bytes.len());
    }
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '}')
}

/// The char starting at byte offset `i` of `s` (`None` at the end or off a boundary),
/// ASCII without decoding. Shared by the byte-walking tokenizers.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => s.get(i..).and_then(|r| r.chars().next()),
        None => None,
    }
}

/// The char ending at byte offset `i` of `s`.
#[inline]
fn char_before(s: &str, i: usize) -> Option<char> {
    match i.checked_sub(1).and_then(|j| s.as_bytes().get(j)) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => s.get(..i).and_then(|r| r.chars().next_back()),
        None => None,
    }
}

#[inline]
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r')
    } else {
        c.is_whitespace()
    }
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Byte offset of the first whitespace char at or after `i` (or `s.len()`).
fn skip_word(s: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(s, i) {
        if is_space(c) {
            break;
        }
        i += c.len_utf8();
    }
    i.min(s.len())
}

/// Byte offset of the first non-whitespace char at or after `i` (or `s.len()`).
fn skip_space(s: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(s, i) {
        if !is_space(c) {
            break;
        }
        i += c.len_utf8();
    }
    i.min(s.len())
}

/// Byte offset where the run of non-whitespace chars ending at `i` starts (not before `s0`).
fn word_start(s: &str, s0: usize, mut i: usize) -> usize {
    while i > s0 {
        match char_before(s, i) {
            Some(c) if !is_space(c) => i -= c.len_utf8(),
            _ => break,
        }
    }
    i
}

// All positions below are byte offsets into the paragraph, always on char boundaries.
fn split_paragraph(text: &str, ps: usize, pe: usize, out: &mut Vec<Sentence>) {
    let Some(para) = text.get(ps..pe) else {
        return;
    };
    let bytes = para.as_bytes();
    let len = para.len();
    let mut start: Option<usize> = None;
    let mut k = 0;
    // next positions at or after `k` of '.', '!', '?' and of '\n', '…' (cached)
    let (mut next_stop, mut next_break): (Option<usize>, Option<usize>) = (None, None);
    while k < len {
        let Some(s) = start else {
            let Some(c) = char_at(para, k) else {
                break;
            };
            if !is_space(c) {
                start = Some(k);
            }
            k += c.len_utf8();
            continue;
        };
        // jump to the next byte that may start a candidate end ('.', '!', '?', '…', '\n')
        let stop = match next_stop {
            Some(p) if p >= k => p,
            _ => memchr::memchr3(b'.', b'!', b'?', &bytes[k..]).map_or(len, |o| k + o),
        };
        let brk = match next_break {
            Some(p) if p >= k => p,
            _ => next_break_at(bytes, k),
        };
        (next_stop, next_break) = (Some(stop), Some(brk));
        k = stop.min(brk);
        let Some(c) = char_at(para, k) else {
            break;
        };
        match c {
            '.' | '!' | '?' | '…' => {
                // run of terminal punctuation, then closers
                let mut j = k + c.len_utf8();
                while let Some(d) = char_at(para, j).filter(|&d| is_terminal(d)) {
                    j += d.len_utf8();
                }
                let single_dot = c == '.' && j == k + 1;
                while let Some(d) = char_at(para, j).filter(|&d| is_closer(d)) {
                    j += d.len_utf8();
                }
                if char_at(para, j).is_some_and(|d| !is_space(d)) {
                    k += c.len_utf8();
                    continue;
                }
                // next non-space
                let n = skip_space(para, j);
                if n >= len {
                    k = j;
                    continue; // paragraph end closes it below
                }
                if ends_here(para, s, k, n, single_dot) {
                    push(out, ps, para, s, j);
                    start = None;
                    k = n;
                    continue;
                }
                k = j;
            }
            '\n' => {
                if line_break_ends(para, s, k) {
                    push(out, ps, para, s, k);
                    start = None;
                }
                k += 1;
            }
            _ => k += c.len_utf8(),
        }
    }
    if let Some(s) = start {
        push(out, ps, para, s, len);
    }
}

/// The first position at or after `k` (a char boundary) of a `\n` or of an ellipsis
/// `…` (E2 80 A6), else `bytes.len()`. The ellipsis is found by its last byte: 0xE2
/// starts every curly quote and dash, 0xA6 ends few chars.
fn next_break_at(bytes: &[u8], k: usize) -> usize {
    let mut i = k;
    while let Some(o) = bytes.get(i..).and_then(|r| memchr::memchr2(b'\n', 0xA6, r)) {
        let p = i + o;
        if bytes[p] == b'\n' {
            return p;
        }
        // an ellipsis starting before `k` would straddle the boundary `k`: none does
        if p >= k + 2 && bytes[p - 2] == 0xE2 && bytes[p - 1] == 0x80 {
            return p - 2;
        }
        i = p + 1;
    }
    bytes.len()
}

/// Pushes the sentence `para[s..e)` trimmed of trailing whitespace.
fn push(out: &mut Vec<Sentence>, ps: usize, para: &str, s: usize, e: usize) {
    let Some(slice) = para.get(s..e) else {
        return;
    };
    // (an ASCII non-space last byte: nothing to trim)
    let trimmed = match slice.as_bytes().last() {
        Some(&c) if c < 0x80 && !matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') => slice,
        _ => slice.trim_end(),
    };
    if trimmed.is_empty() {
        return;
    }
    out.push(Sentence {
        start: ps + s,
        end: ps + s + trimmed.len(),
    });
}

/// The word ending just before byte `k` (the terminal punctuation), without leading openers.
fn word_before(para: &str, s: usize, k: usize) -> &str {
    let b = word_start(para, s, k);
    let w = para.get(b..k).unwrap_or("");
    if w.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        return w; // nothing to trim
    }
    w.trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// The word starting at byte `n`, without leading quotes/brackets.
fn word_at(para: &str, n: usize) -> &str {
    let e = skip_word(para, n);
    let w = para.get(n..e).unwrap_or("");
    w.trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric())
}

/// Decides whether the terminal punctuation at byte `k` (followed by whitespace, next word at `n`) ends a sentence.
fn ends_here(para: &str, s: usize, k: usize, n: usize, single_dot: bool) -> bool {
    let Some(next) = char_at(para, n) else {
        return true;
    };
    // lower-case continuation never starts a sentence
    if next.is_lowercase()
        || (!is_opening_quote(next) && first_alnum(para, n).is_some_and(|c| c.is_lowercase()))
    {
        return false;
    }
    if !single_dot {
        return true; // ?, !, …, "..."
    }
    let before = word_before(para, s, k);
    if before.is_empty() {
        return true;
    }
    // the word lower-cased: ASCII in a stack buffer (a longer ASCII word is none of the
    // listed abbreviations, all at most six bytes), other words through `to_lowercase`
    let mut buf = [0u8; 8];
    let owned;
    let lower: &[u8] = if !before.is_ascii() {
        owned = before.to_lowercase();
        owned.as_bytes()
    } else if let Some(b) = buf.get_mut(..before.len()) {
        b.copy_from_slice(before.as_bytes());
        b.make_ascii_lowercase();
        b
    } else {
        b"-" // no listed word
    };
    if never_end(lower) {
        // "etc." style words are not here; titles and months keep going
        return false;
    }
    // a single initial: "N. Korea", "Kim J. Un"
    let mut letters = before.chars();
    if let (Some(c), None) = (letters.next(), letters.next()) {
        if c.is_alphabetic() {
            return false;
        }
    }
    // company suffixes: "Samsung Co. Ltd", "Acme Inc. said" (a sentence may still end there)
    if matches!(
        lower,
        b"co" | b"corp" | b"inc" | b"ltd" | b"llc" | b"plc" | b"bros" | b"etc"
    ) {
        return OPENERS.contains(&word_at(para, n));
    }
    // dotted acronym: U.S, U.N, a.m, D.P.R.K
    if before.contains('.') && before.chars().all(|c| c.is_alphabetic() || c == '.') {
        return OPENERS.contains(&word_at(para, n));
    }
    true
}

/// `NEVER_END.contains(w)` for a lower-cased word, as one `match`.
fn never_end(w: &[u8]) -> bool {
    matches!(
        w,
        b"mr"
            | b"mrs"
            | b"ms"
            | b"dr"
            | b"gen"
            | b"lt"
            | b"col"
            | b"capt"
            | b"maj"
            | b"sgt"
            | b"adm"
            | b"cmdr"
            | b"prof"
            | b"sen"
            | b"rep"
            | b"gov"
            | b"pres"
            | b"amb"
            | b"st"
            | b"no"
            | b"nos"
            | b"vs"
            | b"v"
            | b"e.g"
            | b"i.e"
            | b"cf"
            | b"approx"
            | b"ca"
            | b"fig"
            | b"figs"
            | b"vol"
            | b"pp"
            | b"p"
            | b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sep"
            | b"sept"
            | b"oct"
            | b"nov"
            | b"dec"
            | b"est"
            | b"dept"
            | b"gov't"
            | b"mt"
            | b"ft"
            | b"jr"
            | b"sr"
            | b"messrs"
            | b"rev"
            | b"hon"
            | b"op"
            | b"art"
            | b"sec"
            | b"para"
            | b"ch"
            | b"ed"
            | b"eds"
            | b"tel"
            | b"ext"
    )
}

/// The first alphanumeric char of the word starting at byte `n` (the first char of
/// [`word_at`]), if any.
fn first_alnum(para: &str, mut n: usize) -> Option<char> {
    while let Some(c) = char_at(para, n) {
        if is_space(c) {
            return None;
        }
        if c.is_alphanumeric() {
            return Some(c);
        }
        n += c.len_utf8();
    }
    None
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[')
}

/// A single line break inside a paragraph ends a sentence when the line before
/// looks finished (no trailing comma, hyphen or function word) and the next line
/// starts like a sentence (capital, digit, quote).
fn line_break_ends(para: &str, s: usize, k: usize) -> bool {
    // previous non-space char on the line
    let mut p = k;
    while p > s {
        match char_before(para, p) {
            Some(c) if is_space(c) => p -= c.len_utf8(),
            _ => break,
        }
    }
    if p == s {
        return false;
    }
    let Some(prev) = char_before(para, p) else {
        return false;
    };
    if matches!(prev, ',' | ';' | '-' | '–' | '—' | '(' | '/' | '&') {
        return false;
    }
    let n = skip_space(para, k + 1);
    let Some(next) = char_at(para, n) else {
        return false;
    };
    if next.is_lowercase() {
        return false;
    }
    // previous word a function word: a wrapped line
    let b = word_start(para, s, p);
    let prev_word = para.get(b..p).unwrap_or("");
    !matches!(
        prev_word,
        "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "in"
            | "and"
            | "or"
            | "for"
            | "with"
            | "by"
            | "on"
            | "at"
            | "from"
            | "that"
            | "as"
            | "its"
            | "their"
            | "his"
            | "her"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn basic() {
        assert_eq!(texts("One. Two? Three!"), vec!["One.", "Two?", "Three!"]);
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            texts("N. Korea sent 30 men to the U.S. embassy on Nov. 1. Then it stopped."),
            vec![
                "N. Korea sent 30 men to the U.S. embassy on Nov. 1.",
                "Then it stopped."
            ]
        );
    }

    #[test]
    fn paragraph_break() {
        assert_eq!(
            texts("No stop here\n\nNext one"),
            vec!["No stop here", "Next one"]
        );
    }

    #[test]
    fn never_end_matches_the_list() {
        for w in NEVER_END {
            assert!(never_end(w.as_bytes()), "{w}");
            assert!(!never_end(format!("{w}x").as_bytes()), "{w}x");
        }
        for w in ["", "x", "mrss", "co", "the", "messrsx", "approxi"] {
            assert_eq!(never_end(w.as_bytes()), NEVER_END.contains(&w), "{w}");
        }
    }

    #[test]
    fn split_agrees_with_the_old_splitter() {
        let pieces = [
            "Exports",
            " fell",
            " 24",
            " percent",
            ".",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\n \n",
            "\r\n",
            "The",
            " the",
            " It",
            " it",
            "Mr",
            "Mrs",
            "mr",
            "Gen",
            "No",
            "Nov",
            "Co",
            "Inc",
            "etc",
            "U.S",
            "U.N",
            "D.P.R.K",
            "a.m",
            "e.g",
            "i.e",
            "N",
            "J",
            "ŭ",
            "Ŭ",
            "É",
            "é",
            "Ünited",
            "İ",
            "\u{212a}",
            "approx",
            "APPROX",
            "Messrs",
            "gov't",
            "Gov’t",
            "Approximately",
            "?",
            "!",
            "…",
            "...",
            "?!",
            "\"",
            "'",
            "“",
            "”",
            "‘",
            "’",
            ")",
            "(",
            "]",
            "[",
            "»",
            "}",
            ",",
            ";",
            "-",
            "–",
            "—",
            "/",
            "&",
            "\t",
            "\u{a0}",
            "\u{2003}",
            "1",
            "3.5",
            "$14.2",
            " and",
            " of",
            " to",
            " their",
            "Kim",
            " Un",
            "42",
            "x",
            "Z",
            " Officials",
            " According",
            "abcdefghij",
            "ABCDEFGHIJ",
            "Ltd",
            "corp",
            "æ",
            "₦",
            "\u{2026}”",
            "\u{2024}",
            "\u{22ef}",
            "\u{b}",
            "\u{c}",
            "\u{85}",
            "\u{1c}",
        ];
        let mut rng = crate::test_rng::Rng(0x5e57_e4ce);
        for round in 0..20_000 {
            let n = 1 + rng.below(if round % 10 == 0 { 200 } else { 30 });
            let t = rng.text(&pieces, n);
            assert_eq!(split(&t), old::split(&t), "{t:?}");
        }
    }

    #[test]
    fn quotes_close() {
        assert_eq!(
            texts("“It is over,” he said. “We go.” Then silence."),
            vec!["“It is over,” he said.", "“We go.”", "Then silence."]
        );
    }
}

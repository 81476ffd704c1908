//! The sentence splitter as it was before the byte-level fast paths (test oracle):
//! [`split`] here and in the parent module must agree on every input.
#![allow(dead_code)]
use crate::model::Sentence;

/// Abbreviations after which a full stop never ends a sentence (lower-cased, without the dot).
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
    let mut out = Vec::new();
    for (ps, pe) in paragraphs(text) {
        split_paragraph(text, ps, pe, &mut out);
    }
    out
}

/// Byte spans of the blank-line separated blocks of `text` (possibly with surrounding whitespace).
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
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
            out.push((start, nl));
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
        out.push((start, bytes.len()));
    }
    out
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '}')
}

/// The char starting at byte offset `i` of `s` (`None` at the end or off a boundary),
/// ASCII without decoding. Shared by the byte-walking tokenizers.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
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
    // next positions at or after `k` of '.', '!', '?' and of '\n', 0xE2 (cached)
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
            _ => memchr::memchr2(b'\n', 0xE2, &bytes[k..]).map_or(len, |o| k + o),
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

/// Pushes the sentence `para[s..e)` trimmed of trailing whitespace.
fn push(out: &mut Vec<Sentence>, ps: usize, para: &str, s: usize, e: usize) {
    let Some(slice) = para.get(s..e) else {
        return;
    };
    let trimmed = slice.trim_end();
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
    let next_word = word_at(para, n);
    let first_alpha = next_word.chars().next();
    // lower-case continuation never starts a sentence
    if next.is_lowercase()
        || (first_alpha.is_some_and(|c| c.is_lowercase()) && !is_opening_quote(next))
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
    let lower = before.to_lowercase();
    if NEVER_END.contains(&lower.as_str()) {
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
        lower.as_str(),
        "co" | "corp" | "inc" | "ltd" | "llc" | "plc" | "bros" | "etc"
    ) {
        return OPENERS.contains(&next_word);
    }
    // dotted acronym: U.S, U.N, a.m, D.P.R.K
    if before.contains('.') && before.chars().all(|c| c.is_alphabetic() || c == '.') {
        return OPENERS.contains(&next_word);
    }
    true
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

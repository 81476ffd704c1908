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
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            // a blank line: newline, optional spaces/tabs/CR, newline
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                out.push((start, i));
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '}')
}

fn split_paragraph(text: &str, ps: usize, pe: usize, out: &mut Vec<Sentence>) {
    let Some(para) = text.get(ps..pe) else {
        return;
    };
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(para.len());
    chars.extend(para.char_indices());
    let mut start: Option<usize> = None; // index into chars
    let mut k = 0;
    while k < chars.len() {
        let (_, c) = chars[k];
        if start.is_none() {
            if !c.is_whitespace() {
                start = Some(k);
            }
            k += 1;
            continue;
        }
        let s = start.unwrap_or(k);
        match c {
            '.' | '!' | '?' | '…' => {
                // run of terminal punctuation, then closers
                let mut j = k + 1;
                while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '…') {
                    j += 1;
                }
                let single_dot = c == '.' && j == k + 1;
                while j < chars.len() && is_closer(chars[j].1) {
                    j += 1;
                }
                if j < chars.len() && !chars[j].1.is_whitespace() {
                    k += 1;
                    continue;
                }
                // next non-space
                let mut n = j;
                while n < chars.len() && chars[n].1.is_whitespace() {
                    n += 1;
                }
                if n >= chars.len() {
                    k = j;
                    continue; // paragraph end closes it below
                }
                if ends_here(para, &chars, s, k, n, single_dot) {
                    push(out, ps, para, &chars, s, j);
                    start = None;
                    k = n;
                    continue;
                }
                k = j;
            }
            '\n' => {
                if line_break_ends(&chars, s, k) {
                    push(out, ps, para, &chars, s, k);
                    start = None;
                }
                k += 1;
            }
            _ => k += 1,
        }
    }
    if let Some(s) = start {
        push(out, ps, para, &chars, s, chars.len());
    }
}

/// Pushes the sentence `chars[s..e)` trimmed of trailing whitespace.
fn push(
    out: &mut Vec<Sentence>,
    ps: usize,
    para: &str,
    chars: &[(usize, char)],
    s: usize,
    e: usize,
) {
    let bs = chars.get(s).map_or(para.len(), |x| x.0);
    let be = chars.get(e).map_or(para.len(), |x| x.0);
    let Some(slice) = para.get(bs..be) else {
        return;
    };
    let trimmed = slice.trim_end();
    if trimmed.is_empty() {
        return;
    }
    out.push(Sentence {
        start: ps + bs,
        end: ps + bs + trimmed.len(),
    });
}

/// The word ending just before char index `k` (the terminal punctuation), without leading openers.
fn word_before<'a>(para: &'a str, chars: &[(usize, char)], s: usize, k: usize) -> &'a str {
    let mut b = k;
    while b > s && !chars[b - 1].1.is_whitespace() {
        b -= 1;
    }
    let bs = chars[b].0;
    let be = chars[k].0;
    let w = para.get(bs..be).unwrap_or("");
    w.trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// The word starting at char index `n`, without leading quotes/brackets.
fn word_at<'a>(para: &'a str, chars: &[(usize, char)], n: usize) -> &'a str {
    let mut e = n;
    while e < chars.len() && !chars[e].1.is_whitespace() {
        e += 1;
    }
    let bs = chars[n].0;
    let be = chars.get(e).map_or(para.len(), |x| x.0);
    let w = para.get(bs..be).unwrap_or("");
    w.trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric())
}

/// Decides whether the terminal punctuation at `k` (followed by whitespace, next word at `n`) ends a sentence.
fn ends_here(
    para: &str,
    chars: &[(usize, char)],
    s: usize,
    k: usize,
    n: usize,
    single_dot: bool,
) -> bool {
    let next = chars[n].1;
    let next_word = word_at(para, chars, n);
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
    let before = word_before(para, chars, s, k);
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
fn line_break_ends(chars: &[(usize, char)], s: usize, k: usize) -> bool {
    // previous non-space char on the line
    let mut p = k;
    while p > s && chars[p - 1].1.is_whitespace() {
        p -= 1;
    }
    if p == s {
        return false;
    }
    let prev = chars[p - 1].1;
    if matches!(prev, ',' | ';' | '-' | '–' | '—' | '(' | '/' | '&') {
        return false;
    }
    let mut n = k + 1;
    while n < chars.len() && chars[n].1.is_whitespace() {
        n += 1;
    }
    let Some(&(_, next)) = chars.get(n) else {
        return false;
    };
    if next.is_lowercase() {
        return false;
    }
    // previous word a function word: a wrapped line
    let mut b = p;
    while b > s && !chars[b - 1].1.is_whitespace() {
        b -= 1;
    }
    let prev_word: String = chars[b..p].iter().map(|x| x.1).collect();
    !matches!(
        prev_word.as_str(),
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
    fn quotes_close() {
        assert_eq!(
            texts("“It is over,” he said. “We go.” Then silence."),
            vec!["“It is over,” he said.", "“We go.”", "Then silence."]
        );
    }
}

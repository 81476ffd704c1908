//! Who speaks in each paragraph: the blogger, a quoted outlet, or a citation.
//!
//! A line ending in ':' ("According to Yonhap:", "The Daily NK reports:") opens a quoted
//! run; the run ends at the next citation, the next such intro, or the end of the post.
//! Bloggers often close with their own comment: trailing paragraphs of a run that carry
//! the blogger's cues (first person outside quotation marks, "presumably", "unclear",
//! "keep in mind" …) go back to the author. A post that ends with a "(Source: …)"
//! citation and has no intro line quotes from its second paragraph on, the way the
//! blog pastes an article under one paragraph of its own.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::model::Voice;

/// How a paragraph was recognised by the page parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    /// Ordinary text.
    Text,
    /// A "(Source: …)" citation.
    ParenSource,
    /// Any other citation ("Read the full story here:" block, "Source: X" line).
    Citation,
}

/// True for a paragraph that introduces a quotation.
pub fn is_quote_intro(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with(':') && !super::cite::is_block_intro(t) && t.split_whitespace().count() >= 2
}

/// The text outside quotation marks (“…” and "…"), for cue detection.
fn outside_quotes(t: &str) -> std::borrow::Cow<'_, str> {
    // no quotation mark ('"', '“' = E2 80 9C, '”' = E2 80 9D): all of it, borrowed
    let b = t.as_bytes();
    let quoted = memchr::memchr2_iter(b'"', 0xE2, b).any(|i| {
        b[i] == b'"' || (b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x9C | 0x9D)))
    });
    if !quoted {
        return std::borrow::Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut depth_curly = 0usize;
    let mut straight = false;
    for c in t.chars() {
        match c {
            '“' => depth_curly += 1,
            '”' => depth_curly = depth_curly.saturating_sub(1),
            '"' => straight = !straight,
            _ if depth_curly == 0 && !straight => out.push(c),
            _ => {}
        }
    }
    std::borrow::Cow::Owned(out)
}

const CUE_WORDS: [&str; 8] = [
    "presumably",
    "unclear",
    "probably",
    "likely",
    "perhaps",
    "therefore",
    "thus",
    "arguably",
];

const CUE_PHRASES: [&str; 14] = [
    "far from clear",
    "far from certain",
    "it is possible",
    "keep in mind",
    "note that",
    "notes that",
    "my own view",
    "if accurate",
    "if true",
    "worth watching",
    "worth noting",
    "notable",
    "may well",
    "word of caution",
];

fn is_boundary(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Lowercase pronouns of the first person (plural forms too); "I" is found apart.
const PRONOUNS: [&str; 5] = ["me", "my", "we", "our", "us"];

/// One case-insensitive automaton: pronouns first (ids below `PRONOUNS.len()`), then
/// cue words and phrases.
fn cue_matcher() -> Option<&'static AhoCorasick> {
    static AC: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(
                PRONOUNS
                    .iter()
                    .chain(CUE_WORDS.iter())
                    .chain(CUE_PHRASES.iter()),
            )
            .ok()
    })
    .as_ref()
}

/// True when a paragraph reads as the blogger's own comment.
pub fn authorial(t: &str) -> bool {
    let o = outside_quotes(t);
    let o: &str = &o;
    // a standalone capital "I"
    if memchr::memchr_iter(b'I', o.as_bytes()).any(|i| is_boundary(o, i, i + 1)) {
        return true;
    }
    let Some(ac) = cue_matcher() else {
        return false;
    };
    ac.find_iter(o).any(|m| {
        if !is_boundary(o, m.start(), m.end()) {
            return false;
        }
        if m.pattern().as_usize() < PRONOUNS.len() {
            // "us" but not "US"; "We" at a sentence start but not "WE"
            let w = &o[m.start()..m.end()];
            let mut cs = w.chars();
            let first_ok = cs
                .next()
                .is_some_and(|c| c.is_lowercase() || c == 'M' || c == 'W' || c == 'O');
            first_ok && cs.all(char::is_lowercase) && w != "Us"
        } else {
            true
        }
    })
}

/// Voices for the paragraphs of one post.
pub fn assign(paras: &[(&str, ParaKind)]) -> Vec<Voice> {
    let n = paras.len();
    let mut v: Vec<Voice> = paras
        .iter()
        .map(|(_, k)| match k {
            ParaKind::Text => Voice::Author,
            _ => Voice::Citation,
        })
        .collect();
    let mut had_intro = false;
    let mut i = 0;
    while i < n {
        if paras[i].1 == ParaKind::Text && is_quote_intro(paras[i].0) {
            had_intro = true;
            let start = i + 1;
            let mut j = start;
            while j < n && paras[j].1 == ParaKind::Text && !is_quote_intro(paras[j].0) {
                j += 1;
            }
            mark_run(paras, &mut v, start, j);
            i = j;
        } else {
            i += 1;
        }
    }
    // quote-marked renderings ("> text" lines, as mail and markdown write blockquotes)
    for (k, (t, kind)) in paras.iter().enumerate() {
        if *kind == ParaKind::Text && t.starts_with('>') {
            v[k] = Voice::Quoted;
        }
    }
    if !had_intro {
        // "(Source: …)" after pasted text: quoted from the second paragraph on
        if let Some(c) = paras.iter().position(|(_, k)| *k == ParaKind::ParenSource) {
            if c >= 2 && paras[..c].iter().all(|(_, k)| *k == ParaKind::Text) {
                mark_run(paras, &mut v, 1, c);
            }
        }
    }
    v
}

/// Marks `start..end` quoted, then hands a trailing comment back to the author.
fn mark_run(paras: &[(&str, ParaKind)], v: &mut [Voice], start: usize, end: usize) {
    if start >= end {
        return;
    }
    for x in v.iter_mut().take(end).skip(start) {
        *x = Voice::Quoted;
    }
    // scan back from the end; one cue-less paragraph may sit between cue paragraphs
    let mut cut = end;
    let mut gap = 0;
    let mut k = end;
    while k > start + 1 {
        k -= 1;
        if authorial(paras[k].0) {
            cut = k;
            gap = 0;
        } else {
            gap += 1;
            if gap > 1 {
                break;
            }
        }
    }
    for x in v.iter_mut().take(end).skip(cut) {
        *x = Voice::Author;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ParaKind::*;

    #[test]
    fn outside_quotes_borrows_only_text_without_quotation_marks() {
        // the char loop alone, the reference
        let plain = |t: &str| -> String {
            let (mut out, mut curly, mut straight) = (String::new(), 0usize, false);
            for c in t.chars() {
                match c {
                    '“' => curly += 1,
                    '”' => curly = curly.saturating_sub(1),
                    '"' => straight = !straight,
                    _ if curly == 0 && !straight => out.push(c),
                    _ => {}
                }
            }
            out
        };
        let pieces = [
            "We ", "said", " ", "\"", "“", "”", "’", "‘", "—", "…", "\u{2010}", "I", "é", "x",
        ];
        let mut rng = crate::test_rng::Rng(0x90_7e);
        for _ in 0..5_000 {
            let n = rng.below(16);
            let t = rng.text(&pieces, n);
            let o = outside_quotes(&t);
            assert_eq!(o, plain(&t), "{t:?}");
            let has_mark = t.contains(['"', '“', '”']);
            assert_eq!(matches!(o, std::borrow::Cow::Owned(_)), has_mark, "{t:?}");
        }
    }

    #[test]
    fn intro_and_trailing_comment() {
        let p = [
            ("Prices rose again. According to Yonhap:", Text),
            ("Rice sold for 5,000 won, a trader said.", Text),
            ("Corn rose too, the trader added.", Text),
            ("This is presumably seasonal.", Text),
            (
                "Read the full story here:\nRice up\nYonhap\n2014-5-1",
                Citation,
            ),
        ];
        let v = assign(&p);
        assert_eq!(
            v,
            vec![
                Voice::Author,
                Voice::Quoted,
                Voice::Quoted,
                Voice::Author,
                Voice::Citation
            ]
        );
    }

    #[test]
    fn paren_source_without_intro() {
        let p = [
            ("I doubt this will last.", Text),
            ("Traders in Hyesan raised prices.", Text),
            ("“We have no choice,” one said.", Text),
            (
                "(Source: Jane Roe, “Prices up,” Daily NK, May 2nd, 2014.)",
                ParenSource,
            ),
        ];
        let v = assign(&p);
        assert_eq!(v[0], Voice::Author);
        assert_eq!(v[1], Voice::Quoted);
        assert_eq!(
            v[2],
            Voice::Quoted,
            "first person inside quotation marks is not a cue"
        );
        assert_eq!(v[3], Voice::Citation);
    }

    #[test]
    fn marked_blockquotes() {
        let p = [("Prices rose.", Text), ("> Rice sold for 5,000 won.", Text)];
        assert_eq!(assign(&p), vec![Voice::Author, Voice::Quoted]);
    }

    #[test]
    fn cues() {
        assert!(authorial("We should see this in prices."));
        assert!(!authorial("US officials said so."));
        assert!(!authorial("“I saw it,” he said."));
        assert!(authorial("It remains unclear whether it works."));
    }
}

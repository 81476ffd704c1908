//! Canonical names of countries, North Korean places, organisations and outlets.
//!
//! The list lives in `data/gazetteer.tsv` (variant, canonical name, kind), embedded at
//! compile time and matched with one Aho-Corasick automaton, case-sensitively and on word
//! boundaries. Text and variants are folded first (ŭ→u, ŏ→o, é→e, ’→', –→-), so
//! `Sinŭiju`, `Sinuiju` and `P’yŏngyang` all match. Overlapping candidates resolve
//! leftmost-longest after rejecting false starts ("the North" before a capitalised word,
//! "US" glued to "$").

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::sync::OnceLock;

/// What a gazetteer name denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A country ("North Korea", "DPRK").
    Country,
    /// A nationality adjective ("Chinese"), canonicalised to its country.
    Demonym,
    /// A capital that also names its government ("Pyongyang", "Seoul").
    Capital,
    /// A city, province, county or river.
    Place,
    /// An organisation (UN, WFP, KOTRA, Bank of Korea, Air Koryo).
    Org,
    /// A news outlet (Daily NK, Yonhap, Reuters, KCNA).
    Outlet,
    /// A leader or senior official who speaks for a state (Kim Jong Un).
    Leader,
}

/// One gazetteer hit in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset of the match in the original text.
    pub start: usize,
    /// Byte offset one past the match.
    pub end: usize,
    /// Canonical name.
    pub canonical: &'static str,
    /// What it denotes.
    pub kind: EntityKind,
}

struct Gazetteer {
    ac: AhoCorasick,
    entries: Vec<(&'static str, EntityKind)>,
    /// Folded variant → entry, for whole-string lookups.
    exact: std::collections::HashMap<String, (&'static str, EntityKind)>,
}

const DATA: &str = include_str!("../data/gazetteer.tsv");

fn parse_kind(s: &str) -> Option<EntityKind> {
    Some(match s {
        "country" => EntityKind::Country,
        "demonym" => EntityKind::Demonym,
        "capital" => EntityKind::Capital,
        "place" => EntityKind::Place,
        "org" => EntityKind::Org,
        "outlet" => EntityKind::Outlet,
        "leader" => EntityKind::Leader,
        _ => return None,
    })
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut entries = Vec::new();
        for line in DATA.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(v), Some(c), Some(k)) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            let Some(kind) = parse_kind(k.trim()) else {
                continue;
            };
            let f = fold(v).0;
            // typographic variants, so that text without diacritics is searched unfolded
            if f.contains('\'') {
                patterns.push(f.replace('\'', "’"));
                entries.push((c, kind));
            }
            if f.contains('-') {
                patterns.push(f.replace('-', "–"));
                entries.push((c, kind));
            }
            patterns.push(f);
            entries.push((c, kind));
        }
        // a DFA: the list is small, and every sentence of every post is searched
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .unwrap_or_else(|_| {
                // the embedded list is fixed; an empty automaton keeps the library usable
                AhoCorasick::new(["\u{0}never\u{0}"]).expect("trivial automaton")
            });
        let mut exact = std::collections::HashMap::new();
        for (p, e) in patterns.iter().zip(entries.iter()) {
            exact.entry(p.clone()).or_insert(*e);
        }
        Gazetteer { ac, entries, exact }
    })
}

/// Folds diacritics and typographic punctuation to ASCII. Returns the folded text and,
/// for each folded byte, the byte offset of its source char in `s` (plus a final entry).
pub fn fold(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let r = match c {
            'ŭ' | 'ú' | 'ù' | 'ü' | 'ū' | 'û' => 'u',
            'Ŭ' | 'Ú' | 'Ü' | 'Ū' => 'U',
            'ŏ' | 'ó' | 'ò' | 'ö' | 'ō' | 'ô' => 'o',
            'Ŏ' | 'Ó' | 'Ö' | 'Ō' => 'O',
            'é' | 'è' | 'ë' | 'ê' | 'ē' => 'e',
            'É' => 'E',
            'á' | 'à' | 'ä' | 'â' | 'ā' => 'a',
            'í' | 'ì' | 'ï' | 'î' | 'ī' => 'i',
            '’' | '‘' | 'ʼ' | '`' => '\'',
            '–' | '‑' | '‐' => '-',
            '\u{a0}' => ' ',
            c => c,
        };
        out.push(r);
        for _ in 0..r.len_utf8() {
            map.push(i);
        }
    }
    map.push(s.len());
    (out, map)
}

fn word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// All gazetteer names in `text`, leftmost-longest, non-overlapping, in text order.
pub fn find(text: &str) -> Vec<Hit> {
    let g = gazetteer();
    // fold only text with Latin diacritics (ŭ, ŏ, é…: lead bytes 0xC3..=0xCA); typographic
    // apostrophes and dashes are matched by variant patterns
    let needs_fold = text.bytes().any(|b| (0xC3..=0xCA).contains(&b));
    let (folded, map) = if needs_fold {
        let (f, m) = fold(text);
        (std::borrow::Cow::Owned(f), Some(m))
    } else {
        (std::borrow::Cow::Borrowed(text), None)
    };
    let folded: &str = &folded;
    let at = |i: usize| -> Option<usize> {
        match &map {
            Some(m) => m.get(i).copied(),
            None => Some(i),
        }
    };
    let mut cands: Vec<(usize, usize, usize)> = Vec::new();
    for m in g.ac.find_overlapping_iter(folded) {
        let (s, e) = (m.start(), m.end());
        let before = folded[..s].chars().next_back();
        let after = folded[e..].chars().next();
        if word_char(before) || word_char(after) {
            continue;
        }
        let pat = &folded[s..e];
        let rest = &folded[e..];
        if (pat == "the North" || pat == "the South")
            && rest.starts_with(' ')
            && rest[1..].chars().next().is_some_and(|c| c.is_uppercase())
        {
            continue;
        }
        if pat == "US" && rest.starts_with('$') {
            continue;
        }
        cands.push((s, e, m.pattern().as_usize()));
    }
    cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out = Vec::new();
    let mut last_end = 0;
    for (s, e, p) in cands {
        if s < last_end {
            continue;
        }
        let Some(&(canonical, kind)) = g.entries.get(p) else {
            continue;
        };
        let (Some(os), Some(oe)) = (at(s), at(e)) else {
            continue;
        };
        out.push(Hit {
            start: os,
            end: oe,
            canonical,
            kind,
        });
        last_end = e;
    }
    out
}

/// Looks up one name (the whole string) in the gazetteer.
pub fn lookup(name: &str) -> Option<(&'static str, EntityKind)> {
    gazetteer().exact.get(&fold(name).0).copied()
}

/// Canonical entity names of `text` for the claims table: countries (demonyms folded into
/// them), places, organisations and outlets, deduplicated in order of appearance. A capital
/// stands for its country unless a locative preposition ("in", "to", "from"…) precedes it.
pub fn entities(text: &str) -> Vec<String> {
    entities_from(text, &find(text))
}

/// [`entities`] from hits already found in `text` by [`find`].
pub fn entities_from(text: &str, hits: &[Hit]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for h in hits {
        let name = match h.kind {
            EntityKind::Capital => {
                let before = text[..h.start].trim_end();
                let prev = before
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                let locative = matches!(
                    prev.as_str(),
                    "in" | "to"
                        | "from"
                        | "near"
                        | "around"
                        | "at"
                        | "outside"
                        | "via"
                        | "through"
                        | "of"
                        | "into"
                        | "across"
                        | "between"
                        | "and"
                        | "visited"
                        | "visit"
                        | "central"
                        | "downtown"
                );
                if locative {
                    h.canonical
                } else {
                    capital_country(h.canonical)
                }
            }
            EntityKind::Leader => continue,
            _ => h.canonical,
        };
        if !out.iter().any(|x| x == name) {
            out.push(name.to_string());
        }
    }
    out
}

/// The country a capital stands for when it acts ("Pyongyang said").
pub fn capital_country(capital: &str) -> &str {
    match capital {
        "Pyongyang" => "North Korea",
        "Seoul" => "South Korea",
        "Beijing" => "China",
        "Moscow" => "Russia",
        "Tokyo" => "Japan",
        "Washington" => "United States",
        "Kyiv" => "Ukraine",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_matches() {
        let e = entities("Rice in Sinŭiju and P’yŏngyang rose; the North blamed Chinese traders.");
        assert_eq!(e, vec!["Sinuiju", "Pyongyang", "North Korea", "China"]);
    }

    #[test]
    fn longest_and_guards() {
        let e = entities("A source in North Pyongan Province said the North Korea fund got US$5.");
        assert_eq!(e, vec!["North Pyongan Province", "North Korea"]);
        assert_eq!(
            lookup("Yonhap News Agency"),
            Some(("Yonhap", EntityKind::Outlet))
        );
    }
}

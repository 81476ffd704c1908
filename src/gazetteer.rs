//! Canonical names of countries, North Korean places, organisations and outlets.
//!
//! The list lives in `data/gazetteer.tsv` (variant, canonical name, kind), embedded at
//! compile time and matched with a byte trie from candidate word starts, case-sensitively
//! and on word boundaries. Text and variants are folded first (ŭ→u, ŏ→o, é→e, ’→', –→-), so
//! `Sinŭiju`, `Sinuiju` and `P’yŏngyang` all match. Overlapping candidates resolve
//! leftmost-longest after rejecting false starts ("the North" before a capitalised word,
//! "US" glued to "$").

use std::sync::OnceLock;

use crate::swar::{digit_bits, letter_bits};

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
    /// Byte trie of the (folded) variants and their typographic forms.
    trie: Trie,
    /// Pattern index → canonical name and kind.
    entries: Vec<(&'static str, EntityKind)>,
    /// Pattern index → false-start rule.
    guard: Vec<Guard>,
    /// Bytes that may start a name in unfolded text: the root's children.
    start_plain: [bool; 256],
    /// The same for folded text, plus every lead byte (its char may fold to one).
    start_fold: [bool; 256],
    /// Unfolded text: a bit per hash of the first three bytes of some pattern (every
    /// third byte for a pattern of two), so that most word starts are turned away
    /// before a trie walk.
    prefix3: Box<[u64; PREFIX3_WORDS]>,
}

/// Size of [`Gazetteer::prefix3`] in 64-bit words (2^15 bits).
const PREFIX3_WORDS: usize = 1 << 9;

/// The bit of [`Gazetteer::prefix3`] for three bytes.
#[inline(always)]
fn prefix3_bit(b0: u8, b1: u8, b2: u8) -> usize {
    let k = u32::from(b0) | u32::from(b1) << 8 | u32::from(b2) << 16;
    (k.wrapping_mul(0x9E37_79B1) >> 17) as usize
}

/// False starts rejected for a pattern.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Guard {
    None,
    /// "the North"/"the South" before a space and a capitalised word.
    Capital,
    /// "US" glued to "$".
    Dollar,
}

/// A byte trie: node 0 is the root, whose children sit in a 256-entry table; other nodes
/// keep their (few) children in a flat edge list.
struct Trie {
    /// Root child per byte (0: none; the root is never a child).
    root: [u32; 256],
    /// Per node: first edge, edge count, pattern index + 1 (0: no pattern ends here).
    nodes: Vec<(u32, u32, u32)>,
    /// (byte, child) edges, grouped by node.
    edges: Vec<(u8, u32)>,
}

impl Trie {
    fn build(patterns: &[String]) -> Trie {
        // children per node while building
        let mut kids: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut pat: Vec<u32> = vec![0];
        for (i, p) in patterns.iter().enumerate() {
            let mut n = 0usize;
            for &b in p.as_bytes() {
                let next = kids
                    .get(n)
                    .and_then(|k| k.iter().find(|e| e.0 == b))
                    .map(|e| e.1 as usize);
                n = match next {
                    Some(c) => c,
                    None => {
                        let c = kids.len();
                        kids.push(Vec::new());
                        pat.push(0);
                        if let Some(k) = kids.get_mut(n) {
                            k.push((b, c as u32));
                        }
                        c
                    }
                };
            }
            // duplicates: the first pattern wins, as in a first-come map
            if let Some(slot) = pat.get_mut(n) {
                if *slot == 0 {
                    *slot = i as u32 + 1;
                }
            }
        }
        let mut root = [0u32; 256];
        let mut nodes = Vec::with_capacity(kids.len());
        let mut edges = Vec::new();
        for (n, k) in kids.iter().enumerate() {
            if n == 0 {
                for &(b, c) in k {
                    root[b as usize] = c;
                }
            }
            nodes.push((edges.len() as u32, k.len() as u32, pat[n]));
            edges.extend_from_slice(k);
        }
        Trie { root, nodes, edges }
    }

    /// The child of `node` by byte `b` (0: none).
    #[inline]
    fn step(&self, node: u32, b: u8) -> u32 {
        if node == 0 {
            return self.root[b as usize];
        }
        let Some(&(first, len, _)) = self.nodes.get(node as usize) else {
            return 0;
        };
        let Some(es) = self
            .edges
            .get(first as usize..first as usize + len as usize)
        else {
            return 0;
        };
        for &(eb, c) in es {
            if eb == b {
                return c;
            }
        }
        0
    }

    /// Pattern index + 1 ending at `node` (0: none).
    #[inline]
    fn pattern(&self, node: u32) -> u32 {
        self.nodes.get(node as usize).map_or(0, |n| n.2)
    }
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

/// The search patterns (folded variants and their typographic forms) and, per pattern,
/// its canonical name and kind.
fn patterns() -> (Vec<String>, Vec<(&'static str, EntityKind)>) {
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
    (patterns, entries)
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let (patterns, entries) = patterns();
        let trie = Trie::build(&patterns);
        let guard = patterns
            .iter()
            .map(|p| match p.as_str() {
                "the North" | "the South" => Guard::Capital,
                "US" => Guard::Dollar,
                _ => Guard::None,
            })
            .collect();
        let mut start_plain = [false; 256];
        let mut start_fold = [false; 256];
        for b in 0..256 {
            start_plain[b] = trie.root[b] != 0;
            start_fold[b] = start_plain[b] || b >= 0xC0;
        }
        let mut prefix3 = Box::new([0u64; PREFIX3_WORDS]);
        for p in &patterns {
            let b = p.as_bytes();
            let thirds: Vec<u8> = match b.get(2) {
                Some(&t) => vec![t],
                None => (0..=255).collect(),
            };
            for t in thirds {
                let bit = prefix3_bit(
                    b.first().copied().unwrap_or(0),
                    b.get(1).copied().unwrap_or(0),
                    t,
                );
                prefix3[bit / 64] |= 1 << (bit % 64);
            }
        }
        Gazetteer {
            trie,
            entries,
            guard,
            start_plain,
            start_fold,
            prefix3,
        }
    })
}

/// The ASCII stand-in of a char with a diacritic or of typographic punctuation, else `c`.
#[inline]
fn fold_char(c: char) -> char {
    match c {
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
    }
}

/// Folds diacritics and typographic punctuation to ASCII. Returns the folded text and,
/// for each folded byte, the byte offset of its source char in `s` (plus a final entry).
pub fn fold(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let r = fold_char(c);
        out.push(r);
        for _ in 0..r.len_utf8() {
            map.push(i);
        }
    }
    map.push(s.len());
    (out, map)
}

/// The char of `text` at byte `i` as searched (folded when `FOLD`) and its length in
/// `text`; `None` at the end (or off a char boundary, which the callers never ask).
#[inline]
fn char_at<const FOLD: bool>(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        let c = b as char;
        return Some((if FOLD { fold_char(c) } else { c }, 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((if FOLD { fold_char(c) } else { c }, c.len_utf8()))
}

/// Whether a name may start at byte `i`: the char before (as searched) is not alphanumeric.
#[inline]
fn starts_word<const FOLD: bool>(text: &str, i: usize) -> bool {
    let Some(i1) = i.checked_sub(1) else {
        return true;
    };
    let Some(&b) = text.as_bytes().get(i1) else {
        return true;
    };
    if b < 0x80 {
        // folding maps '`' to '\'': neither is alphanumeric
        return !b.is_ascii_alphanumeric();
    }
    match text.get(..i).and_then(|t| t.chars().next_back()) {
        Some(c) => !(if FOLD { fold_char(c) } else { c }).is_alphanumeric(),
        None => true,
    }
}

impl Gazetteer {
    /// Whether pattern `p` found at `..e` in `text` ends a word and is no false start.
    #[inline]
    fn accept<const FOLD: bool>(&self, text: &str, e: usize, p: usize) -> bool {
        let after = char_at::<FOLD>(text, e);
        if after.is_some_and(|(c, _)| c.is_alphanumeric()) {
            return false;
        }
        match self.guard.get(p) {
            Some(Guard::Capital) => match after {
                Some((' ', n)) => {
                    !char_at::<FOLD>(text, e + n).is_some_and(|(c, _)| c.is_uppercase())
                }
                _ => true,
            },
            Some(Guard::Dollar) => !matches!(after, Some(('$', _))),
            _ => true,
        }
    }

    /// The longest accepted pattern starting at byte `s`: (end, pattern index).
    #[inline]
    fn longest<const FOLD: bool>(&self, text: &str, s: usize) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        let t = &self.trie;
        let mut node = 0u32;
        let mut i = s;
        let mut best = None;
        while let Some(&b) = bytes.get(i) {
            if !FOLD || b < 0x80 {
                node = t.step(node, if FOLD && b == b'`' { b'\'' } else { b });
                i += 1;
            } else {
                let Some((c, n)) = char_at::<false>(text, i) else {
                    break;
                };
                let f = fold_char(c);
                if f != c {
                    node = t.step(node, f as u8);
                } else {
                    for &cb in bytes.get(i..i + n).unwrap_or(&[]) {
                        node = t.step(node, cb);
                        if node == 0 {
                            break;
                        }
                    }
                }
                i += n;
            }
            if node == 0 {
                break;
            }
            // patterns are whole UTF-8, so one ends only on a char boundary
            let p = t.pattern(node);
            if p != 0 && self.accept::<FOLD>(text, i, p as usize - 1) {
                best = Some((i, p as usize - 1));
            }
        }
        best
    }

    /// The name starting at byte `p` of `text`, if one does: `p` holds a start byte
    /// (`start`), no letter or digit comes before it, and a pattern is accepted there.
    #[inline(always)]
    fn name_at<const FOLD: bool>(&self, text: &str, p: usize, start: &[bool; 256]) -> Option<Hit> {
        let b = *text.as_bytes().get(p)?;
        if !start[b as usize] {
            return None;
        }
        if !FOLD {
            // no pattern begins with these three bytes (a shorter text is walked)
            if let Some(&[b0, b1, b2]) = text.as_bytes().get(p..p + 3) {
                let bit = prefix3_bit(b0, b1, b2);
                if self.prefix3[bit / 64] & (1 << (bit % 64)) == 0 {
                    return None;
                }
            }
        }
        let root = &self.trie.root;
        let cand = if FOLD && b >= 0xC0 {
            // a char that folds to a pattern's first byte (Ŭ, Ŏ, É…)
            char_at::<true>(text, p).is_some_and(|(c, _)| c.is_ascii() && root[c as usize] != 0)
                || root[b as usize] != 0
        } else {
            true
        };
        if !(cand && starts_word::<FOLD>(text, p)) {
            return None;
        }
        let (e, pat) = self.longest::<FOLD>(text, p)?;
        let &(canonical, kind) = self.entries.get(pat)?;
        Some(Hit {
            start: p,
            end: e,
            canonical,
            kind,
        })
    }

    fn find<const FOLD: bool>(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        // bytes worth a closer look: a pattern's first byte, and (folding) a lead byte
        let start = if FOLD {
            &self.start_fold
        } else {
            &self.start_plain
        };
        let mut out = Vec::new();
        let n = bytes.len();
        let mut i = 0;
        // Eight bytes at a time, looking only at start bytes after a byte that is no ASCII
        // letter or digit (a char beyond ASCII before one is judged by `starts_word`):
        // no name starts after a letter or digit.
        while let Some(c) = bytes.get(i..).and_then(|r| r.first_chunk::<8>()) {
            let w = u64::from_le_bytes(*c);
            let before = (w << 8) | u64::from(if i == 0 { b' ' } else { bytes[i - 1] });
            let prev_alnum = letter_bits(before) | digit_bits(before);
            // the start bytes, one table load each, without a branch
            let mut starts = 0u64;
            for (k, &b) in c.iter().enumerate() {
                starts |= u64::from(start[usize::from(b)]) << (8 * k + 7);
            }
            let mut cand = starts & !prev_alnum;
            let mut next = i + 8;
            while cand != 0 {
                let p = i + (cand.trailing_zeros() / 8) as usize;
                cand &= cand - 1;
                if let Some(h) = self.name_at::<FOLD>(text, p, start) {
                    // go on after the name (the rest of this chunk is read again)
                    next = h.end;
                    out.push(h);
                    break;
                }
            }
            i = next;
        }
        // the last few bytes one by one
        while i < n {
            match self.name_at::<FOLD>(text, i, start) {
                Some(h) => {
                    i = h.end;
                    out.push(h);
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Whether `text` has a byte in 0xC3..=0xCA (the lead bytes of Latin letters with
/// diacritics), testing 8 bytes at a time for any non-ASCII byte first.
#[inline]
fn has_latin_diacritic(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        if u64::from_le_bytes(w) & 0x8080_8080_8080_8080 != 0
            && c.iter().any(|&b| (0xC3..=0xCA).contains(&b))
        {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| (0xC3..=0xCA).contains(&b))
}

/// All gazetteer names in `text`, leftmost-longest, non-overlapping, in text order.
///
/// Names start only where a pattern's first byte (or a char folding to it) follows a
/// non-alphanumeric char; from there one trie walk finds the longest pattern that ends a
/// word and is no false start. Text with Latin diacritics (lead bytes 0xC3..=0xCA) is
/// folded char by char during the walk; other text is matched as is, its typographic
/// apostrophes and dashes by variant patterns.
pub fn find(text: &str) -> Vec<Hit> {
    let g = gazetteer();
    if has_latin_diacritic(text) {
        g.find::<true>(text)
    } else {
        g.find::<false>(text)
    }
}

/// Looks up one name (the whole string) in the gazetteer.
pub fn lookup(name: &str) -> Option<(&'static str, EntityKind)> {
    // one trie walk over the folded name, without building it
    let g = gazetteer();
    let t = &g.trie;
    let mut node = 0u32;
    let mut buf = [0u8; 4];
    for c in name.chars() {
        for &b in fold_char(c).encode_utf8(&mut buf).as_bytes() {
            node = t.step(node, b);
            if node == 0 {
                return None;
            }
        }
    }
    let p = t.pattern(node).checked_sub(1)?;
    g.entries.get(p as usize).copied()
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

    /// The Aho-Corasick implementation this module had before the trie, kept as the
    /// reference for the exactness tests.
    mod old {
        use super::super::*;
        use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
        use std::collections::HashMap;

        pub struct Old {
            ac: AhoCorasick,
            entries: Vec<(&'static str, EntityKind)>,
            exact: HashMap<String, (&'static str, EntityKind)>,
        }

        pub fn old() -> &'static Old {
            static G: OnceLock<Old> = OnceLock::new();
            G.get_or_init(|| {
                let (patterns, entries) = patterns();
                let ac = AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&patterns)
                    .expect("automaton");
                let mut exact = HashMap::new();
                for (p, e) in patterns.iter().zip(entries.iter()) {
                    exact.entry(p.clone()).or_insert(*e);
                }
                Old { ac, entries, exact }
            })
        }

        fn word_char(c: Option<char>) -> bool {
            c.is_some_and(|c| c.is_alphanumeric())
        }

        pub fn find(text: &str) -> Vec<Hit> {
            let g = old();
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

        pub fn lookup(name: &str) -> Option<(&'static str, EntityKind)> {
            old().exact.get(&fold(name).0).copied()
        }
    }

    use crate::test_rng::Rng;

    /// Random texts built from pattern pieces, diacritics, typographic punctuation and
    /// word-boundary characters.
    fn random_text(r: &mut Rng, pats: &[String]) -> String {
        const BITS: &[&str] = &[
            " ", " ", " ", "\u{a0}", "$", "-", "–", "‑", "‐", "'", "’", "‘", "ʼ", "`", ".", ",",
            "a", "s", "n", "e", "K", "N", "S", "U", "the ", "The ", "ŭ", "ŏ", "Ŭ", "Ŏ", "é", "É",
            "Ú", "Ü", "Ō", "ō", "ü", "ū", "3", "8", "38", "조", "선", "é", "ß", "İ", "Ω", "ω",
            "中", "1", "_", "(", ")", "\n", "North", "South", "Korea", "Kim", "Jong", "Un", "US",
            "USA", "U.S.", "S", "s", "ean", "ns", "P", "y", "ong", "yang", "Sin", "iju", "ʹ", "K",
        ];
        let n = r.below(14);
        let mut s = String::new();
        for _ in 0..n {
            if r.below(3) == 0 {
                let p = &pats[r.below(pats.len())];
                // a whole pattern, a prefix, or one with a char folded back to a diacritic
                match r.below(4) {
                    0 => {
                        let cut = r.below(p.len() + 1);
                        let mut k = cut;
                        while !p.is_char_boundary(k) {
                            k -= 1;
                        }
                        s.push_str(&p[..k]);
                    }
                    1 => s.push_str(
                        &p.replace('u', "ŭ")
                            .replace('o', "ŏ")
                            .replace('\'', "ʼ")
                            .replace('E', "É"),
                    ),
                    2 => s.push_str(&p.replace(' ', "\u{a0}").replace('-', "‑")),
                    _ => s.push_str(p),
                }
            } else {
                s.push_str(BITS[r.below(BITS.len())]);
            }
        }
        s
    }

    #[test]
    fn same_as_aho_corasick() {
        let (pats, _) = patterns();
        let mut r = Rng(0x9E37_79B9_7F4A_7C15);
        let (mut hits, mut folded, mut found) = (0, 0, 0);
        for _ in 0..300_000 {
            let t = random_text(&mut r, &pats);
            let h = find(&t);
            assert_eq!(h, old::find(&t), "{t:?}");
            let l = lookup(&t);
            assert_eq!(l, old::lookup(&t), "{t:?}");
            hits += h.len();
            folded += usize::from(t.bytes().any(|b| (0xC3..=0xCA).contains(&b)) && !h.is_empty());
            found += usize::from(l.is_some());
        }
        // longer texts
        for _ in 0..50_000 {
            let t = (0..4)
                .map(|_| random_text(&mut r, &pats))
                .collect::<String>();
            assert_eq!(find(&t), old::find(&t), "{t:?}");
        }
        // the texts do exercise matching, folding and lookups
        assert!(
            hits > 50_000 && folded > 30_000 && found > 1_000,
            "{hits} {folded} {found}"
        );
        for p in &pats {
            for t in [
                p.clone(),
                format!("x{p}"),
                format!("{p}s"),
                format!("({p}) "),
                format!("é {p}$"),
                format!("{p} Korea é"),
                format!("the {p}"),
            ] {
                assert_eq!(find(&t), old::find(&t), "{t:?}");
                assert_eq!(lookup(&t), old::lookup(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn same_on_sentences() {
        for t in [
            "",
            "ʼ",
            "the North\u{a0}Pyongan é",
            "the North\u{a0}Pyongan",
            "the North Pyongan",
            "the North ŭ",
            "the North Ŭlsan",
            "US$ and US $ and USA$ é",
            "ʼNorth Korea",
            "ʼNorth Korea é",
            "`North Korea` é",
            "P’yŏngyang P'yongyang P’yongyang Pʼyŏngyang P`yongyang é",
            "P`yongyang",
            "Kim Jong‑un Kim Jong–un Kim Jong-un",
            "Kim Jong‑un é",
            "38th parallel 38 North",
            "Ŭiju and Sinŭiju, ÉNorth Korea",
        ] {
            assert_eq!(find(t), old::find(t), "{t:?}");
            assert_eq!(lookup(t), old::lookup(t), "{t:?}");
        }
    }
}

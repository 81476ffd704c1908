//! Hedge cues: words and phrases that mark a statement as uncertain, second-hand or a guess.
//!
//! Two families, matched on lower-cased word sequences, longest first, and reported as
//! written (the cue only, e.g. `unclear` in "it remains unclear"):
//!
//! - **doubt** about a report: reportedly, allegedly, supposedly, purportedly, rumored,
//!   unconfirmed, unverified, far from confirmed/certain/clear, unclear, not clear,
//!   less clear, uncertain, not certain, if true, remains to be seen…
//! - **speculation** by the writer or speaker: presumably, probably, likely, may, might,
//!   could, perhaps, possibly, possible, maybe, seem(s), appear(s), apparently,
//!   suggest(s), believe(d), is thought to, expected, plans to, almost certainly…

use super::text::{Shapes, Tok};

/// Family of a hedge cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HedgeKind {
    /// Doubt about whether a report is true.
    Doubt,
    /// A guess, inference or expectation.
    Speculation,
}

/// Cue phrases (lower-case words) and their family. Longer phrases first where they overlap.
const CUES: &[(&[&str], HedgeKind)] = &[
    (&["far", "from", "confirmed"], HedgeKind::Doubt),
    (&["far", "from", "certain"], HedgeKind::Doubt),
    (&["far", "from", "clear"], HedgeKind::Doubt),
    (&["far", "from", "settled"], HedgeKind::Doubt),
    (
        &["could", "not", "be", "independently", "verified"],
        HedgeKind::Doubt,
    ),
    (
        &["could", "not", "be", "independently", "confirmed"],
        HedgeKind::Doubt,
    ),
    (
        &["cannot", "be", "independently", "verified"],
        HedgeKind::Doubt,
    ),
    (&["could", "not", "be", "verified"], HedgeKind::Doubt),
    (&["could", "not", "be", "confirmed"], HedgeKind::Doubt),
    (&["cannot", "be", "verified"], HedgeKind::Doubt),
    (&["cannot", "be", "confirmed"], HedgeKind::Doubt),
    (&["not", "independently", "verified"], HedgeKind::Doubt),
    (&["remains", "to", "be", "seen"], HedgeKind::Doubt),
    (&["remain", "to", "be", "seen"], HedgeKind::Doubt),
    (&["if", "true"], HedgeKind::Doubt),
    (&["not", "clear"], HedgeKind::Doubt),
    (&["less", "clear"], HedgeKind::Doubt),
    (&["not", "certain"], HedgeKind::Doubt),
    (&["almost", "certainly"], HedgeKind::Speculation),
    (&["in", "all", "likelihood"], HedgeKind::Speculation),
    (&["thought", "to"], HedgeKind::Speculation),
    (&["plans", "to"], HedgeKind::Speculation),
    (&["plan", "to"], HedgeKind::Speculation),
    (&["planning", "to"], HedgeKind::Speculation),
    (&["intends", "to"], HedgeKind::Speculation),
    (&["aims", "to"], HedgeKind::Speculation),
    (&["hard", "to", "say"], HedgeKind::Doubt),
    (&["difficult", "to", "say"], HedgeKind::Doubt),
    (&["hard", "to", "know"], HedgeKind::Doubt),
    (&["difficult", "to", "verify"], HedgeKind::Doubt),
    (&["not", "known"], HedgeKind::Doubt),
    (&["if", "confirmed"], HedgeKind::Doubt),
    (&["said", "to", "be"], HedgeKind::Doubt),
    (&["cannot", "be", "ruled", "out"], HedgeKind::Speculation),
    (&["reportedly"], HedgeKind::Doubt),
    (&["doubtful"], HedgeKind::Doubt),
    (&["dubious"], HedgeKind::Doubt),
    (&["questionable"], HedgeKind::Doubt),
    (&["speculation"], HedgeKind::Speculation),
    (&["speculated"], HedgeKind::Speculation),
    (&["suspect"], HedgeKind::Speculation),
    (&["suspected"], HedgeKind::Speculation),
    (&["guess"], HedgeKind::Speculation),
    (&["assume"], HedgeKind::Speculation),
    (&["assuming"], HedgeKind::Speculation),
    (&["arguably"], HedgeKind::Speculation),
    (&["purported"], HedgeKind::Doubt),
    (&["rumor"], HedgeKind::Doubt),
    (&["rumour"], HedgeKind::Doubt),
    (&["allegedly"], HedgeKind::Doubt),
    (&["alleged"], HedgeKind::Doubt),
    (&["supposedly"], HedgeKind::Doubt),
    (&["purportedly"], HedgeKind::Doubt),
    (&["ostensibly"], HedgeKind::Doubt),
    (&["rumored"], HedgeKind::Doubt),
    (&["rumoured"], HedgeKind::Doubt),
    (&["rumors"], HedgeKind::Doubt),
    (&["rumours"], HedgeKind::Doubt),
    (&["unconfirmed"], HedgeKind::Doubt),
    (&["unverified"], HedgeKind::Doubt),
    (&["unverifiable"], HedgeKind::Doubt),
    (&["unclear"], HedgeKind::Doubt),
    (&["uncertain"], HedgeKind::Doubt),
    (&["presumably"], HedgeKind::Speculation),
    (&["probably"], HedgeKind::Speculation),
    (&["probable"], HedgeKind::Speculation),
    (&["likely"], HedgeKind::Speculation),
    (&["unlikely"], HedgeKind::Speculation),
    (&["may"], HedgeKind::Speculation),
    (&["might"], HedgeKind::Speculation),
    (&["could"], HedgeKind::Speculation),
    (&["perhaps"], HedgeKind::Speculation),
    (&["possibly"], HedgeKind::Speculation),
    (&["possible"], HedgeKind::Speculation),
    (&["maybe"], HedgeKind::Speculation),
    (&["seems"], HedgeKind::Speculation),
    (&["seem"], HedgeKind::Speculation),
    (&["seemed"], HedgeKind::Speculation),
    (&["seemingly"], HedgeKind::Speculation),
    (&["appears"], HedgeKind::Speculation),
    (&["appear"], HedgeKind::Speculation),
    (&["appeared"], HedgeKind::Speculation),
    (&["apparently"], HedgeKind::Speculation),
    (&["suggests"], HedgeKind::Speculation),
    (&["suggest"], HedgeKind::Speculation),
    (&["suggested"], HedgeKind::Speculation),
    (&["suggesting"], HedgeKind::Speculation),
    (&["believed"], HedgeKind::Speculation),
    (&["believe"], HedgeKind::Speculation),
    (&["believes"], HedgeKind::Speculation),
    (&["expected"], HedgeKind::Speculation),
    (&["potentially"], HedgeKind::Speculation),
];

/// A hedge cue found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hedge {
    /// The cue as written.
    pub text: String,
    /// Its family.
    pub kind: HedgeKind,
    /// Index of its first token.
    pub tok: usize,
}

/// FNV-1a: a fast hash for the short words looked up here.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<V> = std::collections::HashMap<&'static str, V, std::hash::BuildHasherDefault<Fnv>>;

/// Cue indices by first word, in list order (longer phrases first).
fn index() -> &'static FnvMap<Vec<usize>> {
    static I: std::sync::OnceLock<FnvMap<Vec<usize>>> = std::sync::OnceLock::new();
    I.get_or_init(|| {
        let mut m: FnvMap<Vec<usize>> = FnvMap::default();
        for (i, (cue, _)) in CUES.iter().enumerate() {
            if let Some(f) = cue.first() {
                m.entry(f).or_default().push(i);
            }
        }
        m
    })
}

fn candidates(word: &str) -> Option<&'static [usize]> {
    // every cue's first word has 2 to 12 letters
    if !(2..=12).contains(&word.len()) {
        return None;
    }
    index().get(word).map(|v| v.as_slice())
}

/// Shapes of the cues' first words: most words fail this test before any hashing.
static FIRST_WORDS: Shapes = {
    let mut s = Shapes::EMPTY;
    let mut i = 0;
    while i < CUES.len() {
        s = s.with(std::slice::from_ref(&CUES[i].0[0]));
        i += 1;
    }
    s
};

/// Hedge cues among `toks` (words only are compared), in order, longest match first.
pub fn find(toks: &[Tok], body: &str) -> Vec<Hedge> {
    let mut out = Vec::new();
    let mut i = 0;
    // most words fail the shape test before any hashing: a tight scan finds the next
    // word that passes it
    let shaped = |t: &Tok| t.word && FIRST_WORDS.may_contain(t.lower());
    while let Some(off) = toks.get(i..).and_then(|r| r.iter().position(shaped)) {
        i += off;
        let t = &toks[i];
        let Some(cands) = candidates(t.lower()) else {
            i += 1;
            continue;
        };
        let mut hit = None;
        for &ci in cands {
            let (cue, kind) = &CUES[ci];
            // the cue's words against the words from token `i` on; `last`: the token of
            // the last one matched
            let mut words = toks.iter().enumerate().skip(i).filter(|(_, x)| x.word);
            let mut last = i;
            let all = cue.iter().all(|c| match words.next() {
                Some((k, x)) if x.lower() == *c => {
                    last = k;
                    true
                }
                _ => false,
            });
            if all && !excluded(cue, toks, i, last) {
                hit = Some((last, *kind));
                break;
            }
        }
        match hit {
            Some((last, kind)) => {
                let (s, e) = (t.s, toks.get(last).map_or(t.e, |x| x.e));
                out.push(Hedge {
                    text: body.get(s..e).unwrap_or("").to_string(),
                    kind,
                    tok: i,
                });
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Uses of a cue word that are not hedges: the cue spans tokens `first..=last`.
fn excluded(cue: &[&str], toks: &[Tok], first: usize, last: usize) -> bool {
    // the word before the cue and the word after it, lower-cased ("" at either end)
    let prev = || {
        toks.get(..first)
            .and_then(|r| r.iter().rev().find(|x| x.word))
            .map_or("", |x| x.lower())
    };
    let next = || {
        toks.get(last + 1..)
            .and_then(|r| r.iter().find(|x| x.word))
            .map_or("", |x| x.lower())
    };
    match cue {
        // the month, not the modal
        ["may"] => toks.get(first).is_some_and(|x| x.t == "May"),
        // "as soon as possible", "the best place possible"
        ["possible"] => {
            let p = prev();
            p == "as" || p == "if" || next() == "to" && p == "made"
        }
        // "than expected", "as expected"
        ["expected"] => matches!(prev(), "than" | "as"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::{quote_mask, tokenize};
    use super::*;

    fn cues(t: &str) -> Vec<String> {
        let m = quote_mask(t, 0, t.len());
        let mut buf = String::new();
        let toks = tokenize(t, 0, t.len(), &m, 0, &mut buf);
        find(&toks, t).into_iter().map(|h| h.text).collect()
    }

    #[test]
    fn basic_cues() {
        assert_eq!(
            cues("This is far from confirmed, but it may rise."),
            vec!["far from confirmed", "may"]
        );
        assert_eq!(cues("In May it was unclear."), vec!["unclear"]);
        assert_eq!(cues("It rose faster than expected."), Vec::<String>::new());
    }

    #[test]
    fn phrases_skip_punctuation_and_exclusions_see_neighbour_words() {
        assert_eq!(
            cues("It is far, from confirmed."),
            vec!["far, from confirmed"]
        );
        assert_eq!(
            cues("If true, it could not be independently verified."),
            vec!["If true", "could not be independently verified"]
        );
        assert_eq!(cues("Send it as soon as possible."), Vec::<String>::new());
        assert_eq!(cues("Aid made possible to ship."), Vec::<String>::new());
        assert_eq!(cues("Possible, as expected."), vec!["Possible"]);
        assert_eq!(cues("“Possible”"), vec!["Possible"]);
    }
}

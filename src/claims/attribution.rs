//! Attribution: who a sentence says said it, and with which verb.
//!
//! Reporting verbs are found outside quotation marks. For each, the speaker is looked
//! for, in order:
//!
//! 1. **left of the verb** (the usual order: "A source in North Korea told Daily NK",
//!    "…, the ministry said", "Daily NK previously reported"): adverbs and auxiliaries
//!    before the verb are skipped, then the noun phrase runs back to a clause boundary
//!    (punctuation, a quotation, *that*, *while*, *although*, *as*, *but*, a clause-level
//!    *and*…). Relative clauses and participles inside it are cut ("A resident of Hyesan
//!    who spoke to RFA"); an appositive between commas is skipped for the name before it
//!    ("Kim Hye-rin, an analyst at…, said", "Reuters, working from the same data, puts");
//!    ", who told" takes the antecedent; a role before a name keeps the name
//!    ("Customs spokesman Liang Wenjie").
//! 2. **right of the verb** when nothing precedes it but a comma or a quotation
//!    ("…,” said the source").
//! 3. "according to X".
//!
//! *said, says, told, added, reported, according to* are strong: any noun phrase will do.
//! The other verbs (*notes, estimates, puts … at, called, described, suggested,
//! cautioned…*) need a phrase that names a speaker (see [`super::speakers`]), so "the
//! figures suggest" and "which suggests" are hedges, not attributions. A strong
//! attribution wins over a weak one; among equals the first in the sentence.

use super::speakers::{self, SpeakerKind};
use super::text::{Shapes, Tok};

/// The attribution of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// Speaker as written.
    pub speaker: String,
    /// Byte span of the speaker phrase (the whole phrase, before trimming to a name).
    pub span: (usize, usize),
    /// Its kind, when it can be told.
    pub kind: Option<SpeakerKind>,
    /// Reporting verb as written.
    pub verb: String,
    /// The speaker is a pronoun (he, she, they, it) to resolve.
    pub pronoun: bool,
}

const STRONG: &[&str] = &[
    "said", "says", "say", "told", "tells", "tell", "added", "adds", "reported", "reports",
];

/// Reporting verbs that are also nouns ("a report", "its estimates").
const NOUN_LIKE_VERBS: &[&str] = &[
    "reports",
    "report",
    "claims",
    "claim",
    "calls",
    "estimates",
    "estimate",
    "quotes",
    "notes",
    "note",
];

const WEAK: &[&str] = &[
    "noted",
    "notes",
    "note",
    "explained",
    "explains",
    "stated",
    "announced",
    "announces",
    "confirmed",
    "confirms",
    "claimed",
    "claims",
    "claim",
    "insisted",
    "insists",
    "warned",
    "warns",
    "cautioned",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "revealed",
    "disclosed",
    "wrote",
    "writes",
    "cited",
    "cites",
    "estimated",
    "estimates",
    "estimate",
    "suggested",
    "suggests",
    "suggest",
    "described",
    "describes",
    "called",
    "calls",
    "argued",
    "argues",
    "predicted",
    "predicts",
    "forecast",
    "forecasts",
    "projected",
    "put",
    "puts",
    "attributed",
    "attributes",
    "attribute",
    "summarizes",
    "summarized",
    "summarises",
    "summarised",
    "observed",
    "observes",
    "commented",
    "remarked",
    "recalled",
    "complained",
    "complain",
    "complains",
    "emphasized",
    "emphasised",
    "stressed",
    "asserted",
    "alleged",
    "alleges",
    "maintained",
    "maintains",
    "indicated",
    "indicates",
    "assessed",
    "concluded",
    "concludes",
    "calculated",
    "calculates",
    "quoted",
    "quotes",
    "report",
    "announce",
    "confirm",
    "explain",
    "warn",
];

fn weak_verbs() -> &'static [&'static str] {
    static W: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        let mut v: Vec<&'static str> = WEAK.to_vec();
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// Shapes of "according" and the strong and weak reporting verbs (see [`Shapes`]: ASCII
/// case does not matter).
static VERB_SHAPES: Shapes = Shapes::EMPTY.with(STRONG).with(WEAK).with(&["according"]);

/// Shapes of the weak reporting verbs.
static WEAK_SHAPES: Shapes = Shapes::EMPTY.with(WEAK);

/// Is `w` (lower-case ASCII) one of the weak reporting verbs? The shape table answers
/// "no" for most words before the binary search.
fn is_weak_verb(w: &str) -> bool {
    WEAK_SHAPES.may_contain(w) && weak_verbs().binary_search(&w).is_ok()
}

/// Verbs whose speaker may follow them ("said the source").
const INVERTABLE: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "explained",
    "noted",
    "wrote",
    "reported",
    "continued",
    "warned",
    "cautioned",
    "insisted",
    "stated",
    "recalled",
    "complained",
    "claimed",
];

/// Skipped between the subject and the verb.
fn is_adverb(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
            | "will"
            | "would"
            | "also"
            | "further"
            | "previously"
            | "later"
            | "earlier"
            | "now"
            | "then"
            | "separately"
            | "initially"
            | "reportedly"
            | "recently"
            | "again"
            | "still"
            | "once"
            | "just"
            | "originally"
            | "subsequently"
            | "repeatedly"
            | "publicly"
            | "officially"
            | "already"
            | "not"
            | "did"
            | "does"
            | "do"
            | "first"
            | "last"
            | "often"
            | "even"
            | "never"
            | "always"
            | "too"
            | "similarly"
            | "likewise"
    ) || (w.len() > 4 && w.ends_with("ly") && w != "daily" && w != "weekly")
}

/// A word that ends a subject phrase when scanning left from the verb.
fn is_clause_word(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "but"
            | "while"
            | "although"
            | "though"
            | "because"
            | "as"
            | "when"
            | "whereas"
            | "if"
            | "since"
            | "after"
            | "before"
            | "so"
            | "than"
            | "where"
            | "whether"
            | "unless"
            | "until"
            | "once"
            | "whom"
            | "what"
            | "how"
            | "why"
            | "yet"
            | "nor"
            | "however"
    )
}

fn is_boundary_punct(t: &Tok) -> bool {
    !t.word
        && matches!(
            t.t,
            "," | ";"
                | ":"
                | "("
                | ")"
                | "["
                | "]"
                | "—"
                | "–"
                | "“"
                | "”"
                | "\""
                | "…"
                | "?"
                | "!"
        )
}

/// Leading words dropped from a subject phrase.
fn is_leading_filler(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "but"
            | "so"
            | "yet"
            | "still"
            | "also"
            | "however"
            | "meanwhile"
            | "separately"
            | "moreover"
            | "instead"
            | "now"
            | "then"
            | "earlier"
            | "later"
            | "previously"
            | "indeed"
            | "fact"
            | "in"
            | "finally"
            | "overall"
            | "today"
            | "similarly"
    )
}

/// Words after which a relative or participial clause starts inside a subject phrase.
fn is_np_cut(w: &str) -> bool {
    matches!(
        w,
        "who"
            | "which"
            | "whose"
            | "whom"
            | "quoted"
            | "interviewed"
            | "cited"
            | "speaking"
            | "contacted"
            | "reached"
            | "interviewing"
            | "cited by"
    )
}

/// Finds the attribution of the sentence made of `toks`.
pub fn find(toks: &[Tok], body: &str) -> Option<Attribution> {
    let mut weak: Option<Attribution> = None;
    // reporting verbs are unquoted words of 3+ ASCII letters, lower case ("According"
    // aside); a tight scan finds the next such word of a verb's shape (see [`Shapes`])
    let candidate = |t: &Tok| {
        t.word && !t.quoted && t.ascii_letters() && t.t.len() >= 3 && VERB_SHAPES.may_contain(t.t)
    };
    let mut from = 0;
    while let Some(off) = toks.get(from..).and_then(|r| r.iter().position(candidate)) {
        let v = from + off;
        from = v + 1;
        let t = &toks[v];
        // verbs are written in lower case, "According" aside: no allocation per word
        let lw: &str = if t.t.bytes().all(|b| b.is_ascii_lowercase()) {
            t.t
        } else if t.t == "According" {
            "according"
        } else {
            continue;
        };
        if lw == "according" && toks.get(v + 1).is_some_and(|x| x.t == "to") {
            if let Some(a) = according_to(toks, v, body) {
                return Some(a);
            }
            continue;
        }
        let strong = STRONG.contains(&lw);
        if !strong && !is_weak_verb(lw) {
            continue;
        }
        if !strong && weak.is_some() {
            continue;
        }
        if matches!(lw, "put" | "puts") && !has_at_after(toks, v) {
            continue;
        }
        let noun_like = NOUN_LIKE_VERBS.contains(&lw);
        if noun_like
            && !matches!(lw, "notes" | "note")
            && toks.get(v + 1).is_some_and(|x| {
                matches!(
                    x.t,
                    "of" | "by" | "from" | "suggest" | "say" | "said" | "indicate" | "show"
                )
            })
        {
            continue;
        }
        // nouns: "the latest report", "its estimates", "the Panel’s report"
        if noun_like
            && v > 0
            && toks[v - 1].word
            && (matches!(
                toks[v - 1].lower(),
                "a" | "an"
                    | "the"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our"
                    | "latest"
                    | "new"
                    | "recent"
                    | "annual"
                    | "monthly"
                    | "weekly"
                    | "first"
                    | "final"
                    | "earlier"
                    | "previous"
                    | "separate"
                    | "such"
                    | "media"
                    | "news"
                    | "press"
                    | "official"
                    | "unconfirmed"
                    | "initial"
                    | "preliminary"
            ) || toks[v - 1].t.ends_with('’')
                || toks[v - 1].t.ends_with('\''))
        {
            continue;
        }
        // "adds to the pressure" is no report
        if matches!(lw, "adds" | "added" | "add") && toks.get(v + 1).is_some_and(|x| x.t == "to") {
            continue;
        }
        // passive: "as first reported by NK Pro", "estimated by the Bank of Korea"
        if matches!(
            lw,
            "reported"
                | "noted"
                | "quoted"
                | "cited"
                | "estimated"
                | "described"
                | "announced"
                | "confirmed"
        ) && toks.get(v + 1).is_some_and(|x| x.t == "by")
        {
            if let Some(a) = by_agent(toks, v, body) {
                if strong {
                    return Some(a);
                }
                weak = Some(a);
            }
            continue;
        }
        if let Some(a) =
            subject_left(toks, v, body, strong).or_else(|| subject_right(toks, v, body))
        {
            if strong {
                // "X called the resolution … and said …": the first verb of the same speaker
                if let Some(w) = weak.take() {
                    if w.span == a.span {
                        return Some(w);
                    }
                }
                return Some(a);
            }
            weak = Some(a);
        }
    }
    weak
}

fn has_at_after(toks: &[Tok], v: usize) -> bool {
    toks.iter()
        .skip(v + 1)
        .take(12)
        .any(|t| t.word && t.t == "at")
}

fn span_text(body: &str, toks: &[Tok]) -> String {
    match (toks.first(), toks.last()) {
        (Some(f), Some(l)) => body.get(f.s..l.e).unwrap_or("").to_string(),
        _ => String::new(),
    }
}

/// Scans left from token `end` (exclusive) to a clause boundary; returns the start index.
fn scan_left(toks: &[Tok], end: usize) -> usize {
    let mut b = end;
    while b > 0 {
        let t = &toks[b - 1];
        if t.quoted || is_boundary_punct(t) {
            break;
        }
        if t.word {
            let lw = t.lower();
            if is_clause_word(lw) {
                break;
            }
            if lw == "and" || lw == "or" {
                // "Seoul and Beijing" keeps going; a clause-level "and" stops
                let before_cap = b >= 2 && toks[b - 2].word && toks[b - 2].capitalised();
                let after_cap = toks.get(b).is_some_and(|x| x.word && x.capitalised());
                if !(before_cap && after_cap) {
                    break;
                }
            }
        }
        b -= 1;
    }
    b
}

fn subject_left(toks: &[Tok], v: usize, body: &str, strong: bool) -> Option<Attribution> {
    let verb = toks[v].t.to_string();
    let lverb = toks[v].lower();
    let mut j = v;
    while j > 0 && toks[j - 1].word && !toks[j - 1].quoted && is_adverb(toks[j - 1].lower()) {
        j -= 1;
    }
    // a parenthesis before the verb: "the National Intelligence Service (NIS) told"
    if j >= 1 && toks[j - 1].t == ")" {
        if let Some(open) = toks[..j - 1].iter().rposition(|t| t.t == "(") {
            if j - 1 - open <= 8 {
                j = open;
                while j > 0
                    && toks[j - 1].word
                    && !toks[j - 1].quoted
                    && is_adverb(toks[j - 1].lower())
                {
                    j -= 1;
                }
            }
        }
    }
    // passive "it is said", "he was told": nobody named
    if toks[j..v]
        .iter()
        .any(|t| matches!(t.t, "is" | "was" | "were" | "are" | "been" | "be" | "being"))
    {
        return None;
    }
    // "Daily NK spoke with a source who said": the antecedent of "who"
    if j >= 2 && toks[j - 1].word && matches!(toks[j - 1].t, "who" | "that") && toks[j - 2].word {
        let b = scan_left(toks, j - 1);
        let seg: Vec<Tok> = toks[b..j - 1].to_vec();
        let np = tail_np(&seg);
        if !np.is_empty() {
            return build(np, lverb, verb, body, false);
        }
        return None;
    }
    // "X, an analyst at Y, said" / "Reuters, working from the same data, puts":
    // a comma right before the verb closes an appositive
    if j >= 1 && toks[j - 1].t == "," && !toks[j - 1].quoted {
        let b = scan_left(toks, j - 1);
        let np: Vec<Tok> = toks[b..j - 1].to_vec();
        let first = np
            .iter()
            .find(|t| t.word)
            .map(|t| t.lower())
            .unwrap_or_default();
        let appositive = matches!(first, "a" | "an" | "the" | "who" | "which" | "whose")
            || (first.len() > 4 && (first.ends_with("ing") || first.ends_with("ed")));
        if appositive && b >= 1 && toks[b - 1].t == "," {
            let b2 = scan_left(toks, b - 1);
            let seg: Vec<Tok> = toks[b2..b - 1].to_vec();
            let n = seg.iter().filter(|t| t.word).count();
            if n > 0 && n <= 8 {
                if let Some(mut a) = build(seg, lverb, verb.clone(), body, strong) {
                    // "Lee, a former minister, said": the role names the kind
                    if a.kind == Some(SpeakerKind::Person) {
                        if let Some(k) = appositive_role(&np) {
                            a.kind = Some(k);
                        }
                    }
                    return Some(a);
                }
            }
        }
        // "Choe Son Hui, North Korea's first vice foreign minister, said": a name, then its role
        if !appositive && b >= 1 && toks[b - 1].t == "," {
            if let Some(k) = appositive_role(&np) {
                let b2 = scan_left(toks, b - 1);
                let seg: Vec<Tok> = toks[b2..b - 1].to_vec();
                let words: Vec<&Tok> = seg.iter().filter(|t| t.word).collect();
                if !words.is_empty() && words.len() <= 4 && words.iter().all(|t| t.capitalised()) {
                    if let Some(mut a) = build(seg, lverb, verb.clone(), body, strong) {
                        if matches!(a.kind, Some(SpeakerKind::Person) | None) {
                            a.kind = Some(k);
                        }
                        return Some(a);
                    }
                }
            }
        }
        if !appositive && !np.is_empty() && np.iter().filter(|t| t.word).count() <= 8 {
            // "SRE Minerals" between commas names the speaker; "Prices rose, said …" does not
            return build(np, lverb, verb, body, false);
        }
        return None;
    }
    // "The panel also documented …, and said that …": the subject of the sentence
    if j >= 1 && toks[j - 1].word && matches!(toks[j - 1].t, "and" | "but") && strong {
        return sentence_subject(toks, j - 1).and_then(|np| build(np, lverb, verb, body, false));
    }
    let b = scan_left(toks, j);
    let mut np: Vec<Tok> = toks[b..j].to_vec();
    // drop leading fillers ("And", "In fact")
    while np
        .first()
        .is_some_and(|t| t.word && is_leading_filler(t.lower()))
        && np.len() > 1
    {
        np.remove(0);
    }
    let first_lower = np.first().map(|t| t.lower()).unwrap_or_default();
    // ", who told" → the antecedent before the comma
    let relative = matches!(first_lower, "who" | "which") && np.len() == 1;
    let appositive = np.first().is_some_and(|t| {
        let l = t.lower();
        l == "who"
            || l == "which"
            || (!t.capitalised() && (l.ends_with("ing") || l.ends_with("ed")) && l.len() > 4)
    });
    if (relative || appositive) && b >= 1 && toks[b - 1].t == "," {
        let b2 = scan_left(toks, b - 1);
        let seg: Vec<Tok> = toks[b2..b - 1].to_vec();
        let seg = if seg.iter().filter(|t| t.word).count() > 6 {
            tail_np(&seg)
        } else {
            seg
        };
        return build(seg, lverb, verb, body, strong);
    }
    if np.is_empty() {
        return None;
    }
    // "Kim Hye-rin, an analyst at KINU, said": the name before the appositive
    if b >= 1 && toks[b - 1].t == "," && matches!(first_lower, "a" | "an" | "the") {
        let head_ok = np.iter().filter(|t| t.word).nth(1).is_some_and(|t| {
            matches!(
                speakers::head_kind(&t.base()),
                Some(SpeakerKind::Person | SpeakerKind::Official | SpeakerKind::AnonymousSource)
            )
        });
        if head_ok {
            let b2 = scan_left(toks, b - 1);
            let seg: Vec<Tok> = toks[b2..b - 1].to_vec();
            let seg_words: Vec<&Tok> = seg.iter().filter(|t| t.word).collect();
            if !seg_words.is_empty()
                && seg_words.len() <= 5
                && seg_words.iter().all(|t| t.capitalised())
            {
                return build(seg, lverb, verb, body, strong);
            }
        }
    }
    // cut relative clauses and participles inside the phrase
    cut_np(&mut np);
    // "A recent report by Daily NK says": the author of the report
    if let Some(by) = np.iter().position(|t| t.word && t.t == "by") {
        let report = np[..by].iter().rev().find(|t| t.word).is_some_and(|t| {
            matches!(
                &*t.base(),
                "report"
                    | "article"
                    | "story"
                    | "survey"
                    | "study"
                    | "analysis"
                    | "investigation"
                    | "piece"
            )
        });
        if report && by + 1 < np.len() {
            np = np.split_off(by + 1);
        }
    }
    let words = np.iter().filter(|t| t.word).count();
    if words == 0 {
        return None;
    }
    if words > 10 {
        np = tail_np(&np);
        if np.is_empty() {
            return None;
        }
    }
    build(np, lverb, verb, body, strong)
}

/// Kind named by the head of an appositive ("a former unification minister" → official).
fn appositive_role(np: &[Tok]) -> Option<SpeakerKind> {
    let words: Vec<&Tok> = np.iter().filter(|t| t.word).collect();
    let end = words
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, t)| speakers::ends_core(t.lower()))
        .map_or(words.len(), |(i, _)| i);
    let head = words.get(end.checked_sub(1)?)?;
    match speakers::head_kind(&head.base()) {
        Some(k @ (SpeakerKind::Official | SpeakerKind::Person)) => Some(k),
        _ => None,
    }
}

/// The noun phrase that opens the sentence, up to its first adverb or verb-like word.
fn sentence_subject<'a>(toks: &[Tok<'a>], limit: usize) -> Option<Vec<Tok<'a>>> {
    let mut s = 0;
    while s < limit && (!toks[s].word || is_leading_filler(toks[s].lower())) {
        s += 1;
    }
    let mut e = s;
    while e < limit {
        let t = &toks[e];
        if !t.word || t.quoted {
            break;
        }
        let l = t.lower();
        if e > s
            && !t.capitalised()
            && (is_adverb(l)
                || is_np_cut(l)
                || l == "that"
                || l.ends_with("ed")
                || (l.ends_with('s')
                    && !l.ends_with("ss")
                    && speakers::head_kind(&t.base()).is_none()
                    && e > s + 1))
        {
            break;
        }
        e += 1;
    }
    if e == s || e - s > 6 {
        return None;
    }
    Some(toks[s..e].to_vec())
}

/// Cuts a noun phrase at a relative clause or participle ("officials who ...").
fn cut_at_clause(np: &mut Vec<Tok>) {
    if let Some(cut) = np
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, t)| t.word && is_np_cut(t.lower()))
        .map(|(i, _)| i)
    {
        np.truncate(cut);
    }
}

/// [`cut_at_clause`], then drops trailing punctuation.
fn cut_np(np: &mut Vec<Tok>) {
    cut_at_clause(np);
    while np.last().is_some_and(|t| !t.word) {
        np.pop();
    }
}

/// The last speaker-like noun phrase of a longer segment ("The latest comes from *a
/// researcher at the Asan Institute*").
fn tail_np<'a>(seg: &[Tok<'a>]) -> Vec<Tok<'a>> {
    let head = seg
        .iter()
        .rposition(|t| t.word && !t.capitalised() && speakers::head_kind(&t.base()).is_some());
    let Some(h) = head else {
        // trailing capitalised run
        let mut k = seg.len();
        while k > 0 && seg[k - 1].word && seg[k - 1].capitalised() {
            k -= 1;
        }
        return seg[k..].to_vec();
    };
    let mut s = h;
    let lo = h.saturating_sub(4);
    for i in (lo..h).rev() {
        let l = seg[i].lower();
        if matches!(l, "a" | "an" | "the" | "one" | "another") {
            s = i;
            break;
        }
        if !seg[i].word || speakers::ends_core(l) {
            break;
        }
        s = i;
    }
    let mut out = seg[s..].to_vec();
    cut_np(&mut out);
    out
}

fn build(np: Vec<Tok>, lverb: &str, verb: String, body: &str, strong: bool) -> Option<Attribution> {
    let words: Vec<&Tok> = np.iter().filter(|t| t.word).collect();
    let first = words.first()?;
    let fl = first.lower();
    if words.len() == 1 && speakers::is_pronoun(fl) {
        if !strong {
            return None;
        }
        return Some(Attribution {
            speaker: first.t.to_string(),
            span: (first.s, first.e),
            kind: None,
            verb,
            pronoun: true,
        });
    }
    if matches!(
        fl,
        "i" | "we"
            | "you"
            | "this"
            | "that"
            | "which"
            | "these"
            | "those"
            | "there"
            | "what"
            | "who"
            | "having"
            | "needless"
            | "suffice"
            | "much"
            | "enough"
            | "all"
            | "as"
    ) && words.len() == 1
    {
        return None;
    }
    // a phrase of lower-case words with no determiner and no known head is not a speaker
    let kind = speakers::classify(&np, lverb);
    // "A single month says little", "December alone tells the story": present-tense
    // say/tell need a phrase that names a speaker
    let strong = strong && !matches!(lverb, "says" | "say" | "tells" | "tell" | "adds");
    if kind.is_none() && !strong {
        return None;
    }
    if kind.is_none() {
        // strong verbs still need something noun-like: a determiner or a capital
        let det = matches!(
            fl,
            "the" | "a" | "an" | "one" | "another" | "some" | "several" | "many" | "most"
        );
        if !det && !first.capitalised() {
            return None;
        }
    }
    let span = (np.first()?.s, np.last()?.e);
    let (speaker, kind) = match speakers::role_name(&np) {
        Some((k, rk))
            if kind != Some(SpeakerKind::Outlet) && kind != Some(SpeakerKind::Organization) =>
        {
            (span_text(body, &np[k..]), Some(rk))
        }
        _ => (span_text(body, &np), kind),
    };
    Some(Attribution {
        speaker,
        span,
        kind,
        verb,
        pronoun: false,
    })
}

/// Inverted order: "…,” said the source", "…, added Kim".
fn subject_right(toks: &[Tok], v: usize, body: &str) -> Option<Attribution> {
    let lverb = toks[v].lower();
    if !INVERTABLE.contains(&lverb) {
        return None;
    }
    let before_ok = v == 0 || toks[v - 1].quoted || toks[v - 1].t == "," || toks[v - 1].t == ";";
    if !before_ok {
        return None;
    }
    let first = toks.get(v + 1)?;
    if !first.word || first.quoted {
        return None;
    }
    let fl = first.lower();
    let det = matches!(
        fl,
        "the" | "a" | "an" | "one" | "another" | "he" | "she" | "they"
    );
    if !det && !first.capitalised() {
        return None;
    }
    let mut e = v + 1;
    while e < toks.len() {
        let t = &toks[e];
        if t.quoted || is_boundary_punct(t) || (!t.word && t.t == ".") {
            break;
        }
        let l = t.lower();
        if e > v + 1
            && (matches!(
                l,
                "that"
                    | "on"
                    | "last"
                    | "yesterday"
                    | "this"
                    | "today"
                    | "earlier"
                    | "when"
                    | "while"
                    | "according"
                    | "and"
            ) || (l == "in"
                && toks.get(e + 1).is_some_and(|x| {
                    matches!(
                        x.t,
                        "a" | "an" | "its" | "his" | "her" | "their" | "remarks" | "comments"
                    )
                })))
        {
            break;
        }
        e += 1;
    }
    let mut np: Vec<Tok> = toks[v + 1..e].to_vec();
    cut_at_clause(&mut np);
    if np.iter().filter(|t| t.word).count() > 10 {
        return None;
    }
    build(np, lverb, toks[v].t.to_string(), body, true)
}

/// Where the phrase starting at token `s` ends: at quoted text, a boundary mark, a
/// full stop, or (after its first word) one of `stops`.
fn phrase_end(toks: &[Tok], s: usize, stops: &[&str]) -> usize {
    let mut e = s;
    while let Some(t) = toks.get(e) {
        if t.quoted || is_boundary_punct(t) || (!t.word && t.t == ".") {
            break;
        }
        if e > s && stops.contains(&t.lower()) {
            break;
        }
        e += 1;
    }
    e
}

/// The agent of a passive report: "reported by X".
fn by_agent(toks: &[Tok], v: usize, body: &str) -> Option<Attribution> {
    let s = v + 2;
    let e = phrase_end(
        toks,
        s,
        &[
            "that", "which", "who", "while", "and", "but", "on", "last", "in",
        ],
    );
    let np: Vec<Tok> = toks.get(s..e)?.to_vec();
    if np.is_empty() || np.iter().filter(|t| t.word).count() > 8 {
        return None;
    }
    let lverb = toks[v].lower();
    let kind = speakers::classify(&np, lverb)?;
    let span = (np.first()?.s, np.last()?.e);
    Some(Attribution {
        speaker: span_text(body, &np),
        span,
        kind: Some(kind),
        verb: toks[v].t.to_string(),
        pronoun: false,
    })
}

/// "according to X": X up to the next boundary; for data ("figures released by X") the
/// publisher.
fn according_to(toks: &[Tok], v: usize, body: &str) -> Option<Attribution> {
    let s = v + 2;
    let e = phrase_end(toks, s, &["that", "which", "who", "while", "and", "but"]);
    let mut np: Vec<Tok> = toks.get(s..e)?.to_vec();
    if np.is_empty() {
        return None;
    }
    // figures/data released by X → X
    if let Some(by) = np.iter().position(|t| t.word && t.t == "by") {
        let head = np[..by]
            .iter()
            .rev()
            .find(|t| t.word)
            .map(|t| t.base())
            .unwrap_or_default();
        let data = np.iter().take(by).any(|t| {
            matches!(
                &*t.base(),
                "figures"
                    | "data"
                    | "statistics"
                    | "numbers"
                    | "estimates"
                    | "estimate"
                    | "survey"
                    | "study"
                    | "report"
                    | "reports"
                    | "calculations"
                    | "records"
                    | "documents"
            )
        });
        if data
            || matches!(
                &*head,
                "released" | "compiled" | "published" | "analyzed" | "reviewed" | "analysed"
            )
        {
            np = np.split_off(by + 1);
        }
    }
    cut_at_clause(&mut np);
    // "figures the Unification Ministry submitted to …" → the named publisher
    let data_head = np.iter().find(|t| t.word).is_some_and(|t| {
        matches!(
            &*t.base(),
            "figures" | "data" | "statistics" | "numbers" | "estimates" | "records" | "documents"
        )
    });
    if data_head && np.iter().filter(|t| t.word).count() > 2 {
        let (a, b) = (np[0].s, np[np.len() - 1].e);
        if let Some(h) = body.get(a..b).and_then(|x| {
            crate::gazetteer::find(x).into_iter().find(|h| {
                matches!(
                    h.kind,
                    crate::gazetteer::EntityKind::Org | crate::gazetteer::EntityKind::Outlet
                )
            })
        }) {
            let (hs, he) = (a + h.start, a + h.end);
            let inner: Vec<Tok> = np
                .iter()
                .filter(|t| t.s >= hs && t.e <= he)
                .cloned()
                .collect();
            if !inner.is_empty() {
                np = inner;
            }
        }
    }
    if np.iter().filter(|t| t.word).count() > 10 {
        return None;
    }
    let verb = span_text(body, &toks[v..v + 2]);
    build(np, "according", verb, body, true)
}

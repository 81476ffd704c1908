//! Claims: who said it, how sure, and when.
//!
//! One claim per sentence that carries a figure (a figure starting inside it), an
//! attribution or a hedge. Sentences of citation paragraphs ("(Source: …)", "Read the
//! full story here:") are references, not statements, and give no claims.
//!
//! - **voice** is the voice of the paragraph holding the sentence (`author` when the post
//!   has no paragraph list).
//! - **speaker / verb** come from [`attribution`]. A pronoun ("he said") resolves to the
//!   last speaker of the paragraph, else of the post. A sentence that is wholly a
//!   quotation without its own attribution takes the attribution of the quotation around
//!   it (the previous sentence of the paragraph when that one quotes, else the next one
//!   that closes the quotation). Unattributed sentences: in author voice the speaker is
//!   the post's author (`speaker_kind = author`); in quoted voice, the cited outlet.
//! - **outlet**: an outlet named in the sentence outside quotation marks ("told Daily
//!   NK", "RFA’s source", "quoted by the newspaper Vladivostok"; "told the outlet"
//!   resolves to the outlet last named in the post, else the cited one). Failing that, for
//!   a speaker that is itself an outlet, the cited source in quoted voice, else the outlet
//!   itself; for any other speaker, the antecedent's outlet, then the cited source in
//!   quoted voice, the outlet last named in the paragraph in author voice, then the cited
//!   source and the outlet last named in the post. Outlet names are canonical (gazetteer),
//!   spelled as the post's citation spells them when it names the same outlet.
//! - **hedges** from [`hedges`]; **certainty** is the strongest of: `speculative` (a
//!   speculation cue: presumably, likely, may, could, seems, suggests, believed, plans to…),
//!   `hedged` (a doubt cue: reportedly, allegedly, unconfirmed, unverified, unclear, far
//!   from confirmed…), `reported` (attributed to a speaker other than the author, or
//!   quoted), else `asserted`.
//! - **entities** from [`crate::gazetteer::entities`]; **dates** from [`crate::dates::find`]
//!   against the post's date.

pub mod attribution;
pub mod hedges;
pub mod speakers;
pub mod text;

use crate::gazetteer::{self, EntityKind};
use crate::model::{Claim, Figure, Post, Sentence, Voice};
use attribution::Attribution;
use hedges::HedgeKind;
use speakers::SpeakerKind;
use text::Tok;

/// An outlet mentioned in a sentence.
#[derive(Debug, Clone)]
struct OutletMention {
    start: usize,
    end: usize,
    /// Canonical name; `None` for a generic mention ("the outlet", "the newspaper").
    name: Option<String>,
    /// Object of the report: after "told", "to", "by", "with", "via".
    direct: bool,
}

/// Per-sentence analysis before cross-sentence resolution.
struct Raw {
    para: Option<usize>,
    voice: Option<Voice>,
    attribution: Option<Attribution>,
    hedges: Vec<hedges::Hedge>,
    outlets: Vec<OutletMention>,
    fully_quoted: bool,
    starts_quoted: bool,
    has_quote: bool,
    figures: Vec<usize>,
    hits: Vec<gazetteer::Hit>,
    /// A date expression may be in the sentence (false: [`crate::dates::find`] finds none).
    may_date: bool,
}

/// Words that describe an outlet before its name ("the newspaper Kommersant"); "agency"
/// only after "news".
const DESCRIPTORS: &[&str] = &[
    "newspaper",
    "daily",
    "outlet",
    "broadcaster",
    "magazine",
    "weekly",
    "paper",
    "website",
    "tabloid",
];

/// Shapes of the descriptors and "agency" (see [`text::Shapes`]).
static DESCRIPTOR_SHAPES: text::Shapes = text::Shapes::EMPTY.with(DESCRIPTORS).with(&["agency"]);

/// Resolved speaker of a sentence.
#[derive(Debug, Clone)]
struct Said {
    speaker: String,
    kind: Option<SpeakerKind>,
    verb: String,
    outlet: Option<String>,
}

/// The claims of a post: one per sentence that carries a figure, an attributed
/// report or a hedge.
pub fn extract(post: &Post, sentences: &[Sentence], figures: &[Figure]) -> Vec<Claim> {
    let body = post.body.as_str();
    let cited: Option<String> = post
        .sources
        .iter()
        .find_map(|s| s.outlet.clone())
        .filter(|s| !s.trim().is_empty());
    let cited_canon = cited.clone();
    // searcher for the cited outlet's name, built once per post
    let cited_finder = cited
        .as_deref()
        .filter(|c| c.len() >= 3)
        .map(memchr::memmem::Finder::new);

    // quote masks per paragraph, computed lazily
    let mut masks: Vec<Option<Vec<bool>>> = vec![None; post.paragraphs.len()];
    let mut raws: Vec<Raw> = Vec::with_capacity(sentences.len());
    // lower-cased token text, reused from sentence to sentence
    let mut lower_buf = String::new();
    let mut scratch = text::Scratch::default();
    let mut fig_i = 0;
    let mut fig_sorted: Vec<usize> = (0..figures.len()).collect();
    fig_sorted.sort_by_key(|&i| figures[i].start);
    for s in sentences {
        let para = paragraph_of(post, s.start);
        let voice = match para {
            Some(p) => post.paragraphs.get(p).map(|x| x.voice),
            None => Some(Voice::Author),
        };
        let (mask, base) = match para {
            Some(p) => {
                let pr = post.paragraphs[p];
                if masks[p].is_none() {
                    masks[p] = Some(text::quote_mask(body, pr.start, pr.end.min(body.len())));
                }
                (masks[p].as_deref().unwrap_or(&[]), pr.start)
            }
            None => (&[][..], s.start),
        };
        let local;
        let (mask, base) = if para.is_none() {
            local = text::quote_mask(body, s.start, s.end);
            (&local[..], base)
        } else {
            (mask, base)
        };
        let toks = text::tokenize_with(
            body,
            s.start,
            s.end,
            mask,
            base,
            &mut lower_buf,
            &mut scratch,
        );
        let attribution = attribution::find(&toks, body);
        let hedges = hedges::find(&toks, body);
        let stext = body.get(s.start..s.end).unwrap_or("");
        let hits = gazetteer::find(stext);
        let outlets = outlet_mentions(
            &toks,
            body,
            s,
            cited.as_deref(),
            cited_finder.as_ref(),
            &hits,
        );
        // one pass: any word, all words quoted, any token quoted
        let (mut any_word, mut all_quoted, mut has_quote) = (false, true, false);
        for t in &toks {
            any_word |= t.word;
            all_quoted &= t.quoted || !t.word;
            has_quote |= t.quoted;
        }
        let fully_quoted = any_word && all_quoted;
        let starts_quoted = toks.first().is_some_and(|t| t.quoted);
        while fig_i < fig_sorted.len() && figures[fig_sorted[fig_i]].start < s.start {
            fig_i += 1;
        }
        let mut figs = Vec::new();
        let mut k = fig_i;
        while k < fig_sorted.len() && figures[fig_sorted[k]].start < s.end {
            figs.push(fig_sorted[k]);
            k += 1;
        }
        figs.sort_unstable();
        // only a sentence that may give a claim needs its dates: one with a voice other
        // than citation and an attribution, a quotation, a hedge or a figure
        let may_claim = voice.is_some_and(|v| v != Voice::Citation)
            && (attribution.is_some() || fully_quoted || !hedges.is_empty() || !figs.is_empty());
        let may_date = may_claim
            && toks
                .iter()
                .any(|t| t.word && crate::dates::word_may_hold_date(t.t, t.ascii_letters()));
        raws.push(Raw {
            para,
            voice,
            attribution,
            hedges,
            outlets,
            fully_quoted,
            starts_quoted,
            has_quote,
            figures: figs,
            hits,
            may_date,
        });
    }

    let mut claims = Vec::new();
    let mut history: Vec<(Option<usize>, Said)> = Vec::new();
    let mut last_outlet_para: Option<(Option<usize>, String)> = None;
    let mut last_outlet_post: Option<String> = None;
    // the outlet last named in author voice: the lead-in of a quotation ("According to Reuters:")
    let mut lead_in_outlet: Option<String> = None;
    let mut prev_said: Option<(Option<usize>, Said, bool)> = None; // (para, said, had quote)

    for (i, raw) in raws.iter().enumerate() {
        let s = sentences[i];
        let antecedent = |pronoun: &str| -> Option<Said> {
            let lowered = pronoun.to_lowercase();
            let fits = |k: Option<SpeakerKind>| match lowered.as_str() {
                "he" | "she" => matches!(
                    k,
                    Some(
                        SpeakerKind::AnonymousSource | SpeakerKind::Official | SpeakerKind::Person
                    )
                ),
                "it" => matches!(k, Some(SpeakerKind::Organization | SpeakerKind::Outlet)),
                _ => k.is_some(),
            };
            // "they" needs a plural antecedent ("sources", "officials", "state media")
            let number_ok = |x: &Said| {
                if !pronoun.eq_ignore_ascii_case("they") {
                    return true;
                }
                let head: Vec<String> = x
                    .speaker
                    .split(' ')
                    .map(|w| w.to_lowercase())
                    .take_while(|w| !speakers::ends_core(w))
                    .collect();
                let last = head.last().cloned().unwrap_or_default();
                (last.ends_with('s') && !last.ends_with("ss"))
                    || last == "media"
                    || last == "people"
            };
            history
                .iter()
                .rev()
                .find(|(p, x)| *p == raw.para && fits(x.kind) && number_ok(x))
                .or_else(|| {
                    history
                        .iter()
                        .rev()
                        .find(|(_, x)| fits(x.kind) && number_ok(x))
                })
                .map(|(_, x)| x.clone())
        };
        let mut said: Option<Said> = None;
        let mut inherited_outlet: Option<String> = None;
        if let Some(a) = &raw.attribution {
            let (speaker, kind, ant_outlet) = if a.pronoun {
                match antecedent(&a.speaker) {
                    Some(x) => (x.speaker, x.kind, x.outlet),
                    None => (a.speaker.clone(), None, None),
                }
            } else {
                (a.speaker.clone(), a.kind, None)
            };
            inherited_outlet = ant_outlet;
            said = Some(Said {
                speaker,
                kind,
                verb: a.verb.clone(),
                outlet: None,
            });
        } else if raw.fully_quoted {
            // a quotation without its own attribution
            if let Some((p, x, had_quote)) = &prev_said {
                if *p == raw.para && *had_quote {
                    said = Some(x.clone());
                    inherited_outlet = x.outlet.clone();
                }
            }
            if said.is_none() {
                for next in raws.iter().skip(i + 1) {
                    if next.para != raw.para || !next.starts_quoted {
                        break;
                    }
                    if let Some(a) = &next.attribution {
                        let (speaker, kind) = if a.pronoun {
                            match antecedent(&a.speaker) {
                                Some(x) => {
                                    inherited_outlet = x.outlet.clone();
                                    (x.speaker, x.kind)
                                }
                                None => (a.speaker.clone(), None),
                            }
                        } else {
                            (a.speaker.clone(), a.kind)
                        };
                        said = Some(Said {
                            speaker,
                            kind,
                            verb: a.verb.clone(),
                            outlet: None,
                        });
                        break;
                    }
                    if !next.fully_quoted {
                        break;
                    }
                }
            }
        }

        // an unresolved pronoun is no attribution
        if raw.attribution.as_ref().is_some_and(|a| a.pronoun)
            && said.as_ref().is_some_and(|x| x.kind.is_none())
        {
            said = None;
        }

        // the outlet a generic mention ("the outlet") names: the last one named before
        // this sentence (cloned only when something here can use it)
        let context_outlet = if said.is_some() || !raw.outlets.is_empty() {
            last_outlet_post.clone().or_else(|| cited_canon.clone())
        } else {
            None
        };
        // outlets named in this sentence (generic ones resolved)
        let resolve = |m: &OutletMention| -> Option<String> {
            m.name.clone().or_else(|| context_outlet.clone())
        };

        // outlet of an attributed sentence
        if let Some(x) = said.as_mut() {
            if x.outlet.is_none() {
                let span = raw.attribution.as_ref().map(|a| a.span);
                let speaker_is_outlet = x.kind == Some(SpeakerKind::Outlet);
                let usable = |m: &&OutletMention| {
                    !(speaker_is_outlet && span.is_some_and(|(a, b)| m.start >= a && m.end <= b))
                };
                // "told Daily NK", "RFA’s source", "interviewed by Radio Free Asia"
                let any = || raw.outlets.iter().filter(usable).find_map(&resolve);
                let generic_speaker = speaker_is_outlet && is_generic_outlet(&x.speaker);
                let quoted_voice = raw.voice == Some(Voice::Quoted);
                let in_sentence = if quoted_voice {
                    // the report came through the quoted article ("According to Reuters:")
                    raw.outlets
                        .iter()
                        .filter(usable)
                        .filter(|m| {
                            m.direct
                                || (!speaker_is_outlet
                                    && span.is_some_and(|(a, b)| m.start >= a && m.end <= b))
                        })
                        .find_map(&resolve)
                        .or_else(|| cited_canon.clone())
                        .or_else(|| lead_in_outlet.clone())
                        .or_else(any)
                } else {
                    any()
                };
                x.outlet = in_sentence.or_else(|| {
                    if speaker_is_outlet {
                        if generic_speaker {
                            context_outlet.clone()
                        } else if raw.voice == Some(Voice::Quoted) {
                            cited_canon
                                .clone()
                                .or_else(|| named_outlet(&x.speaker, cited.as_deref()))
                        } else {
                            named_outlet(&x.speaker, cited.as_deref())
                        }
                    } else {
                        inherited_outlet.clone().or_else(|| {
                            if raw.voice == Some(Voice::Quoted) {
                                cited_canon.clone().or_else(|| last_outlet_post.clone())
                            } else {
                                last_outlet_para
                                    .as_ref()
                                    .filter(|(p, _)| *p == raw.para)
                                    .map(|(_, o)| o.clone())
                                    .or_else(|| last_outlet_post.clone())
                                    .or_else(|| cited_canon.clone())
                            }
                        })
                    }
                });
            }
        }

        // remember speakers and outlets for what follows
        if let Some(x) = &said {
            let pronoun = raw.attribution.as_ref().is_some_and(|a| a.pronoun);
            if x.kind.is_some() && !pronoun {
                history.push((raw.para, x.clone()));
            }
        }
        for m in &raw.outlets {
            if let Some(n) = resolve(m) {
                if raw.voice == Some(Voice::Author) {
                    lead_in_outlet = Some(n.clone());
                }
                last_outlet_para = Some((raw.para, n.clone()));
                last_outlet_post = Some(n);
            }
        }
        if let Some(o) = said.as_ref().and_then(|x| x.outlet.clone()) {
            last_outlet_para = Some((raw.para, o.clone()));
            last_outlet_post = Some(o);
        }
        // (used only when the sentence quotes: cloned only then)
        prev_said = match &said {
            Some(x) if raw.has_quote => Some((raw.para, x.clone(), true)),
            _ => None,
        };

        let Some(voice) = raw.voice else {
            continue;
        };
        if voice == Voice::Citation {
            continue;
        }
        if said.is_none() && raw.hedges.is_empty() && raw.figures.is_empty() {
            continue;
        }
        let (speaker, speaker_kind, verb, outlet) = match &said {
            Some(x) => (
                Some(x.speaker.clone()),
                Some(x.kind.unwrap_or(SpeakerKind::Organization)),
                Some(x.verb.clone()),
                x.outlet.clone(),
            ),
            None if voice == Voice::Quoted => {
                match cited_canon.as_ref().or(lead_in_outlet.as_ref()) {
                    Some(c) => (
                        Some(c.clone()),
                        Some(SpeakerKind::Outlet),
                        None,
                        Some(c.clone()),
                    ),
                    None => (None, None, None, None),
                }
            }
            None => (post.author.clone(), Some(SpeakerKind::Author), None, None),
        };
        let speculative = raw.hedges.iter().any(|h| h.kind == HedgeKind::Speculation);
        let doubtful = raw.hedges.iter().any(|h| h.kind == HedgeKind::Doubt);
        let reported =
            voice == Voice::Quoted || speaker_kind.is_some_and(|k| k != SpeakerKind::Author);
        let certainty = if speculative {
            "speculative"
        } else if doubtful {
            "hedged"
        } else if reported {
            "reported"
        } else {
            "asserted"
        };
        let mut hedge_texts: Vec<String> = Vec::new();
        for h in &raw.hedges {
            if !hedge_texts.contains(&h.text) {
                hedge_texts.push(h.text.clone());
            }
        }
        claims.push(Claim {
            sentence: i,
            voice,
            speaker,
            speaker_kind: speaker_kind.map(|k| k.as_str().to_string()),
            verb,
            outlet,
            hedges: hedge_texts,
            certainty: certainty.to_string(),
            entities: body
                .get(s.start..s.end)
                .map(|t| gazetteer::entities_from(t, &raw.hits))
                .unwrap_or_default(),
            dates: if raw.may_date {
                crate::dates::find(body, s.start, s.end, post.published)
            } else {
                Vec::new()
            },
            figures: raw.figures.clone(),
        });
    }
    claims
}

/// Index of the paragraph containing byte offset `pos`.
fn paragraph_of(post: &Post, pos: usize) -> Option<usize> {
    if post.paragraphs.is_empty() {
        return None;
    }
    let i = post.paragraphs.partition_point(|p| p.start <= pos);
    if i == 0 {
        return Some(0);
    }
    Some(i - 1)
}

/// `s` without the copies of `prefix` it starts with (`str::trim_start_matches` for a
/// string prefix, without building a searcher).
fn strip_all<'s>(mut s: &'s str, prefix: &str) -> &'s str {
    while let Some(rest) = s.strip_prefix(prefix) {
        s = rest;
    }
    s
}

/// Generic references to an outlet: "the outlet", "the newspaper", "the news agency".
fn is_generic_outlet(s: &str) -> bool {
    let l = s.to_lowercase();
    let l = strip_all(strip_all(&l, "the "), "that ");
    matches!(
        l,
        "outlet"
            | "newspaper"
            | "paper"
            | "news agency"
            | "broadcaster"
            | "website"
            | "daily"
            | "report"
            | "article"
    )
}

/// Canonical outlet name, spelled as the post's citation spells it when it is the same outlet.
fn canonical_outlet(name: &str, cited: Option<&str>) -> String {
    let canon = gazetteer::lookup(strip_all(strip_all(name, "The "), "the "))
        .filter(|(_, k)| *k == EntityKind::Outlet)
        .map(|(c, _)| c.to_string());
    if let (Some(c), Some(cit)) = (&canon, cited) {
        let cc = gazetteer::lookup(strip_all(cit, "The ")).map(|(x, _)| x);
        if cc == Some(c.as_str()) {
            return cit.to_string();
        }
    }
    canon.unwrap_or_else(|| name.to_string())
}

/// The canonical outlet named by a speaker phrase, if it names one.
fn named_outlet(speaker: &str, cited: Option<&str>) -> Option<String> {
    if is_generic_outlet(speaker) {
        return None;
    }
    match gazetteer::find(speaker)
        .into_iter()
        .find(|h| h.kind == EntityKind::Outlet)
    {
        Some(hit) => Some(canonical_outlet(&speaker[hit.start..hit.end], cited)),
        None => {
            // an outlet the gazetteer does not know: its name as written ("Kyunghyang Shinmun")
            let name = strip_all(strip_all(speaker, "The "), "the ");
            let words: Vec<&str> = name.split_whitespace().collect();
            let proper = !words.is_empty()
                && words.len() <= 5
                && words.iter().all(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                });
            proper.then(|| name.to_string())
        }
    }
}

/// Outlets named in the sentence outside quotation marks: gazetteer outlets, the cited
/// outlet's own name (searched with `cited_finder`, given when it has 3 bytes or more),
/// "the newspaper X" / "the business daily X", and generic mentions ("told the outlet").
fn outlet_mentions(
    toks: &[Tok],
    body: &str,
    s: &Sentence,
    cited: Option<&str>,
    cited_finder: Option<&memchr::memmem::Finder>,
    hits: &[gazetteer::Hit],
) -> Vec<OutletMention> {
    let mut out: Vec<OutletMention> = Vec::new();
    let quoted_at = |pos: usize| {
        toks.iter()
            .find(|t| t.s <= pos && pos < t.e)
            .is_some_and(|t| t.quoted)
    };
    // descriptor + name: "the newspaper Kommersant", "the business daily RBC"
    // a tight scan for the next unquoted lower-case word of a descriptor's length (5 to 11)
    // (`&` rather than `&&`: one test of all, not a branch per condition)
    let maybe_descriptor =
        |t: &Tok| t.word & !t.quoted & !t.capitalised() & DESCRIPTOR_SHAPES.may_contain(t.lower());
    let mut from = 0;
    while let Some(off) = toks
        .get(from..)
        .and_then(|r| r.iter().position(maybe_descriptor))
    {
        let i = from + off;
        from = i + 1;
        let t = &toks[i];
        let l = t.lower();
        let descriptor = DESCRIPTORS.contains(&l)
            || (l == "agency" && i > 0 && toks[i - 1].t.eq_ignore_ascii_case("news"));
        if !descriptor || t.capitalised() {
            continue;
        }
        let mut k = i + 1;
        while k < toks.len() && toks[k].word && toks[k].capitalised() && !toks[k].quoted {
            k += 1;
        }
        if k > i + 1 {
            let name = body.get(toks[i + 1].s..toks[k - 1].e).unwrap_or("");
            out.push(OutletMention {
                start: toks[i + 1].s,
                end: toks[k - 1].e,
                name: Some(canonical_outlet(name, cited)),
                direct: is_direct(toks, toks[i + 1].s) || is_direct(toks, toks[i].s),
            });
        } else if i > 0 && matches!(toks[i - 1].lower(), "the" | "that" | "news") {
            let st = if toks[i - 1].t.eq_ignore_ascii_case("news") && i >= 2 {
                toks[i - 2].s
            } else {
                toks[i - 1].s
            };
            out.push(OutletMention {
                start: st,
                end: t.e,
                name: None,
                direct: is_direct(toks, st),
            });
        }
    }
    let text = body.get(s.start..s.end).unwrap_or("");
    for h in hits {
        if h.kind != EntityKind::Outlet {
            continue;
        }
        let (a, b) = (s.start + h.start, s.start + h.end);
        if quoted_at(a) || out.iter().any(|m| m.start <= a && b <= m.end.max(m.start)) {
            continue;
        }
        out.push(OutletMention {
            start: a,
            end: b,
            name: Some(canonical_outlet(&text[h.start..h.end], cited)),
            direct: is_direct(toks, a),
        });
    }
    if let (Some(c), Some(finder)) = (cited, cited_finder) {
        let mut from = 0;
        // (a match of a UTF-8 needle starts on a char boundary, as `str::find`'s does)
        while let Some(p) = text.as_bytes().get(from..).and_then(|x| finder.find(x)) {
            let a = s.start + from + p;
            let b = a + c.len();
            from += p + c.len();
            let before = body[..a].chars().next_back();
            let after = body[b..].chars().next();
            if before.is_some_and(|x| x.is_alphanumeric())
                || after.is_some_and(|x| x.is_alphanumeric())
            {
                continue;
            }
            if quoted_at(a) || out.iter().any(|m| m.start < b && a < m.end) {
                continue;
            }
            out.push(OutletMention {
                start: a,
                end: b,
                name: Some(c.to_string()),
                direct: is_direct(toks, a),
            });
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

/// Is the outlet mention starting at byte `pos` the object of a report ("told the Daily
/// NK", "spoke to RFA", "interviewed by Radio Free Asia", "in an interview with NHK")?
fn is_direct(toks: &[Tok], pos: usize) -> bool {
    let Some(i) = toks.iter().position(|t| t.s == pos) else {
        return false;
    };
    let mut k = i;
    while k > 0 {
        k -= 1;
        let l = toks[k].lower();
        if matches!(
            l,
            "the"
                | "newspaper"
                | "daily"
                | "broadcaster"
                | "magazine"
                | "agency"
                | "news"
                | "business"
                | "outlet"
        ) {
            continue;
        }
        return toks[k].word
            && matches!(l, "told" | "tell" | "tells" | "to" | "by" | "with" | "via");
    }
    false
}

#[cfg(test)]
mod tests {
    use super::strip_all;

    #[test]
    fn strip_all_is_trim_start_matches() {
        for s in [
            "",
            "The ",
            "The The X",
            "TheX",
            "The  X",
            "the The X",
            "The",
            "X The ",
        ] {
            for p in ["The ", "the ", "that "] {
                assert_eq!(strip_all(s, p), s.trim_start_matches(p), "{s:?} {p:?}");
            }
        }
    }
}

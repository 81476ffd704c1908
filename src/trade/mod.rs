//! Trade series: every stated trade flow with period, direction and provenance.
//!
//! [`build`] reads a post sentence by sentence and turns each dollar figure that states
//! the value of trade between North Korea and a partner (or North Korea's total
//! trade) into a [`TradeRow`]. It uses grammar and cue lists, never corpus strings.
//!
//! # Rules
//!
//! **Which figures.** A money figure in US dollars (a point, not a range) is a trade
//! value when a *trade cue* governs it: the nearest cue word before it in its
//! sentence (`trade`, `commerce`, `exports`, `imports`, `shipments`, `shipped`,
//! `sold`, `bought`, `purchases`, `the total`, …) or a cue right after it (`$X worth
//! of Chinese goods`, `$X in total trade`, `$X consisted of exports`). Anaphoric cues
//! (`the same figure`, `the shipments`, `the largest item` with a commodity) take
//! the flow of the previous trade statement, and so does a sentence right after one
//! that is led by a period or a comparison ("November was even lower, at $X"; "That
//! is down from $Y"), and partners ranked right after a total ("Russia came second
//! with $84 million"). A cue more than 25 words before the first figure after it
//! governs another clause. Not trade, and skipped:
//! - balances: `deficit`, `surplus`, `balance` (also `trade deficit`);
//! - aid and non-trade money: `aid`/`humanitarian` shipments (but not "including
//!   aid"), investment, loans, wages, fees, costs, prices, losses, funding, income,
//!   production/output (Kaesong output), company deals and contracts,
//!   processing-on-commission subtotals;
//! - unit prices (`$30 a ton`, `per kilogram`), changes (`by $1 billion`),
//!   projections and limits (a modal `may`/`would`/`could`/`will` in the clause,
//!   `expected`, `cap`);
//! - revenue/earnings unless a commodity earns it ("coal earned the North …");
//! - figures whose partner cannot be told (two countries without a direction).
//!
//! **Direction** is always North Korea's. For an export/import word the exporter
//! and importer come from (in order) a possessive or adjective before a noun
//! ("China's exports", "Chinese purchases"), the subject of a verb ("China
//! shipped", "the South imported"), `to X` / `from X` after it ("exports to North
//! Korea", "imports from the North", "shipments from South to North"), the origin
//! of goods ("North Korean goods"), and, for bare words ("exports of $X"), the side
//! the text reports from (set by the last phrase that named one, North Korea by
//! default). China's exports to North Korea are North Korea's imports; "the other
//! direction" reverses the previous flow. An unnamed exporter to a partner ("exports
//! to China") is North Korea; a named foreign side with no counterpart ("Chinese
//! exports") counts only when North Korea is named in the sentence or that country
//! is the partner of the running context (so "South Korea's exports" is not North
//! Korean trade).
//!
//! **Partner**: South Korea for inter-Korean trade (`inter-Korean`, `the two
//! Koreas`); `World` for North Korea's foreign trade (`foreign trade`, `outside
//! world`, `excluding inter-Korean`, or "North Korea's total trade" with no partner
//! named); else the trading side named in the sentence (institutions like "South
//! Korea's central bank" or "Chinese waters" do not count; several sides with no
//! direction leave the figure out), else the one of the running context (previous
//! statements, then the title).
//!
//! **Period**: a period written right after the figure (`$1.91 billion in 2010`,
//! `$314 million a year earlier`), else the nearest one before it in the sentence
//! that is not a comparison base (`from November`) or an event date (`announced
//! in January`, `June 14`), else the running context (previous trade statements,
//! then the title), resolved against the post's date: "in September" in a post of
//! 2022-10-25 is 2022-09, "the fourth quarter" in January 2023 is 2022-Q4. Labels
//! follow the wording: `2022-09`, `2022-Q1`, `2017-H1`, `2014`, `2017-01..2017-06`
//! ("January–June", "the first five months", "through April"). Comparison
//! sentences ("By comparison, …", "the same figure") do not move the context; a new
//! paragraph returns to the title's period (unless the body already names the same
//! days in other words, e.g. "January–March" for a title's "first quarter"); as a
//! last resort the latest recent period written in the post is used. A period that
//! starts after the post's date is a projection: no row.
//!
//! **Commodity**: a good named between the clause start and the figure (coal,
//! iron ore, textiles, seafood, fertilizer, wigs and eyelashes, crude oil, …),
//! unless it is an example ("mainly coal") or several goods are named.
//!
//! **Change**: a percentage with a direction word next to the figure ("fell 24
//! percent to", ", up 20.9 percent") gives `change_pct`; "on-year", "year on year",
//! "from a year earlier" give `yoy`, "on-month", "the previous month" `mom`.
//!
//! **Derived rows**: when a post states the total and one flow for the same period,
//! partner and commodity (one value each), the other flow is added as total − flow
//! with `derived = true` and no figure; a stated value is never overwritten.

mod lexicon;
mod period;
mod words;

use crate::model::{Approx, Figure, FigureKind, Post, Sentence, TradeRow};
use chrono::Datelike;
use lexicon::{commodity_at, Cue, CueKind};
use period::{Anchor, Period, Spec};
use words::{
    at, countries, mentions, tokenize, tokenize_window, usd, Country, Keys, Lowered, Mention, Tok,
    WordSet, NK, SK,
};

/// Direction of a flow from North Korea's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Total,
    Export,
    Import,
}

impl Flow {
    fn as_str(self) -> &'static str {
        match self {
            Flow::Total => "total",
            Flow::Export => "export",
            Flow::Import => "import",
        }
    }

    fn opposite(self) -> Flow {
        match self {
            Flow::Export => Flow::Import,
            Flow::Import => Flow::Export,
            Flow::Total => Flow::Total,
        }
    }
}

/// Partner name for North Korea's total foreign trade.
const WORLD: &str = "World";

/// What earlier sentences (and the title) established.
#[derive(Debug, Clone)]
struct Ctx {
    period: Option<Period>,
    partner: Option<&'static str>,
    flow: Option<Flow>,
    commodity: Option<&'static str>,
    /// The side bare "exports"/"imports" are seen from.
    reporter: &'static str,
    /// Index of the last sentence that spoke of trade.
    last_trade: Option<usize>,
    /// Partner named in the title.
    title_partner: Option<&'static str>,
    /// Period named in the title: a new paragraph returns to it.
    title_period: Option<Period>,
    /// The first period written in the latest sentence that had one (last resort).
    loose_period: Option<Period>,
    /// How the last sentence dated its comparison figure ("from $Y the previous month").
    baseline_spec: Option<(usize, Spec)>,
}

/// Tables of [`sentence_rows`], kept from one sentence to the next.
#[derive(Debug, Default)]
struct Scratch {
    /// For each money figure of the sentence (in token order): where its clause starts,
    /// and the last modal verb before it.
    money_clause: Vec<(usize, Option<usize>)>,
}

/// A row before ids: the figure's token and what was read.
#[derive(Debug, Clone)]
struct Draft {
    tok: usize,
    figure: usize,
    flow: Flow,
    partner: &'static str,
    commodity: Option<&'static str>,
    period: Period,
    value: f64,
    approx: Approx,
    change_pct: Option<f64>,
    change_basis: Option<&'static str>,
    /// A comparison value ("from $145.8 million in September").
    baseline: bool,
    /// A partner in a ranking ("followed by India with $75 million"): does not move the context.
    ranked: bool,
}

/// The trade rows a post states (plus derived rows).
///
/// `sentences` and `figures` are the post's sentence spans and figures (byte
/// offsets into `post.body`), as [`crate::analyze::analyze`] computes them. Rows
/// come in body order, derived rows last. See the module docs for the rules.
///
/// # Examples
///
/// ```
/// use nkecon::figures::{self, FigureOptions};
/// use nkecon::model::Post;
/// use nkecon::{sentences, trade};
///
/// let post = Post {
///     title: "North Korean trade with China in September".into(),
///     published: chrono::NaiveDate::from_ymd_opt(2022, 10, 25),
///     body: "Total trade stood at $142.7 million. $14.2 million consisted of exports.".into(),
///     ..Post::default()
/// };
/// let sents = sentences::split(&post.body);
/// let figs = figures::extract(&post.body, &FigureOptions::default());
/// let rows = trade::build(&post, &sents, &figs);
/// let brief: Vec<(&str, &str, &str, f64, bool)> = rows
///     .iter()
///     .map(|r| (r.period.as_str(), r.partner.as_str(), r.flow.as_str(), r.value_usd, r.derived))
///     .collect();
/// assert_eq!(
///     brief,
///     vec![
///         ("2022-09", "China", "total", 142.7e6, false),
///         ("2022-09", "China", "export", 14.2e6, false),
///         ("2022-09", "China", "import", 128.5e6, true), // total − export
///     ]
/// );
/// ```
pub fn build(post: &Post, sentences: &[Sentence], figures: &[Figure]) -> Vec<TradeRow> {
    // Rows come only from money figures, and context only flows forward: the
    // sentences after the last money figure cannot give a row.
    let Some(last_money) = figures
        .iter()
        .filter(|f| usd(f).is_some())
        .map(|f| f.start)
        .max()
    else {
        return Vec::new();
    };
    let mut ctx = title_context(post);
    let mut rows = Vec::new();
    let paragraphs = paragraph_starts(post);
    let mut para = usize::MAX;
    let in_order = figures.windows(2).all(|w| w[0].start <= w[1].start);
    // Lowered words of the sentence being read.
    let longest = sentences
        .iter()
        .take_while(|s| s.start <= last_money)
        .map(|s| s.end.saturating_sub(s.start))
        .max();
    let mut lowered = Lowered::with_capacity(longest.unwrap_or(0));
    let mut scratch = Scratch::default();
    for (si, s) in sentences.iter().enumerate() {
        if s.start > last_money {
            break;
        }
        let window = if in_order {
            figures.partition_point(|f| f.start < s.start)
                ..figures.partition_point(|f| f.start < s.end)
        } else {
            0..figures.len()
        };
        // A sentence without a money figure, a trade word or a period that is not
        // relative only ends the comparison dating of the one before (see
        // `sentence_rows`): it needs no tokens.
        let inside = figures[window.clone()]
            .iter()
            .filter(|f| f.start >= s.start && f.end <= s.end && f.start < f.end);
        if !inside.clone().any(|f| usd(f).is_some())
            && !words::may_tell(&post.body, s.start, s.end, inside)
        {
            ctx.baseline_spec = None;
            continue;
        }
        let toks = tokenize_window(&post.body, s.start, s.end, figures, window, &mut lowered);
        if toks.is_empty() {
            continue;
        }
        // A new paragraph without a period of its own returns to the title's period.
        let p = paragraphs.partition_point(|&start| start <= s.start);
        if p != para {
            para = p;
            // (When both name the same days, the body's wording is kept.)
            let same_days = |a: Option<Period>, b: Option<Period>| match (a, b) {
                (Some(a), Some(b)) => a.first() == b.first() && a.last() == b.last(),
                _ => false,
            };
            if ctx.title_period.is_some() && !same_days(ctx.title_period, ctx.period) {
                ctx.period = ctx.title_period;
            }
        }
        let drafts = sentence_rows(post, si, &toks, figures, &mut ctx, &mut scratch);
        for d in drafts {
            let (Some(first), Some(last)) = (d.period.first(), d.period.last()) else {
                continue;
            };
            // Trade not yet observed when the post was written is a projection.
            if post.published.is_some_and(|p| first > p) {
                continue;
            }
            rows.push(TradeRow {
                sentence: si,
                figure: Some(d.figure),
                period: d.period.label(),
                period_first: first,
                period_last: last,
                country: NK.to_string(),
                partner: d.partner.to_string(),
                flow: d.flow.as_str().to_string(),
                commodity: d.commodity.map(str::to_string),
                value_usd: d.value,
                approx: d.approx,
                change_pct: d.change_pct,
                change_basis: d.change_basis.map(str::to_string),
                derived: false,
            });
        }
    }
    let derived = derive(&rows);
    rows.extend(derived);
    rows
}

/// Byte offsets where the post's paragraphs start (from `post.paragraphs`, else blank lines).
fn paragraph_starts(post: &Post) -> Vec<usize> {
    if !post.paragraphs.is_empty() {
        return post.paragraphs.iter().map(|p| p.start).collect();
    }
    let mut out = vec![0];
    let b = post.body.as_bytes();
    let mut i = 0;
    while let Some(k) = memchr::memmem::find(&b[i..], b"\n\n") {
        i += k + 2;
        out.push(i);
    }
    out
}

fn title_context(post: &Post) -> Ctx {
    let mut lowered = Lowered::with_capacity(post.title.len());
    let toks = tokenize(&post.title, 0, post.title.len(), &[], &mut lowered);
    let cs = countries(&toks);
    let anchor = Anchor {
        published: post.published,
        ..Anchor::default()
    };
    let period = mentions(&toks)
        .iter()
        .filter(|m| !m.event && !m.baseline && !m.spec.is_relative())
        .find_map(|m| m.spec.resolve(&anchor));
    let partner = if inter_korean(&toks) {
        Some(SK)
    } else {
        cs.iter()
            .find(|c| c.name != NK && !c.institution)
            .map(|c| c.name)
    };
    Ctx {
        period,
        partner,
        flow: None,
        commodity: None,
        reporter: NK,
        last_trade: None,
        title_partner: partner,
        title_period: period,
        loose_period: None,
        baseline_spec: None,
    }
}

/// The first words of the phrases [`inter_korean`] looks for.
const INTER_KOREAN_KEYS: Keys =
    Keys::EMPTY.with_all(&["inter", "two", "both", "the", "north", "south"]);

/// The second words of the phrases [`inter_korean`] looks for.
const INTER_KOREAN_SECOND: Keys =
    Keys::EMPTY.with_all(&["korean", "koreas", "south", "north", "and"]);

fn inter_korean(toks: &[Tok]) -> bool {
    (0..toks.len().saturating_sub(1)).any(|i| {
        toks[i].may_be_in(&INTER_KOREAN_KEYS)
            && toks[i + 1].may_be_in(&INTER_KOREAN_SECOND)
            && inter_korean_at(toks, i)
    })
}

fn inter_korean_at(toks: &[Tok], i: usize) -> bool {
    at(toks, i, &["inter", "korean"])
        || at(toks, i, &["two", "koreas"])
        || at(toks, i, &["both", "koreas"])
        || at(toks, i, &["the", "koreas"])
        || at(toks, i, &["north", "south"]) && toks[i].cap && toks[i + 1].cap
        || at(toks, i, &["south", "north"]) && toks[i].cap && toks[i + 1].cap
        || at(toks, i, &["south", "and", "north", "korea"])
        || at(toks, i, &["north", "and", "south", "korea"])
}

/// "excluding inter-Korean trade": the rest is foreign trade.
fn excluding_inter(toks: &[Tok]) -> bool {
    (0..toks.len()).any(|i| {
        toks[i].any(&["excluding", "except", "excludes", "exclude", "without"])
            && (i + 1..(i + 3).min(toks.len())).any(|k| at(toks, k, &["inter", "korean"]))
    })
}

fn world_cue(toks: &[Tok], lo: usize, hi: usize) -> bool {
    let hi = hi.min(toks.len());
    (lo..hi).any(|i| toks[i].may_be_in(&WORLD_KEYS) && world_cue_at(toks, i))
}

/// The first words of the phrases [`world_cue`] looks for.
const WORLD_KEYS: Keys = Keys::EMPTY.with_all(&[
    "foreign",
    "external",
    "global",
    "outside",
    "rest",
    "all",
    "trading",
    "excluding",
    "total",
]);

fn world_cue_at(toks: &[Tok], i: usize) -> bool {
    at(toks, i, &["foreign", "trade"])
        || at(toks, i, &["external", "trade"])
        || at(toks, i, &["global", "trade"])
        || at(toks, i, &["outside", "world"])
        || at(toks, i, &["rest", "of", "the", "world"])
        || at(toks, i, &["foreign", "countries"])
        || at(toks, i, &["all", "countries"])
        || at(toks, i, &["trading", "partners"])
        || at(toks, i, &["excluding", "inter"])
        || at(toks, i, &["excluding", "trade", "with", "south"])
        || at(toks, i, &["total", "foreign"])
}

/// Index where the clause containing token `t` starts.
fn clause_start(toks: &[Tok], t: usize) -> usize {
    let mut j = t;
    while j > 0 {
        if toks[j].strong_break_before() {
            return j;
        }
        if toks[j - 1].any(&["while", "whereas"]) {
            return j - 1;
        }
        j -= 1;
    }
    0
}

const MODALS: &[&str] = &[
    "may",
    "might",
    "could",
    "would",
    "will",
    "should",
    "must",
    "can",
    "cannot",
    "shall",
    "expected",
    "projected",
    "forecast",
    "target",
    "targets",
    "aims",
    "hopes",
    "plans",
    "goal",
];

const MODAL_SET: WordSet = WordSet::new(MODALS);

const UNIT_NOUNS: WordSet = WordSet::new(&[
    "ton", "tonne", "tons", "kilogram", "kg", "kilo", "month", "day", "week", "barrel", "head",
    "person", "worker", "piece", "unit", "liter", "litre", "hour", "share", "meter", "metre",
    "square", "pound", "gram", "ounce", "visitor", "tourist", "night", "trip", "car",
]);

fn is_money(toks: &[Tok], i: usize, figures: &[Figure]) -> Option<f64> {
    let f = figures.get(toks.get(i)?.fig?)?;
    usd(f)
}

fn is_percent(toks: &[Tok], i: usize, figures: &[Figure]) -> Option<f64> {
    let f = figures.get(toks.get(i)?.fig?)?;
    (f.kind == FigureKind::Percent).then_some(f.value).flatten()
}

/// The bases of a change (`yoy`, `mom`): the abbreviation, the letter of its `y/y`
/// form, and the phrases that name it.
const CHANGE_BASES: &[(&str, &str, &[&[&str]])] = &[
    (
        "yoy",
        "y",
        &[
            &["on", "year"],
            &["on", "the", "year"],
            &["year", "on", "year"],
            &["a", "year", "earlier"],
            &["a", "year", "ago"],
            &["the", "previous", "year"],
            &["the", "year", "before"],
            &["the", "same", "period"],
            &["year", "over", "year"],
        ],
    ),
    (
        "mom",
        "m",
        &[
            &["on", "month"],
            &["on", "the", "month"],
            &["month", "on", "month"],
            &["the", "previous", "month"],
            &["a", "month", "earlier"],
            &["month", "over", "month"],
        ],
    ),
];

// (Kept out of `build`: inlined there, its own readers are not inlined.)
#[inline(never)]
fn sentence_rows(
    post: &Post,
    si: usize,
    toks: &[Tok],
    figures: &[Figure],
    ctx: &mut Ctx,
    scratch: &mut Scratch,
) -> Vec<Draft> {
    let mut money: Vec<usize> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if t.fig.is_some() && is_money(toks, i, figures).is_some() {
            money.push(i);
        }
    }
    // Without a money figure, a trade word or a period that is not relative, a sentence
    // only ends the comparison dating of the one before (see the end).
    if money.is_empty()
        && !toks
            .iter()
            .any(|t| lexicon::may_be_cue(t) || words::may_date(t))
    {
        ctx.baseline_spec = None;
        return Vec::new();
    }
    // Without a money figure the sentence gives no row: it only moves the context, and
    // needs its countries only when it speaks of trade.
    let mut trade_word = None;
    let cs = if money.is_empty() {
        let tw = lexicon::any_trade_word(toks);
        trade_word = Some(tw);
        if tw {
            countries(toks)
        } else {
            Vec::new()
        }
    } else {
        countries(toks)
    };
    let ms = mentions(toks);
    // Per money figure: where its clause starts, and the last modal verb before it
    // (read up to the last money figure only).
    let money_clause = &mut scratch.money_clause;
    clauses_at(toks, &money, money_clause);
    let comparison_sentence = at(toks, 0, &["by", "comparison"])
        || at(toks, 0, &["in", "comparison"])
        || at(toks, 0, &["for", "comparison"])
        || (0..toks.len()).any(|i| at(toks, i, &["the", "same", "figure"]));
    let recent = ctx.last_trade.is_some_and(|l| si.saturating_sub(l) <= 3);
    let mut drafts: Vec<Draft> = Vec::new();
    // Mentions attached to a figure right after it: (mention index, draft baseline).
    let mut attached: Vec<(usize, bool)> = Vec::new();
    let mut claimed_pct: Vec<usize> = Vec::new();
    let mut baseline_spec: Option<(usize, Spec)> = None;
    let mut any_cue = false;
    for (k, &t) in money.iter().enumerate() {
        let prev_money = k.checked_sub(1).map(|p| money[p]);
        let (cstart, modal_before) = money_clause[k];
        let seg_start = prev_money.map_or(cstart, |p| cstart.max(p + 1));
        let Some(value) = is_money(toks, t, figures) else {
            continue;
        };
        let fig_idx = toks[t].fig.unwrap_or(0);
        let Some(fig) = figures.get(fig_idx) else {
            continue;
        };
        // Unit prices and amounts of change.
        let next = toks.get(t + 1);
        if next.is_some_and(|u| u.any(&["apiece", "each"]) && !u.comma_before()) {
            continue;
        }
        if next.is_some_and(|u| u.any(&["a", "per", "an", "each"]) && !u.comma_before())
            && toks.get(t + 2).is_some_and(|u| u.in_set(&UNIT_NOUNS))
            && !toks
                .get(t + 3)
                .is_some_and(|u| u.any(&["earlier", "ago", "before", "later"]))
        {
            continue;
        }
        if t > 0 && toks[t - 1].is("by") {
            continue;
        }
        // "$5,000 worth of goods a day": a rate, not an observation.
        let rate = (t + 2..(t + 7).min(toks.len())).any(|q| {
            toks[q - 1].any(&["a", "per", "each"])
                && toks[q].any(&["day", "week", "month", "ton", "tonne", "kilogram", "kg"])
                && !toks
                    .get(q + 1)
                    .is_some_and(|u| u.any(&["earlier", "ago", "before"]))
                && !(t + 1..q).any(|r| toks[r].comma_before() || toks[r].fig.is_some())
        });
        if rate {
            continue;
        }
        if modal_before.is_some_and(|m| m >= cstart) {
            continue;
        }
        let commodity = commodity_in(toks, seg_start, t).or_else(|| after_commodity(toks, &cs, t));
        // Find the cue.
        let after = lexicon::after_cue(toks, t, &cs);
        let back = lexicon::back_cue(toks, t);
        let cue: Option<Cue> = match (after, back) {
            (Some(a), _) if a.kind != CueKind::Goods => Some(a),
            (Some(a), Some(b)) => {
                // "$X worth of goods": trade-ness from after, direction from the verb before.
                if a.origin.is_some() {
                    Some(a)
                } else {
                    Some(b)
                }
            }
            (Some(a), None) => Some(a),
            (None, b) => b,
        };
        // "November was even lower, at $1.273 million": a sentence led by a period,
        // right after a trade statement, continues it.
        let cue = cue.or_else(|| {
            let led = ms.first().is_some_and(|m| m.i <= 1 && !m.event);
            // "That is down from $22 million the previous month."
            let compared = comparison_before(toks, t) && t <= 6;
            (k == 0 && (led || compared) && ctx.last_trade == Some(si.wrapping_sub(1))).then_some(
                Cue {
                    i: t,
                    kind: CueKind::Anaphor,
                    verb: false,
                    undirected: false,
                    origin: None,
                },
            )
        });
        // "Russia came second with $84 million, followed by India with $75 million":
        // partners ranked right after a statement of total trade.
        let mut ranked: Option<&'static str> = None;
        let cue = cue.or_else(|| {
            let after_total = ctx.flow == Some(Flow::Total)
                && (ctx.last_trade == Some(si.wrapping_sub(1)) || !drafts.is_empty());
            let with_fig = t > 0 && toks[t - 1].any(&["with", "at"]);
            let side = cs
                .iter()
                .rev()
                .find(|c| c.j < t && c.j + 4 >= t && c.name != NK && !c.institution)?;
            (after_total && with_fig).then(|| {
                ranked = Some(side.name);
                Cue {
                    i: t,
                    kind: CueKind::Anaphor,
                    verb: false,
                    undirected: false,
                    origin: None,
                }
            })
        });
        let Some(cue) = cue else {
            continue;
        };
        any_cue = true;
        // Exclusions between the cue and the figure, right after the cue, and right after the figure.
        if lexicon::excluded(toks, cue.i, t, commodity.is_some()) {
            continue;
        }
        if cue.kind == CueKind::Revenue && commodity.is_none() {
            continue;
        }
        if matches!(cue.kind, CueKind::Item) && commodity.is_none() {
            continue;
        }
        let prev_draft = drafts.last();
        let resolved = resolve_flow(toks, &cs, &cue, t, cstart, ctx, recent, prev_draft);
        let Some((flow, partner, inherited)) = resolved else {
            continue;
        };
        let partner = ranked.unwrap_or(partner);
        let commodity = if inherited {
            commodity.or(ctx.commodity)
        } else {
            commodity
        };
        // Baseline figure: "from $X", "compared with $X", "against $X", "below the $X".
        let baseline_fig = comparison_before(toks, t) || comparison_sentence;
        // Period.
        let sentence_year = ms
            .iter()
            .filter(|m| m.j <= t && !m.event && !m.baseline)
            .filter_map(|m| match m.spec {
                Spec::Abs(_, period::YearSpec::Given(y)) => Some(y),
                _ => None,
            })
            .next_back();
        let reference = drafts.last().map(|d| d.period);
        let anchor = Anchor {
            published: post.published,
            sentence_year,
            context: ctx.period,
            reference,
        };
        let next_money = money.get(k + 1).copied().unwrap_or(toks.len());
        let mut from_baseline = false;
        let mut period = None;
        if let Some((mi, m)) = attached_after(toks, &ms, t, next_money) {
            period = m.spec.resolve(&anchor);
            attached.push((mi, baseline_fig));
            from_baseline = baseline_fig;
            if baseline_fig && m.spec.is_relative() {
                baseline_spec = Some((si, m.spec));
            }
        } else if baseline_fig {
            // "up from $1.82 million" after "from $12.3 million the previous month":
            // the comparison is dated like the one before.
            if let Some((ps, spec)) = ctx.baseline_spec {
                if ps + 1 == si && reference.is_some() {
                    period = spec.resolve(&anchor);
                    from_baseline = period.is_some();
                }
            }
        }
        if period.is_none() {
            // Nearest usable mention before the figure.
            let found = ms.iter().enumerate().rev().find(|(mi, m)| {
                m.j <= t
                    && !m.event
                    && (!m.baseline || attached.iter().any(|(a, _)| a == mi))
                    && !matches!(m.spec, Spec::YearBack | Spec::MonthBack)
            });
            if let Some((mi, m)) = found {
                // "in September 2022, the month rail freight resumed": "the month" is the
                // nearest period written before it.
                let written_before = matches!(m.spec, Spec::Same | Spec::SameIn(_))
                    .then(|| {
                        ms.iter()
                            .rev()
                            .filter(|p| p.j <= m.i && !p.event && !p.spec.is_relative())
                            .find_map(|p| p.spec.resolve(&anchor))
                    })
                    .flatten();
                let anchor = Anchor {
                    reference: written_before
                        .or_else(|| drafts.iter().rev().find(|d| d.tok < m.i).map(|d| d.period)),
                    ..anchor
                };
                period = m.spec.resolve(&anchor);
                from_baseline = attached.iter().any(|(a, b)| *a == mi && *b) || m.baseline;
            }
        }
        if period.is_none() {
            period = ctx.period.or(ctx.loose_period);
        }
        let Some(period) = period else {
            continue;
        };
        let (change_pct, change_basis) =
            change(toks, figures, seg_start, t, next_money, &mut claimed_pct);
        drafts.push(Draft {
            tok: t,
            figure: fig_idx,
            flow,
            partner,
            commodity,
            period,
            value,
            approx: fig.approx,
            change_pct,
            change_basis,
            baseline: baseline_fig || from_baseline,
            ranked: ranked.is_some(),
        });
    }
    // Update the running context.
    ctx.baseline_spec = baseline_spec;
    let loose_anchor = Anchor {
        published: post.published,
        sentence_year: None,
        context: ctx.period,
        reference: None,
    };
    // (Only recent years: "the war ended in 1953" dates no trade figure.)
    let recent_enough = |p: &Period| {
        post.published.map_or(true, |d| {
            p.year + 6 >= d.year() && p.first().is_some_and(|f| f <= d)
        })
    };
    if let Some(p) = ms
        .iter()
        .filter(|m| !m.event && !m.baseline && !m.spec.is_relative())
        .filter_map(|m| m.spec.resolve(&loose_anchor))
        .find(recent_enough)
    {
        ctx.loose_period = Some(p);
    }
    let has_cue = any_cue || trade_word.unwrap_or_else(|| lexicon::any_trade_word(toks));
    if let Some(last) = drafts.iter().rev().find(|d| !d.baseline) {
        if !comparison_sentence {
            ctx.period = Some(last.period);
        }
    }
    if !drafts.is_empty() {
        if let Some(last) = drafts.iter().rev().find(|d| !d.ranked) {
            if !comparison_sentence {
                ctx.partner = Some(last.partner);
                ctx.flow = Some(last.flow);
                ctx.commodity = last.commodity;
            }
        }
        ctx.last_trade = Some(si);
    } else if !comparison_sentence {
        let anchor = Anchor {
            published: post.published,
            sentence_year: None,
            context: ctx.period,
            reference: None,
        };
        let lead = ms.first().is_some_and(|m| m.i <= 2);
        if has_cue || lead {
            if let Some(p) = ms
                .iter()
                .rev()
                .filter(|m| !m.event && !m.baseline && !m.spec.is_relative())
                .filter(|m| m.i <= 2 || lexicon::near_trade_word(toks, m.i, m.j))
                .find_map(|m| m.spec.resolve(&anchor))
            {
                ctx.period = Some(p);
            }
        }
        if has_cue {
            // The last flow phrase of the sentence sets flow, partner and commodity.
            if let Some(cue) = lexicon::last_flow_cue(toks) {
                let cstart = clause_start(toks, cue.i);
                if let Some((flow, partner, _)) =
                    resolve_flow(toks, &cs, &cue, cue.i, cstart, ctx, true, None)
                {
                    let same_flow = ctx.flow == Some(flow) && ctx.partner == Some(partner);
                    ctx.commodity = commodity_in(toks, cstart, toks.len()).or(if same_flow {
                        ctx.commodity
                    } else {
                        None
                    });
                    // Only an explicit cue makes the context North Korea's foreign trade.
                    if partner != WORLD || world_cue(toks, 0, toks.len()) {
                        ctx.flow = Some(flow);
                        ctx.partner = Some(partner);
                    }
                }
            }
            ctx.last_trade = Some(si);
        }
    }
    drafts
}

/// For each token index of `at` (increasing), where its clause starts ([`clause_start`])
/// and the last modal verb before it, into `out`: one pass up to the last index.
fn clauses_at(toks: &[Tok], at: &[usize], out: &mut Vec<(usize, Option<usize>)>) {
    out.clear();
    let Some(&last) = at.last() else {
        return;
    };
    out.reserve(at.len());
    let mut cs_at = 0;
    let mut modal = None;
    let mut next = 0;
    for (j, tk) in toks.iter().enumerate().take(last + 1) {
        if tk.strong_break_before() {
            cs_at = j;
        } else if j > 0 && toks[j - 1].any(&["while", "whereas"]) {
            cs_at = j - 1;
        }
        while at.get(next) == Some(&j) {
            out.push((cs_at, modal));
            next += 1;
        }
        if tk.in_set(&MODAL_SET) && !tk.cap {
            modal = Some(j);
        }
    }
}

/// "from $X", "compared with $X", "against $X", "below the $X".
fn comparison_before(toks: &[Tok], t: usize) -> bool {
    let p1 = t.checked_sub(1).map(|i| &toks[i]);
    let p2 = t.checked_sub(2).map(|i| &toks[i]);
    if p1.is_some_and(|u| u.any(&["from", "than", "against", "versus", "vs"])) {
        return true;
    }
    if p1.is_some_and(|u| u.any(&["with", "to"])) && p2.is_some_and(|u| u.is("compared")) {
        return true;
    }
    p1.is_some_and(|u| u.is("the"))
        && p2.is_some_and(|u| u.any(&["below", "above", "from", "than", "against", "of"]))
}

/// A period written right after figure `t`, before any break or the next figure.
fn attached_after<'a>(
    toks: &[Tok],
    ms: &'a [Mention],
    t: usize,
    next_money: usize,
) -> Option<(usize, &'a Mention)> {
    let stop_words = [
        "while",
        "whereas",
        "but",
        "which",
        "when",
        "as",
        "according",
        "up",
        "down",
        "compared",
        "against",
        "than",
        "bringing",
        "making",
        "since",
        "after",
        "before",
        "with",
        "despite",
    ];
    let limit = (t + 11).min(next_money);
    let mut i = t + 1;
    while i < limit {
        let tk = &toks[i];
        if tk.comma_before() || tk.fig.is_some() {
            return None;
        }
        if let Some((mi, m)) = ms.iter().enumerate().find(|(_, m)| m.i == i) {
            if m.event {
                return None;
            }
            return Some((mi, m));
        }
        // "from November", "from a year earlier": a comparison base, not this figure's period.
        if tk.is("from") && ms.iter().any(|m| m.i == i + 1) {
            return None;
        }
        if tk.any(&stop_words) {
            return None;
        }
        i += 1;
    }
    None
}

fn commodity_in(toks: &[Tok], lo: usize, hi: usize) -> Option<&'static str> {
    let mut found: Option<&'static str> = None;
    let mut i = lo;
    while i < hi.min(toks.len()) {
        if let Some((name, n)) = commodity_at(toks, i) {
            let example = (i.saturating_sub(2)..i).any(|p| {
                toks[p].any(&[
                    "mainly",
                    "mostly",
                    "including",
                    "such",
                    "like",
                    "led",
                    "especially",
                    "except",
                    "excluding",
                    "largely",
                    "chiefly",
                    "primarily",
                    "notably",
                    "than",
                ])
            });
            if !example {
                match found {
                    Some(f) if f != name => return None,
                    _ => found = Some(name),
                }
            }
            i += n;
        } else {
            i += 1;
        }
    }
    found
}

fn after_commodity(toks: &[Tok], cs: &[Country], t: usize) -> Option<&'static str> {
    // "$X worth of coal", "$X of iron ore", "$X in coal exports"
    let mut i = t + 1;
    if toks.get(i).is_some_and(|u| u.is("worth")) {
        i += 1;
    }
    if !toks.get(i).is_some_and(|u| u.any(&["of", "in"])) || toks[i].comma_before() {
        return None;
    }
    // "$X worth of North Korean coal": skip the origin.
    let mut k = i + 1;
    if let Some(c) = cs.iter().find(|c| c.i == k && c.adj) {
        k = c.j;
    }
    commodity_at(toks, k).map(|(c, _)| c)
}

/// A side of a flow as read from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Country(&'static str),
    /// "it", "its neighbor": the party other than the actor.
    Other,
}

#[allow(clippy::too_many_arguments)]
fn resolve_flow(
    toks: &[Tok],
    cs: &[Country],
    cue: &Cue,
    t: usize,
    cstart: usize,
    ctx: &mut Ctx,
    recent: bool,
    prev: Option<&Draft>,
) -> Option<(Flow, &'static str, bool)> {
    match cue.kind {
        CueKind::Trade | CueKind::Total => {
            if cue.kind == CueKind::Total && !recent && !lexicon::any_trade_word(toks) {
                return None;
            }
            // "China's trade with North Korea": the reporter is China.
            if let Some(c) = cs
                .iter()
                .find(|c| c.j == cue.i && c.adj && !c.institution)
                .or_else(|| {
                    cs.iter()
                        .find(|c| c.j + 1 == cue.i && c.adj && !c.institution)
                })
            {
                ctx.reporter = c.name;
            }
            let partner = total_partner(toks, cs, cue.i, t, ctx, prev)?;
            Some((Flow::Total, partner, false))
        }
        CueKind::Anaphor | CueKind::Item => {
            if !recent {
                return None;
            }
            let flow = ctx.flow?;
            let partner = ctx.partner?;
            Some((flow, partner, true))
        }
        CueKind::Other => {
            let flow = ctx.flow?.opposite();
            Some((flow, ctx.partner?, false))
        }
        CueKind::Export | CueKind::Import | CueKind::Revenue | CueKind::Goods => {
            let export_word = matches!(cue.kind, CueKind::Export | CueKind::Revenue);
            let (mut actor, dest, origin) = sides(toks, cs, cue, t, cstart);
            if cue.kind == CueKind::Goods {
                // "$X worth of Chinese goods": the origin is the exporter.
                actor = cue.origin.map(Side::Country);
            }
            let bare = actor.is_none() && dest.is_none() && origin.is_none();
            if bare && cue.undirected {
                // "the shipments": the previous flow.
                if !recent {
                    return None;
                }
                return Some((ctx.flow?, ctx.partner?, true));
            }
            let (mut exporter, mut importer) = if export_word || cue.kind == CueKind::Goods {
                (actor.or(origin), dest)
            } else {
                (origin, actor.or(dest))
            };
            if cue.kind == CueKind::Revenue && exporter.is_none() {
                // "coal earned the North $1.19 billion": North Korea sells.
                exporter = Some(Side::Country(NK));
            } else if bare {
                if export_word {
                    exporter = Some(Side::Country(ctx.reporter));
                } else {
                    importer = Some(Side::Country(ctx.reporter));
                }
            }
            // Resolve "it"/"its neighbor" as the side other than the known one.
            let other_of = |s: Option<Side>| -> Option<Side> {
                match s {
                    Some(Side::Country(n)) if n != NK => Some(Side::Country(NK)),
                    Some(Side::Country(_)) => ctx.partner.map(Side::Country),
                    _ => None,
                }
            };
            if exporter == Some(Side::Other) {
                exporter = other_of(importer);
            }
            if importer == Some(Side::Other) {
                importer = other_of(exporter);
            }
            let name = |s: Option<Side>| match s {
                Some(Side::Country(n)) => Some(n),
                _ => None,
            };
            let (ex, im) = (name(exporter), name(importer));
            let nk_named = cs.iter().any(|c| c.name == NK);
            let relevant = |x: &str| {
                nk_named
                    || ctx.partner == Some(x)
                    || ctx.title_partner == Some(x)
                    || prev.is_some_and(|p| p.partner == x)
            };
            let (flow, partner) = match (ex, im) {
                (Some(NK), Some(p)) if p != NK => (Flow::Export, Some(p)),
                (Some(p), Some(NK)) if p != NK => (Flow::Import, Some(p)),
                (Some(NK), None) => (Flow::Export, None),
                (None, Some(NK)) => (Flow::Import, None),
                (Some(p), None) if relevant(p) => (Flow::Import, Some(p)),
                // "Exports to China": on this beat the unnamed exporter is North Korea.
                (None, Some(p)) => (Flow::Export, Some(p)),
                _ => return None,
            };
            let partner = match partner {
                Some(p) => p,
                None => flow_partner(toks, cs, t, ctx, prev)?,
            };
            // The reporter: the side whose "exports"/"imports" these are.
            if !bare && matches!(cue.kind, CueKind::Export | CueKind::Import) {
                let nk_acts = (flow == Flow::Export) == export_word;
                ctx.reporter = if nk_acts { NK } else { partner };
            }
            Some((flow, partner, false))
        }
    }
}

/// Actor, destination and origin of an export/import word.
fn sides(
    toks: &[Tok],
    cs: &[Country],
    cue: &Cue,
    t: usize,
    cstart: usize,
) -> (Option<Side>, Option<Side>, Option<Side>) {
    let usable = |c: &&Country| !c.institution;
    let mut actor: Option<Side> = None;
    if cue.verb {
        // Subject: the nearest country before the verb that is not a prepositional object.
        let preps = [
            "to", "from", "with", "of", "in", "into", "by", "than", "for", "between", "at", "on",
            "across", "and", "through", "via",
        ];
        let object = |c: &Country| {
            let mut p = c.i;
            if p > 0 && toks[p - 1].is("the") {
                p -= 1;
            }
            p > 0 && toks[p - 1].any(&preps)
        };
        let subj =
            cs.iter().filter(usable).rev().find(|c| {
                c.j <= cue.i && c.i >= cstart.min(cue.i.saturating_sub(12)) && !object(c)
            });
        actor = subj.map(|c| Side::Country(c.name));
        if actor.is_none() {
            // A bare "the North"/"the South" without "the" after the verb is rare; "it" is not a subject here.
        }
    } else {
        // Possessive or adjective right before the noun (skipping goods words and modifiers).
        let lo = cue.i.saturating_sub(5);
        let mut i = cue.i;
        while i > lo {
            i -= 1;
            let tk = &toks[i];
            if tk.fig.is_some() || (i + 1 < cue.i && toks[i + 1].comma_before()) {
                break;
            }
            if let Some(c) = cs.iter().find(|c| c.j == i + 1 && c.i <= i) {
                if c.adj && !c.institution {
                    actor = Some(Side::Country(c.name));
                }
                break;
            }
            if tk.is("its") || tk.is("their") {
                actor = its_antecedent(toks, cs, i);
                break;
            }
            let modifier = tk.any(&[
                "total",
                "monthly",
                "annual",
                "overall",
                "official",
                "recorded",
                "own",
                "the",
                "and",
                "other",
                "coal",
                "textile",
                "seafood",
                "mineral",
                "commodity",
                "goods",
                "merchandise",
                "combined",
                "direct",
                "legal",
                "official",
                "reported",
            ]) || commodity_at(toks, i).is_some();
            if !modifier {
                break;
            }
        }
    }
    // Destination and origin: "to X", "from X", "from South to North", "from it".
    let mut dest = None;
    let mut origin = None;
    let end = (t + 6).min(toks.len());
    let mut i = cue.i + 1;
    while i < end {
        let tk = &toks[i];
        if i > t
            && (tk.comma_before()
                || tk.fig.is_some()
                || tk.any(&["and", "while", "but", "whereas"])
                || lexicon::is_cue(toks, i))
        {
            break;
        }
        if i > cue.i + 1 && i < t && tk.strong_break_before() {
            break;
        }
        if tk.any(&["to", "into", "from"]) {
            let side = side_at(toks, cs, i + 1);
            if let Some(s) = side {
                if tk.is("from") {
                    origin.get_or_insert(s);
                } else {
                    dest.get_or_insert(s);
                }
            }
        }
        i += 1;
    }
    // Goods of a named origin before the figure: "purchases of North Korean goods".
    if origin.is_none() {
        for c in cs
            .iter()
            .filter(|c| c.adj && !c.institution && c.i > cue.i && c.j < t)
        {
            if toks
                .get(c.j)
                .is_some_and(|u| u.any(&["goods", "products", "items", "merchandise"]))
                || commodity_at(toks, c.j).is_some()
            {
                origin = Some(Side::Country(c.name));
            }
        }
    }
    // A verb whose subject is goods of a named origin: "North Korean products sold to China".
    (actor, dest, origin)
}

fn side_at(toks: &[Tok], cs: &[Country], i: usize) -> Option<Side> {
    if let Some(c) = cs
        .iter()
        .find(|c| c.i == i || (c.i == i + 1 && toks[i].is("the")))
    {
        if !c.institution {
            return Some(Side::Country(c.name));
        }
        return None;
    }
    let tk = toks.get(i)?;
    if tk.is("it") || at(toks, i, &["its", "neighbor"]) || at(toks, i, &["its", "neighbour"]) {
        return Some(Side::Other);
    }
    let next_cap = toks.get(i + 1).is_some_and(|u| u.cap && u.fig.is_none());
    if tk.cap && tk.is("north") && !next_cap {
        return Some(Side::Country(NK));
    }
    if tk.cap && tk.is("south") && !next_cap {
        return Some(Side::Country(SK));
    }
    None
}

/// The country "its" stands for: the nearest earlier subject or possessive, not a prepositional object.
fn its_antecedent(toks: &[Tok], cs: &[Country], i: usize) -> Option<Side> {
    let preps = ["to", "from", "with", "of", "into", "than", "between"];
    let object = |c: &Country| {
        let mut p = c.i;
        if p > 0 && toks[p - 1].is("the") {
            p -= 1;
        }
        p > 0 && toks[p - 1].any(&preps)
    };
    cs.iter()
        .rev()
        .find(|c| c.j <= i && !c.institution && !object(c))
        .map(|c| Side::Country(c.name))
}

fn total_partner(
    toks: &[Tok],
    cs: &[Country],
    cue_i: usize,
    t: usize,
    ctx: &Ctx,
    prev: Option<&Draft>,
) -> Option<&'static str> {
    let bilateral_world = world_cue(toks, 0, toks.len());
    if inter_korean(toks) && !excluding_inter(toks) {
        return Some(SK);
    }
    let bilateral = (cue_i.saturating_sub(3)..cue_i)
        .any(|i| toks[i].any(&["bilateral", "two", "way"]) || at(toks, i, &["both", "countries"]));
    let others: Vec<&Country> = cs
        .iter()
        .filter(|c| c.name != NK && !c.institution)
        .collect();
    if !bilateral && bilateral_world {
        return Some(WORLD);
    }
    // "… of North Korea's total trade of $3.8 billion": owned by the North alone, no
    // partner named before the figure: its foreign trade.
    let owners: Vec<&Country> = cs
        .iter()
        .filter(|c| !c.institution && c.j <= cue_i && c.j + 4 >= cue_i)
        .collect();
    let named_between = cs
        .iter()
        .any(|c| c.name != NK && !c.institution && c.i > cue_i && c.i < t);
    if !bilateral
        && !owners.is_empty()
        && owners.iter().all(|c| c.name == NK && c.adj)
        && !named_between
        && !cs.iter().any(|c| c.name != NK && !c.institution && c.i > t)
    {
        return Some(WORLD);
    }
    if let Some(c) = nearest(&others, cue_i, t) {
        return Some(c);
    }
    if let Some(p) = prev {
        return Some(p.partner);
    }
    // "North Korea's trade volume hit $7.6 billion", nothing else said: its foreign trade.
    let nk_owner = cs
        .iter()
        .any(|c| c.name == NK && c.adj && c.j + 3 >= cue_i && c.j <= cue_i);
    if ctx.partner.is_none() && nk_owner && others.is_empty() {
        return Some(WORLD);
    }
    ctx.partner
}

fn flow_partner(
    toks: &[Tok],
    cs: &[Country],
    t: usize,
    ctx: &Ctx,
    prev: Option<&Draft>,
) -> Option<&'static str> {
    if inter_korean(toks) && !excluding_inter(toks) {
        return Some(SK);
    }
    if let Some(p) = prev {
        return Some(p.partner);
    }
    if world_cue(toks, 0, toks.len()) {
        return Some(WORLD);
    }
    let others: Vec<&Country> = cs
        .iter()
        .filter(|c| c.name != NK && !c.institution)
        .collect();
    if let Some(c) = nearest(&others, t, t) {
        return Some(c);
    }
    ctx.partner
}

/// The partner among `others`: the only one named, else the nearest before the cue.
fn nearest(others: &[&Country], cue_i: usize, t: usize) -> Option<&'static str> {
    let first = others.first()?;
    if others.iter().all(|c| c.name == first.name) {
        return Some(first.name);
    }
    // Several countries: the one right next to the cue ("Chinese exports", "trade with
    // China"), else none (ambiguous).
    others
        .iter()
        .filter(|c| c.j + 4 >= cue_i && c.i <= cue_i + 4 && c.j <= t)
        .min_by_key(|c| cue_i.abs_diff(c.i))
        .map(|c| c.name)
}

/// The stated change of figure `t`: a percentage with a direction word in its segment,
/// or right after it (", up 20.9 percent").
fn change(
    toks: &[Tok],
    figures: &[Figure],
    seg_start: usize,
    t: usize,
    next_money: usize,
    claimed: &mut Vec<usize>,
) -> (Option<f64>, Option<&'static str>) {
    let up = [
        "up",
        "rose",
        "rise",
        "rising",
        "risen",
        "increase",
        "increased",
        "increasing",
        "grew",
        "grown",
        "growth",
        "jumped",
        "jump",
        "climbed",
        "climbing",
        "gained",
        "higher",
        "surged",
        "soared",
        "rebounded",
        "expanded",
        "more",
    ];
    let down = [
        "down",
        "fell",
        "fall",
        "falling",
        "fallen",
        "drop",
        "dropped",
        "dropping",
        "declined",
        "decline",
        "decrease",
        "decreased",
        "plunged",
        "plunge",
        "shrank",
        "shrunk",
        "shrinking",
        "slipped",
        "lower",
        "slid",
        "collapsed",
        "collapsing",
        "plummeted",
        "tumbled",
        "contracted",
        "dipped",
        "sank",
        "less",
        "slumped",
    ];
    let sign_of = |p: usize| -> Option<f64> {
        for q in (p.saturating_sub(3)..p).rev() {
            if toks[q].any(&up) {
                return Some(1.0);
            }
            if toks[q].any(&down) {
                return Some(-1.0);
            }
            if toks[q].fig.is_some() {
                break;
            }
        }
        None
    };
    let basis_of = |p: usize| -> Option<&'static str> {
        let end = (p + 9).min(toks.len());
        for q in p + 1..end {
            if q != p + 1 && toks[q].fig.is_some() && q != t {
                break;
            }
            for &(basis, letter, phrases) in CHANGE_BASES {
                if phrases.iter().any(|ph| at(toks, q, ph))
                    || toks[q].is(basis)
                    || (at(toks, q, &[letter, letter]) && toks[q + 1].slash_before())
                {
                    return Some(basis);
                }
            }
        }
        None
    };
    // Right after: ", up 20.9 percent", "in 2017, down 10.5 percent".
    let mut q = t + 1;
    while q < next_money.min(t + 13) && q + 1 < toks.len() {
        let u = &toks[q];
        if u.fig.is_some() {
            break;
        }
        if u.comma_before() {
            // ", up 20.9 percent", ", rising 5 percent", ", an increase of 3.7 percent"
            let (sign, p) = if u.any(&["up", "rising", "increasing", "growing", "climbing"]) {
                (1.0, q + 1)
            } else if u.any(&["down", "falling", "dropping", "declining", "decreasing"]) {
                (-1.0, q + 1)
            } else if at(toks, q, &["an", "increase", "of"]) || at(toks, q, &["a", "rise", "of"]) {
                (1.0, q + 3)
            } else if at(toks, q, &["a", "drop", "of"])
                || at(toks, q, &["a", "decline", "of"])
                || at(toks, q, &["a", "decrease", "of"])
                || at(toks, q, &["a", "fall", "of"])
            {
                (-1.0, q + 3)
            } else {
                break;
            };
            if let Some(v) = is_percent(toks, p, figures) {
                claimed.push(p);
                return (Some(sign * v.abs()), basis_of(p));
            }
            break;
        }
        q += 1;
    }
    for p in (seg_start..t).rev() {
        if claimed.contains(&p) {
            continue;
        }
        if let Some(v) = is_percent(toks, p, figures) {
            if let Some(s) = sign_of(p) {
                claimed.push(p);
                return (Some(s * v.abs()), basis_of(p));
            }
        }
    }
    (None, None)
}

/// Derived rows: total and one flow stated (once each) for the same period, partner and commodity.
fn derive(rows: &[TradeRow]) -> Vec<TradeRow> {
    let mut out = Vec::new();
    let mut seen: Vec<(String, String, Option<String>)> = Vec::new();
    for r in rows.iter().filter(|r| r.flow == "total") {
        let key = (r.period.clone(), r.partner.clone(), r.commodity.clone());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let same = |flow: &str| -> Vec<&TradeRow> {
            rows.iter()
                .filter(|x| {
                    x.flow == flow
                        && x.period == r.period
                        && x.partner == r.partner
                        && x.commodity == r.commodity
                })
                .collect()
        };
        let distinct = |v: &[&TradeRow]| -> bool {
            v.iter()
                .all(|x| (x.value_usd - v[0].value_usd).abs() <= 1e-6 * v[0].value_usd.abs())
        };
        let totals = same("total");
        let exports = same("export");
        let imports = same("import");
        if !distinct(&totals) {
            continue;
        }
        let (known, missing) = match (exports.is_empty(), imports.is_empty()) {
            (false, true) => (exports, "import"),
            (true, false) => (imports, "export"),
            _ => continue,
        };
        if !distinct(&known) {
            continue;
        }
        let total = totals[0];
        let part = known[0];
        let value = total.value_usd - part.value_usd;
        if value <= 0.0 {
            continue;
        }
        let approx = if total.approx == Approx::Exact && part.approx == Approx::Exact {
            Approx::Exact
        } else {
            Approx::Approx
        };
        out.push(TradeRow {
            sentence: total.sentence,
            figure: None,
            period: total.period.clone(),
            period_first: total.period_first,
            period_last: total.period_last,
            country: total.country.clone(),
            partner: total.partner.clone(),
            flow: missing.to_string(),
            commodity: total.commodity.clone(),
            value_usd: (value * 100.0).round() / 100.0,
            approx,
            change_pct: None,
            change_basis: None,
            derived: true,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The filters in front of [`inter_korean_at`] turn away no phrase it finds.
    #[test]
    fn inter_korean_filter_misses_nothing() {
        let parts = [
            "inter", "Korean", "korean", "two", "Koreas", "both", "the", "North", "South", "north",
            "south", "and", "Korea", "trade", "-", " ", ",", "China",
        ];
        let mut rng = crate::test_rng::Rng(0x94d0_49bb_1331_11eb);
        let mut found = 0;
        for _ in 0..20000 {
            let n = 1 + rng.below(6);
            let text: Vec<&str> = (0..n).map(|_| rng.pick(&parts)).collect();
            let text = text.join(" ");
            let mut buf = Lowered::default();
            let toks = tokenize(&text, 0, text.len(), &[], &mut buf);
            let want = (0..toks.len()).any(|i| inter_korean_at(&toks, i));
            assert_eq!(inter_korean(&toks), want, "{text}");
            found += usize::from(want);
        }
        assert!(found > 500, "{found}");
    }

    /// [`clauses_at`] gives, at each index, what the per-token walk gives there.
    #[test]
    fn clauses_at_matches_the_walk() {
        let parts = [
            "while", "whereas", "While", "may", "May", "could", "expected", "trade", "$5", ";",
            ":", "—", ",", "the", "exports", "will",
        ];
        let mut rng = crate::test_rng::Rng(0x3c6e_f372_fe94_f82b);
        let mut out = Vec::new();
        let mut checked = 0;
        for _ in 0..5000 {
            let n = 1 + rng.below(14);
            let text: Vec<&str> = (0..n).map(|_| rng.pick(&parts)).collect();
            let text = text.join(" ");
            let mut buf = Lowered::default();
            let toks = tokenize(&text, 0, text.len(), &[], &mut buf);
            // the plain walk: a value for every token
            let mut plain = Vec::new();
            let mut modal = None;
            for (j, tk) in toks.iter().enumerate() {
                plain.push((clause_start(&toks, j), modal));
                if tk.in_set(&MODAL_SET) && !tk.cap {
                    modal = Some(j);
                }
            }
            let at: Vec<usize> = (0..toks.len()).filter(|_| rng.below(3) == 0).collect();
            clauses_at(&toks, &at, &mut out);
            assert_eq!(out.len(), at.len(), "{text}");
            for (k, &j) in at.iter().enumerate() {
                assert_eq!(out[k], plain[j], "{text} at {j}");
                checked += 1;
            }
        }
        assert!(checked > 5000, "{checked}");
    }
}

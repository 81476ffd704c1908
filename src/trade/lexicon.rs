//! Cue lists for trade statements: flow words, exclusions, commodities.

use super::words::{at, Keys, Tok, WordSet};

/// What a cue word says about the figure it governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// trade, commerce: total trade.
    Trade,
    /// "the total" (a noun): total trade, when trade is being discussed.
    Total,
    /// exports, shipped, sold ...
    Export,
    /// imports, bought, purchases ...
    Import,
    /// earned, brought in, revenue: money a good earned North Korea (an export).
    Revenue,
    /// "$X worth of (Chinese) goods".
    Goods,
    /// "the same figure", "the figure": the previous statement's flow.
    Anaphor,
    /// "the largest item": the previous flow, for a named good.
    Item,
    /// "in the other direction": the previous flow reversed.
    Other,
}

/// A cue word at token `i`.
#[derive(Debug, Clone, Copy)]
pub struct Cue {
    /// Token index of the cue word.
    pub i: usize,
    /// What it says.
    pub kind: CueKind,
    /// A verb (its actor is its subject) rather than a noun (its actor is a possessive).
    pub verb: bool,
    /// "shipments", "sales": no direction of its own.
    pub undirected: bool,
    /// Origin of the goods for `Goods` ("worth of Chinese goods").
    pub origin: Option<&'static str>,
}

fn cue(i: usize, kind: CueKind, verb: bool) -> Cue {
    Cue {
        i,
        kind,
        verb,
        undirected: false,
        origin: None,
    }
}

/// The words [`classify`] knows (keep in step with its `match`).
const CUE_KEYS: Keys = Keys::EMPTY.with_all(&[
    "trade",
    "commerce",
    "turnover",
    "total",
    "totals",
    "exports",
    "export",
    "exported",
    "exporting",
    "shipments",
    "shipment",
    "sales",
    "shipped",
    "shipping",
    "sold",
    "sell",
    "sells",
    "selling",
    "imports",
    "import",
    "purchases",
    "purchase",
    "imported",
    "importing",
    "bought",
    "buying",
    "buy",
    "buys",
    "purchased",
    "purchasing",
    "earned",
    "earn",
    "earns",
    "earning",
    "revenue",
    "revenues",
    "earnings",
    "brought",
    "figure",
    "item",
    "items",
    "direction",
]);

/// The words [`classify`] can call a trade word (trade, export or import; see
/// [`any_trade_word`]), and `customs`.
pub const TRADE_WORD_KEYS: Keys = Keys::EMPTY.with_all(TRADE_WORDS);

/// The words of [`TRADE_WORD_KEYS`].
pub const TRADE_WORDS: &[&str] = &[
    "trade",
    "commerce",
    "turnover",
    "exports",
    "export",
    "exported",
    "exporting",
    "shipments",
    "shipment",
    "sales",
    "shipped",
    "shipping",
    "sold",
    "sell",
    "sells",
    "selling",
    "imports",
    "import",
    "purchases",
    "purchase",
    "imported",
    "importing",
    "bought",
    "buying",
    "buy",
    "buys",
    "purchased",
    "purchasing",
    "brought",
    "customs",
];

/// Classifies token `j` as a cue word.
#[inline]
fn classify(toks: &[Tok], j: usize) -> Option<Cue> {
    let t = toks.get(j)?;
    if t.fig.is_some() || !t.may_be_in(&CUE_KEYS) {
        return None;
    }
    classify_word(toks, j, t)
}

/// [`classify`] for a token its filter lets through (most are turned away inline).
#[inline(never)]
fn classify_word(toks: &[Tok], j: usize, t: &Tok) -> Option<Cue> {
    let w = t.lo;
    let prev = j.checked_sub(1).map(|p| &toks[p]);
    let next = toks.get(j + 1);
    match w {
        "trade" | "commerce" | "turnover" => {
            // "Korea International Trade Association": a name, not a cue.
            let in_name = t.cap
                && j > 0
                && (prev.is_some_and(|p| p.cap && p.fig.is_none())
                    || next.is_some_and(|n| n.cap && n.fig.is_none()));
            if in_name {
                return None;
            }
            Some(cue(j, CueKind::Trade, false))
        }
        "total" | "totals" => {
            if prev.is_some_and(|p| p.is("in")) {
                return None;
            }
            if next.is_some_and(|n| {
                n.any(&[
                    "trade", "exports", "imports", "commerce", "foreign", "value", "of",
                ]) && !n.comma_before()
            }) {
                return None;
            }
            Some(cue(j, CueKind::Total, false))
        }
        "exports" | "export" => Some(cue(j, CueKind::Export, false)),
        "exported" | "exporting" => Some(cue(j, CueKind::Export, true)),
        "shipments" | "shipment" | "sales" => Some(Cue {
            undirected: true,
            ..cue(j, CueKind::Export, false)
        }),
        "shipped" | "shipping" | "sold" | "sell" | "sells" | "selling" => {
            Some(cue(j, CueKind::Export, true))
        }
        "imports" | "import" | "purchases" | "purchase" => Some(cue(j, CueKind::Import, false)),
        "imported" | "importing" | "bought" | "buying" | "buy" | "buys" | "purchased"
        | "purchasing" => Some(cue(j, CueKind::Import, true)),
        "earned" | "earn" | "earns" | "earning" | "revenue" | "revenues" | "earnings" => {
            Some(cue(j, CueKind::Revenue, true))
        }
        "brought" if next.is_some_and(|n| n.is("in")) => {
            // "brought in $280 million": revenue; "brought in 41,860 tons": imports.
            if toks.get(j + 2).is_some_and(|n| n.fig.is_some()) {
                Some(cue(j, CueKind::Revenue, true))
            } else {
                Some(cue(j, CueKind::Import, true))
            }
        }
        "figure" => {
            let the = (j.saturating_sub(3)..j).any(|p| toks[p].any(&["the", "this", "that"]));
            the.then(|| cue(j, CueKind::Anaphor, false))
        }
        "item" | "items" => Some(cue(j, CueKind::Item, false)),
        "direction" if j >= 2 && at(toks, j - 2, &["the", "other"]) => {
            Some(cue(j, CueKind::Other, false))
        }
        _ => None,
    }
}

/// How many tokens before a figure its cue may stand.
const MAX_CUE_DISTANCE: usize = 25;

/// True when token `j` is a cue word.
pub fn is_cue(toks: &[Tok], j: usize) -> bool {
    classify(toks, j).is_some()
}

/// The nearest cue word before token `t` in the sentence.
#[inline]
pub fn back_cue(toks: &[Tok], t: usize) -> Option<Cue> {
    let c = (0..t).rev().find_map(|j| classify(toks, j))?;
    // A cue far back in a long sentence governs another clause, not this figure, unless
    // a chain of figures leads to it ("fell to $90 million … from $145 million").
    let first_fig = (c.i + 1..=t).find(|&k| toks[k].fig.is_some()).unwrap_or(t);
    if first_fig - c.i > MAX_CUE_DISTANCE {
        return None;
    }
    // "the top export item": the flow word, not the item.
    if c.kind == CueKind::Item && c.i > 0 {
        if let Some(f) = classify(toks, c.i - 1) {
            if matches!(f.kind, CueKind::Export | CueKind::Import) {
                return Some(f);
            }
        }
    }
    Some(c)
}

/// The last flow cue of a sentence (trade, exports, imports).
pub fn last_flow_cue(toks: &[Tok]) -> Option<Cue> {
    (0..toks.len()).rev().find_map(|j| {
        classify(toks, j).filter(|c| {
            matches!(c.kind, CueKind::Trade | CueKind::Export | CueKind::Import) && !c.undirected
        })
    })
}

/// A cue right after the figure at `t`: "worth of (Chinese) goods", "in total trade",
/// "consisted of exports", "for total trade".
#[inline]
pub fn after_cue(toks: &[Tok], t: usize, cs: &[super::words::Country]) -> Option<Cue> {
    let mut i = t + 1;
    let first = toks.get(i)?;
    if first.comma_before() {
        return None;
    }
    if first.is("worth") {
        i += 1;
        if !toks.get(i).is_some_and(|u| u.is("of")) {
            return None;
        }
        i += 1;
        let origin = cs.iter().find(|c| c.i == i && c.adj).map(|c| (c.name, c.j));
        let k = origin.map_or(i, |(_, j)| j);
        let goods = toks
            .get(k)
            .is_some_and(|u| u.any(&["goods", "products", "merchandise", "commodities"]))
            || commodity_at(toks, k).is_some();
        if !goods {
            return None;
        }
        return Some(Cue {
            i: k,
            kind: CueKind::Goods,
            verb: false,
            undirected: false,
            origin: origin.map(|(n, _)| n),
        });
    }
    if first.any(&["in", "of", "for"]) {
        let mut k = i + 1;
        while toks.get(k).is_some_and(|u| {
            u.any(&[
                "total",
                "two",
                "way",
                "bilateral",
                "overall",
                "combined",
                "monthly",
                "annual",
                "inter",
                "korean",
                "foreign",
                "cross",
                "border",
                "official",
                "recorded",
            ])
        }) {
            k += 1;
        }
        // "in Chinese exports": skip a country adjective, keep it for the actor.
        if let Some(c) = cs.iter().find(|c| c.i == k && c.adj) {
            k = c.j;
        }
        let u = toks.get(k)?;
        if u.comma_before() {
            return None;
        }
        if u.any(&["trade", "commerce"]) {
            return Some(cue(k, CueKind::Trade, false));
        }
        if u.any(&["exports"]) {
            return Some(cue(k, CueKind::Export, false));
        }
        if u.any(&["imports"]) {
            return Some(cue(k, CueKind::Import, false));
        }
        return None;
    }
    if first.is("consisted") && toks.get(i + 1).is_some_and(|u| u.is("of")) {
        let u = toks.get(i + 2)?;
        if u.is("exports") {
            return Some(cue(i + 2, CueKind::Export, false));
        }
        if u.is("imports") {
            return Some(cue(i + 2, CueKind::Import, false));
        }
    }
    None
}

const EXCLUDE: &[&str] = &[
    "deficit",
    "deficits",
    "surplus",
    "surpluses",
    "balance",
    "production",
    "output",
    "produced",
    "wage",
    "wages",
    "salary",
    "salaries",
    "investment",
    "investments",
    "invested",
    "aid",
    "humanitarian",
    "donation",
    "donations",
    "donated",
    "loss",
    "losses",
    "cost",
    "costs",
    "costing",
    "price",
    "prices",
    "fee",
    "fees",
    "budget",
    "loan",
    "loans",
    "debt",
    "debts",
    "funding",
    "fund",
    "funds",
    "grant",
    "grants",
    "gdp",
    "gni",
    "income",
    "cap",
    "capped",
    "ceiling",
    "limit",
    "quota",
    "contract",
    "contracts",
    "deal",
    "deals",
    "fine",
    "fines",
    "penalty",
    "reserves",
    "spent",
    "spending",
    "fair",
    "processing",
    "tourism",
    "remittances",
    "damage",
    "damages",
    "compensation",
    "bribes",
    "tax",
    "taxes",
    "subsidies",
    "assets",
    "smuggling",
    "smuggled",
    "profit",
    "profits",
    "rent",
    "ransom",
    "reward",
    "stake",
    "stakes",
    "capital",
    "valuation",
    "insurance",
    "bonds",
    "shares",
    "donor",
    "pledged",
    "pledge",
    "rights",
    "license",
    "licence",
    "concession",
    "lease",
    "franchise",
];

const EXCLUDE_SET: WordSet = WordSet::new(EXCLUDE);

const MODIFIER_EXCLUDE: &[&str] = &[
    "humanitarian",
    "aid",
    "processing",
    "commission",
    "barter",
    "smuggling",
    "smuggled",
    "illicit",
    "illegal",
    "arms",
    "weapons",
];

const MODIFIER_EXCLUDE_SET: WordSet = WordSet::new(MODIFIER_EXCLUDE);

fn negated(toks: &[Tok], k: usize) -> bool {
    (k.saturating_sub(2)..k).any(|p| {
        toks[p].any(&[
            "including",
            "excluding",
            "except",
            "besides",
            "plus",
            "not",
            "without",
        ])
    })
}

/// True when a non-trade word governs the figure at `t` whose cue is at `cue_i`.
#[inline]
pub fn excluded(toks: &[Tok], cue_i: usize, t: usize, has_commodity: bool) -> bool {
    let bad = |k: usize| -> bool {
        let tk = &toks[k];
        if tk.any(&["revenue", "revenues", "earnings"]) {
            return !has_commodity;
        }
        tk.in_set(&EXCLUDE_SET) && !negated(toks, k)
    };
    if cue_i < t && (cue_i + 1..t).rev().take(MAX_CUE_DISTANCE).any(bad) {
        return true;
    }
    // Words modifying the cue: "humanitarian shipments", "processing-on-commission trade",
    // "the surplus in its trade".
    if (cue_i.saturating_sub(3)..cue_i)
        .any(|k| toks[k].in_set(&MODIFIER_EXCLUDE_SET) && !negated(toks, k))
    {
        return true;
    }
    let balance = [
        "deficit",
        "deficits",
        "surplus",
        "surpluses",
        "balance",
        "imbalance",
    ];
    if (cue_i.saturating_sub(5)..cue_i).any(|k| toks[k].any(&balance)) {
        return true;
    }
    if toks
        .get(cue_i + 1)
        .is_some_and(|u| u.in_set(&EXCLUDE_SET) && !u.comma_before())
    {
        return true;
    }
    // Right after the figure: "$90 million in wage payments", "$1 million in aid".
    let end = (t + 5).min(toks.len());
    for (k, tk) in toks.iter().enumerate().take(end).skip(t + 1) {
        // ", as aid" still speaks of the figure.
        if (tk.comma_before() && !tk.is("as")) || tk.fig.is_some() {
            break;
        }
        if bad(k) {
            return true;
        }
    }
    false
}

/// False when the token surely is no cue word (nor `customs`): a sentence without such
/// a token has no trade word.
pub fn may_be_cue(t: &Tok) -> bool {
    t.fig.is_none() && (t.may_be_in(&CUE_KEYS) || t.is("customs"))
}

/// True when the sentence speaks of trade at all.
pub fn any_trade_word(toks: &[Tok]) -> bool {
    (0..toks.len()).any(|j| {
        classify(toks, j)
            .is_some_and(|c| matches!(c.kind, CueKind::Trade | CueKind::Export | CueKind::Import))
            || toks[j].any(&["customs"])
    })
}

const COMMODITIES: &[(&[&str], &str)] = &[
    (&["iron", "ore"], "iron ore"),
    (&["coal"], "coal"),
    (&["anthracite"], "coal"),
    (&["textiles"], "textiles"),
    (&["textile"], "textiles"),
    (&["clothing"], "textiles"),
    (&["clothes"], "textiles"),
    (&["garments"], "textiles"),
    (&["garment"], "textiles"),
    (&["apparel"], "textiles"),
    (&["seafood"], "seafood"),
    (&["seafoods"], "seafood"),
    (&["fishery", "products"], "seafood"),
    (&["fertilizer"], "fertilizer"),
    (&["fertilizers"], "fertilizer"),
    (&["fertiliser"], "fertilizer"),
    (&["solar", "panels"], "solar panels"),
    (&["solar", "panel"], "solar panels"),
    (&["wigs"], "wigs and eyelashes"),
    (&["false", "eyelashes"], "wigs and eyelashes"),
    (&["eyelashes"], "wigs and eyelashes"),
    (&["hair", "products"], "wigs and eyelashes"),
    (&["crude", "oil"], "crude oil"),
    (&["refined", "petroleum"], "refined petroleum"),
    (&["petroleum", "products"], "refined petroleum"),
    (&["mobile", "phones"], "mobile phones"),
    (&["cell", "phones"], "mobile phones"),
    (&["cellphones"], "mobile phones"),
    (&["smartphones"], "mobile phones"),
    (&["rice"], "rice"),
    (&["corn"], "corn"),
    (&["maize"], "corn"),
    (&["flour"], "flour"),
    (&["soybeans"], "soybeans"),
    (&["sugar"], "sugar"),
    (&["electricity"], "electricity"),
    (&["watches"], "watches"),
    (&["ferroalloys"], "ferroalloys"),
    (&["molybdenum"], "molybdenum"),
    (&["zinc"], "zinc"),
    (&["copper"], "copper"),
    (&["rare", "earths"], "rare earths"),
    (&["silk"], "silk"),
    (&["ginseng"], "ginseng"),
    (&["tungsten"], "tungsten"),
    (&["steel"], "steel"),
    (&["timber"], "timber"),
    (&["lumber"], "timber"),
    (&["machinery"], "machinery"),
    (&["vehicles"], "vehicles"),
    (&["trucks"], "vehicles"),
    (&["tires"], "tires"),
    (&["tyres"], "tires"),
    (&["medicines"], "medicines"),
    (&["pharmaceuticals"], "medicines"),
    (&["cigarettes"], "cigarettes"),
    (&["plastics"], "plastics"),
    (&["cement"], "cement"),
    (&["graphite"], "graphite"),
    (&["magnesite"], "magnesite"),
    (&["diesel"], "diesel"),
    (&["gasoline"], "gasoline"),
];

/// The first words of [`COMMODITIES`].
const COMMODITY_KEYS: Keys = {
    let mut k = Keys::EMPTY;
    let mut i = 0;
    while i < COMMODITIES.len() {
        k = k.with(COMMODITIES[i].0[0]);
        i += 1;
    }
    k
};

/// A commodity named at token `i`: canonical name and token count.
#[inline]
pub fn commodity_at(toks: &[Tok], i: usize) -> Option<(&'static str, usize)> {
    let t = toks.get(i)?;
    if t.fig.is_some() || !t.may_be_in(&COMMODITY_KEYS) {
        return None;
    }
    commodity_named(toks, i)
}

/// [`commodity_at`] for a token its filter lets through.
#[inline(never)]
fn commodity_named(toks: &[Tok], i: usize) -> Option<(&'static str, usize)> {
    COMMODITIES
        .iter()
        .find(|(ws, _)| at(toks, i, ws))
        .map(|(ws, name)| (*name, ws.len()))
}

/// True when a trade word (or customs data word) stands within a few tokens of `[i, j)`.
pub fn near_trade_word(toks: &[Tok], i: usize, j: usize) -> bool {
    let lo = i.saturating_sub(6);
    let hi = (j + 3).min(toks.len());
    (lo..hi).any(|k| {
        classify(toks, k)
            .is_some_and(|c| matches!(c.kind, CueKind::Trade | CueKind::Export | CueKind::Import))
            || toks[k].any(&["customs", "figures", "data", "numbers", "statistics"])
    })
}

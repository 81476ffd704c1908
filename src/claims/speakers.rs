//! What kind of speaker a noun phrase names.
//!
//! In order: a gazetteer name (outlet, organisation, leader, country or capital acting as
//! a government); the head noun of the phrase (the last word before a preposition or
//! relative clause: "a *source* in North Korea", "a *spokesman* for…", "Daily NK’s
//! *sources*"); outlet words anywhere ("state media", "the business daily RBC"); a name
//! from the gazetteer inside the phrase; then the shape of a proper name (capitalised
//! words: a person, or an organisation when it carries a company word or "The").

use super::text::Tok;
use crate::gazetteer::{self, EntityKind};

/// Speaker kinds of the claims table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerKind {
    /// A source, sources, an insider, a resident, a trader.
    AnonymousSource,
    /// Daily NK, Yonhap, Reuters, KCNA, state media.
    Outlet,
    /// A spokesman, minister, officials, a leader.
    Official,
    /// A named person, a researcher or analyst.
    Person,
    /// A ministry, agency, bank, institute, company, government.
    Organization,
    /// The blogger.
    Author,
}

impl SpeakerKind {
    /// The name used in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::AnonymousSource => "anonymous_source",
            SpeakerKind::Outlet => "outlet",
            SpeakerKind::Official => "official",
            SpeakerKind::Person => "person",
            SpeakerKind::Organization => "organization",
            SpeakerKind::Author => "author",
        }
    }
}

const ANON: &[&str] = &[
    "source",
    "sources",
    "insider",
    "insiders",
    "resident",
    "residents",
    "trader",
    "traders",
    "merchant",
    "merchants",
    "smuggler",
    "smugglers",
    "defector",
    "defectors",
    "businessman",
    "businessmen",
    "businesswoman",
    "businesspeople",
    "manager",
    "managers",
    "broker",
    "brokers",
    "employee",
    "employees",
    "worker",
    "workers",
    "participant",
    "participants",
    "contractor",
    "contractors",
    "agent",
    "agents",
    "operator",
    "operators",
    "representative",
    "representatives",
    "diplomat",
    "diplomats",
    "observer",
    "observers",
    "dealer",
    "dealers",
    "people",
    "person",
    "local",
    "locals",
    "witness",
    "witnesses",
    "farmer",
    "farmers",
    "driver",
    "drivers",
    "vendor",
    "vendors",
    "seller",
    "sellers",
    "buyer",
    "buyers",
    "entrepreneur",
    "entrepreneurs",
    "owner",
    "owners",
    "investor",
    "investors",
    "importer",
    "importers",
    "exporter",
    "exporters",
    "middleman",
    "middlemen",
    "informant",
    "informants",
    "acquaintance",
    "relative",
    "relatives",
    "citizen",
    "citizens",
    "student",
    "students",
    "guide",
    "guides",
    "tourist",
    "tourists",
    "visitor",
    "visitors",
    "someone",
    "insiders",
    "defector",
    "truckers",
    "trucker",
    "fisherman",
    "fishermen",
    "miner",
    "miners",
    "shopkeeper",
    "shopkeepers",
    "executive",
    "executives",
    "staff",
    "laborer",
    "laborers",
    "labourer",
    "labourers",
    "interlocutor",
    "interlocutors",
    "contact",
    "contacts",
];

const OFFICIAL: &[&str] = &[
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "spokesmen",
    "minister",
    "ministers",
    "vice-minister",
    "ambassador",
    "envoy",
    "officer",
    "officers",
    "authorities",
    "premier",
    "president",
    "leader",
    "chairman",
    "chairwoman",
    "governor",
    "mayor",
    "secretary",
    "lawmaker",
    "lawmakers",
    "legislator",
    "legislators",
    "senator",
    "negotiator",
    "negotiators",
    "commander",
    "inspector",
    "inspectors",
    "cadre",
    "cadres",
    "bureaucrat",
    "bureaucrats",
    "regulator",
    "regulators",
    "prosecutor",
    "prosecutors",
    "consul",
    "attaché",
    "delegate",
    "delegates",
    "delegation",
];

const PERSON: &[&str] = &[
    "researcher",
    "researchers",
    "analyst",
    "analysts",
    "professor",
    "economist",
    "economists",
    "expert",
    "experts",
    "scholar",
    "scholars",
    "academic",
    "academics",
    "specialist",
    "specialists",
    "fellow",
    "journalist",
    "journalists",
    "correspondent",
    "editor",
    "consultant",
    "consultants",
    "historian",
    "director",
    "scientist",
    "scientists",
    "author",
    "blogger",
    "commentator",
    "watcher",
    "watchers",
    "lecturer",
];

const ORG: &[&str] = &[
    "ministry",
    "ministries",
    "government",
    "governments",
    "agency",
    "agencies",
    "bank",
    "banks",
    "institute",
    "company",
    "companies",
    "firm",
    "firms",
    "association",
    "federation",
    "administration",
    "customs",
    "panel",
    "committee",
    "council",
    "programme",
    "program",
    "commission",
    "office",
    "bureau",
    "center",
    "centre",
    "university",
    "corporation",
    "group",
    "mission",
    "department",
    "service",
    "authority",
    "organization",
    "organisation",
    "union",
    "fund",
    "foundation",
    "court",
    "parliament",
    "assembly",
    "cabinet",
    "party",
    "army",
    "military",
    "navy",
    "police",
    "embassy",
    "consulate",
    "regime",
    "tank",
    "enterprise",
    "enterprises",
    "venture",
    "cooperative",
    "chamber",
    "board",
    "secretariat",
    "observatory",
    "state",
    "team",
    "coalition",
    "alliance",
    "nations",
    "venture",
    "exchange",
    "operator",
    "carrier",
    "airline",
    "railway",
    "railways",
    "port",
    "zone",
    "consortium",
    "subsidiary",
    "conglomerate",
    "think-tank",
    "survey",
    "study",
    "document",
    "statement",
    "report",
    "reports",
];

const OUTLET: &[&str] = &[
    "media",
    "newspaper",
    "newspapers",
    "paper",
    "outlet",
    "outlets",
    "broadcaster",
    "magazine",
    "journal",
    "website",
    "site",
    "daily",
    "weekly",
    "tabloid",
    "channel",
    "television",
    "tv",
    "radio",
    "wire",
    "article",
    "story",
    "press",
    "newswire",
];

const ORG_WORDS: &[&str] = &[
    "Minerals",
    "Group",
    "Corp",
    "Corporation",
    "Co",
    "Ltd",
    "Inc",
    "Holdings",
    "Trading",
    "Mining",
    "Resources",
    "Energy",
    "Industries",
    "Industrial",
    "Enterprises",
    "Partners",
    "Foundation",
    "Institute",
    "University",
    "Bank",
    "Association",
    "Council",
    "Agency",
    "Fund",
    "Programme",
    "Program",
    "Company",
    "Center",
    "Centre",
    "Office",
    "Services",
    "Administration",
    "Commission",
    "Committee",
    "Authority",
    "Ministry",
    "Railways",
    "Airlines",
    "Shipping",
    "Logistics",
    "Motors",
    "Electronics",
    "Steel",
    "Chemical",
    "Investment",
    "Capital",
    "International",
    "Consulting",
    "Tours",
    "Travel",
    "Federation",
    "Organization",
    "Organisation",
    "Bureau",
    "Department",
    "Service",
    "Union",
    "Party",
    "Government",
    "Customs",
    "Club",
    "Society",
    "Institution",
    "Forum",
    "Network",
    "Project",
];

const SURNAMES: &[&str] = &[
    "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo",
    "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong", "Jeon", "Ko", "Moon", "Yang", "Son",
    "Bae", "Baek", "Heo", "Nam", "Noh", "Ha", "Kwak", "Cha", "Joo", "Woo", "Ri", "Pak", "Choe",
    "Jo", "Mun", "Ryu", "Yun", "Chang", "Wang", "Li", "Zhang", "Liu", "Chen", "Huang", "Zhao",
    "Wu", "Zhou", "Xu", "Sun", "Zhu", "Hu", "Guo", "Lin", "Gao", "Liang", "Zheng", "Xie", "Tang",
    "Feng", "Deng", "Cao", "Peng", "Xiao", "Tian", "Pan", "Yuan", "Cai", "Jiang", "Du", "Ye",
    "Cheng", "Wei", "Su", "Lu", "Ding", "Ren", "Shen", "Yao",
];

/// Role words written capitalised before a name ("Minister Kim", "Professor Lee").
const TITLE_ROLES: &[(&str, SpeakerKind)] = &[
    ("Minister", SpeakerKind::Official),
    ("President", SpeakerKind::Official),
    ("Premier", SpeakerKind::Official),
    ("Spokesman", SpeakerKind::Official),
    ("Spokeswoman", SpeakerKind::Official),
    ("Spokesperson", SpeakerKind::Official),
    ("Ambassador", SpeakerKind::Official),
    ("Chairman", SpeakerKind::Official),
    ("Governor", SpeakerKind::Official),
    ("Secretary", SpeakerKind::Official),
    ("Gen.", SpeakerKind::Official),
    ("General", SpeakerKind::Official),
    ("Senator", SpeakerKind::Official),
    ("Sen.", SpeakerKind::Official),
    ("Rep.", SpeakerKind::Official),
    ("Professor", SpeakerKind::Person),
    ("Prof.", SpeakerKind::Person),
    ("Dr.", SpeakerKind::Person),
    ("Director", SpeakerKind::Person),
];

/// Kind implied by a (lower-case, possessive-free) head noun.
pub fn head_kind(head: &str) -> Option<SpeakerKind> {
    let table = head_table();
    table
        .binary_search_by(|(k, _)| (*k).cmp(head))
        .ok()
        .map(|i| table[i].1)
}

/// All head nouns, sorted, with their kind; the first list naming a word wins
/// (anonymous source, official, person, outlet, organisation).
fn head_table() -> &'static [(&'static str, SpeakerKind)] {
    static T: std::sync::OnceLock<Vec<(&'static str, SpeakerKind)>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut v: Vec<(&'static str, SpeakerKind)> = Vec::new();
        for (list, kind) in [
            (ANON, SpeakerKind::AnonymousSource),
            (OFFICIAL, SpeakerKind::Official),
            (PERSON, SpeakerKind::Person),
            (OUTLET, SpeakerKind::Outlet),
            (ORG, SpeakerKind::Organization),
        ] {
            for w in list {
                if !v.iter().any(|(x, _)| x == w) {
                    v.push((w, kind));
                }
            }
        }
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    })
}

/// Words that end the core of a noun phrase (its head comes before them).
pub fn ends_core(w: &str) -> bool {
    matches!(
        w,
        "in" | "at"
            | "of"
            | "for"
            | "from"
            | "with"
            | "on"
            | "to"
            | "who"
            | "which"
            | "that"
            | "whose"
            | "quoted"
            | "interviewed"
            | "cited"
            | "based"
            | "familiar"
            | "working"
            | "speaking"
            | "near"
            | "inside"
            | "across"
            | "along"
            | "under"
            | "by"
            | "close"
            | "involved"
            | "living"
            | "operating"
            | "reached"
            | "contacted"
    )
}

fn is_det(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "one"
            | "another"
            | "two"
            | "three"
            | "several"
            | "some"
            | "many"
            | "other"
            | "its"
            | "his"
            | "her"
            | "their"
            | "this"
            | "that"
            | "these"
            | "those"
    )
}

/// Kind of a pronoun subject, if it is one.
pub fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "it")
}

/// Classifies the speaker phrase `np` (word and punctuation tokens), given the reporting verb.
pub fn classify(np: &[Tok], verb: &str) -> Option<SpeakerKind> {
    let words: Vec<&Tok> = np.iter().filter(|t| t.word).collect();
    if words.is_empty() {
        return None;
    }
    // "one of the sources", "some of the traders": the group after "of"
    if words.len() > 2
        && words[1].t == "of"
        && matches!(
            &*words[0].base(),
            "one"
                | "some"
                | "many"
                | "several"
                | "most"
                | "two"
                | "three"
                | "both"
                | "all"
                | "none"
                | "few"
        )
    {
        let at = np.iter().position(|t| t.s == words[2].s).unwrap_or(0);
        if at > 0 {
            return classify(&np[at..], verb);
        }
    }
    // core: up to the first preposition / relative word after the first word
    let mut core_end = words.len();
    for (i, w) in words.iter().enumerate().skip(1) {
        if ends_core(w.lower()) {
            core_end = i;
            break;
        }
    }
    let core = &words[..core_end];
    // months, weekdays and indefinite pronouns do not speak
    if core.iter().any(|w| {
        matches!(
            w.t,
            "January"
                | "February"
                | "March"
                | "April"
                | "May"
                | "June"
                | "July"
                | "August"
                | "September"
                | "October"
                | "November"
                | "December"
                | "Monday"
                | "Tuesday"
                | "Wednesday"
                | "Thursday"
                | "Friday"
                | "Saturday"
                | "Sunday"
        ) || matches!(
            &*w.base(),
            "nobody"
                | "everyone"
                | "everybody"
                | "anyone"
                | "anybody"
                | "nothing"
                | "everything"
                | "month"
                | "year"
                | "week"
                | "quarter"
                | "alone"
        )
    }) {
        return None;
    }
    let skip_det = usize::from(core.first().is_some_and(|w| is_det(w.lower())));
    let core_nodet = &core[skip_det..];
    if core_nodet.is_empty() {
        return None;
    }
    // 1. the core is a gazetteer name
    if let (Some(f), Some(l)) = (core_nodet.first(), core_nodet.last()) {
        let text = join(f, l, np);
        if let Some((_, kind)) = gazetteer::lookup(&text) {
            return Some(entity_kind(kind));
        }
    }
    // 2. head noun
    let head = core.last().map(|w| w.base()).unwrap_or_default();
    let head_is_name = core.last().is_some_and(|w| w.capitalised());
    if !head_is_name || core.len() == 1 {
        if let Some(k) = head_kind(&head) {
            // "news agency" is an outlet
            if k == SpeakerKind::Organization && head == "agency" && core.len() >= 2 {
                let prev = core[core.len() - 2].base();
                if prev == "news" {
                    return Some(SpeakerKind::Outlet);
                }
            }
            return Some(k);
        }
    }
    // 3. outlet descriptor anywhere in the core ("the business daily RBC", "state media")
    if core
        .iter()
        .any(|w| !w.capitalised() && OUTLET.contains(&&*w.base()))
    {
        return Some(SpeakerKind::Outlet);
    }
    // role + name: "Customs spokesman Liang Wenjie"
    if let Some((_, k)) = role_name(np) {
        return Some(k);
    }
    // 4. a gazetteer name inside the core
    if let (Some(f), Some(l)) = (core.first(), core.last()) {
        let text = join(f, l, np);
        for h in gazetteer::find(&text) {
            match h.kind {
                EntityKind::Outlet => return Some(SpeakerKind::Outlet),
                EntityKind::Org => return Some(SpeakerKind::Organization),
                EntityKind::Leader => return Some(SpeakerKind::Official),
                _ => {}
            }
        }
    }
    // head noun lower-case but unknown, or proper name shapes
    let caps = core_nodet.iter().all(|w| w.capitalised());
    let reported = matches!(
        verb,
        "reported" | "reports" | "report" | "wrote" | "writes" | "published"
    );
    if caps {
        if core_nodet.iter().any(|w| {
            matches!(
                &*w.base(),
                "shinmun"
                    | "sinmun"
                    | "ilbo"
                    | "times"
                    | "post"
                    | "news"
                    | "daily"
                    | "herald"
                    | "journal"
                    | "tribune"
                    | "gazette"
                    | "press"
                    | "radio"
                    | "tv"
                    | "shimbun"
                    | "sinbo"
                    | "shinbo"
                    | "television"
                    | "broadcasting"
                    | "telegraph"
                    | "observer"
                    | "monitor"
                    | "review"
                    | "weekly"
                    | "chronicle"
                    | "express"
                    | "pravda"
            )
        }) {
            return Some(SpeakerKind::Outlet);
        }
        if core_nodet
            .iter()
            .any(|w| ORG_WORDS.contains(&w.t.trim_end_matches('.')))
        {
            return Some(SpeakerKind::Organization);
        }
        if reported {
            return Some(SpeakerKind::Outlet);
        }
        let has_the = skip_det == 1;
        if core_nodet.len() == 1 {
            let w = core_nodet[0].t;
            if SURNAMES.contains(&w) {
                return Some(SpeakerKind::Person);
            }
            if w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&') {
                return Some(SpeakerKind::Organization);
            }
            return Some(if has_the {
                SpeakerKind::Organization
            } else {
                SpeakerKind::Person
            });
        }
        if has_the {
            return Some(SpeakerKind::Organization);
        }
        if core_nodet.len() <= 4 {
            return Some(SpeakerKind::Person);
        }
        return Some(SpeakerKind::Organization);
    }
    None
}

fn entity_kind(k: EntityKind) -> SpeakerKind {
    match k {
        EntityKind::Outlet => SpeakerKind::Outlet,
        EntityKind::Leader => SpeakerKind::Official,
        _ => SpeakerKind::Organization,
    }
}

/// Text from token `f` to token `l` (both in `np`), as written.
fn join(f: &Tok, l: &Tok, np: &[Tok]) -> String {
    // tokens carry body offsets; rebuild from the tokens themselves
    let mut out = String::new();
    let mut last_e = None;
    for t in np {
        if t.s < f.s || t.e > l.e {
            continue;
        }
        if let Some(e) = last_e {
            if t.s > e {
                out.push(' ');
            }
        }
        out.push_str(t.t);
        last_e = Some(t.e);
    }
    out
}

/// "Customs spokesman Liang Wenjie", "Minister Kim Yeon-chul": the trailing name after a
/// role word; returns the index (into `np`) where the name starts and the role's kind.
pub fn role_name(np: &[Tok]) -> Option<(usize, SpeakerKind)> {
    let n = np.len();
    if n < 2 {
        return None;
    }
    // trailing capitalised words
    let mut k = n;
    while k > 0 && np[k - 1].word && np[k - 1].capitalised() {
        k -= 1;
    }
    if k == n || k == 0 {
        // all capitalised: look for a capitalised title role inside ("Minister Kim")
        for i in 0..n.saturating_sub(1) {
            if let Some((_, kind)) = TITLE_ROLES.iter().find(|(r, _)| *r == np[i].t) {
                if i + 1 < n && np[i + 1..].iter().all(|t| t.word && t.capitalised()) {
                    return Some((i + 1, *kind));
                }
            }
        }
        return None;
    }
    let role = &np[k - 1];
    if !role.word {
        return None;
    }
    let kind = match head_kind(&role.base())? {
        SpeakerKind::Official => SpeakerKind::Official,
        SpeakerKind::Person => SpeakerKind::Person,
        SpeakerKind::AnonymousSource => SpeakerKind::Person,
        _ => return None,
    };
    // the name must not be a gazetteer place/organisation ("a source in Pyongyang")
    if n - k > 4 {
        return None;
    }
    Some((k, kind))
}

//! Word lists: number words, scale words, currencies, units, counted nouns, cue words.
//!
//! Every function takes an ASCII-lowercased word (bytes) unless it says otherwise, so
//! callers compare slices of the lowercased text without allocating.

/// A currency as first read; `Won` is settled later from the context (KPW or KRW).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cur {
    /// An ISO 4217 code.
    Iso(&'static str),
    /// "won" / "₩" with no qualifier: North or South Korean, decided from context.
    Won,
}

/// Value of a cardinal number word below a hundred; `true` when it is a tens word.
pub(crate) fn small_number(w: &[u8]) -> Option<(f64, bool)> {
    Some(match w {
        b"zero" => (0.0, false),
        b"one" => (1.0, false),
        b"two" => (2.0, false),
        b"three" => (3.0, false),
        b"four" => (4.0, false),
        b"five" => (5.0, false),
        b"six" => (6.0, false),
        b"seven" => (7.0, false),
        b"eight" => (8.0, false),
        b"nine" => (9.0, false),
        b"ten" => (10.0, false),
        b"eleven" => (11.0, false),
        b"twelve" => (12.0, false),
        b"thirteen" => (13.0, false),
        b"fourteen" => (14.0, false),
        b"fifteen" => (15.0, false),
        b"sixteen" => (16.0, false),
        b"seventeen" => (17.0, false),
        b"eighteen" => (18.0, false),
        b"nineteen" => (19.0, false),
        b"twenty" => (20.0, true),
        b"thirty" => (30.0, true),
        b"forty" => (40.0, true),
        b"fifty" => (50.0, true),
        b"sixty" => (60.0, true),
        b"seventy" => (70.0, true),
        b"eighty" => (80.0, true),
        b"ninety" => (90.0, true),
        _ => return None,
    })
}

/// Bit `len` of entry `first & 31`: a word of `len` letters starting with `first` may be
/// a [`small_number`] or "a" (no false negatives: keep the list in step with
/// [`small_number`]; a test checks every word).
const NUMBER_START: [u16; 32] = {
    let words = NUMBER_WORDS;
    let mut f = [0u16; 32];
    let mut i = 0;
    while i < words.len() {
        f[(words[i][0] & 31) as usize] |= 1 << words[i].len();
        i += 1;
    }
    f
};

/// Entry `[first & 31][len]`, bit `second & 31`: the second letters of the words of
/// [`NUMBER_WORDS`] with that first letter and length (all bits for one-letter words).
const NUMBER_SECOND: [[u32; 16]; 32] = {
    let words = NUMBER_WORDS;
    let mut f = [[0u32; 16]; 32];
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        f[(w[0] & 31) as usize][w.len()] |= if w.len() > 1 { 1 << (w[1] & 31) } else { !0 };
        i += 1;
    }
    f
};

/// True when a word of `len` ASCII letters whose lowercased first two letters are
/// `first` and `second` (`second` unused for one letter) may be a [`small_number`] or "a".
#[inline]
pub(crate) fn may_be_number_word(first: u8, second: u8, len: usize) -> bool {
    (len < 16) & (NUMBER_SECOND[(first & 31) as usize][len & 15] & (1 << (second & 31)) != 0)
}

/// True when some word of [`NUMBER_WORDS`] starts with the lowercased ASCII letter `first`.
#[inline]
pub(crate) fn may_start_number_word(first: u8) -> bool {
    NUMBER_START[(first & 31) as usize] != 0
}

/// The words of [`small_number`] and "a" (keep in step with [`small_number`]; a test
/// checks every word).
const NUMBER_WORDS: [&[u8]; 29] = {
    let words: [&[u8]; 29] = [
        b"a",
        b"zero",
        b"one",
        b"two",
        b"three",
        b"four",
        b"five",
        b"six",
        b"seven",
        b"eight",
        b"nine",
        b"ten",
        b"eleven",
        b"twelve",
        b"thirteen",
        b"fourteen",
        b"fifteen",
        b"sixteen",
        b"seventeen",
        b"eighteen",
        b"nineteen",
        b"twenty",
        b"thirty",
        b"forty",
        b"fifty",
        b"sixty",
        b"seventy",
        b"eighty",
        b"ninety",
    ];
    words
};

/// True when a word of `len` ASCII letters whose lowercased first letter is `first` may be
/// a written number word ([`small_number`]) or "a"; false means it is neither.
#[inline]
pub(crate) fn may_start_number(first: u8, len: usize) -> bool {
    len < 16 && NUMBER_START[(first & 31) as usize] & (1 << len) != 0
}

/// Scale words written out after a number ("1.5 million", "two dozen").
pub(crate) fn scale_word(w: &[u8]) -> Option<f64> {
    Some(match w {
        b"hundred" => 1e2,
        b"thousand" => 1e3,
        b"million" | b"mn" | b"mln" => 1e6,
        b"billion" | b"bn" | b"bln" => 1e9,
        b"trillion" | b"tn" | b"trn" => 1e12,
        b"dozen" => 12.0,
        _ => return None,
    })
}

/// Scale suffixes glued to digits ("$14.2m", "1.5bn", "$5k").
pub(crate) fn scale_suffix(w: &[u8]) -> Option<f64> {
    Some(match w {
        b"k" => 1e3,
        b"m" | b"mn" | b"mln" => 1e6,
        b"b" | b"bn" | b"bln" => 1e9,
        b"tn" | b"trn" => 1e12,
        _ => return None,
    })
}

/// Currency written as a word after the number ("won", "yuan", "dollars", "złoty").
pub(crate) fn currency_word(w: &[u8]) -> Option<Cur> {
    Some(match w {
        b"dollar" | b"dollars" | b"usd" => Cur::Iso("USD"),
        b"yuan" | b"renminbi" | b"rmb" | b"cny" => Cur::Iso("CNY"),
        b"won" => Cur::Won,
        b"krw" => Cur::Iso("KRW"),
        b"kpw" => Cur::Iso("KPW"),
        b"euro" | b"euros" | b"eur" => Cur::Iso("EUR"),
        b"yen" | b"jpy" => Cur::Iso("JPY"),
        b"ruble" | b"rubles" | b"rouble" | b"roubles" | b"rub" => Cur::Iso("RUB"),
        b"zloty" | b"zlotys" | b"z\xc5\x82oty" | b"z\xc5\x82otys" | b"z\xc5\x82otych" | b"pln" => {
            Cur::Iso("PLN")
        }
        b"rupee" | b"rupees" | b"inr" => Cur::Iso("INR"),
        b"baht" | b"thb" => Cur::Iso("THB"),
        b"gbp" => Cur::Iso("GBP"),
        b"chf" | b"franc" | b"francs" => Cur::Iso("CHF"),
        b"hkd" => Cur::Iso("HKD"),
        _ => return None,
    })
}

/// Upper-case currency codes written before a number ("RMB 100", "KPW 5,000"). Case-sensitive.
pub(crate) fn currency_code(w: &[u8]) -> Option<Cur> {
    Some(match w {
        b"USD" => Cur::Iso("USD"),
        b"RMB" | b"CNY" => Cur::Iso("CNY"),
        b"KRW" => Cur::Iso("KRW"),
        b"KPW" => Cur::Iso("KPW"),
        b"EUR" => Cur::Iso("EUR"),
        b"JPY" => Cur::Iso("JPY"),
        b"RUB" => Cur::Iso("RUB"),
        b"GBP" => Cur::Iso("GBP"),
        b"PLN" => Cur::Iso("PLN"),
        b"CHF" => Cur::Iso("CHF"),
        b"HKD" => Cur::Iso("HKD"),
        b"INR" => Cur::Iso("INR"),
        _ => return None,
    })
}

/// Letters written before `$` ("US$", "HK$", "NT$"); matched on the lowercased text, dots removed.
pub(crate) fn dollar_prefix(w: &[u8]) -> Option<&'static str> {
    Some(match w {
        b"" | b"us" => "USD",
        b"hk" => "HKD",
        b"nt" => "TWD",
        b"a" | b"au" => "AUD",
        b"c" | b"ca" => "CAD",
        b"s" => "SGD",
        b"r" => "BRL",
        _ => return None,
    })
}

/// Duration units, singular form.
pub(crate) fn duration_unit(w: &[u8]) -> Option<&'static str> {
    Some(match w {
        b"year" | b"years" | b"yr" | b"yrs" => "year",
        b"month" | b"months" => "month",
        b"week" | b"weeks" => "week",
        b"day" | b"days" => "day",
        b"night" | b"nights" => "night",
        b"hour" | b"hours" | b"hr" | b"hrs" => "hour",
        b"minute" | b"minutes" => "minute",
        b"second" | b"seconds" => "second",
        b"decade" | b"decades" => "decade",
        b"century" | b"centuries" => "century",
        _ => return None,
    })
}

/// Physical units, canonical form. `w` lowercased; `orig` as written (for `MW` vs `mW`-style cases).
pub(crate) fn quantity_unit(w: &[u8]) -> Option<&'static str> {
    Some(match w {
        b"ton" | b"tons" | b"tonne" | b"tonnes" | b"mt" => "ton",
        b"kg" | b"kgs" | b"kilogram" | b"kilograms" | b"kilogramme" | b"kilogrammes" | b"kilo"
        | b"kilos" => "kg",
        b"gram" | b"grams" | b"g" => "g",
        b"lb" | b"lbs" => "lb",
        b"km" | b"kilometer" | b"kilometers" | b"kilometre" | b"kilometres" => "km",
        b"meter" | b"meters" | b"metre" | b"metres" => "m",
        b"mile" | b"miles" => "mile",
        b"km2" | b"km\xc2\xb2" => "km2",
        b"hectare" | b"hectares" | b"ha" => "hectare",
        b"acre" | b"acres" => "acre",
        b"kwh" | b"kilowatt-hour" | b"kilowatt-hours" => "kWh",
        b"mwh" | b"megawatt-hour" | b"megawatt-hours" => "MWh",
        b"gwh" | b"gigawatt-hour" | b"gigawatt-hours" => "GWh",
        b"twh" | b"terawatt-hour" | b"terawatt-hours" => "TWh",
        b"kw" | b"kilowatt" | b"kilowatts" => "kW",
        b"mw" | b"megawatt" | b"megawatts" => "MW",
        b"gw" | b"gigawatt" | b"gigawatts" => "GW",
        b"barrel" | b"barrels" | b"bbl" => "barrel",
        b"liter" | b"liters" | b"litre" | b"litres" => "liter",
        b"teu" | b"teus" => "TEU",
        b"kcal" | b"calorie" | b"calories" => "kcal",
        _ => return None,
    })
}

/// Units glued to digits ("5kg", "100MW").
pub(crate) fn quantity_suffix(w: &[u8]) -> Option<&'static str> {
    match w {
        b"kg" | b"kgs" | b"km" | b"kwh" | b"mw" | b"gw" | b"kw" | b"mwh" | b"gwh" | b"twh"
        | b"ha" | b"bbl" | b"km2" => quantity_unit(w),
        b"t" => Some("ton"),
        _ => None,
    }
}

/// Nouns for people: all counted as `person`.
pub(crate) fn is_person_noun(w: &[u8]) -> bool {
    matches!(
        w,
        b"people"
            | b"person"
            | b"persons"
            | b"personnel"
            | b"worker"
            | b"workers"
            | b"laborer"
            | b"laborers"
            | b"labourer"
            | b"labourers"
            | b"resident"
            | b"residents"
            | b"defector"
            | b"defectors"
            | b"koreans"
            | b"russians"
            | b"americans"
            | b"foreigners"
            | b"nationals"
            | b"tourist"
            | b"tourists"
            | b"women"
            | b"men"
            | b"woman"
            | b"man"
            | b"children"
            | b"child"
            | b"students"
            | b"soldiers"
            | b"troops"
            | b"officials"
            | b"farmers"
            | b"employees"
            | b"individuals"
            | b"citizens"
            | b"refugees"
            | b"prisoners"
            | b"inmates"
            | b"vendors"
            | b"traders"
            | b"merchants"
            | b"managers"
            | b"cadres"
            | b"members"
            | b"volunteers"
            | b"victims"
            | b"visitors"
            | b"passengers"
            | b"civilians"
            | b"teachers"
            | b"doctors"
            | b"engineers"
            | b"miners"
            | b"fishermen"
            | b"sailors"
            | b"seafarers"
            | b"delegates"
            | b"athletes"
            | b"performers"
            | b"experts"
            | b"officers"
            | b"researchers"
            | b"scientists"
            | b"specialists"
            | b"technicians"
            | b"patients"
            | b"youths"
            | b"adults"
            | b"kids"
            | b"girls"
            | b"boys"
            | b"migrants"
            | b"escapees"
            | b"returnees"
            | b"detainees"
            | b"guards"
            | b"agents"
            | b"diplomats"
            | b"brokers"
            | b"smugglers"
            | b"drivers"
            | b"participants"
            | b"attendees"
            | b"applicants"
            | b"recruits"
            | b"hackers"
            | b"laborers'"
            | b"contractors"
            | b"builders"
            | b"craftsmen"
            | b"doctors'"
            | b"nurses"
            | b"pupils"
            | b"households'"
            | b"staff"
            | b"crew"
            | b"crews"
            | b"crewmen"
            | b"seamen"
            | b"police"
            | b"journalists"
            | b"reporters"
            | b"lawmakers"
            | b"legislators"
            | b"orphans"
            | b"elders"
            | b"pensioners"
            | b"retirees"
            | b"cooks"
            | b"waitresses"
            | b"waiters"
            | b"dancers"
            | b"singers"
            | b"artists"
            | b"musicians"
            | b"coaches"
            | b"players"
            | b"scholars"
            | b"academics"
            | b"professors"
            | b"economists"
            | b"analysts"
            | b"bankers"
            | b"businessmen"
            | b"businesspeople"
            | b"entrepreneurs"
            | b"investors"
            | b"shopkeepers"
            | b"sellers"
            | b"buyers"
            | b"customers"
            | b"consumers"
            | b"spectators"
            | b"fans"
            | b"pilgrims"
            | b"settlers"
            | b"evacuees"
            | b"deserters"
            | b"abductees"
            | b"captives"
            | b"hostages"
            | b"suspects"
            | b"criminals"
            | b"convicts"
            | b"offenders"
            | b"repatriates"
            | b"deportees"
            | b"trainees"
            | b"interns"
            | b"apprentices"
            | b"graduates"
            | b"medics"
            | b"infants"
            | b"babies"
            | b"mothers"
            | b"fathers"
            | b"parents"
            | b"wives"
            | b"husbands"
            | b"villagers"
            | b"locals"
            | b"travelers"
            | b"travellers"
            | b"guests"
            | b"dockworkers"
            | b"ambassadors"
            | b"envoys"
            | b"leaders"
            | b"generals"
            | b"ministers"
            | b"spies"
            | b"cheerleaders"
            | b"respondents"
            | b"defectors'"
            | b"inhabitants"
            | b"peasants"
            | b"slaves"
            | b"conscripts"
            | b"workers'"
            | b"homeless"
            | b"jobless"
            | b"unemployed"
            | b"teenagers"
            | b"adolescents"
            | b"students'"
            | b"staffers"
            | b"employees'"
            | b"cadets"
            | b"guides"
            | b"interpreters"
            | b"translators"
            | b"midwives"
            | b"surgeons"
            | b"dentists"
            | b"pharmacists"
    )
}

/// Nationality or people words that are plural nouns by themselves ("800 Chinese").
pub(crate) fn is_demonym_plural(w: &[u8]) -> bool {
    matches!(
        w,
        b"koreans" | b"russians" | b"americans" | b"chinese" | b"japanese" | b"vietnamese"
    )
}

/// Irregular or invariant plurals accepted as the head of a counted noun phrase.
pub(crate) fn is_irregular_plural(w: &[u8]) -> bool {
    matches!(
        w,
        b"people"
            | b"men"
            | b"women"
            | b"children"
            | b"personnel"
            | b"staff"
            | b"aircraft"
            | b"cattle"
            | b"police"
            | b"livestock"
            | b"sheep"
            | b"fish"
            | b"deer"
            | b"fishermen"
            | b"craftsmen"
            | b"chinese"
            | b"japanese"
            | b"vietnamese"
            | b"swine"
            | b"poultry"
    )
}

/// Nouns after a number that make it something other than a figure.
pub(crate) fn is_non_figure_noun(w: &[u8]) -> bool {
    matches!(
        w,
        b"times"
            | b"zeros"
            | b"zeroes"
            | b"quarters"
            | b"thirds"
            | b"fifths"
            | b"halves"
            | b"tenths"
            | b"fold"
            | b"comments"
            | b"comment"
            | b"responses"
            | b"response"
            | b"replies"
            | b"reply"
            | b"views"
            | b"likes"
            | b"shares"
            | b"o'clock"
            | b"am"
            | b"pm"
            | b"gmt"
            | b"utc"
            | b"kst"
            | b"bc"
            | b"ad"
            | b"percentile"
            | b"th"
            | b"st"
            | b"nd"
            | b"rd"
    )
}

/// Nouns after a hyphenated duration that make it a period label, not a length ("four-month numbers").
pub(crate) fn is_data_noun(w: &[u8]) -> bool {
    matches!(
        w,
        b"numbers"
            | b"number"
            | b"figures"
            | b"figure"
            | b"data"
            | b"statistics"
            | b"stats"
            | b"total"
            | b"totals"
            | b"period"
            | b"periods"
            | b"high"
            | b"low"
            | b"average"
            | b"averages"
            | b"record"
            | b"tally"
            | b"mark"
            | b"trend"
            | b"comparison"
            | b"window"
    )
}

/// Month names and abbreviations (lowercase).
pub(crate) fn is_month(w: &[u8]) -> bool {
    matches!(
        w,
        b"january"
            | b"february"
            | b"march"
            | b"april"
            | b"may"
            | b"june"
            | b"july"
            | b"august"
            | b"september"
            | b"october"
            | b"november"
            | b"december"
            | b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sep"
            | b"sept"
            | b"oct"
            | b"nov"
            | b"dec"
    )
}

/// Ordinal words: a number right after one names a period ("the first four months").
pub(crate) fn is_ordinal_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"first"
            | b"second"
            | b"third"
            | b"fourth"
            | b"fifth"
            | b"sixth"
            | b"seventh"
            | b"eighth"
            | b"ninth"
            | b"tenth"
            | b"eleventh"
            | b"twelfth"
            | b"final"
            | b"initial"
            | b"opening"
            | b"top"
    )
}

/// Words before a number that make it part of a name or code ("Resolution 2397", "Pier 1").
pub(crate) fn is_name_prefix(w: &[u8]) -> bool {
    matches!(
        w,
        b"resolution"
            | b"resolutions"
            | b"pier"
            | b"route"
            | b"article"
            | b"articles"
            | b"no"
            | b"nos"
            | b"number"
            | b"room"
            | b"unit"
            | b"bureau"
            | b"office"
            | b"camp"
            | b"line"
            | b"chapter"
            | b"section"
            | b"page"
            | b"pages"
            | b"p"
            | b"pp"
            | b"vol"
            | b"volume"
            | b"item"
            | b"phase"
            | b"gate"
            | b"level"
            | b"grade"
            | b"type"
            | b"model"
            | b"version"
            | b"season"
            | b"episode"
            | b"paragraph"
            | b"clause"
            | b"exit"
            | b"platform"
            | b"block"
            | b"lot"
            | b"tier"
            | b"category"
            | b"class"
            | b"flight"
            | b"highway"
            | b"channel"
            | b"table"
            | b"figure"
            | b"fig"
            | b"step"
            | b"part"
            | b"dock"
            | b"berth"
            | b"terminal"
            | b"wharf"
            | b"building"
            | b"apartment"
            | b"kwanliso"
            | b"factory"
            | b"mine"
            | b"plant"
            | b"station"
    )
}

/// Capitalised words that may stand right before a figure without making it a name.
pub(crate) fn is_function_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"the"
            | b"a"
            | b"an"
            | b"about"
            | b"around"
            | b"some"
            | b"roughly"
            | b"nearly"
            | b"almost"
            | b"approximately"
            | b"over"
            | b"under"
            | b"more"
            | b"less"
            | b"fewer"
            | b"only"
            | b"just"
            | b"up"
            | b"at"
            | b"in"
            | b"on"
            | b"of"
            | b"for"
            | b"by"
            | b"with"
            | b"from"
            | b"to"
            | b"and"
            | b"but"
            | b"or"
            | b"since"
            | b"between"
            | b"those"
            | b"these"
            | b"all"
            | b"another"
            | b"its"
            | b"their"
            | b"his"
            | b"her"
            | b"our"
            | b"my"
            | b"your"
            | b"perhaps"
            | b"maybe"
            | b"estimated"
            | b"exactly"
            | b"precisely"
            | b"each"
            | b"every"
            | b"still"
            | b"yet"
            | b"so"
            | b"while"
            | b"when"
            | b"after"
            | b"before"
            | b"during"
            | b"until"
            | b"than"
            | b"also"
            | b"even"
            | b"then"
            | b"now"
            | b"well"
            | b"slightly"
            | b"close"
            | b"upwards"
            | b"as"
            | b"no"
            | b"not"
            | b"average"
            | b"total"
            | b"overall"
            | b"there"
            | b"here"
            | b"where"
            | b"if"
            | b"although"
            | b"though"
            | b"because"
            | b"whereas"
            | b"including"
            | b"excluding"
            | b"plus"
            | b"minus"
            | b"both"
            | b"that"
            | b"this"
            | b"which"
            | b"what"
            | b"however"
            | b"meanwhile"
            | b"today"
            | b"yesterday"
            | b"last"
            | b"next"
            | b"past"
            | b"within"
            | b"among"
            | b"against"
            | b"per"
            | b"via"
            | b"reportedly"
            | b"officially"
            | b"currently"
            | b"circa"
            | b"approx"
            | b"est"
    )
}

/// Words that end a counted noun phrase before its head ("about 2,000 of them").
pub(crate) fn is_stop_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"of"
            | b"in"
            | b"on"
            | b"at"
            | b"to"
            | b"for"
            | b"from"
            | b"by"
            | b"with"
            | b"and"
            | b"or"
            | b"but"
            | b"nor"
            | b"a"
            | b"an"
            | b"the"
            | b"that"
            | b"which"
            | b"who"
            | b"whom"
            | b"whose"
            | b"this"
            | b"these"
            | b"those"
            | b"is"
            | b"are"
            | b"was"
            | b"were"
            | b"be"
            | b"been"
            | b"being"
            | b"has"
            | b"have"
            | b"had"
            | b"will"
            | b"would"
            | b"can"
            | b"could"
            | b"may"
            | b"might"
            | b"must"
            | b"shall"
            | b"should"
            | b"do"
            | b"does"
            | b"did"
            | b"per"
            | b"each"
            | b"every"
            | b"as"
            | b"than"
            | b"then"
            | b"so"
            | b"if"
            | b"when"
            | b"while"
            | b"where"
            | b"it"
            | b"its"
            | b"they"
            | b"them"
            | b"their"
            | b"he"
            | b"she"
            | b"his"
            | b"her"
            | b"we"
            | b"our"
            | b"you"
            | b"your"
            | b"i"
            | b"not"
            | b"no"
            | b"more"
            | b"less"
            | b"most"
            | b"least"
            | b"also"
            | b"only"
            | b"just"
            | b"still"
            | b"yet"
            | b"since"
            | b"until"
            | b"after"
            | b"before"
            | b"during"
            | b"over"
            | b"under"
            | b"above"
            | b"below"
            | b"about"
            | b"around"
            | b"into"
            | b"onto"
            | b"out"
            | b"up"
            | b"down"
            | b"off"
            | b"through"
            | b"between"
            | b"among"
            | b"against"
            | b"within"
            | b"without"
            | b"across"
            | b"last"
            | b"next"
            | b"ago"
            | b"later"
            | b"earlier"
            | b"apiece"
            | b"respectively"
            | b"etc"
            | b"all"
            | b"both"
            | b"some"
            | b"any"
            | b"many"
            | b"much"
            | b"few"
            | b"such"
            | b"own"
            | b"same"
            | b"other"
            | b"another"
            | b"there"
            | b"here"
            | b"now"
            | b"too"
            | b"very"
            | b"said"
            | b"says"
            | b"say"
            | b"told"
            | b"reported"
            | b"according"
            | b"compared"
            | b"worth"
            | b"total"
            | b"overall"
            | b"including"
            | b"excluding"
            | b"even"
            | b"almost"
            | b"nearly"
            | b"roughly"
            | b"again"
            | b"already"
            | b"ever"
            | b"never"
            | b"often"
            | b"what"
            | b"how"
            | b"why"
            | b"like"
            | b"unlike"
            | b"whereas"
            | b"though"
            | b"although"
            | b"because"
            | b"via"
            | b"plus"
            | b"minus"
            | b"times"
            | b"percent"
            | b"pct"
            | b"away"
            | b"old"
    )
}

/// Adjectives that do not belong in a counted unit ("12 major sectors" → sector).
pub(crate) fn is_adjective(w: &[u8]) -> bool {
    if matches!(
        w,
        b"new"
            | b"small"
            | b"large"
            | b"big"
            | b"major"
            | b"minor"
            | b"additional"
            | b"foreign"
            | b"local"
            | b"private"
            | b"public"
            | b"old"
            | b"young"
            | b"full"
            | b"key"
            | b"main"
            | b"known"
            | b"separate"
            | b"different"
            | b"various"
            | b"extra"
            | b"more"
            | b"fewer"
            | b"big-name"
            | b"senior"
            | b"junior"
            | b"female"
            | b"male"
            | b"former"
            | b"current"
            | b"overseas"
            | b"domestic"
            | b"rural"
            | b"urban"
            | b"poor"
            | b"rich"
            | b"skilled"
            | b"unskilled"
            | b"elderly"
            | b"top"
            | b"best"
            | b"few"
            | b"empty"
            | b"idle"
            | b"modern"
            | b"huge"
            | b"tiny"
            | b"giant"
            | b"active"
            | b"official"
            | b"illegal"
            | b"legal"
            | b"total"
            | b"whole"
            | b"entire"
            | b"single"
            | b"double"
            | b"average"
            | b"typical"
            | b"regular"
            | b"standard"
            | b"so-called"
            | b"north"
            | b"south"
            | b"east"
            | b"west"
            | b"korean"
            | b"chinese"
            | b"russian"
            | b"japanese"
    ) {
        return true;
    }
    if w.contains(&b'-') {
        return true;
    }
    let ends = |s: &[u8]| w.len() > s.len() + 2 && w.ends_with(s);
    ends(b"al")
        || ends(b"ic")
        || ends(b"ous")
        || ends(b"ive")
        || ends(b"ful")
        || ends(b"less")
        || ends(b"able")
        || ends(b"ible")
        || ends(b"ese")
        || ends(b"ian")
        || ends(b"ish")
        || ends(b"ed")
        || ends(b"ly")
        || ends(b"ing")
        || ends(b"est")
        || ends(b"ern")
}

/// Verbs of change: "rose from X to Y" is two figures, not a range.
pub(crate) fn is_change_verb(w: &[u8]) -> bool {
    matches!(
        w,
        b"rose"
            | b"rise"
            | b"rises"
            | b"risen"
            | b"rising"
            | b"fell"
            | b"fall"
            | b"falls"
            | b"fallen"
            | b"falling"
            | b"increased"
            | b"increase"
            | b"increases"
            | b"increasing"
            | b"decreased"
            | b"decrease"
            | b"decreases"
            | b"grew"
            | b"grow"
            | b"grown"
            | b"growing"
            | b"dropped"
            | b"drop"
            | b"drops"
            | b"climbed"
            | b"climb"
            | b"jumped"
            | b"jump"
            | b"declined"
            | b"decline"
            | b"surged"
            | b"plunged"
            | b"plummeted"
            | b"slipped"
            | b"went"
            | b"gone"
            | b"raised"
            | b"raise"
            | b"cut"
            | b"cuts"
            | b"reduced"
            | b"reduce"
            | b"lowered"
            | b"expanded"
            | b"shrank"
            | b"shrunk"
            | b"doubled"
            | b"tripled"
            | b"changed"
            | b"moved"
            | b"soared"
            | b"tumbled"
            | b"slid"
            | b"sank"
            | b"dipped"
            | b"edged"
            | b"swelled"
            | b"hiked"
            | b"revised"
            | b"adjusted"
            | b"upgraded"
            | b"downgraded"
            | b"recovered"
            | b"rebounded"
            | b"contracted"
    )
}

/// Verbs after which a number is a lower bound that was passed ("exceeded 49,000").
pub(crate) fn is_exceed_verb(w: &[u8]) -> bool {
    matches!(
        w,
        b"exceeded"
            | b"exceeds"
            | b"exceed"
            | b"topped"
            | b"tops"
            | b"surpassed"
            | b"surpasses"
            | b"surpass"
            | b"passed"
            | b"crossed"
    )
}

/// Strips an English plural ending: "companies" → "company", "boxes" → "box", "tons" → "ton".
pub(crate) fn singular(w: &str) -> String {
    let lw = w;
    match lw {
        "people" | "persons" | "personnel" => return "person".into(),
        "men" => return "man".into(),
        "women" => return "woman".into(),
        "children" => return "child".into(),
        "series" | "species" | "news" | "aircraft" | "staff" | "cattle" | "police"
        | "livestock" | "sheep" | "fish" | "deer" | "swine" | "poultry" | "chinese"
        | "japanese" => return lw.into(),
        _ => {}
    }
    if let Some(stem) = lw.strip_suffix("ies") {
        if stem.len() >= 2 {
            return format!("{stem}y");
        }
    }
    for suf in ["ches", "shes", "xes", "sses", "zzes"] {
        if lw.ends_with(suf) {
            return lw[..lw.len() - 2].into();
        }
    }
    if lw.ends_with('s') && !lw.ends_with("ss") && !lw.ends_with("us") && !lw.ends_with("is") {
        return lw[..lw.len() - 1].into();
    }
    lw.into()
}

/// True when `w` looks like a plural noun: the head of a counted noun phrase.
pub(crate) fn looks_plural(w: &[u8]) -> bool {
    if is_irregular_plural(w) {
        return true;
    }
    w.len() >= 3
        && w.ends_with(b"s")
        && !w.ends_with(b"ss")
        && !w.ends_with(b"us")
        && !w.ends_with(b"is")
        && !w.ends_with(b"'s")
        && !is_stop_word(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        assert_eq!(singular("companies"), "company");
        assert_eq!(singular("boxes"), "box");
        assert_eq!(singular("houses"), "house");
        assert_eq!(singular("tons"), "ton");
        assert_eq!(singular("people"), "person");
        assert_eq!(singular("aircraft"), "aircraft");
        assert_eq!(singular("deliveries"), "delivery");
    }

    #[test]
    fn number_start_filter() {
        // all of small_number's words
        for w in [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "sixty",
            "seventy",
            "eighty",
            "ninety",
            "a",
        ] {
            assert!(small_number(w.as_bytes()).is_some() || w == "a");
            assert!(may_start_number(w.as_bytes()[0], w.len()), "{w}");
            assert!(may_start_number_word(w.as_bytes()[0]), "{w}");
            assert!(may_start_number_word(
                w.as_bytes()[0].to_ascii_uppercase() | 0x20
            ));
            let second = w.as_bytes().get(1).copied().unwrap_or(b' ');
            assert!(may_be_number_word(w.as_bytes()[0], second, w.len()), "{w}");
            assert!(NUMBER_WORDS.contains(&w.as_bytes()));
        }
        assert_eq!(NUMBER_WORDS.len(), 29);
        // no number word starts with these letters
        for c in b"bcdghijklmpqruvwxy" {
            assert!(!may_start_number_word(*c), "{}", *c as char);
        }
        for w in NUMBER_WORDS {
            assert!(small_number(w).is_some() || w == b"a");
        }
    }

    #[test]
    fn plurals() {
        assert!(looks_plural(b"workers"));
        assert!(looks_plural(b"people"));
        assert!(!looks_plural(b"was"));
        assert!(!looks_plural(b"this"));
        assert!(!looks_plural(b"status"));
    }
}

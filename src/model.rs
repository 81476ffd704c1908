//! Plain structs shared by every stage. Nothing here knows about Arrow or Python.
//!
//! Offsets inside Rust are **byte** offsets into `Post::body` (always on `char`
//! boundaries); `table.rs` converts them to Unicode code points at the Arrow boundary.

use serde::{Deserialize, Serialize};

/// A calendar date (proleptic Gregorian), as stored in Arrow `date32`.
pub type Date = chrono::NaiveDate;

/// One page or record as read from an input: a row of the `documents` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// File path, plus `#n` for the n-th record (1-based) of a multi-record file.
    pub source: String,
    /// The page's URL where the input says it.
    pub url: Option<String>,
    /// Input format the text came from (`text`, `jsonl`, ...).
    pub format: String,
    /// The page text, line endings normalised to `\n`.
    pub text: String,
}

/// Who speaks in a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Voice {
    /// The blogger's own words.
    Author,
    /// Text quoted from another outlet (after "According to Yonhap:", blockquotes).
    Quoted,
    /// A citation line or block ("(Source: ...)", "Read the full story here:").
    Citation,
}

impl Voice {
    /// The name used in the tables: `author`, `quoted`, `citation`.
    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Author => "author",
            Voice::Quoted => "quoted",
            Voice::Citation => "citation",
        }
    }
}

/// A paragraph of a post body: byte span `[start, end)` and its voice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Byte offset of the first character in `body`.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// Who speaks.
    pub voice: Voice,
}

/// A cited article ("(Source: Author, “Title,” Outlet, Date.)" or a "Read the full story here:" block).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// Author of the cited article.
    pub author: Option<String>,
    /// Title of the cited article.
    pub title: Option<String>,
    /// Outlet that published it (Daily NK, Yonhap, ...).
    pub outlet: Option<String>,
    /// Its publication date.
    pub published: Option<Date>,
}

/// One distinct post: a row of the `posts` table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Post {
    /// 16 lowercase hex digits; see [`crate::ids::post_id`].
    pub post_id: String,
    /// Title as written.
    pub title: String,
    /// Publication date: date line, else URL, else none.
    pub published: Option<Date>,
    /// Byline.
    pub author: Option<String>,
    /// The post's text, paragraphs separated by one blank line (`\n\n`).
    pub body: String,
    /// Paragraph spans in `body`, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Cited articles.
    pub sources: Vec<SourceRef>,
    /// Categories from category/tag archive headings where the post was seen.
    pub categories: Vec<String>,
    /// Every document source the post was found in.
    pub seen_in: Vec<String>,
    /// The post's own URL where known.
    pub url: Option<String>,
    /// Number of words in `body`.
    pub words: i32,
}

/// What kind of quantity a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FigureKind {
    /// An amount of money (`unit` is an ISO currency code).
    Money,
    /// A count of things (`unit` is the singular counted noun, or none).
    Count,
    /// A percentage.
    Percent,
    /// A physical quantity (ton, kg, km, hectare, kWh, MW, barrel).
    Quantity,
    /// A length of time (year, month, day, hour).
    Duration,
}

impl FigureKind {
    /// The name used in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Count => "count",
            FigureKind::Percent => "percent",
            FigureKind::Quantity => "quantity",
            FigureKind::Duration => "duration",
        }
    }
}

/// How exact a stated figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Approx {
    /// As written, no qualifier.
    Exact,
    /// about, around, some, roughly, nearly, almost, approximately, an estimated.
    Approx,
    /// over, more than, above, exceeding.
    Over,
    /// under, less than, below, slightly under.
    Under,
    /// at least.
    AtLeast,
    /// up to, as many as.
    AtMost,
}

impl Approx {
    /// The name used in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Approx::Exact => "exact",
            Approx::Approx => "approx",
            Approx::Over => "over",
            Approx::Under => "under",
            Approx::AtLeast => "at_least",
            Approx::AtMost => "at_most",
        }
    }
}

/// A number found in text, typed and normalised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Byte offset of the span start (includes approx cue, currency, number, scale word, unit noun).
    pub start: usize,
    /// Byte offset one past the span end.
    pub end: usize,
    /// money, count, percent, quantity, duration.
    pub kind: FigureKind,
    /// Point value; `None` for a range.
    pub value: Option<f64>,
    /// Lower bound (equals `value` for a point).
    pub low: f64,
    /// Upper bound (equals `value` for a point).
    pub high: f64,
    /// ISO currency, singular counted noun, `percent`, duration or quantity unit.
    pub unit: Option<String>,
    /// Qualifier.
    pub approx: Approx,
    /// The value in US dollars, only when the amount is in dollars.
    pub value_usd: Option<f64>,
}

/// A sentence of a body: byte span `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
}

/// A date expression resolved against the post's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// Byte offset of the expression in the body.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// First day the expression covers.
    pub first: Date,
    /// Last day it covers.
    pub last: Date,
}

/// A sentence that carries a figure, an attributed report or a hedge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Index of the sentence in the body (into the post's sentence list).
    pub sentence: usize,
    /// `author` or `quoted`, from the paragraph.
    pub voice: Voice,
    /// Who says it ("A source in North Korea", "Daily NK").
    pub speaker: Option<String>,
    /// anonymous_source, outlet, official, person, organization, author.
    pub speaker_kind: Option<String>,
    /// Reporting verb as written.
    pub verb: Option<String>,
    /// Outlet the report came through.
    pub outlet: Option<String>,
    /// Hedge cues as written.
    pub hedges: Vec<String>,
    /// asserted, reported, hedged, speculative.
    pub certainty: String,
    /// Canonical countries, places, organisations.
    pub entities: Vec<String>,
    /// Dates mentioned in the sentence.
    pub dates: Vec<DateMention>,
    /// Indices into the post's figure list.
    pub figures: Vec<usize>,
}

/// One stated (or derived) trade-flow observation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TradeRow {
    /// Index of the sentence that states it (for derived rows: of the total's sentence).
    pub sentence: usize,
    /// Index into the post's figure list; `None` for derived rows.
    pub figure: Option<usize>,
    /// `2022-09`, `2022-Q1`, `2017-H1`, `2014`, `2017-01..2017-06`.
    pub period: String,
    /// First day of the period.
    pub period_first: Date,
    /// Last day of the period.
    pub period_last: Date,
    /// `North Korea` whenever it is one side.
    pub country: String,
    /// China, South Korea, Russia, ... or World.
    pub partner: String,
    /// total, export, import (from `country`'s side).
    pub flow: String,
    /// coal, iron ore, textiles ... when the value is for one good.
    pub commodity: Option<String>,
    /// Value in US dollars.
    pub value_usd: f64,
    /// Qualifier of the stated figure.
    pub approx: Approx,
    /// Stated change in percent (negative for falls).
    pub change_pct: Option<f64>,
    /// `yoy`, `mom` or none.
    pub change_basis: Option<String>,
    /// Computed, not stated.
    pub derived: bool,
}

/// Everything the extraction stages find in one post; computed once, shared by the tables.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Sentences in body order.
    pub sentences: Vec<Sentence>,
    /// Figures in body order.
    pub figures: Vec<Figure>,
    /// Claims in sentence order.
    pub claims: Vec<Claim>,
    /// Trade rows.
    pub trade: Vec<TradeRow>,
}

/// A record that could not be used: a row of the `rejects` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reject {
    /// Document source (path, `#n`).
    pub source: String,
    /// Stage that rejected it (`read`, `parse_posts`, ...).
    pub stage: String,
    /// Short machine-readable reason (`not_found`, `invalid_utf8`, `no_post`, ...).
    pub reason: String,
    /// Human-readable detail.
    pub detail: Option<String>,
}

impl Reject {
    /// Builds a reject row.
    pub fn new(
        source: impl Into<String>,
        stage: &str,
        reason: &str,
        detail: Option<String>,
    ) -> Self {
        Reject {
            source: source.into(),
            stage: stage.to_string(),
            reason: reason.to_string(),
            detail,
        }
    }
}

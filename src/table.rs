//! Arrow schemas and builders for every table, defined once.
//!
//! Rust works in byte offsets; the tables hold Unicode code point offsets so that
//! Python's `body[start:end]` returns the span. [`CharMap`] converts both ways.
//! Readers accept `string`, `large_string` and `string_view` columns alike (Spark
//! hands over `string`, polars `string_view`).

use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Date32Builder, Float64Builder, Int32Builder, LargeStringBuilder,
    StringBuilder,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Int32Array, LargeStringArray, ListArray,
    RecordBatch, StringArray, StringViewArray, StructArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};

use crate::analyze::sentence_of;
use crate::error::{Error, Result};
use crate::ids;
use crate::model::*;

/// The names of the tables, in dataset order.
pub const TABLES: &[&str] = &[
    "documents",
    "posts",
    "figures",
    "claims",
    "trade",
    "rejects",
];

fn utf8(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

fn list_of(item: DataType) -> DataType {
    DataType::List(Arc::new(Field::new("item", item, true)))
}

fn paragraph_fields() -> Fields {
    Fields::from(vec![
        Field::new("start", DataType::Int32, false),
        Field::new("end", DataType::Int32, false),
        utf8("voice", false),
    ])
}

fn source_fields() -> Fields {
    Fields::from(vec![
        utf8("author", true),
        utf8("title", true),
        utf8("outlet", true),
        Field::new("published", DataType::Date32, true),
    ])
}

fn date_fields() -> Fields {
    Fields::from(vec![
        utf8("text", false),
        Field::new("start", DataType::Int32, false),
        Field::new("end", DataType::Int32, false),
        Field::new("first", DataType::Date32, false),
        Field::new("last", DataType::Date32, false),
    ])
}

/// The schema of a table by name (`documents`, `posts`, `figures`, `claims`, `trade`, `rejects`).
///
/// # Examples
/// ```
/// let s = nkecon::table::schema("trade").unwrap();
/// assert!(s.field_with_name("value_usd").is_ok());
/// ```
pub fn schema(name: &str) -> Result<SchemaRef> {
    let fields = match name {
        "documents" => vec![
            utf8("source", false),
            utf8("url", true),
            utf8("format", false),
            Field::new("text", DataType::LargeUtf8, false),
        ],
        "posts" => vec![
            utf8("post_id", false),
            utf8("title", false),
            Field::new("published", DataType::Date32, true),
            utf8("author", true),
            Field::new("body", DataType::LargeUtf8, false),
            Field::new(
                "paragraphs",
                list_of(DataType::Struct(paragraph_fields())),
                false,
            ),
            Field::new("sources", list_of(DataType::Struct(source_fields())), false),
            Field::new("categories", list_of(DataType::Utf8), false),
            Field::new("seen_in", list_of(DataType::Utf8), false),
            utf8("url", true),
            Field::new("words", DataType::Int32, false),
        ],
        "figures" => vec![
            utf8("figure_id", false),
            utf8("post_id", false),
            utf8("claim_id", false),
            Field::new("start", DataType::Int32, false),
            Field::new("end", DataType::Int32, false),
            utf8("text", false),
            utf8("kind", false),
            Field::new("value", DataType::Float64, true),
            Field::new("low", DataType::Float64, false),
            Field::new("high", DataType::Float64, false),
            utf8("unit", true),
            utf8("approx", false),
            Field::new("value_usd", DataType::Float64, true),
        ],
        "claims" => vec![
            utf8("claim_id", false),
            utf8("post_id", false),
            Field::new("sentence", DataType::Int32, false),
            Field::new("start", DataType::Int32, false),
            Field::new("end", DataType::Int32, false),
            utf8("text", false),
            utf8("voice", false),
            utf8("speaker", true),
            utf8("speaker_kind", true),
            utf8("verb", true),
            utf8("outlet", true),
            Field::new("hedges", list_of(DataType::Utf8), false),
            utf8("certainty", false),
            Field::new("entities", list_of(DataType::Utf8), false),
            Field::new("dates", list_of(DataType::Struct(date_fields())), false),
            Field::new("figure_ids", list_of(DataType::Utf8), false),
        ],
        "trade" => vec![
            utf8("trade_id", false),
            utf8("post_id", false),
            utf8("claim_id", false),
            utf8("figure_id", true),
            utf8("period", false),
            Field::new("period_first", DataType::Date32, false),
            Field::new("period_last", DataType::Date32, false),
            utf8("country", false),
            utf8("partner", false),
            utf8("flow", false),
            utf8("commodity", true),
            Field::new("value_usd", DataType::Float64, false),
            utf8("approx", false),
            Field::new("change_pct", DataType::Float64, true),
            utf8("change_basis", true),
            Field::new("derived", DataType::Boolean, false),
            Field::new("published", DataType::Date32, true),
        ],
        "rejects" => vec![
            utf8("source", false),
            utf8("stage", false),
            utf8("reason", false),
            utf8("detail", true),
        ],
        other => return Err(Error::invalid_option("table", TABLES, other)),
    };
    Ok(Arc::new(Schema::new(fields)))
}

fn schema_of(name: &str) -> SchemaRef {
    // Every name used inside this module is valid.
    schema(name).unwrap_or_else(|_| Arc::new(Schema::empty()))
}

/// Days since 1970-01-01, as Arrow `date32` stores them.
pub fn date_to_days(d: Date) -> i32 {
    d.num_days_from_ce() - 719_163
}

/// The date of an Arrow `date32` value.
pub fn days_to_date(days: i32) -> Option<Date> {
    Date::from_num_days_from_ce_opt(days.checked_add(719_163)?)
}

use chrono::Datelike;

/// Offset of the first byte >= 0x80, testing 32 bytes, then eight, at a time.
fn first_non_ascii(b: &[u8]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let word = |c: &[u8]| c.first_chunk::<8>().map_or(0, |c| u64::from_le_bytes(*c));
    let mut at = 0;
    while let Some(blk) = b.get(at..).and_then(|r| r.first_chunk::<32>()) {
        if (word(&blk[..]) | word(&blk[8..]) | word(&blk[16..]) | word(&blk[24..])) & HIGH != 0 {
            break;
        }
        at += 32;
    }
    // the block holding the byte, then the tail
    while let Some(c) = b.get(at..).and_then(|r| r.first_chunk::<8>()) {
        let high = u64::from_le_bytes(*c) & HIGH;
        if high != 0 {
            return Some(at + (high.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    b.get(at..)?.iter().position(|&x| x >= 0x80).map(|k| at + k)
}

/// Converts byte offsets of a text into code point offsets and back.
///
/// Only the non-ASCII chars are recorded (the text between them is one byte a char),
/// so building the map costs a scan for bytes >= 0x80 and a few entries per post.
pub struct CharMap {
    /// Every non-ASCII char: (byte start, byte end, code point index), in text order.
    wide: Vec<(u32, u32, u32)>,
    /// Text length in bytes.
    len: usize,
    /// Text length in code points.
    chars: usize,
}

impl CharMap {
    /// Builds the map for `text` (free for ASCII text).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut wide = Vec::new();
        let mut extra = 0usize; // bytes beyond one per char so far
        let mut i = 0usize;
        while let Some(k) = bytes.get(i..).and_then(first_non_ascii) {
            let s = i + k;
            // `s` starts a char (only ASCII since the last boundary): its length is in
            // its lead byte
            let n = match bytes.get(s) {
                Some(0xC0..=0xDF) => 2,
                Some(0xE0..=0xEF) => 3,
                Some(0xF0..=0xF7) => 4,
                _ => 1,
            };
            wide.push((s as u32, (s + n) as u32, (s - extra) as u32));
            extra += n - 1;
            i = s + n;
        }
        CharMap {
            wide,
            len: text.len(),
            chars: text.len() - extra,
        }
    }

    /// The code point offset of byte offset `b` (the char containing it).
    pub fn to_char(&self, b: usize) -> i32 {
        if b >= self.len {
            return self.chars as i32;
        }
        let k = self.wide.partition_point(|&(s, _, _)| s as usize <= b);
        match k.checked_sub(1).and_then(|k| self.wide.get(k)) {
            None => b as i32,
            Some(&(_, e, ci)) if b < e as usize => ci as i32,
            Some(&(_, e, ci)) => (ci as usize + 1 + (b - e as usize)) as i32,
        }
    }

    /// The byte offset of code point offset `c`, clamped to the text.
    pub fn to_byte(&self, c: i32) -> usize {
        let c = c.max(0) as usize;
        if c >= self.chars {
            return self.len;
        }
        let k = self.wide.partition_point(|&(_, _, ci)| ci as usize <= c);
        match k.checked_sub(1).and_then(|k| self.wide.get(k)) {
            None => c,
            Some(&(s, _, ci)) if ci as usize == c => s as usize,
            Some(&(_, e, ci)) => e as usize + (c - ci as usize - 1),
        }
    }
}

// ---------------------------------------------------------------- writers

fn list_array(item_type: DataType, values: ArrayRef, offsets: Vec<i32>) -> ArrayRef {
    let field = Arc::new(Field::new("item", item_type, true));
    Arc::new(ListArray::new(
        field,
        OffsetBuffer::new(offsets.into()),
        values,
        None,
    ))
}

fn string_list<'a>(rows: impl Iterator<Item = &'a [String]> + Clone) -> ArrayRef {
    // sized up front: one pass over the rows is cheaper than regrowing
    let (mut n, mut items, mut bytes) = (0usize, 0usize, 0usize);
    for row in rows.clone() {
        n += 1;
        items += row.len();
        bytes += row.iter().map(String::len).sum::<usize>();
    }
    let mut values = StringBuilder::with_capacity(items, bytes);
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0i32);
    for row in rows {
        for v in row {
            values.append_value(v);
        }
        offsets.push(values.len() as i32);
    }
    list_array(DataType::Utf8, Arc::new(values.finish()), offsets)
}

fn batch(name: &str, columns: Vec<ArrayRef>) -> Result<RecordBatch> {
    Ok(RecordBatch::try_new(schema_of(name), columns)?)
}

/// The `documents` table of some documents.
pub fn documents_batch(docs: &[Document]) -> Result<RecordBatch> {
    let mut source = StringBuilder::new();
    let mut url = StringBuilder::new();
    let mut format = StringBuilder::new();
    let mut text = LargeStringBuilder::new();
    for d in docs {
        source.append_value(&d.source);
        url.append_option(d.url.as_deref());
        format.append_value(&d.format);
        text.append_value(&d.text);
    }
    batch(
        "documents",
        vec![
            Arc::new(source.finish()),
            Arc::new(url.finish()),
            Arc::new(format.finish()),
            Arc::new(text.finish()),
        ],
    )
}

/// The `rejects` table of some rejects.
pub fn rejects_batch(rejects: &[Reject]) -> Result<RecordBatch> {
    let mut cols: [StringBuilder; 4] = Default::default();
    for r in rejects {
        cols[0].append_value(&r.source);
        cols[1].append_value(&r.stage);
        cols[2].append_value(&r.reason);
        cols[3].append_option(r.detail.as_deref());
    }
    batch(
        "rejects",
        cols.iter_mut()
            .map(|b| Arc::new(b.finish()) as ArrayRef)
            .collect(),
    )
}

/// The char maps of some posts' bodies, in order: built once and shared by the
/// tables of a chunk ([`posts_batch_with`], [`figures_batch_with`], [`claims_batch_with`]).
pub fn char_maps(posts: &[Post]) -> Vec<CharMap> {
    posts.iter().map(|p| CharMap::new(&p.body)).collect()
}

/// The char map of item `i`: `maps[i]` when given, else built into `own`.
fn map_of<'m>(
    maps: &'m [CharMap],
    i: usize,
    body: &str,
    own: &'m mut Option<CharMap>,
) -> &'m CharMap {
    match maps.get(i) {
        Some(m) => m,
        None => own.insert(CharMap::new(body)),
    }
}

/// The `posts` table of some posts.
pub fn posts_batch(posts: &[Post]) -> Result<RecordBatch> {
    posts_batch_with(posts, &[])
}

/// [`posts_batch`] with the posts' [`char_maps`] (built here when `maps` is shorter).
pub fn posts_batch_with(posts: &[Post], maps: &[CharMap]) -> Result<RecordBatch> {
    // builders sized up front: the bodies are most of the bytes, and regrowing copies them
    let rows = posts.len();
    let (mut id_bytes, mut title_bytes, mut author_bytes, mut body_bytes, mut url_bytes) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut paras = 0usize;
    for p in posts {
        id_bytes += p.post_id.len();
        title_bytes += p.title.len();
        author_bytes += p.author.as_ref().map_or(0, String::len);
        body_bytes += p.body.len();
        url_bytes += p.url.as_ref().map_or(0, String::len);
        paras += p.paragraphs.len();
    }
    let mut post_id = StringBuilder::with_capacity(rows, id_bytes);
    let mut title = StringBuilder::with_capacity(rows, title_bytes);
    let mut published = Date32Builder::with_capacity(rows);
    let mut author = StringBuilder::with_capacity(rows, author_bytes);
    let mut body = LargeStringBuilder::with_capacity(rows, body_bytes);
    let mut url = StringBuilder::with_capacity(rows, url_bytes);
    let mut words = Int32Builder::with_capacity(rows);
    let (mut p_start, mut p_end, mut p_voice, mut p_off) = (
        Int32Builder::with_capacity(paras),
        Int32Builder::with_capacity(paras),
        StringBuilder::with_capacity(paras, paras * 8),
        Vec::with_capacity(rows + 1),
    );
    p_off.push(0i32);
    let (mut s_author, mut s_title, mut s_outlet, mut s_pub, mut s_off) = (
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
        Date32Builder::new(),
        vec![0i32],
    );
    for (i, p) in posts.iter().enumerate() {
        post_id.append_value(&p.post_id);
        title.append_value(&p.title);
        published.append_option(p.published.map(date_to_days));
        author.append_option(p.author.as_deref());
        body.append_value(&p.body);
        url.append_option(p.url.as_deref());
        words.append_value(p.words);
        let mut own = None;
        let map = map_of(maps, i, &p.body, &mut own);
        for para in &p.paragraphs {
            p_start.append_value(map.to_char(para.start));
            p_end.append_value(map.to_char(para.end));
            p_voice.append_value(para.voice.as_str());
        }
        p_off.push(p_start.len() as i32);
        for s in &p.sources {
            s_author.append_option(s.author.as_deref());
            s_title.append_option(s.title.as_deref());
            s_outlet.append_option(s.outlet.as_deref());
            s_pub.append_option(s.published.map(date_to_days));
        }
        s_off.push(s_author.len() as i32);
    }
    let paragraphs = StructArray::new(
        paragraph_fields(),
        vec![
            Arc::new(p_start.finish()),
            Arc::new(p_end.finish()),
            Arc::new(p_voice.finish()),
        ],
        None,
    );
    let sources = StructArray::new(
        source_fields(),
        vec![
            Arc::new(s_author.finish()),
            Arc::new(s_title.finish()),
            Arc::new(s_outlet.finish()),
            Arc::new(s_pub.finish()),
        ],
        None,
    );
    batch(
        "posts",
        vec![
            Arc::new(post_id.finish()),
            Arc::new(title.finish()),
            Arc::new(published.finish()),
            Arc::new(author.finish()),
            Arc::new(body.finish()),
            list_array(
                DataType::Struct(paragraph_fields()),
                Arc::new(paragraphs),
                p_off,
            ),
            list_array(DataType::Struct(source_fields()), Arc::new(sources), s_off),
            string_list(posts.iter().map(|p| p.categories.as_slice())),
            string_list(posts.iter().map(|p| p.seen_in.as_slice())),
            Arc::new(url.finish()),
            Arc::new(words.finish()),
        ],
    )
}

/// The (sentence, ordinal within the sentence) of each of a post's figures, in order:
/// the parts of the figure id `{post_id}:{sentence}:{k}`.
fn figure_id_parts(a: &Analysis) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut last = (usize::MAX, 0usize);
    a.figures.iter().map(move |f| {
        let s = sentence_of(&a.sentences, f.start);
        let k = if s == last.0 { last.1 + 1 } else { 0 };
        last = (s, k);
        (s, k)
    })
}

/// The figure ids of a post's figures: `{post_id}:{sentence}:{k}`, `k` counting
/// the figures of the sentence from 0.
pub fn figure_ids(post_id: &str, a: &Analysis) -> Vec<String> {
    figure_id_parts(a)
        .map(|(s, k)| {
            // (= ids::figure_id(&ids::claim_id(post_id, s), k), in one allocation)
            let mut id = String::with_capacity(post_id.len() + 12);
            id.push_str(post_id);
            id.push(':');
            ids::push_num(&mut id, s);
            id.push(':');
            ids::push_num(&mut id, k);
            id
        })
        .collect()
}

/// The `figures` table of analysed posts.
pub fn figures_batch(items: &[(&Post, &Analysis)]) -> Result<RecordBatch> {
    figures_batch_with(items, &[])
}

/// [`figures_batch`] with the posts' [`char_maps`] (built here when `maps` is shorter).
pub fn figures_batch_with(items: &[(&Post, &Analysis)], maps: &[CharMap]) -> Result<RecordBatch> {
    // builders sized up front: one pass over the figures is cheaper than regrowing
    let (mut rows, mut pid_bytes, mut text_bytes, mut unit_bytes) =
        (0usize, 0usize, 0usize, 0usize);
    for (post, a) in items {
        rows += a.figures.len();
        pid_bytes += a.figures.len() * post.post_id.len();
        for f in &a.figures {
            text_bytes += f.end.saturating_sub(f.start);
            unit_bytes += f.unit.as_ref().map_or(0, String::len);
        }
    }
    let (mut figure_id, mut post_id, mut claim_id) = (
        StringBuilder::with_capacity(rows, pid_bytes + rows * 8),
        StringBuilder::with_capacity(rows, pid_bytes),
        StringBuilder::with_capacity(rows, pid_bytes + rows * 5),
    );
    let (mut start, mut end) = (
        Int32Builder::with_capacity(rows),
        Int32Builder::with_capacity(rows),
    );
    let (mut text, mut kind, mut unit, mut approx) = (
        StringBuilder::with_capacity(rows, text_bytes),
        StringBuilder::with_capacity(rows, rows * 8),
        StringBuilder::with_capacity(rows, unit_bytes),
        StringBuilder::with_capacity(rows, rows * 8),
    );
    let (mut value, mut low, mut high, mut usd) = (
        Float64Builder::with_capacity(rows),
        Float64Builder::with_capacity(rows),
        Float64Builder::with_capacity(rows),
        Float64Builder::with_capacity(rows),
    );
    // the claim id `{post_id}:{sentence}`, then the figure id `{claim_id}:{k}`, written
    // in one reused buffer
    let mut id = String::new();
    for (i, (post, a)) in items.iter().enumerate() {
        if a.figures.is_empty() {
            // no rows: the char map would go unused
            continue;
        }
        let mut own = None;
        let map = map_of(maps, i, &post.body, &mut own);
        for (f, (s, k)) in a.figures.iter().zip(figure_id_parts(a)) {
            id.clear();
            id.push_str(&post.post_id);
            id.push(':');
            ids::push_num(&mut id, s);
            claim_id.append_value(&id);
            id.push(':');
            ids::push_num(&mut id, k);
            figure_id.append_value(&id);
            post_id.append_value(&post.post_id);
            start.append_value(map.to_char(f.start));
            end.append_value(map.to_char(f.end));
            text.append_value(post.body.get(f.start..f.end).unwrap_or(""));
            kind.append_value(f.kind.as_str());
            value.append_option(f.value);
            low.append_value(f.low);
            high.append_value(f.high);
            unit.append_option(f.unit.as_deref());
            approx.append_value(f.approx.as_str());
            usd.append_option(f.value_usd);
        }
    }
    batch(
        "figures",
        vec![
            Arc::new(figure_id.finish()),
            Arc::new(post_id.finish()),
            Arc::new(claim_id.finish()),
            Arc::new(start.finish()),
            Arc::new(end.finish()),
            Arc::new(text.finish()),
            Arc::new(kind.finish()),
            Arc::new(value.finish()),
            Arc::new(low.finish()),
            Arc::new(high.finish()),
            Arc::new(unit.finish()),
            Arc::new(approx.finish()),
            Arc::new(usd.finish()),
        ],
    )
}

/// The `claims` table of analysed posts.
pub fn claims_batch(items: &[(&Post, &Analysis)]) -> Result<RecordBatch> {
    claims_batch_with(items, &[])
}

/// [`claims_batch`] with the posts' [`char_maps`] (built here when `maps` is shorter).
pub fn claims_batch_with(items: &[(&Post, &Analysis)], maps: &[CharMap]) -> Result<RecordBatch> {
    // builders sized up front: one pass over the claims is cheaper than regrowing
    let (mut rows, mut id_bytes, mut text_bytes) = (0usize, 0usize, 0usize);
    for (post, a) in items {
        rows += a.claims.len();
        id_bytes += a.claims.len() * (post.post_id.len() + 8);
        for c in &a.claims {
            if let Some(s) = a.sentences.get(c.sentence) {
                text_bytes += s.end.saturating_sub(s.start);
            }
        }
    }
    let (mut claim_id, mut post_id) = (
        StringBuilder::with_capacity(rows, id_bytes),
        StringBuilder::with_capacity(rows, id_bytes),
    );
    let (mut sentence, mut start, mut end) = (
        Int32Builder::with_capacity(rows),
        Int32Builder::with_capacity(rows),
        Int32Builder::with_capacity(rows),
    );
    let (mut text, mut voice, mut certainty) = (
        StringBuilder::with_capacity(rows, text_bytes),
        StringBuilder::with_capacity(rows, rows * 8),
        StringBuilder::with_capacity(rows, rows * 10),
    );
    let (mut speaker, mut kind, mut verb, mut outlet) = (
        StringBuilder::with_capacity(rows, rows * 16),
        StringBuilder::with_capacity(rows, rows * 12),
        StringBuilder::with_capacity(rows, rows * 8),
        StringBuilder::with_capacity(rows, rows * 12),
    );
    let mut hedges: Vec<&[String]> = Vec::with_capacity(rows);
    let mut entities: Vec<&[String]> = Vec::with_capacity(rows);
    let mut fig_ids = StringBuilder::new();
    let mut fig_off: Vec<i32> = Vec::with_capacity(rows + 1);
    fig_off.push(0);
    let (mut d_text, mut d_start, mut d_end, mut d_first, mut d_last, mut d_off) = (
        StringBuilder::new(),
        Int32Builder::new(),
        Int32Builder::new(),
        Date32Builder::new(),
        Date32Builder::new(),
        Vec::with_capacity(rows + 1),
    );
    d_off.push(0i32);
    let mut id = String::new();
    // (sentence, ordinal) of each figure of the post: its id is written when needed
    let mut parts: Vec<(usize, usize)> = Vec::new();
    for (i, (post, a)) in items.iter().enumerate() {
        let mut own = None;
        let map = map_of(maps, i, &post.body, &mut own);
        parts.clear();
        if a.claims.iter().any(|c| !c.figures.is_empty()) {
            parts.extend(figure_id_parts(a));
        }
        for c in &a.claims {
            let Some(s) = a.sentences.get(c.sentence) else {
                continue;
            };
            // = ids::claim_id(post_id, sentence), in a reused buffer
            id.clear();
            id.push_str(&post.post_id);
            id.push(':');
            ids::push_num(&mut id, c.sentence);
            claim_id.append_value(&id);
            post_id.append_value(&post.post_id);
            sentence.append_value(c.sentence as i32);
            start.append_value(map.to_char(s.start));
            end.append_value(map.to_char(s.end));
            text.append_value(post.body.get(s.start..s.end).unwrap_or(""));
            voice.append_value(c.voice.as_str());
            speaker.append_option(c.speaker.as_deref());
            kind.append_option(c.speaker_kind.as_deref());
            verb.append_option(c.verb.as_deref());
            outlet.append_option(c.outlet.as_deref());
            certainty.append_value(&c.certainty);
            hedges.push(&c.hedges);
            entities.push(&c.entities);
            for &(fs, fk) in c.figures.iter().filter_map(|i| parts.get(*i)) {
                // = figure_ids(..)[i], in the reused buffer
                id.clear();
                id.push_str(&post.post_id);
                id.push(':');
                ids::push_num(&mut id, fs);
                id.push(':');
                ids::push_num(&mut id, fk);
                fig_ids.append_value(&id);
            }
            fig_off.push(fig_ids.len() as i32);
            for d in &c.dates {
                d_text.append_value(post.body.get(d.start..d.end).unwrap_or(""));
                d_start.append_value(map.to_char(d.start));
                d_end.append_value(map.to_char(d.end));
                d_first.append_value(date_to_days(d.first));
                d_last.append_value(date_to_days(d.last));
            }
            d_off.push(d_text.len() as i32);
        }
    }
    let dates = StructArray::new(
        date_fields(),
        vec![
            Arc::new(d_text.finish()),
            Arc::new(d_start.finish()),
            Arc::new(d_end.finish()),
            Arc::new(d_first.finish()),
            Arc::new(d_last.finish()),
        ],
        None,
    );
    batch(
        "claims",
        vec![
            Arc::new(claim_id.finish()),
            Arc::new(post_id.finish()),
            Arc::new(sentence.finish()),
            Arc::new(start.finish()),
            Arc::new(end.finish()),
            Arc::new(text.finish()),
            Arc::new(voice.finish()),
            Arc::new(speaker.finish()),
            Arc::new(kind.finish()),
            Arc::new(verb.finish()),
            Arc::new(outlet.finish()),
            string_list(hedges.iter().copied()),
            Arc::new(certainty.finish()),
            string_list(entities.iter().copied()),
            list_array(DataType::Struct(date_fields()), Arc::new(dates), d_off),
            list_array(DataType::Utf8, Arc::new(fig_ids.finish()), fig_off),
        ],
    )
}

/// The `trade` table of analysed posts.
pub fn trade_batch(items: &[(&Post, &Analysis)]) -> Result<RecordBatch> {
    let mut s: [StringBuilder; 11] = Default::default();
    let (mut first, mut last, mut published) = (
        Date32Builder::new(),
        Date32Builder::new(),
        Date32Builder::new(),
    );
    let (mut value, mut change) = (Float64Builder::new(), Float64Builder::new());
    let mut derived = BooleanBuilder::new();
    let mut id = String::new();
    let mut parts: Vec<(usize, usize)> = Vec::new();
    for (post, a) in items {
        if a.trade.is_empty() {
            continue;
        }
        parts.clear();
        parts.extend(figure_id_parts(a));
        for (n, t) in a.trade.iter().enumerate() {
            // the ids (= ids::trade_id, ids::claim_id, figure_ids(..)[i]) in a reused buffer
            id.clear();
            id.push_str(&post.post_id);
            id.push_str(":t");
            ids::push_num(&mut id, n);
            s[0].append_value(&id);
            s[1].append_value(&post.post_id);
            id.clear();
            id.push_str(&post.post_id);
            id.push(':');
            ids::push_num(&mut id, t.sentence);
            s[2].append_value(&id);
            match t.figure.and_then(|i| parts.get(i)) {
                Some(&(fs, fk)) => {
                    id.clear();
                    id.push_str(&post.post_id);
                    id.push(':');
                    ids::push_num(&mut id, fs);
                    id.push(':');
                    ids::push_num(&mut id, fk);
                    s[3].append_value(&id);
                }
                None => s[3].append_null(),
            }
            s[4].append_value(&t.period);
            first.append_value(date_to_days(t.period_first));
            last.append_value(date_to_days(t.period_last));
            s[5].append_value(&t.country);
            s[6].append_value(&t.partner);
            s[7].append_value(&t.flow);
            s[8].append_option(t.commodity.as_deref());
            value.append_value(t.value_usd);
            s[9].append_value(t.approx.as_str());
            change.append_option(t.change_pct);
            s[10].append_option(t.change_basis.as_deref());
            derived.append_value(t.derived);
            published.append_option(post.published.map(date_to_days));
        }
    }
    let mut s = s.into_iter().map(|mut b| Arc::new(b.finish()) as ArrayRef);
    let mut next = || {
        s.next()
            .unwrap_or_else(|| Arc::new(StringArray::from(Vec::<&str>::new())))
    };
    let (tid, pid, cid, fid, period) = (next(), next(), next(), next(), next());
    let (country, partner, flow, commodity, approx, basis) =
        (next(), next(), next(), next(), next(), next());
    batch(
        "trade",
        vec![
            tid,
            pid,
            cid,
            fid,
            period,
            Arc::new(first.finish()),
            Arc::new(last.finish()),
            country,
            partner,
            flow,
            commodity,
            Arc::new(value.finish()),
            approx,
            Arc::new(change.finish()),
            basis,
            Arc::new(derived.finish()),
            Arc::new(published.finish()),
        ],
    )
}

// ---------------------------------------------------------------- readers

/// A string column of any Arrow string type.
enum StrCol<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
}

impl<'a> StrCol<'a> {
    fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            StrCol::Utf8(a) => (!a.is_null(i)).then(|| a.value(i)),
            StrCol::Large(a) => (!a.is_null(i)).then(|| a.value(i)),
            StrCol::View(a) => (!a.is_null(i)).then(|| a.value(i)),
        }
    }
}

fn as_str_col<'a>(arr: &'a dyn Array, name: &str) -> Result<StrCol<'a>> {
    let any = arr.as_any();
    if let Some(a) = any.downcast_ref::<StringArray>() {
        Ok(StrCol::Utf8(a))
    } else if let Some(a) = any.downcast_ref::<LargeStringArray>() {
        Ok(StrCol::Large(a))
    } else if let Some(a) = any.downcast_ref::<StringViewArray>() {
        Ok(StrCol::View(a))
    } else {
        Err(Error::schema(format!(
            "column `{name}` must be a string column, got {}",
            arr.data_type()
        )))
    }
}

fn str_col<'a>(b: &'a RecordBatch, name: &str) -> Result<Option<StrCol<'a>>> {
    match b.column_by_name(name) {
        None => Ok(None),
        Some(c) => as_str_col(c.as_ref(), name).map(Some),
    }
}

fn required<'a>(b: &'a RecordBatch, name: &str, table: &str) -> Result<StrCol<'a>> {
    str_col(b, name)?.ok_or_else(|| {
        Error::schema(format!(
            "a {table} table needs a `{name}` column; it has {:?}",
            column_names(b)
        ))
    })
}

fn column_names(b: &RecordBatch) -> Vec<String> {
    b.schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect()
}

fn date_col<'a>(b: &'a RecordBatch, name: &str) -> Result<Option<&'a Date32Array>> {
    match b.column_by_name(name) {
        None => Ok(None),
        Some(c) => c
            .as_any()
            .downcast_ref::<Date32Array>()
            .map(Some)
            .ok_or_else(|| {
                Error::schema(format!(
                    "column `{name}` must be date32, got {}",
                    c.data_type()
                ))
            }),
    }
}

fn date_at(a: Option<&Date32Array>, i: usize) -> Option<Date> {
    let a = a?;
    if a.is_null(i) {
        None
    } else {
        days_to_date(a.value(i))
    }
}

/// Documents from a `documents` batch (`text` required; `source`, `url`, `format` optional).
pub fn documents_from_batch(b: &RecordBatch) -> Result<Vec<Document>> {
    let text = required(b, "text", "documents")?;
    let source = str_col(b, "source")?;
    let url = str_col(b, "url")?;
    let format = str_col(b, "format")?;
    Ok((0..b.num_rows())
        .map(|i| Document {
            source: source
                .as_ref()
                .and_then(|c| c.get(i))
                .map(str::to_string)
                .unwrap_or_else(|| format!("row{i}")),
            url: url.as_ref().and_then(|c| c.get(i)).map(str::to_string),
            format: format
                .as_ref()
                .and_then(|c| c.get(i))
                .unwrap_or("text")
                .to_string(),
            text: text.get(i).unwrap_or("").to_string(),
        })
        .collect())
}

fn list_col<'a>(b: &'a RecordBatch, name: &str) -> Result<Option<&'a ListArray>> {
    match b.column_by_name(name) {
        None => Ok(None),
        Some(c) => c
            .as_any()
            .downcast_ref::<ListArray>()
            .map(Some)
            .ok_or_else(|| {
                Error::schema(format!(
                    "column `{name}` must be a list, got {}",
                    c.data_type()
                ))
            }),
    }
}

fn strings_at(l: Option<&ListArray>, i: usize) -> Result<Vec<String>> {
    let Some(l) = l else { return Ok(Vec::new()) };
    if l.is_null(i) {
        return Ok(Vec::new());
    }
    let v = l.value(i);
    let c = as_str_col(v.as_ref(), "list item")?;
    Ok((0..v.len())
        .filter_map(|j| c.get(j).map(str::to_string))
        .collect())
}

fn struct_field<'a>(s: &'a StructArray, name: &str) -> Option<&'a ArrayRef> {
    s.column_by_name(name)
}

/// Posts from a `posts` batch. `body` is required; `post_id` is computed from
/// `title` and `published` when missing; other columns default to empty.
pub fn posts_from_batch(b: &RecordBatch) -> Result<Vec<Post>> {
    let body = required(b, "body", "posts")?;
    let post_id = str_col(b, "post_id")?;
    let title = str_col(b, "title")?;
    let author = str_col(b, "author")?;
    let url = str_col(b, "url")?;
    let published = date_col(b, "published")?;
    let paragraphs = list_col(b, "paragraphs")?;
    let sources = list_col(b, "sources")?;
    let categories = list_col(b, "categories")?;
    let seen_in = list_col(b, "seen_in")?;
    let mut out = Vec::with_capacity(b.num_rows());
    for i in 0..b.num_rows() {
        let body = body.get(i).unwrap_or("").to_string();
        let title = title
            .as_ref()
            .and_then(|c| c.get(i))
            .unwrap_or("")
            .to_string();
        let published = date_at(published, i);
        let map = CharMap::new(&body);
        let mut paras = Vec::new();
        if let Some(l) = paragraphs.filter(|l| !l.is_null(i)) {
            let v = l.value(i);
            if let Some(s) = v.as_any().downcast_ref::<StructArray>() {
                let start =
                    struct_field(s, "start").and_then(|a| a.as_any().downcast_ref::<Int32Array>());
                let end =
                    struct_field(s, "end").and_then(|a| a.as_any().downcast_ref::<Int32Array>());
                let voice = struct_field(s, "voice")
                    .map(|a| as_str_col(a.as_ref(), "voice"))
                    .transpose()?;
                if let (Some(start), Some(end)) = (start, end) {
                    for j in 0..s.len() {
                        let voice = match voice.as_ref().and_then(|c| c.get(j)) {
                            Some("quoted") => Voice::Quoted,
                            Some("citation") => Voice::Citation,
                            _ => Voice::Author,
                        };
                        let (a, z) = (map.to_byte(start.value(j)), map.to_byte(end.value(j)));
                        if a <= z {
                            paras.push(Paragraph {
                                start: a,
                                end: z,
                                voice,
                            });
                        }
                    }
                }
            }
        }
        if paras.is_empty() && !body.is_empty() {
            paras = crate::posts::paragraphs_of(&body);
        }
        let mut srcs = Vec::new();
        if let Some(l) = sources.filter(|l| !l.is_null(i)) {
            let v = l.value(i);
            if let Some(s) = v.as_any().downcast_ref::<StructArray>() {
                let get = |name: &str| -> Result<Option<StrCol<'_>>> {
                    struct_field(s, name)
                        .map(|a| as_str_col(a.as_ref(), name))
                        .transpose()
                };
                let (sa, st, so) = (get("author")?, get("title")?, get("outlet")?);
                let sp = struct_field(s, "published")
                    .and_then(|a| a.as_any().downcast_ref::<Date32Array>());
                for j in 0..s.len() {
                    srcs.push(SourceRef {
                        author: sa.as_ref().and_then(|c| c.get(j)).map(str::to_string),
                        title: st.as_ref().and_then(|c| c.get(j)).map(str::to_string),
                        outlet: so.as_ref().and_then(|c| c.get(j)).map(str::to_string),
                        published: date_at(sp, j),
                    });
                }
            }
        }
        let id = post_id
            .as_ref()
            .and_then(|c| c.get(i))
            .map(str::to_string)
            .unwrap_or_else(|| ids::post_id(&title, published));
        let words = body.split_whitespace().count() as i32;
        out.push(Post {
            post_id: id,
            title,
            published,
            author: author.as_ref().and_then(|c| c.get(i)).map(str::to_string),
            body,
            paragraphs: paras,
            sources: srcs,
            categories: strings_at(categories, i)?,
            seen_in: strings_at(seen_in, i)?,
            url: url.as_ref().and_then(|c| c.get(i)).map(str::to_string),
            words,
        });
    }
    Ok(out)
}

/// An empty batch of a table.
pub fn empty(name: &str) -> Result<RecordBatch> {
    Ok(RecordBatch::new_empty(schema(name)?))
}

#[allow(dead_code)]
fn _unused(_: Option<NullBuffer>, _: BooleanArray) {}

#[cfg(test)]
mod tests {
    #[test]
    fn figure_ids_count_within_each_sentence() {
        use crate::model::{Analysis, Sentence};
        let body = "Exports fell 24 percent to $14.2 million. Imports rose 5 percent.";
        let a = Analysis {
            sentences: vec![
                Sentence { start: 0, end: 41 },
                Sentence {
                    start: 42,
                    end: body.len(),
                },
            ],
            figures: crate::figures::extract(body, &Default::default()),
            ..Default::default()
        };
        let parts: Vec<_> = super::figure_id_parts(&a).collect();
        assert_eq!(parts, [(0, 0), (0, 1), (1, 0)]);
        assert_eq!(super::figure_ids("p", &a), ["p:0:0", "p:0:1", "p:1:0"]);
    }

    #[test]
    fn first_non_ascii_finds_the_first_high_byte() {
        let mut rng = crate::test_rng::Rng(3);
        for len in 0..70 {
            for _ in 0..20 {
                let b: Vec<u8> = (0..len)
                    .map(|_| {
                        let x = rng.next();
                        if x % 23 == 0 {
                            0x80 | (x >> 40) as u8
                        } else {
                            (x >> 40) as u8 & 0x7f
                        }
                    })
                    .collect();
                assert_eq!(
                    super::first_non_ascii(&b),
                    b.iter().position(|&x| x >= 0x80),
                    "{b:?}"
                );
            }
        }
    }

    use super::*;

    #[test]
    fn char_map_agrees_with_char_indices_at_every_offset() {
        for t in [
            "",
            "plain ascii",
            "Sinŭiju — 750 won",
            "ŭ",
            "“a”b€𝄞c ñ",
            "𝄞𝄞x",
        ] {
            let m = CharMap::new(t);
            let mut starts: Vec<usize> = t.char_indices().map(|(i, _)| i).collect();
            starts.push(t.len());
            for b in 0..t.len() + 3 {
                let want = match starts.binary_search(&b) {
                    Ok(i) => i,
                    Err(i) => i.saturating_sub(1),
                };
                assert_eq!(m.to_char(b), want as i32, "{t:?} byte {b}");
            }
            for c in -2..starts.len() as i32 + 3 {
                let want = starts.get(c.max(0) as usize).copied().unwrap_or(t.len());
                assert_eq!(m.to_byte(c), want, "{t:?} char {c}");
            }
        }
    }

    #[test]
    fn char_map_agrees_with_char_indices_on_random_texts() {
        let pieces = [
            "a",
            " ",
            "ŭ",
            "—",
            "𝄞",
            "é",
            "abcdefghijklmnopqrstuvwxyz0123456789",
            "“",
        ];
        let mut rng = crate::test_rng::Rng(7);
        for round in 0..500 {
            let t = rng.text(&pieces, round % 60);
            let m = CharMap::new(&t);
            for (ci, (b, ch)) in t.char_indices().enumerate() {
                for x in b..b + ch.len_utf8() {
                    assert_eq!(m.to_char(x), ci as i32, "{t:?} byte {x}");
                }
                assert_eq!(m.to_byte(ci as i32), b, "{t:?} char {ci}");
            }
            assert_eq!(m.to_char(t.len()), t.chars().count() as i32);
        }
    }

    #[test]
    fn char_map_round_trip() {
        let t = "Sinŭiju — 750 won";
        let m = CharMap::new(t);
        let b = t.find("750").unwrap_or(0);
        let c = m.to_char(b);
        assert_eq!(
            t.chars().skip(c as usize).take(3).collect::<String>(),
            "750"
        );
        assert_eq!(m.to_byte(c), b);
        assert_eq!(m.to_byte(1000), t.len());
    }

    #[test]
    fn posts_round_trip() {
        let body = "First paragraph of ŭ text.\n\nAccording to X:\n\nQuoted one.".to_string();
        let paragraphs = vec![
            Paragraph {
                start: 0,
                end: 27,
                voice: Voice::Author,
            },
            Paragraph {
                start: 29,
                end: 44,
                voice: Voice::Author,
            },
            Paragraph {
                start: 46,
                end: body.len(),
                voice: Voice::Quoted,
            },
        ];
        let post = Post {
            post_id: ids::post_id("T", None),
            title: "T".into(),
            published: Date::from_ymd_opt(2022, 10, 25),
            body,
            paragraphs,
            sources: vec![SourceRef {
                outlet: Some("Daily NK".into()),
                ..Default::default()
            }],
            categories: vec!["Trade".into()],
            seen_in: vec!["a.txt".into()],
            words: 10,
            ..Default::default()
        };
        let b = posts_batch(std::slice::from_ref(&post)).expect("batch");
        let back = posts_from_batch(&b).expect("back");
        assert_eq!(back, vec![post]);
    }

    #[test]
    fn every_schema_builds_empty() {
        for t in TABLES {
            assert_eq!(empty(t).expect("schema").num_rows(), 0);
        }
        assert!(schema("nope").is_err());
    }
}

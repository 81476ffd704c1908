//! Reading inputs into [`Document`]s: files, folders (recursive), globs; plain,
//! `.gz` or `.zst`; one page a file (`text`, `html`), one page a line (`jsonl`),
//! or one page a record (`warc`/`wet` crawls, `wp-json` REST dumps, `wxr` exports;
//! streamed record by record).
//!
//! Reading never aborts on a bad file: what cannot be used becomes a [`Reject`]
//! and the run goes on. Only a path the caller named that does not exist (or a
//! glob that matches nothing) is an [`Error`].

mod decode;
mod html;
mod jsonl;
mod warc;
mod wpjson;
mod wxr;

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{Document, Reject};

pub use decode::{decode_text, Decoded};

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Sniff each file: by extension, then by content.
    Auto,
    /// A page rendered to plain text, one page a file.
    Text,
    /// One JSON object a line with at least `text` (and `url`).
    Jsonl,
    /// A saved web page.
    Html,
    /// A web archive (WARC/1.0 or 1.1, gzip per record as in `.warc.gz`).
    Warc,
    /// A WET file: WARC conversion records holding page text.
    Wet,
    /// A WordPress REST API post list (a JSON array of posts).
    WpJson,
    /// A WordPress export (WXR) file.
    Wxr,
}

impl Format {
    /// Every accepted name, in the order shown in error messages.
    pub const NAMES: &'static [&'static str] = &[
        "auto", "text", "jsonl", "html", "warc", "wet", "wp-json", "wxr",
    ];

    /// The format's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Warc => "warc",
            Format::Wet => "wet",
            Format::WpJson => "wp-json",
            Format::Wxr => "wxr",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(Format::Auto),
            "text" | "txt" => Ok(Format::Text),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            "html" => Ok(Format::Html),
            "warc" => Ok(Format::Warc),
            "wet" => Ok(Format::Wet),
            "wp-json" | "wpjson" | "wp_json" => Ok(Format::WpJson),
            "wxr" => Ok(Format::Wxr),
            _ => Err(Error::invalid_option("format", Format::NAMES, s)),
        }
    }
}

/// Options for reading, with limits against hostile input.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Input format, or `Auto` to sniff each file.
    pub format: Format,
    /// Largest record (a page, a JSONL line) kept, in bytes; larger ones are rejected.
    pub max_record_bytes: usize,
    /// Most bytes read from one file after decompression; the rest is rejected.
    /// Web archives (`warc`, `wet`) are exempt: they stream record by record and
    /// only `max_record_bytes` bounds what is held.
    pub max_file_bytes: u64,
    /// Most directory levels followed below an input folder.
    pub max_depth: usize,
    /// Most bytes a compressed file may inflate to per byte on disk (against
    /// decompression bombs); files under 64 MiB decompressed are never stopped by it.
    pub max_ratio: u64,
    /// Most lines in one record (a page); more is rejected as `record_too_large`,
    /// since each line costs the page parser memory.
    pub max_record_lines: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: Format::Auto,
            max_record_bytes: 64 << 20,
            max_file_bytes: 4 << 30,
            max_depth: 64,
            max_ratio: 200,
            max_record_lines: 1_000_000,
        }
    }
}

/// One input file found by [`expand`]: its path and how it is named in `source`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// Path to open.
    pub path: PathBuf,
    /// Size on disk in bytes (compressed size for `.gz`/`.zst`).
    pub size: u64,
}

impl InputFile {
    /// The `documents.source` of the file (its path, with `/` separators).
    pub fn source(&self) -> String {
        self.path.to_string_lossy().replace('\\', "/")
    }
}

/// Expands paths, folders (recursively, sorted) and globs into input files.
/// A folder entry that cannot be read becomes a reject; a named path that does
/// not exist, or a glob that matches nothing, is an error.
pub fn expand(inputs: &[String], opts: &ReadOptions) -> Result<(Vec<InputFile>, Vec<Reject>)> {
    let mut files = Vec::new();
    let mut rejects = Vec::new();
    for input in inputs {
        if input.contains(['*', '?', '[']) && !Path::new(input).exists() {
            let paths = glob::glob(input).map_err(|e| {
                Error::invalid_option(
                    "inputs",
                    &["a path, folder or glob"],
                    &format!("{input} ({e})"),
                )
            })?;
            let mut n = 0;
            for entry in paths {
                n += 1;
                match entry {
                    Ok(p) => walk(&p, 0, opts, &mut Vec::new(), &mut files, &mut rejects),
                    Err(e) => rejects.push(Reject::new(
                        e.path().to_string_lossy(),
                        "read",
                        "unreadable",
                        Some(e.error().to_string()),
                    )),
                }
            }
            if n == 0 {
                return Err(Error::io(
                    input.clone(),
                    std::io::Error::from(std::io::ErrorKind::NotFound),
                ));
            }
            continue;
        }
        let path = Path::new(input);
        if let Err(e) = std::fs::metadata(path) {
            return Err(Error::io(input.clone(), e));
        }
        walk(path, 0, opts, &mut Vec::new(), &mut files, &mut rejects);
    }
    Ok((files, rejects))
}

fn walk(
    path: &Path,
    depth: usize,
    opts: &ReadOptions,
    stack: &mut Vec<PathBuf>,
    files: &mut Vec<InputFile>,
    rejects: &mut Vec<Reject>,
) {
    let source = || path.to_string_lossy().replace('\\', "/");
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            // ELOOP: a symlink that points (through others) back at itself.
            let reason = if e.raw_os_error() == Some(40) {
                "symlink_loop"
            } else {
                "unreadable"
            };
            rejects.push(Reject::new(source(), "read", reason, Some(e.to_string())));
            return;
        }
    };
    if meta.is_file() {
        files.push(InputFile {
            path: path.to_path_buf(),
            size: meta.len(),
        });
        return;
    }
    if !meta.is_dir() {
        rejects.push(Reject::new(
            source(),
            "read",
            "not_a_file",
            Some("neither a regular file nor a folder".into()),
        ));
        return;
    }
    if depth >= opts.max_depth {
        rejects.push(Reject::new(
            source(),
            "read",
            "too_deep",
            Some(format!("more than {} folder levels", opts.max_depth)),
        ));
        return;
    }
    // Symlink loops: a folder already on the current path is not entered again.
    let canon = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if stack.contains(&canon) {
        rejects.push(Reject::new(
            source(),
            "read",
            "symlink_loop",
            Some("folder contains itself".into()),
        ));
        return;
    }
    let entries = match std::fs::read_dir(path) {
        Ok(rd) => rd,
        Err(e) => {
            rejects.push(Reject::new(
                source(),
                "read",
                "unreadable",
                Some(e.to_string()),
            ));
            return;
        }
    };
    let mut children: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => {
                let name = e.file_name();
                let name = name.to_string_lossy();
                if name.starts_with('.') {
                    continue; // hidden files and folders (.git, .DS_Store) are not pages
                }
                children.push(e.path());
            }
            Err(e) => rejects.push(Reject::new(
                source(),
                "read",
                "unreadable",
                Some(e.to_string()),
            )),
        }
    }
    children.sort();
    stack.push(canon);
    for child in children {
        walk(&child, depth + 1, opts, stack, files, rejects);
    }
    stack.pop();
}

/// What reading a file yields, in order: documents and rejects.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadEvent {
    /// A page or record.
    Doc(Document),
    /// Something that could not be used (or was used with a caveat, like `invalid_utf8`).
    Reject(Reject),
}

/// Compression of a file, from its magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compression {
    None,
    Gzip,
    Zstd,
}

fn compression_of(head: &[u8]) -> Compression {
    if head.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else {
        Compression::None
    }
}

/// The file name without compression suffixes, lowercased (for sniffing by extension).
fn inner_name(path: &Path) -> String {
    let mut name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    for suffix in [".gz", ".gzip", ".zst", ".zstd"] {
        if let Some(stripped) = name.strip_suffix(suffix) {
            name = stripped.to_string();
        }
    }
    name
}

/// A reader that stops after `limit` bytes and remembers that it did.
struct Limited<R> {
    inner: R,
    left: u64,
    hit: bool,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            // Probe one byte: only a file that really goes on is over the limit.
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? > 0 {
                self.hit = true;
            }
            return Ok(0);
        }
        let max = buf.len().min(self.left.min(usize::MAX as u64) as usize);
        let n = self.inner.read(&mut buf[..max])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// What was read of a file, for the manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileInfo {
    /// Bytes read from disk (before decompression).
    pub bytes: u64,
    /// xxh3-64 of those bytes, 16 hex digits.
    pub xxh3: String,
}

/// A reader that hashes and counts what passes through it.
struct Hashing<'a, R> {
    inner: R,
    hasher: &'a std::cell::RefCell<xxhash_rust::xxh3::Xxh3>,
    bytes: &'a std::cell::Cell<u64>,
}

impl<R: Read> Read for Hashing<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.borrow_mut().update(&buf[..n]);
        self.bytes.set(self.bytes.get() + n as u64);
        Ok(n)
    }
}

/// Reads one file, calling `emit` for each document or reject, in order.
/// Never fails: every problem becomes a reject.
pub fn read_file(
    file: &InputFile,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(ReadEvent),
) -> FileInfo {
    let hasher = std::cell::RefCell::new(xxhash_rust::xxh3::Xxh3::new());
    let bytes = std::cell::Cell::new(0u64);
    // Whatever the format, a record with too many lines is not handed on.
    let mut guarded = |ev: ReadEvent| match ev {
        ReadEvent::Doc(d)
            if memchr::memchr_iter(b'\n', d.text.as_bytes()).count() >= opts.max_record_lines =>
        {
            emit(ReadEvent::Reject(Reject::new(
                d.source,
                "read",
                "record_too_large",
                Some(format!(
                    "more than {} lines (max_record_lines)",
                    opts.max_record_lines
                )),
            )))
        }
        ev => emit(ev),
    };
    read_file_inner(file, opts, &mut guarded, &hasher, &bytes);
    let digest = hasher.borrow().digest();
    FileInfo {
        bytes: bytes.get(),
        xxh3: format!("{digest:016x}"),
    }
}

fn read_file_inner(
    file: &InputFile,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(ReadEvent),
    hasher: &std::cell::RefCell<xxhash_rust::xxh3::Xxh3>,
    bytes: &std::cell::Cell<u64>,
) {
    let source = file.source();
    let reject = |reason: &str, detail: String| {
        ReadEvent::Reject(Reject::new(source.clone(), "read", reason, Some(detail)))
    };
    let f = match File::open(&file.path) {
        Ok(f) => f,
        Err(e) => {
            emit(reject("unreadable", e.to_string()));
            return;
        }
    };
    // Buffers no larger than the file (within 8–64 KiB): most page files are a few
    // KiB, and a reader's buffer is zeroed on first use.
    let small = (file.size as usize)
        .saturating_add(1)
        .clamp(8 << 10, 64 << 10);
    let mut raw = BufReader::with_capacity(
        small,
        Hashing {
            inner: f,
            hasher,
            bytes,
        },
    );
    let head = match raw.fill_buf() {
        Ok(h) => h.to_vec(),
        Err(e) => {
            emit(reject("unreadable", e.to_string()));
            return;
        }
    };
    let compression = compression_of(&head);
    let inner: Box<dyn Read + '_> = match compression {
        Compression::None => Box::new(raw),
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(raw)),
        Compression::Zstd => match zstd::stream::read::Decoder::with_buffer(raw) {
            Ok(d) => Box::new(d),
            Err(e) => {
                emit(reject("bad_zstd", e.to_string()));
                return;
            }
        },
    };
    // Against bombs: a compressed file inflates to at most `max_ratio` times its size.
    let ratio_limit = match compression {
        Compression::None => u64::MAX,
        _ => file.size.saturating_mul(opts.max_ratio).max(RATIO_FLOOR),
    };
    let limit = opts.max_file_bytes.min(ratio_limit);
    let mut reader = BufReader::with_capacity(
        match compression {
            Compression::None => small,
            _ => 64 << 10,
        },
        Limited {
            inner,
            left: limit,
            hit: false,
        },
    );
    let name = inner_name(&file.path);
    let format = match opts.format {
        Format::Auto => match sniff(&name, &mut reader) {
            Ok(Some(f)) => f,
            Ok(None) => {
                emit(reject(
                    "unknown_format",
                    "not a page, JSON, web archive or WordPress export (binary content)".into(),
                ));
                return;
            }
            Err(e) => {
                emit(reject(io_reason(compression), e.to_string()));
                return;
            }
        },
        f => f,
    };
    if matches!(format, Format::Warc | Format::Wet) {
        reader.get_mut().left = u64::MAX;
    }
    match format {
        Format::Jsonl => jsonl::read(&source, &mut reader, opts, emit),
        Format::Warc | Format::Wet => warc::read(&source, &mut reader, opts, emit),
        Format::WpJson => wpjson::read(&source, &mut reader, opts, emit),
        Format::Wxr => wxr::read(&source, &mut reader, opts, emit),
        Format::Html => read_whole_text(&source, &mut reader, opts, compression, "html", emit),
        _ => read_whole_text(&source, &mut reader, opts, compression, "text", emit),
    }
    if reader.get_ref().hit {
        let why = if limit < opts.max_file_bytes {
            format!(
                "more than {}x its {} compressed bytes (max_ratio)",
                opts.max_ratio, file.size
            )
        } else {
            "max_file_bytes".to_string()
        };
        emit(reject(
            "too_large",
            format!("stopped after {limit} decompressed bytes ({why}); the rest of the file is not read"),
        ));
    }
}

/// Compressed files may always inflate to this many bytes, whatever their ratio.
const RATIO_FLOOR: u64 = 64 << 20;

fn io_reason(c: Compression) -> &'static str {
    match c {
        Compression::None => "unreadable",
        Compression::Gzip => "bad_gzip",
        Compression::Zstd => "bad_zstd",
    }
}

/// Decides the format of a file from its name, then its first bytes. `None`: binary.
fn sniff(name: &str, reader: &mut dyn BufRead) -> std::io::Result<Option<Format>> {
    let head = reader.fill_buf()?;
    let head = &head[..head.len().min(8192)];
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        return Ok(Some(Format::Jsonl));
    }
    if head.starts_with(b"WARC/") || name.ends_with(".warc") || name.ends_with(".wet") {
        return Ok(Some(if name.ends_with(".wet") || name.contains(".wet.") {
            Format::Wet
        } else {
            Format::Warc
        }));
    }
    let is_utf16 = head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]);
    if !is_utf16 && head.contains(&0) {
        return Ok(None);
    }
    if name.ends_with(".txt") || name.ends_with(".text") {
        return Ok(Some(Format::Text));
    }
    let first = head
        .iter()
        .copied()
        .find(|b| !b.is_ascii_whitespace() && *b != 0xef && *b != 0xbb && *b != 0xbf);
    let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    if first == Some(b'[') && (name.ends_with(".json") || has(b"\"rendered\"")) {
        return Ok(Some(Format::WpJson));
    }
    if first == Some(b'{') && has(b"\"rendered\"") && has(b"\"content\"") {
        return Ok(Some(Format::WpJson));
    }
    if first == Some(b'{') && (name.ends_with(".json") || head.contains(&b'"')) {
        return Ok(Some(Format::Jsonl));
    }
    // WordPress exports, and RSS feeds (items with content:encoded read the same way)
    if first == Some(b'<') && (has(b"wordpress.org/export") || has(b"<rss")) {
        return Ok(Some(Format::Wxr));
    }
    let html_name = [".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"]
        .iter()
        .any(|e| name.ends_with(e));
    if html_name
        || (first == Some(b'<')
            && crate::posts::html::looks_like_html(&String::from_utf8_lossy(head)))
    {
        return Ok(Some(Format::Html));
    }
    Ok(Some(Format::Text))
}

fn read_whole_text(
    source: &str,
    reader: &mut dyn BufRead,
    opts: &ReadOptions,
    compression: Compression,
    format: &str,
    emit: &mut dyn FnMut(ReadEvent),
) {
    let mut bytes = Vec::new();
    let limit = opts.max_record_bytes as u64 + 1;
    let result = reader.take(limit).read_to_end(&mut bytes);
    if let Err(e) = result {
        if bytes.is_empty() {
            emit(ReadEvent::Reject(Reject::new(
                source,
                "read",
                io_reason(compression),
                Some(e.to_string()),
            )));
            return;
        }
        // A truncated archive: keep what was read, and say so.
        emit(ReadEvent::Reject(Reject::new(
            source,
            "read",
            io_reason(compression),
            Some(format!("{e}; kept the first {} bytes", bytes.len())),
        )));
    }
    if bytes.len() as u64 >= limit {
        emit(ReadEvent::Reject(Reject::new(
            source,
            "read",
            "record_too_large",
            Some(format!(
                "page larger than {} bytes (max_record_bytes)",
                opts.max_record_bytes
            )),
        )));
        return;
    }
    let url = if format == "html" {
        html::url_of(&bytes)
    } else {
        None
    };
    emit_text(source, url, format, &bytes, emit);
}

/// Decodes page bytes and emits the document (and an `invalid_utf8` reject when lossy).
pub(crate) fn emit_text(
    source: &str,
    url: Option<String>,
    format: &str,
    bytes: &[u8],
    emit: &mut dyn FnMut(ReadEvent),
) {
    let Decoded { text, lossy } = decode_text(bytes);
    if lossy {
        emit(ReadEvent::Reject(Reject::new(
            source,
            "read",
            "invalid_utf8",
            Some("invalid UTF-8 replaced with U+FFFD; the page is kept".into()),
        )));
    }
    if text.trim().is_empty() {
        emit(ReadEvent::Reject(Reject::new(
            source,
            "read",
            "empty",
            Some("no text".into()),
        )));
        return;
    }
    emit(ReadEvent::Doc(Document {
        source: source.to_string(),
        url,
        format: format.to_string(),
        text,
    }));
}

/// Reads every input into memory: documents and rejects. For large inputs use
/// [`crate::pipeline`], which streams.
///
/// # Examples
/// ```no_run
/// let (docs, rejects) = nkecon::read::read_all(&["archive/".to_string()], &Default::default()).unwrap();
/// println!("{} documents, {} rejects", docs.len(), rejects.len());
/// ```
pub fn read_all(inputs: &[String], opts: &ReadOptions) -> Result<(Vec<Document>, Vec<Reject>)> {
    let (files, mut rejects) = expand(inputs, opts)?;
    let mut per_file: Vec<(Vec<Document>, Vec<Reject>)> = {
        use rayon::prelude::*;
        files
            .par_iter()
            .map(|f| {
                let mut docs = Vec::new();
                let mut rej = Vec::new();
                read_file(f, opts, &mut |ev| match ev {
                    ReadEvent::Doc(d) => docs.push(d),
                    ReadEvent::Reject(r) => rej.push(r),
                });
                (docs, rej)
            })
            .collect()
    };
    let mut docs = Vec::new();
    for (d, r) in per_file.drain(..) {
        docs.extend(d);
        rejects.extend(r);
    }
    Ok((docs, rejects))
}

/// Collects what a reader emits, for the readers' unit tests.
#[cfg(test)]
pub(crate) fn collect(
    read: impl FnOnce(&mut dyn FnMut(ReadEvent)),
) -> (Vec<Document>, Vec<Reject>) {
    let mut docs = Vec::new();
    let mut rejects = Vec::new();
    read(&mut |ev| match ev {
        ReadEvent::Doc(d) => docs.push(d),
        ReadEvent::Reject(r) => rejects.push(r),
    });
    (docs, rejects)
}

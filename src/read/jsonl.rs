//! JSON lines: one page a line, `{"text": ..., "url": ...}`.

use std::io::BufRead;

use super::{emit_text, ReadEvent, ReadOptions};
use crate::model::Reject;

#[derive(serde::Deserialize)]
struct Record {
    text: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// Reads JSON lines; record `n` (1-based, counting non-blank lines) has source `path#n`.
pub(super) fn read(
    source: &str,
    reader: &mut dyn BufRead,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(ReadEvent),
) {
    let mut line = Vec::new();
    let mut n = 0usize;
    loop {
        line.clear();
        let (read, too_long) = match read_line_limited(reader, &mut line, opts.max_record_bytes) {
            Ok(r) => r,
            Err(e) => {
                emit(ReadEvent::Reject(Reject::new(
                    format!("{source}#{}", n + 1),
                    "read",
                    "truncated",
                    Some(format!("{e}; the records before this one are kept")),
                )));
                return;
            }
        };
        if read == 0 {
            return;
        }
        let trimmed = line.trim_ascii();
        // (a line too long to keep was cleared: it is a record, not a blank line)
        if trimmed.is_empty() && !too_long {
            continue;
        }
        n += 1;
        let rec_source = format!("{source}#{n}");
        if too_long {
            emit(ReadEvent::Reject(Reject::new(
                rec_source,
                "read",
                "record_too_large",
                Some(format!(
                    "line longer than {} bytes (max_record_bytes)",
                    opts.max_record_bytes
                )),
            )));
            continue;
        }
        let lossy = std::str::from_utf8(trimmed).is_err();
        let text = String::from_utf8_lossy(trimmed);
        match serde_json::from_str::<Record>(&text) {
            Ok(Record { text: Some(t), url }) => {
                if lossy {
                    emit(ReadEvent::Reject(Reject::new(
                        rec_source.clone(),
                        "read",
                        "invalid_utf8",
                        Some("invalid UTF-8 replaced with U+FFFD; the record is kept".into()),
                    )));
                }
                emit_text(&rec_source, url, "jsonl", t.as_bytes(), emit);
            }
            Ok(Record { text: None, .. }) => emit(ReadEvent::Reject(Reject::new(
                rec_source,
                "read",
                "no_text",
                Some("JSON record without a string `text` field".into()),
            ))),
            Err(e) => emit(ReadEvent::Reject(Reject::new(
                rec_source,
                "read",
                "bad_json",
                Some(e.to_string()),
            ))),
        }
    }
}

/// Reads one line into `buf` (without storing more than `max` bytes);
/// returns bytes consumed and whether the line was longer than `max`.
fn read_line_limited(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut too_long = false;
    loop {
        let avail = reader.fill_buf()?;
        if avail.is_empty() {
            return Ok((consumed, too_long));
        }
        let (chunk, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (&avail[..=i], true),
            None => (avail, false),
        };
        let len = chunk.len();
        if !too_long {
            if buf.len() + len > max + 1 {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        reader.consume(len);
        consumed += len;
        if done {
            return Ok((consumed, too_long));
        }
    }
}

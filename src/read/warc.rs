//! Web archives: WARC/1.0 and 1.1 files and WET files, streamed record by record.
//!
//! `.warc.gz` files are gzip members per record; the caller's `MultiGzDecoder`
//! already joins them, so this reader sees one stream of records and never holds
//! more than one record in memory. `response` records (an HTTP response: status
//! line and headers skipped, chunked and gzip/deflate bodies decoded) and
//! `resource` records holding HTML become `warc` documents; `conversion` records
//! (WET) become `wet` documents holding text. `warcinfo`, `request`, `metadata`
//! and `revisit` records carry no page and are passed over. Record `n` (1-based,
//! counting every record) has source `path#n`; its `WARC-Target-URI` is the URL.

use std::io::{BufRead, Read};

use super::{emit_text, ReadEvent, ReadOptions};
use crate::model::Reject;

const MAX_HEADER_BYTES: usize = 256 << 10;

fn reject(source: &str, n: usize, reason: &str, detail: String) -> ReadEvent {
    ReadEvent::Reject(Reject::new(
        format!("{source}#{n}"),
        "read",
        reason,
        Some(detail),
    ))
}

/// Reads one line (up to `\n`), at most `max` bytes kept. Returns bytes consumed.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> std::io::Result<usize> {
    let mut consumed = 0;
    loop {
        let avail = reader.fill_buf()?;
        if avail.is_empty() {
            return Ok(consumed);
        }
        let (chunk, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (&avail[..=i], true),
            None => (avail, false),
        };
        let len = chunk.len();
        if buf.len() < max {
            let keep = len.min(max - buf.len());
            buf.extend_from_slice(&chunk[..keep]);
        }
        reader.consume(len);
        consumed += len;
        if done {
            return Ok(consumed);
        }
    }
}

/// Header fields of a WARC record or an HTTP response.
#[derive(Debug, Default)]
struct Headers {
    fields: Vec<(String, String)>,
}

impl Headers {
    fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    fn parse_line(&mut self, line: &str) {
        if let Some((k, v)) = line.split_once(':') {
            if self.fields.len() < 256 {
                self.fields
                    .push((k.trim().to_string(), v.trim().to_string()));
            }
        } else if let Some(last) = self.fields.last_mut() {
            // folded continuation line
            last.1.push(' ');
            last.1.push_str(line.trim());
        }
    }
}

/// Reads WARC or WET records from `reader`, emitting documents and rejects.
pub(super) fn read(
    source: &str,
    reader: &mut dyn BufRead,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(ReadEvent),
) {
    let mut n = 0usize;
    let mut line = Vec::new();
    // after a bad record: lines are skipped until the next version line
    let mut resyncing = false;
    loop {
        // the version line, after any blank lines between records
        line.clear();
        let got = match read_line(reader, &mut line, 1024) {
            Ok(g) => g,
            Err(e) => {
                emit(reject(
                    source,
                    n + 1,
                    "truncated",
                    format!("{e}; the records before this one are kept"),
                ));
                return;
            }
        };
        if got == 0 {
            return;
        }
        let t = line.trim_ascii();
        if t.is_empty() {
            continue;
        }
        if !t.starts_with(b"WARC/") {
            if !resyncing {
                n += 1;
                emit(reject(
                    source,
                    n,
                    "bad_warc",
                    format!(
                        "expected a WARC/1.x version line, found {:?}; skipped to the next record",
                        String::from_utf8_lossy(&t[..t.len().min(60)])
                    ),
                ));
                resyncing = true;
            }
            continue;
        }
        resyncing = false;
        n += 1;
        // header fields up to the blank line
        let mut h = Headers::default();
        let mut header_bytes = 0usize;
        loop {
            line.clear();
            match read_line(reader, &mut line, 64 << 10) {
                Ok(0) => {
                    emit(reject(
                        source,
                        n,
                        "truncated",
                        "file ends inside a WARC header".into(),
                    ));
                    return;
                }
                Ok(g) => header_bytes += g,
                Err(e) => {
                    emit(reject(source, n, "truncated", e.to_string()));
                    return;
                }
            }
            let t = line.trim_ascii_end();
            if t.is_empty() {
                break;
            }
            if header_bytes > MAX_HEADER_BYTES {
                emit(reject(
                    source,
                    n,
                    "bad_warc",
                    "WARC header larger than 256 KiB".into(),
                ));
                return;
            }
            h.parse_line(&String::from_utf8_lossy(t));
        }
        let Some(len) = h
            .get("Content-Length")
            .and_then(|v| v.trim().parse::<u64>().ok())
        else {
            emit(reject(
                source,
                n,
                "bad_warc",
                "record without a valid Content-Length; skipped to the next record".into(),
            ));
            resyncing = true;
            continue;
        };
        let kind = h.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let wanted = matches!(kind.as_str(), "response" | "resource" | "conversion");
        if !wanted || len > opts.max_record_bytes as u64 {
            if let Err(detail) = whole(
                std::io::copy(&mut reader.take(len), &mut std::io::sink()),
                len,
            ) {
                emit(reject(source, n, "truncated", detail));
                return;
            }
            if wanted {
                emit(reject(
                    source,
                    n,
                    "record_too_large",
                    format!(
                        "{len} bytes, more than max_record_bytes ({})",
                        opts.max_record_bytes
                    ),
                ));
            } else if !matches!(
                kind.as_str(),
                "warcinfo" | "request" | "metadata" | "revisit" | "continuation"
            ) {
                emit(reject(
                    source,
                    n,
                    "bad_warc",
                    format!("unknown WARC-Type {kind:?}"),
                ));
            }
            continue;
        }
        let mut body = Vec::with_capacity(len as usize);
        let got = reader.take(len).read_to_end(&mut body).map(|k| k as u64);
        if let Err(detail) = whole(got, len) {
            emit(reject(source, n, "truncated", detail));
            return;
        }
        let url = h
            .get("WARC-Target-URI")
            .map(|u| {
                u.trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_string()
            })
            .filter(|u| !u.is_empty());
        let rec_source = format!("{source}#{n}");
        match kind.as_str() {
            "conversion" => emit_text(&rec_source, url, "wet", &body, emit),
            "resource" => {
                let ct = h.get("Content-Type").unwrap_or("").to_ascii_lowercase();
                record_payload(&rec_source, url, &ct, &body, emit);
            }
            _ => match http_payload(&body) {
                Ok((status, ct, payload)) => {
                    if !(200..300).contains(&status) {
                        emit(ReadEvent::Reject(Reject::new(
                            rec_source,
                            "read",
                            "http_status",
                            Some(format!("HTTP status {status}; no page")),
                        )));
                    } else {
                        record_payload(&rec_source, url, &ct, &payload, emit);
                    }
                }
                Err(detail) => emit(ReadEvent::Reject(Reject::new(
                    rec_source,
                    "read",
                    "bad_http",
                    Some(detail),
                ))),
            },
        }
    }
}

/// Emits a record's payload when it is a page (HTML or text), else a reject.
fn record_payload(
    source: &str,
    url: Option<String>,
    content_type: &str,
    payload: &[u8],
    emit: &mut dyn FnMut(ReadEvent),
) {
    let ct = content_type.split(';').next().unwrap_or("").trim();
    let page = ct.is_empty()
        || ct.contains("html")
        || ct.starts_with("text/")
        || ct == "application/xml"
        || ct == "application/octet-stream" && !payload.contains(&0);
    if !page {
        emit(ReadEvent::Reject(Reject::new(
            source,
            "read",
            "not_a_page",
            Some(format!("payload of type {ct:?}")),
        )));
        return;
    }
    emit_text(source, url, "warc", payload, emit);
}

/// Splits an HTTP response into status, content type and decoded body.
fn http_payload(body: &[u8]) -> Result<(u16, String, Vec<u8>), String> {
    let head_end = memchr::memmem::find(body, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(body, b"\n\n").map(|i| (i, i + 2)));
    let Some((he, bs)) = head_end else {
        return Err("HTTP response without a header end".into());
    };
    let head = String::from_utf8_lossy(&body[..he]);
    let mut lines = head.split('\n');
    let status_line = lines.next().unwrap_or("").trim();
    if !status_line.starts_with("HTTP/") {
        return Err(format!(
            "not an HTTP status line: {:?}",
            status_line.chars().take(60).collect::<String>()
        ));
    }
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad HTTP status line {status_line:?}"))?;
    let mut h = Headers::default();
    for l in lines {
        h.parse_line(l.trim_end_matches('\r'));
    }
    let ct = h.get("Content-Type").unwrap_or("").to_ascii_lowercase();
    let mut payload = body[bs..].to_vec();
    if h.get("Transfer-Encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
    {
        if let Some(d) = dechunk(&payload) {
            payload = d;
        }
    }
    match h
        .get("Content-Encoding")
        .map(|e| e.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("") | Some("identity") => {}
        Some("gzip") | Some("x-gzip") => {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&payload[..])
                .read_to_end(&mut out)
                .map_err(|e| format!("gzip body: {e}"))?;
            payload = out;
        }
        Some("deflate") => {
            let mut out = Vec::new();
            if flate2::read::ZlibDecoder::new(&payload[..])
                .read_to_end(&mut out)
                .is_err()
            {
                out.clear();
                flate2::read::DeflateDecoder::new(&payload[..])
                    .read_to_end(&mut out)
                    .map_err(|e| format!("deflate body: {e}"))?;
            }
            payload = out;
        }
        Some(other) => return Err(format!("unsupported Content-Encoding {other:?}")),
    }
    Ok((status, ct, payload))
}

/// Decodes a chunked transfer encoding; `None` when the body is not chunked after all.
fn dechunk(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    loop {
        let nl = memchr::memchr(b'\n', b.get(i..)?)? + i;
        let size_str = std::str::from_utf8(&b[i..nl]).ok()?.trim();
        let size_str = size_str.split(';').next()?.trim();
        let size = usize::from_str_radix(size_str, 16).ok()?;
        i = nl + 1;
        if size == 0 {
            return Some(out);
        }
        let end = i.checked_add(size)?;
        out.extend_from_slice(b.get(i..end)?);
        i = end;
        // CRLF after the chunk
        while matches!(b.get(i), Some(b'\r' | b'\n')) {
            i += 1;
            if b.get(i - 1) == Some(&b'\n') {
                break;
            }
        }
        if i >= b.len() {
            return Some(out);
        }
    }
}

/// `Ok` when a read of a record body of `len` bytes got them all; else the detail
/// of the `truncated` reject.
fn whole(read: std::io::Result<u64>, len: u64) -> Result<(), String> {
    match read {
        Ok(k) if k == len => Ok(()),
        Ok(_) => Err("file ends inside a WARC record".into()),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn run(bytes: &[u8]) -> (Vec<Document>, Vec<Reject>) {
        let mut r = std::io::BufReader::with_capacity(7, bytes);
        crate::read::collect(|emit| read("a.warc", &mut r, &ReadOptions::default(), emit))
    }

    #[test]
    fn records_of_every_kind() {
        let mut f = record("warcinfo", "", b"software: test\r\n");
        f.extend(record(
            "request",
            "https://a.example/p/",
            b"GET /p/ HTTP/1.1\r\n\r\n",
        ));
        f.extend(record(
            "response",
            "<https://a.example/p/>",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>He\r\n7\r\nllo</p>\r\n0\r\n\r\n",
        ));
        f.extend(record(
            "response",
            "https://a.example/img",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\0\0",
        ));
        f.extend(record(
            "response",
            "https://a.example/gone",
            b"HTTP/1.1 404 Not Found\r\n\r\nno",
        ));
        f.extend(b"garbage line\r\n");
        f.extend(record(
            "conversion",
            "https://a.example/q/",
            "Title\n\nText ŭ".as_bytes(),
        ));
        let (docs, rej) = run(&f);
        assert_eq!(docs.len(), 2, "{rej:?}");
        assert_eq!(docs[0].text, "<p>Hello</p>");
        assert_eq!(docs[0].format, "warc");
        assert_eq!(docs[0].url.as_deref(), Some("https://a.example/p/"));
        assert_eq!(docs[0].source, "a.warc#3");
        assert_eq!(docs[1].format, "wet");
        assert_eq!(docs[1].source, "a.warc#7");
        let reasons: Vec<&str> = rej.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(reasons, vec!["not_a_page", "http_status", "bad_warc"]);
    }

    #[test]
    fn truncated_record() {
        let mut f = record("resource", "https://a.example/", b"<p>ok</p>");
        let mut g = record("resource", "https://a.example/2", b"<p>cut here</p>");
        g.truncate(g.len() - 10);
        f.extend(g);
        let (docs, rej) = run(&f);
        assert_eq!(docs.len(), 1);
        assert_eq!(rej.len(), 1);
        assert_eq!(rej[0].reason, "truncated");
        assert_eq!(rej[0].source, "a.warc#2");
    }

    #[test]
    fn every_truncation_and_byte_flip_is_survived() {
        let mut f = record("response", "https://a.example/p/", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n\x1f\x8b\x08junk");
        f.extend(record(
            "resource",
            "https://a.example/q/",
            "<p>ŭ</p>".as_bytes(),
        ));
        for cut in 0..f.len() {
            let _ = run(&f[..cut]);
        }
        for i in 0..f.len() {
            let mut g = f.clone();
            g[i] = g[i].wrapping_add(0x41);
            let _ = run(&g);
        }
        let (docs, rej) = run(&f);
        assert_eq!(docs.len(), 1);
        assert_eq!(rej[0].reason, "bad_http");
    }
}

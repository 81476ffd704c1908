//! Reading through the public API: formats, compression, sources, rejects.

use std::io::Write;
use std::path::Path;

use nkecon::read::{expand, read_all, Format, ReadOptions};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p.to_string_lossy().into_owned()
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).expect("gz");
    e.finish().expect("gz")
}

fn reasons(r: &[nkecon::Reject]) -> Vec<&str> {
    r.iter().map(|r| r.reason.as_str()).collect()
}

#[test]
fn jsonl_records_are_numbered_and_blank_lines_skipped() {
    let d = tempfile::tempdir().expect("tmp");
    let f = write(
        d.path(),
        "c.jsonl",
        b"{\"text\":\"a\",\"url\":\"u1\"}\n\n{\"text\":\"b\"}\n{\"nope\":1}\n",
    );
    let (docs, rej) = read_all(std::slice::from_ref(&f), &ReadOptions::default()).expect("read");
    let sources: Vec<_> = docs.iter().map(|d| d.source.as_str()).collect();
    assert_eq!(sources, vec![format!("{f}#1"), format!("{f}#2")]);
    assert_eq!(docs[0].url.as_deref(), Some("u1"));
    assert_eq!(rej.len(), 1);
    assert_eq!(rej[0].source, format!("{f}#3"));
    assert_eq!(rej[0].reason, "no_text");
}

#[test]
fn gzip_and_zstd_are_transparent_and_sniffed_by_magic() {
    let d = tempfile::tempdir().expect("tmp");
    let page = "Title\n\nBody with Sinŭiju.\r\n".as_bytes();
    let a = write(d.path(), "a.txt.gz", &gz(page));
    let z = zstd::encode_all(page, 3).expect("zstd");
    let b = write(d.path(), "b.txt.zst", &z);
    let c = write(d.path(), "c.txt", &gz(page)); // gzip without the extension
    let (docs, rej) = read_all(&[a, b, c], &ReadOptions::default()).expect("read");
    assert!(rej.is_empty(), "{rej:?}");
    assert_eq!(docs.len(), 3);
    for doc in &docs {
        assert_eq!(doc.text, "Title\n\nBody with Sinŭiju.\n");
    }
}

#[test]
fn multi_member_gzip_jsonl_reads_every_member() {
    let d = tempfile::tempdir().expect("tmp");
    let mut bytes = gz(b"{\"text\":\"one\"}\n");
    bytes.extend(gz(b"{\"text\":\"two\"}\n"));
    let f = write(d.path(), "m.jsonl.gz", &bytes);
    let (docs, _) = read_all(&[f], &ReadOptions::default()).expect("read");
    assert_eq!(
        docs.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(),
        vec!["one", "two"]
    );
}

#[test]
fn truncated_gzip_keeps_the_records_before_the_break() {
    let d = tempfile::tempdir().expect("tmp");
    let lines: String = (0..2000)
        .map(|i| format!("{{\"text\":\"page number {i} with some words\"}}\n"))
        .collect();
    let full = gz(lines.as_bytes());
    let f = write(d.path(), "t.jsonl.gz", &full[..full.len() / 2]);
    let (docs, rej) = read_all(&[f], &ReadOptions::default()).expect("read");
    assert!(docs.len() > 100 && docs.len() < 2000, "{}", docs.len());
    assert_eq!(docs[0].text, "page number 0 with some words");
    assert_eq!(reasons(&rej), vec!["truncated"]);
}

#[test]
fn size_limits_reject_instead_of_reading_everything() {
    let d = tempfile::tempdir().expect("tmp");
    let big = write(d.path(), "big.txt", &vec![b'a'; 10_000]);
    let opts = ReadOptions {
        max_record_bytes: 1000,
        ..Default::default()
    };
    let (docs, rej) = read_all(std::slice::from_ref(&big), &opts).expect("read");
    assert!(docs.is_empty());
    assert_eq!(reasons(&rej), vec!["record_too_large"]);
    let opts = ReadOptions {
        max_file_bytes: 500,
        ..Default::default()
    };
    let (_, rej) = read_all(&[big], &opts).expect("read");
    assert!(reasons(&rej).contains(&"too_large"), "{rej:?}");
}

#[test]
fn encodings_binary_and_empty_files() {
    let d = tempfile::tempdir().expect("tmp");
    let mut utf16 = vec![0xff, 0xfe];
    for u in "Title\r\n\r\nRice 5,200 won".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let files = vec![
        write(d.path(), "u16.txt", &utf16),
        write(d.path(), "bad.txt", b"Title\n\nrice \xff\xfe won"),
        write(d.path(), "empty.txt", b""),
        write(d.path(), "blob.bin", &[0u8, 1, 2, 3, 0, 255, 0]),
    ];
    let (docs, rej) = read_all(&files, &ReadOptions::default()).expect("read");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].text, "Title\n\nRice 5,200 won");
    assert!(docs[1].text.contains('\u{fffd}'));
    let mut r = reasons(&rej);
    r.sort();
    assert_eq!(r, vec!["empty", "invalid_utf8", "unknown_format"]);
}

#[test]
fn folders_recurse_sorted_skip_hidden_and_survive_symlink_loops() {
    let d = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(d.path().join("b/inner")).expect("mkdir");
    write(d.path(), "b/inner/2.txt", b"x");
    write(d.path(), "a.txt", b"x");
    write(d.path(), ".hidden.txt", b"x");
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.path(), d.path().join("b/loop")).expect("symlink");
    let root = d.path().to_string_lossy().into_owned();
    let (files, rej) =
        expand(std::slice::from_ref(&root), &ReadOptions::default()).expect("expand");
    let names: Vec<String> = files.iter().map(|f| f.source()).collect();
    assert_eq!(
        names,
        vec![format!("{root}/a.txt"), format!("{root}/b/inner/2.txt")]
    );
    #[cfg(unix)]
    assert_eq!(reasons(&rej), vec!["symlink_loop"]);
}

#[test]
fn missing_paths_and_empty_globs_are_errors() {
    let d = tempfile::tempdir().expect("tmp");
    let missing = d.path().join("nope").to_string_lossy().into_owned();
    let e = expand(&[missing], &ReadOptions::default()).expect_err("missing");
    assert!(
        matches!(e.kind(), nkecon::ErrorKind::NotFound { .. }),
        "{e}"
    );
    let glob = d.path().join("*.txt").to_string_lossy().into_owned();
    assert!(expand(&[glob], &ReadOptions::default()).is_err());
}

#[test]
fn format_names_parse_and_errors_list_them() {
    assert_eq!("jsonl".parse::<Format>().expect("ok"), Format::Jsonl);
    let e = "pdf".parse::<Format>().expect_err("bad").to_string();
    assert!(
        e.contains("{auto, text, jsonl") && e.contains("'pdf'"),
        "{e}"
    );
}

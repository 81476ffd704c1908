//! Hostile input, generated on the fly in a temporary folder: random bytes, broken
//! encodings, empty files, nested tags, XML bombs and external entities, truncated
//! and bomb archives, a symlink loop, a file deleted mid-run, a 200 MB line. Every run
//! returns Ok, every bad input gets a `rejects` row that says why, the good pages among
//! them still give their posts, and (for the heavy cases, run in a child process) peak
//! memory stays under 2 GB.

mod common;

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

use common::{page, posts, rejects, Rej, Rng};
use nkecon::pipeline::{run, RunOptions};
use nkecon::read::{self, ReadEvent, ReadOptions};

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(p) = path.parent() {
        fs::create_dir_all(p).expect("mkdir");
    }
    fs::write(path, bytes).expect("write");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::stream::encode_all(bytes, 3).expect("zstd")
}

fn src(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

/// The reasons given for `source` (exact, or a record `source#n` of it).
fn reasons_for(rejects: &[Rej], source: &str) -> Vec<String> {
    rejects
        .iter()
        .filter(|r| {
            r.source == source
                || r.source
                    .strip_prefix(source)
                    .is_some_and(|rest| rest.starts_with('#'))
        })
        .map(|r| r.reason.clone())
        .collect()
}

fn titles(ps: &[nkecon::model::Post]) -> HashSet<String> {
    ps.iter().map(|p| p.title.clone()).collect()
}

/// A jsonl file of pages `ids`, one page a record (each with a paragraph of
/// pseudo-random numbers, so that the file does not compress to almost nothing).
fn jsonl(ids: std::ops::Range<usize>) -> String {
    let mut rng = Rng(ids.start as u64 * 7919 + 1);
    ids.map(|i| {
        let mut text = page([i], 2);
        for _ in 0..40 {
            text.push_str(&format!("{} ", rng.next() % 1_000_000));
        }
        let rec = serde_json::json!({"url": format!("https://example.org/{i}"), "text": text});
        rec.to_string() + "\n"
    })
    .collect()
}

#[test]
fn small_hostile_files_become_rejects_and_good_pages_posts() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path().join("in");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);

    // good pages
    write(&d.join("good/a.txt"), page([1], 2));
    write(&d.join("good/b.txt"), page([2, 3], 2));
    // binary blobs, with and without a page-like name
    write(&d.join("random.bin"), rng.bytes(64 << 10));
    write(&d.join("random.html"), rng.bytes(64 << 10));
    write(&d.join("random.txt.gz"), rng.bytes(4096));
    let mut zmagic = vec![0x28, 0xb5, 0x2f, 0xfd];
    zmagic.extend(rng.bytes(4096));
    write(&d.join("random.jsonl.zst"), zmagic);
    // invalid UTF-8 (Latin-1 bytes) in a good page: kept, and noted
    let latin = page([4], 2).replace("river port", "river p\u{f6}rt");
    let latin: Vec<u8> = latin
        .chars()
        .flat_map(|c| {
            if c == '\u{f6}' {
                vec![0xf6]
            } else {
                c.to_string().into_bytes()
            }
        })
        .collect();
    write(&d.join("latin1.txt"), latin);
    // UTF-16 with a BOM, both byte orders
    let mut le = vec![0xff, 0xfe];
    page([5], 2)
        .encode_utf16()
        .for_each(|u| le.extend(u.to_le_bytes()));
    write(&d.join("utf16le.txt"), le);
    let mut be = vec![0xfe, 0xff];
    page([6], 2)
        .encode_utf16()
        .for_each(|u| be.extend(u.to_be_bytes()));
    write(&d.join("utf16be.txt"), be);
    // empty and blank files
    write(&d.join("empty.txt"), "");
    write(&d.join("blank.html"), "\n\n   \r\n\t\n");
    write(&d.join("empty.jsonl"), "");
    // 100,000 nested tags
    write(
        &d.join("nested.html"),
        "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000),
    );
    write(
        &d.join("nested.txt"),
        "<b>".repeat(100_000) + "\n" + &"[".repeat(100_000),
    );
    // billion laughs and an external entity pointing at a file of ours
    let secret = tmp.path().join("secret.txt");
    write(&secret, "SECRET-MARKER-7f3a9c");
    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    laughs.push_str("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
    for k in 2..=9 {
        let prev = format!("&lol{};", k - 1);
        laughs.push_str(&format!("<!ENTITY lol{k} \"{}\">\n", prev.repeat(10)));
    }
    laughs.push_str("]>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><item><title>Laughs</title><wp:post_date>2020-01-02 10:00:00</wp:post_date><content:encoded>&lol9;</content:encoded></item></channel></rss>\n");
    write(&d.join("laughs.xml"), &laughs);
    write(&d.join("laughs.txt"), &laughs);
    let xxe = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file://{}\">]>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><item><title>Entity test</title><wp:post_date>2020-01-02 10:00:00</wp:post_date><content:encoded>Before &xxe; after.</content:encoded></item></channel></rss>\n",
        secret.display()
    );
    write(&d.join("xxe.xml"), &xxe);
    let wxr_head = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>";
    write(
        &d.join("nested.xml"),
        format!("{wxr_head}{}", "<wp:x>".repeat(100_000)),
    );
    // truncated archives: the records (or the page) before the break are kept
    let mut big_page = page([7], 1);
    for k in 0..3000 {
        big_page.push_str(&format!(
            "Paragraph {k}: the ledger for lot {} lists {} crates of {} at {} won.\n\n",
            rng.next() % 100_000,
            rng.next() % 1000,
            ["zinc", "coal", "maize", "rice"][k % 4],
            rng.next() % 90_000
        ));
    }
    let gz = gzip(big_page.as_bytes());
    write(&d.join("trunc.txt.gz"), &gz[..gz.len() * 6 / 10]);
    let gz = gzip(jsonl(100..300).as_bytes());
    write(&d.join("trunc.jsonl.gz"), &gz[..gz.len() / 2]);
    let zs = zstd(jsonl(300..700).as_bytes());
    write(&d.join("trunc.jsonl.zst"), &zs[..zs.len() / 2]);
    let gz = gzip(page([8], 2).as_bytes());
    write(&d.join("header-only.txt.gz"), &gz[..10]);
    // malformed JSON lines among good ones
    let mut bad = jsonl(9..10);
    bad.push_str("{\"text\": 5}\n{\"url\": \"https://example.org/x\"}\nnot json at all\n{\"text\": \"unterminated\n");
    bad.push_str(&jsonl(10..11));
    write(&d.join("bad.jsonl"), bad);
    // a symlink loop and a symlink to itself
    fs::create_dir_all(d.join("loop")).expect("mkdir");
    std::os::unix::fs::symlink("..", d.join("loop/up")).expect("symlink");
    std::os::unix::fs::symlink("self", d.join("self")).expect("symlink");
    // a post without a date (title + byline), kept and noted
    write(
        &d.join("undated.txt"),
        "Rations cut again in the northeast\n\nBy Jane Roe\n\nFamilies in two counties received smaller rations this month, a relief worker said, and the cut is the second since spring.\n\nShare\n",
    );

    let out = tmp.path().join("out");
    let s = run(
        &[d.to_string_lossy().into_owned()],
        &out,
        &RunOptions::default(),
    )
    .expect("a run over hostile input returns Ok");
    let rj = rejects(&out);
    let ps = posts(&out);
    let t = titles(&ps);
    assert!(rj.iter().all(|r| r.reason != "panic"), "{rj:#?}");

    // good pages give their posts, among them the ones in broken encodings
    for i in [1, 2, 3, 4, 5, 6, 9, 10] {
        assert!(
            t.contains(&common::title(i)),
            "post {i} missing: {t:?}\n{rj:#?}"
        );
    }
    let r = |name: &str| reasons_for(&rj, &src(&d, name));
    assert_eq!(r("good/a.txt"), Vec::<String>::new());
    assert_eq!(r("utf16le.txt"), Vec::<String>::new());
    assert_eq!(r("utf16be.txt"), Vec::<String>::new());
    assert_eq!(r("latin1.txt"), vec!["invalid_utf8"]);
    let latin_post = ps
        .iter()
        .find(|p| p.title == common::title(4))
        .expect("latin post");
    assert!(latin_post.body.contains("river p\u{fffd}rt"));

    // each bad input has a row
    for name in [
        "random.bin",
        "random.html",
        "random.txt.gz",
        "random.jsonl.zst",
    ] {
        assert!(!r(name).is_empty(), "{name}: no rejects row\n{rj:#?}");
    }
    assert_eq!(r("empty.txt"), vec!["empty"]);
    assert!(!r("blank.html").is_empty(), "{rj:#?}");
    assert!(!r("nested.html").is_empty(), "{rj:#?}");
    assert!(!r("nested.txt").is_empty(), "{rj:#?}");
    assert!(
        r("laughs.xml").contains(&"dtd_ignored".to_string()),
        "{rj:#?}"
    );
    assert!(r("xxe.xml").contains(&"dtd_ignored".to_string()), "{rj:#?}");
    assert_eq!(r("nested.xml"), vec!["bad_xml"], "{rj:#?}");
    assert!(!r("laughs.txt").is_empty(), "{rj:#?}");
    assert!(
        r("trunc.txt.gz").contains(&"bad_gzip".to_string()),
        "{rj:#?}"
    );
    assert!(
        t.contains(&common::title(7)),
        "the page before the break is kept"
    );
    assert!(!r("header-only.txt.gz").is_empty(), "{rj:#?}");
    for (name, range) in [("trunc.jsonl.gz", 100..300), ("trunc.jsonl.zst", 300..700)] {
        let reasons = r(name);
        assert!(
            reasons
                .iter()
                .any(|x| ["truncated", "bad_gzip", "bad_zstd"].contains(&x.as_str())),
            "{name}: {reasons:?}"
        );
        let kept = range
            .clone()
            .filter(|i| t.contains(&common::title(*i)))
            .count();
        assert!(
            kept >= 20,
            "{name}: only {kept} records before the break kept: {reasons:?}"
        );
        // the records kept are the first ones, in order
        assert!(t.contains(&common::title(range.start)));
    }
    let mut bad_reasons = r("bad.jsonl");
    bad_reasons.sort();
    assert!(
        bad_reasons.contains(&"bad_json".to_string()),
        "{bad_reasons:?}"
    );
    assert!(
        bad_reasons.contains(&"no_text".to_string()),
        "{bad_reasons:?}"
    );
    assert!(bad_reasons.len() >= 4, "{bad_reasons:?}");
    assert!(
        rj.iter()
            .any(|x| x.reason == "symlink_loop" && x.source.ends_with("loop/up")),
        "{rj:#?}"
    );
    assert_eq!(r("self"), vec!["symlink_loop"]);

    // the undated post is kept, and noted
    let undated = ps
        .iter()
        .find(|p| p.title == "Rations cut again in the northeast")
        .expect("undated post kept");
    assert!(undated.published.is_none());
    assert!(r("undated.txt").contains(&"no_date".to_string()), "{rj:#?}");

    // no entity was expanded, no external file was read
    for p in &ps {
        assert!(
            !p.body.contains("SECRET-MARKER"),
            "external entity expanded"
        );
        assert!(!p.body.contains("lollollollollol"), "entities expanded");
    }
    assert!(s.documents >= 10);
}

#[test]
fn limits_stop_bombs_and_long_records() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path().join("in");
    // a gzip bomb: 64 members of 1 MiB each, a few KiB on disk
    let member = gzip(&vec![b'A'; 1 << 20]);
    let bomb: Vec<u8> = member.repeat(64);
    write(&d.join("bomb.txt.gz"), &bomb);
    write(&d.join("bomb.jsonl.gz"), &bomb);
    let nl = gzip(&vec![b'\n'; 1 << 20]).repeat(64);
    write(&d.join("newlines.txt.gz"), &nl);
    // a page with a line longer than the record limit, and a JSON line too long
    write(&d.join("long.txt"), "x".repeat(3 << 20));
    let long_rec = serde_json::json!({"text": "y".repeat(3 << 20)}).to_string() + "\n";
    write(&d.join("long.jsonl"), long_rec + &jsonl(20..21));
    // a wp-json dump with a post far over the record limit after a good one
    let wp = |i: usize, body: &str| {
        serde_json::json!({"id": i, "date": "2021-05-04T10:00:00", "link": format!("https://example.org/2021/05/p{i}/"),
            "title": {"rendered": common::title(i)}, "content": {"rendered": format!("<p>{body}</p>")}})
    };
    let dump = serde_json::json!([
        wp(
            23,
            "Shipments fell 12 percent to $4.5 million in April, a customs official said."
        ),
        wp(24, &"z".repeat(5 << 20))
    ]);
    write(&d.join("posts.json"), dump.to_string());
    // many short lines
    write(&d.join("lines.txt"), "a\n".repeat(300_000));
    write(&d.join("ok.txt"), page([21, 22], 2));

    let opts = RunOptions {
        read: ReadOptions {
            max_record_bytes: 2 << 20,
            max_file_bytes: 16 << 20,
            max_record_lines: 100_000,
            ..Default::default()
        },
        ..Default::default()
    };
    let out = tmp.path().join("out");
    run(&[d.to_string_lossy().into_owned()], &out, &opts).expect("run");
    let rj = rejects(&out);
    let t = titles(&posts(&out));
    let r = |name: &str| reasons_for(&rj, &src(&d, name));
    assert_eq!(r("bomb.txt.gz"), vec!["record_too_large"]);
    assert_eq!(
        r("bomb.jsonl.gz"),
        vec!["record_too_large", "too_large"],
        "{rj:#?}"
    );
    assert!(
        r("newlines.txt.gz").contains(&"record_too_large".to_string()),
        "{rj:#?}"
    );
    assert_eq!(r("long.txt"), vec!["record_too_large"]);
    assert_eq!(r("long.jsonl"), vec!["record_too_large"], "{rj:#?}");
    assert!(
        t.contains(&common::title(20)),
        "the record after a long line is read"
    );
    assert_eq!(r("lines.txt"), vec!["record_too_large"]);
    assert!(t.contains(&common::title(21)) && t.contains(&common::title(22)));
    assert_eq!(r("posts.json"), vec!["record_too_large"], "{rj:#?}");
    assert!(
        t.contains(&common::title(23)),
        "the post before the big one is kept"
    );

    // the ratio limit, alone: the default max_file_bytes, a small file inflating far
    let opts = ReadOptions {
        max_ratio: 10,
        ..Default::default()
    };
    let big = tmp.path().join("ratio/huge.jsonl.gz");
    write(&big, gzip(&vec![b' '; 80 << 20]));
    let (files, _) = read::expand(&[big.to_string_lossy().into_owned()], &opts).expect("expand");
    let mut reasons = Vec::new();
    read::read_file(&files[0], &opts, &mut |ev| {
        if let ReadEvent::Reject(r) = ev {
            reasons.push((r.reason, r.detail.unwrap_or_default()));
        }
    });
    assert!(
        reasons
            .iter()
            .any(|(r, d)| r == "too_large" && d.contains("max_ratio")),
        "{reasons:?}"
    );
}

#[test]
fn a_file_deleted_after_listing_is_a_reject() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path().join("in");
    write(&d.join("a.txt"), page([30], 1));
    write(&d.join("b.txt"), page([31], 1));
    let opts = ReadOptions::default();
    let (files, rej) = read::expand(&[d.to_string_lossy().into_owned()], &opts).expect("expand");
    assert_eq!((files.len(), rej.len()), (2, 0));
    fs::remove_file(&files[1].path).expect("delete");
    let mut events = Vec::new();
    for f in &files {
        read::read_file(f, &opts, &mut |ev| events.push(ev));
    }
    assert!(matches!(&events[0], ReadEvent::Doc(doc) if doc.text.contains(&common::title(30))));
    match &events[1] {
        ReadEvent::Reject(r) => assert_eq!(
            (r.source.as_str(), r.reason.as_str()),
            (src(&d, "b.txt").as_str(), "unreadable")
        ),
        other => panic!("expected a reject, got {other:?}"),
    }
}

#[test]
fn a_file_deleted_during_a_run_is_a_reject() {
    // One file a batch; the reader runs at most a few files ahead of the parser
    // (bounded channel), so deleting file 15 when the first batch is parsed is
    // always before it is read.
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path().join("in");
    for i in 0..20 {
        write(&d.join(format!("p{i:02}.txt")), page([40 + i], 1));
    }
    let victim = d.join("p15.txt");
    let pending = Arc::new(Mutex::new(Some(victim.clone())));
    let p2 = pending.clone();
    let opts = RunOptions {
        batch_bytes: 1,
        progress: Some(Arc::new(move |_p: &nkecon::pipeline::Progress| {
            if let Some(v) = p2.lock().expect("lock").take() {
                fs::remove_file(v).expect("delete");
            }
        })),
        ..Default::default()
    };
    let out = tmp.path().join("out");
    let s = run(&[d.to_string_lossy().into_owned()], &out, &opts).expect("run");
    assert!(pending.lock().expect("lock").is_none(), "callback ran");
    let rj = rejects(&out);
    assert_eq!(
        reasons_for(&rj, &victim.to_string_lossy()),
        vec!["unreadable"]
    );
    let t = titles(&posts(&out));
    assert_eq!(t.len(), 19);
    assert!(!t.contains(&common::title(55)));
    assert_eq!(s.documents, 19);
}

#[test]
fn heavy_inputs_in_a_child_process_stay_under_2_gb() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path().join("in");
    fs::create_dir_all(&d).expect("mkdir");
    // a 200 MB single line
    {
        let f = fs::File::create(d.join("line.txt")).expect("create");
        let mut w = std::io::BufWriter::new(f);
        let chunk = "Trade rose 5 percent to $3 million and ".repeat(1000);
        let mut n = 0;
        while n < 200_000_000 {
            w.write_all(chunk.as_bytes()).expect("write");
            n += chunk.len();
        }
        w.flush().expect("flush");
    }
    // gzip bombs past 1 GB: 1,100 members of 1 MiB each (about 1 MB on disk)
    for (name, byte) in [
        ("bomb.txt.gz", b'A'),
        ("bomb.jsonl.gz", b'{'),
        ("zeros.gz", 0u8),
    ] {
        let member = gzip(&vec![byte; 1 << 20]);
        let f = fs::File::create(d.join(name)).expect("create");
        let mut w = std::io::BufWriter::new(f);
        for _ in 0..1100 {
            w.write_all(&member).expect("write");
        }
        w.flush().expect("flush");
    }
    // a zstd bomb: one frame, 1.5 GB of spaces, streamed through the encoder
    {
        let f = fs::File::create(d.join("bomb.txt.zst")).expect("create");
        let mut enc = zstd::stream::write::Encoder::new(f, 1).expect("zstd");
        let block = vec![b' '; 1 << 20];
        for _ in 0..1500 {
            enc.write_all(&block).expect("write");
        }
        enc.finish().expect("finish");
    }
    // two million short lines
    write(&d.join("lines.txt"), "a\n".repeat(2_000_000));
    write(&d.join("ok.txt"), page([60, 61], 2));

    let out = tmp.path().join("out");
    let log = tmp.path().join("stderr.txt");
    let exit = common::run_cli(
        &[
            "run",
            &d.to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
            "--quiet",
        ],
        &log,
    );
    assert_eq!(exit.code, Some(0), "{exit:?}");
    eprintln!("heavy inputs: peak memory {} MiB", exit.maxrss_kib / 1024);
    assert!(
        exit.maxrss_kib < 2 * 1024 * 1024,
        "peak memory {} MiB",
        exit.maxrss_kib / 1024
    );
    let rj = rejects(&out);
    let r = |name: &str| reasons_for(&rj, &src(&d, name));
    assert_eq!(r("line.txt"), vec!["record_too_large"]);
    assert_eq!(r("bomb.txt.gz"), vec!["record_too_large"]);
    // (stopped by max_ratio at 64 MiB of spaces: what was read is blank)
    assert!(
        r("bomb.txt.zst").contains(&"too_large".to_string()),
        "{rj:#?}"
    );
    let jb = r("bomb.jsonl.gz");
    assert!(jb.contains(&"too_large".to_string()), "{jb:?}");
    assert_eq!(r("zeros.gz"), vec!["unknown_format"]);
    assert_eq!(r("lines.txt"), vec!["record_too_large"]);
    let t = titles(&posts(&out));
    assert!(t.contains(&common::title(60)) && t.contains(&common::title(61)));
}

//! The whole run through the public API: layout, dedupe, spill partitions, atomic replace.

use std::path::Path;

use arrow_array::{Array, RecordBatch};
use nkecon::pipeline::{run, RunOptions};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn page(month: &str, titles: &[(&str, u32)]) -> String {
    let mut s = format!("Archive for {month}, 2019\n\n");
    for (t, day) in titles {
        s.push_str(&format!(
            "{t}\n\nMonday, {month} {day}th, 2019\n\nBy Jo Writer\n\nExports to China came to $14.2 million in {month}, down 12 percent. About 300 people work there.\n\nShare\n\n"
        ));
    }
    s
}

fn corpus(dir: &Path, pages: usize) -> String {
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).expect("mkdir");
    for i in 0..pages {
        // Every post appears on two pages: its own index and the next one.
        let a = format!("Post number {i}");
        let b = format!("Post number {}", i + 1);
        let text = page(
            "March",
            &[(&a, 1 + (i % 20) as u32), (&b, 1 + ((i + 1) % 20) as u32)],
        );
        std::fs::write(inputs.join(format!("p{i:04}.txt")), text).expect("write");
    }
    inputs.to_string_lossy().into_owned()
}

fn read_table(out: &Path, table: &str) -> Vec<RecordBatch> {
    let mut files: Vec<_> = std::fs::read_dir(out.join(table))
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let mut batches = Vec::new();
    for f in files {
        let file = std::fs::File::open(&f).expect("open");
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .expect("parquet")
            .build()
            .expect("reader");
        batches.extend(reader.map(|b| b.expect("batch")));
    }
    batches
}

fn rows(out: &Path, table: &str) -> usize {
    read_table(out, table).iter().map(|b| b.num_rows()).sum()
}

#[test]
fn run_dedupes_and_writes_every_table() {
    let d = tempfile::tempdir().expect("tmp");
    let inputs = corpus(d.path(), 30);
    let out = d.path().join("ds");
    let s = run(&[inputs], &out, &RunOptions::default()).expect("run");
    assert_eq!(s.files, 30);
    assert_eq!(
        s.counts["posts"], 31,
        "30 pages × 2 posts, each post on two pages"
    );
    for t in ["posts", "figures", "claims", "trade", "rejects"] {
        assert_eq!(rows(&out, t), s.counts[t], "{t}");
    }
    assert!(out.join("_manifest.json").is_file());
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("_manifest.json")).expect("m"))
            .expect("json");
    assert_eq!(manifest["inputs"].as_array().map(|a| a.len()), Some(30));
}

#[test]
fn spilled_partitions_give_the_same_posts_as_memory() {
    let d = tempfile::tempdir().expect("tmp");
    let inputs = corpus(d.path(), 40);
    let mem = d.path().join("mem");
    let spill = d.path().join("spill");
    run(std::slice::from_ref(&inputs), &mem, &RunOptions::default()).expect("run");
    let opts = RunOptions {
        memory_budget: 4096,
        batch_bytes: 2048,
        ..Default::default()
    };
    run(&[inputs], &spill, &opts).expect("run");
    let key = |out: &Path| {
        let mut v: Vec<(String, Vec<String>)> = Vec::new();
        for b in read_table(out, "posts") {
            let ids = b.column_by_name("post_id").expect("id");
            let ids = ids
                .as_any()
                .downcast_ref::<arrow_array::StringArray>()
                .expect("str");
            let seen = b.column_by_name("seen_in").expect("seen");
            let seen = seen
                .as_any()
                .downcast_ref::<arrow_array::ListArray>()
                .expect("list");
            for i in 0..b.num_rows() {
                let s = seen.value(i);
                let s = s
                    .as_any()
                    .downcast_ref::<arrow_array::StringArray>()
                    .expect("str");
                v.push((
                    ids.value(i).to_string(),
                    (0..s.len()).map(|j| s.value(j).to_string()).collect(),
                ));
            }
        }
        v.sort();
        v
    };
    let a = key(&mem);
    assert_eq!(a.len(), 41);
    assert_eq!(a, key(&spill));
    assert_eq!(rows(&mem, "figures"), rows(&spill, "figures"));
}

/// Every table as its rows, concatenated in file order.
fn table_rows(out: &Path, table: &str) -> Vec<RecordBatch> {
    let batches = read_table(out, table);
    match batches.first() {
        Some(b) => {
            vec![arrow_select::concat::concat_batches(&b.schema(), &batches).expect("concat")]
        }
        None => Vec::new(),
    }
}

#[test]
fn chunks_of_any_size_write_the_same_tables() {
    // the posts are analysed and dropped chunk by chunk: chunk boundaries (1 post,
    // 7 posts, all at once) must not change a row or its order
    let d = tempfile::tempdir().expect("tmp");
    let inputs = corpus(d.path(), 12);
    let whole = d.path().join("whole");
    run(
        std::slice::from_ref(&inputs),
        &whole,
        &RunOptions::default(),
    )
    .expect("run");
    assert_eq!(rows(&whole, "posts"), 13);
    assert!(rows(&whole, "figures") > 13);
    for chunk in [1, 7] {
        let out = d.path().join(format!("chunk{chunk}"));
        let opts = RunOptions {
            chunk_posts: chunk,
            ..Default::default()
        };
        run(std::slice::from_ref(&inputs), &out, &opts).expect("run");
        for t in ["posts", "figures", "claims", "trade", "rejects"] {
            assert_eq!(
                table_rows(&whole, t),
                table_rows(&out, t),
                "{t}, chunks of {chunk}"
            );
        }
    }
}

#[test]
fn reruns_replace_atomically_and_failures_keep_the_old_dataset() {
    let d = tempfile::tempdir().expect("tmp");
    let inputs = corpus(d.path(), 5);
    let out = d.path().join("ds");
    run(std::slice::from_ref(&inputs), &out, &RunOptions::default()).expect("run");
    let before = read_table(&out, "posts");
    run(&[inputs], &out, &RunOptions::default()).expect("rerun");
    assert_eq!(
        read_table(&out, "posts"),
        before,
        "same inputs, same rows in the same order"
    );
    let missing = d.path().join("missing").to_string_lossy().into_owned();
    assert!(run(&[missing], &out, &RunOptions::default()).is_err());
    assert_eq!(read_table(&out, "posts"), before);
    let leftovers: Vec<_> = std::fs::read_dir(d.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn cancel_flag_stops_the_run_and_leaves_out_untouched() {
    let d = tempfile::tempdir().expect("tmp");
    let inputs = corpus(d.path(), 5);
    let out = d.path().join("ds");
    let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let opts = RunOptions {
        cancel: Some(cancel),
        ..Default::default()
    };
    let e = run(&[inputs], &out, &opts).expect_err("cancelled");
    assert!(matches!(e.kind(), nkecon::ErrorKind::Interrupted));
    assert!(!out.exists());
}

#[test]
fn floor_mode_writes_posts_only() {
    let d = tempfile::tempdir().expect("tmp");
    let inputs = corpus(d.path(), 3);
    let out = d.path().join("ds");
    let s = run(
        &[inputs],
        &out,
        &RunOptions {
            floor: true,
            ..Default::default()
        },
    )
    .expect("run");
    assert_eq!(
        s.counts.keys().cloned().collect::<Vec<_>>(),
        vec!["posts", "rejects"]
    );
    assert!(!out.join("figures").exists());
}

#[test]
fn writer_thread_keeps_order_and_reports_a_failed_write() {
    use nkecon::dataset::{DatasetWriter, WriteOptions, WriterThread};
    use nkecon::model::{Post, Reject};
    use nkecon::table;

    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("ds");
    let writer = DatasetWriter::create(&out, WriteOptions::default()).expect("create");
    let mut t = WriterThread::spawn(writer, 2).expect("spawn");
    for i in 0..20 {
        let r = Reject::new(format!("src-{i}"), "read", "unreadable", None);
        t.write("rejects", table::rejects_batch(&[r]).expect("batch"))
            .expect("write");
    }
    let counts = t
        .finish()
        .expect("join")
        .finish(&serde_json::json!({"note": "test"}))
        .expect("finish");
    assert_eq!(counts.get("rejects"), Some(&20));
    let sources: Vec<String> = read_table(&out, "rejects")
        .iter()
        .flat_map(|b| {
            let col = b
                .column_by_name("source")
                .expect("source")
                .as_any()
                .downcast_ref::<arrow_array::StringArray>()
                .expect("utf8")
                .clone();
            (0..col.len()).map(move |i| col.value(i).to_string())
        })
        .collect();
    let expected: Vec<String> = (0..20).map(|i| format!("src-{i}")).collect();
    assert_eq!(
        sources, expected,
        "batches written in the order handed over"
    );

    // A batch of the wrong table makes the writer fail: the error comes back to the
    // caller (on a later write or at the end) and nothing replaces OUT.
    let out2 = tmp.path().join("ds2");
    let writer = DatasetWriter::create(&out2, WriteOptions::default()).expect("create");
    let mut t = WriterThread::spawn(writer, 1).expect("spawn");
    let good = table::rejects_batch(&[Reject::new("a", "read", "x", None)]).expect("batch");
    let wrong = table::posts_batch(&[Post::default()]).expect("posts batch");
    t.write("rejects", good).expect("first write");
    let mut failed = false;
    for _ in 0..10 {
        if t.write("rejects", wrong.clone()).is_err() {
            failed = true;
            break;
        }
    }
    let failed = failed || t.finish().is_err();
    assert!(failed, "a failed write must be reported");
    assert!(!out2.exists(), "a failed run leaves no dataset");
}

//! Helpers shared by the fuzz targets.

use std::path::PathBuf;

use nkecon::model::{Document, Post, Reject};
use nkecon::read::{self, Format, InputFile, ReadEvent, ReadOptions};

/// Small limits, so that a fuzz input cannot make the target slow for a boring reason.
pub fn small_limits(format: Format) -> ReadOptions {
    ReadOptions {
        format,
        max_record_bytes: 1 << 20,
        max_file_bytes: 8 << 20,
        ..Default::default()
    }
}

/// Writes `data` to a per-process scratch file named `name` and reads it with `opts`.
pub fn read_bytes(name: &str, data: &[u8], opts: &ReadOptions) -> (Vec<Document>, Vec<Reject>) {
    let dir = std::env::temp_dir().join(format!("nkecon-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, data).expect("scratch file");
    let file = InputFile {
        size: data.len() as u64,
        path,
    };
    let mut docs = Vec::new();
    let mut rejects = Vec::new();
    read::read_file(&file, opts, &mut |ev| match ev {
        ReadEvent::Doc(d) => docs.push(d),
        ReadEvent::Reject(r) => rejects.push(r),
    });
    for d in &docs {
        assert!(!d.text.contains('\r'), "line endings are normalised");
        assert!(d.text.len() <= opts.max_record_bytes.max(1) * 4 + 16);
    }
    for r in &rejects {
        assert!(!r.reason.is_empty() && r.stage == "read");
    }
    (docs, rejects)
}

/// Checks the invariants of a post: paragraph spans on char boundaries, in order, tiling the body.
pub fn check_post(p: &Post) {
    let mut prev_end = 0usize;
    for (i, para) in p.paragraphs.iter().enumerate() {
        assert!(para.start <= para.end && para.end <= p.body.len());
        assert!(p.body.is_char_boundary(para.start) && p.body.is_char_boundary(para.end));
        if i > 0 {
            assert!(para.start >= prev_end);
        }
        prev_end = para.end;
    }
    assert_eq!(p.post_id.len(), 16);
}

/// A post whose body is `text`, one paragraph per blank-line-separated block.
pub fn post_of(text: &str, published: Option<nkecon::model::Date>) -> Post {
    let body = text.to_string();
    let paragraphs = nkecon::posts::paragraphs_of(&body);
    Post {
        post_id: nkecon::ids::post_id("Fuzz", published),
        title: "Fuzz".into(),
        published,
        author: None,
        words: body.split_whitespace().count() as i32,
        body,
        paragraphs,
        sources: Vec::new(),
        categories: Vec::new(),
        seen_in: vec!["fuzz".into()],
        url: None,
    }
}

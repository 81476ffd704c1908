//! Profiling probe (not part of the library): re-writes the tables of a dataset with the
//! writer properties nkecon uses, one column at a time, so that callgrind can tell which
//! columns the Parquet writer spends its time on.
//!
//! `cargo run --release --example wprobe -- DATASET TABLE [COLUMN]`, with `LEVEL` (zstd,
//! default 3), `STATS=none|chunk`, `DICT=off` and `ENC=delta|dlba` (`DELTA_BYTE_ARRAY`,
//! `DELTA_LENGTH_BYTE_ARRAY`) in the environment.
use std::fs::File;

use arrow_array::RecordBatch;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::{EnabledStatistics, WriterProperties};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (ds, table) = (&args[1], &args[2]);
    let column = args.get(3);
    let mut batches: Vec<RecordBatch> = Vec::new();
    for e in std::fs::read_dir(format!("{ds}/{table}"))? {
        let path = e?.path();
        let r = ParquetRecordBatchReaderBuilder::try_new(File::open(&path)?)?.build()?;
        for b in r {
            let b = b?;
            let b = match column {
                Some(c) => {
                    let i = b.schema().index_of(c)?;
                    b.project(&[i])?
                }
                None => b,
            };
            batches.push(b);
        }
    }
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(
            std::env::var("LEVEL")
                .ok()
                .and_then(|l| l.parse().ok())
                .unwrap_or(3),
        )?))
        .set_statistics_enabled(match std::env::var("STATS").as_deref() {
            Ok("none") => EnabledStatistics::None,
            Ok("chunk") => EnabledStatistics::Chunk,
            _ => EnabledStatistics::Page,
        })
        .set_dictionary_enabled(std::env::var("DICT").as_deref() != Ok("off"));
    let props = match std::env::var("ENC").as_deref() {
        Ok("delta") => props.set_encoding(parquet::basic::Encoding::DELTA_BYTE_ARRAY),
        Ok("dlba") => props.set_encoding(parquet::basic::Encoding::DELTA_LENGTH_BYTE_ARRAY),
        _ => props,
    }
    .build();
    let out = File::create("/tmp/wprobe.parquet")?;
    let mut w = ArrowWriter::try_new(out, batches[0].schema(), Some(props))?;
    for b in &batches {
        w.write(b)?;
    }
    w.close()?;
    Ok(())
}

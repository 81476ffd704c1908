//! The Parquet dataset on disk.

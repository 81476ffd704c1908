//! The Python binding (feature `python`).

//! Arrow schemas and builders for every table, defined once.

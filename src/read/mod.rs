//! Reading inputs into documents.

//! Canonical names of countries, North Korean places and organisations.

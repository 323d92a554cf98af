//! End-to-end tests for the casebook binary live in this crate's tests/ folder.

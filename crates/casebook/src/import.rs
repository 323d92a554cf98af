//! Import of account files from JSON, and of clients and interactions from spreadsheets (CSV),
//! all-or-nothing with duplicate detection.
//!
//! - `sheet` reads a spreadsheet's CSV into rows;
//! - [`import_clients_csv`] and [`import_interactions_csv`] turn rows into clients and
//!   interactions;
//! - [`import_json`] brings in an account file from its JSON export.

mod clients;
mod interactions;
mod json;
mod sheet;

use serde::Serialize;

pub use clients::import_clients_csv;
pub use interactions::import_interactions_csv;
pub use json::import_json;

/// What an import did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ImportReport {
    /// Rows (or files) imported.
    pub imported: usize,
    /// Rows skipped as duplicates (only with `skip_duplicates`).
    pub skipped: Vec<String>,
    /// The files created or changed.
    pub files: Vec<String>,
}

pub(crate) fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

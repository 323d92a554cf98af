//! Import of account files from JSON, and of clients and interactions from spreadsheets (CSV),
//! all-or-nothing with duplicate detection.
//!
//! - `sheet` reads a spreadsheet's CSV into rows (encodings, delimiters, unknown columns);
//! - [`import_clients_csv`] and [`import_interactions_csv`] turn rows into clients and
//!   interactions;
//! - [`import_json`] brings in an account file from its JSON export;
//! - [`import_survey_csv`] brings in a survey's responses from its administrator's sheet.

mod clients;
mod dates;
mod interactions;
mod json;
mod sheet;
mod survey;
mod validate;

use serde::Serialize;

pub use clients::import_clients_csv;
pub use interactions::import_interactions_csv;
pub use json::import_json;
pub use survey::import_survey_csv;

/// What an import did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ImportReport {
    /// Rows (or files) imported.
    pub imported: usize,
    /// Rows skipped as duplicates (only with `skip_duplicates`), each with why; JSON gives
    /// them in English.
    #[serde(serialize_with = "crate::error::english_list")]
    pub skipped: Vec<casebook_i18n::Message>,
    /// The files created or changed.
    pub files: Vec<String>,
    /// Columns of the sheet that the import does not know and ignored.
    pub unknown_columns: Vec<String>,
}

/// How to import a spreadsheet.
#[derive(Clone, Copy, Default)]
pub struct CsvOptions<'a> {
    /// Skip rows that duplicate an existing client or interaction (or an earlier row) instead
    /// of refusing the whole import.
    pub skip_duplicates: bool,
    /// Refuse a sheet with columns the import does not know, instead of ignoring them (they
    /// are listed in [`ImportReport::unknown_columns`] either way).
    pub strict: bool,
    /// Told how far the import is: `(rows checked, rows in all)`, after each row.
    pub progress: Option<&'a dyn Fn(usize, usize)>,
}

impl std::fmt::Debug for CsvOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvOptions")
            .field("skip_duplicates", &self.skip_duplicates)
            .field("strict", &self.strict)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

impl CsvOptions<'_> {
    fn tell(&self, done: usize, total: usize) {
        if let Some(progress) = self.progress {
            progress(done, total);
        }
    }
}

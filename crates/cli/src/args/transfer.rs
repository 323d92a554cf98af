//! Arguments of `casebook export` and `casebook import-csv`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

// The values' meanings are in the help of the flag that takes them, so that they are in the
// message catalogues with it (clap's per-value help cannot be translated).
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ExportFormat {
    // The account file as JSON.
    Json,
    // Automerge binary, with the full history.
    Automerge,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The client.
    pub file: String,
    /// Output format: json (the account file as JSON) or automerge (Automerge binary, with
    /// the full history).
    #[arg(long, value_enum, default_value = "json")]
    pub format: ExportFormat,
    /// Write to this path (default: stdout for JSON; required for Automerge).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum CsvKind {
    // Clients (see the help of `kind`).
    Clients,
    // Interactions (see the help of `kind`).
    Interactions,
}

#[derive(Debug, Args)]
pub(crate) struct ImportCsvArgs {
    /// What the rows are: clients (columns `name` (required), `postcode`, `company_number`,
    /// `legal_form`, `sector`, `region`, `segments` (a list), `lead`, `intake_date` (a date),
    /// `source`) or interactions (columns `client`, `at` (a date-time), `kind`, `direction`,
    /// `purpose` (required), `minutes`, `summary`, `needs`, `their_attendees` and
    /// `our_attendees` (lists)).
    #[arg(value_enum)]
    pub kind: CsvKind,
    /// The CSV file (first row: column names).
    pub path: PathBuf,
    /// Skip rows that duplicate an existing client or interaction instead of refusing the
    /// whole import.
    #[arg(long)]
    pub skip_duplicates: bool,
    /// Refuse a sheet with columns casebook does not know, instead of ignoring them with a
    /// warning.
    #[arg(long)]
    pub strict: bool,
}

//! Arguments of `casebook resolve` (`casebook conflicts` takes only an optional client).

use clap::{ArgGroup, Args};

#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("choice")
        .required(true)
        .args(["keep", "keep_by", "set"])
))]
pub(crate) struct ResolveArgs {
    /// The client.
    pub file: String,
    /// The conflict's id, as `casebook conflicts FILE` lists it.
    pub conflict: String,
    /// Keep the value with this number, as `casebook conflicts` lists it (1, 2, ...).
    #[arg(long, value_name = "N")]
    pub keep: Option<usize>,
    /// Keep the value this adviser set.
    #[arg(long, value_name = "ADVISER")]
    pub keep_by: Option<String>,
    /// Set a new value instead, read as the field's own type (a number stays a number).
    #[arg(long, value_name = "VALUE")]
    pub set: Option<String>,
}

//! Arguments of `casebook tier ...`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub(crate) enum TierCmd {
    /// The organisation's tiers: criteria and service levels.
    List,
    /// Add a tier (administrators).
    Add(TierArgs),
    /// Change a tier: only the fields given change (administrators).
    Set {
        /// The tier's name.
        tier: String,
        #[command(flatten)]
        fields: TierArgs,
    },
    /// Take a tier out of use (its clients stay in it until moved).
    Retire {
        /// The tier's name.
        tier: String,
    },
    /// Bring a retired tier back.
    Restore {
        /// The tier's name.
        tier: String,
    },
    /// Move a client into a tier, saying why.
    Move {
        /// The client.
        file: String,
        /// The tier's name.
        tier: String,
        /// Why: the tier's entry criteria met, or the last tier's exit criteria.
        #[arg(long)]
        reason: String,
        /// The day it enters (YYYY-MM-DD or DD/MM/YYYY); default: today.
        #[arg(long)]
        from: Option<String>,
    },
    /// A client's tier now and before, and its service levels.
    Show {
        /// The client.
        file: String,
    },
}

#[derive(Debug, Args)]
pub(crate) struct TierArgs {
    /// Its name in English.
    #[arg(long)]
    pub name: Option<String>,
    /// Its name in Welsh.
    #[arg(long)]
    pub name_cy: Option<String>,
    /// Who makes it in, in English.
    #[arg(long)]
    pub entry: Option<String>,
    /// Who makes it in, in Welsh.
    #[arg(long)]
    pub entry_cy: Option<String>,
    /// Who drops out, in English.
    #[arg(long)]
    pub exit: Option<String>,
    /// Who drops out, in Welsh.
    #[arg(long)]
    pub exit_cy: Option<String>,
    /// A contact at least every this many days.
    #[arg(long)]
    pub contact_days: Option<u64>,
    /// An internal review every this many days (0: none).
    #[arg(long)]
    pub review_days: Option<u64>,
    /// Support hours a year its clients may take (0: no budget).
    #[arg(long)]
    pub effort_hours: Option<u64>,
    /// Whether its clients need a senior sponsor: yes or no.
    #[arg(long, value_parser = clap::builder::BoolishValueParser::new())]
    pub sponsor: Option<bool>,
}

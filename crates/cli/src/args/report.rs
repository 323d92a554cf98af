//! Arguments of `casebook portfolio`.

use clap::Args;

#[derive(Debug, Args)]
pub(crate) struct PortfolioArgs {
    /// Only this adviser's caseload (clients they lead).
    #[arg(long)]
    pub adviser: Option<String>,
    /// Churn period start (YYYY-MM-DD); default 90 days ago.
    #[arg(long)]
    pub from: Option<String>,
    /// Churn period end (YYYY-MM-DD); default today.
    #[arg(long)]
    pub to: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct EffortArgs {
    /// client, tier or adviser: what each row is.
    #[arg(long, default_value = "client")]
    pub by: String,
    /// Only this adviser's clients (clients they lead).
    #[arg(long)]
    pub adviser: Option<String>,
    /// The period's first day (YYYY-MM-DD or DD/MM/YYYY); default: the start of the twelve
    /// months to --to. Effort is counted by whole calendar months.
    #[arg(long)]
    pub from: Option<String>,
    /// The period's last day; default: today.
    #[arg(long)]
    pub to: Option<String>,
}

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

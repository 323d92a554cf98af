//! Arguments of `casebook risk ...`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub(crate) enum RiskCmd {
    /// Add a risk to a client's register.
    Add(RiskAddArgs),
    /// Reassess a risk; only the fields given change.
    Assess(RiskAssessArgs),
    /// List a client's risks with their colours and the roll-up.
    List {
        /// The client.
        file: String,
    },
    /// Place a client's open threats on the 5×5 map of likelihood and severity.
    Map {
        /// The client.
        file: String,
        /// Draw it as a picture (SVG, to open in a browser or print) instead of text.
        #[arg(long)]
        svg: bool,
        /// Write the picture to this file instead of printing it (with --svg).
        #[arg(long, short, requires = "svg")]
        out: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, Args)]
pub(crate) struct RiskAddArgs {
    /// The client.
    pub file: String,
    /// Short title, e.g. "Key supplier failure".
    pub title: String,
    /// Likelihood 1 (rare) – 5 (almost certain).
    #[arg(long)]
    pub likelihood: u8,
    /// Severity 1 (negligible) – 5 (severe).
    #[arg(long)]
    pub severity: u8,
    /// Category.
    #[arg(long, default_value = "")]
    pub category: String,
    /// The opportunity it belongs to (its title, id or first characters of the id).
    #[arg(long)]
    pub opportunity: Option<String>,
    /// The parent risk, for a sub-risk (its title, id or first characters of the id).
    #[arg(long)]
    pub parent: Option<String>,
    /// avoid, reduce, share or accept.
    #[arg(long)]
    pub response: Option<String>,
    /// threat or opportunity.
    #[arg(long, default_value = "threat")]
    pub polarity: String,
    /// Owner; default: you.
    #[arg(long)]
    pub owner: Option<String>,
    /// Mitigation or contingency notes.
    #[arg(long, default_value = "")]
    pub mitigation: String,
}

#[derive(Debug, Args)]
pub(crate) struct RiskAssessArgs {
    /// The client.
    pub file: String,
    /// The risk: its title, id or the first characters of its id.
    pub risk: String,
    /// New likelihood 1–5.
    #[arg(long)]
    pub likelihood: Option<u8>,
    /// New severity 1–5.
    #[arg(long)]
    pub severity: Option<u8>,
    /// avoid, reduce, share or accept.
    #[arg(long)]
    pub response: Option<String>,
    /// Residual likelihood 1–5 after the response.
    #[arg(long)]
    pub residual_likelihood: Option<u8>,
    /// Residual severity 1–5 after the response.
    #[arg(long)]
    pub residual_severity: Option<u8>,
    /// Mitigation or contingency notes.
    #[arg(long)]
    pub mitigation: Option<String>,
    /// New owner.
    #[arg(long)]
    pub owner: Option<String>,
    /// Close the risk (it leaves the roll-up).
    #[arg(long, conflicts_with = "reopen")]
    pub close: bool,
    /// Reopen a closed risk.
    #[arg(long)]
    pub reopen: bool,
}

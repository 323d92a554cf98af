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
    /// The Preventative Risk Register: the organisation's predefined risks, checked for every
    /// account and opportunity.
    #[command(subcommand)]
    Prr(PrrCmd),
}

#[derive(Debug, Subcommand)]
pub(crate) enum PrrCmd {
    /// List the register: code, where it is checked (account or opportunity), category, risk.
    List,
    /// Add a risk to the register (administrators).
    Add {
        /// account or opportunity: where it is checked.
        #[arg(long)]
        scope: String,
        /// The category a risk raised from it takes.
        #[arg(long)]
        category: String,
        /// The risk in English.
        #[arg(long)]
        text: String,
        /// The risk in Welsh.
        #[arg(long)]
        text_cy: Option<String>,
    },
    /// Add a client's risk to the register, for every account or opportunity from now on
    /// (administrators).
    Promote {
        /// The client.
        file: String,
        /// The risk: its title, id or the first characters of its id.
        risk: String,
    },
    /// Take an item out of the register (checks made keep it).
    Retire {
        /// Its code.
        code: String,
    },
    /// Bring a retired item back.
    Restore {
        /// Its code.
        code: String,
    },
    /// The checklists of a client: the account's and each open opportunity's, with what is
    /// still to check.
    Check {
        /// The client.
        file: String,
    },
    /// Check one item for the account or an opportunity: it applies (and its risk is raised,
    /// scored) or it does not (and why).
    Review {
        /// The client.
        file: String,
        /// The item's code (PRR1, ...).
        code: String,
        /// For this opportunity (its title, id or the first characters of its id) rather than
        /// the account.
        #[arg(long)]
        opportunity: Option<String>,
        /// The risk applies, with this likelihood (1–5).
        #[arg(long, requires = "severity", conflicts_with = "not_applicable")]
        likelihood: Option<u8>,
        /// ... and this severity (1–5).
        #[arg(long, requires = "likelihood")]
        severity: Option<u8>,
        /// Who owns the risk raised.
        #[arg(long)]
        owner: Option<String>,
        /// The risk does not apply here, because (the reason).
        #[arg(long, value_name = "REASON")]
        not_applicable: Option<String>,
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

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
    /// account, opportunity and contract.
    #[command(subcommand)]
    Prr(PrrCmd),
    /// Coloured risk alerts: who sends one for an opportunity or a contract and how often, the
    /// alerts sent, and those missing.
    #[command(subcommand)]
    Alert(AlertCmd),
    /// Risk management plans of the account and of each contract: actions on its risks and
    /// reviews of how effective it is.
    #[command(subcommand)]
    Plan(RiskPlanCmd),
}

/// An opportunity or a contract, the activities coloured risk alerts are sent for.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub(crate) struct ActivityArgs {
    /// The opportunity (its title, id or the first characters of its id).
    #[arg(long)]
    pub opportunity: Option<String>,
    /// The contract (its title, id or the first characters of its id).
    #[arg(long)]
    pub contract: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum AlertCmd {
    /// Say who sends coloured risk alerts for an opportunity or a contract, and how often.
    Duty {
        /// The client.
        file: String,
        #[command(flatten)]
        activity: ActivityArgs,
        /// Who sends them.
        #[arg(long)]
        reporter: String,
        /// One alert every this many days (30: monthly).
        #[arg(long, default_value_t = 30)]
        every: u32,
        /// The first day of the first period (YYYY-MM-DD or DD/MM/YYYY); default: today.
        #[arg(long)]
        from: Option<String>,
    },
    /// Send a coloured risk alert for an opportunity or a contract.
    Send {
        /// The client.
        file: String,
        /// green, amber or red.
        colour: String,
        #[command(flatten)]
        activity: ActivityArgs,
        /// Who sends it; default: you.
        #[arg(long)]
        by: Option<String>,
        /// What the reporter says.
        #[arg(long, default_value = "")]
        note: String,
        /// The day it is sent (YYYY-MM-DD or DD/MM/YYYY); default: today.
        #[arg(long)]
        date: Option<String>,
    },
    /// Each opportunity's and contract's alerts: latest colour, trend, periods missing, and
    /// alerts below the register's colour.
    List {
        /// The client.
        file: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum RiskPlanCmd {
    /// Start the risk management plan of the account, or of a contract.
    Start {
        /// The client.
        file: String,
        /// For this contract rather than the account.
        #[arg(long)]
        contract: Option<String>,
        /// Who keeps it; default: you.
        #[arg(long)]
        owner: Option<String>,
        /// Reviewed every this many days.
        #[arg(long, default_value_t = 90)]
        review_every: u32,
    },
    /// Add an owned action to the plan, against one of its risks.
    Action {
        /// The client.
        file: String,
        /// The risk it treats: its title, id or the first characters of its id.
        risk: String,
        /// What is to be done.
        title: String,
        /// For the contract's plan rather than the account's.
        #[arg(long)]
        contract: Option<String>,
        /// Who will do it.
        #[arg(long)]
        owner: String,
        /// By when (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long)]
        due: Option<String>,
    },
    /// Record a review of how effective the plan has been.
    Review {
        /// The client.
        file: String,
        /// How effective it has been, and what changes.
        #[arg(long)]
        notes: String,
        /// For the contract's plan rather than the account's.
        #[arg(long)]
        contract: Option<String>,
    },
    /// Every plan of a client: its review, its risks with their actions, and its gaps.
    Show {
        /// The client.
        file: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ContractCmd {
    /// Make a contract: from a won opportunity its risk register starts from the preventative
    /// risks that applied to it (an order won with `opp close --won` makes its contract already).
    Add {
        /// The client.
        file: String,
        /// The won opportunity it comes from (its title, id or the first characters of its id).
        #[arg(long)]
        opportunity: Option<String>,
        /// Its title; default: the opportunity's.
        #[arg(long)]
        title: Option<String>,
        /// Who manages it; default: the account's lead, else you.
        #[arg(long)]
        manager: Option<String>,
        /// The day it starts (YYYY-MM-DD or DD/MM/YYYY); default: the day it was won, else today.
        #[arg(long)]
        start: Option<String>,
        /// Its value in pounds; default: the value won.
        #[arg(long)]
        value: Option<f64>,
    },
    /// Record that a contract ended: its risks leave the account's colour.
    End {
        /// The client.
        file: String,
        /// The contract: its title, id or the first characters of its id.
        contract: String,
        /// The day it ended (YYYY-MM-DD or DD/MM/YYYY); default: today.
        #[arg(long)]
        date: Option<String>,
    },
    /// A client's contracts: manager, start, value, colour, checklist, alerts and plan.
    List {
        /// The client.
        file: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum PrrCmd {
    /// List the register: code, where it is checked (account, opportunity or contract),
    /// category, risk.
    List,
    /// Add a risk to the register (administrators).
    Add {
        /// account, opportunity or contract: where it is checked.
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
    /// The checklists of a client: the account's, each open opportunity's and each contract's,
    /// with what is still to check.
    Check {
        /// The client.
        file: String,
    },
    /// Check one item for the account, an opportunity or a contract: it applies (and its risk
    /// is raised, scored) or it does not (and why).
    Review {
        /// The client.
        file: String,
        /// The item's code (PRR1, ...).
        code: String,
        /// For this opportunity (its title, id or the first characters of its id) rather than
        /// the account.
        #[arg(long, conflicts_with = "contract")]
        opportunity: Option<String>,
        /// For this contract (its title, id or the first characters of its id) rather than the
        /// account.
        #[arg(long)]
        contract: Option<String>,
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
    #[arg(long, conflicts_with = "contract")]
    pub opportunity: Option<String>,
    /// The contract it belongs to (its title, id or first characters of the id).
    #[arg(long)]
    pub contract: Option<String>,
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

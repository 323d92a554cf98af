//! Arguments of `casebook scorecard ...` (BS-1..BS-5).

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub(crate) enum ScorecardCmd {
    /// Start a client's balanced scorecard for a month with the organisation's KPIs in use,
    /// or correct a finalised one.
    New {
        /// The client.
        file: String,
        /// The month, YYYY-MM (default: this month).
        #[arg(long)]
        month: Option<String>,
        /// Correct the month's finalised scorecard: a new one starts from its answers and
        /// replaces it as the month's record; both stay in the history.
        #[arg(long)]
        correct: bool,
    },
    /// Answer a KPI of a client's scorecard: yes or no with its evidence; a Level 1 no needs
    /// why, the next action, who and by when.
    Answer(AnswerArgs),
    /// Finalise a scorecard: it never changes after, and each Level 1 no opens an action.
    Finalise(WhichScorecard),
    /// Show a scorecard: each KPI with its answer and what the account file suggests, the
    /// percentages by category and level, and what stops it being finalised.
    Show(WhichScorecard),
    /// A client's scorecards month by month, or with no client every client on the routine:
    /// due, overdue and requiring immediate attention.
    List {
        /// The client (default: every client).
        file: Option<String>,
    },
    /// The trend of a client's finalised scorecards: overall, Level 1, Level 2 and each
    /// category, month by month.
    Trend {
        /// The client.
        file: String,
        /// Draw it as a picture (SVG) instead of a table.
        #[arg(long)]
        svg: bool,
        /// Write the picture to this file instead of printing it.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The organisation's KPI set: list it, add KPIs, change, retire or restore them
    /// (administrators).
    #[command(subcommand)]
    Kpi(KpiCmd),
}

#[derive(Debug, Args)]
pub(crate) struct WhichScorecard {
    /// The client.
    pub file: String,
    /// The month, YYYY-MM (default: this month).
    #[arg(long)]
    pub month: Option<String>,
    /// The scorecard's id or its first characters, when the month has more than one.
    #[arg(long)]
    pub scorecard: Option<String>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("answer").args(["yes", "no"])))]
pub(crate) struct AnswerArgs {
    /// Which scorecard.
    #[command(flatten)]
    pub which: WhichScorecard,
    /// The KPI's code (A1, EE1, ...); not needed with --suggested.
    pub kpi: Option<String>,
    /// The answer is yes (1).
    #[arg(long)]
    pub yes: bool,
    /// The answer is no (0).
    #[arg(long)]
    pub no: bool,
    /// What the answer rests on.
    #[arg(long)]
    pub evidence: Option<String>,
    /// For a no: why (the explanatory paragraph).
    #[arg(long)]
    pub explanation: Option<String>,
    /// For a no: the next action.
    #[arg(long)]
    pub next_action: Option<String>,
    /// For a no: who will take it.
    #[arg(long)]
    pub owner: Option<String>,
    /// For a no: by when (YYYY-MM-DD or DD/MM/YYYY).
    #[arg(long)]
    pub due: Option<String>,
    /// Accept the answer the account file suggests, with its evidence, for every KPI that
    /// has one and is not answered yet.
    #[arg(long, conflicts_with_all = ["kpi", "yes", "no"])]
    pub suggested: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum KpiCmd {
    /// List the KPI set: code, level, category, question, the data that suggests its answer,
    /// and whether it is in use.
    List,
    /// Add a KPI.
    Add {
        /// management, financial, people, client or sales.
        #[arg(long)]
        category: String,
        /// 1 (mandatory) or 2 (recommended).
        #[arg(long)]
        level: u8,
        /// The question in English.
        #[arg(long)]
        text: String,
        /// The question in Welsh.
        #[arg(long)]
        text_cy: Option<String>,
        /// Its code (default: the next free one of its category and level, such as A3).
        #[arg(long)]
        code: Option<String>,
    },
    /// Change a KPI's code or question.
    Edit {
        /// The KPI's code or id.
        kpi: String,
        /// A new code.
        #[arg(long)]
        code: Option<String>,
        /// A new question in English.
        #[arg(long)]
        text: Option<String>,
        /// A new question in Welsh.
        #[arg(long)]
        text_cy: Option<String>,
    },
    /// Take a KPI out of use: new scorecards leave it out; past ones keep it.
    Retire {
        /// The KPI's code or id.
        kpi: String,
    },
    /// Bring a retired KPI back into use.
    Restore {
        /// The KPI's code or id.
        kpi: String,
    },
}

//! Arguments of `casebook opp ...`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub(crate) enum OppCmd {
    /// Add an opportunity.
    Add {
        /// The client.
        file: String,
        /// Short title.
        title: String,
        /// need (from the client) or proposition (ours).
        #[arg(long, default_value = "need")]
        origin: String,
        /// Estimated value in pounds.
        #[arg(long, default_value_t = 0.0)]
        value: f64,
        /// Expected timescale.
        #[arg(long, default_value = "")]
        timescale: String,
    },
    /// Record a COSMONAUTS qualification session.
    Qualify(QualifyArgs),
    /// Show an opportunity with its sessions, current qualification, trend and risks.
    Show {
        /// The client.
        file: String,
        /// The opportunity: its title, id or the first characters of its id.
        opportunity: String,
    },
    /// List a client's opportunities, or with no client every client's (the pipeline), with
    /// status, value, current qualification, trend, risk colour and outcome.
    List(OppListArgs),
    /// Record how an opportunity ended: won, lost or withdrawn, with the date, the value and
    /// why (once; its risks leave the account's roll-up when lost or withdrawn).
    Close(OppCloseArgs),
    /// Record the review of a lost order: what was learnt from losing it (once).
    Review {
        /// The client.
        file: String,
        /// The lost opportunity: its title, id or the first characters of its id.
        opportunity: String,
        /// What was learnt.
        #[arg(long)]
        notes: String,
        /// The day of the review (default today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Orders won and lost per client: win rate, lost orders not yet reviewed, and the value
    /// won this calendar year to date against the same point last year.
    Orders {
        /// Only this client (default: every client).
        file: Option<String>,
    },
}

#[derive(Debug, Args)]
pub(crate) struct OppListArgs {
    /// The client; default: every client.
    pub file: Option<String>,
    /// Only opportunities with this status: open, hold, won, lost, qualified-out or withdrawn.
    #[arg(long)]
    pub status: Option<String>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("result").required(true).args(["won", "lost", "withdrawn"])))]
pub(crate) struct OppCloseArgs {
    /// The client.
    pub file: String,
    /// The opportunity: its title, id or the first characters of its id.
    pub opportunity: String,
    /// The order was won.
    #[arg(long)]
    pub won: bool,
    /// The order was lost.
    #[arg(long)]
    pub lost: bool,
    /// We, or the client, stopped pursuing it.
    #[arg(long)]
    pub withdrawn: bool,
    /// Why: what won it, or why it was lost or withdrawn (required).
    #[arg(long)]
    pub reason: String,
    /// The day it was decided (YYYY-MM-DD or DD/MM/YYYY); default: today.
    #[arg(long)]
    pub date: Option<String>,
    /// The value won, lost or withdrawn in pounds; default: the opportunity's estimate.
    #[arg(long)]
    pub value: Option<f64>,
    /// Who will manage the contract a won order makes; default: the account's lead, else you.
    #[arg(long, requires = "won")]
    pub contract_manager: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct QualifyArgs {
    /// The client.
    pub file: String,
    /// The opportunity.
    pub opportunity: String,
    /// A scored answer GROUP=SCORE or GROUP=SCORE:question (repeatable); groups: competition,
    /// opportunity, solution, money, objective, need, authority, unique, timescale, size;
    /// scores 0–5.
    #[arg(long = "score", required = true)]
    pub scores: Vec<String>,
    /// continue, hold or qualify-out.
    #[arg(long)]
    pub decision: String,
    /// Participant (repeatable); default: you.
    #[arg(long = "participant")]
    pub participants: Vec<String>,
    /// The neutral reviewer.
    #[arg(long, default_value = "")]
    pub neutral: String,
    /// Notes.
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ActionPlanCmd {
    /// Make a sales, proposition or marketing action plan for a client.
    Add {
        /// The client.
        file: String,
        /// sales, proposition or marketing.
        #[arg(long)]
        kind: String,
        /// Its title.
        #[arg(long)]
        title: String,
        /// What it aims at.
        #[arg(long)]
        objective: Option<String>,
    },
    /// Add an item to a plan: an owned action of the client.
    Item {
        /// The client.
        file: String,
        /// The plan: its title, id or the first characters of its id.
        plan: String,
        /// What is to be done.
        title: String,
        /// Who will do it.
        #[arg(long)]
        owner: String,
        /// By when (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long)]
        due: Option<String>,
    },
    /// Record that a plan was reviewed today: it is current for 90 days.
    Reviewed {
        /// The client.
        file: String,
        /// The plan: its title, id or the first characters of its id.
        plan: String,
    },
    /// The plans: current or out of date, items done, open and overdue; with no client, every
    /// client's.
    List {
        /// The client (default: every client).
        file: Option<String>,
    },
}

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
    /// Show an opportunity with its sessions, scores, trend and risks.
    Show {
        /// The client.
        file: String,
        /// The opportunity (id or its first characters).
        opportunity: String,
    },
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

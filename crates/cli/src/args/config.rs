//! Arguments of `casebook config ...`.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum ConfigCmd {
    /// Show the configuration in force.
    Show,
    /// Set the RAG matrix: score = likelihood × severity is amber from AMBER_AT and red from
    /// RED_AT.
    Rag {
        /// Lowest score that is amber.
        #[arg(long)]
        amber_at: u8,
        /// Lowest score that is red.
        #[arg(long)]
        red_at: u8,
    },
    /// Set the weight of one COSMONAUTS group.
    Weight {
        /// The group.
        group: String,
        /// Its weight (0 leaves it out of the total).
        weight: u32,
    },
    /// Set the support pathway: its stages in order. Stages kept keep their day limits; new
    /// ones get 60 days. Clients in a stage that is dropped are listed until moved.
    Pathway {
        /// The stages, first to last (e.g. enquiry diagnostic action-plan delivery review).
        #[arg(required = true)]
        stages: Vec<String>,
    },
    /// Set the days a client may stay in a pathway stage before it is stalled.
    StageDays {
        /// The stage.
        stage: String,
        /// Days.
        days: i64,
    },
    /// Set the contact and responsiveness thresholds.
    Thresholds {
        /// Days without contact before a contact is overdue.
        #[arg(long)]
        contact_due_days: Option<i64>,
        /// Days without an inbound contact before a client is unresponsive.
        #[arg(long)]
        unresponsive_days: Option<i64>,
        /// Unanswered outbound attempts before a client is unresponsive.
        #[arg(long)]
        unresponsive_attempts: Option<u32>,
        /// Days without progress before a journey is stalled.
        #[arg(long)]
        stalled_days: Option<i64>,
    },
    /// Set a balance band: the proportion of the caseload a segment or stage should have, or
    /// the churn rate over a year, in per cent (--min 0 --max 100 removes it).
    Band {
        /// segment, stage or churn.
        measure: String,
        /// The segment tag or the stage (none for churn).
        name: Option<String>,
        /// The lowest proportion, in per cent.
        #[arg(long, default_value_t = 0)]
        min: u8,
        /// The highest proportion, in per cent.
        #[arg(long, default_value_t = 100)]
        max: u8,
    },
    /// Set what an adviser can carry: active clients they lead, and hours a year (0: no
    /// limit).
    Capacity {
        /// The adviser's name, as clients name their lead.
        adviser: String,
        /// Active clients they can lead.
        #[arg(long, default_value_t = 0)]
        clients: u64,
        /// Hours a year they can give clients.
        #[arg(long, default_value_t = 0)]
        hours: u64,
    },
}

//! Arguments of `casebook log` and `casebook action ...`.

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub(crate) struct LogArgs {
    /// The client.
    pub file: String,
    /// call, meeting, visit, email, im, event, hospitality, other.
    #[arg(long)]
    pub kind: String,
    /// inbound (the client contacted us) or outbound.
    #[arg(long)]
    pub direction: String,
    /// introduction, fact-finding, obligations, progress-review, issues, complaint, sales,
    /// contractual, hospitality, social.
    #[arg(long)]
    pub purpose: String,
    /// When: YYYY-MM-DD HH:MM or DD/MM/YYYY HH:MM in local time (this machine's zone, e.g.
    /// Europe/London), a date alone (09:00), or RFC 3339 with its offset; default now.
    /// Stored in UTC, shown in local time.
    #[arg(long)]
    pub at: Option<String>,
    /// Duration in minutes.
    #[arg(long, default_value_t = 0)]
    pub minutes: u32,
    /// A person of the client's org chart who took part (repeatable): their exact name, id or
    /// id prefix. Links the interaction to them and marks them contacted.
    #[arg(long = "with")]
    pub with: Vec<String>,
    /// Someone on the client's side who is not in the org chart (repeatable), by name.
    #[arg(long = "with-other")]
    pub with_other: Vec<String>,
    /// The language it was held in: cy (Cymraeg) or en (English). Default: the preferred
    /// language of the first person met (--with) who has one, else the client's.
    #[arg(long)]
    pub language: Option<String>,
    /// Attendee on our side (repeatable); default: you.
    #[arg(long = "ours")]
    pub ours: Vec<String>,
    /// What was said.
    #[arg(long, default_value = "")]
    pub summary: String,
    /// Needs identified.
    #[arg(long, default_value = "")]
    pub needs: String,
    /// A related risk (id; repeatable).
    #[arg(long = "risk")]
    pub risks: Vec<String>,
    /// A related opportunity (id; repeatable).
    #[arg(long = "opportunity")]
    pub opportunities: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ActionCmd {
    /// Add an agreed action.
    Add {
        /// The client.
        file: String,
        /// What is to be done.
        title: String,
        /// Who will do it; default: you.
        #[arg(long)]
        owner: Option<String>,
        /// By when (YYYY-MM-DD).
        #[arg(long)]
        due: Option<String>,
        /// The interaction where it was agreed (id).
        #[arg(long = "from")]
        origin: Option<String>,
    },
    /// Mark an action done.
    Done {
        /// The client.
        file: String,
        /// The action: its title, id or the first characters of its id.
        action: String,
    },
    /// List open actions, overdue first (one client, or all).
    List {
        /// Only this client.
        file: Option<String>,
        /// Only this owner.
        #[arg(long)]
        owner: Option<String>,
        /// Include done actions.
        #[arg(long)]
        all: bool,
    },
}

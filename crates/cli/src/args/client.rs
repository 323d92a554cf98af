//! Arguments of `casebook client ...`.

use clap::{Args, Subcommand};

use super::ShowArgs;

#[derive(Debug, Subcommand)]
pub(crate) enum ClientCmd {
    /// Add a new client.
    Add(ClientAddArgs),
    /// List clients (active ones unless --all), with filters.
    List(ClientListArgs),
    /// Show a client's whole account file.
    Show(ShowArgs),
    /// Change a client's profile or team; only the fields given change.
    Edit(ClientEditArgs),
    /// Move a client to another pathway stage.
    Stage {
        /// The client.
        file: String,
        /// The stage (see `casebook config show` for the pathway).
        stage: String,
        /// Why.
        #[arg(long, default_value = "")]
        note: String,
        /// When the client entered the stage, if not now: a date or a local date-time
        /// (YYYY-MM-DD [HH:MM] or DD/MM/YYYY [HH:MM]), from the intake (or the current stage's
        /// entry) to now.
        #[arg(long)]
        date: Option<String>,
    },
    /// Agree or revise a client's exit plan.
    ExitPlan {
        /// The client.
        file: String,
        /// What "done" means for this client.
        #[arg(long)]
        criteria: String,
        /// Planned exit date (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        /// Onward referral.
        #[arg(long, default_value = "")]
        referral: String,
    },
    /// Record that a client has left the caseload.
    Exit {
        /// The client.
        file: String,
        /// Why: completed-journey, failing-to-progress, not-responding, requested-removal.
        #[arg(long)]
        reason: String,
        /// Exit date (YYYY-MM-DD or DD/MM/YYYY), from the intake to today; default today.
        #[arg(long)]
        date: Option<String>,
        /// What was achieved.
        #[arg(long, default_value = "")]
        outcome: String,
        /// Where the client went next.
        #[arg(long, default_value = "")]
        destination: String,
    },
    /// Add an objective of the client's.
    Objective {
        /// The client.
        file: String,
        /// The goal.
        #[arg(long)]
        goal: String,
        /// How it is measured.
        #[arg(long, default_value = "")]
        measure: String,
        /// The target.
        #[arg(long, default_value = "")]
        target: String,
        /// By when (YYYY-MM-DD).
        #[arg(long)]
        due: Option<String>,
    },
    /// Add a SWOT item.
    Swot {
        /// The client.
        file: String,
        /// strength, weakness, opportunity or threat.
        kind: String,
        /// The item.
        text: String,
    },
    /// Write the letter that tells the client who its points of contact are (lead adviser,
    /// deputy, senior sponsor), in the client's language.
    Letter(LetterArgs),
}

#[derive(Debug, Args)]
pub(crate) struct LetterArgs {
    /// The client.
    pub file: String,
    /// The person it is addressed to (a name or id from the org chart); default: the client.
    #[arg(long)]
    pub to: Option<String>,
    /// The letter's language, cy or en; default: the preference of the person it is addressed
    /// to, else the client's, else English.
    #[arg(long)]
    pub language: Option<String>,
    /// Write the letter to this file instead of printing it.
    #[arg(long, short)]
    pub out: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ClientAddArgs {
    /// Trading or personal name.
    #[arg(long)]
    pub name: String,
    /// Postcode.
    #[arg(long, default_value = "")]
    pub postcode: String,
    /// Companies House number.
    #[arg(long, default_value = "")]
    pub company_number: String,
    /// Legal form (sole trader, partnership, limited company, charity, ...).
    #[arg(long, default_value = "")]
    pub legal_form: String,
    /// Sector.
    #[arg(long, default_value = "")]
    pub sector: String,
    /// Region.
    #[arg(long, default_value = "")]
    pub region: String,
    /// A segment tag (repeatable), e.g. pre-start, growth, social-enterprise.
    #[arg(long = "segment")]
    pub segments: Vec<String>,
    /// Lead adviser (the client's point of contact); default: you.
    #[arg(long)]
    pub lead: Option<String>,
    /// Intake date (YYYY-MM-DD or DD/MM/YYYY), today or earlier; default today. A back-dated
    /// intake starts the first stage's clock on that date.
    #[arg(long)]
    pub intake_date: Option<String>,
    /// Where the client came from.
    #[arg(long, default_value = "")]
    pub source: String,
    /// The language the client prefers to be served in: cy (Cymraeg) or en (English).
    #[arg(long, default_value = "")]
    pub language: String,
    /// Add the client even though one with the same company number, or the same name and
    /// postcode, is already here (a different client after all).
    #[arg(long)]
    pub allow_duplicate: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ClientListArgs {
    /// Only clients in this stage.
    #[arg(long)]
    pub stage: Option<String>,
    /// Only clients led by this adviser.
    #[arg(long)]
    pub lead: Option<String>,
    /// Only clients whose risk roll-up is this colour (green, amber, red).
    #[arg(long)]
    pub rag: Option<String>,
    /// Only stalled clients.
    #[arg(long)]
    pub stalled: bool,
    /// Only active clients without an exit plan.
    #[arg(long)]
    pub no_exit_plan: bool,
    /// Include clients that have exited.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ClientEditArgs {
    /// The client.
    pub file: String,
    /// New name.
    #[arg(long)]
    pub name: Option<String>,
    /// New postcode.
    #[arg(long)]
    pub postcode: Option<String>,
    /// New company number.
    #[arg(long)]
    pub company_number: Option<String>,
    /// New legal form.
    #[arg(long)]
    pub legal_form: Option<String>,
    /// New sector.
    #[arg(long)]
    pub sector: Option<String>,
    /// New region.
    #[arg(long)]
    pub region: Option<String>,
    /// Mission statement.
    #[arg(long)]
    pub mission: Option<String>,
    /// Strategy.
    #[arg(long)]
    pub strategy: Option<String>,
    /// Priorities.
    #[arg(long)]
    pub priorities: Option<String>,
    /// Add a segment tag (repeatable).
    #[arg(long = "add-segment")]
    pub add_segments: Vec<String>,
    /// Remove a segment tag (repeatable).
    #[arg(long = "remove-segment")]
    pub remove_segments: Vec<String>,
    /// Lead adviser.
    #[arg(long)]
    pub lead: Option<String>,
    /// Deputy adviser.
    #[arg(long)]
    pub deputy: Option<String>,
    /// Senior sponsor.
    #[arg(long)]
    pub sponsor: Option<String>,
    /// Date the client was told its points of contact (YYYY-MM-DD).
    #[arg(long)]
    pub contact_communicated: Option<String>,
    /// Remedial plan for a client not progressing.
    #[arg(long)]
    pub remedial_plan: Option<String>,
    /// The language the client prefers to be served in: cy (Cymraeg) or en (English).
    #[arg(long)]
    pub language: Option<String>,
}

//! The command line: every command, flag and help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Casebook keeps an account file per client — contacts and org chart, contact log, risks,
/// opportunities, journey and exit — durably on this machine, and shows who changed what.
#[derive(Debug, Parser)]
#[command(name = "casebook", version, propagate_version = true)]
pub(crate) struct Cli {
    /// The data directory holding this node's store and key.
    /// Default: the platform's data directory (e.g. ~/.local/share/casebook).
    #[arg(long, global = true, env = "CASEBOOK_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Print machine-readable JSON instead of tables.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Create the data directory, this node's identity key and an empty store.
    Init {
        /// Your name, as the adviser using this node (recorded on your changes).
        #[arg(long)]
        name: String,
    },
    /// Print this node's id (its public key).
    Id,
    /// Print a ticket another adviser can use to trust this node (`casebook peer add`).
    Invite {
        /// An address other nodes can reach this node on (repeatable); default: where
        /// `casebook serve` last listened.
        #[arg(long = "addr", value_name = "IP:PORT")]
        addrs: Vec<std::net::SocketAddr>,
    },
    /// Trust, list and remove peer nodes.
    #[command(subcommand)]
    Peer(PeerCmd),
    /// Share a client's account file with a peer node, or with every node of an adviser.
    Share {
        /// The client.
        file: String,
        /// A peer's name or node id, or an adviser's name (all their nodes).
        peer: String,
        /// Let them read the file.
        #[arg(long, conflicts_with = "write", required_unless_present = "write")]
        read: bool,
        /// Let them read and change the file.
        #[arg(long)]
        write: bool,
    },
    /// Stop sharing a client's account file with a peer or adviser.
    Unshare {
        /// The client.
        file: String,
        /// A peer's name or node id, or an adviser's name.
        peer: String,
    },
    /// Add, list, show and edit clients, move them along the pathway, and exit them.
    #[command(subcommand)]
    Client(ClientCmd),
    /// Show a client's whole account file, now or at a point in its history.
    Show(ShowArgs),
    /// Add and edit people in a client's organisation, and their contact coverage.
    #[command(subcommand)]
    Person(PersonCmd),
    /// Draw a client's org chart, marked by contact coverage.
    Orgchart {
        /// The client (name, or file id or its first characters).
        file: String,
    },
    /// Log an interaction (call, meeting, visit, email, ...) in a client's contact log.
    Log(LogArgs),
    /// Add, complete and list agreed actions.
    #[command(subcommand)]
    Action(ActionCmd),
    /// Add, assess and list risks, with the highest-colour-wins roll-up.
    #[command(subcommand)]
    Risk(RiskCmd),
    /// Add opportunities and qualify them with COSMONAUTS sessions.
    #[command(subcommand, name = "opp")]
    Opportunity(OppCmd),
    /// The portfolio health dashboard: overdue contacts, stalled journeys, red risks, missing
    /// exit plans and points of contact, caseload and churn.
    Portfolio(PortfolioArgs),
    /// A client's change history: when, who, which node, what, and where it came from.
    History {
        /// The client.
        file: String,
    },
    /// What changed in a client's account file between two points in its history.
    Diff {
        /// The client.
        file: String,
        /// From: a change hash (8+ characters) from `casebook history`, or a date or date-time.
        from: String,
        /// To: as FROM; default now.
        to: Option<String>,
    },
    /// Write a client's account file to a file: JSON, or Automerge binary that other Automerge
    /// tools (and `casebook merge` on another node) can open.
    Export(ExportArgs),
    /// Import an account file exported as JSON or Automerge (a client new to this node).
    Import {
        /// The file to import.
        path: PathBuf,
    },
    /// Import clients or interactions from a spreadsheet saved as CSV; all rows or none.
    ImportCsv(ImportCsvArgs),
    /// Merge another node's Automerge export of an account file into this node, showing what
    /// changed.
    Merge {
        /// The Automerge file from the other node.
        path: PathBuf,
        /// Insist that the file is a copy of this client.
        #[arg(long)]
        into: Option<String>,
    },
    /// Show or change the organisation's configuration (RAG matrix, COSMONAUTS weights,
    /// pathway thresholds).
    #[command(subcommand)]
    Config(ConfigCmd),
    /// Build a realistic sample portfolio in a temporary store and print its dashboard.
    Demo {
        /// Keep the demo store in this directory instead of a temporary one.
        #[arg(long, value_name = "DIR")]
        keep: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// The client.
    pub file: String,
    /// Show the file as it was at a change hash (from `casebook history`) or a date-time.
    #[arg(long)]
    pub at: Option<String>,
}

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
        /// Exit date (YYYY-MM-DD); default today.
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
    /// Intake date (YYYY-MM-DD); default today.
    #[arg(long)]
    pub intake_date: Option<String>,
    /// Where the client came from.
    #[arg(long, default_value = "")]
    pub source: String,
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
}

#[derive(Debug, Subcommand)]
pub(crate) enum PersonCmd {
    /// Add a person to a client's organisation.
    Add(PersonAddArgs),
    /// Edit a person; only the fields given change.
    Edit(PersonEditArgs),
    /// Change a person's contact coverage on the org chart.
    Coverage {
        /// The client.
        file: String,
        /// The person (id or its first characters, or name).
        person: String,
        /// not-identified, identified, visit-planned or contacted.
        state: String,
        /// For a planned visit: who will visit.
        #[arg(long, default_value = "")]
        by: String,
        /// For a planned visit: by when (YYYY-MM-DD).
        #[arg(long = "for")]
        planned_for: Option<String>,
    },
}

#[derive(Debug, Args)]
pub(crate) struct PersonAddArgs {
    /// The client.
    pub file: String,
    /// Full name.
    #[arg(long)]
    pub name: String,
    /// Job title.
    #[arg(long, default_value = "")]
    pub title: String,
    /// Department.
    #[arg(long, default_value = "")]
    pub department: String,
    /// Email.
    #[arg(long, default_value = "")]
    pub email: String,
    /// Phone.
    #[arg(long, default_value = "")]
    pub phone: String,
    /// Role (repeatable): decision-maker, influencer, gatekeeper, sponsor, user.
    #[arg(long = "role")]
    pub roles: Vec<String>,
    /// Preferred channel: call, meeting, visit, email, im, ...
    #[arg(long)]
    pub channel: Option<String>,
    /// Preferred language (e.g. en, cy).
    #[arg(long, default_value = "")]
    pub language: String,
    /// The person's manager (id or name of a person already added).
    #[arg(long)]
    pub reports_to: Option<String>,
    /// Initial coverage: not-identified, identified, visit-planned, contacted.
    #[arg(long, default_value = "identified")]
    pub coverage: String,
}

#[derive(Debug, Args)]
pub(crate) struct PersonEditArgs {
    /// The client.
    pub file: String,
    /// The person.
    pub person: String,
    /// New name.
    #[arg(long)]
    pub name: Option<String>,
    /// New title.
    #[arg(long)]
    pub title: Option<String>,
    /// New department.
    #[arg(long)]
    pub department: Option<String>,
    /// New email.
    #[arg(long)]
    pub email: Option<String>,
    /// New phone.
    #[arg(long)]
    pub phone: Option<String>,
    /// New preferred channel.
    #[arg(long)]
    pub channel: Option<String>,
    /// New preferred language.
    #[arg(long)]
    pub language: Option<String>,
    /// New manager.
    #[arg(long)]
    pub reports_to: Option<String>,
    /// Add a role (repeatable).
    #[arg(long = "add-role")]
    pub add_roles: Vec<String>,
    /// Remove a role (repeatable).
    #[arg(long = "remove-role")]
    pub remove_roles: Vec<String>,
    /// Mark the person as having left the organisation.
    #[arg(long)]
    pub left: bool,
}

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
    /// When (YYYY-MM-DD, YYYY-MM-DD HH:MM, or RFC 3339); default now.
    #[arg(long)]
    pub at: Option<String>,
    /// Duration in minutes.
    #[arg(long, default_value_t = 0)]
    pub minutes: u32,
    /// Attendee on the client's side (repeatable).
    #[arg(long = "with")]
    pub with: Vec<String>,
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
        /// The action (id or its first characters).
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
    /// The opportunity it belongs to (id).
    #[arg(long)]
    pub opportunity: Option<String>,
    /// The parent risk, for a sub-risk (id).
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
    /// The risk (id or its first characters).
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

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ExportFormat {
    /// The account file as JSON.
    Json,
    /// Automerge binary, with the full history.
    Automerge,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The client.
    pub file: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: ExportFormat,
    /// Write to this path (default: stdout for JSON; required for Automerge).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum CsvKind {
    /// Clients: name, postcode, company_number, legal_form, sector, region, segments, lead,
    /// intake_date, source.
    Clients,
    /// Interactions: client, at, kind, direction, purpose, minutes, summary, needs,
    /// their_attendees, our_attendees.
    Interactions,
}

#[derive(Debug, Args)]
pub(crate) struct ImportCsvArgs {
    /// What the rows are.
    #[arg(value_enum)]
    pub kind: CsvKind,
    /// The CSV file (first row: column names).
    pub path: PathBuf,
    /// Skip rows that duplicate an existing client or interaction instead of refusing the
    /// whole import.
    #[arg(long)]
    pub skip_duplicates: bool,
}

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
}

#[derive(Debug, Subcommand)]
pub(crate) enum PeerCmd {
    /// Trust the node in a ticket printed by `casebook invite` on the other machine.
    Add {
        /// The ticket (casebook:<node id>@<ip:port>,...).
        ticket: String,
        /// A name for the node, e.g. "Alice (laptop)".
        #[arg(long)]
        name: String,
        /// The adviser who uses that node (groups several nodes under one person).
        #[arg(long, default_value = "")]
        adviser: String,
    },
    /// List trusted peers.
    List,
    /// Stop trusting a peer.
    Remove {
        /// The peer's name or node id.
        peer: String,
    },
}

//! The command line: every command, flag and help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

mod client;
mod config;
mod conflicts;
mod contact;
mod opportunity;
mod org;
mod peer;
mod people;
mod relationship;
mod report;
mod review;
mod risk;
mod scorecard;
mod survey;
mod sync;
mod tier;
mod transfer;

pub(crate) use client::*;
pub(crate) use config::*;
pub(crate) use conflicts::*;
pub(crate) use contact::*;
pub(crate) use opportunity::*;
pub(crate) use org::*;
pub(crate) use peer::*;
pub(crate) use people::*;
pub(crate) use relationship::*;
pub(crate) use report::*;
pub(crate) use review::*;
pub(crate) use risk::*;
pub(crate) use scorecard::*;
pub(crate) use survey::*;
pub(crate) use sync::*;
pub(crate) use tier::*;
pub(crate) use transfer::*;

/// Casebook keeps an account file per client — contacts and org chart, contact log, risks,
/// opportunities, scorecards, surveys, reviews, journey and exit — durably on this machine, and
/// shows who changed what.
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

    /// The language of messages and help: en (English) or cy (Cymraeg). Default: the
    /// CASEBOOK_LANG environment variable, then the locale (LC_ALL, LC_MESSAGES, LANG), else
    /// English. JSON output is the same in every language.
    #[arg(long, global = true, value_name = "LANG", value_parser = ["en", "cy"])]
    pub lang: Option<String>,

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
    /// Listen for peers, dial the trusted ones, and keep every shared account file in sync
    /// live until stopped (Ctrl-C).
    Serve(ServeArgs),
    /// Sync once with a peer: exit when both hold the same heads for every shared file.
    Sync(SyncArgs),
    /// Per peer and per shared file: in sync, ahead, behind, or never synced; last contact.
    Status,
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
        /// Draw it as a picture (SVG, to open in a browser or print) instead of text.
        #[arg(long)]
        svg: bool,
        /// Write the picture to this file instead of printing it (with --svg).
        #[arg(long, short, requires = "svg")]
        out: Option<PathBuf>,
    },
    /// Log an interaction (call, meeting, visit, email, ...) in a client's contact log.
    Log(LogArgs),
    /// Add, complete and list agreed actions.
    #[command(subcommand)]
    Action(ActionCmd),
    /// Withdraw an interaction, action, person, risk, opportunity, contract, coloured risk
    /// alert or move between tiers entered by mistake: it leaves every list and rule, and the
    /// file's history keeps it with who withdrew it and why. (This is not erasure: the entry stays in history on every
    /// node.)
    Withdraw {
        /// The client.
        file: String,
        /// The entry's id, or its first characters as lists show them.
        id: String,
        /// Why it is withdrawn (e.g. "logged against the wrong client").
        #[arg(long)]
        reason: String,
    },
    /// Add, assess and list risks, with the highest-colour-wins roll-up.
    #[command(subcommand)]
    Risk(RiskCmd),
    /// Add opportunities and qualify them with COSMONAUTS sessions.
    #[command(subcommand, name = "opp")]
    Opportunity(OppCmd),
    /// Contracts won: each starts its own cycle of risk management.
    #[command(subcommand)]
    Contract(ContractCmd),
    /// Tiers of clients: criteria, service levels, and who is in which.
    #[command(subcommand)]
    Tier(TierCmd),
    /// The monthly balanced scorecard of a key account: KPIs in five categories answered yes
    /// or no, the Level 1 rule, percentages and the trend.
    #[command(subcommand)]
    Scorecard(ScorecardCmd),
    /// Client satisfaction surveys by level (users, managers, board): plan, ask, issue, record,
    /// analyse, and the Improvements Action Plan.
    #[command(subcommand)]
    Survey(SurveyCmd),
    /// Account performance reviews, internal and with the client: schedule, attend, minutes,
    /// actions carried forward, decisions, and the review pack.
    #[command(subcommand)]
    Review(ReviewCmd),
    /// The Contact Management Plan: who on our side sees whom at the client, how often, and
    /// whether the plan is kept.
    #[command(subcommand)]
    Plan(PlanCmd),
    /// Questions and discussion topics to carry to the client; open ones are shown when a
    /// meeting or visit is logged.
    #[command(subcommand)]
    Topic(TopicCmd),
    /// Competitor appraisals at a client, and how stale they are.
    #[command(subcommand)]
    Competitor(CompetitorCmd),
    /// Value added beyond the contract, and reference sites.
    #[command(subcommand)]
    Value(ValueCmd),
    /// Sales, proposition and marketing action plans: their items, and whether they are
    /// current.
    #[command(subcommand, name = "actionplan")]
    ActionPlan(ActionPlanCmd),
    /// The portfolio health dashboard: overdue contacts, stalled journeys, red risks, missing
    /// exit plans and points of contact, Level 1 failures, overdue scorecards, surveys and
    /// reviews, caseload and churn.
    Portfolio(PortfolioArgs),
    /// Effort: the hours logged with contacts over a period, by client, tier or adviser,
    /// against each tier's budget and each adviser's capacity.
    Effort(EffortArgs),
    /// A client's change history: when, who, which node, what, and where it came from.
    History {
        /// The client.
        file: String,
    },
    /// What changed in a client's account file between two points in its history.
    Diff {
        /// The client.
        file: String,
        /// From: a change hash (8+ characters) from `casebook history`, "N changes ago", or a
        /// local date or date-time.
        from: String,
        /// To: as FROM; default now.
        to: Option<String>,
    },
    /// Write a client's account file to a file: JSON, or Automerge binary that other Automerge
    /// tools (and `casebook merge` on another node) can open.
    Export(ExportArgs),
    /// Import an account file exported as JSON or Automerge (a client new to this node).
    ///
    /// A JSON file is checked field by field as casebook checks what you type (stages,
    /// likelihoods and severities, dates, kinds and statuses, ids) and refused whole if any
    /// field is wrong, naming the field and the accepted values.
    Import {
        /// The file to import.
        path: PathBuf,
        /// Import a JSON export of a client this node already holds as a separate new client
        /// file (a new file id, its own history from now on). To bring another node's changes
        /// into the file you hold, use `casebook merge` with an Automerge export instead.
        #[arg(long)]
        as_new: bool,
    },
    /// Import clients or interactions from a spreadsheet saved as CSV; all rows or none.
    ///
    /// Save the sheet as CSV from Excel, LibreOffice or Google Sheets. Encodings: UTF-8 with
    /// or without a byte-order mark ("CSV UTF-8"), Windows-1252 (Excel's plain "CSV" on
    /// Windows) and UTF-16 with a byte-order mark ("Unicode text"); anything else is refused:
    /// save it as CSV UTF-8. Cells are separated by `,` or `;` (whichever the header row uses
    /// more of); CRLF or LF line endings.
    ///
    /// The first row names the columns, in any case and spacing ("Company Number" is
    /// company_number). Columns casebook does not know are ignored and listed in a warning on
    /// stderr; --strict refuses them instead.
    ///
    /// Dates (intake_date): DD/MM/YYYY or YYYY-MM-DD; a time after the date is ignored.
    /// Date-times (at): DD/MM/YYYY HH:MM, YYYY-MM-DD HH:MM, or RFC 3339 such as
    /// 2026-05-12T14:30:00Z; a date alone means 09:00 that day.
    ///
    /// Lists (segments, their_attendees, our_attendees): items separated by `;`, or by `,`
    /// when the cell holds no `;` (so "Smith, Ann; Jones, Bob" is two people). In a sheet
    /// whose cells are separated by the same character, quote the cell.
    ///
    /// Interactions name their client by its full name (any case) or its file id. Every bad
    /// row is reported by row number (the header is row 1), column and reason, and nothing is
    /// imported until every row is good.
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
    /// List fields that advisers set to different values while apart, with who set each and
    /// when.
    Conflicts {
        /// The client; default: every client.
        file: Option<String>,
    },
    /// Resolve a conflict by keeping one value (or setting a new one), as one change.
    Resolve(ResolveArgs),
    /// Show or change the organisation's configuration (RAG matrix, COSMONAUTS weights,
    /// pathway thresholds), kept in its organisation document and synced to its nodes;
    /// administrators only change it.
    #[command(subcommand)]
    Config(ConfigCmd),
    /// This node's organisation: whose settings judge its account files, its administrators
    /// and members.
    #[command(subcommand)]
    Org(OrgCmd),
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
    /// Show the file as it was at a change hash (from `casebook history`), "N changes ago"
    /// ("1 change ago": before the latest change), or a local date-time (a date alone means
    /// the end of that day).
    #[arg(long)]
    pub at: Option<String>,
}

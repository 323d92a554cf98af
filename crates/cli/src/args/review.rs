//! Arguments of `casebook review ...` (RV-1..RV-8).

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub(crate) enum ReviewCmd {
    /// Schedule an account performance review with the organisation's agenda and questions.
    Schedule {
        /// The client.
        file: String,
        /// The day it is held (default today).
        #[arg(long)]
        date: Option<String>,
        /// A progress review held with the client, not an internal one.
        #[arg(long)]
        with_client: bool,
        /// The account manager (default: the client's lead).
        #[arg(long)]
        account_manager: Option<String>,
        /// The account manager's line manager (always at an internal review).
        #[arg(long)]
        line_manager: Option<String>,
    },
    /// Record who attended.
    Attend {
        /// The client.
        file: String,
        /// Who attended (one or more names).
        #[arg(required = true)]
        names: Vec<String>,
        /// The review: its date or id (default: the latest not closed).
        #[arg(long)]
        review: Option<String>,
    },
    /// Record the minutes of an agenda item (R1 to R20).
    Minutes(TextArgs),
    /// Record the answer to a question of the bank (ADM1, SAL2, ...).
    Answer(TextArgs),
    /// Agree an action point with an owner; open ones carry forward to the next review.
    Action {
        /// The client.
        file: String,
        /// What is to be done.
        title: String,
        /// Who will do it.
        #[arg(long)]
        owner: String,
        /// By when (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long)]
        due: Option<String>,
        /// The review: its date or id (default: the latest not closed).
        #[arg(long)]
        review: Option<String>,
    },
    /// Record a decision that changes the account: a new lead, deputy or sponsor (the team
    /// changes with it), or the account's priority.
    Decide {
        /// The client.
        file: String,
        /// lead, deputy, sponsor or priority.
        what: String,
        /// The new lead, deputy or sponsor, or the priority in words.
        value: String,
        /// Why.
        #[arg(long)]
        note: Option<String>,
        /// The review: its date or id (default: the latest not closed).
        #[arg(long)]
        review: Option<String>,
    },
    /// Tick off an update after the review: account-file, swot, scorecard, objectives, risks
    /// or action-plan.
    Updated {
        /// The client.
        file: String,
        /// The update.
        update: String,
        /// The review: its date or id (default: the latest).
        #[arg(long)]
        review: Option<String>,
    },
    /// Close the review: refused unless the account manager (and, at an internal review,
    /// their line manager) attended and minutes are recorded.
    Close(WhichReview),
    /// Show a review: attendees, minutes, answers, actions, decisions and the updates left.
    Show(WhichReview),
    /// A client's reviews, or with no client every account on the routine with its next
    /// review due.
    List {
        /// The client (default: every client).
        file: Option<String>,
    },
    /// Set how many days may pass between a client's internal reviews.
    Cadence {
        /// The client.
        file: String,
        /// Days between reviews.
        days: u32,
    },
    /// Write the review pack: one HTML file with the agenda and, under each item, what the
    /// account file holds, the pictures drawn, in the client's language.
    Pack {
        /// The client.
        file: String,
        /// Where to write it (default: print it).
        #[arg(long)]
        out: Option<PathBuf>,
        /// cy or en (default: the client's language).
        #[arg(long)]
        language: Option<String>,
        /// The review: its date or id (default: the latest not closed).
        #[arg(long)]
        review: Option<String>,
    },
    /// The organisation's agenda: list it, add items, retire or restore them.
    #[command(subcommand)]
    Agenda(TemplateCmd),
    /// The organisation's review questions: list them, add, retire or restore.
    #[command(subcommand)]
    Question(TemplateCmd),
}

#[derive(Debug, Args)]
pub(crate) struct WhichReview {
    /// The client.
    pub file: String,
    /// The review: its date or id (default: the latest not closed).
    #[arg(long)]
    pub review: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct TextArgs {
    /// The client.
    pub file: String,
    /// The item's code.
    pub code: String,
    /// What was said.
    pub text: String,
    /// The review: its date or id (default: the latest not closed).
    #[arg(long)]
    pub review: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum TemplateCmd {
    /// List the items in use and retired.
    List,
    /// Add an item.
    Add {
        /// For an agenda item, the input that fills it in the pack (such as sales or risks);
        /// for a question, its heading: admin, risk, client, relationship, issues, delivery,
        /// sales or competitors.
        group: String,
        /// In English.
        text: String,
        /// In Welsh.
        #[arg(long)]
        text_cy: Option<String>,
    },
    /// Take an item out of use (reviews scheduled before keep it).
    Retire {
        /// Its code.
        code: String,
    },
    /// Bring a retired item back into use.
    Restore {
        /// Its code.
        code: String,
    },
}

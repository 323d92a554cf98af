//! Arguments of `casebook survey ...` (SV-1..SV-5).

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub(crate) enum SurveyCmd {
    /// Plan a client satisfaction survey with the organisation's questions in use.
    Plan {
        /// The client.
        file: String,
        /// What it is called, e.g. "Annual survey 2026".
        #[arg(long)]
        title: String,
        /// The day responses are due (YYYY-MM-DD or DD/MM/YYYY): the analysis begins then.
        #[arg(long)]
        deadline: String,
        /// The independent organisation administering it, if any.
        #[arg(long)]
        administrator: Option<String>,
        /// Responses name no respondent.
        #[arg(long)]
        anonymous: bool,
    },
    /// Ask someone: a person of the org chart, or anyone else by name with --other.
    Recipient(RecipientArgs),
    /// Send the survey out: refused unless the most senior person known at the client is asked.
    Issue(WhichSurvey),
    /// Record one response: a score of 1 to 5 per question code.
    Record(RecordArgs),
    /// Bring in the responses an independent administrator returned as a spreadsheet (CSV):
    /// columns level, respondent, received, one per question code, unaware, comment.
    Import {
        /// The client.
        file: String,
        /// The spreadsheet, saved as CSV.
        csv: PathBuf,
        /// The survey: its title or id (default: the latest not closed).
        #[arg(long)]
        survey: Option<String>,
    },
    /// Close the survey for analysis.
    Close(WhichSurvey),
    /// Analyse a survey: response rates by level at the deadline, scores by area and level,
    /// services people did not know of, and whether to ask for a reference site.
    Analyse(WhichSurvey),
    /// Add an item to the survey's Improvements Action Plan: an owned action.
    Improve {
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
        /// The survey: its title or id (default: the latest not closed).
        #[arg(long)]
        survey: Option<String>,
    },
    /// Record that a closed survey's results were fed back to someone: a recipient, anyone
    /// working for the client, or anyone else who needs to know.
    Feedback {
        /// The client.
        file: String,
        /// Who it went to ("Rhian Jones", "our delivery team").
        #[arg(long)]
        to: String,
        /// How: a meeting, a report by email, a call.
        #[arg(long, default_value = "")]
        channel: String,
        /// What was said.
        #[arg(long, default_value = "")]
        note: String,
        /// The day (YYYY-MM-DD or DD/MM/YYYY); default: today.
        #[arg(long)]
        date: Option<String>,
        /// The survey: its title or id (default: the latest not closed, else the latest).
        #[arg(long)]
        survey: Option<String>,
    },
    /// A client's surveys, or with no client every client: the latest survey and whether one
    /// is due (none in the last 12 months).
    List {
        /// The client (default: every client).
        file: Option<String>,
    },
    /// The trend of a client's closed surveys: each area's mean score, survey by survey.
    Trend {
        /// The client.
        file: String,
    },
    /// The organisation's question bank: list it, add questions, retire or restore them
    /// (administrators).
    #[command(subcommand)]
    Question(QuestionCmd),
}

#[derive(Debug, Args)]
pub(crate) struct WhichSurvey {
    /// The client.
    pub file: String,
    /// The survey: its title or id (default: the latest not closed).
    #[arg(long)]
    pub survey: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RecipientArgs {
    /// The client.
    pub file: String,
    /// The person of the org chart: a name or id.
    #[arg(required_unless_present = "other")]
    pub person: Option<String>,
    /// Someone not on the org chart, by name.
    #[arg(long, conflicts_with = "person")]
    pub other: Option<String>,
    /// users, managers or board: the questions they get.
    #[arg(long)]
    pub level: String,
    /// Their function (purchasing, legal, HR, ...).
    #[arg(long)]
    pub function: Option<String>,
    /// direct (has dealt with us) or indirect.
    #[arg(long)]
    pub exposure: Option<String>,
    /// The survey: its title or id (default: the latest not closed).
    #[arg(long)]
    pub survey: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RecordArgs {
    /// The client.
    pub file: String,
    /// The recipient who responded (empty for an anonymous response).
    #[arg(long)]
    pub respondent: Option<String>,
    /// users, managers or board, when no respondent says it.
    #[arg(long)]
    pub level: Option<String>,
    /// A score CODE=N, N from 1 (very poor) to 5 (excellent) (repeatable).
    #[arg(long = "score")]
    pub scores: Vec<String>,
    /// A service of ours the respondent did not know of (repeatable).
    #[arg(long = "unaware")]
    pub unaware: Vec<String>,
    /// What they wrote.
    #[arg(long)]
    pub comment: Option<String>,
    /// The day it was received (default today).
    #[arg(long)]
    pub received: Option<String>,
    /// The survey: its title or id (default: the latest not closed).
    #[arg(long)]
    pub survey: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum QuestionCmd {
    /// List the question bank: code, area, the levels asked, the question, whether in use.
    List,
    /// Add a question.
    Add {
        /// relationship, deliverables, teamwork, account-manager, culture or value.
        #[arg(long)]
        area: String,
        /// users (asked of managers too), managers or board.
        #[arg(long)]
        level: String,
        /// The question in English.
        #[arg(long)]
        text: String,
        /// The question in Welsh.
        #[arg(long)]
        text_cy: Option<String>,
    },
    /// Take a question out of use: new surveys leave it out; past ones keep it.
    Retire {
        /// Its code.
        code: String,
    },
    /// Bring a retired question back into use.
    Restore {
        /// Its code.
        code: String,
    },
}

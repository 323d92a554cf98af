//! Arguments of `casebook plan`, `topic`, `competitor` and `value` (CT-6, CT-7, OP-5, OP-6).

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum PlanCmd {
    /// Plan who on our side keeps in contact with a person of the client, and how often.
    Add {
        /// The client.
        file: String,
        /// The person of the org chart: a name or id.
        person: String,
        /// Who on our side keeps the contact.
        #[arg(long)]
        ours: String,
        /// Days that may pass between contacts.
        #[arg(long)]
        every: u32,
        /// What the contact is for.
        #[arg(long)]
        objective: Option<String>,
    },
    /// The plan against the contacts logged: the last contact with each person, when the next
    /// is due, and the plan's adherence; with no client, every client's.
    List {
        /// The client (default: every client).
        file: Option<String>,
    },
    /// Take a line off the plan.
    Remove {
        /// The client.
        file: String,
        /// The line's id, or its first characters.
        line: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum TopicCmd {
    /// Add a question or discussion topic to carry to the client.
    Add {
        /// The client.
        file: String,
        /// The question or topic.
        text: String,
    },
    /// Record the answer to a topic.
    Answer {
        /// The client.
        file: String,
        /// The topic: its words, its id or the first characters of its id.
        topic: String,
        /// What was learnt.
        #[arg(long)]
        note: Option<String>,
    },
    /// The open topics (with --all, the answered ones too).
    List {
        /// The client.
        file: String,
        /// Also the answered ones.
        #[arg(long)]
        all: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum CompetitorCmd {
    /// Appraise a competitor at the client: its strengths and weaknesses today (again, for one
    /// appraised before).
    Appraise {
        /// The client.
        file: String,
        /// The competitor's name.
        name: String,
        /// Their strengths.
        #[arg(long)]
        strengths: Option<String>,
        /// Their weaknesses.
        #[arg(long)]
        weaknesses: Option<String>,
        /// The opportunity they compete for.
        #[arg(long)]
        opportunity: Option<String>,
        /// The day of the appraisal (default today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Competitors with the age of their appraisal (stale after 180 days); with no client,
    /// every client's.
    List {
        /// The client (default: every client).
        file: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ValueCmd {
    /// Log value added for the client beyond the contract.
    Add {
        /// The client.
        file: String,
        /// What was done.
        what: String,
        /// freebie, technology-update, talk, training, reference-visit or other.
        #[arg(long)]
        kind: String,
        /// Its estimated value in pounds.
        #[arg(long, default_value_t = 0.0)]
        value: f64,
        /// The day (default today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Value added per client over a period, reference status and reference-site candidates.
    List {
        /// The client (default: every client).
        file: Option<String>,
        /// From this day (default: a year ago).
        #[arg(long)]
        from: Option<String>,
        /// To this day (default: today).
        #[arg(long)]
        to: Option<String>,
    },
    /// Record whether the client acts as a reference site: candidate, agreed or declined.
    Reference {
        /// The client.
        file: String,
        /// candidate, agreed or declined.
        status: String,
    },
}

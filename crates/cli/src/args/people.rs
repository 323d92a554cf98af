//! Arguments of `casebook person ...`.

use clap::{Args, Subcommand};

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

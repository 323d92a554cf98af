//! The per-file summary kept in the store's index, so portfolio questions never load documents.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::config::OrgConfig;
use crate::enums::{ExitReason, Rag};
use crate::model::AccountFile;
use crate::rules::flags::Facts;
use crate::rules::pipeline::{self, OpportunityLine};
use crate::rules::rollup::rollup;
use crate::rules::scorecard::ScorecardFacts;

/// The version of [`FileSummary::of`]'s computation. Raised whenever a summary or its facts
/// are computed differently (version 2: JR-3 counts unanswered attempts and responses in
/// person; version 3: upside risks apart, invalid values count red, ended opportunities'
/// risks leave the roll-up, the pipeline of opportunities; version 4: Welsh speakers served in
/// English; version 5: the scorecard routine and lost orders not reviewed; version 6: the latest
/// survey; version 7: the review routine; version 8: senior-to-senior contact; version 9: coloured risk alerts and risk
/// management plans; version 10: tiers and the senior sponsor; version 11: minutes by month), so that a store opened by a newer build recomputes every stored summary once
/// instead of judging with rows an older build wrote.
pub const SUMMARY_VERSION: u32 = 11;

/// Everything the portfolio dashboard and `client list` need about one file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileSummary {
    /// The file id.
    pub file_id: String,
    /// Client name.
    pub name: String,
    /// Postcode (duplicate detection).
    pub postcode: String,
    /// Company number (duplicate detection).
    pub company_number: String,
    /// Segment tags.
    pub segments: Vec<String>,
    /// Lead adviser.
    pub lead: String,
    /// Deputy.
    pub deputy: String,
    /// Senior sponsor (CT-5, PF-5).
    pub sponsor: String,
    /// Exit date, if exited.
    pub exit_date: Option<NaiveDate>,
    /// Exit reason, if exited.
    pub exit_reason: Option<ExitReason>,
    /// Account roll-up colour; where a risk's fields hold concurrent values, the worst of them.
    pub rag: Option<Rag>,
    /// Whether the roll-up counts a risk whose likelihood, severity or status holds concurrent
    /// values, so the colour is the worst of them rather than agreed.
    #[serde(default)]
    pub rag_disputed: bool,
    /// How many fields of the file hold concurrent values (`casebook conflicts` lists them); 0
    /// in a summary stored before this was counted, until the file next changes.
    #[serde(default)]
    pub conflicts: usize,
    /// Whether an exit plan is agreed.
    pub has_exit_plan: bool,
    /// Number of people known.
    pub people: usize,
    /// Number of interactions logged.
    pub interactions: usize,
    /// Number of open risks that count for the account (outside opportunities that ended).
    pub open_risks: usize,
    /// Number of data problems in the risk register (a parent cycle, an unknown parent, a
    /// value off the scale), each worked around by the roll-up until corrected.
    #[serde(default)]
    pub risk_problems: usize,
    /// Number of open opportunities.
    pub open_opportunities: usize,
    /// Every opportunity in one line, for the portfolio's pipeline (`opp list`); `None` in a
    /// summary stored before these were kept (then the document is read instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opportunities: Option<Vec<OpportunityLine>>,
    /// Interactions held in English with someone who prefers Welsh (CY-2).
    #[serde(default)]
    pub welsh_served_in_english: usize,
    /// The balanced scorecard routine's facts (BS-2, BS-4).
    #[serde(default)]
    pub scorecards: ScorecardFacts,
    /// The day the latest satisfaction survey was issued (SV-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_survey: Option<NaiveDate>,
    /// The account performance review routine's facts (RV-1).
    #[serde(default)]
    pub reviews: crate::rules::review::ReviewFacts,
    /// The senior sponsor's planned contact with the client's senior people (CT-5).
    #[serde(default)]
    pub senior_contact: crate::rules::contact_plan::SeniorContact,
    /// Each live activity's coloured risk alerts, judged against the day at query time (RK-3).
    pub risk_alerts: Vec<crate::rules::risk_alerts::AlertFacts>,
    /// Each risk management plan's next review and gaps (RK-5).
    pub risk_plans: Vec<crate::rules::risk_plans::PlanFacts>,
    /// The scopes that need a risk management plan and have none: contracts' titles, empty for
    /// the account (RK-5).
    pub risk_plans_missing: Vec<String>,
    /// Whether the client has ever had a survey planned.
    #[serde(default)]
    pub surveyed: bool,
    /// Lost orders nobody has reviewed yet (OP-4).
    #[serde(default)]
    pub lost_not_reviewed: usize,
    /// Total minutes of contact logged (CL-3 effort).
    pub contact_minutes: u64,
    /// The minutes logged with contacts per calendar month, `YYYY-MM` (CL-3).
    #[serde(default)]
    pub minutes_by_month: std::collections::BTreeMap<String, u64>,
    /// The facts the flags are computed from, at query time.
    pub facts: Facts,
    /// The node that created the file (its genesis names it).
    #[serde(default)]
    pub owner: String,
    /// Who may read or change the file: node id → `read` | `write`, so sync can decide what
    /// to offer a peer without loading the document.
    #[serde(default)]
    pub sharing: std::collections::BTreeMap<String, String>,
    /// The organisation the file names as its judge (`org::judge_of`), so sync can offer that
    /// organisation's rules, read-only, to every node the file is shared with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judge: Option<String>,
    /// The node that made that organisation's document, as the file names it: its rules judge
    /// the file only from a document that node made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judge_owner: Option<String>,
}

impl FileSummary {
    /// Summarise `file` with `config` (the RAG matrix decides the roll-up colour).
    pub fn of(file: &AccountFile, config: &OrgConfig) -> Self {
        let mut segments: Vec<String> = file.profile.segments.keys().cloned().collect();
        segments.sort();
        let roll = rollup(file, &config.rag_matrix);
        let (plans, plans_missing) = crate::rules::risk_plans::facts(file, &config.rag_matrix);
        Self {
            file_id: file.file_id.clone(),
            name: file.profile.name.clone(),
            postcode: file.profile.postcode.clone(),
            company_number: file.profile.company_number.clone(),
            segments,
            lead: file.team.lead.clone(),
            deputy: file.team.deputy.clone(),
            sponsor: file.team.sponsor.clone(),
            exit_date: file.journey.exit.as_ref().map(|e| e.date),
            exit_reason: file.journey.exit.as_ref().map(|e| e.reason),
            rag: roll.account,
            rag_disputed: roll.disputed,
            conflicts: file.disputes.conflicts.unwrap_or(0),
            has_exit_plan: file.journey.exit_plan.is_some(),
            people: file.people.values().filter(|p| !p.left).count(),
            interactions: file.interactions.len(),
            open_risks: roll.open_risks,
            risk_problems: roll.problems.len(),
            open_opportunities: file
                .opportunities
                .values()
                .filter(|o| o.status == crate::enums::OpportunityStatus::Open)
                .count(),
            opportunities: Some(pipeline::lines(file, config, &roll)),
            welsh_served_in_english: crate::rules::language::count_welsh_served_in_english(file),
            minutes_by_month: crate::rules::effort::minutes_by_month(file),
            contact_minutes: file
                .interactions
                .values()
                .map(|i| u64::from(i.minutes))
                .sum(),
            facts: Facts::of(file),
            scorecards: ScorecardFacts::of(file),
            last_survey: crate::rules::survey::last_issued(file),
            surveyed: !file.surveys.is_empty(),
            reviews: crate::rules::review::ReviewFacts::of(file),
            // The lines' last contacts as of the latest interaction: the due days are judged
            // at query time.
            senior_contact: crate::rules::contact_plan::SeniorContact::of(file, NaiveDate::MAX),
            risk_alerts: crate::rules::risk_alerts::activities(file)
                .iter()
                .map(|a| a.facts())
                .collect(),
            risk_plans: plans,
            risk_plans_missing: plans_missing,
            lost_not_reviewed: crate::rules::orders::lost_not_reviewed(file).len(),
            owner: file.owner.clone(),
            sharing: file.sharing.clone(),
            // Read from the document, not the view (see `casebook::organisation`).
            judge: None,
            judge_owner: None,
        }
    }

    /// Whether the client is still on the caseload.
    pub fn is_active(&self) -> bool {
        self.exit_date.is_none()
    }

    /// Whether something shown about the client is disputed: a field holds concurrent values,
    /// the roll-up colour is the worst of concurrent values, or the stage is.
    pub fn is_disputed(&self) -> bool {
        self.conflicts > 0 || self.rag_disputed || !self.facts.disputed_stages.is_empty()
    }

    /// Whether the client has a named point of contact on our side (CT-1).
    pub fn has_point_of_contact(&self) -> bool {
        !self.lead.trim().is_empty()
    }
}

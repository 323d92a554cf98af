//! Plain typed views of an account file: what a document holds, as Rust structs.
//!
//! These are read with [`crate::view::read`] and never written directly: every change goes
//! through [`crate::edit`], so each change carries a domain message and touches only the
//! fields it means to.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::disputes::Disputes;
use crate::enums::{
    ActionStatus, CosmoGroup, Coverage, Decision, Direction, ExitReason, InteractionKind,
    OpportunityOrigin, OpportunityStatus, PersonRole, Polarity, Purpose, ReferenceStatus,
    RiskResponse, RiskStatus, SwotKind,
};

/// The whole account file of one client, as the document holds it now (or at some past point).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountFile {
    /// The file's identity, a UUID.
    pub file_id: String,
    /// The highest schema migration applied to the document.
    pub schema_version: u64,
    /// Who the client is (PF-1, PF-3).
    pub profile: Profile,
    /// Who on our side looks after the client (PF-5, CT-1).
    pub team: Team,
    /// Where the client is on the support pathway, and how it will leave (JR-1..JR-5).
    pub journey: Journey,
    /// The client's people and the org chart (CT-2..CT-4), keyed by person id.
    pub people: BTreeMap<Uuid, Person>,
    /// The contact log (CL-1, CL-3), keyed by interaction id.
    pub interactions: BTreeMap<Uuid, Interaction>,
    /// Agreed actions (CL-2), keyed by action id.
    pub actions: BTreeMap<Uuid, Action>,
    /// The risk register (RK-1, RK-2), keyed by risk id.
    pub risks: BTreeMap<Uuid, Risk>,
    /// Sales or support opportunities with their qualification sessions (OP-1, OP-2).
    pub opportunities: BTreeMap<Uuid, Opportunity>,
    /// The client's objectives (PF-3), keyed by objective id.
    pub objectives: BTreeMap<Uuid, Objective>,
    /// SWOT items (PF-3), keyed by item id.
    pub swot: BTreeMap<Uuid, SwotItem>,
    /// Monthly balanced scorecards (BS-1..BS-5), keyed by scorecard id; a correction of a
    /// finalised one is another entry that names it.
    pub scorecards: BTreeMap<Uuid, Scorecard>,
    /// Satisfaction surveys (SV-1..SV-5), keyed by survey id.
    pub surveys: BTreeMap<Uuid, Survey>,
    /// Account performance reviews, internal and with the client (RV-1..RV-8), keyed by id.
    pub reviews: BTreeMap<Uuid, Review>,
    /// The Contact Management Plan: who on our side covers whom, how often (CT-6).
    pub contact_plan: BTreeMap<Uuid, PlanLine>,
    /// Questions and discussion topics to carry to the client (CT-7).
    pub topics: BTreeMap<Uuid, Topic>,
    /// Appraisals of competitors at the client (OP-5).
    pub competitors: BTreeMap<Uuid, Competitor>,
    /// Value added beyond the contract, reference visits included (OP-6).
    pub value_added: BTreeMap<Uuid, ValueAdded>,
    /// Sales, proposition and marketing action plans (OP-3), keyed by plan id.
    pub action_plans: BTreeMap<Uuid, ActionPlan>,
    /// The Preventative Risk Register checked for this account, its opportunities and its
    /// contracts (RK-4, RK-6), keyed by `account/<item id>` or `<opportunity or contract
    /// id>/<item id>`.
    pub prr: BTreeMap<String, PrrCheck>,
    /// Contracts won (RK-6), keyed by contract id.
    pub contracts: BTreeMap<Uuid, Contract>,
    /// Coloured risk alerts sent for opportunities and contracts (RK-3), keyed by alert id.
    pub risk_alerts: BTreeMap<Uuid, RiskAlert>,
    /// Risk Management Plans (RK-5), keyed `account` or by the contract's id.
    pub risk_plans: BTreeMap<String, RiskPlan>,
    /// The client's tiers over time (PF-4), keyed by entry id: each runs until the next starts.
    pub tier_history: BTreeMap<Uuid, TierEntry>,
    /// The adviser's name behind each node that has edited this file, keyed by node id.
    pub nodes: BTreeMap<String, String>,
    /// The node that created the file.
    pub owner: String,
    /// Who may hold (`read`) or change (`write`) the file, keyed by node id.
    pub sharing: BTreeMap<String, String>,
    /// Entries withdrawn as entered by mistake, keyed by the entry's id: [`crate::view::read`]
    /// takes them out of their sections, so no list or rule sees them; history keeps them.
    pub withdrawn: BTreeMap<Uuid, Withdrawal>,
    /// The fields the rules read that hold concurrent values, so that every rule can judge by
    /// the worst of them. Read from the document's registers by [`crate::view::read`], never
    /// from the file's content (a document cannot claim or hide a dispute): not part of the
    /// file's JSON, and empty in a file deserialised from JSON.
    #[serde(skip)]
    pub disputes: Disputes,
}

/// The record of an entry withdrawn as entered by mistake.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Withdrawal {
    /// The section it was in: `people`, `interactions`, `actions`, `risks`, `opportunities`,
    /// `contracts`, `risk_alerts` or `tier_history`.
    pub section: String,
    /// What it was, in words, as it was when withdrawn.
    pub what: String,
    /// Who withdrew it.
    pub by: String,
    /// When.
    pub at: Option<DateTime<Utc>>,
    /// Why.
    pub reason: String,
}

/// The organisation (or pre-start individual) this file is about.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// Trading or personal name.
    pub name: String,
    /// Legal form: sole trader, partnership, limited company, charity, social enterprise, ...
    pub legal_form: String,
    /// Sector, free text (e.g. "food manufacturing").
    pub sector: String,
    /// UK postcode, used with the name to detect duplicates.
    pub postcode: String,
    /// Companies House number, the strongest duplicate key (PF-7).
    pub company_number: String,
    /// Region or local area.
    pub region: String,
    /// Segment tags mapped to strategy objectives (PF-1); a set.
    pub segments: BTreeMap<String, bool>,
    /// The client's mission statement.
    pub mission: String,
    /// The client's strategy in a few sentences.
    pub strategy: String,
    /// The client's current priorities.
    pub priorities: String,
    /// When the client joined the caseload.
    pub intake_date: Option<NaiveDate>,
    /// Where the client came from (referrer, campaign, walk-in).
    pub source: String,
    /// The language the client prefers to be served in: `cy`, `en`, or empty (CY-2).
    pub language: String,
    /// Whether the client acts as a reference site (OP-6).
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub reference: Option<ReferenceStatus>,
}

/// The adviser side of the relationship.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Team {
    /// Lead adviser or account manager: the client's named point of contact.
    pub lead: String,
    /// Deputy who covers for the lead.
    pub deputy: String,
    /// Senior sponsor from our own organisation.
    pub sponsor: String,
    /// When the client was told who its points of contact are.
    pub contact_communicated: Option<NaiveDate>,
    /// Days between internal account performance reviews (RV-1); none: the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_days: Option<u32>,
}

/// The client's journey on the support pathway.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Journey {
    /// The current pathway stage (a name from the configured pathway).
    pub stage: String,
    /// When the client entered the current stage.
    pub stage_entered: Option<DateTime<Utc>>,
    /// Every stage change, keyed by entry id.
    pub history: BTreeMap<Uuid, StageEntry>,
    /// The exit plan agreed for this client (JR-4).
    pub exit_plan: Option<ExitPlan>,
    /// The exit, once the client has left the caseload.
    pub exit: Option<ExitRecord>,
    /// A remedial plan for a client who is not progressing (JR-3).
    pub remedial_plan: String,
}

/// One move along the pathway.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageEntry {
    /// The stage entered.
    pub stage: String,
    /// When.
    pub at: Option<DateTime<Utc>>,
    /// Which adviser moved it.
    pub by: String,
    /// Why.
    pub note: String,
}

/// How and when the client is expected to leave the caseload.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExitPlan {
    /// What "done" means for this client.
    pub criteria: String,
    /// When the exit is planned.
    pub planned_date: Option<NaiveDate>,
    /// Where the client goes next (onward referral).
    pub onward_referral: String,
}

/// The record of a client leaving the caseload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExitRecord {
    /// When the client left.
    pub date: NaiveDate,
    /// Why (JR-3, JR-4).
    pub reason: ExitReason,
    /// What was achieved.
    #[serde(default)]
    pub outcome: String,
    /// Where the client went next.
    #[serde(default)]
    pub destination: String,
}

/// A person in the client's organisation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Job title.
    pub title: String,
    /// Department or org unit.
    pub department: String,
    /// Email address.
    pub email: String,
    /// Phone number.
    pub phone: String,
    /// Role flags (CT-3); a set.
    pub roles: BTreeMap<PersonRole, bool>,
    /// Preferred channel (CT-2).
    pub channel: Option<InteractionKind>,
    /// Preferred language, e.g. "en" or "cy" (CT-2).
    pub language: String,
    /// The person's manager, for the org chart (CT-4).
    pub reports_to: Option<Uuid>,
    /// Contact coverage state on the org chart (CT-4).
    pub coverage: Coverage,
    /// Every coverage change, kept indefinitely.
    pub coverage_history: BTreeMap<Uuid, CoverageEntry>,
    /// Set when the person has left the organisation (CT-8).
    pub left: bool,
}

/// One change of a person's coverage state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CoverageEntry {
    /// The new state.
    pub state: Coverage,
    /// When it changed.
    pub at: Option<DateTime<Utc>>,
    /// Who changed it.
    pub by: String,
    /// For a planned visit: who will visit.
    pub planned_by: String,
    /// For a planned visit: by when.
    pub planned_for: Option<NaiveDate>,
}

/// One call, meeting, visit, email or other contact with the client (CL-1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    /// What kind of contact.
    pub kind: InteractionKind,
    /// Who initiated it.
    pub direction: Direction,
    /// When it took place.
    pub at: DateTime<Utc>,
    /// How long it took, in minutes (CL-3 effort).
    #[serde(default)]
    pub minutes: u32,
    /// Attendees on our side.
    #[serde(default)]
    pub our_attendees: Vec<String>,
    /// Attendees on the client's side, by name as logged: people of the org chart and others.
    #[serde(default)]
    pub their_attendees: Vec<String>,
    /// The attendees who are people of the client's org chart, by id (CT-4): logging the
    /// interaction marks each one still there contacted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Uuid>,
    /// Why (the purposes of S003's Client Relationship Management).
    pub purpose: Purpose,
    /// What was said.
    #[serde(default)]
    pub summary: String,
    /// Needs identified.
    #[serde(default)]
    pub needs: String,
    /// Risks this contact relates to.
    #[serde(default)]
    pub risks: Vec<Uuid>,
    /// Opportunities this contact relates to.
    #[serde(default)]
    pub opportunities: Vec<Uuid>,
    /// The adviser who logged it.
    #[serde(default)]
    pub by: String,
    /// The language it was held in: `cy`, `en`, or empty if not recorded (CY-2).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub language: String,
}

/// An agreed action (CL-2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// What is to be done.
    pub title: String,
    /// Who will do it.
    #[serde(default)]
    pub owner: String,
    /// By when.
    pub due: Option<NaiveDate>,
    /// Open or done.
    #[serde(default)]
    pub status: ActionStatus,
    /// When it was completed.
    #[serde(default)]
    pub done_at: Option<DateTime<Utc>>,
    /// The interaction where it was agreed.
    #[serde(default)]
    pub origin: Option<Uuid>,
}

/// A 1–5 scale value as any tool may have written it. A whole number from 0 to 255 reads as
/// itself (the rules show one off the 1–5 scale as invalid and count it as the worst colour);
/// anything else (negative, larger, a fraction, text, a list) reads as 0, off every scale, so
/// one odd value never makes the whole account file unreadable.
fn scale<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(value
        .as_u64()
        .and_then(|n| u8::try_from(n).ok())
        .unwrap_or(0))
}

/// [`scale`] for an optional value: absent or null is none.
fn optional_scale<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(d)?;
    Ok(value.map(|v| v.as_u64().and_then(|n| u8::try_from(n).ok()).unwrap_or(0)))
}

/// A risk in the register (RK-1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    /// Short title, e.g. "Key supplier failure".
    pub title: String,
    /// The opportunity this risk belongs to; `None` for an account-level risk.
    #[serde(default)]
    pub opportunity: Option<Uuid>,
    /// The contract this risk belongs to (RK-6); `None` for a risk of the account or an
    /// opportunity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<Uuid>,
    /// The parent risk, for a sub-risk.
    #[serde(default)]
    pub parent: Option<Uuid>,
    /// Category (supplier, client or contract aspect).
    #[serde(default)]
    pub category: String,
    /// Threat or opportunity.
    #[serde(default)]
    pub polarity: Polarity,
    /// Likelihood 1 (rare) – 5 (almost certain). A value off any scale from another tool
    /// (negative, over 255, a fraction, text) reads as 0, off every scale, so one odd value
    /// never makes the whole file unreadable.
    #[serde(deserialize_with = "scale")]
    pub likelihood: u8,
    /// Severity 1 (negligible) – 5 (severe); read as [`Risk::likelihood`] is.
    #[serde(deserialize_with = "scale")]
    pub severity: u8,
    /// The chosen response.
    #[serde(default)]
    pub response: Option<RiskResponse>,
    /// Residual likelihood after the response.
    #[serde(default, deserialize_with = "optional_scale")]
    pub residual_likelihood: Option<u8>,
    /// Residual severity after the response.
    #[serde(default, deserialize_with = "optional_scale")]
    pub residual_severity: Option<u8>,
    /// Mitigation or contingency notes.
    #[serde(default)]
    pub mitigation: String,
    /// Who owns the risk.
    #[serde(default)]
    pub owner: String,
    /// Open or closed; closed risks leave the roll-up.
    #[serde(default)]
    pub status: RiskStatus,
    /// When it was raised.
    #[serde(default)]
    pub raised: Option<DateTime<Utc>>,
}

/// A sales or support opportunity (OP-1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Opportunity {
    /// Short title.
    pub title: String,
    /// From a client need or our own proposition.
    #[serde(default)]
    pub origin: OpportunityOrigin,
    /// Estimated value in pounds.
    #[serde(default)]
    pub value: f64,
    /// Expected timescale, free text or a date.
    #[serde(default)]
    pub timescale: String,
    /// Open, on hold, won, lost, withdrawn or qualified out.
    #[serde(default)]
    pub status: OpportunityStatus,
    /// When it was raised.
    #[serde(default)]
    pub raised: Option<DateTime<Utc>>,
    /// COSMONAUTS qualification sessions, keyed by session id.
    #[serde(default)]
    pub sessions: BTreeMap<Uuid, QualificationSession>,
    /// The outcome once won, lost or withdrawn (OP-4), written by `opp close`; absent while
    /// the opportunity is pursued and in files from before outcomes were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// The duty to send coloured risk alerts for it (RK-3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporting: Option<Reporting>,
}

/// How an opportunity ended (OP-4): won, lost or withdrawn, when, for how much and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// Won, lost or withdrawn (the status written with it).
    pub result: OpportunityStatus,
    /// The day it was decided.
    pub date: NaiveDate,
    /// The value won, or lost or withdrawn, in pounds.
    #[serde(default)]
    pub value: f64,
    /// Why: what won it, or the loss reason a lost-order review starts from.
    #[serde(default)]
    pub reason: String,
    /// The adviser who recorded it.
    #[serde(default)]
    pub by: String,
    /// The review of a lost order (OP-4): what was learnt, once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<OrderReview>,
}

/// The review of a lost order (OP-4; scorecard KPI "Lost orders reviewed?").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderReview {
    /// The day it was reviewed.
    pub date: NaiveDate,
    /// What was learnt.
    pub notes: String,
    /// The adviser who recorded it.
    #[serde(default)]
    pub by: String,
}

/// One COSMONAUTS qualification session (OP-2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QualificationSession {
    /// When it took place.
    pub at: DateTime<Utc>,
    /// Who took part.
    #[serde(default)]
    pub participants: Vec<String>,
    /// The neutral reviewer the seed asks for.
    #[serde(default)]
    pub neutral_reviewer: String,
    /// The scored answers, keyed by answer id.
    #[serde(default)]
    pub answers: BTreeMap<Uuid, Answer>,
    /// Continue, hold or qualify out.
    pub decision: Decision,
    /// Notes.
    #[serde(default)]
    pub note: String,
    /// The organisation's COSMONAUTS weights when the session was recorded: the session is
    /// scored with them for ever, so a later change of weights does not rewrite a judgement
    /// already made. Absent in sessions recorded before casebook kept them (those are scored
    /// with the weights in force now, and say so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<BTreeMap<CosmoGroup, u32>>,
}

/// One scored answer to a COSMONAUTS question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The group the question belongs to.
    pub group: CosmoGroup,
    /// The question asked.
    #[serde(default)]
    pub question: String,
    /// Score 0 (bad) – 5 (good).
    pub score: u8,
    /// Where the answer came from, and notes.
    #[serde(default)]
    pub note: String,
}

/// A client objective (PF-3).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Objective {
    /// The goal.
    pub goal: String,
    /// How it is measured.
    pub measure: String,
    /// The target value.
    pub target: String,
    /// By when.
    pub due: Option<NaiveDate>,
}

/// One SWOT item (PF-3); threats and weaknesses feed the risk register.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SwotItem {
    /// Strength, weakness, opportunity or threat.
    pub kind: SwotKind,
    /// The item.
    pub text: String,
    /// When it was recorded.
    #[serde(default)]
    pub date: Option<NaiveDate>,
}

impl AccountFile {
    /// The date-time of the most recent interaction, if any.
    pub fn last_contact(&self) -> Option<DateTime<Utc>> {
        self.interactions.values().map(|i| i.at).max()
    }

    /// Whether the client has left the caseload.
    pub fn is_exited(&self) -> bool {
        self.journey.exit.is_some()
    }
}

/// A vocabulary value another tool may have written wrongly: anything unknown reads as none,
/// so one odd value never makes the whole file unreadable.
fn lenient<'de, D: serde::Deserializer<'de>, T: serde::de::DeserializeOwned>(
    d: D,
) -> Result<Option<T>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value(value).ok())
}

mod routines;

pub use routines::*;

/// The client entering a tier (PF-4): it stays there until the next entry starts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TierEntry {
    /// The tier, as the organisation defines it.
    pub tier: Option<Uuid>,
    /// The tier's name when the client entered it.
    pub name: String,
    /// The day it entered.
    pub from: Option<NaiveDate>,
    /// Why: the entry or exit criteria met.
    pub reason: String,
    /// The adviser who recorded it.
    pub by: String,
    /// When it was recorded: of two moves on one day, the later recorded is current.
    pub at: Option<DateTime<Utc>>,
}

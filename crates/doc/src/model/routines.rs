//! The account manager's routines in the account file: balanced scorecards, satisfaction
//! surveys, account performance reviews, the contact plan and topics, competitors, value added,
//! preventative risk register checks, action plans, contracts, coloured risk alerts and risk
//! management plans (schemas 6 to 12).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{lenient, optional_scale};
use crate::enums::{
    Exposure, KpiCategory, PlanKind, Rag, ReviewDecision, ReviewKind, SurveyArea, SurveyLevel,
    ValueKind,
};

/// One month's balanced scorecard of the account (BS-1..BS-5).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scorecard {
    /// The month scored, `YYYY-MM`.
    pub month: String,
    /// The KPIs as the organisation defined them when the scorecard was started, keyed by KPI
    /// id: a recorded judgement keeps the questions it was made under.
    pub kpis: BTreeMap<Uuid, ScorecardKpi>,
    /// The answers, keyed by KPI id; every KPI has an entry from the start, so two advisers
    /// answering one KPI apart write the same fields and the merge shows both answers.
    pub answers: BTreeMap<Uuid, KpiAnswer>,
    /// The adviser who started it.
    pub started_by: String,
    /// When.
    pub started_at: Option<DateTime<Utc>>,
    /// The finalised scorecard of the same month this one corrects.
    pub supersedes: Option<Uuid>,
    /// Once finalised, by whom, when, and the scores as they stood: nothing changes it after.
    pub finalised: Option<Finalised>,
}

/// A KPI as a scorecard copied it from the organisation's set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScorecardKpi {
    /// Its code: the seed's category letter for Level 1 (`A1`), doubled for Level 2 (`AA1`).
    pub code: String,
    /// Its category, or none when another tool wrote a category casebook does not know.
    #[serde(deserialize_with = "lenient")]
    pub category: Option<KpiCategory>,
    /// 1 (mandatory) or 2 (recommended).
    pub level: u8,
    /// The question in English.
    pub text: String,
    /// The question in Welsh.
    pub text_cy: String,
}

/// The answer to one KPI of a scorecard.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KpiAnswer {
    /// 1 for yes, 0 for no; none until answered (anything else another tool wrote counts 0).
    #[serde(deserialize_with = "optional_scale")]
    pub score: Option<u8>,
    /// What the answer rests on.
    pub evidence: String,
    /// For a no: why (the seed's "explanatory paragraph").
    pub explanation: String,
    /// For a no: the next action.
    pub next_action: String,
    /// For a no: who will take it.
    pub owner: String,
    /// For a no: by when.
    pub due: Option<NaiveDate>,
    /// The adviser who answered.
    pub by: String,
    /// When.
    pub at: Option<DateTime<Utc>>,
    /// The action finalising opened for a Level 1 no.
    pub action: Option<Uuid>,
}

/// A scorecard's finalisation: after it, the scorecard is the record of its month.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Finalised {
    /// The adviser who finalised it.
    pub by: String,
    /// When.
    pub at: Option<DateTime<Utc>>,
    /// Each KPI's score as finalised, keyed by KPI id: the scorecard is judged by these, so an
    /// answer that arrives later from a node that had not seen the finalisation changes nothing.
    pub scores: BTreeMap<Uuid, u8>,
}

/// A satisfaction survey of the client's people (SV-1..SV-5).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Survey {
    /// What it is called ("Annual survey 2026").
    pub title: String,
    /// The day it was planned.
    pub planned: Option<NaiveDate>,
    /// The day responses are due: the analysis begins then.
    pub deadline: Option<NaiveDate>,
    /// The independent organisation administering it, if any (SV-4).
    pub administrator: String,
    /// Whether responses are anonymous (then they name no respondent).
    pub anonymous: bool,
    /// The questions as the organisation defined them when it was planned, keyed by question id.
    pub questions: BTreeMap<Uuid, SurveyQuestionCopy>,
    /// Who is asked, keyed by recipient id.
    pub recipients: BTreeMap<Uuid, Recipient>,
    /// When it went out, and who sent it.
    pub issued: Option<Stamp>,
    /// The responses, keyed by response id.
    pub responses: BTreeMap<Uuid, SurveyResponse>,
    /// When it was closed for analysis, and by whom.
    pub closed: Option<Stamp>,
    /// The actions of its Improvements Action Plan (SV-5), by action id.
    pub improvements: BTreeMap<Uuid, bool>,
    /// Who its results were fed back to (SV-5), keyed by entry id.
    pub feedback: BTreeMap<Uuid, SurveyFeedback>,
}

/// The results of a survey fed back to someone (SV-5: "provide feedback to the Client,
/// everyone working for your Client … and anyone else who needs to know").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyFeedback {
    /// The recipient it went to, when it went to one.
    pub recipient: Option<Uuid>,
    /// Who it went to, as written ("Rhian Jones", "our delivery team").
    pub to: String,
    /// How: a meeting, a report by email, a call.
    pub channel: String,
    /// What was said.
    pub summary: String,
    /// The day.
    pub date: Option<NaiveDate>,
    /// The adviser who recorded it.
    pub by: String,
    /// When it was recorded: orders feedback given the same day.
    pub at: Option<DateTime<Utc>>,
}

/// A survey question as a survey copied it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyQuestionCopy {
    /// Its code (`U1`, `M3`, `B2`).
    pub code: String,
    /// Its area, or none when another tool wrote one casebook does not know.
    #[serde(deserialize_with = "lenient")]
    pub area: Option<SurveyArea>,
    /// The lowest level asked: a Users question is asked of Managers too.
    #[serde(deserialize_with = "lenient")]
    pub level: Option<SurveyLevel>,
    /// The question in English.
    pub text: String,
    /// The question in Welsh.
    pub text_cy: String,
}

/// Someone a survey asks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Recipient {
    /// The person of the org chart, if they are in it.
    pub person: Option<Uuid>,
    /// Their name as written.
    pub name: String,
    /// The instrument they get.
    #[serde(deserialize_with = "lenient")]
    pub level: Option<SurveyLevel>,
    /// Their function (purchasing, legal, HR, ...).
    pub function: String,
    /// Whether they have dealt with us directly.
    #[serde(deserialize_with = "lenient")]
    pub exposure: Option<Exposure>,
}

/// One response to a survey.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyResponse {
    /// The recipient who responded; none when anonymous.
    pub recipient: Option<Uuid>,
    /// The instrument answered.
    #[serde(deserialize_with = "lenient")]
    pub level: Option<SurveyLevel>,
    /// The day it was received.
    pub received: Option<NaiveDate>,
    /// Each answer 1 (very poor) to 5 (excellent), by question id.
    pub scores: BTreeMap<Uuid, u8>,
    /// Our services the respondent did not know of (SV-5).
    pub unaware_of: Vec<String>,
    /// What they wrote.
    pub comment: String,
    /// The adviser who recorded it.
    pub by: String,
}

/// Who did something, and when.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stamp {
    /// The day.
    pub date: Option<NaiveDate>,
    /// The adviser.
    pub by: String,
}

/// An account performance review (RV-1..RV-8).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    /// Internal, or with the client; none when another tool wrote a kind casebook does not
    /// know.
    #[serde(deserialize_with = "lenient")]
    pub kind: Option<ReviewKind>,
    /// The day it is held.
    pub date: Option<NaiveDate>,
    /// The account manager, who must attend.
    pub account_manager: String,
    /// Their line manager, who must attend an internal review.
    pub line_manager: String,
    /// Who attended, a set of names.
    pub attendees: BTreeMap<String, bool>,
    /// The agenda as the organisation defined it when scheduled, keyed by item id.
    pub agenda: BTreeMap<Uuid, ReviewItem>,
    /// The questions to ask, as defined when scheduled, keyed by question id.
    pub questions: BTreeMap<Uuid, ReviewItem>,
    /// The minutes, by agenda item id.
    pub minutes: BTreeMap<Uuid, String>,
    /// The answers, by question id.
    pub answers: BTreeMap<Uuid, String>,
    /// The account's actions agreed at it, by action id.
    pub actions: BTreeMap<Uuid, bool>,
    /// What it decided that changes the account, keyed by decision id.
    pub decisions: BTreeMap<Uuid, ReviewDecisionRecord>,
    /// The updates made after it (RV-6), by update.
    pub checklist: BTreeMap<String, Stamp>,
    /// The adviser who scheduled it.
    pub scheduled_by: String,
    /// When it was closed, and by whom.
    pub closed: Option<Stamp>,
}

/// An agenda item or a question as a review copied it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewItem {
    /// Its code (`R7`, `SAL1`).
    pub code: String,
    /// The input that fills an agenda item, or a question's heading.
    pub group: String,
    /// In English.
    pub text: String,
    /// In Welsh.
    pub text_cy: String,
}

/// A decision of a review that changes the account (RV-8).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewDecisionRecord {
    /// What it changes.
    #[serde(deserialize_with = "lenient")]
    pub what: Option<ReviewDecision>,
    /// The new value (a name, or the priority in words).
    pub value: String,
    /// Why.
    pub note: String,
    /// The adviser who recorded it.
    pub by: String,
}

/// One line of the Contact Management Plan (CT-6).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanLine {
    /// Who on our side keeps the contact.
    pub ours: String,
    /// The person of the org chart they cover.
    pub person: Option<Uuid>,
    /// How many days may pass between contacts.
    pub every_days: u32,
    /// What the contact is for.
    pub objective: String,
    /// The adviser who planned it.
    pub by: String,
}

/// A question or discussion topic to carry to the client (CT-7).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Topic {
    /// The question or topic.
    pub text: String,
    /// The day it was raised.
    pub raised: Option<NaiveDate>,
    /// The adviser who raised it.
    pub by: String,
    /// Once answered: when, by whom, and what was learnt.
    pub answered: Option<TopicAnswer>,
}

/// The answer to a topic.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TopicAnswer {
    /// The day.
    pub date: Option<NaiveDate>,
    /// The adviser.
    pub by: String,
    /// What was learnt.
    pub note: String,
}

/// An appraisal of a competitor at the client (OP-5).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Competitor {
    /// The competitor's name.
    pub name: String,
    /// Their strengths.
    pub strengths: String,
    /// Their weaknesses.
    pub weaknesses: String,
    /// The day of the latest appraisal.
    pub appraised: Option<NaiveDate>,
    /// The opportunity they compete for, if one.
    pub opportunity: Option<Uuid>,
    /// The adviser who appraised them last.
    pub by: String,
}

/// Value added for the client beyond the contract (OP-6).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ValueAdded {
    /// What was done.
    pub what: String,
    /// What kind of value it was.
    #[serde(deserialize_with = "lenient")]
    pub kind: Option<ValueKind>,
    /// The day.
    pub date: Option<NaiveDate>,
    /// Its estimated value in pounds.
    pub value: f64,
    /// The adviser who logged it.
    pub by: String,
}

/// The check of one Preventative Risk Register item for the account or an opportunity (RK-4).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrrCheck {
    /// Whether the risk applies here.
    pub applies: bool,
    /// Why not, when it does not.
    pub reason: String,
    /// The risk raised from it, when it applies.
    pub risk: Option<Uuid>,
    /// The adviser who checked it.
    pub by: String,
    /// When.
    pub date: Option<NaiveDate>,
}

/// A sales, proposition or marketing action plan of the account (OP-3): its items are actions
/// of the account, linked from it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionPlan {
    /// What it is for, or none when another tool wrote a kind casebook does not know.
    #[serde(deserialize_with = "lenient")]
    pub kind: Option<PlanKind>,
    /// Its title.
    pub title: String,
    /// What it aims at.
    pub objective: String,
    /// The day it was last reviewed (set when it is made): current for 90 days after.
    pub reviewed: Option<NaiveDate>,
    /// Its items, by action id.
    pub items: BTreeMap<Uuid, bool>,
}

/// A contract won with the client (RK-6): its own cycle of risk management begins when it is
/// made.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contract {
    /// Its title (the won opportunity's, unless given).
    pub title: String,
    /// The opportunity it was won from, if it was tracked as one.
    pub opportunity: Option<Uuid>,
    /// The person responsible for managing it, who keeps its risk management plan and sends
    /// its coloured risk alerts.
    pub manager: String,
    /// The day it starts.
    pub start: Option<NaiveDate>,
    /// Its value in pounds.
    pub value: f64,
    /// The day it ended; its risks then leave the account's colour.
    pub ended: Option<NaiveDate>,
    /// The duty to send coloured risk alerts for it (RK-3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reporting: Option<Reporting>,
}

/// The duty to send a coloured risk alert for an activity (an opportunity or a contract) at the
/// prescribed frequency (RK-3).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reporting {
    /// Who sends the alerts.
    pub reporter: String,
    /// One alert every this many days.
    pub every_days: u32,
    /// The first day of the first period.
    pub from: Option<NaiveDate>,
}

/// A coloured risk alert sent to the account manager for an activity (RK-3).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RiskAlert {
    /// The opportunity or contract it is for.
    pub activity: Option<Uuid>,
    /// Its colour, or none when another tool wrote one casebook does not know.
    #[serde(deserialize_with = "lenient")]
    pub colour: Option<Rag>,
    /// Who sent it.
    pub reporter: String,
    /// What the reporter says.
    pub commentary: String,
    /// The day it was sent; it belongs to the period holding this day.
    pub date: Option<NaiveDate>,
    /// The register's colour of the activity when it was sent (none: no open threat).
    #[serde(deserialize_with = "lenient")]
    pub register: Option<Rag>,
    /// When it was recorded: orders alerts sent the same day.
    pub at: Option<DateTime<Utc>>,
}

/// A Risk Management Plan of the account or of one contract (RK-5).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RiskPlan {
    /// Who maintains it.
    pub owner: String,
    /// Reviewed every this many days.
    pub review_days: u32,
    /// The day it was started.
    pub started: Option<NaiveDate>,
    /// Its actions: action id → the id of the risk the action treats (text, so that a value
    /// another tool wrote that is no id reads as no risk rather than spoiling the file).
    pub actions: BTreeMap<Uuid, String>,
    /// The reviews of its effectiveness, keyed by review id.
    pub reviews: BTreeMap<Uuid, PlanReview>,
}

/// One review of a risk management plan's effectiveness (RK-5).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanReview {
    /// The day of the review.
    pub date: Option<NaiveDate>,
    /// Who reviewed it.
    pub by: String,
    /// How effective the plan has been, and what changes.
    pub effectiveness: String,
}

//! Satisfaction surveys (SV-1..SV-5): who must be asked, response rates by level at the
//! deadline, scores by area and level, the trend across years, awareness gaps for the
//! Improvements Action Plan, and when a reference site may be asked for.

use std::collections::BTreeMap;

use casebook_i18n::Message;
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::collation::Collation;
use crate::enums::{SurveyArea, SurveyLevel};
use crate::model::{AccountFile, Survey, SurveyResponse};
use crate::rules::org_tree::OrgTree;

/// Every answer of a survey is on this scale: 1 (very poor) to 5 (excellent).
pub const SCALE: std::ops::RangeInclusive<u8> = 1..=5;

/// An area's mean at or above this (of 5) counts as positive for the reference-site ask.
pub const POSITIVE: f64 = 4.0;

/// A survey issued within this many days counts as "in the last 12 months" (KPI DD1).
pub const YEAR_DAYS: i64 = 365;

/// The people at the top of the client's org chart now (reporting to nobody known; leavers
/// left out, so whoever reported to one is at the top): "the most senior person known in the
/// Client organisation must always be surveyed".
pub fn top_people(file: &AccountFile) -> Vec<Uuid> {
    let mut current = AccountFile {
        people: file.people.clone(),
        ..AccountFile::default()
    };
    current.people.retain(|_, p| !p.left);
    OrgTree::of(&current, Collation::English).roots
}

/// Why `survey` cannot be issued now: every reason, or none.
pub fn issue_problems(survey: &Survey, file: &AccountFile) -> Vec<Message> {
    let mut out = Vec::new();
    if survey.issued.is_some() {
        out.push(Message::new("sv-problem-issued").with("title", &survey.title));
        return out;
    }
    if survey.recipients.is_empty() {
        out.push(Message::new("sv-problem-no-recipients"));
    }
    let asked: Vec<Uuid> = survey
        .recipients
        .values()
        .filter_map(|r| r.person)
        .collect();
    let missing: Vec<String> = top_people(file)
        .into_iter()
        .filter(|p| !asked.contains(p))
        .filter_map(|p| file.people.get(&p).map(|x| x.name.clone()))
        .collect();
    if !missing.is_empty() {
        out.push(Message::new("sv-problem-most-senior").with("names", missing.join(", ")));
    }
    if survey.recipients.values().any(|r| r.level.is_none()) {
        out.push(Message::new("sv-problem-recipient-level"));
    }
    out
}

/// The level a response answers for: its own, else its recipient's.
fn level_of(survey: &Survey, r: &SurveyResponse) -> Option<SurveyLevel> {
    r.level.or_else(|| {
        r.recipient
            .and_then(|id| survey.recipients.get(&id))
            .and_then(|x| x.level)
    })
}

/// One level's response rate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LevelRate {
    /// The level.
    pub level: SurveyLevel,
    /// Recipients at it.
    pub recipients: usize,
    /// Responses received by the deadline.
    pub by_deadline: usize,
    /// Responses received after it.
    pub late: usize,
    /// By the deadline ÷ recipients, as a percentage; none without recipients.
    pub percent: Option<f64>,
}

/// The mean score of one area, at one level or (`level` none) over every level.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AreaScore {
    /// The area.
    pub area: SurveyArea,
    /// The level, or none for all together.
    pub level: Option<SurveyLevel>,
    /// The mean of its answers, 1–5.
    pub mean: f64,
    /// How many answers.
    pub answers: usize,
}

/// Where a survey stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// Planned, not sent yet.
    Planned,
    /// Sent; the deadline has not passed.
    Issued,
    /// The deadline has passed: the analysis must begin.
    AnalysisDue,
    /// Closed for analysis.
    Closed,
}

/// A survey analysed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    /// Where it stands on the day analysed.
    pub stage: Stage,
    /// Response rates by level, Users first.
    pub rates: Vec<LevelRate>,
    /// Over every level.
    pub overall_rate: Option<f64>,
    /// Each area's mean at each level, then over every level.
    pub areas: Vec<AreaScore>,
    /// Each service respondents did not know of, with how many said so, most first.
    pub unaware: Vec<(String, usize)>,
    /// Whether results are positive enough to ask for a reference site (OP-6): at least one
    /// response and every area's mean at least [`POSITIVE`].
    pub ask_for_reference: bool,
    /// Answers off the 1–5 scale, left out of every mean.
    pub off_scale: usize,
}

fn mean(values: &[u8]) -> Option<f64> {
    (!values.is_empty())
        .then(|| values.iter().map(|v| f64::from(*v)).sum::<f64>() / values.len() as f64)
}

/// Analyse `survey` on `today`.
pub fn analyse(survey: &Survey, today: NaiveDate) -> Analysis {
    let stage = match (&survey.issued, &survey.closed, survey.deadline) {
        (_, Some(_), _) => Stage::Closed,
        (None, None, _) => Stage::Planned,
        (Some(_), None, Some(d)) if today > d => Stage::AnalysisDue,
        (Some(_), None, _) => Stage::Issued,
    };
    let mut rates = Vec::new();
    let (mut all_recipients, mut all_on_time) = (0, 0);
    for level in SurveyLevel::ALL {
        let recipients = survey
            .recipients
            .values()
            .filter(|r| r.level == Some(*level))
            .count();
        let (mut by_deadline, mut late) = (0, 0);
        for r in survey
            .responses
            .values()
            .filter(|r| level_of(survey, r) == Some(*level))
        {
            match (r.received, survey.deadline) {
                (Some(got), Some(d)) if got > d => late += 1,
                _ => by_deadline += 1,
            }
        }
        all_recipients += recipients;
        all_on_time += by_deadline;
        rates.push(LevelRate {
            level: *level,
            recipients,
            by_deadline,
            late,
            percent: (recipients > 0).then(|| 100.0 * by_deadline as f64 / recipients as f64),
        });
    }
    let mut by: BTreeMap<(SurveyArea, Option<SurveyLevel>), Vec<u8>> = BTreeMap::new();
    let mut off_scale = 0;
    let mut unaware: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for r in survey.responses.values() {
        let level = level_of(survey, r);
        for (q, score) in &r.scores {
            let Some(area) = survey.questions.get(q).and_then(|q| q.area) else {
                continue;
            };
            if !SCALE.contains(score) {
                off_scale += 1;
                continue;
            }
            by.entry((area, level)).or_default().push(*score);
            by.entry((area, None)).or_default().push(*score);
        }
        for service in &r.unaware_of {
            let key = service.trim().to_lowercase();
            if key.is_empty() {
                continue;
            }
            // Written differently by different respondents: one form shown, the same whatever
            // order the responses come in.
            let entry = unaware
                .entry(key)
                .or_insert_with(|| (service.trim().to_string(), 0));
            if service.trim() < entry.0.as_str() {
                entry.0 = service.trim().to_string();
            }
            entry.1 += 1;
        }
    }
    let mut areas: Vec<AreaScore> = by
        .into_iter()
        .filter_map(|((area, level), values)| {
            mean(&values).map(|m| AreaScore {
                area,
                level,
                mean: m,
                answers: values.len(),
            })
        })
        .collect();
    // Each area's levels first, then the area over every level.
    areas.sort_by_key(|a| (a.level.is_none(), a.level, a.area));
    let overall: Vec<&AreaScore> = areas.iter().filter(|a| a.level.is_none()).collect();
    let ask_for_reference = !survey.responses.is_empty()
        && !overall.is_empty()
        && overall.iter().all(|a| a.mean >= POSITIVE);
    let mut unaware: Vec<(String, usize)> = unaware.into_values().collect();
    unaware.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Analysis {
        stage,
        rates,
        overall_rate: (all_recipients > 0)
            .then(|| 100.0 * all_on_time as f64 / all_recipients as f64),
        areas,
        unaware,
        ask_for_reference,
        off_scale,
    }
}

/// One survey of the trend.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SurveyPoint {
    /// The survey.
    pub survey: Uuid,
    /// Its title.
    pub title: String,
    /// The day it was issued.
    pub issued: Option<NaiveDate>,
    /// Each area's mean over every level.
    pub areas: BTreeMap<SurveyArea, f64>,
    /// The mean of every answer.
    pub overall: Option<f64>,
}

/// The trend (SV-1): every closed survey's means by area, oldest first.
pub fn trend(file: &AccountFile) -> Vec<SurveyPoint> {
    let mut points: Vec<SurveyPoint> = file
        .surveys
        .iter()
        .filter(|(_, s)| s.closed.is_some())
        .map(|(id, s)| {
            let a = analyse(s, NaiveDate::MAX);
            let all: Vec<u8> = s
                .responses
                .values()
                .flat_map(|r| r.scores.values().copied())
                .filter(|v| SCALE.contains(v))
                .collect();
            SurveyPoint {
                survey: *id,
                title: s.title.clone(),
                issued: s.issued.as_ref().and_then(|i| i.date),
                areas: a
                    .areas
                    .iter()
                    .filter(|x| x.level.is_none())
                    .map(|x| (x.area, x.mean))
                    .collect(),
                overall: mean(&all),
            }
        })
        .collect();
    points.sort_by_key(|p| (p.issued, p.survey));
    points
}

/// Who a survey's results have been fed back to (SV-5).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FeedbackState {
    /// Everyone it was fed back to, recipients or not, in the order given.
    pub given_to: Vec<String>,
    /// Its recipients.
    pub recipients: usize,
    /// The recipients nobody has fed the results back to yet, by name.
    pub still_to: Vec<String>,
}

/// Who `survey`'s results have been fed back to, and which recipients are still waiting.
pub fn feedback(survey: &Survey) -> FeedbackState {
    let mut given: Vec<&crate::model::SurveyFeedback> = survey.feedback.values().collect();
    given.sort_by_key(|f| (f.date, f.at));
    let reached = |id: &Uuid, name: &str| {
        given
            .iter()
            .any(|f| f.recipient == Some(*id) || f.to.trim().eq_ignore_ascii_case(name.trim()))
    };
    let mut still_to: Vec<String> = survey
        .recipients
        .iter()
        .filter(|(id, r)| !reached(id, &r.name))
        .map(|(_, r)| r.name.clone())
        .collect();
    still_to.sort();
    FeedbackState {
        given_to: given.iter().map(|f| f.to.clone()).collect(),
        recipients: survey.recipients.len(),
        still_to,
    }
}

/// The day the latest survey was issued.
pub fn last_issued(file: &AccountFile) -> Option<NaiveDate> {
    file.surveys
        .values()
        .filter_map(|s| s.issued.as_ref().and_then(|i| i.date))
        .max()
}

/// Whether a survey issued on `last` is within the last 12 months of `today`.
pub fn within_a_year(last: Option<NaiveDate>, today: NaiveDate) -> bool {
    last.is_some_and(|d| d <= today && (today - d).num_days() <= YEAR_DAYS)
}

#[cfg(test)]
mod tests;

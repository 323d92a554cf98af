//! Answers the account file suggests for KPIs (BS-5), with the evidence, for a person to
//! confirm: casebook never answers a scorecard by itself.

use casebook_i18n::Message;
use chrono::{DateTime, Datelike, Utc};

use crate::config::OrgConfig;
use crate::enums::{KpiSource, OpportunityStatus};
use crate::model::AccountFile;
use crate::rules::cosmonauts::{Trend, qualify};
use crate::rules::flags::{Facts, contact_overdue};
use crate::rules::orders::order_record;

/// How many days back "this quarter" reaches for [`KpiSource::JourneyAdvanced`].
pub const QUARTER_DAYS: i64 = 91;

/// An answer the data suggests.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// 1 (yes) or 0 (no).
    pub score: u8,
    /// What it rests on, in words.
    pub evidence: Message,
}

fn pounds(value: f64) -> String {
    format!("£{value:.0}")
}

/// The answer `source` suggests for `file` at `now`, judged by `config`.
pub fn suggest(
    source: KpiSource,
    file: &AccountFile,
    config: &OrgConfig,
    now: DateTime<Utc>,
) -> Suggestion {
    let today = now.date_naive();
    let (yes, evidence) = match source {
        KpiSource::LostOrdersReviewed => {
            let r = order_record(file, today);
            match r.lost_not_reviewed.first() {
                None => (
                    true,
                    Message::new("sc-evidence-lost-all-reviewed").with("lost", r.lost),
                ),
                Some(first) => {
                    let title = file
                        .opportunities
                        .get(first)
                        .map(|o| o.title.clone())
                        .unwrap_or_default();
                    (
                        false,
                        Message::new("sc-evidence-lost-not-reviewed")
                            .with("count", r.lost_not_reviewed.len())
                            .with("lost", r.lost)
                            .with("title", title),
                    )
                }
            }
        }
        KpiSource::NewBusinessUp => {
            let r = order_record(file, today);
            (
                r.ahead_of_last_year(),
                Message::new("sc-evidence-new-business")
                    .with("this_year", pounds(r.won_this_year))
                    .with("last_year", pounds(r.won_last_year_to_date)),
            )
        }
        KpiSource::PipelineQualified => pipeline(file, config),
        KpiSource::ExitPlanAgreed => match &file.journey.exit_plan {
            Some(plan) => (
                true,
                Message::new("sc-evidence-exit-plan").with("criteria", &plan.criteria),
            ),
            None => (false, Message::new("sc-evidence-no-exit-plan")),
        },
        KpiSource::ContactFrequencyMet => {
            let facts = Facts::of(file);
            let overdue = contact_overdue(&facts, config, now);
            let evidence = match facts.last_contact {
                Some(at) => Message::new("sc-evidence-last-contact")
                    .with("date", at.date_naive().to_string())
                    .with("days", config.contact_days_for(facts.tier)),
                None => Message::new("sc-evidence-no-contact"),
            };
            (!overdue, evidence)
        }
        KpiSource::SurveyInLastYear => {
            let last = crate::rules::survey::last_issued(file);
            let evidence = match last {
                Some(d) => Message::new("sc-evidence-survey-issued").with("date", d.to_string()),
                None => Message::new("sc-evidence-no-survey"),
            };
            (crate::rules::survey::within_a_year(last, today), evidence)
        }
        KpiSource::ValueAddedThisMonth => {
            let first = today.with_day(1).unwrap_or(today);
            let added = crate::rules::value::added_between(file, first, today);
            (
                added.count > 0,
                Message::new("sc-evidence-value-added")
                    .with("count", added.count)
                    .with("value", pounds(added.value)),
            )
        }
        KpiSource::JourneyAdvanced => {
            let since = now - chrono::Duration::days(QUARTER_DAYS);
            let latest = file
                .journey
                .history
                .values()
                .filter_map(|e| e.at.map(|at| (at, e.stage.clone())))
                .max();
            match latest {
                Some((at, stage)) if at >= since => (
                    true,
                    Message::new("sc-evidence-stage-moved")
                        .with("stage", stage)
                        .with("date", at.date_naive().to_string()),
                ),
                Some((at, stage)) => (
                    false,
                    Message::new("sc-evidence-stage-since")
                        .with("stage", stage)
                        .with("date", at.date_naive().to_string()),
                ),
                None => (false, Message::new("sc-evidence-no-stage")),
            }
        }
    };
    Suggestion {
        score: u8::from(yes),
        evidence,
    }
}

/// Every pursued opportunity qualified, and none worse at its latest session (OP-2).
fn pipeline(file: &AccountFile, config: &OrgConfig) -> (bool, Message) {
    let open: Vec<_> = file
        .opportunities
        .values()
        .filter(|o| matches!(o.status, OpportunityStatus::Open | OpportunityStatus::Hold))
        .collect();
    if open.is_empty() {
        return (false, Message::new("sc-evidence-no-pipeline"));
    }
    if let Some(o) = open.iter().find(|o| o.sessions.is_empty()) {
        return (
            false,
            Message::new("sc-evidence-not-qualified").with("title", &o.title),
        );
    }
    if let Some(o) = open
        .iter()
        .find(|o| qualify(o, config).trend == Trend::Worsening)
    {
        return (
            false,
            Message::new("sc-evidence-worsening").with("title", &o.title),
        );
    }
    (
        true,
        Message::new("sc-evidence-pipeline-qualified").with("count", open.len()),
    )
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::model::{ExitPlan, Opportunity, Outcome};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap()
    }

    fn opp(status: OpportunityStatus) -> Opportunity {
        let mut o: Opportunity =
            serde_json::from_value(serde_json::json!({"title": "Export", "origin": "need"}))
                .unwrap();
        o.status = status;
        o
    }

    #[test]
    fn lost_orders_suggest_no_until_each_is_reviewed() {
        let mut file = AccountFile::default();
        let c = OrgConfig::default();
        let s = suggest(KpiSource::LostOrdersReviewed, &file, &c, now());
        assert_eq!(s.score, 1, "nothing lost, nothing to review");
        let mut lost = opp(OpportunityStatus::Lost);
        lost.outcome = Some(Outcome {
            result: OpportunityStatus::Lost,
            date: now().date_naive(),
            value: 100.0,
            reason: "price".into(),
            by: "Alice".into(),
            review: None,
        });
        file.opportunities.insert(uuid::Uuid::new_v4(), lost);
        let s = suggest(KpiSource::LostOrdersReviewed, &file, &c, now());
        assert_eq!(s.score, 0);
        assert!(
            s.evidence.english().contains("Export"),
            "{}",
            s.evidence.english()
        );
    }

    #[test]
    fn a_pipeline_needs_every_opportunity_qualified() {
        let mut file = AccountFile::default();
        let c = OrgConfig::default();
        assert_eq!(
            suggest(KpiSource::PipelineQualified, &file, &c, now()).score,
            0
        );
        file.opportunities
            .insert(uuid::Uuid::new_v4(), opp(OpportunityStatus::Open));
        let s = suggest(KpiSource::PipelineQualified, &file, &c, now());
        assert_eq!(s.score, 0);
        assert!(s.evidence.english().contains("Export"));
    }

    #[test]
    fn exit_plan_contact_and_journey_answer_from_the_file() {
        let mut file = AccountFile::default();
        let c = OrgConfig::default();
        assert_eq!(
            suggest(KpiSource::ExitPlanAgreed, &file, &c, now()).score,
            0
        );
        file.journey.exit_plan = Some(ExitPlan {
            criteria: "sold".into(),
            ..ExitPlan::default()
        });
        assert_eq!(
            suggest(KpiSource::ExitPlanAgreed, &file, &c, now()).score,
            1
        );
        assert_eq!(
            suggest(KpiSource::ContactFrequencyMet, &file, &c, now()).score,
            0
        );
        assert_eq!(
            suggest(KpiSource::JourneyAdvanced, &file, &c, now()).score,
            0
        );
        file.journey.history.insert(
            uuid::Uuid::new_v4(),
            crate::model::StageEntry {
                stage: "diagnostic".into(),
                at: Some(now() - chrono::Duration::days(QUARTER_DAYS + 1)),
                ..Default::default()
            },
        );
        assert_eq!(
            suggest(KpiSource::JourneyAdvanced, &file, &c, now()).score,
            0
        );
        file.journey.history.insert(
            uuid::Uuid::new_v4(),
            crate::model::StageEntry {
                stage: "delivery".into(),
                at: Some(now() - chrono::Duration::days(10)),
                ..Default::default()
            },
        );
        assert_eq!(
            suggest(KpiSource::JourneyAdvanced, &file, &c, now()).score,
            1
        );
    }
}

//! Flags that spot portfolio difficulties early (JR-2, JR-3, PF-6, CL-2).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::config::OrgConfig;
use crate::enums::{ActionStatus, Direction, Purpose};
use crate::model::AccountFile;

/// The few facts about a file that the flags need, small enough to keep in the index so that
/// portfolio questions never load a document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Facts {
    /// Whether the client has exited.
    pub exited: bool,
    /// The current stage, as views show it.
    pub stage: String,
    /// Every concurrent value of the stage when advisers moved the client to different stages
    /// apart (empty otherwise); [`stalled`] judges by the one that raises a flag.
    pub disputed_stages: Vec<String>,
    /// When the current stage was entered: the earliest of the concurrent moments, if advisers
    /// moved the stage apart (the longest the client may have been waiting).
    pub stage_entered: Option<DateTime<Utc>>,
    /// The latest progress event: a stage change or a progress-review contact.
    pub last_progress: Option<DateTime<Utc>>,
    /// The latest contact of any kind.
    pub last_contact: Option<DateTime<Utc>>,
    /// The latest inbound contact.
    pub last_inbound: Option<DateTime<Utc>>,
    /// The first contact.
    pub first_contact: Option<DateTime<Utc>>,
    /// Outbound attempts since the latest inbound contact.
    pub outbound_since_inbound: u32,
    /// Intake date.
    pub intake: Option<NaiveDate>,
    /// Due dates of open actions, earliest first.
    pub open_action_dues: Vec<NaiveDate>,
}

impl Facts {
    /// Extract the facts from a file.
    pub fn of(file: &AccountFile) -> Self {
        let last_inbound = file
            .interactions
            .values()
            .filter(|i| i.direction == Direction::Inbound)
            .map(|i| i.at)
            .max();
        let outbound = file
            .interactions
            .values()
            .filter(|i| {
                i.direction == Direction::Outbound && last_inbound.is_none_or(|li| i.at > li)
            })
            .count();
        let reviews = file
            .interactions
            .values()
            .filter(|i| i.purpose == Purpose::ProgressReview)
            .map(|i| i.at);
        let mut dues: Vec<NaiveDate> = file
            .actions
            .values()
            .filter(|a| a.status == ActionStatus::Open)
            .filter_map(|a| a.due)
            .collect();
        dues.sort();
        // Every concurrent moment of a stage move happened: the move each adviser made.
        let moments = &file.disputes.stage_entered;
        let (first_entered, last_entered) = if moments.is_empty() {
            (file.journey.stage_entered, file.journey.stage_entered)
        } else {
            (moments.iter().min().copied(), moments.iter().max().copied())
        };
        Self {
            exited: file.is_exited(),
            stage: file.journey.stage.clone(),
            disputed_stages: file.disputes.stage.clone(),
            stage_entered: first_entered,
            last_progress: reviews.chain(last_entered).max(),
            last_contact: file.last_contact(),
            last_inbound,
            first_contact: file.interactions.values().map(|i| i.at).min(),
            outbound_since_inbound: u32::try_from(outbound).unwrap_or(u32::MAX),
            intake: file.profile.intake_date,
            open_action_dues: dues,
        }
    }
}

/// Why a client is flagged as stalled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "why")]
pub enum Stalled {
    /// Longer in the current stage than the stage allows.
    TooLongInStage {
        /// The stage overstayed: the current one, or, when the stage is disputed, the
        /// concurrent value with the tightest limit.
        stage: String,
        /// Days in the stage.
        days: i64,
        /// The stage's limit.
        max_days: i64,
    },
    /// No progress event (stage change or progress review) for too long.
    NoProgress {
        /// Days since the last progress event.
        days: i64,
        /// The configured limit.
        max_days: i64,
    },
}

/// Days between two instants, rounded down, never negative.
fn days_between(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    (to - from).num_days().max(0)
}

/// Days the client has been in its current stage, if it has one.
pub fn days_in_stage(facts: &Facts, now: DateTime<Utc>) -> Option<i64> {
    facts.stage_entered.map(|at| days_between(at, now))
}

impl Facts {
    /// The stages the rules weigh: every concurrent value when the stage is disputed, else the
    /// current one.
    pub fn stages(&self) -> impl Iterator<Item = &str> {
        let disputed = !self.disputed_stages.is_empty();
        self.disputed_stages
            .iter()
            .map(String::as_str)
            .chain((!disputed).then_some(self.stage.as_str()))
    }
}

/// Whether an active client's journey has stalled (JR-2); exited clients never stall.
///
/// A disputed stage stalls if the client has overstayed any of its concurrent values (the one
/// with the tightest limit is named), counted from the earliest concurrent moment of entry.
pub fn stalled(facts: &Facts, config: &OrgConfig, now: DateTime<Utc>) -> Option<Stalled> {
    if facts.exited {
        return None;
    }
    if let Some(days) = days_in_stage(facts, now)
        && let Some(stage) = facts
            .stages()
            .filter_map(|s| config.stage(s).ok())
            .filter(|s| days > s.max_days)
            .min_by_key(|s| s.max_days)
    {
        return Some(Stalled::TooLongInStage {
            stage: stage.name.clone(),
            days,
            max_days: stage.max_days,
        });
    }
    let days = days_between(facts.last_progress?, now);
    (days > config.stalled_no_progress_days).then_some(Stalled::NoProgress {
        days,
        max_days: config.stalled_no_progress_days,
    })
}

/// Why a client is flagged as unresponsive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "why")]
pub enum Unresponsive {
    /// No inbound contact for too long.
    Silent {
        /// Days since the last inbound contact (or since intake, if none).
        days: i64,
    },
    /// Too many outbound attempts unanswered since the last inbound contact.
    UnansweredAttempts {
        /// Outbound attempts since the last inbound contact.
        attempts: u32,
    },
}

/// Whether an active client has stopped responding (JR-3).
///
/// Silence is counted from the last inbound contact, or from intake (or the first contact)
/// when the client has never contacted us.
pub fn unresponsive(facts: &Facts, config: &OrgConfig, now: DateTime<Utc>) -> Option<Unresponsive> {
    if facts.exited {
        return None;
    }
    if facts.outbound_since_inbound >= config.unresponsive_attempts {
        return Some(Unresponsive::UnansweredAttempts {
            attempts: facts.outbound_since_inbound,
        });
    }
    let intake = facts
        .intake
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc());
    let since = facts.last_inbound.or(intake).or(facts.first_contact)?;
    let days = days_between(since, now);
    (days > config.unresponsive_days).then_some(Unresponsive::Silent { days })
}

/// Whether an active client is due a contact: none ever, or none for `contact_due_days`.
pub fn contact_overdue(facts: &Facts, config: &OrgConfig, now: DateTime<Utc>) -> bool {
    if facts.exited {
        return false;
    }
    match facts.last_contact {
        Some(at) => days_between(at, now) > config.contact_due_days,
        None => true,
    }
}

/// How many open actions are past their due date.
pub fn overdue_actions(facts: &Facts, today: NaiveDate) -> usize {
    facts
        .open_action_dues
        .iter()
        .filter(|d| **d < today)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::{InteractionKind, Purpose};
    use crate::model::Interaction;
    use chrono::TimeZone;
    use uuid::Uuid;

    fn at(days: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap() + chrono::Duration::days(days)
    }

    fn contact(f: &mut AccountFile, day: i64, dir: Direction, purpose: Purpose) {
        f.interactions.insert(
            Uuid::new_v4(),
            Interaction {
                kind: InteractionKind::Call,
                direction: dir,
                at: at(day),
                minutes: 10,
                our_attendees: vec![],
                their_attendees: vec![],
                purpose,
                summary: String::new(),
                needs: String::new(),
                risks: vec![],
                opportunities: vec![],
                by: String::new(),
            },
        );
    }

    fn in_stage(stage: &str, day: i64) -> AccountFile {
        let mut f = AccountFile::default();
        f.journey.stage = stage.into();
        f.journey.stage_entered = Some(at(day));
        f
    }

    #[test]
    fn stalled_when_too_long_in_stage() {
        let c = OrgConfig::default(); // diagnostic: 45 days
        let f = in_stage("diagnostic", 0);
        assert_eq!(stalled(&Facts::of(&f), &c, at(45)), None);
        assert_eq!(
            stalled(&Facts::of(&f), &c, at(46)),
            Some(Stalled::TooLongInStage {
                stage: "diagnostic".into(),
                days: 46,
                max_days: 45
            })
        );
    }

    #[test]
    fn stalled_when_no_progress_even_in_a_long_stage() {
        let c = OrgConfig::default(); // delivery: 180 days, no progress: 90
        let mut f = in_stage("delivery", 0);
        assert_eq!(
            stalled(&Facts::of(&f), &c, at(91)),
            Some(Stalled::NoProgress {
                days: 91,
                max_days: 90
            })
        );
        contact(&mut f, 80, Direction::Outbound, Purpose::ProgressReview);
        assert_eq!(stalled(&Facts::of(&f), &c, at(91)), None);
    }

    #[test]
    fn exited_clients_are_never_stalled_or_unresponsive() {
        let c = OrgConfig::default();
        let mut f = in_stage("diagnostic", 0);
        f.journey.exit = Some(crate::model::ExitRecord {
            date: at(1).date_naive(),
            reason: crate::enums::ExitReason::CompletedJourney,
            outcome: String::new(),
            destination: String::new(),
        });
        assert_eq!(stalled(&Facts::of(&f), &c, at(400)), None);
        assert_eq!(unresponsive(&Facts::of(&f), &c, at(400)), None);
        assert!(!contact_overdue(&Facts::of(&f), &c, at(400)));
    }

    #[test]
    fn unresponsive_after_unanswered_attempts() {
        let c = OrgConfig::default(); // 3 attempts
        let mut f = in_stage("delivery", 0);
        contact(&mut f, 1, Direction::Inbound, Purpose::FactFinding);
        contact(&mut f, 2, Direction::Outbound, Purpose::FactFinding);
        contact(&mut f, 3, Direction::Outbound, Purpose::FactFinding);
        assert_eq!(unresponsive(&Facts::of(&f), &c, at(4)), None);
        contact(&mut f, 4, Direction::Outbound, Purpose::FactFinding);
        assert_eq!(
            unresponsive(&Facts::of(&f), &c, at(5)),
            Some(Unresponsive::UnansweredAttempts { attempts: 3 })
        );
        contact(&mut f, 6, Direction::Inbound, Purpose::FactFinding);
        assert_eq!(unresponsive(&Facts::of(&f), &c, at(7)), None);
    }

    #[test]
    fn unresponsive_after_long_silence() {
        let c = OrgConfig::default(); // 60 days
        let mut f = in_stage("delivery", 0);
        contact(&mut f, 0, Direction::Inbound, Purpose::FactFinding);
        assert_eq!(unresponsive(&Facts::of(&f), &c, at(60)), None);
        assert_eq!(
            unresponsive(&Facts::of(&f), &c, at(61)),
            Some(Unresponsive::Silent { days: 61 })
        );
    }

    #[test]
    fn contact_overdue_after_the_configured_days() {
        let c = OrgConfig::default(); // 30 days
        let mut f = in_stage("delivery", 0);
        assert!(
            contact_overdue(&Facts::of(&f), &c, at(0)),
            "never contacted is overdue"
        );
        contact(&mut f, 0, Direction::Outbound, Purpose::FactFinding);
        assert!(!contact_overdue(&Facts::of(&f), &c, at(30)));
        assert!(contact_overdue(&Facts::of(&f), &c, at(31)));
    }
}

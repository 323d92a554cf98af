//! Flags that spot portfolio difficulties early (JR-2, JR-3, PF-6, CL-2).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::config::OrgConfig;
use crate::enums::{ActionStatus, Direction, InteractionKind, Purpose};
use crate::model::{AccountFile, Interaction};

/// Whether an interaction shows the client engaging (JR-3): the client contacted us, or met us
/// in person (a meeting, visit, event or hospitality that took place), whoever arranged it.
pub fn is_response(i: &Interaction) -> bool {
    i.direction == Direction::Inbound || !is_remote(i.kind)
}

/// Whether an outbound interaction is an attempt to reach the client that the client may
/// leave unanswered (JR-3): a call, email, message or other contact at a distance.
pub fn is_attempt(i: &Interaction) -> bool {
    i.direction == Direction::Outbound && is_remote(i.kind)
}

/// Contact at a distance, which the client may ignore; meeting in person means they came.
fn is_remote(kind: InteractionKind) -> bool {
    matches!(
        kind,
        InteractionKind::Call
            | InteractionKind::Email
            | InteractionKind::Im
            | InteractionKind::Other
    )
}

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
    /// The latest response of the client ([`is_response`]): inbound contact, or contact in
    /// person.
    pub last_response: Option<DateTime<Utc>>,
    /// The first contact.
    pub first_contact: Option<DateTime<Utc>>,
    /// Attempts ([`is_attempt`]) after the latest response: the attempts left unanswered.
    pub unanswered_attempts: u32,
    /// Intake date.
    pub intake: Option<NaiveDate>,
    /// Due dates of open actions, earliest first.
    pub open_action_dues: Vec<NaiveDate>,
    /// The client's current tier (PF-4), whose service levels apply to it.
    #[serde(default)]
    pub tier: Option<uuid::Uuid>,
    /// The day it entered that tier.
    #[serde(default)]
    pub tier_since: Option<NaiveDate>,
}

impl Facts {
    /// Extract the facts from a file.
    pub fn of(file: &AccountFile) -> Self {
        let last_response = file
            .interactions
            .values()
            .filter(|i| is_response(i))
            .map(|i| i.at)
            .max();
        let unanswered = file
            .interactions
            .values()
            .filter(|i| is_attempt(i) && last_response.is_none_or(|r| i.at > r))
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
            last_response,
            first_contact: file.interactions.values().map(|i| i.at).min(),
            unanswered_attempts: u32::try_from(unanswered).unwrap_or(u32::MAX),
            intake: file.profile.intake_date,
            open_action_dues: dues,
            tier: crate::rules::tiers::current(file).map(|(t, _)| t),
            tier_since: crate::rules::tiers::current(file).and_then(|(_, d)| d),
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
    /// No response for too long.
    Silent {
        /// Days since the last response (or since intake, if none).
        days: i64,
    },
    /// Too many attempts left unanswered since the last response.
    UnansweredAttempts {
        /// Attempts since the last response.
        attempts: u32,
    },
}

/// Whether an active client has stopped responding (JR-3).
///
/// A response is inbound contact or contact in person ([`is_response`]); an attempt is an
/// outbound call, email, message or other contact at a distance ([`is_attempt`]). The client
/// is unresponsive when at least `unresponsive_attempts` attempts (never fewer than one) follow
/// its latest response, or when its latest response (or, with none, its intake or first
/// contact) is more than `unresponsive_days` ago.
pub fn unresponsive(facts: &Facts, config: &OrgConfig, now: DateTime<Utc>) -> Option<Unresponsive> {
    if facts.exited {
        return None;
    }
    if facts.unanswered_attempts >= config.unresponsive_attempts.max(1) {
        return Some(Unresponsive::UnansweredAttempts {
            attempts: facts.unanswered_attempts,
        });
    }
    let intake = facts
        .intake
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc());
    let since = facts.last_response.or(intake).or(facts.first_contact)?;
    let days = days_between(since, now);
    (days > config.unresponsive_days).then_some(Unresponsive::Silent { days })
}

/// Whether an active client is due a contact: none ever, or none for its tier's contact days
/// (else the organisation's `contact_due_days`, [`OrgConfig::contact_days_for`]).
pub fn contact_overdue(facts: &Facts, config: &OrgConfig, now: DateTime<Utc>) -> bool {
    if facts.exited {
        return false;
    }
    match facts.last_contact {
        Some(at) => days_between(at, now) > config.contact_days_for(facts.tier),
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
        contact_by(f, day, InteractionKind::Call, dir, purpose);
    }

    fn contact_by(
        f: &mut AccountFile,
        day: i64,
        kind: InteractionKind,
        dir: Direction,
        purpose: Purpose,
    ) {
        f.interactions.insert(
            Uuid::new_v4(),
            Interaction {
                kind,
                direction: dir,
                at: at(day),
                minutes: 10,
                our_attendees: vec![],
                their_attendees: vec![],
                people: vec![],
                purpose,
                summary: String::new(),
                needs: String::new(),
                risks: vec![],
                opportunities: vec![],
                by: String::new(),
                language: String::new(),
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
    fn meetings_and_visits_are_responses_not_attempts() {
        let c = OrgConfig::default(); // 3 attempts
        let mut f = in_stage("delivery", 0);
        for day in 1..=3 {
            contact_by(
                &mut f,
                day,
                InteractionKind::Visit,
                Direction::Outbound,
                Purpose::ProgressReview,
            );
        }
        let facts = Facts::of(&f);
        assert_eq!(facts.unanswered_attempts, 0);
        assert_eq!(unresponsive(&facts, &c, at(4)), None);
        // Two unanswered emails after a meeting, then a third: flagged; a meeting answers them.
        for day in 5..=6 {
            contact_by(
                &mut f,
                day,
                InteractionKind::Email,
                Direction::Outbound,
                Purpose::Sales,
            );
        }
        assert_eq!(unresponsive(&Facts::of(&f), &c, at(7)), None);
        contact_by(
            &mut f,
            7,
            InteractionKind::Im,
            Direction::Outbound,
            Purpose::Sales,
        );
        assert_eq!(
            unresponsive(&Facts::of(&f), &c, at(8)),
            Some(Unresponsive::UnansweredAttempts { attempts: 3 })
        );
        contact_by(
            &mut f,
            9,
            InteractionKind::Meeting,
            Direction::Outbound,
            Purpose::Sales,
        );
        assert_eq!(unresponsive(&Facts::of(&f), &c, at(10)), None);
    }

    #[test]
    fn a_client_never_tried_is_not_flagged_by_attempts_even_with_a_zero_threshold() {
        let c = OrgConfig {
            unresponsive_attempts: 0,
            ..OrgConfig::default()
        };
        let f = in_stage("delivery", 0);
        assert_eq!(unresponsive(&Facts::of(&f), &c, at(1)), None);
    }

    #[test]
    fn silence_counts_from_the_last_meeting_too() {
        let c = OrgConfig::default(); // 60 days
        let mut f = in_stage("delivery", 0);
        contact_by(
            &mut f,
            50,
            InteractionKind::Visit,
            Direction::Outbound,
            Purpose::Sales,
        );
        assert_eq!(unresponsive(&Facts::of(&f), &c, at(100)), None);
        assert_eq!(
            unresponsive(&Facts::of(&f), &c, at(111)),
            Some(Unresponsive::Silent { days: 61 })
        );
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

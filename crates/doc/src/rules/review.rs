//! Account performance reviews (RV-1..RV-8): who must attend, when the next is due, the
//! actions carried forward, the questions answered by heading and the updates made after.

use casebook_i18n::Message;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::enums::{ActionStatus, ReviewKind};
use crate::model::{AccountFile, Review};

/// Days between internal reviews when the account sets none.
pub const DEFAULT_REVIEW_DAYS: u32 = 90;

/// The updates seed 003 lists for after a review (RV-6), in its order.
pub const CHECKLIST: &[&str] = &[
    "account-file",
    "swot",
    "scorecard",
    "objectives",
    "risks",
    "action-plan",
];

fn attended(review: &Review, name: &str) -> bool {
    let name = name.trim();
    !name.is_empty()
        && review
            .attendees
            .keys()
            .any(|a| a.trim().eq_ignore_ascii_case(name))
}

/// Why `review` cannot be closed: every reason, or none.
pub fn close_problems(review: &Review) -> Vec<Message> {
    let mut out = Vec::new();
    if review.closed.is_some() {
        out.push(Message::new("rv-problem-closed"));
        return out;
    }
    if review.account_manager.trim().is_empty() {
        out.push(Message::new("rv-problem-no-account-manager"));
    } else if !attended(review, &review.account_manager) {
        out.push(Message::new("rv-problem-absent").with("name", review.account_manager.trim()));
    }
    if review.kind != Some(ReviewKind::Client) {
        if review.line_manager.trim().is_empty() {
            out.push(Message::new("rv-problem-no-line-manager"));
        } else if !attended(review, &review.line_manager) {
            out.push(Message::new("rv-problem-absent").with("name", review.line_manager.trim()));
        }
    }
    if review.minutes.values().all(|m| m.trim().is_empty()) {
        out.push(Message::new("rv-problem-no-minutes"));
    }
    out
}

/// The few facts of the review routine an index row keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewFacts {
    /// The day of the latest internal review closed.
    pub last_held: Option<NaiveDate>,
    /// Internal reviews scheduled and not closed, by date.
    pub scheduled: Vec<NaiveDate>,
    /// The account's cadence.
    pub review_days: u32,
    /// Whether the account is on the routine: any review scheduled or held.
    pub started: bool,
    /// Whether the account has its own cadence (`review cadence`), which a tier's does not
    /// override.
    pub own_cadence: bool,
}

impl ReviewFacts {
    /// The facts of `file`.
    pub fn of(file: &AccountFile) -> Self {
        let internal = || {
            file.reviews
                .values()
                .filter(|r| r.kind != Some(ReviewKind::Client))
        };
        let mut scheduled: Vec<NaiveDate> = internal()
            .filter(|r| r.closed.is_none())
            .filter_map(|r| r.date)
            .collect();
        scheduled.sort();
        Self {
            last_held: internal()
                .filter(|r| r.closed.is_some())
                .filter_map(|r| r.date)
                .max(),
            scheduled,
            review_days: file.team.review_days.unwrap_or(DEFAULT_REVIEW_DAYS),
            started: !file.reviews.is_empty(),
            own_cadence: file.team.review_days.is_some(),
        }
    }

    /// The routine under `tier`'s service level (PF-4): unless the account has its own
    /// cadence, a tier that asks for reviews sets the cadence and puts the account on the
    /// routine, the first review due that many days after it entered the tier (`since`).
    pub fn under_tier(&self, tier: Option<&crate::tiers::Tier>, since: Option<NaiveDate>) -> Self {
        let mut out = self.clone();
        let Some(t) = tier.filter(|t| t.review_days > 0 && !self.own_cadence) else {
            return out;
        };
        out.review_days = u32::try_from(t.review_days).unwrap_or(u32::MAX);
        if out.last_held.is_none() && out.scheduled.is_empty() {
            out.last_held = since;
        }
        out.started |= since.is_some();
        out
    }
}

/// When the next internal review is due.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ReviewDue {
    /// The day it is due: the latest held plus the cadence, or the earliest scheduled.
    pub due: Option<NaiveDate>,
    /// Whether that day has passed.
    pub overdue: bool,
    /// Days past it.
    pub days_overdue: i64,
}

/// When the next internal review of the account whose facts are `facts` is due on `today`: a
/// review scheduled and not closed is due on its day; else the cadence after the last held.
pub fn next_due(facts: &ReviewFacts, today: NaiveDate) -> ReviewDue {
    let by_cadence = facts
        .last_held
        .map(|d| d + chrono::Duration::days(i64::from(facts.review_days)));
    let due = match (facts.scheduled.first(), by_cadence) {
        (Some(s), Some(c)) => Some((*s).min(c)),
        (Some(s), None) => Some(*s),
        (None, c) => c,
    };
    let days = due.map_or(0, |d| (today - d).num_days());
    ReviewDue {
        due,
        overdue: days > 0,
        days_overdue: days.max(0),
    }
}

/// The open actions agreed at reviews held before `review` (all reviews when none), oldest
/// review first: the previous action plan a review starts from (RV-5).
pub fn carried_forward(file: &AccountFile, review: Option<Uuid>) -> Vec<Uuid> {
    let before = review
        .and_then(|r| file.reviews.get(&r))
        .and_then(|r| r.date);
    let mut reviews: Vec<(&Uuid, &Review)> = file
        .reviews
        .iter()
        .filter(|(id, r)| {
            Some(**id) != review && before.is_none_or(|b| r.date.is_some_and(|d| d <= b))
        })
        .collect();
    reviews.sort_by_key(|(id, r)| (r.date, **id));
    let mut out = Vec::new();
    for (_, r) in reviews {
        for a in r.actions.keys() {
            if file
                .actions
                .get(a)
                .is_some_and(|x| x.status == ActionStatus::Open)
                && !out.contains(a)
            {
                out.push(*a);
            }
        }
    }
    out
}

/// The review closed most recently before `review` (any, when none), of the same kind.
pub fn previous(file: &AccountFile, review: Option<Uuid>) -> Option<Uuid> {
    let this = review.and_then(|r| file.reviews.get(&r));
    file.reviews
        .iter()
        .filter(|(id, r)| Some(**id) != review && r.closed.is_some())
        .filter(|(_, r)| this.is_none_or(|t| t.kind == r.kind && r.date <= t.date))
        .max_by_key(|(id, r)| (r.date, **id))
        .map(|(id, _)| *id)
}

/// Questions answered under one heading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HeadingAnswers {
    /// The heading.
    pub heading: String,
    /// Answered.
    pub answered: usize,
    /// Asked.
    pub of: usize,
}

/// The questions of `review` answered per heading, in the headings' order (RV-4).
pub fn answered_by_heading(review: &Review) -> Vec<HeadingAnswers> {
    let mut out: Vec<HeadingAnswers> = Vec::new();
    let mut headings: Vec<&str> = crate::review_templates::HEADINGS.to_vec();
    for q in review.questions.values() {
        if !headings.contains(&q.group.as_str()) {
            headings.push(&q.group);
        }
    }
    for h in headings {
        let asked: Vec<&Uuid> = review
            .questions
            .iter()
            .filter(|(_, q)| q.group == h)
            .map(|(id, _)| id)
            .collect();
        if asked.is_empty() {
            continue;
        }
        out.push(HeadingAnswers {
            heading: h.to_string(),
            answered: asked
                .iter()
                .filter(|id| review.answers.get(id).is_some_and(|a| !a.trim().is_empty()))
                .count(),
            of: asked.len(),
        });
    }
    out
}

/// The post-review updates of `review` not done yet, in the checklist's order (RV-6).
pub fn checklist_left(review: &Review) -> Vec<&'static str> {
    CHECKLIST
        .iter()
        .copied()
        .filter(|item| !review.checklist.contains_key(*item))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Stamp};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn review(date: NaiveDate, closed: bool) -> Review {
        Review {
            kind: Some(ReviewKind::Internal),
            date: Some(date),
            account_manager: "Alice".into(),
            line_manager: "Bethan".into(),
            closed: closed.then(Stamp::default),
            ..Review::default()
        }
    }

    #[test]
    fn the_account_manager_and_line_manager_must_attend_and_minutes_be_kept() {
        let mut r = review(day(11, 3), false);
        assert_eq!(close_problems(&r).len(), 3, "{:?}", close_problems(&r));
        r.attendees.insert("alice".into(), true);
        r.attendees.insert("Bethan ".into(), true);
        assert_eq!(close_problems(&r).len(), 1);
        r.minutes
            .insert(Uuid::new_v4(), "Discussed the pipeline".into());
        assert!(close_problems(&r).is_empty());
        // A progress review with the client needs no line manager.
        let mut with_client = review(day(11, 3), false);
        with_client.kind = Some(ReviewKind::Client);
        with_client.attendees.insert("Alice".into(), true);
        with_client
            .minutes
            .insert(Uuid::new_v4(), "Progress".into());
        assert!(close_problems(&with_client).is_empty());
    }

    #[test]
    fn the_next_review_is_due_by_cadence_or_when_scheduled() {
        let mut file = AccountFile::default();
        file.reviews.insert(Uuid::new_v4(), review(day(6, 1), true));
        let facts = ReviewFacts::of(&file);
        let due = next_due(&facts, day(9, 15));
        assert_eq!(due.due, Some(day(8, 30)));
        assert!(due.overdue);
        assert_eq!(due.days_overdue, 16);
        file.team.review_days = Some(120);
        file.reviews
            .insert(Uuid::new_v4(), review(day(9, 20), false));
        let due = next_due(&ReviewFacts::of(&file), day(9, 15));
        assert_eq!(due.due, Some(day(9, 20)));
        assert!(!due.overdue);
    }

    #[test]
    fn a_tier_that_asks_for_reviews_sets_the_cadence_unless_the_account_has_its_own() {
        let growth = crate::tiers::Tier {
            review_days: 60,
            ..crate::tiers::shipped()[0].clone()
        };
        let none = ReviewFacts::of(&AccountFile::default());
        assert!(!none.started);
        let tiered = none.under_tier(Some(&growth), Some(day(3, 1)));
        assert!(tiered.started, "the tier puts the client on the routine");
        let due = next_due(&tiered, day(5, 1));
        assert_eq!(
            due.due,
            Some(day(4, 30)),
            "60 days after it entered the tier"
        );
        assert!(due.overdue);
        let mut own = AccountFile::default();
        own.team.review_days = Some(120);
        let kept = ReviewFacts::of(&own).under_tier(Some(&growth), Some(day(3, 1)));
        assert_eq!(kept.review_days, 120);
        assert!(
            !kept.started,
            "the account's own cadence, and no review yet"
        );
    }

    #[test]
    fn open_actions_of_earlier_reviews_are_carried_forward() {
        let mut file = AccountFile::default();
        let action = |status| Action {
            title: "x".into(),
            owner: "Alice".into(),
            due: None,
            status,
            done_at: None,
            origin: None,
        };
        let (open, done) = (Uuid::new_v4(), Uuid::new_v4());
        file.actions.insert(open, action(ActionStatus::Open));
        file.actions.insert(done, action(ActionStatus::Done));
        let mut first = review(day(6, 1), true);
        first.actions.insert(open, true);
        first.actions.insert(done, true);
        let first_id = Uuid::new_v4();
        file.reviews.insert(first_id, first);
        let next = Uuid::new_v4();
        file.reviews.insert(next, review(day(9, 1), false));
        assert_eq!(carried_forward(&file, Some(next)), vec![open]);
        assert_eq!(previous(&file, Some(next)), Some(first_id));
        assert!(carried_forward(&file, Some(first_id)).is_empty());
    }
}

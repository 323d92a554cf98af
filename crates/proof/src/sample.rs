//! Sample domain data the suites write: one logged call.

use casebook::enums::{Direction, InteractionKind, Purpose};
use casebook::model::Interaction;
use chrono::{DateTime, Utc};

/// A 15-minute outbound progress-review call by adviser `by` at `at`.
pub fn call(by: &str, at: DateTime<Utc>, summary: impl Into<String>) -> Interaction {
    Interaction {
        kind: InteractionKind::Call,
        direction: Direction::Outbound,
        at,
        minutes: 15,
        our_attendees: vec![by.to_string()],
        their_attendees: Vec::new(),
        people: vec![],
        purpose: Purpose::ProgressReview,
        summary: summary.into(),
        needs: String::new(),
        risks: Vec::new(),
        opportunities: Vec::new(),
        by: String::new(),
        language: String::new(),
    }
}

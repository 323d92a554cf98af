//! COSMONAUTS qualification scoring (OP-2).
//!
//! group score = Σ answer scores ÷ (5 × answers in the group);
//! total = Σ w·s ÷ Σ w over the groups that have answers, with org-configured weights w.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::config::OrgConfig;
use crate::enums::{CosmoGroup, Decision};
use crate::model::{Opportunity, QualificationSession};

/// The highest score an answer can have.
pub const MAX_ANSWER_SCORE: u8 = 5;

/// The scores of one qualification session.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SessionScore {
    /// The session.
    pub session: Uuid,
    /// When it took place.
    pub at: DateTime<Utc>,
    /// Each answered group's score, 0.0–1.0.
    pub groups: BTreeMap<CosmoGroup, f64>,
    /// Groups with no answer yet ("qualification doesn't happen all in one go").
    pub unanswered: Vec<CosmoGroup>,
    /// Weighted total, 0.0–1.0, with the weights recorded with the session (the judgement as
    /// it was made); `None` when nothing is answered.
    pub total: Option<f64>,
    /// The same answers weighted with the organisation's weights now, shown beside the total
    /// when the weights have changed since.
    pub total_now: Option<f64>,
    /// Whether the session recorded its weights; if not, `total` uses today's weights too.
    pub weights_recorded: bool,
    /// The session's decision.
    pub decision: Decision,
}

/// Score one session: with the weights recorded with it (or, for a session that recorded none,
/// `config`'s), and with `config`'s weights beside.
pub fn score_session(id: Uuid, session: &QualificationSession, config: &OrgConfig) -> SessionScore {
    let mut sums: BTreeMap<CosmoGroup, (u32, u32)> = BTreeMap::new();
    for answer in session.answers.values() {
        let e = sums.entry(answer.group).or_insert((0, 0));
        e.0 += u32::from(answer.score.min(MAX_ANSWER_SCORE));
        e.1 += u32::from(MAX_ANSWER_SCORE);
    }
    let groups: BTreeMap<CosmoGroup, f64> = sums
        .iter()
        .map(|(g, (got, max))| (*g, f64::from(*got) / f64::from(*max)))
        .collect();
    let now = |g: CosmoGroup| config.weight(g);
    let total_now = weighted_total(&groups, now);
    let total = match &session.weights {
        // A group the recorded weights do not name weighed 1 then, as it does by default.
        Some(recorded) => weighted_total(&groups, |g| recorded.get(&g).copied().unwrap_or(1)),
        None => total_now,
    };
    SessionScore {
        session: id,
        at: session.at,
        unanswered: CosmoGroup::ALL
            .iter()
            .copied()
            .filter(|g| !groups.contains_key(g))
            .collect(),
        total,
        total_now,
        weights_recorded: session.weights.is_some(),
        groups,
        decision: session.decision,
    }
}

/// Σ w·s ÷ Σ w over the answered groups, or `None` when no answered group has weight.
fn weighted_total(
    groups: &BTreeMap<CosmoGroup, f64>,
    weight: impl Fn(CosmoGroup) -> u32,
) -> Option<f64> {
    let (mut weighted, mut weights) = (0.0, 0.0);
    for (g, s) in groups {
        let w = f64::from(weight(*g));
        weighted += w * s;
        weights += w;
    }
    (weights > 0.0).then(|| weighted / weights)
}

/// Which way qualification is heading across sessions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trend {
    /// Fewer than two scored sessions.
    NotEnoughSessions,
    /// The latest total is higher than the one before by more than 0.05.
    Improving,
    /// Within 0.05.
    Steady,
    /// Lower by more than 0.05.
    Worsening,
}

/// Every session of an opportunity scored, oldest first, and the trend.
pub fn score_opportunity(opp: &Opportunity, config: &OrgConfig) -> (Vec<SessionScore>, Trend) {
    let mut scores: Vec<SessionScore> = opp
        .sessions
        .iter()
        .map(|(id, s)| score_session(*id, s, config))
        .collect();
    scores.sort_by_key(|s| (s.at, s.session));
    let totals: Vec<f64> = scores.iter().filter_map(|s| s.total).collect();
    let trend = match totals.as_slice() {
        [.., before, last] if last - before > 0.05 => Trend::Improving,
        [.., before, last] if before - last > 0.05 => Trend::Worsening,
        [_, _, ..] => Trend::Steady,
        _ => Trend::NotEnoughSessions,
    };
    (scores, trend)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Answer;

    fn session(at: i64, answers: &[(CosmoGroup, u8)]) -> QualificationSession {
        QualificationSession {
            at: DateTime::from_timestamp(at, 0).unwrap(),
            participants: vec![],
            neutral_reviewer: String::new(),
            answers: answers
                .iter()
                .map(|(g, s)| {
                    (
                        Uuid::new_v4(),
                        Answer {
                            group: *g,
                            question: String::new(),
                            score: *s,
                            note: String::new(),
                        },
                    )
                })
                .collect(),
            decision: Decision::Continue,
            note: String::new(),
            weights: None,
        }
    }

    #[test]
    fn a_session_keeps_the_weights_it_was_recorded_under() {
        let mut s = session(0, &[(CosmoGroup::Money, 5), (CosmoGroup::Authority, 0)]);
        let mut then = OrgConfig::default();
        then.cosmonauts_weights.insert(CosmoGroup::Authority, 1);
        s.weights = Some(
            CosmoGroup::ALL
                .iter()
                .map(|g| (*g, then.weight(*g)))
                .collect(),
        );
        let mut now = OrgConfig::default();
        now.cosmonauts_weights.insert(CosmoGroup::Authority, 3);
        let scored = score_session(Uuid::nil(), &s, &now);
        assert!(scored.weights_recorded);
        assert_eq!(
            scored.total,
            Some(0.5),
            "money 1.0 and authority 0.0, equal weights"
        );
        assert_eq!(scored.total_now, Some(0.25), "authority weighs 3 today");
        // A session from before weights were recorded is judged by today's, and says so.
        s.weights = None;
        let old = score_session(Uuid::nil(), &s, &now);
        assert!(!old.weights_recorded);
        assert_eq!(old.total, Some(0.25));
    }

    #[test]
    fn group_score_is_sum_over_max() {
        let s = session(0, &[(CosmoGroup::Money, 5), (CosmoGroup::Money, 0)]);
        let r = score_session(Uuid::nil(), &s, &OrgConfig::default());
        assert_eq!(r.groups[&CosmoGroup::Money], 0.5);
        assert_eq!(r.unanswered.len(), 9);
        assert_eq!(r.total, Some(0.5));
    }

    #[test]
    fn weights_shift_the_total() {
        let mut c = OrgConfig::default();
        c.cosmonauts_weights.insert(CosmoGroup::Authority, 3);
        let s = session(0, &[(CosmoGroup::Authority, 5), (CosmoGroup::Money, 0)]);
        let r = score_session(Uuid::nil(), &s, &c);
        // (3×1.0 + 1×0.0) ÷ 4
        assert_eq!(r.total, Some(0.75));
    }

    #[test]
    fn nothing_answered_has_no_total() {
        let r = score_session(Uuid::nil(), &session(0, &[]), &OrgConfig::default());
        assert_eq!(r.total, None);
        assert_eq!(r.unanswered.len(), 10);
    }

    #[test]
    fn trend_follows_the_last_two_sessions() {
        let mut opp = Opportunity {
            title: "x".into(),
            origin: Default::default(),
            value: 0.0,
            timescale: String::new(),
            status: Default::default(),
            raised: None,
            sessions: BTreeMap::new(),
        };
        let c = OrgConfig::default();
        opp.sessions
            .insert(Uuid::new_v4(), session(100, &[(CosmoGroup::Need, 2)]));
        assert_eq!(score_opportunity(&opp, &c).1, Trend::NotEnoughSessions);
        opp.sessions
            .insert(Uuid::new_v4(), session(200, &[(CosmoGroup::Need, 4)]));
        assert_eq!(score_opportunity(&opp, &c).1, Trend::Improving);
        opp.sessions
            .insert(Uuid::new_v4(), session(300, &[(CosmoGroup::Need, 1)]));
        assert_eq!(score_opportunity(&opp, &c).1, Trend::Worsening);
    }
}

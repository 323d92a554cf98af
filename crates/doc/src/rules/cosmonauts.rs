//! COSMONAUTS qualification scoring (OP-2).
//!
//! A session's group score = Σ answer scores ÷ (5 × answers in the group), and its total =
//! Σ w·s ÷ Σ w over the groups it answered, with the weights recorded with it.
//!
//! Qualification "doesn't conveniently happen all in one go", so an opportunity's **current**
//! qualification ([`current`]) takes each group's score from the latest session that answered
//! it, and totals Σ w·s ÷ Σ w over all ten groups with today's weights, an unanswered group
//! scoring 0, never as if full. The [`Trend`] compares the current total after the latest
//! session with the one after the session before.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
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
    /// How many of the ten groups the session answered.
    pub answered: usize,
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
        answered: groups.len(),
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trend {
    /// Fewer than two sessions.
    NotEnoughSessions,
    /// The current total after the latest session is higher than after the one before by
    /// more than [`TREND_MARGIN`].
    Improving,
    /// Within [`TREND_MARGIN`].
    Steady,
    /// Lower by more than [`TREND_MARGIN`].
    Worsening,
}

/// How far the current total must move between sessions to count as a trend.
pub const TREND_MARGIN: f64 = 0.05;

impl Trend {
    /// The trend in words for people.
    pub fn words(self) -> &'static str {
        match self {
            Self::NotEnoughSessions => "not enough sessions yet",
            Self::Improving => "improving",
            Self::Steady => "steady",
            Self::Worsening => "worsening",
        }
    }
}

impl std::fmt::Display for Trend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.words())
    }
}

/// One group's current score: from the latest session that answered it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CurrentGroup {
    /// The group score in that session, 0.0–1.0.
    pub score: f64,
    /// The session it comes from.
    pub session: Uuid,
    /// When that session took place.
    pub at: DateTime<Utc>,
}

/// An opportunity's current qualification: the latest answer of every group, across sessions.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Current {
    /// Each answered group's current score and where it comes from.
    pub groups: BTreeMap<CosmoGroup, CurrentGroup>,
    /// How many of the ten groups have been answered in some session.
    pub answered: usize,
    /// Groups no session has answered yet; they score 0 in the total.
    pub unanswered: Vec<CosmoGroup>,
    /// Σ w·s ÷ Σ w over all ten groups with today's weights, unanswered groups scoring 0;
    /// `None` before any session (or when no group has weight).
    pub total: Option<f64>,
}

/// The current qualification after `sessions` (in any order): for each group, its score in
/// the latest session (by time, then id) that answered it; weighted with `config`'s weights.
pub fn current(sessions: &[SessionScore], config: &OrgConfig) -> Current {
    let mut latest: Vec<&SessionScore> = sessions.iter().collect();
    latest.sort_by_key(|s| (s.at, s.session));
    let mut groups: BTreeMap<CosmoGroup, CurrentGroup> = BTreeMap::new();
    for s in latest {
        for (g, score) in &s.groups {
            groups.insert(
                *g,
                CurrentGroup {
                    score: *score,
                    session: s.session,
                    at: s.at,
                },
            );
        }
    }
    let (mut weighted, mut weights) = (0.0, 0.0);
    for g in CosmoGroup::ALL {
        let w = f64::from(config.weight(*g));
        weighted += w * groups.get(g).map_or(0.0, |c| c.score);
        weights += w;
    }
    Current {
        answered: groups.len(),
        unanswered: CosmoGroup::ALL
            .iter()
            .copied()
            .filter(|g| !groups.contains_key(g))
            .collect(),
        total: (!sessions.is_empty() && weights > 0.0).then(|| weighted / weights),
        groups,
    }
}

/// An opportunity's qualification: every session scored (oldest first), the current
/// qualification, and the trend of the current total.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Qualification {
    /// Every session, oldest first.
    pub sessions: Vec<SessionScore>,
    /// The latest answer of every group, across sessions.
    pub current: Current,
    /// The current total after the latest session against the one after the session before.
    pub trend: Trend,
}

/// Score every session of an opportunity, its current qualification and the trend.
pub fn qualify(opp: &Opportunity, config: &OrgConfig) -> Qualification {
    let mut scores: Vec<SessionScore> = opp
        .sessions
        .iter()
        .map(|(id, s)| score_session(*id, s, config))
        .collect();
    scores.sort_by_key(|s| (s.at, s.session));
    let now = current(&scores, config);
    let trend = match scores.len() {
        0 | 1 => Trend::NotEnoughSessions,
        n => {
            let before = current(&scores[..n - 1], config).total.unwrap_or(0.0);
            let last = now.total.unwrap_or(0.0);
            if last - before > TREND_MARGIN {
                Trend::Improving
            } else if before - last > TREND_MARGIN {
                Trend::Worsening
            } else {
                Trend::Steady
            }
        }
    };
    Qualification {
        sessions: scores,
        current: now,
        trend,
    }
}

/// Every session of an opportunity scored, oldest first, and the trend ([`qualify`]).
pub fn score_opportunity(opp: &Opportunity, config: &OrgConfig) -> (Vec<SessionScore>, Trend) {
    let q = qualify(opp, config);
    (q.sessions, q.trend)
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
    fn current_takes_the_latest_answer_per_group_and_unanswered_groups_score_zero() {
        let c = OrgConfig::default();
        let mut opp = opportunity();
        opp.sessions.insert(
            Uuid::new_v4(),
            session(100, &[(CosmoGroup::Money, 5), (CosmoGroup::Need, 5)]),
        );
        let q = qualify(&opp, &c);
        assert_eq!(q.sessions[0].answered, 2);
        assert_eq!(
            q.sessions[0].total,
            Some(1.0),
            "the session over what it asked"
        );
        assert_eq!(q.current.answered, 2);
        assert_eq!(
            q.current.total,
            Some(0.2),
            "never as if the other eight were full"
        );
        // A later session answers money again, lower, and authority for the first time.
        opp.sessions.insert(
            Uuid::new_v4(),
            session(200, &[(CosmoGroup::Money, 0), (CosmoGroup::Authority, 5)]),
        );
        let q = qualify(&opp, &c);
        assert_eq!(q.current.answered, 3);
        assert_eq!(q.current.groups[&CosmoGroup::Money].score, 0.0);
        assert_eq!(
            q.current.groups[&CosmoGroup::Need].score,
            1.0,
            "kept from before"
        );
        assert_eq!(
            q.current.total,
            Some(0.2),
            "need 1.0 + authority 1.0 over ten"
        );
        assert_eq!(
            q.trend,
            Trend::Steady,
            "0.2 then 0.2, though the sessions say 1.0 then 0.5"
        );
        assert_eq!(q.current.unanswered.len(), 7);
    }

    #[test]
    fn trend_words_are_for_people() {
        assert_eq!(
            Trend::NotEnoughSessions.to_string(),
            "not enough sessions yet"
        );
        assert!(CosmoGroup::ALL.len() == 10);
    }

    fn opportunity() -> Opportunity {
        Opportunity {
            reporting: None,
            title: "x".into(),
            origin: Default::default(),
            value: 0.0,
            timescale: String::new(),
            status: Default::default(),
            raised: None,
            sessions: BTreeMap::new(),
            outcome: None,
        }
    }

    #[test]
    fn trend_follows_the_current_total_after_the_last_two_sessions() {
        let mut opp = opportunity();
        let c = OrgConfig::default();
        opp.sessions.insert(
            Uuid::new_v4(),
            session(100, &[(CosmoGroup::Need, 0), (CosmoGroup::Money, 0)]),
        );
        assert_eq!(score_opportunity(&opp, &c).1, Trend::NotEnoughSessions);
        opp.sessions.insert(
            Uuid::new_v4(),
            session(200, &[(CosmoGroup::Need, 5), (CosmoGroup::Money, 5)]),
        );
        assert_eq!(score_opportunity(&opp, &c).1, Trend::Improving, "0.0 → 0.2");
        opp.sessions
            .insert(Uuid::new_v4(), session(300, &[(CosmoGroup::Need, 0)]));
        assert_eq!(score_opportunity(&opp, &c).1, Trend::Worsening, "0.2 → 0.1");
    }
}

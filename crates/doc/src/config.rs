//! Organisation configuration: the thresholds and weights the seeds leave to each organisation.

use casebook_i18n::Message;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::enums::{CosmoGroup, Rag, Vocabulary};

/// The longest day threshold accepted (ten years): a longer one would never flag anyone.
pub const MAX_THRESHOLD_DAYS: i64 = 3650;

/// The most unanswered attempts a client may be left with before it is unresponsive.
pub const MAX_UNRESPONSIVE_ATTEMPTS: u32 = 100;

/// The most clients an adviser's capacity may name.
pub const MAX_CAPACITY_CLIENTS: i64 = 10_000;

/// The most hours a year an adviser's capacity may name: every hour of a year.
pub const MAX_CAPACITY_HOURS: i64 = 8_784;

/// The highest score of likelihood × severity.
pub const MAX_RAG_SCORE: u8 = 25;

/// Everything an organisation may configure, with sensible defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrgConfig {
    /// The RAG matrix of likelihood × severity (RK-1).
    pub rag_matrix: RagMatrix,
    /// COSMONAUTS group weights (OP-2); a group missing here weighs 1.
    pub cosmonauts_weights: BTreeMap<CosmoGroup, u32>,
    /// The support pathway: ordered stages with their stall thresholds (JR-2).
    pub pathway: Vec<PathwayStage>,
    /// A client with no progress event for this many days is stalled, whatever its stage (JR-2).
    pub stalled_no_progress_days: i64,
    /// A client with no inbound contact for this many days is unresponsive (JR-3).
    pub unresponsive_days: i64,
    /// ... or with this many outbound attempts unanswered since the last inbound contact.
    pub unresponsive_attempts: u32,
    /// A client with no contact for this many days has an overdue contact (PF-6), unless its
    /// tier says otherwise.
    pub contact_due_days: i64,
    /// The organisation's tiers of clients and their service levels (PF-4), read from its
    /// document's templates, not from its settings.
    #[serde(skip)]
    pub tiers: Vec<crate::tiers::Tier>,
    /// What each adviser can carry (PF-5), by the adviser's name.
    pub capacity: BTreeMap<String, crate::rules::effort::Capacity>,
    /// The balance bands (PF-2), by [`crate::rules::balance::key`].
    pub bands: BTreeMap<String, crate::rules::balance::Band>,
}

/// One stage of the support pathway.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathwayStage {
    /// The stage's name, as typed on the command line.
    pub name: String,
    /// Days a client may stay in this stage before it is stalled.
    pub max_days: i64,
}

impl Default for OrgConfig {
    fn default() -> Self {
        let stage = |name: &str, max_days| PathwayStage {
            name: name.to_string(),
            max_days,
        };
        Self {
            rag_matrix: RagMatrix::default(),
            cosmonauts_weights: CosmoGroup::ALL.iter().map(|g| (*g, 1)).collect(),
            pathway: vec![
                stage("enquiry", 30),
                stage("diagnostic", 45),
                stage("action-plan", 30),
                stage("delivery", 180),
                stage("review", 60),
            ],
            stalled_no_progress_days: 90,
            unresponsive_days: 60,
            unresponsive_attempts: 3,
            contact_due_days: 30,
            tiers: crate::tiers::shipped(),
            capacity: BTreeMap::new(),
            bands: BTreeMap::new(),
        }
    }
}

impl OrgConfig {
    /// The first stage of the pathway, where new clients start.
    pub fn first_stage(&self) -> &str {
        self.pathway
            .first()
            .map(|s| s.name.as_str())
            .unwrap_or("enquiry")
    }

    /// The configured stage with this name.
    ///
    /// # Errors
    /// [`Error::BadValue`] naming the configured stages.
    pub fn stage(&self, name: &str) -> Result<&PathwayStage, Error> {
        let wanted = name.trim().to_ascii_lowercase();
        self.pathway
            .iter()
            .find(|s| s.name == wanted)
            .ok_or_else(|| Error::BadValue {
                what: crate::error::term("pathway stage"),
                input: name.to_string(),
                accepted: self
                    .pathway
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// The weight of a COSMONAUTS group.
    pub fn weight(&self, group: CosmoGroup) -> u32 {
        self.cosmonauts_weights.get(&group).copied().unwrap_or(1)
    }

    /// Check that the configuration makes sense before it is stored.
    ///
    /// # Errors
    /// [`Error::Rule`] naming the first problem.
    pub fn validate(&self) -> Result<(), Error> {
        if self.pathway.is_empty() {
            return Err(Error::Rule(Message::new("rule-pathway-needs-stage")));
        }
        let days = |what: &'static str, value: i64| check_range(what, value, 1, MAX_THRESHOLD_DAYS);
        days(
            "days without contact before a contact is overdue",
            self.contact_due_days,
        )?;
        days(
            "days without a response before a client is unresponsive",
            self.unresponsive_days,
        )?;
        days(
            "days without progress before a journey is stalled",
            self.stalled_no_progress_days,
        )?;
        for stage in &self.pathway {
            days("days a client may stay in a stage", stage.max_days)?;
        }
        check_range(
            "unanswered attempts before a client is unresponsive",
            i64::from(self.unresponsive_attempts),
            1,
            i64::from(MAX_UNRESPONSIVE_ATTEMPTS),
        )?;
        for c in self.capacity.values() {
            check_range(
                "clients an adviser can lead",
                i64::try_from(c.clients).unwrap_or(i64::MAX),
                0,
                MAX_CAPACITY_CLIENTS,
            )?;
            check_range(
                "hours a year an adviser can give clients",
                i64::try_from(c.hours).unwrap_or(i64::MAX),
                0,
                MAX_CAPACITY_HOURS,
            )?;
        }
        for b in self.bands.values() {
            if !b.is_valid() {
                return Err(Error::Rule(
                    Message::new("rule-band")
                        .with("min", b.min)
                        .with("max", b.max),
                ));
            }
        }
        if self.cosmonauts_weights.values().all(|w| *w == 0) {
            return Err(Error::Rule(Message::new("rule-cosmonauts-weight")));
        }
        self.rag_matrix.validate()
    }
}

/// A 5×5 matrix from (likelihood, severity) to a RAG colour; row = likelihood − 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RagMatrix(pub [[Rag; 5]; 5]);

impl Default for RagMatrix {
    /// The default: score = likelihood × severity; 15 and above red, 6 and above amber.
    ///
    /// The seed gives no thresholds; these put "likely and major" (4×4) and anything certain
    /// and severe in red, and everything rare or negligible in green.
    fn default() -> Self {
        Self::from_thresholds(6, 15)
    }
}

impl OrgConfig {
    /// The capacity of `adviser` (their name in any case), if the organisation set one.
    pub fn capacity_of(&self, adviser: &str) -> Option<&crate::rules::effort::Capacity> {
        self.capacity
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(adviser.trim()))
            .map(|(_, c)| c)
    }

    /// The tier `id` names, if this organisation has it.
    pub fn tier(&self, id: Option<uuid::Uuid>) -> Option<&crate::tiers::Tier> {
        id.and_then(|id| self.tiers.iter().find(|t| t.id == id))
    }

    /// After how many days without contact a client in tier `id` is due one: its tier's
    /// contact rule, else the organisation's one threshold.
    pub fn contact_days_for(&self, tier: Option<uuid::Uuid>) -> i64 {
        self.tier(tier).map_or(self.contact_due_days, |t| {
            i64::try_from(t.contact_days).unwrap_or(self.contact_due_days)
        })
    }
}

impl RagMatrix {
    /// A matrix where score = L × S is amber from `amber_at` and red from `red_at`.
    pub fn from_thresholds(amber_at: u8, red_at: u8) -> Self {
        let mut m = [[Rag::Green; 5]; 5];
        for (l, row) in m.iter_mut().enumerate() {
            for (s, cell) in row.iter_mut().enumerate() {
                let score = (l as u8 + 1) * (s as u8 + 1);
                *cell = if score >= red_at {
                    Rag::Red
                } else if score >= amber_at {
                    Rag::Amber
                } else {
                    Rag::Green
                };
            }
        }
        Self(m)
    }

    /// [`RagMatrix::from_thresholds`], after checking that both are scores (1–25) and amber
    /// comes below red.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] or [`Error::Rule`] with the accepted range.
    pub fn from_checked_thresholds(amber_at: u8, red_at: u8) -> Result<Self, Error> {
        let max = i64::from(MAX_RAG_SCORE);
        check_range(
            "the score where amber starts",
            i64::from(amber_at),
            2,
            max - 1,
        )?;
        check_range("the score where red starts", i64::from(red_at), 2, max)?;
        if amber_at >= red_at {
            return Err(Error::Rule(
                Message::new("rule-amber-below-red")
                    .with("amber", amber_at.to_string())
                    .with("red", red_at.to_string())
                    .with("most", red_at.saturating_sub(1).max(2).to_string()),
            ));
        }
        Ok(Self::from_thresholds(amber_at, red_at))
    }

    /// The colour of a risk with this likelihood and severity, each 1–5.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] if either is outside 1–5.
    pub fn rag(&self, likelihood: u8, severity: u8) -> Result<Rag, Error> {
        check_scale("likelihood", likelihood)?;
        check_scale("severity", severity)?;
        Ok(self.0[usize::from(likelihood - 1)][usize::from(severity - 1)])
    }

    /// A matrix must not get better as likelihood or severity rise.
    ///
    /// # Errors
    /// [`Error::Rule`] naming the first cell that breaks monotonicity.
    pub fn validate(&self) -> Result<(), Error> {
        for l in 0..5 {
            for s in 0..5 {
                let here = self.0[l][s];
                if l + 1 < 5 && self.0[l + 1][s] < here {
                    return Err(Error::Rule(
                        Message::new("rule-matrix-falls-with-likelihood")
                            .with("likelihood", (l + 1).to_string())
                            .with("severity", (s + 1).to_string())
                            .with("here", Vocabulary::word(here))
                            .with("next", (l + 2).to_string())
                            .with("there", Vocabulary::word(self.0[l + 1][s])),
                    ));
                }
                if s + 1 < 5 && self.0[l][s + 1] < here {
                    return Err(Error::Rule(
                        Message::new("rule-matrix-falls-with-severity")
                            .with("likelihood", (l + 1).to_string())
                            .with("severity", (s + 1).to_string())
                            .with("here", Vocabulary::word(here))
                            .with("next", (s + 2).to_string())
                            .with("there", Vocabulary::word(self.0[l][s + 1])),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Check that a setting lies in `min..=max`.
///
/// # Errors
/// [`Error::OutOfRange`] naming the range.
pub fn check_range(what: &'static str, value: i64, min: i64, max: i64) -> Result<(), Error> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(Error::OutOfRange {
            what: crate::error::term(what),
            value,
            min,
            max,
        })
    }
}

/// Check a 1–5 likelihood or severity.
///
/// # Errors
/// [`Error::OutOfRange`].
pub fn check_scale(what: &'static str, value: u8) -> Result<(), Error> {
    if (1..=5).contains(&value) {
        Ok(())
    } else {
        Err(Error::OutOfRange {
            what: crate::error::term(what),
            value: i64::from(value),
            min: 1,
            max: 5,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_matrix_colours_corners() {
        let m = RagMatrix::default();
        assert_eq!(m.rag(1, 1).unwrap(), Rag::Green);
        assert_eq!(m.rag(2, 2).unwrap(), Rag::Green); // 4
        assert_eq!(m.rag(2, 3).unwrap(), Rag::Amber); // 6
        assert_eq!(m.rag(3, 4).unwrap(), Rag::Amber); // 12
        assert_eq!(m.rag(3, 5).unwrap(), Rag::Red); // 15
        assert_eq!(m.rag(5, 5).unwrap(), Rag::Red);
        m.validate().unwrap();
    }

    #[test]
    fn configured_matrix_changes_the_colour() {
        let m = RagMatrix::from_thresholds(3, 8);
        assert_eq!(m.rag(2, 2).unwrap(), Rag::Amber);
        assert_eq!(m.rag(2, 4).unwrap(), Rag::Red);
    }

    #[test]
    fn out_of_scale_is_refused() {
        assert!(RagMatrix::default().rag(0, 3).is_err());
        assert!(RagMatrix::default().rag(3, 6).is_err());
    }

    #[test]
    fn non_monotonic_matrix_is_refused() {
        let mut m = RagMatrix::default();
        m.0[4][4] = Rag::Green;
        assert!(m.validate().is_err());
    }

    #[test]
    fn thresholds_out_of_range_are_refused_with_the_range() {
        let c = OrgConfig {
            unresponsive_attempts: 0,
            ..OrgConfig::default()
        };
        let err = c.validate().unwrap_err().to_string();
        assert!(err.contains("between 1 and 100, got 0"), "{err}");
        let c = OrgConfig {
            contact_due_days: 0,
            ..OrgConfig::default()
        };
        assert!(c.validate().is_err());
        let mut c = OrgConfig::default();
        c.pathway[0].max_days = -3;
        assert!(c.validate().is_err());
        assert!(RagMatrix::from_checked_thresholds(10, 10).is_err());
        assert!(RagMatrix::from_checked_thresholds(12, 8).is_err());
        assert!(RagMatrix::from_checked_thresholds(0, 8).is_err());
        assert!(RagMatrix::from_checked_thresholds(6, 26).is_err());
        assert_eq!(
            RagMatrix::from_checked_thresholds(6, 15).unwrap(),
            RagMatrix::default()
        );
    }

    #[test]
    fn config_round_trips_through_json() {
        let c = OrgConfig::default();
        let text = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<OrgConfig>(&text).unwrap(), c);
        c.validate().unwrap();
    }
}

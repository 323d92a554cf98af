//! Balance of the portfolio (PF-2): each segment's and stage's share of the caseload, and the
//! churn rate, against the bands the organisation sets.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A band in per cent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Band {
    /// The lowest share, in per cent.
    pub min: u8,
    /// The highest share, in per cent.
    pub max: u8,
}

impl Band {
    /// Whether it runs from a minimum to a maximum within 0–100 per cent.
    pub fn is_valid(&self) -> bool {
        self.min <= self.max && self.max <= 100
    }
}

/// What a band measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// A segment's share of the active caseload.
    Segment,
    /// A pathway stage's share of the active caseload.
    Stage,
    /// The churn rate over the period.
    Churn,
}

/// One band judged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BandCheck {
    /// What it measures.
    pub measure: Measure,
    /// The segment or stage; empty for churn.
    pub name: String,
    /// The share or rate now, in per cent; none when there is nothing to share (no client).
    pub percent: Option<f64>,
    /// The band.
    pub band: Band,
    /// Whether the share is below the band's minimum or above its maximum.
    pub outside: bool,
}

/// The settings key of a band: `segment:<tag>`, `stage:<stage>` or `churn`.
pub fn key(measure: Measure, name: &str) -> String {
    match measure {
        Measure::Segment => format!("segment:{name}"),
        Measure::Stage => format!("stage:{name}"),
        Measure::Churn => "churn".to_string(),
    }
}

/// Judge every band of `bands` (by [`key`]) against the caseload: `active` clients, so many
/// per segment and per stage, and the churn rate over a year (a fraction).
pub fn check(
    bands: &BTreeMap<String, Band>,
    active: usize,
    by_segment: &BTreeMap<String, usize>,
    by_stage: &[(String, usize)],
    churn_rate: Option<f64>,
) -> Vec<BandCheck> {
    let share = |n: usize| (active > 0).then(|| 100.0 * n as f64 / active as f64);
    bands
        .iter()
        .filter_map(|(k, band)| {
            let (measure, name, percent) = if k == "churn" {
                (Measure::Churn, String::new(), churn_rate.map(|r| 100.0 * r))
            } else if let Some(tag) = k.strip_prefix("segment:") {
                let n = by_segment.get(tag).copied().unwrap_or(0);
                (Measure::Segment, tag.to_string(), share(n))
            } else {
                let stage = k.strip_prefix("stage:")?;
                let n = by_stage
                    .iter()
                    .find(|(s, _)| s == stage)
                    .map_or(0, |(_, n)| *n);
                (Measure::Stage, stage.to_string(), share(n))
            };
            let outside =
                percent.is_some_and(|p| p < f64::from(band.min) || p > f64::from(band.max));
            Some(BandCheck {
                measure,
                name,
                percent,
                band: band.clone(),
                outside,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_churn_are_judged_against_their_bands() {
        let band = |min, max| Band { min, max };
        let bands: BTreeMap<String, Band> = [
            (key(Measure::Segment, "start-up"), band(20, 40)),
            (key(Measure::Stage, "delivery"), band(0, 50)),
            (key(Measure::Churn, ""), band(5, 25)),
            (key(Measure::Segment, "rural"), band(10, 100)),
        ]
        .into();
        let by_segment: BTreeMap<String, usize> = [("start-up".to_string(), 5)].into();
        let by_stage = vec![("delivery".to_string(), 4)];
        let checks = check(&bands, 10, &by_segment, &by_stage, Some(0.02));
        let find = |m: Measure, n: &str| {
            checks
                .iter()
                .find(|c| c.measure == m && c.name == n)
                .unwrap()
        };
        assert_eq!(find(Measure::Segment, "start-up").percent, Some(50.0));
        assert!(find(Measure::Segment, "start-up").outside, "50% above 40%");
        assert!(!find(Measure::Stage, "delivery").outside);
        assert!(find(Measure::Churn, "").outside, "2% below 5%");
        assert!(
            find(Measure::Segment, "rural").outside,
            "none of 10, below 10%"
        );
        let empty = check(&bands, 0, &BTreeMap::new(), &[], None);
        assert!(
            empty.iter().all(|c| !c.outside),
            "no caseload, nothing to judge"
        );
    }
}

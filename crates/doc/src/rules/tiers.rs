//! A client's tiers over time and its tier's service levels (PF-4, PF-5): which tier it is in,
//! since when and why, and whether it gets the service its tier promises.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::model::{AccountFile, TierEntry};

/// One stay in a tier.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Membership {
    /// The entry's id.
    pub entry: Uuid,
    /// The tier.
    pub tier: Option<Uuid>,
    /// The tier's name when the client entered it.
    pub name: String,
    /// The day it entered.
    pub from: Option<NaiveDate>,
    /// The day the next stay began; none for the current one.
    pub to: Option<NaiveDate>,
    /// Why it entered.
    pub reason: String,
    /// Who recorded it.
    pub by: String,
}

/// The order entries run in: by day, then by when they were recorded, then by id, the same on
/// every node (two advisers who move a client on the same day apart both stay in the history;
/// the later recorded is current).
fn ordered(file: &AccountFile) -> Vec<(&Uuid, &TierEntry)> {
    let mut entries: Vec<(&Uuid, &TierEntry)> = file.tier_history.iter().collect();
    entries.sort_by_key(|(id, e)| (e.from, e.at, **id));
    entries
}

/// The client's stays in tiers, oldest first, each running until the next begins.
pub fn history(file: &AccountFile) -> Vec<Membership> {
    let entries = ordered(file);
    entries
        .iter()
        .enumerate()
        .map(|(i, (id, e))| Membership {
            entry: **id,
            tier: e.tier,
            name: e.name.clone(),
            from: e.from,
            to: entries.get(i + 1).and_then(|(_, next)| next.from),
            reason: e.reason.clone(),
            by: e.by.clone(),
        })
        .collect()
}

/// The client's current tier and the day it entered it, if it is in one.
pub fn current(file: &AccountFile) -> Option<(Uuid, Option<NaiveDate>)> {
    ordered(file)
        .last()
        .and_then(|(_, e)| e.tier.map(|t| (t, e.from)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn each_stay_runs_until_the_next_begins() {
        let mut file = AccountFile::default();
        assert_eq!(current(&file), None);
        let (standard, target) = (Uuid::new_v4(), Uuid::new_v4());
        for (tier, name, from) in [
            (target, "Target", day(6, 1)),
            (standard, "Standard", day(1, 5)),
        ] {
            file.tier_history.insert(
                Uuid::new_v4(),
                TierEntry {
                    tier: Some(tier),
                    name: name.into(),
                    from: Some(from),
                    ..TierEntry::default()
                },
            );
        }
        let h = history(&file);
        assert_eq!(h[0].name, "Standard");
        assert_eq!(h[0].to, Some(day(6, 1)));
        assert_eq!(h[1].to, None);
        assert_eq!(current(&file), Some((target, Some(day(6, 1)))));
    }
}

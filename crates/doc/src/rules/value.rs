//! Competitor appraisals going stale (OP-5), value added by period and reference-site
//! candidates (OP-6).

use chrono::NaiveDate;
use serde::Serialize;

use crate::enums::ReferenceStatus;
use crate::model::{AccountFile, Competitor};

/// An appraisal older than this many days is stale.
pub const STALE_DAYS: i64 = 180;

/// How old an appraisal is on `today`, in days; none if it was never appraised.
pub fn appraisal_age(c: &Competitor, today: NaiveDate) -> Option<i64> {
    c.appraised.map(|d| (today - d).num_days())
}

/// Whether an appraisal is stale on `today` (never appraised counts as stale).
pub fn stale(c: &Competitor, today: NaiveDate) -> bool {
    appraisal_age(c, today).is_none_or(|age| age > STALE_DAYS)
}

/// Value added in a period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Added {
    /// How many things.
    pub count: usize,
    /// Their estimated value in pounds.
    pub value: f64,
}

/// The value added to `file` from `from` to `to`, both included.
pub fn added_between(file: &AccountFile, from: NaiveDate, to: NaiveDate) -> Added {
    let mut out = Added::default();
    for v in file.value_added.values() {
        if v.date.is_some_and(|d| d >= from && d <= to) {
            out.count += 1;
            out.value += v.value;
        }
    }
    out
}

/// Whether the client is a reference-site candidate on `today`: its latest survey's results
/// are positive enough to ask ([`crate::rules::survey::Analysis::ask_for_reference`]) and it
/// has neither agreed nor declined.
pub fn reference_candidate(file: &AccountFile, today: NaiveDate) -> bool {
    if matches!(
        file.profile.reference,
        Some(ReferenceStatus::Agreed | ReferenceStatus::Declined)
    ) {
        return false;
    }
    file.surveys
        .values()
        .filter(|s| s.issued.is_some())
        .max_by_key(|s| s.issued.as_ref().and_then(|i| i.date))
        .is_some_and(|s| crate::rules::survey::analyse(s, today).ask_for_reference)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ValueAdded;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn appraisals_go_stale_and_value_is_counted_by_period() {
        let c = Competitor {
            name: "Rival Ltd".into(),
            appraised: Some(day(5, 1)),
            ..Competitor::default()
        };
        assert!(!stale(&c, day(10, 28)));
        assert!(stale(&c, day(10, 29)));
        assert!(stale(&Competitor::default(), day(1, 1)));
        let mut file = AccountFile::default();
        for (d, v) in [
            (day(11, 3), 500.0),
            (day(11, 30), 250.0),
            (day(12, 1), 100.0),
        ] {
            file.value_added.insert(
                uuid::Uuid::new_v4(),
                ValueAdded {
                    what: "Seminar".into(),
                    date: Some(d),
                    value: v,
                    ..ValueAdded::default()
                },
            );
        }
        assert_eq!(
            added_between(&file, day(11, 1), day(11, 30)),
            Added {
                count: 2,
                value: 750.0
            }
        );
        assert!(!reference_candidate(&file, day(12, 1)), "no survey, no ask");
    }
}

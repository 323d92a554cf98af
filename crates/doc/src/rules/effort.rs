//! Effort (CL-3) and capacity (PF-5): the time logged with contacts, month by month, summed over
//! a period, against a tier's budget and an adviser's capacity.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::AccountFile;

/// The minutes logged with `file`'s contacts per calendar month (`YYYY-MM`, UTC).
pub fn minutes_by_month(file: &AccountFile) -> BTreeMap<String, u64> {
    let mut out: BTreeMap<String, u64> = BTreeMap::new();
    for i in file.interactions.values() {
        *out.entry(i.at.format("%Y-%m").to_string()).or_default() += u64::from(i.minutes);
    }
    out
}

/// The months a period spans, `YYYY-MM`, first to last (both included).
pub fn months(from: NaiveDate, to: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    let (mut y, mut m) = (from.year(), from.month());
    while (y, m) <= (to.year(), to.month()) && out.len() < 1200 {
        out.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// The first day of the twelve calendar months that end with `today`'s.
pub fn year_to(today: NaiveDate) -> NaiveDate {
    let (mut y, mut m) = (today.year(), today.month());
    for _ in 0..11 {
        (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
    }
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(today)
}

/// The hours in `by_month` over the months of `[from, to]`.
pub fn hours(by_month: &BTreeMap<String, u64>, from: NaiveDate, to: NaiveDate) -> f64 {
    let minutes: u64 = months(from, to)
        .iter()
        .filter_map(|m| by_month.get(m))
        .sum();
    minutes as f64 / 60.0
}

/// A yearly budget of `hours_a_year` for the months of `[from, to]`.
pub fn budget(hours_a_year: u64, from: NaiveDate, to: NaiveDate) -> f64 {
    hours_a_year as f64 * months(from, to).len() as f64 / 12.0
}

/// What an adviser can carry (PF-5): clients and hours a year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Capacity {
    /// Active clients they can lead.
    pub clients: u64,
    /// Hours a year they can give clients.
    pub hours: u64,
}

impl Capacity {
    /// Whether it is within the bounds an organisation may set.
    pub fn is_valid(&self) -> bool {
        i64::try_from(self.clients).is_ok_and(|c| c <= crate::config::MAX_CAPACITY_CLIENTS)
            && i64::try_from(self.hours).is_ok_and(|h| h <= crate::config::MAX_CAPACITY_HOURS)
    }
}

/// An adviser's load against their capacity.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Load {
    /// The adviser.
    pub adviser: String,
    /// Active clients they lead.
    pub clients: usize,
    /// Hours logged on those clients over the period.
    pub hours: f64,
    /// Their capacity, if the organisation set one.
    pub capacity: Option<Capacity>,
    /// Whether they lead more clients, or logged more hours (against the capacity for the
    /// period), than their capacity.
    pub over: bool,
}

impl Load {
    /// The load of `adviser` leading `clients` with `hours` over `months` months, against
    /// `capacity`.
    pub fn of(
        adviser: &str,
        clients: usize,
        hours: f64,
        months: usize,
        capacity: Option<&Capacity>,
    ) -> Self {
        let over = capacity.is_some_and(|c| {
            (c.clients > 0 && clients as u64 > c.clients)
                || (c.hours > 0 && hours > c.hours as f64 * months as f64 / 12.0)
        });
        Self {
            adviser: adviser.to_string(),
            clients,
            hours,
            capacity: capacity.cloned(),
            over,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn effort_is_summed_over_the_months_a_period_spans() {
        assert_eq!(months(day(2025, 11, 20), day(2026, 2, 1)).len(), 4);
        assert_eq!(year_to(day(2026, 2, 17)), day(2025, 3, 1));
        assert_eq!(
            months(year_to(day(2026, 2, 17)), day(2026, 2, 17)).len(),
            12
        );
        assert!(months(day(2026, 3, 1), day(2026, 2, 1)).is_empty());
        let by_month: BTreeMap<String, u64> =
            [("2025-12".to_string(), 90), ("2026-03".to_string(), 30)].into();
        assert_eq!(hours(&by_month, day(2025, 11, 1), day(2026, 2, 28)), 1.5);
        assert_eq!(budget(24, day(2026, 1, 1), day(2026, 3, 31)), 6.0);
        let cap = Capacity {
            clients: 2,
            hours: 120,
        };
        assert!(!Load::of("Alice", 2, 60.0, 6, Some(&cap)).over);
        assert!(
            Load::of("Alice", 3, 0.0, 6, Some(&cap)).over,
            "too many clients"
        );
        assert!(
            Load::of("Alice", 1, 61.0, 6, Some(&cap)).over,
            "half a year's hours"
        );
        assert!(
            !Load::of("Alice", 50, 900.0, 12, None).over,
            "no capacity set"
        );
    }
}

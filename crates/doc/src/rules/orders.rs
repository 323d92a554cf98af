//! Orders won and lost (OP-4): the win rate, the lost orders nobody has reviewed yet, and the
//! value won this year to date against the same point last year (scorecard KPIs "Lost orders
//! reviewed?" and "Value of new business year-to-date greater than same time last year?").
//!
//! Years are calendar years. An order counts on the day its outcome was decided; withdrawn
//! opportunities are neither won nor lost.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use uuid::Uuid;

use crate::enums::OpportunityStatus;
use crate::model::AccountFile;

/// The orders of one account as of a day.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OrderRecord {
    /// Orders won, ever.
    pub won: usize,
    /// Orders lost, ever.
    pub lost: usize,
    /// Won ÷ (won + lost), as a percentage; `None` before the first outcome.
    pub win_rate: Option<f64>,
    /// Lost orders without a review, oldest first.
    pub lost_not_reviewed: Vec<Uuid>,
    /// Value won from 1 January of this year to the day, in pounds.
    pub won_this_year: f64,
    /// Value won from 1 January of last year to the same day last year.
    pub won_last_year_to_date: f64,
}

impl OrderRecord {
    /// Whether this year to date beats the same point last year (KPI EE).
    pub fn ahead_of_last_year(&self) -> bool {
        self.won_this_year > self.won_last_year_to_date
    }
}

/// The same day a year before (28 February for 29 February).
fn a_year_before(day: NaiveDate) -> NaiveDate {
    day.with_year(day.year() - 1)
        .or_else(|| NaiveDate::from_ymd_opt(day.year() - 1, 2, 28))
        .unwrap_or(day)
}

/// The lost orders of `file` without a review, oldest loss first (the scorecard's "Lost
/// orders reviewed?", and the portfolio's list).
pub fn lost_not_reviewed(file: &AccountFile) -> Vec<Uuid> {
    let mut out: Vec<(NaiveDate, Uuid)> = file
        .opportunities
        .iter()
        .filter_map(|(id, o)| o.outcome.as_ref().map(|out| (id, out)))
        .filter(|(_, o)| o.result == OpportunityStatus::Lost && o.review.is_none())
        .map(|(id, o)| (o.date, *id))
        .collect();
    out.sort();
    out.into_iter().map(|(_, id)| id).collect()
}

/// The order record of `file` on `today`.
pub fn order_record(file: &AccountFile, today: NaiveDate) -> OrderRecord {
    let mut out = OrderRecord::default();
    let last_year_day = a_year_before(today);
    for opp in file.opportunities.values() {
        let Some(outcome) = &opp.outcome else {
            continue;
        };
        match outcome.result {
            OpportunityStatus::Won => {
                out.won += 1;
                let d = outcome.date;
                if d.year() == today.year() && d <= today {
                    out.won_this_year += outcome.value;
                } else if d.year() == last_year_day.year() && d <= last_year_day {
                    out.won_last_year_to_date += outcome.value;
                }
            }
            OpportunityStatus::Lost => {
                out.lost += 1;
            }
            _ => {}
        }
    }
    let decided = out.won + out.lost;
    out.win_rate = (decided > 0).then(|| out.won as f64 * 100.0 / decided as f64);
    out.lost_not_reviewed = lost_not_reviewed(file);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Opportunity, OrderReview, Outcome};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn closed(
        result: OpportunityStatus,
        date: NaiveDate,
        value: f64,
        reviewed: bool,
    ) -> Opportunity {
        let mut o: Opportunity =
            serde_json::from_value(serde_json::json!({"title": "x", "origin": "need"})).unwrap();
        o.status = result;
        o.outcome = Some(Outcome {
            result,
            date,
            value,
            reason: "r".into(),
            by: "Alice".into(),
            review: reviewed.then(|| OrderReview {
                date,
                notes: "n".into(),
                by: "Alice".into(),
            }),
        });
        o
    }

    #[test]
    fn win_rate_unreviewed_losses_and_the_year_to_date_against_last_year() {
        let mut f = AccountFile::default();
        let orders = [
            closed(OpportunityStatus::Won, day(2026, 3, 1), 10_000.0, false),
            closed(OpportunityStatus::Won, day(2026, 11, 30), 5_000.0, false),
            // Last year: before the same day counts, after it does not.
            closed(OpportunityStatus::Won, day(2025, 6, 1), 12_000.0, false),
            closed(OpportunityStatus::Won, day(2025, 12, 20), 50_000.0, false),
            closed(OpportunityStatus::Lost, day(2026, 5, 1), 8_000.0, false),
            closed(OpportunityStatus::Lost, day(2026, 2, 1), 8_000.0, true),
            closed(OpportunityStatus::Lost, day(2025, 9, 1), 1_000.0, false),
            closed(
                OpportunityStatus::Withdrawn,
                day(2026, 4, 1),
                1_000.0,
                false,
            ),
        ];
        for (n, o) in orders.into_iter().enumerate() {
            f.opportunities.insert(Uuid::from_u128(n as u128 + 1), o);
        }
        let r = order_record(&f, day(2026, 12, 7));
        assert_eq!((r.won, r.lost), (4, 3));
        assert!((r.win_rate.unwrap() - 400.0 / 7.0).abs() < 1e-9);
        assert_eq!(r.won_this_year, 15_000.0);
        assert_eq!(r.won_last_year_to_date, 12_000.0);
        assert!(r.ahead_of_last_year());
        // Oldest unreviewed loss first; the reviewed one is not listed.
        assert_eq!(
            r.lost_not_reviewed,
            vec![Uuid::from_u128(7), Uuid::from_u128(5)]
        );
        assert_eq!(
            order_record(&AccountFile::default(), day(2026, 1, 1)).win_rate,
            None
        );
    }

    #[test]
    fn a_leap_day_compares_with_the_last_day_of_february() {
        assert_eq!(a_year_before(day(2028, 2, 29)), day(2027, 2, 28));
        assert_eq!(a_year_before(day(2026, 12, 7)), day(2025, 12, 7));
    }
}

//! Churn over a period (PF-2): exits in the period ÷ average caseload in the period.

use chrono::NaiveDate;
use serde::Serialize;

/// One client's time on the caseload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tenure {
    /// When the client joined.
    pub intake: NaiveDate,
    /// When it left, if it has.
    pub exit: Option<NaiveDate>,
}

/// Churn figures for one period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Churn {
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period (inclusive).
    pub to: NaiveDate,
    /// Clients that left in the period.
    pub exits: usize,
    /// Clients that joined in the period.
    pub intakes: usize,
    /// Average caseload: client-days on the caseload ÷ days in the period.
    pub average_caseload: f64,
    /// exits ÷ average caseload; `None` when the average caseload is 0.
    pub rate: Option<f64>,
}

/// Churn of `tenures` over `[from, to]` (both inclusive).
///
/// A client counts on the caseload from its intake day up to, not including, its exit day.
pub fn churn(tenures: &[Tenure], from: NaiveDate, to: NaiveDate) -> Churn {
    let days = (to - from).num_days() + 1;
    let mut client_days = 0i64;
    let (mut exits, mut intakes) = (0, 0);
    for t in tenures {
        let start = t.intake.max(from);
        let end_excl = t
            .exit
            .unwrap_or(NaiveDate::MAX)
            .min(to + chrono::Duration::days(1));
        if end_excl > start {
            client_days += (end_excl - start).num_days();
        }
        if t.exit.is_some_and(|e| e >= from && e <= to) {
            exits += 1;
        }
        if t.intake >= from && t.intake <= to {
            intakes += 1;
        }
    }
    let average_caseload = if days > 0 {
        client_days as f64 / days as f64
    } else {
        0.0
    };
    Churn {
        from,
        to,
        exits,
        intakes,
        average_caseload,
        rate: (average_caseload > 0.0).then(|| exits as f64 / average_caseload),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn churn_is_exits_over_average_caseload() {
        // Period: April (30 days). Four clients on all month, one of them leaves on 16 April
        // (15 days on), so client-days = 30×3 + 15 = 105, average 3.5, churn 1 / 3.5.
        let t = [
            Tenure {
                intake: d(1, 1),
                exit: None,
            },
            Tenure {
                intake: d(1, 1),
                exit: None,
            },
            Tenure {
                intake: d(2, 1),
                exit: None,
            },
            Tenure {
                intake: d(2, 1),
                exit: Some(d(4, 16)),
            },
        ];
        let c = churn(&t, d(4, 1), d(4, 30));
        assert_eq!(c.exits, 1);
        assert_eq!(c.intakes, 0);
        assert!((c.average_caseload - 3.5).abs() < 1e-9);
        assert!((c.rate.unwrap() - 1.0 / 3.5).abs() < 1e-9);
    }

    #[test]
    fn clients_outside_the_period_do_not_count() {
        let t = [
            Tenure {
                intake: d(1, 1),
                exit: Some(d(2, 1)),
            },
            Tenure {
                intake: d(6, 1),
                exit: None,
            },
        ];
        let c = churn(&t, d(4, 1), d(4, 30));
        assert_eq!((c.exits, c.intakes), (0, 0));
        assert_eq!(c.rate, None);
    }

    #[test]
    fn intakes_in_the_period_are_counted() {
        let t = [Tenure {
            intake: d(4, 11),
            exit: None,
        }];
        let c = churn(&t, d(4, 1), d(4, 30));
        assert_eq!(c.intakes, 1);
        assert!((c.average_caseload - 20.0 / 30.0).abs() < 1e-9);
    }
}

//! Coloured risk alerts from the people responsible for opportunities and contracts (RK-3):
//! the periods that ended without one, whether the activity is overdue, the colour trend, and
//! alerts sent below the register's colour.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::enums::{OpportunityStatus, Rag};
use crate::model::{AccountFile, Reporting};
use crate::rules::risk_tree::Scope;

/// At most this many ended periods are judged (the latest ones), so a daily duty started long
/// ago costs no more than three years of them.
const MAX_PERIODS: i64 = 1100;

/// Whether `colour` is below `register`: the alert says less than the register does.
pub fn below_register(colour: Option<Rag>, register: Option<Rag>) -> bool {
    match (colour, register) {
        (Some(c), Some(r)) => c < r,
        _ => false,
    }
}

/// One alert as the rule reads it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlertLine {
    /// The alert's id.
    pub id: Uuid,
    /// The day it was sent.
    pub date: Option<NaiveDate>,
    /// When it was recorded.
    pub at: Option<chrono::DateTime<chrono::Utc>>,
    /// Its colour.
    pub colour: Option<Rag>,
    /// The register's colour of the activity when it was sent.
    pub register: Option<Rag>,
    /// Whether its colour is below that.
    pub below_register: bool,
    /// Who sent it.
    pub reporter: String,
    /// What they said.
    pub commentary: String,
}

/// Which way the colours went between the last two alerts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColourTrend {
    /// The latest is worse.
    Worsening,
    /// The latest is better.
    Improving,
    /// The same colour.
    Steady,
}

/// The alerts of one live activity (a pursued opportunity or a contract not ended) that has a
/// duty to send them or has sent some.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActivityAlerts {
    /// The opportunity or contract.
    pub activity: Scope,
    /// Its title.
    pub title: String,
    /// Who sends its alerts and how often, if set.
    pub reporting: Option<Reporting>,
    /// Its alerts, oldest first.
    pub alerts: Vec<AlertLine>,
}

impl ActivityAlerts {
    /// The days its alerts were sent, oldest first.
    pub fn dates(&self) -> Vec<NaiveDate> {
        self.alerts.iter().filter_map(|a| a.date).collect()
    }

    /// The colour trend between its last two alerts; none with fewer than two.
    pub fn trend(&self) -> Option<ColourTrend> {
        let colours: Vec<Rag> = self.alerts.iter().filter_map(|a| a.colour).collect();
        match colours.as_slice() {
            [.., before, last] => Some(match last.cmp(before) {
                std::cmp::Ordering::Greater => ColourTrend::Worsening,
                std::cmp::Ordering::Less => ColourTrend::Improving,
                std::cmp::Ordering::Equal => ColourTrend::Steady,
            }),
            _ => None,
        }
    }

    /// The latest alert's colour.
    pub fn latest(&self) -> Option<Rag> {
        self.alerts.iter().rev().find_map(|a| a.colour)
    }

    /// The facts the portfolio keeps about it.
    pub fn facts(&self) -> AlertFacts {
        AlertFacts {
            title: self.title.clone(),
            contract: matches!(self.activity, Scope::Contract(_)),
            reporting: self.reporting.clone(),
            dates: self.dates(),
            below_register: self
                .alerts
                .iter()
                .rev()
                .find(|a| a.colour.is_some())
                .is_some_and(|a| a.below_register),
        }
    }
}

/// What the dashboard needs about one activity's alerts, whatever the day: judged against a day
/// by [`missing_periods`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlertFacts {
    /// The activity's title.
    pub title: String,
    /// Whether it is a contract (else an opportunity).
    pub contract: bool,
    /// Who sends its alerts and how often.
    pub reporting: Option<Reporting>,
    /// The days alerts were sent.
    pub dates: Vec<NaiveDate>,
    /// Whether the latest alert was sent below the register's colour (an earlier one put right
    /// by a later alert asks nothing more).
    pub below_register: bool,
}

impl AlertFacts {
    /// The first day of each period of the duty that ended by `today` without an alert.
    pub fn missing(&self, today: NaiveDate) -> Vec<NaiveDate> {
        self.reporting
            .as_ref()
            .map(|r| missing_periods(r, &self.dates, today))
            .unwrap_or_default()
    }

    /// Whether the last period that ended by `today` has no alert.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        let Some(r) = &self.reporting else {
            return false;
        };
        let last = last_ended(r, today);
        last.is_some() && missing_periods(r, &self.dates, today).last().copied() == last
    }
}

/// The first day of the last period of `r` that ended by `today`, if one has.
fn last_ended(r: &Reporting, today: NaiveDate) -> Option<NaiveDate> {
    let from = r.from?;
    let every = i64::from(r.every_days.max(1));
    let ended = (today - from).num_days().div_euclid(every);
    if ended <= 0 {
        return None;
    }
    from.checked_add_days(Days::new(u64::try_from((ended - 1) * every).ok()?))
}

fn period_end(start: NaiveDate, every_days: u32) -> NaiveDate {
    start
        .checked_add_days(Days::new(u64::from(every_days.max(1))))
        .unwrap_or(NaiveDate::MAX)
}

/// The first day of each period of `r` (every `r.every_days` days from `r.from`) that ended
/// by `today` (its last day before `today`) with none of `dates` in it, oldest first.
pub fn missing_periods(r: &Reporting, dates: &[NaiveDate], today: NaiveDate) -> Vec<NaiveDate> {
    let Some(from) = r.from else {
        return vec![];
    };
    let every = i64::from(r.every_days.max(1));
    let ended = (today - from).num_days().div_euclid(every);
    if ended <= 0 {
        return vec![];
    }
    let first = (ended - MAX_PERIODS).max(0);
    (first..ended)
        .filter_map(|n| {
            let start = from.checked_add_days(Days::new(u64::try_from(n * every).ok()?))?;
            let end = period_end(start, r.every_days);
            (!dates.iter().any(|d| *d >= start && *d < end)).then_some(start)
        })
        .collect()
}

/// Every live activity of `file` with a duty to send alerts or alerts sent: pursued
/// opportunities by when they were raised, then contracts not ended by start.
pub fn activities(file: &AccountFile) -> Vec<ActivityAlerts> {
    let mut out = Vec::new();
    let mut opps: Vec<_> = file
        .opportunities
        .iter()
        .filter(|(_, o)| matches!(o.status, OpportunityStatus::Open | OpportunityStatus::Hold))
        .collect();
    opps.sort_by_key(|(id, o)| (o.raised, **id));
    for (id, o) in opps {
        out.push(of(file, Scope::Opportunity(*id), &o.title, &o.reporting));
    }
    let mut contracts: Vec<_> = file
        .contracts
        .iter()
        .filter(|(_, c)| c.ended.is_none())
        .collect();
    contracts.sort_by_key(|(id, c)| (c.start, **id));
    for (id, c) in contracts {
        out.push(of(file, Scope::Contract(*id), &c.title, &c.reporting));
    }
    out.retain(|a| a.reporting.is_some() || !a.alerts.is_empty());
    out
}

fn of(
    file: &AccountFile,
    activity: Scope,
    title: &str,
    reporting: &Option<Reporting>,
) -> ActivityAlerts {
    let mut alerts: Vec<AlertLine> = file
        .risk_alerts
        .iter()
        .filter(|(_, a)| a.activity.is_some() && a.activity == activity.id())
        .map(|(id, a)| AlertLine {
            id: *id,
            at: a.at,
            date: a.date,
            colour: a.colour,
            register: a.register,
            below_register: below_register(a.colour, a.register),
            reporter: a.reporter.clone(),
            commentary: a.commentary.clone(),
        })
        .collect();
    alerts.sort_by_key(|a| (a.date, a.at, a.id));
    ActivityAlerts {
        activity,
        title: title.to_string(),
        reporting: reporting.clone(),
        alerts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contract, RiskAlert};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn duty(every: u32) -> Reporting {
        Reporting {
            reporter: "Bob".into(),
            every_days: every,
            from: Some(day(1, 1)),
        }
    }

    #[test]
    fn a_period_that_ended_without_an_alert_is_missing() {
        let r = duty(30);
        // Periods: 1 Jan–30 Jan, 31 Jan–1 Mar, 2 Mar–31 Mar, ...
        assert!(
            missing_periods(&r, &[], day(1, 30)).is_empty(),
            "the first period runs"
        );
        assert_eq!(missing_periods(&r, &[], day(1, 31)), vec![day(1, 1)]);
        let sent = [day(1, 20), day(3, 5)];
        assert_eq!(missing_periods(&r, &sent, day(4, 1)), vec![day(1, 31)]);
        let facts = AlertFacts {
            reporting: Some(r.clone()),
            dates: sent.to_vec(),
            ..AlertFacts::default()
        };
        assert!(
            !facts.overdue(day(4, 1)),
            "the last ended period has its alert"
        );
        assert!(facts.overdue(day(5, 1)), "31 Mar–29 Apr ended without one");
        assert!(
            !AlertFacts::default().overdue(day(5, 1)),
            "no duty, never overdue"
        );
        let daily = Reporting {
            every_days: 1,
            from: NaiveDate::from_ymd_opt(1, 1, 1),
            ..r
        };
        assert_eq!(
            missing_periods(&daily, &[], day(1, 1)).len(),
            MAX_PERIODS as usize,
            "bounded"
        );
    }

    #[test]
    fn alerts_show_their_trend_and_those_below_the_register() {
        let mut file = AccountFile::default();
        let c = Uuid::new_v4();
        file.contracts.insert(
            c,
            Contract {
                title: "Supply".into(),
                reporting: Some(duty(30)),
                ..Contract::default()
            },
        );
        for (d, colour, register) in [
            (day(1, 10), Rag::Green, None),
            (day(2, 10), Rag::Amber, Some(Rag::Red)),
        ] {
            file.risk_alerts.insert(
                Uuid::new_v4(),
                RiskAlert {
                    activity: Some(c),
                    colour: Some(colour),
                    date: Some(d),
                    register,
                    ..RiskAlert::default()
                },
            );
        }
        let all = activities(&file);
        assert_eq!(all.len(), 1);
        let a = &all[0];
        assert_eq!(a.trend(), Some(ColourTrend::Worsening));
        assert_eq!(a.latest(), Some(Rag::Amber));
        assert!(a.facts().below_register, "the latest, amber, is below red");
        file.contracts.get_mut(&c).unwrap().ended = Some(day(3, 1));
        assert!(activities(&file).is_empty(), "an ended contract sends none");
    }
}

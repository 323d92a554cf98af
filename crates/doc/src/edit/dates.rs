//! Dates an edit may record: none that cannot be true.
//!
//! "Today" is judged generously, as the latest date that is today anywhere (UTC+14), so an
//! adviser's local date is never refused whatever the zone; times likewise may run a day ahead
//! of this node's clock. Anything later is a plan, which the file records as a plan (an action
//! with a due date, a planned visit), not as something that happened.

use casebook_i18n::Message;
use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::Error;

/// How far past this node's clock an interaction may be dated: a day, for clocks a little
/// ahead and zones apart.
pub const INTERACTION_LEAD_HOURS: i64 = 24;

/// The latest date that is today somewhere on Earth (zones reach UTC+14).
pub fn latest_today(now: DateTime<Utc>) -> NaiveDate {
    (now + Duration::hours(14)).date_naive()
}

/// The instant a day starts (UTC), for clocks that start on a date.
pub fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// An interaction happened: it is dated at most a day after now.
///
/// # Errors
/// [`Error::Rule`] naming the accepted range.
pub fn check_interaction_time(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), Error> {
    let latest = now + Duration::hours(INTERACTION_LEAD_HOURS);
    if at > latest {
        return Err(Error::Rule(
            Message::new("rule-interaction-in-future")
                .with("at", at.format("%Y-%m-%d %H:%M UTC").to_string())
                .with("latest", latest.format("%Y-%m-%d %H:%M UTC").to_string()),
        ));
    }
    Ok(())
}

/// A client's intake is today or earlier.
///
/// # Errors
/// [`Error::Rule`] naming the accepted range.
pub fn check_intake(intake: NaiveDate, now: DateTime<Utc>) -> Result<(), Error> {
    let today = latest_today(now);
    if intake > today {
        return Err(Error::Rule(
            Message::new("rule-intake-in-future")
                .with("intake", intake.to_string())
                .with("today", now.date_naive().to_string()),
        ));
    }
    Ok(())
}

/// Something that happened (a contract ended, an alert sent, results fed back) is dated today
/// or earlier; `what` names it in the refusal.
///
/// # Errors
/// [`Error::Rule`] naming the accepted range.
pub fn check_happened(what: Message, day: NaiveDate, now: DateTime<Utc>) -> Result<(), Error> {
    if day > latest_today(now) {
        return Err(Error::Rule(
            Message::new("rule-day-in-future")
                .with("what", what)
                .with("date", day.to_string())
                .with("today", now.date_naive().to_string()),
        ));
    }
    Ok(())
}

/// An exit is dated between the intake and today.
///
/// # Errors
/// [`Error::Rule`] naming the accepted range.
pub fn check_exit_date(
    date: NaiveDate,
    intake: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let today = latest_today(now);
    let earliest = intake.unwrap_or(NaiveDate::MIN);
    if date > today || date < earliest {
        let from = intake.map_or_else(
            || Message::new("rule-exit-from-any-date"),
            |d| Message::new("rule-exit-from-intake").with("date", d.to_string()),
        );
        return Err(Error::Rule(
            Message::new("rule-exit-date-impossible")
                .with("date", date.to_string())
                .with("from", from)
                .with("today", now.date_naive().to_string()),
        ));
    }
    Ok(())
}

/// A planned exit falls on or after the intake.
///
/// # Errors
/// [`Error::Rule`] naming the accepted range.
pub fn check_planned_exit(date: NaiveDate, intake: Option<NaiveDate>) -> Result<(), Error> {
    match intake {
        Some(intake) if date < intake => Err(Error::Rule(
            Message::new("rule-planned-exit-before-intake")
                .with("date", date.to_string())
                .with("intake", intake.to_string()),
        )),
        _ => Ok(()),
    }
}

/// A stage is entered between the intake (and the current stage's entry) and now.
///
/// # Errors
/// [`Error::Rule`] naming the accepted range.
pub fn check_stage_entry(
    at: DateTime<Utc>,
    intake: Option<NaiveDate>,
    current_entered: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let earliest = intake
        .map(start_of)
        .into_iter()
        .chain(current_entered)
        .max();
    let latest = now + Duration::hours(INTERACTION_LEAD_HOURS);
    let too_early = earliest.is_some_and(|e| at < e);
    if too_early || at > latest {
        let from = earliest.map_or_else(
            || Message::new("rule-stage-from-any-time"),
            |e| {
                Message::new("rule-stage-from-earliest")
                    .with("at", e.format("%Y-%m-%d %H:%M UTC").to_string())
            },
        );
        return Err(Error::Rule(
            Message::new("rule-stage-entry-impossible")
                .with("at", at.format("%Y-%m-%d %H:%M UTC").to_string())
                .with("from", from)
                .with("now", now.format("%Y-%m-%d %H:%M UTC").to_string()),
        ));
    }
    Ok(())
}

/// When a new client's first stage is entered: at its intake, if that was before today, so
/// the stage clock of a back-dated intake runs from the intake; else now.
pub fn first_stage_entry(intake: NaiveDate, now: DateTime<Utc>) -> DateTime<Utc> {
    if intake < now.date_naive() {
        start_of(intake)
    } else {
        now
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 7, 1, 12, 0, 0).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn interactions_may_run_a_day_ahead_and_no_more() {
        assert!(check_interaction_time(now() + Duration::hours(23), now()).is_ok());
        let err = check_interaction_time(now() + Duration::days(3), now()).unwrap_err();
        assert!(
            err.to_string().contains("up to 2026-07-02 12:00 UTC"),
            "{err}"
        );
    }

    #[test]
    fn exits_fall_between_intake_and_today() {
        let intake = Some(day("2026-03-01"));
        assert!(check_exit_date(day("2026-03-01"), intake, now()).is_ok());
        assert!(check_exit_date(day("2026-07-01"), intake, now()).is_ok());
        let before = check_exit_date(day("2026-02-28"), intake, now()).unwrap_err();
        assert!(
            before.to_string().contains("from the intake (2026-03-01)"),
            "{before}"
        );
        assert!(check_exit_date(day("2026-07-09"), intake, now()).is_err());
        assert!(check_planned_exit(day("2026-02-01"), intake).is_err());
        assert!(check_planned_exit(day("2027-02-01"), intake).is_ok());
    }

    #[test]
    fn stages_are_entered_after_intake_and_the_current_stage() {
        let intake = Some(day("2026-03-01"));
        let entered = Some(start_of(day("2026-04-01")));
        let at = |d| start_of(day(d));
        assert!(check_stage_entry(at("2026-05-01"), intake, entered, now()).is_ok());
        assert!(check_stage_entry(at("2026-02-01"), intake, None, now()).is_err());
        assert!(check_stage_entry(at("2026-03-15"), intake, entered, now()).is_err());
        assert!(check_stage_entry(at("2026-08-01"), intake, entered, now()).is_err());
    }

    #[test]
    fn a_back_dated_intake_starts_the_stage_clock_then() {
        assert_eq!(
            first_stage_entry(day("2026-05-01"), now()),
            start_of(day("2026-05-01"))
        );
        assert_eq!(first_stage_entry(day("2026-07-01"), now()), now());
        assert!(
            check_intake(day("2026-07-02"), now()).is_ok(),
            "today somewhere"
        );
        assert!(check_intake(day("2026-07-09"), now()).is_err());
    }
}

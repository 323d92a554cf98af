//! Dates and times as advisers type them.
//!
//! A time typed without a zone is the adviser's local time (the machine's zone, Europe/London
//! for most users): "14:30" on a summer afternoon in Cardiff is 13:30 UTC. Times are stored in
//! UTC and shown in local time; only an explicit offset (RFC 3339, `...Z` or `...+01:00`) is
//! taken as written.

use chrono::{DateTime, Local, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Date forms accepted everywhere a date is typed: ISO and the UK's day-first form.
pub const DATE_FORMATS: [&str; 2] = ["%Y-%m-%d", "%d/%m/%Y"];

/// Date-time forms without a zone, read as local time.
const LOCAL_DATETIME_FORMATS: [&str; 6] = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
];

/// The hour a date typed alone stands for when an event needs a time ("on the 12th").
const DEFAULT_EVENT_HOUR: u32 = 9;

/// The forms [`parse_event_time`] accepts, for error messages and `--help`.
pub const EVENT_TIME_FORMS: &str = "2026-05-12, 12/05/2026, 2026-05-12 14:30, 12/05/2026 14:30 (local time) or 2026-05-12T14:30:00Z";

/// Parse a date: `YYYY-MM-DD` or `DD/MM/YYYY`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    DATE_FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
}

/// The UTC instant of a wall-clock time in the machine's zone.
///
/// In the autumn hour that happens twice the earlier is taken; a time in the spring hour that
/// never happens (01:30 on the last Sunday of March in London) is moved on by the gap, as a
/// clock would be.
pub fn local_to_utc(naive: NaiveDateTime) -> DateTime<Utc> {
    in_zone(&Local, naive)
}

fn in_zone<Tz: TimeZone>(zone: &Tz, naive: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => {
            // Spring forward: no gap is longer than two hours anywhere.
            for minutes in (15..=120).step_by(15) {
                let later = naive + chrono::Duration::minutes(minutes);
                if let LocalResult::Single(t) | LocalResult::Ambiguous(t, _) =
                    zone.from_local_datetime(&later)
                {
                    return t.with_timezone(&Utc);
                }
            }
            naive.and_utc()
        }
    }
}

/// Parse the time of an event: RFC 3339 as written; a date-time without a zone
/// (`YYYY-MM-DD HH:MM[:SS]`, `DD/MM/YYYY HH:MM[:SS]`) as local time; a date alone as 09:00
/// local time that day (when a logged contact says only "on the 12th").
pub fn parse_event_time(text: &str) -> Option<DateTime<Utc>> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(dt.with_timezone(&Utc));
    }
    if let Some(naive) = LOCAL_DATETIME_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
    {
        return Some(local_to_utc(naive));
    }
    let day = parse_date(t)?;
    Some(local_to_utc(day.and_hms_opt(DEFAULT_EVENT_HOUR, 0, 0)?))
}

/// Parse a point in history: a date alone means the end of that local day (so "as it was on
/// the 12th" includes the 12th); anything else as [`parse_event_time`].
pub fn parse_point_in_time(text: &str) -> Option<DateTime<Utc>> {
    match parse_date(text) {
        Some(day) => Some(local_to_utc(day.and_hms_opt(23, 59, 59)?)),
        None => parse_event_time(text),
    }
}

/// The local calendar day of an instant.
pub fn local_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Local).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn naive(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("test time")
    }

    #[test]
    fn explicit_offsets_are_taken_as_written() {
        let t = parse_event_time("2026-07-01T14:30:00+01:00").expect("parses");
        assert_eq!(t.to_rfc3339(), "2026-07-01T13:30:00+00:00");
        let z = parse_event_time("2026-07-01T14:30:00Z").expect("parses");
        assert_eq!(z.to_rfc3339(), "2026-07-01T14:30:00+00:00");
    }

    #[test]
    fn uk_and_iso_forms_mean_the_same_local_time() {
        let iso = parse_event_time("2026-05-12 14:30").expect("iso");
        let uk = parse_event_time("12/05/2026 14:30").expect("uk");
        assert_eq!(iso, uk);
        assert_eq!(
            parse_event_time("12/05/2026"),
            parse_event_time("2026-05-12 09:00")
        );
        assert_eq!(parse_date("12/05/2026"), parse_date("2026-05-12"));
        assert!(parse_date("31/02/2026").is_none(), "no 31st of February");
        assert!(
            parse_event_time("05/31/2026").is_none(),
            "US month-first is refused"
        );
    }

    #[test]
    fn a_zone_is_applied_to_wall_clock_times() {
        let bst = FixedOffset::east_opt(3600).expect("offset");
        assert_eq!(
            in_zone(&bst, naive("2026-07-01 14:30")).to_rfc3339(),
            "2026-07-01T13:30:00+00:00"
        );
    }

    #[test]
    fn the_end_of_a_day_includes_that_day() {
        let end = parse_point_in_time("2026-05-12").expect("date");
        let during = parse_event_time("2026-05-12 23:00").expect("time");
        assert!(end > during);
    }
}

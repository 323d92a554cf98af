//! Dates and times in spreadsheet cells: ISO (`2026-05-12`, `2026-05-12 14:30`) and UK
//! (`12/05/2026`, `12/05/2026 14:30`), as Excel, LibreOffice and Google Sheets write them in
//! the UK.

use casebook_i18n::Message;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::time::{parse_date, parse_event_time};

/// A date column's cell ([`parse_date`]): empty is `None`. A spreadsheet that formats a date column as a
/// date-time writes `12/05/2026 00:00`; the date is the one written, whatever the time.
///
/// # Errors
/// The reason, naming the accepted forms.
pub(crate) fn date(text: &str) -> Result<Option<NaiveDate>, Message> {
    if text.is_empty() {
        return Ok(None);
    }
    let (d, time) = match text.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (text, None),
    };
    let time_ok = time.is_none_or(|t| {
        ["%H:%M", "%H:%M:%S"]
            .iter()
            .any(|fmt| NaiveTime::parse_from_str(t, fmt).is_ok())
    });
    match parse_date(d) {
        Some(d) if time_ok => Ok(Some(d)),
        _ => Err(Message::new("err-not-a-date")
            .with("text", text)
            .with("forms", Message::new("err-date-forms"))),
    }
}

/// A date-time column's cell, read as everywhere else in casebook ([`parse_event_time`]).
///
/// # Errors
/// The reason, naming the accepted forms.
pub(crate) fn event_time(text: &str) -> Result<DateTime<Utc>, Message> {
    parse_event_time(text).ok_or_else(|| {
        Message::new("err-not-a-date-time")
            .with("text", text)
            .with("forms", Message::new("err-event-time-forms"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_or_uk_with_or_without_a_time() {
        let may12 = NaiveDate::from_ymd_opt(2026, 5, 12);
        for text in [
            "2026-05-12",
            "12/05/2026",
            "12/05/2026 00:00",
            "12/05/2026 09:30:00",
        ] {
            assert_eq!(date(text), Ok(may12), "{text}");
        }
        assert_eq!(date(""), Ok(None));
        for bad in ["05/13/2026", "2026-13-45", "12/05/2026 noon", "12.05.2026"] {
            assert!(date(bad).is_err(), "{bad}");
        }
    }
}

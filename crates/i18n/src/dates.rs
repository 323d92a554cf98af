//! Dates in words: day and month names from the catalogue ("Monday 7 December 2026",
//! "Dydd Llun 7 Rhagfyr 2026"). Tables keep the sortable `2026-12-07`.

use chrono::{Datelike, NaiveDate};

use crate::Message;

/// The date in words in the catalogue's order, e.g. `date-long` with weekday, day, month
/// and year.
pub fn long_date(date: NaiveDate) -> Message {
    let weekday = date.weekday().num_days_from_monday() + 1;
    Message::new("date-long")
        .with("weekday", Message::new(format!("weekday-{weekday}")))
        .with("day", date.day().to_string())
        .with("month", Message::new(format!("month-{}", date.month())))
        .with("year", date.year().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_read_in_words_in_both_languages() {
        let monday = date(2026, 12, 7);
        assert_eq!(long_date(monday).render(Lang::En), "Monday 7 December 2026");
        assert_eq!(
            long_date(monday).render(Lang::Cy),
            "Dydd Llun 7 Rhagfyr 2026"
        );
        assert_eq!(
            long_date(date(2027, 3, 1)).render(Lang::Cy),
            "Dydd Llun 1 Mawrth 2027"
        );
        assert_eq!(
            long_date(date(2026, 6, 14)).render(Lang::Cy),
            "Dydd Sul 14 Mehefin 2026"
        );
    }

    #[test]
    fn every_day_and_month_has_a_name_in_both_languages() {
        let mut names = std::collections::BTreeSet::new();
        for lang in Lang::ALL {
            // 2024-01-01 is a Monday: a year of days covers every weekday and month.
            let mut day = date(2024, 1, 1);
            while day.year() == 2024 {
                let text = long_date(day).render(lang);
                assert!(
                    !text.contains("weekday-") && !text.contains("month-"),
                    "{text}"
                );
                names.insert(
                    text.split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                );
                day = day.succ_opt().unwrap();
            }
        }
        assert!(
            names.contains("Dydd") && names.contains("Friday"),
            "{names:?}"
        );
    }
}

//! The Contact Management Plan's adherence (CT-6): each planned contact against the
//! interactions logged with that person.

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use uuid::Uuid;

use crate::model::AccountFile;

/// One line of the plan as it stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanStatus {
    /// The line's id.
    pub line: Uuid,
    /// Who on our side keeps the contact.
    pub ours: String,
    /// The person covered, by name (empty if they are no longer in the file).
    pub person: String,
    /// Whether that person has left the client.
    pub left: bool,
    /// Days allowed between contacts.
    pub every_days: u32,
    /// The latest interaction with the person.
    pub last: Option<NaiveDate>,
    /// The day the next contact is due: the last plus the days allowed (today if never).
    pub due: NaiveDate,
    /// Whether it is past due.
    pub overdue: bool,
}

/// The plan's adherence on `today`: every line, and how many are met (not overdue; lines for
/// people who left count for neither).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Adherence {
    /// Every line, most overdue first.
    pub lines: Vec<PlanStatus>,
    /// Lines met.
    pub met: usize,
    /// Lines that count.
    pub of: usize,
    /// Met ÷ lines that count, as a percentage.
    pub percent: Option<f64>,
}

/// The adherence of `file`'s plan on `today`.
pub fn adherence(file: &AccountFile, today: NaiveDate) -> Adherence {
    let mut lines: Vec<PlanStatus> = file
        .contact_plan
        .iter()
        .map(|(id, line)| {
            let person = line.person.and_then(|p| file.people.get(&p));
            let last = line.person.and_then(|p| {
                file.interactions
                    .values()
                    .filter(|i| i.people.contains(&p) && i.at.date_naive() <= today)
                    .map(|i| i.at.date_naive())
                    .max()
            });
            let due = last.map_or(today, |d| d + Duration::days(i64::from(line.every_days)));
            PlanStatus {
                line: *id,
                ours: line.ours.clone(),
                person: person.map(|p| p.name.clone()).unwrap_or_default(),
                left: person.is_none_or(|p| p.left),
                every_days: line.every_days,
                last,
                due,
                overdue: last.is_none() || due < today,
            }
        })
        .collect();
    lines.sort_by_key(|l| (l.left, l.due, l.line));
    let counted: Vec<&PlanStatus> = lines.iter().filter(|l| !l.left).collect();
    let met = counted.iter().filter(|l| !l.overdue).count();
    let of = counted.len();
    Adherence {
        met,
        of,
        percent: (of > 0).then(|| 100.0 * met as f64 / of as f64),
        lines,
    }
}

/// Whether a person of the client is senior: at the top of the org chart now, or a decision
/// maker (CT-5: "the right level of Client management").
pub fn is_senior(file: &AccountFile, person: Uuid) -> bool {
    file.people.get(&person).is_some_and(|p| {
        !p.left
            && (p
                .roles
                .contains_key(&crate::enums::PersonRole::DecisionMaker)
                || crate::rules::survey::top_people(file).contains(&person))
    })
}

/// Senior-to-senior contact (CT-5): the plan's lines that have the account's senior sponsor
/// keeping contact with a senior person of the client.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SeniorContact {
    /// The account's senior sponsor (empty: none named, and nothing is expected).
    pub sponsor: String,
    /// Each of the sponsor's lines to a senior person: (days allowed, last contact).
    pub lines: Vec<(u32, Option<NaiveDate>)>,
}

impl SeniorContact {
    /// The senior contact of `file` as the plan and the contacts logged stand on `today`.
    pub fn of(file: &AccountFile, today: NaiveDate) -> Self {
        let sponsor = file.team.sponsor.trim().to_string();
        let a = adherence(file, today);
        let lines = a
            .lines
            .iter()
            .filter(|l| {
                !l.left && !sponsor.is_empty() && l.ours.trim().eq_ignore_ascii_case(&sponsor)
            })
            .filter(|l| {
                file.contact_plan
                    .get(&l.line)
                    .and_then(|x| x.person)
                    .is_some_and(|p| is_senior(file, p))
            })
            .map(|l| (l.every_days, l.last))
            .collect();
        Self { sponsor, lines }
    }

    /// Where it stands on `today`: none when no sponsor is named; else whether a line is planned
    /// and the earliest day one is due (overdue when past).
    pub fn status(&self, today: NaiveDate) -> Option<SeniorStatus> {
        if self.sponsor.is_empty() {
            return None;
        }
        let due = self
            .lines
            .iter()
            .map(|(every, last)| last.map_or(today, |d| d + Duration::days(i64::from(*every))))
            .min();
        Some(match due {
            None => SeniorStatus::NotPlanned,
            Some(d) if d < today || self.lines.iter().any(|(_, last)| last.is_none()) => {
                SeniorStatus::Overdue { due: d }
            }
            Some(d) => SeniorStatus::Kept { due: d },
        })
    }
}

/// Where senior-to-senior contact stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum SeniorStatus {
    /// No line of the plan has the sponsor keeping contact with a senior person.
    NotPlanned,
    /// Kept: the next contact is due on this day.
    Kept {
        /// The day.
        due: NaiveDate,
    },
    /// Overdue since this day (or never met).
    Overdue {
        /// The day.
        due: NaiveDate,
    },
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::enums::{Direction, InteractionKind, Purpose};
    use crate::model::{Interaction, Person, PlanLine};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn each_line_is_met_while_its_person_was_contacted_within_its_days() {
        let mut file = AccountFile::default();
        let (rhian, owain, gone) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        for (id, name, left) in [
            (rhian, "Rhian", false),
            (owain, "Owain", false),
            (gone, "Gone", true),
        ] {
            file.people.insert(
                id,
                Person {
                    name: name.into(),
                    left,
                    ..Person::default()
                },
            );
        }
        for (person, every) in [(rhian, 30), (owain, 14), (gone, 30)] {
            file.contact_plan.insert(
                Uuid::new_v4(),
                PlanLine {
                    ours: "Alice".into(),
                    person: Some(person),
                    every_days: every,
                    ..PlanLine::default()
                },
            );
        }
        file.interactions.insert(
            Uuid::new_v4(),
            Interaction {
                kind: InteractionKind::Meeting,
                direction: Direction::Outbound,
                at: Utc.with_ymd_and_hms(2026, 11, 20, 10, 0, 0).unwrap(),
                minutes: 60,
                our_attendees: vec![],
                their_attendees: vec![],
                people: vec![rhian, owain],
                purpose: Purpose::ProgressReview,
                summary: String::new(),
                needs: String::new(),
                risks: vec![],
                opportunities: vec![],
                by: "Alice".into(),
                language: String::new(),
            },
        );
        let a = adherence(&file, day(12, 7));
        assert_eq!((a.met, a.of), (1, 2));
        assert_eq!(a.percent, Some(50.0));
        let owain_line = a.lines.iter().find(|l| l.person == "Owain").unwrap();
        assert!(owain_line.overdue);
        assert_eq!(owain_line.due, day(12, 4));
        assert!(a.lines.iter().any(|l| l.person == "Gone" && l.left));
        // Senior-to-senior contact: a sponsor named but no line of theirs is planned.
        file.team.sponsor = "Dewi".into();
        let today = day(12, 7);
        assert_eq!(
            SeniorContact::of(&file, today).status(today),
            Some(SeniorStatus::NotPlanned)
        );
        file.contact_plan.insert(
            Uuid::new_v4(),
            PlanLine {
                ours: "dewi".into(),
                person: Some(rhian),
                every_days: 30,
                ..PlanLine::default()
            },
        );
        // Rhian is at the top of the org chart and was met on 20 November.
        assert_eq!(
            SeniorContact::of(&file, today).status(today),
            Some(SeniorStatus::Kept { due: day(12, 20) })
        );
        assert_eq!(
            SeniorContact::of(&file, day(12, 21)).status(day(12, 21)),
            Some(SeniorStatus::Overdue { due: day(12, 20) })
        );
        file.team.sponsor.clear();
        assert_eq!(SeniorContact::of(&file, today).status(today), None);
    }
}

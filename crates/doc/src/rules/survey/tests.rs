use super::*;
use crate::model::{Person, Recipient, Stamp};
use crate::survey_bank::{asked, shipped};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn person(name: &str, boss: Option<Uuid>, left: bool) -> Person {
    Person {
        name: name.into(),
        reports_to: boss,
        left,
        ..Person::default()
    }
}

/// A survey of the shipped bank with recipients at each level, issued on 1 November with a
/// deadline of 30 November.
fn survey() -> Survey {
    let mut s = Survey {
        title: "Annual survey".into(),
        deadline: Some(day(2026, 11, 30)),
        issued: Some(Stamp {
            date: Some(day(2026, 11, 1)),
            by: "Alice".into(),
        }),
        ..Survey::default()
    };
    for q in shipped() {
        s.questions.insert(q.id, q.copy());
    }
    for (name, level) in [
        ("Ann", SurveyLevel::Users),
        ("Ben", SurveyLevel::Users),
        ("Cai", SurveyLevel::Managers),
        ("Dee", SurveyLevel::Board),
    ] {
        s.recipients.insert(
            Uuid::new_v4(),
            Recipient {
                name: name.into(),
                level: Some(level),
                ..Recipient::default()
            },
        );
    }
    s
}

/// A response at `level` received on `received`, every question asked at that level scored
/// `score`.
fn respond(s: &mut Survey, level: SurveyLevel, received: NaiveDate, score: u8, unaware: &[&str]) {
    let scores = s
        .questions
        .iter()
        .filter(|(_, q)| q.level.is_some_and(|from| asked(from, level)))
        .map(|(id, _)| (*id, score))
        .collect();
    s.responses.insert(
        Uuid::new_v4(),
        SurveyResponse {
            level: Some(level),
            received: Some(received),
            scores,
            unaware_of: unaware.iter().map(|u| u.to_string()).collect(),
            ..SurveyResponse::default()
        },
    );
}

#[test]
fn the_most_senior_person_known_must_be_asked_before_a_survey_is_issued() {
    let mut file = AccountFile::default();
    let md = Uuid::new_v4();
    let old_md = Uuid::new_v4();
    file.people.insert(old_md, person("Old MD", None, true));
    file.people.insert(md, person("Rhys", Some(old_md), false));
    file.people
        .insert(Uuid::new_v4(), person("Lowri", Some(md), false));
    // The MD who left is no longer at the top: whoever reported to him is.
    assert_eq!(top_people(&file), vec![md]);
    let mut s = survey();
    s.issued = None;
    let problems = issue_problems(&s, &file);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].english().contains("Rhys"),
        "{}",
        problems[0].english()
    );
    s.recipients.insert(
        Uuid::new_v4(),
        Recipient {
            person: Some(md),
            name: "Rhys".into(),
            level: Some(SurveyLevel::Board),
            ..Recipient::default()
        },
    );
    assert!(issue_problems(&s, &file).is_empty());
    assert!(
        !issue_problems(&Survey::default(), &file).is_empty(),
        "no recipients"
    );
}

#[test]
fn response_rates_count_by_level_at_the_deadline() {
    let mut s = survey();
    respond(&mut s, SurveyLevel::Users, day(2026, 11, 20), 4, &[]);
    respond(&mut s, SurveyLevel::Users, day(2026, 12, 3), 4, &[]);
    respond(&mut s, SurveyLevel::Board, day(2026, 11, 30), 5, &[]);
    let a = analyse(&s, day(2026, 12, 7));
    assert_eq!(a.stage, Stage::AnalysisDue);
    let users = &a.rates[0];
    assert_eq!((users.recipients, users.by_deadline, users.late), (2, 1, 1));
    assert_eq!(users.percent, Some(50.0));
    assert_eq!(a.rates[1].percent, Some(0.0));
    assert_eq!(a.rates[2].percent, Some(100.0));
    assert_eq!(a.overall_rate, Some(50.0));
    assert_eq!(analyse(&s, day(2026, 11, 15)).stage, Stage::Issued);
}

#[test]
fn areas_are_scored_by_level_and_overall_and_awareness_gaps_are_counted() {
    let mut s = survey();
    respond(
        &mut s,
        SurveyLevel::Users,
        day(2026, 11, 2),
        2,
        &["Export finance"],
    );
    respond(
        &mut s,
        SurveyLevel::Managers,
        day(2026, 11, 3),
        4,
        &["export finance", "Training"],
    );
    let a = analyse(&s, day(2026, 11, 5));
    let teamwork = |level: Option<SurveyLevel>| {
        a.areas
            .iter()
            .find(|x| x.area == SurveyArea::Teamwork && x.level == level)
            .map(|x| x.mean)
    };
    assert_eq!(teamwork(Some(SurveyLevel::Users)), Some(2.0));
    assert_eq!(teamwork(Some(SurveyLevel::Managers)), Some(4.0));
    assert_eq!(teamwork(None), Some(3.0));
    assert_eq!(
        a.unaware,
        vec![
            ("Export finance".to_string(), 2),
            ("Training".to_string(), 1)
        ]
    );
    assert!(!a.ask_for_reference);
}

#[test]
fn positive_results_suggest_a_reference_site_and_off_scale_answers_count_nowhere() {
    let mut s = survey();
    respond(&mut s, SurveyLevel::Board, day(2026, 11, 2), 5, &[]);
    respond(&mut s, SurveyLevel::Managers, day(2026, 11, 2), 4, &[]);
    let id = *s.responses.keys().next().unwrap();
    let q = *s.questions.keys().next().unwrap();
    s.responses.get_mut(&id).unwrap().scores.insert(q, 9);
    let a = analyse(&s, day(2026, 11, 5));
    assert!(a.ask_for_reference);
    assert_eq!(a.off_scale, 1);
    assert!(
        !analyse(&survey(), day(2026, 11, 5)).ask_for_reference,
        "no response, no ask"
    );
}

#[test]
fn the_trend_follows_closed_surveys_and_a_survey_counts_for_a_year() {
    let mut file = AccountFile::default();
    let mut first = survey();
    first.issued = Some(Stamp {
        date: Some(day(2025, 11, 1)),
        by: "Alice".into(),
    });
    respond(&mut first, SurveyLevel::Users, day(2025, 11, 2), 3, &[]);
    first.closed = Some(Stamp::default());
    let mut second = survey();
    respond(&mut second, SurveyLevel::Users, day(2026, 11, 2), 5, &[]);
    second.closed = Some(Stamp::default());
    let open = survey();
    file.surveys.insert(Uuid::new_v4(), second);
    file.surveys.insert(Uuid::new_v4(), first);
    file.surveys.insert(Uuid::new_v4(), open);
    let t = trend(&file);
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].areas[&SurveyArea::Deliverables], 3.0);
    assert_eq!(t[1].overall, Some(5.0));
    assert_eq!(last_issued(&file), Some(day(2026, 11, 1)));
    assert!(within_a_year(Some(day(2025, 12, 8)), day(2026, 12, 7)));
    assert!(!within_a_year(Some(day(2025, 12, 6)), day(2026, 12, 7)));
    assert!(!within_a_year(None, day(2026, 12, 7)));
}

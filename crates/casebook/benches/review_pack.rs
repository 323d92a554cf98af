//! How long a review pack takes for an account with three years of history (RV-3): 500
//! interactions, 36 monthly scorecards, three annual surveys and twelve quarterly reviews,
//! built through the node's durable edit path in a temporary store. The figure is a ratio
//! against reading the same account file (`Node::read`), measured in the same run, so it does
//! not depend on the machine.
//!
//! Run: `cargo bench -p casebook --bench review_pack` (release).

use std::time::{Duration, Instant};

use casebook::Node;
use casebook::edit::{self, KpiAnswerChange, NewClient, NewReview, NewSurvey};
use casebook::enums::{Direction, InteractionKind, Purpose, ReviewKind, SurveyLevel};
use casebook::model::{Interaction, Person, Recipient};
use casebook::surveys::TypedResponse;
use chrono::{DateTime, Datelike, Duration as Days, TimeZone, Utc};

type BoxResult<T> = Result<T, Box<dyn std::error::Error>>;

const INTERACTIONS: usize = 500;
const MONTHS: u32 = 36;
const SAMPLES: usize = 15;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn fifth_of(start: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    let total = start.month0() + months;
    Utc.with_ymd_and_hms(
        start.year() + (total / 12) as i32,
        total % 12 + 1,
        5,
        10,
        0,
        0,
    )
    .single()
    .unwrap_or(start)
}

fn main() -> BoxResult<()> {
    let dir = tempfile::tempdir()?;
    let mut node = Node::init(dir.path(), "Alice Morgan")?;
    let start = Utc
        .with_ymd_and_hms(2024, 1, 5, 10, 0, 0)
        .single()
        .ok_or("date")?;
    node.set_clock(Some(start));
    let file = node.create_client(&NewClient {
        name: "Afon Valley Foods Ltd".into(),
        lead: "Alice Morgan".into(),
        ..Default::default()
    })?;
    let md = node
        .apply(file, |d, c, _| {
            edit::add_person(
                d,
                c,
                &Person {
                    name: "Rhian Jones".into(),
                    title: "Managing Director".into(),
                    ..Default::default()
                },
            )
        })?
        .entry;
    let built = Instant::now();
    for n in 0..INTERACTIONS {
        let at = start + Days::hours(n as i64 * 24 * 365 * 3 / INTERACTIONS as i64);
        node.set_clock(Some(at));
        node.apply(file, |d, c, _| {
            edit::log_interaction(
                d,
                c,
                &Interaction {
                    kind: InteractionKind::Call,
                    direction: Direction::Outbound,
                    at,
                    minutes: 30,
                    our_attendees: vec!["Alice Morgan".into()],
                    their_attendees: vec![],
                    people: vec![],
                    purpose: Purpose::ProgressReview,
                    summary: format!("Call {n} about the account plan"),
                    needs: String::new(),
                    risks: vec![],
                    opportunities: vec![],
                    by: "Alice Morgan".into(),
                    language: String::new(),
                },
            )
        })?;
    }
    for m in 0..MONTHS {
        node.set_clock(Some(fifth_of(start, m)));
        let month = node.this_month();
        let sc = node
            .start_scorecard(file, &month, None)?
            .entry
            .ok_or("scorecard")?;
        let codes: Vec<String> = node.read(file)?.scorecards[&sc]
            .kpis
            .values()
            .map(|k| k.code.clone())
            .collect();
        for code in codes {
            let yes = KpiAnswerChange {
                score: Some(1),
                ..KpiAnswerChange::default()
            };
            node.answer_kpi(file, sc, &code, &yes)?;
        }
        node.finalise_scorecard(file, sc)?;
        if m % 3 == 2 {
            let review = node
                .schedule_review(
                    file,
                    &NewReview {
                        kind: ReviewKind::Internal,
                        date: node.now().date_naive(),
                        account_manager: "Alice Morgan".into(),
                        line_manager: "Dewi Rowlands".into(),
                    },
                )?
                .entry
                .ok_or("review")?;
            node.record_review_attendees(
                file,
                review,
                &["Alice Morgan".into(), "Dewi Rowlands".into()],
            )?;
            node.record_review_minutes(file, review, "R7", "Steady", false)?;
            node.close_review(file, review)?;
        }
        if m % 12 == 6 {
            let today = node.now().date_naive();
            let survey = node
                .plan_survey(
                    file,
                    &NewSurvey {
                        title: format!("Survey {}", today.year()),
                        deadline: Some(today + Days::days(21)),
                        ..NewSurvey::default()
                    },
                )?
                .entry
                .ok_or("survey")?;
            node.add_survey_recipient(
                file,
                survey,
                &Recipient {
                    person: md,
                    name: "Rhian Jones".into(),
                    level: Some(SurveyLevel::Board),
                    ..Recipient::default()
                },
            )?;
            node.issue_survey(file, survey)?;
            let scores = ["B1", "B2", "B3", "B4", "B5"]
                .iter()
                .map(|c| (c.to_string(), 4))
                .collect();
            node.record_survey_response(
                file,
                survey,
                &TypedResponse {
                    respondent: Some("Rhian Jones".into()),
                    scores,
                    ..TypedResponse::default()
                },
            )?;
            node.close_survey(file, survey)?;
        }
    }
    let build_time = built.elapsed();
    node.set_clock(Some(fifth_of(start, MONTHS)));
    node.schedule_review(
        file,
        &NewReview {
            kind: ReviewKind::Internal,
            date: node.now().date_naive(),
            account_manager: "Alice Morgan".into(),
            line_manager: "Dewi Rowlands".into(),
        },
    )?;
    let (mut reads, mut packs) = (Vec::new(), Vec::new());
    let mut size = 0;
    for _ in 0..SAMPLES {
        let t = Instant::now();
        let account = node.read(file)?;
        reads.push(t.elapsed());
        assert_eq!(account.scorecards.len(), MONTHS as usize);
        let t = Instant::now();
        let pack = node.review_pack(file, None, None)?;
        packs.push(t.elapsed());
        size = pack.html.len();
    }
    let (read, pack) = (median(reads), median(packs));
    println!(
        "review pack benchmark: one account, 3 years ({INTERACTIONS} interactions, {MONTHS} scorecards, 3 surveys, 12 reviews)"
    );
    println!(
        "built through the durable edit path in {:.1} s",
        build_time.as_secs_f64()
    );
    println!(
        "baseline: read the account file (median of {SAMPLES})   {:>8.2} ms",
        read.as_secs_f64() * 1e3
    );
    println!(
        "review pack, HTML with three pictures (median)      {:>8.2} ms",
        pack.as_secs_f64() * 1e3
    );
    println!(
        "pack ÷ read                                          {:>8.1}×",
        pack.as_secs_f64() / read.as_secs_f64()
    );
    println!(
        "pack size                                            {:>8} KiB",
        size / 1024
    );
    Ok(())
}

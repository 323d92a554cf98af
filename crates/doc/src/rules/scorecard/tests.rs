use chrono::{TimeZone, Utc};

use super::*;
use crate::kpis::{in_use, shipped};
use crate::model::{Finalised, ScorecardKpi};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A scorecard of the shipped KPIs in use for `month`, every KPI answered yes except the
/// codes in `no` (answered no, with nothing else).
fn card(month: &str, no: &[&str]) -> Scorecard {
    let set = shipped();
    let mut sc = Scorecard {
        month: month.into(),
        ..Scorecard::default()
    };
    for k in in_use(&set) {
        sc.kpis.insert(k.id, k.copy());
        sc.answers.insert(
            k.id,
            KpiAnswer {
                score: Some(u8::from(!no.contains(&k.code.as_str()))),
                ..KpiAnswer::default()
            },
        );
    }
    sc
}

fn id_of(sc: &Scorecard, code: &str) -> Uuid {
    *sc.kpis.iter().find(|(_, k)| k.code == code).unwrap().0
}

fn finalise(sc: &mut Scorecard, at: i64) {
    sc.finalised = Some(Finalised {
        by: "Alice".into(),
        at: Utc.timestamp_opt(at, 0).single(),
        scores: sc
            .answers
            .iter()
            .filter_map(|(id, a)| a.score.map(|s| (*id, s)))
            .collect(),
    });
}

#[test]
fn categories_and_levels_are_yeses_over_kpis() {
    let s = score(&card("2026-11", &["A1", "BB1"]), None);
    assert_eq!(s.level1, Tally { yes: 9, of: 10 });
    assert_eq!(s.level2, Tally { yes: 4, of: 5 });
    assert_eq!(s.overall, Tally { yes: 13, of: 15 });
    let management = s
        .categories
        .iter()
        .find(|c| c.category == KpiCategory::Management && c.level == 1)
        .unwrap();
    assert_eq!(management.percent, Some(50.0));
    let financial2 = s
        .categories
        .iter()
        .find(|c| c.category == KpiCategory::Financial && c.level == 2)
        .unwrap();
    assert_eq!(financial2.percent, Some(0.0));
    // A Level 2 no never calls for immediate attention; a Level 1 no does.
    assert_eq!(s.attention, vec![KpiCategory::Management]);
    assert!((s.overall.percent().unwrap() - 86.666).abs() < 0.01);
}

#[test]
fn a_level_one_no_cannot_be_finalised_without_explanation_action_owner_and_date() {
    let mut sc = card("2026-11", &["A1", "AA1"]);
    let judged = score(&sc, None);
    let a1 = judged.lines.iter().find(|l| l.code == "A1").unwrap();
    assert_eq!(
        a1.missing,
        vec![
            Missing::Explanation,
            Missing::NextAction,
            Missing::Owner,
            Missing::Due
        ]
    );
    // A Level 2 no needs nothing more.
    assert!(
        judged
            .lines
            .iter()
            .all(|l| l.code != "AA1" || l.missing.is_empty())
    );
    let problems = finalise_problems(&judged);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].english().contains("A1"),
        "{}",
        problems[0].english()
    );
    let answer = sc.answers.get_mut(&id_of(&sc, "A1")).unwrap();
    answer.explanation = "Two deliveries late".into();
    answer.next_action = "Agree a recovery plan".into();
    answer.owner = "Alice".into();
    assert_eq!(
        finalise_problems(&score(&sc, None)).len(),
        1,
        "still no date"
    );
    sc.answers.get_mut(&id_of(&sc, "A1")).unwrap().due = Some(day(2026, 12, 15));
    assert!(finalise_problems(&score(&sc, None)).is_empty());
}

#[test]
fn an_unanswered_or_disputed_kpi_blocks_finalising_and_a_dispute_scores_the_worse() {
    let mut sc = card("2026-11", &[]);
    let b2 = id_of(&sc, "B2");
    sc.answers.get_mut(&b2).unwrap().score = None;
    let judged = score(&sc, None);
    assert_eq!(judged.unanswered, vec!["B2".to_string()]);
    assert!(!finalise_problems(&judged).is_empty());
    sc.answers.get_mut(&b2).unwrap().score = Some(1);
    let disputes: BTreeMap<Uuid, Vec<u8>> = [(b2, vec![1, 0])].into();
    let judged = score(&sc, Some(&disputes));
    let line = judged.lines.iter().find(|l| l.code == "B2").unwrap();
    assert_eq!(line.score, Some(0));
    assert_eq!(judged.attention, vec![KpiCategory::Financial]);
    let problems = finalise_problems(&judged);
    assert!(problems.iter().any(|p| p.key == "sc-problem-disputed"));
}

#[test]
fn a_finalised_scorecard_is_judged_by_its_finalised_scores() {
    let mut sc = card("2026-11", &[]);
    finalise(&mut sc, 1_000);
    // An answer from a node that had not seen the finalisation arrives later.
    let c2 = id_of(&sc, "C2");
    sc.answers.get_mut(&c2).unwrap().score = Some(0);
    let judged = score(&sc, None);
    assert_eq!(judged.overall, Tally { yes: 15, of: 15 });
    assert_eq!(judged.changed_after, vec!["C2".to_string()]);
    assert_eq!(finalise_problems(&judged)[0].key, "sc-problem-finalised");
}

#[test]
fn a_correction_becomes_the_record_of_its_month_and_the_trend_follows_it() {
    let mut file = AccountFile::default();
    let mut oct = card("2026-10", &["E2"]);
    finalise(&mut oct, 100);
    let mut nov = card("2026-11", &["A1"]);
    finalise(&mut nov, 200);
    let nov_id = Uuid::new_v4();
    let mut fixed = card("2026-11", &[]);
    fixed.supersedes = Some(nov_id);
    finalise(&mut fixed, 300);
    let fixed_id = Uuid::new_v4();
    file.scorecards.insert(Uuid::new_v4(), oct);
    file.scorecards.insert(nov_id, nov);
    file.scorecards.insert(fixed_id, fixed);
    let r = records(&file);
    assert_eq!(r.len(), 2);
    assert_eq!(r["2026-11"].0, fixed_id);
    let t = trend(&file);
    assert_eq!(
        t.iter().map(|p| p.month.as_str()).collect::<Vec<_>>(),
        ["2026-10", "2026-11"]
    );
    assert!(t[0].attention && !t[1].attention);
    assert!((t[0].categories[&KpiCategory::Sales] - 200.0 / 3.0).abs() < 1e-9);
    assert_eq!(t[1].overall, Some(100.0));
}

#[test]
fn a_month_ends_overdue_without_a_finalised_scorecard() {
    let mut file = AccountFile::default();
    assert!(!routine(&ScorecardFacts::of(&file), day(2026, 12, 7)).started);
    let mut sep = card("2026-09", &[]);
    finalise(&mut sep, 100);
    file.scorecards.insert(Uuid::new_v4(), sep);
    // October has one started but never finalised; November has none.
    file.scorecards.insert(Uuid::new_v4(), card("2026-10", &[]));
    let r = routine(&ScorecardFacts::of(&file), day(2026, 12, 7));
    assert!(r.started && r.due);
    assert_eq!(
        r.overdue,
        vec!["2026-11".to_string(), "2026-10".to_string()]
    );
    assert_eq!(r.last_finalised.as_deref(), Some("2026-09"));
    let mut dec = card("2026-12", &["D2"]);
    finalise(&mut dec, 200);
    file.scorecards.insert(Uuid::new_v4(), dec);
    let r = routine(&ScorecardFacts::of(&file), day(2026, 12, 31));
    assert!(!r.due);
    assert_eq!(r.attention, vec![KpiCategory::Client]);
    assert_eq!(r.last_finalised.as_deref(), Some("2026-12"));
}

#[test]
fn months_parse_and_step_back_across_a_year() {
    assert_eq!(month_before("2027-01").as_deref(), Some("2026-12"));
    assert_eq!(month_of(day(2026, 3, 31)), "2026-03");
    assert!(parse_month("2026-13").is_none());
    assert!(parse_month("26-1").is_none());
}

#[test]
fn a_kpi_another_tool_left_without_a_category_still_counts_overall() {
    let mut sc = card("2026-11", &[]);
    let id = Uuid::new_v4();
    sc.kpis.insert(
        id,
        ScorecardKpi {
            code: "X1".into(),
            category: None,
            level: 2,
            text: "Odd".into(),
            text_cy: String::new(),
        },
    );
    sc.answers.insert(
        id,
        KpiAnswer {
            score: Some(1),
            ..KpiAnswer::default()
        },
    );
    let s = score(&sc, None);
    assert_eq!(s.overall.of, 16);
    assert_eq!(s.categories.iter().map(|c| c.tally.of).sum::<usize>(), 15);
}

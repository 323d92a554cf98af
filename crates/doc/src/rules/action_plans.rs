//! Sales, proposition and marketing action plans (OP-3): whether each plan is current, and its
//! items done, open and overdue.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::enums::{ActionStatus, PlanKind};
use crate::model::AccountFile;

/// A plan not reviewed for longer than this many days is out of date.
pub const CURRENT_DAYS: i64 = 90;

/// One plan as it stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanState {
    /// The plan's id.
    pub plan: Uuid,
    /// What it is for.
    pub kind: Option<PlanKind>,
    /// Its title.
    pub title: String,
    /// The day it was last reviewed.
    pub reviewed: Option<NaiveDate>,
    /// Whether it is out of date (not reviewed within [`CURRENT_DAYS`]).
    pub out_of_date: bool,
    /// Items done.
    pub done: usize,
    /// Items still open.
    pub open: usize,
    /// Open items past their due date.
    pub overdue: Vec<Uuid>,
}

/// Every plan of `file` on `today`, sales first, then by title.
pub fn plans(file: &AccountFile, today: NaiveDate) -> Vec<PlanState> {
    let mut out: Vec<PlanState> = file
        .action_plans
        .iter()
        .map(|(id, p)| {
            let items: Vec<(&Uuid, &crate::model::Action)> = p
                .items
                .keys()
                .filter_map(|a| file.actions.get(a).map(|x| (a, x)))
                .collect();
            PlanState {
                plan: *id,
                kind: p.kind,
                title: p.title.clone(),
                reviewed: p.reviewed,
                out_of_date: p
                    .reviewed
                    .is_none_or(|d| (today - d).num_days() > CURRENT_DAYS),
                done: items
                    .iter()
                    .filter(|(_, a)| a.status == ActionStatus::Done)
                    .count(),
                open: items
                    .iter()
                    .filter(|(_, a)| a.status == ActionStatus::Open)
                    .count(),
                overdue: items
                    .iter()
                    .filter(|(_, a)| {
                        a.status == ActionStatus::Open && a.due.is_some_and(|d| d < today)
                    })
                    .map(|(id, _)| **id)
                    .collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| (a.kind, &a.title).cmp(&(b.kind, &b.title)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, ActionPlan};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn a_plan_goes_out_of_date_and_its_items_fall_overdue() {
        let mut file = AccountFile::default();
        let (late, done) = (Uuid::new_v4(), Uuid::new_v4());
        for (id, status, due) in [
            (late, ActionStatus::Open, day(11, 1)),
            (done, ActionStatus::Done, day(10, 1)),
        ] {
            file.actions.insert(
                id,
                Action {
                    title: "x".into(),
                    owner: "Alice".into(),
                    due: Some(due),
                    status,
                    done_at: None,
                    origin: None,
                },
            );
        }
        let plan = Uuid::new_v4();
        file.action_plans.insert(
            plan,
            ActionPlan {
                kind: Some(PlanKind::Marketing),
                title: "Spring campaign".into(),
                reviewed: Some(day(9, 1)),
                items: [(late, true), (done, true)].into(),
                ..ActionPlan::default()
            },
        );
        let p = &plans(&file, day(11, 30))[0];
        assert_eq!((p.done, p.open), (1, 1));
        assert_eq!(p.overdue, vec![late]);
        assert!(!p.out_of_date);
        assert!(plans(&file, day(12, 1))[0].out_of_date);
    }
}

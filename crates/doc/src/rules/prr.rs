//! The Preventative Risk Register checklists (RK-4): every item of the register that applies
//! to the account or to an open opportunity, checked or not, and how complete each list is.

use serde::Serialize;
use uuid::Uuid;

use crate::enums::OpportunityStatus;
use crate::model::{AccountFile, PrrCheck};
use crate::prr::PrrItem;

/// The key of a check: `account/<item>` or `<opportunity>/<item>`.
pub fn key(opportunity: Option<Uuid>, item: Uuid) -> String {
    match opportunity {
        Some(o) => format!("{o}/{item}"),
        None => format!("account/{item}"),
    }
}

/// One item of a checklist.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckLine {
    /// The item's code.
    pub code: String,
    /// The item's id.
    pub item: Uuid,
    /// Its check, once made.
    pub check: Option<PrrCheck>,
}

/// The checklist of the account (`opportunity` none) or of one opportunity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Checklist {
    /// The opportunity, or none for the account.
    pub opportunity: Option<Uuid>,
    /// Every item of the register for that scope, in the register's order.
    pub lines: Vec<CheckLine>,
    /// Items checked.
    pub done: usize,
    /// Checked ÷ items, as a percentage.
    pub percent: Option<f64>,
}

/// The checklist of `opportunity` (or the account) of `file` against `register` (retired items
/// left out unless already checked).
pub fn checklist(file: &AccountFile, register: &[PrrItem], opportunity: Option<Uuid>) -> Checklist {
    let scope = if opportunity.is_some() {
        "opportunity"
    } else {
        "account"
    };
    let lines: Vec<CheckLine> = register
        .iter()
        .filter(|i| i.scope == scope)
        .map(|i| CheckLine {
            code: i.code.clone(),
            item: i.id,
            check: file.prr.get(&key(opportunity, i.id)).cloned(),
        })
        .filter(|l| l.check.is_some() || register.iter().any(|i| i.id == l.item && !i.retired))
        .collect();
    let done = lines.iter().filter(|l| l.check.is_some()).count();
    Checklist {
        opportunity,
        percent: (!lines.is_empty()).then(|| 100.0 * done as f64 / lines.len() as f64),
        done,
        lines,
    }
}

/// The account's checklist, then each pursued opportunity's (RK-4: "each time there is a new
/// Client Account, sales & marketing activity").
pub fn checklists(file: &AccountFile, register: &[PrrItem]) -> Vec<Checklist> {
    let mut out = vec![checklist(file, register, None)];
    let mut opps: Vec<(&Uuid, &crate::model::Opportunity)> = file
        .opportunities
        .iter()
        .filter(|(_, o)| matches!(o.status, OpportunityStatus::Open | OpportunityStatus::Hold))
        .collect();
    opps.sort_by_key(|(id, o)| (o.raised, **id));
    out.extend(
        opps.into_iter()
            .map(|(id, _)| checklist(file, register, Some(*id))),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prr::shipped;

    #[test]
    fn a_checklist_counts_the_items_checked_for_its_scope() {
        let register = shipped();
        let mut file = AccountFile::default();
        let first = register.iter().find(|i| i.scope == "account").unwrap();
        file.prr.insert(
            key(None, first.id),
            PrrCheck {
                applies: false,
                reason: "Plan agreed".into(),
                ..PrrCheck::default()
            },
        );
        let list = checklist(&file, &register, None);
        assert_eq!((list.done, list.lines.len()), (1, 9));
        let opp = Uuid::new_v4();
        assert_eq!(checklist(&file, &register, Some(opp)).lines.len(), 7);
        assert_eq!(checklists(&file, &register).len(), 1, "no open opportunity");
    }
}

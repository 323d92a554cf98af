//! The Preventative Risk Register checklists (RK-4, RK-6): every item of the register that
//! applies to the account, to an open opportunity or to a live contract, checked or not, and how
//! complete each list is.

use serde::Serialize;
use uuid::Uuid;

use crate::enums::OpportunityStatus;
use crate::model::{AccountFile, PrrCheck};
use crate::prr::PrrItem;
pub use crate::rules::risk_tree::Scope;

/// The key of a check: `account/<item>` or `<opportunity or contract>/<item>`.
pub fn key(scope: Scope, item: Uuid) -> String {
    match scope.id() {
        Some(o) => format!("{o}/{item}"),
        None => format!("account/{item}"),
    }
}

/// `scope` in words: "the account", "opportunity '…'", "contract '…'" (an id that names no
/// entry shows as its first characters).
pub fn scope_message(file: &AccountFile, scope: Scope) -> casebook_i18n::Message {
    use casebook_i18n::Message;
    match scope {
        Scope::Account => Message::new("prr-for-account"),
        Scope::Opportunity(o) => Message::new("prr-for-opportunity").with(
            "title",
            file.opportunities
                .get(&o)
                .map_or_else(|| crate::view::short(&o), |x| x.title.clone()),
        ),
        Scope::Contract(c) => Message::new("prr-for-contract").with(
            "title",
            file.contracts
                .get(&c)
                .map_or_else(|| crate::view::short(&c), |x| x.title.clone()),
        ),
    }
}

/// Whether a register item of `item_scope` (`account`, `opportunity` or `contract`) is checked
/// for `scope`: a contract is checked against the opportunity items and its own, "each time
/// there is a new … individual contract".
pub fn item_applies_to(item_scope: &str, scope: Scope) -> bool {
    match scope {
        Scope::Account => item_scope == "account",
        Scope::Opportunity(_) => item_scope == "opportunity",
        Scope::Contract(_) => item_scope == "opportunity" || item_scope == "contract",
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

/// The checklist of the account, one opportunity or one contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Checklist {
    /// What it is the checklist of.
    pub scope: Scope,
    /// Every item of the register for that scope, in the register's order.
    pub lines: Vec<CheckLine>,
    /// Items checked.
    pub done: usize,
    /// Checked ÷ items, as a percentage.
    pub percent: Option<f64>,
}

/// The checklist of `scope` of `file` against `register` (retired items left out unless
/// already checked).
pub fn checklist(file: &AccountFile, register: &[PrrItem], scope: Scope) -> Checklist {
    let lines: Vec<CheckLine> = register
        .iter()
        .filter(|i| item_applies_to(&i.scope, scope))
        .map(|i| CheckLine {
            code: i.code.clone(),
            item: i.id,
            check: file.prr.get(&key(scope, i.id)).cloned(),
        })
        .filter(|l| l.check.is_some() || register.iter().any(|i| i.id == l.item && !i.retired))
        .collect();
    let done = lines.iter().filter(|l| l.check.is_some()).count();
    Checklist {
        scope,
        percent: (!lines.is_empty()).then(|| 100.0 * done as f64 / lines.len() as f64),
        done,
        lines,
    }
}

/// The account's checklist, then each pursued opportunity's, then each live contract's (RK-4:
/// "each time there is a new Client Account, sales & marketing activity or individual
/// contract").
pub fn checklists(file: &AccountFile, register: &[PrrItem]) -> Vec<Checklist> {
    let mut out = vec![checklist(file, register, Scope::Account)];
    let mut opps: Vec<(&Uuid, &crate::model::Opportunity)> = file
        .opportunities
        .iter()
        .filter(|(_, o)| matches!(o.status, OpportunityStatus::Open | OpportunityStatus::Hold))
        .collect();
    opps.sort_by_key(|(id, o)| (o.raised, **id));
    out.extend(
        opps.into_iter()
            .map(|(id, _)| checklist(file, register, Scope::Opportunity(*id))),
    );
    let mut contracts: Vec<(&Uuid, &crate::model::Contract)> = file
        .contracts
        .iter()
        .filter(|(_, c)| c.ended.is_none())
        .collect();
    contracts.sort_by_key(|(id, c)| (c.start, **id));
    out.extend(
        contracts
            .into_iter()
            .map(|(id, _)| checklist(file, register, Scope::Contract(*id))),
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
            key(Scope::Account, first.id),
            PrrCheck {
                applies: false,
                reason: "Plan agreed".into(),
                ..PrrCheck::default()
            },
        );
        let list = checklist(&file, &register, Scope::Account);
        assert_eq!((list.done, list.lines.len()), (1, 9));
        let opp = Uuid::new_v4();
        assert_eq!(
            checklist(&file, &register, Scope::Opportunity(opp))
                .lines
                .len(),
            7
        );
        assert_eq!(checklists(&file, &register).len(), 1, "no open opportunity");
        let contract = Uuid::new_v4();
        assert_eq!(
            checklist(&file, &register, Scope::Contract(contract))
                .lines
                .len(),
            7,
            "a contract is checked against the opportunity items"
        );
        file.contracts
            .insert(contract, crate::model::Contract::default());
        assert_eq!(checklists(&file, &register).len(), 2, "a live contract");
    }
}

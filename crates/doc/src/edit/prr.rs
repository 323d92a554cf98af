//! Checking an item of the Preventative Risk Register for the account or an opportunity
//! (RK-4): it applies (and the risk is raised in the register, scored) or it does not (and why).

use automerge::Automerge;
use casebook_i18n::Message;
use chrono::NaiveDate;

use super::{EditContext, Edited, add_risk, check_text, current, json, path, put_json, transact};
use crate::Error;
use crate::config::OrgConfig;
use crate::enums::RiskStatus;
use crate::model::{PrrCheck, Risk};
use crate::prr::PrrItem;
use crate::rules::prr::{Scope, item_applies_to, key};

/// What an adviser decides about a register item.
#[derive(Clone, Debug)]
pub enum PrrDecision {
    /// The risk applies: raise it with this likelihood and severity.
    Applies {
        /// Likelihood 1–5.
        likelihood: u8,
        /// Severity 1–5.
        severity: u8,
        /// Who owns it.
        owner: String,
    },
    /// It does not apply, and why.
    NotApplicable {
        /// Why.
        reason: String,
    },
}

/// Record the check of `item` for `scope` on `today`: when it applies, the risk is added to
/// the register (in that scope) and linked from the check.
///
/// # Errors
/// [`Error::Rule`] for an item checked already here, or not applicable without a reason, or
/// not checked for this scope; an unknown opportunity or contract; the refusals of
/// [`add_risk`].
pub fn check_prr_item(
    doc: &mut Automerge,
    ctx: &EditContext,
    config: &OrgConfig,
    scope: Scope,
    item: &PrrItem,
    decision: &PrrDecision,
    today: NaiveDate,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    if !item_applies_to(&item.scope, scope) {
        return Err(Error::Rule(
            Message::new("prr-rule-scope")
                .with("code", &item.code)
                .with("scope", Message::new(format!("prr-scope-{}", item.scope))),
        ));
    }
    let where_ = scope_words(&file, scope)?;
    let k = key(scope, item.id);
    if file.prr.contains_key(&k) {
        return Err(Error::Rule(
            Message::new("prr-rule-checked").with("code", &item.code),
        ));
    }
    let (check, raised) = match decision {
        PrrDecision::NotApplicable { reason } => {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(Error::Rule(
                    Message::new("prr-rule-needs-reason").with("code", &item.code),
                ));
            }
            check_text("reason", reason)?;
            (
                PrrCheck {
                    applies: false,
                    reason: reason.to_string(),
                    risk: None,
                    by: ctx.adviser.clone(),
                    date: Some(today),
                },
                None,
            )
        }
        PrrDecision::Applies {
            likelihood,
            severity,
            owner,
        } => {
            let risk = Risk {
                // In the client's language, as its file is kept (CY-2).
                title: if file.profile.language == "cy" && !item.text_cy.is_empty() {
                    item.text_cy.clone()
                } else {
                    item.text.clone()
                },
                opportunity: match scope {
                    Scope::Opportunity(o) => Some(o),
                    _ => None,
                },
                contract: match scope {
                    Scope::Contract(c) => Some(c),
                    _ => None,
                },
                parent: None,
                category: item.category.clone(),
                polarity: Default::default(),
                likelihood: *likelihood,
                severity: *severity,
                response: None,
                residual_likelihood: None,
                residual_severity: None,
                mitigation: String::new(),
                owner: owner.trim().to_string(),
                status: RiskStatus::Open,
                raised: Some(ctx.now),
            };
            let id = add_risk(doc, ctx, config, &risk)?.entry;
            (
                PrrCheck {
                    applies: true,
                    reason: String::new(),
                    risk: id,
                    by: ctx.adviser.clone(),
                    date: Some(today),
                },
                id,
            )
        }
    };
    let message = format!(
        "Preventative risk {} for {where_}: {}",
        item.code,
        if check.applies {
            "applies"
        } else {
            "does not apply"
        }
    );
    let value = json(&check)?;
    transact(doc, ctx, message, raised, move |tx| {
        let obj = path(tx, &["prr"])?;
        put_json(tx, &obj, &k, &value)
    })
}

/// The words history uses for `scope`: "the account", "opportunity '…'", "contract '…'".
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown opportunity or contract.
pub(crate) fn scope_words(file: &crate::model::AccountFile, scope: Scope) -> Result<String, Error> {
    Ok(match scope {
        Scope::Account => "the account".to_string(),
        Scope::Opportunity(o) => {
            let opp = file
                .opportunities
                .get(&o)
                .ok_or_else(|| Error::no_such_entry("opportunity", o.to_string()))?;
            format!("opportunity '{}'", opp.title)
        }
        Scope::Contract(c) => {
            let contract = file
                .contracts
                .get(&c)
                .ok_or_else(|| Error::no_such_entry("contract", c.to_string()))?;
            format!("contract '{}'", contract.title)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prr::shipped;
    use crate::test_support::{client_with_risk, ctx};

    #[test]
    fn an_item_that_applies_raises_its_risk_and_one_that_does_not_needs_a_reason() {
        let (mut doc, _) = client_with_risk(2, 2);
        let c = ctx("Alice", 12);
        let config = OrgConfig::default();
        let day = NaiveDate::from_ymd_opt(2026, 5, 12).unwrap();
        let register = shipped();
        let culture = register.iter().find(|i| i.code == "PRR5").unwrap();
        let exit = register.iter().find(|i| i.code == "PRR4").unwrap();
        let applies = PrrDecision::Applies {
            likelihood: 3,
            severity: 4,
            owner: "Alice".into(),
        };
        check_prr_item(
            &mut doc,
            &c,
            &config,
            Scope::Account,
            culture,
            &applies,
            day,
        )
        .unwrap();
        assert!(
            check_prr_item(
                &mut doc,
                &c,
                &config,
                Scope::Account,
                culture,
                &applies,
                day
            )
            .is_err(),
            "once"
        );
        let empty = PrrDecision::NotApplicable { reason: " ".into() };
        assert!(check_prr_item(&mut doc, &c, &config, Scope::Account, exit, &empty, day).is_err());
        let opp_item = register.iter().find(|i| i.scope == "opportunity").unwrap();
        assert!(
            check_prr_item(
                &mut doc,
                &c,
                &config,
                Scope::Account,
                opp_item,
                &applies,
                day
            )
            .is_err(),
            "wrong scope"
        );
        let file = current(&doc).unwrap();
        let check = &file.prr[&key(Scope::Account, culture.id)];
        let risk = &file.risks[&check.risk.unwrap()];
        assert_eq!(risk.title, culture.text);
        assert_eq!((risk.likelihood, risk.severity), (3, 4));
    }
}

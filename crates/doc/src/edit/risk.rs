//! The risk register.

use automerge::Automerge;
use casebook_i18n::Message;
use uuid::Uuid;

use super::*;
use crate::Error;
use crate::config::{OrgConfig, check_scale};
use crate::enums::*;
use crate::model::*;
use crate::rules::risk_tree::{RiskTree, Scope};

/// Add a risk to the register (RK-1).
///
/// A sub-risk keeps its parent's scope: the parent's scope is written into it, and another
/// opportunity is refused.
///
/// # Errors
/// [`Error::OutOfRange`] for a likelihood or severity outside 1–5, [`Error::NoSuchEntry`] for
/// an unknown parent risk or opportunity, [`Error::Rule`] for an empty title, an "accept"
/// response without a contingency note, or a sub-risk given another scope than its parent's.
pub fn add_risk(
    doc: &mut Automerge,
    ctx: &EditContext,
    config: &OrgConfig,
    risk: &Risk,
) -> Result<Edited, Error> {
    if risk.title.trim().is_empty() {
        return Err(Error::Rule(Message::new("rule-risk-needs-title")));
    }
    let rag = config.rag_matrix.rag(risk.likelihood, risk.severity)?;
    check_accept(risk.response, &risk.mitigation)?;
    let file = current(doc)?;
    let mut risk = risk.clone();
    if let Some(p) = risk.parent {
        let Some(parent) = file.risks.get(&p) else {
            return Err(Error::no_such_entry("parent risk", p.to_string()));
        };
        let scope = RiskTree::of(&file).scope_of(&file, &p);
        let (opportunity, contract) = match scope {
            Scope::Account => (None, None),
            Scope::Opportunity(o) => (Some(o), None),
            Scope::Contract(c) => (None, Some(c)),
        };
        if (risk.opportunity.is_some() && risk.opportunity != opportunity)
            || (risk.contract.is_some() && risk.contract != contract)
        {
            let belongs = match scope {
                Scope::Opportunity(o) => file
                    .opportunities
                    .get(&o)
                    .map(|o| Message::new("rule-scope-opportunity").with("title", &o.title)),
                Scope::Contract(c) => file
                    .contracts
                    .get(&c)
                    .map(|c| Message::new("rule-scope-contract").with("title", &c.title)),
                Scope::Account => None,
            }
            .unwrap_or_else(|| Message::new("rule-scope-account"));
            return Err(Error::Rule(
                Message::new("rule-sub-risk-scope")
                    .with("parent", &parent.title)
                    .with("scope", belongs),
            ));
        }
        risk.opportunity = opportunity;
        risk.contract = contract;
    }
    if let Some(o) = risk.opportunity
        && !file.opportunities.contains_key(&o)
    {
        return Err(Error::no_such_entry("opportunity", o.to_string()));
    }
    if let Some(c) = risk.contract {
        if !file.contracts.contains_key(&c) {
            return Err(Error::no_such_entry("contract", c.to_string()));
        }
        risk.opportunity = None;
    }
    let message = format!(
        "Risk '{}' raised: likelihood {}, severity {} ({rag})",
        risk.title, risk.likelihood, risk.severity
    );
    add_entry(doc, ctx, &["risks"], &risk, message)
}

/// Accepting a risk needs a budget and contingency note (RK-1: "budget accordingly, together
/// with contingency planning").
fn check_accept(response: Option<RiskResponse>, mitigation: &str) -> Result<(), Error> {
    if response == Some(RiskResponse::Accept) && mitigation.trim().is_empty() {
        return Err(Error::Rule(Message::new("rule-accept-needs-note")));
    }
    Ok(())
}

/// A reassessment of a risk; `None` leaves a field as it is.
#[derive(Clone, Debug, Default)]
pub struct RiskAssessment {
    /// New likelihood 1–5.
    pub likelihood: Option<u8>,
    /// New severity 1–5.
    pub severity: Option<u8>,
    /// New response.
    pub response: Option<RiskResponse>,
    /// New residual likelihood 1–5.
    pub residual_likelihood: Option<u8>,
    /// New residual severity 1–5.
    pub residual_severity: Option<u8>,
    /// New mitigation notes.
    pub mitigation: Option<String>,
    /// New owner.
    pub owner: Option<String>,
    /// Open or close.
    pub status: Option<RiskStatus>,
}

/// Reassess a risk, writing only what changes; the message gives the new colour.
///
/// # Errors
/// [`Error::OutOfRange`], [`Error::NoSuchEntry`], or [`Error::Rule`] if nothing changes or an
/// "accept" response lacks a contingency note.
pub fn assess_risk(
    doc: &mut Automerge,
    ctx: &EditContext,
    config: &OrgConfig,
    id: Uuid,
    a: &RiskAssessment,
) -> Result<Edited, Error> {
    for (what, v) in [
        ("likelihood", a.likelihood),
        ("severity", a.severity),
        ("residual likelihood", a.residual_likelihood),
        ("residual severity", a.residual_severity),
    ] {
        if let Some(v) = v {
            check_scale(what, v)?;
        }
    }
    let file = current(doc)?;
    let risk = file
        .risks
        .get(&id)
        .ok_or_else(|| Error::no_such_entry("risk", id.to_string()))?;
    let mitigation = a
        .mitigation
        .clone()
        .unwrap_or_else(|| risk.mitigation.clone());
    // A risk accepted earlier keeps needing its note when the note is changed.
    if a.response.is_some() || a.mitigation.is_some() {
        check_accept(a.response.or(risk.response), &mitigation)?;
    }
    let fields = serde_json::json!({
        "likelihood": a.likelihood, "severity": a.severity, "response": a.response,
        "residual_likelihood": a.residual_likelihood, "residual_severity": a.residual_severity,
        "mitigation": a.mitigation, "owner": a.owner, "status": a.status,
    });
    let cur = json(risk)?;
    let fields = changed_fields(&fields, &cur);
    if fields.is_empty() {
        return Err(Error::Rule(Message::new("rule-nothing-to-change")));
    }
    let l = a.likelihood.unwrap_or(risk.likelihood);
    let s = a.severity.unwrap_or(risk.severity);
    let rag = config
        .rag_matrix
        .rag(l, s)
        .map(|r| r.to_string())
        .unwrap_or_else(|_| "red: a value is off the 1–5 scale".into());
    let parts: Vec<String> = fields
        .iter()
        .map(|(k, v)| {
            format!(
                "{} {}",
                k.replace('_', " "),
                v.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| v.to_string())
            )
        })
        .collect();
    let message = format!(
        "Risk '{}' assessed: {} ({rag})",
        risk.title,
        parts.join(", ")
    );
    let fields = serde_json::Value::Object(fields);
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(tx, &["risks", &id.to_string()])?;
        put_changed(tx, &obj, &cur, &fields)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{client_with_risk, ctx, risk};

    #[test]
    fn accepting_a_risk_when_adding_it_needs_a_contingency_note() {
        let (mut doc, _) = client_with_risk(2, 2);
        let config = OrgConfig::default();
        let mut r = risk(3, 3);
        r.response = Some(RiskResponse::Accept);
        let err = add_risk(&mut doc, &ctx("Alice", 12), &config, &r).unwrap_err();
        assert!(err.to_string().contains("contingency"), "{err}");
        r.mitigation = "£2k budget; second supplier on call".into();
        add_risk(&mut doc, &ctx("Alice", 12), &config, &r).unwrap();
    }

    #[test]
    fn a_sub_risk_takes_its_parents_scope_and_refuses_another() {
        let (mut doc, parent) = client_with_risk(2, 2);
        let config = OrgConfig::default();
        let c = ctx("Alice", 12);
        let opp = add_opportunity(
            &mut doc,
            &c,
            &Opportunity {
                reporting: None,
                title: "Export deal".into(),
                origin: Default::default(),
                value: 0.0,
                timescale: String::new(),
                status: Default::default(),
                raised: None,
                sessions: Default::default(),
                outcome: None,
            },
        )
        .unwrap()
        .entry
        .unwrap();
        let mut sub = risk(3, 3);
        sub.parent = Some(parent);
        sub.opportunity = Some(opp);
        let err = add_risk(&mut doc, &c, &config, &sub).unwrap_err();
        assert!(
            err.to_string().contains("keeps its parent's scope"),
            "{err}"
        );
        sub.opportunity = None;
        let id = add_risk(&mut doc, &c, &config, &sub)
            .unwrap()
            .entry
            .unwrap();
        assert_eq!(current(&doc).unwrap().risks[&id].opportunity, None);
    }
}

//! The risk register.

use automerge::Automerge;
use uuid::Uuid;

use super::*;
use crate::Error;
use crate::config::{OrgConfig, check_scale};
use crate::enums::*;
use crate::model::*;

/// Add a risk to the register (RK-1).
///
/// # Errors
/// [`Error::OutOfRange`] for a likelihood or severity outside 1–5, [`Error::NoSuchEntry`] for
/// an unknown parent risk or opportunity.
pub fn add_risk(
    doc: &mut Automerge,
    ctx: &EditContext,
    config: &OrgConfig,
    risk: &Risk,
) -> Result<Edited, Error> {
    if risk.title.trim().is_empty() {
        return Err(Error::Rule("a risk needs a title".into()));
    }
    let rag = config.rag_matrix.rag(risk.likelihood, risk.severity)?;
    let file = current(doc)?;
    if let Some(p) = risk.parent
        && !file.risks.contains_key(&p)
    {
        return Err(Error::NoSuchEntry {
            what: "parent risk",
            id: p.to_string(),
        });
    }
    if let Some(o) = risk.opportunity
        && !file.opportunities.contains_key(&o)
    {
        return Err(Error::NoSuchEntry {
            what: "opportunity",
            id: o.to_string(),
        });
    }
    let message = format!(
        "Risk '{}' raised: likelihood {}, severity {} ({rag})",
        risk.title, risk.likelihood, risk.severity
    );
    add_entry(doc, ctx, &["risks"], risk, message)
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
    let risk = file.risks.get(&id).ok_or_else(|| Error::NoSuchEntry {
        what: "risk",
        id: id.to_string(),
    })?;
    let mitigation = a
        .mitigation
        .clone()
        .unwrap_or_else(|| risk.mitigation.clone());
    if a.response == Some(RiskResponse::Accept) && mitigation.trim().is_empty() {
        return Err(Error::Rule(
            "accepting a risk needs a budget and contingency note (--mitigation \"...\")".into(),
        ));
    }
    let fields = serde_json::json!({
        "likelihood": a.likelihood, "severity": a.severity, "response": a.response,
        "residual_likelihood": a.residual_likelihood, "residual_severity": a.residual_severity,
        "mitigation": a.mitigation, "owner": a.owner, "status": a.status,
    });
    let cur = json(risk)?;
    let fields = changed_fields(&fields, &cur);
    if fields.is_empty() {
        return Err(Error::Rule(
            "nothing to change: every value given is already set".into(),
        ));
    }
    let l = a.likelihood.unwrap_or(risk.likelihood);
    let s = a.severity.unwrap_or(risk.severity);
    let rag = config
        .rag_matrix
        .rag(l, s)
        .map(|r| r.to_string())
        .unwrap_or_else(|_| "unrated".into());
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

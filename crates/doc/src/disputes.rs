//! Fields the domain rules read that hold concurrent values, so that every rule judges by the
//! worst of them ("highest colour wins" applies to disagreement too).
//!
//! When two advisers set one field apart (Alice reassesses a risk to red while Bob, offline,
//! lowers it to amber), Automerge keeps both values and every view shows one of them: the
//! write with the highest operation id, which says nothing about which adviser is right. A rule
//! that read only that value could show amber while Alice's red waits unseen. `read` collects
//! every concurrent value of the fields the rules read: a risk's likelihood, severity, status,
//! response and residual values, the client's stage (and when it was entered), each
//! person's coverage and each opportunity's status. The rules
//! ([`crate::rules::rollup::worst_rag`], [`crate::rules::flags::stalled`],
//! [`crate::rules::coverage::worst_coverage`]) judge by the
//! worst of them, and the views mark the item as disputed until an adviser resolves the
//! conflict (`casebook resolve`), whose change supersedes every concurrent value.
//!
//! The disputes are read from the document's registers, never from its content, so a document
//! can neither claim nor hide one; [`crate::AccountFile::disputes`] is not part of the file's
//! JSON and is empty in a file deserialised from JSON.

use std::collections::BTreeMap;

use automerge::{Automerge, ChangeHash, ObjId, ObjType, ROOT, ReadDoc, Value, hydrate};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::Error;
use crate::enums::{Coverage, OpportunityStatus, RiskResponse, RiskStatus};

/// Every field of one account file that a rule reads and that holds differing concurrent values,
/// with those values; and how many fields of the file hold concurrent values at all.
///
/// Each list holds every differing value of its field in Automerge's order (the same on every
/// node; the value views show is one of them), and is empty when the field holds one value.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Disputes {
    /// How many fields of the file hold differing concurrent values, as
    /// [`crate::conflicts::conflicts`] lists them (`casebook conflicts`). `None` for the file as
    /// it was at some past point ([`crate::view::read_at`]), where they are not counted.
    pub conflicts: Option<usize>,
    /// The client's concurrent pathway stages.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stage: Vec<String>,
    /// The concurrent moments the current stage was entered. These differ also when two
    /// advisers moved the client to the same stage at different times, which is no dispute
    /// (nobody needs to decide it, and `casebook conflicts` does not list it); the stall rule
    /// counts from the earliest.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stage_entered: Vec<DateTime<Utc>>,
    /// Risks with a disputed field, keyed by risk id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub risks: BTreeMap<Uuid, RiskDispute>,
    /// People whose coverage state is disputed, keyed by person id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub people: BTreeMap<Uuid, PersonDispute>,
    /// Opportunities whose status is disputed (one adviser recorded it lost while another
    /// kept it open), keyed by opportunity id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub opportunities: BTreeMap<Uuid, OpportunityDispute>,
    /// Scorecard answers advisers gave differently apart: scorecard id → KPI id → the
    /// differing scores ([`crate::rules::scorecard::score`] counts the worse).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub scorecards: BTreeMap<Uuid, BTreeMap<Uuid, Vec<u8>>>,
}

/// The disputed fields of one risk: each list holds the field's differing concurrent values, or
/// is empty when the field holds one value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RiskDispute {
    /// Concurrent likelihoods.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub likelihood: Vec<u8>,
    /// Concurrent severities.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub severity: Vec<u8>,
    /// Concurrent statuses (open and closed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<RiskStatus>,
    /// Concurrent responses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub response: Vec<RiskResponse>,
    /// Concurrent residual likelihoods.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub residual_likelihood: Vec<u8>,
    /// Concurrent residual severities.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub residual_severity: Vec<u8>,
}

/// The disputed coverage of one person.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PersonDispute {
    /// Concurrent coverage states.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub coverage: Vec<Coverage>,
}

/// The disputed status of one opportunity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OpportunityDispute {
    /// Concurrent statuses; its risks leave the account's roll-up only if every one of them
    /// says so ([`crate::rules::rollup::opportunity_ended`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<OpportunityStatus>,
}

impl Disputes {
    /// Whether the client's stage is disputed.
    pub fn stage_disputed(&self) -> bool {
        !self.stage.is_empty()
    }

    /// Whether any field a rule reads is disputed (the conflict count aside).
    pub fn any(&self) -> bool {
        self.stage_disputed()
            || !self.risks.is_empty()
            || !self.people.is_empty()
            || !self.opportunities.is_empty()
            || !self.scorecards.is_empty()
    }

    /// The disputed fields of a risk, if any.
    pub fn risk(&self, id: &Uuid) -> Option<&RiskDispute> {
        self.risks.get(id)
    }

    /// The disputed coverage of a person, if any.
    pub fn person(&self, id: &Uuid) -> Option<&PersonDispute> {
        self.people.get(id)
    }

    /// The disputed status of an opportunity, if any.
    pub fn opportunity(&self, id: &Uuid) -> Option<&OpportunityDispute> {
        self.opportunities.get(id)
    }
}

impl RiskDispute {
    /// Whether no field of the risk is disputed.
    pub fn is_empty(&self) -> bool {
        self.likelihood.is_empty()
            && self.severity.is_empty()
            && self.status.is_empty()
            && self.response.is_empty()
            && self.residual_likelihood.is_empty()
            && self.residual_severity.is_empty()
    }

    /// Whether the risk's colour or whether it counts is disputed: its likelihood, severity or
    /// status holds concurrent values (the roll-up then counts it at the worst of them).
    pub fn rag_disputed(&self) -> bool {
        !self.likelihood.is_empty() || !self.severity.is_empty() || !self.status.is_empty()
    }
}

/// The disputes of `doc`, whose hydrated content (at `heads`, or now) is `root`; the conflicts
/// are counted only for the document as it is now (`heads` = `None`).
///
/// `root` carries Automerge's own mark on every map key that holds several values, so a file
/// without any (the usual case) costs one walk of the hydrated tree and no lookup.
///
/// # Errors
/// [`Error::Automerge`] if the document cannot be read.
pub(crate) fn read(
    doc: &Automerge,
    root: &hydrate::Value,
    heads: Option<&[ChangeHash]>,
) -> Result<Disputes, Error> {
    let counted = heads.is_none();
    if !any_conflict(root) {
        return Ok(Disputes {
            conflicts: counted.then_some(0),
            ..Disputes::default()
        });
    }
    let at = At { doc, heads };
    let mut out = Disputes {
        conflicts: if counted {
            Some(crate::conflicts::conflicts(doc)?.len())
        } else {
            None
        },
        ..Disputes::default()
    };
    let hydrate::Value::Map(root) = root else {
        return Ok(out);
    };
    if let Some((journey, obj)) = at.child(root, &ROOT, "journey")? {
        out.stage = at.values(journey, &obj, "stage")?;
        out.stage_entered = at.values(journey, &obj, "stage_entered")?;
    }
    if let Some((risks, section)) = at.child(root, &ROOT, "risks")? {
        for (key, entry) in risks.iter() {
            let (Ok(id), hydrate::Value::Map(fields)) = (key.parse::<Uuid>(), &entry.value) else {
                continue;
            };
            if !fields.values().any(|v| v.conflict) {
                continue;
            }
            let Some((_, obj)) = at.child(risks, &section, key)? else {
                continue;
            };
            let dispute = RiskDispute {
                likelihood: at.values(fields, &obj, "likelihood")?,
                severity: at.values(fields, &obj, "severity")?,
                status: at.values(fields, &obj, "status")?,
                response: at.values(fields, &obj, "response")?,
                residual_likelihood: at.values(fields, &obj, "residual_likelihood")?,
                residual_severity: at.values(fields, &obj, "residual_severity")?,
            };
            if !dispute.is_empty() {
                out.risks.insert(id, dispute);
            }
        }
    }
    if let Some((people, section)) = at.child(root, &ROOT, "people")? {
        for (key, entry) in people.iter() {
            let (Ok(id), hydrate::Value::Map(fields)) = (key.parse::<Uuid>(), &entry.value) else {
                continue;
            };
            if !flagged(fields, "coverage") {
                continue;
            }
            let Some((_, obj)) = at.child(people, &section, key)? else {
                continue;
            };
            let coverage = at.values(fields, &obj, "coverage")?;
            if !coverage.is_empty() {
                out.people.insert(id, PersonDispute { coverage });
            }
        }
    }
    if let Some((opps, section)) = at.child(root, &ROOT, "opportunities")? {
        for (key, entry) in opps.iter() {
            let (Ok(id), hydrate::Value::Map(fields)) = (key.parse::<Uuid>(), &entry.value) else {
                continue;
            };
            if !flagged(fields, "status") {
                continue;
            }
            let Some((_, obj)) = at.child(opps, &section, key)? else {
                continue;
            };
            let status = at.values(fields, &obj, "status")?;
            if !status.is_empty() {
                out.opportunities.insert(id, OpportunityDispute { status });
            }
        }
    }
    if let Some((cards, section)) = at.child(root, &ROOT, "scorecards")? {
        for (key, entry) in cards.iter() {
            let (Ok(id), hydrate::Value::Map(fields)) = (key.parse::<Uuid>(), &entry.value) else {
                continue;
            };
            let Some((answers, answers_obj)) = at
                .child(cards, &section, key)?
                .map(|(_, card)| at.child(fields, &card, "answers"))
                .transpose()?
                .flatten()
            else {
                continue;
            };
            for (kpi, answer) in answers.iter() {
                let (Ok(kpi_id), hydrate::Value::Map(answer_fields)) =
                    (kpi.parse::<Uuid>(), &answer.value)
                else {
                    continue;
                };
                if !flagged(answer_fields, "score") {
                    continue;
                }
                let Some((_, obj)) = at.child(answers, &answers_obj, kpi)? else {
                    continue;
                };
                let scores: Vec<u8> = at.values(answer_fields, &obj, "score")?;
                if !scores.is_empty() {
                    out.scorecards.entry(id).or_default().insert(kpi_id, scores);
                }
            }
        }
    }
    Ok(out)
}

/// Whether any map or list in `value` holds a key with several values.
fn any_conflict(value: &hydrate::Value) -> bool {
    match value {
        hydrate::Value::Map(m) => m.values().any(|v| v.conflict || any_conflict(&v.value)),
        hydrate::Value::List(l) => l.iter().any(|v| v.conflict || any_conflict(&v.value)),
        hydrate::Value::Text(_) | hydrate::Value::Scalar(_) => false,
    }
}

/// Whether `key` of the hydrated map holds several values.
fn flagged(map: &hydrate::Map, key: &str) -> bool {
    // `hydrate::Map::get` gives the value only; the map underneath also has the mark.
    std::ops::Deref::deref(map)
        .get(key)
        .is_some_and(|v| v.conflict)
}

/// Reads of the document now, or at `heads`, matching the hydrated tree.
struct At<'a> {
    doc: &'a Automerge,
    heads: Option<&'a [ChangeHash]>,
}

impl At<'_> {
    fn get_all(&self, obj: &ObjId, key: &str) -> Result<Vec<(Value<'_>, ObjId)>, Error> {
        Ok(match self.heads {
            Some(heads) => self.doc.get_all_at(obj, key, heads)?,
            None => self.doc.get_all(obj, key)?,
        })
    }

    /// The map at `key` of `parent` (whose hydrated form is `hydrated`), as both its hydrated
    /// form and its object id: the value views show, as the hydrated tree holds it.
    fn child<'h>(
        &self,
        hydrated: &'h hydrate::Map,
        parent: &ObjId,
        key: &str,
    ) -> Result<Option<(&'h hydrate::Map, ObjId)>, Error> {
        let Some(hydrate::Value::Map(map)) = hydrated.get(key) else {
            return Ok(None);
        };
        let shown = match self.heads {
            Some(heads) => self.doc.get_at(parent, key, heads)?,
            None => self.doc.get(parent, key)?,
        };
        Ok(match shown {
            Some((Value::Object(ObjType::Map), id)) => Some((map, id)),
            _ => None,
        })
    }

    /// The differing concurrent values of `key` in `obj`, in Automerge's order, or none when
    /// the key holds one value (or one value once equal ones are merged: two advisers who both
    /// set likelihood 4 do not disagree). A value the field's type cannot hold (another tool's
    /// garbage) is left out, as the view would refuse it.
    fn values<T: DeserializeOwned + PartialEq>(
        &self,
        hydrated: &hydrate::Map,
        obj: &ObjId,
        key: &str,
    ) -> Result<Vec<T>, Error> {
        if !flagged(hydrated, key) {
            return Ok(Vec::new());
        }
        let mut out: Vec<T> = Vec::new();
        for (value, id) in self.get_all(obj, key)? {
            let json = match value {
                Value::Scalar(s) => crate::view::json_of(&hydrate::Value::Scalar(s.into_owned())),
                // Text written as a text object by another tool reads as the same string.
                Value::Object(ObjType::Text) => serde_json::Value::String(match self.heads {
                    Some(heads) => self.doc.text_at(&id, heads)?,
                    None => self.doc.text(&id)?,
                }),
                Value::Object(_) => continue,
            };
            if let Ok(v) = serde_json::from_value::<T>(json)
                && !out.contains(&v)
            {
                out.push(v);
            }
        }
        if out.len() < 2 {
            out.clear();
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;

//! The organisation document: one organisation's rules, the same on every node.
//!
//! The thresholds, weights and matrix the seeds leave to each organisation ([`OrgConfig`]),
//! and later its templates, live in one Automerge document per organisation, synced to every
//! node of the organisation like an account file. Its id is an organisation id
//! ([`FileId::new_organisation`]), so its skeleton ([`crate::schema`]) and its rules follow
//! from the id alone. Its `sharing` map says who may change it: administrators have `write`,
//! members `read`; the sync authority rule that guards account files guards it too.
//!
//! Settings are stored flat, one key per setting in the `settings` map, each value a JSON
//! string: `rag_matrix`, `weight.<group>`, `pathway` (the stage names in order),
//! `stage_days.<stage>`, and one key per threshold. An edit writes only the keys whose value
//! changes, so two administrators who change different settings apart both keep their change;
//! two who change the same one end with Automerge's winner, the same on every node.

use casebook_i18n::Message;
use std::collections::BTreeMap;

use automerge::transaction::Transactable;
use automerge::{Automerge, ObjType, ROOT, ReadDoc, ScalarValue, Value};
use casebook_base::{FileId, NodeId};
use serde::Serialize;
use serde_json::Value as Json;

use crate::config::{OrgConfig, PathwayStage, RagMatrix};
use crate::edit::{EditContext, Edited, transact};
use crate::enums::CosmoGroup;
use crate::{Error, schema};

/// The thresholds stored under their own names.
const THRESHOLDS: &[&str] = &[
    "stalled_no_progress_days",
    "unresponsive_days",
    "unresponsive_attempts",
    "contact_due_days",
];

/// An organisation as its document says now.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Organisation {
    /// The organisation's id.
    pub id: FileId,
    /// Its name.
    pub name: String,
    /// The node that created it.
    pub owner: NodeId,
    /// Nodes that may change its rules.
    pub administrators: Vec<NodeId>,
    /// Nodes that hold its rules and may not change them.
    pub members: Vec<NodeId>,
    /// Each node's adviser, as the nodes wrote it.
    pub advisers: BTreeMap<String, String>,
    /// Its rules.
    pub config: OrgConfig,
    /// A short digest of the document's heads: the version of the rules a judgement was made
    /// under, the same on every node that holds the same document.
    pub version: String,
}

impl Organisation {
    /// The adviser of `node`, or its short id.
    pub fn label(&self, node: &NodeId) -> String {
        self.advisers
            .get(&node.to_string())
            .cloned()
            .unwrap_or_else(|| format!("node {}", node.short()))
    }
}

/// Read an organisation document.
///
/// # Errors
/// [`Error::NotAnAccountFile`] if `doc` is not an organisation document.
pub fn read(doc: &Automerge) -> Result<Organisation, Error> {
    let id = schema::check(doc)?;
    if !id.is_organisation() {
        return Err(Error::NotAnAccountFile(
            Message::new("doc-why-not-organisation").with("id", id.to_string()),
        ));
    }
    let owner = schema::owner_of(doc)?;
    let mut administrators = Vec::new();
    let mut members = Vec::new();
    for (node, role) in strings(doc, "sharing") {
        let Ok(node) = node.parse::<NodeId>() else {
            continue;
        };
        match role.as_str() {
            schema::WRITE => administrators.push(node),
            schema::READ => members.push(node),
            _ => {}
        }
    }
    let name = match doc.get(ROOT, "name") {
        Ok(Some((Value::Scalar(s), _))) => s.as_str().unwrap_or_default().to_string(),
        _ => String::new(),
    };
    Ok(Organisation {
        id,
        name,
        owner,
        administrators,
        members,
        advisers: strings(doc, "nodes"),
        config: OrgConfig {
            tiers: crate::tiers::read(Some(doc)),
            ..config_from(&settings(doc))
        },
        version: version_of(doc),
    })
}

/// The rules an organisation document holds now.
///
/// # Errors
/// As [`read`].
pub fn config_of(doc: &Automerge) -> Result<OrgConfig, Error> {
    Ok(read(doc)?.config)
}

/// A short fingerprint of a document's heads (the first four bytes of their exclusive or:
/// heads are SHA-256 hashes already, and the order they come in does not matter), the same on
/// every node holding the same changes.
pub fn version_of(doc: &Automerge) -> String {
    let mut x = [0u8; 4];
    for h in doc.get_heads() {
        for (a, b) in x.iter_mut().zip(h.0) {
            *a ^= b;
        }
    }
    x.iter().map(|b| format!("{b:02x}")).collect()
}

/// The string values of a root map, by key.
fn strings(doc: &Automerge, map: &str) -> BTreeMap<String, String> {
    let Ok(Some((Value::Object(ObjType::Map), obj))) = doc.get(ROOT, map) else {
        return BTreeMap::new();
    };
    doc.keys(&obj)
        .filter_map(|k| match doc.get(&obj, k.as_str()) {
            Ok(Some((Value::Scalar(s), _))) => s.as_str().map(|v| (k.clone(), v.to_string())),
            _ => None,
        })
        .collect()
}

/// The stored settings, parsed; a value that is not JSON is left out (its default applies).
fn settings(doc: &Automerge) -> BTreeMap<String, Json> {
    strings(doc, "settings")
        .into_iter()
        .filter_map(|(k, v)| serde_json::from_str(&v).ok().map(|j| (k, j)))
        .collect()
}

/// `config` as flat settings (see the module docs).
pub fn settings_of(config: &OrgConfig) -> BTreeMap<String, Json> {
    let mut out = BTreeMap::new();
    out.insert(
        "rag_matrix".into(),
        serde_json::to_value(&config.rag_matrix).unwrap_or(Json::Null),
    );
    for g in CosmoGroup::ALL {
        out.insert(
            format!("weight.{}", g.as_str()),
            Json::from(config.weight(*g)),
        );
    }
    out.insert(
        "pathway".into(),
        Json::from(
            config
                .pathway
                .iter()
                .map(|s| s.name.clone())
                .collect::<Vec<_>>(),
        ),
    );
    for s in &config.pathway {
        out.insert(format!("stage_days.{}", s.name), Json::from(s.max_days));
    }
    out.insert(
        "stalled_no_progress_days".into(),
        Json::from(config.stalled_no_progress_days),
    );
    out.insert(
        "unresponsive_days".into(),
        Json::from(config.unresponsive_days),
    );
    out.insert(
        "unresponsive_attempts".into(),
        Json::from(config.unresponsive_attempts),
    );
    out.insert(
        "contact_due_days".into(),
        Json::from(config.contact_due_days),
    );
    for (band, b) in &config.bands {
        out.insert(
            format!("band.{band}"),
            serde_json::to_value(b).unwrap_or(Json::Null),
        );
    }
    for (adviser, c) in &config.capacity {
        out.insert(
            format!("capacity.{adviser}"),
            serde_json::to_value(c).unwrap_or(Json::Null),
        );
    }
    out
}

/// The rules flat `settings` describe, each missing or unreadable one at its default.
pub fn config_from(settings: &BTreeMap<String, Json>) -> OrgConfig {
    let defaults = OrgConfig::default();
    let mut config = defaults.clone();
    if let Some(m) = settings
        .get("rag_matrix")
        .and_then(|v| serde_json::from_value::<RagMatrix>(v.clone()).ok())
        .filter(|m| m.validate().is_ok())
    {
        config.rag_matrix = m;
    }
    for g in CosmoGroup::ALL {
        if let Some(w) = settings
            .get(&format!("weight.{}", g.as_str()))
            .and_then(Json::as_u64)
            .and_then(|w| u32::try_from(w).ok())
        {
            config.cosmonauts_weights.insert(*g, w);
        }
    }
    if let Some(names) = settings.get("pathway").and_then(Json::as_array) {
        let names: Vec<String> = names
            .iter()
            .filter_map(|n| n.as_str().map(str::to_string))
            .collect();
        if !names.is_empty() {
            config.pathway = names
                .into_iter()
                .map(|name| {
                    let max_days = defaults.stage(&name).map_or(30, |s| s.max_days);
                    PathwayStage { name, max_days }
                })
                .collect();
        }
    }
    for stage in &mut config.pathway {
        if let Some(days) = settings
            .get(&format!("stage_days.{}", stage.name))
            .and_then(Json::as_i64)
        {
            stage.max_days = days;
        }
    }
    for key in THRESHOLDS {
        let Some(n) = settings.get(*key).and_then(Json::as_i64) else {
            continue;
        };
        match *key {
            "stalled_no_progress_days" => config.stalled_no_progress_days = n,
            "unresponsive_days" => config.unresponsive_days = n,
            "unresponsive_attempts" => {
                config.unresponsive_attempts =
                    u32::try_from(n).unwrap_or(defaults.unresponsive_attempts);
            }
            _ => config.contact_due_days = n,
        }
    }
    for (key, value) in settings {
        // One entry another tool wrote out of range is left out on its own (its adviser has no
        // capacity, its band judges nothing), rather than sending every rule back to the
        // defaults.
        if let Some(adviser) = key.strip_prefix("capacity.")
            && let Ok(c) = serde_json::from_value::<crate::rules::effort::Capacity>(value.clone())
            && c.is_valid()
        {
            config.capacity.insert(adviser.to_string(), c);
        }
        if let Some(band) = key.strip_prefix("band.")
            && let Ok(b) = serde_json::from_value::<crate::rules::balance::Band>(value.clone())
            && b.is_valid()
        {
            config.bands.insert(band.to_string(), b);
        }
    }
    if config.validate().is_err() {
        // Settings that make no sense together (no weight left above 0): the defaults judge
        // instead, the same on every node, until an administrator repairs them.
        return defaults;
    }
    config
}

/// Replace the organisation's rules with `new`, writing only the settings that change, as one
/// change with `message` (in the domain's words: "Settings: RAG amber at 6, red at 15").
///
/// # Errors
/// [`Error::Rule`] if `new` does not validate, or nothing would change.
pub fn set_config(
    doc: &mut Automerge,
    ctx: &EditContext,
    new: &OrgConfig,
    message: String,
) -> Result<Edited, Error> {
    new.validate()?;
    let current = config_of(doc)?;
    // Compared with the rules in force (defaults included), not with what is stored, so an
    // edit of one setting never writes the others.
    let now = settings_of(&current);
    let next = settings_of(new);
    // A capacity or band the new rules no longer have is removed: taken away, or stored out of
    // range by another tool (and so never in force).
    let removed: Vec<String> = strings(doc, "settings")
        .into_keys()
        .filter(|k| (k.starts_with("capacity.") || k.starts_with("band.")) && !next.contains_key(k))
        .collect();
    if current == *new && removed.is_empty() {
        return Err(Error::Rule(Message::new("rule-settings-unchanged")));
    }
    let changed: Vec<(String, String)> = next
        .into_iter()
        .filter(|(k, v)| now.get(k) != Some(v))
        .map(|(k, v)| (k, v.to_string()))
        .collect();
    transact(doc, ctx, message, None, move |tx| {
        let Some((Value::Object(ObjType::Map), map)) = tx.get(ROOT, "settings")? else {
            return Err(Error::NotAnAccountFile(
                Message::new("doc-why-section-missing").with("key", "settings"),
            ));
        };
        for (k, v) in changed {
            tx.put(&map, k.as_str(), ScalarValue::Str(v.into()))?;
        }
        for k in removed {
            if tx.get(&map, k.as_str())?.is_some() {
                tx.delete(&map, k.as_str())?;
            }
        }
        Ok(())
    })
}

/// Name the organisation.
///
/// # Errors
/// [`Error::Rule`] for an empty name.
pub fn set_name(doc: &mut Automerge, ctx: &EditContext, name: &str) -> Result<Edited, Error> {
    let name = name.trim().to_string();
    if name.is_empty() {
        return Err(Error::Rule(Message::new("rule-organisation-needs-name")));
    }
    crate::edit::check_text("name", &name)?;
    let message = format!("Organisation named {name}");
    transact(doc, ctx, message, None, move |tx| {
        tx.put(ROOT, "name", name.as_str())?;
        Ok(())
    })
}

/// The organisation whose rules judge an account file, as the file names it: its id and the
/// node that created it. A node uses an organisation document for the file only if it is held
/// and was created by that node, so a document someone else made under the same id (ids are
/// no secret) judges nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Judge {
    /// The organisation's id.
    pub id: FileId,
    /// The node that created its document.
    pub owner: NodeId,
}

/// The organisation an account file names as its judge (root `org` and `org_owner`), if any.
pub fn judge_of(doc: &Automerge) -> Option<Judge> {
    let text = |key: &str| match doc.get(ROOT, key) {
        Ok(Some((Value::Scalar(s), _))) => s.as_str().map(str::to_string),
        _ => None,
    };
    let id = text("org")?.parse::<FileId>().ok()?;
    let owner = text("org_owner")?.parse::<NodeId>().ok()?;
    id.is_organisation().then_some(Judge { id, owner })
}

/// Name `judge` as the file's judge, inside an edit.
pub(crate) fn write_judge(tx: &mut impl Transactable, judge: Judge) -> Result<(), Error> {
    tx.put(ROOT, "org", judge.id.to_string())?;
    tx.put(ROOT, "org_owner", judge.owner.to_string())?;
    Ok(())
}

/// Have account file `doc` judged by organisation `judge` (named `name`) from now on: its
/// owner joined that organisation.
///
/// # Errors
/// [`Error::Rule`] for an id that is no organisation's.
pub fn set_judge(
    doc: &mut Automerge,
    ctx: &EditContext,
    judge: Judge,
    name: &str,
) -> Result<Edited, Error> {
    if !judge.id.is_organisation() {
        return Err(Error::Rule(
            Message::new("rule-not-organisation-id").with("id", judge.id.to_string()),
        ));
    }
    let message = format!("Judged by the rules of {name} from now on");
    transact(doc, ctx, message, None, move |tx| write_judge(tx, judge))
}

/// Make `node` an administrator (`write`), a member (`read`), or (`None`) neither.
///
/// # Errors
/// [`Error::Rule`] when nothing would change, or when the last administrator would go.
pub fn set_role(
    doc: &mut Automerge,
    ctx: &EditContext,
    node: NodeId,
    role: Option<&str>,
    label: &str,
) -> Result<Edited, Error> {
    let org = read(doc)?;
    let key = node.to_string();
    let now = strings(doc, "sharing").get(&key).cloned();
    if now.as_deref() == role {
        let key = match role {
            Some(schema::WRITE) => "rule-role-unchanged-administrator",
            Some(_) => "rule-role-unchanged-member",
            None => "rule-role-unchanged-none",
        };
        return Err(Error::Rule(
            Message::new(key)
                .with("label", label)
                .with("org", &org.name),
        ));
    }
    if now.as_deref() == Some(schema::WRITE) && org.administrators.len() == 1 {
        return Err(Error::Rule(
            Message::new("rule-last-administrator")
                .with("label", label)
                .with("org", &org.name),
        ));
    }
    let message = format!("{label} is now {} of {}", role_words(role), org.name);
    let role = role.map(str::to_string);
    transact(doc, ctx, message, None, move |tx| {
        let Some((Value::Object(ObjType::Map), sharing)) = tx.get(ROOT, "sharing")? else {
            return Err(Error::NotAnAccountFile(Message::new("doc-why-no-sharing")));
        };
        match role {
            Some(r) => tx.put(&sharing, key.as_str(), r.as_str())?,
            None => tx.delete(&sharing, key.as_str())?,
        }
        Ok(())
    })
}

fn role_words(role: Option<&str>) -> &'static str {
    match role {
        Some(schema::WRITE) => "an administrator",
        Some(_) => "a member",
        None => "no longer part",
    }
}

#[cfg(test)]
mod tests {
    use automerge::ActorId;

    use super::*;

    const ADMIN: [u8; 32] = [0xAD; 32];

    fn ctx() -> EditContext {
        EditContext {
            adviser: "Carol".into(),
            now: chrono::Utc::now(),
        }
    }

    fn org() -> Automerge {
        let mut doc = schema::new_file(FileId::new_organisation(), NodeId::from_bytes(ADMIN))
            .unwrap()
            .with_actor(ActorId::from(&ADMIN[..]));
        set_name(&mut doc, &ctx(), "Business Wales North").unwrap();
        doc
    }

    #[test]
    fn a_new_organisation_judges_by_the_defaults_and_its_creator_administers_it() {
        let doc = org();
        let o = read(&doc).unwrap();
        assert_eq!(o.config, OrgConfig::default());
        assert_eq!(o.administrators, vec![NodeId::from_bytes(ADMIN)]);
        assert_eq!(o.name, "Business Wales North");
        assert_eq!(
            o.advisers
                .get(&NodeId::from_bytes(ADMIN).to_string())
                .map(String::as_str),
            Some("Carol")
        );
    }

    #[test]
    fn flat_settings_round_trip_every_rule() {
        let mut c = OrgConfig {
            rag_matrix: RagMatrix::from_thresholds(4, 12),
            ..OrgConfig::default()
        };
        c.cosmonauts_weights.insert(CosmoGroup::Authority, 3);
        c.pathway[1].max_days = 21;
        c.unresponsive_attempts = 5;
        c.contact_due_days = 14;
        assert_eq!(config_from(&settings_of(&c)), c);
    }

    #[test]
    fn administrators_changing_different_settings_apart_both_keep_their_change() {
        let base = org();
        let mut a = base.fork().with_actor(ActorId::from(&ADMIN[..]));
        let mut b = base.fork().with_actor(ActorId::from(&[0xBB; 32][..]));
        let ca = OrgConfig {
            rag_matrix: RagMatrix::from_thresholds(4, 12),
            ..OrgConfig::default()
        };
        set_config(&mut a, &ctx(), &ca, "matrix".into()).unwrap();
        let mut cb = OrgConfig::default();
        cb.cosmonauts_weights.insert(CosmoGroup::Money, 4);
        set_config(&mut b, &ctx(), &cb, "weight".into()).unwrap();
        a.merge(&mut b).unwrap();
        b.merge(&mut a).unwrap();
        let merged = config_of(&a).unwrap();
        assert_eq!(merged, config_of(&b).unwrap());
        assert_eq!(merged.rag_matrix, RagMatrix::from_thresholds(4, 12));
        assert_eq!(merged.weight(CosmoGroup::Money), 4);
        assert_eq!(version_of(&a), version_of(&b));
    }

    #[test]
    fn an_unchanged_setting_is_refused_and_the_last_administrator_stays() {
        let mut doc = org();
        let same = config_of(&doc).unwrap();
        assert!(set_config(&mut doc, &ctx(), &same, "nothing".into()).is_err());
        let refused = set_role(
            &mut doc,
            &ctx(),
            NodeId::from_bytes(ADMIN),
            Some(schema::READ),
            "Carol",
        );
        assert!(
            matches!(refused, Err(Error::Rule(m)) if m.english().contains("only administrator"))
        );
    }

    #[test]
    fn settings_that_make_no_sense_together_judge_by_the_defaults() {
        let mut s = settings_of(&OrgConfig::default());
        for g in CosmoGroup::ALL {
            s.insert(format!("weight.{}", g.as_str()), Json::from(0));
        }
        assert_eq!(config_from(&s), OrgConfig::default());
    }
}

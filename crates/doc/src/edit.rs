//! Typed edits: one function per domain operation, one Automerge change each.
//!
//! Every edit writes only the fields it changes, so concurrent edits of different fields both
//! survive a merge, and carries a commit message in the domain's words, which `history` shows.

use automerge::transaction::{CommitOptions, Transactable, Transaction};
use automerge::{Automerge, ChangeHash, ObjId, ObjType, ROOT, ReadDoc, ScalarValue, Value};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::Error;
use crate::config::{OrgConfig, check_scale};
use crate::enums::{
    ActionStatus, Coverage, Decision, OpportunityStatus, PersonRole, RiskResponse, RiskStatus,
};
use crate::model::{
    AccountFile, Action, CoverageEntry, ExitPlan, ExitRecord, Interaction, Objective, Opportunity,
    Person, QualificationSession, Risk, StageEntry, SwotItem,
};
use crate::view::{self, resolve};

/// Who is editing, and when: stamped on the change and on entries that record an author.
#[derive(Clone, Debug)]
pub struct EditContext {
    /// The adviser's name, as recorded in the file.
    pub adviser: String,
    /// The time of the edit.
    pub now: DateTime<Utc>,
}

/// The result of one edit: the new change and the id of any entry it created.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Edited {
    /// The hash of the change; `None` if the edit changed nothing.
    pub change: Option<ChangeHash>,
    /// The id of the entry created, for edits that add one.
    pub entry: Option<Uuid>,
    /// The commit message.
    pub message: String,
}

/// Run `f` in one transaction committed with `message` at `ctx.now`.
fn transact<F>(
    doc: &mut Automerge,
    ctx: &EditContext,
    message: String,
    entry: Option<Uuid>,
    f: F,
) -> Result<Edited, Error>
where
    F: FnOnce(&mut Transaction<'_>) -> Result<(), Error>,
{
    let time = ctx.now.timestamp();
    let msg = message.clone();
    // The first change a node makes to a file also names its adviser, so every node can show
    // "who" for that node's changes. Keys are node ids, so concurrent first edits never clash.
    let actor = doc.get_actor().to_bytes().to_vec();
    let node_key = match crate::history::author_of(&actor) {
        crate::history::Author::Node(n) => Some(n.to_string()),
        _ => None,
    };
    let adviser = ctx.adviser.clone();
    let ok = doc
        .transact_with(
            |_| CommitOptions::default().with_time(time).with_message(msg),
            |tx| {
                f(tx)?;
                if let Some(key) = node_key
                    && !adviser.is_empty()
                    && let Ok(Some((Value::Object(ObjType::Map), nodes))) = tx.get(ROOT, "nodes")
                    && tx.get(&nodes, key.as_str())?.is_none()
                {
                    tx.put(&nodes, key.as_str(), adviser.as_str())?;
                }
                Ok::<_, Error>(())
            },
        )
        .map_err(|f| f.error)?;
    Ok(Edited {
        change: ok.hash,
        entry,
        message,
    })
}

/// The object at `key` in `parent`, which must be a map.
fn child(tx: &Transaction<'_>, parent: &ObjId, key: &str) -> Result<ObjId, Error> {
    match tx.get(parent, key)? {
        Some((Value::Object(ObjType::Map), id)) => Ok(id),
        _ => Err(Error::NotAnAccountFile(format!(
            "its '{key}' section is missing"
        ))),
    }
}

/// The object at a path of map keys from the root.
fn path(tx: &Transaction<'_>, keys: &[&str]) -> Result<ObjId, Error> {
    let mut obj = ROOT;
    for key in keys {
        obj = child(tx, &obj, key)?;
    }
    Ok(obj)
}

/// Write a JSON value under `key`: objects become maps, arrays lists, `null` writes nothing.
fn put_json(
    tx: &mut Transaction<'_>,
    obj: &ObjId,
    key: &str,
    value: &serde_json::Value,
) -> Result<(), Error> {
    use serde_json::Value as J;
    match value {
        J::Null => {}
        J::Object(fields) => {
            let map = tx.put_object(obj, key, ObjType::Map)?;
            for (k, v) in fields {
                put_json(tx, &map, k, v)?;
            }
        }
        J::Array(items) => {
            let list = tx.put_object(obj, key, ObjType::List)?;
            for (i, v) in items.iter().enumerate() {
                insert_json(tx, &list, i, v)?;
            }
        }
        scalar => {
            tx.put(obj, key, scalar_of(scalar))?;
        }
    }
    Ok(())
}

fn insert_json(
    tx: &mut Transaction<'_>,
    list: &ObjId,
    index: usize,
    value: &serde_json::Value,
) -> Result<(), Error> {
    use serde_json::Value as J;
    match value {
        J::Object(fields) => {
            let map = tx.insert_object(list, index, ObjType::Map)?;
            for (k, v) in fields {
                put_json(tx, &map, k, v)?;
            }
        }
        J::Array(_) => {
            return Err(Error::Rule(
                "nested lists are not part of the schema".into(),
            ));
        }
        scalar => {
            tx.insert(list, index, scalar_of(scalar))?;
        }
    }
    Ok(())
}

fn scalar_of(value: &serde_json::Value) -> ScalarValue {
    use serde_json::Value as J;
    match value {
        J::Bool(b) => ScalarValue::Boolean(*b),
        J::Number(n) => {
            if let Some(u) = n.as_u64() {
                ScalarValue::Uint(u)
            } else if let Some(i) = n.as_i64() {
                ScalarValue::Int(i)
            } else {
                ScalarValue::F64(n.as_f64().unwrap_or(0.0))
            }
        }
        J::String(s) => ScalarValue::Str(s.as_str().into()),
        _ => ScalarValue::Null,
    }
}

/// Serialise a typed value to JSON (cannot fail for the schema's own types).
fn json<T: Serialize>(value: &T) -> Result<serde_json::Value, Error> {
    serde_json::to_value(value).map_err(Error::Malformed)
}

/// Write each field of `fields` that differs from `current` (both JSON objects) into `obj`.
fn put_changed(
    tx: &mut Transaction<'_>,
    obj: &ObjId,
    current: &serde_json::Value,
    fields: &serde_json::Value,
) -> Result<(), Error> {
    let Some(fields) = fields.as_object() else {
        return Ok(());
    };
    for (k, v) in fields {
        if current.get(k) != Some(v) {
            if v.is_null() {
                tx.delete(obj, k.as_str())?;
            } else {
                put_json(tx, obj, k, v)?;
            }
        }
    }
    Ok(())
}

/// The fields of `requested` that were given (not null) and differ from `current`.
fn changed_fields(
    requested: &serde_json::Value,
    current: &serde_json::Value,
) -> serde_json::Map<String, serde_json::Value> {
    requested
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, v)| !v.is_null() && current.get(k.as_str()) != Some(v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Add a new entry with a fresh UUID key to the collection at `keys`.
fn add_entry<T: Serialize>(
    doc: &mut Automerge,
    ctx: &EditContext,
    keys: &[&str],
    entry: &T,
    message: String,
) -> Result<Edited, Error> {
    let id = Uuid::new_v4();
    let value = json(entry)?;
    let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    transact(doc, ctx, message, Some(id), move |tx| {
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let parent = path(tx, &refs)?;
        put_json(tx, &parent, &id.to_string(), &value)
    })
}

fn current(doc: &Automerge) -> Result<AccountFile, Error> {
    view::read(doc)
}

/// The details of a new client.
#[derive(Clone, Debug, Default)]
pub struct NewClient {
    /// Trading or personal name (required).
    pub name: String,
    /// Legal form.
    pub legal_form: String,
    /// Sector.
    pub sector: String,
    /// Postcode.
    pub postcode: String,
    /// Companies House number.
    pub company_number: String,
    /// Region.
    pub region: String,
    /// Segment tags.
    pub segments: Vec<String>,
    /// Lead adviser.
    pub lead: String,
    /// Intake date (today if `None`).
    pub intake_date: Option<NaiveDate>,
    /// Where the client came from.
    pub source: String,
}

/// Fill a freshly created account file with its first details, entering the first stage.
///
/// # Errors
/// [`Error::Rule`] if the name is empty.
pub fn create_client(
    doc: &mut Automerge,
    ctx: &EditContext,
    config: &OrgConfig,
    new: &NewClient,
) -> Result<Edited, Error> {
    let name = new.name.trim().to_string();
    if name.is_empty() {
        return Err(Error::Rule("a client needs a name (--name)".into()));
    }
    let stage = config.first_stage().to_string();
    let intake = new.intake_date.unwrap_or_else(|| ctx.now.date_naive());
    let new = new.clone();
    let ctx2 = ctx.clone();
    transact(doc, ctx, format!("Added client {name}"), None, move |tx| {
        let profile = path(tx, &["profile"])?;
        for (k, v) in [
            ("name", name.as_str()),
            ("legal_form", new.legal_form.as_str()),
            ("sector", new.sector.as_str()),
            ("postcode", new.postcode.as_str()),
            ("company_number", new.company_number.as_str()),
            ("region", new.region.as_str()),
            ("source", new.source.as_str()),
        ] {
            if !v.is_empty() {
                tx.put(&profile, k, v.trim())?;
            }
        }
        tx.put(&profile, "intake_date", intake.to_string())?;
        let segs = tx.put_object(&profile, "segments", ObjType::Map)?;
        for s in &new.segments {
            tx.put(&segs, s.trim().to_ascii_lowercase(), true)?;
        }
        if !new.lead.is_empty() {
            let team = path(tx, &["team"])?;
            tx.put(&team, "lead", new.lead.trim())?;
        }
        enter_stage(tx, &ctx2, &stage, "intake")
    })
}

fn enter_stage(
    tx: &mut Transaction<'_>,
    ctx: &EditContext,
    stage: &str,
    note: &str,
) -> Result<(), Error> {
    let journey = path(tx, &["journey"])?;
    tx.put(&journey, "stage", stage)?;
    tx.put(&journey, "stage_entered", ctx.now.to_rfc3339())?;
    let history = child(tx, &journey, "history")?;
    let entry = json(&StageEntry {
        stage: stage.to_string(),
        at: Some(ctx.now),
        by: ctx.adviser.clone(),
        note: note.to_string(),
    })?;
    put_json(tx, &history, &Uuid::new_v4().to_string(), &entry)
}

/// Changes to a client's profile and team; `None` leaves a field as it is.
#[derive(Clone, Debug, Default)]
pub struct ClientPatch {
    /// New name.
    pub name: Option<String>,
    /// New legal form.
    pub legal_form: Option<String>,
    /// New sector.
    pub sector: Option<String>,
    /// New postcode.
    pub postcode: Option<String>,
    /// New company number.
    pub company_number: Option<String>,
    /// New region.
    pub region: Option<String>,
    /// New mission statement.
    pub mission: Option<String>,
    /// New strategy.
    pub strategy: Option<String>,
    /// New priorities.
    pub priorities: Option<String>,
    /// Segment tags to add.
    pub add_segments: Vec<String>,
    /// Segment tags to remove.
    pub remove_segments: Vec<String>,
    /// New lead adviser.
    pub lead: Option<String>,
    /// New deputy.
    pub deputy: Option<String>,
    /// New senior sponsor.
    pub sponsor: Option<String>,
    /// When points of contact were communicated to the client.
    pub contact_communicated: Option<NaiveDate>,
    /// New remedial plan.
    pub remedial_plan: Option<String>,
}

/// Apply a [`ClientPatch`], writing only the fields that change.
///
/// # Errors
/// [`Error::Rule`] if nothing would change or the name would become empty.
pub fn edit_client(
    doc: &mut Automerge,
    ctx: &EditContext,
    patch: &ClientPatch,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    if patch.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(Error::Rule("a client's name cannot be empty".into()));
    }
    let profile_fields = serde_json::json!({
        "name": patch.name, "legal_form": patch.legal_form, "sector": patch.sector,
        "postcode": patch.postcode, "company_number": patch.company_number, "region": patch.region,
        "mission": patch.mission, "strategy": patch.strategy, "priorities": patch.priorities,
    });
    let team_fields = serde_json::json!({
        "lead": patch.lead, "deputy": patch.deputy, "sponsor": patch.sponsor,
        "contact_communicated": patch.contact_communicated.map(|d| d.to_string()),
    });
    let mut changed: Vec<String> = Vec::new();
    let cur_profile = json(&file.profile)?;
    let cur_team = json(&file.team)?;
    for (k, v) in profile_fields
        .as_object()
        .into_iter()
        .flatten()
        .chain(team_fields.as_object().into_iter().flatten())
    {
        if !v.is_null() && cur_profile.get(k) != Some(v) && cur_team.get(k) != Some(v) {
            changed.push(k.replace('_', " "));
        }
    }
    for s in &patch.add_segments {
        if !file.profile.segments.contains_key(&s.to_ascii_lowercase()) {
            changed.push(format!("segment +{s}"));
        }
    }
    for s in &patch.remove_segments {
        if file.profile.segments.contains_key(&s.to_ascii_lowercase()) {
            changed.push(format!("segment -{s}"));
        }
    }
    if let Some(plan) = &patch.remedial_plan
        && *plan != file.journey.remedial_plan
    {
        changed.push("remedial plan".into());
    }
    if changed.is_empty() {
        return Err(Error::Rule(
            "nothing to change: every value given is already set".into(),
        ));
    }
    let message = format!("Edited {}: {}", file.profile.name, changed.join(", "));
    // Only the fields that were given go to put_changed; nulls were filtered above.
    let strip = |v: serde_json::Value| -> serde_json::Value {
        serde_json::Value::Object(
            v.as_object()
                .into_iter()
                .flatten()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        )
    };
    let profile_fields = strip(profile_fields);
    let team_fields = strip(team_fields);
    let patch = patch.clone();
    transact(doc, ctx, message, None, move |tx| {
        let profile = path(tx, &["profile"])?;
        put_changed(tx, &profile, &cur_profile, &profile_fields)?;
        let team = path(tx, &["team"])?;
        put_changed(tx, &team, &cur_team, &team_fields)?;
        if !patch.add_segments.is_empty() || !patch.remove_segments.is_empty() {
            let segs = match tx.get(&profile, "segments")? {
                Some((Value::Object(ObjType::Map), id)) => id,
                _ => tx.put_object(&profile, "segments", ObjType::Map)?,
            };
            for s in &patch.add_segments {
                tx.put(&segs, s.trim().to_ascii_lowercase(), true)?;
            }
            for s in &patch.remove_segments {
                tx.delete(&segs, s.trim().to_ascii_lowercase())?;
            }
        }
        if let Some(plan) = &patch.remedial_plan {
            let journey = path(tx, &["journey"])?;
            tx.put(&journey, "remedial_plan", plan.as_str())?;
        }
        Ok(())
    })
}

/// Move the client to another pathway stage, recording it in the stage history.
///
/// # Errors
/// [`Error::BadValue`] for a stage not in the pathway, [`Error::Rule`] if the client has
/// exited or is already in that stage.
pub fn set_stage(
    doc: &mut Automerge,
    ctx: &EditContext,
    config: &OrgConfig,
    stage: &str,
    note: &str,
) -> Result<Edited, Error> {
    let stage = config.stage(stage)?.name.clone();
    let file = current(doc)?;
    if file.is_exited() {
        return Err(Error::Rule(format!(
            "{} has exited; it has no journey to move",
            file.profile.name
        )));
    }
    if file.journey.stage == stage {
        return Err(Error::Rule(format!(
            "{} is already in stage {stage}",
            file.profile.name
        )));
    }
    let message = format!(
        "Moved {} from {} to {stage}",
        file.profile.name,
        or_none(&file.journey.stage)
    );
    let ctx2 = ctx.clone();
    let note = note.to_string();
    transact(doc, ctx, message, None, move |tx| {
        enter_stage(tx, &ctx2, &stage, &note)
    })
}

fn or_none(s: &str) -> &str {
    if s.is_empty() { "(none)" } else { s }
}

/// Agree or replace the client's exit plan (JR-4).
///
/// # Errors
/// [`Error::Rule`] if the criteria are empty.
pub fn set_exit_plan(
    doc: &mut Automerge,
    ctx: &EditContext,
    plan: &ExitPlan,
) -> Result<Edited, Error> {
    if plan.criteria.trim().is_empty() {
        return Err(Error::Rule(
            "an exit plan needs criteria (--criteria)".into(),
        ));
    }
    let file = current(doc)?;
    let value = json(plan)?;
    let verb = if file.journey.exit_plan.is_some() {
        "Revised"
    } else {
        "Agreed"
    };
    let message = format!(
        "{verb} exit plan for {}: {}",
        file.profile.name,
        plan.criteria.trim()
    );
    transact(doc, ctx, message, None, move |tx| {
        let journey = path(tx, &["journey"])?;
        put_json(tx, &journey, "exit_plan", &value)
    })
}

/// Record that the client has left the caseload (JR-3, JR-4).
///
/// # Errors
/// [`Error::Rule`] if the client has already exited.
pub fn exit_client(
    doc: &mut Automerge,
    ctx: &EditContext,
    record: &ExitRecord,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    if let Some(exit) = &file.journey.exit {
        return Err(Error::Rule(format!(
            "{} already exited on {} ({})",
            file.profile.name, exit.date, exit.reason
        )));
    }
    let value = json(record)?;
    let message = format!("Exited {}: {}", file.profile.name, record.reason);
    transact(doc, ctx, message, None, move |tx| {
        let journey = path(tx, &["journey"])?;
        put_json(tx, &journey, "exit", &value)
    })
}

/// Add a person to the client's organisation (CT-2..CT-4).
///
/// # Errors
/// [`Error::Rule`] if the name is empty, [`Error::NoSuchEntry`] if `reports_to` is unknown.
pub fn add_person(
    doc: &mut Automerge,
    ctx: &EditContext,
    person: &Person,
) -> Result<Edited, Error> {
    if person.name.trim().is_empty() {
        return Err(Error::Rule("a person needs a name (--name)".into()));
    }
    let file = current(doc)?;
    if let Some(boss) = person.reports_to
        && !file.people.contains_key(&boss)
    {
        return Err(Error::NoSuchEntry {
            what: "person",
            id: boss.to_string(),
        });
    }
    let mut p = person.clone();
    p.coverage_history.clear();
    p.coverage_history.insert(
        Uuid::new_v4(),
        CoverageEntry {
            state: p.coverage,
            at: Some(ctx.now),
            by: ctx.adviser.clone(),
            planned_by: String::new(),
            planned_for: None,
        },
    );
    let title = if p.title.is_empty() {
        String::new()
    } else {
        format!(", {}", p.title)
    };
    let message = format!("Added person {}{title} at {}", p.name, file.profile.name);
    add_entry(doc, ctx, &["people"], &p, message)
}

/// Changes to a person; `None` leaves a field as it is.
#[derive(Clone, Debug, Default)]
pub struct PersonPatch {
    /// New name.
    pub name: Option<String>,
    /// New title.
    pub title: Option<String>,
    /// New department.
    pub department: Option<String>,
    /// New email.
    pub email: Option<String>,
    /// New phone.
    pub phone: Option<String>,
    /// New preferred channel.
    pub channel: Option<crate::enums::InteractionKind>,
    /// New preferred language.
    pub language: Option<String>,
    /// New manager.
    pub reports_to: Option<Uuid>,
    /// Roles to add.
    pub add_roles: Vec<PersonRole>,
    /// Roles to remove.
    pub remove_roles: Vec<PersonRole>,
    /// Mark as having left the organisation.
    pub left: Option<bool>,
}

/// Edit a person, writing only the fields that change.
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown person or manager, [`Error::Rule`] if nothing changes
/// or the person would report to themselves.
pub fn edit_person(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    patch: &PersonPatch,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let person = file.people.get(&id).ok_or_else(|| Error::NoSuchEntry {
        what: "person",
        id: id.to_string(),
    })?;
    if let Some(boss) = patch.reports_to {
        if boss == id {
            return Err(Error::Rule(format!(
                "{} cannot report to themselves",
                person.name
            )));
        }
        if !file.people.contains_key(&boss) {
            return Err(Error::NoSuchEntry {
                what: "person",
                id: boss.to_string(),
            });
        }
    }
    let fields = serde_json::json!({
        "name": patch.name, "title": patch.title, "department": patch.department,
        "email": patch.email, "phone": patch.phone, "channel": patch.channel,
        "language": patch.language, "reports_to": patch.reports_to, "left": patch.left,
    });
    let cur = json(person)?;
    let fields = changed_fields(&fields, &cur);
    let add: Vec<PersonRole> = patch
        .add_roles
        .iter()
        .copied()
        .filter(|r| !person.roles.contains_key(r))
        .collect();
    let remove: Vec<PersonRole> = patch
        .remove_roles
        .iter()
        .copied()
        .filter(|r| person.roles.contains_key(r))
        .collect();
    let mut what: Vec<String> = fields.keys().map(|k| k.replace('_', " ")).collect();
    what.extend(add.iter().map(|r| format!("+{r}")));
    what.extend(remove.iter().map(|r| format!("-{r}")));
    if what.is_empty() {
        return Err(Error::Rule(
            "nothing to change: every value given is already set".into(),
        ));
    }
    let message = format!("Edited person {}: {}", person.name, what.join(", "));
    let fields = serde_json::Value::Object(fields);
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(tx, &["people", &id.to_string()])?;
        put_changed(tx, &obj, &cur, &fields)?;
        if !add.is_empty() || !remove.is_empty() {
            let roles = match tx.get(&obj, "roles")? {
                Some((Value::Object(ObjType::Map), r)) => r,
                _ => tx.put_object(&obj, "roles", ObjType::Map)?,
            };
            for r in &add {
                tx.put(&roles, r.as_str(), true)?;
            }
            for r in &remove {
                tx.delete(&roles, r.as_str())?;
            }
        }
        Ok(())
    })
}

/// Change a person's coverage state on the org chart, keeping the history (CT-4).
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown person; [`Error::Rule`] for a planned visit without
/// a visitor.
pub fn set_coverage(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    state: Coverage,
    planned_by: &str,
    planned_for: Option<NaiveDate>,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let person = file.people.get(&id).ok_or_else(|| Error::NoSuchEntry {
        what: "person",
        id: id.to_string(),
    })?;
    if state == Coverage::VisitPlanned && planned_by.trim().is_empty() {
        return Err(Error::Rule(
            "a planned visit needs a visitor (--by NAME)".into(),
        ));
    }
    let entry = json(&CoverageEntry {
        state,
        at: Some(ctx.now),
        by: ctx.adviser.clone(),
        planned_by: planned_by.trim().to_string(),
        planned_for,
    })?;
    let message = format!("Coverage of {}: {} → {state}", person.name, person.coverage);
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(tx, &["people", &id.to_string()])?;
        tx.put(&obj, "coverage", state.as_str())?;
        let hist = match tx.get(&obj, "coverage_history")? {
            Some((Value::Object(ObjType::Map), h)) => h,
            _ => tx.put_object(&obj, "coverage_history", ObjType::Map)?,
        };
        put_json(tx, &hist, &Uuid::new_v4().to_string(), &entry)
    })
}

/// Log an interaction in the contact log (CL-1).
///
/// # Errors
/// [`Error::NoSuchEntry`] if it links to an unknown risk or opportunity.
pub fn log_interaction(
    doc: &mut Automerge,
    ctx: &EditContext,
    interaction: &Interaction,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    for r in &interaction.risks {
        if !file.risks.contains_key(r) {
            return Err(Error::NoSuchEntry {
                what: "risk",
                id: r.to_string(),
            });
        }
    }
    for o in &interaction.opportunities {
        if !file.opportunities.contains_key(o) {
            return Err(Error::NoSuchEntry {
                what: "opportunity",
                id: o.to_string(),
            });
        }
    }
    let with = if interaction.their_attendees.is_empty() {
        file.profile.name.clone()
    } else {
        format!(
            "{} ({})",
            interaction.their_attendees.join(", "),
            file.profile.name
        )
    };
    let message = format!(
        "Logged {} {} with {with}: {}",
        interaction.direction, interaction.kind, interaction.purpose
    );
    add_entry(doc, ctx, &["interactions"], interaction, message)
}

/// Add an agreed action (CL-2).
///
/// # Errors
/// [`Error::Rule`] if the title is empty; [`Error::NoSuchEntry`] for an unknown origin.
pub fn add_action(
    doc: &mut Automerge,
    ctx: &EditContext,
    action: &Action,
) -> Result<Edited, Error> {
    if action.title.trim().is_empty() {
        return Err(Error::Rule("an action needs a title".into()));
    }
    let file = current(doc)?;
    if let Some(o) = action.origin
        && !file.interactions.contains_key(&o)
    {
        return Err(Error::NoSuchEntry {
            what: "interaction",
            id: o.to_string(),
        });
    }
    let due = action.due.map(|d| format!(", due {d}")).unwrap_or_default();
    let message = format!(
        "Action for {}: {} (owner {}{due})",
        file.profile.name,
        action.title,
        or_none(&action.owner)
    );
    add_entry(doc, ctx, &["actions"], action, message)
}

/// Mark an action done.
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown action, [`Error::Rule`] if it is already done.
pub fn complete_action(doc: &mut Automerge, ctx: &EditContext, id: Uuid) -> Result<Edited, Error> {
    let file = current(doc)?;
    let action = file.actions.get(&id).ok_or_else(|| Error::NoSuchEntry {
        what: "action",
        id: id.to_string(),
    })?;
    if action.status == ActionStatus::Done {
        return Err(Error::Rule(format!(
            "action '{}' is already done",
            action.title
        )));
    }
    let message = format!("Completed action: {}", action.title);
    let now = ctx.now.to_rfc3339();
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(tx, &["actions", &id.to_string()])?;
        tx.put(&obj, "status", ActionStatus::Done.as_str())?;
        tx.put(&obj, "done_at", now.as_str())?;
        Ok(())
    })
}

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

/// Add an opportunity (OP-1).
///
/// # Errors
/// [`Error::Rule`] if the title is empty.
pub fn add_opportunity(
    doc: &mut Automerge,
    ctx: &EditContext,
    opp: &Opportunity,
) -> Result<Edited, Error> {
    if opp.title.trim().is_empty() {
        return Err(Error::Rule("an opportunity needs a title".into()));
    }
    let file = current(doc)?;
    let message = format!(
        "Opportunity for {}: {} ({}, £{:.0})",
        file.profile.name, opp.title, opp.origin, opp.value
    );
    add_entry(doc, ctx, &["opportunities"], opp, message)
}

/// Record a COSMONAUTS qualification session (OP-2); a "qualify out" decision also sets the
/// opportunity's status, so all further activity stops.
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown opportunity, [`Error::OutOfRange`] for a score
/// outside 0–5, [`Error::Rule`] for a session with no answers.
pub fn add_session(
    doc: &mut Automerge,
    ctx: &EditContext,
    config: &OrgConfig,
    opp_id: Uuid,
    session: &QualificationSession,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let opp = file
        .opportunities
        .get(&opp_id)
        .ok_or_else(|| Error::NoSuchEntry {
            what: "opportunity",
            id: opp_id.to_string(),
        })?;
    if session.answers.is_empty() {
        return Err(Error::Rule(
            "a qualification session needs at least one scored answer".into(),
        ));
    }
    for a in session.answers.values() {
        if a.score > crate::rules::cosmonauts::MAX_ANSWER_SCORE {
            return Err(Error::OutOfRange {
                what: "COSMONAUTS score",
                value: i64::from(a.score),
                min: 0,
                max: 5,
            });
        }
    }
    let score = crate::rules::cosmonauts::score_session(Uuid::nil(), session, config);
    let total = score
        .total
        .map(|t| format!("{:.0}%", t * 100.0))
        .unwrap_or_else(|| "unscored".into());
    let message = format!(
        "Qualified '{}': {total}, decision {}",
        opp.title, session.decision
    );
    let id = Uuid::new_v4();
    let value = json(session)?;
    let status = match session.decision {
        Decision::QualifyOut => Some(OpportunityStatus::QualifiedOut),
        Decision::Hold => Some(OpportunityStatus::Hold),
        Decision::Continue if opp.status != OpportunityStatus::Open => {
            Some(OpportunityStatus::Open)
        }
        Decision::Continue => None,
    };
    transact(doc, ctx, message, Some(id), move |tx| {
        let obj = path(tx, &["opportunities", &opp_id.to_string()])?;
        let sessions = match tx.get(&obj, "sessions")? {
            Some((Value::Object(ObjType::Map), s)) => s,
            _ => tx.put_object(&obj, "sessions", ObjType::Map)?,
        };
        put_json(tx, &sessions, &id.to_string(), &value)?;
        if let Some(st) = status {
            tx.put(&obj, "status", st.as_str())?;
        }
        Ok(())
    })
}

/// Add a client objective (PF-3).
///
/// # Errors
/// [`Error::Rule`] if the goal is empty.
pub fn add_objective(
    doc: &mut Automerge,
    ctx: &EditContext,
    objective: &Objective,
) -> Result<Edited, Error> {
    if objective.goal.trim().is_empty() {
        return Err(Error::Rule("an objective needs a goal".into()));
    }
    let message = format!("Objective: {}", objective.goal);
    add_entry(doc, ctx, &["objectives"], objective, message)
}

/// Add a SWOT item (PF-3).
///
/// # Errors
/// [`Error::Rule`] if the text is empty.
pub fn add_swot(doc: &mut Automerge, ctx: &EditContext, item: &SwotItem) -> Result<Edited, Error> {
    if item.text.trim().is_empty() {
        return Err(Error::Rule("a SWOT item needs text".into()));
    }
    let message = format!("SWOT {}: {}", item.kind, item.text);
    add_entry(doc, ctx, &["swot"], item, message)
}

/// Resolve an entry id prefix in the current file (helper for callers holding text ids).
///
/// # Errors
/// As [`resolve`].
pub fn resolve_in(doc: &Automerge, section: Section, text: &str) -> Result<Uuid, Error> {
    let f = current(doc)?;
    match section {
        Section::People => resolve(&f.people, text, "person"),
        Section::Interactions => resolve(&f.interactions, text, "interaction"),
        Section::Actions => resolve(&f.actions, text, "action"),
        Section::Risks => resolve(&f.risks, text, "risk"),
        Section::Opportunities => resolve(&f.opportunities, text, "opportunity"),
    }
}

/// The sections whose entries have ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// People.
    People,
    /// Interactions.
    Interactions,
    /// Actions.
    Actions,
    /// Risks.
    Risks,
    /// Opportunities.
    Opportunities,
}

/// Write a whole account file (e.g. from a JSON export) into a freshly created document, as one
/// change. Entry ids are kept.
///
/// # Errors
/// [`Error::Rule`] if the file has no name.
pub fn import_account(
    doc: &mut Automerge,
    ctx: &EditContext,
    file: &AccountFile,
) -> Result<Edited, Error> {
    if file.profile.name.trim().is_empty() {
        return Err(Error::Rule(
            "the account file has no client name (profile.name)".into(),
        ));
    }
    let value = json(file)?;
    let message = format!("Imported account file of {}", file.profile.name);
    transact(doc, ctx, message, None, move |tx| {
        for section in ["profile", "team", "journey"] {
            let obj = path(tx, &[section])?;
            for (k, v) in value[section].as_object().into_iter().flatten() {
                if section == "journey" && k == "history" {
                    let hist = child(tx, &obj, "history")?;
                    for (id, entry) in v.as_object().into_iter().flatten() {
                        put_json(tx, &hist, id, entry)?;
                    }
                } else {
                    put_json(tx, &obj, k, v)?;
                }
            }
        }
        for section in [
            "people",
            "interactions",
            "actions",
            "risks",
            "opportunities",
            "objectives",
            "swot",
        ] {
            let obj = path(tx, &[section])?;
            for (id, entry) in value[section].as_object().into_iter().flatten() {
                put_json(tx, &obj, id, entry)?;
            }
        }
        Ok(())
    })
}

/// Share the file with `node` as a reader or writer, or change its role; `role` is
/// [`crate::schema::READ`] or [`crate::schema::WRITE`]. `label` names the node for the message.
///
/// Only a node that may write the file may share it: the edit is refused here, and sync will
/// refuse such a change from any other node.
///
/// # Errors
/// [`Error::Rule`] if this node may not write the file, the node already has that role, or the
/// role is unknown.
pub fn share(
    doc: &mut Automerge,
    ctx: &EditContext,
    node: casebook_base::NodeId,
    role: &str,
    label: &str,
) -> Result<Edited, Error> {
    if role != crate::schema::READ && role != crate::schema::WRITE {
        return Err(Error::BadValue {
            what: "sharing role",
            input: role.into(),
            accepted: "read, write".into(),
        });
    }
    let file = current(doc)?;
    require_writer(doc, &file)?;
    let key = node.to_string();
    if file.sharing.get(&key).map(String::as_str) == Some(role) {
        return Err(Error::Rule(format!(
            "{} is already shared with {label} ({role})",
            file.profile.name
        )));
    }
    if key == file.owner && role != crate::schema::WRITE {
        return Err(Error::Rule(
            "the owner of a file always keeps write access".into(),
        ));
    }
    let message = format!("Shared {} with {label} ({role})", file.profile.name);
    let role = role.to_string();
    transact(doc, ctx, message, None, move |tx| {
        let sharing = path(tx, &["sharing"])?;
        tx.put(&sharing, key.as_str(), role.as_str())?;
        Ok(())
    })
}

/// Stop sharing the file with `node`.
///
/// # Errors
/// [`Error::Rule`] if this node may not write the file, the node is the owner, or the file is
/// not shared with it.
pub fn unshare(
    doc: &mut Automerge,
    ctx: &EditContext,
    node: casebook_base::NodeId,
    label: &str,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    require_writer(doc, &file)?;
    let key = node.to_string();
    if key == file.owner {
        return Err(Error::Rule(
            "the owner of a file cannot be removed from it".into(),
        ));
    }
    if !file.sharing.contains_key(&key) {
        return Err(Error::Rule(format!(
            "{} is not shared with {label}",
            file.profile.name
        )));
    }
    let message = format!("Stopped sharing {} with {label}", file.profile.name);
    transact(doc, ctx, message, None, move |tx| {
        let sharing = path(tx, &["sharing"])?;
        tx.delete(&sharing, key.as_str())?;
        Ok(())
    })
}

/// Refuse unless the document's actor (this node) may write the file.
fn require_writer(doc: &Automerge, file: &AccountFile) -> Result<(), Error> {
    let me = match crate::history::author_of(doc.get_actor().to_bytes()) {
        crate::history::Author::Node(n) => n.to_string(),
        _ => String::new(),
    };
    if file.sharing.get(&me).map(String::as_str) == Some(crate::schema::WRITE) {
        Ok(())
    } else {
        Err(Error::Rule(format!(
            "this node may only read {}; ask a node that may write it to share it with you",
            file.profile.name
        )))
    }
}

#[cfg(test)]
mod sharing_tests {
    use super::*;
    use casebook_base::NodeId;

    fn setup() -> (Automerge, EditContext, NodeId) {
        let owner = NodeId::from_bytes([1; 32]);
        let mut doc = crate::schema::new_file(casebook_base::FileId::new(), owner).unwrap();
        doc.set_actor(automerge::ActorId::from(&owner.as_bytes()[..]));
        let ctx = EditContext {
            adviser: "Alice".into(),
            now: Utc::now(),
        };
        create_client(
            &mut doc,
            &ctx,
            &OrgConfig::default(),
            &NewClient {
                name: "Acme".into(),
                ..Default::default()
            },
        )
        .unwrap();
        (doc, ctx, owner)
    }

    #[test]
    fn owner_shares_and_unshares() {
        let (mut doc, ctx, owner) = setup();
        let bob = NodeId::from_bytes([2; 32]);
        share(&mut doc, &ctx, bob, "read", "Bob").unwrap();
        let f = view::read(&doc).unwrap();
        assert_eq!(f.owner, owner.to_string());
        assert_eq!(
            f.sharing.get(&bob.to_string()).map(String::as_str),
            Some("read")
        );
        assert!(
            share(&mut doc, &ctx, bob, "read", "Bob").is_err(),
            "no-op share refused"
        );
        share(&mut doc, &ctx, bob, "write", "Bob").unwrap();
        unshare(&mut doc, &ctx, bob, "Bob").unwrap();
        assert!(
            !view::read(&doc)
                .unwrap()
                .sharing
                .contains_key(&bob.to_string())
        );
        assert!(unshare(&mut doc, &ctx, owner, "me").is_err());
        assert!(share(&mut doc, &ctx, owner, "read", "me").is_err());
        assert!(share(&mut doc, &ctx, bob, "admin", "Bob").is_err());
    }

    #[test]
    fn a_reader_cannot_share() {
        let (mut doc, ctx, _) = setup();
        let bob = NodeId::from_bytes([2; 32]);
        share(&mut doc, &ctx, bob, "read", "Bob").unwrap();
        let mut bobs = doc.fork();
        bobs.set_actor(automerge::ActorId::from(&bob.as_bytes()[..]));
        let carol = NodeId::from_bytes([3; 32]);
        let err = share(&mut bobs, &ctx, carol, "read", "Carol").unwrap_err();
        assert!(err.to_string().contains("may only read"), "{err}");
    }
}

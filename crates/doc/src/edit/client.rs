//! Clients: creation, profile and team, journey stages, exit plan and exit.

use automerge::transaction::{Transactable, Transaction};
use automerge::{Automerge, ObjType, ReadDoc, Value};
use casebook_i18n::Message;
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::*;
use crate::Error;
use crate::config::OrgConfig;
use crate::enums::Vocabulary;
use crate::model::*;

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
    /// The language the client prefers: `cy`, `en` or empty (CY-2).
    pub language: String,
    /// The organisation whose rules judge the file (see `casebook_doc::org`), named in the
    /// file so every node that holds it judges it alike.
    pub org: Option<crate::org::Judge>,
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
        return Err(Error::Rule(Message::new("rule-client-needs-name")));
    }
    let stage = config.first_stage().to_string();
    let language = crate::rules::language::normalise(&new.language)?;
    let intake = new.intake_date.unwrap_or_else(|| ctx.now.date_naive());
    dates::check_intake(intake, ctx.now)?;
    let entered = dates::first_stage_entry(intake, ctx.now);
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
            ("language", language.as_str()),
        ] {
            if !v.is_empty() {
                check_text(k, v.trim())?;
                tx.put(&profile, k, v.trim())?;
            }
        }
        tx.put(&profile, "intake_date", intake.to_string())?;
        let segs = tx.put_object(&profile, "segments", ObjType::Map)?;
        for s in &new.segments {
            check_length("segment", s.trim(), casebook_base::limits::MAX_NAME_CHARS)?;
            tx.put(&segs, s.trim().to_ascii_lowercase(), true)?;
        }
        if !new.lead.is_empty() {
            check_text("lead", new.lead.trim())?;
            let team = path(tx, &["team"])?;
            tx.put(&team, "lead", new.lead.trim())?;
        }
        // Written by the creating node here, and after only by its owner's node when it joins
        // another organisation (`org::set_judge`).
        if let Some(judge) = new.org {
            crate::org::write_judge(tx, judge)?;
        }
        enter_stage(tx, &ctx2, &stage, "intake", entered)
    })
}

fn enter_stage(
    tx: &mut Transaction<'_>,
    ctx: &EditContext,
    stage: &str,
    note: &str,
    at: DateTime<Utc>,
) -> Result<(), Error> {
    let journey = path(tx, &["journey"])?;
    tx.put(&journey, "stage", stage)?;
    tx.put(&journey, "stage_entered", at.to_rfc3339())?;
    let history = child(tx, &journey, "history")?;
    let entry = json(&StageEntry {
        stage: stage.to_string(),
        at: Some(at),
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
    /// New preferred language: `cy`, `en` (CY-2).
    pub language: Option<String>,
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
        return Err(Error::Rule(Message::new("rule-client-name-empty")));
    }
    let language = patch
        .language
        .as_deref()
        .map(crate::rules::language::normalise)
        .transpose()?;
    let profile_fields = serde_json::json!({
        "name": patch.name, "legal_form": patch.legal_form, "sector": patch.sector,
        "postcode": patch.postcode, "company_number": patch.company_number, "region": patch.region,
        "mission": patch.mission, "strategy": patch.strategy, "priorities": patch.priorities,
        "language": language,
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
        return Err(Error::Rule(Message::new("rule-nothing-to-change")));
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
                check_length("segment", s.trim(), casebook_base::limits::MAX_NAME_CHARS)?;
                tx.put(&segs, s.trim().to_ascii_lowercase(), true)?;
            }
            for s in &patch.remove_segments {
                tx.delete(&segs, s.trim().to_ascii_lowercase())?;
            }
        }
        if let Some(plan) = &patch.remedial_plan {
            check_text("remedial_plan", plan)?;
            let journey = path(tx, &["journey"])?;
            tx.put(&journey, "remedial_plan", plan.as_str())?;
        }
        Ok(())
    })
}

/// Move the client to another pathway stage now, recording it in the stage history.
///
/// # Errors
/// As [`set_stage_at`].
pub fn set_stage(
    doc: &mut Automerge,
    ctx: &EditContext,
    config: &OrgConfig,
    stage: &str,
    note: &str,
) -> Result<Edited, Error> {
    set_stage_at(doc, ctx, config, stage, note, None)
}

/// Move the client to another pathway stage, entered at `at` (now if `None`), recording it in
/// the stage history.
///
/// # Errors
/// [`Error::BadValue`] for a stage not in the pathway, [`Error::Rule`] if the client has
/// exited or is already in that stage, or if `at` is before the intake or the current stage's
/// entry, or after now.
pub fn set_stage_at(
    doc: &mut Automerge,
    ctx: &EditContext,
    config: &OrgConfig,
    stage: &str,
    note: &str,
    at: Option<DateTime<Utc>>,
) -> Result<Edited, Error> {
    let stage = config.stage(stage)?.name.clone();
    let file = current(doc)?;
    if let Some(at) = at {
        dates::check_stage_entry(
            at,
            file.profile.intake_date,
            file.journey.stage_entered,
            ctx.now,
        )?;
    }
    let at = at.unwrap_or(ctx.now);
    if file.is_exited() {
        return Err(Error::Rule(
            Message::new("rule-client-exited-no-journey").with("client", &file.profile.name),
        ));
    }
    if file.journey.stage == stage {
        return Err(Error::Rule(
            Message::new("rule-already-in-stage")
                .with("client", &file.profile.name)
                .with("stage", stage),
        ));
    }
    let message = format!(
        "Moved {} from {} to {stage}",
        file.profile.name,
        or_none(&file.journey.stage)
    );
    let ctx2 = ctx.clone();
    let note = note.to_string();
    transact(doc, ctx, message, None, move |tx| {
        enter_stage(tx, &ctx2, &stage, &note, at)
    })
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
        return Err(Error::Rule(Message::new("rule-exit-plan-needs-criteria")));
    }
    let file = current(doc)?;
    if let Some(date) = plan.planned_date {
        dates::check_planned_exit(date, file.profile.intake_date)?;
    }
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
        return Err(Error::Rule(
            Message::new("rule-already-exited")
                .with("client", &file.profile.name)
                .with("date", exit.date.to_string())
                .with("reason", exit.reason.word()),
        ));
    }
    dates::check_exit_date(record.date, file.profile.intake_date, ctx.now)?;
    let value = json(record)?;
    let message = format!("Exited {}: {}", file.profile.name, record.reason);
    transact(doc, ctx, message, None, move |tx| {
        let journey = path(tx, &["journey"])?;
        put_json(tx, &journey, "exit", &value)
    })
}

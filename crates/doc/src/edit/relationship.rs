//! The Contact Management Plan (CT-6) and the questions to carry to the client (CT-7).

use automerge::Automerge;
use automerge::transaction::Transactable;
use casebook_i18n::Message;
use chrono::NaiveDate;
use uuid::Uuid;

use super::{EditContext, Edited, add_entry, check_text, current, json, path, put_json, transact};
use crate::Error;
use crate::model::{PlanLine, Topic, TopicAnswer};

/// Plan that `line.ours` keeps in contact with `line.person` every `line.every_days` days.
///
/// # Errors
/// [`Error::NoSuchEntry`] for a person not in the file; [`Error::Rule`] for no one on our side,
/// or a number of days that is 0 or over two years.
pub fn add_plan_line(
    doc: &mut Automerge,
    ctx: &EditContext,
    line: &PlanLine,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let person = line
        .person
        .and_then(|p| file.people.get(&p))
        .ok_or_else(|| {
            Error::no_such_entry(
                "person",
                line.person.map(|p| p.to_string()).unwrap_or_default(),
            )
        })?;
    if line.ours.trim().is_empty() {
        return Err(Error::Rule(Message::new("cp-rule-needs-ours")));
    }
    if !(1..=730).contains(&line.every_days) {
        return Err(Error::Rule(
            Message::new("cp-rule-every").with("days", u64::from(line.every_days)),
        ));
    }
    check_text("owner", line.ours.trim())?;
    check_text("objective", line.objective.trim())?;
    let message = format!(
        "Contact plan for {}: {} sees {} every {} days",
        file.profile.name,
        line.ours.trim(),
        person.name,
        line.every_days
    );
    let mut stored = line.clone();
    stored.ours = line.ours.trim().to_string();
    stored.by.clone_from(&ctx.adviser);
    add_entry(doc, ctx, &["contact_plan"], &stored, message)
}

/// Take line `id` off the plan.
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown line.
pub fn remove_plan_line(doc: &mut Automerge, ctx: &EditContext, id: Uuid) -> Result<Edited, Error> {
    let file = current(doc)?;
    let line = file
        .contact_plan
        .get(&id)
        .ok_or_else(|| Error::no_such_entry("contact plan line", id.to_string()))?;
    let who = line
        .person
        .and_then(|p| file.people.get(&p))
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let message = format!(
        "Contact plan for {}: {} no longer sees {who}",
        file.profile.name, line.ours
    );
    transact(doc, ctx, message, None, move |tx| {
        let plan = path(tx, &["contact_plan"])?;
        tx.delete(&plan, id.to_string())?;
        Ok(())
    })
}

/// Add a question or topic to carry to the client, raised on `today`.
///
/// # Errors
/// [`Error::Rule`] for empty text.
pub fn add_topic(
    doc: &mut Automerge,
    ctx: &EditContext,
    text: &str,
    today: NaiveDate,
) -> Result<Edited, Error> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::Rule(Message::new("cp-rule-topic-text")));
    }
    check_text("text", text)?;
    let file = current(doc)?;
    let message = format!("Topic for {}: {text}", file.profile.name);
    let topic = Topic {
        text: text.to_string(),
        raised: Some(today),
        by: ctx.adviser.clone(),
        answered: None,
    };
    add_entry(doc, ctx, &["topics"], &topic, message)
}

/// Record the answer to topic `id` on `today`.
///
/// # Errors
/// [`Error::NoSuchEntry`] for an unknown topic; [`Error::Rule`] if it is answered already.
pub fn answer_topic(
    doc: &mut Automerge,
    ctx: &EditContext,
    id: Uuid,
    note: &str,
    today: NaiveDate,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    let topic = file
        .topics
        .get(&id)
        .ok_or_else(|| Error::no_such_entry("topic", id.to_string()))?;
    if topic.answered.is_some() {
        return Err(Error::Rule(
            Message::new("cp-rule-answered").with("text", &topic.text),
        ));
    }
    check_text("note", note.trim())?;
    let message = format!("Topic answered: {}", topic.text);
    let answer = json(&TopicAnswer {
        date: Some(today),
        by: ctx.adviser.clone(),
        note: note.trim().to_string(),
    })?;
    transact(doc, ctx, message, None, move |tx| {
        let obj = path(tx, &["topics", &id.to_string()])?;
        put_json(tx, &obj, "answered", &answer)
    })
}

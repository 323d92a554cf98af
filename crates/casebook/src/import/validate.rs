//! Checking an account file from JSON as the CLI checks what an adviser types: every word of
//! a vocabulary, every id, every scale, date and stage, with the same rules
//! ([`casebook_doc::enums`], [`casebook_doc::config`], [`casebook_doc::edit`]'s date checks),
//! so that an imported file holds nothing `casebook` itself would have refused.
//!
//! Every problem names its field by path (`risks.<id>.likelihood`) and the accepted values.

use casebook_i18n::Localised;
use std::fmt::Display;

use casebook_doc::config::check_scale;
use casebook_doc::edit::{self, EditContext};
use casebook_doc::enums::{
    ActionStatus, CosmoGroup, Coverage, Decision, Direction, ExitReason, InteractionKind,
    OpportunityOrigin, OpportunityStatus, PersonRole, Polarity, Purpose, RiskResponse, RiskStatus,
    SwotKind,
};
use casebook_doc::{AccountFile, OrgConfig};
use casebook_i18n::{Arg, Message};
use serde_json::Value;
use uuid::Uuid;

/// A problem at a field: `path: reason`.
fn at(path: &str, reason: impl Into<Arg>) -> Message {
    Message::new("err-json-at")
        .with("path", path)
        .with("why", reason)
}

/// The word at `path` is one of `all` (as written in files: exact, lowercase); `null` or
/// absent is allowed where the field is optional.
fn word<T: Display>(all: &[T], entry: &Value, key: &str, path: &str) -> Result<(), Message> {
    value_is_word(all, entry.get(key), &format!("{path}.{key}"))
}

/// The value of the field at `path`, if any, is one of `all`.
fn value_is_word<T: Display>(all: &[T], value: Option<&Value>, path: &str) -> Result<(), Message> {
    match value {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(s)) if all.iter().any(|v| v.to_string() == *s) => Ok(()),
        Some(other) => Err(at(
            path,
            Message::new("err-json-word")
                .with("value", other.to_string())
                .with(
                    "accepted",
                    all.iter()
                        .map(|v| v.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
        )),
    }
}

/// The entries of a map of entries keyed by id, each key checked to be a UUID.
fn entries<'a>(value: &'a Value, path: &str) -> Result<Vec<(String, &'a Value)>, Message> {
    let Some(map) = value.as_object() else {
        return match value {
            Value::Null => Ok(vec![]),
            _ => Err(at(path, Message::new("err-json-not-a-map"))),
        };
    };
    map.iter()
        .map(|(k, v)| match k.parse::<Uuid>() {
            Ok(_) => Ok((format!("{path}.{k}"), v)),
            Err(_) => Err(at(
                &format!("{path}.{k}"),
                Message::new("err-json-key-not-id"),
            )),
        })
        .collect()
}

/// Check the words and ids of an account file's JSON, before it is read as one (so that a
/// wrong word is named by its field, not by its line and column).
///
/// # Errors
/// Every problem found, one line each.
pub(crate) fn words_and_ids(file: &Value) -> Result<(), Vec<Message>> {
    let mut problems = Vec::new();
    let mut check = |r: Result<(), Message>| {
        if let Err(e) = r {
            problems.push(e);
        }
    };
    let each = |section: &str, check_entry: &mut dyn FnMut(&str, &Value) -> Vec<Message>| {
        let mut out = Vec::new();
        match entries(&file[section], section) {
            Ok(list) => {
                for (path, entry) in list {
                    out.extend(check_entry(&path, entry));
                }
            }
            Err(e) => out.push(e),
        }
        out
    };
    let mut found = Vec::new();
    found.extend(each("interactions", &mut |p, e| {
        [
            word(InteractionKind::ALL, e, "kind", p),
            word(Direction::ALL, e, "direction", p),
            word(Purpose::ALL, e, "purpose", p),
        ]
        .into_iter()
        .filter_map(Result::err)
        .collect()
    }));
    found.extend(each("people", &mut |p, e| {
        let mut out: Vec<Message> = [
            word(InteractionKind::ALL, e, "channel", p),
            word(Coverage::ALL, e, "coverage", p),
        ]
        .into_iter()
        .filter_map(Result::err)
        .collect();
        for role in e["roles"].as_object().into_iter().flatten().map(|(k, _)| k) {
            out.extend(
                value_is_word(
                    PersonRole::ALL,
                    Some(&Value::String(role.clone())),
                    &format!("{p}.roles"),
                )
                .err(),
            );
        }
        match entries(&e["coverage_history"], &format!("{p}.coverage_history")) {
            Ok(list) => out.extend(
                list.into_iter()
                    .filter_map(|(hp, h)| word(Coverage::ALL, h, "state", &hp).err()),
            ),
            Err(m) => out.push(m),
        }
        out
    }));
    found.extend(each("actions", &mut |p, e| {
        word(ActionStatus::ALL, e, "status", p)
            .err()
            .into_iter()
            .collect()
    }));
    found.extend(each("risks", &mut |p, e| {
        [
            word(Polarity::ALL, e, "polarity", p),
            word(RiskResponse::ALL, e, "response", p),
            word(RiskStatus::ALL, e, "status", p),
        ]
        .into_iter()
        .filter_map(Result::err)
        .collect()
    }));
    found.extend(each("opportunities", &mut |p, e| {
        let mut out: Vec<Message> = [
            word(OpportunityOrigin::ALL, e, "origin", p),
            word(OpportunityStatus::ALL, e, "status", p),
        ]
        .into_iter()
        .filter_map(Result::err)
        .collect();
        match entries(&e["sessions"], &format!("{p}.sessions")) {
            Ok(sessions) => {
                for (sp, s) in sessions {
                    out.extend(word(Decision::ALL, s, "decision", &sp).err());
                    match entries(&s["answers"], &format!("{sp}.answers")) {
                        Ok(answers) => out.extend(
                            answers
                                .into_iter()
                                .filter_map(|(ap, a)| word(CosmoGroup::ALL, a, "group", &ap).err()),
                        ),
                        Err(m) => out.push(m),
                    }
                }
            }
            Err(m) => out.push(m),
        }
        out
    }));
    found.extend(each("swot", &mut |p, e| {
        word(SwotKind::ALL, e, "kind", p)
            .err()
            .into_iter()
            .collect()
    }));
    found.extend(each("objectives", &mut |_, _| vec![]));
    check(word(
        ExitReason::ALL,
        &file["journey"]["exit"],
        "reason",
        "journey.exit",
    ));
    if let Err(e) = entries(&file["journey"]["history"], "journey.history") {
        problems.push(e);
    }
    problems.extend(found);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Check what a typed account file holds as the CLI's edits would: the stage is one of the
/// organisation's pathway, scales 1–5, scores 0–5, minutes within a day, dates that can be
/// true, links to entries that exist, texts within their limits.
///
/// # Errors
/// Every problem found, one line each.
pub(crate) fn rules(
    file: &AccountFile,
    config: &OrgConfig,
    ctx: &EditContext,
) -> Result<(), Vec<Message>> {
    let mut problems = Vec::new();
    let check = |problems: &mut Vec<Message>, path: String, r: Result<(), casebook_doc::Error>| {
        if let Err(e) = r {
            problems.push(at(&path, e.message()));
        }
    };
    let p = &file.profile;
    for (key, text) in [
        ("name", &p.name),
        ("legal_form", &p.legal_form),
        ("sector", &p.sector),
        ("postcode", &p.postcode),
        ("company_number", &p.company_number),
        ("region", &p.region),
        ("mission", &p.mission),
        ("strategy", &p.strategy),
        ("priorities", &p.priorities),
        ("source", &p.source),
    ] {
        check(
            &mut problems,
            format!("profile.{key}"),
            edit::check_text(key, text),
        );
    }
    if let Some(intake) = p.intake_date {
        check(
            &mut problems,
            "profile.intake_date".into(),
            edit::dates::check_intake(intake, ctx.now),
        );
    }
    let j = &file.journey;
    if !j.stage.is_empty() {
        check(
            &mut problems,
            "journey.stage".into(),
            config.stage(&j.stage).map(|_| ()),
        );
    }
    for (id, h) in &j.history {
        if !h.stage.is_empty() {
            check(
                &mut problems,
                format!("journey.history.{id}.stage"),
                config.stage(&h.stage).map(|_| ()),
            );
        }
    }
    if let Some(exit) = &j.exit {
        check(
            &mut problems,
            "journey.exit.date".into(),
            edit::dates::check_exit_date(exit.date, p.intake_date, ctx.now),
        );
    }
    if let Some(date) = j.exit_plan.as_ref().and_then(|e| e.planned_date) {
        check(
            &mut problems,
            "journey.exit_plan.planned_date".into(),
            edit::dates::check_planned_exit(date, p.intake_date),
        );
    }
    let link = |what: &'static str, id: &Uuid, held: bool| -> Result<(), casebook_doc::Error> {
        match held {
            true => Ok(()),
            false => Err(casebook_doc::Error::no_such_entry(what, id.to_string())),
        }
    };
    for (id, person) in &file.people {
        check(
            &mut problems,
            format!("people.{id}.name"),
            edit::check_text("name", &person.name),
        );
        if let Some(boss) = &person.reports_to {
            check(
                &mut problems,
                format!("people.{id}.reports_to"),
                link("person", boss, file.people.contains_key(boss)),
            );
        }
    }
    for (id, i) in &file.interactions {
        let path = format!("interactions.{id}");
        check(
            &mut problems,
            format!("{path}.at"),
            edit::dates::check_interaction_time(i.at, ctx.now),
        );
        check(
            &mut problems,
            format!("{path}.minutes"),
            casebook_doc::config::check_range(
                "an interaction's minutes",
                i64::from(i.minutes),
                0,
                i64::from(casebook_base::limits::MAX_INTERACTION_MINUTES),
            ),
        );
        for r in &i.risks {
            check(
                &mut problems,
                format!("{path}.risks"),
                link("risk", r, file.risks.contains_key(r)),
            );
        }
        for o in &i.opportunities {
            check(
                &mut problems,
                format!("{path}.opportunities"),
                link("opportunity", o, file.opportunities.contains_key(o)),
            );
        }
        for person in &i.people {
            check(
                &mut problems,
                format!("{path}.people"),
                link("person", person, file.people.contains_key(person)),
            );
        }
        check(
            &mut problems,
            format!("{path}.summary"),
            edit::check_text("summary", &i.summary),
        );
    }
    for (id, a) in &file.actions {
        check(
            &mut problems,
            format!("actions.{id}.title"),
            edit::check_text("title", &a.title),
        );
    }
    for (id, r) in &file.risks {
        let path = format!("risks.{id}");
        check(
            &mut problems,
            format!("{path}.likelihood"),
            check_scale("likelihood", r.likelihood),
        );
        check(
            &mut problems,
            format!("{path}.severity"),
            check_scale("severity", r.severity),
        );
        if let Some(l) = r.residual_likelihood {
            check(
                &mut problems,
                format!("{path}.residual_likelihood"),
                check_scale("residual likelihood", l),
            );
        }
        if let Some(s) = r.residual_severity {
            check(
                &mut problems,
                format!("{path}.residual_severity"),
                check_scale("residual severity", s),
            );
        }
        if let Some(parent) = &r.parent {
            check(
                &mut problems,
                format!("{path}.parent"),
                link("risk", parent, file.risks.contains_key(parent)),
            );
        }
        if let Some(o) = &r.opportunity {
            check(
                &mut problems,
                format!("{path}.opportunity"),
                link("opportunity", o, file.opportunities.contains_key(o)),
            );
        }
    }
    for (id, o) in &file.opportunities {
        if !(o.value.is_finite() && o.value >= 0.0) {
            problems.push(at(
                &format!("opportunities.{id}.value"),
                Message::new("err-json-not-an-amount").with("value", o.value.to_string()),
            ));
        }
        for (sid, s) in &o.sessions {
            for (aid, a) in &s.answers {
                check(
                    &mut problems,
                    format!("opportunities.{id}.sessions.{sid}.answers.{aid}.score"),
                    casebook_doc::config::check_range(
                        "COSMONAUTS score",
                        i64::from(a.score),
                        0,
                        i64::from(casebook_doc::rules::cosmonauts::MAX_ANSWER_SCORE),
                    ),
                );
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

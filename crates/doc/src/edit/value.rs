//! Competitor appraisals (OP-5), value added and the client's reference status (OP-6).

use automerge::Automerge;
use automerge::transaction::Transactable;
use casebook_i18n::Message;
use uuid::Uuid;

use super::{EditContext, Edited, add_entry, check_text, current, path, transact};
use crate::Error;
use crate::enums::ReferenceStatus;
use crate::model::{Competitor, ValueAdded};

/// Appraise a competitor: a new entry, or (when the client has one of that name) a new
/// appraisal of it, its strengths, weaknesses and date replaced.
///
/// # Errors
/// [`Error::Rule`] for no name, or an appraisal that says nothing.
pub fn appraise_competitor(
    doc: &mut Automerge,
    ctx: &EditContext,
    c: &Competitor,
) -> Result<Edited, Error> {
    let name = c.name.trim();
    if name.is_empty() {
        return Err(Error::Rule(Message::new("op-rule-competitor-name")));
    }
    if c.strengths.trim().is_empty() && c.weaknesses.trim().is_empty() {
        return Err(Error::Rule(Message::new("op-rule-appraisal-empty")));
    }
    for (field, text) in [
        ("name", name),
        ("strengths", c.strengths.trim()),
        ("weaknesses", c.weaknesses.trim()),
    ] {
        check_text(field, text)?;
    }
    let file = current(doc)?;
    if let Some(o) = c.opportunity
        && !file.opportunities.contains_key(&o)
    {
        return Err(Error::no_such_entry("opportunity", o.to_string()));
    }
    let day = c.appraised.map(|d| d.to_string()).unwrap_or_default();
    let known = file
        .competitors
        .iter()
        .find(|(_, x)| x.name.trim().eq_ignore_ascii_case(name))
        .map(|(id, _)| *id);
    let message = format!(
        "Competitor {name} appraised on {day} at {}",
        file.profile.name
    );
    let mut stored = c.clone();
    stored.name = name.to_string();
    stored.by.clone_from(&ctx.adviser);
    match known {
        None => add_entry(doc, ctx, &["competitors"], &stored, message),
        Some(id) => transact(doc, ctx, message, Some(id), move |tx| {
            let obj = path(tx, &["competitors", &id.to_string()])?;
            tx.put(&obj, "strengths", stored.strengths.trim())?;
            tx.put(&obj, "weaknesses", stored.weaknesses.trim())?;
            tx.put(&obj, "appraised", day.as_str())?;
            tx.put(&obj, "by", stored.by.as_str())?;
            Ok(())
        }),
    }
}

/// Log value added for the client.
///
/// # Errors
/// [`Error::Rule`] for no description, no date, or a negative value.
pub fn add_value(doc: &mut Automerge, ctx: &EditContext, v: &ValueAdded) -> Result<Edited, Error> {
    let what = v.what.trim();
    if what.is_empty() {
        return Err(Error::Rule(Message::new("op-rule-value-what")));
    }
    if !(v.value >= 0.0 && v.value.is_finite()) {
        return Err(Error::Rule(Message::new("op-rule-value-negative")));
    }
    let Some(day) = v.date else {
        return Err(Error::Rule(Message::new("op-rule-value-what")));
    };
    check_text("title", what)?;
    let file = current(doc)?;
    let message = format!(
        "Value added for {}: {what} on {day} (£{:.0})",
        file.profile.name, v.value
    );
    let mut stored = v.clone();
    stored.what = what.to_string();
    stored.by.clone_from(&ctx.adviser);
    add_entry(doc, ctx, &["value_added"], &stored, message)
}

/// Set whether the client acts as a reference site.
///
/// # Errors
/// [`Error::Rule`] when it is so already.
pub fn set_reference(
    doc: &mut Automerge,
    ctx: &EditContext,
    status: ReferenceStatus,
) -> Result<Edited, Error> {
    let file = current(doc)?;
    if file.profile.reference == Some(status) {
        return Err(Error::Rule(
            Message::new("op-rule-reference-unchanged").with("name", &file.profile.name),
        ));
    }
    let message = format!("Reference site {}: {status}", file.profile.name);
    transact(doc, ctx, message, None, move |tx| {
        let profile = path(tx, &["profile"])?;
        tx.put(&profile, "reference", status.as_str())?;
        Ok(())
    })
}

/// The id of the client's competitor called `name` (any case).
pub fn competitor_named(file: &crate::model::AccountFile, name: &str) -> Option<Uuid> {
    file.competitors
        .iter()
        .find(|(_, c)| c.name.trim().eq_ignore_ascii_case(name.trim()))
        .map(|(id, _)| *id)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::test_support::{client_with_risk, ctx};

    #[test]
    fn a_competitor_is_appraised_again_under_its_name_and_value_is_logged() {
        let (mut doc, _) = client_with_risk(2, 2);
        let c = ctx("Alice", 12);
        let day = |d| NaiveDate::from_ymd_opt(2026, 5, d);
        let appraisal = Competitor {
            name: "Rival Ltd".into(),
            strengths: "Price".into(),
            weaknesses: "Slow".into(),
            appraised: day(1),
            ..Competitor::default()
        };
        appraise_competitor(&mut doc, &c, &appraisal).unwrap();
        appraise_competitor(
            &mut doc,
            &c,
            &Competitor {
                name: "rival ltd".into(),
                strengths: "Price, now local".into(),
                appraised: day(12),
                ..appraisal.clone()
            },
        )
        .unwrap();
        let file = current(&doc).unwrap();
        assert_eq!(file.competitors.len(), 1);
        let only = file.competitors.values().next().unwrap();
        assert_eq!(
            (only.strengths.as_str(), only.appraised),
            ("Price, now local", day(12))
        );
        assert!(
            appraise_competitor(
                &mut doc,
                &c,
                &Competitor {
                    name: "X".into(),
                    ..Competitor::default()
                }
            )
            .is_err()
        );
        let value = ValueAdded {
            what: "Export seminar".into(),
            date: day(10),
            value: 400.0,
            ..ValueAdded::default()
        };
        add_value(&mut doc, &c, &value).unwrap();
        assert!(
            add_value(
                &mut doc,
                &c,
                &ValueAdded {
                    value: -1.0,
                    ..value
                }
            )
            .is_err()
        );
        set_reference(&mut doc, &c, ReferenceStatus::Agreed).unwrap();
        assert!(set_reference(&mut doc, &c, ReferenceStatus::Agreed).is_err());
    }
}

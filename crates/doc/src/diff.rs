//! The difference between two versions of an account file, section by section.

use serde::Serialize;
use serde_json::Value;

use crate::Error;
use crate::model::AccountFile;

/// One difference between two versions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DiffLine {
    /// `added`, `removed` or `changed`.
    pub op: &'static str,
    /// The section and entry, e.g. `risks/3f2a9c1e` or `profile`.
    pub path: String,
    /// The entry's label (a name or title) where it has one.
    pub label: String,
    /// The field that changed, for `changed`.
    pub field: String,
    /// The old value (for `removed` and `changed`).
    pub before: Option<Value>,
    /// The new value (for `added` and `changed`).
    pub after: Option<Value>,
}

/// A section of the account file (`profile`, `risks`, ...) in words for people, as the
/// message `rec-section-<section>`; `None` for a section casebook does not know.
pub fn section_word(section: &str) -> Option<casebook_i18n::Message> {
    (["profile", "team", "journey"].contains(&section) || KEYED.contains(&section))
        .then(|| casebook_i18n::Message::new(format!("rec-section-{section}")))
}

/// A field of the account file (`stage_entered`, `exit_plan`) in words for people, as the
/// message `field-<field>` (underscores as hyphens); `None` for a field casebook does not
/// know (another tool's).
pub fn field_word(field: &str) -> Option<casebook_i18n::Message> {
    FIELDS
        .contains(&field)
        .then(|| casebook_i18n::Message::new(format!("field-{}", field.replace('_', "-"))))
}

/// Every field name of the account file's model.
const FIELDS: &[&str] = &[
    "account_manager",
    "action",
    "action_plans",
    "actions",
    "activity",
    "administrator",
    "agenda",
    "anonymous",
    "answered",
    "answers",
    "applies",
    "appraised",
    "area",
    "at",
    "attendees",
    "by",
    "category",
    "channel",
    "checklist",
    "closed",
    "code",
    "colour",
    "comment",
    "commentary",
    "company_number",
    "competitors",
    "contact_communicated",
    "contact_plan",
    "contract",
    "contracts",
    "coverage",
    "coverage_history",
    "criteria",
    "date",
    "deadline",
    "decision",
    "decisions",
    "department",
    "deputy",
    "destination",
    "direction",
    "disputes",
    "done_at",
    "due",
    "effectiveness",
    "email",
    "ended",
    "every_days",
    "evidence",
    "exit",
    "exit_plan",
    "explanation",
    "exposure",
    "feedback",
    "file_id",
    "finalised",
    "from",
    "function",
    "goal",
    "group",
    "history",
    "improvements",
    "intake_date",
    "interactions",
    "issued",
    "items",
    "journey",
    "kind",
    "kpis",
    "language",
    "lead",
    "left",
    "legal_form",
    "level",
    "likelihood",
    "line_manager",
    "manager",
    "measure",
    "minutes",
    "mission",
    "mitigation",
    "month",
    "name",
    "needs",
    "neutral_reviewer",
    "next_action",
    "nodes",
    "note",
    "notes",
    "objective",
    "objectives",
    "onward_referral",
    "opportunities",
    "opportunity",
    "origin",
    "our_attendees",
    "ours",
    "outcome",
    "owner",
    "parent",
    "participants",
    "people",
    "person",
    "phone",
    "planned",
    "planned_by",
    "planned_date",
    "planned_for",
    "polarity",
    "postcode",
    "priorities",
    "profile",
    "prr",
    "purpose",
    "question",
    "questions",
    "raised",
    "reason",
    "received",
    "recipient",
    "recipients",
    "reference",
    "region",
    "register",
    "remedial_plan",
    "reporter",
    "reporting",
    "reports_to",
    "residual_likelihood",
    "residual_severity",
    "response",
    "responses",
    "result",
    "review",
    "review_days",
    "reviewed",
    "reviews",
    "risk",
    "risk_alerts",
    "risk_plans",
    "risks",
    "roles",
    "scheduled_by",
    "schema_version",
    "score",
    "scorecards",
    "scores",
    "section",
    "sector",
    "segments",
    "sessions",
    "severity",
    "sharing",
    "source",
    "sponsor",
    "stage",
    "stage_entered",
    "start",
    "started",
    "started_at",
    "started_by",
    "state",
    "status",
    "strategy",
    "strengths",
    "summary",
    "supersedes",
    "surveys",
    "swot",
    "target",
    "team",
    "text",
    "text_cy",
    "their_attendees",
    "tier",
    "tier_history",
    "timescale",
    "title",
    "to",
    "topics",
    "unaware_of",
    "value",
    "value_added",
    "weaknesses",
    "weights",
    "what",
    "withdrawn",
];

const KEYED: &[&str] = &[
    "people",
    "interactions",
    "actions",
    "risks",
    "opportunities",
    "objectives",
    "swot",
    "scorecards",
    "surveys",
    "reviews",
    "contact_plan",
    "topics",
    "competitors",
    "value_added",
    "action_plans",
    "contracts",
    "risk_alerts",
    "risk_plans",
    "tier_history",
];

fn label_of(v: &Value) -> String {
    for key in ["name", "title", "goal", "text", "summary", "month"] {
        if let Some(s) = v.get(key).and_then(Value::as_str)
            && !s.is_empty()
        {
            return s.to_string();
        }
    }
    v.get("kind")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn fields(out: &mut Vec<DiffLine>, path: &str, label: &str, a: &Value, b: &Value) {
    let empty = serde_json::Map::new();
    let am = a.as_object().unwrap_or(&empty);
    let bm = b.as_object().unwrap_or(&empty);
    let keys: std::collections::BTreeSet<&String> = am.keys().chain(bm.keys()).collect();
    for k in keys {
        let (x, y) = (am.get(k), bm.get(k));
        if x != y {
            out.push(DiffLine {
                op: "changed",
                path: path.to_string(),
                label: label.to_string(),
                field: k.clone(),
                before: x.cloned(),
                after: y.cloned(),
            });
        }
    }
}

/// What changed from `before` to `after`.
///
/// # Errors
/// [`Error::Malformed`] only if the views cannot be serialised.
pub fn diff(before: &AccountFile, after: &AccountFile) -> Result<Vec<DiffLine>, Error> {
    let a = serde_json::to_value(before).map_err(Error::Malformed)?;
    let b = serde_json::to_value(after).map_err(Error::Malformed)?;
    let mut out = Vec::new();
    for section in ["profile", "team", "journey"] {
        fields(&mut out, section, section, &a[section], &b[section]);
    }
    for section in KEYED {
        let empty = serde_json::Map::new();
        let am = a[section].as_object().unwrap_or(&empty);
        let bm = b[section].as_object().unwrap_or(&empty);
        for (id, v) in bm {
            let path = format!("{section}/{}", &id[..id.len().min(8)]);
            match am.get(id) {
                None => out.push(DiffLine {
                    op: "added",
                    path,
                    label: label_of(v),
                    field: String::new(),
                    before: None,
                    after: Some(v.clone()),
                }),
                Some(old) if old != v => fields(&mut out, &path, &label_of(v), old, v),
                Some(_) => {}
            }
        }
        for (id, v) in am {
            if !bm.contains_key(id) {
                out.push(DiffLine {
                    op: "removed",
                    path: format!("{section}/{}", &id[..id.len().min(8)]),
                    label: label_of(v),
                    field: String::new(),
                    before: Some(v.clone()),
                    after: None,
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod field_word_tests {
    use super::*;

    #[test]
    fn every_field_of_the_model_has_words_in_both_languages() {
        // Every `pub name:` of the model is a field a diff may show.
        let model = [include_str!("model.rs"), include_str!("model/routines.rs")].concat();
        let mut count = 0;
        for line in model.lines() {
            let Some(rest) = line.trim_start().strip_prefix("pub ") else {
                continue;
            };
            let Some((name, _)) = rest.split_once(':') else {
                continue;
            };
            if !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                continue;
            }
            let word = field_word(name).unwrap_or_else(|| panic!("no words for field {name}"));
            for lang in casebook_i18n::Lang::ALL {
                assert!(lang.lookup(&word.key, &[]).is_some(), "{name} in {lang:?}");
            }
            count += 1;
        }
        assert!(count > 100, "{count} fields");
        assert!(field_word("another_tools_field").is_none());
    }
}

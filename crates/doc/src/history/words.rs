//! Casebook's own change messages in words for people, in any language.
//!
//! Casebook writes each change's message in English (`Added client Afon Valley Foods Ltd`,
//! `Coverage of Dafydd Jones: identified → contacted`): it is stored in the file and travels
//! with it to every node, whatever language its adviser reads. [`change`] recognises those
//! messages and gives a catalogue [`Message`] (keys `rec-change-*`) whose values (names,
//! titles, stages, dates) are the message's own and whose words (`call`, `contacted`) are
//! vocabulary words, so a reader sees the change in their own language. A message casebook
//! did not write (another tool's) is `None`: show it as it is. The English rendering says the
//! same as the stored message, with vocabulary values as words (`fact finding` for
//! `fact-finding`).

use casebook_i18n::Message;

use crate::enums::{
    Coverage, Direction, ExitReason, InteractionKind, OpportunityOrigin, OpportunityStatus,
    PersonRole, Purpose, Rag, SwotKind, Vocabulary,
};

pub(super) fn text(value: &str) -> Message {
    Message::new("rec-text").with("text", value)
}

/// A vocabulary value as its word, or the text as it is if it is none of the values.
pub(super) fn vocab<V: Vocabulary + std::str::FromStr>(value: &str) -> Message {
    value
        .parse::<V>()
        .map_or_else(|_| text(value), |v| v.word())
}

/// `(none)` in words, else the text.
pub(super) fn or_none(value: &str) -> Message {
    if value == "(none)" {
        Message::new("rec-none")
    } else {
        text(value)
    }
}

/// Items as a list: `a, b, c` (the comma is the catalogue's).
pub(crate) fn list(items: Vec<Message>) -> Message {
    chained("rec-list", items)
}

/// Sentences one after another: `a; b; c` (the semicolon is the catalogue's).
pub(crate) fn lines(items: Vec<Message>) -> Message {
    chained("rec-lines", items)
}

/// Items joined pairwise by the catalogue's message `key` (`{ $first }, { $rest }`).
fn chained(key: &'static str, items: Vec<Message>) -> Message {
    let mut items = items.into_iter().rev();
    let Some(mut out) = items.next() else {
        return text("");
    };
    for item in items {
        out = Message::new(key).with("first", item).with("rest", out);
    }
    out
}

/// A field of an entry as its words (`residual likelihood`, `reports to`): the account
/// file's field words ([`crate::diff::field_word`]), else the text as it is.
pub fn field(name: &str) -> Message {
    FIELDS
        .contains(&name)
        .then(|| crate::diff::field_word(&name.replace(' ', "_")))
        .flatten()
        .unwrap_or_else(|| text(name))
}

/// The fields [`field`] has words for.
const FIELDS: &[&str] = &[
    "name",
    "title",
    "department",
    "email",
    "phone",
    "channel",
    "language",
    "reports to",
    "left",
    "legal form",
    "sector",
    "postcode",
    "company number",
    "region",
    "mission",
    "strategy",
    "priorities",
    "lead",
    "deputy",
    "sponsor",
    "contact communicated",
    "remedial plan",
    "stage",
    "likelihood",
    "severity",
    "residual likelihood",
    "residual severity",
    "response",
    "mitigation",
    "owner",
    "status",
    "coverage",
    "exit plan",
    "exit",
    "value",
    "summary",
    "due",
    "polarity",
    "intake date",
    "source",
    "segments",
    "outcome",
    "score",
    "evidence",
    "explanation",
    "next action",
];

/// What a withdrawal took out, as [`crate::edit::withdraw`] words it: `person Dafydd
/// Jones`, `action Send the plan`, `risk ...`, `opportunity ...`, or an interaction as
/// `outbound call on 2026-05-12 (fact-finding)`.
pub fn entry(what: &str) -> Option<Message> {
    for (word, key, arg) in [
        ("person ", "rec-entry-person", "name"),
        ("action ", "rec-entry-action", "title"),
        ("risk alert of ", "rec-entry-risk-alert", "date"),
        ("risk ", "rec-entry-risk", "title"),
        ("opportunity ", "rec-entry-opportunity", "title"),
        ("contract ", "rec-entry-contract", "title"),
        ("tier entry ", "rec-entry-tier", "what"),
    ] {
        if let Some(rest) = what.strip_prefix(word) {
            return Some(Message::new(key).with(arg, rest));
        }
    }
    let (head, purpose) = what.strip_suffix(')')?.rsplit_once(" (")?;
    let (kinds, date) = head.rsplit_once(" on ")?;
    let (direction, kind) = kinds.split_once(' ')?;
    let direction = direction.parse::<Direction>().ok()?;
    let kind = kind.parse::<InteractionKind>().ok()?;
    Some(
        Message::new("rec-entry-interaction")
            .with("direction", direction.word())
            .with("kind", kind.word())
            .with("date", date)
            .with("purpose", vocab::<Purpose>(purpose)),
    )
}

/// The field of a conflict, as [`crate::conflicts::Conflict::what`] words it: `risk 'Key
/// supplier failure' likelihood`, `client 'Afon' stage`, `sharing with node 1a2b3c4d5e`.
pub fn conflict_field(what: &str) -> Option<Message> {
    if let Some(rest) = what.strip_prefix("sharing with ") {
        return Some(match rest.strip_prefix("node ") {
            Some(node) => Message::new("rec-what-sharing-node").with("node", node),
            None => {
                let (name, node) = rest.rsplit_once("'s node ")?;
                Message::new("rec-what-sharing-adviser")
                    .with("name", name)
                    .with("node", node)
            }
        });
    }
    let (word, rest) = what.split_once(" '")?;
    let (label, field_words) = match rest.rsplit_once("' ") {
        Some((label, field_words)) => (label, field_words),
        None => (rest.strip_suffix('\'')?, ""),
    };
    let key = match word {
        "client" => "rec-what-client",
        "person" => "rec-what-person",
        "interaction" => "rec-what-interaction",
        "action" => "rec-what-action",
        "risk" => "rec-what-risk",
        "opportunity" => "rec-what-opportunity",
        "objective" => "rec-what-objective",
        "SWOT item" => "rec-what-swot",
        "scorecard" => "rec-what-scorecard",
        "survey" => "rec-what-survey",
        "review" => "rec-what-review",
        "contact plan line" => "rec-what-plan-line",
        "topic" => "rec-what-topic",
        "competitor" => "rec-what-competitor",
        "value added" => "rec-what-value",
        "action plan" => "rec-what-action-plan",
        "contract" => "rec-what-contract",
        "risk alert" => "rec-what-risk-alert",
        "risk management plan" => "rec-what-risk-plan",
        "tier entry" => "rec-what-tier-entry",
        _ => return None,
    };
    if let Some((code, kpi_field)) = field_words
        .strip_prefix("KPI ")
        .and_then(|rest| rest.split_once(' '))
        .filter(|_| word == "scorecard")
    {
        return Some(
            Message::new("rec-what-scorecard-kpi")
                .with("label", label)
                .with("code", code)
                .with("field", field(kpi_field)),
        );
    }
    let entry = Message::new(key).with("label", label);
    Some(if field_words.is_empty() {
        entry
    } else {
        Message::new("rec-what-field")
            .with("what", entry)
            .with("field", field(field_words))
    })
}

/// `3 by Alice, 4 by Bob`, as a conflict's resolution lists the values it set aside.
fn values_by(values: &str) -> Message {
    let parts: Option<Vec<Message>> = values
        .split(", ")
        .map(|part| {
            part.rsplit_once(" by ").map(|(value, who)| {
                Message::new("rec-value-by")
                    .with("value", value)
                    .with("who", who)
            })
        })
        .collect();
    parts.map_or_else(|| text(values), list)
}

/// A change message casebook wrote, in words for people (see the module's docs).
pub fn change(message: &str) -> Option<Message> {
    let m = message;
    let schema = [
        ("Schema 1: account file created", "rec-change-schema-file"),
        ("Schema 1: organisation created", "rec-change-schema-org"),
        (
            "Schema 2: objectives and SWOT analysis",
            "rec-change-schema-2",
        ),
        ("Schema 3: advisers' nodes", "rec-change-schema-3"),
        (
            "Schema 4: changes brought in from files",
            "rec-change-schema-4",
        ),
        (
            "Schema 5: entries withdrawn as entered by mistake",
            "rec-change-schema-5",
        ),
        ("Schema 6: balanced scorecards", "rec-change-schema-6"),
        ("Schema 7: satisfaction surveys", "rec-change-schema-7"),
        (
            "Schema 8: account performance reviews",
            "rec-change-schema-8",
        ),
        (
            "Schema 9: contact plan, topics, competitors and value added",
            "rec-change-schema-9",
        ),
        (
            "Schema 10: preventative risk register checks",
            "rec-change-schema-10",
        ),
        (
            "Schema 11: sales, proposition and marketing action plans",
            "rec-change-schema-11",
        ),
        (
            "Schema 12: contracts, coloured risk alerts and risk management plans",
            "rec-change-schema-12",
        ),
        ("Schema 13: tiers of clients", "rec-change-schema-13"),
    ];
    if let Some((_, key)) = schema.iter().find(|(text, _)| *text == m) {
        return Some(Message::new(*key));
    }
    if let Some(name) = m.strip_prefix("Added client ") {
        return Some(Message::new("rec-change-added-client").with("name", name));
    }
    if let Some(rest) = m.strip_prefix("Edited person ") {
        let (name, what) = rest.rsplit_once(": ")?;
        let items = what
            .split(", ")
            .map(|w| {
                if let Some(role) = w.strip_prefix('+') {
                    Message::new("rec-change-role-added").with("role", vocab::<PersonRole>(role))
                } else if let Some(role) = w.strip_prefix('-') {
                    Message::new("rec-change-role-removed").with("role", vocab::<PersonRole>(role))
                } else {
                    field(w)
                }
            })
            .collect();
        return Some(
            Message::new("rec-change-edited-person")
                .with("name", name)
                .with("changes", list(items)),
        );
    }
    if let Some(rest) = m.strip_prefix("Edited ") {
        let (name, what) = rest.rsplit_once(": ")?;
        let items = what
            .split(", ")
            .map(|w| {
                if let Some(s) = w.strip_prefix("segment +") {
                    Message::new("rec-change-segment-added").with("segment", s)
                } else if let Some(s) = w.strip_prefix("segment -") {
                    Message::new("rec-change-segment-removed").with("segment", s)
                } else {
                    field(w)
                }
            })
            .collect();
        return Some(
            Message::new("rec-change-edited-client")
                .with("name", name)
                .with("changes", list(items)),
        );
    }
    if let Some(rest) = m.strip_prefix("Moved ") {
        let (head, to) = rest.rsplit_once(" to ")?;
        let (name, from) = head.rsplit_once(" from ")?;
        return Some(
            Message::new("rec-change-moved")
                .with("name", name)
                .with("from", or_none(from))
                .with("to", to),
        );
    }
    for (verb, key) in [
        ("Agreed exit plan for ", "rec-change-exit-plan-agreed"),
        ("Revised exit plan for ", "rec-change-exit-plan-revised"),
    ] {
        if let Some(rest) = m.strip_prefix(verb) {
            let (name, criteria) = rest.split_once(": ")?;
            return Some(
                Message::new(key)
                    .with("name", name)
                    .with("criteria", criteria),
            );
        }
    }
    if let Some(rest) = m.strip_prefix("Exited ") {
        let (name, reason) = rest.rsplit_once(": ")?;
        return Some(
            Message::new("rec-change-exited")
                .with("name", name)
                .with("reason", vocab::<ExitReason>(reason)),
        );
    }
    if let Some(rest) = m.strip_prefix("Logged ") {
        let (rest, contacted) = match rest.rsplit_once("; now contacted: ") {
            Some((rest, names)) => (rest, Some(names)),
            None => (rest, None),
        };
        let (head, purpose) = rest.rsplit_once(": ")?;
        let (direction, head) = head.split_once(' ')?;
        let (kind, with) = head.split_once(" with ")?;
        let logged = Message::new("rec-change-logged")
            .with("direction", vocab::<Direction>(direction))
            .with("kind", vocab::<InteractionKind>(kind))
            .with("with", with)
            .with("purpose", vocab::<Purpose>(purpose));
        return Some(match contacted {
            Some(names) => Message::new("rec-change-now-contacted")
                .with("change", logged)
                .with("names", names),
            None => logged,
        });
    }
    if let Some(rest) = m.strip_prefix("Action for ") {
        let (head, owner) = rest.strip_suffix(')')?.rsplit_once(" (owner ")?;
        let (name, title) = head.split_once(": ")?;
        let message = match owner.rsplit_once(", due ") {
            Some((owner, due)) => Message::new("rec-change-action-due")
                .with("owner", or_none(owner))
                .with("due", due),
            None => Message::new("rec-change-action").with("owner", or_none(owner)),
        };
        return Some(message.with("name", name).with("title", title));
    }
    if let Some(title) = m.strip_prefix("Completed action: ") {
        return Some(Message::new("rec-change-action-done").with("title", title));
    }
    if let Some(rest) = m.strip_prefix("Withdrew ") {
        let (what, rest) = rest.split_once(" from ")?;
        let (name, reason) = rest.split_once(": ")?;
        return Some(
            Message::new("rec-change-withdrew")
                .with("what", entry(what).unwrap_or_else(|| text(what)))
                .with("name", name)
                .with("reason", reason),
        );
    }
    if let Some(rest) = m.strip_prefix("Opportunity for ") {
        let (head, tail) = rest.strip_suffix(')')?.rsplit_once(" (")?;
        let (name, title) = head.split_once(": ")?;
        let (origin, value) = tail.split_once(", £")?;
        return Some(
            Message::new("rec-change-opportunity")
                .with("name", name)
                .with("title", title)
                .with("origin", vocab::<OpportunityOrigin>(origin))
                .with("value", value),
        );
    }
    if let Some(rest) = m.strip_prefix("Opportunity '") {
        for status in OpportunityStatus::ALL {
            let marker = format!("' {} on ", status.words());
            if let Some((title, tail)) = rest.rsplit_once(&marker) {
                let (date, tail) = tail.split_once(" (£")?;
                let (value, reason) = tail.split_once("): ")?;
                return Some(
                    Message::new("rec-change-opportunity-closed")
                        .with("title", title)
                        .with("result", status.word())
                        .with("date", date)
                        .with("value", value)
                        .with("reason", reason),
                );
            }
        }
        return None;
    }
    if let Some(rest) = m.strip_prefix("Lost order '") {
        let (title, tail) = rest.rsplit_once("' reviewed on ")?;
        let (date, notes) = tail.split_once(": ")?;
        return Some(
            Message::new("rec-change-order-reviewed")
                .with("title", title)
                .with("date", date)
                .with("notes", notes),
        );
    }
    if let Some(rest) = m.strip_prefix("Qualified '") {
        let (head, decision) = rest.rsplit_once(", decision ")?;
        let (title, total) = head.rsplit_once("': ")?;
        let total = if total == "unscored" {
            Message::new("rec-unscored")
        } else {
            text(total)
        };
        return Some(
            Message::new("rec-change-qualified")
                .with("title", title)
                .with("total", total)
                .with("decision", vocab::<crate::enums::Decision>(decision)),
        );
    }
    if let Some(rest) = m.strip_prefix("Risk '") {
        let rag = |text_rag: &str| {
            if text_rag == "red: a value is off the 1–5 scale" {
                Message::new("rec-rag-off-scale")
            } else {
                vocab::<Rag>(text_rag)
            }
        };
        if let Some((title, tail)) = rest.rsplit_once("' raised: likelihood ") {
            let (likelihood, tail) = tail.split_once(", severity ")?;
            let (severity, colour) = tail.strip_suffix(')')?.split_once(" (")?;
            return Some(
                Message::new("rec-change-risk-raised")
                    .with("title", title)
                    .with("likelihood", likelihood)
                    .with("severity", severity)
                    .with("rag", rag(colour)),
            );
        }
        let (title, tail) = rest.rsplit_once("' assessed: ")?;
        let (parts, colour) = tail.strip_suffix(')')?.rsplit_once(" (")?;
        let items = parts
            .split(", ")
            .map(|part| {
                // The longest known field the part starts with: `residual likelihood 2`.
                let words: Vec<&str> = part.split(' ').collect();
                (1..words.len())
                    .rev()
                    .map(|n| (words[..n].join(" "), words[n..].join(" ")))
                    .find(|(name, _)| FIELDS.contains(&name.as_str()))
                    .map_or_else(
                        || text(part),
                        |(name, value)| {
                            Message::new("rec-field-value")
                                .with("field", field(&name))
                                .with("value", value)
                        },
                    )
            })
            .collect();
        return Some(
            Message::new("rec-change-risk-assessed")
                .with("title", title)
                .with("changes", list(items))
                .with("rag", rag(colour)),
        );
    }
    if let Some(goal) = m.strip_prefix("Objective: ") {
        return Some(Message::new("rec-change-objective").with("goal", goal));
    }
    if let Some(rest) = m.strip_prefix("SWOT ") {
        let (kind, item) = rest.split_once(": ")?;
        return Some(
            Message::new("rec-change-swot")
                .with("kind", vocab::<SwotKind>(kind))
                .with("text", item),
        );
    }
    if let Some(name) = m.strip_prefix("Imported account file of ") {
        return Some(Message::new("rec-change-imported").with("name", name));
    }
    if let Some(rest) = m.strip_prefix("Added person ") {
        let (head, client) = rest.rsplit_once(" at ")?;
        return Some(match head.split_once(", ") {
            Some((name, title)) => Message::new("rec-change-added-person-titled")
                .with("name", name)
                .with("title", title)
                .with("client", client),
            None => Message::new("rec-change-added-person")
                .with("name", head)
                .with("client", client),
        });
    }
    if let Some(rest) = m.strip_prefix("Coverage of ") {
        let (name, change) = rest.rsplit_once(": ")?;
        let (from, to) = change.split_once(" → ")?;
        return Some(
            Message::new("rec-change-coverage")
                .with("name", name)
                .with("from", vocab::<Coverage>(from))
                .with("to", vocab::<Coverage>(to)),
        );
    }
    if let Some(rest) = m.strip_prefix("Stopped sharing ") {
        let (name, label) = rest.rsplit_once(" with ")?;
        return Some(
            Message::new("rec-change-unshared")
                .with("name", name)
                .with("label", label),
        );
    }
    if let Some(rest) = m.strip_prefix("Shared ") {
        let (head, role) = rest.strip_suffix(')')?.rsplit_once(" (")?;
        let (name, label) = head.rsplit_once(" with ")?;
        let role = match role {
            "read" => Message::new("rec-role-read"),
            "write" => Message::new("rec-role-write"),
            other => text(other),
        };
        return Some(
            Message::new("rec-change-shared")
                .with("name", name)
                .with("label", label)
                .with("role", role),
        );
    }
    if let Some(rest) = m.strip_prefix("Brought in ") {
        let (count, rest) = rest.split_once(' ')?;
        let count: u64 = count.parse().ok()?;
        let source = rest
            .strip_prefix("changes from file ")
            .or_else(|| rest.strip_prefix("change from file "))?;
        return Some(
            Message::new("rec-change-brought-in")
                .with("count", count)
                .with("source", source),
        );
    }
    if let Some(name) = m.strip_prefix("Organisation named ") {
        return Some(Message::new("rec-change-org-named").with("name", name));
    }
    if let Some(rest) = m.strip_prefix("Judged by the rules of ") {
        let name = rest.strip_suffix(" from now on")?;
        return Some(Message::new("rec-change-judged").with("name", name));
    }
    if let Some(rest) = m.strip_prefix("Resolved ") {
        let what = |w: &str| conflict_field(w).unwrap_or_else(|| text(w));
        if let Some((w, tail)) = rest.split_once(": kept ") {
            let (value, who) = tail.strip_suffix(')')?.rsplit_once(" (")?;
            return Some(
                Message::new("rec-change-resolved-kept")
                    .with("what", what(w))
                    .with("value", value)
                    .with("who", who),
            );
        }
        let (w, tail) = rest.split_once(": set ")?;
        let (value, over) = tail.strip_suffix(')')?.rsplit_once(" (over ")?;
        return Some(
            Message::new("rec-change-resolved-set")
                .with("what", what(w))
                .with("value", value)
                .with("values", values_by(over)),
        );
    }
    super::routine_words::change(m)
}

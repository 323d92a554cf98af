//! The change messages of the account manager's routines in words for people (see
//! [`super::words`]): scorecards and the KPI set, surveys and the question bank, reviews and
//! their templates, the contact plan, topics, competitors and value added, the preventative
//! risk register, action plans, contracts, coloured risk alerts and risk management plans.

use casebook_i18n::Message;

use crate::enums::Vocabulary;

use super::words::{field, lines, list, or_none, text, vocab};

/// A routine's change message in words, or `None` for any other message.
pub(super) fn change(m: &str) -> Option<Message> {
    scorecard_change(m)
        .or_else(|| survey_change(m))
        .or_else(|| review_change(m))
        .or_else(|| relationship_change(m))
        .or_else(|| prr_change(m))
        .or_else(|| action_plan_change(m))
        .or_else(|| risk_cycle_change(m))
        .or_else(|| tier_change(m))
}

/// The tiers' messages ([`crate::tiers`] and [`crate::edit::set_tier`]).
fn tier_change(m: &str) -> Option<Message> {
    if let Some(rest) = m.strip_prefix("Tier of ") {
        let (client, rest) = rest.split_once(": ")?;
        let (rest, reason) = rest.strip_suffix(')')?.split_once(" (")?;
        let (name, day) = rest.rsplit_once(" from ")?;
        return Some(
            Message::new("rec-change-tier-set")
                .with("client", client)
                .with("name", name)
                .with("date", day)
                .with("reason", reason),
        );
    }
    if let Some(rest) = m.strip_prefix("Tier '") {
        if let Some((name, days)) = rest.split_once("' added: contact every ") {
            return Some(
                Message::new("rec-change-tier-added")
                    .with("name", name)
                    .with("days", days.strip_suffix(" days")?),
            );
        }
        let (name, fields) = rest.split_once("' changed: ")?;
        return Some(
            Message::new("rec-change-tier-changed")
                .with("name", name)
                .with(
                    "fields",
                    list(fields.split(", ").map(tier_field).collect::<Option<_>>()?),
                ),
        );
    }
    let (name, state) = m.strip_prefix("Tier ")?.rsplit_once(": ")?;
    let key = match state {
        "retired" => "rec-kpi-retired",
        "in use" => "rec-kpi-in-use",
        _ => return None,
    };
    Some(
        Message::new("rec-change-tier-state")
            .with("name", name)
            .with("state", Message::new(key)),
    )
}

/// A tier's field in words, from its English words in a change message.
fn tier_field(words: &str) -> Option<Message> {
    let (field, _) = crate::tiers::FIELD_WORDS
        .iter()
        .find(|(_, w)| *w == words)?;
    Some(Message::new(format!(
        "tier-field-{}",
        field.replace('_', "-")
    )))
}

/// An owned action's tail as [`crate::edit`] writes it, `{item} (owner {owner}, due {date})`:
/// the item, the owner and the due words.
fn owned(tail: &str) -> Option<(&str, &str, Message)> {
    let (item, owner) = tail.strip_suffix(')')?.rsplit_once(" (owner ")?;
    Some(match owner.split_once(", due ") {
        Some((o, d)) => (
            item,
            o,
            Message::new("rec-change-survey-improvement-due").with("date", d),
        ),
        None => (item, owner, text("")),
    })
}

/// The messages of contracts, coloured risk alerts and risk management plans
/// ([`crate::edit::add_contract`] and friends).
fn risk_cycle_change(m: &str) -> Option<Message> {
    if let Some(rest) = m.strip_prefix("Contract '") {
        if let Some((title, day)) = rest.split_once("' ended on ") {
            return Some(
                Message::new("rec-change-contract-ended")
                    .with("title", title)
                    .with("date", day),
            );
        }
        let (title, tail) = rest.split_once("' made (manager ")?;
        let (manager_start, value) = tail.strip_suffix(')')?.rsplit_once(", £")?;
        let (manager, start) = match manager_start.split_once(", starts ") {
            Some((m, d)) => (
                m,
                Message::new("rec-change-contract-starts").with("date", d),
            ),
            None => (manager_start, text("")),
        };
        return Some(
            Message::new("rec-change-contract-made")
                .with("title", title)
                .with("manager", manager)
                .with("start", start)
                .with("value", value),
        );
    }
    if let Some(rest) = m.strip_prefix("Risk alerts for ") {
        let (what, tail) = rest.rsplit_once(": ")?;
        let (reporter, tail) = tail.rsplit_once(" every ")?;
        let (every, day) = tail.split_once(" days from ")?;
        return Some(
            Message::new("rec-change-alert-duty")
                .with("what", scope_words(what)?)
                .with("reporter", reporter)
                .with("every", every)
                .with("date", day),
        );
    }
    if let Some(rest) = m.strip_prefix("Risk alert for ") {
        let (rest, below) = match rest.rsplit_once(", below the register (") {
            Some((r, colour)) => (
                r,
                Message::new("rec-change-alert-below").with(
                    "colour",
                    vocab::<crate::enums::Rag>(colour.strip_suffix(')')?),
                ),
            ),
            None => (rest, text("")),
        };
        let (what, tail) = rest.rsplit_once(": ")?;
        let (colour, tail) = tail.split_once(" from ")?;
        let (reporter, day) = tail.rsplit_once(" on ")?;
        return Some(
            Message::new("rec-change-alert-sent")
                .with("what", scope_words(what)?)
                .with("colour", vocab::<crate::enums::Rag>(colour))
                .with("reporter", reporter)
                .with("date", day)
                .with("below", below),
        );
    }
    let rest = m.strip_prefix("Risk management plan for ")?;
    if let Some((what, tail)) = rest.split_once(": action on '") {
        let (risk, tail) = tail.split_once("': ")?;
        let (item, owner, due) = owned(tail)?;
        return Some(
            Message::new("rec-change-risk-plan-action")
                .with("what", scope_words(what)?)
                .with("risk", risk)
                .with("item", item)
                .with("owner", or_none(owner))
                .with("due", due),
        );
    }
    if let Some((what, day)) = rest.rsplit_once(" reviewed on ") {
        return Some(
            Message::new("rec-change-risk-plan-reviewed")
                .with("what", scope_words(what)?)
                .with("date", day),
        );
    }
    let (what, tail) = rest.rsplit_once(": owner ")?;
    let (owner, every) = tail.rsplit_once(", reviewed every ")?;
    Some(
        Message::new("rec-change-risk-plan-started")
            .with("what", scope_words(what)?)
            .with("owner", owner)
            .with("every", every.strip_suffix(" days")?),
    )
}

/// The action plans' messages ([`crate::edit::add_action_plan`] and friends).
fn action_plan_change(m: &str) -> Option<Message> {
    if let Some(rest) = m.strip_prefix("Action plan (") {
        let (kind, rest) = rest.split_once(") for ")?;
        let (client, title) = rest.split_once(": ")?;
        return Some(
            Message::new("rec-change-plan-made")
                .with("kind", vocab::<crate::enums::PlanKind>(kind))
                .with("client", client)
                .with("title", title),
        );
    }
    let rest = m.strip_prefix("Action plan '")?;
    if let Some((title, day)) = rest.split_once("' reviewed on ") {
        return Some(
            Message::new("rec-change-plan-reviewed")
                .with("title", title)
                .with("date", day),
        );
    }
    let (title, tail) = rest.split_once("': item ")?;
    let (item, owner, due) = owned(tail)?;
    Some(
        Message::new("rec-change-plan-item")
            .with("title", title)
            .with("item", item)
            .with("owner", or_none(owner))
            .with("due", due),
    )
}

/// The Preventative Risk Register's messages ([`crate::prr`] and
/// [`crate::edit::check_prr_item`]).
fn prr_change(m: &str) -> Option<Message> {
    let rest = m.strip_prefix("Preventative risk ")?;
    let (code, tail) = rest.split_once(' ')?;
    if let Some(tail) = tail.strip_prefix("added (") {
        let (scope, text_) = tail.split_once("): ")?;
        return Some(
            Message::new("rec-change-prr-added")
                .with("code", code)
                .with("scope", Message::new(format!("prr-scope-{scope}")))
                .with("text", text_),
        );
    }
    if let Some(state) = code.strip_suffix(':').and(Some(tail)) {
        let key = match state {
            "retired" => "rec-kpi-retired",
            "in use" => "rec-kpi-in-use",
            _ => return None,
        };
        return Some(
            Message::new("rec-change-prr-changed")
                .with("code", code.trim_end_matches(':'))
                .with("state", Message::new(key)),
        );
    }
    let tail = tail.strip_prefix("for ")?;
    let (what, decided) = tail.rsplit_once(": ")?;
    let decided = match decided {
        "applies" => Message::new("prr-applies"),
        "does not apply" => Message::new("rec-prr-not-applies"),
        _ => return None,
    };
    let what = scope_words(what)?;
    Some(
        Message::new("rec-change-prr-checked")
            .with("code", code)
            .with("what", what)
            .with("decided", decided),
    )
}

/// The messages of the contact plan, topics, competitors and value added
/// ([`crate::edit::add_plan_line`] and friends).
fn relationship_change(m: &str) -> Option<Message> {
    if let Some(rest) = m.strip_prefix("Contact plan for ") {
        let (client, line) = rest.split_once(": ")?;
        if let Some((ours, person)) = line.split_once(" no longer sees ") {
            return Some(
                Message::new("rec-change-plan-removed")
                    .with("client", client)
                    .with("ours", ours)
                    .with("person", person),
            );
        }
        if let Some((ours, tail)) = line.split_once(" sees ") {
            let (person, days) = tail.rsplit_once(" every ")?;
            let days: u64 = days.strip_suffix(" days")?.parse().ok()?;
            return Some(
                Message::new("rec-change-plan-added")
                    .with("client", client)
                    .with("ours", ours)
                    .with("person", person)
                    .with("days", days),
            );
        }
        return None;
    }
    if let Some(rest) = m.strip_prefix("Topic for ") {
        let (client, topic) = rest.split_once(": ")?;
        return Some(
            Message::new("rec-change-topic-added")
                .with("client", client)
                .with("text", topic),
        );
    }
    if let Some(topic) = m.strip_prefix("Topic answered: ") {
        return Some(Message::new("rec-change-topic-answered").with("text", topic));
    }
    if let Some(rest) = m.strip_prefix("Competitor ") {
        let (name, tail) = rest.split_once(" appraised on ")?;
        let (date, client) = tail.split_once(" at ")?;
        return Some(
            Message::new("rec-change-competitor")
                .with("name", name)
                .with("date", date)
                .with("client", client),
        );
    }
    if let Some(rest) = m.strip_prefix("Value added for ") {
        let (client, tail) = rest.split_once(": ")?;
        let (what, tail) = tail.rsplit_once(" on ")?;
        let (date, value) = tail.strip_suffix(')')?.split_once(" (")?;
        return Some(
            Message::new("rec-change-value-added")
                .with("client", client)
                .with("what", what)
                .with("date", date)
                .with("value", value),
        );
    }
    let rest = m.strip_prefix("Reference site ")?;
    let (client, status) = rest.rsplit_once(": ")?;
    Some(
        Message::new("rec-change-reference")
            .with("client", client)
            .with("status", vocab::<crate::enums::ReferenceStatus>(status)),
    )
}

/// The account performance review's messages ([`crate::edit::schedule_review`] and friends,
/// and the templates of [`crate::review_templates`]).
fn review_change(m: &str) -> Option<Message> {
    for (prefix, added, changed) in [
        (
            "Review agenda item ",
            "rec-change-agenda-added",
            "rec-change-agenda-changed",
        ),
        (
            "Review question ",
            "rec-change-rvq-added",
            "rec-change-rvq-changed",
        ),
    ] {
        if let Some(rest) = m.strip_prefix(prefix) {
            let (code, tail) = rest.split_once(' ')?;
            if let Some(text_) = tail.strip_prefix("added: ") {
                return Some(Message::new(added).with("code", code).with("text", text_));
            }
            let code = code.strip_suffix(':')?;
            let state = match tail {
                "retired" => Message::new("rec-kpi-retired"),
                "in use" => Message::new("rec-kpi-in-use"),
                _ => return None,
            };
            return Some(
                Message::new(changed)
                    .with("code", code)
                    .with("state", state),
            );
        }
    }
    if let Some(rest) = m.strip_prefix("Reviews of ") {
        let (client, days) = rest.rsplit_once(" every ")?;
        let days: u64 = days.strip_suffix(" days")?.parse().ok()?;
        return Some(
            Message::new("rec-change-review-days")
                .with("name", client)
                .with("days", days),
        );
    }
    if let Some(rest) = m.strip_prefix("Review (") {
        let (kind, rest) = rest.split_once(") of ")?;
        let (client, date) = rest.rsplit_once(" scheduled for ")?;
        return Some(
            Message::new("rec-change-review-scheduled")
                .with(
                    "kind",
                    match kind {
                        "with the client" => crate::enums::ReviewKind::Client.word(),
                        other => vocab::<crate::enums::ReviewKind>(other),
                    },
                )
                .with("name", client)
                .with("date", date),
        );
    }
    let rest = m.strip_prefix("Review of ")?;
    if let Some((date, count)) = rest.split_once(" closed with ") {
        let count: u64 = count.strip_suffix(" actions")?.parse().ok()?;
        return Some(
            Message::new("rec-change-review-closed")
                .with("date", date)
                .with("count", count),
        );
    }
    let (date, what) = rest.split_once(": ")?;
    let said = if let Some(names) = what.strip_prefix("attended by ") {
        Message::new("rec-review-attended").with("names", names)
    } else if let Some(code) = what.strip_prefix("minutes of ") {
        Message::new("rec-review-minutes").with("code", code)
    } else if let Some(code) = what.strip_prefix("answer to ") {
        Message::new("rec-review-answer").with("code", code)
    } else if let Some(tail) = what.strip_prefix("action ") {
        let (title, owner, due) = owned(tail)?;
        Message::new("rec-review-action")
            .with("title", title)
            .with("owner", or_none(owner))
            .with("due", due)
    } else if let Some(tail) = what.strip_prefix("decided ") {
        let (kind, value) = tail.split_once(' ')?;
        Message::new("rec-review-decided")
            .with("what", vocab::<crate::enums::ReviewDecision>(kind))
            .with("value", value)
    } else if let Some(update) = what.strip_prefix("updated ") {
        if !crate::rules::review::CHECKLIST.contains(&update) {
            return None;
        }
        Message::new("rec-review-updated")
            .with("update", Message::new(format!("rv-update-{update}")))
    } else {
        return None;
    };
    Some(
        Message::new("rec-change-review")
            .with("date", date)
            .with("what", said),
    )
}

/// The satisfaction survey's messages ([`crate::edit::plan_survey`] and friends, and the
/// question bank's [`crate::survey_bank`]).
fn survey_change(m: &str) -> Option<Message> {
    if let Some(rest) = m.strip_prefix("Survey question ") {
        let (code, tail) = rest.split_once(' ')?;
        if let Some(tail) = tail.strip_prefix("added (") {
            let (level, text_) = tail.split_once("): ")?;
            return Some(
                Message::new("rec-change-question-added")
                    .with("code", code)
                    .with("level", vocab::<crate::enums::SurveyLevel>(level))
                    .with("text", text_),
            );
        }
        let code = code.strip_suffix(':')?;
        let key = match tail {
            "retired" => "rec-change-question-retired",
            "in use" => "rec-change-question-in-use",
            _ => return None,
        };
        return Some(Message::new(key).with("code", code));
    }
    let rest = m.strip_prefix("Survey '")?;
    if let Some((title, tail)) = rest.split_once("' planned (deadline ") {
        let (deadline, count) = tail.split_once(", ")?;
        let count: u64 = count.strip_suffix(" questions)")?.parse().ok()?;
        return Some(
            Message::new("rec-change-survey-planned")
                .with("title", title)
                .with("deadline", deadline)
                .with("count", count),
        );
    }
    if let Some((title, count)) = rest.split_once("' issued to ") {
        let count: u64 = count.strip_suffix(" people")?.parse().ok()?;
        return Some(
            Message::new("rec-change-survey-issued")
                .with("title", title)
                .with("count", count),
        );
    }
    if let Some((title, count)) = rest.split_once("' closed with ") {
        let count: u64 = count.strip_suffix(" responses")?.parse().ok()?;
        return Some(
            Message::new("rec-change-survey-closed")
                .with("title", title)
                .with("count", count),
        );
    }
    let (title, tail) = rest.split_once("': ")?;
    if let Some(tail) = tail.strip_prefix("improvement: ") {
        let (action, owner, due) = owned(tail)?;
        return Some(
            Message::new("rec-change-survey-improvement")
                .with("title", title)
                .with("action", action)
                .with("owner", or_none(owner))
                .with("due", due),
        );
    }
    if let Some(tail) = tail.strip_prefix("results fed back to ") {
        let (to, day) = tail.rsplit_once(" on ")?;
        return Some(
            Message::new("rec-change-survey-feedback")
                .with("title", title)
                .with("to", to)
                .with("date", day),
        );
    }
    let level = |l: &str| vocab::<crate::enums::SurveyLevel>(l);
    if let Some(who) = tail.strip_prefix("response from ") {
        let (name, lvl) = who.strip_suffix(')')?.rsplit_once(" (")?;
        if name == "anonymous" {
            return Some(
                Message::new("rec-change-survey-response-anonymous")
                    .with("title", title)
                    .with("level", level(lvl)),
            );
        }
        return Some(
            Message::new("rec-change-survey-response")
                .with("title", title)
                .with("name", name)
                .with("level", level(lvl)),
        );
    }
    let (name, lvl) = tail.strip_suffix(')')?.rsplit_once(" asked (")?;
    Some(
        Message::new("rec-change-survey-asked")
            .with("title", title)
            .with("name", name)
            .with("level", level(lvl)),
    )
}

/// The balanced scorecard's messages ([`crate::edit::start_scorecard`], `answer_kpi`,
/// `finalise_scorecard`, and the KPI set's [`crate::kpis`]).
fn scorecard_change(m: &str) -> Option<Message> {
    if let Some(rest) = m.strip_prefix("Scorecard for ") {
        if let Some(month) = rest.strip_suffix(" started to correct the finalised one") {
            return Some(Message::new("rec-change-scorecard-correction").with("month", month));
        }
        let (month, count) = rest.split_once(" started (")?;
        let count: u64 = count.strip_suffix(" KPIs)")?.parse().ok()?;
        return Some(
            Message::new("rec-change-scorecard-started")
                .with("month", month)
                .with("count", count),
        );
    }
    if let Some(rest) = m.strip_prefix("Scorecard ") {
        if let Some((month, tail)) = rest.split_once(" finalised: ") {
            let (percent, tail) = tail.split_once("% (Level 1 ")?;
            let (level1, tail) = tail.split_once(", Level 2 ")?;
            let (level2, tail) = tail.split_once("); ")?;
            let count: u64 = tail.strip_suffix(" actions opened")?.parse().ok()?;
            return Some(
                Message::new("rec-change-scorecard-finalised")
                    .with("month", month)
                    .with("percent", percent)
                    .with("level1", level1)
                    .with("level2", level2)
                    .with("count", count),
            );
        }
        let (month, tail) = rest.split_once(": ")?;
        let (code, said) = tail.split_once(' ')?;
        let parts: Option<Vec<Message>> = said
            .split("; ")
            .map(|part| match part {
                "answered yes" => Some(Message::new("rec-scorecard-answered-yes")),
                "answered no" => Some(Message::new("rec-scorecard-answered-no")),
                fields => Some(list(fields.split(", ").map(field).collect())),
            })
            .collect();
        return Some(
            Message::new("rec-change-scorecard-answer")
                .with("month", month)
                .with("code", code)
                .with("what", lines(parts?)),
        );
    }
    let rest = m.strip_prefix("KPI ")?;
    if let Some((code, tail)) = rest.split_once(" added (level ") {
        let (level, text_) = tail.split_once("): ")?;
        return Some(
            Message::new("rec-change-kpi-added")
                .with("code", code)
                .with("level", level)
                .with("text", text_),
        );
    }
    let (code, what) = rest.split_once(": ")?;
    let parts: Option<Vec<Message>> = what
        .split("; ")
        .map(|part| {
            if let Some(new) = part.strip_prefix("code ") {
                return Some(Message::new("rec-kpi-code").with("code", new));
            }
            if let Some(q) = part.strip_prefix("Welsh question '") {
                return Some(
                    Message::new("rec-kpi-question-cy").with("text", q.strip_suffix('\'')?),
                );
            }
            if let Some(q) = part.strip_prefix("question '") {
                return Some(Message::new("rec-kpi-question").with("text", q.strip_suffix('\'')?));
            }
            match part {
                "retired" => Some(Message::new("rec-kpi-retired")),
                "in use" => Some(Message::new("rec-kpi-in-use")),
                _ => None,
            }
        })
        .collect();
    Some(
        Message::new("rec-change-kpi-changed")
            .with("code", code)
            .with("what", lines(parts?)),
    )
}

/// The words of a scope as [`crate::edit`] writes them: "the account", "opportunity '…'",
/// "contract '…'".
fn scope_words(what: &str) -> Option<Message> {
    if what == "the account" {
        return Some(Message::new("prr-for-account"));
    }
    let quoted = |prefix: &str| {
        what.strip_prefix(prefix)
            .and_then(|t| t.strip_prefix('\''))
            .and_then(|t| t.strip_suffix('\''))
    };
    if let Some(title) = quoted("opportunity ") {
        return Some(Message::new("prr-for-opportunity").with("title", title));
    }
    quoted("contract ").map(|title| Message::new("prr-for-contract").with("title", title))
}

//! `casebook review show|list` and the templates' listings (RV-1..RV-8).

use casebook::Node;
use casebook::kpis::question;
use casebook::review_templates::Template;
use casebook::reviews::pick_review;
use casebook::rules::review::{
    ReviewFacts, answered_by_heading, carried_forward, checklist_left, next_due,
};
use serde::Serialize;

use super::{Ctx, find};
use crate::i18n::{current, t, ta, word};
use crate::output::{self, headed, line};

pub(crate) fn show(ctx: &Ctx, file: &str, review: Option<&str>) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let id = find(&node, file)?;
    let account = node.read(id)?;
    let rid = pick_review(&account, review)?;
    let r = &account.reviews[&rid];
    let carried = carried_forward(&account, Some(rid));
    let headings = answered_by_heading(r);
    let left = checklist_left(r);
    let problems: Vec<String> = casebook::rules::review::close_problems(r)
        .iter()
        .filter(|_| r.closed.is_none())
        .map(crate::i18n::say)
        .collect();
    if ctx.json {
        return output::json(&serde_json::json!({
            "file_id": id,
            "review": rid,
            "detail": r,
            "carried_forward": carried,
            "answered_by_heading": headings,
            "updates_left": left,
            "cannot_close_because": problems,
        }));
    }
    let kind = r.kind.map(word).unwrap_or_default();
    line(ta(
        "rv-show-title",
        &[
            ("client", account.profile.name.as_str().into()),
            ("kind", kind.into()),
            (
                "date",
                r.date.map(|d| d.to_string()).unwrap_or_default().into(),
            ),
        ],
    ))?;
    let attendees: Vec<&str> = r.attendees.keys().map(String::as_str).collect();
    line(ta(
        "rv-show-people",
        &[
            ("account_manager", r.account_manager.as_str().into()),
            ("line_manager", r.line_manager.as_str().into()),
            ("attendees", attendees.join(", ").into()),
        ],
    ))?;
    let mut table = headed(&["sc-col-code", "rv-col-item", "rv-col-minutes"]);
    let mut items: Vec<_> = r.agenda.iter().collect();
    items.sort_by_key(|(_, i)| {
        i.code
            .trim_start_matches('R')
            .parse::<u32>()
            .unwrap_or(u32::MAX)
    });
    for (iid, item) in items {
        table.add_row(vec![
            item.code.clone(),
            question(&item.text, &item.text_cy, current()).to_string(),
            r.minutes.get(iid).cloned().unwrap_or_default(),
        ]);
    }
    line(table)?;
    let answered: Vec<String> = headings
        .iter()
        .map(|h| {
            format!(
                "{} {}/{}",
                t(&format!("rv-heading-{}", h.heading)),
                h.answered,
                h.of
            )
        })
        .collect();
    line(ta(
        "rv-show-answered",
        &[("headings", answered.join(", ").into())],
    ))?;
    for (kind, ids) in [
        (
            "rv-show-actions",
            r.actions.keys().copied().collect::<Vec<_>>(),
        ),
        ("rv-show-carried", carried),
    ] {
        let titles: Vec<String> = ids
            .iter()
            .filter_map(|a| account.actions.get(a))
            .map(|a| format!("{} ({})", a.title, a.owner))
            .collect();
        if !titles.is_empty() {
            line(ta(kind, &[("actions", titles.join("; ").into())]))?;
        }
    }
    for d in r.decisions.values() {
        line(ta(
            "rv-show-decision",
            &[
                ("what", d.what.map(word).unwrap_or_default().into()),
                ("value", d.value.as_str().into()),
            ],
        ))?;
    }
    if !left.is_empty() {
        let words: Vec<String> = left
            .iter()
            .map(|u| t(&format!("rv-checklist-{u}")))
            .collect();
        line(ta(
            "rv-show-updates-left",
            &[("updates", words.join(", ").into())],
        ))?;
    }
    if !problems.is_empty() {
        line(ta(
            "rv-show-cannot-close",
            &[("problems", problems.join("; ").into())],
        ))?;
    }
    Ok(())
}

/// One account on the routine, as `list --json` prints it.
#[derive(Serialize)]
struct ClientRow {
    file_id: String,
    client: String,
    lead: String,
    last_held: Option<chrono::NaiveDate>,
    due: Option<chrono::NaiveDate>,
    overdue: bool,
}

pub(crate) fn list(ctx: &Ctx, file: Option<&str>) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let today = casebook::time::local_date(node.now());
    let Some(file) = file else {
        let mut rows: Vec<ClientRow> = node
            .summaries()?
            .into_iter()
            .filter(|s| s.is_active() && s.reviews.started)
            .map(|s| {
                let next = next_due(&s.reviews, today);
                ClientRow {
                    file_id: s.file_id,
                    client: s.name,
                    lead: s.lead,
                    last_held: s.reviews.last_held,
                    due: next.due,
                    overdue: next.overdue,
                }
            })
            .collect();
        let order = crate::i18n::collation();
        rows.sort_by(|a, b| order.compare(&a.client, &b.client));
        if ctx.json {
            return output::json(&rows);
        }
        if rows.is_empty() {
            return line(t("rv-list-none"));
        }
        let mut table = headed(&[
            "column-client",
            "column-lead",
            "rv-col-last-held",
            "rv-col-due",
        ]);
        for r in rows {
            let due = r.due.map(|d| d.to_string()).unwrap_or_default();
            table.add_row(vec![
                r.client,
                r.lead,
                r.last_held.map(|d| d.to_string()).unwrap_or_default(),
                if r.overdue {
                    format!("{due} {}", t("rec-overdue"))
                } else {
                    due
                },
            ]);
        }
        return line(table);
    };
    let id = find(&node, file)?;
    let account = node.read(id)?;
    let next = next_due(&ReviewFacts::of(&account), today);
    let mut reviews: Vec<_> = account.reviews.iter().collect();
    reviews.sort_by_key(|(rid, r)| (r.date, **rid));
    if ctx.json {
        let rows: Vec<serde_json::Value> = reviews
            .iter()
            .map(|(rid, r)| {
                serde_json::json!({
                    "review": rid, "kind": r.kind, "date": r.date,
                    "closed": r.closed.is_some(), "actions": r.actions.len(),
                    "attendees": r.attendees.keys().collect::<Vec<_>>(),
                })
            })
            .collect();
        return output::json(&serde_json::json!({
            "file_id": id, "client": account.profile.name, "reviews": rows, "next": next,
        }));
    }
    line(ta(
        "rv-list-title",
        &[("client", account.profile.name.as_str().into())],
    ))?;
    let mut table = headed(&[
        "rv-col-date",
        "rv-col-kind",
        "rv-col-state",
        "rv-col-actions",
        "column-id",
    ]);
    for (rid, r) in reviews {
        table.add_row(vec![
            r.date.map(|d| d.to_string()).unwrap_or_default(),
            r.kind.map(word).unwrap_or_default(),
            t(if r.closed.is_some() {
                "rv-state-closed"
            } else {
                "rv-state-open"
            }),
            r.actions.len().to_string(),
            casebook::view::short(rid),
        ]);
    }
    line(table)?;
    line(ta(
        if next.overdue {
            "rv-next-overdue"
        } else {
            "rv-next-due"
        },
        &[(
            "date",
            next.due.map(|d| d.to_string()).unwrap_or_default().into(),
        )],
    ))
}

pub(crate) fn template(ctx: &Ctx, node: &Node, which: Template) -> anyhow::Result<()> {
    let items = node.review_template(which)?;
    if ctx.json {
        return output::json(&items);
    }
    let mut table = headed(&[
        "sc-col-code",
        "rv-col-group",
        "rv-col-item",
        "sc-col-in-use",
    ]);
    for i in &items {
        let group = match which {
            Template::Question => t(&format!("rv-heading-{}", i.group)),
            Template::Agenda => i.group.clone(),
        };
        table.add_row(vec![
            i.code.clone(),
            group,
            i.text_in(current()).to_string(),
            t(if i.retired { "sc-retired" } else { "sc-in-use" }),
        ]);
    }
    line(table)
}

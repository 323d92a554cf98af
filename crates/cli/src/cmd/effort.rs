//! `casebook effort`: the hours logged with contacts over a period, by client, tier or adviser,
//! against each tier's budget and each adviser's capacity (CL-3, PF-5).

use std::collections::BTreeMap;

use casebook::rules::effort::{Load, budget, hours, months, year_to};
use serde::Serialize;

use super::{Ctx, opt_date};
use crate::args::EffortArgs;
use crate::i18n::{current, t, ta};
use crate::output::{self, headed, line};

/// One row of the report.
#[derive(Debug, Default, Serialize)]
struct Row {
    /// The client, tier or adviser ("" for clients in no tier, or with no lead).
    name: String,
    /// The client's file, in rows by client.
    #[serde(skip_serializing_if = "Option::is_none")]
    file_id: Option<String>,
    /// Clients counted.
    clients: usize,
    /// Hours logged over the period.
    hours: f64,
    /// The budget for the period: the tier's hours a year, prorated; none without one.
    budget: Option<f64>,
    /// Whether the hours exceed the budget.
    over_budget: bool,
}

pub(crate) fn run(ctx: &Ctx, a: &EffortArgs) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let today = casebook::time::local_date(node.now());
    let to = opt_date("--to", &a.to)?.unwrap_or(today);
    let from = opt_date("--from", &a.from)?.unwrap_or_else(|| year_to(to));
    if from > to {
        anyhow::bail!(t("effort-error-period"));
    }
    let by = a.by.trim().to_ascii_lowercase();
    if !["client", "tier", "adviser"].contains(&by.as_str()) {
        anyhow::bail!(ta("effort-error-by", &[("by", a.by.as_str().into())]));
    }
    let rules = node.rules()?;
    let summaries: Vec<_> = node
        .summaries()?
        .into_iter()
        .filter(|s| {
            a.adviser
                .as_deref()
                .is_none_or(|x| s.lead.eq_ignore_ascii_case(x))
        })
        .collect();
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for s in &summaries {
        let config = rules.for_file(s);
        let tier = config.tier(s.facts.tier);
        let h = hours(&s.minutes_by_month, from, to);
        if h == 0.0 && !s.is_active() {
            continue;
        }
        // Clients by file, so two of the same name stay two rows.
        let (key, name) = match by.as_str() {
            "tier" => {
                let t = tier.map(|t| t.name.clone()).unwrap_or_default();
                (t.clone(), t)
            }
            "adviser" => (s.lead.clone(), s.lead.clone()),
            _ => (s.file_id.clone(), s.name.clone()),
        };
        let row = rows.entry(key).or_insert_with(|| Row {
            name,
            file_id: (by == "client").then(|| s.file_id.clone()),
            ..Row::default()
        });
        row.clients += 1;
        row.hours += h;
        if by != "adviser"
            && let Some(t) = tier.filter(|t| t.effort_hours > 0)
        {
            *row.budget.get_or_insert(0.0) += budget(t.effort_hours, from, to);
        }
    }
    let n = months(from, to).len();
    let mut rows: Vec<Row> = rows.into_values().collect();
    let order = crate::i18n::collation();
    rows.sort_by(|a, b| order.compare(&a.name, &b.name));
    for r in &mut rows {
        if by == "adviser" {
            let load = Load::of(
                &r.name,
                r.clients,
                r.hours,
                n,
                rules.own.capacity_of(&r.name),
            );
            r.budget = load
                .capacity
                .as_ref()
                .filter(|c| c.hours > 0)
                .map(|c| c.hours as f64 * n as f64 / 12.0);
        }
        r.over_budget = r.budget.is_some_and(|b| r.hours > b);
    }
    if ctx.json {
        return output::json(&serde_json::json!({
            "from": from, "to": to, "months": n, "by": by, "rows": rows,
        }));
    }
    line(ta(
        "effort-title",
        &[
            ("from", from.to_string().into()),
            ("to", to.to_string().into()),
            ("months", n.into()),
        ],
    ))?;
    let first = match by.as_str() {
        "tier" => "tier-col-name",
        "adviser" => "effort-col-adviser",
        _ => "column-client",
    };
    let mut table = headed(&[
        first,
        "column-clients",
        "effort-col-hours",
        "effort-col-budget",
        "effort-col-over",
    ]);
    let tiers = node.tiers()?;
    for r in &rows {
        let name = match (by.as_str(), r.name.is_empty()) {
            ("tier", true) => t("portfolio-no-tier"),
            ("tier", false) => tiers
                .iter()
                .find(|x| x.name == r.name)
                .map_or_else(|| r.name.clone(), |x| x.name_in(current()).to_string()),
            (_, true) => t("effort-no-lead"),
            _ => r.name.clone(),
        };
        table.add_row(vec![
            name,
            r.clients.to_string(),
            format!("{:.1}", r.hours),
            r.budget.map(|b| format!("{b:.1}")).unwrap_or_default(),
            if r.over_budget {
                t("effort-over")
            } else {
                String::new()
            },
        ]);
    }
    line(table)
}

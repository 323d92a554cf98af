//! `casebook portfolio`: the PF-6 health dashboard.

use casebook::Node;
use casebook::portfolio::{Conflicted, Flagged, Portfolio, portfolio_judged};
use chrono::Duration;

use super::{Ctx, opt_date};
use crate::args::PortfolioArgs;
use crate::output::{self, line, table};

pub(crate) fn run(ctx: &Ctx, a: &PortfolioArgs) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let p = compute(
        &node,
        a.adviser.as_deref(),
        opt_date("--from", &a.from)?,
        opt_date("--to", &a.to)?,
    )?;
    if ctx.json {
        output::json(&p)
    } else {
        print(&p)
    }
}

/// Compute the dashboard from the index; churn over the last 90 days unless given.
pub(crate) fn compute(
    node: &Node,
    adviser: Option<&str>,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
) -> anyhow::Result<Portfolio> {
    let now = node.now();
    let to = to.unwrap_or(casebook::time::local_date(now));
    let from = from.unwrap_or(to - Duration::days(90));
    if from > to {
        anyhow::bail!("--from {from} is after --to {to}; give the period start first");
    }
    // Each file judged by its organisation's rules (a partner's file by the partner's).
    Ok(portfolio_judged(
        &node.summaries()?,
        &node.rules()?,
        adviser,
        now,
        from,
        to,
    ))
}

fn section(title: &str, rows: &[Flagged], ok: &str) -> anyhow::Result<()> {
    if rows.is_empty() {
        return line(format!("✔ {title}: none — {ok}"));
    }
    line(format!("✘ {title}: {}", rows.len()))?;
    let mut t = table(&["id", "client", "lead", "why"]);
    for r in rows {
        t.add_row(vec![
            r.file_id[..8].to_string(),
            r.name.clone(),
            r.lead.clone(),
            r.detail.clone(),
        ]);
    }
    line(t)
}

fn conflicts(rows: &[Conflicted]) -> anyhow::Result<()> {
    if rows.is_empty() {
        return line("✔ Open conflicts: none — every field holds one agreed value");
    }
    line(format!(
        "✘ Open conflicts: {} — colours and flags take the worst value until resolved",
        rows.len()
    ))?;
    let mut t = table(&["id", "client", "lead", "fields", "list them with"]);
    for r in rows {
        t.add_row(vec![
            r.file_id.get(..8).unwrap_or(&r.file_id).to_string(),
            r.name.clone(),
            r.lead.clone(),
            r.fields.to_string(),
            r.command.clone(),
        ]);
    }
    line(t)
}

/// Print the dashboard for a person.
pub(crate) fn print(p: &Portfolio) -> anyhow::Result<()> {
    line(format!(
        "Portfolio health — {} — {}",
        p.adviser.as_deref().unwrap_or("all advisers"),
        p.as_of.format("%Y-%m-%d")
    ))?;
    line(format!(
        "Caseload: {} active, {} exited\n",
        p.active, p.exited
    ))?;
    section(
        "Overdue contacts",
        &p.overdue_contacts,
        "everyone contacted recently",
    )?;
    section("Stalled journeys", &p.stalled, "every journey is moving")?;
    section(
        "Unresponsive clients",
        &p.unresponsive,
        "every client is responding",
    )?;
    section("Red risk roll-ups", &p.red_rollups, "no red accounts")?;
    section(
        "Risk registers with data problems",
        &p.risk_data_problems,
        "every risk register reads cleanly",
    )?;
    section(
        "Active clients without an exit plan",
        &p.no_exit_plan,
        "every client has an exit plan",
    )?;
    section(
        "Clients without a named point of contact",
        &p.no_point_of_contact,
        "every client has a lead adviser",
    )?;
    section("Overdue actions", &p.overdue_actions, "no action is late")?;
    conflicts(&p.conflicts)?;
    let mut t = table(&["stage", "clients"]);
    for (s, n) in &p.by_stage {
        t.add_row(vec![s.clone(), n.to_string()]);
    }
    line(format!("\nCaseload by stage\n{t}"))?;
    let mut t = table(&["segment", "clients"]);
    for (s, n) in &p.by_segment {
        t.add_row(vec![s.clone(), n.to_string()]);
    }
    line(format!("Caseload by segment\n{t}"))?;
    if p.adviser.is_none() {
        let mut t = table(&["lead adviser", "clients"]);
        for (s, n) in &p.by_adviser {
            t.add_row(vec![s.clone(), n.to_string()]);
        }
        line(format!("Caseload by adviser\n{t}"))?;
    }
    let c = &p.churn;
    line(format!(
        "Churn {} to {}: {} exits, {} intakes, average caseload {:.1}, churn rate {}",
        c.from,
        c.to,
        c.exits,
        c.intakes,
        c.average_caseload,
        c.rate
            .map(|r| format!("{:.1}%", r * 100.0))
            .unwrap_or_else(|| "n/a".into())
    ))
}

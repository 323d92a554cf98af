//! `casebook config ...`.

use casebook::OrgConfig;
use casebook::config_types::RagMatrix;
use casebook::enums::CosmoGroup;

use super::{Ctx, word};
use crate::args::ConfigCmd;
use crate::output::{self, line, table};

/// A change of the organisation's rules, applied inside the transaction that writes them.
type Change = Box<dyn FnOnce(&mut OrgConfig) -> Result<(), casebook::DocError>>;

pub(crate) fn run(ctx: &Ctx, cmd: ConfigCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    // What changes, and what to say of it in the organisation document's history; checked here,
    // applied to the rules as they are when the change is written.
    let (message, change): (String, Change) = match cmd {
        ConfigCmd::Show => return show(ctx, &node.organisation()?),
        ConfigCmd::Rag { amber_at, red_at } => {
            let matrix = RagMatrix::from_checked_thresholds(amber_at, red_at)?;
            (
                format!("Settings: RAG amber from {amber_at}, red from {red_at}"),
                Box::new(move |c| {
                    c.rag_matrix = matrix;
                    Ok(())
                }),
            )
        }
        ConfigCmd::Weight { group, weight } => {
            let group = word::<CosmoGroup>(&group)?;
            (
                format!("Settings: COSMONAUTS weight of {group} {weight}"),
                Box::new(move |c| {
                    c.cosmonauts_weights.insert(group, weight);
                    Ok(())
                }),
            )
        }
        ConfigCmd::Pathway { stages } => {
            let mut names: Vec<String> = Vec::new();
            for name in stages {
                let name = name.trim().to_ascii_lowercase();
                if name.is_empty() || name.contains(char::is_whitespace) {
                    anyhow::bail!(
                        "stage names are single words such as 'diagnostic' or 'action-plan', got '{name}'"
                    );
                }
                if names.contains(&name) {
                    anyhow::bail!("stage '{name}' is listed twice");
                }
                names.push(name);
            }
            (
                format!("Settings: pathway {}", names.join(" → ")),
                Box::new(move |c| {
                    // Stages kept keep their day limits; new ones get 60 days.
                    c.pathway = names
                        .into_iter()
                        .map(|name| {
                            let max_days = c.stage(&name).map(|s| s.max_days).unwrap_or(60);
                            casebook::config_types::PathwayStage { name, max_days }
                        })
                        .collect();
                    Ok(())
                }),
            )
        }
        ConfigCmd::StageDays { stage, days } => {
            let name = node.config()?.stage(&stage)?.name.clone();
            (
                format!("Settings: stalled after {days} days in {name}"),
                Box::new(move |c| {
                    let name = c.stage(&name)?.name.clone();
                    if let Some(s) = c.pathway.iter_mut().find(|s| s.name == name) {
                        s.max_days = days;
                    }
                    Ok(())
                }),
            )
        }
        ConfigCmd::Thresholds {
            contact_due_days,
            unresponsive_days,
            unresponsive_attempts,
            stalled_days,
        } => {
            let said: Vec<String> = [
                contact_due_days.map(|d| format!("contact due after {d} days")),
                unresponsive_days.map(|d| format!("unresponsive after {d} days")),
                unresponsive_attempts.map(|n| format!("unresponsive after {n} attempts")),
                stalled_days.map(|d| format!("stalled after {d} days without progress")),
            ]
            .into_iter()
            .flatten()
            .collect();
            if said.is_empty() {
                anyhow::bail!(
                    "give at least one of --contact-due-days, --unresponsive-days, --unresponsive-attempts, --stalled-days"
                );
            }
            (
                format!("Settings: {}", said.join(", ")),
                Box::new(move |c| {
                    c.contact_due_days = contact_due_days.unwrap_or(c.contact_due_days);
                    c.unresponsive_days = unresponsive_days.unwrap_or(c.unresponsive_days);
                    c.unresponsive_attempts =
                        unresponsive_attempts.unwrap_or(c.unresponsive_attempts);
                    c.stalled_no_progress_days = stalled_days.unwrap_or(c.stalled_no_progress_days);
                    Ok(())
                }),
            )
        }
    };
    let (config, files) = node.change_config(&message, change)?;
    let org = node.organisation()?;
    if ctx.json {
        output::json(&serde_json::json!({
            "organisation": org.id, "version": org.version, "config": config,
            "summaries_recomputed": files,
        }))
    } else {
        line(format!(
            "{message}: saved in {}'s settings (version {}); {files} client summaries recomputed. Other nodes of the organisation take it when they sync.",
            org.name, org.version
        ))
    }
}

fn show(ctx: &Ctx, org: &casebook::org::Organisation) -> anyhow::Result<()> {
    let c = &org.config;
    if ctx.json {
        return output::json(c);
    }
    line(format!(
        "Settings of {} (version {}), set by its administrators: {}",
        org.name,
        org.version,
        org.administrators
            .iter()
            .map(|n| org.label(n))
            .collect::<Vec<_>>()
            .join(", ")
    ))?;
    line("RAG matrix (rows: likelihood 5→1, columns: severity 1→5)")?;
    let mut t = table(&["L \\ S", "1", "2", "3", "4", "5"]);
    for l in (0..5).rev() {
        let mut row = vec![(l + 1).to_string()];
        row.extend(c.rag_matrix.0[l].iter().map(|r| r.to_string()));
        t.add_row(row);
    }
    line(t)?;
    let mut t = table(&["COSMONAUTS group", "weight"]);
    for g in CosmoGroup::ALL {
        t.add_row(vec![g.to_string(), c.weight(*g).to_string()]);
    }
    line(t)?;
    let mut t = table(&["pathway stage", "stalled after (days)"]);
    for s in &c.pathway {
        t.add_row(vec![s.name.clone(), s.max_days.to_string()]);
    }
    line(t)?;
    line(format!(
        "Contact due after {} days · unresponsive after {} days or {} unanswered attempts · stalled after {} days without progress",
        c.contact_due_days,
        c.unresponsive_days,
        c.unresponsive_attempts,
        c.stalled_no_progress_days
    ))
}

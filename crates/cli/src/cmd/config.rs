//! `casebook config ...`.

use casebook::OrgConfig;
use casebook::config_types::RagMatrix;
use casebook::enums::{CosmoGroup, Vocabulary};

use super::{Ctx, word};
use crate::args::ConfigCmd;
use crate::i18n::{Lang, t, ta};
use crate::output::{self, headed, line};
use casebook_i18n::Message;

/// A change of the organisation's rules, applied inside the transaction that writes them.
type Change = Box<dyn FnOnce(&mut OrgConfig) -> Result<(), casebook::DocError>>;

pub(crate) fn run(ctx: &Ctx, cmd: ConfigCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    // What changes, and what to say of it in the organisation document's history; checked here,
    // applied to the rules as they are when the change is written.
    // The message is written in English in the history and said in the run's language.
    let (message, change): (Message, Change) = match cmd {
        ConfigCmd::Show => return show(ctx, &node.organisation()?),
        ConfigCmd::Band {
            measure,
            name,
            min,
            max,
        } => {
            use casebook::rules::balance::{Band, Measure, key};
            let m = match measure.trim().to_ascii_lowercase().as_str() {
                "segment" => Measure::Segment,
                "stage" => Measure::Stage,
                "churn" => Measure::Churn,
                other => anyhow::bail!(ta(
                    "config-error-band-measure",
                    &[("measure", other.into())]
                )),
            };
            let mut name = name.unwrap_or_default().trim().to_string();
            if (m == Measure::Churn) != name.is_empty() {
                anyhow::bail!(t("config-error-band-name"));
            }
            // The names the caseload is counted by: the pathway's stage as written, segment
            // tags in lower case.
            match m {
                Measure::Stage => name = node.config()?.stage(&name)?.name.clone(),
                Measure::Segment => name = name.to_lowercase(),
                Measure::Churn => {}
            }
            let k = key(m, &name);
            (
                Message::new("config-set-band")
                    .with("band", k.as_str())
                    .with("min", min)
                    .with("max", max),
                Box::new(move |c| {
                    if min == 0 && max == 100 {
                        c.bands.remove(&k);
                    } else {
                        c.bands.insert(k, Band { min, max });
                    }
                    Ok(())
                }),
            )
        }
        ConfigCmd::Capacity {
            adviser,
            clients,
            hours,
        } => {
            let adviser = adviser.trim().to_string();
            if adviser.is_empty() {
                anyhow::bail!(t("config-error-capacity-adviser"));
            }
            (
                Message::new("config-set-capacity")
                    .with("adviser", adviser.as_str())
                    .with("clients", clients)
                    .with("hours", hours),
                Box::new(move |c| {
                    if clients == 0 && hours == 0 {
                        c.capacity.remove(&adviser);
                    } else {
                        c.capacity.insert(
                            adviser,
                            casebook::rules::effort::Capacity { clients, hours },
                        );
                    }
                    Ok(())
                }),
            )
        }
        ConfigCmd::Rag { amber_at, red_at } => {
            let matrix = RagMatrix::from_checked_thresholds(amber_at, red_at)?;
            (
                Message::new("config-set-rag")
                    .with("amber", amber_at.to_string())
                    .with("red", red_at.to_string()),
                Box::new(move |c| {
                    c.rag_matrix = matrix;
                    Ok(())
                }),
            )
        }
        ConfigCmd::Weight { group, weight } => {
            let group = word::<CosmoGroup>(&group)?;
            (
                Message::new("config-set-weight")
                    .with("group", group.word())
                    .with("weight", weight.to_string()),
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
                    anyhow::bail!(ta("config-error-stage-word", &[("name", name.into())]));
                }
                if names.contains(&name) {
                    anyhow::bail!(ta("config-error-stage-twice", &[("name", name.into())]));
                }
                names.push(name);
            }
            (
                Message::new("config-set-pathway").with("stages", names.join(" → ")),
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
                Message::new("config-set-stage-days")
                    .with("days", days)
                    .with("stage", name.as_str()),
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
            let said: Vec<Message> = [
                contact_due_days.map(|d| Message::new("config-part-contact-due").with("days", d)),
                unresponsive_days
                    .map(|d| Message::new("config-part-unresponsive-days").with("days", d)),
                unresponsive_attempts
                    .map(|n| Message::new("config-part-unresponsive-attempts").with("attempts", n)),
                stalled_days.map(|d| Message::new("config-part-stalled").with("days", d)),
            ]
            .into_iter()
            .flatten()
            .collect();
            if said.is_empty() {
                anyhow::bail!(t("config-error-no-threshold"));
            }
            (
                said.into_iter()
                    .reduce(|all, next| {
                        Message::new("config-parts")
                            .with("first", all)
                            .with("next", next)
                    })
                    .map(|all| Message::new("config-set-thresholds").with("thresholds", all))
                    .unwrap_or_else(|| Message::new("config-error-no-threshold")),
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
    let (config, files) = node.change_config(&message.render(Lang::En), change)?;
    let org = node.organisation()?;
    if ctx.json {
        output::json(&serde_json::json!({
            "organisation": org.id, "version": org.version, "config": config,
            "summaries_recomputed": files,
        }))
    } else {
        line(ta(
            "config-saved",
            &[
                ("change", message.into()),
                ("organisation", org.name.as_str().into()),
                ("version", org.version.as_str().into()),
                ("files", files.into()),
            ],
        ))
    }
}

fn show(ctx: &Ctx, org: &casebook::org::Organisation) -> anyhow::Result<()> {
    let c = &org.config;
    if ctx.json {
        return output::json(c);
    }
    line(ta(
        "config-show-title",
        &[
            ("organisation", org.name.as_str().into()),
            ("version", org.version.as_str().into()),
            (
                "administrators",
                org.administrators
                    .iter()
                    .map(|n| super::org::label(org, n))
                    .collect::<Vec<_>>()
                    .join(", ")
                    .into(),
            ),
        ],
    ))?;
    line(t("config-show-matrix"))?;
    let mut table = headed(&[
        "config-column-l-s",
        "config-column-1",
        "config-column-2",
        "config-column-3",
        "config-column-4",
        "config-column-5",
    ]);
    for l in (0..5).rev() {
        let mut row = vec![(l + 1).to_string()];
        row.extend(c.rag_matrix.0[l].iter().map(|r| crate::i18n::word(*r)));
        table.add_row(row);
    }
    line(table)?;
    let mut table = headed(&["config-column-group", "config-column-weight"]);
    for g in CosmoGroup::ALL {
        table.add_row(vec![crate::i18n::word(*g), c.weight(*g).to_string()]);
    }
    line(table)?;
    let mut table = headed(&["config-column-stage", "config-column-stalled-after"]);
    for s in &c.pathway {
        table.add_row(vec![s.name.clone(), s.max_days.to_string()]);
    }
    line(table)?;
    line(ta(
        "config-show-thresholds",
        &[
            ("contact", c.contact_due_days.into()),
            ("unresponsive", c.unresponsive_days.into()),
            ("attempts", c.unresponsive_attempts.into()),
            ("stalled", c.stalled_no_progress_days.into()),
        ],
    ))
}

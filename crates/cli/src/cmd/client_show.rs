//! `casebook show` (and `client show`): a client's whole account file, now or at a point in
//! its history.

use anyhow::Context;
use casebook::model::AccountFile;
use casebook::rules::{cosmonauts, coverage, rollup};
use casebook::{Node, view};

use super::{Ctx, find};
use crate::args::ShowArgs;
use crate::i18n::{t as tr, ta, word as said_word};
use crate::output::{self, line, rag, when};

pub(crate) fn show(ctx: &Ctx, a: &ShowArgs) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let file = find(&node, &a.file)?;
    let account = match &a.at {
        Some(at) => node.read_at(file, at)?,
        None => node.read(file)?,
    };
    if ctx.json {
        let roll = rollup::rollup(&account, &node.config_for(file)?.rag_matrix);
        return output::json(&serde_json::json!({
            "account_file": account,
            "rollup": roll,
            "disputed": account.disputes.any() || account.disputes.conflicts.is_some_and(|n| n > 0),
            "disputes": account.disputes,
        }));
    }
    print_account(&node, &account).context(tr("rec-printing-account-file"))
}

pub(crate) fn print_account(node: &Node, f: &AccountFile) -> anyhow::Result<()> {
    let cfg = node.config_for(f.file_id.parse()?)?;
    let roll = rollup::rollup(f, &cfg.rag_matrix);
    let p = &f.profile;
    let or = format!(" {} ", tr("word-or"));
    line(format!("{}  ({})", p.name, f.file_id))?;
    if let Some(n) = f.disputes.conflicts.filter(|n| *n > 0) {
        line(format!(
            "  ⚠ {}",
            ta(
                "rec-show-conflicts",
                &[
                    ("count", n.into()),
                    ("file", f.file_id.get(..8).unwrap_or(&f.file_id).into()),
                ],
            )
        ))?;
    }
    let segs: Vec<&str> = p.segments.keys().map(String::as_str).collect();
    line(format!(
        "  {}",
        ta(
            "rec-show-profile",
            &[
                ("legal-form", dash(&p.legal_form).into()),
                ("sector", dash(&p.sector).into()),
                ("region", dash(&p.region).into()),
                ("postcode", p.postcode.as_str().into()),
                ("company-number", dash(&p.company_number).into()),
                ("segments", dash(&segs.join(", ")).into()),
            ],
        )
    ))?;
    line(format!(
        "  {}",
        ta(
            "rec-show-team",
            &[
                (
                    "intake",
                    p.intake_date
                        .map(|d| d.to_string())
                        .unwrap_or("-".into())
                        .into(),
                ),
                ("source", dash(&p.source).into()),
                ("lead", dash(&f.team.lead).into()),
                ("deputy", dash(&f.team.deputy).into()),
                ("sponsor", dash(&f.team.sponsor).into()),
            ],
        )
    ))?;
    let language = match p.language.as_str() {
        "cy" => tr("language-cy"),
        "en" => tr("language-en"),
        _ => "-".to_string(),
    };
    line(format!(
        "  {}",
        ta("show-language-of-service", &[("language", language.into())])
    ))?;
    line(format!(
        "  {}",
        ta(
            "rec-show-contact-communicated",
            &[(
                "date",
                f.team
                    .contact_communicated
                    .map_or_else(|| tr("rec-show-not-yet"), |d| d.to_string())
                    .into(),
            )],
        )
    ))?;
    for (label, text) in [
        ("rec-show-mission", &p.mission),
        ("rec-show-strategy", &p.strategy),
        ("rec-show-priorities", &p.priorities),
    ] {
        if !text.trim().is_empty() {
            line(format!("  {}", ta(label, &[("text", text.into())])))?;
        }
    }
    line(format!(
        "  {}",
        ta(
            "rec-show-rollup",
            &[
                ("rag", rag(roll.account).into()),
                (
                    "disputed",
                    if roll.disputed {
                        format!(" {}", tr("word-disputed"))
                    } else {
                        String::new()
                    }
                    .into(),
                ),
            ],
        )
    ))?;
    let j = &f.journey;
    let stage = if f.disputes.stage_disputed() {
        format!("{} {}", f.disputes.stage.join(&or), tr("word-disputed"))
    } else {
        dash(&j.stage).to_string()
    };
    line(format!(
        "\n{}",
        ta(
            "rec-show-journey",
            &[
                ("stage", stage.into()),
                ("since", when(j.stage_entered).into()),
            ],
        )
    ))?;
    let mut hist: Vec<_> = j.history.values().collect();
    hist.sort_by_key(|h| h.at);
    for h in hist {
        line(format!(
            "  {}  → {}  {}  {}",
            when(h.at),
            h.stage,
            ta("rec-show-by", &[("who", dash(&h.by).into())]),
            h.note
        ))?;
    }
    if !j.remedial_plan.trim().is_empty() {
        line(format!(
            "  {}",
            ta(
                "rec-show-remedial-plan",
                &[("text", j.remedial_plan.as_str().into())]
            )
        ))?;
    }
    match &j.exit_plan {
        Some(e) => line(format!(
            "  {}",
            ta(
                "rec-show-exit-plan",
                &[
                    ("criteria", e.criteria.as_str().into()),
                    (
                        "planned",
                        e.planned_date
                            .map(|d| d.to_string())
                            .unwrap_or("-".into())
                            .into(),
                    ),
                    ("onward", dash(&e.onward_referral).into()),
                ],
            )
        ))?,
        None => line(format!("  {}", tr("rec-show-no-exit-plan")))?,
    }
    if let Some(x) = &j.exit {
        line(format!(
            "  {}",
            ta(
                "rec-show-exited",
                &[
                    ("date", x.date.to_string().into()),
                    ("reason", said_word(x.reason).into()),
                    ("outcome", dash(&x.outcome).into()),
                    ("destination", dash(&x.destination).into()),
                ],
            )
        ))?;
    }
    if !f.objectives.is_empty() || !f.swot.is_empty() {
        line(format!("\n{}", tr("rec-show-objectives-heading")))?;
        for o in f.objectives.values() {
            line(format!(
                "  {}",
                ta(
                    "rec-show-objective",
                    &[
                        ("goal", o.goal.as_str().into()),
                        ("measure", dash(&o.measure).into()),
                        ("target", dash(&o.target).into()),
                        (
                            "due",
                            o.due.map(|d| d.to_string()).unwrap_or("-".into()).into(),
                        ),
                    ],
                )
            ))?;
        }
        for s in f.swot.values() {
            line(format!("  {}: {}", said_word(s.kind), s.text))?;
        }
    }
    if !f.people.is_empty() {
        line(format!("\n{}", tr("rec-show-people-heading")))?;
        let mut t = output::headed(&[
            "column-id",
            "rec-col-name",
            "rec-col-title",
            "rec-col-roles",
            "rec-col-channel",
            "rec-col-coverage",
            "rec-col-reports-to",
        ]);
        for (id, p) in &f.people {
            let roles: Vec<String> = p.roles.keys().map(|r| said_word(*r)).collect();
            let boss = p
                .reports_to
                .and_then(|b| f.people.get(&b))
                .map(|b| b.name.clone())
                .unwrap_or_default();
            t.add_row(vec![
                view::short(id),
                if p.left {
                    format!("{} {}", p.name, tr("rec-show-left"))
                } else {
                    p.name.clone()
                },
                p.title.clone(),
                roles.join(", "),
                p.channel.map(said_word).unwrap_or_default(),
                match f.disputes.person(id) {
                    Some(d) => ta(
                        "rec-show-coverage-disputed",
                        &[
                            (
                                "worst",
                                said_word(coverage::worst_coverage(p, Some(d))).into(),
                            ),
                            (
                                "values",
                                d.coverage
                                    .iter()
                                    .map(|c| said_word(*c))
                                    .collect::<Vec<_>>()
                                    .join(&or)
                                    .into(),
                            ),
                        ],
                    ),
                    None => said_word(p.coverage),
                },
                boss,
            ]);
        }
        line(t)?;
        for p in f.people.values() {
            let details: Vec<String> = [
                (!p.department.is_empty()).then(|| {
                    ta(
                        "rec-show-department",
                        &[("department", p.department.as_str().into())],
                    )
                }),
                (!p.email.is_empty()).then(|| p.email.clone()),
                (!p.phone.is_empty()).then(|| p.phone.clone()),
                (!p.language.is_empty()).then(|| {
                    ta(
                        "rec-show-person-language",
                        &[("language", p.language.as_str().into())],
                    )
                }),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !details.is_empty() {
                line(format!("  {}: {}", p.name, details.join(" · ")))?;
            }
        }
    }
    if !f.interactions.is_empty() {
        line(format!(
            "\n{}",
            ta(
                "rec-show-contact-log-heading",
                &[("count", f.interactions.len().into())]
            )
        ))?;
        let mut rows: Vec<_> = f.interactions.iter().collect();
        rows.sort_by_key(|(_, i)| std::cmp::Reverse(i.at));
        let mut t = output::headed(&[
            "column-id",
            "rec-col-when",
            "rec-col-type",
            "rec-col-dir",
            "rec-col-min",
            "rec-col-purpose",
            "rec-col-with",
            "rec-col-summary",
            "rec-col-needs",
        ]);
        for (id, i) in rows {
            t.add_row(vec![
                view::short(id),
                when(Some(i.at)),
                said_word(i.kind),
                said_word(i.direction),
                i.minutes.to_string(),
                said_word(i.purpose),
                i.their_attendees
                    .iter()
                    .chain(i.our_attendees.iter())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
                i.summary.clone(),
                i.needs.clone(),
            ]);
        }
        line(t)?;
    }
    if !f.actions.is_empty() {
        line(format!("\n{}", tr("rec-show-actions-heading")))?;
        let mut t = output::headed(&[
            "column-id",
            "rec-col-action",
            "rec-col-owner",
            "rec-col-due",
            "rec-col-status",
        ]);
        for (id, a) in &f.actions {
            t.add_row(vec![
                view::short(id),
                a.title.clone(),
                a.owner.clone(),
                a.due.map(|d| d.to_string()).unwrap_or_default(),
                said_word(a.status),
            ]);
        }
        line(t)?;
    }
    if !f.risks.is_empty() {
        line(format!("\n{}", tr("rec-show-risks-heading")))?;
        super::risk::print_risks(node, f, &roll)?;
    }
    if !f.withdrawn.is_empty() {
        line(format!("\n{}", tr("rec-show-withdrawn-heading")))?;
        let mut gone: Vec<_> = f.withdrawn.iter().collect();
        gone.sort_by_key(|(_, w)| w.at);
        for (id, w) in gone {
            line(format!(
                "  {}",
                ta(
                    "rec-show-withdrawn",
                    &[
                        ("id", view::short(id).into()),
                        ("what", super::history::entry_words(&w.what).into()),
                        ("who", dash(&w.by).into()),
                        ("when", when(w.at).into()),
                        ("reason", w.reason.as_str().into()),
                    ],
                )
            ))?;
        }
    }
    if !f.opportunities.is_empty() {
        line(format!("\n{}", tr("rec-show-opportunities-heading")))?;
        let mut t = output::headed(&[
            "column-id",
            "rec-col-opportunity",
            "rec-col-origin",
            "rec-col-value",
            "rec-col-status",
            "rec-col-sessions",
            "rec-col-qualification",
            "column-risk",
        ]);
        for (id, o) in &f.opportunities {
            // The current qualification: the latest answer per group, all ten groups.
            let latest = cosmonauts::qualify(o, &cfg)
                .current
                .total
                .map(|t| format!("{:.0}%", t * 100.0))
                .unwrap_or("-".into());
            t.add_row(vec![
                view::short(id),
                o.title.clone(),
                said_word(o.origin),
                format!("£{:.0}", o.value),
                said_word(o.status),
                o.sessions.len().to_string(),
                latest,
                rag(roll.opportunities.get(id).copied().flatten()),
            ]);
        }
        line(t)?;
    }
    Ok(())
}

fn dash(s: &str) -> &str {
    if s.trim().is_empty() { "-" } else { s }
}

//! `casebook tier ...`: the organisation's tiers of clients and who is in which (PF-4).

use casebook::rules::review::next_due;
use casebook::rules::tiers::history;
use casebook::tiers::{Tier, TierFields};

use super::{Ctx, find, opt_date, said};
use crate::args::{TierArgs, TierCmd};
use crate::i18n::{current, t, ta};
use crate::output::{self, headed, line};

fn fields(a: TierArgs) -> TierFields {
    TierFields {
        name: a.name,
        name_cy: a.name_cy,
        entry: a.entry,
        entry_cy: a.entry_cy,
        exit: a.exit,
        exit_cy: a.exit_cy,
        contact_days: a.contact_days,
        review_days: a.review_days,
        effort_hours: a.effort_hours,
        sponsor: a.sponsor,
    }
}

/// A period in days, or "none" for 0.
fn days(n: u64) -> String {
    if n == 0 {
        t("tier-none")
    } else {
        ta("tier-days", &[("days", n.into())])
    }
}

pub(crate) fn run(ctx: &Ctx, cmd: TierCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let org_edit = |e| super::org_said(ctx, &e);
    match cmd {
        TierCmd::List => {
            let tiers = node.tiers()?;
            if ctx.json {
                return output::json(&tiers);
            }
            let mut table = headed(&[
                "tier-col-name",
                "tier-col-contact",
                "tier-col-review",
                "tier-col-effort",
                "tier-col-sponsor",
                "tier-col-entry",
                "tier-col-exit",
                "tier-col-state",
            ]);
            for tier in &tiers {
                table.add_row(row(tier));
            }
            line(table)
        }
        TierCmd::Add(a) => org_edit(node.add_tier(&fields(a))?),
        TierCmd::Set { tier, fields: a } => org_edit(node.change_tier(&tier, &fields(a))?),
        TierCmd::Retire { tier } => org_edit(node.retire_tier(&tier, true)?),
        TierCmd::Restore { tier } => org_edit(node.retire_tier(&tier, false)?),
        TierCmd::Move {
            file,
            tier,
            reason,
            from,
        } => {
            let id = find(&node, &file)?;
            let from = opt_date("--from", &from)?
                .unwrap_or_else(|| casebook::time::local_date(node.now()));
            let e = node.set_client_tier(id, &tier, from, &reason)?;
            said(ctx, id, e.entry, &e.message)
        }
        TierCmd::Show { file } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let config = node.config_for(id)?;
            let stays = history(&account);
            let summary = node
                .summaries()?
                .into_iter()
                .find(|s| s.file_id == id.to_string());
            let facts = summary
                .as_ref()
                .map(|s| s.facts.clone())
                .unwrap_or_default();
            let tier = config.tier(facts.tier);
            let contact_days = config.contact_days_for(facts.tier);
            let today = casebook::time::local_date(node.now());
            let review = summary
                .as_ref()
                .map(|s| next_due(&s.reviews.under_tier(tier, facts.tier_since), today));
            if ctx.json {
                return output::json(&serde_json::json!({
                    "file_id": id,
                    "tier": tier,
                    "since": facts.tier_since,
                    "contact_days": contact_days,
                    "contact_overdue": summary.as_ref().is_some_and(|s| casebook::rules::flags::contact_overdue(&s.facts, &config, node.now())),
                    "review": review,
                    "sponsor_missing": tier.is_some_and(|t| t.sponsor) && account.team.sponsor.trim().is_empty(),
                    "history": stays,
                }));
            }
            let client = account.profile.name.as_str();
            // The account's own review cadence, not the tier's, applies when it has one.
            let own_cadence = summary.as_ref().is_some_and(|s| s.reviews.own_cadence);
            match tier {
                Some(t) => line(ta(
                    "tier-current",
                    &[
                        ("client", client.into()),
                        ("name", t.name_in(current()).into()),
                        (
                            "date",
                            facts
                                .tier_since
                                .map(|d| d.to_string())
                                .unwrap_or_default()
                                .into(),
                        ),
                        ("contact", contact_days.into()),
                        (
                            "review",
                            match review.as_ref().and_then(|r| r.due) {
                                Some(_) if t.review_days > 0 && !own_cadence => {
                                    ta("tier-current-review", &[("days", t.review_days.into())])
                                }
                                _ => String::new(),
                            }
                            .into(),
                        ),
                    ],
                ))?,
                None => line(ta("tier-not-in-one", &[("client", client.into())]))?,
            }
            if stays.is_empty() {
                return Ok(());
            }
            let mut table = headed(&[
                "tier-col-name",
                "tier-col-from",
                "tier-col-to",
                "tier-col-reason",
                "tier-col-by",
            ]);
            for s in &stays {
                let name = config
                    .tier(s.tier)
                    .map_or_else(|| s.name.clone(), |t| t.name_in(current()).to_string());
                table.add_row(vec![
                    name,
                    s.from.map(|d| d.to_string()).unwrap_or_default(),
                    s.to.map(|d| d.to_string()).unwrap_or_default(),
                    s.reason.clone(),
                    s.by.clone(),
                ]);
            }
            line(table)
        }
    }
}

/// One tier as `tier list` shows it.
fn row(tier: &Tier) -> Vec<String> {
    let lang = current();
    vec![
        tier.name_in(lang).to_string(),
        days(tier.contact_days),
        days(tier.review_days),
        if tier.effort_hours == 0 {
            t("tier-none")
        } else {
            ta("tier-hours", &[("hours", tier.effort_hours.into())])
        },
        if tier.sponsor {
            t("tier-required")
        } else {
            String::new()
        },
        tier.entry_in(lang).to_string(),
        tier.exit_in(lang).to_string(),
        if tier.retired {
            t("tier-retired")
        } else {
            t("word-yes")
        },
    ]
}

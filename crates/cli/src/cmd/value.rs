//! `casebook competitor ...` (appraisals, OP-5) and `casebook value ...` (value added and
//! reference sites, OP-6).

use casebook::FileId;
use casebook::edit;
use casebook::enums::{ReferenceStatus, ValueKind};
use casebook::model::{Competitor, ValueAdded};
use casebook::rules::value::{added_between, appraisal_age, reference_candidate, stale};
use chrono::Duration;

use super::{Ctx, date, find, opt_date, said, word};
use crate::args::{CompetitorCmd, ValueCmd};
use crate::i18n::{t, ta};
use crate::output::{self, headed, line};

pub(crate) fn competitor(ctx: &Ctx, cmd: CompetitorCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let today = casebook::time::local_date(node.now());
    match cmd {
        CompetitorCmd::Appraise {
            file,
            name,
            strengths,
            weaknesses,
            opportunity,
            date: day,
        } => {
            let id = find(&node, &file)?;
            let account = node.read(id)?;
            let opp = opportunity
                .map(|o| casebook::view::resolve_named(&account.opportunities, &o, "opportunity"))
                .transpose()?;
            let c = Competitor {
                name,
                strengths: strengths.unwrap_or_default(),
                weaknesses: weaknesses.unwrap_or_default(),
                appraised: Some(match day {
                    Some(d) => date("--date", &d)?,
                    None => today,
                }),
                opportunity: opp,
                by: String::new(),
            };
            let e = node.apply(id, |d, c_, _| edit::appraise_competitor(d, c_, &c))?;
            said(ctx, id, e.entry, &e.message)
        }
        CompetitorCmd::List { file } => {
            let ids: Vec<FileId> = match file.as_deref() {
                Some(f) => vec![find(&node, f)?],
                None => node.account_file_ids()?,
            };
            let mut rows = Vec::new();
            for id in ids {
                let account = node.read(id)?;
                for (cid, c) in &account.competitors {
                    rows.push(serde_json::json!({
                        "file_id": id, "client": account.profile.name, "competitor": cid,
                        "name": c.name, "strengths": c.strengths, "weaknesses": c.weaknesses,
                        "appraised": c.appraised, "age_days": appraisal_age(c, today),
                        "stale": stale(c, today),
                    }));
                }
            }
            if ctx.json {
                return output::json(&rows);
            }
            if rows.is_empty() {
                return line(t("op-no-competitors"));
            }
            let mut table = headed(&[
                "column-client",
                "op-col-competitor",
                "op-col-strengths",
                "op-col-weaknesses",
                "op-col-appraised",
            ]);
            for r in rows {
                let mut appraised = r["appraised"].as_str().unwrap_or_default().to_string();
                if r["stale"] == true {
                    appraised = format!("{appraised} {}", t("op-stale"));
                }
                table.add_row(vec![
                    r["client"].as_str().unwrap_or_default().to_string(),
                    r["name"].as_str().unwrap_or_default().to_string(),
                    r["strengths"].as_str().unwrap_or_default().to_string(),
                    r["weaknesses"].as_str().unwrap_or_default().to_string(),
                    appraised,
                ]);
            }
            line(table)
        }
    }
}

pub(crate) fn value(ctx: &Ctx, cmd: ValueCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let today = casebook::time::local_date(node.now());
    match cmd {
        ValueCmd::Add {
            file,
            what,
            kind,
            value,
            date: day,
        } => {
            let id = find(&node, &file)?;
            let v = ValueAdded {
                what,
                kind: Some(word::<ValueKind>(&kind)?),
                date: Some(match day {
                    Some(d) => date("--date", &d)?,
                    None => today,
                }),
                value,
                by: String::new(),
            };
            let e = node.apply(id, |d, c, _| edit::add_value(d, c, &v))?;
            said(ctx, id, e.entry, &e.message)
        }
        ValueCmd::Reference { file, status } => {
            let id = find(&node, &file)?;
            let status = word::<ReferenceStatus>(&status)?;
            let e = node.apply(id, |d, c, _| edit::set_reference(d, c, status))?;
            said(ctx, id, None, &e.message)
        }
        ValueCmd::List { file, from, to } => {
            let to = opt_date("--to", &to)?.unwrap_or(today);
            let from = opt_date("--from", &from)?.unwrap_or(to - Duration::days(365));
            let ids: Vec<FileId> = match file.as_deref() {
                Some(f) => vec![find(&node, f)?],
                None => node.account_file_ids()?,
            };
            let mut rows = Vec::new();
            for id in ids {
                let account = node.read(id)?;
                let added = added_between(&account, from, to);
                let candidate = reference_candidate(&account, today);
                if file.is_none()
                    && added.count == 0
                    && account.profile.reference.is_none()
                    && !candidate
                {
                    continue;
                }
                rows.push(serde_json::json!({
                    "file_id": id, "client": account.profile.name, "from": from, "to": to,
                    "count": added.count, "value": added.value,
                    "reference": account.profile.reference, "reference_candidate": candidate,
                }));
            }
            if ctx.json {
                return output::json(&rows);
            }
            if rows.is_empty() {
                return line(t("op-no-value"));
            }
            line(ta(
                "op-value-title",
                &[
                    ("from", from.to_string().into()),
                    ("to", to.to_string().into()),
                ],
            ))?;
            let mut table = headed(&[
                "column-client",
                "op-col-things",
                "op-col-value",
                "op-col-reference",
            ]);
            for r in rows {
                let reference = match r["reference"].as_str() {
                    Some(s) => s
                        .parse::<ReferenceStatus>()
                        .map(crate::i18n::word)
                        .unwrap_or_default(),
                    None if r["reference_candidate"] == true => t("op-reference-ask"),
                    None => String::new(),
                };
                table.add_row(vec![
                    r["client"].as_str().unwrap_or_default().to_string(),
                    r["count"].to_string(),
                    format!("£{:.0}", r["value"].as_f64().unwrap_or(0.0)),
                    reference,
                ]);
            }
            line(table)
        }
    }
}

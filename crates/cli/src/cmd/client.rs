//! `casebook client ...` and `casebook show`.

use casebook::edit::{self, ClientPatch, NewClient};
use casebook::enums::{ExitReason, Rag, SwotKind};
use casebook::model::{ExitPlan, ExitRecord, Objective, SwotItem};
use casebook::portfolio::ClientFilter;
use casebook::rules::flags;
use casebook::{FileSummary, Node, view};
use serde::Serialize;

use super::{Ctx, datetime, find, opt_date, word};
use crate::args::ClientCmd;
use crate::i18n::{t as tr, ta};
use crate::output::{self, line, rag, when};

pub(crate) fn run(ctx: &Ctx, cmd: ClientCmd) -> anyhow::Result<()> {
    match cmd {
        ClientCmd::Add(a) => {
            let node = ctx.open()?;
            let new = NewClient {
                name: a.name,
                legal_form: a.legal_form,
                sector: a.sector,
                postcode: a.postcode,
                company_number: a.company_number,
                region: a.region,
                segments: a.segments,
                lead: a.lead.unwrap_or_else(|| node.adviser().to_string()),
                intake_date: opt_date("--intake-date", &a.intake_date)?,
                source: a.source,
                language: a.language,
                org: None,
            };
            let id = node.add_client(&new, a.allow_duplicate)?;
            report(ctx, &node, id, &format!("Added client {}", new.name), None)
        }
        ClientCmd::List(a) => list(ctx, a),
        ClientCmd::Letter(a) => super::letter::points_of_contact(ctx, &a),
        ClientCmd::Show(a) => super::client_show::show(ctx, &a),
        ClientCmd::Edit(a) => {
            let node = ctx.open()?;
            let file = find(&node, &a.file)?;
            let patch = ClientPatch {
                name: a.name,
                legal_form: a.legal_form,
                sector: a.sector,
                postcode: a.postcode,
                company_number: a.company_number,
                region: a.region,
                mission: a.mission,
                strategy: a.strategy,
                priorities: a.priorities,
                add_segments: a.add_segments,
                remove_segments: a.remove_segments,
                lead: a.lead,
                deputy: a.deputy,
                sponsor: a.sponsor,
                contact_communicated: opt_date("--contact-communicated", &a.contact_communicated)?,
                remedial_plan: a.remedial_plan,
                language: a.language,
            };
            let e = node.apply(file, |d, c, _| edit::edit_client(d, c, &patch))?;
            report(ctx, &node, file, &e.message, None)
        }
        ClientCmd::Stage {
            file,
            stage,
            note,
            date,
        } => {
            let at = date.map(|d| datetime("--date", &d)).transpose()?;
            let node = ctx.open()?;
            let file = find(&node, &file)?;
            let e = node.apply(file, |d, c, cfg| {
                edit::set_stage_at(d, c, cfg, &stage, &note, at)
            })?;
            report(ctx, &node, file, &e.message, None)
        }
        ClientCmd::ExitPlan {
            file,
            criteria,
            date,
            referral,
        } => {
            let node = ctx.open()?;
            let file = find(&node, &file)?;
            let plan = ExitPlan {
                criteria,
                planned_date: opt_date("--date", &date)?,
                onward_referral: referral,
            };
            let e = node.apply(file, |d, c, _| edit::set_exit_plan(d, c, &plan))?;
            report(ctx, &node, file, &e.message, None)
        }
        ClientCmd::Exit {
            file,
            reason,
            date,
            outcome,
            destination,
        } => {
            let node = ctx.open()?;
            let file = find(&node, &file)?;
            let reason: ExitReason = word(&reason)?;
            let date = opt_date("--date", &date)?
                .unwrap_or_else(|| casebook::time::local_date(node.now()));
            let record = ExitRecord {
                date,
                reason,
                outcome,
                destination,
            };
            let e = node.apply(file, |d, c, _| edit::exit_client(d, c, &record))?;
            report(ctx, &node, file, &e.message, None)
        }
        ClientCmd::Objective {
            file,
            goal,
            measure,
            target,
            due,
        } => {
            let node = ctx.open()?;
            let file = find(&node, &file)?;
            let o = Objective {
                goal,
                measure,
                target,
                due: opt_date("--due", &due)?,
            };
            let e = node.apply(file, |d, c, _| edit::add_objective(d, c, &o))?;
            report(ctx, &node, file, &e.message, e.entry)
        }
        ClientCmd::Swot { file, kind, text } => {
            let node = ctx.open()?;
            let file = find(&node, &file)?;
            let kind: SwotKind = word(&kind)?;
            let item = SwotItem {
                kind,
                text,
                date: Some(casebook::time::local_date(node.now())),
            };
            let e = node.apply(file, |d, c, _| edit::add_swot(d, c, &item))?;
            report(ctx, &node, file, &e.message, e.entry)
        }
    }
}

/// Report a committed edit: the message, the file and any new entry id.
pub(crate) fn report(
    ctx: &Ctx,
    _node: &Node,
    file: casebook::FileId,
    message: &str,
    entry: Option<uuid::Uuid>,
) -> anyhow::Result<()> {
    if ctx.json {
        output::json(&serde_json::json!({"file_id": file, "entry": entry, "message": message}))
    } else {
        let said = super::history::change_words(message);
        match entry {
            Some(id) => line(format!(
                "{said}\n  {}",
                ta(
                    "rec-report-file-entry",
                    &[
                        ("file", file.short().into()),
                        ("entry", view::short(&id).into())
                    ]
                )
            )),
            None => line(format!(
                "{said}\n  {}",
                ta("rec-report-file", &[("file", file.short().into())])
            )),
        }
    }
}

/// One client as `client list --json` prints it: its summary, and whether something shown
/// about it is disputed (a field holds concurrent values; colours take the worst of them).
#[derive(Serialize)]
struct ListRow<'a> {
    #[serde(flatten)]
    summary: &'a FileSummary,
    disputed: bool,
}

fn list(ctx: &Ctx, a: crate::args::ClientListArgs) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let rules = node.rules()?;
    let config = &rules.own;
    let filter = ClientFilter {
        stage: a
            .stage
            .map(|s| config.stage(&s).map(|s| s.name.clone()))
            .transpose()?,
        lead: a.lead,
        rag: a.rag.as_deref().map(word::<Rag>).transpose()?,
        stalled: a.stalled,
        no_exit_plan: a.no_exit_plan,
        include_exited: a.all,
    };
    let now = node.now();
    let mut rows: Vec<_> = node
        .summaries()?
        .into_iter()
        .filter(|s| filter.matches(s, rules.for_file(s), now))
        .collect();
    // JSON in one order whatever the language (scripts compare it); tables in the order of
    // the language people read them in (Welsh: ch, dd, ff, ng, ll, ph, rh, th are letters).
    rows.sort_by_key(|s| s.name.to_lowercase());
    if !ctx.json {
        let order = crate::i18n::collation();
        rows.sort_by(|a, b| order.compare(&a.name, &b.name));
    }
    if ctx.json {
        let rows: Vec<ListRow<'_>> = rows
            .iter()
            .map(|s| ListRow {
                summary: s,
                disputed: s.is_disputed(),
            })
            .collect();
        return output::json(&rows);
    }
    let mut t = output::headed(&[
        "column-id",
        "column-client",
        "column-stage",
        "column-lead",
        "column-last-contact",
        "column-risk",
        "column-exit-plan",
        "column-flags",
    ]);
    let disputed = tr("word-disputed");
    for s in &rows {
        let mut fl = vec![];
        if !s.is_active() {
            let date = s.exit_date.map(|d| d.to_string()).unwrap_or_default();
            fl.push(ta("flag-exited", &[("date", date.into())]));
        }
        let config = rules.for_file(s);
        if flags::stalled(&s.facts, config, now).is_some() {
            fl.push(tr("flag-stalled"));
        }
        if flags::unresponsive(&s.facts, config, now).is_some() {
            fl.push(tr("flag-unresponsive"));
        }
        if flags::contact_overdue(&s.facts, config, now) {
            fl.push(tr("flag-contact-due"));
        }
        if s.conflicts > 0 {
            fl.push(ta("flag-conflicts", &[("count", s.conflicts.into())]));
        }
        t.add_row(vec![
            s.file_id[..8].to_string(),
            s.name.clone(),
            if s.facts.disputed_stages.is_empty() {
                s.facts.stage.clone()
            } else {
                let or = format!(" {} ", tr("word-or"));
                format!("{} {disputed}", s.facts.disputed_stages.join(&or))
            },
            s.lead.clone(),
            when(s.facts.last_contact),
            format!(
                "{}{}",
                rag(s.rag),
                if s.rag_disputed {
                    format!(" {disputed}")
                } else {
                    String::new()
                }
            ),
            if s.has_exit_plan {
                tr("word-yes")
            } else {
                tr("word-no-plan")
            },
            fl.join(", "),
        ]);
    }
    line(t)?;
    line(ta("rec-clients-count", &[("count", rows.len().into())]))?;
    if rows.iter().any(FileSummary::is_disputed) {
        line(tr("rec-list-disputed"))?;
    }
    Ok(())
}

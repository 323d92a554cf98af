//! `casebook risk ...`.

use casebook::config_types::RagMatrix;
use casebook::disputes::RiskDispute;
use casebook::edit::{self, RiskAssessment};
use casebook::enums::{Polarity, Rag, RiskResponse, RiskStatus};
use casebook::model::{AccountFile, Risk};
use casebook::rules::risk_tree::{RiskTree, Scope};
use casebook::rules::rollup::{self, RiskProblem, Rollup};
use casebook::{Node, view};
use serde::Serialize;
use std::collections::BTreeMap;
use uuid::Uuid;

use super::client::report;
use super::{Ctx, find, word};
use crate::args::RiskCmd;
use crate::i18n::{self, Arg, Lang, t, ta};
use crate::output::{self, headed, line, rag};
use casebook::edit::Edited;
use casebook_i18n::Message;

pub(crate) fn run(ctx: &Ctx, cmd: RiskCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    match cmd {
        RiskCmd::Add(a) => {
            let file = find(&node, &a.file)?;
            let account = node.read(file)?;
            let r = Risk {
                title: a.title,
                opportunity: a
                    .opportunity
                    .as_deref()
                    .map(|o| view::resolve_named(&account.opportunities, o, "opportunity"))
                    .transpose()?,
                contract: a
                    .contract
                    .as_deref()
                    .map(|c| view::resolve_named(&account.contracts, c, "contract"))
                    .transpose()?,
                parent: a
                    .parent
                    .as_deref()
                    .map(|p| view::resolve_named(&account.risks, p, "risk"))
                    .transpose()?,
                category: a.category,
                polarity: word::<Polarity>(&a.polarity)?,
                likelihood: a.likelihood,
                severity: a.severity,
                response: a
                    .response
                    .as_deref()
                    .map(word::<RiskResponse>)
                    .transpose()?,
                residual_likelihood: None,
                residual_severity: None,
                mitigation: a.mitigation,
                owner: a.owner.unwrap_or_else(|| node.adviser().to_string()),
                status: RiskStatus::Open,
                raised: Some(node.now()),
            };
            let e = node.apply(file, |d, c, cfg| edit::add_risk(d, c, cfg, &r))?;
            let matrix = node.config_for(file)?.rag_matrix;
            let said = Message::new("risks-added")
                .with("risk", r.title.as_str())
                .with("likelihood", r.likelihood.to_string())
                .with("severity", r.severity.to_string())
                .with("colour", colour_words(&matrix, r.likelihood, r.severity));
            confirm(ctx, &node, file, &e, said)
        }
        RiskCmd::Assess(a) => {
            let file = find(&node, &a.file)?;
            let account = node.read(file)?;
            let id = view::resolve_named(&account.risks, &a.risk, "risk")?;
            let before = account.risks[&id].clone();
            let assessment = RiskAssessment {
                likelihood: a.likelihood,
                severity: a.severity,
                response: a
                    .response
                    .as_deref()
                    .map(word::<RiskResponse>)
                    .transpose()?,
                residual_likelihood: a.residual_likelihood,
                residual_severity: a.residual_severity,
                mitigation: a.mitigation,
                owner: a.owner,
                status: if a.close {
                    Some(RiskStatus::Closed)
                } else if a.reopen {
                    Some(RiskStatus::Open)
                } else {
                    None
                },
            };
            let e = node.apply(file, |d, c, cfg| {
                edit::assess_risk(d, c, cfg, id, &assessment)
            })?;
            let matrix = node.config_for(file)?.rag_matrix;
            let said = Message::new("risks-assessed")
                .with("risk", before.title.as_str())
                .with("changes", assessed_words(&before, &assessment))
                .with(
                    "colour",
                    colour_words(
                        &matrix,
                        assessment.likelihood.unwrap_or(before.likelihood),
                        assessment.severity.unwrap_or(before.severity),
                    ),
                );
            confirm(ctx, &node, file, &Edited { entry: None, ..e }, said)
        }
        RiskCmd::Prr(c) => super::prr::run(ctx, c),
        RiskCmd::Alert(c) => super::risk_alerts::run(ctx, c),
        RiskCmd::Plan(c) => super::risk_plans::run(ctx, c),
        RiskCmd::Map { file, svg, out } => {
            super::pictures::risk_map(ctx, &file, svg, out.as_deref())
        }
        RiskCmd::List { file } => {
            let file = find(&node, &file)?;
            let account = node.read(file)?;
            let matrix = node.config_for(file)?.rag_matrix;
            let roll = rollup::rollup(&account, &matrix);
            if ctx.json {
                let tree = RiskTree::of(&account);
                let problems: Vec<_> = roll
                    .problems
                    .iter()
                    .map(|p| Problem {
                        problem: p,
                        words: p.describe(&account),
                    })
                    .collect();
                return output::json(&serde_json::json!({
                    "risks": rows(&matrix, &account, &tree, Polarity::Threat),
                    "upside": rows(&matrix, &account, &tree, Polarity::Opportunity),
                    "rollup": roll,
                    "problems": problems,
                }));
            }
            line(ta(
                "risks-list-title",
                &[("client", account.profile.name.as_str().into())],
            ))?;
            print_risks(&node, &account, &roll)?;
            let mut colour = rag(roll.account);
            if roll.disputed {
                colour = format!("{colour} {}", t("risks-disputed"));
            }
            line(ta("risks-rollup-account", &[("colour", colour.into())]))?;
            if roll.upside.is_some() {
                line(ta(
                    "risks-rollup-upside",
                    &[("colour", rag(roll.upside).into())],
                ))?;
            }
            Ok(())
        }
    }
}

/// Say what an edit did: its history message in English and in JSON (which never changes with
/// the language), `said` in Welsh.
pub(crate) fn confirm(
    ctx: &Ctx,
    node: &Node,
    file: casebook::FileId,
    e: &Edited,
    said: Message,
) -> anyhow::Result<()> {
    let text = if ctx.json || i18n::current() == Lang::En {
        e.message.clone()
    } else {
        i18n::say(&said)
    };
    report(ctx, node, file, &text, e.entry)
}

/// The colour of a likelihood and severity, in words.
fn colour_words(matrix: &RagMatrix, likelihood: u8, severity: u8) -> String {
    match matrix.rag(likelihood, severity) {
        Ok(colour) => i18n::word(colour),
        Err(_) => t("risks-colour-off-scale"),
    }
}

/// The values an assessment changes, in words: `likelihood 4, response reduce`.
fn assessed_words(before: &Risk, a: &RiskAssessment) -> String {
    let mut parts = Vec::new();
    let mut part = |field: &str, value: String| {
        parts.push(ta(
            "risks-field-values",
            &[
                ("field", field_words(field).into()),
                ("values", value.into()),
            ],
        ));
    };
    let number = |v: Option<u8>, was: Option<u8>| v.filter(|v| Some(*v) != was);
    if let Some(v) = number(a.likelihood, Some(before.likelihood)) {
        part("likelihood", v.to_string());
    }
    if let Some(v) = number(a.severity, Some(before.severity)) {
        part("severity", v.to_string());
    }
    if let Some(v) = a.response.filter(|r| Some(*r) != before.response) {
        part("response", i18n::word(v));
    }
    if let Some(v) = number(a.residual_likelihood, before.residual_likelihood) {
        part("residual_likelihood", v.to_string());
    }
    if let Some(v) = number(a.residual_severity, before.residual_severity) {
        part("residual_severity", v.to_string());
    }
    if let Some(v) = a.mitigation.as_ref().filter(|m| **m != before.mitigation) {
        part("mitigation", v.clone());
    }
    if let Some(v) = a.owner.as_ref().filter(|o| **o != before.owner) {
        part("owner", v.clone());
    }
    if let Some(v) = a.status.filter(|s| *s != before.status) {
        part("status", i18n::word(v));
    }
    parts.join(", ")
}

/// A data problem as `risk list --json` prints it: its fields and the words for people.
#[derive(Serialize)]
struct Problem<'a> {
    #[serde(flatten)]
    problem: &'a RiskProblem,
    words: String,
}

/// A value off the 1–5 scale.
#[derive(Serialize)]
struct Invalid {
    field: &'static str,
    value: u8,
}

/// One risk as `risk list --json` prints it: the stored fields, its own colours (the worst of
/// any concurrent values, red for a value off the scale), and what is in dispute or invalid.
#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    risk: &'a Risk,
    /// The risk's own colour, without sub-risks.
    rag: Rag,
    /// The colour after the response, if residual values are recorded.
    residual_rag: Option<Rag>,
    /// The opportunity it counts in (its top-level risk's), or none for the account or a
    /// contract (the risk's `contract` names that).
    scope: Option<Uuid>,
    /// Whether it counts for the account: open, and not of an opportunity that ended.
    in_account_rollup: bool,
    /// Whether any field a rule reads holds concurrent values.
    disputed: bool,
    /// Those fields' concurrent values (an empty object when none).
    disputed_values: RiskDispute,
    /// Values off the 1–5 scale; the risk counts as red until they are corrected.
    invalid: Vec<Invalid>,
    /// Whether its parent chain is part of a cycle (broken for display; see `problems`).
    parent_cycle: bool,
}

fn rows<'a>(
    m: &RagMatrix,
    f: &'a AccountFile,
    tree: &RiskTree,
    polarity: Polarity,
) -> BTreeMap<Uuid, Row<'a>> {
    f.risks
        .iter()
        .filter(|(_, r)| r.polarity == polarity)
        .map(|(id, risk)| {
            let dispute = f.disputes.risk(id);
            let scope = tree.scope(f, id);
            let row = Row {
                risk,
                rag: rollup::worst_rag(m, risk, dispute),
                residual_rag: rollup::worst_residual_rag(m, risk, dispute),
                scope,
                in_account_rollup: rollup::counts_as_open(risk, dispute)
                    && rollup::scope_live(f, tree.scope_of(f, id)),
                disputed: dispute.is_some_and(|d| !d.is_empty()),
                disputed_values: dispute.cloned().unwrap_or_default(),
                invalid: rollup::out_of_range(risk, dispute)
                    .into_iter()
                    .map(|(field, value)| Invalid { field, value })
                    .collect(),
                parent_cycle: tree.in_cycle(id),
            };
            (*id, row)
        })
        .collect()
}

/// A field a rule reads, in words: `likelihood`, `residual severity`.
fn field_words(field: &str) -> String {
    let key = match field {
        "likelihood" => "risks-field-likelihood",
        "severity" => "risks-field-severity",
        "status" => "risks-field-status",
        "response" => "risks-field-response",
        "residual_likelihood" => "risks-field-residual-likelihood",
        "residual_severity" => "risks-field-residual-severity",
        "mitigation" => "risks-field-mitigation",
        "owner" => "risks-field-owner",
        other => return other.replace('_', " "),
    };
    t(key)
}

/// The disputed fields of a risk in words: `likelihood 4 or 2; status open or closed`.
fn dispute_words(d: &RiskDispute) -> String {
    fn field(name: &str, values: Vec<String>) -> Option<String> {
        (!values.is_empty()).then(|| {
            ta(
                "risks-field-values",
                &[
                    ("field", field_words(name).into()),
                    ("values", values.join(&format!(" {} ", t("word-or"))).into()),
                ],
            )
        })
    }
    let numbers = |v: &[u8]| v.iter().map(u8::to_string).collect::<Vec<_>>();
    [
        field("likelihood", numbers(&d.likelihood)),
        field("severity", numbers(&d.severity)),
        field("status", d.status.iter().map(|s| i18n::word(*s)).collect()),
        field(
            "response",
            d.response.iter().map(|r| i18n::word(*r)).collect(),
        ),
        field("residual_likelihood", numbers(&d.residual_likelihood)),
        field("residual_severity", numbers(&d.residual_severity)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("; ")
}

/// A data problem of the risk register in words, in the run's language.
fn problem_words(p: &RiskProblem, file: &AccountFile) -> String {
    let title = |id: &Uuid| {
        file.risks
            .get(id)
            .map(|r| format!("'{}'", r.title))
            .unwrap_or_else(|| view::short(id))
    };
    match p {
        RiskProblem::ParentCycle {
            risks,
            shown_top_level,
        } => ta(
            "risks-problem-parent-cycle",
            &[
                (
                    "risks",
                    risks
                        .iter()
                        .map(title)
                        .collect::<Vec<_>>()
                        .join(", ")
                        .into(),
                ),
                ("shown", title(shown_top_level).into()),
            ],
        ),
        RiskProblem::UnknownParent { risk, parent } => ta(
            "risks-problem-unknown-parent",
            &[
                ("risk", title(risk).into()),
                ("parent", view::short(parent).into()),
            ],
        ),
        RiskProblem::OutOfRange { risk, field, value } => ta(
            "risks-problem-out-of-range",
            &[
                ("risk", title(risk).into()),
                ("field", field_words(field).into()),
                ("value", value.to_string().into()),
            ],
        ),
    }
}

/// The risk register as tables, threats and then upside risks, each sub-risk under its
/// parent; then what is disputed and the data problems.
pub(crate) fn print_risks(node: &Node, f: &AccountFile, roll: &Rollup) -> anyhow::Result<()> {
    let m = &node.config_for(f.file_id.parse()?)?.rag_matrix;
    let tree = RiskTree::of(f);
    let order = tree.order(f);
    let mut disputed = Vec::new();
    for (polarity, heading) in [
        (Polarity::Threat, "risks-heading-threats"),
        (Polarity::Opportunity, "risks-heading-upside"),
    ] {
        let mut header = vec![
            "risks-column-id",
            "risks-column-risk",
            "risks-column-ls",
            "risks-column-colour",
        ];
        if polarity == Polarity::Threat {
            header.push("risks-column-with-sub-risks");
        }
        header.extend([
            "risks-column-response",
            "risks-column-residual",
            "risks-column-scope",
            "risks-column-status",
        ]);
        let mut table = headed(&header);
        // Depth within this table: a sub-risk is indented under a parent shown in it.
        let mut depth: BTreeMap<Uuid, usize> = BTreeMap::new();
        for (id, _) in &order {
            let r = &f.risks[id];
            if r.polarity != polarity {
                continue;
            }
            let parent = tree.parent(id);
            let d = parent.and_then(|p| depth.get(&p)).map_or(0, |d| d + 1);
            depth.insert(*id, d);
            let dispute = f.disputes.risk(id).filter(|d| !d.is_empty());
            if let Some(dd) = dispute {
                disputed.push(format!(
                    "  {} '{}': {}",
                    view::short(id),
                    r.title,
                    dispute_words(dd)
                ));
            }
            let mut title = format!("{}{}", "  ".repeat(d.saturating_sub(1)), r.title);
            if d > 0 {
                title = format!("  └ {title}");
            } else if let Some(p) = parent {
                title = ta(
                    "risks-under",
                    &[
                        ("title", title.into()),
                        ("parent", f.risks[&p].title.as_str().into()),
                    ],
                );
            }
            if tree.in_cycle(id) {
                title = format!("{title} {}", t("risks-parent-cycle"));
            }
            let invalid = rollup::out_of_range(r, f.disputes.risk(id));
            let mut colour = rag(Some(rollup::worst_rag(m, r, dispute)));
            if dispute.is_some() {
                colour = format!("{colour} {}", t("risks-disputed"));
            }
            if !invalid.is_empty() {
                let what: Vec<String> = invalid
                    .iter()
                    .map(|(field, v)| {
                        ta(
                            "risks-field-values",
                            &[
                                ("field", field_words(field).into()),
                                ("values", v.to_string().into()),
                            ],
                        )
                    })
                    .collect();
                colour = format!(
                    "{colour} {}",
                    ta("risks-invalid", &[("values", what.join(", ").into())])
                );
            }
            let opp = |key: &str, what: Arg| ta(key, &[("opportunity", what)]);
            let scope = match tree.scope(f, id) {
                None => match tree.scope_of(f, id) {
                    Scope::Contract(c) => match f.contracts.get(&c) {
                        Some(x) => match x.ended {
                            Some(end) => ta(
                                "risks-scope-contract-ended",
                                &[
                                    ("contract", x.title.as_str().into()),
                                    ("date", end.to_string().into()),
                                ],
                            ),
                            None => ta(
                                "risks-scope-contract",
                                &[("contract", x.title.as_str().into())],
                            ),
                        },
                        None => ta(
                            "risks-scope-contract-unknown",
                            &[("contract", view::short(&c).into())],
                        ),
                    },
                    _ => t("risks-scope-account"),
                },
                Some(o) => match f.opportunities.get(&o) {
                    Some(x) if rollup::opportunity_ended(f, &o) => ta(
                        "risks-scope-ended",
                        &[
                            ("opportunity", x.title.as_str().into()),
                            ("status", i18n::word(x.status).into()),
                        ],
                    ),
                    Some(x) if !rollup::scope_live(f, Scope::Opportunity(o)) => {
                        opp("risks-scope-contracted", x.title.as_str().into())
                    }
                    Some(x) => opp("risks-scope-opportunity", x.title.as_str().into()),
                    None if f.withdrawn.contains_key(&o) => {
                        opp("risks-scope-withdrawn", view::short(&o).into())
                    }
                    None => opp("risks-scope-unknown", view::short(&o).into()),
                },
            };
            let residual = rollup::worst_residual_rag(m, r, dispute)
                .map(i18n::word)
                .unwrap_or_else(|| "-".into());
            let mut row = vec![
                view::short(id),
                title,
                format!("{}×{}", r.likelihood, r.severity),
                colour,
            ];
            if polarity == Polarity::Threat {
                row.push(if parent.is_none() {
                    rag(roll.risks.get(id).copied().flatten())
                } else {
                    String::new()
                });
            }
            row.extend([
                r.response.map(i18n::word).unwrap_or_else(|| "-".into()),
                residual,
                scope,
                i18n::word(r.status),
            ]);
            table.add_row(row);
        }
        if !table.is_empty() {
            line(format!("{}:\n{table}", t(heading)))?;
        }
    }
    if !disputed.is_empty() {
        line(format!(
            "{}:\n{}",
            ta(
                "risks-disputed-heading",
                &[("file", f.file_id.get(..8).unwrap_or(&f.file_id).into())],
            ),
            disputed.join("\n")
        ))?;
    }
    if !roll.problems.is_empty() {
        line(format!(
            "{}:\n{}",
            t("risks-problems-heading"),
            roll.problems
                .iter()
                .map(|p| format!("  ✘ {}", problem_words(p, f)))
                .collect::<Vec<_>>()
                .join("\n")
        ))?;
    }
    Ok(())
}

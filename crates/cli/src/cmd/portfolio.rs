//! `casebook portfolio`: the PF-6 health dashboard.

use casebook::Node;
use casebook::portfolio::{Conflicted, Flagged, Portfolio, Why, portfolio_judged};
use chrono::Duration;

use super::{Ctx, opt_date};
use crate::args::PortfolioArgs;
use crate::i18n::{t, ta};
use crate::output::{self, headed, line};

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
        print(&p, &node.tiers()?)
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
        anyhow::bail!(ta(
            "portfolio-period-reversed",
            &[
                ("from", from.to_string().into()),
                ("to", to.to_string().into())
            ]
        ));
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

/// One section of the dashboard: its title and what "none" means are catalogue keys
/// (`<key>` and `<key>-ok`).
fn section(key: &str, rows: &[Flagged]) -> anyhow::Result<()> {
    let title = t(key);
    if rows.is_empty() {
        let ok = t(&format!("{key}-ok"));
        return line(ta(
            "portfolio-section-none",
            &[("title", title.into()), ("ok", ok.into())],
        ));
    }
    line(ta(
        "portfolio-section-some",
        &[("title", title.into()), ("count", rows.len().into())],
    ))?;
    let mut t = headed(&["column-id", "column-client", "column-lead", "column-why"]);
    for r in rows {
        t.add_row(vec![
            r.file_id[..8].to_string(),
            r.name.clone(),
            r.lead.clone(),
            why(r),
        ]);
    }
    line(t)
}

/// Why a client is listed, in the run's language.
fn why(r: &Flagged) -> String {
    let mut text = match &r.why {
        Why::NeverContacted => t("why-never-contacted"),
        Why::LastContact { days } => ta("why-last-contact", &[("days", (*days).into())]),
        Why::TooLongInStage {
            stage,
            days,
            max_days,
        } => ta(
            "why-too-long-in-stage",
            &[
                ("stage", stage.clone().into()),
                ("days", (*days).into()),
                ("max_days", (*max_days).into()),
            ],
        ),
        Why::NoProgress { days, max_days } => ta(
            "why-no-progress",
            &[("days", (*days).into()), ("max_days", (*max_days).into())],
        ),
        Why::NoReply { days } => ta("why-no-reply", &[("days", (*days).into())]),
        Why::AttemptsUnanswered { attempts } => ta(
            "why-attempts-unanswered",
            &[("attempts", (*attempts).into())],
        ),
        Why::OpenRisks { count } => ta("why-open-risks", &[("count", (*count).into())]),
        Why::RiskDataProblems { count, command } => ta(
            "why-risk-data-problems",
            &[
                ("count", (*count).into()),
                ("command", command.clone().into()),
            ],
        ),
        Why::NoExitPlan => t("why-no-exit-plan"),
        Why::NoLeadAdviser => t("why-no-lead-adviser"),
        Why::OverdueActions { count } => ta("why-overdue-actions", &[("count", (*count).into())]),
        Why::WelshServedInEnglish { count } => {
            ta("why-welsh-served-in-english", &[("count", (*count).into())])
        }
        Why::Level1Failure { month, categories } => ta(
            "why-level1-failure",
            &[
                ("month", month.clone().into()),
                (
                    "categories",
                    categories
                        .iter()
                        .map(|c| crate::i18n::word(*c))
                        .collect::<Vec<_>>()
                        .join(", ")
                        .into(),
                ),
            ],
        ),
        Why::ScorecardOverdue { months } => ta(
            "why-scorecard-overdue",
            &[
                ("count", months.len().into()),
                ("months", months.join(", ").into()),
            ],
        ),
        Why::LostOrdersNotReviewed { count } => {
            ta("why-lost-not-reviewed", &[("count", (*count).into())])
        }
        Why::SeniorContactNotPlanned { sponsor } => ta(
            "why-senior-not-planned",
            &[("sponsor", sponsor.as_str().into())],
        ),
        Why::SeniorContactOverdue { sponsor, due } => ta(
            "why-senior-overdue",
            &[
                ("sponsor", sponsor.as_str().into()),
                ("due", due.to_string().into()),
            ],
        ),
        Why::ReviewOverdue { due, days } => ta(
            "why-review-overdue",
            &[("due", due.to_string().into()), ("days", (*days).into())],
        ),
        Why::RiskAlertOverdue {
            activity,
            contract,
            reporter,
            period,
        } => ta(
            if *contract {
                "why-alert-overdue-contract"
            } else {
                "why-alert-overdue-opportunity"
            },
            &[
                ("activity", activity.as_str().into()),
                ("reporter", reporter.as_str().into()),
                ("date", period.to_string().into()),
            ],
        ),
        Why::AlertsBelowRegister { count } => {
            ta("why-alerts-below-register", &[("count", (*count).into())])
        }
        Why::RiskPlanReviewOverdue { contract, due } => ta(
            "why-plan-review-overdue",
            &[
                ("what", plan_of(contract).into()),
                ("date", due.to_string().into()),
            ],
        ),
        Why::RiskPlanGaps { contract, count } => ta(
            "why-plan-gaps",
            &[
                ("what", plan_of(contract).into()),
                ("count", (*count).into()),
            ],
        ),
        Why::NoRiskPlan { contract } => ta("why-no-plan", &[("what", plan_of(contract).into())]),
        Why::TierNoSponsor { tier } => ta("why-tier-no-sponsor", &[("tier", tier.as_str().into())]),
        Why::SurveyDue { last } => match last {
            Some(d) => ta("why-survey-due", &[("date", d.to_string().into())]),
            None => t("why-never-surveyed"),
        },
    };
    if r.disputed {
        text.push_str(&t("why-disputed"));
    }
    text
}

fn conflicts(rows: &[Conflicted]) -> anyhow::Result<()> {
    if rows.is_empty() {
        return line(t("portfolio-conflicts-none"));
    }
    line(ta(
        "portfolio-conflicts-some",
        &[("count", rows.len().into())],
    ))?;
    let mut t = headed(&[
        "column-id",
        "column-client",
        "column-lead",
        "column-fields",
        "column-list-with",
    ]);
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
pub(crate) fn print(p: &Portfolio, tiers: &[casebook::tiers::Tier]) -> anyhow::Result<()> {
    let adviser = p
        .adviser
        .clone()
        .unwrap_or_else(|| t("portfolio-all-advisers"));
    line(ta(
        "portfolio-title",
        &[
            ("adviser", adviser.into()),
            (
                "date",
                casebook::i18n::long_date(casebook::time::local_date(p.as_of)).into(),
            ),
        ],
    ))?;
    line(format!(
        "{}\n",
        ta(
            "portfolio-caseload",
            &[("active", p.active.into()), ("exited", p.exited.into())]
        )
    ))?;
    section("portfolio-overdue-contacts", &p.overdue_contacts)?;
    section("portfolio-stalled", &p.stalled)?;
    section("portfolio-unresponsive", &p.unresponsive)?;
    section("portfolio-red", &p.red_rollups)?;
    section("portfolio-risk-problems", &p.risk_data_problems)?;
    section("portfolio-no-exit-plan", &p.no_exit_plan)?;
    section("portfolio-no-point-of-contact", &p.no_point_of_contact)?;
    section("portfolio-overdue-actions", &p.overdue_actions)?;
    section("portfolio-welsh-in-english", &p.welsh_served_in_english)?;
    section("portfolio-level1-failures", &p.level1_failures)?;
    section("portfolio-scorecards-overdue", &p.scorecards_overdue)?;
    section("portfolio-lost-not-reviewed", &p.lost_orders_not_reviewed)?;
    section("portfolio-surveys-due", &p.surveys_due)?;
    section("portfolio-reviews-overdue", &p.reviews_overdue)?;
    section("portfolio-senior-contact", &p.senior_contact)?;
    section("portfolio-risk-alerts", &p.risk_alerts)?;
    section("portfolio-risk-plans", &p.risk_plans)?;
    section("portfolio-service-levels", &p.service_levels)?;
    conflicts(&p.conflicts)?;
    let mut tb = headed(&["column-stage", "column-clients"]);
    for (s, n) in &p.by_stage {
        tb.add_row(vec![s.clone(), n.to_string()]);
    }
    line(format!("\n{}\n{tb}", t("portfolio-by-stage")))?;
    let mut tb = headed(&["column-segment", "column-clients"]);
    for (s, n) in &p.by_segment {
        tb.add_row(vec![s.clone(), n.to_string()]);
    }
    line(format!("{}\n{tb}", t("portfolio-by-segment")))?;
    if !p.balance.is_empty() {
        let mut tb = headed(&[
            "balance-col-measure",
            "balance-col-name",
            "balance-col-share",
            "balance-col-band",
            "balance-col-outside",
        ]);
        for b in &p.balance {
            use casebook::rules::balance::Measure;
            tb.add_row(vec![
                t(match b.measure {
                    Measure::Segment => "balance-segment",
                    Measure::Stage => "balance-stage",
                    Measure::Churn => "balance-churn",
                }),
                b.name.clone(),
                b.percent.map(|x| format!("{x:.0}%")).unwrap_or_default(),
                format!("{}–{}%", b.band.min, b.band.max),
                if b.outside {
                    t("balance-outside")
                } else {
                    String::new()
                },
            ]);
        }
        line(format!("{}\n{tb}", t("portfolio-balance")))?;
    }
    if p.load.iter().any(|l| l.capacity.is_some()) {
        let mut tb = headed(&[
            "effort-col-adviser",
            "column-clients",
            "effort-col-hours-year",
            "effort-col-capacity",
            "effort-col-over",
        ]);
        for l in &p.load {
            tb.add_row(vec![
                l.adviser.clone(),
                l.clients.to_string(),
                format!("{:.1}", l.hours),
                l.capacity
                    .as_ref()
                    .map(|c| {
                        ta(
                            "effort-capacity",
                            &[("clients", c.clients.into()), ("hours", c.hours.into())],
                        )
                    })
                    .unwrap_or_default(),
                if l.over {
                    t("effort-over")
                } else {
                    String::new()
                },
            ]);
        }
        line(format!("{}\n{tb}", t("portfolio-load")))?;
    }
    if p.by_tier.keys().any(|k| !k.is_empty()) {
        let mut tb = headed(&["tier-col-name", "column-clients"]);
        for (name, n) in &p.by_tier {
            tb.add_row(vec![tier_words(tiers, name), n.to_string()]);
        }
        line(format!("{}\n{tb}", t("portfolio-by-tier")))?;
    }
    if p.adviser.is_none() {
        let mut tb = headed(&["column-lead-adviser", "column-clients"]);
        for (s, n) in &p.by_adviser {
            tb.add_row(vec![s.clone(), n.to_string()]);
        }
        line(format!("{}\n{tb}", t("portfolio-by-adviser")))?;
    }
    let c = &p.churn;
    line(ta(
        "portfolio-churn",
        &[
            ("from", c.from.to_string().into()),
            ("to", c.to.to_string().into()),
            ("exits", c.exits.into()),
            ("intakes", c.intakes.into()),
            ("average", format!("{:.1}", c.average_caseload).into()),
            (
                "rate",
                c.rate
                    .map(|r| format!("{:.1}%", r * 100.0))
                    .unwrap_or_else(|| t("portfolio-not-applicable"))
                    .into(),
            ),
        ],
    ))
}

/// Whose risk management plan: the account's, or a contract's by its title.
fn plan_of(contract: &str) -> String {
    if contract.is_empty() {
        t("prr-for-account")
    } else {
        ta("prr-for-contract", &[("title", contract.into())])
    }
}

/// A tier's name in the reader's language, or "no tier" for the empty name.
fn tier_words(tiers: &[casebook::tiers::Tier], name: &str) -> String {
    if name.is_empty() {
        return t("portfolio-no-tier");
    }
    tiers.iter().find(|x| x.name == name).map_or_else(
        || name.to_string(),
        |x| x.name_in(crate::i18n::current()).to_string(),
    )
}

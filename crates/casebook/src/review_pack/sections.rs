//! The sections of the review pack: the header, the account snapshot, what fills each agenda
//! item (by the input the organisation's agenda names), and the questions to ask.

use casebook_doc::OrgConfig;
use casebook_doc::enums::{
    ActionStatus, OpportunityStatus, SurveyArea, SurveyLevel, SwotKind, Vocabulary,
};
use casebook_doc::model::{AccountFile, Review};
use casebook_doc::rules::{cosmonauts, flags, orders, review, rollup, scorecard, survey};
use casebook_i18n::Message;
use uuid::Uuid;

use super::Html;
use crate::pictures::svg::escape;
use crate::{Error, Node};

/// The id of the account file `account` is.
fn file_id(account: &AccountFile) -> casebook_base::FileId {
    account.file_id.parse().unwrap_or_default()
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "–".into(), |p| format!("{p:.0}%"))
}

/// Who, when and what kind.
pub(super) fn header(h: &mut Html, r: &Review) {
    let attendees: Vec<&str> = r.attendees.keys().map(String::as_str).collect();
    let kind = r.kind.map(|k| h.say(k.word())).unwrap_or_default();
    let line = h.say(
        Message::new("pack-header")
            .with("kind", kind)
            .with("date", date(r.date))
            .with("account_manager", r.account_manager.as_str())
            .with("line_manager", r.line_manager.as_str()),
    );
    h.push(&format!("<p class=\"header\">{line}</p>"));
    if !attendees.is_empty() {
        let line = h.say(Message::new("pack-attendees").with("names", attendees.join(", ")));
        h.push(&format!("<p>{line}</p>"));
    }
}

/// The account snapshot summary (RV-3's first input).
pub(super) fn snapshot(h: &mut Html, config: &OrgConfig, account: &AccountFile) {
    let roll = rollup::rollup(account, &config.rag_matrix);
    let facts = flags::Facts::of(account);
    let open_actions = account
        .actions
        .values()
        .filter(|a| a.status == ActionStatus::Open)
        .count();
    let pipeline: f64 = account
        .opportunities
        .values()
        .filter(|o| matches!(o.status, OpportunityStatus::Open | OpportunityStatus::Hold))
        .map(|o| o.value)
        .sum();
    let colour = roll.account.map(|c| h.say(c.word())).unwrap_or_default();
    h.push(&format!(
        "<section id=\"snapshot\"><h2>{}</h2>",
        h.t("pack-snapshot")
    ));
    let p = &account.profile;
    let rows = vec![
        vec![
            h.t("pack-row-client"),
            format!("{} · {} · {}", p.name, p.sector, p.postcode),
        ],
        vec![
            h.t("pack-row-team"),
            format!(
                "{} / {} / {}",
                account.team.lead, account.team.deputy, account.team.sponsor
            ),
        ],
        vec![h.t("pack-row-stage"), account.journey.stage.clone()],
        vec![h.t("pack-row-rag"), colour],
        vec![
            h.t("pack-row-people"),
            account
                .people
                .values()
                .filter(|x| !x.left)
                .count()
                .to_string(),
        ],
        vec![
            h.t("pack-row-last-contact"),
            date(facts.last_contact.map(|t| t.date_naive())),
        ],
        vec![h.t("pack-row-open-actions"), open_actions.to_string()],
        vec![h.t("pack-row-open-risks"), roll.open_risks.to_string()],
        vec![h.t("pack-row-pipeline"), format!("£{pipeline:.0}")],
    ];
    // The row names are already the pack's words (escaped once by `t`), so they are written
    // through `push` rather than `table`, which would escape them again.
    let mut html = String::from("<table class=\"snapshot\"><tbody>");
    for row in rows {
        html.push_str(&format!(
            "<tr><th>{}</th><td>{}</td></tr>",
            row[0],
            escape(&row[1])
        ));
    }
    html.push_str("</tbody></table></section>");
    h.push(&html);
}

/// What fills the agenda item whose input is `input`.
pub(super) fn input(
    h: &mut Html,
    node: &Node,
    config: &OrgConfig,
    account: &AccountFile,
    review_id: Uuid,
    input: &str,
) -> Result<(), Error> {
    let today = crate::time::local_date(node.now());
    match input {
        "previous-minutes" => previous_minutes(h, account, review_id),
        "previous-actions" => actions(
            h,
            account,
            &review::carried_forward(account, Some(review_id)),
            "pack-no-carried",
        ),
        "mission" => mission(h, account),
        "organisation-changes" => leavers(h, account),
        "scorecard" => scorecard_section(h, account),
        "sales" => sales(h, config, account, today)?,
        "swot" => swot(h, account),
        "competitors" => competitors(h, account, today),
        "contacts" => contacts(h, node, config, account)?,
        "missing-information" => missing(h, account, today),
        "survey" => survey_section(h, account, today),
        "risks" => {
            risks(h, config, account)?;
            let register = node.prr_register_for(file_id(account))?;
            for list in casebook_doc::rules::prr::checklists(account, &register) {
                let what = casebook_doc::rules::prr::scope_message(account, list.scope);
                let line = h.say(
                    Message::new("prr-checklist-title")
                        .with("what", what)
                        .with("done", list.done)
                        .with("of", list.lines.len()),
                );
                h.push(&format!("<p class=\"prr\">{line}</p>"));
            }
        }
        "forward-plan" => {
            let open: Vec<Uuid> = account
                .actions
                .iter()
                .filter(|(_, a)| a.status == ActionStatus::Open)
                .map(|(id, _)| *id)
                .collect();
            actions(h, account, &open, "pack-no-actions");
        }
        "close" => {
            let next = review::next_due(&review::ReviewFacts::of(account), today);
            let line = h.say(Message::new("pack-next-review").with("date", date(next.due)));
            h.push(&format!("<p>{line}</p>"));
        }
        _ => h.none("pack-nothing-recorded"),
    }
    Ok(())
}

fn previous_minutes(h: &mut Html, account: &AccountFile, review_id: Uuid) {
    let Some(prev) =
        review::previous(account, Some(review_id)).and_then(|p| account.reviews.get(&p))
    else {
        return h.none("pack-no-previous");
    };
    let line = h.say(Message::new("pack-previous-of").with("date", date(prev.date)));
    h.push(&format!("<p>{line}</p>"));
    let mut rows: Vec<(String, String)> = prev
        .minutes
        .iter()
        .filter_map(|(id, m)| prev.agenda.get(id).map(|i| (i.code.clone(), m.clone())))
        .collect();
    rows.sort();
    let rows: Vec<Vec<String>> = rows.into_iter().map(|(c, m)| vec![c, m]).collect();
    h.table(
        "previous-minutes",
        &["pack-col-item", "pack-col-minutes"],
        &rows,
    );
}

fn actions(h: &mut Html, account: &AccountFile, ids: &[Uuid], none: &'static str) {
    if ids.is_empty() {
        return h.none(none);
    }
    let rows: Vec<Vec<String>> = ids
        .iter()
        .filter_map(|id| account.actions.get(id))
        .map(|a| vec![a.title.clone(), a.owner.clone(), date(a.due)])
        .collect();
    h.table(
        "actions",
        &["pack-col-action", "pack-col-owner", "pack-col-due"],
        &rows,
    );
}

fn mission(h: &mut Html, account: &AccountFile) {
    let p = &account.profile;
    if p.mission.is_empty() && p.strategy.is_empty() && account.objectives.is_empty() {
        return h.none("pack-nothing-recorded");
    }
    for text in [&p.mission, &p.strategy, &p.priorities] {
        if !text.trim().is_empty() {
            h.p(text);
        }
    }
    let rows: Vec<Vec<String>> = account
        .objectives
        .values()
        .map(|o| {
            vec![
                o.goal.clone(),
                o.measure.clone(),
                o.target.clone(),
                date(o.due),
            ]
        })
        .collect();
    if !rows.is_empty() {
        h.table(
            "objectives",
            &[
                "pack-col-objective",
                "pack-col-measure",
                "pack-col-target",
                "pack-col-due",
            ],
            &rows,
        );
    }
}

fn leavers(h: &mut Html, account: &AccountFile) {
    let left: Vec<Vec<String>> = account
        .people
        .values()
        .filter(|p| p.left)
        .map(|p| vec![p.name.clone(), p.title.clone()])
        .collect();
    if left.is_empty() {
        return h.none("pack-no-leavers");
    }
    h.table("leavers", &["pack-col-left", "pack-col-title"], &left);
}

fn scorecard_section(h: &mut Html, account: &AccountFile) {
    let records = scorecard::records(account);
    let Some((month, (_, latest))) = records.iter().next_back() else {
        return h.none("pack-no-scorecard");
    };
    let svg = crate::pictures::scorecard_trend_svg(account, h.lang);
    let caption =
        h.say(Message::new("pic-trend-title").with("client", account.profile.name.as_str()));
    h.figure("scorecard-trend", &svg, &caption);
    let s = scorecard::score(latest, None);
    let line = h.say(
        Message::new("pack-scorecard-latest")
            .with("month", month.as_str())
            .with("overall", percent(s.overall.percent()))
            .with("level1", format!("{}/{}", s.level1.yes, s.level1.of))
            .with("level2", format!("{}/{}", s.level2.yes, s.level2.of)),
    );
    h.push(&format!("<p>{line}</p>"));
    if s.requires_attention() {
        let cats: Vec<String> = s.attention.iter().map(|c| h.say(c.word())).collect();
        let line = h.say(Message::new("sc-attention").with("categories", cats.join(", ")));
        h.push(&format!("<p class=\"attention\">{line}</p>"));
    }
}

fn sales(
    h: &mut Html,
    config: &OrgConfig,
    account: &AccountFile,
    today: chrono::NaiveDate,
) -> Result<(), Error> {
    let r = orders::order_record(account, today);
    let line = h.say(
        Message::new("pack-orders")
            .with("won", r.won)
            .with("lost", r.lost)
            .with("rate", percent(r.win_rate))
            .with("unreviewed", r.lost_not_reviewed.len())
            .with("this_year", format!("£{:.0}", r.won_this_year))
            .with("last_year", format!("£{:.0}", r.won_last_year_to_date)),
    );
    h.push(&format!("<p>{line}</p>"));
    let mut rows = Vec::new();
    for o in account.opportunities.values() {
        if !matches!(o.status, OpportunityStatus::Open | OpportunityStatus::Hold) {
            continue;
        }
        let q = cosmonauts::qualify(o, config);
        let trend = match q.trend {
            cosmonauts::Trend::NotEnoughSessions => h.t("pack-trend-not-enough"),
            cosmonauts::Trend::Improving => h.t("pack-trend-improving"),
            cosmonauts::Trend::Steady => h.t("pack-trend-steady"),
            cosmonauts::Trend::Worsening => h.t("pack-trend-worsening"),
        };
        rows.push(vec![
            o.title.clone(),
            format!("£{:.0}", o.value),
            q.current
                .total
                .map_or_else(String::new, |t| format!("{:.0}%", t * 100.0)),
            trend,
        ]);
    }
    let plans = casebook_doc::rules::action_plans::plans(account, today);
    if !plans.is_empty() {
        let title = h.t("pack-action-plans");
        h.push(&format!("<p>{title}</p>"));
        let out_of_date = h.t("ap-out-of-date");
        let plan_rows: Vec<Vec<String>> = plans
            .iter()
            .map(|p| {
                let mut reviewed = date(p.reviewed);
                if p.out_of_date {
                    reviewed = format!("{reviewed} {out_of_date}");
                }
                vec![
                    p.kind.map(|k| h.say(k.word())).unwrap_or_default(),
                    p.title.clone(),
                    reviewed,
                    h.say(
                        Message::new("ap-items")
                            .with("done", p.done)
                            .with("open", p.open)
                            .with("overdue", p.overdue.len()),
                    ),
                ]
            })
            .collect();
        h.table(
            "action-plans",
            &[
                "ap-col-kind",
                "ap-col-title",
                "ap-col-reviewed",
                "ap-col-items",
            ],
            &plan_rows,
        );
    }
    if rows.is_empty() {
        h.none("pack-no-pipeline");
    } else {
        h.table(
            "pipeline",
            &[
                "pack-col-opportunity",
                "pack-col-value",
                "pack-col-qualified",
                "pack-col-trend",
            ],
            &rows,
        );
    }
    Ok(())
}

fn swot(h: &mut Html, account: &AccountFile) {
    if account.swot.is_empty() {
        return h.none("pack-nothing-recorded");
    }
    let mut rows = Vec::new();
    for kind in SwotKind::ALL {
        let items: Vec<&str> = account
            .swot
            .values()
            .filter(|s| s.kind == *kind)
            .map(|s| s.text.as_str())
            .collect();
        rows.push(vec![h.say(kind.word()), items.join("; ")]);
    }
    h.table("swot", &["pack-col-swot", "pack-col-items"], &rows);
}

fn competitors(h: &mut Html, account: &AccountFile, today: chrono::NaiveDate) {
    if account.competitors.is_empty() {
        return h.none("pack-nothing-recorded");
    }
    let stale = h.t("op-stale");
    let rows: Vec<Vec<String>> = account
        .competitors
        .values()
        .map(|c| {
            let mut appraised = date(c.appraised);
            if casebook_doc::rules::value::stale(c, today) {
                appraised = format!("{appraised} {stale}");
            }
            vec![
                c.name.clone(),
                c.strengths.clone(),
                c.weaknesses.clone(),
                appraised,
            ]
        })
        .collect();
    h.table(
        "competitors",
        &[
            "op-col-competitor",
            "op-col-strengths",
            "op-col-weaknesses",
            "op-col-appraised",
        ],
        &rows,
    );
}

fn contacts(
    h: &mut Html,
    node: &Node,
    config: &OrgConfig,
    account: &AccountFile,
) -> Result<(), Error> {
    let facts = flags::Facts::of(account);
    let overdue = flags::contact_overdue(&facts, config, node.now());
    let line = h.say(
        Message::new("pack-contact-frequency")
            .with("date", date(facts.last_contact.map(|t| t.date_naive())))
            .with("days", config.contact_days_for(facts.tier))
            .with("met", if overdue { "no" } else { "yes" }),
    );
    h.push(&format!("<p>{line}</p>"));
    let plan =
        casebook_doc::rules::contact_plan::adherence(account, crate::time::local_date(node.now()));
    if plan.lines.is_empty() {
        h.none("pack-no-plan");
    } else {
        let line = h.say(
            Message::new("pack-plan")
                .with("met", plan.met)
                .with("of", plan.of),
        );
        h.push(&format!("<p>{line}</p>"));
        let overdue = h.t("rec-overdue");
        let rows: Vec<Vec<String>> = plan
            .lines
            .iter()
            .filter(|l| !l.left)
            .map(|l| {
                vec![
                    l.ours.clone(),
                    l.person.clone(),
                    l.every_days.to_string(),
                    date(l.last),
                    if l.overdue {
                        format!("{} {overdue}", l.due)
                    } else {
                        l.due.to_string()
                    },
                ]
            })
            .collect();
        h.table(
            "contact-plan",
            &[
                "cp-col-ours",
                "cp-col-person",
                "cp-col-every",
                "cp-col-last",
                "cp-col-due",
            ],
            &rows,
        );
    }
    let svg = crate::pictures::org_chart_svg(account, h.lang);
    let caption =
        h.say(Message::new("pack-org-chart").with("client", account.profile.name.as_str()));
    h.figure("org-chart", &svg, &caption);
    Ok(())
}

fn missing(h: &mut Html, account: &AccountFile, today: chrono::NaiveDate) {
    let mut gaps: Vec<&'static str> = Vec::new();
    let p = &account.profile;
    for (empty, key) in [
        (p.mission.trim().is_empty(), "pack-missing-mission"),
        (p.strategy.trim().is_empty(), "pack-missing-strategy"),
        (account.team.deputy.trim().is_empty(), "pack-missing-deputy"),
        (
            account.team.sponsor.trim().is_empty(),
            "pack-missing-sponsor",
        ),
        (account.swot.is_empty(), "pack-missing-swot"),
        (account.objectives.is_empty(), "pack-missing-objectives"),
        (
            account.journey.exit_plan.is_none(),
            "pack-missing-exit-plan",
        ),
        (account.people.is_empty(), "pack-missing-people"),
        (
            !account.people.values().any(|x| {
                !x.left
                    && x.roles
                        .contains_key(&casebook_doc::enums::PersonRole::DecisionMaker)
            }),
            "pack-missing-decision-maker",
        ),
        (
            !survey::within_a_year(survey::last_issued(account), today),
            "pack-missing-survey",
        ),
        (account.scorecards.is_empty(), "pack-missing-scorecard"),
    ] {
        if empty {
            gaps.push(key);
        }
    }
    if gaps.is_empty() {
        return h.none("pack-nothing-missing");
    }
    let items: Vec<String> = gaps
        .iter()
        .map(|k| format!("<li>{}</li>", h.t(k)))
        .collect();
    h.push(&format!("<ul class=\"missing\">{}</ul>", items.join("")));
}

fn survey_section(h: &mut Html, account: &AccountFile, today: chrono::NaiveDate) {
    let latest = account
        .surveys
        .values()
        .filter(|s| s.issued.is_some())
        .max_by_key(|s| s.issued.as_ref().and_then(|i| i.date));
    let Some(s) = latest else {
        return h.none("pack-no-survey");
    };
    let a = survey::analyse(s, today);
    let line = h.say(
        Message::new("pack-survey-latest")
            .with("title", s.title.as_str())
            .with("date", date(s.issued.as_ref().and_then(|i| i.date)))
            .with("rate", percent(a.overall_rate)),
    );
    h.push(&format!("<p>{line}</p>"));
    let mut rows = Vec::new();
    for area in SurveyArea::ALL {
        let at = |level: Option<SurveyLevel>| {
            a.areas
                .iter()
                .find(|x| x.area == *area && x.level == level)
                .map_or_else(|| "–".to_string(), |x| format!("{:.1}", x.mean))
        };
        let mut row = vec![h.say(area.word())];
        row.extend(SurveyLevel::ALL.iter().map(|l| at(Some(*l))));
        row.push(at(None));
        rows.push(row);
    }
    h.table(
        "survey-areas",
        &[
            "sv-col-area",
            "enum-survey-level-users",
            "enum-survey-level-managers",
            "enum-survey-level-board",
            "sv-col-all",
        ],
        &rows,
    );
    let trend = survey::trend(account);
    if trend.len() > 1 {
        let rows: Vec<Vec<String>> = trend
            .iter()
            .map(|p| {
                vec![
                    p.title.clone(),
                    date(p.issued),
                    p.overall.map_or_else(String::new, |m| format!("{m:.1}")),
                ]
            })
            .collect();
        h.table(
            "survey-trend",
            &["sv-col-title", "sv-col-issued", "sv-col-all"],
            &rows,
        );
    }
    if a.ask_for_reference {
        let line = h.t("sv-ask-reference");
        h.push(&format!("<p>{line}</p>"));
    }
}

fn risks(h: &mut Html, config: &OrgConfig, account: &AccountFile) -> Result<(), Error> {
    let svg = crate::pictures::risk_map_svg(account, &config.rag_matrix, h.lang);
    let caption =
        h.say(Message::new("pic-risk-map-title").with("client", account.profile.name.as_str()));
    h.figure("risk-map", &svg, &caption);
    Ok(())
}

/// The questions to ask, by heading, with what was answered (RV-4).
pub(super) fn questions(h: &mut Html, r: &Review) {
    h.push(&format!(
        "<section id=\"questions\"><h2>{}</h2>",
        h.t("pack-questions")
    ));
    for heading in review::answered_by_heading(r) {
        let title = h.say(
            Message::new("pack-heading")
                .with(
                    "heading",
                    Message::new(format!("rv-heading-{}", heading.heading)),
                )
                .with("answered", heading.answered)
                .with("of", heading.of),
        );
        h.push(&format!("<h3 class=\"heading\">{title}</h3><ul>"));
        let mut qs: Vec<_> = r
            .questions
            .iter()
            .filter(|(_, q)| q.group == heading.heading)
            .collect();
        qs.sort_by(|a, b| a.1.code.cmp(&b.1.code));
        for (id, q) in qs {
            let text = casebook_doc::kpis::question(&q.text, &q.text_cy, h.lang);
            let answer = r
                .answers
                .get(id)
                .map(|a| format!(" <em>{}</em>", escape(a)))
                .unwrap_or_default();
            h.push(&format!(
                "<li><span class=\"code\">{}</span> {}{answer}</li>",
                escape(&q.code),
                escape(text)
            ));
        }
        h.push("</ul>");
    }
    h.push("</section>");
}

//! Portfolio questions answered from the summary index alone (PF-1, PF-2, PF-6).

use std::collections::BTreeMap;

use casebook_doc::enums::{KpiCategory, Rag};
use casebook_doc::rules::churn::{Churn, Tenure, churn};
use casebook_doc::rules::flags;
use casebook_doc::rules::scorecard::routine;
use casebook_doc::{FileSummary, OrgConfig};

use crate::organisation::Rules;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// Which clients `client list` shows.
#[derive(Clone, Debug, Default)]
pub struct ClientFilter {
    /// Only clients in this stage.
    pub stage: Option<String>,
    /// Only clients led by this adviser (case-insensitive).
    pub lead: Option<String>,
    /// Only clients whose roll-up is this colour.
    pub rag: Option<Rag>,
    /// Only stalled clients.
    pub stalled: bool,
    /// Only active clients without an exit plan.
    pub no_exit_plan: bool,
    /// Include clients that have exited.
    pub include_exited: bool,
}

impl ClientFilter {
    /// Whether `s` passes this filter at `now`.
    pub fn matches(&self, s: &FileSummary, config: &OrgConfig, now: DateTime<Utc>) -> bool {
        (self.include_exited || s.is_active())
            // A client whose stage is disputed is found under each of its concurrent stages.
            && self
                .stage
                .as_ref()
                .is_none_or(|st| s.facts.stages().any(|x| x.eq_ignore_ascii_case(st)))
            && self
                .lead
                .as_ref()
                .is_none_or(|l| s.lead.eq_ignore_ascii_case(l))
            && self.rag.is_none_or(|r| s.rag == Some(r))
            && (!self.stalled || flags::stalled(&s.facts, config, now).is_some())
            && (!self.no_exit_plan || (s.is_active() && !s.has_exit_plan))
    }
}

/// One client named on the dashboard, with why.
#[derive(Clone, Debug, Serialize)]
pub struct Flagged {
    /// The file id.
    pub file_id: String,
    /// The client's name.
    pub name: String,
    /// The lead adviser.
    pub lead: String,
    /// Why it is listed, in English words.
    pub detail: String,
    /// Why it is listed, as data (`kind` and its numbers), for words in any language.
    pub why: Why,
    /// Whether the reason rests on a field holding concurrent values (a red roll-up from a
    /// disputed risk, a stall in a disputed stage): the worst of them decided it.
    pub disputed: bool,
}

/// A client whose account file holds concurrent values, which an adviser needs to decide.
#[derive(Clone, Debug, Serialize)]
pub struct Conflicted {
    /// The file id.
    pub file_id: String,
    /// The client's name.
    pub name: String,
    /// The lead adviser.
    pub lead: String,
    /// How many fields hold concurrent values.
    pub fields: usize,
    /// The command that lists them.
    pub command: String,
}

/// The portfolio health dashboard (PF-6).
#[derive(Clone, Debug, Serialize)]
pub struct Portfolio {
    /// The adviser the dashboard is for; `None` for everyone.
    pub adviser: Option<String>,
    /// When it was computed.
    pub as_of: DateTime<Utc>,
    /// Clients on the caseload.
    pub active: usize,
    /// Clients that have exited.
    pub exited: usize,
    /// Active clients with no contact for longer than configured.
    pub overdue_contacts: Vec<Flagged>,
    /// Active clients whose journey has stalled (JR-2).
    pub stalled: Vec<Flagged>,
    /// Active clients who have stopped responding (JR-3).
    pub unresponsive: Vec<Flagged>,
    /// Active clients whose risk roll-up is red (RK-2).
    pub red_rollups: Vec<Flagged>,
    /// Active clients whose risk register holds data the roll-up works around (a parent
    /// cycle, an unknown parent, a value off the 1–5 scale) until an adviser corrects it.
    pub risk_data_problems: Vec<Flagged>,
    /// Active clients without an exit plan (JR-4: should be none).
    pub no_exit_plan: Vec<Flagged>,
    /// Active clients without a named point of contact (CT-1: should be none).
    pub no_point_of_contact: Vec<Flagged>,
    /// Active clients with overdue actions (CL-2).
    pub overdue_actions: Vec<Flagged>,
    /// Active clients where someone who prefers Welsh was served in English (CY-2).
    pub welsh_served_in_english: Vec<Flagged>,
    /// Active clients whose latest finalised scorecard has a Level 1 category below full
    /// marks: they require immediate attention (BS-2).
    pub level1_failures: Vec<Flagged>,
    /// Active clients on the scorecard routine with a month that ended without a finalised
    /// scorecard (BS-4).
    pub scorecards_overdue: Vec<Flagged>,
    /// Active clients with lost orders nobody has reviewed (OP-4).
    pub lost_orders_not_reviewed: Vec<Flagged>,
    /// Key accounts (on the scorecard routine, or surveyed before) with no satisfaction survey
    /// issued in the last 12 months (SV-1).
    pub surveys_due: Vec<Flagged>,
    /// Accounts on the review routine whose next internal review is overdue (RV-1).
    pub reviews_overdue: Vec<Flagged>,
    /// Accounts with a senior sponsor whose contact with the client's senior people is not
    /// planned or overdue (CT-5).
    pub senior_contact: Vec<Flagged>,
    /// Clients missing a service level of their tier that no other section shows: a senior
    /// sponsor the tier requires (PF-4, PF-5). Contacts and reviews overdue by the tier's
    /// periods are in those sections.
    pub service_levels: Vec<Flagged>,
    /// Each balance band of the organisation with the share or churn it judges (PF-2).
    pub balance: Vec<casebook_doc::rules::balance::BandCheck>,
    /// Each adviser's load over the last twelve months against their capacity (PF-5): every
    /// lead of an active client, and every adviser with a capacity set.
    pub load: Vec<casebook_doc::rules::effort::Load>,
    /// Caseload by tier (PF-4), by the tier's name; `""` for clients in none.
    pub by_tier: BTreeMap<String, usize>,
    /// Accounts with an opportunity or contract whose last period ended without its coloured
    /// risk alert, or with alerts sent below the register's colour (RK-3).
    pub risk_alerts: Vec<Flagged>,
    /// Accounts whose risk management plan is overdue for review, leaves an amber or red threat
    /// without an action, or is missing where threats need one: a contract's, or a key
    /// account's own (on the scorecard routine or surveyed) (RK-5).
    pub risk_plans: Vec<Flagged>,
    /// Clients (exited ones too) whose file holds concurrent values: until an adviser resolves
    /// them, every colour and flag above is judged by the worst of them.
    pub conflicts: Vec<Conflicted>,
    /// Caseload by pathway stage, in pathway order.
    pub by_stage: Vec<(String, usize)>,
    /// Caseload by segment tag.
    pub by_segment: BTreeMap<String, usize>,
    /// Caseload by lead adviser.
    pub by_adviser: BTreeMap<String, usize>,
    /// Churn over the period (PF-2).
    pub churn: Churn,
}

fn flag(s: &FileSummary, why: Why) -> Flagged {
    Flagged {
        file_id: s.file_id.clone(),
        name: s.name.clone(),
        lead: s.lead.clone(),
        detail: why.detail(),
        why,
        disputed: false,
    }
}

/// A flag that rests on disputed values when `disputed`, saying so in its detail.
fn disputed_flag(s: &FileSummary, why: Why, disputed: bool) -> Flagged {
    let mut flagged = flag(s, why);
    if disputed {
        flagged.detail.push_str("; disputed");
        flagged.disputed = true;
    }
    flagged
}

/// Why a client is listed, as data: the CLI words it in the reader's language; `detail` is
/// the same in English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Why {
    /// Never contacted.
    NeverContacted,
    /// Last contacted this many days ago.
    LastContact {
        /// Days since.
        days: i64,
    },
    /// Longer in a stage than it allows.
    TooLongInStage {
        /// The stage.
        stage: String,
        /// Days in it.
        days: i64,
        /// Its limit.
        max_days: i64,
    },
    /// No progress for too long.
    NoProgress {
        /// Days without.
        days: i64,
        /// The limit.
        max_days: i64,
    },
    /// No response for this many days.
    NoReply {
        /// Days.
        days: i64,
    },
    /// Attempts left unanswered.
    AttemptsUnanswered {
        /// How many.
        attempts: u32,
    },
    /// The roll-up is red over this many open risks.
    OpenRisks {
        /// How many.
        count: usize,
    },
    /// Data problems in the risk register.
    RiskDataProblems {
        /// How many.
        count: usize,
        /// The command that lists them.
        command: String,
    },
    /// No exit plan agreed.
    NoExitPlan,
    /// No lead adviser named.
    NoLeadAdviser,
    /// Actions past their due date.
    OverdueActions {
        /// How many.
        count: usize,
    },
    /// Interactions held in English with someone who prefers Welsh.
    WelshServedInEnglish {
        /// How many.
        count: usize,
    },
    /// The latest finalised scorecard has Level 1 categories below full marks.
    Level1Failure {
        /// Its month.
        month: String,
        /// The categories.
        categories: Vec<KpiCategory>,
    },
    /// Months that ended without a finalised scorecard, latest first.
    ScorecardOverdue {
        /// The months.
        months: Vec<String>,
    },
    /// Lost orders not reviewed.
    LostOrdersNotReviewed {
        /// How many.
        count: usize,
    },
    /// The senior sponsor has no planned contact with the client's senior people.
    SeniorContactNotPlanned {
        /// The sponsor.
        sponsor: String,
    },
    /// The senior sponsor's contact with the client's senior people was due on this day.
    SeniorContactOverdue {
        /// The sponsor.
        sponsor: String,
        /// The day it was due.
        due: NaiveDate,
    },
    /// The next internal review was due this many days ago.
    ReviewOverdue {
        /// The day it was due.
        due: NaiveDate,
        /// Days past it.
        days: i64,
    },
    /// The coloured risk alerts of these activities are overdue, with the first day of the
    /// last period missing.
    RiskAlertOverdue {
        /// The opportunity or contract.
        activity: String,
        /// Whether it is a contract.
        contract: bool,
        /// The reporter.
        reporter: String,
        /// The first day of the period that ended without an alert.
        period: NaiveDate,
    },
    /// Activities whose latest alert was sent below the register's colour.
    AlertsBelowRegister {
        /// How many activities.
        count: usize,
    },
    /// A risk management plan's review was due on this day (`contract` empty for the
    /// account's plan).
    RiskPlanReviewOverdue {
        /// The contract's title, or empty for the account.
        contract: String,
        /// The day it was due.
        due: NaiveDate,
    },
    /// A risk management plan leaves amber or red threats without an action.
    RiskPlanGaps {
        /// The contract's title, or empty for the account.
        contract: String,
        /// How many threats.
        count: usize,
    },
    /// Threats that need a risk management plan and none is kept.
    NoRiskPlan {
        /// The contract's title, or empty for the account.
        contract: String,
    },
    /// The client's tier requires a senior sponsor and none is named.
    TierNoSponsor {
        /// The tier's name.
        tier: String,
    },
    /// No survey issued in the last 12 months.
    SurveyDue {
        /// The day the latest was issued, if ever.
        last: Option<NaiveDate>,
    },
}

impl Why {
    /// The reason in English words.
    pub fn detail(&self) -> String {
        match self {
            Why::NeverContacted => "never contacted".into(),
            Why::LastContact { days } => format!("last contact {days} days ago"),
            Why::TooLongInStage {
                stage,
                days,
                max_days,
            } => format!("{days} days in {stage} (limit {max_days})"),
            Why::NoProgress { days, max_days } => {
                format!("no progress for {days} days (limit {max_days})")
            }
            Why::NoReply { days } => format!("no reply for {days} days"),
            Why::AttemptsUnanswered { attempts } => format!("{attempts} attempts unanswered"),
            Why::OpenRisks { count } => format!("{count} open risks"),
            Why::RiskDataProblems { count, command } => {
                format!("{count} data problem(s) in the risk register: {command}")
            }
            Why::NoExitPlan => "no exit plan agreed".into(),
            Why::NoLeadAdviser => "no lead adviser named".into(),
            Why::OverdueActions { count } => format!("{count} overdue"),
            Why::WelshServedInEnglish { count } => {
                format!("{count} interaction(s) in English with someone who prefers Welsh")
            }
            Why::Level1Failure { month, categories } => format!(
                "Level 1 below full marks in {month}: {}",
                categories
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Why::ScorecardOverdue { months } => {
                format!("no finalised scorecard for {}", months.join(", "))
            }
            Why::LostOrdersNotReviewed { count } => format!("{count} lost order(s) not reviewed"),
            Why::ReviewOverdue { due, days } => format!("review due {due}, {days} days ago"),
            Why::SeniorContactNotPlanned { sponsor } => {
                format!("no contact planned between {sponsor} and the client's senior people")
            }
            Why::SeniorContactOverdue { sponsor, due } => {
                format!("{sponsor}'s contact with the client's senior people was due {due}")
            }
            Why::RiskAlertOverdue {
                activity,
                reporter,
                period,
                ..
            } => {
                format!("no risk alert from {reporter} for {activity} for the period from {period}")
            }
            Why::AlertsBelowRegister { count } => {
                format!("latest risk alert below the register's colour for {count} activity(ies)")
            }
            Why::RiskPlanReviewOverdue { contract, due } => {
                format!("risk management plan {contract} review due {due}")
            }
            Why::RiskPlanGaps { contract, count } => {
                format!(
                    "risk management plan {contract}: {count} amber or red threat(s) without an action"
                )
            }
            Why::NoRiskPlan { contract } => format!("no risk management plan {contract}"),
            Why::TierNoSponsor { tier } => {
                format!("the tier {tier} requires a senior sponsor, and none is named")
            }
            Why::SurveyDue { last } => match last {
                Some(d) => format!("last survey issued {d}"),
                None => "never surveyed".into(),
            },
        }
    }
}

/// Compute the dashboard for `adviser` (or everyone) from summaries, at `now`, with churn over
/// `[from, to]`, every file judged by `config`.
pub fn portfolio(
    summaries: &[FileSummary],
    config: &OrgConfig,
    adviser: Option<&str>,
    now: DateTime<Utc>,
    from: NaiveDate,
    to: NaiveDate,
) -> Portfolio {
    portfolio_judged(
        summaries,
        &Rules::single(config.clone()),
        adviser,
        now,
        from,
        to,
    )
}

/// [`portfolio`], each file judged by the rules of the organisation it names (`Node::rules`).
pub fn portfolio_judged(
    summaries: &[FileSummary],
    rules: &Rules,
    adviser: Option<&str>,
    now: DateTime<Utc>,
    from: NaiveDate,
    to: NaiveDate,
) -> Portfolio {
    let config = &rules.own;
    let mine: Vec<&FileSummary> = summaries
        .iter()
        .filter(|s| adviser.is_none_or(|a| s.lead.eq_ignore_ascii_case(a)))
        .collect();
    let active: Vec<&&FileSummary> = mine.iter().filter(|s| s.is_active()).collect();
    let today = now.date_naive();
    let mut p = Portfolio {
        adviser: adviser.map(str::to_string),
        as_of: now,
        active: active.len(),
        exited: mine.len() - active.len(),
        overdue_contacts: vec![],
        stalled: vec![],
        unresponsive: vec![],
        red_rollups: vec![],
        risk_data_problems: vec![],
        no_exit_plan: vec![],
        no_point_of_contact: vec![],
        overdue_actions: vec![],
        welsh_served_in_english: vec![],
        level1_failures: vec![],
        scorecards_overdue: vec![],
        lost_orders_not_reviewed: vec![],
        surveys_due: vec![],
        reviews_overdue: vec![],
        senior_contact: vec![],
        risk_alerts: vec![],
        risk_plans: vec![],
        service_levels: vec![],
        load: vec![],
        balance: vec![],
        by_tier: BTreeMap::new(),
        conflicts: vec![],
        by_stage: vec![],
        by_segment: BTreeMap::new(),
        by_adviser: BTreeMap::new(),
        churn: churn(&[], from, to),
    };
    let mut stages: BTreeMap<String, usize> = BTreeMap::new();
    for s in &active {
        let config = rules.for_file(s);
        if flags::contact_overdue(&s.facts, config, now) {
            let why = match s.facts.last_contact {
                Some(at) => Why::LastContact {
                    days: (now - at).num_days(),
                },
                None => Why::NeverContacted,
            };
            p.overdue_contacts.push(flag(s, why));
        }
        if let Some(st) = flags::stalled(&s.facts, config, now) {
            let why = match st {
                flags::Stalled::TooLongInStage {
                    stage,
                    days,
                    max_days,
                } => Why::TooLongInStage {
                    stage,
                    days,
                    max_days,
                },
                flags::Stalled::NoProgress { days, max_days } => Why::NoProgress { days, max_days },
            };
            let stage_disputed = !s.facts.disputed_stages.is_empty();
            p.stalled.push(disputed_flag(s, why, stage_disputed));
        }
        if let Some(u) = flags::unresponsive(&s.facts, config, now) {
            let why = match u {
                flags::Unresponsive::Silent { days } => Why::NoReply { days },
                flags::Unresponsive::UnansweredAttempts { attempts } => {
                    Why::AttemptsUnanswered { attempts }
                }
            };
            p.unresponsive.push(flag(s, why));
        }
        if s.rag == Some(Rag::Red) {
            let why = Why::OpenRisks {
                count: s.open_risks,
            };
            p.red_rollups.push(disputed_flag(s, why, s.rag_disputed));
        }
        if s.risk_problems > 0 {
            let why = Why::RiskDataProblems {
                count: s.risk_problems,
                command: format!(
                    "casebook risk list {}",
                    s.file_id.get(..8).unwrap_or(&s.file_id)
                ),
            };
            p.risk_data_problems.push(flag(s, why));
        }
        if !s.has_exit_plan {
            p.no_exit_plan.push(flag(s, Why::NoExitPlan));
        }
        if !s.has_point_of_contact() {
            p.no_point_of_contact.push(flag(s, Why::NoLeadAdviser));
        }
        if s.welsh_served_in_english > 0 {
            p.welsh_served_in_english.push(flag(
                s,
                Why::WelshServedInEnglish {
                    count: s.welsh_served_in_english,
                },
            ));
        }
        let overdue = flags::overdue_actions(&s.facts, today);
        if overdue > 0 {
            p.overdue_actions
                .push(flag(s, Why::OverdueActions { count: overdue }));
        }
        let r = routine(&s.scorecards, today);
        if let (false, Some(month)) = (r.attention.is_empty(), r.last_finalised) {
            p.level1_failures.push(flag(
                s,
                Why::Level1Failure {
                    month,
                    categories: r.attention,
                },
            ));
        }
        if !r.overdue.is_empty() {
            p.scorecards_overdue
                .push(flag(s, Why::ScorecardOverdue { months: r.overdue }));
        }
        if (r.started || s.surveyed)
            && !casebook_doc::rules::survey::within_a_year(s.last_survey, today)
        {
            p.surveys_due.push(flag(
                s,
                Why::SurveyDue {
                    last: s.last_survey,
                },
            ));
        }
        let tier = config.tier(s.facts.tier);
        let reviews = s.reviews.under_tier(tier, s.facts.tier_since);
        let next = casebook_doc::rules::review::next_due(&reviews, today);
        if let (true, true, Some(due)) = (reviews.started, next.overdue, next.due) {
            p.reviews_overdue.push(flag(
                s,
                Why::ReviewOverdue {
                    due,
                    days: next.days_overdue,
                },
            ));
        }
        match s.senior_contact.status(today) {
            Some(casebook_doc::rules::contact_plan::SeniorStatus::NotPlanned) => {
                p.senior_contact.push(flag(
                    s,
                    Why::SeniorContactNotPlanned {
                        sponsor: s.senior_contact.sponsor.clone(),
                    },
                ));
            }
            Some(casebook_doc::rules::contact_plan::SeniorStatus::Overdue { due }) => {
                p.senior_contact.push(flag(
                    s,
                    Why::SeniorContactOverdue {
                        sponsor: s.senior_contact.sponsor.clone(),
                        due,
                    },
                ));
            }
            _ => {}
        }
        for a in &s.risk_alerts {
            if a.overdue(today)
                && let (Some(r), Some(period)) = (&a.reporting, a.missing(today).last())
            {
                p.risk_alerts.push(flag(
                    s,
                    Why::RiskAlertOverdue {
                        activity: a.title.clone(),
                        contract: a.contract,
                        reporter: r.reporter.clone(),
                        period: *period,
                    },
                ));
            }
        }
        let below = s.risk_alerts.iter().filter(|a| a.below_register).count();
        if below > 0 {
            p.risk_alerts
                .push(flag(s, Why::AlertsBelowRegister { count: below }));
        }
        for plan in &s.risk_plans {
            if let Some(due) = plan.next_review
                && today > due
            {
                p.risk_plans.push(flag(
                    s,
                    Why::RiskPlanReviewOverdue {
                        contract: plan.contract.clone(),
                        due,
                    },
                ));
            }
            if plan.gaps > 0 {
                p.risk_plans.push(flag(
                    s,
                    Why::RiskPlanGaps {
                        contract: plan.contract.clone(),
                        count: plan.gaps,
                    },
                ));
            }
        }
        // The account's own plan is the account manager's (seed 003): asked of key accounts,
        // those on the scorecard routine or surveyed; every contract's is asked of all.
        let key_account = r.started || s.surveyed;
        for contract in s
            .risk_plans_missing
            .iter()
            .filter(|c| key_account || !c.is_empty())
        {
            p.risk_plans.push(flag(
                s,
                Why::NoRiskPlan {
                    contract: contract.clone(),
                },
            ));
        }
        if let Some(t) = tier.filter(|t| t.sponsor && s.sponsor.trim().is_empty()) {
            p.service_levels.push(flag(
                s,
                Why::TierNoSponsor {
                    tier: t.name.clone(),
                },
            ));
        }
        *p.by_tier
            .entry(tier.map(|t| t.name.clone()).unwrap_or_default())
            .or_default() += 1;
        if s.lost_not_reviewed > 0 {
            p.lost_orders_not_reviewed.push(flag(
                s,
                Why::LostOrdersNotReviewed {
                    count: s.lost_not_reviewed,
                },
            ));
        }
        *stages.entry(s.facts.stage.clone()).or_default() += 1;
        for seg in &s.segments {
            *p.by_segment.entry(seg.clone()).or_default() += 1;
        }
        let lead = if s.lead.is_empty() {
            "(none)".to_string()
        } else {
            s.lead.clone()
        };
        *p.by_adviser.entry(lead).or_default() += 1;
    }
    for stage in &config.pathway {
        p.by_stage
            .push((stage.name.clone(), stages.remove(&stage.name).unwrap_or(0)));
    }
    p.load = load(&active, config, today, adviser.is_none());
    p.by_stage.extend(stages);
    for s in &mine {
        if s.conflicts > 0 {
            let short = s.file_id.get(..8).unwrap_or(&s.file_id);
            p.conflicts.push(Conflicted {
                file_id: s.file_id.clone(),
                name: s.name.clone(),
                lead: s.lead.clone(),
                fields: s.conflicts,
                command: format!("casebook conflicts {short}"),
            });
        }
    }
    let tenures: Vec<Tenure> = mine
        .iter()
        .filter_map(|s| {
            Some(Tenure {
                intake: s.facts.intake?,
                exit: s.exit_date,
            })
        })
        .collect();
    p.churn = churn(&tenures, from, to);
    // A churn band is a yearly rate: the period's rate scaled to a year, so the verdict does
    // not depend on the period asked for.
    let days = (to - from).num_days() + 1;
    let yearly = p.churn.rate.map(|r| r * 365.0 / days.max(1) as f64);
    p.balance = casebook_doc::rules::balance::check(
        &config.bands,
        p.active,
        &p.by_segment,
        &p.by_stage,
        yearly,
    );
    p
}

/// Each adviser's load over the twelve months to `today` against the capacity `config` gives
/// them (PF-5): the leads of `active` clients, and (for `everyone`'s dashboard) every adviser
/// with a capacity.
fn load(
    active: &[&&FileSummary],
    config: &OrgConfig,
    today: NaiveDate,
    everyone: bool,
) -> Vec<casebook_doc::rules::effort::Load> {
    use casebook_doc::rules::effort::{Load, hours, months, year_to};
    let from = year_to(today);
    let mut by: BTreeMap<String, (usize, f64)> = BTreeMap::new();
    for s in active.iter().filter(|s| !s.lead.trim().is_empty()) {
        let e = by.entry(s.lead.clone()).or_default();
        e.0 += 1;
        e.1 += hours(&s.minutes_by_month, from, today);
    }
    for adviser in config.capacity.keys().filter(|_| everyone) {
        if !by.keys().any(|k| k.eq_ignore_ascii_case(adviser)) {
            by.entry(adviser.clone()).or_default();
        }
    }
    let n = months(from, today).len();
    by.into_iter()
        .map(|(adviser, (clients, h))| {
            Load::of(&adviser, clients, h, n, config.capacity_of(&adviser))
        })
        .collect()
}

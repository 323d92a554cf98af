//! A realistic sample portfolio: several advisers' clients with contact logs, risks,
//! opportunities and journeys at every stage, and two key accounts with a year of account
//! management (`key_accounts`), built through the same durable edit path as any other change.

use casebook_base::FileId;
use casebook_doc::edit::{self, NewClient, RiskAssessment};
use casebook_doc::enums::{
    CosmoGroup, Coverage, Decision, Direction, ExitReason, InteractionKind, OpportunityOrigin,
    PersonRole, Purpose, RiskResponse, SwotKind,
};
use casebook_doc::model::{
    Action, Answer, ExitPlan, ExitRecord, Interaction, Objective, Opportunity, Person,
    QualificationSession, Risk, SwotItem,
};
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::{Error, Node};

mod key_accounts;

/// The advisers whose caseloads the demo builds.
pub const ADVISERS: &[&str] = &["Alice Morgan", "Bethan Evans", "Chris Patel"];

const CLIENTS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Afon Valley Foods Ltd",
        "CF10 1AA",
        "food manufacturing",
        "growth",
        "limited company",
    ),
    (
        "Brightwork Joinery",
        "SA1 2BB",
        "construction",
        "start-up",
        "sole trader",
    ),
    (
        "Cwtch Childcare CIC",
        "NP20 3CC",
        "care",
        "social enterprise",
        "community interest company",
    ),
    (
        "Dragon Data Analytics Ltd",
        "CF24 4DD",
        "digital",
        "growth",
        "limited company",
    ),
    (
        "Eryri Outdoor Adventures",
        "LL55 5EE",
        "tourism",
        "start-up",
        "partnership",
    ),
    (
        "Ffynnon Brewery Ltd",
        "SA31 6FF",
        "food and drink",
        "growth",
        "limited company",
    ),
    (
        "Glas Energy Co-op",
        "SY23 7GG",
        "energy",
        "social enterprise",
        "co-operative",
    ),
    (
        "Harbour Lights Gallery",
        "SA62 8HH",
        "creative",
        "pre-start",
        "sole trader",
    ),
    (
        "Iron Bridge Engineering Ltd",
        "NP44 9II",
        "advanced manufacturing",
        "growth",
        "limited company",
    ),
    (
        "Jasmine Lee Consulting",
        "CF11 1JJ",
        "professional services",
        "pre-start",
        "sole trader",
    ),
    (
        "Kite Mobility Ltd",
        "SA2 2KK",
        "health technology",
        "start-up",
        "limited company",
    ),
    (
        "Llys Care Homes Ltd",
        "LL11 3LL",
        "care",
        "growth",
        "limited company",
    ),
];

/// A small deterministic generator, so every demo tells the same story.
#[derive(Debug)]
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// What the demo built.
#[derive(Clone, Debug)]
pub struct DemoReport {
    /// The files created.
    pub files: Vec<FileId>,
    /// Changes committed (each one durable).
    pub changes: usize,
}

/// Build the sample portfolio in `node`, stamping changes over the months before `now`.
///
/// `progress` is called after each client with (done, total).
///
/// # Errors
/// Any store error; the demo's own edits are valid by construction.
pub fn build(
    node: &mut Node,
    now: DateTime<Utc>,
    mut progress: impl FnMut(usize, usize),
) -> Result<DemoReport, Error> {
    let mut rng = Lcg(0x5eed_ca5e_b00c);
    let mut files = Vec::new();
    let mut changes = 0usize;
    // What each adviser can carry (PF-5) and the churn the caseload should have (PF-2): the
    // portfolio weighs load and balance against them.
    node.change_config(
        "Settings: capacity of the demo's advisers and a churn band",
        |c| {
            use casebook_doc::rules::balance::{Band, Measure, key};
            c.bands
                .insert(key(Measure::Churn, ""), Band { min: 5, max: 25 });
            for adviser in ADVISERS {
                c.capacity.insert(
                    adviser.to_string(),
                    casebook_doc::rules::effort::Capacity {
                        clients: 4,
                        hours: 60,
                    },
                );
            }
            Ok(())
        },
    )?;
    let config = node.config()?;
    let stages: Vec<String> = config.pathway.iter().map(|s| s.name.clone()).collect();
    for (i, (name, postcode, sector, segment, form)) in CLIENTS.iter().enumerate() {
        let lead = ADVISERS[i % ADVISERS.len()];
        let deputy = ADVISERS[(i + 1) % ADVISERS.len()];
        // Intake between 14 and 8 months ago, so journeys have real history.
        let start = now - Duration::days(240 + (rng.below(180) as i64));
        let mut t = start;
        node.set_clock(Some(t));
        let file = node.create_client(&NewClient {
            name: name.to_string(),
            legal_form: form.to_string(),
            sector: sector.to_string(),
            postcode: postcode.to_string(),
            company_number: if form.contains("limited") {
                format!("{:08}", 10_000_000 + rng.below(89_999_999))
            } else {
                String::new()
            },
            region: if postcode.starts_with("LL") || postcode.starts_with("SY") {
                "North and Mid Wales".into()
            } else {
                "South Wales".into()
            },
            segments: vec![
                segment.to_string(),
                sector
                    .split_whitespace()
                    .next()
                    .unwrap_or("general")
                    .to_string(),
            ],
            lead: if i == 7 {
                String::new()
            } else {
                lead.to_string()
            },
            intake_date: Some(start.date_naive()),
            source: [
                "growth hub referral",
                "bank referral",
                "website enquiry",
                "event",
            ][i % 4]
                .to_string(),
            // Node::create_client names this node's organisation.
            language: if postcode.starts_with("LL") {
                "cy".into()
            } else {
                String::new()
            },
            org: None,
        })?;
        changes += 1;
        files.push(file);
        t += Duration::days(1);
        node.set_clock(Some(t));
        node.apply(file, |d, c, _| {
            edit::edit_client(
                d,
                c,
                &edit::ClientPatch {
                    deputy: Some(deputy.to_string()),
                    sponsor: Some("Dr Sian Rees (Director)".into()),
                    mission: Some(format!(
                        "To be the most trusted name in {sector} in the region"
                    )),
                    contact_communicated: Some(t.date_naive()),
                    ..Default::default()
                },
            )
        })?;
        changes += 1;

        // People and the org chart.
        let md = node
            .apply(file, |d, c, _| {
                edit::add_person(
                    d,
                    c,
                    &Person {
                        name: [
                            "Rhys Jones",
                            "Megan Davies",
                            "Owen Price",
                            "Ceri Thomas",
                            "Priya Shah",
                            "Tom Hughes",
                        ][i % 6]
                            .into(),
                        title: "Managing Director".into(),
                        roles: [
                            (PersonRole::DecisionMaker, true),
                            (PersonRole::Sponsor, true),
                        ]
                        .into_iter()
                        .collect(),
                        channel: Some(InteractionKind::Meeting),
                        language: if i % 3 == 0 { "cy".into() } else { "en".into() },
                        coverage: Coverage::Contacted,
                        ..Default::default()
                    },
                )
            })?
            .entry;
        changes += 1;
        let mut people = vec![];
        for (title, role, cov) in [
            (
                "Finance Manager",
                PersonRole::Influencer,
                Coverage::Identified,
            ),
            ("Operations Lead", PersonRole::User, Coverage::NotIdentified),
            ("PA to the MD", PersonRole::Gatekeeper, Coverage::Contacted),
        ] {
            if rng.below(4) == 0 {
                continue;
            }
            let p = node
                .apply(file, |d, c, _| {
                    edit::add_person(
                        d,
                        c,
                        &Person {
                            name: format!(
                                "{} {}",
                                ["Dafydd", "Nia", "Gareth", "Lowri", "Aled", "Ffion"]
                                    [rng.below(6) as usize],
                                ["Morgan", "Lewis", "Roberts", "Evans", "Walker"]
                                    [rng.below(5) as usize]
                            ),
                            title: title.into(),
                            roles: [(role, true)].into_iter().collect(),
                            reports_to: md,
                            coverage: cov,
                            channel: Some(InteractionKind::Email),
                            ..Default::default()
                        },
                    )
                })?
                .entry;
            changes += 1;
            people.push(p);
        }
        if let Some(Some(p)) = people.first() {
            let when = (t + Duration::days(21)).date_naive();
            node.apply(file, |d, c, _| {
                edit::set_coverage(d, c, *p, Coverage::VisitPlanned, deputy, Some(when))
            })?;
            changes += 1;
        }

        // Objectives and SWOT.
        node.apply(file, |d, c, _| {
            edit::add_objective(
                d,
                c,
                &Objective {
                    goal: "Grow turnover".into(),
                    measure: "annual turnover".into(),
                    target: "+20% in 2 years".into(),
                    due: Some((t + Duration::days(730)).date_naive()),
                },
            )
        })?;
        node.apply(file, |d, c, _| {
            edit::add_swot(
                d,
                c,
                &SwotItem {
                    kind: SwotKind::Threat,
                    text: "Reliance on a single key supplier".into(),
                    date: Some(t.date_naive()),
                },
            )
        })?;
        changes += 2;

        // Journey: move along the pathway at a pace that leaves some clients stalled.
        let target_stage = 1 + (i % (stages.len() - 1));
        for stage in stages.iter().take(target_stage + 1).skip(1) {
            // Spread the stage moves over the client's time with us, so only some journeys
            // have sat too long in their current stage.
            let gap = (now - start).num_days() / (target_stage as i64 + 2);
            t += Duration::days(gap - 10 + rng.below(20) as i64);
            node.set_clock(Some(t));
            node.apply(file, |d, c, cfg| {
                edit::set_stage(d, c, cfg, stage, "agreed at review")
            })?;
            changes += 1;
        }
        if i % 4 != 1 {
            node.apply(file, |d, c, _| {
                edit::set_exit_plan(
                    d,
                    c,
                    &ExitPlan {
                        criteria: "Support plan delivered and growth finance secured".into(),
                        planned_date: Some((t + Duration::days(180)).date_naive()),
                        onward_referral: "Development Bank".into(),
                    },
                )
            })?;
            changes += 1;
        }

        // The contact log, up to the present for most clients; quieter ones go silent.
        let silent_from = if i % 5 == 2 {
            now - Duration::days(75)
        } else {
            now
        };
        let mut at = start + Duration::days(2);
        let mut n = 0;
        while at < silent_from && n < 14 {
            node.set_clock(Some(at));
            let kind = [
                InteractionKind::Call,
                InteractionKind::Meeting,
                InteractionKind::Email,
                InteractionKind::Visit,
            ][rng.below(4) as usize];
            let purpose = [
                Purpose::FactFinding,
                Purpose::ProgressReview,
                Purpose::Sales,
                Purpose::Issues,
            ][rng.below(4) as usize];
            let direction = if rng.below(3) == 0 {
                Direction::Inbound
            } else {
                Direction::Outbound
            };
            let logged = node.apply(file, |d, c, _| {
                edit::log_interaction(
                    d,
                    c,
                    &Interaction {
                        kind,
                        direction,
                        at,
                        minutes: [15, 30, 45, 60, 90][rng.below(5) as usize],
                        our_attendees: vec![lead.to_string()],
                        their_attendees: vec!["Managing Director".into()],
                        people: vec![],
                        purpose,
                        summary: format!("{purpose} {kind} about the support plan"),
                        needs: if purpose == Purpose::FactFinding {
                            "cash-flow forecasting; export advice".into()
                        } else {
                            String::new()
                        },
                        risks: vec![],
                        opportunities: vec![],
                        by: lead.to_string(),
                        language: String::new(),
                    },
                )
            })?;
            changes += 1;
            if n % 4 == 1 {
                let due = (at + Duration::days(14 + rng.below(30) as i64)).date_naive();
                let done = rng.below(2) == 0;
                let action = node.apply(file, |d, c, _| {
                    edit::add_action(
                        d,
                        c,
                        &Action {
                            title: [
                                "Send grant eligibility checklist",
                                "Introduce to export adviser",
                                "Review cash-flow forecast",
                                "Book diagnostic visit",
                            ][rng.below(4) as usize]
                                .into(),
                            owner: lead.to_string(),
                            due: Some(due),
                            status: Default::default(),
                            done_at: None,
                            origin: logged.entry,
                        },
                    )
                })?;
                changes += 1;
                if done && let Some(a) = action.entry {
                    node.apply(file, |d, c, _| edit::complete_action(d, c, a))?;
                    changes += 1;
                }
            }
            at += Duration::days(12 + rng.below(25) as i64);
            n += 1;
        }

        // Risks and opportunities.
        node.set_clock(Some(now - Duration::days(30 + rng.below(30) as i64)));
        let opp = node
            .apply(file, |d, c, _| {
                edit::add_opportunity(
                    d,
                    c,
                    &Opportunity {
                        reporting: None,
                        title: [
                            "Export growth programme",
                            "Productivity grant",
                            "Leadership course",
                            "Green energy audit",
                        ][i % 4]
                            .into(),
                        origin: if i % 2 == 0 {
                            OpportunityOrigin::Need
                        } else {
                            OpportunityOrigin::Proposition
                        },
                        value: (5_000 + rng.below(45_000)) as f64,
                        timescale: "next two quarters".into(),
                        status: Default::default(),
                        raised: Some(node_time(&now, 60)),
                        sessions: Default::default(),
                        outcome: None,
                    },
                )
            })?
            .entry;
        changes += 1;
        let (l, s) = (1 + rng.below(5) as u8, 1 + rng.below(5) as u8);
        let risk = node
            .apply(file, |d, c, cfg| {
                edit::add_risk(
                    d,
                    c,
                    cfg,
                    &Risk {
                        contract: None,
                        title: "Key supplier failure".into(),
                        opportunity: None,
                        parent: None,
                        category: "client: business performance/stability".into(),
                        polarity: Default::default(),
                        likelihood: l,
                        severity: s,
                        response: None,
                        residual_likelihood: None,
                        residual_severity: None,
                        mitigation: String::new(),
                        owner: lead.to_string(),
                        status: Default::default(),
                        raised: None,
                    },
                )
            })?
            .entry;
        changes += 1;
        if let Some(o) = opp {
            let (l2, s2) = (2 + rng.below(4) as u8, 2 + rng.below(4) as u8);
            let orisk = node
                .apply(file, |d, c, cfg| {
                    edit::add_risk(
                        d,
                        c,
                        cfg,
                        &Risk {
                            contract: None,
                            title: "Match funding not secured".into(),
                            opportunity: Some(o),
                            parent: None,
                            category: "supplier: financial performance & forecasts".into(),
                            polarity: Default::default(),
                            likelihood: l2,
                            severity: s2,
                            response: Some(RiskResponse::Reduce),
                            residual_likelihood: None,
                            residual_severity: None,
                            mitigation: "Early conversation with the bank".into(),
                            owner: lead.to_string(),
                            status: Default::default(),
                            raised: None,
                        },
                    )
                })?
                .entry;
            changes += 1;
            if i % 3 == 0
                && let Some(parent) = orisk
            {
                node.apply(file, |d, c, cfg| {
                    edit::add_risk(
                        d,
                        c,
                        cfg,
                        &Risk {
                            contract: None,
                            title: "Bank decision delayed past grant deadline".into(),
                            opportunity: None,
                            parent: Some(parent),
                            category: "contract: timescales & deadlines".into(),
                            polarity: Default::default(),
                            likelihood: 4,
                            severity: 4,
                            response: None,
                            residual_likelihood: None,
                            residual_severity: None,
                            mitigation: String::new(),
                            owner: deputy.to_string(),
                            status: Default::default(),
                            raised: None,
                        },
                    )
                })?;
                changes += 1;
            }
            for k in 0..2 {
                node.set_clock(Some(now - Duration::days(20 - 10 * k)));
                let answers = CosmoGroup::ALL
                    .iter()
                    .take(4 + 3 * k as usize)
                    .map(|g| {
                        (
                            Uuid::new_v4(),
                            Answer {
                                group: *g,
                                question: format!("{g}: what do we know?"),
                                score: rng.below(6) as u8,
                                note: "from the MD".into(),
                            },
                        )
                    })
                    .collect();
                let at = node.now();
                node.apply(file, |d, c, cfg| {
                    edit::add_session(
                        d,
                        c,
                        cfg,
                        o,
                        &QualificationSession {
                            at,
                            participants: vec![lead.to_string(), deputy.to_string()],
                            neutral_reviewer: "Dr Sian Rees".into(),
                            answers,
                            decision: if k == 1 && i % 6 == 5 {
                                Decision::QualifyOut
                            } else {
                                Decision::Continue
                            },
                            note: String::new(),
                            weights: None,
                        },
                    )
                })?;
                changes += 1;
            }
        }
        if let Some(r) = risk
            && i % 2 == 0
        {
            node.set_clock(Some(now - Duration::days(5)));
            let l = 1 + rng.below(5) as u8;
            node.apply(file, |d, c, cfg| {
                edit::assess_risk(
                    d,
                    c,
                    cfg,
                    r,
                    &RiskAssessment {
                        likelihood: Some(l),
                        response: Some(RiskResponse::Reduce),
                        mitigation: Some("Second supplier being qualified".into()),
                        ..Default::default()
                    },
                )
            })
            .or_else(|e| match e {
                Error::Doc(casebook_doc::Error::Rule(_)) => Ok(Default::default()),
                e => Err(e),
            })?;
            changes += 1;
        }
        // Every client in a tier from its intake: the key accounts in Target, the rest in
        // Standard.
        let (tier, why) = if i == 0 || i == 3 {
            ("Target", "Growth plan agreed at the first diagnostic")
        } else {
            ("Standard", "Eligible and asked for support")
        };
        node.set_client_tier(file, tier, start.date_naive(), why)?;
        changes += 1;
        // Two key accounts get a year of account management (seed 003): one with its lost
        // order reviewed, one without.
        if i == 0 || i == 3 {
            changes += key_accounts::year(node, file, now, lead, i == 0)?;
        }
        if i % 6 == 4 {
            node.set_clock(Some(now - Duration::days(10)));
            node.apply(file, |d, c, _| {
                edit::exit_client(
                    d,
                    c,
                    &ExitRecord {
                        date: (now - Duration::days(10)).date_naive(),
                        reason: ExitReason::CompletedJourney,
                        outcome: "Secured growth finance; 4 jobs created".into(),
                        destination: "Development Bank".into(),
                    },
                )
            })?;
            changes += 1;
        }
        progress(i + 1, CLIENTS.len());
    }
    node.set_clock(None);
    Ok(DemoReport { files, changes })
}

fn node_time(now: &DateTime<Utc>, days_ago: i64) -> DateTime<Utc> {
    *now - Duration::days(days_ago)
}

//! The core promise of casebook as properties: advisers who edit copies of one account file
//! offline, with any mix of domain edits, always converge when they merge, and nothing either
//! of them added is lost.
//!
//! Ops are generated as small numbers (seeds): which edit, which existing entry (an index into
//! the entries the fork knows, in the order they were created), which value. Entry ids only
//! exist once an edit has run, so each fork resolves its ops against its own document.

use std::collections::BTreeSet;

use automerge::{ActorId, Automerge, ChangeHash};
use casebook_base::FileId;
use casebook_doc::edit::{self, ClientPatch, EditContext, Edited, NewClient, RiskAssessment};
use casebook_doc::enums::{
    ActionStatus, CosmoGroup, Coverage, Decision, Direction, InteractionKind, OpportunityOrigin,
    OpportunityStatus, PersonRole, Polarity, Purpose, RiskResponse, RiskStatus, SwotKind,
};
use casebook_doc::model::{
    Action, Answer, ExitPlan, Interaction, Opportunity, Person, QualificationSession, Risk,
    SwotItem,
};
use casebook_doc::{AccountFile, OrgConfig, schema, view};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use uuid::Uuid;

/// One domain edit, described by seeds that a fork resolves against its own document.
#[derive(Clone, Debug)]
enum Op {
    LogInteraction {
        kind: usize,
        inbound: bool,
        purpose: usize,
        minutes: u32,
        risk: Option<usize>,
        opportunity: Option<usize>,
    },
    AddPerson {
        word: u8,
        coverage: usize,
        role: Option<usize>,
        reports_to: Option<usize>,
    },
    SetCoverage {
        person: usize,
        state: usize,
    },
    AddRisk {
        word: u8,
        likelihood: u8,
        severity: u8,
        parent: Option<usize>,
        opportunity: Option<usize>,
    },
    AssessRisk {
        risk: usize,
        likelihood: u8,
        severity: u8,
        response: Option<usize>,
        close: bool,
    },
    AddAction {
        word: u8,
        due_in_days: i64,
        origin: Option<usize>,
    },
    CompleteAction {
        action: usize,
    },
    AddOpportunity {
        word: u8,
        value: u32,
        need: bool,
    },
    AddSession {
        opportunity: usize,
        scores: Vec<(usize, u8)>,
        decision: usize,
    },
    EditClient {
        field: usize,
        word: u8,
    },
    SetStage {
        stage: usize,
    },
    SetExitPlan {
        word: u8,
        in_days: i64,
    },
    AddSwot {
        kind: usize,
        word: u8,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let idx = || 0usize..16;
    let scale = || 1u8..=5;
    prop_oneof![
        (
            idx(),
            any::<bool>(),
            idx(),
            0u32..240,
            proptest::option::of(idx()),
            proptest::option::of(idx())
        )
            .prop_map(|(kind, inbound, purpose, minutes, risk, opportunity)| {
                Op::LogInteraction {
                    kind,
                    inbound,
                    purpose,
                    minutes,
                    risk,
                    opportunity,
                }
            }),
        (
            any::<u8>(),
            idx(),
            proptest::option::of(idx()),
            proptest::option::of(idx())
        )
            .prop_map(|(word, coverage, role, reports_to)| Op::AddPerson {
                word,
                coverage,
                role,
                reports_to,
            }),
        (idx(), idx()).prop_map(|(person, state)| Op::SetCoverage { person, state }),
        (
            any::<u8>(),
            scale(),
            scale(),
            proptest::option::of(idx()),
            proptest::option::of(idx())
        )
            .prop_map(
                |(word, likelihood, severity, parent, opportunity)| Op::AddRisk {
                    word,
                    likelihood,
                    severity,
                    parent,
                    opportunity,
                }
            ),
        (
            idx(),
            scale(),
            scale(),
            proptest::option::of(idx()),
            any::<bool>()
        )
            .prop_map(
                |(risk, likelihood, severity, response, close)| Op::AssessRisk {
                    risk,
                    likelihood,
                    severity,
                    response,
                    close,
                }
            ),
        (any::<u8>(), 0i64..90, proptest::option::of(idx())).prop_map(
            |(word, due_in_days, origin)| Op::AddAction {
                word,
                due_in_days,
                origin,
            }
        ),
        idx().prop_map(|action| Op::CompleteAction { action }),
        (any::<u8>(), 0u32..100_000, any::<bool>())
            .prop_map(|(word, value, need)| Op::AddOpportunity { word, value, need }),
        (
            idx(),
            proptest::collection::vec((idx(), 0u8..=5), 1..4),
            idx()
        )
            .prop_map(|(opportunity, scores, decision)| Op::AddSession {
                opportunity,
                scores,
                decision,
            }),
        (idx(), any::<u8>()).prop_map(|(field, word)| Op::EditClient { field, word }),
        idx().prop_map(|stage| Op::SetStage { stage }),
        (any::<u8>(), 30i64..400).prop_map(|(word, in_days)| Op::SetExitPlan { word, in_days }),
        (idx(), any::<u8>()).prop_map(|(kind, word)| Op::AddSwot { kind, word }),
    ]
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    proptest::collection::vec(op(), 0..12)
}

fn pick<T: Copy>(all: &[T], i: usize) -> T {
    all[i % all.len()]
}

fn pick_in<T: Copy>(known: &[T], i: Option<usize>) -> Option<T> {
    match i {
        Some(i) if !known.is_empty() => Some(pick(known, i)),
        _ => None,
    }
}

/// A node id-like actor: 32 distinct bytes, different for each `n`.
fn actor(n: u8) -> ActorId {
    let bytes: Vec<u8> = (0u8..32)
        .map(|i| n.wrapping_mul(61).wrapping_add(i))
        .collect();
    ActorId::from(&bytes[..])
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 12, 10, 30, 0)
        .single()
        .expect("a valid fixed time")
}

fn ctx(adviser: &str) -> EditContext {
    EditContext {
        adviser: adviser.to_string(),
        now: now(),
    }
}

fn today() -> NaiveDate {
    now().date_naive()
}

/// The entries a fork knows about, in the order it learnt of them, and every entry it added.
#[derive(Clone, Debug, Default)]
struct Known {
    people: Vec<Uuid>,
    interactions: Vec<Uuid>,
    risks: Vec<Uuid>,
    actions: Vec<Uuid>,
    opportunities: Vec<Uuid>,
    /// (section, id) of every entry this fork's edits created.
    added: Vec<(&'static str, Uuid)>,
}

impl Known {
    fn record(&mut self, section: &'static str, edited: &Edited) {
        let id = edited.entry.expect("an adding edit names its new entry");
        match section {
            "people" => self.people.push(id),
            "interactions" => self.interactions.push(id),
            "risks" => self.risks.push(id),
            "actions" => self.actions.push(id),
            "opportunities" => self.opportunities.push(id),
            _ => {}
        }
        self.added.push((section, id));
    }
}

/// Apply `op` to `doc`; an edit that refuses (e.g. "nothing to change") must leave `doc` as it
/// was, which is checked here too.
fn apply(doc: &mut Automerge, ctx: &EditContext, config: &OrgConfig, known: &mut Known, op: &Op) {
    let before = doc.get_heads();
    let result: Result<(Edited, Option<&'static str>), casebook_doc::Error> = match op {
        Op::LogInteraction {
            kind,
            inbound,
            purpose,
            minutes,
            risk,
            opportunity,
        } => {
            let interaction = Interaction {
                kind: pick(InteractionKind::ALL, *kind),
                direction: if *inbound {
                    Direction::Inbound
                } else {
                    Direction::Outbound
                },
                at: ctx.now - Duration::minutes(i64::from(*minutes)),
                minutes: *minutes,
                our_attendees: vec![ctx.adviser.clone()],
                their_attendees: Vec::new(),
                people: vec![],
                purpose: pick(Purpose::ALL, *purpose),
                summary: format!("talked for {minutes} minutes"),
                needs: String::new(),
                risks: pick_in(&known.risks, *risk).into_iter().collect(),
                opportunities: pick_in(&known.opportunities, *opportunity)
                    .into_iter()
                    .collect(),
                by: ctx.adviser.clone(),
                language: String::new(),
            };
            edit::log_interaction(doc, ctx, &interaction).map(|e| (e, Some("interactions")))
        }
        Op::AddPerson {
            word,
            coverage,
            role,
            reports_to,
        } => {
            let person = Person {
                name: format!("Person {word}"),
                title: format!("Title {}", word % 7),
                roles: role
                    .map(|r| (pick(PersonRole::ALL, r), true))
                    .into_iter()
                    .collect(),
                coverage: pick(Coverage::ALL, *coverage),
                reports_to: pick_in(&known.people, *reports_to),
                ..Person::default()
            };
            edit::add_person(doc, ctx, &person).map(|e| (e, Some("people")))
        }
        Op::SetCoverage { person, state } => {
            if known.people.is_empty() {
                return;
            }
            let state = pick(Coverage::ALL, *state);
            let (by, on) = if state == Coverage::VisitPlanned {
                (ctx.adviser.as_str(), Some(today() + Duration::days(7)))
            } else {
                ("", None)
            };
            edit::set_coverage(doc, ctx, pick(&known.people, *person), state, by, on)
                .map(|e| (e, None))
        }
        Op::AddRisk {
            word,
            likelihood,
            severity,
            parent,
            opportunity,
        } => {
            let risk = Risk {
                contract: None,
                title: format!("Risk {word}"),
                opportunity: pick_in(&known.opportunities, *opportunity),
                parent: pick_in(&known.risks, *parent),
                category: "supplier".into(),
                polarity: Polarity::Threat,
                likelihood: *likelihood,
                severity: *severity,
                response: None,
                residual_likelihood: None,
                residual_severity: None,
                mitigation: String::new(),
                owner: ctx.adviser.clone(),
                status: RiskStatus::Open,
                raised: Some(ctx.now),
            };
            edit::add_risk(doc, ctx, config, &risk).map(|e| (e, Some("risks")))
        }
        Op::AssessRisk {
            risk,
            likelihood,
            severity,
            response,
            close,
        } => {
            if known.risks.is_empty() {
                return;
            }
            let response = response.map(|r| pick(RiskResponse::ALL, r));
            let assessment = RiskAssessment {
                likelihood: Some(*likelihood),
                severity: Some(*severity),
                response,
                mitigation: (response == Some(RiskResponse::Accept))
                    .then(|| "contingency budget agreed".to_string()),
                status: close.then_some(RiskStatus::Closed),
                ..RiskAssessment::default()
            };
            edit::assess_risk(doc, ctx, config, pick(&known.risks, *risk), &assessment)
                .map(|e| (e, None))
        }
        Op::AddAction {
            word,
            due_in_days,
            origin,
        } => {
            let action = Action {
                title: format!("Action {word}"),
                owner: ctx.adviser.clone(),
                due: Some(today() + Duration::days(*due_in_days)),
                status: ActionStatus::Open,
                done_at: None,
                origin: pick_in(&known.interactions, *origin),
            };
            edit::add_action(doc, ctx, &action).map(|e| (e, Some("actions")))
        }
        Op::CompleteAction { action } => {
            if known.actions.is_empty() {
                return;
            }
            edit::complete_action(doc, ctx, pick(&known.actions, *action)).map(|e| (e, None))
        }
        Op::AddOpportunity { word, value, need } => {
            let opp = Opportunity {
                reporting: None,
                title: format!("Opportunity {word}"),
                origin: if *need {
                    OpportunityOrigin::Need
                } else {
                    OpportunityOrigin::Proposition
                },
                value: f64::from(*value),
                timescale: "next quarter".into(),
                status: OpportunityStatus::Open,
                raised: Some(ctx.now),
                sessions: Default::default(),
                outcome: None,
            };
            edit::add_opportunity(doc, ctx, &opp).map(|e| (e, Some("opportunities")))
        }
        Op::AddSession {
            opportunity,
            scores,
            decision,
        } => {
            if known.opportunities.is_empty() {
                return;
            }
            let session = QualificationSession {
                at: ctx.now,
                participants: vec![ctx.adviser.clone()],
                neutral_reviewer: "Reviewer".into(),
                answers: scores
                    .iter()
                    .map(|(group, score)| {
                        (
                            Uuid::new_v4(),
                            Answer {
                                group: pick(CosmoGroup::ALL, *group),
                                question: "How sure are we?".into(),
                                score: *score,
                                note: String::new(),
                            },
                        )
                    })
                    .collect(),
                decision: pick(Decision::ALL, *decision),
                note: String::new(),
                weights: None,
            };
            let opp = pick(&known.opportunities, *opportunity);
            edit::add_session(doc, ctx, config, opp, &session).map(|e| (e, Some("sessions")))
        }
        Op::EditClient { field, word } => {
            let patch = match field % 3 {
                0 => ClientPatch {
                    sector: Some(format!("sector {}", word % 5)),
                    ..ClientPatch::default()
                },
                1 => ClientPatch {
                    lead: Some(format!("Adviser {}", word % 5)),
                    ..ClientPatch::default()
                },
                _ => ClientPatch {
                    add_segments: vec![format!("segment-{}", word % 8)],
                    ..ClientPatch::default()
                },
            };
            edit::edit_client(doc, ctx, &patch).map(|e| (e, None))
        }
        Op::SetStage { stage } => {
            let stage = config.pathway[stage % config.pathway.len()].name.clone();
            edit::set_stage(doc, ctx, config, &stage, "moved on").map(|e| (e, None))
        }
        Op::SetExitPlan { word, in_days } => {
            let plan = ExitPlan {
                criteria: format!("criteria {word}"),
                planned_date: Some(today() + Duration::days(*in_days)),
                onward_referral: "growth hub".into(),
            };
            edit::set_exit_plan(doc, ctx, &plan).map(|e| (e, None))
        }
        Op::AddSwot { kind, word } => {
            let item = SwotItem {
                kind: pick(SwotKind::ALL, *kind),
                text: format!("swot {word}"),
                date: Some(today()),
            };
            edit::add_swot(doc, ctx, &item).map(|e| (e, Some("swot")))
        }
    };
    match result {
        Ok((edited, section)) => {
            assert!(edited.change.is_some(), "{op:?} made no change: {edited:?}");
            if let Some(section) = section {
                known.record(section, &edited);
            }
        }
        Err(_) => assert_eq!(doc.get_heads(), before, "a refused {op:?} changed the file"),
    }
}

/// Every keyed entry of a file, as (where, id): the collections that must only ever grow.
fn entries(file: &AccountFile) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let mut add = |at: String, id: String| {
        out.insert((at, id));
    };
    for (id, p) in &file.people {
        add("people".into(), id.to_string());
        for h in p.coverage_history.keys() {
            add(format!("people/{id}/coverage_history"), h.to_string());
        }
        for r in p.roles.keys() {
            add(format!("people/{id}/roles"), r.to_string());
        }
    }
    for id in file.interactions.keys() {
        add("interactions".into(), id.to_string());
    }
    for id in file.actions.keys() {
        add("actions".into(), id.to_string());
    }
    for id in file.risks.keys() {
        add("risks".into(), id.to_string());
    }
    for (id, o) in &file.opportunities {
        add("opportunities".into(), id.to_string());
        for s in o.sessions.keys() {
            add("sessions".into(), s.to_string());
        }
    }
    for id in file.objectives.keys() {
        add("objectives".into(), id.to_string());
    }
    for id in file.swot.keys() {
        add("swot".into(), id.to_string());
    }
    for id in file.journey.history.keys() {
        add("journey/history".into(), id.to_string());
    }
    for tag in file.profile.segments.keys() {
        add("profile/segments".into(), tag.clone());
    }
    for node in file.nodes.keys() {
        add("nodes".into(), node.clone());
    }
    out
}

/// Whether `file` holds the entry `id` that an edit reported adding to `section`.
fn holds(file: &AccountFile, section: &str, id: Uuid) -> bool {
    match section {
        "people" => file.people.contains_key(&id),
        "interactions" => file.interactions.contains_key(&id),
        "risks" => file.risks.contains_key(&id),
        "actions" => file.actions.contains_key(&id),
        "opportunities" => file.opportunities.contains_key(&id),
        "swot" => file.swot.contains_key(&id),
        "sessions" => file
            .opportunities
            .values()
            .any(|o| o.sessions.contains_key(&id)),
        other => panic!("unknown section {other}"),
    }
}

fn sorted_heads(doc: &Automerge) -> Vec<ChangeHash> {
    let mut heads = doc.get_heads();
    heads.sort();
    heads
}

/// A client with one of everything, made by a first node, from which every fork starts.
fn base(config: &OrgConfig) -> (Automerge, Known) {
    let owner = actor(0);
    let owner = casebook_base::NodeId::from_bytes(owner.to_bytes().try_into().expect("32 bytes"));
    let mut doc = schema::new_file(FileId::new(), owner)
        .expect("new file")
        .with_actor(actor(0));
    let ctx = ctx("Origin");
    edit::create_client(
        &mut doc,
        &ctx,
        config,
        &NewClient {
            name: "Acme Ltd".into(),
            sector: "food manufacturing".into(),
            segments: vec!["rural".into()],
            lead: "Origin".into(),
            ..NewClient::default()
        },
    )
    .expect("create client");
    let mut known = Known::default();
    let seed = [
        Op::AddPerson {
            word: 1,
            coverage: 1,
            role: Some(0),
            reports_to: None,
        },
        Op::AddOpportunity {
            word: 1,
            value: 5_000,
            need: true,
        },
        Op::AddRisk {
            word: 1,
            likelihood: 3,
            severity: 3,
            parent: None,
            opportunity: Some(0),
        },
        Op::LogInteraction {
            kind: 0,
            inbound: true,
            purpose: 0,
            minutes: 30,
            risk: Some(0),
            opportunity: Some(0),
        },
        Op::AddAction {
            word: 1,
            due_in_days: 14,
            origin: Some(0),
        },
    ];
    for op in &seed {
        apply(&mut doc, &ctx, config, &mut known, op);
    }
    assert_eq!(
        known.added.len(),
        seed.len(),
        "the base seeding all applied"
    );
    known.added.clear();
    (doc, known)
}

/// Fork `base` as node `n` and apply `ops`, returning the fork and what it added.
fn fork(base: &Automerge, known: &Known, n: u8, adviser: &str, ops: &[Op]) -> (Automerge, Known) {
    let config = OrgConfig::default();
    let mut doc = base.fork().with_actor(actor(n));
    let mut known = known.clone();
    let ctx = ctx(adviser);
    for op in ops {
        apply(&mut doc, &ctx, &config, &mut known, op);
    }
    (doc, known)
}

fn merged(into: &Automerge, from: &Automerge) -> Automerge {
    let mut out = into.clone();
    out.merge(&mut from.clone()).expect("merge");
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Two offline forks merged either way agree, keep everything both added, and merging
    /// again changes nothing.
    #[test]
    fn two_forks_merge_commutatively_and_keep_every_addition(a_ops in ops(), b_ops in ops()) {
        let config = OrgConfig::default();
        let (start, known) = base(&config);
        let (a, a_known) = fork(&start, &known, 1, "Alice", &a_ops);
        let (b, b_known) = fork(&start, &known, 2, "Bob", &b_ops);
        let a_view = view::read(&a).expect("fork A reads");
        let b_view = view::read(&b).expect("fork B reads");

        let ab = merged(&a, &b);
        let ba = merged(&b, &a);

        // Same history, same account file, same document.
        prop_assert_eq!(sorted_heads(&ab), sorted_heads(&ba));
        let ab_view = view::read(&ab).expect("A←B reads");
        let ba_view = view::read(&ba).expect("B←A reads");
        prop_assert_eq!(&ab_view, &ba_view);
        prop_assert_eq!(
            view::to_json(&ab).expect("json"),
            view::to_json(&ba).expect("json")
        );
        prop_assert!(schema::check(&ab).is_ok());

        // Concurrent additions both survive: every entry either fork added is there.
        for (section, id) in a_known.added.iter().chain(&b_known.added) {
            prop_assert!(
                holds(&ab_view, section, *id),
                "{} {} was lost in the merge", section, id
            );
        }
        // More strongly: the merged keyed collections are exactly the union of both forks'.
        let union: BTreeSet<_> = entries(&a_view).union(&entries(&b_view)).cloned().collect();
        prop_assert_eq!(entries(&ab_view), union);
        // Both forks that edited are named among the file's nodes.
        if !a_known.added.is_empty() {
            prop_assert!(ab_view.nodes.values().any(|n| n == "Alice"));
        }
        if !b_known.added.is_empty() {
            prop_assert!(ab_view.nodes.values().any(|n| n == "Bob"));
        }

        // Idempotent: merging either side again brings no change and moves no head.
        // (automerge 0.12's `merge` returns the heads after the merge, not the new changes.)
        let heads = sorted_heads(&ab);
        let count = ab.get_changes(&[]).len();
        let mut again = ab.clone();
        for other in [&b, &a, &ba, &ab] {
            let mut after = again.merge(&mut other.clone()).expect("merge");
            after.sort();
            prop_assert_eq!(&after, &heads);
        }
        prop_assert_eq!(sorted_heads(&again), heads.clone());
        prop_assert_eq!(again.get_changes(&[]).len(), count);
        prop_assert_eq!(&view::read(&again).expect("reads"), &ab_view);

        // The merged file survives a save and load unchanged.
        let reloaded = Automerge::load(&ab.save()).expect("load");
        prop_assert_eq!(sorted_heads(&reloaded), heads);
        prop_assert_eq!(&view::read(&reloaded).expect("reads"), &ab_view);
    }

    /// Three offline forks converge whatever order they are merged in.
    #[test]
    fn three_forks_converge_in_any_merge_order(
        a_ops in ops(),
        b_ops in ops(),
        c_ops in ops(),
    ) {
        let config = OrgConfig::default();
        let (start, known) = base(&config);
        let (a, a_known) = fork(&start, &known, 1, "Alice", &a_ops);
        let (b, b_known) = fork(&start, &known, 2, "Bob", &b_ops);
        let (c, c_known) = fork(&start, &known, 3, "Carol", &c_ops);

        let orders = [
            merged(&merged(&a, &b), &c),
            merged(&merged(&c, &b), &a),
            merged(&b, &merged(&c, &a)),
            merged(&merged(&b, &a), &merged(&c, &b)),
            merged(&c, &merged(&a, &merged(&b, &c))),
        ];
        let first = &orders[0];
        let heads = sorted_heads(first);
        let file = view::read(first).expect("reads");
        let json = view::to_json(first).expect("json");
        for other in &orders[1..] {
            prop_assert_eq!(sorted_heads(other), heads.clone());
            prop_assert_eq!(&view::read(other).expect("reads"), &file);
            prop_assert_eq!(&view::to_json(other).expect("json"), &json);
        }
        for (section, id) in a_known
            .added
            .iter()
            .chain(&b_known.added)
            .chain(&c_known.added)
        {
            prop_assert!(
                holds(&file, section, *id),
                "{} {} was lost in the merge", section, id
            );
        }
    }
}

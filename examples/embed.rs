//! Embed casebook in another Rust program: create a node in a temporary directory, add a
//! client, log a call, raise a risk, and read the portfolio dashboard from the index.
//!
//! Run with: `cargo run -p casebook --example embed`

use casebook::edit::{self, NewClient};
use casebook::enums::{Direction, InteractionKind, Purpose};
use casebook::model::{Interaction, Risk};
use casebook::{Node, portfolio};

fn main() -> Result<(), casebook::Error> {
    let dir = std::env::temp_dir().join(format!("casebook-embed-{}", std::process::id()));
    let node = Node::init(&dir, "Alice Morgan")?;
    println!("node {} in {}", node.node_id(), dir.display());

    // Every call below returns only after its change is committed durably in redb.
    let file = node.create_client(&NewClient {
        name: "Afon Valley Foods Ltd".into(),
        postcode: "CF10 1AA".into(),
        segments: vec!["growth".into()],
        lead: "Alice Morgan".into(),
        ..Default::default()
    })?;
    let call = Interaction {
        kind: InteractionKind::Call,
        direction: Direction::Outbound,
        at: node.now(),
        minutes: 20,
        our_attendees: vec!["Alice Morgan".into()],
        their_attendees: vec!["Rhys Jones".into()],
        people: vec![],
        purpose: Purpose::FactFinding,
        summary: "Discussed export plans".into(),
        needs: "export finance".into(),
        risks: vec![],
        opportunities: vec![],
        by: "Alice Morgan".into(),
        language: String::new(),
    };
    node.apply(file, |doc, ctx, _| edit::log_interaction(doc, ctx, &call))?;
    let risk = Risk {
        contract: None,
        title: "Key supplier failure".into(),
        opportunity: None,
        parent: None,
        category: "client: business performance/stability".into(),
        polarity: Default::default(),
        likelihood: 4,
        severity: 4,
        response: None,
        residual_likelihood: None,
        residual_severity: None,
        mitigation: String::new(),
        owner: "Alice Morgan".into(),
        status: Default::default(),
        raised: None,
    };
    node.apply(file, |doc, ctx, cfg| edit::add_risk(doc, ctx, cfg, &risk))?;

    let today = node.now().date_naive();
    let p = portfolio::portfolio(
        &node.summaries()?,
        &node.config()?,
        None,
        node.now(),
        today - chrono::Duration::days(90),
        today,
    );
    println!(
        "{} active client(s); {} red; {} without an exit plan",
        p.active,
        p.red_rollups.len(),
        p.no_exit_plan.len()
    );
    for h in node.history(file)? {
        println!("{}  {}", &h.change.hash[..8], h.change.message);
    }
    drop(node);
    std::fs::remove_dir_all(&dir).map_err(|source| casebook::Error::Io { path: dir, source })?;
    Ok(())
}

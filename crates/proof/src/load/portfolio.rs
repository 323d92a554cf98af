//! The serving node's portfolio for the load suite: account files shaped like the ones the sync
//! benchmarks measure (a client, five people, fifty logged contacts), each shared for reading
//! with every peer, written through the real write path ([`Node::create_client`], then one
//! [`Node::apply`] holding every later edit, so each file costs two durable commits).

use casebook::edit::{self, Edited, NewClient};
use casebook::enums::{Direction, InteractionKind, Purpose};
use casebook::model::{Interaction, Person};
use casebook::{FileId, Node, NodeId, schema};
use chrono::{DateTime, Duration, Utc};

/// How big each account file is.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// People in the client's organisation.
    pub people: usize,
    /// Logged contacts (calls, meetings, emails) in the contact log.
    pub interactions: usize,
}

impl Shape {
    /// The account file of the sync benchmarks (docs/benchmarks.md): 5 people, 50 contacts.
    pub const BENCHMARK: Self = Self {
        people: 5,
        interactions: 50,
    };
}

/// A peer a file is shared with: its node id and the name the serving node knows it by.
#[derive(Clone, Debug)]
pub struct Reader {
    /// The peer's node id.
    pub node: NodeId,
    /// Its name in the serving node's peer list (used in the share's commit message).
    pub label: String,
}

/// Create `files` account files of `shape` on `node`, each shared for reading with every one of
/// `readers`; returns their ids in creation order.
///
/// # Errors
/// Whatever the node's write path returns.
pub fn populate(
    node: &Node,
    readers: &[Reader],
    files: usize,
    shape: Shape,
) -> Result<Vec<FileId>, casebook::Error> {
    let mut ids = Vec::with_capacity(files);
    let now = node.now();
    for n in 0..files {
        let id = node.create_client(&client(n))?;
        node.apply(id, |doc, ctx, _| {
            let mut last = Edited::default();
            for k in 0..shape.people {
                last = edit::add_person(doc, ctx, &person(n, k))?;
            }
            for r in readers {
                last = edit::share(doc, ctx, r.node, schema::READ, &r.label)?;
            }
            for i in 0..shape.interactions {
                // Spread over the last year, oldest first, as a contact log grows.
                let days = (shape.interactions - i) as i64 * 365 / shape.interactions.max(1) as i64;
                let at = now - Duration::days(days);
                last = edit::log_interaction(doc, ctx, &contact(n * 1_000 + i, at, &ctx.adviser))?;
            }
            Ok(last)
        })?;
        ids.push(id);
    }
    Ok(ids)
}

const SECTORS: &[&str] = &["food manufacturing", "engineering", "software", "tourism"];
const SEGMENTS: &[&str] = &["growth", "pre-start", "social", "export", "rural"];
const FIRST_NAMES: &[&str] = &["Jane", "Omar", "Priya", "Tom", "Wei", "Sian", "Kofi"];
const SURNAMES: &[&str] = &["Smith", "Jones", "Patel", "Hughes", "Nowak", "Reid"];
const TITLES: &[&str] = &[
    "Managing Director",
    "Finance Director",
    "Operations Manager",
    "Head of Sales",
    "HR Lead",
];

/// Client number `n`.
fn client(n: usize) -> NewClient {
    NewClient {
        name: format!("Load Client {n:05} Ltd"),
        legal_form: "limited company".into(),
        sector: SECTORS[n % SECTORS.len()].into(),
        postcode: format!("CF{} {}AB", n % 100, n % 10),
        company_number: format!("{:08}", 20_000_000 + n),
        region: "Wales".into(),
        segments: vec![SEGMENTS[n % SEGMENTS.len()].into()],
        lead: "Alice Morgan".into(),
        intake_date: None,
        source: "referral".into(),
    }
}

/// Person `k` of client `n`.
fn person(n: usize, k: usize) -> Person {
    let first = FIRST_NAMES[(n + k) % FIRST_NAMES.len()];
    let last = SURNAMES[(n * 3 + k) % SURNAMES.len()];
    Person {
        name: format!("{first} {last}"),
        title: TITLES[k % TITLES.len()].into(),
        department: if k == 0 { "Board" } else { "Operations" }.into(),
        email: format!(
            "{}.{}@client{n}.example",
            first.to_lowercase(),
            last.to_lowercase()
        ),
        phone: format!("01632 {:06}", (n * 10 + k) % 1_000_000),
        language: "en".into(),
        ..Person::default()
    }
}

/// One logged contact, varied by `seed`.
fn contact(seed: usize, at: DateTime<Utc>, by: &str) -> Interaction {
    let kinds = InteractionKind::ALL;
    let purposes = Purpose::ALL;
    Interaction {
        kind: kinds[seed % kinds.len()],
        direction: if seed.is_multiple_of(3) {
            Direction::Inbound
        } else {
            Direction::Outbound
        },
        at,
        minutes: 15 + (seed % 8) as u32 * 15,
        our_attendees: vec![by.to_string()],
        their_attendees: vec!["Jane Smith".to_string()],
        purpose: purposes[seed / 7 % purposes.len()],
        summary: format!(
            "Reviewed cash flow forecast and hiring plan; agreed to revisit supplier terms (note {seed})."
        ),
        needs: "Working capital advice".into(),
        risks: Vec::new(),
        opportunities: Vec::new(),
        by: by.to_string(),
    }
}

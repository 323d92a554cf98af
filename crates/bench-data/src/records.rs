//! The records a generated file holds, each a pure function of the file's number (and of a
//! seed for interactions), so every run builds the same portfolio.

use casebook::edit::NewClient;
use casebook::enums::{Direction, InteractionKind, Purpose};
use casebook::model::{Interaction, Person};
use chrono::{DateTime, Utc};

/// Lead advisers the clients are given in turn. The store/edit benchmark uses all six, the
/// sync benchmarks the first four (see [`crate::Spec`]).
pub const LEADS: &[&str] = &[
    "Alice Ahmed",
    "Bob Brown",
    "Chen Li",
    "Dana Evans",
    "Eve Fraser",
    "Femi Okafor",
];
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

/// The client name of file `n`.
pub fn client_name(n: usize) -> String {
    format!("Client {n:06} Ltd")
}

/// The client of file `n`, taken on at `intake`, its lead adviser from `leads` in turn.
pub fn client(n: usize, leads: &[&str], intake: DateTime<Utc>) -> NewClient {
    NewClient {
        name: client_name(n),
        legal_form: "limited company".into(),
        sector: "food manufacturing".into(),
        postcode: format!("AB{} {}CD", n % 100, n % 10),
        company_number: format!("{:08}", 10_000_000 + n),
        region: "North".into(),
        segments: vec![SEGMENTS[n % SEGMENTS.len()].to_string()],
        lead: leads[n % leads.len()].to_string(),
        intake_date: Some(intake.date_naive()),
        source: "referral".into(),
        language: String::new(),
        // Judged by the storing node's own organisation.
        org: None,
    }
}

/// Person `k` of file `n`.
pub fn person(n: usize, k: usize) -> Person {
    let first = FIRST_NAMES[(n + k) % FIRST_NAMES.len()];
    let last = SURNAMES[(n * 3 + k) % SURNAMES.len()];
    Person {
        name: format!("{first} {last}"),
        title: TITLES[k % TITLES.len()].to_string(),
        department: if k == 0 { "Board" } else { "Operations" }.to_string(),
        email: format!(
            "{}.{}@client{n}.example",
            first.to_lowercase(),
            last.to_lowercase()
        ),
        phone: format!("01632 {:06}", (n * 10 + k) % 1_000_000),
        language: "en".to_string(),
        ..Person::default()
    }
}

/// One interaction at `at`, logged by adviser `by`, varied by `seed`.
pub fn interaction(seed: u64, at: DateTime<Utc>, by: &str) -> Interaction {
    let kinds = InteractionKind::ALL;
    let purposes = Purpose::ALL;
    Interaction {
        kind: kinds[(seed % kinds.len() as u64) as usize],
        direction: if seed.is_multiple_of(3) {
            Direction::Inbound
        } else {
            Direction::Outbound
        },
        at,
        minutes: 15 + (seed % 8) as u32 * 15,
        our_attendees: vec![by.to_string()],
        their_attendees: vec!["Jane Smith".to_string()],
        people: vec![],
        purpose: purposes[(seed / 7 % purposes.len() as u64) as usize],
        summary: format!(
            "Reviewed cash flow forecast and hiring plan; agreed to revisit supplier terms (note {seed})."
        ),
        needs: "Working capital advice".to_string(),
        risks: vec![],
        opportunities: vec![],
        by: by.to_string(),
        language: String::new(),
    }
}

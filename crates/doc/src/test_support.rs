//! Fixtures the unit tests of several modules share: a client's file as Alice's node makes it.

use automerge::{ActorId, Automerge};
use casebook_base::{FileId, NodeId};
use chrono::{TimeZone, Utc};
use uuid::Uuid;

use crate::OrgConfig;
use crate::edit::{self, EditContext, NewClient};
use crate::enums::{Polarity, RiskStatus};
use crate::model::Risk;
use crate::schema;

/// Alice's node id (the actor of her changes, as on a real node).
pub(crate) const ALICE: [u8; 32] = [0xA1; 32];

/// `adviser` editing at 10:00 on `day` May 2026.
pub(crate) fn ctx(adviser: &str, day: u32) -> EditContext {
    EditContext {
        adviser: adviser.into(),
        now: Utc
            .with_ymd_and_hms(2026, 5, day, 10, 0, 0)
            .single()
            .unwrap_or_default(),
    }
}

/// An open account-level threat titled `L{l}S{s}`, for rule tests without a document.
pub(crate) fn risk(l: u8, s: u8) -> Risk {
    Risk {
        contract: None,
        title: format!("L{l}S{s}"),
        opportunity: None,
        parent: None,
        category: String::new(),
        polarity: Polarity::Threat,
        likelihood: l,
        severity: s,
        response: None,
        residual_likelihood: None,
        residual_severity: None,
        mitigation: String::new(),
        owner: String::new(),
        status: RiskStatus::Open,
        raised: None,
    }
}

/// Alice's node creates client "Afon Valley Foods" with one open risk "Key supplier failure"
/// of `likelihood` × `severity`, on 11 May; her document and the risk's id.
pub(crate) fn client_with_risk(likelihood: u8, severity: u8) -> (Automerge, Uuid) {
    let mut alice = schema::new_file(FileId::new(), NodeId::from_bytes(ALICE))
        .expect("a new file")
        .with_actor(ActorId::from(&ALICE[..]));
    let config = OrgConfig::default();
    edit::create_client(
        &mut alice,
        &ctx("Alice", 11),
        &config,
        &NewClient {
            name: "Afon Valley Foods".into(),
            ..Default::default()
        },
    )
    .expect("the client");
    let risk = edit::add_risk(
        &mut alice,
        &ctx("Alice", 11),
        &config,
        &Risk {
            contract: None,
            title: "Key supplier failure".into(),
            opportunity: None,
            parent: None,
            category: String::new(),
            polarity: Polarity::Threat,
            likelihood,
            severity,
            response: None,
            residual_likelihood: None,
            residual_severity: None,
            mitigation: String::new(),
            owner: "Alice".into(),
            status: RiskStatus::Open,
            raised: None,
        },
    )
    .expect("the risk")
    .entry
    .expect("the risk's id");
    (alice, risk)
}

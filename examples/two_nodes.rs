//! Two nodes syncing over QUIC on loopback, embedded through the library API: Alice creates a
//! client and shares it with Bob; Bob serves; Alice syncs; Bob logs a call; Alice syncs again
//! and sees Bob's call, received from Bob.
//!
//! Run: `cargo run -p casebook-sync --example two_nodes`

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use casebook::edit::{self, NewClient};
use casebook::enums::{Direction, InteractionKind, Purpose};
use casebook::model::Interaction;
use casebook::{Node, Ticket};
use casebook_sync::{Server, sync_once};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dirs = (tempfile::tempdir()?, tempfile::tempdir()?);
    let alice = Arc::new(Node::init(dirs.0.path(), "Alice Morgan")?);
    let bob = Arc::new(Node::init(dirs.1.path(), "Bob Price")?);

    // Bob listens on loopback; each trusts the other (what `casebook peer add TICKET` does).
    let loopback = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let server = Server::bind(bob.clone(), loopback, Arc::new(|_| {}))?;
    let bob_addr = server.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(async move {
        server
            .run(async {
                let _ = stopped.await;
            })
            .await;
    });
    let bob_peer = alice.add_peer(
        &Ticket {
            node: bob.node_id(),
            addrs: vec![bob_addr],
        },
        "Bob (laptop)",
        "Bob Price",
    )?;
    bob.add_peer(
        &Ticket {
            node: alice.node_id(),
            addrs: vec![],
        },
        "Alice (laptop)",
        "Alice Morgan",
    )?;

    // Alice's client, shared with Bob for writing, then one sync.
    let acme = alice.create_client(&NewClient {
        name: "Acme Ltd".into(),
        ..Default::default()
    })?;
    alice.share(acme, "Bob Price", "write")?;
    let report = sync_once(alice.clone(), &bob_peer, None).await?;
    println!(
        "first sync: sent {} file(s), {} bytes out, {} bytes in",
        report.stats.files_sent, report.bytes_sent, report.bytes_received
    );

    // Bob logs a call on his copy; Alice's next sync brings it back.
    let call = Interaction {
        kind: InteractionKind::Call,
        direction: Direction::Outbound,
        at: bob.now(),
        minutes: 20,
        our_attendees: vec!["Bob Price".into()],
        their_attendees: vec![],
        people: vec![],
        purpose: Purpose::ProgressReview,
        summary: "Agreed the next review".into(),
        needs: String::new(),
        risks: vec![],
        opportunities: vec![],
        by: String::new(),
        language: String::new(),
    };
    bob.apply(acme, |d, c, _| edit::log_interaction(d, c, &call))?;
    let report = sync_once(alice.clone(), &bob_peer, None).await?;
    println!(
        "second sync: received {} change(s) in {} file(s)",
        report.stats.changes_received, report.stats.files_received
    );
    for entry in alice.history(acme)?.iter().rev().take(1) {
        println!(
            "latest change on Alice's node: \"{}\" by {} (signed: {}), received via {}",
            entry.change.message,
            entry.adviser.as_deref().unwrap_or("?"),
            entry.signed,
            entry
                .origin
                .as_ref()
                .map_or("-".to_string(), |o| o.origin.to_string())
        );
    }
    assert_eq!(
        alice.store().heads(acme)?.map(|mut h| {
            h.sort();
            h
        }),
        bob.store().heads(acme)?.map(|mut h| {
            h.sort();
            h
        }),
        "both nodes hold the same heads"
    );
    let _ = stop.send(());
    serving.await?;
    Ok(())
}

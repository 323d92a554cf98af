//! The two casebook nodes of a sync benchmark: Alice's, which holds the portfolio and serves
//! in the benchmark's process, and Bob's, which each sync opens in a child process. They trust
//! each other as two advisers would after exchanging tickets: Alice knows Bob's node without
//! an address (she only accepts), Bob knows Alice's at her server's address.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use casebook::{Node, NodeId, Ticket};
use casebook_sync::Report;
use tokio::runtime::Runtime;

use crate::{BoxResult, Serving};

/// The serving node's adviser (her node's user, and the author of her changes).
pub const ALICE: &str = "Alice Adviser";
/// The dialling node's adviser.
pub const BOB: &str = "Bob Adviser";
/// The name Bob gives Alice's node in his peer list.
pub const ALICE_PEER: &str = "Alice (laptop)";
/// The name Alice gives Bob's node in her peer list (what she shares files with).
pub const BOB_PEER: &str = "Bob (laptop)";

/// Alice's node serving, and Bob's node set up to dial her.
#[derive(Debug)]
pub struct Pair {
    /// Alice's node (empty; the benchmark populates it).
    pub alice: Arc<Node>,
    /// Bob's node's id; his node itself is closed again, for the child processes to open.
    pub bob_id: NodeId,
    /// Alice's listen-only server, running.
    pub serving: Serving,
}

impl Pair {
    /// Initialise Alice's node in `alice_dir` and Bob's in `bob_dir`; start Alice's
    /// listen-only server on `rt` (its sessions logged as `describe` words them, see
    /// [`Serving::start`]); make each node trust the other; close Bob's node.
    ///
    /// # Errors
    /// If a node cannot be initialised, the server cannot bind, or a peer cannot be added.
    pub fn start(
        rt: &Runtime,
        alice_dir: &Path,
        bob_dir: &Path,
        describe: impl Fn(&Report) -> String + Send + Sync + 'static,
    ) -> BoxResult<Self> {
        let alice = Arc::new(Node::init(alice_dir, ALICE)?);
        let bob = Node::init(bob_dir, BOB)?;
        let serving = Serving::start(rt, alice.clone(), describe)?;
        trust_each_other(&alice, &bob, serving.addr)?;
        Ok(Self {
            alice,
            bob_id: bob.node_id(),
            serving,
        })
    }
}

/// Alice adds Bob's node as [`BOB_PEER`] (adviser [`BOB`]) with no address, then Bob adds
/// Alice's as [`ALICE_PEER`] (adviser [`ALICE`]) at `alice_addr`.
fn trust_each_other(alice: &Node, bob: &Node, alice_addr: SocketAddr) -> BoxResult<()> {
    alice.add_peer(
        &Ticket {
            node: bob.node_id(),
            addrs: vec![],
        },
        BOB_PEER,
        BOB,
    )?;
    bob.add_peer(
        &Ticket {
            node: alice.node_id(),
            addrs: vec![alice_addr],
        },
        ALICE_PEER,
        ALICE,
    )?;
    Ok(())
}

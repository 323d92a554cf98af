//! A sync that brings concurrent values into a file says so: which file, how many fields, and
//! (in the CLI) the command that lists them. Real nodes, QUIC on loopback.

mod common;

use casebook::edit::{self, ClientPatch};
use casebook_sync::ConflictsArrived;
use common::*;

fn set_sector(node: &TestNode, file: casebook::FileId, sector: &str) {
    node.node
        .apply(file, |d, c, _| {
            edit::edit_client(
                d,
                c,
                &ClientPatch {
                    sector: Some(sector.into()),
                    ..Default::default()
                },
            )
        })
        .expect("edit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_reports_the_files_its_changes_put_in_conflict() {
    let alice = TestNode::new("Alice");
    let bob = TestNode::new("Bob");
    let serving = Serving::start(&alice);
    alice.trust(&bob, None);
    bob.trust(&alice, Some(serving.addr));
    let acme = alice.client("Acme Ltd");
    let quiet = alice.client("Quiet Ltd");
    alice.share(acme, &bob, "write");
    alice.share(quiet, &bob, "write");
    let first = sync(&bob, &alice).await.expect("Bob receives the files");
    assert!(first.stats.conflicts_arrived.is_empty(), "{first:?}");

    // Apart, both set Acme's sector; only Alice touches Quiet.
    set_sector(&alice, acme, "food manufacturing");
    set_sector(&bob, acme, "drinks");
    alice.log_call(quiet, "a call nobody else made");
    let report = sync(&bob, &alice).await.expect("sync");
    assert_eq!(
        report.stats.conflicts_arrived,
        vec![ConflictsArrived {
            file_id: acme,
            conflicts: 1
        }],
        "{report:?}"
    );
    assert_eq!(bob.node.conflicts(acme).expect("conflicts").len(), 1);

    // Nothing new the next time.
    let again = sync(&bob, &alice).await.expect("sync");
    assert!(again.stats.conflicts_arrived.is_empty(), "{again:?}");
    serving.stop().await;
}

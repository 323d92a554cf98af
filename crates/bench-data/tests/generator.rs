//! The generator on a real node: the direct path agrees with the edit, and populated files
//! hold what their spec says, stored as it says.

use casebook::{Node, Ticket};
use casebook_bench_data::{
    BoxResult, Method, Share, Spec, Storing, check_direct, populate, split_spread, spread,
};
use chrono::{TimeZone, Utc};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0)
        .single()
        .unwrap_or_else(Utc::now)
}

/// Alice's node, trusting Bob under a label, and the spec of files shared with him.
fn shared_spec(dir: &std::path::Path, per_file: usize) -> BoxResult<(Node, Spec)> {
    let alice = Node::init(&dir.join("alice"), "Alice Adviser")?;
    let bob = Node::init(&dir.join("bob"), "Bob Adviser")?;
    let ticket = Ticket {
        node: bob.node_id(),
        addrs: vec![],
    };
    alice.add_peer(&ticket, "Bob (laptop)", "Bob Adviser")?;
    let share = Share {
        sharee: bob.node_id(),
        label: alice.find_peer("Bob (laptop)")?.name,
    };
    let spec = Spec::shared(&alice, share, per_file, now());
    Ok((alice, spec))
}

/// How many changes of file `id` the node made (the genesis is made by no node), and how many
/// of all its changes the store holds a signature for.
fn signed(node: &Node, id: casebook::FileId) -> BoxResult<(usize, usize)> {
    let changes = node.load(id)?.get_changes(&[]);
    let own = changes
        .iter()
        .filter(|c| c.actor_id().to_bytes() == node.node_id().as_bytes())
        .count();
    let hashes: Vec<_> = changes.iter().map(|c| c.hash()).collect();
    let signatures = node.store().signatures(&hashes)?;
    Ok((own, signatures.iter().flatten().count()))
}

#[test]
fn the_direct_path_writes_what_the_edit_writes() -> BoxResult<()> {
    let tmp = tempfile::TempDir::new()?;
    let (alice, shared) = shared_spec(tmp.path(), 12)?;
    assert_eq!(check_direct(&shared)?, None);
    assert_eq!(check_direct(&Spec::plain(&alice, 12, now()))?, None);
    Ok(())
}

#[test]
fn shared_files_hold_people_share_and_interactions_signed() -> BoxResult<()> {
    let tmp = tempfile::TempDir::new()?;
    let (alice, spec) = shared_spec(tmp.path(), 6)?;
    let ids = populate(&alice, &spec, 3, Method::Direct)?;
    assert_eq!(ids.len(), 3);
    assert_eq!(alice.store().file_count()?, 3);
    let sharee = spec.share.as_ref().map(|s| s.sharee.to_string());
    for id in &ids {
        let file = alice.read(*id)?;
        assert_eq!(file.people.len(), 5);
        assert_eq!(file.interactions.len(), 6);
        let role = sharee.as_ref().and_then(|s| file.sharing.get(s));
        assert_eq!(role.map(String::as_str), Some(casebook::schema::READ));
        // The client, five people, the share and six interactions, each signed.
        assert_eq!(signed(&alice, *id)?, (13, 13));
    }
    Ok(())
}

#[test]
fn plain_files_hold_the_client_and_interactions_only() -> BoxResult<()> {
    let tmp = tempfile::TempDir::new()?;
    let node = Node::init(&tmp.path().join("node"), "Bench Adviser")?;
    let spec = Spec::plain(&node, 4, now());
    assert_eq!(spec.storing, Storing::Whole);
    let ids = populate(&node, &spec, 2, Method::Edits)?;
    for id in &ids {
        let file = node.read(*id)?;
        assert!(file.people.is_empty());
        // Only the owner's own write access, from the genesis.
        assert_eq!(file.sharing.len(), 1);
        assert_eq!(file.interactions.len(), 4);
        // The client and four interactions, none signed.
        assert_eq!(signed(&node, *id)?, (5, 0));
    }
    Ok(())
}

#[test]
fn spread_picks_disjoint_sets() -> BoxResult<()> {
    let ids: Vec<casebook::FileId> = (0..50).map(|_| casebook::FileId::new()).collect();
    let (a, rest) = split_spread(&ids, 10, 1);
    let (b, rest) = split_spread(&rest, 10, 2);
    assert_eq!((a.len(), b.len(), rest.len()), (10, 10, 30));
    assert!(a.iter().all(|id| !b.contains(id) && !rest.contains(id)));
    assert_eq!(spread(&ids, 0, 3), vec![]);
    Ok(())
}

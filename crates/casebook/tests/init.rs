//! `Node::init` makes a whole data directory or none, and finishes one an interrupted `init`
//! left behind.

use casebook::{Error, KEY_FILE, Node, STORE_FILE, SecretKey};

#[test]
fn init_makes_a_store_with_its_adviser_and_refuses_a_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let node = Node::init(dir.path(), "  Alice Moreno ").unwrap();
    assert_eq!(node.adviser(), "Alice Moreno");
    let id = node.node_id();
    drop(node);

    let reopened = Node::open(dir.path()).unwrap();
    assert_eq!(reopened.adviser(), "Alice Moreno");
    assert_eq!(reopened.node_id(), id);
    drop(reopened);

    let err = Node::init(dir.path(), "Bob").expect_err("a second init");
    assert!(matches!(err, Error::AlreadyInitialised { .. }), "{err}");
    assert_eq!(Node::open(dir.path()).unwrap().adviser(), "Alice Moreno");
}

#[test]
fn init_after_a_crash_that_left_only_the_key_keeps_that_key() {
    // The crash came after the key file was written and before the store was in place.
    let dir = tempfile::tempdir().unwrap();
    let key = SecretKey::generate().unwrap();
    key.write_new(&dir.path().join(KEY_FILE)).unwrap();
    assert!(matches!(
        Node::open(dir.path()).err(),
        Some(Error::NotInitialised { .. })
    ));

    let node = Node::init(dir.path(), "Alice").unwrap();
    assert_eq!(node.node_id(), key.node_id(), "the key left there is kept");
    assert_eq!(node.adviser(), "Alice");
}

#[test]
fn init_after_a_crash_that_tore_the_key_or_left_half_a_store_starts_afresh() {
    let dir = tempfile::tempdir().unwrap();
    // A key file cut short, and a store file still being built under its temporary name.
    std::fs::write(dir.path().join(KEY_FILE), [7u8; 5]).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            dir.path().join(KEY_FILE),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
    }
    let half = dir.path().join(format!("{STORE_FILE}.new"));
    std::fs::write(&half, b"not a finished store").unwrap();

    let node = Node::init(dir.path(), "Alice").unwrap();
    assert_eq!(node.adviser(), "Alice");
    let id = node.node_id();
    drop(node);
    assert!(!half.exists(), "the half-built store is gone");
    let key = SecretKey::read(&dir.path().join(KEY_FILE)).unwrap();
    assert_eq!(
        key.node_id(),
        id,
        "the torn key was replaced by the node's key"
    );
    assert_eq!(Node::open(dir.path()).unwrap().node_id(), id);
}

#[cfg(unix)]
#[test]
fn init_refuses_a_leftover_key_that_others_may_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(KEY_FILE);
    SecretKey::generate().unwrap().write_new(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();

    let err = Node::init(dir.path(), "Alice").expect_err("refused");
    assert!(err.to_string().contains("chmod 600"), "{err}");
    assert!(
        !dir.path().join(STORE_FILE).exists(),
        "no store was made with a key that may have leaked"
    );
}

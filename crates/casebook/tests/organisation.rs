//! Whose rules judge a file, on one node's store: the organisation the file names, only if its
//! document here was made by the node the file names; joining needs membership; an
//! organisation's settings never arrive by file.

use casebook::automerge::ActorId;
use casebook::config_types::RagMatrix;
use casebook::edit::NewClient;
use casebook::org::{self, Judge};
use casebook::{ChangeSignature, Error, FileId, Node, Origin, SecretKey, schema};

fn node(dir: &tempfile::TempDir, adviser: &str) -> Node {
    Node::init(dir.path(), adviser).expect("init")
}

#[test]
fn a_document_made_by_another_node_under_a_files_organisation_id_judges_nothing() {
    let (da, dc) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let alice = node(&da, "Alice");
    let carol = node(&dc, "Carol");
    // Carol's organisation judges the file; its id is no secret.
    let carols = carol.create_organisation("Business Wales North").unwrap();
    let file = alice
        .create_client(&NewClient {
            name: "Acme Ltd".into(),
            ..Default::default()
        })
        .unwrap();
    alice
        .apply(file, |d, c, _| {
            org::set_judge(
                d,
                c,
                Judge {
                    id: carols,
                    owner: carol.node_id(),
                },
                "Business Wales North",
            )
        })
        .unwrap();
    // Mallory makes a document under Carol's organisation's id, with lenient rules, and it
    // reaches Alice's store (as a sync would store it: Mallory's own signed changes).
    let mallory = SecretKey::from_seed([0x3A; 32]);
    let mut fake = schema::new_file(carols, mallory.node_id()).unwrap();
    fake.set_actor(ActorId::from(&mallory.node_id().as_bytes()[..]));
    let lenient = casebook::OrgConfig {
        rag_matrix: RagMatrix::from_thresholds(24, 25),
        ..Default::default()
    };
    org::set_config(&mut fake, &alice.edit_context(), &lenient, "lenient".into()).unwrap();
    let changes = fake.get_changes(&[]);
    let signatures = changes
        .iter()
        .filter(|c| c.actor_id().to_bytes() == mallory.node_id().as_bytes())
        .map(|c| ChangeSignature {
            hash: c.hash(),
            author: mallory.node_id(),
            signature: mallory.sign(&ChangeSignature::message(&c.hash())),
        })
        .collect();
    alice
        .store()
        .update(|txn| {
            alice.store_changes_in(
                txn,
                carols,
                changes,
                Origin::Peer {
                    node: mallory.node_id(),
                },
                signatures,
            )
        })
        .unwrap();
    // The file is still judged by Alice's own rules, not Mallory's.
    assert_eq!(alice.config_for(file).unwrap(), alice.config().unwrap());
    assert_ne!(alice.config_for(file).unwrap(), lenient);
}

#[test]
fn a_node_joins_only_an_organisation_that_names_it() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let alice = node(&da, "Alice");
    let bob = node(&db, "Bob");
    let theirs = bob.create_organisation("Elsewhere Ltd").unwrap();
    // Bob's organisation document reaches Alice's store without naming her.
    let doc = bob.store().load(theirs).unwrap().unwrap();
    let changes = doc.get_changes(&[]);
    let hashes: Vec<_> = changes.iter().map(|c| c.hash()).collect();
    let signatures = bob
        .store()
        .signatures(&hashes)
        .unwrap()
        .into_iter()
        .flatten()
        .collect();
    alice
        .store()
        .update(|txn| {
            alice.store_changes_in(
                txn,
                theirs,
                changes,
                Origin::Peer {
                    node: bob.node_id(),
                },
                signatures,
            )
        })
        .unwrap();
    let own = alice.organisation_id().unwrap();
    let refused = alice.join_organisation(theirs);
    assert!(
        matches!(refused, Err(Error::NotAMember { .. })),
        "{refused:?}"
    );
    assert_eq!(alice.organisation_id().unwrap(), own);
    // Nor can its settings come in a file.
    let refused = alice.merge_automerge(
        &bob.store().load(theirs).unwrap().unwrap().save(),
        "org.automerge",
        None,
    );
    assert!(
        refused
            .as_ref()
            .is_err_and(|e| e.to_string().contains("organisation's settings")),
        "{refused:?}"
    );
}

#[test]
fn a_store_made_before_organisations_turns_its_own_settings_into_its_organisation_on_first_open() {
    // A data directory as an older casebook left it: a key, a store, its own settings.
    let dir = tempfile::tempdir().expect("dir");
    let key = SecretKey::generate().expect("key");
    key.write_new(&dir.path().join(casebook::KEY_FILE))
        .expect("key file");
    let kept = casebook::OrgConfig {
        rag_matrix: RagMatrix::from_thresholds(4, 12),
        contact_due_days: 21,
        ..Default::default()
    };
    {
        let store = casebook::Store::create_with(
            &dir.path().join(casebook::STORE_FILE),
            key.node_id(),
            &[("adviser", b"Alice".as_slice())],
        )
        .expect("store");
        store.set_config(&kept, &[]).expect("its own settings");
    }
    let node = Node::open(dir.path()).expect("open");
    assert_eq!(node.config().expect("rules"), kept);
    let o = node.organisation().expect("its organisation");
    assert_eq!(o.name, "Alice's organisation");
    assert_eq!(o.administrators, vec![key.node_id()]);
    assert_eq!(o.id, FileId::first_organisation_of(&key.node_id()));
    // Opening again makes nothing new.
    let version = o.version;
    drop(node);
    let node = Node::open(dir.path()).expect("reopen");
    assert_eq!(node.organisation().expect("org").version, version);
}

//! `casebook sync` when the peer refuses one file's changes: the real binary, two real nodes,
//! `casebook serve` on 127.0.0.1 (a free port) and `casebook sync` against it.
//!
//! Alice holds a file with a change nobody signed (as after merging another adviser's exported
//! file) and three files with new, signed calls. Bob's sync must bring the three, refuse the
//! one, say which and why on stderr and exit non-zero; both nodes' `casebook status` must show
//! the file refused; Alice's `serve` log must warn of it.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use casebook_e2e::{
    BIN_OVERRIDE, Casebook, Sandbox, bring_in_unsigned_call, history_hashes, str_field,
};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_casebook-under-test");

/// How long `casebook serve` may take to say where it listens.
const START_LIMIT: Duration = Duration::from_secs(30);

fn bin() -> PathBuf {
    std::env::var_os(BIN_OVERRIDE).map_or_else(|| PathBuf::from(BIN), PathBuf::from)
}

/// `casebook serve` on 127.0.0.1 (port 0) for a node: its log lines as they come, killed when
/// dropped (and it stops by itself after `--for`).
struct Serve {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Serve {
    fn start(node: &Casebook) -> (Self, String) {
        let mut cmd = Command::new(bin());
        cmd.env_remove("CASEBOOK_DIR")
            .env("NO_COLOR", "1")
            .arg("--data-dir")
            .arg(node.dir())
            .args(["serve", "--listen", "127.0.0.1:0", "--for", "120"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = cmd.spawn().expect("casebook serve starts");
        let stdout = child.stdout.take().expect("a piped stdout");
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut serve = Self {
            child,
            lines,
            seen: Vec::new(),
        };
        let listening = serve.wait_for("listening on ", START_LIMIT);
        // "HH:MM:SS listening on 127.0.0.1:PORT as node ..."
        let addr = listening
            .split("listening on ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .expect("an address")
            .to_string();
        (serve, addr)
    }

    /// The first log line containing `needle`, waiting up to `limit`.
    fn wait_for(&mut self, needle: &str, limit: Duration) -> String {
        if let Some(l) = self.seen.iter().find(|l| l.contains(needle)) {
            return l.clone();
        }
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => panic!(
                    "serve logged no line with {needle:?} within {limit:?}: {:#?}",
                    self.seen
                ),
            }
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The status row of the file named `client` with the peer named `peer`.
fn status_row(node: &Casebook, peer: &str, client: &str) -> Value {
    let status = node.json(&["status"]);
    let peers = status.as_array().expect("an array of peers");
    let files = peers
        .iter()
        .find(|p| p["peer"]["name"] == peer)
        .unwrap_or_else(|| panic!("no peer {peer}: {status}"))["files"]
        .clone();
    files
        .as_array()
        .expect("an array of files")
        .iter()
        .find(|f| f["name"] == client)
        .unwrap_or_else(|| panic!("no file {client}: {status}"))
        .clone()
}

#[test]
fn sync_takes_every_other_file_names_the_refused_one_and_fails() {
    let sb = Sandbox::new(BIN);
    let alice = sb.init("alice", "Alice");
    let bob = sb.init("bob", "Bob");
    let bobs_ticket = bob.text(&["invite", "--addr", "127.0.0.1:9"]);
    alice.json(&["peer", "add", bobs_ticket.trim(), "--name", "Bob (laptop)"]);
    let clients = ["Poisoned Ltd", "Healthy 0", "Healthy 1", "Healthy 2"];
    let ids: Vec<String> = clients
        .iter()
        .map(|name| {
            let id = alice.add_client(name, &[]);
            alice.json(&["share", &id, "Bob (laptop)", "--write"]);
            id
        })
        .collect();

    let (mut serve, addr) = Serve::start(&alice);
    let alices_ticket = alice.text(&["invite", "--addr", &addr]);
    bob.json(&[
        "peer",
        "add",
        alices_ticket.trim(),
        "--name",
        "Alice (laptop)",
    ]);
    bob.json(&["sync", "Alice (laptop)", "--timeout", "60"]);
    assert_eq!(bob.clients().len(), clients.len(), "Bob holds every file");

    // New signed calls to the healthy files; a change nobody signed under the poisoned one.
    for id in &ids[1..] {
        alice.json(&[
            "log",
            id,
            "--kind",
            "call",
            "--direction",
            "outbound",
            "--purpose",
            "sales",
            "--summary",
            "a signed call",
        ]);
    }
    bring_in_unsigned_call(&alice, &ids[0]);
    let poisoned_before = history_hashes(&bob.json(&["history", &ids[0]]));

    let run = bob.run(&["sync", "Alice (laptop)", "--timeout", "60"]);
    eprintln!("{run}");
    assert_eq!(run.code, Some(1), "{run}");
    for words in [
        "Poisoned Ltd",
        "is not signed by its claimed author",
        "casebook history",
    ] {
        assert!(run.stderr.contains(words), "stderr lacks {words:?}: {run}");
    }
    assert!(
        run.stdout.contains("Synced with Alice (laptop)") && run.stdout.contains("Refused:"),
        "{run}"
    );
    // Every healthy file arrived whole; the poisoned one did not move.
    for id in &ids[1..] {
        assert_eq!(
            history_hashes(&bob.json(&["history", id])),
            history_hashes(&alice.json(&["history", id])),
            "{id} did not arrive"
        );
    }
    assert_eq!(
        history_hashes(&bob.json(&["history", &ids[0]])),
        poisoned_before
    );

    // Status, on both sides: refused, never in sync.
    let at_bob = status_row(&bob, "Alice (laptop)", "Poisoned Ltd");
    assert_eq!(at_bob["state"], "refused", "{at_bob}");
    assert_eq!(at_bob["refused"]["refused_by"], "this-node", "{at_bob}");
    assert!(
        str_field(&at_bob["refused"], "reason").contains("is not signed by its claimed author")
    );
    assert!(bob.text(&["status"]).contains("refused: "));
    let at_alice = status_row(&alice, "Bob (laptop)", "Poisoned Ltd");
    assert_eq!(at_alice["state"], "refused", "{at_alice}");
    assert_eq!(at_alice["refused"]["refused_by"], "peer", "{at_alice}");
    for name in &clients[1..] {
        assert_eq!(status_row(&bob, "Alice (laptop)", name)["state"], "in-sync");
        assert_eq!(status_row(&alice, "Bob (laptop)", name)["state"], "in-sync");
    }
    // Alice's serve log warns of the refusal, naming the file and the peer.
    let warning = serve.wait_for("warning:", Duration::from_secs(10));
    assert!(
        warning.contains("Bob (laptop)") && warning.contains("Poisoned Ltd"),
        "{warning}"
    );

    // Syncing again still fails, and says the refusal stands; with --json the report is on
    // stdout and the error on stderr.
    let again = bob.run(&["--json", "sync", "Alice (laptop)", "--timeout", "60"]);
    eprintln!("{again}\n--- serve log ---\n{}", serve.seen.join("\n"));
    assert_eq!(again.code, Some(1), "{again}");
    assert!(
        again.stderr.contains("still refused") && again.stderr.contains("Poisoned Ltd"),
        "{again}"
    );
    let report: Value = serde_json::from_str(&again.stdout).expect("a JSON report");
    assert_eq!(report["refused"], serde_json::json!([]), "{report}");
}

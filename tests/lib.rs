//! Helpers for the end-to-end tests in `tests/`: each test gets a [`Sandbox`] (a temporary
//! directory), runs the casebook binary against stores inside it with `--data-dir` given
//! explicitly and `CASEBOOK_DIR` cleared, and asserts on the `--json` output.
//!
//! The binary is this package's `casebook-under-test`, built by cargo from crates/cli's sources
//! before the tests run (see Cargo.toml); each test file passes
//! `env!("CARGO_BIN_EXE_casebook-under-test")` to [`Sandbox::new`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

/// The longest one command may run; a hang fails the test instead of stalling the suite.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// Set this to run the tests against another casebook binary.
pub const BIN_OVERRIDE: &str = "CASEBOOK_E2E_BIN";

/// A temporary directory holding any number of nodes' data directories and files, removed when
/// the test ends.
#[derive(Debug)]
pub struct Sandbox {
    tmp: tempfile::TempDir,
    bin: PathBuf,
}

impl Sandbox {
    /// A new empty sandbox running `bin` (or the binary named by `CASEBOOK_E2E_BIN`).
    pub fn new(bin: &str) -> Self {
        let bin = std::env::var_os(BIN_OVERRIDE)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(bin));
        assert!(
            bin.is_file(),
            "the casebook binary {} does not exist",
            bin.display()
        );
        let tmp = tempfile::Builder::new()
            .prefix("casebook-e2e-")
            .tempdir()
            .expect("cannot create a temporary directory");
        Self { tmp, bin }
    }

    /// A path inside the sandbox.
    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// A node whose data directory is `name` inside the sandbox (not initialised).
    pub fn node(&self, name: &str) -> Casebook {
        Casebook {
            bin: self.bin.clone(),
            dir: self.path(name),
            zone: "UTC".into(),
        }
    }

    /// A node initialised by `casebook init --name ADVISER` in the data directory `name`.
    pub fn init(&self, name: &str, adviser: &str) -> Casebook {
        let node = self.node(name);
        let out = node.json(&["init", "--name", adviser]);
        assert_eq!(out["adviser"], adviser, "{out}");
        assert!(out["node_id"].as_str().is_some_and(|s| !s.is_empty()));
        node
    }
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The command line, for messages.
    pub args: Vec<String>,
    /// The exit code (`None` if killed, e.g. by the timeout).
    pub code: Option<i32>,
    /// Everything written to stdout.
    pub stdout: String,
    /// Everything written to stderr.
    pub stderr: String,
}

impl Run {
    /// Whether the command exited with code 0.
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`casebook {}` exited with {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        )
    }
}

/// A `casebook serve` process, killed when dropped.
#[derive(Debug)]
pub struct Served(std::process::Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A `casebook serve` process whose log (stdout) is read line by line as it comes; killed
/// when dropped.
#[derive(Debug)]
pub struct ServeLog {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl ServeLog {
    /// The first log line containing `needle`, waiting up to `limit`; panics (listing what
    /// was logged) if none comes, so a hang fails the test.
    pub fn wait_for(&mut self, needle: &str, limit: Duration) -> String {
        self.wait_for_nth(needle, 1, limit)
    }

    /// The `n`th log line (1-based) containing `needle`, waiting up to `limit`.
    pub fn wait_for_nth(&mut self, needle: &str, n: usize, limit: Duration) -> String {
        let deadline = std::time::Instant::now() + limit;
        loop {
            if let Some(l) = self.seen.iter().filter(|l| l.contains(needle)).nth(n - 1) {
                return l.clone();
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => self.seen.push(line),
                Err(_) => panic!(
                    "serve logged no line {n} with {needle:?} within {limit:?}: {:#?}",
                    self.seen
                ),
            }
        }
    }

    /// Everything logged so far (read without waiting).
    pub fn seen(&mut self) -> &[String] {
        while let Ok(line) = self.lines.try_recv() {
            self.seen.push(line);
        }
        &self.seen
    }

    /// The address serve said it listens on (waits for that line).
    pub fn addr(&mut self) -> String {
        let line = self.wait_for("listening on ", Duration::from_secs(30));
        line.split("listening on ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string()
    }
}

impl Drop for ServeLog {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A UDP port on loopback that was free a moment ago (for `serve --listen`).
pub fn free_port() -> u16 {
    std::net::UdpSocket::bind("127.0.0.1:0")
        .and_then(|s| s.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// One node: the casebook binary pointed at one data directory.
#[derive(Clone, Debug)]
pub struct Casebook {
    bin: PathBuf,
    dir: PathBuf,
    /// The time zone the binary runs in (`TZ`); UTC unless a test chooses one, so that times
    /// typed without a zone mean the same on every machine.
    zone: String,
}

impl Casebook {
    /// The same node run in another time zone (a `TZ` value such as `Europe/London`).
    pub fn in_zone(&self, zone: &str) -> Casebook {
        Casebook {
            zone: zone.into(),
            ..self.clone()
        }
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The store file in the data directory.
    pub fn store_path(&self) -> PathBuf {
        self.dir.join("casebook.redb")
    }

    /// The key file in the data directory.
    pub fn key_path(&self) -> PathBuf {
        self.dir.join("node.key")
    }

    /// A command for the binary with `--data-dir` set, `CASEBOOK_DIR` cleared and a timeout.
    pub fn command(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::from_std(self.std_command());
        cmd.timeout(TIMEOUT);
        cmd
    }

    fn std_command(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(&self.bin);
        // clap names the program in usage lines by argv[0]: call it what people type.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::arg0(&mut cmd, "casebook");
        // Wide tables, so assertions on a table's text do not depend on where it wraps
        // (tests/tests/terminal.rs checks the width itself).
        // English unless a test asks for Welsh (`--lang cy`), whatever the machine's locale.
        cmd.env_remove("CASEBOOK_DIR")
            .env("CASEBOOK_LANG", "en")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "400")
            .env("TZ", &self.zone)
            .arg("--data-dir")
            .arg(&self.dir);
        cmd
    }

    /// Start `casebook serve --listen ADDR --for SECONDS` in the background; the process is
    /// killed when the guard drops, so a failing test leaves none behind.
    pub fn serve(&self, listen: &str, seconds: u32) -> Served {
        let child = self
            .std_command()
            .args(["serve", "--listen", listen, "--for", &seconds.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("casebook serve starts");
        Served(child)
    }

    /// Start `casebook serve ARGS...` (e.g. `--listen 127.0.0.1:0 --for 60`) with its log
    /// read line by line; with `envs` set for it.
    pub fn serve_logged(&self, args: &[&str], envs: &[(&str, &str)]) -> ServeLog {
        use std::io::BufRead;
        let mut cmd = self.std_command();
        cmd.arg("serve")
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("casebook serve starts");
        let (tx, lines) = std::sync::mpsc::channel();
        for out in [
            child
                .stdout
                .take()
                .map(|o| Box::new(o) as Box<dyn std::io::Read + Send>),
            child
                .stderr
                .take()
                .map(|e| Box::new(e) as Box<dyn std::io::Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        ServeLog {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// `casebook sync PEER`, tried until `serve` on the other side listens (a few seconds).
    pub fn sync_with(&self, peer: &str) -> Run {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let run = self.run(&["--json", "sync", peer, "--timeout", "10"]);
            if run.success() || std::time::Instant::now() > deadline {
                return run;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Log an outbound progress-review contact of `kind` with client `file`, `days_ago` days
    /// ago, with `extra` flags (`--minutes 60`).
    pub fn log_days_ago(&self, file: &str, kind: &str, days_ago: i64, extra: &[&str]) -> Value {
        let at = (chrono::Utc::now() - chrono::Duration::days(days_ago)).to_rfc3339();
        let mut args = vec![
            "log",
            file,
            "--kind",
            kind,
            "--direction",
            "outbound",
            "--purpose",
            "progress-review",
            "--at",
            &at,
        ];
        args.extend_from_slice(extra);
        self.json(&args)
    }

    /// Run `casebook --data-dir DIR ARGS...` and capture what it did.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = self
            .command()
            .args(args)
            .output()
            .expect("cannot run the casebook binary");
        Run {
            args: args.iter().map(|a| a.to_string()).collect(),
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Run `casebook --data-dir DIR ARGS...` with its stdout a pipe that nobody reads (as in
    /// `casebook ... | head` once `head` has exited), capturing stderr.
    pub fn run_into_closed_pipe(&self, args: &[&str]) -> Run {
        let (reader, writer) = std::io::pipe().expect("cannot create a pipe");
        drop(reader);
        let child = self
            .std_command()
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("cannot run the casebook binary");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(child.wait_with_output()));
        let out = rx
            .recv_timeout(TIMEOUT)
            .unwrap_or_else(|_| panic!("casebook {args:?} did not finish within {TIMEOUT:?}"))
            .expect("cannot wait for the casebook binary");
        Run {
            args: args.iter().map(|a| a.to_string()).collect(),
            code: out.status.code(),
            stdout: String::new(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Run with `--json`, require success and return the parsed output.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert!(run.success(), "expected success: {run}");
        serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {run}"))
    }

    /// Run without `--json`, require success and return stdout.
    pub fn text(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert!(run.success(), "expected success: {run}");
        run.stdout
    }

    /// Run with `--json` and require a clean failure: a non-zero exit code, an error message on
    /// stderr and nothing on stdout (so nothing that a script could take for success).
    pub fn fails(&self, args: &[&str]) -> Run {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert!(
            run.code.is_some_and(|c| c != 0),
            "expected a non-zero exit code: {run}"
        );
        assert!(
            run.stdout.trim().is_empty(),
            "a failed command printed on stdout: {run}"
        );
        assert!(
            run.stderr.contains("error") || run.stderr.contains("gwall"),
            "expected an error message on stderr (in English or Welsh): {run}"
        );
        run
    }

    /// Export `client` as an Automerge file at `path` and import it on `other`, which then
    /// holds a copy of the file (as two advisers pass a file on a memory stick).
    pub fn send_copy(&self, other: &Casebook, client: &str, path: &Path) {
        self.json(&["export", client, "--format", "automerge", "--out", s(path)]);
        other.json(&["import", s(path)]);
    }

    /// `casebook --lang cy ARGS...`, whatever its outcome.
    pub fn run_welsh(&self, args: &[&str]) -> Run {
        let mut all = vec!["--lang", "cy"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `casebook --lang cy ARGS...`, which must succeed: its stdout.
    pub fn welsh(&self, args: &[&str]) -> String {
        let run = self.run_welsh(args);
        assert!(run.success(), "expected success: {run}");
        run.stdout
    }

    /// `casebook --lang cy ARGS...`, which must fail with a Welsh error on stderr.
    pub fn welsh_fails(&self, args: &[&str]) -> Run {
        let run = self.run_welsh(args);
        assert!(
            run.code.is_some_and(|c| c != 0),
            "expected a failure: {run}"
        );
        assert!(run.stderr.starts_with("gwall: "), "{run}");
        run
    }

    /// `--json ARGS...` in English and in Welsh, which must print the same JSON: it.
    pub fn same_json_in_both(&self, args: &[&str]) -> Value {
        let en = self.json(args);
        let mut welsh = vec!["--lang", "cy"];
        welsh.extend_from_slice(args);
        assert_eq!(self.json(&welsh), en, "{args:?}: JSON differs by language");
        en
    }

    /// [`Casebook::fails`], also requiring that the store is exactly as it was before.
    pub fn refuses(&self, args: &[&str]) -> Run {
        let before = self.snapshot();
        let run = self.fails(args);
        assert_eq!(
            self.snapshot(),
            before,
            "the store changed although the command failed: {run}"
        );
        run
    }

    /// Every client's summary, exited ones included (`client list --all --json`).
    pub fn clients(&self) -> Vec<Value> {
        match self.json(&["client", "list", "--all"]) {
            Value::Array(rows) => rows,
            other => panic!("client list is not an array: {other}"),
        }
    }

    /// Every client's summary and the hashes of every file's history: what a failed command
    /// must leave unchanged.
    pub fn snapshot(&self) -> (Vec<Value>, Vec<Vec<String>>) {
        let clients = self.clients();
        let histories = clients
            .iter()
            .map(|c| history_hashes(&self.json(&["history", str_field(c, "file_id")])))
            .collect();
        (clients, histories)
    }

    /// Add a client with extra `client add` flags; returns its file id.
    pub fn add_client(&self, name: &str, extra: &[&str]) -> String {
        let mut args = vec!["client", "add", "--name", name];
        args.extend_from_slice(extra);
        let out = self.json(&args);
        str_field(&out, "file_id").to_string()
    }

    /// The summary row of one client in `client list --all --json`.
    pub fn summary(&self, file_id: &str) -> Value {
        self.clients()
            .into_iter()
            .find(|c| c["file_id"] == file_id)
            .unwrap_or_else(|| panic!("no client {file_id} in client list --all"))
    }

    /// Let `other` change `file` here: trust its node (by its ticket) under the name of its
    /// data directory, and share the file with it `--write`. A copy `other` then imports or
    /// merges is one it may edit (a file not shared with a node is read-only there).
    pub fn share_for_writing(&self, other: &Casebook, file: &str) {
        let ticket = other.json(&["invite"])["ticket"]
            .as_str()
            .expect("a ticket")
            .to_string();
        let name = other
            .dir()
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 directory name")
            .to_string();
        let id = other.json(&["id"])["node_id"].clone();
        let trusted = self.json(&["peer", "list"]);
        if !trusted
            .as_array()
            .is_some_and(|peers| peers.iter().any(|p| p["node"] == id))
        {
            self.json(&["peer", "add", &ticket, "--name", &name]);
        }
        self.json(&["share", file, &name, "--write"]);
    }

    /// `show FILE --json`'s account file.
    pub fn account(&self, file: &str) -> Value {
        self.json(&["show", file])["account_file"].clone()
    }
}

/// A string field of a JSON object, or a panic naming it.
pub fn str_field<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("no string field `{key}` in {v}"))
}

/// The `entry` id of an edit's report (`{"file_id", "entry", "message"}`).
pub fn entry(report: &Value) -> String {
    str_field(report, "entry").to_string()
}

/// The change hashes of `history --json`, in order.
pub fn history_hashes(history: &Value) -> Vec<String> {
    history
        .as_array()
        .unwrap_or_else(|| panic!("history is not an array: {history}"))
        .iter()
        .map(|e| str_field(e, "hash").to_string())
        .collect()
}

/// The `name` of every object in a JSON array (a portfolio section, a client list).
pub fn names(rows: &Value) -> Vec<String> {
    rows.as_array()
        .unwrap_or_else(|| panic!("not an array: {rows}"))
        .iter()
        .map(|r| str_field(r, "name").to_string())
        .collect()
}

/// A path as the `&str` the helpers take (the sandbox's paths are UTF-8).
pub fn s(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// Whether two floats are equal to within rounding.
pub fn close(a: &Value, b: f64) -> bool {
    a.as_f64().is_some_and(|a| (a - b).abs() < 1e-9)
}

/// The first `sh` block after the heading `heading` in README.md.
pub fn readme_block(heading: &str) -> String {
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let text = std::fs::read_to_string(&readme).expect("README.md is readable");
    let after = text
        .split_once(heading)
        .unwrap_or_else(|| panic!("README.md has no heading {heading:?}"))
        .1;
    let block = after
        .split_once("```sh\n")
        .expect("a sh block follows the heading")
        .1;
    block
        .split_once("```")
        .expect("the sh block ends")
        .0
        .to_string()
}

/// Run `script` in bash (`-euo pipefail`) as a newcomer would: in the sandbox's fresh `home`
/// directory (also `HOME`), with `casebook` on the PATH, no colour, no `CASEBOOK_DIR`, no
/// language chosen (English), and the variables `envs`.
pub fn run_shell(sb: &Sandbox, script: &str, envs: &[(&str, &str)]) -> std::process::Output {
    let home = sb.path("home");
    let bin_dir = sb.path("bin");
    std::fs::create_dir_all(&home).expect("home");
    std::fs::create_dir_all(&bin_dir).expect("bin dir");
    let link = bin_dir.join("casebook");
    if !link.exists() {
        std::os::unix::fs::symlink(&sb.bin, &link).expect("casebook on the PATH");
    }
    let file = sb.path("script.sh");
    std::fs::write(&file, script).expect("script");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = assert_cmd::Command::new("bash");
    cmd.arg("-euo")
        .arg("pipefail")
        .arg(&file)
        .current_dir(&home)
        .env("HOME", &home)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env_remove("CASEBOOK_DIR")
        .env_remove("CASEBOOK_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .timeout(TIMEOUT);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("bash runs")
}

/// Every `welsh` text is in `text`, and none of the `english` ones.
pub fn speaks_welsh(text: &str, welsh: &[&str], english: &[&str]) {
    has_all(text, welsh);
    has_none(text, english);
}

/// Every one of `wanted` is in `text`.
pub fn has_all(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "missing {w:?} in:\n{text}");
    }
}

/// None of `unwanted` (English left in a Welsh text, say) is in `text`.
pub fn has_none(text: &str, unwanted: &[&str]) {
    for w in unwanted {
        assert!(!text.contains(w), "{w:?} left in:\n{text}");
    }
}

/// Store a call on `file` in `node`'s store as a merge of another adviser's exported file
/// brings it in: made by a node that is no peer of anyone here, without its signature, and
/// vouched for by no one. Every other node refuses it.
pub fn bring_in_unsigned_call(node: &Casebook, file: &str) {
    use casebook::automerge::ActorId;
    use casebook::enums::{Direction, InteractionKind, Purpose};
    let file: casebook::FileId = file.parse().expect("a file id");
    let alice = casebook::Node::open(node.dir()).expect("the node opens beside serve");
    let dana = casebook::SecretKey::from_seed([42; 32]).node_id();
    let mut doc = alice.load(file).expect("load");
    doc.set_actor(ActorId::from(&dana.as_bytes()[..]));
    let before = doc.get_heads();
    let call = casebook::model::Interaction {
        kind: InteractionKind::Call,
        direction: Direction::Outbound,
        at: alice.now(),
        minutes: 15,
        our_attendees: vec!["Dana".into()],
        their_attendees: vec![],
        people: vec![],
        purpose: Purpose::ProgressReview,
        summary: "a call from Dana's exported copy".into(),
        needs: String::new(),
        risks: vec![],
        opportunities: vec![],
        by: String::new(),
        language: String::new(),
    };
    casebook::edit::log_interaction(&mut doc, &alice.edit_context(), &call).expect("edit");
    let changes = doc.get_changes(&before);
    alice
        .store()
        .update(|txn| {
            alice.store_changes_in(
                txn,
                file,
                changes,
                casebook::Origin::File {
                    name: "dana.automerge".into(),
                },
                vec![],
            )
        })
        .expect("stored without a signature");
}

/// The map at `key` of map `obj` of an Automerge document.
pub fn map_in(
    doc: &impl casebook::automerge::ReadDoc,
    obj: &casebook::automerge::ObjId,
    key: &str,
) -> casebook::automerge::ObjId {
    match doc.get(obj, key).expect("readable") {
        Some((casebook::automerge::Value::Object(casebook::automerge::ObjType::Map), id)) => id,
        other => panic!("{key} is not a map: {other:?}"),
    }
}

/// Export Afon from `node`, let another Automerge tool (its own random actor) set `field` of
/// each named risk, and merge the tool's copy back into `node`.
pub fn another_tool_sets(
    sb: &Sandbox,
    node: &Casebook,
    edits: &[(&str, &str, casebook::automerge::ScalarValue)],
) {
    use casebook::automerge::transaction::Transactable;
    let exported = sb.path("afon.automerge");
    node.json(&[
        "export",
        "Afon",
        "--format",
        "automerge",
        "--out",
        s(&exported),
    ]);
    let bytes = std::fs::read(&exported).expect("the export was written");
    let mut tool = casebook::automerge::Automerge::load(&bytes)
        .expect("the export loads")
        .with_actor(casebook::automerge::ActorId::random());
    let mut tx = tool.transaction();
    let risks = map_in(&tx, &casebook::automerge::ROOT, "risks");
    for (risk, field, value) in edits {
        let r = map_in(&tx, &risks, risk);
        tx.put(&r, *field, value.clone()).expect("put");
    }
    tx.commit();
    let edited = sb.path("afon-tool.automerge");
    std::fs::write(&edited, tool.save()).expect("write the tool's copy");
    node.json(&["merge", s(&edited)]);
}

/// The browser, if there is one (`CASEBOOK_CHROMIUM`, else `chromium` on the PATH).
pub fn chromium() -> Option<PathBuf> {
    let named = std::env::var_os("CASEBOOK_CHROMIUM").map(PathBuf::from);
    let found = named.or_else(|| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join("chromium"))
                .find(|p| p.is_file())
        })
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CASEBOOK_REQUIRE_CHROMIUM").is_none(),
            "CASEBOOK_REQUIRE_CHROMIUM is set but no chromium was found"
        );
        eprintln!("no chromium here: the pictures are not opened in a browser");
    }
    found
}

/// Run headless Chromium on a file with `args` (bounded: a hang fails the test).
pub fn browse(browser: &Path, profile: &Path, file: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = assert_cmd::Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(args)
    .arg(format!("file://{}", file.display()))
    .timeout(Duration::from_secs(90));
    cmd.output().expect("chromium runs")
}

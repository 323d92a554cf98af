//! The end-to-end scenario `casebook demo` runs: three advisers' nodes on this machine, offline
//! work on shared clients, then sync over real QUIC on loopback.
//!
//! Alice builds the sample portfolio and shares it with Bethan and Chris; everyone syncs once.
//! Then, offline, Alice logs a call, Bethan logs a meeting and reassesses a risk, and Chris
//! reassesses the same risk differently and completes an action. Chris then syncs with Bethan
//! only and Bethan with Alice, so Chris's work reaches Alice through Bethan.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use casebook::edit::{self, RiskAssessment};
use casebook::enums::{ActionStatus, Direction, InteractionKind, Purpose, RiskStatus};
use casebook::model::Interaction;
use casebook::{FileId, Node, Ticket, demo};
use casebook_i18n::Message;
use chrono::Duration;

use crate::{Error, Event, Report, Server, sync_once};

/// One adviser's node in the scenario.
#[derive(Debug)]
pub struct MissionNode {
    /// The adviser.
    pub adviser: String,
    /// The node.
    pub node: Arc<Node>,
    /// Its data directory.
    pub dir: PathBuf,
    /// Where it listened.
    pub addr: SocketAddr,
}

/// One sync of the scenario.
#[derive(Debug)]
pub struct MissionSync {
    /// Who dialled.
    pub from: String,
    /// Whom.
    pub to: String,
    /// What moved.
    pub report: Report,
}

/// What the scenario did.
#[derive(Debug)]
pub struct Mission {
    /// The three nodes.
    pub nodes: Vec<MissionNode>,
    /// The client the advisers worked on offline.
    pub file: FileId,
    /// Every file shared among them.
    pub files: Vec<FileId>,
    /// The syncs, in order.
    pub syncs: Vec<MissionSync>,
}

impl Mission {
    /// Whether every node holds the same heads for every shared file.
    ///
    /// # Errors
    /// Store errors.
    pub fn converged(&self) -> Result<bool, Error> {
        for file in &self.files {
            let mut first = None;
            for n in &self.nodes {
                let mut heads = n
                    .node
                    .store()
                    .heads(*file)
                    .map_err(casebook::Error::from)?
                    .unwrap_or_default();
                heads.sort();
                match &first {
                    None => first = Some(heads),
                    Some(f) if *f != heads => return Ok(false),
                    Some(_) => {}
                }
            }
        }
        Ok(true)
    }
}

/// A running server, stopped by dropping `stop`.
struct Running {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

fn start(server: &Server) -> Running {
    let (stop, rx) = tokio::sync::oneshot::channel::<()>();
    let server = server.clone();
    let task = tokio::spawn(async move {
        server
            .run(async {
                let _ = rx.await;
            })
            .await;
    });
    Running { stop, task }
}

async fn stop_all(running: Vec<Running>) {
    for r in running {
        let _ = r.stop.send(());
        let _ = r.task.await;
    }
}

/// Run the scenario in `root` (three data directories are created under it); `step` hears
/// what happens, as messages of the catalogues (`demo-*`).
///
/// # Errors
/// Any engine, transport or session error.
pub async fn run(root: &Path, mut step: impl FnMut(&Message)) -> Result<Mission, Error> {
    // 1. Three nodes; Alice holds the portfolio.
    let mut nodes = Vec::new();
    let mut servers = Vec::new();
    for (i, adviser) in demo::ADVISERS.iter().enumerate() {
        let dir = root.join(
            adviser
                .split_whitespace()
                .next()
                .unwrap_or("node")
                .to_lowercase(),
        );
        let mut node = Node::init(&dir, adviser)?;
        if i == 0 {
            step(&Message::new("demo-step-build").with("adviser", "Alice"));
            let now = node.now();
            demo::build(&mut node, now, |_, _| {})?;
            node.set_clock(None);
        }
        let node = Arc::new(node);
        let quiet: crate::EventFn = Arc::new(|_: Event| {});
        let loopback = SocketAddr::from((std::net::Ipv4Addr::LOCALHOST, 0));
        // Listen only: in the story, each sync is one adviser's deliberate `casebook sync`.
        let server = Server::bind(node.clone(), loopback, quiet)?.listen_only();
        let addr = server.local_addr()?;
        step(
            &Message::new("demo-step-listen")
                .with("adviser", *adviser)
                .with("node", node.node_id().short())
                .with("addr", addr.to_string()),
        );
        nodes.push(MissionNode {
            adviser: adviser.to_string(),
            node,
            dir,
            addr,
        });
        servers.push(server);
    }
    // 2. Everyone trusts everyone (the tickets `casebook invite` prints).
    for a in &nodes {
        for b in &nodes {
            if a.node.node_id() != b.node.node_id() {
                let ticket = Ticket {
                    node: b.node.node_id(),
                    addrs: vec![b.addr],
                };
                a.node.add_peer(&ticket, &b.adviser, &b.adviser)?;
            }
        }
    }
    let alice = &nodes[0];
    let files: Vec<FileId> = alice
        .node
        .summaries()?
        .iter()
        .filter_map(|s| s.file_id.parse().ok())
        .collect();
    for f in &files {
        alice.node.share(*f, &nodes[1].adviser, "write")?;
        alice.node.share(*f, &nodes[2].adviser, "write")?;
    }
    step(
        &Message::new("demo-step-share")
            .with("adviser", "Alice")
            .with("count", files.len())
            .with("first", "Bethan")
            .with("second", "Chris"),
    );

    // 3. Everyone online once.
    let mut syncs = Vec::new();
    let running: Vec<Running> = servers.iter().map(start).collect();
    syncs.extend(sync_pairs(&nodes, &[(1, 0), (2, 0)], &mut step).await?);

    // 4. Offline work on the client with the key supplier risk.
    step(&Message::new("demo-step-offline"));
    let (file, risk, action) = pick(&alice.node, &files)?;
    let name = alice.node.read(file)?.profile.name;
    let now = alice.node.now();
    log(
        &nodes[0].node,
        file,
        InteractionKind::Call,
        "Checked the supplier contract renewal",
        now,
    )?;
    step(
        &Message::new("demo-step-call")
            .with("adviser", "Alice")
            .with("client", name),
    );
    log(
        &nodes[1].node,
        file,
        InteractionKind::Meeting,
        "Site meeting: second supplier samples",
        now + Duration::minutes(5),
    )?;
    assess(&nodes[1].node, file, risk, 4)?;
    step(
        &Message::new("demo-step-meeting")
            .with("adviser", "Bethan")
            .with("risk", "Key supplier failure")
            .with("likelihood", "4"),
    );
    assess(&nodes[2].node, file, risk, 3)?;
    if let Some(a) = action {
        nodes[2]
            .node
            .apply(file, |d, c, _| edit::complete_action(d, c, a))?;
        step(
            &Message::new("demo-step-reassess-and-complete")
                .with("adviser", "Chris")
                .with("likelihood", "3"),
        );
    } else {
        step(
            &Message::new("demo-step-reassess")
                .with("adviser", "Chris")
                .with("likelihood", "3"),
        );
    }

    // 5. Back online: Chris reaches Alice only through Bethan.
    syncs.extend(sync_pairs(&nodes, &[(2, 1), (1, 0), (2, 1)], &mut step).await?);
    stop_all(running).await;
    Ok(Mission {
        nodes,
        file,
        files,
        syncs,
    })
}

/// Run `casebook sync` from each `from` to its `to`, in order, telling `step` what moved.
async fn sync_pairs(
    nodes: &[MissionNode],
    pairs: &[(usize, usize)],
    step: &mut impl FnMut(&Message),
) -> Result<Vec<MissionSync>, Error> {
    let mut out = Vec::new();
    for &(from, to) in pairs {
        let peer = nodes[from]
            .node
            .find_peer(&nodes[to].node.node_id().to_string())?;
        let report = sync_once(nodes[from].node.clone(), &peer, None).await?;
        // The scenario's nodes sign every change: a refused file is a bug to report.
        report.nothing_refused()?;
        step(&describe(nodes, from, to, &report));
        out.push(MissionSync {
            from: nodes[from].adviser.clone(),
            to: nodes[to].adviser.clone(),
            report,
        });
    }
    Ok(out)
}

fn describe(nodes: &[MissionNode], from: usize, to: usize, r: &Report) -> Message {
    Message::new("demo-step-sync")
        .with("from", nodes[from].adviser.as_str())
        .with("to", nodes[to].adviser.as_str())
        .with("sent", r.stats.files_sent.to_string())
        .with("received", r.stats.files_received.to_string())
        .with("changes", r.stats.changes_received.to_string())
        .with("out", r.bytes_sent.to_string())
        .with("in", r.bytes_received.to_string())
        .with("millis", r.millis.to_string())
}

/// The client with an open "Key supplier failure" risk (or any open risk), and an open action.
fn pick(node: &Node, files: &[FileId]) -> Result<(FileId, uuid::Uuid, Option<uuid::Uuid>), Error> {
    let mut fallback = None;
    for f in files {
        let account = node.read(*f)?;
        let open_action = account
            .actions
            .iter()
            .find(|(_, a)| a.status == ActionStatus::Open)
            .map(|(id, _)| *id);
        for (id, r) in &account.risks {
            if r.status != RiskStatus::Open || r.likelihood == 3 || r.likelihood == 4 {
                continue;
            }
            if r.title == "Key supplier failure" {
                return Ok((*f, *id, open_action));
            }
            fallback.get_or_insert((*f, *id, open_action));
        }
    }
    fallback.ok_or_else(|| {
        Error::Engine(casebook::Error::BadInput {
            name: "demo".into(),
            reason: Message::new("err-demo-no-open-risk"),
        })
    })
}

fn log(
    node: &Node,
    file: FileId,
    kind: InteractionKind,
    summary: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), Error> {
    let i = Interaction {
        kind,
        direction: Direction::Outbound,
        at,
        minutes: 30,
        our_attendees: vec![node.adviser().to_string()],
        their_attendees: vec![],
        people: vec![],
        purpose: Purpose::ProgressReview,
        summary: summary.into(),
        needs: String::new(),
        risks: vec![],
        opportunities: vec![],
        by: String::new(),
        language: String::new(),
    };
    node.apply(file, |d, c, _| edit::log_interaction(d, c, &i))?;
    Ok(())
}

fn assess(node: &Node, file: FileId, risk: uuid::Uuid, likelihood: u8) -> Result<(), Error> {
    node.apply(file, |d, c, cfg| {
        edit::assess_risk(
            d,
            c,
            cfg,
            risk,
            &RiskAssessment {
                likelihood: Some(likelihood),
                ..Default::default()
            },
        )
    })?;
    Ok(())
}

//! `casebook serve`, `casebook sync` and `casebook status`.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use casebook::{FileId, Node, NodeId};
use casebook_i18n::Message;
use casebook_sync::status::FileState;
use casebook_sync::{Event, RefusedBy, RefusedFile, Report, Server};
use indicatif::{ProgressBar, ProgressStyle};

use super::Ctx;
use crate::args::{ServeArgs, SyncArgs};
use crate::i18n::{Arg, say, t, ta};
use crate::output::{self, headed, line, when};

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .with_context(|| t("net-runtime-failed"))
}

/// Peer names by node id, for messages people read.
fn names(node: &Node) -> BTreeMap<NodeId, String> {
    node.peers()
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p.node, p.name))
        .collect()
}

/// A peer's name, or "node ABCD1234" for a node this node has no name for.
fn name_of(names: &BTreeMap<NodeId, String>, node: &NodeId) -> Arg {
    match names.get(node) {
        Some(name) => name.into(),
        None => Message::new("sync-node-short")
            .with("node", node.short())
            .into(),
    }
}

/// A file as people know it: the client's name and the id's first digits, or the whole id of a
/// file this node does not hold.
fn file_name(node: &Node, file: FileId) -> Message {
    match node.store().summary(file) {
        Ok(Some(s)) => Message::new("net-file-named")
            .with("name", s.name)
            .with("id", file.short()),
        _ => Message::new("net-file-unknown").with("id", file.to_string()),
    }
}

/// What a refusal says to people: who refused whose changes to which file, and why (in the
/// refusing side's words).
fn refusal_text(node: &Node, peer: impl Into<Arg>, r: &RefusedFile) -> Message {
    let key = match r.refused_by {
        RefusedBy::ThisNode => "net-refused-by-this-node",
        RefusedBy::Peer => "net-refused-by-peer",
    };
    Message::new(key)
        .with("peer", peer)
        .with("file", file_name(node, r.file_id))
        .with("reason", r.reason.as_str())
}

/// Where a session brought new conflicts, and the command that lists them (`key` is the
/// sentence's frame); `None` if none.
fn conflicts_text(
    node: &Node,
    key: &'static str,
    arrived: &[casebook_sync::ConflictsArrived],
) -> Option<Message> {
    let mut files: Option<Message> = None;
    for c in arrived {
        let client = match node.store().summary(c.file_id) {
            Ok(Some(s)) => s.name,
            _ => c.file_id.to_string(),
        };
        let one = Message::new("net-conflicts-in-file")
            .with("client", client)
            .with("count", c.conflicts);
        files = Some(match files {
            None => one,
            Some(before) => Message::new("net-list-next")
                .with("before", before)
                .with("next", one),
        });
    }
    files.map(|files| {
        Message::new(key)
            .with("count", arrived.len())
            .with("files", files)
    })
}

/// What to do about a refusal.
fn refusal_advice(node: &Node, peer: &str, r: &RefusedFile) -> Message {
    let client = match node.store().summary(r.file_id) {
        Ok(Some(s)) => format!("\"{}\"", s.name),
        _ => r.file_id.to_string(),
    };
    match r.refused_by {
        RefusedBy::Peer => Message::new("net-refusal-advice-peer").with("client", client),
        RefusedBy::ThisNode => Message::new("net-refusal-advice-this-node")
            .with("client", client)
            .with("peer", peer),
    }
}

/// One line of the serve log for people, in the run's language, or one JSON object per line
/// for scripts (in English, like every text in JSON).
fn log_event(json: bool, node: &Node, e: &Event) {
    let names = names(node);
    // A refused file never syncs until someone acts: a warning, not news.
    let level = match e {
        Event::FileRefused { .. }
        | Event::Untrusted { .. }
        | Event::Redial { .. }
        | Event::Ended {
            outcome: Err(_), ..
        } => "warn",
        _ => "info",
    };
    let message = match e {
        Event::Listening(addr) => Message::new("net-log-listening")
            .with("addr", addr.to_string())
            .with("node", node.node_id().to_string()),
        Event::Connected { peer, dialled } => Message::new(if *dialled {
            "net-log-connected-dialled"
        } else {
            "net-log-connected-incoming"
        })
        .with("peer", name_of(&names, peer)),
        Event::Received {
            peer,
            files,
            changes,
        } => Message::new("net-log-received")
            .with("changes", *changes)
            .with("files", *files)
            .with("peer", name_of(&names, peer)),
        Event::FileRefused { peer, refused } => refusal_text(node, name_of(&names, peer), refused),
        Event::Ended { peer, outcome } => match outcome {
            Ok(r) => {
                let mut text = Message::new("net-log-ended")
                    .with("peer", name_of(&names, peer))
                    .with("sent", r.stats.files_sent)
                    .with("received", r.stats.files_received);
                if !r.stats.refused.is_empty() {
                    text = Message::new("net-log-ended-refused")
                        .with("before", text)
                        .with("count", r.stats.refused.len());
                }
                if let Some(conflicts) =
                    conflicts_text(node, "net-conflicts-arrived", &r.stats.conflicts_arrived)
                {
                    text = Message::new("net-list-next")
                        .with("before", text)
                        .with("next", conflicts);
                }
                text
            }
            // The reason is the session's error as the sync engine told it.
            Err(reason) => Message::new("net-log-ended-error")
                .with("peer", name_of(&names, peer))
                .with("reason", reason.clone()),
        },
        Event::Refused(reason) => Message::new("net-log-refused").with("reason", reason.clone()),
        Event::Redial {
            peer,
            reason,
            retry_in,
        } => Message::new("net-log-redial")
            .with("peer", name_of(&names, peer))
            .with("reason", reason.clone())
            .with("wait", wait(*retry_in)),
        Event::Untrusted { node: other } => Message::new("net-log-untrusted")
            .with("node", other.to_string())
            .with(
                "ticket",
                casebook::Ticket {
                    node: *other,
                    addrs: Vec::new(),
                }
                .to_string(),
            ),
        Event::Replaced { peer } => Message::new("net-log-replaced")
            .with("peer", name_of(&names, peer))
            .with("limit", casebook::limits::MAX_CONNECTIONS_PER_PEER),
    };
    if json {
        let mut entry = serde_json::json!({
            "at": chrono::Utc::now(),
            "level": level,
            "event": message.english(),
        });
        if let Event::FileRefused { peer, refused } = e {
            entry["peer"] = serde_json::json!(peer.to_string());
            entry["file_id"] = serde_json::json!(refused.file_id);
            entry["reason"] = serde_json::json!(refused.reason);
            entry["refused_by"] = serde_json::json!(refused.refused_by);
        }
        let _ = output::json(&entry);
    } else {
        let time = chrono::Local::now().format("%H:%M:%S").to_string();
        let text = say(&message);
        let _ = match level {
            "warn" => line(ta(
                "net-log-warning",
                &[("time", time.into()), ("text", text.into())],
            )),
            _ => line(format!("{time} {text}")),
        };
    }
}

pub(crate) fn serve(ctx: &Ctx, args: &ServeArgs) -> anyhow::Result<()> {
    let node = Arc::new(ctx.open()?);
    let rt = runtime()?;
    let json = ctx.json;
    rt.block_on(async {
        let log_node = node.clone();
        let server = Server::bind(
            node.clone(),
            args.listen,
            Arc::new(move |e| log_event(json, &log_node, &e)),
        )?;
        let stop = async {
            match args.for_secs {
                Some(s) => tokio::time::sleep(Duration::from_secs(s)).await,
                None => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        };
        server.run(stop).await;
        anyhow::Ok(())
    })
}

pub(crate) fn sync(ctx: &Ctx, args: &SyncArgs) -> anyhow::Result<()> {
    let node = Arc::new(ctx.open()?);
    let peer = node.find_peer(&args.peer)?;
    let bar = if crate::terminal::animate() && !ctx.json {
        let b = ProgressBar::new_spinner();
        b.set_style(
            ProgressStyle::with_template("{spinner} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        b.enable_steady_tick(Duration::from_millis(120));
        b.set_message(ta(
            "net-syncing-with",
            &[("peer", peer.name.as_str().into())],
        ));
        Some(b)
    } else {
        None
    };
    let progress_bar = bar.clone();
    let progress: Option<casebook_sync::driver::ProgressFn> = progress_bar.map(|b| {
        Box::new(move |p: &casebook_sync::Progress| {
            b.set_message(ta(
                "net-sync-progress",
                &[
                    ("in_play", p.in_play.into()),
                    ("sent", p.stats.files_sent.into()),
                    ("received", p.stats.files_received.into()),
                    ("out", bytes(p.bytes_sent).into()),
                    ("in", bytes(p.bytes_received).into()),
                ],
            ));
        }) as casebook_sync::driver::ProgressFn
    });
    let rt = runtime()?;
    let result = rt.block_on(async {
        tokio::time::timeout(
            Duration::from_secs(args.timeout),
            casebook_sync::sync_once(node.clone(), &peer, progress),
        )
        .await
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let report: Report = result
        .map_err(|_| casebook_sync::Error::Timeout {
            peer: peer.node,
            secs: args.timeout,
        })
        .with_context(|| {
            ta(
                "net-sync-did-not-finish",
                &[("peer", peer.name.as_str().into())],
            )
        })?
        .with_context(|| ta("net-sync-failed", &[("peer", peer.name.as_str().into())]))?;
    if ctx.json {
        output::json(&report)?;
    } else {
        line(ta(
            "net-synced",
            &[
                ("peer", peer.name.as_str().into()),
                (
                    "secs",
                    format!("{:.1}", report.millis as f64 / 1000.0).into(),
                ),
                ("sent", report.stats.files_sent.into()),
                ("received", report.stats.files_received.into()),
                ("changes", report.stats.changes_received.into()),
                ("out", bytes(report.bytes_sent).into()),
                ("in", bytes(report.bytes_received).into()),
            ],
        ))?;
        if let Some(conflicts) = conflicts_text(
            &node,
            "net-conflicts-arrived-line",
            &report.stats.conflicts_arrived,
        ) {
            line(say(&conflicts))?;
        }
    }
    // A refusal of an earlier session stands until the file settles: a session only offers
    // the file again once it changes, so it is told here, or this sync would look clean.
    let standing = standing_refusals(&node, peer.node, &report.stats.refused)?;
    if !ctx.json {
        for r in &report.stats.refused {
            line(ta(
                "net-refused-line",
                &[("refusal", refusal_text(&node, &peer.name, r).into())],
            ))?;
        }
        for r in &standing {
            line(ta(
                "net-still-refused-line",
                &[("refusal", refusal_text(&node, &peer.name, r).into())],
            ))?;
        }
    }
    // Everything else synced, but a refused file will not converge until someone acts: a
    // failure for scripts and people alike, saying which file, why, and where to look.
    refusals_error(&node, &peer.name, &report.stats.refused, &standing)
}

/// The refusals recorded with `peer` (see `casebook status`) that this session did not
/// report.
fn standing_refusals(
    node: &Node,
    peer: NodeId,
    reported: &[RefusedFile],
) -> anyhow::Result<Vec<RefusedFile>> {
    Ok(casebook_sync::status::refusals(node, &peer)?
        .into_iter()
        .filter(|(file, _)| !reported.iter().any(|r| r.file_id == *file))
        .map(|(file, r)| RefusedFile {
            file_id: file,
            reason: r.reason,
            refused_by: r.refused_by,
        })
        .collect())
}

/// `Ok` when no file is refused; otherwise an error naming each refused file, why, and what
/// to do.
fn refusals_error(
    node: &Node,
    peer: &str,
    refused: &[RefusedFile],
    standing: &[RefusedFile],
) -> anyhow::Result<()> {
    if refused.is_empty() && standing.is_empty() {
        return Ok(());
    }
    let each = |list: &[RefusedFile]| -> String {
        list.iter()
            .map(|r| {
                ta(
                    "net-refusal-with-advice",
                    &[
                        ("refusal", refusal_text(node, peer, r).into()),
                        ("advice", refusal_advice(node, peer, r).into()),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join("\n  ")
    };
    let mut parts = Vec::new();
    if !refused.is_empty() {
        parts.push(format!(
            "{}\n  {}",
            ta("net-refused-now", &[("count", refused.len().into())]),
            each(refused)
        ));
    }
    if !standing.is_empty() {
        parts.push(format!(
            "{}\n  {}",
            ta("net-refused-standing", &[("count", standing.len().into())]),
            each(standing)
        ));
    }
    anyhow::bail!(
        "{}",
        ta(
            "net-sync-refusals",
            &[("peer", peer.into()), ("parts", parts.join("\n").into())],
        )
    )
}

/// A wait for people: whole seconds, or minutes and seconds.
fn wait(d: Duration) -> Message {
    let secs = d.as_secs_f64().round() as u64;
    match secs {
        s if s >= 60 => Message::new("net-wait-minutes")
            .with("min", s / 60)
            .with("sec", s % 60),
        s => Message::new("net-wait-seconds").with("sec", s),
    }
}

/// A size in bytes, KiB or MiB (the units read the same in both languages).
fn bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / f64::from(1u32 << 20)),
        n if n >= 1 << 10 => format!("{:.1} KiB", n as f64 / 1024.0),
        n => format!("{n} B"),
    }
}

pub(crate) fn status(ctx: &Ctx) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let peers = casebook_sync::status::status(&node)?;
    if ctx.json {
        return output::json(&peers);
    }
    if peers.is_empty() {
        return line(t("net-status-no-peers"));
    }
    for p in &peers {
        line(ta(
            "net-status-peer",
            &[
                ("peer", p.peer.name.as_str().into()),
                (
                    "adviser",
                    if p.peer.adviser.is_empty() {
                        "-"
                    } else {
                        &p.peer.adviser
                    }
                    .into(),
                ),
                ("node", p.peer.node.short().into()),
                ("when", when(p.last_contact).into()),
            ],
        ))?;
        if p.files.is_empty() {
            line(format!("  {}", t("net-status-nothing-shared")))?;
            continue;
        }
        let mut tb = headed(&[
            "net-column-client",
            "net-column-state",
            "net-column-last-synced",
        ]);
        for f in &p.files {
            let state = match &f.refused {
                Some(r) => ta(
                    match r.refused_by {
                        RefusedBy::ThisNode => "net-state-refused-by-this-node",
                        RefusedBy::Peer => "net-state-refused-by-peer",
                    },
                    &[("reason", r.reason.as_str().into())],
                ),
                None => t(state_key(f.state)),
            };
            tb.add_row(vec![f.name.clone(), state, when(f.synced_at)]);
        }
        line(tb)?;
    }
    Ok(())
}

/// The catalogue key of a file's state with a peer.
fn state_key(state: FileState) -> &'static str {
    match state {
        FileState::InSync => "net-state-in-sync",
        FileState::Ahead => "net-state-ahead",
        FileState::Behind => "net-state-behind",
        FileState::Diverged => "net-state-diverged",
        FileState::NeverSynced => "net-state-never-synced",
        FileState::Refused => "net-state-refused",
    }
}

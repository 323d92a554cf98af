//! `casebook serve`, `casebook sync` and `casebook status`.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use casebook::{FileId, Node, NodeId};
use casebook_sync::{Event, RefusedBy, RefusedFile, Report, Server};
use indicatif::{ProgressBar, ProgressStyle};

use super::Ctx;
use crate::args::{ServeArgs, SyncArgs};
use crate::output::{self, line, table, when};

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("could not start the async runtime")
}

/// Peer names by node id, for messages people read.
fn names(node: &Node) -> BTreeMap<NodeId, String> {
    node.peers()
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p.node, p.name))
        .collect()
}

fn name_of(names: &BTreeMap<NodeId, String>, node: &NodeId) -> String {
    names
        .get(node)
        .cloned()
        .unwrap_or_else(|| format!("node {}", node.short()))
}

/// A file as people know it: the client's name and the id's first digits, or the whole id of a
/// file this node does not hold.
fn file_name(node: &Node, file: FileId) -> String {
    match node.store().summary(file) {
        Ok(Some(s)) => format!("{} (file {})", s.name, file.short()),
        _ => format!("account file {file}"),
    }
}

/// What a refusal says to people: who refused whose changes to which file, and why.
fn refusal_text(node: &Node, peer: &str, r: &RefusedFile) -> String {
    let file = file_name(node, r.file_id);
    match r.refused_by {
        RefusedBy::ThisNode => {
            format!("this node refused {peer}'s changes to {file}: {}", r.reason)
        }
        RefusedBy::Peer => format!("{peer} refused this node's changes to {file}: {}", r.reason),
    }
}

/// Where a session brought new conflicts, and the command that lists them; empty if none.
fn conflicts_text(node: &Node, arrived: &[casebook_sync::ConflictsArrived]) -> String {
    if arrived.is_empty() {
        return String::new();
    }
    let files: Vec<String> = arrived
        .iter()
        .map(|c| {
            let client = match node.store().summary(c.file_id) {
                Ok(Some(s)) => s.name,
                _ => c.file_id.to_string(),
            };
            format!(
                "{client} ({} field(s) hold concurrent values: `casebook conflicts \"{client}\"`)",
                c.conflicts
            )
        })
        .collect();
    format!(
        "conflicts arrived in {} file(s): {}",
        arrived.len(),
        files.join("; ")
    )
}

/// What to do about a refusal.
fn refusal_advice(node: &Node, peer: &str, r: &RefusedFile) -> String {
    let client = match node.store().summary(r.file_id) {
        Ok(Some(s)) => format!("\"{}\"", s.name),
        _ => r.file_id.to_string(),
    };
    match r.refused_by {
        RefusedBy::Peer => format!(
            "`casebook history {client}` shows the changes on this node (one marked unsigned \
             is not taken by other nodes); everything else synced"
        ),
        RefusedBy::ThisNode => format!(
            "`casebook history {client}` on {peer}'s node shows the changes this node would not \
             take; everything else synced"
        ),
    }
}

/// One line of the serve log for people, or one JSON object per line for scripts.
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
    let text = match e {
        Event::Listening(addr) => format!("listening on {addr} as node {}", node.node_id()),
        Event::Connected { peer, dialled } => format!(
            "connected to {} ({})",
            name_of(&names, peer),
            if *dialled { "dialled" } else { "incoming" }
        ),
        Event::Received {
            peer,
            files,
            changes,
        } => format!(
            "received {changes} change(s) to {files} file(s) from {}",
            name_of(&names, peer)
        ),
        Event::FileRefused { peer, refused } => refusal_text(node, &name_of(&names, peer), refused),
        Event::Ended { peer, outcome } => match outcome {
            Ok(r) => {
                let mut text = format!(
                    "session with {} ended: sent {} file(s), received {} file(s)",
                    name_of(&names, peer),
                    r.stats.files_sent,
                    r.stats.files_received
                );
                if !r.stats.refused.is_empty() {
                    text.push_str(&format!(", {} file(s) refused", r.stats.refused.len()));
                }
                let conflicts = conflicts_text(node, &r.stats.conflicts_arrived);
                if !conflicts.is_empty() {
                    text.push_str("; ");
                    text.push_str(&conflicts);
                }
                text
            }
            Err(reason) => format!("session with {} ended: {reason}", name_of(&names, peer)),
        },
        Event::Refused(reason) => format!("refused a connection: {reason}"),
        Event::Redial {
            peer,
            reason,
            retry_in,
        } => format!(
            "could not sync with {}: {reason}; retrying in {}",
            name_of(&names, peer),
            wait(*retry_in)
        ),
        Event::Untrusted { node: other } => format!(
            "refused node {other}: it is not in this node's peer list (it dialled with this node's ticket, but this node never added its ticket, or removed it). If it is a colleague's node, run here `casebook peer add {} --name NAME` (or its full ticket, which `casebook invite` prints on that node, so this node can dial it too)",
            casebook::Ticket {
                node: *other,
                addrs: Vec::new()
            }
        ),
        Event::Replaced { peer } => format!(
            "{} opened more than {} connections; closed its oldest",
            name_of(&names, peer),
            casebook::limits::MAX_CONNECTIONS_PER_PEER
        ),
    };
    if json {
        let mut entry = serde_json::json!({
            "at": chrono::Utc::now(),
            "level": level,
            "event": text,
        });
        if let Event::FileRefused { peer, refused } = e {
            entry["peer"] = serde_json::json!(peer.to_string());
            entry["file_id"] = serde_json::json!(refused.file_id);
            entry["reason"] = serde_json::json!(refused.reason);
            entry["refused_by"] = serde_json::json!(refused.refused_by);
        }
        let _ = output::json(&entry);
    } else {
        let time = chrono::Local::now().format("%H:%M:%S");
        let _ = match level {
            "warn" => line(format!("{time} warning: {text}")),
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
        b.set_message(format!("syncing with {}", peer.name));
        Some(b)
    } else {
        None
    };
    let progress_bar = bar.clone();
    let progress: Option<casebook_sync::driver::ProgressFn> = progress_bar.map(|b| {
        Box::new(move |p: &casebook_sync::Progress| {
            b.set_message(format!(
                "{} file(s) in progress, {} sent, {} received, {} out / {} in",
                p.in_play,
                p.stats.files_sent,
                p.stats.files_received,
                bytes(p.bytes_sent),
                bytes(p.bytes_received)
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
        .with_context(|| format!("sync with {} did not finish", peer.name))?
        .with_context(|| format!("sync with {} failed", peer.name))?;
    if ctx.json {
        output::json(&report)?;
    } else {
        line(format!(
            "Synced with {} in {:.1} s: sent {} file(s), received {} file(s) ({} change(s)); {} out, {} in",
            peer.name,
            report.millis as f64 / 1000.0,
            report.stats.files_sent,
            report.stats.files_received,
            report.stats.changes_received,
            bytes(report.bytes_sent),
            bytes(report.bytes_received),
        ))?;
        let conflicts = conflicts_text(&node, &report.stats.conflicts_arrived);
        if !conflicts.is_empty() {
            let mut text = conflicts;
            if let Some(first) = text.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            line(text)?;
        }
    }
    // A refusal of an earlier session stands until the file settles: a session only offers
    // the file again once it changes, so it is told here, or this sync would look clean.
    let standing = standing_refusals(&node, peer.node, &report.stats.refused)?;
    if !ctx.json {
        for r in &report.stats.refused {
            line(format!("Refused: {}", refusal_text(&node, &peer.name, r)))?;
        }
        for r in &standing {
            line(format!(
                "Still refused (since an earlier sync): {}",
                refusal_text(&node, &peer.name, r)
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
    let each = |list: &[RefusedFile]| -> Vec<String> {
        list.iter()
            .map(|r| {
                format!(
                    "{}. {}",
                    refusal_text(node, peer, r),
                    refusal_advice(node, peer, r)
                )
            })
            .collect()
    };
    let mut parts = Vec::new();
    if !refused.is_empty() {
        parts.push(format!(
            "the changes to {} account file(s) were refused:\n  {}",
            refused.len(),
            each(refused).join("\n  ")
        ));
    }
    if !standing.is_empty() {
        parts.push(format!(
            "{} account file(s) are still refused since an earlier sync (offered again once they change):\n  {}",
            standing.len(),
            each(standing).join("\n  ")
        ));
    }
    anyhow::bail!("sync with {peer} finished, but {}", parts.join("\n"))
}

/// A wait for people: whole seconds, or minutes and seconds.
fn wait(d: Duration) -> String {
    let secs = d.as_secs_f64().round() as u64;
    match secs {
        s if s >= 60 => format!("{} min {} s", s / 60, s % 60),
        s => format!("{s} s"),
    }
}

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
        return line("No peers yet: trust one with `casebook peer add TICKET --name NAME`.");
    }
    for p in &peers {
        line(format!(
            "{} ({}), node {}: last contact {}",
            p.peer.name,
            if p.peer.adviser.is_empty() {
                "-"
            } else {
                &p.peer.adviser
            },
            p.peer.node.short(),
            when(p.last_contact)
        ))?;
        if p.files.is_empty() {
            line("  no account file is shared with this peer")?;
            continue;
        }
        let mut t = table(&["client", "state", "last synced"]);
        for f in &p.files {
            let state = match &f.refused {
                Some(r) => format!(
                    "refused: {} ({})",
                    r.reason,
                    match r.refused_by {
                        RefusedBy::ThisNode => "by this node",
                        RefusedBy::Peer => "by the peer",
                    }
                ),
                None => f.state.to_string(),
            };
            t.add_row(vec![f.name.clone(), state, when(f.synced_at)]);
        }
        line(t)?;
    }
    Ok(())
}

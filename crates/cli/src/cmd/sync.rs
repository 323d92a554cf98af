//! `casebook serve`, `casebook sync` and `casebook status`.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use casebook::{Node, NodeId};
use casebook_sync::{Event, Report, Server};
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

/// One line of the serve log for people, or one JSON object per line for scripts.
fn log_event(json: bool, node: &Node, e: &Event) {
    let names = names(node);
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
        Event::Ended { peer, outcome } => match outcome {
            Ok(r) => format!(
                "session with {} ended: sent {} file(s), received {} file(s)",
                name_of(&names, peer),
                r.stats.files_sent,
                r.stats.files_received
            ),
            Err(reason) => format!("session with {} ended: {reason}", name_of(&names, peer)),
        },
        Event::Refused(reason) => format!("refused a connection: {reason}"),
        Event::Replaced { peer } => format!(
            "{} opened more than {} connections; closed its oldest",
            name_of(&names, peer),
            casebook::limits::MAX_CONNECTIONS_PER_PEER
        ),
    };
    if json {
        let _ = output::json(&serde_json::json!({
            "at": chrono::Utc::now(),
            "event": text,
        }));
    } else {
        let _ = line(format!(
            "{} {text}",
            chrono::Local::now().format("%H:%M:%S")
        ));
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
    let bar = if std::io::stderr().is_terminal() && !ctx.json {
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
        return output::json(&report);
    }
    line(format!(
        "Synced with {} in {:.1} s: sent {} file(s), received {} file(s) ({} change(s)); {} out, {} in",
        peer.name,
        report.millis as f64 / 1000.0,
        report.stats.files_sent,
        report.stats.files_received,
        report.stats.changes_received,
        bytes(report.bytes_sent),
        bytes(report.bytes_received),
    ))
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
            t.add_row(vec![f.name.clone(), f.state.to_string(), when(f.synced_at)]);
        }
        line(t)?;
    }
    Ok(())
}

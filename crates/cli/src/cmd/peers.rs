//! `casebook invite` and `casebook peer ...`.

use std::net::SocketAddr;

use casebook::Ticket;

use super::{Ctx, find};
use crate::args::PeerCmd;
use crate::output::{self, line, table};

pub(crate) fn invite(ctx: &Ctx, addrs: &[SocketAddr]) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let ticket = node.invite(addrs)?;
    if ctx.json {
        output::json(
            &serde_json::json!({"ticket": ticket.to_string(), "node_id": ticket.node, "addrs": ticket.addrs}),
        )
    } else {
        line(&ticket)?;
        if ticket.addrs.is_empty() {
            // Said on stderr so `casebook invite` still prints only the ticket on stdout.
            eprintln!(
                "note: this ticket has no address, so the other node cannot dial this one; this node dials it (`casebook serve` or `casebook sync`). Give --addr IP:PORT where this node listens to let it dial too."
            );
        }
        Ok(())
    }
}

pub(crate) fn run(ctx: &Ctx, cmd: PeerCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    match cmd {
        PeerCmd::Add {
            ticket,
            name,
            adviser,
        } => {
            let ticket: Ticket = ticket.parse()?;
            let peer = node.add_peer(&ticket, &name, &adviser)?;
            if ctx.json {
                output::json(&peer)
            } else {
                line(format!(
                    "Trusted {} (node {}) at {}",
                    peer.name,
                    peer.node.short(),
                    addrs(&peer.addrs)
                ))
            }
        }
        PeerCmd::List => {
            let peers = node.peers()?;
            if ctx.json {
                return output::json(&peers);
            }
            let mut t = table(&["name", "adviser", "node", "addresses", "added"]);
            for p in &peers {
                t.add_row(vec![
                    p.name.clone(),
                    p.adviser.clone(),
                    p.node.short(),
                    addrs(&p.addrs),
                    p.added_at.format("%Y-%m-%d").to_string(),
                ]);
            }
            line(t)?;
            line(format!("{} peer(s)", peers.len()))
        }
        PeerCmd::Remove { peer } => {
            let removed = node.remove_peer(&peer)?;
            if ctx.json {
                output::json(&removed)
            } else {
                line(format!(
                    "No longer trusting {} (node {})",
                    removed.name,
                    removed.node.short()
                ))
            }
        }
    }
}

fn addrs(a: &[SocketAddr]) -> String {
    if a.is_empty() {
        return "no address (it dials this node)".into();
    }
    a.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn share(ctx: &Ctx, file: &str, peer: &str, write: bool) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let file = find(&node, file)?;
    let role = if write { "write" } else { "read" };
    let messages = node.share(file, peer, role)?;
    report(ctx, file, &messages)
}

pub(crate) fn unshare(ctx: &Ctx, file: &str, peer: &str) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let file = find(&node, file)?;
    let messages = node.unshare(file, peer)?;
    report(ctx, file, &messages)
}

fn report(ctx: &Ctx, file: casebook::FileId, messages: &[String]) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(&serde_json::json!({"file_id": file, "messages": messages}));
    }
    for m in messages {
        line(m)?;
    }
    Ok(())
}

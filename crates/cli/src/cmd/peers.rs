//! `casebook invite` and `casebook peer ...`.

use std::net::SocketAddr;

use casebook::{Grants, Ticket};

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
                return output::json(&peer);
            }
            line(format!(
                "Trusted {} (node {}) at {}",
                peer.name,
                peer.node.short(),
                addrs(&peer.addrs)
            ))?;
            // Grants live in the files, not the peer list: say which ones trusting it opens.
            let grants = node.grants_of(&peer)?;
            if !grants.is_empty() {
                let files: Vec<String> = grants
                    .iter()
                    .map(|g| format!("{} ({})", g.name, g.role))
                    .collect();
                line(format!(
                    "Files already shared with it: {} (`casebook unshare FILE \"{}\"` to stop)",
                    files.join(", "),
                    peer.name
                ))?;
            }
            Ok(())
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
        PeerCmd::Remove {
            peer,
            unshare,
            keep_shares,
        } => {
            let grants = match (unshare, keep_shares) {
                (true, _) => Grants::Revoke,
                (_, true) => Grants::Keep,
                _ => Grants::Refuse,
            };
            let removed = node.remove_peer_with(&peer, grants)?;
            if ctx.json {
                return output::json(&removed);
            }
            line(format!(
                "No longer trusting {} (node {})",
                removed.peer.name,
                removed.peer.node.short()
            ))?;
            for g in &removed.unshared {
                line(format!("Stopped sharing {} ({}) with it", g.name, g.role))?;
            }
            for g in &removed.still_granted {
                let why = g.not_revocable.as_ref().map_or_else(
                    || {
                        "kept (--keep-shares): adding the peer again restores this access"
                            .to_string()
                    },
                    crate::i18n::say,
                );
                line(format!(
                    "Still shared with it: {} ({}): {why}",
                    g.name, g.role
                ))?;
            }
            Ok(())
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

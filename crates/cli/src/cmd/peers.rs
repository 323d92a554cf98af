//! `casebook invite` and `casebook peer ...`.

use std::net::SocketAddr;

use casebook::{Grants, Ticket};

use super::{Ctx, find};
use crate::args::PeerCmd;
use crate::i18n::{t, ta};
use crate::output::{self, headed, line};

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
            eprintln!("{}", t("net-invite-no-address"));
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
            line(if peer.addrs.is_empty() {
                ta(
                    "net-peer-trusted-no-address",
                    &[
                        ("peer", peer.name.as_str().into()),
                        ("node", peer.node.short().into()),
                    ],
                )
            } else {
                ta(
                    "net-peer-trusted",
                    &[
                        ("peer", peer.name.as_str().into()),
                        ("node", peer.node.short().into()),
                        ("addrs", addrs(&peer.addrs).into()),
                    ],
                )
            })?;
            // Grants live in the files, not the peer list: say which ones trusting it opens.
            let grants = node.grants_of(&peer)?;
            if !grants.is_empty() {
                let files: Vec<String> = grants.iter().map(|g| grant(&g.name, &g.role)).collect();
                line(ta(
                    "net-peer-already-shared",
                    &[
                        ("files", files.join(", ").into()),
                        ("peer", peer.name.as_str().into()),
                    ],
                ))?;
            }
            Ok(())
        }
        PeerCmd::List => {
            let peers = node.peers()?;
            if ctx.json {
                return output::json(&peers);
            }
            let mut tb = headed(&[
                "net-column-name",
                "net-column-adviser",
                "net-column-node",
                "net-column-addresses",
                "net-column-added",
            ]);
            for p in &peers {
                tb.add_row(vec![
                    p.name.clone(),
                    p.adviser.clone(),
                    p.node.short(),
                    addrs(&p.addrs),
                    p.added_at.format("%Y-%m-%d").to_string(),
                ]);
            }
            line(tb)?;
            line(ta("net-peer-count", &[("count", peers.len().into())]))
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
            line(ta(
                "net-peer-removed",
                &[
                    ("peer", removed.peer.name.as_str().into()),
                    ("node", removed.peer.node.short().into()),
                ],
            ))?;
            for g in &removed.unshared {
                line(ta(
                    "net-peer-stopped-sharing",
                    &[("grant", grant(&g.name, &g.role).into())],
                ))?;
            }
            for g in &removed.still_granted {
                // Why this node could not revoke it, said again from the file's summary in
                // the run's language (the engine's reason is English, for JSON).
                let why = match g.not_revocable {
                    None => "net-kept-shares",
                    Some(_) => match node.store().summary(g.file_id) {
                        Ok(Some(s)) if s.owner == removed.peer.node.to_string() => {
                            "net-not-revocable-own-file"
                        }
                        _ => "net-not-revocable-read-only",
                    },
                };
                line(ta(
                    "net-peer-still-shared",
                    &[
                        ("grant", grant(&g.name, &g.role).into()),
                        ("why", t(why).into()),
                    ],
                ))?;
            }
            Ok(())
        }
    }
}

/// "Acme (write)": a file shared with a peer, and its role in the run's language.
fn grant(name: &str, role: &str) -> String {
    ta(
        "net-grant",
        &[("name", name.into()), ("role", role_word(role).into())],
    )
}

/// `read` or `write` in the run's language (any other role as it is).
fn role_word(role: &str) -> String {
    match role {
        "read" => t("net-role-read"),
        "write" => t("net-role-write"),
        other => other.to_string(),
    }
}

fn addrs(a: &[SocketAddr]) -> String {
    if a.is_empty() {
        return t("net-no-address");
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
    report(ctx, &node, file, peer, Some(role), &messages)
}

pub(crate) fn unshare(ctx: &Ctx, file: &str, peer: &str) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let file = find(&node, file)?;
    let messages = node.unshare(file, peer)?;
    report(ctx, &node, file, peer, None, &messages)
}

/// What `share` (with the role given) or `unshare` did: one line per node it applied to, in
/// the run's language. JSON keeps the engine's messages (the history's words).
fn report(
    ctx: &Ctx,
    node: &casebook::Node,
    file: casebook::FileId,
    who: &str,
    role: Option<&str>,
    messages: &[String],
) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(&serde_json::json!({"file_id": file, "messages": messages}));
    }
    let client = node
        .store()
        .summary(file)
        .ok()
        .flatten()
        .map(|s| s.name)
        .unwrap_or_else(|| file.to_string());
    // The nodes the command meant, as the engine resolved them; the engine's own lines if
    // they cannot be told again.
    let peers = node.resolve_sharee(who).unwrap_or_default();
    if peers.len() != messages.len() {
        for m in messages {
            line(m)?;
        }
        return Ok(());
    }
    for p in &peers {
        line(match role {
            Some(role) => ta(
                "net-shared",
                &[
                    ("client", client.as_str().into()),
                    ("peer", p.name.as_str().into()),
                    ("role", role_word(role).into()),
                ],
            ),
            None => ta(
                "net-unshared",
                &[
                    ("client", client.as_str().into()),
                    ("peer", p.name.as_str().into()),
                ],
            ),
        })?;
    }
    Ok(())
}

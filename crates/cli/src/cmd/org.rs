//! `casebook org ...`.

use casebook::FileId;
use casebook::org::Organisation;

use super::Ctx;
use crate::args::OrgCmd;
use crate::i18n::{say, t, ta};
use crate::output::{self, headed, line};
use casebook_i18n::Message;

/// A node of the organisation by its adviser's name, or its short id.
pub(crate) fn label(org: &Organisation, node: &casebook::NodeId) -> String {
    org.advisers
        .get(&node.to_string())
        .cloned()
        .unwrap_or_else(|| ta("org-node", &[("node", node.short().into())]))
}

pub(crate) fn run(ctx: &Ctx, cmd: OrgCmd) -> anyhow::Result<()> {
    let node = ctx.open()?;
    match cmd {
        OrgCmd::Show => show(ctx, &node.organisation()?),
        OrgCmd::Create { name } => {
            node.create_organisation(&name)?;
            let org = node.organisation()?;
            done(
                ctx,
                &org,
                Message::new("org-created").with("organisation", org.name.as_str()),
            )
        }
        OrgCmd::Add { peer, admin } => {
            let role = if admin {
                casebook::schema::WRITE
            } else {
                casebook::schema::READ
            };
            let peers = node.resolve_sharee(&peer)?;
            let nodes: Vec<_> = peers.iter().map(|p| (p.node, p.name.clone())).collect();
            node.set_organisation_roles(&nodes, Some(role))?;
            let names: Vec<String> = peers.into_iter().map(|p| p.name).collect();
            let org = node.organisation()?;
            let key = if admin {
                "org-added-administrators"
            } else {
                "org-added-members"
            };
            done(
                ctx,
                &org,
                Message::new(key)
                    .with("count", names.len())
                    .with("names", names.join(", "))
                    .with("organisation", org.name.as_str())
                    .with("id", org.id.to_string()),
            )
        }
        OrgCmd::Remove { peer } => {
            let peers = node.resolve_sharee(&peer)?;
            let nodes: Vec<_> = peers.iter().map(|p| (p.node, p.name.clone())).collect();
            node.set_organisation_roles(&nodes, None)?;
            let names: Vec<String> = peers.into_iter().map(|p| p.name).collect();
            let org = node.organisation()?;
            done(
                ctx,
                &org,
                Message::new("org-removed")
                    .with("count", names.len())
                    .with("names", names.join(", "))
                    .with("organisation", org.name.as_str()),
            )
        }
        OrgCmd::Join { org } => {
            let id: FileId = org.parse()?;
            if !id.is_organisation() {
                anyhow::bail!(ta("org-error-not-organisation", &[("id", org.into())]));
            }
            let (joined, moved) = node.join_organisation(id)?;
            let message = Message::new("org-joined")
                .with("organisation", joined.name.as_str())
                .with("moved", moved);
            if ctx.json {
                return output::json(&serde_json::json!({
                    "message": message.english(), "organisation": joined, "moved": moved,
                }));
            }
            line(say(&message))
        }
    }
}

/// Say what changed: in English in JSON (which never changes with the language).
fn done(ctx: &Ctx, org: &Organisation, message: Message) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(
            &serde_json::json!({"message": message.english(), "organisation": org}),
        );
    }
    line(say(&message))
}

fn show(ctx: &Ctx, org: &Organisation) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(org);
    }
    line(ta(
        "org-show-title",
        &[
            ("organisation", org.name.as_str().into()),
            ("id", org.id.to_string().into()),
            ("version", org.version.as_str().into()),
        ],
    ))?;
    let mut table = headed(&["org-column-node", "org-column-adviser", "org-column-role"]);
    for (nodes, role) in [
        (&org.administrators, "org-role-administrator"),
        (&org.members, "org-role-member"),
    ] {
        for n in nodes {
            table.add_row(vec![n.short(), label(org, n), t(role)]);
        }
    }
    line(table)?;
    line(t("org-show-config"))
}

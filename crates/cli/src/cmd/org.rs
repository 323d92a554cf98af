//! `casebook org ...`.

use casebook::FileId;
use casebook::org::Organisation;

use super::Ctx;
use crate::args::OrgCmd;
use crate::output::{self, line, table};

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
                &format!("Created {}; this node is its administrator", org.name),
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
            let what = if admin { "administrator" } else { "member" };
            done(
                ctx,
                &org,
                &format!(
                    "{} now {what}(s) of {}; they take its settings when they sync with this node, then run `casebook org join {}`",
                    names.join(", "),
                    org.name,
                    org.id
                ),
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
                &format!("{} no longer part of {}", names.join(", "), org.name),
            )
        }
        OrgCmd::Join { org } => {
            let id: FileId = org.parse()?;
            if !id.is_organisation() {
                anyhow::bail!(
                    "'{org}' is not an organisation's id; `casebook org show` on an administrator's node prints it"
                );
            }
            let (joined, moved) = node.join_organisation(id)?;
            let message = format!(
                "This node now judges its account files by the settings of {}; {moved} file(s) it owns moved with it",
                joined.name
            );
            if ctx.json {
                return output::json(
                    &serde_json::json!({"message": message, "organisation": joined, "moved": moved}),
                );
            }
            line(message)
        }
    }
}

fn done(ctx: &Ctx, org: &Organisation, message: &str) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(&serde_json::json!({"message": message, "organisation": org}));
    }
    line(message)
}

fn show(ctx: &Ctx, org: &Organisation) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(org);
    }
    line(format!(
        "{} ({}), settings version {}",
        org.name, org.id, org.version
    ))?;
    let mut t = table(&["node", "adviser", "role"]);
    for (nodes, role) in [
        (&org.administrators, "administrator"),
        (&org.members, "member"),
    ] {
        for n in nodes {
            t.add_row(vec![n.short(), org.label(n), role.to_string()]);
        }
    }
    line(t)?;
    line("`casebook config show` prints its settings.")
}

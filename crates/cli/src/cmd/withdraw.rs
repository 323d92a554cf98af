//! `casebook withdraw`: take an entry made by mistake out of every list and rule.

use casebook::edit;

use super::client::report;
use super::{Ctx, find};

pub(crate) fn run(ctx: &Ctx, file: &str, id: &str, reason: &str) -> anyhow::Result<()> {
    let node = ctx.open()?;
    let file = find(&node, file)?;
    let account = node.read(file)?;
    let entry = edit::resolve_entry(&account, id)?;
    let e = node.apply(file, |d, c, _| edit::withdraw(d, c, entry, reason))?;
    report(ctx, &node, file, &e.message, Some(entry))
}

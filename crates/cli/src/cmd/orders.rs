//! `casebook opp orders [FILE]`: orders won and lost per client (OP-4).

use casebook::rules::orders::{OrderRecord, order_record};
use casebook::{FileId, Node};

use super::{Ctx, find};
use crate::i18n::{t, ta};
use crate::output::{self, line};

/// One client's row.
#[derive(serde::Serialize)]
struct Row {
    file_id: String,
    client: String,
    #[serde(flatten)]
    record: OrderRecord,
    /// The titles of the lost orders not reviewed yet, oldest first.
    lost_not_reviewed_titles: Vec<String>,
    ahead_of_last_year: bool,
}

pub(crate) fn orders(ctx: &Ctx, node: &Node, file: Option<&str>) -> anyhow::Result<()> {
    let ids: Vec<FileId> = match file {
        Some(f) => vec![find(node, f)?],
        None => node.account_file_ids()?,
    };
    let today = casebook::time::local_date(node.now());
    let mut rows = Vec::new();
    for id in ids {
        let account = node.read(id)?;
        let record = order_record(&account, today);
        if file.is_none() && record.won + record.lost == 0 {
            continue;
        }
        rows.push(Row {
            file_id: id.to_string(),
            client: account.profile.name.clone(),
            lost_not_reviewed_titles: record
                .lost_not_reviewed
                .iter()
                .map(|o| account.opportunities[o].title.clone())
                .collect(),
            ahead_of_last_year: record.ahead_of_last_year(),
            record,
        });
    }
    let order = crate::i18n::collation();
    rows.sort_by(|a, b| order.compare(&a.client, &b.client));
    if ctx.json {
        return output::json(&rows);
    }
    if rows.is_empty() {
        return line(t("orders-none"));
    }
    let mut table = output::headed(&[
        "column-client",
        "orders-won",
        "orders-lost",
        "orders-win-rate",
        "orders-not-reviewed",
        "orders-this-year",
        "orders-last-year",
    ]);
    for r in &rows {
        let rate = r
            .record
            .win_rate
            .map_or_else(|| "-".to_string(), |p| format!("{p:.0}%"));
        table.add_row(vec![
            r.client.clone(),
            r.record.won.to_string(),
            r.record.lost.to_string(),
            rate,
            r.lost_not_reviewed_titles.join(", "),
            format!("£{:.0}", r.record.won_this_year),
            format!(
                "£{:.0} {}",
                r.record.won_last_year_to_date,
                if r.ahead_of_last_year {
                    t("orders-ahead")
                } else {
                    t("orders-behind")
                }
            ),
        ]);
    }
    line(table)?;
    let unreviewed: usize = rows.iter().map(|r| r.lost_not_reviewed_titles.len()).sum();
    line(ta(
        "orders-unreviewed-total",
        &[("count", unreviewed.into())],
    ))
}

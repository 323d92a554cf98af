//! Interactions from a spreadsheet.

use std::collections::BTreeMap;
use std::io::Read;

use automerge::ChangeHash;
use casebook_base::FileId;
use casebook_doc::edit;
use casebook_doc::enums::{Direction, InteractionKind, Purpose};
use casebook_doc::model::Interaction;
use casebook_doc::{AccountFile, schema, view};

use super::ImportReport;
use super::sheet::{get, records};
use crate::node::parse_event_time;
use crate::{Error, Node};

/// Import interactions from CSV. Columns: `client` (name or id, required), `at` (date-time,
/// required), `kind` (required), `direction` (required), `purpose` (required), `minutes`,
/// `summary`, `needs`, `their_attendees` and `our_attendees` (separated by `;`).
///
/// A row is a duplicate when the client already has an interaction of the same kind at the same
/// time (or an earlier row does).
///
/// # Errors
/// [`Error::BadRows`] listing every bad row; nothing is imported.
pub fn import_interactions_csv<R: Read>(
    node: &Node,
    input: R,
    skip_duplicates: bool,
) -> Result<ImportReport, Error> {
    let rows = records(input, &["client", "at", "kind", "direction", "purpose"])?;
    let mut problems = Vec::new();
    let mut report = ImportReport::default();
    let mut docs: BTreeMap<FileId, (automerge::Automerge, Vec<ChangeHash>, AccountFile)> =
        BTreeMap::new();
    let ctx = node.edit_context();
    for (row, r) in rows {
        let file = match node.find(get(&r, "client")) {
            Ok(f) => f,
            Err(e) => {
                problems.push(format!("row {row}: {e}"));
                continue;
            }
        };
        let parsed = (|| -> Result<Interaction, String> {
            let at_text = get(&r, "at");
            let at = parse_event_time(at_text).ok_or_else(|| format!("at '{at_text}' is not a date-time; use 2026-05-12T14:30:00Z or 2026-05-12 14:30"))?;
            let kind: InteractionKind = get(&r, "kind")
                .parse()
                .map_err(|e: casebook_doc::Error| e.to_string())?;
            let direction: Direction = get(&r, "direction")
                .parse()
                .map_err(|e: casebook_doc::Error| e.to_string())?;
            let purpose: Purpose = get(&r, "purpose")
                .parse()
                .map_err(|e: casebook_doc::Error| e.to_string())?;
            let minutes = match get(&r, "minutes") {
                "" => 0,
                m => m
                    .parse::<u32>()
                    .map_err(|_| format!("minutes '{m}' is not a whole number"))?,
            };
            let list = |k: &str| {
                get(&r, k)
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            Ok(Interaction {
                kind,
                direction,
                at,
                minutes,
                our_attendees: list("our_attendees"),
                their_attendees: list("their_attendees"),
                purpose,
                summary: get(&r, "summary").into(),
                needs: get(&r, "needs").into(),
                risks: vec![],
                opportunities: vec![],
                by: ctx.adviser.clone(),
            })
        })();
        let interaction = match parsed {
            Ok(i) => i,
            Err(e) => {
                problems.push(format!("row {row}: {e}"));
                continue;
            }
        };
        if let std::collections::btree_map::Entry::Vacant(v) = docs.entry(file) {
            let mut doc = node.load(file)?;
            let before = doc.get_heads();
            schema::migrate(&mut doc)?;
            let account = view::read(&doc)?;
            v.insert((doc, before, account));
        }
        let Some((doc, _, account)) = docs.get_mut(&file) else {
            continue;
        };
        if account
            .interactions
            .values()
            .any(|i| i.at == interaction.at && i.kind == interaction.kind)
        {
            let why = format!(
                "row {row}: {} already has a {} at {}",
                account.profile.name, interaction.kind, interaction.at
            );
            if skip_duplicates {
                report.skipped.push(why);
            } else {
                problems.push(why);
            }
            continue;
        }
        match edit::log_interaction(doc, &ctx, &interaction) {
            Ok(e) => {
                if let Some(id) = e.entry {
                    account.interactions.insert(id, interaction);
                }
                report.imported += 1;
            }
            Err(e) => problems.push(format!("row {row}: {e}")),
        }
    }
    if !problems.is_empty() {
        return Err(Error::BadRows { problems });
    }
    let edits: Vec<(FileId, automerge::Automerge, Vec<ChangeHash>)> = docs
        .into_iter()
        .map(|(id, (doc, before, _))| (id, doc, before))
        .collect();
    report.files = edits.iter().map(|(id, _, _)| id.to_string()).collect();
    node.commit_edits(&edits, "interactions CSV")?;
    Ok(report)
}

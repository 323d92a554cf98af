//! Interactions from a spreadsheet.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;

use casebook_base::FileId;
use casebook_doc::edit;
use casebook_doc::enums::{Direction, InteractionKind, Purpose, Vocabulary};
use casebook_doc::model::Interaction;
use casebook_doc::{schema, view};
use casebook_i18n::{Localised, Message};
use casebook_store::Origin;
use chrono::{DateTime, Utc};

use super::sheet::{self, Columns, Row};
use super::{CsvOptions, ImportReport, dates};
use crate::{Error, Node, authority};

/// The columns of an interactions sheet.
pub(crate) const COLUMNS: Columns = Columns {
    required: &["client", "at", "kind", "direction", "purpose"],
    known: &[
        "client",
        "at",
        "kind",
        "direction",
        "purpose",
        "minutes",
        "summary",
        "needs",
        "their_attendees",
        "our_attendees",
    ],
};

/// Every client of the store by file id and by name, read once from the index: matching a
/// row to its client costs one hash look-up, never a pass over every client.
struct Clients {
    ids: HashSet<FileId>,
    /// Normalised name → (file id, name as written) of every client of that name.
    by_name: HashMap<String, Vec<(FileId, String)>>,
}

impl Clients {
    fn of(node: &Node) -> Result<Self, Error> {
        let mut ids = HashSet::new();
        let mut by_name: HashMap<String, Vec<(FileId, String)>> = HashMap::new();
        for s in node.summaries()? {
            let id: FileId = s.file_id.parse()?;
            ids.insert(id);
            by_name
                .entry(casebook_doc::rules::duplicates::normalise_name(&s.name))
                .or_default()
                .push((id, s.name));
        }
        Ok(Self { ids, by_name })
    }

    /// The client a `client` cell names: its file id, or its full name in any case and
    /// spacing.
    fn find(&self, cell: &str) -> Result<FileId, Message> {
        if let Ok(id) = cell.parse::<FileId>()
            && self.ids.contains(&id)
        {
            return Ok(id);
        }
        match self
            .by_name
            .get(&casebook_doc::rules::duplicates::normalise_name(cell))
            .map(Vec::as_slice)
        {
            Some([(id, _)]) => Ok(*id),
            Some(many @ [_, ..]) => Err(Message::new("err-csv-client-several")
                .with("name", cell)
                .with(
                    "matches",
                    many.iter()
                        .map(|(id, name)| format!("{id} {name}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                )),
            _ if cell.is_empty() => Err(Message::new("err-csv-client-empty")),
            _ => Err(Message::new("err-csv-client-unknown").with("name", cell)),
        }
    }
}

/// One row as an interaction by `by`, or the problem naming its column.
fn interaction(r: &Row, by: &str) -> Result<Interaction, Message> {
    let enumerated = |e: casebook_doc::Error| e.message();
    let at = dates::event_time(r.get("at")).map_err(|e| r.problem("at", e))?;
    let kind: InteractionKind = r
        .get("kind")
        .parse()
        .map_err(|e| r.problem("kind", enumerated(e)))?;
    let direction: Direction = r
        .get("direction")
        .parse()
        .map_err(|e| r.problem("direction", enumerated(e)))?;
    let purpose: Purpose = r
        .get("purpose")
        .parse()
        .map_err(|e| r.problem("purpose", enumerated(e)))?;
    let minutes = match r.get("minutes") {
        "" => 0,
        m => m
            .parse::<u32>()
            .map_err(|_| r.problem("minutes", Message::new("err-csv-minutes").with("text", m)))?,
    };
    Ok(Interaction {
        kind,
        direction,
        at,
        minutes,
        our_attendees: sheet::list(r.get("our_attendees")),
        their_attendees: sheet::list(r.get("their_attendees")),
        people: vec![],
        purpose,
        summary: r.get("summary").into(),
        needs: r.get("needs").into(),
        risks: vec![],
        opportunities: vec![],
        by: by.to_string(),
        language: String::new(),
    })
}

/// Import interactions from CSV. Columns: `client` (its full name or file id, required), `at`
/// (date-time, required: `DD/MM/YYYY HH:MM`, `YYYY-MM-DD HH:MM`, RFC 3339, or a date alone),
/// `kind`, `direction` and `purpose` (required), `minutes`, `summary`, `needs`,
/// `their_attendees` and `our_attendees` (lists: separated by `;`, or by `,` when the cell holds
/// no `;`). Encodings and delimiters as [`super::import_clients_csv`].
///
/// A row is a duplicate when the client already has an interaction of the same kind at the same
/// time (or an earlier row does).
///
/// Each row is matched to its client through an index of the store's clients read once, and
/// the whole sheet is written in one transaction that loads each client's file once, so the
/// time taken grows with the rows and the files they touch, not with their product.
///
/// # Errors
/// [`Error::BadRows`] listing every bad row; nothing is imported.
pub fn import_interactions_csv<R: Read>(
    node: &Node,
    input: R,
    options: &CsvOptions<'_>,
) -> Result<ImportReport, Error> {
    let sheet = sheet::read(input, COLUMNS, options.strict)?;
    let clients = Clients::of(node)?;
    let ctx = node.edit_context();
    // Problems and skipped rows by row number, so that they are reported in the sheet's order.
    let mut problems: Vec<(usize, Message)> = sheet.problems.into_iter().map(|p| (0, p)).collect();
    let mut skipped: Vec<(usize, Message)> = Vec::new();
    // First every row on its own, touching no document; then each file once.
    let mut by_file: BTreeMap<FileId, Vec<(usize, Interaction)>> = BTreeMap::new();
    for r in &sheet.rows {
        let file = clients
            .find(r.get("client"))
            .map_err(|e| r.problem("client", e));
        match (file, interaction(r, &ctx.adviser)) {
            (Ok(f), Ok(i)) => by_file.entry(f).or_default().push((r.number, i)),
            (f, i) => problems.extend(f.err().into_iter().chain(i.err()).map(|p| (r.number, p))),
        }
    }
    let total = sheet.rows.len();
    let mut done = 0;
    let mut report = ImportReport {
        unknown_columns: sheet.unknown,
        ..ImportReport::default()
    };
    let origin = Origin::File {
        name: "interactions CSV".into(),
    };
    // One write transaction for the whole sheet, each file loaded once inside it: all rows or
    // none, and no other writer can change a file between its read and its write.
    let written = node.store().update(|txn| -> Result<(), Error> {
        for (file, rows) in by_file {
            let mut doc = node.load_in(txn, file)?;
            let before = doc.get_heads();
            // As every edit does: a file at the current schema is not merged with a fresh
            // skeleton (which costs more than the row's own edit).
            if schema::schema_version_of(&doc) < schema::supported_version(file) {
                schema::migrate(&mut doc)?;
            }
            let account = view::read(&doc)?;
            // As `Node::apply`: a file this node may not write (shared with it for reading, or
            // brought in without naming it) is not edited: every peer would refuse the changes.
            let me = node.node_id();
            if !authority::may_write_at(&doc, &me, &before) {
                let name = account.profile.name.clone();
                let why = match authority::may_read(&doc, &me) {
                    true => Error::ReadOnly { name },
                    false => Error::NotShared { name },
                };
                problems.extend(rows.iter().map(|(row, _)| {
                    (
                        *row,
                        Message::new("err-csv-cell")
                            .with("row", row.to_string())
                            .with("column", "client")
                            .with("why", why.message()),
                    )
                }));
                continue;
            }
            let mut held: HashSet<(DateTime<Utc>, InteractionKind)> = account
                .interactions
                .values()
                .map(|i| (i.at, i.kind))
                .collect();
            for (row, interaction) in rows {
                done += 1;
                options.tell(done, total);
                if !held.insert((interaction.at, interaction.kind)) {
                    let why = Message::new("err-csv-cells")
                        .with("row", row.to_string())
                        .with("first", "at")
                        .with("second", "kind")
                        .with(
                            "why",
                            Message::new("err-csv-interaction-duplicate")
                                .with("client", &account.profile.name)
                                .with("kind", interaction.kind.word())
                                .with("at", interaction.at.to_string()),
                        );
                    match options.skip_duplicates {
                        true => skipped.push((row, why)),
                        false => problems.push((row, why)),
                    }
                    continue;
                }
                match edit::log_interaction_to(&mut doc, &ctx, &account, &interaction) {
                    Ok(_) => report.imported += 1,
                    Err(e) => problems.push((
                        row,
                        Message::new("err-csv-row")
                            .with("row", row.to_string())
                            .with("why", e.message()),
                    )),
                }
            }
            // Once a row is refused nothing will be written: spare the rest of the commit.
            let changes = doc.get_changes(&before);
            if problems.is_empty() && !changes.is_empty() {
                let signatures = node.sign_own(&changes);
                node.commit_in(txn, file, &doc, changes, origin.clone(), signatures)?;
                report.files.push(file.to_string());
            }
        }
        options.tell(total, total);
        if problems.is_empty() {
            Ok(())
        } else {
            problems.sort_by_key(|(row, _)| *row);
            Err(Error::BadRows {
                problems: problems.drain(..).map(|(_, p)| p).collect(),
            })
        }
    });
    written?;
    skipped.sort_by_key(|(row, _)| *row);
    report.skipped = skipped.into_iter().map(|(_, s)| s).collect();
    Ok(report)
}

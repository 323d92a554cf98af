//! Interactions from a spreadsheet.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;

use automerge::{Automerge, ChangeHash};
use casebook_base::FileId;
use casebook_doc::edit;
use casebook_doc::enums::{Direction, InteractionKind, Purpose};
use casebook_doc::model::Interaction;
use casebook_doc::{schema, view};
use chrono::{DateTime, Utc};

use super::sheet::{self, Columns, Row};
use super::{CsvOptions, ImportReport, dates, norm};
use crate::{Error, Node};

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
            by_name.entry(norm(&s.name)).or_default().push((id, s.name));
        }
        Ok(Self { ids, by_name })
    }

    /// The client a `client` cell names: its file id, or its full name in any case and
    /// spacing.
    fn find(&self, cell: &str) -> Result<FileId, String> {
        if let Ok(id) = cell.parse::<FileId>()
            && self.ids.contains(&id)
        {
            return Ok(id);
        }
        match self.by_name.get(&norm(cell)).map(Vec::as_slice) {
            Some([(id, _)]) => Ok(*id),
            Some(many @ [_, ..]) => Err(format!(
                "several clients are named '{cell}' ({}); give the file id of the one meant",
                many.iter()
                    .map(|(id, name)| format!("{id} {name}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            _ if cell.is_empty() => Err("empty; name the client or give its file id".into()),
            _ => Err(format!(
                "no client named '{cell}'; give the client's full name as `casebook client list` shows it, or its file id"
            )),
        }
    }
}

/// A file the import adds to: its document, its heads before, its name, and the (time, kind)
/// of every interaction it holds, for duplicates.
struct Target {
    doc: Automerge,
    before: Vec<ChangeHash>,
    name: String,
    held: HashSet<(DateTime<Utc>, InteractionKind)>,
}

impl Target {
    fn load(node: &Node, file: FileId) -> Result<Self, Error> {
        let mut doc = node.load(file)?;
        let before = doc.get_heads();
        schema::migrate(&mut doc)?;
        let account = view::read(&doc)?;
        Ok(Self {
            doc,
            before,
            name: account.profile.name,
            held: account
                .interactions
                .values()
                .map(|i| (i.at, i.kind))
                .collect(),
        })
    }
}

/// One row as an interaction by `by`, or the problem naming its column.
fn interaction(r: &Row, by: &str) -> Result<Interaction, String> {
    let enumerated = |e: casebook_doc::Error| e.to_string();
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
            .map_err(|_| r.problem("minutes", format!("'{m}' is not a whole number of minutes")))?,
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
/// # Errors
/// [`Error::BadRows`] listing every bad row; nothing is imported.
pub fn import_interactions_csv<R: Read>(
    node: &Node,
    input: R,
    options: &CsvOptions<'_>,
) -> Result<ImportReport, Error> {
    let sheet = sheet::read(input, COLUMNS, options.strict)?;
    let clients = Clients::of(node)?;
    let mut problems = Vec::new();
    let mut report = ImportReport {
        unknown_columns: sheet.unknown,
        ..ImportReport::default()
    };
    let mut targets: BTreeMap<FileId, Target> = BTreeMap::new();
    let ctx = node.edit_context();
    let total = sheet.rows.len();
    for (done, r) in sheet.rows.iter().enumerate() {
        options.tell(done, total);
        let file = clients
            .find(r.get("client"))
            .map_err(|e| r.problem("client", e));
        let (file, interaction) = match (file, interaction(r, &ctx.adviser)) {
            (Ok(f), Ok(i)) => (f, i),
            (f, i) => {
                problems.extend(f.err());
                problems.extend(i.err());
                continue;
            }
        };
        let target = match targets.entry(file) {
            std::collections::btree_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::btree_map::Entry::Vacant(v) => v.insert(Target::load(node, file)?),
        };
        if !target.held.insert((interaction.at, interaction.kind)) {
            let why = format!(
                "row {}, columns at and kind: {} already has a {} at {}",
                r.number, target.name, interaction.kind, interaction.at
            );
            if options.skip_duplicates {
                report.skipped.push(why);
            } else {
                problems.push(why);
            }
            continue;
        }
        match edit::log_interaction(&mut target.doc, &ctx, &interaction) {
            Ok(_) => report.imported += 1,
            Err(e) => problems.push(format!("row {}: {e}", r.number)),
        }
    }
    options.tell(total, total);
    if !problems.is_empty() {
        return Err(Error::BadRows { problems });
    }
    let edits: Vec<(FileId, Automerge, Vec<ChangeHash>)> = targets
        .into_iter()
        .filter(|(_, t)| t.doc.get_heads() != t.before)
        .map(|(id, t)| (id, t.doc, t.before))
        .collect();
    report.files = edits.iter().map(|(id, _, _)| id.to_string()).collect();
    node.commit_edits(&edits, "interactions CSV")?;
    Ok(report)
}

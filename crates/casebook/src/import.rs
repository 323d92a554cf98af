//! Import of account files from JSON, and of clients and interactions from spreadsheets (CSV),
//! all-or-nothing with duplicate detection.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use automerge::ChangeHash;
use casebook_base::FileId;
use casebook_doc::edit::{self, NewClient};
use casebook_doc::enums::{Direction, InteractionKind, Purpose};
use casebook_doc::model::Interaction;
use casebook_doc::{AccountFile, schema, view};
use chrono::NaiveDate;
use serde::Serialize;

use crate::time::parse_event_time;
use crate::{Error, Node};

/// What an import did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ImportReport {
    /// Rows (or files) imported.
    pub imported: usize,
    /// Rows skipped as duplicates (only with `skip_duplicates`).
    pub skipped: Vec<String>,
    /// The files created or changed.
    pub files: Vec<String>,
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn norm_postcode(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

fn csv_reader<R: Read>(input: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(input)
}

/// One CSV record: its row number as a spreadsheet shows it, and header → value.
type Row = (usize, HashMap<String, String>);

/// Read every record of a CSV as a map of lowercase header → value, naming bad rows.
fn records<R: Read>(input: R, required: &[&str]) -> Result<Vec<Row>, Error> {
    let mut reader = csv_reader(input);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Error::BadRows {
            problems: vec![format!("header row: {e}")],
        })?
        .iter()
        .map(|h| h.trim().to_lowercase().replace(' ', "_"))
        .collect();
    let missing: Vec<&&str> = required
        .iter()
        .filter(|r| !headers.iter().any(|h| h == *r))
        .collect();
    if !missing.is_empty() {
        return Err(Error::BadRows {
            problems: vec![format!(
                "header row: missing column(s) {}; the first row must name the columns",
                missing
                    .iter()
                    .map(|m| m.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )],
        });
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        // Row numbers as a spreadsheet shows them: the header is row 1.
        let row = i + 2;
        match rec {
            Ok(r) => out.push((
                row,
                headers
                    .iter()
                    .cloned()
                    .zip(r.iter().map(str::to_string))
                    .collect(),
            )),
            Err(e) => problems.push(format!("row {row}: {e}")),
        }
    }
    if !problems.is_empty() {
        return Err(Error::BadRows { problems });
    }
    Ok(out)
}

fn get<'a>(r: &'a HashMap<String, String>, k: &str) -> &'a str {
    r.get(k).map(String::as_str).unwrap_or("")
}

fn date(row: usize, field: &str, text: &str) -> Result<Option<NaiveDate>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    for fmt in ["%Y-%m-%d", "%d/%m/%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(text, fmt) {
            return Ok(Some(d));
        }
    }
    Err(format!(
        "row {row}: {field} '{text}' is not a date; use YYYY-MM-DD or DD/MM/YYYY"
    ))
}

/// Import clients from CSV. Columns: `name` (required), `postcode`, `company_number`,
/// `legal_form`, `sector`, `region`, `segments` (separated by `;`), `lead`, `intake_date`,
/// `source`.
///
/// A row is a duplicate when its company number, or its name and postcode together, match a
/// client already in the store or an earlier row. Duplicates and bad rows fail the whole
/// import, naming each row, unless `skip_duplicates` is set, which skips duplicates only.
///
/// # Errors
/// [`Error::BadRows`] listing every bad row; nothing is imported.
pub fn import_clients_csv<R: Read>(
    node: &Node,
    input: R,
    skip_duplicates: bool,
) -> Result<ImportReport, Error> {
    let rows = records(input, &["name"])?;
    let existing = node.summaries()?;
    let mut by_number: HashMap<String, String> = HashMap::new();
    let mut by_name_pc: HashMap<(String, String), String> = HashMap::new();
    for s in &existing {
        if !s.company_number.is_empty() {
            by_number.insert(
                norm(&s.company_number),
                format!("existing client {}", s.name),
            );
        }
        by_name_pc.insert(
            (norm(&s.name), norm_postcode(&s.postcode)),
            format!("existing client {}", s.name),
        );
    }
    let mut problems = Vec::new();
    let mut report = ImportReport::default();
    let mut docs = Vec::new();
    let ctx = node.edit_context();
    let config = node.config()?;
    let org = node.own_judge()?;
    for (row, r) in rows {
        let name = get(&r, "name");
        if name.is_empty() {
            problems.push(format!("row {row}: the name is empty"));
            continue;
        }
        let number = norm(get(&r, "company_number"));
        let key = (norm(name), norm_postcode(get(&r, "postcode")));
        let dup = (!number.is_empty())
            .then(|| by_number.get(&number))
            .flatten()
            .or_else(|| by_name_pc.get(&key));
        if let Some(other) = dup {
            let why = format!(
                "row {row}: {name} duplicates {other} (same company number, or same name and postcode)"
            );
            if skip_duplicates {
                report.skipped.push(why);
            } else {
                problems.push(why);
            }
            continue;
        }
        let intake = match date(row, "intake_date", get(&r, "intake_date")) {
            Ok(d) => d,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        if !number.is_empty() {
            by_number.insert(number, format!("row {row}"));
        }
        by_name_pc.insert(key, format!("row {row}"));
        let new = NewClient {
            name: name.to_string(),
            legal_form: get(&r, "legal_form").into(),
            sector: get(&r, "sector").into(),
            postcode: get(&r, "postcode").into(),
            company_number: get(&r, "company_number").into(),
            region: get(&r, "region").into(),
            segments: get(&r, "segments")
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            lead: get(&r, "lead").into(),
            intake_date: intake,
            source: get(&r, "source").into(),
            org: Some(org),
        };
        let id = FileId::new();
        let mut doc = node.new_doc(id)?;
        if let Err(e) = edit::create_client(&mut doc, &ctx, &config, &new) {
            problems.push(format!("row {row}: {e}"));
            continue;
        }
        report.files.push(id.to_string());
        docs.push((id, doc));
    }
    if !problems.is_empty() {
        return Err(Error::BadRows { problems });
    }
    node.commit_new_files(&docs)?;
    report.imported = docs.len();
    Ok(report)
}

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
                people: vec![],
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

/// Import an account file from its JSON export as a new file on this node (keeping its file id
/// and entry ids). The JSON carries no history: the import is one change by this node.
///
/// # Errors
/// [`Error::BadInput`] for JSON that is not an account file, or a file id already here.
pub fn import_json(node: &Node, text: &str, name: &str) -> Result<FileId, Error> {
    let bad = |reason: String| Error::BadInput {
        name: name.into(),
        reason,
    };
    let file: AccountFile = serde_json::from_str(text)
        .map_err(|e| bad(format!("not an account file in JSON ({e}); give a file written by `casebook export --format json`")))?;
    let id: FileId = if file.file_id.is_empty() {
        FileId::new()
    } else {
        file.file_id
            .parse()
            .map_err(|_| bad(format!("file_id '{}' is not a UUID", file.file_id)))?
    };
    if node.store().contains(id)? {
        return Err(bad(format!(
            "account file {id} ({}) is already in this store; to bring in another node's changes use `casebook merge` with an Automerge export",
            file.profile.name
        )));
    }
    let mut doc = node.new_doc(id)?;
    edit::import_account(&mut doc, &node.edit_context(), &file).map_err(|e| bad(e.to_string()))?;
    node.commit_new_files(&[(id, doc)])?;
    Ok(id)
}

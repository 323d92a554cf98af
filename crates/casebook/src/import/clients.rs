//! Clients from a spreadsheet.

use std::collections::HashMap;
use std::io::Read;

use casebook_base::FileId;
use casebook_doc::edit::{self, NewClient};
use chrono::NaiveDate;

use super::sheet::{get, records};
use super::{ImportReport, norm};
use crate::{Error, Node};

fn norm_postcode(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
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

//! Clients from a spreadsheet.

use std::collections::HashMap;
use std::io::Read;

use casebook_base::FileId;
use casebook_doc::edit::{self, NewClient};

use super::sheet::{self, Columns};
use super::{CsvOptions, ImportReport, dates, norm};
use crate::{Error, Node};

fn norm_postcode(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

/// The columns of a clients sheet.
pub(crate) const COLUMNS: Columns = Columns {
    required: &["name"],
    known: &[
        "name",
        "postcode",
        "company_number",
        "legal_form",
        "sector",
        "region",
        "segments",
        "lead",
        "intake_date",
        "source",
    ],
};

/// Import clients from CSV. Columns: `name` (required), `postcode`, `company_number`,
/// `legal_form`, `sector`, `region`, `segments` (a list: separated by `;`, or by `,` when the
/// cell holds no `;`), `lead`, `intake_date` (`YYYY-MM-DD` or `DD/MM/YYYY`), `source`. The sheet
/// may be UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark or
/// Windows-1252, with `,` or `;` between cells.
///
/// A row is a duplicate when its company number, or its name and postcode together, match a
/// client already in the store or an earlier row. Duplicates and bad rows fail the whole
/// import, naming each row and column, unless `skip_duplicates` is set, which skips duplicates
/// only.
///
/// # Errors
/// [`Error::BadRows`] listing every bad row; nothing is imported.
pub fn import_clients_csv<R: Read>(
    node: &Node,
    input: R,
    options: &CsvOptions<'_>,
) -> Result<ImportReport, Error> {
    let sheet = sheet::read(input, COLUMNS, options.strict)?;
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
    let mut problems = sheet.problems;
    let mut report = ImportReport {
        unknown_columns: sheet.unknown,
        ..ImportReport::default()
    };
    let total = sheet.rows.len();
    let mut docs = Vec::new();
    let ctx = node.edit_context();
    let config = node.config()?;
    let org = node.own_judge()?;
    for (done, r) in sheet.rows.iter().enumerate() {
        options.tell(done, total);
        let row = r.number;
        let name = r.get("name");
        if name.is_empty() {
            problems.push(r.problem("name", "empty; every client needs a name"));
            continue;
        }
        let number = norm(r.get("company_number"));
        let key = (norm(name), norm_postcode(r.get("postcode")));
        let dup = match (!number.is_empty())
            .then(|| by_number.get(&number))
            .flatten()
        {
            Some(other) => Some(r.problem(
                "company_number",
                format!("{name} duplicates {other} (same company number)"),
            )),
            None => by_name_pc.get(&key).map(|other| {
                format!(
                    "row {row}, columns name and postcode: {name} duplicates {other} (same name and postcode)"
                )
            }),
        };
        if let Some(why) = dup {
            if options.skip_duplicates {
                report.skipped.push(why);
            } else {
                problems.push(why);
            }
            continue;
        }
        let intake = match dates::date(r.get("intake_date")) {
            Ok(d) => d,
            Err(e) => {
                problems.push(r.problem("intake_date", e));
                continue;
            }
        };
        if !number.is_empty() {
            by_number.insert(number, format!("row {row}"));
        }
        by_name_pc.insert(key, format!("row {row}"));
        let new = NewClient {
            name: name.to_string(),
            legal_form: r.get("legal_form").into(),
            sector: r.get("sector").into(),
            postcode: r.get("postcode").into(),
            company_number: r.get("company_number").into(),
            region: r.get("region").into(),
            segments: sheet::list(r.get("segments")),
            lead: r.get("lead").into(),
            intake_date: intake,
            source: r.get("source").into(),
            org: Some(org),
        };
        let id = FileId::new();
        let mut doc = node.new_doc(id)?;
        if let Err(e) = edit::create_client(&mut doc, &ctx, &config, &new) {
            problems.push(r.problem("name", e));
            continue;
        }
        report.files.push(id.to_string());
        docs.push((id, doc));
    }
    options.tell(total, total);
    if !problems.is_empty() {
        return Err(Error::BadRows { problems });
    }
    node.commit_new_files(&docs)?;
    report.imported = docs.len();
    Ok(report)
}

//! Clients from a spreadsheet.

use casebook_i18n::Localised;
use std::io::Read;

use casebook_base::FileId;
use casebook_doc::edit::{self, NewClient};
use casebook_doc::rules::duplicates::{DuplicateIndex, DuplicateReason};
use casebook_i18n::Message;

use super::sheet::{self, Columns};
use super::{CsvOptions, ImportReport, dates};
use crate::{Error, Node};

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
        "language",
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
    // One index of clients here and rows so far (`rules::duplicates`), so each row costs a
    // lookup, not a pass over every client.
    let mut known = DuplicateIndex::default();
    for s in &existing {
        known.insert(
            &s.name,
            &s.postcode,
            &s.company_number,
            Message::new("err-csv-existing-client").with("name", &s.name),
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
            problems.push(r.problem("name", Message::new("err-csv-name-empty")));
            continue;
        }
        let (postcode, number) = (r.get("postcode"), r.get("company_number"));
        let dup = known.find(name, postcode, number).map(|(other, reason)| {
            let why = Message::new("err-csv-duplicates")
                .with("name", name)
                .with("other", other.clone())
                .with("reason", reason.message());
            match reason {
                DuplicateReason::CompanyNumber => r.problem("company_number", why),
                DuplicateReason::NameAndPostcode | DuplicateReason::NameWithoutPostcode => {
                    Message::new("err-csv-cells")
                        .with("row", row.to_string())
                        .with("first", "name")
                        .with("second", "postcode")
                        .with("why", why)
                }
            }
        });
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
        known.insert(
            name,
            postcode,
            number,
            Message::new("err-csv-row-label").with("row", row.to_string()),
        );
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
            language: r.get("language").into(),
            org: Some(org),
        };
        let id = FileId::new();
        let mut doc = node.new_doc(id)?;
        if let Err(e) = edit::create_client(&mut doc, &ctx, &config, &new) {
            problems.push(r.problem("name", e.message()));
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

//! Reading a spreadsheet's CSV: a header row naming the columns, then one record per row.

use std::collections::HashMap;
use std::io::Read;

use crate::Error;

fn csv_reader<R: Read>(input: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(input)
}

/// One CSV record: its row number as a spreadsheet shows it, and header → value.
pub(crate) type Row = (usize, HashMap<String, String>);

/// Read every record of a CSV as a map of lowercase header → value, naming bad rows.
pub(crate) fn records<R: Read>(input: R, required: &[&str]) -> Result<Vec<Row>, Error> {
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

pub(crate) fn get<'a>(r: &'a HashMap<String, String>, k: &str) -> &'a str {
    r.get(k).map(String::as_str).unwrap_or("")
}

//! Reading a spreadsheet's CSV: the text encoding, the delimiter, a header row naming the
//! columns, then one record per row.
//!
//! Excel, LibreOffice and Google Sheets write CSV in different ways: UTF-8 with or without a
//! byte-order mark, Windows-1252 ("CSV" in Excel on Windows), UTF-16 with a byte-order mark
//! ("Unicode text"), `,` or (where `,` is the decimal separator) `;` between cells, and CRLF
//! line endings. Everything else about a sheet is the same, so every import reads it here.

use std::collections::HashMap;
use std::io::Read;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use casebook_i18n::{Arg, Message};

use crate::Error;

/// What to do about the text of a file that is not usable, said once for every refusal.
fn save_as_utf8() -> Message {
    Message::new("err-csv-save-as-utf8")
}

/// One record: its row number as a spreadsheet shows it (the header is row 1), and its cells
/// by column name.
#[derive(Debug)]
pub(crate) struct Row {
    /// The row number as a spreadsheet shows it.
    pub number: usize,
    cells: HashMap<String, String>,
}

impl Row {
    /// The trimmed text of a column, or `""` if the sheet has no such column.
    pub(crate) fn get(&self, column: &str) -> &str {
        self.cells.get(column).map(String::as_str).unwrap_or("")
    }

    /// A problem with one cell of this row, naming the row, the column and the reason.
    pub(crate) fn problem(&self, column: &str, reason: impl Into<Arg>) -> Message {
        Message::new("err-csv-cell")
            .with("row", self.number.to_string())
            .with("column", column)
            .with("why", reason)
    }
}

/// A sheet read in full.
#[derive(Debug)]
pub(crate) struct Sheet {
    /// Every row that has a cell with text in it, in order.
    pub rows: Vec<Row>,
    /// The columns this import does not know, as the header row names them (ignored).
    pub unknown: Vec<String>,
    /// Rows that could not be read as rows (a cell too many or too few), each named: the
    /// import reports them with the problems it finds in the other rows, and refuses.
    pub problems: Vec<Message>,
}

/// The columns of one kind of sheet.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Columns {
    /// Columns every sheet of this kind must have.
    pub required: &'static [&'static str],
    /// Every column this kind of sheet may have (the required ones included).
    pub known: &'static [&'static str],
}

/// Split a list cell: on `;` if the cell holds one, otherwise on `,` (so that "Smith, Ann;
/// Jones, Bob" keeps both names whole). Empty items are dropped.
pub(crate) fn list(cell: &str) -> Vec<String> {
    let sep = if cell.contains(';') { ';' } else { ',' };
    cell.split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn refused(problem: Message) -> Error {
    Error::BadRows {
        problems: vec![problem],
    }
}

/// The text of a CSV file: UTF-16 or UTF-8 as its byte-order mark says, else UTF-8 if it is
/// valid UTF-8, else Windows-1252 if it reads as text in it. Anything else is refused, saying
/// to save the sheet as CSV UTF-8.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, Error> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom..).unwrap_or_default();
        return encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .map(|t| t.into_owned())
            .ok_or_else(|| {
                refused(
                    Message::new("err-csv-bad-bom")
                        .with("encoding", encoding.name())
                        .with("fix", save_as_utf8()),
                )
            });
    }
    if let Some(text) = UTF_8.decode_without_bom_handling_and_without_replacement(bytes)
        && !text.contains('\0')
    {
        return Ok(text.into_owned());
    }
    if bytes.contains(&0) {
        return Err(refused(
            Message::new("err-csv-nul").with("fix", save_as_utf8()),
        ));
    }
    // Windows-1252 gives every byte a character; a file in another encoding shows itself by
    // the control characters it decodes to (the five bytes Windows-1252 leaves undefined, and
    // C0 controls other than tab and line ends).
    let (text, _, _) = WINDOWS_1252.decode(bytes);
    let stray = text
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\r' | '\n'));
    if let Some((at, c)) = stray {
        let line = text[..at].matches('\n').count() + 1;
        return Err(refused(
            Message::new("err-csv-control")
                .with("line", line.to_string())
                .with("code", format!("{:04X}", u32::from(c)))
                .with("fix", save_as_utf8()),
        ));
    }
    Ok(text.into_owned())
}

/// The delimiter of a sheet, from its header row: `;` if the header holds more `;` than `,`
/// outside quotes, else `,`.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let (mut commas, mut semicolons, mut quoted) = (0usize, 0usize, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// A header as the imports know it: the known column it names whatever its case, spaces,
/// dashes and underscores ("Company Number" is `company_number`), else trimmed and lowercase.
fn column_name(header: &str, columns: Columns) -> String {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = key(header);
    columns
        .known
        .iter()
        .find(|k| key(k) == wanted)
        .map(|k| k.to_string())
        .unwrap_or_else(|| header.trim().to_lowercase())
}

/// Read a whole CSV file: decode it, find its delimiter, check its header row against
/// `columns`, and read every record, naming each bad row.
///
/// # Errors
/// [`Error::BadRows`] for an unusable encoding, a header row without the required columns or
/// naming one column twice, and unknown columns when `strict`. Rows that do not parse are in
/// [`Sheet::problems`].
pub(crate) fn read<R: Read>(mut input: R, columns: Columns, strict: bool) -> Result<Sheet, Error> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| refused(Message::new("err-csv-unreadable").with("why", e.to_string())))?;
    let text = decode(&bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(&text))
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| refused(Message::new("err-csv-header").with("why", e.to_string())))?
        .iter()
        .map(|h| column_name(h, columns))
        .collect();
    let missing: Vec<&str> = columns
        .required
        .iter()
        .copied()
        .filter(|r| !headers.iter().any(|h| h == r))
        .collect();
    if !missing.is_empty() {
        return Err(refused(
            Message::new("err-csv-missing-columns")
                .with("missing", missing.join(", "))
                .with("known", columns.known.join(", ")),
        ));
    }
    for (i, h) in headers.iter().enumerate() {
        if !h.is_empty() && headers[..i].contains(h) {
            return Err(refused(
                Message::new("err-csv-column-twice").with("column", h),
            ));
        }
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut unnamed_used = vec![false; headers.len()];
    for (i, rec) in reader.records().enumerate() {
        // Row numbers as a spreadsheet shows them: the header is row 1.
        let number = i + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                problems.push(match e.kind() {
                    csv::ErrorKind::UnequalLengths { len, .. } => Message::new("err-csv-unequal")
                        .with("row", number.to_string())
                        .with("cells", *len)
                        .with("columns", headers.len()),
                    _ => Message::new("err-csv-row")
                        .with("row", number.to_string())
                        .with("why", e.to_string()),
                });
                continue;
            }
        };
        // Sheets often end in rows of empty cells (";;;;"): they are not rows of data.
        if rec.iter().all(str::is_empty) {
            continue;
        }
        for ((h, cell), used) in headers.iter().zip(rec.iter()).zip(&mut unnamed_used) {
            *used |= h.is_empty() && !cell.is_empty();
        }
        rows.push(Row {
            number,
            cells: headers
                .iter()
                .filter(|h| !h.is_empty())
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect(),
        });
    }
    let unknown: Vec<String> = headers
        .iter()
        .zip(&unnamed_used)
        .enumerate()
        .filter_map(|(i, (h, used))| match h.is_empty() {
            true => used.then(|| format!("(unnamed column {})", i + 1)),
            false => (!columns.known.contains(&h.as_str())).then(|| h.clone()),
        })
        .collect();
    if strict && !unknown.is_empty() {
        return Err(refused(
            Message::new("err-csv-unknown-columns")
                .with("unknown", unknown.join(", "))
                .with("known", columns.known.join(", ")),
        ));
    }
    Ok(Sheet {
        rows,
        unknown,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: Columns = Columns {
        required: &["name"],
        known: &["name", "postcode"],
    };

    #[test]
    fn utf8_with_and_without_bom_utf16_and_windows_1252_decode_alike() {
        let expected = "name\nCafé O’Brien\n";
        let mut utf16le = vec![0xFF, 0xFE];
        let mut utf16be = vec![0xFE, 0xFF];
        for u in expected.encode_utf16() {
            utf16le.extend_from_slice(&u.to_le_bytes());
            utf16be.extend_from_slice(&[(u >> 8) as u8, (u & 0xFF) as u8]);
        }
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(expected.as_bytes());
        let cp1252 = b"name\nCaf\xE9 O\x92Brien\n".to_vec();
        for bytes in [expected.as_bytes().to_vec(), bom, utf16le, utf16be, cp1252] {
            assert_eq!(decode(&bytes).unwrap(), expected, "{bytes:?}");
        }
    }

    #[test]
    fn utf16_without_bom_and_binary_are_refused_saying_save_as_utf8() {
        let no_bom: Vec<u8> = "name\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        for bytes in [no_bom, b"name\n\x81\x01\n".to_vec()] {
            let e = decode(&bytes).unwrap_err().to_string();
            assert!(e.contains("CSV UTF-8"), "{e}");
        }
    }

    #[test]
    fn the_delimiter_is_sniffed_from_the_header_row() {
        assert_eq!(sniff_delimiter("name;postcode\nA, B;C\n"), b';');
        assert_eq!(sniff_delimiter("name,postcode\nA;B,C\n"), b',');
        assert_eq!(sniff_delimiter("\"a;b\",c\n"), b',');
        assert_eq!(sniff_delimiter("name\n"), b',');
    }

    #[test]
    fn lists_split_on_semicolons_else_commas() {
        assert_eq!(list("a; b;;c"), ["a", "b", "c"]);
        assert_eq!(list("a, b"), ["a", "b"]);
        assert_eq!(list("Smith, Ann; Jones, Bob"), ["Smith, Ann", "Jones, Bob"]);
        assert!(list(" ").is_empty());
    }

    #[test]
    fn unknown_columns_are_listed_or_refused_when_strict() {
        let csv = "Name;Post code;Colour;\r\nA;B;red;\r\n;;;\r\n";
        let sheet = read(csv.as_bytes(), COLUMNS, false).unwrap();
        assert_eq!(sheet.unknown, ["colour"]);
        assert_eq!(sheet.rows.len(), 1, "the empty row is no row");
        assert_eq!(sheet.rows[0].get("postcode"), "B");
        let e = read(csv.as_bytes(), COLUMNS, true).unwrap_err().to_string();
        assert!(e.contains("unknown column(s) colour"), "{e}");
    }
}

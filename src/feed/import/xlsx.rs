//! Excel workbooks (`.xlsx`) in: the first sheet, laid out like the tidy CSV (the column names
//! in its first row, then one figure per row), read with calamine (pure Rust) into the rows the
//! CSV importer takes. Only the checker page and `esep-check` call this; the report's pages
//! never do, so their wasm does not carry calamine.
//!
//! Cells become the text a CSV exported from the sheet would hold: numbers as their shortest
//! round-trip text (`-3.8`, `157473`), a number formatted as a percentage as it reads (`-7` for a
//! `-7%` cell, stored as -0.07), dates as `2025-12-27`, empty cells empty.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde_json::Value;

use super::csv::{from_table, Rows};
use super::ImportError;

/// Most cells read from a sheet (a figure is one row of about 15).
const MAX_CELLS: usize = 1_000_000;

/// Converts the first sheet of an `.xlsx` workbook, laid out like the tidy CSV.
pub fn from_xlsx(bytes: &[u8], feed_id: &str) -> Result<Value, ImportError> {
    from_table(sheet_rows(bytes)?, feed_id)
}

/// The first sheet's rows as text, each with its row number in the sheet, from the leftmost
/// column used; blank rows left out.
fn sheet_rows(bytes: &[u8]) -> Result<Rows, ImportError> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ImportError::Xlsx(
            "an older Excel file (.xls): save it as an Excel Workbook (.xlsx)".into(),
        ));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(ImportError::Xlsx(
            "the file is not a workbook (an .xlsx file is a zip archive)".into(),
        ));
    }
    let refused = |e: calamine::XlsxError| ImportError::Xlsx(e.to_string());
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(refused)?;
    let name = book
        .sheet_names()
        .into_iter()
        .next()
        .ok_or_else(|| ImportError::Xlsx("the workbook has no sheet".into()))?;
    let empty = || {
        ImportError::Input(vec![format!(
            "the first sheet ('{name}') is empty: put the table there, \
             with the column names in its first row"
        )])
    };
    // Cell by cell, not as calamine's `Range`: that is a dense rectangle, and one stray cell
    // far down and to the right would make it billions of cells.
    let mut cells = book.worksheet_cells_reader(&name).map_err(refused)?;
    let mut rows: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
    let (mut left, mut count) = (u32::MAX, 0usize);
    while let Some((cell, style)) = cells.next_cell_with_style_id().map_err(refused)? {
        let percent = cells
            .styles()
            .get(style)
            .and_then(|s| s.number_format.as_ref())
            .is_some_and(|f| is_percent(&f.format_code));
        let value = text(&cell.get_value().clone().into(), percent);
        if value.trim().is_empty() {
            continue;
        }
        count += 1;
        if count > MAX_CELLS {
            return Err(ImportError::Input(vec![format!(
                "the first sheet has more than {MAX_CELLS} cells: more than this converter takes"
            )]));
        }
        let (r, c) = cell.get_position();
        left = left.min(c);
        rows.entry(r).or_default().push((c, value));
    }
    if rows.is_empty() {
        return Err(empty());
    }
    Ok(rows
        .into_iter()
        .map(|(r, found)| {
            let width = found.iter().map(|(c, _)| c - left + 1).max().unwrap_or(0);
            let mut row = vec![String::new(); width as usize];
            for (c, value) in found {
                if let Some(slot) = row.get_mut((c - left) as usize) {
                    *slot = value;
                }
            }
            (r as usize + 1, row)
        })
        .collect())
}

/// True for a number format that shows a number as a percentage (a `%` outside quoted text).
fn is_percent(format: &str) -> bool {
    let mut quoted = false;
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' => {
                chars.next();
            }
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// A cell as the text the CSV importer reads.
fn text(cell: &Data, percent: bool) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) if percent => times_100(&i.to_string()),
        Data::Int(i) => i.to_string(),
        // Rust writes a float as the shortest text that reads back to it, never with an exponent.
        Data::Float(f) if percent => times_100(&f.to_string()),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, da, h, mi, s, ms) = d.to_ymd_hms_milli();
            if (h, mi, s, ms) == (0, 0, 0, 0) {
                format!("{y:04}-{mo:02}-{da:02}")
            } else {
                format!("{y:04}-{mo:02}-{da:02}T{h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_owned(),
        Data::DurationIso(s) => s.clone(),
        // `#N/A`, `#DIV/0!`…: kept, so that validation names the cell.
        Data::Error(e) => e.to_string(),
    }
}

/// `number` (plain decimal text, such as `-0.038`) times 100, by moving the decimal point:
/// `-3.8`, exactly as the cell shows it, where multiplying would give `-3.8000000000000003`.
fn times_100(number: &str) -> String {
    let (sign, digits) = match number.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", number),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let fraction = format!("{fraction:0<2}");
    let (moved, rest) = fraction.split_at(2);
    let whole = format!("{whole}{moved}");
    let whole = match whole.trim_start_matches('0') {
        "" => "0",
        w => w,
    };
    let rest = rest.trim_end_matches('0');
    let sign = if whole == "0" && rest.is_empty() {
        ""
    } else {
        sign
    };
    if rest.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{rest}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percentage_reads_as_the_cell_shows_it() {
        assert_eq!(times_100("-0.07"), "-7");
        assert_eq!(times_100("-0.038"), "-3.8");
        assert_eq!(times_100("0.5"), "50");
        assert_eq!(times_100("1"), "100");
        assert_eq!(times_100("12.3456"), "1234.56");
        assert_eq!(times_100("0.0001"), "0.01");
        assert_eq!(times_100("0"), "0");
        assert_eq!(times_100("-0"), "0");
    }

    #[test]
    fn what_is_not_a_workbook_is_refused_with_a_reason() {
        let e = from_xlsx(b"id,geography\n", "x").unwrap_err();
        assert_eq!(
            e.to_string(),
            "not an Excel workbook (.xlsx): the file is not a workbook (an .xlsx file is a zip archive)"
        );
        let e = from_xlsx(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1], "x").unwrap_err();
        assert!(
            e.to_string()
                .contains("save it as an Excel Workbook (.xlsx)"),
            "{e}"
        );
        // A zip archive that is no workbook.
        let e = from_xlsx(b"PK\x03\x04 broken", "x").unwrap_err();
        assert!(matches!(e, ImportError::Xlsx(_)), "{e}");
    }
}

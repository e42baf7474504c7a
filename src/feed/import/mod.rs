//! Open formats in, esep feeds out: JSON-stat 2.0 datasets and tidy CSV tables (one figure per
//! row, as press services keep them in spreadsheets). Both become an esep feed document that then
//! goes through the same validation as any feed, so every problem is reported the same way.
//!
//! - `jsonstat`: JSON-stat 2.0 datasets;
//! - `csv`: tidy CSV tables;
//! - `xlsx`: Excel workbooks whose first sheet is laid out like the tidy CSV (the checker page
//!   and `esep-check` only: the report never converts, and its wasm carries no calamine);
//! - `faults`: a table's sources that cannot be sources, said in the table's terms.
//!
//! [`convert`] chooses the importer for a file by its name and content.
//!
//! A file that lacks what every figure needs (a source's address) is refused here with one
//! message in the file's own terms, rather than converted into a feed that validation would
//! refuse figure by figure.

mod csv;
mod faults;
mod jsonstat;
mod xlsx;

pub use csv::{from_tidy_csv, parse_csv};
pub use jsonstat::from_jsonstat;
pub use xlsx::from_xlsx;

use serde_json::Value;

/// Why a file could not be converted at all.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportError {
    #[error("not JSON-stat: {0}")]
    JsonStat(String),
    #[error("not a tidy table: {0}")]
    Csv(String),
    #[error("not an Excel workbook (.xlsx): {0}")]
    Xlsx(String),
    /// In its format, but without what a feed needs: each cause once, in the file's terms.
    #[error("{}", .0.join("; "))]
    Input(Vec<String>),
}

impl ImportError {
    /// One message per cause, for a report that gives each its own line.
    pub fn messages(&self) -> Vec<String> {
        match self {
            ImportError::Input(each) => each.clone(),
            other => vec![other.to_string()],
        }
    }
}

/// The esep feed document a file converts into: an Excel workbook ([`is_workbook`]), a `.csv`
/// in the tidy layout, a JSON-stat dataset by content. `None` for any other file: it is read as
/// an esep feed itself. `name` is a path or an address.
pub fn convert(name: &str, bytes: &[u8]) -> Result<Option<Value>, ImportError> {
    if is_workbook(name, bytes) {
        from_xlsx(bytes, file_stem(name)).map(Some)
    } else {
        convert_text(name, bytes)
    }
}

/// [`convert`] for a file that is not a workbook, without the workbook reader: the checker page
/// fetches that separately, when a workbook comes.
pub fn convert_text(name: &str, bytes: &[u8]) -> Result<Option<Value>, ImportError> {
    let text = String::from_utf8_lossy(bytes);
    if extension(name).as_deref() == Some("csv") {
        from_tidy_csv(&text, file_stem(name)).map(Some)
    } else if looks_like_jsonstat(&text) {
        from_jsonstat(&text).map(Some)
    } else {
        Ok(None)
    }
}

/// True for a file for the workbook reader: named `.xlsx` or `.xls`, or a zip archive or an old
/// Excel file by content, whatever its name (the reader then says what it is not).
pub fn is_workbook(name: &str, bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        || matches!(extension(name).as_deref(), Some("xlsx" | "xls"))
}

/// A path's or an address's last part without its extension: a converted table's feed id.
pub fn file_stem(name: &str) -> &str {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    file.rsplit_once('.').map_or(file, |(stem, _)| stem)
}

fn extension(name: &str) -> Option<String> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    file.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())
}

/// True for a JSON-stat 2.0 dataset (`"class": "dataset"`).
pub fn looks_like_jsonstat(text: &str) -> bool {
    serde_json::from_str::<Value>(text)
        .ok()
        .is_some_and(|v| v.get("class").and_then(Value::as_str) == Some("dataset"))
}

/// An id from a name: lower-case ASCII letters and digits, words joined by `-`, at most 80.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "x".to_owned()
    } else {
        out.chars().take(80).collect()
    }
}

#[cfg(test)]
mod tests;

//! Open formats in, esep feeds out: JSON-stat 2.0 datasets and tidy CSV tables (one figure per
//! row, as press services keep them in spreadsheets). Both become an esep feed document that then
//! goes through the same validation as any feed, so every problem is reported the same way.
//!
//! - `jsonstat`: JSON-stat 2.0 datasets;
//! - `csv`: tidy CSV tables;
//! - `faults`: a table's sources that cannot be sources, said in the table's terms.

//!
//! A file that lacks what every figure needs (a source's address) is refused here with one
//! message in the file's own terms, rather than converted into a feed that validation would
//! refuse figure by figure.

mod csv;
mod faults;
mod jsonstat;

pub use csv::{from_tidy_csv, parse_csv};
pub use jsonstat::from_jsonstat;

use serde_json::Value;

/// Why a file could not be converted at all.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportError {
    #[error("not JSON-stat: {0}")]
    JsonStat(String),
    #[error("not a tidy table: {0}")]
    Csv(String),
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

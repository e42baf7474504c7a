//! Across formats: choosing the importer, one message per root cause, and the same feed from a
//! workbook as from the CSV of the same rows.

use super::*;

const JSONSTAT: &str = include_str!("../../../tests/fixtures/crime.jsonstat.json");
const TIDY: &str = include_str!("../../../tests/fixtures/figures.csv");
const XLSX: &[u8] = include_bytes!("../../../tests/fixtures/figures.xlsx");
const XLSX_EMPTY_FIRST_SHEET: &[u8] =
    include_bytes!("../../../tests/fixtures/figures-empty-first-sheet.xlsx");
const XLSX_NO_SOURCE_COLUMNS: &[u8] =
    include_bytes!("../../../tests/fixtures/figures-no-source-columns.xlsx");

const HREF: &str = "  \"href\": \"https://example.org/illustrative-jsonstat\",\n";

/// What the checker and `esep-check` say about a file: the import's messages, else validation's
/// errors.
fn errors(name: &str, bytes: &[u8]) -> Vec<String> {
    match convert(name, bytes) {
        Err(e) => e.messages(),
        Ok(doc) => {
            let text = doc.map_or_else(|| String::from_utf8_lossy(bytes).into(), |d| d.to_string());
            let checked = crate::feed::check(&text).unwrap();
            checked.errors().map(ToString::to_string).collect()
        }
    }
}

#[test]
fn a_dataset_without_href_is_refused_once_in_jsonstat_terms() {
    assert!(JSONSTAT.contains(HREF));
    let without = JSONSTAT.replace(HREF, "");
    assert_eq!(
        errors("crime.jsonstat.json", without.as_bytes()),
        vec![
            "the dataset has no \"href\": add the address of the published table, \
             or name a source in \"extension.esep\" (\"source_url\")"
        ]
    );
    // A source named in the extension is enough.
    let named = without.replace(
        "\"id\": \"illustrative-jsonstat\",",
        "\"id\": \"illustrative-jsonstat\", \"source_url\": \"https://example.org/table\",",
    );
    assert_eq!(
        errors("crime.jsonstat.json", named.as_bytes()),
        Vec::<String>::new()
    );
    let doc = from_jsonstat(&named).unwrap();
    assert_eq!(doc["sources"][0]["url"], "https://example.org/table");
}

#[test]
fn each_missing_part_of_the_datasets_source_is_said_once() {
    let neither = JSONSTAT
        .replace(HREF, "")
        .replace("  \"updated\": \"2025-10-15\",\n", "");
    let said = errors("crime.jsonstat.json", neither.as_bytes());
    assert_eq!(said.len(), 2, "{said:#?}");
    assert!(
        said[1].starts_with("the dataset has no \"updated\""),
        "{said:#?}"
    );
    let ftp = JSONSTAT.replace(
        "https://example.org/illustrative-jsonstat",
        "ftp://example.org/t",
    );
    assert_eq!(
        errors("crime.jsonstat.json", ftp.as_bytes()),
        vec![
            "the dataset's \"href\" ('ftp://example.org/t') is not an http(s) address: \
             give the whole address of the published table, starting with https://"
        ]
    );
}

/// `TIDY` with `column` emptied in the rows whose id starts with `prefix`.
fn emptied(column: &str, prefix: &str) -> String {
    let rows = parse_csv(TIDY).unwrap();
    let at = rows[0].iter().position(|h| h == column).unwrap();
    let mut out = String::new();
    for (i, mut row) in rows.into_iter().enumerate() {
        if i > 0 && row[0].starts_with(prefix) {
            row[at].clear();
        }
        let quoted: Vec<String> = row
            .iter()
            .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
            .collect();
        out.push_str(&quoted.join(","));
        out.push('\n');
    }
    out
}

#[test]
fn a_table_without_source_addresses_is_refused_once_naming_the_rows() {
    // The two rows of Kazakhstan's figures are rows 8 and 9 of the file.
    assert_eq!(
        errors("figures.csv", emptied("source_url", "kz-").as_bytes()),
        vec!["'source_url' is empty in rows 8 and 9: add the address of the page each figure was published on"]
    );
    assert_eq!(
        errors("figures.csv", emptied("source_url", "").as_bytes()),
        vec!["'source_url' is empty in every row: add the address of the page each figure was published on"]
    );
    // Rows are the file's lines: a blank line and a field over two lines count.
    let spaced = emptied("source_url", "kz-")
        .replacen('\n', "\n\n", 1)
        .replacen(
            "\"regional prosecutor's office\"",
            "\"regional\nprosecutor's office\"",
            1,
        );
    assert_eq!(
        errors("figures.csv", spaced.as_bytes())[0],
        "'source_url' is empty in rows 10 and 11: add the address of the page each figure was published on"
    );
    // Only the first row of a source makes it: its date is the one that counts.
    let said = errors("figures.csv", emptied("source_date", "").as_bytes());
    assert_eq!(
        said,
        vec![
            "'source_date' is empty in rows 2, 4, 6 and 8: add the date the page was published, \
              such as 2025-12-27 (in the first row of each source)"
        ]
    );
    let shouting = TIDY.replace(",primary", ",PRIMARY");
    assert_eq!(
        errors("figures.csv", shouting.as_bytes()),
        vec![
            "'grade' is not a grade in row 2 ('PRIMARY'): \
              write primary, agency-via-mirror or secondary, or leave it empty (secondary)"
        ]
    );
}

#[test]
fn a_workbook_gives_the_same_feed_as_the_csv_of_its_rows() {
    let from_csv = convert("figures.csv", TIDY.as_bytes()).unwrap().unwrap();
    let from_xlsx = convert("figures.xlsx", XLSX).unwrap().unwrap();
    assert_eq!(from_xlsx, from_csv);
    // Percentages read as they show (-7 %, -3.8 %), dates as dates.
    assert_eq!(from_xlsx["observations"][0]["value"], -7.0);
    assert_eq!(from_xlsx["observations"][4]["value"], -3.8);
    assert_eq!(from_xlsx["sources"][0]["date"], "2025-12-27");
    assert_eq!(errors("figures.xlsx", XLSX), Vec::<String>::new());
    // Known by its content too, without the extension.
    assert!(is_workbook("figures", XLSX));
    assert_eq!(convert("figures", XLSX).unwrap().unwrap(), from_csv);
    assert!(!is_workbook("figures.csv", TIDY.as_bytes()));
}

#[test]
fn a_workbook_that_cannot_be_read_as_a_table_is_told_why() {
    assert_eq!(
        errors("figures.xlsx", XLSX_EMPTY_FIRST_SHEET),
        vec!["the first sheet ('notes') is empty: put the table there, with the column names in its first row"]
    );
    assert_eq!(
        errors("figures.xlsx", XLSX_NO_SOURCE_COLUMNS),
        vec!["not a tidy table: columns 'source_url' and 'source_date' are missing"]
    );
    assert_eq!(
        errors("figures.xlsx", TIDY.as_bytes()),
        vec!["not an Excel workbook (.xlsx): the file is not a workbook (an .xlsx file is a zip archive)"]
    );
}

#[test]
fn a_feed_is_left_as_it_is() {
    let feed = include_bytes!("../../../tests/feeds/good/minimal.json");
    assert_eq!(convert("minimal.json", feed), Ok(None));
    assert_eq!(
        convert("https://example.org/feeds/minimal.json", feed),
        Ok(None)
    );
}

//! `esep-check` on publishers' inputs, as a person runs it: what it prints and its exit code.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn esep_check(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_esep-check"))
        .args(args)
        .output()
        .unwrap()
}

fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_dataset_without_href_gets_one_line_and_exit_1() {
    let text = std::fs::read_to_string(fixture("crime.jsonstat.json")).unwrap();
    let without = text.replace(
        "  \"href\": \"https://example.org/illustrative-jsonstat\",\n",
        "",
    );
    assert_ne!(text, without);
    let path = std::env::temp_dir().join(format!("esep-no-href-{}.json", std::process::id()));
    std::fs::write(&path, without).unwrap();
    let out = esep_check(&[&path]);
    std::fs::remove_file(&path).ok();
    let shown = path.display();
    assert_eq!(
        lines(&out.stdout),
        vec![format!(
            "{shown}: error: the dataset has no \"href\": add the address of the published \
             table, or name a source in \"extension.esep\" (\"source_url\")"
        )]
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_workbook_is_checked_and_converted_like_the_csv_of_its_rows() {
    let xlsx = fixture("figures.xlsx");
    let out = esep_check(&[&xlsx]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let said = lines(&out.stdout);
    assert!(
        said.last().unwrap().ends_with(
            "figures.xlsx: 0 error(s), 1 warning(s); kept 8 observation(s), 5 metric(s), \
             2 area(s), 4 source(s)"
        ),
        "{said:#?}"
    );
    let convert = Path::new("--convert");
    let from_xlsx = esep_check(&[convert, &xlsx]);
    let from_csv = esep_check(&[convert, &fixture("figures.csv")]);
    assert_eq!(from_xlsx.status.code(), Some(0));
    assert!(!from_xlsx.stdout.is_empty());
    assert_eq!(from_xlsx.stdout, from_csv.stdout);
}

#[test]
fn a_workbook_without_a_table_in_its_first_sheet_is_refused() {
    let out = esep_check(&[&fixture("figures-empty-first-sheet.xlsx")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out.stdout).len(), 1);
    // A file that cannot be read at all is still exit 2.
    let out = esep_check(&[&fixture("no-such-file.xlsx")]);
    assert_eq!(out.status.code(), Some(2));
}

//! The native number formatter (`LocaleNumbers`, used by the golden files of every sentence)
//! against the page's own (`ui::format`, the browser's `Intl.NumberFormat`): this test writes
//! what `LocaleNumbers` says for a set of numbers into `tests/golden/numbers.json`, and
//! `e2e/numbers.test.mjs` formats the same numbers with `Intl` in Chromium, with the locales and
//! options `ui::format` uses, and asserts that the two agree.
//!
//! The test fails when the file is out of date; `ESEP_BLESS=1 cargo test --test numbers`
//! rewrites it.

use esep::feed::Lang;
use esep::present::{intl_locales, LocaleNumbers, Numbers};
use serde_json::{json, Value};

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/numbers.json");

/// Levels as the page formats them (`decimal(v, 1)`, counts with `decimal(n, 0)`): the feed's
/// own figures, grouping at every length, ties at the last digit kept (binary fractions that
/// are not exact: 0.15, 0.35, 1.45), negative values and one that rounds to zero.
const DECIMALS: [f64; 31] = [
    0.0,
    -0.0,
    1.0,
    7.0,
    53.1,
    76.0,
    999.0,
    1000.0,
    1196.0,
    1638.0,
    25000.0,
    44106.5,
    123900.0,
    157473.0,
    1234567.5,
    1e9,
    0.05,
    0.15,
    0.25,
    0.35,
    1.45,
    2.5,
    2.55,
    8.345,
    999.95,
    -7.0,
    -1234.5,
    -0.04,
    1.0 / 3.0,
    2.0 / 3.0,
    99999.99,
];

/// Changes as the page formats them (`percent(v, signed)`): signed ("+7,6 %", "−7 %"), and
/// unsigned sizes; ties at the first decimal (37.25, 1.25, 2.35), zero and near-zero.
const PERCENTS: [f64; 21] = [
    -0.0, -7.0, 7.6, -3.8, -30.2, -36.68, 37.25, 1.25, 2.35, -0.05, 0.0, 0.04, -0.04, 53.1, 100.0,
    1234.5, -60.5, 15.7, 0.15, 20.0, 8.65,
];

fn cases() -> Value {
    let mut cases = Vec::new();
    for lang in Lang::ALL {
        let nums = LocaleNumbers(lang);
        for &v in &DECIMALS {
            for digits in [0u8, 1] {
                cases.push(json!({
                    "lang": lang.name(),
                    "kind": "decimal",
                    "value": v,
                    "digits": digits,
                    "native": nums.decimal(v, digits),
                }));
            }
        }
        for &v in &PERCENTS {
            for signed in [true, false] {
                cases.push(json!({
                    "lang": lang.name(),
                    "kind": "percent",
                    "value": v,
                    "signed": signed,
                    "native": nums.percent(v, signed),
                }));
            }
        }
    }
    let mut locales = serde_json::Map::new();
    for lang in Lang::ALL {
        locales.insert(lang.name().to_owned(), json!(intl_locales(lang)));
    }
    json!({
        "about": "LocaleNumbers' output, written by tests/numbers.rs; e2e/numbers.test.mjs checks it against Intl.NumberFormat in Chromium.",
        "locales": locales,
        "cases": cases,
    })
}

#[test]
fn the_numbers_file_holds_what_the_native_formatter_writes() {
    // One case a line: the file reads as a table.
    let all = cases();
    let mut text = String::from("{\n");
    for key in ["about", "locales"] {
        text.push_str(&format!("  \"{key}\": {},\n", all[key]));
    }
    text.push_str("  \"cases\": [\n");
    let cases = all["cases"].as_array().unwrap();
    for (i, case) in cases.iter().enumerate() {
        let comma = if i + 1 < cases.len() { "," } else { "" };
        text.push_str(&format!("    {case}{comma}\n"));
    }
    text.push_str("  ]\n}\n");
    let _: Value = serde_json::from_str(&text).expect("the file is JSON");
    if std::env::var_os("ESEP_BLESS").is_some() {
        std::fs::write(FILE, &text).unwrap();
        return;
    }
    let old = std::fs::read_to_string(FILE).unwrap_or_default();
    assert!(
        old == text,
        "{FILE} is out of date: run `ESEP_BLESS=1 cargo test --test numbers`, then the e2e test \
         e2e/numbers.test.mjs"
    );
}

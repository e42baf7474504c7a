//! `esep-check FEED…`: the same report the page gives publishers. Every problem with its JSON
//! path; exit 1 when a file has errors, 2 when a file cannot be read at all.
//!
//! Takes esep feeds, JSON-stat 2.0 datasets, tidy CSV tables (columns as in the press services'
//! spreadsheets) and Excel workbooks laid out like them (`.xlsx`): the others are converted,
//! then checked the same way. A file that cannot be converted is refused with one line per
//! cause (exit 1). `esep-check --convert FILE` writes the converted esep feed on standard
//! output, with the report on standard error.
//! `esep-check publish FEED.json --base-url https://…/report/ --into DIR` writes what a press
//! service uploads next to the app: share pages, preview images, data bundles, the feed under
//! its version and the manifest (docs/publishing.md).

use std::process::ExitCode;

use esep::feed::import::convert;
use esep::feed::{self, Severity};

#[cfg(not(target_arch = "wasm32"))]
mod publish;

const USAGE: &str = "usage: esep-check FEED.json [FEED.json …]
       esep-check --convert DATA.csv|DATA.xlsx|DATA.jsonstat.json > feed.json
       esep-check publish FEED.json --base-url https://example.kz/report/ --into DIR [--feed-path feeds/FEED.json] [--date YYYY-MM-DD]";

/// Why a file gives no feed text: the exit code, and the lines to print.
struct Refused(u8, Vec<String>);

/// The esep feed text for a file: itself, or converted from JSON-stat, CSV or xlsx. A file that
/// cannot be read is exit code 2; one that cannot be converted, 1, with a line per cause.
fn feed_text(path: &str) -> Result<String, Refused> {
    let bytes =
        std::fs::read(path).map_err(|e| Refused(2, vec![format!("{path}: cannot read: {e}")]))?;
    match convert(path, &bytes) {
        Ok(None) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Ok(Some(doc)) => serde_json::to_string_pretty(&doc)
            .map_err(|e| Refused(1, vec![format!("{path}: error: {e}")])),
        Err(e) => Err(Refused(
            1,
            e.messages()
                .iter()
                .map(|m| format!("{path}: error: {m}"))
                .collect(),
        )),
    }
}

/// Prints the report for one feed text; returns 0, or 1 when it has errors.
fn report(path: &str, text: &str, out: &mut dyn std::io::Write) -> u8 {
    match feed::check(text) {
        Err(e) => {
            writeln!(out, "{path}: error: {e}").ok();
            1
        }
        Ok(checked) => {
            for p in &checked.problems {
                writeln!(out, "{path}: {p}").ok();
            }
            let f = &checked.feed;
            writeln!(
                out,
                "{path}: {} error(s), {} warning(s); kept {} observation(s), {} metric(s), {} area(s), {} source(s)",
                checked.errors().count(),
                checked.warnings().count(),
                f.observations.len(),
                f.metrics.len(),
                f.areas.len(),
                f.sources.len()
            )
            .ok();
            u8::from(
                checked
                    .problems
                    .iter()
                    .any(|p| p.severity == Severity::Error),
            )
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|p| p == "-h" || p == "--help") {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    #[cfg(not(target_arch = "wasm32"))]
    if args[0] == "publish" {
        return match publish::run(&args[1..]) {
            Ok(said) => {
                println!("{said}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(1)
            }
        };
    }
    if args[0] == "--convert" {
        let [_, path] = args.as_slice() else {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        };
        let feed = match feed_text(path) {
            Ok(f) => f,
            Err(Refused(code, lines)) => {
                for line in lines {
                    eprintln!("{line}");
                }
                return ExitCode::from(code);
            }
        };
        println!("{feed}");
        return ExitCode::from(report(path, &feed, &mut std::io::stderr()));
    }
    let mut worst = 0u8;
    for path in &args {
        match feed_text(path) {
            Ok(text) => worst = worst.max(report(path, &text, &mut std::io::stdout())),
            Err(Refused(code, lines)) => {
                for line in lines {
                    println!("{line}");
                }
                worst = worst.max(code);
            }
        }
    }
    ExitCode::from(worst)
}

//! `esep-check FEED…`: the same report the page gives publishers. Every problem with its JSON
//! path; exit 1 when a file has errors, 2 when a file cannot be read at all.
//!
//! Takes esep feeds and JSON-stat 2.0 datasets (converted, then checked the same way).
//! `esep-check --convert FILE` converts a JSON-stat dataset or a tidy CSV table (columns as in
//! the press services' spreadsheets) into an esep feed on standard output, with the report on
//! standard error.
//! `esep-check publish FEED.json --base-url https://…/report/ --into DIR` writes what a press
//! service uploads next to the app: share pages, preview images, data bundles, the feed under
//! its version and the manifest (docs/publishing.md).

use std::process::ExitCode;

use esep::feed::import::{from_jsonstat, from_tidy_csv, looks_like_jsonstat};
use esep::feed::{self, Severity};

#[cfg(not(target_arch = "wasm32"))]
mod publish;

const USAGE: &str = "usage: esep-check FEED.json [FEED.json …]
       esep-check --convert DATA.csv|DATA.jsonstat.json > feed.json
       esep-check publish FEED.json --base-url https://example.kz/report/ --into DIR [--feed-path feeds/FEED.json] [--date YYYY-MM-DD]";

/// Reads a file as text; `Err` carries the message.
fn read(path: &str) -> Result<String, String> {
    std::fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .map_err(|e| format!("{path}: cannot read: {e}"))
}

/// The esep feed text for a file: itself, or converted from JSON-stat / CSV.
fn as_feed(path: &str, text: String) -> Result<String, String> {
    let converted = if path.to_lowercase().ends_with(".csv") {
        let stem = std::path::Path::new(path)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("feed");
        Some(from_tidy_csv(&text, stem))
    } else if looks_like_jsonstat(&text) {
        Some(from_jsonstat(&text))
    } else {
        None
    };
    match converted {
        None => Ok(text),
        Some(Ok(doc)) => serde_json::to_string_pretty(&doc).map_err(|e| format!("{path}: {e}")),
        Some(Err(e)) => Err(format!("{path}: error: {e}")),
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
        let feed = match read(path).and_then(|t| as_feed(path, t)) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
        println!("{feed}");
        return ExitCode::from(report(path, &feed, &mut std::io::stderr()));
    }
    let mut worst = 0u8;
    for path in &args {
        match read(path).and_then(|t| as_feed(path, t)) {
            Ok(text) => worst = worst.max(report(path, &text, &mut std::io::stdout())),
            Err(e) => {
                println!("{e}");
                worst = 2;
            }
        }
    }
    ExitCode::from(worst)
}

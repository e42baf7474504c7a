//! `esep-check feed.json [more.json …]`: the same report the page gives publishers.
//! Prints every problem with its JSON path; exits 1 when any file has errors, 2 when a file
//! cannot be read at all.

use std::process::ExitCode;

use esep::feed::{self, Severity};

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() || paths.iter().any(|p| p == "-h" || p == "--help") {
        eprintln!("usage: esep-check FEED.json [FEED.json …]");
        return ExitCode::from(2);
    }
    let mut worst = 0u8;
    for path in &paths {
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                println!("{path}: cannot read: {e}");
                worst = worst.max(2);
                continue;
            }
        };
        match feed::check(&text) {
            Err(e) => {
                println!("{path}: error: {e}");
                worst = worst.max(1);
            }
            Ok(checked) => {
                for p in &checked.problems {
                    println!("{path}: {p}");
                }
                let errors = checked.errors().count();
                let warnings = checked.warnings().count();
                let f = &checked.feed;
                println!(
                    "{path}: {errors} error(s), {warnings} warning(s); kept {} observation(s), {} metric(s), {} area(s), {} source(s)",
                    f.observations.len(),
                    f.metrics.len(),
                    f.areas.len(),
                    f.sources.len()
                );
                if checked
                    .problems
                    .iter()
                    .any(|p| p.severity == Severity::Error)
                {
                    worst = worst.max(1);
                }
            }
        }
    }
    ExitCode::from(worst)
}

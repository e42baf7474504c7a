//! The feed corpus: every bad feed gives its expected error, every warning feed its warning
//! and no error, every good and bundled feed passes clean of errors.

use std::fs;
use std::path::{Path, PathBuf};

use esep::feed::{self, Severity};

fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    out.sort();
    out
}

/// Everything the checker says about a file, one line each, as `esep-check` prints it.
fn report(path: &Path) -> (Vec<String>, bool) {
    let text = String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned();
    match feed::check(&text) {
        Err(e) => (vec![format!("error: {e}")], true),
        Ok(c) => (
            c.problems.iter().map(ToString::to_string).collect(),
            c.problems.iter().any(|p| p.severity == Severity::Error),
        ),
    }
}

fn expected(path: &Path) -> String {
    let e = path.with_extension("expect");
    fs::read_to_string(&e)
        .unwrap_or_else(|_| panic!("{} has no .expect file", path.display()))
        .trim()
        .to_owned()
}

#[test]
fn the_bad_corpus_has_at_least_thirty_feeds_and_each_gives_its_error() {
    let bad = files("tests/feeds/bad");
    assert!(bad.len() >= 30, "only {} bad feeds", bad.len());
    let mut failures = Vec::new();
    for path in &bad {
        let want = expected(path);
        let (lines, has_error) = report(path);
        if !has_error || !lines.iter().any(|l| l.contains(&want)) {
            failures.push(format!("{}: want {want:?}, got {lines:#?}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_warning_feed_warns_and_has_no_error() {
    let warn = files("tests/feeds/warn");
    assert!(warn.len() >= 5);
    for path in &warn {
        let want = expected(path);
        let (lines, has_error) = report(path);
        assert!(!has_error, "{}: {lines:#?}", path.display());
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("warning:") && l.contains(&want)),
            "{}: want {want:?}, got {lines:#?}",
            path.display()
        );
    }
}

#[test]
fn good_feeds_have_no_problem_at_all() {
    for path in files("tests/feeds/good") {
        let (lines, _) = report(&path);
        assert!(lines.is_empty(), "{}: {lines:#?}", path.display());
    }
}

#[test]
fn bundled_feeds_have_no_error() {
    let bundled = files("public/feeds");
    assert!(!bundled.is_empty());
    for path in bundled {
        let (lines, has_error) = report(&path);
        assert!(!has_error, "{}: {lines:#?}", path.display());
    }
}

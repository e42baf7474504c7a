//! Imports go one way: the pure core (`feed`, `chart`, `plan`, `present`, `export`, `i18n`)
//! never reaches the browser or the page, and each file of `src/ui` imports only files on a lower
//! layer (docs/architecture.md draws them).

use std::fs;
use std::path::Path;

/// `src/ui`'s files, bottom to top; a file may import only files of a lower layer.
const UI_LAYERS: &[&[&str]] = &[
    // State and the address (the page's state, `?lang=`…), and pure helpers over the browser.
    &["state", "address", "format"],
    // Drawing: the canvas, and one backend type for the canvas and SVG.
    &["canvas"],
    &["backend"],
    // Browser APIs wrapped once (listeners, observers, downloads).
    &["browser"],
    // The element builder and the feed's loading.
    &["dom", "load"],
    // The feed's citable version: the footer line and the pinned banner.
    &["version"],
    // Small parts: the loading and error states, sharing and embedding.
    &["status", "share"],
    // The parts: one chart, the report, the embed, the checker.
    &["chart_view"],
    // A figure as a card (headlines and figures comparable with no other).
    &["card"],
    &["report", "embed"],
    // The checker page's Publish step, and the checker.
    &["publish_step"],
    &["checker"],
    // The shell and mounting, imported by nothing but `ui/mod.rs`.
    &["app"],
];

fn layer_of(name: &str) -> Option<usize> {
    UI_LAYERS.iter().position(|l| l.contains(&name))
}

/// The `super::name` modules a file names.
fn imports(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .match_indices("super::")
        .map(|(i, m)| {
            text[i + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect()
        })
        .filter(|n: &String| !n.is_empty())
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn every_ui_file_imports_only_lower_layers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut wrong = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if name == "mod" {
            continue;
        }
        let Some(own) = layer_of(&name) else {
            wrong.push(format!(
                "src/ui/{name}.rs is on no layer of tests/layers.rs"
            ));
            continue;
        };
        for used in imports(&fs::read_to_string(&path).unwrap()) {
            match layer_of(&used) {
                Some(l) if l < own => {}
                _ => wrong.push(format!(
                    "src/ui/{name}.rs imports {used}, which is not below it"
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_pure_core_never_reaches_the_page_or_the_browser() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![
        src.join("plan.rs"),
        src.join("present.rs"),
        src.join("export.rs"),
        src.join("i18n.rs"),
    ];
    let mut dirs = vec![
        src.join("feed"),
        src.join("chart"),
        src.join("i18n"),
        src.join("plan"),
    ];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    let mut wrong = Vec::new();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
    {
        let text = fs::read_to_string(path).unwrap();
        for banned in ["crate::ui", "web_sys", "leptos", "wasm_bindgen", "js_sys"] {
            if text.contains(banned) {
                wrong.push(format!("{} names {banned}", path.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_check_itself_sees_imports() {
    assert_eq!(
        imports("use super::dom::{el};\nfn f() { super::address::param(\"x\"); }"),
        ["address", "dom"]
    );
}

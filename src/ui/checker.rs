//! "Check a feed", a page of its own (`check/`, a separate wasm so that it weighs nothing on the
//! report's first visit): drop or choose a file, or give an address; the feed is validated and
//! previewed in the browser. Nothing is uploaded. JSON-stat, tidy CSV and Excel workbooks
//! (`.xlsx`) are converted first (`feed::import`, which only this page's wasm carries; the
//! workbook reader in a split module of its own).

use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

use serde_json::Value;
use wasm_bindgen::JsCast as _;

use super::address::param;
use super::format::PageNumbers;
use super::load::Loaded;
use super::report::report;
use super::state::Page;
use crate::feed::import::{self, ImportError};
use crate::feed::{self, Lang, Severity};
use crate::i18n;

/// What the checker makes of one file.
#[derive(Clone)]
enum Outcome {
    /// Readable: the problems and what will render, and the feed's text (for publishing).
    Checked(String, Loaded, String),
    /// Nothing of it can be used: why, one cause per line.
    Refused(String, Vec<String>),
}

/// Reads a workbook into its feed document: given by the checker page's binary
/// (`src/bin/esep-checker.rs`), where it is a split module of its own (`xlsx`), fetched when a
/// workbook comes. In this library, a split point would be exported by every page's wasm,
/// the report's too, with the whole workbook reader behind it. `Err(())`: it did not load.
pub type ReadWorkbook =
    fn(String, Vec<u8>) -> Pin<Box<dyn Future<Output = Result<Result<Value, ImportError>, ()>>>>;

/// Converts JSON-stat, CSV and xlsx, then checks, exactly as `esep-check` does.
async fn process(name: &str, bytes: &[u8], workbook: ReadWorkbook) -> Outcome {
    let converted = if import::is_workbook(name, bytes) {
        match workbook(name.to_owned(), bytes.to_vec()).await {
            Ok(read) => read.map(Some),
            Err(_) => {
                return Outcome::Refused(
                    name.to_owned(),
                    vec![
                        "the workbook reader did not load: check the connection and try again"
                            .into(),
                    ],
                )
            }
        }
    } else {
        import::convert_text(name, bytes)
    };
    let text = match converted {
        Ok(Some(doc)) => doc.to_string(),
        Ok(None) => String::from_utf8_lossy(bytes).into_owned(),
        Err(e) => return Outcome::Refused(name.to_owned(), e.messages()),
    };
    match feed::check(&text) {
        Ok(c) => Outcome::Checked(name.to_owned(), c.into(), text),
        Err(e) => Outcome::Refused(name.to_owned(), vec![e.to_string()]),
    }
}

/// The file's bytes (a workbook is no text).
async fn read_file(file: web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The page; `workbook` reads Excel workbooks ([`ReadWorkbook`]).
#[component]
pub fn Checker(workbook: ReadWorkbook) -> impl IntoView {
    let lang = Page::start(
        param("lang")
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or(Lang::En),
        true,
    )
    .lang;
    if let Some(root) = document().document_element() {
        root.set_attribute("lang", lang.get_untracked().code()).ok();
    }
    let (outcome, set_outcome) = signal(None::<Outcome>);
    let (busy, set_busy) = signal(false);
    let take = move |file: web_sys::File| {
        set_busy.set(true);
        let name = file.name();
        leptos::task::spawn_local(async move {
            let result = match read_file(file).await {
                Some(bytes) => process(&name, &bytes, workbook).await,
                None => Outcome::Refused(name.clone(), vec!["the file could not be read".into()]),
            };
            set_outcome.set(Some(result));
            set_busy.set(false);
        });
    };
    let on_input = move |ev: leptos::ev::Event| {
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            take(file);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            take(file);
        }
    };
    let (url, set_url) = signal(String::new());
    let fetch_url = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let address = url.get_untracked();
        if !super::load::is_fetchable(&address) {
            set_outcome.set(Some(Outcome::Refused(
                address,
                vec!["not an http(s) or relative address".into()],
            )));
            return;
        }
        // Addresses are read as text (`load::fetch_text`, the report's): a workbook is not.
        if address.trim_end().to_ascii_lowercase().ends_with(".xlsx") {
            set_outcome.set(Some(Outcome::Refused(
                address,
                vec![
                    "an Excel workbook is checked from the file: choose it or drop it above".into(),
                ],
            )));
            return;
        }
        set_busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match super::load::fetch_text(&address).await {
                Ok(text) => process(&address, text.as_bytes(), workbook).await,
                Err(e) => Outcome::Refused(address.clone(), vec![e.to_string()]),
            };
            set_outcome.set(Some(result));
            set_busy.set(false);
        });
    };
    let l = move || lang.get();
    let results = move || {
        outcome.get().map(|o| match o {
            Outcome::Refused(name, messages) => view! {
                <section class="error-panel" role="alert" data-testid="check-refused">
                    <h2>{name}</h2>
                    {messages.into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
                </section>
            }
            .into_any(),
            Outcome::Checked(name, loaded, text) => {
                let count = |s: Severity| loaded.problems.iter().filter(|p| p.severity == s).count();
                let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
                let rows = loaded
                    .problems
                    .iter()
                    .map(|p| {
                        let (class, tag) = match p.severity {
                            Severity::Error => ("sev-error", i18n::SEV_ERROR.get(l())),
                            Severity::Warning => ("sev-warning", i18n::SEV_WARNING.get(l())),
                        };
                        view! {
                            <tr class=class data-testid="problem">
                                <td>{tag}</td>
                                <td><code>{p.path.clone()}</code></td>
                                <td>{p.message.clone()}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let verdict = if errors > 0 { i18n::CHECK_BLOCKED.get(l()) } else { i18n::CHECK_OK.get(l()) };
                view! {
                    <section aria-labelledby="h-problems">
                        <h2 id="h-problems">{name}</h2>
                        <p class="check-summary" data-testid="check-summary">
                            {format!("{}. {verdict}", i18n::problem_counts(errors, warnings, l(), &PageNumbers::new(l())))}
                        </p>
                        <div class="table-wrap">
                            <table>
                                <thead>
                                    <tr>
                                        <th scope="col">{i18n::SEVERITY.get(l())}</th>
                                        <th scope="col">{i18n::PATH.get(l())}</th>
                                        <th scope="col">{i18n::MESSAGE.get(l())}</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    </section>
                    {(errors == 0).then(|| super::dom::hosted(move |root| super::publish_step::publish_step(root, text, l())))}
                    <section class="preview" aria-label=i18n::PREVIEW.get(l()) data-testid="preview">
                        <p class="note">{i18n::PREVIEW.get(l())}</p>
                        {super::dom::hosted(move |root| report(root, loaded))}
                    </section>
                }
                .into_any()
            }
        })
    };
    view! {
        <header class="topbar">
            <a class="brand" href="../">"esep"</a>
        </header>
        <main id="main" class="checker">
            <h1>{move || i18n::CHECK_TITLE.get(l())}</h1>
            <p>{move || i18n::CHECK_PRIVACY.get(l())}</p>
            <label
                class="drop"
                data-testid="drop"
                on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                on:drop=on_drop
            >
                <span>{move || i18n::CHECK_DROP.get(l())}</span>
                <input type="file" accept=".json,.csv,.xlsx,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" data-testid="file" on:change=on_input />
            </label>
            <form class="url-form" on:submit=fetch_url>
                <label>
                    {move || i18n::CHECK_URL.get(l())}
                    <input type="text" inputmode="url" autocomplete="url" data-testid="url" prop:value=url on:input=move |ev| set_url.set(event_target_value(&ev)) />
                </label>
                <button type="submit" class="action">{move || i18n::CHECK_LOAD.get(l())}</button>
            </form>
            <Show when=move || busy.get()>
                <p role="status">{move || i18n::LOADING.get(l())}</p>
            </Show>
            {results}
        </main>
    }
}

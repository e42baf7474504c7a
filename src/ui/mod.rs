//! The page, on Leptos signals and effects: its parts read the page's state from signals and hand
//! plain data to `feed`, `present` and `chart` (elements are made with `dom`).

mod address;
mod app;
mod backend;
mod browser;
mod canvas;
mod card;
mod chart_view;
mod checker;
mod dom;
mod embed;
mod format;
mod load;
mod publish_step;
pub(crate) mod report;
mod share;
mod state;
mod status;
mod version;

/// Installs the panic hook and mounts the report on `<body>` (`index.html`).
pub fn mount() {
    install_panic_hook();
    // In a task of its own, after the one that compiled and started the module: on a slow phone
    // each is tens of milliseconds, and the feed, preloaded, is often in before either.
    // (Leptos's own executor starts with the mount.)
    wasm_bindgen_futures::spawn_local(async {
        browser::next_task().await;
        leptos::mount::mount_to_body(app::report_app);
    });
}

/// Mounts the report with a comparison (`compare.html`), a separate wasm.
pub fn mount_compare() {
    install_panic_hook();
    leptos::mount::mount_to_body(app::compare_app);
}

/// Mounts one chart for an article's iframe (`embed.html`), a separate wasm.
pub fn mount_embed() {
    install_panic_hook();
    leptos::mount::mount_to_body(app::embed_app);
}

/// A panic stops the page. The reload panel is not drawn here but by the loader's guard
/// (`scripts/panic-guard.js`), which sees the WebAssembly trap the abort ends in: after a panic
/// nothing in the module can be trusted. Release builds abort at once (`scripts/trunk.sh`), so
/// the panic's message is written to the console only by builds with the stock panic runtime.
fn install_panic_hook() {
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
}

pub use checker::ReadWorkbook;

/// Mounts the feed checker page (`check/`), a separate wasm; `workbook` reads Excel workbooks.
pub fn mount_checker(workbook: ReadWorkbook) {
    install_panic_hook();
    leptos::mount::mount_to_body(move || leptos::view! { <checker::Checker workbook=workbook /> });
}

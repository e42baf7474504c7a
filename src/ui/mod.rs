//! Thin Leptos components: they read the page's state from signals and hand plain data to
//! `feed`, `present` and `chart`.

mod app;
mod chart_view;
mod checker;
mod embed;
mod format;
mod load;
pub(crate) mod report;
mod share;

pub use app::App;

/// Installs the panic hook and mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// Mounts the feed checker page (`check/`), a separate wasm.
pub fn mount_checker() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(checker::Checker);
}

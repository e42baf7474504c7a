//! Thin Leptos components: they read the page's state from signals and hand plain data to
//! `feed`, `present` and `chart`.

mod app;
mod backend;
mod chart_view;
mod checker;
mod dom;
mod embed;
mod format;
mod load;
pub(crate) mod report;
mod share;

pub use app::App;

/// Installs the panic hook and mounts the app on `<body>`.
pub fn mount() {
    install_panic_hook();
    leptos::mount::mount_to_body(App);
}

/// A panic anywhere is reported to the console once and replaces the frozen page with a panel
/// that says so, in the page's language, with a reload button. Built with plain DOM calls: after
/// a panic the reactive system cannot be trusted.
fn install_panic_hook() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static SHOWN: AtomicBool = AtomicBool::new(false);
    std::panic::set_hook(Box::new(|info| {
        if SHOWN.swap(true, Ordering::SeqCst) {
            return;
        }
        console_error_panic_hook::hook(info);
        show_panic_panel();
    }));
}

fn show_panic_panel() -> Option<()> {
    use wasm_bindgen::JsCast as _;
    let document = web_sys::window()?.document()?;
    let lang = document
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| crate::feed::Lang::from_code(&l))
        .unwrap_or_default();
    let panel = document.create_element("section").ok()?;
    panel.set_class_name("error-panel panic");
    panel.set_attribute("role", "alert").ok()?;
    panel.set_attribute("data-testid", "panic").ok()?;
    let title = document.create_element("h1").ok()?;
    title.set_text_content(Some(crate::i18n::PANIC_TITLE.get(lang)));
    let text = document.create_element("p").ok()?;
    text.set_text_content(Some(crate::i18n::PANIC_TEXT.get(lang)));
    let button = document.create_element("button").ok()?;
    button.set_class_name("retry");
    button.set_attribute("type", "button").ok()?;
    button.set_text_content(Some(crate::i18n::RELOAD.get(lang)));
    let reload = wasm_bindgen::closure::Closure::once_into_js(|| {
        if let Some(w) = web_sys::window() {
            w.location().reload().ok();
        }
    });
    button
        .add_event_listener_with_callback("click", reload.unchecked_ref())
        .ok()?;
    panel.append_child(&title).ok()?;
    panel.append_child(&text).ok()?;
    panel.append_child(&button).ok()?;
    let body = document.body()?;
    body.prepend_with_node_1(&panel).ok()?;
    Some(())
}

/// Mounts the feed checker page (`check/`), a separate wasm.
pub fn mount_checker() {
    install_panic_hook();
    leptos::mount::mount_to_body(checker::Checker);
}

//! The page: language, feed loading, and the loading and error states around the report.

use leptos::prelude::*;

use super::load::Loading;
use super::report::Report;
use super::share::param;
use crate::feed::{FeedError, Lang, LoadError};
use crate::i18n;

/// The reader's language, shared through context.
#[derive(Clone, Copy)]
pub struct ReaderLang(pub RwSignal<Lang>);

/// The feed's address when it is not the bundled one (`?feed=`), shown to readers.
#[derive(Clone)]
pub struct FeedAddress(pub Option<String>);

/// Counts changes of the system's light/dark preference, so canvases redraw in the new colours.
#[derive(Clone, Copy)]
pub struct ThemeChanged(pub RwSignal<u32>);

/// `?theme=dark|light` forces a theme (kept on `<html data-theme>`); otherwise the system's
/// preference applies, and a change of it redraws the charts.
fn set_up_theme(changed: RwSignal<u32>) {
    if let (Some(theme), Some(root)) = (param("theme"), document().document_element()) {
        if theme == "dark" || theme == "light" {
            root.set_attribute("data-theme", &theme).ok();
        }
    }
    if let Ok(Some(query)) = window().match_media("(prefers-color-scheme: dark)") {
        let on_change =
            wasm_bindgen::prelude::Closure::<dyn FnMut()>::new(move || changed.update(|n| *n += 1));
        query
            .add_event_listener_with_callback(
                "change",
                wasm_bindgen::JsCast::unchecked_ref(on_change.as_ref()),
            )
            .ok();
        // Lives as long as the page.
        on_change.forget();
    }
}

/// `?lang=` first, then the browser's languages; `None` when neither names one we speak.
fn preferred_lang() -> Option<Lang> {
    if let Some(l) = param("lang").as_deref().and_then(Lang::from_code) {
        return Some(l);
    }
    window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .find_map(|code| Lang::from_code(&code))
}

/// Keeps `?lang=` in the address so a shared link opens in the same language; Back returns to
/// the previous language.
fn remember_lang(lang: Lang) {
    super::share::set_param("lang", Some(lang.code()), true);
}

/// The browser's network state, shared through context, for the offline banner.
#[derive(Clone, Copy)]
pub struct Online(pub RwSignal<bool>);

/// Registers the service worker (offline reading) unless `?sw=off`, and follows online/offline.
fn set_up_offline(online: RwSignal<bool>) {
    for (event, value) in [("online", true), ("offline", false)] {
        let handle = window_event_listener_untyped(event, move |_| online.set(value));
        std::mem::forget(handle);
    }
    if param("sw").as_deref() == Some("off") {
        return;
    }
    let promise = window().navigator().service_worker().register("sw.js");
    // A refused registration (private mode, file://) only means no offline copy.
    leptos::task::spawn_local(async move {
        wasm_bindgen_futures::JsFuture::from(promise).await.ok();
    });
}

/// A printed report shows every data table: `<details>` open before printing.
fn open_details_when_printing() {
    let handle = window_event_listener(leptos::ev::beforeprint, |_| {
        if let Ok(all) = document().query_selector_all("details") {
            for i in 0..all.length() {
                if let Some(el) = all.item(i) {
                    if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(el) {
                        el.set_attribute("open", "").ok();
                    }
                }
            }
        }
    });
    // For the page's lifetime.
    std::mem::forget(handle);
}

#[component]
pub fn App() -> impl IntoView {
    let chosen = preferred_lang();
    let lang = RwSignal::new(chosen.unwrap_or_default());
    provide_context(ReaderLang(lang));
    let theme_changed = RwSignal::new(0u32);
    provide_context(ThemeChanged(theme_changed));
    set_up_theme(theme_changed);
    open_details_when_printing();
    let online = RwSignal::new(window().navigator().on_line());
    provide_context(Online(online));
    set_up_offline(online);
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            root.set_attribute("lang", lang.get().code()).ok();
        }
    });
    // Back and forward restore the language the address names.
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        // A link to `#main` or `#chart` also fires popstate: redraw only for a new language.
        if let Some(l) = param("lang").as_deref().and_then(Lang::from_code) {
            if lang.get_untracked() != l {
                lang.set(l);
            }
        }
    });
    on_cleanup(move || handle.remove());
    // A test hook for the panic panel (e2e): `?esep-panic=1` panics once the page is up.
    if param("esep-panic").as_deref() == Some("1") {
        Effect::new(|_| panic!("esep: test panic requested by ?esep-panic=1"));
    }
    let (address, bundled) = super::load::feed_address(param("feed"));
    provide_context(FeedAddress(if bundled {
        None
    } else {
        Some(address.clone())
    }));
    let on_loaded = move |checked: &crate::feed::Checked| {
        if chosen.is_none() {
            lang.set(checked.feed.lang);
        }
    };
    let feed = Loading::start(address.clone(), on_loaded);
    if let Some(chart) = param("embed") {
        return super::embed::Embed(super::embed::EmbedProps {
            chart,
            feed,
            address,
        })
        .into_any();
    }
    view! {
        <a class="skip" href="#main">{move || i18n::SKIP_TO_CONTENT.get(lang.get())}</a>
        <header class="topbar">
            <span class="brand">"esep"</span>
            <LangSwitch />
        </header>
        <main id="main" tabindex="-1">
            {move || match feed.state.get() {
                None => view! { <Skeleton /> }.into_any(),
                Some(Ok(checked)) => view! { <Report checked /> }.into_any(),
                Some(Err(error)) => {
                    let address = address.clone();
                    view! { <ErrorPanel error on_retry=move || feed.fetch(address.clone(), on_loaded) /> }
                        .into_any()
                }
            }}
        </main>
        <footer class="site-footer">
            <p>{move || i18n::NO_TRACKING.get(lang.get())}</p>
            <p class="credit">
                {move || i18n::MADE_WITH.get(lang.get())}
                " · "
                <a href="check/" data-testid="checker-link">{move || i18n::CHECK_TITLE.get(lang.get())}</a>
            </p>
        </footer>
    }
    .into_any()
}

/// Қазақша / Русский / English.
#[component]
fn LangSwitch() -> impl IntoView {
    let ReaderLang(lang) = expect_context();
    view! {
        <nav class="lang-switch" aria-label=move || i18n::LANGUAGE.get(lang.get())>
            {Lang::ALL
                .into_iter()
                .map(|l| {
                    view! {
                        <button
                            type="button"
                            lang=l.code()
                            aria-pressed=move || (lang.get() == l).to_string()
                            data-testid=format!("lang-{}", l.code())
                            on:click=move |_| {
                                lang.set(l);
                                remember_lang(l);
                            }
                        >
                            {l.endonym()}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// Grey blocks where the report will appear, so the page does not jump when it arrives.
#[component]
fn Skeleton() -> impl IntoView {
    let ReaderLang(lang) = expect_context();
    view! {
        <div class="skeleton" aria-busy="true" data-testid="loading">
            <p class="sr-only" role="status">{move || i18n::LOADING.get(lang.get())}</p>
            <div class="sk sk-title"></div>
            <div class="sk-cards">
                <div class="sk sk-card"></div>
                <div class="sk sk-card"></div>
                <div class="sk sk-card"></div>
            </div>
            <div class="sk sk-chart"></div>
        </div>
    }
}

/// A feed that could not be loaded or read: what happened, in the reader's words, and a retry.
#[component]
pub(super) fn ErrorPanel(error: FeedError, on_retry: impl Fn() + 'static) -> impl IntoView {
    let ReaderLang(lang) = expect_context();
    let is_load = matches!(error, FeedError::Load(_));
    let timeout = matches!(error, FeedError::Load(LoadError::Timeout { .. }));
    let status = match &error {
        FeedError::Load(LoadError::Http { status, .. }) => Some(*status),
        _ => None,
    };
    let detail = error.to_string();
    let network = matches!(error, FeedError::Load(LoadError::Network(_)));
    let external = use_context::<FeedAddress>().and_then(|a| a.0);
    let cors_hint = (network && external.is_some()).then(|| {
        view! { <p data-testid="cors-hint">{move || i18n::CORS_HINT.get(lang.get())}</p> }
    });
    let address = external.map(|a| view! { <p class="detail">{a}</p> });
    view! {
        <section class="error-panel" role="alert" data-testid="feed-error">
            <h1>{move || i18n::ERROR_TITLE.get(lang.get())}</h1>
            <p>
                {move || {
                    if timeout {
                        i18n::ERROR_TIMEOUT.get(lang.get())
                    } else if is_load {
                        i18n::ERROR_LOAD.get(lang.get())
                    } else {
                        i18n::ERROR_PARSE.get(lang.get())
                    }
                }}
                {status.map(|s| format!(" (HTTP {s})"))}
            </p>
            {cors_hint}
            {address}
            <button type="button" class="retry" on:click=move |_| on_retry()>
                {move || i18n::TRY_AGAIN.get(lang.get())}
            </button>
            <details>
                <summary>{move || i18n::DETAILS.get(lang.get())}</summary>
                <p class="detail">{detail}</p>
            </details>
        </section>
    }
}

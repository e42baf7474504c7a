//! The page: language, feed loading, and the loading and error states around the report.

use leptos::prelude::*;

use super::address::{param, set_param};
use super::browser::{owned_listeners, Listeners};
use super::dom::{el, filled, watch, El};
use super::load::Loading;
use super::report::report;
use super::state::{set_feed_address, Page};
use super::status::feed_part;
use crate::feed::Lang;
use crate::i18n;

/// `?theme=dark|light` forces a theme (kept on `<html data-theme>`); otherwise the system's
/// preference applies, and a change of it redraws the charts.
fn set_up_theme(changed: RwSignal<u32>, listeners: &Listeners) {
    if let (Some(theme), Some(root)) = (param("theme"), document().document_element()) {
        if theme == "dark" || theme == "light" {
            root.set_attribute("data-theme", &theme).ok();
        }
    }
    if let Ok(Some(query)) = window().match_media("(prefers-color-scheme: dark)") {
        listeners.on(&query, "change", move |_| changed.update(|n| *n += 1));
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
    set_param("lang", Some(lang.code()), true);
}

/// Registers the service worker (offline reading) unless `?sw=off`, and follows online/offline.
fn set_up_offline(online: RwSignal<bool>, listeners: &Listeners) {
    for (event, value) in [("online", true), ("offline", false)] {
        listeners.on(&window(), event, move |_| online.set(value));
    }
    if param("sw").as_deref() == Some("off") {
        return;
    }
    super::browser::register_service_worker("sw.js");
}

/// A printed report shows every data table: `<details>` open before printing.
fn open_details_when_printing(listeners: &Listeners) {
    listeners.on(&window(), "afterprint", |_| {
        super::browser::set_printing(false)
    });
    listeners.on(&window(), "beforeprint", |_| {
        super::browser::set_printing(true);
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
}

/// The report (`index.html`). The comparison and the embed are pages of their own, each its own
/// wasm, so that the report's first visit carries neither; addresses that ask the report for
/// them (`?compare=`, `?embed=`) are sent on to those pages.
pub fn report_app() {
    for (asks, page) in [("embed", "embed.html"), ("compare", "compare.html")] {
        if param(asks).is_some() {
            let location = window().location();
            let (search, hash) = (location.search(), location.hash());
            let to = format!(
                "{page}{}{}",
                search.unwrap_or_default(),
                hash.unwrap_or_default()
            );
            location.replace(&to).ok();
            return;
        }
    }
    report_page(report);
}

/// The report with `?compare=<feed>` on shared axes (`compare.html`).
pub fn compare_app() {
    report_page(super::report::report_compared);
}

/// One chart for a news article (`embed.html?embed=<chart>`).
pub fn embed_app() {
    let (_, address, feed) = shell(|_| {});
    if let Some(body) = document().body() {
        let chart = param("embed").unwrap_or_default();
        super::embed::embed(&body, chart, feed, address);
    }
}

/// Runs `on_loaded` when a feed arrives: the page takes the feed's language unless the reader
/// chose one.
fn follow_feed_lang(
    chosen: Option<Lang>,
    ahead: fn(&crate::feed::Feed),
) -> impl Fn(&crate::feed::Feed) + Copy + 'static {
    let lang = Page::get().lang;
    move |feed| {
        if chosen.is_none() {
            lang.set(feed.lang);
        }
        ahead(feed);
    }
}

/// What every page sets up first: the shared state, theme, printing, offline note, `<html lang>`,
/// back and forward, and the feed, which starts loading. Returns what to run when the feed
/// arrives (again, after "try again"), the feed's address and the feed being loaded.
fn shell(
    ahead: fn(&crate::feed::Feed),
) -> (
    impl Fn(&crate::feed::Feed) + Copy + 'static,
    String,
    Loading,
) {
    let chosen = preferred_lang();
    let Page {
        lang,
        redraw_charts,
        online,
        ..
    } = Page::start(chosen.unwrap_or_default(), window().navigator().on_line());
    // Listeners for the page's lifetime.
    let page_listeners = owned_listeners();
    set_up_theme(redraw_charts, &page_listeners);
    super::browser::watch_pixel_ratio(
        &page_listeners,
        std::rc::Rc::new(move || redraw_charts.update(|n| *n += 1)),
    );
    open_details_when_printing(&page_listeners);
    set_up_offline(online, &page_listeners);
    watch(move || {
        if let Some(root) = document().document_element() {
            root.set_attribute("lang", lang.get().code()).ok();
        }
    });
    // Back and forward restore the language the address names.
    owned_listeners().on(&window(), "popstate", move |_| {
        // A link to `#main` or `#chart` also fires popstate: redraw only for a new language.
        if let Some(l) = param("lang").as_deref().and_then(Lang::from_code) {
            if lang.get_untracked() != l {
                lang.set(l);
            }
        }
    });
    // A test hook for the panic panel (e2e): `?esep-panic=1` panics once the page is up.
    if param("esep-panic").as_deref() == Some("1") {
        watch(|| panic!("esep: test panic requested by ?esep-panic=1"));
    }
    let (address, bundled) = super::load::feed_address(param("feed"));
    set_feed_address((!bundled).then(|| address.clone()));
    // `?feed=`, else a version a citation pinned (`?v=`), else the bundled feed.
    let address = super::version::feed_path();
    let on_loaded = follow_feed_lang(chosen, ahead);
    let feed = Loading::start_versioned(address.clone(), on_loaded);
    (on_loaded, address, feed)
}

/// A report page in `<body>`: skip link, top bar, the report (or its loading and error states)
/// and the footer.
fn report_page(ready: impl Fn(&web_sys::Element, super::load::Loaded) + 'static) {
    let (on_loaded, address, feed) = shell(super::report::plan_ahead);
    // The page's own parts in the next task: the state and the feed's request above are a task
    // of their own on a slow phone.
    let owner = Owner::current().unwrap_or_default();
    leptos::task::spawn_local(async move {
        super::browser::next_task().await;
        let build = move || {
            let Some(body) = document().body() else {
                return;
            };
            let lang = Page::get().lang;
            filled(&body, |root, l, _| {
                el("a")
                    .class("skip")
                    .attr("href", "#main")
                    .text(i18n::SKIP_TO_CONTENT.get(l))
                    .append_to(root);
            });
            let top = el("header")
                .class("topbar")
                .child(el("span").class("brand").text("esep"));
            lang_switch(&top.0, lang);
            let main = el("main").attr("id", "main").attr("tabindex", "-1");
            body.append_with_node_2(&top.0, &main.0).ok();
            feed_part(
                &main.0,
                feed,
                address,
                on_loaded,
                |root| filled(root, |root, l, _| skeleton(l).append_to(root)),
                ready,
            );
            filled(&body, |root, l, _| footer(l).append_to(root));
        };
        owner.with(build);
    });
}

/// No tracking; made with esep; the feed checker.
fn footer(l: Lang) -> El {
    el("footer")
        .class("site-footer")
        .child(el("p").text(i18n::NO_TRACKING.get(l)))
        .child(
            el("p")
                .class("credit")
                .text(i18n::MADE_WITH.get(l))
                .text(" · ")
                .child(
                    el("a")
                        .attr("href", "check/")
                        .attr("data-testid", "checker-link")
                        .text(i18n::CHECK_TITLE.get(l)),
                ),
        )
}

/// Қазақша / Русский / English: three buttons made once (a pressed one keeps its focus), their
/// state and the group's label following the language.
fn lang_switch(parent: &web_sys::Element, lang: RwSignal<Lang>) {
    let nav = el("nav").class("lang-switch");
    let listeners = owned_listeners();
    let buttons: Vec<web_sys::Element> = Lang::ALL
        .into_iter()
        .map(|l| {
            let b = el("button")
                .attr("type", "button")
                .attr("lang", l.code())
                .attr("data-testid", &format!("lang-{}", l.code()))
                .text(l.endonym());
            listeners.on(&b.0, "click", move |_| {
                lang.set(l);
                remember_lang(l);
            });
            nav.0.append_with_node_1(&b.0).ok();
            b.0
        })
        .collect();
    let nav = nav.0;
    parent.append_with_node_1(&nav).ok();
    watch(move || {
        let current = lang.get();
        nav.set_attribute("aria-label", i18n::LANGUAGE.get(current))
            .ok();
        for (b, l) in buttons.iter().zip(Lang::ALL) {
            b.set_attribute("aria-pressed", if l == current { "true" } else { "false" })
                .ok();
        }
    });
}

/// Grey blocks where the report will appear, so the page does not jump when it arrives.
fn skeleton(l: Lang) -> El {
    let block = |class: &str| el("div").class(class);
    el("div")
        .class("skeleton")
        .attr("aria-busy", "true")
        .attr("data-testid", "loading")
        .child(
            el("p")
                .class("sr-only")
                .attr("role", "status")
                .text(i18n::LOADING.get(l)),
        )
        .child(block("sk sk-title"))
        .child(
            block("sk-cards")
                .child(block("sk sk-card"))
                .child(block("sk sk-card"))
                .child(block("sk sk-card")),
        )
        .child(block("sk sk-chart"))
}

//! `?embed=<chart>`: one chart for a news article. Title, chart, summary, source, the data
//! licence, an "esep" credit and a link to the full report; no page chrome. The embed tells its
//! parent page its height (`esep:height`, a number and nothing else) so `embed.js` can size it.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast as _, JsValue};

use super::app::{error_panel, ReaderLang};
use super::chart_view::ChartView;
use super::format::IntlNumbers;
use super::load::Loading;
use crate::feed::Feed;
use crate::i18n;
use crate::plan::plan;

/// Posts the document's height to the parent window, when framed.
fn post_height() {
    let Some(parent) = window().parent().ok().flatten() else {
        return;
    };
    if parent == window() {
        return;
    }
    let Some(root) = document().document_element() else {
        return;
    };
    let height = f64::from(root.scroll_height());
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"type".into(), &"esep:height".into()).ok();
    js_sys::Reflect::set(&message, &"height".into(), &JsValue::from_f64(height)).ok();
    // Height only: no data leaves the frame, so any parent may read it.
    parent.post_message(&message, "*").ok();
}

/// Reports the height now and whenever the content's size changes.
fn watch_height() {
    let on_resize =
        Closure::<dyn FnMut(JsValue, JsValue)>::new(|_: JsValue, _: JsValue| post_height());
    if let (Ok(ro), Some(body)) = (
        web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()),
        document().body(),
    ) {
        ro.observe(&body);
        // Both live as long as the embed.
        std::mem::forget(ro);
        on_resize.forget();
    }
}

#[component]
pub fn Embed(
    /// The chart's id (`crime-changes`).
    chart: String,
    /// The feed being loaded.
    feed: Loading,
    /// Its address, for "try again".
    address: String,
) -> impl IntoView {
    if let Some(root) = document().document_element() {
        root.class_list().add_1("embed").ok();
    }
    watch_height();
    view! {
        <main id="main" class="embed-main">
            {move || match feed.state.get() {
                None => view! { <div class="sk sk-chart"></div> }.into_any(),
                Some(Ok(loaded)) => view! { <EmbeddedChart feed=loaded.feed chart=chart.clone() /> }.into_any(),
                Some(Err(error)) => {
                    let address = address.clone();
                    error_panel(error, move || feed.fetch(address.clone(), |_| {})).into_any()
                }
            }}
        </main>
    }
}

#[component]
fn EmbeddedChart(feed: Arc<Feed>, chart: String) -> impl IntoView {
    let ReaderLang(lang) = expect_context();
    move || {
        let l = lang.get();
        let nums = IntlNumbers::new(l);
        let found = plan(&feed, l, &nums)
            .into_iter()
            .flat_map(|s| s.charts)
            .find(|c| c.id == chart);
        let report = format!("{}?lang={}#{chart}", super::share::base_url(), l.code());
        let licence = feed
            .licence
            .as_ref()
            .map(|lic| format!("{}: {}", i18n::LICENCE.get(l), lic.name))
            .unwrap_or_else(|| i18n::NO_LICENCE.get(l).to_owned());
        let body = match found {
            Some(plan) => {
                view! { <ChartView plan feed=feed.clone() lang=l embedded=true /> }.into_any()
            }
            None => {
                view! { <p class="chart-failed" role="alert">{i18n::CHART_NOT_FOUND.get(l)}</p> }
                    .into_any()
            }
        };
        view! {
            <h1 class="sr-only">{format!("{} — {}", feed.text(&feed.title, l), feed.text(&feed.publisher, l))}</h1>
            {body}
            <p class="embed-credit" data-testid="embed-credit">
                {format!("{}: {}. {licence} ", i18n::CREDIT.get(l), feed.text(&feed.publisher, l))}
                <a href=report target="_blank" rel="noopener" data-testid="full-report">{i18n::FULL_REPORT.get(l)}" ↗"</a>
                " · esep"
            </p>
        }
    }
}

//! The embed page (`embed.html?embed=<chart>`, a wasm of its own): one chart for a news article. Title, chart, summary, source, the data
//! licence, an "esep" credit and a link to the full report; no page chrome. The embed tells its
//! parent page its height (`esep:height`, a number and nothing else) so `embed.js` can size it.

use std::sync::Arc;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsValue;

use super::address::page_url;
use super::browser::Resize;
use super::card::figure_card;
use super::chart_view::chart_figure;
use super::dom::{el, filled};
use super::format::PageNumbers;
use super::load::Loading;
use super::status::feed_part;
use crate::feed::Feed;
use crate::i18n;
use crate::plan::plan;
use crate::present::{compiled_by, credit_line};

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
    // The page's own height, not `scrollHeight`, which is never less than the frame's: a
    // short embed (a card) must be able to shrink its frame.
    let height = root.get_bounding_client_rect().height().ceil();
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"type".into(), &"esep:height".into()).ok();
    js_sys::Reflect::set(&message, &"height".into(), &JsValue::from_f64(height)).ok();
    // Height only: no data leaves the frame, so any parent may read it.
    parent.post_message(&message, "*").ok();
}

/// Reports the height now and whenever the content's size changes, as long as the embed.
fn watch_height() {
    post_height();
    let Some(body) = document().body() else {
        return;
    };
    if let Ok(resize) = Resize::observe(&body, std::rc::Rc::new(post_height)) {
        let kept = SendWrapper::new(resize);
        on_cleanup(move || drop(kept));
    }
}

/// `?embed=<chart>`: one chart, credited, sized to its content, for an iframe in an article.
pub fn embed(body: &web_sys::Element, chart: String, feed: Loading, address: String) {
    if let Some(root) = document().document_element() {
        root.class_list().add_1("embed").ok();
    }
    watch_height();
    let main = el("main").attr("id", "main").class("embed-main").0;
    body.append_with_node_1(&main).ok();
    feed_part(
        &main,
        feed,
        address,
        |_| {},
        |root| {
            root.append_with_node_1(&el("div").class("sk sk-chart").0)
                .ok();
        },
        move |root, loaded| embedded_chart(root, loaded.feed, chart.clone()),
    );
}

/// The chart, a heading for screen readers, and the credit line with a link to the report.
fn embedded_chart(parent: &web_sys::Element, feed: Arc<Feed>, chart: String) {
    filled(parent, move |root, l, _| {
        let nums = PageNumbers::new(l);
        // An id from before a chart became cards leads to its successor.
        let chart = crate::plan::successor(&feed, &chart).to_owned();
        let sections = plan(&feed, l, &nums);
        let card = sections
            .iter()
            .flat_map(|s| &s.cards)
            .find(|c| c.id == chart)
            .and_then(|c| feed.observation_at(c.observation));
        let found = sections
            .into_iter()
            .flat_map(|s| s.charts)
            .find(|c| c.id == chart);
        let report = format!("{}?lang={}#{chart}", page_url("index.html"), l.code());
        let licence = feed
            .licence
            .as_ref()
            .map(|lic| format!("{}: {}", i18n::LICENCE.get(l), lic.name))
            .unwrap_or_else(|| i18n::NO_LICENCE.get(l).to_owned());
        // "Illustrative: not real data. " before the heading's and the credit's words.
        let note = match feed.illustrative {
            true => format!("{}. ", i18n::ILLUSTRATIVE.get(l)),
            false => String::new(),
        };
        let heading = el("h1").class("sr-only").text(&format!(
            "{note}{}. {}",
            feed.text(&feed.title, l),
            compiled_by(&feed, l)
        ));
        // Who gave the chart's figures, and who compiled them; the compiler alone without a chart.
        let credit = match (&found, card) {
            (Some(plan), _) => credit_line(&feed, &plan.observations, l),
            (None, Some(o)) => credit_line(&feed, &[o.index], l),
            (None, None) => format!("{}.", compiled_by(&feed, l)),
        };
        let body = match (found, card) {
            (Some(plan), _) => chart_figure(plan, feed.clone(), l, true),
            (None, Some(o)) => {
                el("ul")
                    .class("cards")
                    .child(figure_card(&feed, o, l, false))
                    .0
            }
            (None, None) => {
                el("p")
                    .class("chart-failed")
                    .attr("role", "alert")
                    .text(i18n::CHART_NOT_FOUND.get(l))
                    .0
            }
        };
        let full = el("a")
            .attr("href", &report)
            .attr("target", "_blank")
            .attr("rel", "noopener")
            .attr("data-testid", "full-report")
            .text(i18n::FULL_REPORT.get(l))
            .text(" ↗");
        let credit = el("p")
            .class("embed-credit")
            .attr("data-testid", "embed-credit")
            .text(&format!("{note}{credit} {licence} "))
            .child(full)
            .text(" · esep");
        root.append_with_node_3(&heading.0, &body, &credit.0).ok();
    });
}

//! What has come of loading a feed, around a part of a page: waiting, the part itself, or the
//! error panel with "try again".

use std::rc::Rc;

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::dom::{button, details, el, filled, live};
use super::load::Loading;
use super::state::feed_address;
use crate::feed::{FeedError, Lang, LoadError};
use crate::i18n;

/// What has come of loading a feed, in `parent`: `waiting` while it is on its way, `ready` with
/// the feed once it is read, or the error panel, whose "try again" loads `address` again (and
/// runs `on_loaded` on success).
pub fn feed_part(
    parent: &web_sys::Element,
    feed: Loading,
    address: String,
    on_loaded: impl Fn(&crate::feed::Feed) + Copy + 'static,
    waiting: impl Fn(&web_sys::Element) + 'static,
    ready: impl Fn(&web_sys::Element, super::load::Loaded) + 'static,
) {
    live(parent, move |root, _| {
        let state = feed.state.get();
        untrack(|| match state {
            None => waiting(root),
            Some(Ok(loaded)) => ready(root, loaded),
            Some(Err(error)) => {
                let address = address.clone();
                error_panel(root, error, move || feed.fetch(address.clone(), on_loaded));
            }
        });
    });
}

/// A feed that could not be loaded or read: the panel's heading and "try again" at once, then
/// what happened in the reader's words, from the split module `failed` (the messages of every
/// error and their three languages are about 1.3 KB of the page's wasm, which a page that loads
/// its feed never needs). The panel carries its test id once complete, or once the split module
/// could not be fetched: then the heading and "try again" are all it says.
fn error_panel(parent: &web_sys::Element, error: FeedError, on_retry: impl Fn() + 'static) {
    let on_retry = Rc::new(on_retry);
    filled(parent, move |root, l, listeners| {
        let retry = button("retry").text(i18n::TRY_AGAIN.get(l));
        let again = on_retry.clone();
        listeners.on(&retry.0, "click", move |_| again());
        let panel = el("section")
            .class("error-panel")
            .attr("role", "alert")
            .child(el("h1").text(i18n::ERROR_TITLE.get(l)))
            .child(retry);
        let section = panel.0.clone();
        panel.append_to(root);
        let error = error.clone();
        leptos::task::spawn_local(async move {
            explain(section.clone(), error, l).await.ok();
            section.set_attribute("data-testid", "feed-error").ok();
        });
    });
}

/// Adds to the error `panel` (heading, then "try again") what went wrong, the address of a feed
/// from elsewhere with a hint when its host did not answer, and the error's own words under
/// "Details". A panel whose part was rebuilt meanwhile (another language) is left alone.
#[wasm_split(failed, wasm_split_path = leptos::wasm_split, fallible)]
fn explain(panel: web_sys::Element, error: FeedError, l: Lang) -> Result<(), SplitLoaderError> {
    let Some(retry) = panel.last_element_child().filter(|_| panel.is_connected()) else {
        return Ok(());
    };
    let message = match &error {
        FeedError::Load(LoadError::Timeout { .. }) => i18n::ERROR_TIMEOUT.get(l),
        FeedError::Load(_) => i18n::ERROR_LOAD.get(l),
        FeedError::Parse(_) => i18n::ERROR_PARSE.get(l),
    };
    let status = match &error {
        FeedError::Load(LoadError::Http { status, .. }) => format!(" (HTTP {status})"),
        _ => String::new(),
    };
    let external = feed_address();
    let network = matches!(error, FeedError::Load(LoadError::Network(_)));
    // A pinned version (`?v=`) whose file is not on the site.
    let gone = super::address::pinned()
        .filter(|_| matches!(error, FeedError::Load(LoadError::Http { status: 404, .. })))
        .map(|v| super::version::gone(&v, l));
    let before = [
        Some(el("p").text(message).text(&status)),
        gone,
        (network && external.is_some()).then(|| {
            el("p")
                .attr("data-testid", "cors-hint")
                .text(i18n::CORS_HINT.get(l))
        }),
        external.as_deref().map(|a| el("p").class("detail").text(a)),
    ];
    for part in before.into_iter().flatten() {
        panel.insert_before(&part.0, Some(&retry)).ok();
    }
    details()
        .child(el("summary").text(i18n::DETAILS.get(l)))
        .child(el("p").class("detail").text(&error.to_string()))
        .append_to(&panel);
    Ok(())
}

/// What is wrong in the feed, for the publisher, into its `section` (empty, unstyled) under the
/// report's header (the valid rest still renders): its errors, in a closed list. From the split
/// module `failed`.
#[wasm_split(failed, wasm_split_path = leptos::wasm_split, fallible)]
pub fn problems(
    section: web_sys::Element,
    problems: std::sync::Arc<[crate::feed::Problem]>,
    l: Lang,
) -> Result<(), SplitLoaderError> {
    let items = el("ul");
    let mut n = 0;
    for p in problems
        .iter()
        .filter(|p| p.severity == crate::feed::Severity::Error)
    {
        el("li").text(&p.to_string()).append_to(&items.0);
        n += 1;
    }
    super::dom::El(section)
        .class("problems")
        .attr("role", "status")
        .child(el("p").text(i18n::PROBLEMS_TITLE.get(l)))
        .child(
            details()
                .child(el("summary").text(&format!("{} ({n})", i18n::DETAILS.get(l))))
                .child(items),
        )
        .attr("data-testid", "problems");
    Ok(())
}

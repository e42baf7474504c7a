//! What has come of loading a feed, around a part of a page: waiting, the part itself, or the
//! error panel with "try again".

use leptos::prelude::*;

use super::dom::{button, details, el, filled, live};
use super::load::Loading;
use super::state::feed_address;
use crate::feed::{FeedError, LoadError};
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

/// A feed that could not be loaded or read: what happened, in the reader's words, and a retry.
fn error_panel(parent: &web_sys::Element, error: FeedError, on_retry: impl Fn() + 'static) {
    let external = feed_address();
    let on_retry = std::rc::Rc::new(on_retry);
    filled(parent, move |root, l, listeners| {
        let message = match &error {
            FeedError::Load(LoadError::Timeout { .. }) => i18n::ERROR_TIMEOUT.get(l),
            FeedError::Load(_) => i18n::ERROR_LOAD.get(l),
            FeedError::Parse(_) => i18n::ERROR_PARSE.get(l),
        };
        let status = match &error {
            FeedError::Load(LoadError::Http { status, .. }) => format!(" (HTTP {status})"),
            _ => String::new(),
        };
        let network = matches!(error, FeedError::Load(LoadError::Network(_)));
        // A pinned version (`?v=`) whose file is not on the site.
        let gone = super::address::pinned()
            .filter(|_| matches!(error, FeedError::Load(LoadError::Http { status: 404, .. })))
            .map(|v| super::version::gone(&v, l));
        let retry = button("retry").text(i18n::TRY_AGAIN.get(l));
        let again = on_retry.clone();
        listeners.on(&retry.0, "click", move |_| again());
        let panel = el("section")
            .class("error-panel")
            .attr("role", "alert")
            .attr("data-testid", "feed-error")
            .child(el("h1").text(i18n::ERROR_TITLE.get(l)))
            .child(el("p").text(message).text(&status))
            .opt(gone)
            .opt((network && external.is_some()).then(|| {
                el("p")
                    .attr("data-testid", "cors-hint")
                    .text(i18n::CORS_HINT.get(l))
            }))
            .opt(external.as_deref().map(|a| el("p").class("detail").text(a)))
            .child(retry)
            .child(
                details()
                    .child(el("summary").text(i18n::DETAILS.get(l)))
                    .child(el("p").class("detail").text(&error.to_string())),
            );
        panel.append_to(root);
    });
}

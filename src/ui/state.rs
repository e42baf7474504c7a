//! The page's shared state, at the bottom of `ui`: the reader's language, the redraw counter,
//! the network state and the feed's address. Imports nothing of `ui`.

use leptos::prelude::*;

use crate::feed::Lang;

/// What every part of the page shares. Kept in a thread-local rather than in Leptos contexts:
/// a page has one of each, and contexts would bring a map keyed by type into the wasm.
#[derive(Clone, Copy)]
pub struct Page {
    /// The reader's language.
    pub lang: RwSignal<Lang>,
    /// Counts what charts must be drawn again for: a change of the system's light/dark
    /// preference (new colours) or of the screen's pixel ratio (zoom, another screen).
    pub redraw_charts: RwSignal<u32>,
    /// The browser's network state, for the offline banner.
    pub online: RwSignal<bool>,
}

thread_local! {
    static PAGE: std::cell::Cell<Option<Page>> = const { std::cell::Cell::new(None) };
    static FEED_ADDRESS: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// The page's feed's text until its version is computed, the version, and whether the
    /// site published it (see `version`).
    static VERSION: std::cell::RefCell<(Option<String>, Option<String>, Option<bool>)> = const { std::cell::RefCell::new((None, None, None)) };
}

/// The page's feed's citable version (SHA-256, hex) once the browser has computed it, and
/// whether the site published link previews and data bundles for this very version
/// (`share/version.txt`; `None` until known, or when nothing was published). Set by
/// `ui::version`; read where a link or a citation is made, so not reactive.
pub fn version() -> (Option<String>, Option<bool>) {
    VERSION.with_borrow(|v| (v.1.clone(), v.2))
}

/// Sets what `version` returns.
pub fn set_version(version: Option<String>, published: Option<bool>) {
    VERSION.with_borrow_mut(|v| (v.1, v.2) = (version, published));
}

/// Keeps the text of the page's own feed until its version is computed (`ui::version`).
pub fn keep_feed_text(text: String) {
    VERSION.with_borrow_mut(|v| v.0 = Some(text));
}

/// The text kept by `keep_feed_text`, once.
pub fn take_feed_text() -> Option<String> {
    VERSION.with_borrow_mut(|v| v.0.take())
}

impl Page {
    /// Makes the page's state, in `lang` and with the browser's network state `online`, and
    /// sets it for every part to read; before anything reads it.
    pub fn start(lang: Lang, online: bool) -> Page {
        let page = Page {
            lang: RwSignal::new(lang),
            redraw_charts: RwSignal::new(0),
            online: RwSignal::new(online),
        };
        PAGE.with(|p| p.set(Some(page)));
        page
    }

    /// The page's state (English, online, when nothing has started it).
    pub fn get() -> Page {
        PAGE.with(|p| p.get())
            .unwrap_or_else(|| Page::start(Lang::En, true))
    }
}

/// The feed's address when it is not the bundled one (`?feed=`), shown to readers.
pub fn feed_address() -> Option<String> {
    FEED_ADDRESS.with_borrow(Clone::clone)
}

/// Sets what `feed_address` returns.
pub fn set_feed_address(address: Option<String>) {
    FEED_ADDRESS.set(address);
}

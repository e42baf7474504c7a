//! A small element builder for the page: the report's cards, tables and source lists, each
//! chart's furniture, the loading and error states. Built with plain DOM calls rather than
//! `view!`, because every distinct `view!` type costs the first visit its own compiled code.
//! Leptos keeps what it is best at: `live` parts are rebuilt by one effect when the signals they
//! read change, and what a part made is disposed of with it.
//!
//! Text always goes in as text nodes, never as markup, so labels from a feed cannot inject HTML.

use std::cell::RefCell;

use leptos::prelude::*;

use super::browser::{owned_listeners, Listeners};
use super::state::Page;
use crate::feed::Lang;
use wasm_bindgen::UnwrapThrowExt as _;

/// An element being built.
pub struct El(pub web_sys::Element);

/// A new element. Tag names are literals in this crate; creating one cannot fail.
pub fn el(tag: &str) -> El {
    El(document().create_element(tag).unwrap_throw())
}

/// `<button type="button">` with a class (legend items, actions, retry).
pub fn button(class: &str) -> El {
    el("button").attr("type", "button").class(class)
}

/// `<a>` to an outside address, opened in a new tab without handing it this page.
pub fn link(href: &str, text: &str) -> El {
    el("a")
        .attr("href", href)
        .attr("target", "_blank")
        .attr("rel", "noopener noreferrer")
        .text(text)
}

/// A `<details>`, open when made while the page is printed. `beforeprint` opens every part the
/// page has then (`app::open_details_when_printing`); a part made after it (by a split module,
/// or in a later task of the report's build) opens itself.
pub fn details() -> El {
    let made = el("details");
    match super::browser::printing() {
        true => made.attr("open", ""),
        false => made,
    }
}

impl El {
    pub fn class(self, class: &str) -> El {
        self.0.set_class_name(class);
        self
    }

    pub fn attr(self, name: &str, value: &str) -> El {
        self.0.set_attribute(name, value).ok();
        self
    }

    /// Appends `text` as a text node.
    pub fn text(self, text: &str) -> El {
        self.0.append_with_str_1(text).ok();
        self
    }

    pub fn child(self, child: El) -> El {
        self.0.append_with_node_1(&child.0).ok();
        self
    }

    /// Appends this element to `parent` (parts and lists built in loops).
    pub fn append_to(self, parent: &web_sys::Element) {
        parent.append_with_node_1(&self.0).ok();
    }

    pub fn opt(self, child: Option<El>) -> El {
        match child {
            Some(c) => self.child(c),
            None => self,
        }
    }
}

/// Runs `f` now and again whenever a signal it reads changes, until the current owner goes.
/// Every effect of the page goes through here: each `Effect::new` with a closure type of its
/// own compiles Leptos's effect machinery again (about 0.5 KB of wasm each).
pub fn watch(f: impl Fn() + 'static) {
    watch_boxed(Box::new(f));
}

fn watch_boxed(f: Box<dyn Fn()>) {
    Effect::new(move |_| f());
}

/// What `live` calls to (re)build its part.
type Build = Box<dyn Fn(&web_sys::Element, &Listeners)>;

/// A part of the page (`<div class="part">`, laid out as if absent) appended to `parent` and
/// built by `build`, again whenever a signal `build` reads changes. Before each rebuild, and
/// when the owner goes, what the last build made is dropped: its listeners, and the effects
/// and charts it created (they belong to this part's effect).
pub fn live(parent: &web_sys::Element, build: impl Fn(&web_sys::Element, &Listeners) + 'static) {
    live_boxed(parent, Box::new(build));
}

/// `live` without its type parameter: one compiled copy of the effect for all callers.
fn live_boxed(parent: &web_sys::Element, build: Build) {
    let root = el("div").class("part").0;
    parent.append_with_node_1(&root).ok();
    let listeners = owned_listeners();
    watch(move || {
        listeners.clear();
        root.replace_children_with_node_0();
        build(&root, &listeners);
    });
}

/// What `filled` calls to (re)build its part into the element it is given.
type Fill = Box<dyn Fn(&web_sys::Element, Lang, &Listeners)>;

/// A part rebuilt whenever the reader's language changes: `build` appends its elements to the
/// part's root, in the reader's language.
pub fn filled(
    parent: &web_sys::Element,
    build: impl Fn(&web_sys::Element, Lang, &Listeners) + 'static,
) {
    filled_boxed(parent, Box::new(build));
}

/// `filled` without its type parameter: one compiled copy of the rebuild for all callers.
fn filled_boxed(parent: &web_sys::Element, build: Fill) {
    let lang = Page::get().lang;
    live(parent, move |root, listeners| {
        let l = lang.get();
        untrack(|| build(root, l, listeners));
    });
}

/// A `<div class="part">` for a `view!` (the checker page), filled once by `build` when mounted.
/// Emptied first: when the view around it is rebuilt with one of the same shape (the checker's
/// next file), Leptos keeps the element, with what the last `build` put in it.
pub fn hosted(build: impl FnOnce(&web_sys::Element) + 'static) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    let build = RefCell::new(Some(build));
    Effect::new(move |_| {
        if let (Some(root), Some(build)) = (root.get(), build.borrow_mut().take()) {
            root.set_text_content(None);
            untrack(|| build(&root));
        }
    });
    view! { <div class="part" node_ref=root></div> }
}

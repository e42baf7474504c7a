//! A small element builder for the parts of the page that are written once per language: the
//! report's cards, tables and source lists, and each chart's furniture. Built with plain DOM
//! calls rather than `view!`, because every distinct `view!` type costs the first visit its own
//! compiled code, and these parts have many shapes and no reactive state of their own.
//!
//! Text always goes in as text nodes, never as markup, so labels from a feed cannot inject HTML.

use std::cell::RefCell;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::app::ReaderLang;
use crate::feed::Lang;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast as _, UnwrapThrowExt as _};

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

    pub fn opt(self, child: Option<El>) -> El {
        match child {
            Some(c) => self.child(c),
            None => self,
        }
    }

    pub fn children(self, children: Vec<El>) -> El {
        for c in children {
            self.0.append_with_node_1(&c.0).ok();
        }
        self
    }
}

type Listener = (
    web_sys::EventTarget,
    &'static str,
    Closure<dyn FnMut(web_sys::Event)>,
);

/// Event listeners added by hand, removed together when their part of the page goes away.
#[derive(Default)]
pub struct Listeners(RefCell<Vec<Listener>>);

impl Listeners {
    pub fn on(
        &self,
        target: &web_sys::EventTarget,
        event: &'static str,
        f: impl FnMut(web_sys::Event) + 'static,
    ) {
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        target
            .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
            .ok();
        self.0.borrow_mut().push((target.clone(), event, closure));
    }

    /// Removes every listener (and drops what their closures hold).
    pub fn clear(&self) {
        for (target, event, closure) in self.0.take() {
            target
                .remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
                .ok();
        }
    }
}

/// An element that Leptos places and `build` fills, again whenever the reader's language
/// changes. The listeners `build` adds are removed before each rebuild and with the element.
pub fn filled(build: impl Fn(Lang, &Listeners) -> Vec<El> + 'static) -> impl IntoView {
    fill(Box::new(build))
}

/// What `filled` calls to build its parts.
type Build = Box<dyn Fn(Lang, &Listeners) -> Vec<El>>;

/// `filled` without its type parameter: one compiled copy of the effect and the view for all
/// callers.
fn fill(build: Build) -> AnyView {
    let ReaderLang(lang) = expect_context();
    let root = NodeRef::<leptos::html::Div>::new();
    let listeners = std::rc::Rc::new(Listeners::default());
    let owned = SendWrapper::new(listeners.clone());
    on_cleanup(move || owned.clear());
    Effect::new(move |_| {
        let l = lang.get();
        if let Some(root) = root.get() {
            listeners.clear();
            root.replace_children_with_node_0();
            for part in build(l, &listeners) {
                root.append_with_node_1(&part.0).ok();
            }
        }
    });
    view! { <div class="part" node_ref=root></div> }.into_any()
}

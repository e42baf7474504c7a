//! The feed's citable version on the page: "Data version 3f2a9c0d41b7" with a permanent link
//! under the sources, and, on a pinned address (`?v=`), a banner that says so and links to the
//! current version with what was corrected since (docs/publishing.md).

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::address::pinned;
use super::dom::{el, live, El};
use super::load::fetch_text;
use super::state::Page;
use crate::feed::{self, Lang};
use crate::i18n;

/// The report without `?v=`, in `l`.
fn current(l: Lang) -> El {
    el("a")
        .attr("href", &format!("./?lang={}", l.code()))
        .attr("data-testid", "current-version")
        .text(i18n::CURRENT_VERSION.get(l))
}

/// Where the publish step writes the version it published (docs/publishing.md).
pub const PUBLISHED: &str = "share/version.txt";

/// Under the sources: the version once the browser has computed it; a permanent link when the
/// site published this version, or a note that its previews and bundles are older. Its code
/// (and the version's) is in the split module `version`, fetched after the first screen.
pub fn line(parent: &web_sys::Element) {
    let (parent, owner) = (parent.clone(), Owner::current());
    leptos::task::spawn_local(async move {
        version_line(parent, owner).await.ok();
    });
}

#[wasm_split(version, wasm_split_path = leptos::wasm_split, fallible)]
fn version_line(parent: web_sys::Element, owner: Option<Owner>) -> Result<(), SplitLoaderError> {
    let page = Page::get();
    // The first time: the page's feed, kept since it arrived, is hashed, and the site asked
    // whether it published this version.
    if let Some(text) = super::state::take_feed_text() {
        leptos::task::spawn_local(async move {
            let Some(version) = super::browser::sha256_hex(&text).await else {
                return;
            };
            drop(text);
            page.version.set(Some(version.clone()));
            if let Ok(published) = fetch_text(PUBLISHED).await {
                page.published.set(Some(published.trim() == version));
            }
        });
    }
    let build = move || {
        live(&parent, move |root, _| {
            let (l, published) = (page.lang.get(), page.published.get());
            let Some(v) = page.version.get() else {
                return;
            };
            let short = crate::publish::version::short(&v);
            let p = el("p")
                .attr("data-testid", "version")
                .text(&format!("{}: {short}", i18n::DATA_VERSION.get(l)));
            let p = match published {
                Some(true) if pinned().is_none() => p.text(" · ").child(
                    el("a")
                        .attr("href", &format!("?v={short}&lang={}", l.code()))
                        .text(i18n::THIS_VERSION.get(l)),
                ),
                Some(false) if pinned().is_none() => p.text(". ").text(i18n::STALE.get(l)),
                _ => p,
            };
            p.append_to(root);
        })
    };
    // The part belongs to the sources section: it goes when they are rebuilt.
    match owner {
        Some(owner) => owner.with(build),
        None => build(),
    }
    Ok(())
}

/// On a pinned address: which version this is, and the way to the current one with what was
/// corrected since (the current feed's `changes`), or that it is the current one. From the
/// split module `pinned`: only pinned addresses fetch it.
pub fn banner(parent: &web_sys::Element, v: String) {
    let (parent, owner) = (parent.clone(), Owner::current());
    leptos::task::spawn_local(async move {
        if let Some(owner) = owner {
            pinned_banner(parent, v, owner).await.ok();
        }
    });
}

#[wasm_split(pinned, wasm_split_path = leptos::wasm_split, fallible)]
fn pinned_banner(
    parent: web_sys::Element,
    v: String,
    owner: Owner,
) -> Result<(), SplitLoaderError> {
    owner.with(|| pinned_part(&parent, v));
    Ok(())
}

fn pinned_part(parent: &web_sys::Element, v: String) {
    let changes = RwSignal::new(None::<feed::Text>);
    live(parent, move |root, _| {
        let page = Page::get();
        let (l, published) = (page.lang.get(), page.published.get());
        let note = match (published, changes.get()) {
            (Some(true), _) => Some(el("span").text(i18n::IS_CURRENT.get(l))),
            (_, Some(text)) => {
                let said = text.get(l, l);
                (!said.is_empty())
                    .then(|| el("span").text(&format!("{} {said}", i18n::CORRECTED.get(l))))
            }
            _ => None,
        };
        el("aside")
            .class("pinned")
            .attr("role", "note")
            .attr("data-testid", "pinned")
            .text(&format!("{} {v}. ", i18n::PINNED.get(l)))
            .opt(note)
            .text(" ")
            .child(current(l))
            .append_to(root);
    });
    // What the current feed says was corrected: fetched once, after the pinned one.
    leptos::task::spawn_local(async move {
        if let Ok(text) = fetch_text(feed::BUNDLED_FEED).await {
            if let Ok(c) = feed::read(&text) {
                changes.set(Some(c.feed.changes));
            }
        }
    });
}

/// A pinned version whose file is gone: said plainly, with the way to the current version.
pub fn gone(v: &str, l: Lang) -> El {
    el("p")
        .attr("data-testid", "pinned-gone")
        .text(&format!("{} {v}. ", i18n::PINNED_GONE.get(l)))
        .child(current(l))
}

/// Where the page's feed is: the one `?feed=` names, the pinned version, or the bundled one.
pub fn feed_path() -> String {
    match (super::state::feed_address(), pinned()) {
        (Some(address), _) => address,
        (None, Some(v)) => format!("feeds/archive/{v}.json"),
        (None, None) => feed::BUNDLED_FEED.to_owned(),
    }
}

/// Today in the reader's clock, `2026-12-03`: a citation's retrieval date.
fn today() -> String {
    let date = js_sys::Date::new_0();
    let two = |n: u32| {
        if n < 10 {
            format!("0{n}")
        } else {
            n.to_string()
        }
    };
    format!(
        "{}-{}-{}",
        date.get_full_year(),
        two(date.get_month() + 1),
        two(date.get_date())
    )
}

/// What a citation and a bundle of these figures say, in `lang`: `id` is a chart's id, or
/// `None` for the whole report. The address cited is the pinned version when the site keeps
/// it, else the report.
pub struct Citing<'a> {
    pub feed: &'a feed::Feed,
    pub lang: Lang,
    pub id: Option<&'a str>,
    pub title: &'a str,
    pub observations: &'a [usize],
}

impl Citing<'_> {
    /// Calls `with` with the citation (version and date filled in).
    pub fn cited<T>(&self, with: impl FnOnce(crate::publish::cite::Cited) -> T) -> T {
        let page = Page::get();
        let version = page.version.get_untracked().unwrap_or_default();
        let short = crate::publish::version::short(&version);
        let pin = match (page.published.get_untracked(), pinned()) {
            (_, Some(v)) => format!("v={v}&"),
            (Some(true), None) => format!("v={short}&"),
            _ => String::new(),
        };
        let hash = self.id.map(|id| format!("#{id}")).unwrap_or_default();
        let url = format!(
            "{}?{pin}lang={}{hash}",
            super::address::base_url(),
            self.lang.code()
        );
        let retrieved = today();
        with(crate::publish::cite::Cited {
            feed: self.feed,
            lang: self.lang,
            title: self.title,
            observations: self.observations,
            version: &version,
            url: &url,
            retrieved: &retrieved,
        })
    }

    /// The data bundle as a ZIP: `feed_bytes` for the whole report's.
    pub fn zip(
        &self,
        description: &str,
        computed: &[crate::feed::derive::Computed],
        feed_bytes: Option<&[u8]>,
    ) -> Vec<u8> {
        let path = feed_path();
        let feed_url = super::address::page_url(&path);
        let archive = Page::get()
            .version
            .get_untracked()
            .map(|v| {
                super::address::page_url(&format!(
                    "feeds/archive/{}.json",
                    crate::publish::version::short(&v)
                ))
            })
            .unwrap_or_default();
        self.cited(|cited| {
            crate::publish::bundle::Bundle {
                cited,
                id: self.id.unwrap_or("all"),
                description,
                computed,
                feed_url: &feed_url,
                archive_url: &archive,
                feed_bytes,
                plain: super::format::js_number,
            }
            .zip()
        })
    }
}

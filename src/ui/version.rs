//! The feed's citable version on the page: "Data version 3f2a9c0d41b7" with a permanent link
//! under the sources, and, on a pinned address (`?v=`), a banner that says so and links to the
//! current version with what was corrected since (docs/publishing.md).

use leptos::prelude::*;

use super::address::pinned;
use super::dom::{el, El};
use super::load::fetch_text;
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

/// Under the sources (`parent`, built again for each language, from the split module `end`):
/// "Data version 3f2a9c0d41b7", with a permanent link when the site published this version, or
/// a note that its previews and bundles are older; how to cite the report; on a pinned
/// address, the banner at the top. The first call hashes the page's feed and asks the site
/// what it published.
pub fn fill(parent: web_sys::Element, feed: std::sync::Arc<feed::Feed>, l: Lang) {
    let Some(text) = super::state::take_feed_text() else {
        said(&parent, &feed, l);
        return;
    };
    leptos::task::spawn_local(async move {
        if let Some(version) = super::browser::sha256_hex(&text).await {
            drop(text);
            // What the site published is about its own feed, not one that `?feed=` names.
            let own = super::state::feed_address().is_none();
            let published = match own {
                true => fetch_text(PUBLISHED).await.ok(),
                false => None,
            };
            let current = published.map(|p| p.trim() == version);
            super::state::set_version(Some(version), current);
        }
        said(&parent, &feed, l);
    });
}

/// The version line and the citation in `parent`, and the pinned banner.
fn said(parent: &web_sys::Element, feed: &feed::Feed, l: Lang) {
    let (version, published) = super::state::version();
    let own = pinned().filter(|_| super::state::feed_address().is_none());
    if let Some(v) = &version {
        let short = crate::publish::version::short(v);
        let p = el("p")
            .attr("data-testid", "version")
            .text(&format!("{}: {short}", i18n::DATA_VERSION.get(l)));
        let p = match (published, &own) {
            (Some(true), None) => p.text(" · ").child(
                el("a")
                    .attr("href", &format!("?v={short}&lang={}", l.code()))
                    .text(i18n::THIS_VERSION.get(l)),
            ),
            (Some(false), None) => p.text(". ").text(i18n::STALE.get(l)),
            _ => p,
        };
        p.append_to(parent);
    }
    let all: Vec<usize> = feed.observations.iter().map(|o| o.index).collect();
    let citing = Citing {
        feed,
        lang: l,
        id: None,
        title: feed.text(&feed.title, l),
        observations: &all,
    };
    citing.said(None, true).append_to(parent);
    if let Some(v) = own {
        banner(v, l);
    }
}

/// On a pinned address: which version this is, and the way to the current one with what was
/// corrected since (the current feed's `changes`), or that it is the current one; in the
/// header's place for it.
fn banner(v: String, l: Lang) {
    let Some(place) = document().get_element_by_id("pinned") else {
        return;
    };
    let note = el("span");
    let note_el = note.0.clone();
    let aside = el("aside")
        .class("pinned")
        .attr("role", "note")
        .attr("data-testid", "pinned")
        .text(&format!("{} {v}. ", i18n::PINNED.get(l)))
        .child(note)
        .text(" ")
        .child(current(l));
    place.replace_children_with_node_0();
    aside.append_to(&place);
    // Whether the current feed is this version, else what it says was corrected since.
    leptos::task::spawn_local(async move {
        let Ok(text) = fetch_text(feed::BUNDLED_FEED).await else {
            return;
        };
        let same = super::browser::sha256_hex(&text)
            .await
            .is_some_and(|now| crate::publish::version::short(&now) == v);
        let said = match same {
            true => i18n::IS_CURRENT.get(l).to_owned(),
            false => match feed::read(&text) {
                Ok(c) if !c.feed.text(&c.feed.changes, l).is_empty() => {
                    format!(
                        "{} {}",
                        i18n::CORRECTED.get(l),
                        c.feed.text(&c.feed.changes, l)
                    )
                }
                _ => return,
            },
        };
        note_el.set_text_content(Some(&said));
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

/// Today (UTC), `2026-12-03`: a citation's retrieval date.
fn today() -> String {
    crate::publish::date_from_days((js_sys::Date::now() / 86_400_000.0) as i64)
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
        let (version, published) = super::state::version();
        let version = version.unwrap_or_default();
        let short = crate::publish::version::short(&version);
        let pin = match (published, pinned()) {
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

    /// "How to cite": the reference and a plain sentence, with the feed's version and today's
    /// date, and (with `listeners`) a button that copies both. Folded in a `<details>` of its
    /// own for the report; a chart's is under its data table, itself folded.
    pub fn said(&self, listeners: Option<&super::browser::Listeners>, folded: bool) -> El {
        let l = self.lang;
        let (reference, plain) = self.cited(|c| (c.reference(), c.plain()));
        let copy = listeners.map(|listeners| {
            let copy = super::dom::button("action").text(i18n::COPY.get(l));
            let status = el("span").attr("role", "status");
            let (status_el, text) = (status.0.clone(), format!("{reference}\n\n{plain}"));
            listeners.on(&copy.0, "click", move |_| {
                let copied = super::browser::copy_text(&text);
                status_el.set_text_content(copied.then(|| i18n::COPIED.get(l)));
            });
            el("p").child(copy).child(status)
        });
        // Folded: two long sentences a reader opens when citing, not on every reading.
        let (made, head) = match folded {
            true => (super::dom::details(), "summary"),
            false => (el("div"), "h3"),
        };
        made.class("cite")
            .attr("data-testid", "cite")
            .child(el(head).text(i18n::CITE.get(l)))
            .child(
                el("p")
                    .attr("data-testid", "cite-reference")
                    .text(&reference),
            )
            .child(el("p").attr("data-testid", "cite-plain").text(&plain))
            .opt(copy)
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
        let archive = super::state::version()
            .0
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

//! Each chart can be shared (Web Share, or the link copied) or embedded in another page.

use leptos::prelude::*;
use wasm_bindgen::{JsCast as _, JsValue};

use super::address::{base_url, page_url};
use super::browser::call;
use super::browser::Listeners;
use super::dom::{button, el};
use crate::feed::Lang;
use crate::i18n;

/// "Share": the Web Share API where there is one, else the link is copied. Returns what to
/// tell the reader ("Link copied", or the link itself when it could not be copied).
pub fn share(id: &str, title: &str, lang: Lang) -> Option<String> {
    let url = match shared_page(id, lang) {
        Some(page) => page,
        None => format!(
            "{}{}#{id}",
            base_url(),
            window().location().search().unwrap_or_default()
        ),
    };
    let navigator: JsValue = window().navigator().into();
    let can_share = js_sys::Reflect::get(&navigator, &JsValue::from_str("share"))
        .map(|f| f.is_function())
        .unwrap_or(false);
    if can_share {
        let data = js_sys::Object::new();
        js_sys::Reflect::set(&data, &"title".into(), &JsValue::from_str(title)).ok();
        js_sys::Reflect::set(&data, &"url".into(), &JsValue::from_str(&url)).ok();
        if let Some(Ok(p)) = call(&navigator, "share", &[data.into()])
            .ok()
            .map(|p| p.dyn_into::<js_sys::Promise>())
        {
            // Cancelling the share sheet rejects the promise: nothing to report.
            leptos::task::spawn_local(async move {
                wasm_bindgen_futures::JsFuture::from(p).await.ok();
            });
        }
        None
    } else if super::browser::copy_text(&url) {
        Some(i18n::LINK_COPIED.get(lang).to_owned())
    } else {
        Some(url)
    }
}

/// The chart's share page (`share/<chart>-<lang>.html`, with its link preview), when the site
/// published one for the version the page shows (docs/publishing.md); pinned pages share
/// themselves.
pub fn shared_page(id: &str, lang: Lang) -> Option<String> {
    let current = super::state::version().1 == Some(true);
    (current && super::address::pinned().is_none())
        .then(|| page_url(&format!("share/{id}-{}.html", lang.code())))
}

/// The iframe snippet for a chart, as offered to newsrooms; `embed` is the address of the
/// embed page (`embed.html`, a wasm of its own without the report around the chart).
pub fn snippet(embed: &str, id: &str, lang: Lang, title: &str) -> String {
    let title = title
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    let dir = embed.rsplit_once('/').map_or(embed, |(d, _)| d);
    format!(
        "<iframe src=\"{embed}?embed={id}&amp;lang={lang}\" title=\"{title}\" width=\"100%\" height=\"520\" \
style=\"border:0;width:100%;max-width:800px\" loading=\"lazy\" \
sandbox=\"allow-scripts allow-same-origin allow-popups allow-downloads\" \
allow=\"clipboard-write; web-share\" data-esep-embed></iframe>\n\
<script src=\"{dir}/embed.js\" async></script>",
        lang = lang.code()
    )
}

/// "Embed": the snippet to copy and a live preview, as the panel under the Embed button.
pub fn embed_panel(id: &str, title: &str, lang: Lang, listeners: &Listeners) -> web_sys::Element {
    let embed = page_url("embed.html");
    let code = snippet(&embed, id, lang, title);
    let preview = format!("{embed}?embed={id}&lang={}", lang.code());
    let copy = button("action").text(i18n::COPY.get(lang));
    let status = el("span").attr("role", "status");
    let status_el = status.0.clone();
    let text = code.clone();
    listeners.on(&copy.0, "click", move |_| {
        let copied = super::browser::copy_text(&text);
        status_el.set_text_content(copied.then(|| i18n::LINK_COPIED.get(lang)));
    });
    el("div")
        .class("embed-panel")
        .attr("id", &format!("embed-{id}"))
        .attr("data-testid", "embed-panel")
        .child(
            el("label").text(i18n::EMBED_CODE.get(lang)).child(
                el("textarea")
                    .attr("readonly", "")
                    .attr("rows", "5")
                    .attr("data-testid", "embed-code")
                    .text(&code),
            ),
        )
        .child(copy)
        .child(status)
        .opt(shared_page(id, lang).map(|page| {
            el("p")
                .text(&format!("{} ", i18n::PREVIEW_LINK.get(lang)))
                .child(
                    el("a")
                        .attr("href", &page)
                        .attr("data-testid", "share-page")
                        .text(&page),
                )
        }))
        // Created when the panel first opens, so it needs no lazy loading.
        .child(
            el("iframe")
                .attr("src", &preview)
                .attr("title", i18n::EMBED_PREVIEW.get(lang))
                .class("embed-preview")
                .attr(
                    "sandbox",
                    "allow-scripts allow-same-origin allow-popups allow-downloads",
                ),
        )
        .0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_is_a_sandboxed_lazy_iframe_with_the_host_script() {
        let s = snippet(
            "https://example.kz/report/embed.html",
            "crime-changes",
            Lang::Kk,
            "A \"B\" <c>",
        );
        assert!(s.contains(
            "src=\"https://example.kz/report/embed.html?embed=crime-changes&amp;lang=kk\""
        ));
        assert!(
            s.contains("sandbox=\"allow-scripts allow-same-origin allow-popups allow-downloads\"")
        );
        assert!(s.contains("allow=\"clipboard-write; web-share\""));
        assert!(s.contains("loading=\"lazy\""));
        assert!(s.contains("title=\"A &quot;B&quot; &lt;c>\""));
        assert!(s.contains("<script src=\"https://example.kz/report/embed.js\" async></script>"));
    }
}

//! The address holds the reader's view (language, theme, hidden series, the chart in view), and
//! each chart can be shared or embedded in another page.

use leptos::prelude::*;
use wasm_bindgen::{JsCast as _, JsValue};

use super::browser::call;
use super::dom::{button, el, Listeners};
use crate::feed::Lang;
use crate::i18n;

/// A query parameter of the page's address.
pub fn param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// Sets (or removes) a query parameter; `push` adds a history entry, so Back returns to the
/// previous view, otherwise the current entry is replaced.
pub fn set_param(name: &str, value: Option<&str>, push: bool) {
    let location = window().location();
    let (Ok(search), Ok(path), Ok(hash)) =
        (location.search(), location.pathname(), location.hash())
    else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    if params.get(name).as_deref() == value {
        return;
    }
    match value {
        Some(v) => params.set(name, v),
        None => params.delete(name),
    }
    let query = String::from(params.to_string());
    let url = if query.is_empty() {
        format!("{path}{hash}")
    } else {
        format!("{path}?{query}{hash}")
    };
    if let Ok(history) = window().history() {
        if push {
            history
                .push_state_with_url(&JsValue::NULL, "", Some(&url))
                .ok();
        } else {
            history
                .replace_state_with_url(&JsValue::NULL, "", Some(&url))
                .ok();
        }
    }
}

/// Hidden series of one chart, from `?hide=chart:1,2;other:0`.
pub fn hidden_series(chart: &str, n: usize) -> Vec<bool> {
    let mut hidden = vec![false; n];
    if let Some(spec) = param("hide") {
        for part in spec.split(';') {
            if let Some((id, list)) = part.split_once(':') {
                if id == chart {
                    for i in list.split(',').filter_map(|x| x.parse::<usize>().ok()) {
                        if let Some(h) = hidden.get_mut(i) {
                            *h = true;
                        }
                    }
                }
            }
        }
    }
    // Never everything hidden.
    if !hidden.is_empty() && hidden.iter().all(|h| *h) {
        hidden[0] = false;
    }
    hidden
}

/// Writes one chart's hidden series into `?hide=`, keeping the other charts' entries.
pub fn remember_hidden(chart: &str, hidden: &[bool]) {
    let mut parts: Vec<String> = param("hide")
        .unwrap_or_default()
        .split(';')
        .filter(|p| !p.is_empty() && p.split_once(':').is_some_and(|(id, _)| id != chart))
        .map(str::to_owned)
        .collect();
    let list: Vec<String> = hidden
        .iter()
        .enumerate()
        .filter(|(_, h)| **h)
        .map(|(i, _)| i.to_string())
        .collect();
    if !list.is_empty() {
        parts.push(format!("{chart}:{}", list.join(",")));
    }
    let value = parts.join(";");
    set_param("hide", (!value.is_empty()).then_some(value.as_str()), false);
}

/// The address of `page` (such as `embed.html`) next to this one: the report, its comparison
/// and its embeds lie in one folder.
pub fn page_url(page: &str) -> String {
    let mut here = base_url();
    // Up to the last '/' (a byte search: the reverse `str` searcher costs wasm for one call).
    if let Some(slash) = here.bytes().rposition(|b| b == b'/') {
        here.truncate(slash);
    }
    format!("{here}/{page}")
}

/// The page's address without query or hash.
pub fn base_url() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// Copies text with the Clipboard API; `false` where the browser has none.
fn copy_text(text: &str) -> bool {
    let navigator: JsValue = window().navigator().into();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")) else {
        return false;
    };
    if clipboard.is_undefined() {
        return false;
    }
    match call(&clipboard, "writeText", &[JsValue::from_str(text)]) {
        Ok(promise) => {
            if let Ok(p) = promise.dyn_into::<js_sys::Promise>() {
                leptos::task::spawn_local(async move {
                    wasm_bindgen_futures::JsFuture::from(p).await.ok();
                });
            }
            true
        }
        Err(_) => false,
    }
}

/// "Share": the Web Share API where there is one, else the link is copied. Returns what to
/// tell the reader ("Link copied", or the link itself when it could not be copied).
pub fn share(id: &str, title: &str, lang: Lang) -> Option<String> {
    let url = format!(
        "{}{}#{id}",
        base_url(),
        window().location().search().unwrap_or_default()
    );
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
    } else if copy_text(&url) {
        Some(i18n::LINK_COPIED.get(lang).to_owned())
    } else {
        Some(url)
    }
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
        let copied = copy_text(&text);
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

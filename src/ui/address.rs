//! The page's address, at the bottom of `ui`: it holds the reader's view (language, theme, hidden
//! series, the chart in view), so a shared link opens the same view. Imports nothing of `ui`.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// A query parameter of the page's address.
pub fn param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// `?v=`: the earlier version of the feed an address pins (twelve hex digits), kept by the
/// publish step in `feeds/archive/` (docs/publishing.md).
pub fn pinned() -> Option<String> {
    param("v").filter(|v| crate::publish::version::is_short(v))
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

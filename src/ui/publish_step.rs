//! The checker page's Publish step (docs/publishing.md): for a feed without errors and the
//! address the report will be served from, everything `esep-check publish` writes, made in the
//! browser (the preview images drawn on a canvas from the same SVG), as one ZIP to unpack next
//! to the app; and the report's link previews as Telegram shows them.

use wasm_bindgen::{JsCast as _, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::browser::{download_bytes, owned_listeners};
use super::dom::{button, el, El};
use crate::feed::{self, Lang};
use crate::publish::words::*;
use crate::publish::{self, zip::Zip, Options};

/// An SVG document drawn on a 1200 × 630 canvas, as PNG bytes; `None` where the browser
/// cannot (an SVG image it will not decode, or a canvas it will not export).
async fn png(svg: &str) -> Option<Vec<u8>> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let img: web_sys::HtmlImageElement = el("img").0.dyn_into().ok()?;
    img.set_src(&url);
    let decoded = JsFuture::from(img.decode()).await;
    web_sys::Url::revoke_object_url(&url).ok();
    decoded.ok()?;
    let canvas: web_sys::HtmlCanvasElement = el("canvas").0.dyn_into().ok()?;
    canvas.set_width(1200);
    canvas.set_height(630);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, 1200.0, 630.0);
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, 1200.0, 630.0)
        .ok()?;
    let made = js_sys::Promise::new(&mut |resolve, reject| {
        if canvas.to_blob(&resolve).is_err() {
            reject.call0(&JsValue::NULL).ok();
        }
    });
    let blob: web_sys::Blob = JsFuture::from(made).await.ok()?.dyn_into().ok()?;
    let bytes = JsFuture::from(blob.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&bytes).to_vec())
}

/// A blob address for PNG bytes, for an `<img>`.
fn image_url(bytes: &[u8]) -> String {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/png");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .ok()
        .and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok())
        .unwrap_or_default()
}

/// One link preview as Telegram draws it: the site, the title, the description, the image.
fn card(site: &str, title: &str, description: &str, image: Option<String>) -> El {
    el("figure")
        .class("share-card")
        .attr("data-testid", "share-card")
        .child(el("span").class("site").text(site))
        .child(el("strong").text(title))
        .child(el("span").class("description").text(description))
        .opt(image.map(|src| {
            el("img")
                .attr("src", &src)
                .attr("alt", title)
                .attr("width", "600")
                .attr("height", "315")
        }))
}

/// Publishes `text` (the feed as checked) for the address typed, and downloads the ZIP.
async fn prepare(
    text: String,
    base: String,
    lang: Lang,
    status: web_sys::Element,
    cards: web_sys::Element,
) {
    let today = publish::date_from_days((js_sys::Date::now() / 86_400_000.0) as i64);
    let options = Options {
        base_url: &base,
        feed_path: feed::BUNDLED_FEED,
        date: &today,
    };
    let p = match publish::publish(text.as_bytes(), &options) {
        Ok(p) => p,
        Err(errors) => {
            status.set_text_content(Some(&errors.join("\n")));
            return;
        }
    };
    status.set_text_content(Some(say(&DRAWING, lang)));
    let (y, m, d) = publish::bundle::ymd(&today);
    let mut zip = Zip::new(y, m, d);
    zip.add(feed::BUNDLED_FEED, text.as_bytes());
    for (path, bytes) in &p.files {
        zip.add(path, bytes);
    }
    let mut images = Vec::new();
    for (path, svg) in &p.previews {
        match png(svg).await {
            Some(bytes) => {
                zip.add(path, &bytes);
                images.push((path.clone(), bytes));
            }
            None => break,
        }
    }
    let short = publish::version::short(&p.version);
    download_bytes(
        &zip.finish(),
        "application/zip",
        &format!("esep-publish-{short}.zip"),
    );
    let drawn = images.len() == p.previews.len();
    status.set_text_content(Some(say(if drawn { &READY } else { &NO_IMAGES }, lang)));
    // The report's pages in every language first, then the charts' in the page's language.
    let lang_of = |path: &str| {
        let l = Lang::ALL
            .into_iter()
            .find(|l| path.ends_with(&format!("-{}.html", l.code())));
        l.unwrap_or(lang)
    };
    let mut shown: Vec<_> = p
        .cards
        .iter()
        .filter(|c| c.0.starts_with("share/report-"))
        .collect();
    shown.extend(
        p.cards
            .iter()
            .filter(|c| !c.0.starts_with("share/report-") && lang_of(&c.0) == lang),
    );
    cards.replace_children_with_node_0();
    let Ok(checked) = feed::read(&text) else {
        return;
    };
    let f = checked.feed;
    for (path, title, description, image) in shown {
        let png = images
            .iter()
            .find(|(p, _)| p == image)
            .map(|(_, b)| image_url(b));
        let site = f.text(&f.publisher, lang_of(path));
        card(site, title, description, png).append_to(&cards);
    }
}

/// The Publish step, for the feed `text` (checked, without errors).
pub fn publish_step(parent: &web_sys::Element, text: String, lang: Lang) {
    let listeners = owned_listeners();
    let input = el("input")
        .attr("type", "url")
        .attr("inputmode", "url")
        .attr("placeholder", "https://example.kz/report/")
        .attr("data-testid", "publish-url");
    let input_el: web_sys::HtmlInputElement = input.0.clone().unchecked_into();
    let status = el("p")
        .attr("role", "status")
        .attr("data-testid", "publish-status");
    let cards = el("div")
        .class("share-cards")
        .attr("data-testid", "share-cards");
    let form = el("form")
        .class("url-form")
        .child(el("label").text(say(&BASE_URL, lang)).child(input))
        .child(
            button("action")
                .attr("type", "submit")
                .attr("data-testid", "publish-go")
                .text(say(&PREPARE, lang)),
        );
    let (status_el, cards_el) = (status.0.clone(), cards.0.clone());
    listeners.on(&form.0, "submit", move |ev| {
        ev.prevent_default();
        let (text, base) = (text.clone(), input_el.value());
        let (status, cards) = (status_el.clone(), cards_el.clone());
        leptos::task::spawn_local(prepare(text, base, lang, status, cards));
    });
    el("section")
        .class("publish")
        .attr("aria-labelledby", "h-publish")
        .attr("data-testid", "publish")
        .child(el("h2").attr("id", "h-publish").text(say(&PUBLISH, lang)))
        .child(el("p").text(say(&PUBLISH_INTRO, lang)))
        .child(form)
        .child(status)
        .child(cards)
        .append_to(parent);
}

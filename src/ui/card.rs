//! A figure as a card: its value with qualifier and direction, label, period, meaning, agency
//! and source. Headline cards and the cards of figures that share an axis with no other.

use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::chart_view::illustrative_label;
use super::dom::{el, link, El};
use super::format::PageNumbers;
use crate::feed::{Feed, Lang, Observation};
use crate::i18n;
use crate::plan::sparkline as plan_sparkline;
use crate::present::{arrow, change_sentence, observation_label, observation_value, tone};

/// Draws a sparkline into `img` as a `data:` image (allowed by `img-src data:` under the page's
/// CSP), from the split module `spark`: few feeds have the earlier levels a sparkline needs, so
/// the SVG drawing code is not fetched with the page. An image that cannot be drawn is removed.
#[wasm_split(spark, wasm_split_path = leptos::wasm_split, fallible)]
fn draw_spark(img: web_sys::Element, values: Vec<f64>) -> Result<(), SplitLoaderError> {
    let colour = plotters::style::RGBColor(0x3d, 0x85, 0xc6);
    match crate::chart::spark::svg(&values, 96, 32, colour) {
        Some(svg) => {
            let uri = String::from(js_sys::encode_uri_component(&svg));
            img.set_attribute("src", &format!("data:image/svg+xml;charset=utf-8,{uri}"))
                .ok();
        }
        None => img.remove(),
    }
    Ok(())
}

/// One figure as a card (`<li>`); `headline` for the cards the publisher leads with.
pub fn figure_card(feed: &Feed, o: &Observation, l: Lang, headline: bool) -> El {
    let nums = PageNumbers::new(l);
    let metric = feed.metric(&o.metric);
    let card_tone = match (metric, o.value, o.measure.is_change()) {
        (Some(m), Some(v), true) => tone(m.direction, v),
        _ => crate::chart::Tone::Neutral,
    };
    let tone_class = match card_tone {
        crate::chart::Tone::Better => "card tone-better",
        crate::chart::Tone::Worse => "card tone-worse",
        crate::chart::Tone::Neutral => "card",
    };
    // A qualified change says its direction in its value ("▼ more than 20 %").
    let marker = (o.measure.is_change() && o.qualifier.is_none())
        .then(|| o.value.map(arrow))
        .flatten()
        .map(|a| {
            el("span")
                .class("arrow")
                .attr("aria-hidden", "true")
                .text(&format!("{a} "))
        });
    let src = feed.source(&o.source).map(|s| {
        let agency = feed.agency_of(o, l);
        link(
            &s.url,
            &format!("{}: {agency} ({})", i18n::SOURCE.get(l), s.publisher),
        )
    });
    let values = plan_sparkline(feed, o);
    let spark = (values.len() >= 2).then(|| {
        let img = el("img");
        let target = img.0.clone();
        leptos::task::spawn_local(async move {
            if draw_spark(target.clone(), values).await.is_err() {
                target.remove();
            }
        });
        img.class("spark")
            .attr("alt", "")
            .attr("width", "96")
            .attr("height", "32")
            .attr("data-testid", "sparkline")
    });
    el("li")
        .class(tone_class)
        .attr(
            "data-testid",
            if headline { "headline" } else { "figure-card" },
        )
        .child(
            el("p")
                .class("card-value")
                .opt(marker)
                .text(&observation_value(feed, o, l, &nums)),
        )
        .opt(spark)
        .opt(
            feed.illustrative
                .then(|| illustrative_label(l, "card-illustrative")),
        )
        .child(
            el("p")
                .class("card-label")
                .text(&observation_label(feed, o, l)),
        )
        .child(el("p").class("card-period").text(&format!(
            "{} · {}",
            feed.area(&o.area).map_or("", |a| feed.text(&a.name, l)),
            i18n::observation_period(o, l)
        )))
        // The figure in words, on the key figures only: elsewhere value, label and period say it.
        .opt(
            headline
                .then(|| change_sentence(feed, o, l, &nums))
                .flatten()
                .map(|m| el("p").class("card-meaning").text(&m)),
        )
        .child(el("p").class("card-source").opt(src))
}

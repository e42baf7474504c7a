//! A `<canvas>` that draws a bar chart with plotters-canvas, sized to its element and the
//! device pixel ratio, redrawn on resize.

use std::sync::Arc;

use leptos::ev;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea as _;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast as _;

use crate::chart::{bars, Theme};
use crate::i18n;
use crate::feed::Lang;

fn prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Sizes the canvas to its CSS width × devicePixelRatio and draws; `Err` carries a message.
fn draw_on(canvas: &web_sys::HtmlCanvasElement, data: &[bars::Bar]) -> Result<(), String> {
    let dpr = window().device_pixel_ratio();
    let css_w = f64::from(canvas.client_width()).max(200.0);
    let css_h = bars::css_height(data.len());
    canvas.set_width((css_w * dpr).round() as u32);
    canvas.set_height((css_h * dpr).round() as u32);
    // Through the CSSOM, not a style attribute, so a strict CSP holds.
    if let Some(el) = canvas.dyn_ref::<web_sys::HtmlElement>() {
        el.style()
            .set_property("height", &format!("{css_h}px"))
            .map_err(|_| "style refused".to_owned())?;
    }
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| "no 2D context".to_owned())?;
    let theme = if prefers_dark() { Theme::dark() } else { Theme::light() }.with_scale(dpr);
    let area = backend.into_drawing_area();
    bars::draw(&area, data, &theme, None).map_err(|e| e.to_string())?;
    if let Some(p) = window().performance() {
        p.mark("esep:chart-drawn").ok();
    }
    Ok(())
}

/// A horizontal bar chart on a canvas, with its summary as the accessible description.
#[component]
pub fn BarChart(
    /// The bars, already labelled in the reader's language.
    bars: Vec<bars::Bar>,
    /// What the chart shows, read out by screen readers.
    description: String,
    /// The reader's language, for the fallback message.
    lang: Lang,
    /// `data-testid` of the canvas, for tests.
    #[prop(into)]
    testid: String,
) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    let (resized, set_resized) = signal(0u32);
    let (failed, set_failed) = signal(false);
    let data = Arc::new(bars);
    Effect::new(move |_| {
        resized.track();
        let Some(canvas) = canvas_ref.get() else { return };
        if let Err(e) = draw_on(&canvas, &data) {
            leptos::logging::warn!("esep: {e}");
            set_failed.set(true);
        }
    });
    let handle = window_event_listener(ev::resize, move |_| set_resized.update(|n| *n += 1));
    on_cleanup(move || handle.remove());
    view! {
        <canvas
            node_ref=canvas_ref
            class="chart"
            role="img"
            aria-label=description
            data-testid=testid
        ></canvas>
        <Show when=move || failed.get()>
            <p class="chart-failed">{i18n::CHART_FAILED.get(lang)}</p>
        </Show>
    }
}

//! A `<canvas>` that draws a bar chart with plotters-canvas, sized to its element and the
//! device pixel ratio, redrawn on resize.

use std::sync::Arc;

use leptos::ev;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea as _;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast as _;

use crate::chart::{bars, ApproxMeasure, Measure, Theme};
use crate::feed::Lang;
use crate::i18n;

fn prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Text measured by the canvas itself, in the font the chart draws with.
struct CanvasMeasure<'a> {
    ctx: &'a web_sys::CanvasRenderingContext2d,
    family: &'static str,
}

impl Measure for CanvasMeasure<'_> {
    fn width(&self, text: &str, font_px: f64, bold: bool) -> f64 {
        let weight = if bold { "bold" } else { "normal" };
        self.ctx
            .set_font(&format!("{weight} {font_px}px {}", self.family));
        self.ctx
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or_else(|_| ApproxMeasure.width(text, font_px, bold))
    }
}

/// Sizes the canvas to its CSS width × devicePixelRatio, lays out, and draws.
fn draw_on(canvas: &web_sys::HtmlCanvasElement, data: &[bars::Bar]) -> Result<(), String> {
    let dpr = window().device_pixel_ratio();
    let css_w = f64::from(canvas.client_width()).max(200.0);
    let theme = if prefers_dark() {
        Theme::dark()
    } else {
        Theme::light()
    }
    .with_scale(dpr);
    canvas.set_width((css_w * dpr).round() as u32);
    let ctx = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .ok_or_else(|| "no 2D context".to_owned())?;
    let layout = bars::layout(
        data,
        canvas.width(),
        &theme,
        &CanvasMeasure {
            ctx: &ctx,
            family: theme.font,
        },
    );
    canvas.set_height(layout.height);
    // Through the CSSOM, not a style attribute, so a strict CSP holds.
    web_sys::HtmlElement::style(canvas)
        .set_property("height", &format!("{}px", f64::from(layout.height) / dpr))
        .map_err(|_| "style refused".to_owned())?;
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| "no 2D context".to_owned())?;
    let area = backend.into_drawing_area();
    bars::draw(&area, data, &layout, &theme, None).map_err(|e| e.to_string())?;
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
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
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

//! One chart on the page: a canvas sized to its element and devicePixelRatio, a tooltip that
//! follows pointer, touch and keyboard, a legend that toggles series, downloads, and a table.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast as _;

use super::address::{hidden_series, param, remember_hidden, set_param};
use super::backend::Backend;
use super::browser::{download_text, download_url, Listeners, Nearness, Resize};
use super::canvas::Canvas;
use super::dom::{button, details, el, link, El};
use super::format::{js_number, PageNumbers};
use super::state::Page;
use crate::chart::{visual, ApproxMeasure, Drawn, Measure, Theme, Visual};
use crate::export;
use crate::feed::{Feed, Lang, Observation};
use crate::i18n;
use crate::plan::ChartPlan;
use crate::present::{
    computed_lines, credit_line, observation_label, observation_value, Numbers as _,
};

/// The page's theme: `?theme=` (kept on `<html data-theme>`) or else the system's.
fn prefers_dark() -> bool {
    let forced = document()
        .document_element()
        .and_then(|e| e.get_attribute("data-theme"));
    match forced.as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches()),
    }
}

fn theme(scale: f64) -> Theme {
    let mut theme = if prefers_dark() {
        Theme::dark()
    } else {
        Theme::light()
    }
    .with_scale(scale);
    // Embeds leave the background to the host page.
    theme.transparent = document()
        .document_element()
        .is_some_and(|e| e.class_list().contains("embed"));
    theme
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
            .set_font(&super::canvas::font(weight, font_px, self.family));
        self.ctx
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or_else(|_| ApproxMeasure.width(text, font_px, bold))
    }
}

fn context_2d(canvas: &web_sys::HtmlCanvasElement) -> Option<web_sys::CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// The most device pixels one chart's canvas may hold. iOS Safari refuses a canvas over
/// 16 777 216 pixels and stops a page whose canvases together take a few hundred MB; at this
/// cap a canvas takes at most 16 MB, and at most 4096 pixels on its long side.
const MAX_CANVAS_PIXELS: f64 = 4_194_304.0;
const MAX_CANVAS_SIDE: f64 = 4096.0;

/// The chart laid out `css_w` CSS pixels wide at `scale` backing pixels each, its text measured
/// by the canvas: the layout, its theme and its width in backing pixels.
fn lay_out(
    ctx: &web_sys::CanvasRenderingContext2d,
    v: &Visual,
    css_w: f64,
    scale: f64,
    fmt: &dyn Fn(f64) -> String,
) -> (Drawn, Theme, u32) {
    let theme = theme(scale);
    let width = (css_w * scale).round().max(1.0) as u32;
    let measure = CanvasMeasure {
        ctx,
        family: theme.font,
    };
    (
        visual::layout(v, width, &theme, &measure, fmt),
        theme,
        width,
    )
}

thread_local! {
    /// No chart has come near yet: the first is drawn without waiting for a task of its own.
    static FIRST_NEAR: Cell<bool> = const { Cell::new(true) };
    /// The report's column width, read before the charts of the batch were added (`column_width`).
    static COLUMN: Cell<i32> = const { Cell::new(0) };
    /// Charts waiting for `reserve_soon`'s batch.
    static TO_RESERVE: RefCell<Vec<Rc<Chart>>> = const { RefCell::new(Vec::new()) };
}

/// The width of the report's column, which its charts fill, read by the report before it adds a
/// section (the page is laid out then): the next batch reserves the section's charts at this
/// width, without laying the page out again to read theirs.
pub fn column_width(width: i32) {
    COLUMN.set(width);
}

/// Reserves the heights of the charts just built, together: every width is read first, then
/// every height set. Read after each other's write, each width laid the page out again: 20
/// layouts took a slow phone 200 ms (bench, CPU × 4).
fn reserve_soon(c: Rc<Chart>) {
    let first = TO_RESERVE.with_borrow_mut(|q| {
        q.push(c);
        q.len() == 1
    });
    if first {
        // After the other charts' first tasks, already queued: they join this batch.
        spawn_local(async {
            let charts = TO_RESERVE.take();
            let column = COLUMN.take();
            // A chart in a closed part has no width yet: it is reserved when drawn.
            let closed = |c: &Chart| {
                let part = c.canvas.closest("details:not([open])");
                part.ok().flatten().is_some()
            };
            let widths: Vec<i32> = (charts.iter())
                .map(|c| match column {
                    _ if closed(c) => 0,
                    0 => c.canvas.client_width(),
                    w => w,
                })
                .collect();
            for (c, width) in charts.iter().zip(widths) {
                // The page's first open chart belongs to the first screen: drawn without
                // waiting for the next rendering to report it near. In this task while the task
                // is short (a fast screen: before the browser lays the section out), otherwise
                // in the next (a slow phone: its draw would lengthen a task already long).
                let first = width > 0 && c.released.get() && FIRST_NEAR.replace(false);
                if first && super::browser::task_has_time() {
                    c.released.set(false);
                    c.redraw_at(width);
                    continue;
                }
                c.reserve(width);
                if first {
                    restore_in_next_task(c.clone());
                }
            }
        });
    }
}

/// Sizes `canvas` to `css_w` × `scale` (less where the canvas would pass the caps above), lays
/// the chart out and draws it; returns the layout and the scale it was drawn at.
fn render(
    canvas: &web_sys::HtmlCanvasElement,
    v: &Visual,
    css_w: f64,
    scale: f64,
    highlight: Option<usize>,
    fmt: &dyn Fn(f64) -> String,
) -> Result<(Drawn, f64), String> {
    let ctx = context_2d(canvas).ok_or("no 2D context")?;
    let mut scale = scale.min(MAX_CANVAS_SIDE / css_w);
    let (mut drawn, mut theme, mut width) = lay_out(&ctx, v, css_w, scale, fmt);
    let pixels = f64::from(width) * f64::from(drawn.height());
    if pixels > MAX_CANVAS_PIXELS {
        scale *= (MAX_CANVAS_PIXELS / pixels).sqrt() * 0.99;
        (drawn, theme, width) = lay_out(&ctx, v, css_w, scale, fmt);
    }
    canvas.set_width(width);
    canvas.set_height(drawn.height());
    let mut backend = Backend::Canvas(Canvas::new(canvas.clone()).ok_or("no 2D context")?);
    visual::draw(&mut backend, v, &drawn, &theme, highlight, fmt).map_err(|e| e.to_string())?;
    Ok((drawn, scale))
}

/// The chart with its title above and its source and credit below, as a PNG data URL; `note`
/// ("Illustrative: not real data") in bold first in the footer.
fn with_footer(
    chart: &web_sys::HtmlCanvasElement,
    (title, subtitle): (&str, &str),
    source: &str,
    note: Option<&str>,
) -> Option<String> {
    let out: web_sys::HtmlCanvasElement = super::dom::el("canvas").0.dyn_into().ok()?;
    let (w, h) = (chart.width(), chart.height());
    let noted = if note.is_some() { 34u32 } else { 0 };
    // The title, and under it what is measured, where and when (the chart's subtitle).
    let (head, foot) = (100u32, 96u32 + noted);
    out.set_width(w);
    out.set_height(h + head + foot);
    let ctx = context_2d(&out)?;
    let theme = Theme::light();
    let css = |c: plotters::style::RGBColor| format!("rgb({},{},{})", c.0, c.1, c.2);
    ctx.set_fill_style_str(&css(theme.background));
    ctx.fill_rect(0.0, 0.0, f64::from(w), f64::from(h + head + foot));
    ctx.draw_image_with_html_canvas_element(chart, 0.0, f64::from(head))
        .ok()?;
    ctx.set_fill_style_str(&css(theme.text));
    ctx.set_font(&format!("bold 30px {}", theme.font));
    ctx.fill_text(title, 16.0, 44.0).ok()?;
    ctx.set_font(&format!("22px {}", theme.font));
    ctx.set_fill_style_str(&css(theme.muted));
    ctx.fill_text(subtitle, 16.0, 80.0).ok()?;
    let m = CanvasMeasure {
        ctx: &ctx,
        family: theme.font,
    };
    let lines = crate::chart::wrap(source, f64::from(w) - 32.0, 22.0, false, 2, &m);
    if let Some(note) = note {
        ctx.set_font(&format!("bold 24px {}", theme.font));
        ctx.set_fill_style_str(&css(theme.worse));
        ctx.fill_text(note, 16.0, f64::from(h + head) + 34.0).ok()?;
        ctx.set_fill_style_str(&css(theme.muted));
    }
    ctx.set_font(&format!("22px {}", theme.font));
    for (i, line) in lines.iter().enumerate() {
        let y = f64::from(h + head + noted) + 34.0 + 30.0 * i as f64;
        ctx.fill_text(line, 16.0, y).ok()?;
    }
    ctx.fill_text(
        "esep",
        f64::from(w) - 76.0,
        f64::from(h + head + foot) - 16.0,
    )
    .ok()?;
    out.to_data_url_with_type("image/png").ok()
}

/// The summary and the sources, for file descriptions and footers.
fn credits(feed: &Feed, plan: &ChartPlan, lang: Lang) -> Vec<String> {
    let who = credit_line(feed, &plan.observations, lang);
    let sources = feed.sources_of(&plan.observations).into_iter().map(|s| {
        format!(
            "{}: {} — {}, {} ({})",
            i18n::SOURCE.get(lang),
            s.title,
            s.publisher,
            i18n::date_label(&s.date, lang),
            s.url
        )
    });
    std::iter::once(who).chain(sources).collect()
}

/// "Illustrative: not real data", as a label under a chart's title or on a headline card.
pub fn illustrative_label(lang: Lang, testid: &str) -> El {
    el("p")
        .class("badge-illustrative")
        .attr("data-testid", testid)
        .text(i18n::ILLUSTRATIVE.get(lang))
}

const MARKERS: [&str; 4] = ["●", "■", "▲", "◆"];

/// One chart on the page and what the reader has done with it.
struct Chart {
    plan: Arc<ChartPlan>,
    feed: Arc<Feed>,
    lang: Lang,
    canvas: web_sys::HtmlCanvasElement,
    tip: web_sys::HtmlElement,
    announce: web_sys::Element,
    /// The canvas and its tooltip, hidden when the chart fails.
    chart_box: web_sys::HtmlElement,
    /// "This chart could not be drawn", shown after a failed draw or set-up.
    failed: web_sys::HtmlElement,
    /// The data table's `<details>`, opened when the chart fails.
    table: web_sys::Element,
    legend: Vec<web_sys::Element>,
    hidden: RefCell<Vec<bool>>,
    active: Cell<Option<usize>>,
    drawn: RefCell<Option<(Drawn, f64)>>,
    /// Canvas width (CSS px) and pixel ratio of the last draw: a resize to the same size is
    /// not drawn again.
    drawn_at: Cell<(i32, f64)>,
    /// The canvas gave back its pixels while far from the viewport (`release`).
    released: Cell<bool>,
    /// Between `beforeprint` and `afterprint`: every chart stays drawn.
    printing: Cell<bool>,
    listeners: Listeners,
}

impl Chart {
    /// What to draw now: the plan's visual with the hidden series switched off.
    fn visual(&self) -> Visual {
        let mut v = self.plan.visual.clone();
        if let Visual::Trend(t) = &mut v {
            for (s, off) in t.series.iter_mut().zip(self.hidden.borrow().iter()) {
                s.visible = !off;
            }
        }
        v
    }

    /// Draws at the canvas's width and the screen's pixel ratio, with the active point
    /// highlighted, and moves the tooltip to it. A chart that cannot be drawn gives way to its
    /// table (`fail`).
    fn redraw(&self) {
        self.redraw_at(self.canvas.client_width());
    }

    /// `redraw` at `width` (CSS px), the canvas's width on the page.
    fn redraw_at(&self, width: i32) {
        let dpr = window().device_pixel_ratio();
        self.drawn_at.set((width, dpr));
        let css_w = f64::from(width).max(160.0);
        let nums = PageNumbers::new(self.lang);
        let fmt = |x: f64| nums.decimal(x, 0);
        let highlight = self.active.get();
        match render(&self.canvas, &self.visual(), css_w, dpr, highlight, &fmt) {
            Ok((d, scale)) => {
                let style = web_sys::HtmlElement::style(&self.canvas);
                let css_h = f64::from(d.height()) / scale;
                style.set_property("height", &px(css_h)).ok();
                if let Some((x, y)) = highlight.and_then(|i| d.anchor(i)) {
                    let (x, y) = (f64::from(x) / scale, f64::from(y) / scale);
                    let margin = (css_w / 2.0).min(120.0);
                    let style = self.tip.style();
                    style
                        .set_property("left", &px(x.clamp(margin, css_w - margin)))
                        .ok();
                    style.set_property("top", &px(y)).ok();
                }
                *self.drawn.borrow_mut() = Some((d, scale));
                if let Some(p) = window().performance() {
                    p.mark("esep:chart-drawn").ok();
                }
            }
            Err(e) => self.fail(&e),
        }
    }

    /// Gives the canvas its height on the page from the chart's layout at `width` (CSS px),
    /// without drawing it: a chart drawn later, as it comes near, moves nothing on the page.
    fn reserve(&self, width: i32) {
        let Some(ctx) = context_2d(&self.canvas).filter(|_| width > 0) else {
            return;
        };
        let nums = PageNumbers::new(self.lang);
        let fmt = |x: f64| nums.decimal(x, 0);
        let (d, _, _) = lay_out(&ctx, &self.visual(), f64::from(width.max(160)), 1.0, &fmt);
        let style = web_sys::HtmlElement::style(&self.canvas);
        style
            .set_property("height", &px(f64::from(d.height())))
            .ok();
    }

    /// Gives back the canvas's pixels while the chart is far from the viewport: an iPhone stops
    /// a page whose canvases together take a few hundred MB. The canvas keeps its size on the
    /// page, and its layout for the tooltip; it is drawn again when it comes near.
    fn release(&self) {
        if self.drawn.borrow().is_some() && !self.printing.get() && !self.released.replace(true) {
            self.canvas.set_width(0);
            self.canvas.set_height(0);
        }
    }

    /// Draws again if the chart is drawn or near: a released chart waits until it comes near.
    fn refresh(&self) {
        if !self.released.get() {
            self.redraw();
        }
    }

    /// Draws a released chart again.
    fn restore(&self) {
        if self.released.replace(false) {
            self.redraw();
        }
    }

    /// In place of a chart that could not be drawn or set up: a short note, and its data table
    /// open. The rest of the page goes on.
    fn fail(&self, why: &str) {
        leptos::logging::warn!("esep: chart {} not drawn: {why}", self.plan.id);
        self.chart_box.set_hidden(true);
        self.failed.set_hidden(false);
        self.table.set_attribute("open", "").ok();
        for b in &self.legend {
            b.set_attribute("disabled", "").ok();
        }
    }

    /// Highlights point `i` (or nothing): redraws, fills the tooltip and says it aloud.
    fn set_active(&self, i: Option<usize>) {
        self.active.set(i);
        self.redraw();
        let tip = i.and_then(|i| {
            let key = self.drawn.borrow().as_ref().and_then(|(d, _)| d.key(i))?;
            self.plan.tips.iter().find(|t| t.key == key)
        });
        match tip {
            Some(t) => {
                self.tip.replace_children_with_node_0();
                el("p")
                    .class("tip-title")
                    .text(&t.title)
                    .append_to(&self.tip);
                el("p")
                    .class("tip-value")
                    .text(&t.value)
                    .append_to(&self.tip);
                for d in &t.details {
                    el("p").class("tip-detail").text(d).append_to(&self.tip);
                }
                self.tip.set_hidden(false);
                self.announce.set_text_content(Some(&format!(
                    "{}: {}. {}",
                    t.title,
                    t.value,
                    t.details.join(". ")
                )));
            }
            None => {
                self.tip.set_hidden(true);
                self.tip.replace_children_with_node_0();
                self.announce.set_text_content(None);
            }
        }
        if let Some(id) = i.and_then(|i| self.tile_id(i)) {
            set_param("district", Some(id), false);
        }
    }

    /// The district id of tile `i` of a tile map, for `?district=`.
    fn tile_id(&self, i: usize) -> Option<&str> {
        match &self.plan.visual {
            Visual::Tiles(t) => t.tiles.get(i).map(|x| x.id.as_str()),
            _ => None,
        }
    }

    fn point_at(&self, x: f64, y: f64) -> Option<usize> {
        // A chart touched or pointed at before it came near enough to be drawn: draw it now.
        self.restore();
        self.drawn
            .borrow()
            .as_ref()
            .and_then(|(d, scale)| d.hit((x * scale).round() as i32, (y * scale).round() as i32))
    }

    fn count(&self) -> usize {
        self.drawn.borrow().as_ref().map_or(0, |(d, _)| d.len())
    }

    /// Switches series `i` on or off (never the last one on), remembered in the address.
    fn toggle(&self, i: usize) {
        {
            let mut h = self.hidden.borrow_mut();
            let visible = h.iter().filter(|x| !**x).count();
            if let Some(x) = h.get_mut(i) {
                if *x || visible > 1 {
                    *x = !*x;
                }
            }
            for (button, off) in self.legend.iter().zip(h.iter()) {
                button
                    .set_attribute("aria-pressed", if *off { "false" } else { "true" })
                    .ok();
            }
            remember_hidden(&self.plan.id, &h);
        }
        self.set_active(None);
    }

    fn on_key(&self, ev: &web_sys::KeyboardEvent) {
        self.restore();
        let n = self.count();
        if n == 0 {
            return;
        }
        let active = self.active.get();
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => active.map_or(0, |i| (i + 1).min(n - 1)),
            "ArrowLeft" | "ArrowUp" => active.map_or(0, |i| i.saturating_sub(1)),
            "Home" => 0,
            "End" => n - 1,
            "Escape" => {
                self.set_active(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        self.set_active(Some(next));
    }

    /// What a citation and a data bundle of this chart's figures say.
    fn citing(&self) -> super::version::Citing<'_> {
        super::version::Citing {
            feed: &self.feed,
            lang: self.lang,
            id: Some(&self.plan.id),
            title: &self.plan.title,
            observations: &self.plan.observations,
        }
    }

    /// PNG (twice the size, with title and source), SVG or CSV of what the chart shows now.
    fn download(&self, kind: &str) {
        let (feed, plan, lang) = (&self.feed, &self.plan, self.lang);
        let credits = credits(feed, plan, lang);
        let name = export::file_name(feed, &plan.id, lang, kind);
        let nums = PageNumbers::new(lang);
        let fmt = |x: f64| nums.decimal(x, 0);
        let width = f64::from(self.canvas.client_width()).max(320.0);
        let note = feed.illustrative.then(|| i18n::ILLUSTRATIVE.get(lang));
        match kind {
            "csv" => {
                // A byte-order mark so that spreadsheet programs read the Cyrillic right.
                let text = format!(
                    "\u{feff}{}",
                    export::csv(feed, &plan.observations, &plan.computed, lang, js_number)
                );
                download_text(&text, "text/csv;charset=utf-8", &name);
            }
            "zip" => {
                let zip = self.citing().zip(&plan.takeaway, &plan.computed, None);
                super::browser::download_bytes(&zip, "application/zip", &name);
            }
            "svg" => {
                let desc = format!(
                    "{}{} {}",
                    note.map(|n| format!("{n}. ")).unwrap_or_default(),
                    plan.summary,
                    credits.join(" ")
                );
                let title = match note {
                    Some(n) => format!("{} ({n})", plan.title),
                    None => plan.title.clone(),
                };
                let mut svg = String::new();
                let drawn = visual::draw_svg(
                    &self.visual(),
                    width as u32,
                    &Theme::light(),
                    &ApproxMeasure,
                    &fmt,
                    &mut svg,
                    super::backend::svg,
                );
                let svg = drawn.and_then(|()| match note {
                    Some(n) => visual::noted_svg(svg, n, &Theme::light()),
                    None => Ok(svg),
                });
                if let Ok(svg) = svg.and_then(|svg| visual::titled_svg(svg, &title, &desc)) {
                    download_text(&svg, "image/svg+xml", &name);
                }
            }
            _ => {
                let Ok(canvas) = super::dom::el("canvas")
                    .0
                    .dyn_into::<web_sys::HtmlCanvasElement>()
                else {
                    return;
                };
                if render(&canvas, &self.visual(), width, 2.0, None, &fmt).is_ok() {
                    let footer = credits.first().cloned().unwrap_or_default();
                    if let Some(url) =
                        with_footer(&canvas, (&plan.title, &plan.subtitle), &footer, note)
                    {
                        download_url(&url, &name);
                    }
                }
            }
        }
    }
}

/// A download, from the split module `extras` (scripts/wasm-ld.mjs): the file-making code is
/// fetched at the first download, not with the page.
#[wasm_split(extras, wasm_split_path = leptos::wasm_split, fallible)]
fn download(chart: Rc<Chart>, kind: &'static str) -> Result<(), SplitLoaderError> {
    chart.download(kind);
    Ok(())
}

/// The embed panel of a chart, from the split module `extras`.
#[wasm_split(extras, wasm_split_path = leptos::wasm_split, fallible)]
fn embed_panel(chart: Rc<Chart>) -> Result<web_sys::Element, SplitLoaderError> {
    let c = &chart;
    Ok(super::share::embed_panel(
        &c.plan.id,
        &c.plan.title,
        c.lang,
        &c.listeners,
    ))
}

/// CSS pixels, as a property value.
fn px(v: f64) -> String {
    format!("{}px", js_number((v * 100.0).round() / 100.0))
}

/// A figure's agency and the linked site that published it: "Police Department of Aktobe
/// Region (polisia.kz)".
fn with_source(cell: El, feed: &Feed, o: &Observation, lang: Lang) -> El {
    let cell = cell.text(feed.agency_of(o, lang));
    match feed.source(&o.source) {
        Some(s) => cell.text(" (").child(link(&s.url, &s.publisher)).text(") "),
        None => cell,
    }
}

/// The chart's data table, built when its `<details>` first opens (or the chart fails), from
/// the split module `tables`: the table code is not needed for the first screen.
#[wasm_split(tables, wasm_split_path = leptos::wasm_split, fallible)]
fn fill_table(chart: Rc<Chart>) -> Result<(), SplitLoaderError> {
    if chart.table.child_element_count() < 2 {
        let (feed, plan, lang) = (&chart.feed, &chart.plan, chart.lang);
        table(feed, plan, lang).append_to(&chart.table);
        chart
            .citing()
            .said(Some(&chart.listeners), false)
            .append_to(&chart.table);
        // The chart's data bundle: its figures, metadata, readme and citation as one ZIP.
        let bundle = button("action")
            .attr("data-testid", "download-zip")
            .text(i18n::DOWNLOAD_BUNDLE.get(lang));
        let c = chart.clone();
        chart.listeners.on(&bundle.0, "click", move |_| {
            let c = c.clone();
            spawn_local(async move {
                download(c, "zip").await.ok();
            });
        });
        el("p").child(bundle).append_to(&chart.table);
    }
    Ok(())
}

/// The chart's data table.
fn table(feed: &Feed, plan: &ChartPlan, lang: Lang) -> El {
    let nums = PageNumbers::new(lang);
    let head = el("tr");
    for (m, class) in [
        (i18n::INDICATOR, ""),
        (i18n::AREA, ""),
        (i18n::PERIOD, ""),
        (i18n::VALUE, "num"),
        (i18n::SOURCE, ""),
    ] {
        el("th")
            .attr("scope", "col")
            .class(class)
            .text(m.get(lang))
            .append_to(&head.0);
    }
    let body = el("tbody");
    for i in &plan.observations {
        let Some(o) = feed.observation_at(*i) else {
            continue;
        };
        let area = feed.area(&o.area).map(|a| feed.text(&a.name, lang));
        // A row of this figure: its label, area and period, then `value` and `source`.
        let row = |value: &str, source: El| {
            el("tr")
                .child(
                    el("th")
                        .attr("scope", "row")
                        .text(&observation_label(feed, o, lang)),
                )
                .child(el("td").text(area.unwrap_or_default()))
                .child(el("td").text(&i18n::observation_period(o, lang)))
                .child(el("td").class("num").text(value))
                .child(source)
        };
        row(
            &observation_value(feed, o, lang, &nums),
            with_source(el("td"), feed, o, lang),
        )
        .append_to(&body.0);
        // The changes the page computed up to this figure, said as computed, with both sources.
        for c in plan.computed.iter().filter(|c| c.now == *i) {
            let Some(before) = feed.observation_at(c.before) else {
                continue;
            };
            let sources = match before.source == o.source && before.agency == o.agency {
                true => with_source(el("td"), feed, o, lang),
                false => with_source(with_source(el("td"), feed, before, lang), feed, o, lang),
            };
            row(&computed_lines(feed, c, lang, &nums).join("; "), sources)
                .class("computed")
                .append_to(&body.0);
        }
    }
    el("div")
        .class("table-wrap")
        .child(el("table").child(el("thead").child(head)).child(body))
}

/// Fills `figure` with the chart and wires it up; returns the chart for redraws.
fn build(
    figure: &web_sys::Element,
    plan: Arc<ChartPlan>,
    feed: Arc<Feed>,
    lang: Lang,
    embedded: bool,
) -> Rc<Chart> {
    let id = plan.id.clone();
    // A legend only for more than one series.
    let series = match &plan.visual {
        Visual::Trend(t) if t.series.len() > 1 => t.series.as_slice(),
        _ => &[],
    };
    let hidden = hidden_series(&id, series.len());
    // The legend's list is made here and put in the figure below, when there is more than
    // one series.
    let legend = el("ul").class("legend");
    let mut legend_buttons = Vec::new();
    for (i, (s, off)) in series.iter().zip(&hidden).enumerate() {
        let b = button("legend-item")
            .attr("aria-pressed", if *off { "false" } else { "true" })
            .attr("data-testid", "legend-item")
            .child(
                el("span")
                    .class(&format!("swatch s{}", i % 5))
                    .attr("aria-hidden", "true")
                    .text(MARKERS[i % 4]),
            )
            .text(&s.label);
        legend_buttons.push(b.0.clone());
        el("li").child(b).append_to(&legend.0);
    }
    let canvas = el("canvas")
        .attr("tabindex", "0")
        .attr("role", "img")
        .attr(
            "aria-label",
            &format!(
                "{}. {}. {} {}",
                plan.title,
                plan.subtitle,
                plan.summary,
                i18n::CHART_KEYS.get(lang)
            ),
        )
        .attr("data-testid", &format!("chart-{id}"));
    let tip = el("div")
        .class("tip")
        .attr("role", "tooltip")
        .attr("data-testid", "tooltip")
        .attr("hidden", "");
    let announce = el("p")
        .class("sr-only")
        .attr("aria-live", "polite")
        .attr("data-testid", "announce");
    let failed = el("p")
        .class("chart-failed")
        .attr("hidden", "")
        .text(i18n::CHART_FAILED.get(lang));
    let mut actions = el("p").class("actions").child(
        el("span")
            .class("actions-label")
            .text(i18n::DOWNLOAD.get(lang)),
    );
    let mut download_buttons = Vec::new();
    for (kind, label) in [("png", "PNG"), ("svg", "SVG"), ("csv", "CSV")] {
        let b = button("action")
            .attr("data-testid", &format!("download-{kind}"))
            .text(label);
        download_buttons.push((kind, b.0.clone()));
        actions = actions.child(b);
    }
    let share = button("action")
        .attr("data-testid", "share")
        .text(i18n::SHARE.get(lang));
    let share_status = el("span")
        .class("status")
        .attr("role", "status")
        .attr("data-testid", "share-status");
    let (share_button, share_status_el) = (share.0.clone(), share_status.0.clone());
    actions = actions.child(share).child(share_status);
    let embed_button = (!embedded).then(|| {
        button("action")
            .attr("data-testid", "embed")
            .attr("aria-expanded", "false")
            .attr("aria-controls", &format!("embed-{id}"))
            .text(i18n::EMBED.get(lang))
    });
    let embed_el = embed_button.as_ref().map(|b| b.0.clone());
    actions = actions.opt(embed_button);
    // The footer: where the figures were published, one short line (the documents' titles are
    // in the report's list of sources and in the link's title).
    let mut sources = el("p")
        .class("chart-sources")
        .attr("data-testid", "chart-sources")
        .text(&format!("{}: ", i18n::SOURCES.get(lang)));
    for (n, s) in feed.sources_of(&plan.observations).into_iter().enumerate() {
        if n > 0 {
            sources = sources.text("; ");
        }
        sources = sources
            .child(link(&s.url, &s.publisher).attr("title", &s.title))
            .text(&format!(", {}", i18n::date_label(&s.date, lang)));
    }
    // A rebuilt view may hand back the same `<figure>`: start from an empty one.
    figure.replace_children_with_node_0();
    let title = el(if embedded { "h2" } else { "h3" })
        .class("chart-title")
        .text(&plan.title);
    // The headline, what is measured where and when, then the one point it makes.
    let subtitle = el("p").class("chart-subtitle").text(&plan.subtitle);
    let summary = el("p").class("chart-summary").text(&plan.takeaway);
    figure.append_with_node_2(&title.0, &subtitle.0).ok();
    if feed.illustrative {
        figure
            .append_with_node_1(&illustrative_label(lang, "chart-illustrative").0)
            .ok();
    }
    figure.append_with_node_1(&summary.0).ok();
    if !legend_buttons.is_empty() {
        figure.append_with_node_1(&legend.0).ok();
    }
    let (canvas_el, tip_el, announce_el, failed_el) = (
        canvas.0.clone(),
        tip.0.clone(),
        announce.0.clone(),
        failed.0.clone(),
    );
    let chart_box = el("div").class("chart-box").child(canvas).child(tip);
    // Its table is filled when it first opens (`fill_table`).
    let data_table = details()
        .class("data-table")
        .child(el("summary").text(i18n::SHOW_DATA.get(lang)));
    let (chart_box_el, table_el) = (chart_box.0.clone(), data_table.0.clone());
    let caption = el("figcaption")
        .child(actions)
        .child(sources)
        .child(data_table);
    figure.append_with_node_2(&chart_box.0, &announce.0).ok();
    figure.append_with_node_2(&failed.0, &caption.0).ok();

    // A tile map's district named by `?district=` starts selected.
    let selected = match (&plan.visual, param("district")) {
        (Visual::Tiles(t), Some(d)) => t.tiles.iter().position(|x| x.id == d),
        _ => None,
    };
    let chart = Rc::new(Chart {
        plan,
        feed,
        lang,
        canvas: canvas_el.unchecked_into(),
        tip: tip_el.unchecked_into(),
        announce: announce_el,
        chart_box: chart_box_el.unchecked_into(),
        failed: failed_el.unchecked_into(),
        table: table_el,
        legend: legend_buttons,
        hidden: RefCell::new(hidden),
        active: Cell::new(selected),
        drawn: RefCell::new(None),
        drawn_at: Cell::new((-1, 0.0)),
        released: Cell::new(false),
        printing: Cell::new(super::browser::printing()),
        listeners: Listeners::default(),
    });
    wire(
        &chart,
        &download_buttons,
        &share_button,
        &share_status_el,
        embed_el,
    );
    chart
}

/// The chart's event listeners: pointer, touch, keys, legend, downloads, share and embed.
fn wire(
    chart: &Rc<Chart>,
    downloads: &[(&'static str, web_sys::Element)],
    share: &web_sys::Element,
    share_status: &web_sys::Element,
    embed: Option<web_sys::Element>,
) {
    let l = &chart.listeners;
    let c = chart.clone();
    l.on(&chart.table, "toggle", move |_| {
        if c.table.has_attribute("open") {
            let c = c.clone();
            spawn_local(async move {
                fill_table(c).await.ok();
            });
        }
    });
    let canvas: &web_sys::EventTarget = &chart.canvas;
    let pointer = |ev: &web_sys::Event| -> Option<(String, f64, f64)> {
        let ev = ev.dyn_ref::<web_sys::PointerEvent>()?;
        Some((
            ev.pointer_type(),
            f64::from(ev.offset_x()),
            f64::from(ev.offset_y()),
        ))
    };
    let c = chart.clone();
    l.on(canvas, "pointermove", move |ev| {
        if let Some((kind, x, y)) = pointer(&ev) {
            if kind != "touch" {
                let i = c.point_at(x, y);
                if c.active.get() != i {
                    c.set_active(i);
                }
            }
        }
    });
    let c = chart.clone();
    l.on(canvas, "pointerleave", move |ev| {
        if pointer(&ev).is_some_and(|(kind, _, _)| kind != "touch") {
            c.set_active(None);
        }
    });
    let c = chart.clone();
    l.on(canvas, "pointerdown", move |ev| {
        if let Some((kind, x, y)) = pointer(&ev) {
            if kind != "mouse" {
                let i = c.point_at(x, y);
                c.set_active(if c.active.get() == i { None } else { i });
            }
        }
    });
    let c = chart.clone();
    l.on(canvas, "keydown", move |ev| {
        if let Some(ev) = ev.dyn_ref::<web_sys::KeyboardEvent>() {
            c.on_key(ev);
        }
    });
    let c = chart.clone();
    l.on(canvas, "blur", move |_| {
        if c.active.get().is_some() {
            c.set_active(None);
        }
    });
    for (i, button) in chart.legend.iter().enumerate() {
        let c = chart.clone();
        l.on(button, "click", move |_| c.toggle(i));
    }
    for (kind, button) in downloads {
        let (c, kind) = (chart.clone(), *kind);
        let status = share_status.clone();
        l.on(button, "click", move |_| {
            let (c, status) = (c.clone(), status.clone());
            spawn_local(async move {
                // "Could not load" after a failed fetch; cleared once a download works.
                let failed = download(c.clone(), kind).await.is_err();
                status.set_text_content(failed.then(|| i18n::NOT_LOADED.get(c.lang)));
            });
        });
    }
    let (c, status) = (chart.clone(), share_status.clone());
    l.on(share, "click", move |_| {
        if let Some(text) = super::share::share(&c.plan.id, &c.plan.title, c.lang) {
            status.set_text_content(Some(&text));
        }
    });
    if let Some(button) = embed {
        let c = chart.clone();
        // The panel is made at the first click (its code is fetched then), then shown and hidden.
        let panel: Rc<RefCell<Option<web_sys::Element>>> = Rc::default();
        let loading = Rc::new(Cell::new(false));
        let status = share_status.clone();
        let b = button.clone();
        l.on(&button, "click", move |_| {
            let expanded = |b: &web_sys::Element, on: bool| {
                b.set_attribute("aria-expanded", if on { "true" } else { "false" })
                    .ok();
            };
            if let Some(p) = panel.borrow().as_ref() {
                expanded(&b, !p.toggle_attribute("hidden").unwrap_or(false));
                return;
            }
            if loading.replace(true) {
                return;
            }
            let (c, b, panel, loading, status) = (
                c.clone(),
                b.clone(),
                panel.clone(),
                loading.clone(),
                status.clone(),
            );
            spawn_local(async move {
                match embed_panel(c.clone()).await {
                    Ok(p) => {
                        status.set_text_content(None);
                        b.after_with_node_1(&p).ok();
                        *panel.borrow_mut() = Some(p);
                        expanded(&b, true);
                    }
                    Err(_) => status.set_text_content(Some(i18n::NOT_LOADED.get(c.lang))),
                }
                loading.set(false);
            });
        });
    }
}

/// Builds a chart inside `figure` and keeps it drawn: at the first layout, every resize (see
/// `browser::Resize`), and when the system theme or the screen's pixel ratio changes. Its listeners and observer go away with the current reactive owner.
pub fn mount_chart(
    figure: &web_sys::Element,
    plan: ChartPlan,
    feed: Arc<Feed>,
    lang: Lang,
    embedded: bool,
) {
    figure.set_class_name("chart");
    figure.set_id(&plan.id);
    figure
        .set_attribute("data-testid", &format!("figure-{}", plan.id))
        .ok();
    let c = build(figure, Arc::new(plan), feed, lang, embedded);
    // The first draw, once the figure is in the page (a microtask later): draw, restore a
    // selection from the address (`?district=`), and bring a linked chart into view.
    let first = c.clone();
    spawn_local(async move {
        // A chart waiting to come near (below) is drawn now only with a selection to show.
        if first.active.get().is_some() || !first.released.get() {
            first.released.set(false);
            first.set_active(first.active.get());
        } else {
            reserve_soon(first.clone());
        }
        if window().location().hash().ok().as_deref() == Some(&format!("#{}", first.plan.id)) {
            // Inside a closed "earlier years" part: open it first.
            if let Ok(Some(part)) = first.canvas.closest("details.earlier") {
                part.set_attribute("open", "").ok();
            }
            first.canvas.scroll_into_view();
        }
    });
    let resized = {
        let c = c.clone();
        move || {
            if c.drawn_at.get() != (c.canvas.client_width(), window().device_pixel_ratio()) {
                c.refresh();
            }
        }
    };
    let observer = match Resize::observe(&c.canvas, Rc::new(resized)) {
        Ok(observer) => Some(observer),
        Err(_) => {
            c.fail("the ResizeObserver refused the canvas");
            None
        }
    };
    let redraw_charts = Page::get().redraw_charts;
    let redraw = c.clone();
    let first = Cell::new(true);
    super::dom::watch(move || {
        redraw_charts.track();
        if !first.replace(false) {
            redraw.refresh();
        }
    });
    // A chart is drawn when it comes within two screens of the viewport, and gives its pixels back
    // when it leaves: the first screen costs only its own charts, and an iPhone's canvas memory
    // stays low. Its title, summary and table are there from the start; every chart is drawn
    // before printing. Without an IntersectionObserver, every chart is drawn at once.
    let near = {
        let c2 = c.clone();
        Nearness::observe(&c.canvas, "200% 0px", move |near| match near {
            // The page's first chart is drawn at once; each later one that comes near in a task
            // of its own (the charts of a screen drawn together made one long task on a slow
            // phone), which may wait behind a task of the report's build.
            true if FIRST_NEAR.replace(false) => c2.restore(),
            true => restore_in_next_task(c2.clone()),
            false => c2.release(),
        })
    };
    if near.is_some() {
        // Its first report of nearness draws it; made while the page is printed, it is drawn
        // in the next task (in the page by then).
        c.released.set(true);
        if c.printing.get() {
            restore_in_next_task(c.clone());
        }
    }
    for (event, printing) in [("beforeprint", true), ("afterprint", false)] {
        let c2 = c.clone();
        c.listeners.on(&window(), event, move |_| {
            c2.printing.set(printing);
            c2.restore();
        });
    }
    let built = SendWrapper::new((c, observer, near));
    on_cleanup(move || {
        let (c, observer, near) = built.take();
        drop((observer, near));
        c.listeners.clear();
    });
}

/// Draws `c` in a task of its own, after the tasks already queued.
fn restore_in_next_task(c: Rc<Chart>) {
    spawn_local(async move {
        super::browser::next_task().await;
        c.restore();
    });
}

/// A `<figure>` with a chart, its title, summary, legend, tooltip, downloads, data table and
/// sources (embeds, comparisons); `embedded` leaves out the "Embed" button.
pub fn chart_figure(
    plan: ChartPlan,
    feed: Arc<Feed>,
    lang: Lang,
    embedded: bool,
) -> web_sys::Element {
    let figure = super::dom::el("figure").0;
    mount_chart(&figure, plan, feed, lang, embedded);
    figure
}

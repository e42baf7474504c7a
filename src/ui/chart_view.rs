//! One chart on the page: a canvas sized to its element and devicePixelRatio, a tooltip that
//! follows pointer, touch and keyboard, a legend that toggles series, downloads, and a table.

use std::sync::Arc;

use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea as _;
use plotters_canvas::CanvasBackend;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast as _, JsValue};

use super::app::ThemeChanged;
use super::format::IntlNumbers;
use crate::chart::{visual, ApproxMeasure, Drawn, Measure, Theme, Visual};
use crate::export;
use crate::feed::{Feed, Lang};
use crate::i18n;
use crate::plan::ChartPlan;
use crate::present::{observation_label, observation_value, Numbers as _};

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
            .set_font(&format!("{weight} {font_px}px {}", self.family));
        self.ctx
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or_else(|_| ApproxMeasure.width(text, font_px, bold))
    }
}

fn context_2d(canvas: &web_sys::HtmlCanvasElement) -> Option<web_sys::CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Sizes `canvas` to `css_w` × `scale`, lays the chart out, draws it; returns the layout.
fn render(
    canvas: &web_sys::HtmlCanvasElement,
    v: &Visual,
    css_w: f64,
    scale: f64,
    highlight: Option<usize>,
    fmt: &dyn Fn(f64) -> String,
) -> Result<Drawn, String> {
    let theme = theme(scale);
    canvas.set_width((css_w * scale).round().max(1.0) as u32);
    let ctx = context_2d(canvas).ok_or("no 2D context")?;
    let drawn = visual::layout(
        v,
        canvas.width(),
        &theme,
        &CanvasMeasure {
            ctx: &ctx,
            family: theme.font,
        },
        fmt,
    );
    canvas.set_height(drawn.height());
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2D context")?;
    visual::draw(
        &backend.into_drawing_area(),
        v,
        &drawn,
        &theme,
        highlight,
        fmt,
    )
    .map_err(|e| e.to_string())?;
    Ok(drawn)
}

/// Offers `bytes` (a data or blob URL) as a file download.
fn download_url(url: &str, name: &str) {
    let Some(a) = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    a.set_href(url);
    a.set_download(name);
    a.click();
}

pub(super) fn download_text(text: &str, mime: &str, name: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    download_url(&url, name);
    web_sys::Url::revoke_object_url(&url).ok();
}

/// The chart with its title above and its source and credit below, as a PNG data URL.
fn with_footer(chart: &web_sys::HtmlCanvasElement, title: &str, source: &str) -> Option<String> {
    let out: web_sys::HtmlCanvasElement =
        document().create_element("canvas").ok()?.dyn_into().ok()?;
    let (w, h) = (chart.width(), chart.height());
    let (head, foot) = (64u32, 96u32);
    out.set_width(w);
    out.set_height(h + head + foot);
    let ctx = context_2d(&out)?;
    let theme = Theme::light();
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, f64::from(w), f64::from(h + head + foot));
    ctx.draw_image_with_html_canvas_element(chart, 0.0, f64::from(head))
        .ok()?;
    ctx.set_fill_style_str("#1f2328");
    ctx.set_font(&format!("bold 30px {}", theme.font));
    ctx.fill_text(title, 16.0, 44.0).ok()?;
    ctx.set_font(&format!("22px {}", theme.font));
    ctx.set_fill_style_str("#575f6a");
    let m = CanvasMeasure {
        ctx: &ctx,
        family: theme.font,
    };
    let lines = crate::chart::wrap(source, f64::from(w) - 32.0, 22.0, false, 2, &m);
    ctx.set_font(&format!("22px {}", theme.font));
    for (i, line) in lines.iter().enumerate() {
        ctx.fill_text(line, 16.0, f64::from(h + head) + 34.0 + 30.0 * i as f64)
            .ok()?;
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
    feed.sources_of(&plan.observations)
        .into_iter()
        .map(|s| {
            format!(
                "{}: {} — {}, {} ({})",
                i18n::SOURCE.get(lang),
                s.title,
                s.publisher,
                s.date,
                s.url
            )
        })
        .collect()
}

const MARKERS: [&str; 4] = ["●", "■", "▲", "◆"];

/// A chart with its title, summary, legend, tooltip, downloads, data table and sources.
#[component]
pub fn ChartView(
    /// What to draw, from `plan::plan`.
    plan: ChartPlan,
    /// The feed, for tables, downloads and sources.
    feed: Arc<Feed>,
    /// The reader's language.
    lang: Lang,
    /// Shown inside an embed: no "Embed" button (default: false).
    #[prop(optional)]
    embedded: bool,
) -> impl IntoView {
    let plan = Arc::new(plan);
    let series_names: Vec<String> = match &plan.visual {
        Visual::Trend(t) if t.series.len() > 1 => {
            t.series.iter().map(|s| s.label.clone()).collect()
        }
        _ => Vec::new(),
    };
    let canvas_ref = NodeRef::<Canvas>::new();
    let tip_ref = NodeRef::<Div>::new();
    let (resized, set_resized) = signal(0u32);
    let hidden = RwSignal::new(super::share::hidden_series(&plan.id, series_names.len()));
    {
        let id = plan.id.clone();
        Effect::new(move |first: Option<()>| {
            let h = hidden.get();
            if first.is_some() {
                super::share::remember_hidden(&id, &h);
            }
        });
    }
    // A district map remembers the selected district in the address (`?district=<id>`).
    let tile_ids: Vec<String> = match &plan.visual {
        Visual::Tiles(t) => t.tiles.iter().map(|x| x.id.clone()).collect(),
        _ => Vec::new(),
    };
    let selected =
        super::share::param("district").and_then(|d| tile_ids.iter().position(|t| *t == d));
    let active = RwSignal::new(selected);
    if !tile_ids.is_empty() {
        Effect::new(move |_| {
            if let Some(id) = active.get().and_then(|i| tile_ids.get(i)) {
                super::share::set_param("district", Some(id), false);
            }
        });
    }
    let failed = RwSignal::new(false);
    let drawn = StoredValue::new(None::<(Drawn, f64)>);
    // Bumped after each draw, so that what depends on the layout (the tooltip) follows it.
    let (drawn_tick, set_drawn_tick) = signal(0u32);

    let current_visual = {
        let plan = plan.clone();
        move || {
            let mut v = plan.visual.clone();
            if let Visual::Trend(t) = &mut v {
                let h = hidden.get();
                for (s, off) in t.series.iter_mut().zip(h) {
                    s.visible = !off;
                }
            }
            v
        }
    };

    // Redraw on mount, resize, DPR change, legend toggles and highlight moves.
    {
        let current_visual = current_visual.clone();
        let chart_id = plan.id.clone();
        let ThemeChanged(theme_changed) = expect_context();
        Effect::new(move |_| {
            resized.track();
            theme_changed.track();
            let v = current_visual();
            let highlight = active.get();
            let Some(canvas) = canvas_ref.get() else {
                return;
            };
            let scale = window().device_pixel_ratio();
            let css_w = f64::from(canvas.client_width()).max(160.0);
            let nums = IntlNumbers::new(lang);
            let fmt = |x: f64| nums.decimal(x, 0);
            match render(&canvas, &v, css_w, scale, highlight, &fmt) {
                Ok(d) => {
                    web_sys::HtmlElement::style(&canvas)
                        .set_property("height", &format!("{}px", f64::from(d.height()) / scale))
                        .ok();
                    if let (Some(tip), Some((x, y))) =
                        (tip_ref.get(), highlight.and_then(|i| d.anchor(i)))
                    {
                        let (x, y) = (f64::from(x) / scale, f64::from(y) / scale);
                        let margin = (css_w / 2.0).min(120.0);
                        let style = web_sys::HtmlElement::style(&tip);
                        style
                            .set_property("left", &format!("{}px", x.clamp(margin, css_w - margin)))
                            .ok();
                        style.set_property("top", &format!("{y}px")).ok();
                    }
                    drawn.set_value(Some((d, scale)));
                    set_drawn_tick.update(|n| *n += 1);
                    if let Some(p) = window().performance() {
                        p.mark("esep:chart-drawn").ok();
                    }
                }
                Err(e) => {
                    leptos::logging::warn!("esep: chart {chart_id} not drawn: {e}");
                    failed.set(true);
                }
            }
        });
    }

    // A link to this chart (`#crime-changes`) brings it into view once it exists.
    {
        let id = plan.id.clone();
        Effect::new(move |_| {
            if let Some(canvas) = canvas_ref.get() {
                if window().location().hash().ok().as_deref() == Some(&format!("#{id}")) {
                    canvas.scroll_into_view();
                }
            }
        });
    }

    // Element size and device-pixel changes (zoom, another screen) both reach a ResizeObserver
    // watching the device-pixel box; it is disconnected when the chart goes away.
    let on_resize = Closure::<dyn FnMut(JsValue, JsValue)>::new(move |_: JsValue, _: JsValue| {
        set_resized.update(|n| *n += 1);
    });
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    let observer = std::rc::Rc::new((observer, on_resize));
    Effect::new({
        let observer = SendWrapper::new(observer.clone());
        move |_| {
            let (Some(canvas), Some(ro)) = (canvas_ref.get(), observer.0.as_ref()) else {
                return;
            };
            let options = web_sys::ResizeObserverOptions::new();
            options.set_box(web_sys::ResizeObserverBoxOptions::DevicePixelContentBox);
            ro.observe_with_options(&canvas, &options);
        }
    });
    let observer = SendWrapper::new(observer);
    on_cleanup(move || {
        if let Some(ro) = observer.0.as_ref() {
            ro.disconnect();
        }
    });

    let point_at = move |x: f64, y: f64| -> Option<usize> {
        drawn.with_value(|d| {
            d.as_ref().and_then(|(d, scale)| {
                d.hit((x * scale).round() as i32, (y * scale).round() as i32)
            })
        })
    };
    let count = move || drawn.with_value(|d| d.as_ref().map_or(0, |(d, _)| d.len()));
    let tip_for = {
        let plan = plan.clone();
        move |i: Option<usize>| {
            drawn_tick.track();
            let key = drawn.with_value(|d| d.as_ref().and_then(|(d, _)| d.key(i?)))?;
            plan.tips.iter().find(|t| t.key == key).cloned()
        }
    };
    let tip_view = {
        let tip_for = tip_for.clone();
        move || {
            tip_for(active.get()).map(|t| {
                view! {
                    <p class="tip-title">{t.title}</p>
                    <p class="tip-value">{t.value}</p>
                    {t.details.into_iter().map(|d| view! { <p class="tip-detail">{d}</p> }).collect_view()}
                }
            })
        }
    };
    let announcement = move || {
        tip_for(active.get())
            .map(|t| format!("{}: {}. {}", t.title, t.value, t.details.join(". ")))
            .unwrap_or_default()
    };

    let legend = (!series_names.is_empty()).then(|| {
        let items = series_names
            .into_iter()
            .enumerate()
            .map(|(i, name)| {
                let pressed = move || (!hidden.get().get(i).copied().unwrap_or(false)).to_string();
                view! {
                    <li>
                        <button
                            type="button"
                            class="legend-item"
                            aria-pressed=pressed
                            data-testid="legend-item"
                            on:click=move |_| {
                                hidden.update(|h| {
                                    let visible = h.iter().filter(|x| !**x).count();
                                    if let Some(x) = h.get_mut(i) {
                                        // Keep at least one series on.
                                        if *x || visible > 1 {
                                            *x = !*x;
                                        }
                                    }
                                });
                                active.set(None);
                            }
                        >
                            <span class=format!("swatch s{}", i % 5) aria-hidden="true">{MARKERS[i % 4]}</span>
                            {name}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="legend">{items}</ul> }
    });

    let downloads = {
        let (feed, plan) = (feed.clone(), plan.clone());
        let current_visual = current_visual.clone();
        move |kind: &'static str| {
            let credits = credits(&feed, &plan, lang);
            let name = export::file_name(&feed, &plan.id, lang, kind);
            let nums = IntlNumbers::new(lang);
            let fmt = |x: f64| nums.decimal(x, 0);
            match kind {
                "csv" => {
                    // A byte-order mark so that spreadsheet programs read the Cyrillic right.
                    let text = format!("\u{feff}{}", export::csv(&feed, &plan.observations, lang));
                    download_text(&text, "text/csv;charset=utf-8", &name);
                }
                "svg" => {
                    let width = canvas_ref
                        .get_untracked()
                        .map_or(720.0, |c| f64::from(c.client_width()))
                        .max(320.0);
                    let desc = format!("{} {}", plan.summary, credits.join(" "));
                    if let Ok(svg) = visual::to_svg(
                        &current_visual(),
                        width as u32,
                        &Theme::light(),
                        &ApproxMeasure,
                        &fmt,
                        &plan.title,
                        &desc,
                    ) {
                        download_text(&svg, "image/svg+xml", &name);
                    }
                }
                _ => {
                    let Some(canvas) = document()
                        .create_element("canvas")
                        .ok()
                        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
                    else {
                        return;
                    };
                    let width = canvas_ref
                        .get_untracked()
                        .map_or(720.0, |c| f64::from(c.client_width()))
                        .max(320.0);
                    if render(&canvas, &current_visual(), width, 2.0, None, &fmt).is_ok() {
                        let footer = credits.first().cloned().unwrap_or_default();
                        if let Some(url) = with_footer(&canvas, &plan.title, &footer) {
                            download_url(&url, &name);
                        }
                    }
                }
            }
        }
    };
    let download_button = move |kind: &'static str, label: &'static str| {
        let downloads = downloads.clone();
        view! {
            <button type="button" class="action" data-testid=format!("download-{kind}") on:click=move |_| downloads(kind)>
                {label}
            </button>
        }
    };

    let table = {
        let nums = IntlNumbers::new(lang);
        let rows = plan
            .observations
            .iter()
            .filter_map(|i| feed.observation_at(*i))
            .map(|o| {
                let period = i18n::observation_period(o, lang);
                let src = feed.source(&o.source).map(|s| {
                    let url = s.url.clone();
                    view! { <a href=url target="_blank" rel="noopener noreferrer">{s.publisher.clone()}</a> }
                });
                view! {
                    <tr>
                        <th scope="row">{observation_label(&feed, o, lang)}</th>
                        <td>{feed.area(&o.area).map(|a| feed.text(&a.name, lang).to_owned())}</td>
                        <td>{period}</td>
                        <td class="num">{observation_value(&feed, o, lang, &nums)}</td>
                        <td>{src}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <details class="data-table">
                <summary>{i18n::SHOW_DATA.get(lang)}</summary>
                <div class="table-wrap">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{i18n::INDICATOR.get(lang)}</th>
                                <th scope="col">{i18n::AREA.get(lang)}</th>
                                <th scope="col">{i18n::PERIOD.get(lang)}</th>
                                <th scope="col" class="num">{i18n::VALUE.get(lang)}</th>
                                <th scope="col">{i18n::SOURCE.get(lang)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        }
    };
    let source_links = {
        feed.sources_of(&plan.observations)
            .into_iter()
            .map(|s| {
                let url = s.url.clone();
                view! {
                    <li>
                        <a href=url target="_blank" rel="noopener noreferrer">{s.title.clone()}</a>
                        {format!(" — {}, {}", s.publisher, s.date)}
                    </li>
                }
            })
            .collect_view()
    };
    let id = plan.id.clone();
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let n = count();
        if n == 0 {
            return;
        }
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => {
                Some(active.get_untracked().map_or(0, |i| (i + 1).min(n - 1)))
            }
            "ArrowLeft" | "ArrowUp" => {
                Some(active.get_untracked().map_or(0, |i| i.saturating_sub(1)))
            }
            "Home" => Some(0),
            "End" => Some(n - 1),
            "Escape" => {
                active.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        active.set(next);
    };

    view! {
        <figure class="chart" id=id.clone() data-testid=format!("figure-{id}")>
            {if embedded {
                view! { <h2 class="chart-title">{plan.title.clone()}</h2> }.into_any()
            } else {
                view! { <h3 class="chart-title">{plan.title.clone()}</h3> }.into_any()
            }}
            <p class="chart-summary">{plan.summary.clone()}</p>
            {legend}
            <div class="chart-box">
                <canvas
                    node_ref=canvas_ref
                    tabindex="0"
                    role="img"
                    aria-label=format!("{} {} {}", plan.title, plan.summary, i18n::CHART_KEYS.get(lang))
                    data-testid=format!("chart-{id}")
                    on:pointermove=move |ev: web_sys::PointerEvent| {
                        if ev.pointer_type() == "touch" {
                            return;
                        }
                        let i = point_at(f64::from(ev.offset_x()), f64::from(ev.offset_y()));
                        if active.get_untracked() != i {
                            active.set(i);
                        }
                    }
                    on:pointerleave=move |ev: web_sys::PointerEvent| {
                        if ev.pointer_type() != "touch" {
                            active.set(None);
                        }
                    }
                    on:pointerdown=move |ev: web_sys::PointerEvent| {
                        if ev.pointer_type() == "mouse" {
                            return;
                        }
                        let i = point_at(f64::from(ev.offset_x()), f64::from(ev.offset_y()));
                        active.set(if active.get_untracked() == i { None } else { i });
                    }
                    on:keydown=on_key
                    on:blur=move |_| active.set(None)
                ></canvas>
                <div
                    node_ref=tip_ref
                    class="tip"
                    role="tooltip"
                    data-testid="tooltip"
                    hidden=move || active.get().is_none()
                >
                    {tip_view}
                </div>
            </div>
            <p class="sr-only" aria-live="polite" data-testid="announce">{announcement}</p>
            <Show when=move || failed.get()>
                <p class="chart-failed">{i18n::CHART_FAILED.get(lang)}</p>
            </Show>
            <figcaption>
                <p class="actions">
                    <span class="actions-label">{i18n::DOWNLOAD.get(lang)}</span>
                    {download_button("png", "PNG")}
                    {download_button("svg", "SVG")}
                    {download_button("csv", "CSV")}
                    <super::share::ShareButton id=id.clone() title=plan.title.clone() lang />
                    {(!embedded).then(|| view! { <super::share::EmbedButton id=id.clone() title=plan.title.clone() lang /> })}
                </p>
                {table}
                <p class="sources-title">{i18n::SOURCES.get(lang)}":"</p>
                <ul class="chart-sources" data-testid="chart-sources">{source_links}</ul>
            </figcaption>
        </figure>
    }
}

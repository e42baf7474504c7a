//! The benchmark page (`bench/esep.html`, not shipped to readers): draws a generated series with
//! esep's chart code, wires the tooltip as the report does, or times parse + validate of a
//! generated feed. Results go to `window.esepBench`; `scripts/bench.mjs` reads them.
//!
//! `?mode=draw&n=100000`, `?mode=hover&n=10000`, `?mode=parse&mb=10`.

use std::cell::RefCell;
use std::rc::Rc;

use esep::chart::trend::{Series, Trend};
use esep::chart::{ApproxMeasure, Drawn, Theme, Visual};
use esep::feed;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

fn publish(result: &js_sys::Object) {
    if let Some(w) = web_sys::window() {
        js_sys::Reflect::set(&w, &"esepBench".into(), result).ok();
    }
}

fn series(n: usize) -> Visual {
    let values: Vec<Option<f64>> = (0..n)
        .map(|i| {
            let x = i as f64;
            Some(1000.0 + (x / 97.0).sin() * 300.0 + (x / 13.0).cos() * 80.0 + (x * 7919.0 % 101.0))
        })
        .collect();
    Visual::Trend(Trend {
        categories: (0..n).map(|i| format!("{i}")).collect(),
        series: vec![Series {
            label: "generated".into(),
            value_labels: values
                .iter()
                .map(|v| format!("{:.0}", v.unwrap_or(0.0)))
                .collect(),
            values,
            visible: true,
        }],
        annotations: vec![],
        lines: true,
    })
}

fn canvas(document: &web_sys::Document) -> Option<web_sys::HtmlCanvasElement> {
    let c: web_sys::HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
    c.set_id("chart");
    c.set_width(800);
    c.set_height(400);
    document.body()?.append_child(&c).ok()?;
    Some(c)
}

fn draw(c: &web_sys::HtmlCanvasElement, v: &Visual, highlight: Option<usize>) -> Option<Drawn> {
    let fmt = |x: f64| format!("{x:.0}");
    let theme = Theme::light();
    let drawn = esep::chart::visual::layout(v, c.width(), &theme, &ApproxMeasure, &fmt);
    c.set_height(drawn.height());
    let mut backend = CanvasBackend::with_canvas_object(c.clone())?;
    esep::chart::visual::draw(&mut backend, v, &drawn, &theme, highlight, &fmt).ok()?;
    Some(drawn)
}

/// A feed of about `mb` megabytes: many observations of one metric over months.
fn big_feed(mb: f64) -> String {
    let mut s = String::from(
        r#"{"esep":"1.0","id":"bench","lang":"en","publisher":{"en":"bench"},"title":{"en":"bench"},"data_as_of":"2025-10-15","areas":["#,
    );
    // About 75 bytes an observation, 2 988 months an area.
    let areas = ((mb * 1_000_000.0) / 75.0 / 2988.0).ceil().max(1.0) as usize + 1;
    for a in 0..areas {
        if a > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            r#"{{"id":"a{a}","kind":"district","name":{{"en":"Area {a}"}}}}"#
        ));
    }
    s.push_str(r#"],"metrics":[{"id":"m","label":{"en":"Generated"},"unit":"count","direction":"neutral","group":"crime"}],"sources":[{"id":"s","title":"t","publisher":"p","url":"https://example.org/","date":"2025-01-01","grade":"primary"}],"observations":["#);
    let mut first = true;
    'outer: for a in 0..areas {
        for y in 1901..2150 {
            for m in 1..=12 {
                if s.len() as f64 > mb * 1_000_000.0 {
                    break 'outer;
                }
                if !first {
                    s.push(',');
                }
                first = false;
                s.push_str(&format!(
                    r#"{{"metric":"m","area":"a{a}","period":"{y}-{m:02}","value":{},"source":"s"}}"#,
                    (y * 12 + m) % 997
                ));
            }
        }
    }
    s.push_str("]}");
    s
}

fn main() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let result = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        js_sys::Reflect::set(&result, &k.into(), &v).ok();
    };
    let mode = param("mode").unwrap_or_else(|| "draw".into());
    let n: usize = param("n").and_then(|n| n.parse().ok()).unwrap_or(10_000);
    match mode.as_str() {
        "parse" => {
            let mb: f64 = param("mb").and_then(|n| n.parse().ok()).unwrap_or(10.0);
            let text = big_feed(mb);
            let t0 = now();
            let checked = feed::check(&text);
            let ms = now() - t0;
            set("bytes", JsValue::from_f64(text.len() as f64));
            // The same bytes, for the bench's `JSON.parse` of them.
            set("text", JsValue::from_str(&text));
            set("ms", JsValue::from_f64(ms));
            set(
                "observations",
                JsValue::from_f64(checked.map_or(0.0, |c| c.feed.observations.len() as f64)),
            );
        }
        "hover" => {
            let Some(c) = canvas(&document) else { return };
            let v = series(n);
            let Some(drawn) = draw(&c, &v, None) else {
                return;
            };
            let tip: web_sys::HtmlElement = match document
                .create_element("div")
                .ok()
                .and_then(|d| d.dyn_into().ok())
            {
                Some(t) => t,
                None => return,
            };
            tip.set_id("tip");
            tip.set_hidden(true);
            if let Some(body) = document.body() {
                body.append_child(&tip).ok();
            }
            let state = Rc::new(RefCell::new(drawn));
            let canvas_for = c.clone();
            // As in the report: hit-test, redraw with the highlight, move the tooltip (CSSOM).
            let on_move = Closure::<dyn FnMut(web_sys::PointerEvent)>::new(
                move |ev: web_sys::PointerEvent| {
                    let hit = state.borrow().hit(ev.offset_x(), ev.offset_y());
                    if let Some(i) = hit {
                        if let Some(d) = draw(&canvas_for, &v, Some(i)) {
                            let anchor = d.anchor(i).unwrap_or((0, 0));
                            let key = d.key(i).unwrap_or((0, 0));
                            *state.borrow_mut() = d;
                            tip.set_text_content(Some(&format!(
                                "point {} · {}",
                                key.1,
                                key.1 * 7 % 1000
                            )));
                            let style = tip.style();
                            style.set_property("left", &format!("{}px", anchor.0)).ok();
                            style.set_property("top", &format!("{}px", anchor.1)).ok();
                            tip.set_hidden(false);
                        }
                    }
                },
            );
            c.add_event_listener_with_callback("pointermove", on_move.as_ref().unchecked_ref())
                .ok();
            on_move.forget();
            set("ready", JsValue::TRUE);
        }
        _ => {
            let Some(c) = canvas(&document) else { return };
            let v = series(n);
            let t0 = now();
            let ok = draw(&c, &v, None).is_some();
            set("ms", JsValue::from_f64(now() - t0));
            set("ok", JsValue::from_bool(ok));
        }
    }
    publish(&result);
}

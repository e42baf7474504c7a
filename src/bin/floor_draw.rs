use plotters::prelude::IntoDrawingArea as _;
fn main() {
    let w = web_sys::window().unwrap();
    let t = w.name().unwrap_or_default();
    let Ok(c) = esep::feed::check(&t) else { return };
    let nums = esep::present::PlainNumbers;
    let doc = w.document().unwrap();
    let theme = esep::chart::Theme::light();
    for s in esep::plan::plan(&c.feed, esep::feed::Lang::En, &nums) {
        for ch in s.charts {
            let canvas: web_sys::HtmlCanvasElement =
                wasm_bindgen::JsCast::dyn_into(doc.create_element("canvas").unwrap()).unwrap();
            let fmt = |x: f64| esep::present::Numbers::decimal(&nums, x, 0);
            let d = esep::chart::visual::layout(
                &ch.visual,
                600,
                &theme,
                &esep::chart::ApproxMeasure,
                &fmt,
            );
            let b = plotters_canvas::CanvasBackend::with_canvas_object(canvas).unwrap();
            esep::chart::visual::draw(&b.into_drawing_area(), &ch.visual, &d, &theme, None, &fmt)
                .ok();
        }
    }
}

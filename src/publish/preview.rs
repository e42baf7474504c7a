//! Link-preview images (1200 × 630) as SVG documents, composed from the same `chart` code that
//! draws the page's canvas.
//!
//! A chart's preview: its title across the top, its takeaway on the left and the chart on the
//! right, and at the foot who the figures come from (what the page's `present::credit_line`
//! says: the agencies, then the compiler). The report's preview: the publisher, the report's
//! title and its first three key figures as cards, as the page's top shows them. Every figure
//! is said by `plan` and `present` from the feed, with its qualifier; a feed of made-up figures
//! says "Illustrative: not real data" at the top. A preview is seen about 400 px wide on a
//! phone: the text is 24 to 46 px (21 at the least, where a long text needs it), laid out with
//! DejaVu Sans's own widths ([`measure`]), the font `publish::raster` draws with; the chart is
//! drawn as large as the room beside the takeaway allows.

pub mod measure;
mod svg;

use crate::chart::{visual, Drawn, Theme, Tone, Visual};
use crate::feed::{Feed, Lang, Observation};
use crate::plan::ChartPlan;
use crate::present::{self, LocaleNumbers, Numbers as _};
use crate::{chart, i18n};
use measure::DejaVu;
use svg::{fitted, num, Svg, INNER, PAD};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
/// The shipped font first (the rasteriser has no other), then a browser's own sans-serif.
pub const FONT: &str = "DejaVu Sans, sans-serif";

/// The takeaway's column beside a chart, and the gap between them.
const LEFT_W: f64 = 400.0;
const GAP: f64 = 40.0;
const CARD: plotters::style::RGBColor = plotters::style::RGBColor(0xf4, 0xf6, 0xf8);

/// One chart's preview, in the language its plan was made in: title, takeaway (and legend),
/// the chart, and who the figures come from.
pub fn chart_svg(feed: &Feed, chart: &ChartPlan, lang: Lang) -> String {
    let theme = Theme::light();
    let mut svg = Svg::new(&chart.title);
    let top = svg.head(feed, lang);
    let (px, title) = fitted(&chart.title, INNER, &[46.0, 42.0, 38.0, 34.0], true, |_| 2);
    let below_title = svg.lines((PAD, top), px, true, theme.text, &title);
    let foot = svg.foot(&credits(feed, &chart.observations, lang));
    let (top, bottom) = (below_title + 30.0, foot - 24.0);
    let band = bottom - top;
    let nums = LocaleNumbers(lang);
    let fmt = |v: f64| nums.decimal(v, 0);
    // The takeaway and a legend on the left, the chart in the rest (all of it without them).
    let left_w = match (
        chart.takeaway.trim().is_empty() && series(&chart.visual).is_empty(),
        &chart.visual,
    ) {
        (true, _) => -GAP,
        // A map is about as tall as it is wide: what it leaves goes to the text.
        (false, Visual::Tiles(_)) => aspect(&chart.visual, &fmt).map_or(LEFT_W, |a| {
            let map_w = (band / a).clamp(240.0, INNER - LEFT_W - GAP);
            (INNER - GAP - map_w).min(620.0)
        }),
        (false, _) => LEFT_W,
    };
    if left_w > 0.0 {
        beside(&mut svg, chart, (top, band), left_w);
    }
    let (x, w) = (PAD + left_w + GAP, INNER - left_w - GAP);
    if let Some(d) = fit(&chart.visual, w, band, &fmt) {
        let dx = x + (w - d.width * d.k) / 2.0;
        let dy = top + (band - d.height * d.k) / 2.0;
        svg.body.push_str(&format!(
            "<g transform=\"translate({} {}) scale({:.4})\">{}</g>",
            num(dx),
            num(dy),
            d.k,
            d.svg
        ));
    }
    svg.finish()
}

/// The takeaway, whole, and under it a legend of a multi-series trend (the page's is HTML):
/// each series on two lines at most, or, where that leaves the takeaway too little room, on
/// one, cut.
fn beside(svg: &mut Svg, chart: &ChartPlan, (top, band): (f64, f64), w: f64) {
    let theme = Theme::light();
    let names = series(&chart.visual);
    let mut chosen = None;
    for (px, most) in [(24.0, 2), (22.0, 2), (22.0, 1)] {
        let legend: Vec<Vec<String>> = (names.iter())
            .map(|s| chart::wrap(s, w - 1.5 * px, px, false, most, &DejaVu))
            .collect();
        let legend_h: f64 = legend.iter().map(|l| 1.3 * px * l.len() as f64 + 8.0).sum();
        let room = |t: f64| ((band - legend_h - 12.0) / (1.3 * t)).floor() as usize;
        let sizes = [30.0, 28.0, 26.0, 24.0];
        let (t, takeaway) = fitted(&chart.takeaway, w, &sizes, false, room);
        let whole = !takeaway.last().is_some_and(|l| l.ends_with('…'));
        chosen = Some((t, takeaway, px, legend));
        if whole {
            break;
        }
    }
    let Some((t, takeaway, px, legend)) = chosen else {
        return;
    };
    let mut y = svg.lines((PAD, top - 6.0), t, false, theme.text, &takeaway) + 12.0;
    for (i, lines) in legend.iter().enumerate() {
        let mark = ["●", "■", "▲", "◆"][i % 4];
        svg.text((PAD, y + px), px, false, theme.series(i), mark);
        y = svg.lines((PAD + 1.5 * px, y), px, false, theme.text, lines) + 8.0;
    }
}

/// The report's preview: publisher, title, the first three key figures as cards (else the
/// report's description), and who the figures come from.
pub fn report_svg(feed: &Feed, lang: Lang) -> String {
    let theme = Theme::light();
    let title = feed.text(&feed.title, lang);
    let mut svg = Svg::new(title);
    let top = svg.head(feed, lang);
    let publisher = feed.text(&feed.publisher, lang);
    let publisher = chart::ellipsize(publisher, INNER, 28.0, false, &DejaVu);
    let y = svg.lines((PAD, top), 28.0, false, theme.muted, &[publisher]);
    // On one line if it fits at 48 px or more, else on two.
    let sizes = [60.0, 54.0, 48.0, 44.0, 40.0];
    let (px, lines) = fitted(
        title,
        INNER,
        &sizes,
        true,
        |px| if px < 48.0 { 2 } else { 1 },
    );
    let y = svg.lines((PAD, y + 4.0), px, true, theme.text, &lines);
    let figures: Vec<&Observation> = (feed.headlines.iter())
        .filter_map(|id| feed.observation(id))
        .take(3)
        .collect();
    let shown: Vec<usize> = figures.iter().map(|o| o.index).collect();
    let foot = svg.foot(&credits(feed, &shown, lang));
    let (top, bottom) = (y + 28.0, foot - 24.0);
    if figures.is_empty() {
        let room = |px: f64| ((bottom - top) / (1.3 * px)).floor() as usize;
        let text = feed.text(&feed.description, lang);
        let (px, lines) = fitted(text, INNER, &[34.0, 30.0, 26.0], false, room);
        svg.lines((PAD, top), px, false, theme.text, &lines);
    }
    let n = figures.len() as f64;
    let card_w = (INNER - 24.0 * (n - 1.0)) / n;
    let place = |i: usize| (PAD + i as f64 * (card_w + 24.0), top, card_w, bottom - top);
    // Every card's value and label at the same size: the largest at which all fit.
    let (mut value_px, mut label_px) = (f64::MAX, f64::MAX);
    for (i, o) in figures.iter().enumerate() {
        let sizes = (&[50.0, 44.0, 38.0, 32.0][..], &[27.0, 25.0, 23.0, 21.0][..]);
        let (v, l) = card(&mut Svg::new(""), (feed, o, lang), place(i), sizes);
        (value_px, label_px) = (value_px.min(v), label_px.min(l));
    }
    for (i, o) in figures.iter().enumerate() {
        card(
            &mut svg,
            (feed, o, lang),
            place(i),
            (&[value_px], &[label_px]),
        );
    }
    svg.finish()
}

/// Who the figures at `observations` come from, and who compiled them: the page's credit
/// line (`present::credit_line`), a paragraph each.
fn credits(feed: &Feed, observations: &[usize], lang: Lang) -> Vec<String> {
    let compiled = format!("{}.", present::compiled_by(feed, lang));
    let agencies = present::agencies(feed, observations, lang);
    match agencies.is_empty() {
        true => vec![compiled],
        false => vec![format!("{}: {agencies}.", i18n::CREDIT.get(lang)), compiled],
    }
}

/// One key figure as the page's card shows it: value (with its direction's arrow, unless a
/// qualifier says it), label, then area and period, on a band of the figure's tone. The value
/// and the label at the largest of their `sizes` that fit; returns those two sizes.
fn card(
    svg: &mut Svg,
    (feed, o, lang): (&Feed, &Observation, Lang),
    (x, y, w, h): (f64, f64, f64, f64),
    sizes: (&[f64], &[f64]),
) -> (f64, f64) {
    let (theme, nums) = (Theme::light(), LocaleNumbers(lang));
    let tone = match (feed.metric(&o.metric), o.value, o.measure.is_change()) {
        (Some(metric), Some(v), true) => present::tone(metric.direction, v),
        _ => Tone::Neutral,
    };
    svg.rect((x, y), (w, h), 12.0, theme.tone(tone));
    svg.rect((x + 10.0, y), (w - 10.0, h), 12.0, CARD);
    let arrow = (o.measure.is_change() && o.qualifier.is_none())
        .then(|| o.value.map(present::arrow))
        .flatten();
    let value = present::observation_value(feed, o, lang, &nums);
    let value = arrow.map_or(value.clone(), |a| format!("{a} {value}"));
    let (tx, tw) = (x + 34.0, w - 58.0);
    // On one line, or on two at the smallest size.
    let (value_px, lines) = fitted(&value, tw, sizes.0, true, |px| 1 + usize::from(px <= 32.0));
    let below_value = svg.lines((tx, y + 16.0), value_px, true, theme.text, &lines);
    let place = feed.area(&o.area).map_or("", |a| feed.text(&a.name, lang));
    let when = format!("{place} · {}", i18n::observation_period(o, lang));
    let when = chart::wrap(&when, tw, 23.0, false, 3, &DejaVu);
    let when_top = y + h - 20.0 - 30.0 * when.len() as f64;
    svg.lines((tx, when_top), 23.0, false, theme.muted, &when);
    let (top, bottom) = (below_value + 8.0, when_top - 4.0);
    let room = |px: f64| ((bottom - top) / (1.3 * px)).floor() as usize;
    let label = present::observation_label(feed, o, lang);
    let (label_px, label) = fitted(&label, tw, sizes.1, false, room);
    svg.lines((tx, top), label_px, false, theme.text, &label);
    (value_px, label_px)
}

/// A multi-series trend's series names, for a legend beside it (the page's is HTML).
fn series(v: &Visual) -> Vec<String> {
    match v {
        Visual::Trend(t) if t.series.len() > 1 => {
            t.series.iter().map(|s| s.label.clone()).collect()
        }
        _ => Vec::new(),
    }
}

/// The chart drawn in the preview's font at `s` times the page's size.
fn theme(s: f64) -> Theme {
    Theme {
        font: FONT,
        ..Theme::light().with_scale(s)
    }
}

/// A map's height over its width.
fn aspect(v: &Visual, fmt: &dyn Fn(f64) -> String) -> Option<f64> {
    let drawn = visual::layout(v, 600, &theme(1.0), &DejaVu, fmt);
    let used = content_width(&drawn, 600);
    (used > 0.0 && drawn.height() > 0).then(|| f64::from(drawn.height()) / used)
}

/// How wide the drawing is: a map may take less than the width it was given.
fn content_width(drawn: &Drawn, width: u32) -> f64 {
    let w = match drawn {
        Drawn::Tiles(l) => l.rects.iter().map(|r| r.x1).max().unwrap_or(0).max(0) as u32,
        _ => width,
    };
    f64::from(w.min(width))
}

/// A chart drawn as SVG content, `width` × `height` before it is shrunk by `k`.
struct Drawing {
    svg: String,
    width: f64,
    height: f64,
    k: f64,
}

/// The chart in a `w` × `h` box: laid out at the largest text scale (then the widest width) at
/// which it fits; else at the smallest scale, as wide as it will be once shrunk to fit.
fn fit(v: &Visual, w: f64, h: f64, fmt: &dyn Fn(f64) -> String) -> Option<Drawing> {
    const SCALES: [f64; 12] = [2.0, 1.8, 1.6, 1.45, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.6];
    let laid = |s: f64, width: f64| {
        let width = width.floor().max(1.0) as u32;
        (width, visual::layout(v, width, &theme(s), &DejaVu, fmt))
    };
    // A map's squares as large, for their text, as on a phone (about 90 px at scale 1).
    let legible = |d: &Drawn, s: f64| match d {
        Drawn::Tiles(l) => (l.rects.first()).is_none_or(|r| f64::from(r.x1 - r.x0) >= 88.0 * s),
        _ => true,
    };
    let fits = |s: f64| {
        [1.0, 0.85, 0.7, 0.55]
            .into_iter()
            .map(|part| laid(s, w * part))
            .find(|(_, d)| f64::from(d.height()) <= h && legible(d, s))
            .map(|(width, d)| (s, width, d))
    };
    let (s, width, drawn) = SCALES.into_iter().find_map(fits).unwrap_or_else(|| {
        let s = SCALES[SCALES.len() - 1];
        let (_, first) = laid(s, w);
        let (width, drawn) = laid(s, w * f64::from(first.height()) / h);
        (s, width, drawn)
    });
    if drawn.height() == 0 {
        return None;
    }
    let mut out = String::new();
    visual::draw_svg(v, width, &theme(s), &DejaVu, fmt, &mut out, |b| b).ok()?;
    // plotters' document without its `<svg>` element, to be placed in ours.
    let start = out.find("<svg")?;
    let inner = out[start..].find('>')? + start + 1;
    let end = out.rfind("</svg>")?;
    let (used, height) = (content_width(&drawn, width), f64::from(drawn.height()));
    Some(Drawing {
        svg: out[inner..end].to_owned(),
        width: used,
        height,
        k: (h / height).min(w / used.max(1.0)).min(1.0),
    })
}

#[cfg(test)]
mod tests;

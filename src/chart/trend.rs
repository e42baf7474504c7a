//! Levels over periods: columns for one series, lines with distinct markers for several.
//! The value axis always starts at zero, so a column's height is its value.

use plotters::style::{Color as _, ShapeStyle};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::DrawingBackend;

use super::{circle, ellipsize, fill, path, polygon, rect, wrap, Drawing, Measure, Rect, Theme};

/// One line (or the columns) of a trend chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    /// One value per category; `None` where the figure is not published.
    pub values: Vec<Option<f64>>,
    /// The values as the reader reads them ("846", "more than 1 000 kg").
    pub value_labels: Vec<String>,
    /// Hidden series are left out and the axis rescales to the rest.
    pub visible: bool,
}

/// A trend chart: categories (periods) along x, series of values up the y axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// A vertical mark before a category, with a short text (a methodology break, a new law).
    pub annotations: Vec<(usize, String)>,
    /// Lines even for a single series (the publisher's choice); otherwise one series is columns.
    pub lines: bool,
}

/// One point of the chart, in the order keyboard navigation visits them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Datum {
    pub series: usize,
    pub category: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub plot: Rect,
    pub y_max: f64,
    pub ticks: Vec<(f64, i32)>,
    pub x_centers: Vec<i32>,
    pub band: i32,
    /// Visible points with their hit areas, series by series.
    pub data: Vec<(Datum, Rect)>,
    /// Each visible point's position (the top centre of its column, or the line's point).
    pub points: Vec<(i32, i32)>,
    pub x_labels: Vec<Vec<String>>,
    /// Each annotation: the x of its dashed line, its label fitted to the room beside the line,
    /// and whether the label ends at the line (it would not fit after it).
    pub notes: Vec<(i32, String, bool)>,
    pub height: u32,
    pub columns: bool,
}

const CSS_HEIGHT: f64 = 280.0;
const FONT: f64 = 13.0;
const PAD: f64 = 8.0;
const LINE_H: f64 = 17.0;

/// `10^floor(log10(x))` for a positive finite `x`, found by counting powers of ten: `powf` and
/// `log10` would bring 2.6 KB of libm into the page. Exact for the powers up to 10^±22, which
/// are exact in `f64`.
fn power_of_ten_below(x: f64) -> f64 {
    let pow = |n: i32| {
        let mut p = 1.0f64;
        for _ in 0..n.unsigned_abs() {
            p *= 10.0;
        }
        if n < 0 {
            1.0 / p
        } else {
            p
        }
    };
    let mut n = 0;
    while n < 308 && pow(n + 1) <= x {
        n += 1;
    }
    while n > -308 && pow(n) > x {
        n -= 1;
    }
    pow(n)
}

/// A "nice" step (1, 2 or 5 × 10ⁿ) that splits `max` into about four parts.
pub fn nice_step(max: f64) -> f64 {
    if !(max.is_finite() && max > 0.0) {
        return 1.0;
    }
    let raw = max / 4.0;
    let mag = power_of_ten_below(raw);
    let norm = raw / mag;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

pub fn layout(
    t: &Trend,
    width: u32,
    theme: &Theme,
    m: &dyn Measure,
    tick_label: &dyn Fn(f64) -> String,
) -> Layout {
    let s = theme.scale;
    let font = FONT * s;
    let visible = || t.series.iter().enumerate().filter(|(_, se)| se.visible);
    let max = visible()
        .flat_map(|(_, se)| se.values.iter().flatten())
        .fold(0.0_f64, |a, &b| a.max(b));
    let step = nice_step(max);
    let y_max = ((max / step).ceil() * step).max(step);
    let tick_values: Vec<f64> = (0..=((y_max / step).round() as i32))
        .map(|k| f64::from(k) * step)
        .collect();
    let axis_w = tick_values
        .iter()
        .map(|v| m.width(&tick_label(*v), font, false))
        .fold(0.0_f64, f64::max);
    let w = f64::from(width);
    let left = PAD * s + axis_w + 6.0 * s;
    let right = w - PAD * s;
    let n = t.categories.len().max(1);
    let band = ((right - left) / n as f64).max(f64::EPSILON);
    // Long series: label every k-th category so that labels never overlap.
    let widest = t
        .categories
        .iter()
        .take(64)
        .map(|c| m.width(c, font, false))
        .fold(0.0_f64, f64::max);
    let every = if band >= 24.0 * s {
        1
    } else {
        ((widest + 8.0 * s) / band).ceil().max(1.0) as usize
    };
    let x_labels: Vec<Vec<String>> = t
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if every == 1 {
                wrap(c, band - 4.0 * s, font, false, 2, m)
            } else if i % every == 0 {
                vec![c.clone()]
            } else {
                Vec::new()
            }
        })
        .collect();
    let label_lines = x_labels.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let height = (CSS_HEIGHT * s).round();
    let top = (PAD + LINE_H + 4.0) * s; // room for value labels and annotations
    let bottom = height - (PAD + LINE_H * label_lines as f64 + 4.0) * s;
    let plot = Rect {
        x0: left.round() as i32,
        y0: top.round() as i32,
        x1: right.round() as i32,
        y1: bottom.round() as i32,
    };
    let y_of = |v: f64| (bottom - v / y_max * (bottom - top)).round() as i32;
    let x_centers: Vec<i32> = (0..t.categories.len())
        .map(|i| (left + band * (i as f64 + 0.5)).round() as i32)
        .collect();
    let columns = visible().count() == 1 && !t.lines;
    let mut data = Vec::new();
    let mut points = Vec::new();
    for (si, se) in visible() {
        for (ci, v) in se.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let cx = x_centers[ci];
            let y = y_of(*v);
            let half = (band * 0.5).round() as i32;
            let hit = if columns {
                Rect {
                    x0: cx - half,
                    y0: plot.y0,
                    x1: cx + half,
                    y1: plot.y1,
                }
            } else {
                let r = (12.0 * s).round() as i32;
                Rect {
                    x0: cx - half,
                    y0: y - r,
                    x1: cx + half,
                    y1: y + r,
                }
            };
            data.push((
                Datum {
                    series: si,
                    category: ci,
                },
                hit,
            ));
            points.push((cx, y));
        }
    }
    // A label starts after its line, unless the plot has more room before it; where the side it
    // goes to is too narrow, it is cut there.
    let gap = 4.0 * s;
    let mut notes = Vec::new();
    for (cat, text) in &t.annotations {
        let Some(&cx) = x_centers.get(*cat) else {
            continue;
        };
        let x = cx - (band / 2.0).round() as i32;
        let after = f64::from(plot.x1 - x) - gap;
        let before = f64::from(x - plot.x0) - gap;
        let width = m.width(text, font, false);
        let end_at_line = width > after && before > after;
        let room = if end_at_line { before } else { after };
        notes.push((x, ellipsize(text, room, font, false, m), end_at_line));
    }
    Layout {
        plot,
        y_max,
        ticks: tick_values.into_iter().map(|v| (v, y_of(v))).collect(),
        x_centers,
        band: band.round() as i32,
        data,
        points,
        x_labels,
        notes,
        height: height as u32,
        columns,
    }
}

fn marker<DB: DrawingBackend>(
    b: &mut DB,
    shape: usize,
    (x, y): (i32, i32),
    r: i32,
    style: ShapeStyle,
) -> Drawing<DB> {
    match shape % 4 {
        0 => circle(b, (x, y), r, style),
        1 => rect(b, (x - r, y - r), (x + r, y + r), style),
        2 => polygon(
            b,
            &[(x, y - r - 1), (x - r - 1, y + r), (x + r + 1, y + r)],
            style,
        ),
        _ => polygon(
            b,
            &[
                (x, y - r - 1),
                (x + r + 1, y),
                (x, y + r + 1),
                (x - r - 1, y),
            ],
            style,
        ),
    }
}

/// A vertical dashed line from `y0` down to `y1`: `dash` pixels drawn, `gap` left out.
fn dashed_line<DB: DrawingBackend>(
    b: &mut DB,
    x: i32,
    (mut y, y1): (i32, i32),
    (dash, gap): (i32, i32),
    style: ShapeStyle,
) -> Drawing<DB> {
    while y < y1 {
        let end = (y + dash).min(y1);
        path(b, &[(x, y), (x, end)], style)?;
        y = end + gap;
    }
    Ok(())
}

/// Draws the chart as laid out. `highlight` is an index into `layout.data`.
pub fn draw<DB: DrawingBackend>(
    b: &mut DB,
    t: &Trend,
    layout: &Layout,
    theme: &Theme,
    highlight: Option<usize>,
    tick_label: &dyn Fn(f64) -> String,
) -> Drawing<DB> {
    let s = theme.scale;
    let font = FONT * s;
    let small = theme.text_style(font, false, theme.muted);
    let bold = theme.text_style(font, true, theme.text);
    let p = layout.plot;
    if !theme.transparent {
        fill(b, theme.background)?;
    }
    // Highlighted category band, behind everything.
    if let Some((d, _)) = highlight.and_then(|h| layout.data.get(h)) {
        let cx = layout.x_centers[d.category];
        let half = layout.band / 2;
        rect(
            b,
            (cx - half, p.y0),
            (cx + half, p.y1),
            theme.axis.mix(0.15).filled(),
        )?;
    }
    for (v, y) in &layout.ticks {
        path(
            b,
            &[(p.x0, *y), (p.x1, *y)],
            theme.axis.mix(0.35).stroke_width(1),
        )?;
        b.draw_text(
            &tick_label(*v),
            &small.at(HPos::Right, VPos::Center),
            (p.x0 - theme.px(6.0), *y),
        )?;
    }
    for (i, lines) in layout.x_labels.iter().enumerate() {
        for (n, line) in lines.iter().enumerate() {
            b.draw_text(
                line,
                &small.at(HPos::Center, VPos::Top),
                (
                    layout.x_centers[i],
                    p.y1 + theme.px(4.0) + theme.px(LINE_H) * n as i32,
                ),
            )?;
        }
    }
    for (x, text, end_at_line) in &layout.notes {
        let x = *x;
        dashed_line(
            b,
            x,
            (p.y0 - theme.px(14.0), p.y1),
            (theme.px(4.0).max(1), theme.px(3.0).max(1)),
            theme.muted.stroke_width(theme.px(1.0).max(1) as u32),
        )?;
        let (align, at) = if *end_at_line {
            (HPos::Right, x - theme.px(4.0))
        } else {
            (HPos::Left, x + theme.px(4.0))
        };
        b.draw_text(
            text,
            &small.at(align, VPos::Top),
            (at, p.y0 - theme.px(16.0)),
        )?;
    }
    let many_labels = layout.x_centers.len() > 8;
    let mut k = 0;
    for (si, series) in t.series.iter().enumerate() {
        if !series.visible {
            continue;
        }
        let colour = theme.series(si);
        // `layout.data` and `layout.points` hold the visible series one after another.
        let n = layout.data[k..]
            .iter()
            .take_while(|(d, _)| d.series == si)
            .count();
        let (data, points) = (&layout.data[k..k + n], &layout.points[k..k + n]);
        k += n;
        if layout.columns {
            let half = ((f64::from(layout.band) * 0.32).round() as i32).max(1);
            for ((d, _), &(x, y)) in data.iter().zip(points) {
                rect(b, (x - half, y), (x + half, p.y1), colour.filled())?;
                if !many_labels {
                    if let Some(label) = series.value_labels.get(d.category) {
                        b.draw_text(
                            label,
                            &bold.at(HPos::Center, VPos::Bottom),
                            (x, y - theme.px(4.0)),
                        )?;
                    }
                }
            }
        } else {
            // Lines join only neighbouring published values: a gap stays a gap. Each unbroken
            // run is one path; a run longer than the plot is wide is thinned with LTTB.
            let width = usize::try_from(p.x1 - p.x0).unwrap_or(1).max(1);
            let line = colour.stroke_width(theme.px(2.0).max(1) as u32);
            let mut start = 0;
            while start < n {
                let mut end = start + 1;
                while end < n && data[end].0.category == data[end - 1].0.category + 1 {
                    end += 1;
                }
                let run = &points[start..end];
                if run.len() > 2 * width {
                    let as_f: Vec<(f64, f64)> = run
                        .iter()
                        .map(|(x, y)| (f64::from(*x), f64::from(*y)))
                        .collect();
                    let kept: Vec<(i32, i32)> = super::decimate::lttb(&as_f, 2 * width)
                        .into_iter()
                        .map(|i| run[i])
                        .collect();
                    path(b, &kept, line)?;
                } else if run.len() > 1 {
                    path(b, run, line)?;
                }
                start = end;
            }
            // Markers tell series apart without colour; past a few dozen points they would blur.
            if n <= 60 {
                for pt in points {
                    marker(b, si, *pt, theme.px(4.0).max(2), colour.filled())?;
                }
            }
            if let (Some((d, _)), Some(&(x, y))) = (data.last(), points.last()) {
                if let Some(label) = series.value_labels.get(d.category) {
                    b.draw_text(
                        label,
                        &bold.at(HPos::Center, VPos::Bottom),
                        (x, y - theme.px(8.0)),
                    )?;
                }
            }
        }
    }
    path(
        b,
        &[(p.x0, p.y1), (p.x1, p.y1)],
        theme.axis.stroke_width(theme.px(1.0).max(1) as u32),
    )?;
    if let Some((_, pt)) = highlight.and_then(|h| layout.data.get(h).zip(layout.points.get(h))) {
        circle(
            b,
            *pt,
            theme.px(7.0),
            theme.text.stroke_width(theme.px(2.0).max(1) as u32),
        )?;
    }
    Ok(())
}

/// Index into `layout.data` of the point under (x, y) in backing pixels: the nearest visible
/// point within half a category (at least 12 px) sideways; nearest in height among series.
pub fn hit(layout: &Layout, x: i32, y: i32) -> Option<usize> {
    if y < layout.plot.y0 - 20 || y > layout.plot.y1 + 4 {
        return None;
    }
    let reach = (layout.band / 2).max(12);
    layout
        .points
        .iter()
        .enumerate()
        .filter(|(_, (px, _))| (px - x).abs() <= reach)
        .min_by_key(|(_, (px, py))| {
            let (dx, dy) = (i64::from(px - x), i64::from(py - y));
            // Sideways distance first: the category under the pointer, then the nearest line.
            dx * dx * 16 + dy * dy
        })
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::ApproxMeasure;

    fn trend(n_series: usize) -> Trend {
        let cats = ["2022", "2023", "2024", "2025"];
        Trend {
            categories: cats.iter().map(|c| (*c).to_owned()).collect(),
            series: (0..n_series)
                .map(|i| Series {
                    label: format!("series {i}"),
                    values: vec![
                        Some(157_473.0 / (i + 1) as f64),
                        Some(140_272.0 / (i + 1) as f64),
                        Some(132_778.0 / (i + 1) as f64),
                        None,
                    ],
                    value_labels: vec![
                        "157 473".into(),
                        "140 272".into(),
                        "132 778".into(),
                        String::new(),
                    ],
                    visible: true,
                })
                .collect(),
            annotations: vec![(3, "new method".into())],
            lines: false,
        }
    }

    fn render(t: &Trend, highlight: Option<usize>) -> (String, Layout) {
        let theme = Theme::light();
        let fmt = |v: f64| format!("{v}");
        let layout = layout(t, 640, &theme, &ApproxMeasure, &fmt);
        let mut out = String::new();
        {
            let mut b = plotters::prelude::SVGBackend::with_string(&mut out, (640, layout.height));
            draw(&mut b, t, &layout, &theme, highlight, &fmt).unwrap();
        }
        (out, layout)
    }

    #[test]
    fn an_annotation_label_stays_inside_the_plot() {
        let mut t = trend(1);
        // Short, at the last category: it fits after its line.
        let (svg, l) = render(&t, None);
        assert_eq!(l.notes.len(), 1);
        let (x, text, end_at_line) = &l.notes[0];
        assert_eq!((text.as_str(), *end_at_line), ("new method", false));
        assert!(*x > l.plot.x0 && *x < l.plot.x1);
        let ends = svg.matches("text-anchor=\"end\"").count();
        // Long: it ends at its line, cut to the room before it.
        let long = "From 2025 the national figure counts registered criminal offences".repeat(2);
        t.annotations = vec![(3, long.clone())];
        let (svg, l) = render(&t, None);
        let (x, text, end_at_line) = &l.notes[0];
        assert!(*end_at_line);
        assert!(text.ends_with('…') && text.len() < long.len(), "{text}");
        let room = f64::from(*x - l.plot.x0) - 4.0;
        assert!(ApproxMeasure.width(text, 13.0, false) <= room);
        assert_eq!(svg.matches("text-anchor=\"end\"").count(), ends + 1);
    }

    #[test]
    fn powers_of_ten_are_counted_as_libm_computes_them() {
        let libm = |v: f64| 10f64.powf(v.log10().floor());
        // Exact powers of ten, and values between them (libm's log10 may round a value a hair
        // below a power of ten up to it; none of those here).
        for n in -9..=15 {
            let p = 10f64.powi(n);
            assert_eq!(power_of_ten_below(p).to_bits(), libm(p).to_bits(), "10^{n}");
        }
        let mut seed = 12345u64;
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = (seed >> 11) as f64 / (1u64 << 53) as f64;
            let v = 10f64.powf(-9.0 + 24.0 * r);
            let m = libm(v);
            if (v / m - 1.0).abs() < 1e-9 || (v / m - 10.0).abs() < 1e-8 {
                continue;
            }
            assert_eq!(power_of_ten_below(v).to_bits(), m.to_bits(), "{v}");
        }
        for v in [0.2, 0.3, 4.0, 8.0, 53.1 / 4.0, 157_473.0 / 4.0, 2.5e-7] {
            assert_eq!(power_of_ten_below(v).to_bits(), libm(v).to_bits(), "{v}");
        }
    }

    #[test]
    fn nice_steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(157_473.0), 50_000.0);
        assert_eq!(nice_step(8.0), 2.0);
        assert_eq!(nice_step(0.0), 1.0);
        assert_eq!(nice_step(f64::NAN), 1.0);
    }

    #[test]
    fn one_series_draws_a_column_per_published_value_with_its_label() {
        let t = trend(1);
        let (svg, layout) = render(&t, None);
        assert!(layout.columns);
        // background + 3 columns (the missing 2025 value draws nothing)
        assert_eq!(svg.matches("<rect").count(), 1 + 3);
        for label in [
            "157 473",
            "140 272",
            "132 778",
            "2022",
            "2025",
            "new method",
        ] {
            assert!(svg.contains(label), "{label} missing");
        }
        // Taller value, taller column: 2022 above 2024.
        assert!(layout.points[0].1 < layout.points[2].1);
        // The axis starts at zero.
        assert_eq!(layout.ticks[0].0, 0.0);
        assert_eq!(layout.ticks[0].1, layout.plot.y1);
    }

    #[test]
    fn several_series_draw_lines_with_a_marker_per_point_and_hidden_series_rescale() {
        let mut t = trend(2);
        let (svg, layout) = render(&t, None);
        assert!(!layout.columns);
        assert_eq!(layout.data.len(), 6);
        // Series 0 uses circles, series 1 squares.
        assert_eq!(svg.matches("<circle").count(), 3);
        let y_max_both = layout.y_max;
        t.series[0].visible = false;
        let (_, hidden) = render(&t, None);
        assert_eq!(hidden.data.len(), 3);
        assert!(hidden.y_max < y_max_both, "the axis rescales");
    }

    #[test]
    fn the_publisher_can_ask_for_lines_for_a_single_series() {
        let mut t = trend(1);
        t.lines = true;
        let (svg, layout) = render(&t, None);
        assert!(!layout.columns);
        assert_eq!(
            svg.matches("<rect").count(),
            1,
            "background only, no columns"
        );
        assert_eq!(svg.matches("<circle").count(), 3);
    }

    #[test]
    fn a_long_series_draws_one_thinned_path_with_few_labels_and_keeps_every_point_for_hover() {
        let n: u32 = 10_000;
        let t = Trend {
            categories: (0..n).map(|i| format!("p{i}")).collect(),
            series: vec![Series {
                label: "long".into(),
                values: (0..n)
                    .map(|i| Some(100.0 + (f64::from(i) / 40.0).sin() * 50.0))
                    .collect(),
                value_labels: vec![String::new(); n as usize],
                visible: true,
            }],
            annotations: vec![],
            lines: true,
        };
        let (svg, layout) = render(&t, None);
        assert_eq!(layout.data.len(), n as usize, "every point can be hovered");
        let lines: Vec<usize> = svg
            .split("<polyline")
            .skip(1)
            .map(|p| {
                p.split("points=\"").nth(1).map_or(0, |q| {
                    q.split('"').next().unwrap_or("").split_whitespace().count()
                })
            })
            .filter(|n| *n > 2)
            .collect();
        assert_eq!(lines.len(), 1, "one path for the line: {lines:?}");
        assert!(
            lines[0] <= 2 * 640,
            "thinned to at most twice the width: {}",
            lines[0]
        );
        let labelled = layout.x_labels.iter().filter(|l| !l.is_empty()).count();
        assert!(labelled < 40, "{labelled} x labels");
        assert_eq!(
            svg.matches("<circle").count(),
            0,
            "no markers on a long line"
        );
    }

    #[test]
    fn the_highlighted_point_gets_a_band_and_a_ring() {
        let t = trend(1);
        let (plain, _) = render(&t, None);
        let (lit, layout) = render(&t, Some(1));
        assert_eq!(
            lit.matches("<rect").count(),
            plain.matches("<rect").count() + 1
        );
        assert_eq!(
            lit.matches("<circle").count(),
            plain.matches("<circle").count() + 1
        );
        let (d, r) = layout.data[1];
        assert_eq!(
            d,
            Datum {
                series: 0,
                category: 1
            }
        );
        assert_eq!(hit(&layout, (r.x0 + r.x1) / 2, layout.plot.y1 - 2), Some(1));
        assert_eq!(hit(&layout, -50, 10), None);
    }
}

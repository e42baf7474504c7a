//! Horizontal bars around a zero line: change-only figures ("−61 %") diverge left and right,
//! levels grow to the right. Each row is a label line above its bar, so long labels fit a
//! 320 px phone without being squeezed into a left margin.

use plotters::style::Color as _;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::DrawingBackend;

use super::{fill, path, rect, wrap, Drawing, Measure, Rect, Theme, Tone};

/// One bar: what it is, its value, and the text written at its end.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Already formatted for the reader's locale, with sign, unit and qualifier ("▼ −7 %").
    pub value_label: String,
    pub tone: Tone,
}

/// Row geometry in CSS pixels.
const PAD_X: f64 = 8.0;
const PAD_TOP: f64 = 6.0;
const LINE_H: f64 = 19.0;
const BAR_H: f64 = 20.0;
const LABEL_GAP: f64 = 3.0;
const ROW_GAP: f64 = 14.0;
const FONT: f64 = 14.0;
const VALUE_GAP: f64 = 6.0;
/// A label wraps onto at most this many lines.
const MAX_LABEL_LINES: usize = 2;

/// Where everything sits, in backing pixels, for a canvas `width` wide: used to draw and to
/// hit-test.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub bars: Vec<Rect>,
    /// Each row's whole band (label and bar), for pointer hit-testing.
    pub rows: Vec<Rect>,
    /// Each row's label, wrapped to the width.
    pub labels: Vec<Vec<String>>,
    /// The x of the zero line.
    pub zero_x: i32,
    /// The height the chart needs, in backing pixels.
    pub height: u32,
}

/// Lays bars out along one value axis that always contains zero, with room beyond each bar's
/// end for its value label.
pub fn layout(bars: &[Bar], width: u32, theme: &Theme, m: &dyn Measure) -> Layout {
    let w = f64::from(width);
    let s = theme.scale;
    let font = FONT * s;
    let gap = VALUE_GAP * s;
    let room = |negative: bool| {
        bars.iter()
            .filter(|b| (b.value < 0.0) == negative && (b.value != 0.0 || !negative))
            .map(|b| m.width(&b.value_label, font, true) + gap)
            .fold(0.0_f64, f64::max)
    };
    let lo = bars.iter().map(|b| b.value).fold(0.0_f64, f64::min);
    let hi = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    // At most 45 % of the width for value labels on either side.
    let x_min = PAD_X * s + room(true).min(w * 0.45);
    let x_max = (w - PAD_X * s - room(false).min(w * 0.45)).max(x_min + 1.0);
    let span = hi - lo;
    let x_of = |v: f64| {
        if span > 0.0 {
            x_min + (v - lo) / span * (x_max - x_min)
        } else {
            x_min
        }
    };
    let zero_x = x_of(0.0).round() as i32;
    let label_w = w - 2.0 * PAD_X * s;
    let mut rects = Vec::with_capacity(bars.len());
    let mut rows = Vec::with_capacity(bars.len());
    let mut labels = Vec::with_capacity(bars.len());
    let mut top = PAD_TOP * s;
    for bar in bars {
        let lines = wrap(&bar.label, label_w, font, false, MAX_LABEL_LINES, m);
        let bar_top = top + (LINE_H * lines.len().max(1) as f64 + LABEL_GAP) * s;
        let bottom = bar_top + (BAR_H + ROW_GAP) * s;
        let x = x_of(bar.value).round() as i32;
        rects.push(Rect {
            x0: x.min(zero_x),
            y0: bar_top.round() as i32,
            x1: x.max(zero_x),
            y1: (bar_top + BAR_H * s).round() as i32,
        });
        rows.push(Rect {
            x0: 0,
            y0: top.round() as i32,
            x1: width as i32,
            y1: bottom.round() as i32,
        });
        labels.push(lines);
        top = bottom;
    }
    Layout {
        bars: rects,
        rows,
        labels,
        zero_x,
        height: top.max(PAD_TOP * s + 1.0).ceil() as u32,
    }
}

/// Draws the bars as laid out by [`layout`] for this backend's width. `highlight` marks one
/// row (pointer or keyboard).
pub fn draw<DB: DrawingBackend>(
    b: &mut DB,
    bars: &[Bar],
    layout: &Layout,
    theme: &Theme,
    highlight: Option<usize>,
) -> Drawing<DB> {
    if !theme.transparent {
        fill(b, theme.background)?;
    }
    let font = FONT * theme.scale;
    let label_style = theme
        .text_style(font, false, theme.text)
        .at(HPos::Left, VPos::Top);
    let value_style = theme.text_style(font, true, theme.text);
    let line_h = theme.px(LINE_H);
    for (i, ((bar, r), row)) in bars.iter().zip(&layout.bars).zip(&layout.rows).enumerate() {
        if highlight == Some(i) {
            rect(
                b,
                (row.x0, row.y0),
                (row.x1 - 1, row.y1 - theme.px(ROW_GAP / 2.0)),
                theme.axis.mix(0.18).filled(),
            )?;
        }
        for (n, line) in layout.labels.get(i).into_iter().flatten().enumerate() {
            b.draw_text(
                line,
                &label_style,
                (theme.px(PAD_X), row.y0 + theme.px(2.0) + line_h * n as i32),
            )?;
        }
        let colour = theme.tone(bar.tone);
        // A zero value still gets a hairline so the row is not empty.
        let x1 = if r.x1 == r.x0 { r.x0 + 1 } else { r.x1 };
        rect(b, (r.x0, r.y0), (x1, r.y1), colour.filled())?;
        let mid_y = (r.y0 + r.y1) / 2;
        let gap = theme.px(VALUE_GAP);
        let (anchor, x) = if bar.value < 0.0 {
            (HPos::Right, r.x0 - gap)
        } else {
            (HPos::Left, x1 + gap)
        };
        b.draw_text(
            &bar.value_label,
            &value_style.at(anchor, VPos::Center),
            (x, mid_y),
        )?;
    }
    if let (Some(first), Some(last)) = (layout.bars.first(), layout.bars.last()) {
        path(
            b,
            &[
                (layout.zero_x, first.y0 - theme.px(4.0)),
                (layout.zero_x, last.y1 + theme.px(4.0)),
            ],
            theme.axis.stroke_width(theme.px(1.0).max(1) as u32),
        )?;
    }
    Ok(())
}

/// Index of the row under a point in backing pixels.
pub fn hit(layout: &Layout, x: i32, y: i32) -> Option<usize> {
    layout.rows.iter().position(|r| r.contains(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::ApproxMeasure;

    fn bars() -> Vec<Bar> {
        [
            ("Registered crimes", -7.0, Tone::Better),
            ("Particularly serious crimes", -61.0, Tone::Better),
            ("Internet fraud", 37.3, Tone::Worse),
            ("Drug laboratories liquidated", 0.0, Tone::Neutral),
        ]
        .into_iter()
        .map(|(label, value, tone)| Bar {
            label: label.into(),
            value,
            value_label: format!("{value} %"),
            tone,
        })
        .collect()
    }

    fn svg_with(bars: &[Bar], width: u32, highlight: Option<usize>) -> (String, Layout) {
        let theme = Theme::light();
        let layout = layout(bars, width, &theme, &ApproxMeasure);
        let mut out = String::new();
        {
            let mut svg =
                plotters::prelude::SVGBackend::with_string(&mut out, (width, layout.height));
            draw(&mut svg, bars, &layout, &theme, highlight).unwrap();
        }
        (out, layout)
    }

    fn svg(bars: &[Bar], width: u32) -> (String, Layout) {
        svg_with(bars, width, None)
    }

    fn count(svg: &str, needle: &str) -> usize {
        svg.matches(needle).count()
    }

    #[test]
    fn negative_values_extend_left_of_zero_and_positive_ones_right() {
        let (_, layout) = svg(&bars(), 600);
        let z = layout.zero_x;
        assert!(
            layout.bars[0].x1 == z && layout.bars[0].x0 < z,
            "−7 ends at zero"
        );
        assert!(
            layout.bars[1].x0 < layout.bars[0].x0,
            "−61 is longer than −7"
        );
        assert!(
            layout.bars[2].x0 == z && layout.bars[2].x1 > z,
            "+37 starts at zero"
        );
        assert_eq!(layout.bars[3].x0, layout.bars[3].x1, "zero has no length");
    }

    #[test]
    fn bar_lengths_are_proportional_to_values() {
        let (_, layout) = svg(&bars(), 800);
        let len = |i: usize| f64::from(layout.bars[i].x1 - layout.bars[i].x0);
        let ratio = len(1) / len(0);
        assert!((ratio - 61.0 / 7.0).abs() < 0.3, "ratio {ratio}");
    }

    #[test]
    fn svg_has_one_rect_per_bar_plus_background_and_every_label() {
        let b = bars();
        let (out, _) = svg(&b, 600);
        // Background fill + one rect per bar.
        assert_eq!(count(&out, "<rect"), b.len() + 1);
        for bar in &b {
            assert!(out.contains(&bar.label), "label {:?} missing", bar.label);
            assert!(
                out.contains(&bar.value_label),
                "value {:?} missing",
                bar.value_label
            );
        }
        // The zero line.
        assert_eq!(count(&out, "<polyline"), 1);
    }

    #[test]
    fn highlight_adds_one_band_behind_the_row() {
        let b = bars();
        let (out, _) = svg_with(&b, 600, Some(1));
        assert_eq!(count(&out, "<rect"), b.len() + 2);
    }

    #[test]
    fn long_labels_wrap_onto_two_lines_then_end_in_an_ellipsis() {
        let mut b = bars();
        b[0].label = "a very long label ".repeat(20);
        let (out, layout) = svg(&b, 320);
        assert_eq!(layout.labels[0].len(), 2);
        assert!(layout.labels[0][1].ends_with('…'));
        assert!(out.contains('…'));
        assert!(!out.contains(b[0].label.trim()));
        // The wrapped row is taller than a one-line row.
        let h = |i: usize| layout.rows[i].y1 - layout.rows[i].y0;
        assert!(h(0) > h(2));
        assert!(
            layout.rows.windows(2).all(|w| w[0].y1 <= w[1].y0),
            "rows do not overlap"
        );
    }

    #[test]
    fn hit_testing_finds_the_row_under_the_pointer() {
        let (_, layout) = svg(&bars(), 600);
        let r = layout.bars[2];
        assert_eq!(hit(&layout, r.x0 + 1, (r.y0 + r.y1) / 2), Some(2));
        assert_eq!(hit(&layout, 5, 100_000), None);
    }

    #[test]
    fn labels_are_escaped_in_svg_output() {
        let mut b = bars();
        b[0].label = "<script>alert(1)</script>".into();
        let (out, _) = svg(&b, 600);
        assert!(!out.contains("<script>"));
    }

    #[test]
    fn an_empty_chart_draws_only_its_background() {
        let (out, layout) = svg(&[], 300);
        assert!(layout.bars.is_empty());
        assert_eq!(count(&out, "<rect"), 1);
    }
}

//! A sparkline for a headline card: the series' shape, no axes, the last point marked.

use plotters::style::RGBColor;

/// The sparkline as a small SVG document (`width` × `height` pixels): a polyline through the
/// values and a dot on the last; `None` for fewer than two finite values. Written directly, with
/// whole-pixel coordinates: the page's `spark` module then shares no SVG code with the downloads.
pub fn svg(values: &[f64], width: u32, height: u32, colour: RGBColor) -> Option<String> {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if finite.len() < 2 {
        return None;
    }
    let lo = finite
        .iter()
        .copied()
        .fold(f64::INFINITY, f64::min)
        .min(0.0);
    let hi = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = (hi - lo).max(f64::EPSILON);
    let pad = 4.0;
    let (w, h) = (f64::from(width) - 2.0 * pad, f64::from(height) - 2.0 * pad);
    let points: Vec<(i32, i32)> = finite
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = pad + w * i as f64 / (finite.len() - 1) as f64;
            let y = pad + h - (v - lo) / span * h;
            (x.round() as i32, y.round() as i32)
        })
        .collect();
    let colour = format!("#{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2);
    let line: Vec<String> = points.iter().map(|(x, y)| format!("{x},{y}")).collect();
    let (x, y) = points[points.len() - 1];
    Some(format!(
        "<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\"><polyline points=\"{}\" fill=\"none\" \
         stroke=\"{colour}\" stroke-width=\"2\"/><circle cx=\"{x}\" cy=\"{y}\" r=\"3\" \
         fill=\"{colour}\"/></svg>",
        line.join(" ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparkline_has_one_line_through_every_value_and_marks_the_last() {
        let svg = svg(&[3180.0, 2012.0, 2500.0], 96, 32, RGBColor(0, 0x72, 0xb2)).unwrap();
        assert!(svg.starts_with("<svg width=\"96\" height=\"32\""));
        assert!(svg.contains("points=\"4,4 48,13 92,9\""));
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert_eq!(svg.matches("<circle").count(), 1);
        let pts = svg
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(pts.split_whitespace().count(), 3);
    }

    #[test]
    fn one_value_makes_no_sparkline() {
        assert_eq!(svg(&[5.0], 96, 32, RGBColor(0, 0, 0)), None);
        assert_eq!(svg(&[f64::NAN, 1.0], 96, 32, RGBColor(0, 0, 0)), None);
    }
}

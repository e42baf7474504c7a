//! A sparkline for a headline card: the series' shape, no axes, the last point marked.

use plotters::prelude::SVGBackend;
use plotters::style::{Color as _, RGBColor};
use plotters_backend::DrawingBackend;

use super::{circle, path, ChartError};

/// The sparkline as a small SVG document (`width` × `height` pixels); `None` for fewer than
/// two values.
pub fn svg(
    values: &[f64],
    width: u32,
    height: u32,
    colour: RGBColor,
) -> Result<Option<String>, ChartError> {
    let mut out = String::new();
    Ok(svg_into(values, (width, height), colour, &mut out, |b| b)?.then_some(out))
}

/// `svg` into `out`, through the backend `wrap` makes of the SVG writer (the page passes its
/// one backend type, so the drawing code is not compiled again for the SVG writer alone).
/// False, and nothing written, for fewer than two values.
pub fn svg_into<'a, DB: DrawingBackend>(
    values: &[f64],
    (width, height): (u32, u32),
    colour: RGBColor,
    out: &'a mut String,
    wrap: impl FnOnce(SVGBackend<'a>) -> DB,
) -> Result<bool, ChartError> {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if finite.len() < 2 {
        return Ok(false);
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
    let mut b = wrap(SVGBackend::with_string(out, (width, height)));
    path(&mut b, &points, colour.stroke_width(2))
        .and_then(|()| match points.last() {
            Some(last) => circle(&mut b, *last, 3, colour.filled()),
            None => Ok(()),
        })
        .and_then(|()| b.present())
        .map_err(super::drawing_error)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparkline_has_one_line_through_every_value_and_marks_the_last() {
        let svg = svg(&[3180.0, 2012.0, 2500.0], 96, 32, RGBColor(0, 0x72, 0xb2))
            .unwrap()
            .unwrap();
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
        assert_eq!(svg(&[5.0], 96, 32, RGBColor(0, 0, 0)).unwrap(), None);
        assert_eq!(
            svg(&[f64::NAN, 1.0], 96, 32, RGBColor(0, 0, 0)).unwrap(),
            None
        );
    }
}

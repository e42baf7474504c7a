//! One entry point for every chart type: lay out, draw, hit-test, and render to SVG.

use plotters::prelude::SVGBackend;
use plotters::style::RGBColor;
use plotters_backend::DrawingBackend;

use super::tiles::{self, Tiles};
use super::trend::{self, Trend};
use super::{bars, ChartError, Measure, Rect, Theme};

/// What a chart draws.
#[derive(Clone, Debug, PartialEq)]
pub enum Visual {
    Bars(Vec<bars::Bar>),
    Trend(Trend),
    Tiles(Tiles),
}

/// A laid-out chart: where each point is, for drawing and for pointer and keyboard.
#[derive(Clone, Debug, PartialEq)]
pub enum Drawn {
    Bars(bars::Layout),
    Trend(trend::Layout),
    Tiles(tiles::Layout),
}

impl Drawn {
    pub fn height(&self) -> u32 {
        match self {
            Drawn::Bars(l) => l.height,
            Drawn::Trend(l) => l.height,
            Drawn::Tiles(l) => l.height,
        }
    }

    /// Number of points a reader can move between.
    pub fn len(&self) -> usize {
        match self {
            Drawn::Bars(l) => l.bars.len(),
            Drawn::Trend(l) => l.data.len(),
            Drawn::Tiles(l) => l.rects.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `(series, category)` key of point `i` (for bars, `(0, i)`).
    pub fn key(&self, i: usize) -> Option<(usize, usize)> {
        match self {
            Drawn::Bars(l) => (i < l.bars.len()).then_some((0, i)),
            Drawn::Trend(l) => l.data.get(i).map(|(d, _)| (d.series, d.category)),
            Drawn::Tiles(l) => (i < l.rects.len()).then_some((0, i)),
        }
    }

    /// Where a tooltip for point `i` points to, in backing pixels.
    pub fn anchor(&self, i: usize) -> Option<(i32, i32)> {
        match self {
            Drawn::Bars(l) => l.bars.get(i).map(|r| {
                let x = if r.x0 < l.zero_x { r.x0 } else { r.x1 };
                (x, r.y0)
            }),
            Drawn::Trend(l) => l.points.get(i).copied(),
            Drawn::Tiles(l) => l.rects.get(i).map(|r| ((r.x0 + r.x1) / 2, r.y0)),
        }
    }

    /// The point under (x, y) in backing pixels.
    pub fn hit(&self, x: i32, y: i32) -> Option<usize> {
        match self {
            Drawn::Bars(l) => bars::hit(l, x, y),
            Drawn::Trend(l) => trend::hit(l, x, y),
            Drawn::Tiles(l) => tiles::hit(l, x, y),
        }
    }

    /// Hit areas, for tests.
    pub fn hit_rects(&self) -> Vec<Rect> {
        match self {
            Drawn::Bars(l) => l.rows.clone(),
            Drawn::Trend(l) => l.data.iter().map(|(_, r)| *r).collect(),
            Drawn::Tiles(l) => l.rects.clone(),
        }
    }
}

pub fn layout(
    v: &Visual,
    width: u32,
    theme: &Theme,
    m: &dyn Measure,
    fmt: &dyn Fn(f64) -> String,
) -> Drawn {
    match v {
        Visual::Bars(b) => Drawn::Bars(bars::layout(b, width, theme, m)),
        Visual::Trend(t) => Drawn::Trend(trend::layout(t, width, theme, m, fmt)),
        Visual::Tiles(t) => Drawn::Tiles(tiles::layout(t, width, theme, m)),
    }
}

/// Draws the chart as laid out on `backend`, then presents it.
pub fn draw<DB: DrawingBackend>(
    backend: &mut DB,
    v: &Visual,
    drawn: &Drawn,
    theme: &Theme,
    highlight: Option<usize>,
    fmt: &dyn Fn(f64) -> String,
) -> Result<(), ChartError> {
    match (v, drawn) {
        (Visual::Bars(b), Drawn::Bars(l)) => bars::draw(backend, b, l, theme, highlight),
        (Visual::Trend(t), Drawn::Trend(l)) => trend::draw(backend, t, l, theme, highlight, fmt),
        (Visual::Tiles(t), Drawn::Tiles(l)) => tiles::draw(backend, t, l, theme, highlight),
        _ => return Err(ChartError("layout does not match the chart".into())),
    }
    .and_then(|()| backend.present())
    .map_err(super::drawing_error)
}

/// Escapes text for XML content and attributes.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// The chart as a standalone SVG document, with its title and a description carrying the
/// summary and the sources.
pub fn to_svg(
    v: &Visual,
    width: u32,
    theme: &Theme,
    m: &dyn Measure,
    fmt: &dyn Fn(f64) -> String,
    title: &str,
    desc: &str,
) -> Result<String, ChartError> {
    let mut out = String::new();
    draw_svg(v, width, theme, m, fmt, &mut out, |b| b)?;
    titled_svg(out, title, desc)
}

/// Draws the chart as SVG into `out`, through a backend that wraps plotters' SVG writer: a
/// page that also draws on a canvas then compiles the drawing code for one backend type only.
pub fn draw_svg<'a, DB: DrawingBackend>(
    v: &Visual,
    width: u32,
    theme: &Theme,
    m: &dyn Measure,
    fmt: &dyn Fn(f64) -> String,
    out: &'a mut String,
    wrap: impl FnOnce(SVGBackend<'a>) -> DB,
) -> Result<(), ChartError> {
    let drawn = layout(v, width, theme, m, fmt);
    let mut backend = wrap(SVGBackend::with_string(out, (width, drawn.height())));
    draw(&mut backend, v, &drawn, theme, None, fmt)
}

/// Puts `<title>` and `<desc>` first in an SVG document.
pub fn titled_svg(mut svg: String, title: &str, desc: &str) -> Result<String, ChartError> {
    let head = format!(
        "<title>{}</title><desc>{}</desc>",
        xml_escape(title),
        xml_escape(desc)
    );
    match svg.find('>') {
        Some(i) => svg.insert_str(i + 1, &head),
        None => return Err(ChartError("empty SVG".into())),
    }
    Ok(svg)
}

/// Adds a visible line of text under the drawing of an SVG document (plotters' `width`,
/// `height` and `viewBox` grow by one line), on the theme's background: "Illustrative: not
/// real data" on a download of made-up figures.
pub fn noted_svg(svg: String, note: &str, theme: &Theme) -> Result<String, ChartError> {
    const LINE: u32 = 28;
    let bad = || ChartError("not a plotters SVG".into());
    let head_end = svg.find('>').ok_or_else(bad)?;
    let number = |name: &str| -> Option<(usize, usize, u32)> {
        let key = format!(" {name}=\"");
        let start = svg[..head_end].find(&key)? + key.len();
        let len = svg[start..].find('"')?;
        Some((start, len, svg[start..start + len].parse().ok()?))
    };
    let (hs, hl, height) = number("height").ok_or_else(bad)?;
    let (_, _, width) = number("width").ok_or_else(bad)?;
    let grown = height + LINE;
    let colour = |c: RGBColor| format!("rgb({},{},{})", c.0, c.1, c.2);
    let line = format!(
        "<rect x=\"0\" y=\"{height}\" width=\"{width}\" height=\"{LINE}\" fill=\"{}\"/>\
         <text x=\"8\" y=\"{}\" font-family=\"{}\" font-size=\"14\" font-weight=\"bold\" fill=\"{}\">{}</text>",
        colour(theme.background),
        height + 19,
        xml_escape(theme.font),
        colour(theme.text),
        xml_escape(note)
    );
    let end = svg.rfind("</svg>").ok_or_else(bad)?;
    let mut out = String::with_capacity(svg.len() + line.len() + 8);
    out.push_str(&svg[..hs]);
    out.push_str(&grown.to_string());
    let rest = &svg[hs + hl..end];
    let view = format!("viewBox=\"0 0 {width} {height}\"");
    out.push_str(&rest.replacen(&view, &format!("viewBox=\"0 0 {width} {grown}\""), 1));
    out.push_str(&line);
    out.push_str(&svg[end..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{ApproxMeasure, Tone};

    #[test]
    fn svg_export_carries_title_and_escaped_description() {
        let v = Visual::Bars(vec![bars::Bar {
            label: "Registered crimes".into(),
            value: -7.0,
            value_label: "−7 %".into(),
            tone: Tone::Better,
        }]);
        let svg = to_svg(
            &v,
            400,
            &Theme::light(),
            &ApproxMeasure,
            &|x| x.to_string(),
            "Crime & <b>",
            "Source: gov.kz",
        )
        .unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("<title>Crime &amp; &lt;b&gt;</title>"));
        assert!(svg.contains("<desc>Source: gov.kz</desc>"));
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn a_note_is_a_visible_line_under_the_drawing() {
        let v = Visual::Bars(vec![bars::Bar {
            label: "Registered crimes".into(),
            value: -7.0,
            value_label: "−7 %".into(),
            tone: Tone::Better,
        }]);
        let m = ApproxMeasure;
        let fmt = |x: f64| x.to_string();
        let svg = to_svg(&v, 400, &Theme::light(), &m, &fmt, "Crimes", "Source").unwrap();
        let h = layout(&v, 400, &Theme::light(), &m, &fmt).height();
        let noted = noted_svg(svg, "Illustrative: not real data & <b>", &Theme::light()).unwrap();
        let head = &noted[..noted.find('>').unwrap()];
        assert!(head.contains(&format!("height=\"{}\"", h + 28)), "{head}");
        assert!(
            head.contains(&format!("viewBox=\"0 0 400 {}\"", h + 28)),
            "{head}"
        );
        assert!(noted.contains(">Illustrative: not real data &amp; &lt;b&gt;</text></svg>"));
        assert!(noted.contains("<title>Crimes</title>"));
        assert!(noted_svg("<p>".into(), "x", &Theme::light()).is_err());
    }
}

//! Drawing code, generic over plotters' `DrawingBackend`: the same function draws on a
//! `<canvas>` in the browser and to SVG in native tests and in "download SVG".
//! Nothing here touches the browser or the feed's JSON; the UI hands in ready-made rows.

pub mod bars;
pub mod decimate;
pub mod spark;
pub mod tiles;
pub mod trend;
pub mod visual;

pub use visual::{Drawn, Visual};

use plotters::style::{Color as _, RGBColor, ShapeStyle};
use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontFamily,
    FontStyle,
};

/// Drawing failed in the backend (for a canvas: the 2D context refused an operation).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("drawing failed: {0}")]
pub struct ChartError(pub String);

/// What went wrong while drawing, in a few words. The backend's own error is not formatted:
/// its `Debug` text is of no use to a reader and costs the page's wasm several kilobytes.
pub fn drawing_error<E: std::error::Error + Send + Sync>(e: DrawingErrorKind<E>) -> ChartError {
    ChartError(
        match e {
            DrawingErrorKind::DrawingError(_) => "the canvas refused to draw",
            DrawingErrorKind::FontError(_) => "a font could not be used",
        }
        .to_owned(),
    )
}

/// A colour as CSS text: "rgb(0,114,178)", or with its opacity to a thousandth,
/// "rgba(0,114,178,0.35)". Written with whole numbers: the page's wasm does without Rust's
/// float formatting.
pub fn css_colour(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    let milli = (c.alpha.clamp(0.0, 1.0) * 1000.0).round() as u32;
    match milli {
        1000.. => format!("rgb({r},{g},{b})"),
        0 => format!("rgba({r},{g},{b},0)"),
        _ => {
            let digits = format!("{milli:03}");
            format!("rgba({r},{g},{b},0.{})", digits.trim_end_matches('0'))
        }
    }
}

/// What a backend's drawing call returns.
pub type Drawing<DB> = Result<(), DrawingErrorKind<<DB as DrawingBackend>::ErrorType>>;

// The charts draw with the backend's own primitives rather than plotters' `DrawingArea` and
// elements: those compiled a copy of the drawing code per element type into the page's wasm.
// Every shape takes a `ShapeStyle` and every point list a slice, so that each primitive of
// each backend is compiled once.

/// A rectangle between two corners, filled or outlined as `style` says.
pub fn rect<DB: DrawingBackend>(
    b: &mut DB,
    (x0, y0): BackendCoord,
    (x1, y1): BackendCoord,
    style: ShapeStyle,
) -> Drawing<DB> {
    b.draw_rect(
        (x0.min(x1), y0.min(y1)),
        (x0.max(x1), y0.max(y1)),
        &style,
        style.filled,
    )
}

/// The whole backend in one colour.
pub fn fill<DB: DrawingBackend>(b: &mut DB, colour: RGBColor) -> Drawing<DB> {
    let (w, h) = b.get_size();
    rect(b, (0, 0), (w as i32, h as i32), colour.filled())
}

/// A line through `points`.
pub fn path<DB: DrawingBackend>(
    b: &mut DB,
    points: &[BackendCoord],
    style: ShapeStyle,
) -> Drawing<DB> {
    b.draw_path(points.iter().copied(), &style)
}

/// A filled polygon (only the style's colour counts).
pub fn polygon<DB: DrawingBackend>(
    b: &mut DB,
    points: &[BackendCoord],
    style: ShapeStyle,
) -> Drawing<DB> {
    b.fill_polygon(points.iter().copied(), &style)
}

/// A circle, filled or outlined as `style` says.
pub fn circle<DB: DrawingBackend>(
    b: &mut DB,
    centre: BackendCoord,
    radius: i32,
    style: ShapeStyle,
) -> Drawing<DB> {
    b.draw_circle(centre, radius.max(0) as u32, &style, style.filled)
}

/// Text as both backends draw it: family, size, weight, colour and anchor. (plotters'
/// `TextStyle` also carries a font loader for backends that rasterize glyphs themselves.)
#[derive(Clone, Copy)]
pub struct Font {
    pub family: &'static str,
    /// Backing pixels.
    pub size: f64,
    pub bold: bool,
    pub colour: BackendColor,
    pub anchor: Pos,
}

impl Font {
    /// The same font, anchored at its `h`, `v` point.
    pub fn at(self, h: HPos, v: VPos) -> Font {
        Font {
            anchor: Pos::new(h, v),
            ..self
        }
    }
}

impl BackendTextStyle for Font {
    type FontError = std::convert::Infallible;

    fn color(&self) -> BackendColor {
        self.colour
    }

    fn size(&self) -> f64 {
        self.size
    }

    fn style(&self) -> FontStyle {
        if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        }
    }

    fn anchor(&self) -> Pos {
        self.anchor
    }

    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(self.family)
    }

    /// Only for backends that lay glyphs out themselves; the canvas and SVG do it.
    fn layout_box(&self, _: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        Ok(((0, 0), (0, 0)))
    }

    /// Only for backends that rasterize glyphs themselves; the canvas and SVG draw text.
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _: &str,
        _: BackendCoord,
        _: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        Ok(Ok(()))
    }
}

/// Whether a value is good news, bad news or neither, from the metric's direction.
/// Colour is never the only carrier: the value label has its sign and an arrow too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Better,
    Worse,
    Neutral,
}

/// Colours and type for one theme. Sizes are CSS pixels; `scale` turns them into backing pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub axis: RGBColor,
    pub better: RGBColor,
    pub worse: RGBColor,
    pub neutral: RGBColor,
    /// Series colours (Okabe–Ito, safe for colour-blind readers); markers differ too.
    pub palette: [RGBColor; 5],
    pub font: &'static str,
    /// Device pixels per CSS pixel (the canvas's devicePixelRatio, or 1 for SVG).
    pub scale: f64,
    /// Leave the background unpainted (embeds on a host page's own background).
    pub transparent: bool,
}

impl Theme {
    pub fn light() -> Theme {
        Theme {
            background: RGBColor(255, 255, 255),
            text: RGBColor(0x1f, 0x23, 0x28),
            muted: RGBColor(0x57, 0x5f, 0x6a),
            axis: RGBColor(0x8c, 0x95, 0x9f),
            better: RGBColor(0x1f, 0x5f, 0xa8),
            worse: RGBColor(0xb5, 0x41, 0x0f),
            neutral: RGBColor(0x5b, 0x64, 0x70),
            palette: [
                RGBColor(0x00, 0x72, 0xb2),
                RGBColor(0xd5, 0x5e, 0x00),
                RGBColor(0x00, 0x9e, 0x73),
                RGBColor(0xcc, 0x79, 0xa7),
                RGBColor(0x5b, 0x64, 0x70),
            ],
            font: "system-ui, sans-serif",
            scale: 1.0,
            transparent: false,
        }
    }

    pub fn dark() -> Theme {
        Theme {
            background: RGBColor(0x16, 0x1b, 0x22),
            text: RGBColor(0xe6, 0xed, 0xf3),
            muted: RGBColor(0xa8, 0xb3, 0xbf),
            axis: RGBColor(0x6e, 0x76, 0x81),
            better: RGBColor(0x6c, 0xb6, 0xff),
            worse: RGBColor(0xff, 0x9a, 0x6b),
            neutral: RGBColor(0xa8, 0xb3, 0xbf),
            palette: [
                RGBColor(0x56, 0xb4, 0xe9),
                RGBColor(0xe6, 0x9f, 0x00),
                RGBColor(0x2e, 0xc4, 0x9a),
                RGBColor(0xe8, 0x9b, 0xc8),
                RGBColor(0xa8, 0xb3, 0xbf),
            ],
            ..Theme::light()
        }
    }

    pub fn with_scale(mut self, scale: f64) -> Theme {
        self.scale = if scale.is_finite() && scale > 0.0 {
            scale.clamp(0.5, 4.0)
        } else {
            1.0
        };
        self
    }

    pub fn tone(&self, tone: Tone) -> RGBColor {
        match tone {
            Tone::Better => self.better,
            Tone::Worse => self.worse,
            Tone::Neutral => self.neutral,
        }
    }

    pub fn series(&self, i: usize) -> RGBColor {
        self.palette[i % self.palette.len()]
    }

    /// Text in the chart's font, `size` device pixels high, anchored at its top left
    /// until [`Font::at`] says otherwise.
    pub fn text_style(&self, size: f64, bold: bool, colour: RGBColor) -> Font {
        Font {
            family: self.font,
            size,
            bold,
            colour: colour.to_backend_color(),
            anchor: Pos::default(),
        }
    }

    /// CSS pixels to backing pixels.
    pub fn px(&self, css: f64) -> i32 {
        (css * self.scale).round() as i32
    }
}

/// Measures text as it will be drawn. The page measures with the canvas's own `measureText`;
/// native tests and SVG export use [`ApproxMeasure`]. (plotters' own estimate in the browser
/// measures a temporary `<span>` with an inline style: wrong past the viewport's width, and
/// refused by a strict Content-Security-Policy.)
pub trait Measure {
    /// Width in backing pixels of `text` at `font_px` backing pixels.
    fn width(&self, text: &str, font_px: f64, bold: bool) -> f64;
}

/// An estimate from character classes, a little generous so that text never overflows.
pub struct ApproxMeasure;

impl Measure for ApproxMeasure {
    fn width(&self, text: &str, font_px: f64, bold: bool) -> f64 {
        let em: f64 = text
            .chars()
            .map(|c| match c {
                ' ' | '.' | ',' | ':' | ';' | '·' | 'i' | 'l' | 'I' | '|' | '\'' => 0.3,
                c if c.is_ascii_digit() => 0.56,
                c if c.is_ascii_uppercase() => 0.68,
                c if (c as u32) < 0x0250 => 0.56,
                c if (0x0400..0x0530).contains(&(c as u32)) => 0.62,
                // Punctuation, currency, arrows, maths and shapes ("—", "₸", "−", "▼"), CJK
                // punctuation, emoji. Told apart by block rather than by
                // `char::is_alphanumeric`, whose Unicode tables cost the page's wasm 2 KB.
                '\u{2000}'..='\u{2bff}' | '\u{3000}'..='\u{303f}' | '\u{1f000}'..='\u{1faff}' => {
                    0.8
                }
                // Letters of other scripts and CJK.
                _ => 1.0,
            })
            .sum();
        em * font_px * if bold { 1.06 } else { 1.0 }
    }
}

/// Breaks `text` into at most `max_lines` lines no wider than `max_w`; the last line ends in
/// "…" when text had to be cut.
pub fn wrap(
    text: &str,
    max_w: f64,
    font_px: f64,
    bold: bool,
    max_lines: usize,
    m: &dyn Measure,
) -> Vec<String> {
    let fits = |t: &str| m.width(t, font_px, bold) <= max_w;
    // Not at the no-break spaces inside a number ("1 234", "7 %").
    let breaks = |c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}');
    let mut words = text.split(breaks).filter(|w| !w.is_empty());
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    while let Some(word) = words.next() {
        // Pushed rather than `format!`ted: smaller wasm.
        let mut candidate = current.clone();
        if !candidate.is_empty() {
            candidate.push(' ');
        }
        candidate.push_str(word);
        if current.is_empty() || fits(&candidate) {
            current = candidate;
            continue;
        }
        if lines.len() + 1 >= max_lines.max(1) {
            // The last allowed line takes the rest, cut to fit.
            current = candidate;
            for rest in words {
                current.push(' ');
                current.push_str(rest);
            }
            break;
        }
        lines.push(ellipsize(&current, max_w, font_px, bold, m));
        current = word.to_owned();
    }
    if !current.is_empty() {
        lines.push(ellipsize(&current, max_w, font_px, bold, m));
    }
    lines
}

/// Cuts `text` with "…" until it fits `max_w`.
pub fn ellipsize(text: &str, max_w: f64, font_px: f64, bold: bool, m: &dyn Measure) -> String {
    if m.width(text, font_px, bold) <= max_w {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().chain(['…'].iter()).collect();
        if m.width(&candidate, font_px, bold) <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo].iter().chain(['…'].iter()).collect()
}

/// An axis-aligned rectangle in backing pixels, `x0 <= x1`, `y0 <= y1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl Rect {
    pub fn contains(&self, x: i32, y: i32) -> bool {
        (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_css_text_with_their_opacity_to_a_thousandth() {
        let c = |alpha: f64| {
            css_colour(BackendColor {
                alpha,
                rgb: (0, 114, 178),
            })
        };
        assert_eq!(c(1.0), "rgb(0,114,178)");
        assert_eq!(c(0.5), "rgba(0,114,178,0.5)");
        assert_eq!(c(0.35), "rgba(0,114,178,0.35)");
        assert_eq!(c(0.1234), "rgba(0,114,178,0.123)");
        assert_eq!(c(0.05), "rgba(0,114,178,0.05)");
        assert_eq!(c(0.0), "rgba(0,114,178,0)");
        assert_eq!(c(1.7), "rgb(0,114,178)");
    }

    #[test]
    fn wrapping_keeps_words_whole_and_cuts_only_the_last_line() {
        let m = ApproxMeasure;
        let lines = wrap(
            "one two three four five six seven eight",
            60.0,
            10.0,
            false,
            2,
            &m,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(
            lines.iter().all(|l| m.width(l, 10.0, false) <= 60.0),
            "{lines:?}"
        );
        assert_eq!(
            wrap("short", 100.0, 10.0, false, 2, &m),
            vec!["short".to_owned()]
        );
        assert!(wrap("", 100.0, 10.0, false, 2, &m).is_empty());
    }

    #[test]
    fn a_number_is_never_broken_at_its_no_break_spaces() {
        let m = ApproxMeasure;
        let lines = wrap("fell by 37\u{a0}548 and 7\u{a0}%", 60.0, 10.0, false, 4, &m);
        assert_eq!(lines, ["fell by", "37\u{a0}548 and", "7\u{a0}%"]);
    }

    #[test]
    fn a_single_long_word_is_cut_with_an_ellipsis() {
        let m = ApproxMeasure;
        let lines = wrap(&"x".repeat(200), 50.0, 10.0, false, 2, &m);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].ends_with('…'));
    }
}

//! Drawing code, generic over plotters' `DrawingBackend`: the same function draws on a
//! `<canvas>` in the browser and to SVG in native tests and in "download SVG".
//! Nothing here touches the browser or the feed's JSON; the UI hands in ready-made rows.

pub mod bars;

use plotters::style::RGBColor;

/// Drawing failed in the backend (for a canvas: the 2D context refused an operation).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("drawing failed: {0}")]
pub struct ChartError(pub String);

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
    pub font: &'static str,
    /// Device pixels per CSS pixel (the canvas's devicePixelRatio, or 1 for SVG).
    pub scale: f64,
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
            font: "system-ui, sans-serif",
            scale: 1.0,
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
            ..Theme::light()
        }
    }

    pub fn with_scale(mut self, scale: f64) -> Theme {
        self.scale = if scale.is_finite() && scale > 0.0 { scale.clamp(0.5, 4.0) } else { 1.0 };
        self
    }

    pub fn tone(&self, tone: Tone) -> RGBColor {
        match tone {
            Tone::Better => self.better,
            Tone::Worse => self.worse,
            Tone::Neutral => self.neutral,
        }
    }

    /// CSS pixels to backing pixels.
    pub fn px(&self, css: f64) -> i32 {
        (css * self.scale).round() as i32
    }
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

//! One drawing backend type for the page: the canvas, or SVG for "Download SVG".
//!
//! `chart` is generic over plotters' `DrawingBackend`. Drawing to a canvas and to SVG with two
//! backend types compiled every chart's drawing code twice into the page's wasm; through this
//! enum it is compiled once, and only each drawing primitive looks at which backend it has.
//! The SVG writer sits behind a trait object ([`svg`]) made only where an SVG is downloaded
//! (the split module `extras`), so its code is fetched with that module, not with the page.

use super::canvas::{BackendError, Canvas};
use plotters::prelude::SVGBackend;
use plotters_backend::text_anchor::Pos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontFamily, FontStyle, FontTransform,
};

pub enum Backend<'a> {
    Canvas(Canvas),
    Svg(Box<dyn Erased + 'a>),
}

/// The SVG writer as a [`Backend`]: call only from code that writes SVG.
pub fn svg(b: SVGBackend<'_>) -> Backend<'_> {
    Backend::Svg(Box::new(b))
}

type Drawing = Result<(), DrawingErrorKind<BackendError>>;

/// The backend's own error, without its details (see `chart::drawing_error`).
fn plain<T, E: std::error::Error + Send + Sync>(
    r: Result<T, DrawingErrorKind<E>>,
) -> Result<T, DrawingErrorKind<BackendError>> {
    r.map_err(|e| match e {
        DrawingErrorKind::DrawingError(_) => DrawingErrorKind::DrawingError(BackendError),
        DrawingErrorKind::FontError(f) => DrawingErrorKind::FontError(f),
    })
}

/// A line's or a shape's colour and width, for [`Erased`].
#[derive(Clone, Copy)]
pub struct Stroke {
    color: BackendColor,
    width: u32,
}

impl Stroke {
    fn of<S: BackendStyle>(s: &S) -> Stroke {
        Stroke {
            color: s.color(),
            width: s.stroke_width(),
        }
    }
}

impl BackendStyle for Stroke {
    fn color(&self) -> BackendColor {
        self.color
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

/// What the SVG writer reads of a text style, for [`Erased`].
pub struct Lettering<'s> {
    color: BackendColor,
    size: f64,
    transform: FontTransform,
    style: FontStyle,
    anchor: Pos,
    family: &'s str,
}

impl BackendTextStyle for Lettering<'_> {
    type FontError = std::fmt::Error;
    fn color(&self) -> BackendColor {
        self.color
    }
    fn size(&self) -> f64 {
        self.size
    }
    fn transform(&self) -> FontTransform {
        self.transform.clone()
    }
    fn style(&self) -> FontStyle {
        self.style
    }
    fn anchor(&self) -> Pos {
        self.anchor
    }
    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(self.family)
    }
    /// Not used by the SVG writer, which leaves layout to the SVG's reader.
    fn layout_box(&self, _: &str) -> Result<((i32, i32), (i32, i32)), std::fmt::Error> {
        Err(std::fmt::Error)
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _: &str,
        _: BackendCoord,
        _: F,
    ) -> Result<Result<(), E>, std::fmt::Error> {
        Err(std::fmt::Error)
    }
}

/// A drawing backend without generic methods, so that it can be a trait object.
pub trait Erased {
    fn size(&self) -> (u32, u32);
    fn prepare(&mut self) -> Drawing;
    fn finish(&mut self) -> Drawing;
    fn pixel(&mut self, at: BackendCoord, color: BackendColor) -> Drawing;
    fn line(&mut self, from: BackendCoord, to: BackendCoord, s: Stroke) -> Drawing;
    fn rect(&mut self, from: BackendCoord, to: BackendCoord, s: Stroke, fill: bool) -> Drawing;
    fn path(&mut self, points: Vec<BackendCoord>, s: Stroke) -> Drawing;
    fn circle(&mut self, at: BackendCoord, radius: u32, s: Stroke, fill: bool) -> Drawing;
    fn polygon(&mut self, points: Vec<BackendCoord>, s: Stroke) -> Drawing;
    fn text(&mut self, text: &str, style: &Lettering, at: BackendCoord) -> Drawing;
}

impl<B: DrawingBackend> Erased for B {
    fn size(&self) -> (u32, u32) {
        self.get_size()
    }
    fn prepare(&mut self) -> Drawing {
        plain(self.ensure_prepared())
    }
    fn finish(&mut self) -> Drawing {
        plain(DrawingBackend::present(self))
    }
    fn pixel(&mut self, at: BackendCoord, color: BackendColor) -> Drawing {
        plain(self.draw_pixel(at, color))
    }
    fn line(&mut self, from: BackendCoord, to: BackendCoord, s: Stroke) -> Drawing {
        plain(self.draw_line(from, to, &s))
    }
    fn rect(&mut self, from: BackendCoord, to: BackendCoord, s: Stroke, fill: bool) -> Drawing {
        plain(self.draw_rect(from, to, &s, fill))
    }
    fn path(&mut self, points: Vec<BackendCoord>, s: Stroke) -> Drawing {
        plain(self.draw_path(points, &s))
    }
    fn circle(&mut self, at: BackendCoord, radius: u32, s: Stroke, fill: bool) -> Drawing {
        plain(self.draw_circle(at, radius, &s, fill))
    }
    fn polygon(&mut self, points: Vec<BackendCoord>, s: Stroke) -> Drawing {
        plain(self.fill_polygon(points, &s))
    }
    fn text(&mut self, text: &str, style: &Lettering, at: BackendCoord) -> Drawing {
        plain(self.draw_text(text, style, at))
    }
}

impl DrawingBackend for Backend<'_> {
    type ErrorType = BackendError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Backend::Canvas(b) => b.get_size(),
            Backend::Svg(b) => b.size(),
        }
    }

    fn ensure_prepared(&mut self) -> Drawing {
        match self {
            Backend::Canvas(b) => b.ensure_prepared(),
            Backend::Svg(b) => b.prepare(),
        }
    }

    fn present(&mut self) -> Drawing {
        match self {
            Backend::Canvas(b) => b.present(),
            Backend::Svg(b) => b.finish(),
        }
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawing {
        match self {
            Backend::Canvas(b) => b.draw_pixel(point, color),
            Backend::Svg(b) => b.pixel(point, color),
        }
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawing {
        match self {
            Backend::Canvas(b) => b.draw_line(from, to, style),
            Backend::Svg(b) => b.line(from, to, Stroke::of(style)),
        }
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawing {
        match self {
            Backend::Canvas(b) => b.draw_rect(upper_left, bottom_right, style, fill),
            Backend::Svg(b) => b.rect(upper_left, bottom_right, Stroke::of(style), fill),
        }
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawing {
        match self {
            Backend::Canvas(b) => b.draw_path(path, style),
            Backend::Svg(b) => b.path(path.into_iter().collect(), Stroke::of(style)),
        }
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawing {
        match self {
            Backend::Canvas(b) => b.draw_circle(center, radius, style, fill),
            Backend::Svg(b) => b.circle(center, radius, Stroke::of(style), fill),
        }
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawing {
        match self {
            Backend::Canvas(b) => b.fill_polygon(vert, style),
            Backend::Svg(b) => b.polygon(vert.into_iter().collect(), Stroke::of(style)),
        }
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Drawing {
        match self {
            Backend::Canvas(b) => b.draw_text(text, style, pos),
            Backend::Svg(b) => {
                let family = style.family();
                let lettering = Lettering {
                    color: style.color(),
                    size: style.size(),
                    transform: style.transform(),
                    style: style.style(),
                    anchor: style.anchor(),
                    family: family.as_str(),
                };
                b.text(text, &lettering, pos)
            }
        }
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<BackendError>> {
        match self {
            Backend::Canvas(b) => b.estimate_text_size(text, style),
            // What plotters' SVG writer does: the style's own layout.
            Backend::Svg(_) => {
                let ((x0, y0), (x1, y1)) = style
                    .layout_box(text)
                    .map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
                Ok(((x1 - x0) as u32, (y1 - y0) as u32))
            }
        }
    }
}

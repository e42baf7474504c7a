//! Drawing on a `<canvas>`: plotters' canvas backend, written again with one difference. Its
//! colours and fonts are CSS text ("rgba(0,114,178,0.5)", "bold 26px system-ui"), which
//! plotters-canvas writes with Rust's float formatting; here they are written by
//! [`crate::chart::css_colour`] and JavaScript's own number text, so the page's wasm carries
//! no float formatting (several kilobytes). Every call draws as plotters-canvas would.

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::format::js_number;
use crate::chart::css_colour;

/// The canvas or the SVG writer refused a drawing call.
#[derive(Debug)]
pub struct BackendError;

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("drawing failed")
    }
}

impl std::error::Error for BackendError {}

pub struct Canvas {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
}

type Drawing = Result<(), DrawingErrorKind<BackendError>>;

fn failed(_: JsValue) -> DrawingErrorKind<BackendError> {
    DrawingErrorKind::DrawingError(BackendError)
}

impl Canvas {
    /// The canvas's 2D context; `None` where the engine gives none.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Canvas> {
        let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Canvas { canvas, ctx })
    }

    fn fill(&self, c: BackendColor) {
        self.ctx.set_fill_style_str(&css_colour(c));
    }

    fn stroke(&self, style: &impl BackendStyle) {
        self.ctx.set_stroke_style_str(&css_colour(style.color()));
        self.ctx.set_line_width(f64::from(style.stroke_width()));
    }

    /// Moves along `points` (closing the shape for a fill); nothing for no points.
    fn trace(&self, points: impl IntoIterator<Item = BackendCoord>) -> bool {
        let mut points = points.into_iter();
        self.ctx.begin_path();
        let Some((x, y)) = points.next() else {
            return false;
        };
        self.ctx.move_to(f64::from(x), f64::from(y));
        for (x, y) in points {
            self.ctx.line_to(f64::from(x), f64::from(y));
        }
        true
    }
}

/// A one-pixel line drawn on the pixel grid, as plotters-canvas does: a horizontal or vertical
/// line moves half a pixel so that it covers one row of pixels, not half of two.
fn crisp(from: BackendCoord, to: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let (mut a, mut b) = (
        (f64::from(from.0), f64::from(from.1)),
        (f64::from(to.0), f64::from(to.1)),
    );
    if a.0 == b.0 {
        a.0 -= 0.5;
        b.0 -= 0.5;
    }
    if a.1 == b.1 {
        a.1 -= 0.5;
        b.1 -= 0.5;
    }
    (a, b)
}

impl DrawingBackend for Canvas {
    type ErrorType = BackendError;

    fn get_size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }

    fn ensure_prepared(&mut self) -> Drawing {
        Ok(())
    }

    fn present(&mut self) -> Drawing {
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, c: BackendColor) -> Drawing {
        if c.alpha > 0.0 {
            self.fill(c);
            self.ctx.fill_rect(f64::from(x), f64::from(y), 1.0, 1.0);
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        s: &S,
    ) -> Drawing {
        if s.color().alpha > 0.0 {
            let (a, b) = crisp(from, to);
            self.stroke(s);
            self.ctx.begin_path();
            self.ctx.move_to(a.0, a.1);
            self.ctx.line_to(b.0, b.1);
            self.ctx.stroke();
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        s: &S,
        fill: bool,
    ) -> Drawing {
        if s.color().alpha == 0.0 {
            return Ok(());
        }
        let (x, y, w, h) = (
            f64::from(x0),
            f64::from(y0),
            f64::from(x1 - x0),
            f64::from(y1 - y0),
        );
        if fill {
            self.fill(s.color());
            self.ctx.fill_rect(x, y, w, h);
        } else {
            self.stroke(s);
            self.ctx.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Drawing {
        if s.color().alpha > 0.0 {
            self.stroke(s);
            self.trace(path);
            self.ctx.stroke();
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Drawing {
        if s.color().alpha > 0.0 {
            self.fill(s.color());
            if self.trace(vert) {
                self.ctx.close_path();
            }
            self.ctx.fill();
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        s: &S,
        fill: bool,
    ) -> Drawing {
        if s.color().alpha == 0.0 {
            return Ok(());
        }
        match fill {
            true => self.fill(s.color()),
            false => self.stroke(s),
        }
        self.ctx.begin_path();
        let full = std::f64::consts::TAU;
        (self
            .ctx
            .arc(f64::from(x), f64::from(y), f64::from(radius), 0.0, full))
        .map_err(failed)?;
        match fill {
            true => self.ctx.fill(),
            false => self.ctx.stroke(),
        }
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        at: BackendCoord,
    ) -> Drawing {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        let quarter_turns = match style.transform() {
            FontTransform::Rotate90 => 1.0,
            FontTransform::Rotate180 => 2.0,
            FontTransform::Rotate270 => 3.0,
            _ => 0.0,
        };
        let (mut x, mut y) = (f64::from(at.0), f64::from(at.1));
        if quarter_turns != 0.0 {
            self.ctx.save();
            self.ctx.translate(x, y).map_err(failed)?;
            self.ctx
                .rotate(quarter_turns * std::f64::consts::FRAC_PI_2)
                .map_err(failed)?;
            (x, y) = (0.0, 0.0);
        }
        let anchor = style.anchor();
        self.ctx.set_text_baseline(match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        });
        self.ctx.set_text_align(match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        });
        self.fill(colour);
        self.ctx.set_font(&font(
            style.style().as_str(),
            style.size(),
            style.family().as_str(),
        ));
        self.ctx.fill_text(text, x, y).map_err(failed)?;
        if quarter_turns != 0.0 {
            self.ctx.restore();
        }
        Ok(())
    }
}

/// A CSS font ("bold 26px system-ui"), the size as JavaScript writes numbers.
pub fn font(style: &str, px: f64, family: &str) -> String {
    format!("{style} {}px {family}", js_number(px))
}

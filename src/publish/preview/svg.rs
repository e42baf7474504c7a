//! The preview's SVG document: text, rectangles, the band at the top with the "illustrative"
//! label, and the credit at the foot. Every text is escaped; positions are written to a tenth.

use plotters::style::RGBColor;

use super::measure::DejaVu;
use super::{FONT, HEIGHT, WIDTH};
use crate::chart::visual::xml_escape;
use crate::chart::{self, Measure as _, Theme};
use crate::feed::{Feed, Lang};
use crate::i18n;

pub const W: f64 = WIDTH as f64;
pub const H: f64 = HEIGHT as f64;
/// The margin on every side.
pub const PAD: f64 = 48.0;
/// The width text may take between the margins.
pub const INNER: f64 = W - 2.0 * PAD;
const RULE: RGBColor = RGBColor(0xd0, 0xd7, 0xde);
const WHITE: RGBColor = RGBColor(255, 255, 255);

/// A number for an attribute, to a tenth.
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

fn colour(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// `text` wrapped to `w` at the largest of `sizes` (px) at which it fits whole in the lines
/// `lines(px)` allows; else at the smallest, its last line cut with "…".
pub fn fitted(
    text: &str,
    w: f64,
    sizes: &[f64],
    bold: bool,
    lines: impl Fn(f64) -> usize,
) -> (f64, Vec<String>) {
    let cut = |l: &[String]| l.iter().any(|l| l.ends_with('…')) && !text.trim_end().ends_with('…');
    let mut last = (0.0, Vec::new());
    for &px in sizes {
        let wrapped = chart::wrap(text, w, px, bold, lines(px).max(1), &DejaVu);
        if !cut(&wrapped) {
            return (px, wrapped);
        }
        last = (px, wrapped);
    }
    last
}

/// The document being written.
pub struct Svg {
    pub body: String,
}

impl Svg {
    /// A white 1200 × 630 document with `title` for screen readers and file lists.
    pub fn new(title: &str) -> Svg {
        let body = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
             viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"{FONT}\"><title>{}</title>\
             <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#ffffff\"/>",
            xml_escape(title)
        );
        Svg { body }
    }

    pub fn finish(mut self) -> String {
        self.body.push_str("</svg>\n");
        self.body
    }

    /// One line of text with its baseline at `y`.
    pub fn text(&mut self, (x, y): (f64, f64), px: f64, bold: bool, fill: RGBColor, text: &str) {
        self.body.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{} fill=\"{}\">{}</text>",
            num(x),
            num(y),
            num(px),
            if bold { " font-weight=\"bold\"" } else { "" },
            colour(fill),
            xml_escape(text)
        ));
    }

    /// Lines of text `px` high, `1.3 px` apart, the first one's top at `y`; returns the bottom
    /// of the last.
    pub fn lines(
        &mut self,
        (x, y): (f64, f64),
        px: f64,
        bold: bool,
        fill: RGBColor,
        lines: &[String],
    ) -> f64 {
        let mut base = y + px;
        for line in lines {
            self.text((x, base), px, bold, fill, line);
            base += 1.3 * px;
        }
        base - px
    }

    pub fn rect(&mut self, (x, y): (f64, f64), (w, h): (f64, f64), r: f64, fill: RGBColor) {
        self.body.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\"/>",
            num(x),
            num(y),
            num(w),
            num(h),
            num(r),
            colour(fill)
        ));
    }

    /// A band of colour along the top and, for made-up figures, "Illustrative: not real data"
    /// in white on the theme's warning colour; returns where the content may start.
    pub fn head(&mut self, feed: &Feed, lang: Lang) -> f64 {
        let theme = Theme::light();
        let band = if feed.illustrative {
            theme.worse
        } else {
            theme.better
        };
        self.rect((0.0, 0.0), (W, 10.0), 0.0, band);
        if !feed.illustrative {
            return 34.0;
        }
        let label = i18n::ILLUSTRATIVE.get(lang);
        let w = DejaVu.width(label, 26.0, true) + 36.0;
        self.rect((PAD, 30.0), (w.min(INNER), 46.0), 8.0, theme.worse);
        self.text((PAD + 18.0, 62.0), 26.0, true, WHITE, label);
        92.0
    }

    /// Who the figures come from, a paragraph each (the agencies, the compiler), in at most
    /// three lines at the foot, under a rule, with the "esep" mark at the right; returns the
    /// rule's height.
    pub fn foot(&mut self, paragraphs: &[String]) -> f64 {
        let theme = Theme::light();
        let mark_w = DejaVu.width("esep", 30.0, true);
        let w = INNER - mark_w - 32.0;
        let mut chosen = (0.0, Vec::new());
        for px in [25.0, 23.0, 21.0] {
            let mut lines = Vec::new();
            for (i, p) in paragraphs.iter().enumerate() {
                // The last size leaves each paragraph at least one line.
                let left = paragraphs.len() - i - 1;
                let most = if px > 21.0 {
                    3
                } else {
                    3usize.saturating_sub(lines.len() + left)
                };
                lines.extend(fitted(p, w, &[px], false, |_| most.max(1)).1);
            }
            let whole = lines.iter().all(|l| !l.ends_with('…'));
            chosen = (px, lines);
            if chosen.1.len() <= 3 && whole {
                break;
            }
        }
        let (px, lines) = chosen;
        let step = (px * 1.32).round();
        let last = H - 34.0;
        let first = last - step * (lines.len().max(1) - 1) as f64;
        for (i, line) in lines.iter().enumerate() {
            self.text((PAD, first + step * i as f64), px, false, theme.muted, line);
        }
        self.text((W - PAD - mark_w, last), 30.0, true, theme.better, "esep");
        let rule = first - px - 16.0;
        self.rect((PAD, rule), (INNER, 2.0), 0.0, RULE);
        rule
    }
}

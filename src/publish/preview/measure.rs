//! Text widths in DejaVu Sans, the font the preview images are drawn in (`publish::raster`
//! ships it): the advance widths of the characters a feed's text uses, so that a title wraps
//! where the rasteriser would need it to, not where a rough estimate says. Pure data: the
//! checker page lays its previews out the same way.

use crate::chart::Measure;

/// The characters the table covers, as half-open ranges, in the table's order: Basic Latin,
/// Latin-1 and Latin Extended-A, Cyrillic with its supplement (Kazakh's ә ғ қ ң ө ұ ү һ і),
/// general punctuation ("–", "—", "…", "«"), currency ("₸"), arrows, mathematical operators
/// ("−", "≈") and geometric shapes ("▼", "●").
pub const RANGES: &[(u32, u32)] = &[
    (0x0020, 0x007f),
    (0x00a0, 0x0180),
    (0x0400, 0x0530),
    (0x2000, 0x2070),
    (0x20a0, 0x20c0),
    (0x2190, 0x2200),
    (0x2200, 0x2300),
    (0x25a0, 0x2600),
];

/// Font units per em in both faces.
pub const UNITS_PER_EM: f64 = 2048.0;

/// A table entry for a character the font has no glyph for.
pub const MISSING: u16 = u16::MAX;

/// Advance widths in font units, little-endian `u16`s: the regular face over [`RANGES`], then
/// the bold one; [`MISSING`] where a face has no glyph. Written from the shipped fonts by the
/// test `publish::raster::tests::the_width_table_matches_the_shipped_fonts`
/// (`ESEP_WRITE_WIDTHS=1` rewrites it).
const TABLE: &[u8] = include_bytes!("../../../assets/fonts/dejavu-widths.bin");

/// How many characters [`RANGES`] covers (the table has two entries for each).
pub fn covered() -> usize {
    RANGES.iter().map(|(a, b)| (b - a) as usize).sum()
}

/// The position of `c` in one face's part of the table.
fn slot(c: char) -> Option<usize> {
    let c = c as u32;
    let mut before = 0;
    for &(a, b) in RANGES {
        if (a..b).contains(&c) {
            return Some(before + (c - a) as usize);
        }
        before += (b - a) as usize;
    }
    None
}

/// The advance width of `c` in font units, `None` when the table does not cover it or the
/// face has no glyph for it.
pub fn advance(c: char, bold: bool) -> Option<u16> {
    let i = slot(c)? + if bold { covered() } else { 0 };
    let bytes = TABLE.get(2 * i..2 * i + 2)?;
    let a = u16::from_le_bytes([bytes[0], bytes[1]]);
    (a != MISSING).then_some(a)
}

/// Widths as DejaVu Sans draws them; a character the table does not cover counts one em,
/// more than any the font has, so that text never overflows. (Kerning only narrows
/// DejaVu's text.)
pub struct DejaVu;

impl Measure for DejaVu {
    fn width(&self, text: &str, font_px: f64, bold: bool) -> f64 {
        let units: f64 = text
            .chars()
            .map(|c| advance(c, bold).map_or(UNITS_PER_EM, f64::from))
            .sum();
        units / UNITS_PER_EM * font_px
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_covers_every_range_for_both_faces() {
        assert_eq!(TABLE.len(), 2 * 2 * covered());
    }

    #[test]
    fn widths_are_the_fonts_own() {
        // DejaVu Sans: the space is 651 units, "0" 1303; bold "0" 1425; "қ" has a glyph.
        assert_eq!(advance(' ', false), Some(651));
        assert_eq!(advance('0', false), Some(1303));
        assert_eq!(advance('0', true), Some(1425));
        assert!(advance('қ', false).is_some() && advance('қ', true).is_some());
        assert_eq!(advance('\u{4e2d}', false), None);
        let m = DejaVu;
        assert!((m.width("00", 20.0, false) - 2.0 * 1303.0 / 2048.0 * 20.0).abs() < 1e-9);
        assert_eq!(m.width("\u{4e2d}", 20.0, false), 20.0);
    }
}

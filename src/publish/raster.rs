//! SVG to PNG for the preview images, natively, with the fonts the project ships.
//!
//! resvg draws the SVG with DejaVu Sans regular and bold from `assets/fonts/` (compiled in);
//! system fonts are never loaded, so a preview comes out the same on every machine, and no
//! font is fetched. Previews are opaque (white under everything) and written as RGB PNGs:
//! WhatsApp shows no preview for an image over 300 KB ([`MAX_BYTES`]).

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};

/// DejaVu Sans 2.37, as shipped in `assets/fonts/` (licence: `assets/fonts/LICENSE`).
pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold 2.37.
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The largest preview image WhatsApp shows.
pub const MAX_BYTES: usize = 300 * 1024;

/// The shipped fonts, loaded once; every generic family is DejaVu Sans.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            for face in [REGULAR, BOLD] {
                db.load_font_source(fontdb::Source::Binary(Arc::new(face)));
            }
            db.set_sans_serif_family("DejaVu Sans");
            db.set_serif_family("DejaVu Sans");
            db.set_monospace_family("DejaVu Sans");
            db.set_cursive_family("DejaVu Sans");
            db.set_fantasy_family("DejaVu Sans");
            Arc::new(db)
        })
        .clone()
}

/// Draws `svg` at its own size on white and encodes it as an RGB PNG.
pub fn png(svg: &str) -> Result<Vec<u8>, String> {
    let options = usvg::Options {
        font_family: "DejaVu Sans".to_owned(),
        fontdb: fonts(),
        // Previews hold no images: nothing is read from disk or decoded.
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| format!("not an SVG: {e}"))?;
    let size = tree.size().to_int_size();
    let mut pixmap = Pixmap::new(size.width(), size.height()).ok_or("the SVG has no size")?;
    pixmap.fill(Color::WHITE);
    resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
    // Opaque: premultiplied RGBA is plain RGBA, and the alpha channel can go.
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, size.width(), size.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(&rgb).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publish::preview::measure::{self, RANGES};
    use skrifa::{prelude::Size, MetadataProvider as _};

    /// The advance widths of `measure`'s table, from the shipped fonts.
    fn widths_from_fonts() -> Vec<u8> {
        let mut out = Vec::new();
        for face in [REGULAR, BOLD] {
            let font = skrifa::FontRef::new(face).unwrap();
            assert_eq!(
                font.metrics(Size::unscaled(), skrifa::instance::LocationRef::default())
                    .units_per_em,
                measure::UNITS_PER_EM as u16
            );
            let (map, metrics) = (
                font.charmap(),
                font.glyph_metrics(Size::unscaled(), skrifa::instance::LocationRef::default()),
            );
            for &(a, b) in RANGES {
                for c in a..b {
                    let w = map
                        .map(c)
                        .and_then(|g| metrics.advance_width(g))
                        .map_or(measure::MISSING, |w| w.round() as u16);
                    out.extend_from_slice(&w.to_le_bytes());
                }
            }
        }
        out
    }

    #[test]
    fn the_width_table_matches_the_shipped_fonts() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts/dejavu-widths.bin");
        let table = widths_from_fonts();
        if std::env::var_os("ESEP_WRITE_WIDTHS").is_some() {
            std::fs::write(&path, &table).unwrap();
        }
        assert!(
            std::fs::read(&path).is_ok_and(|t| t == table),
            "assets/fonts/dejavu-widths.bin is not the fonts' widths: ESEP_WRITE_WIDTHS=1 \
             cargo test --lib the_width_table rewrites it"
        );
    }
}

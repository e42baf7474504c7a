//! The link-preview images as PNG files: every chart of the bundled feed and the report, in
//! Kazakh, Russian and English, drawn by `publish::raster` with the shipped fonts. Each is a
//! 1200 × 630 opaque PNG WhatsApp accepts (≤ 300 KB) with real drawing in it, and every letter
//! of every preview has a glyph in the fonts. `ESEP_PREVIEWS=<dir>` also writes them there to
//! look at.

use esep::feed::{self, Feed, Lang};
use esep::plan;
use esep::present::LocaleNumbers;
use esep::publish::{preview, raster};
use resvg::usvg::roxmltree;
use skrifa::MetadataProvider as _;

const AKTOBE: &str = include_str!("../public/feeds/aktobe-2025.json");
const ILLUSTRATIVE: &str = include_str!("feeds/good/illustrative-districts.json");
const LANGS: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

/// Every preview of a feed: (file name, SVG); `all` false for the report and one chart a
/// language.
fn previews(text: &str, all: bool) -> Vec<(String, String)> {
    let feed: Feed = feed::check(text).expect("the feed parses").feed;
    let mut out = Vec::new();
    for lang in LANGS {
        let l = format!("{lang:?}").to_lowercase();
        out.push((format!("{}-{l}", feed.id), preview::report_svg(&feed, lang)));
        let sections = plan::plan(&feed, lang, &LocaleNumbers(lang));
        let charts = sections.iter().flat_map(|s| &s.charts);
        for c in charts.take(if all { usize::MAX } else { 1 }) {
            let svg = preview::chart_svg(&feed, c, lang);
            out.push((format!("{}-{}-{l}", feed.id, c.id), svg));
        }
    }
    out
}

/// Width, height and RGB pixels of a PNG `raster` wrote.
fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).expect("its pixels");
    assert_eq!(
        info.color_type,
        png::ColorType::Rgb,
        "opaque, without alpha"
    );
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels)
}

/// The share of pixels in a rectangle that are not white (the cards' grey counts), and of those
/// that are dark (text).
fn ink(pixels: &[u8], (x0, y0, x1, y1): (usize, usize, usize, usize)) -> (f64, f64) {
    let (mut inked, mut dark, mut all) = (0, 0, 0);
    for y in y0..y1 {
        for x in x0..x1 {
            let p = &pixels[3 * (y * 1200 + x)..3 * (y * 1200 + x) + 3];
            let lum = (u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3;
            all += 1;
            inked += usize::from(lum < 250);
            dark += usize::from(lum < 100);
        }
    }
    (inked as f64 / all as f64, dark as f64 / all as f64)
}

fn check_png(name: &str, svg: &str) {
    let png = raster::png(svg).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        png.len() <= raster::MAX_BYTES,
        "{name}: {} bytes",
        png.len()
    );
    let (w, h, pixels) = decode(&png);
    assert_eq!((w, h), (1200, 630), "{name}");
    // The title (or the publisher and title) in dark text: the fonts were found.
    let (_, title) = ink(&pixels, (48, 30, 700, 130));
    assert!(title > 0.03, "{name}: the title area is {title} dark");
    // The chart or the key figures below it, and the credit at the foot.
    let (middle, _) = ink(&pixels, (488, 200, 1152, 470));
    assert!(middle > 0.04, "{name}: the chart area is {middle} inked");
    let (foot, _) = ink(&pixels, (48, 530, 900, 600));
    assert!(foot > 0.02, "{name}: the foot is {foot} inked");
    if let Some(dir) = std::env::var_os("ESEP_PREVIEWS") {
        std::fs::create_dir_all(&dir).unwrap();
        let path = std::path::Path::new(&dir).join(format!("{name}.png"));
        std::fs::write(path, &png).unwrap();
    }
}

#[test]
fn every_preview_of_the_bundled_feed_is_a_small_opaque_1200_by_630_png_with_a_drawing() {
    for (name, svg) in previews(AKTOBE, true) {
        check_png(&name, &svg);
    }
}

#[test]
fn the_illustrative_feeds_previews_are_drawn_too() {
    // Its map and its twelve-district bars are the hardest to fit.
    let text = ILLUSTRATIVE;
    let mut all = previews(text, true);
    all.retain(|(name, _)| name.ends_with("-ru") || name.ends_with("crime-map-1-kk"));
    for (name, svg) in all {
        check_png(&name, &svg);
    }
}

#[test]
fn every_character_of_every_preview_has_a_glyph_in_the_shipped_fonts() {
    let faces = [raster::REGULAR, raster::BOLD].map(|f| skrifa::FontRef::new(f).unwrap());
    let mut missing = Vec::new();
    for (name, svg) in previews(AKTOBE, true)
        .into_iter()
        .chain(previews(ILLUSTRATIVE, true))
    {
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{name}: {e}"));
        let texts = doc.descendants().filter(|n| n.has_tag_name("text"));
        let chars = texts.flat_map(|t| t.text().unwrap_or("").chars().collect::<Vec<_>>());
        // plotters puts its text on a line of its own; the line breaks are not drawn.
        for c in chars.filter(|c| !c.is_control()) {
            for face in &faces {
                if face.charmap().map(c).is_none() && !missing.contains(&(c, name.clone())) {
                    missing.push((c, name.clone()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "no glyph for {missing:?}");
    // Kazakh's own letters among them.
    for c in "әғқңөұүһіӘҒҚҢӨҰҮҺІ".chars() {
        assert!(faces.iter().all(|f| f.charmap().map(c).is_some()), "{c}");
    }
}

#[test]
fn the_same_svg_gives_the_same_png() {
    let (_, svg) = previews(AKTOBE, false).remove(1);
    assert_eq!(raster::png(&svg), raster::png(&svg));
    assert!(raster::png("<p>not an svg</p>").is_err());
}

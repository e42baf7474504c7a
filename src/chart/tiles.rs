//! A tile map of a region: one square per district or city, placed where the feed puts it (rough
//! geography, north up: `areas[].tile`), coloured by value on a five-step scale; "no data" is
//! hatched and says so. Areas without a place go in rows below the map.

use plotters::style::{Color as _, RGBColor};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::DrawingBackend;

use super::{ellipsize, fill, path, rect, Drawing, Measure, Rect, Theme};

#[derive(Clone, Debug, PartialEq)]
pub struct Tile {
    pub id: String,
    /// (column, row) on the map, from the top left; `None`: in the rows below it.
    pub place: Option<(u8, u8)>,
    pub label: String,
    pub value: Option<f64>,
    /// The value as the reader reads it, or the words for "no data".
    pub value_label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tiles {
    pub tiles: Vec<Tile>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// One rectangle per tile, in the order of `Tiles::tiles`.
    pub rects: Vec<Rect>,
    /// The colour step (0–4) of each tile; `None` for no data.
    pub steps: Vec<Option<usize>>,
    pub labels: Vec<String>,
    pub height: u32,
}

const GAP: f64 = 4.0;
const FONT: f64 = 12.0;

/// The colour step of `v` between `lo` and `hi` (five equal steps).
pub fn step(v: f64, lo: f64, hi: f64) -> usize {
    if hi <= lo {
        return 2;
    }
    (((v - lo) / (hi - lo) * 5.0).floor() as usize).min(4)
}

pub fn layout(t: &Tiles, width: u32, theme: &Theme, m: &dyn Measure) -> Layout {
    let s = theme.scale;
    // As wide and as tall as the places the feed gives; four columns when it gives none.
    let places = || t.tiles.iter().filter_map(|x| x.place);
    let cols = places().map(|(c, _)| usize::from(c) + 1).max().unwrap_or(4);
    let map_rows = places().map(|(_, r)| usize::from(r) + 1).max().unwrap_or(0);
    let n = cols as f64;
    let side = ((f64::from(width) - GAP * s * (n - 1.0)) / n).clamp(24.0 * s, 150.0 * s);
    let (lo, hi) = t
        .tiles
        .iter()
        .filter_map(|x| x.value)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    let mut rects = Vec::with_capacity(t.tiles.len());
    let mut steps = Vec::with_capacity(t.tiles.len());
    let mut labels = Vec::with_capacity(t.tiles.len());
    // Areas without a place, placed so far in the rows below the map.
    let mut extra = 0_usize;
    for tile in &t.tiles {
        let (c, r) = match tile.place {
            Some((c, r)) => (usize::from(c), usize::from(r)),
            None => {
                extra += 1;
                ((extra - 1) % cols, map_rows + (extra - 1) / cols)
            }
        };
        let x0 = c as f64 * (side + GAP * s);
        let y0 = r as f64 * (side + GAP * s);
        rects.push(Rect {
            x0: x0.round() as i32,
            y0: y0.round() as i32,
            x1: (x0 + side).round() as i32,
            y1: (y0 + side).round() as i32,
        });
        steps.push(tile.value.map(|v| step(v, lo, hi)));
        labels.push(ellipsize(&tile.label, side - 8.0 * s, FONT * s, true, m));
    }
    let rows = map_rows + extra.div_ceil(cols);
    Layout {
        rects,
        steps,
        labels,
        height: (rows as f64 * (side + GAP * s)).ceil() as u32,
    }
}

/// Five steps from light to dark of the theme's first series colour.
fn shade(theme: &Theme, step: usize) -> RGBColor {
    let base = theme.series(0);
    let t = 0.25 + 0.1875 * step as f64;
    let mix = |a: u8, b: u8| (f64::from(a) * t + f64::from(b) * (1.0 - t)).round() as u8;
    let bg = theme.background;
    RGBColor(mix(base.0, bg.0), mix(base.1, bg.1), mix(base.2, bg.2))
}

pub fn draw<DB: DrawingBackend>(
    b: &mut DB,
    t: &Tiles,
    layout: &Layout,
    theme: &Theme,
    highlight: Option<usize>,
) -> Drawing<DB> {
    let s = theme.scale;
    if !theme.transparent {
        fill(b, theme.background)?;
    }
    for (i, tile) in t.tiles.iter().enumerate() {
        let r = layout.rects[i];
        match layout.steps[i] {
            Some(step) => {
                rect(b, (r.x0, r.y0), (r.x1, r.y1), shade(theme, step).filled())?;
            }
            None => {
                // Hatched, so that "no data" never reads as a low value.
                rect(b, (r.x0, r.y0), (r.x1, r.y1), theme.axis.stroke_width(1))?;
                let stepw = (8.0 * s).round() as i32;
                let mut k = r.x0 - (r.y1 - r.y0);
                while k < r.x1 {
                    let (a, c) = (
                        (k.max(r.x0), r.y1 - (k.max(r.x0) - k)),
                        (
                            (k + r.y1 - r.y0).min(r.x1),
                            r.y1 - ((k + r.y1 - r.y0).min(r.x1) - k),
                        ),
                    );
                    path(b, &[a, c], theme.axis.mix(0.5).stroke_width(1))?;
                    k += stepw;
                }
            }
        }
        let dark_tile = layout.steps[i].is_some_and(|st| st >= 3);
        let ink = if dark_tile {
            theme.background
        } else {
            theme.text
        };
        let pad = (5.0 * s).round() as i32;
        b.draw_text(
            &layout.labels[i],
            &theme
                .text_style(FONT * s, true, ink)
                .at(HPos::Left, VPos::Top),
            (r.x0 + pad, r.y0 + pad),
        )?;
        b.draw_text(
            &tile.value_label,
            &theme
                .text_style(FONT * s * 1.25, false, ink)
                .at(HPos::Left, VPos::Bottom),
            (r.x0 + pad, r.y1 - pad),
        )?;
        if highlight == Some(i) {
            rect(
                b,
                (r.x0 + 1, r.y0 + 1),
                (r.x1 - 1, r.y1 - 1),
                theme.text.stroke_width((3.0 * s).round() as u32),
            )?;
        }
    }
    Ok(())
}

pub fn hit(layout: &Layout, x: i32, y: i32) -> Option<usize> {
    layout.rects.iter().position(|r| r.contains(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::ApproxMeasure;

    /// Thirteen areas on a 4 × 4 grid (as the illustrative districts feed places them).
    const GRID: &[(&str, u8, u8)] = &[
        ("kobda", 0, 0),
        ("martuk", 1, 0),
        ("kargaly", 2, 0),
        ("khromtau", 3, 0),
        ("oiyl", 0, 1),
        ("alga", 1, 1),
        ("aktobe-city", 2, 1),
        ("ayteke-bi", 3, 1),
        ("temir", 0, 2),
        ("mugalzhar", 1, 2),
        ("irgiz", 3, 2),
        ("bayganin", 0, 3),
        ("shalkar", 2, 3),
    ];

    fn tiles() -> Tiles {
        let mut v: Vec<Tile> = GRID
            .iter()
            .enumerate()
            .map(|(i, (id, c, r))| Tile {
                id: (*id).into(),
                place: Some((*c, *r)),
                label: (*id).to_owned(),
                value: (i != 4).then_some(10.0 * i as f64),
                value_label: if i == 4 {
                    "no data".into()
                } else {
                    format!("{}", 10 * i)
                },
            })
            .collect();
        v.push(Tile {
            id: "new-district".into(),
            place: None,
            label: "New".into(),
            value: Some(5.0),
            value_label: "5".into(),
        });
        Tiles { tiles: v }
    }

    #[test]
    fn every_known_area_has_its_own_place_and_unknown_ones_go_below() {
        let t = tiles();
        let l = layout(&t, 400, &Theme::light(), &ApproxMeasure);
        for (i, a) in l.rects.iter().enumerate() {
            for b in &l.rects[i + 1..] {
                let overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
                assert!(!overlap, "{a:?} overlaps {b:?}");
            }
        }
        let last = l.rects.last().unwrap();
        assert!(
            l.rects[..13].iter().all(|r| r.y1 <= last.y0),
            "the unknown area is below the map"
        );
    }

    #[test]
    fn colour_steps_follow_values_and_no_data_is_hatched_and_labelled() {
        let t = tiles();
        let l = layout(&t, 400, &Theme::light(), &ApproxMeasure);
        assert_eq!(l.steps[4], None);
        assert_eq!(l.steps[0], Some(0));
        assert_eq!(l.steps[12], Some(4));
        let mut svg = String::new();
        {
            let mut b = plotters::prelude::SVGBackend::with_string(&mut svg, (400, l.height));
            draw(&mut b, &t, &l, &Theme::light(), Some(2)).unwrap();
        }
        assert!(svg.contains("no data"));
        assert!(svg.matches("<polyline").count() >= 3, "hatching lines");
        // background + 13 filled tiles + 1 outlined no-data tile + 1 highlight outline
        assert_eq!(svg.matches("<rect").count(), 1 + 13 + 1 + 1);
        assert_eq!(hit(&l, l.rects[6].x0 + 2, l.rects[6].y0 + 2), Some(6));
    }

    #[test]
    fn the_map_is_as_wide_as_the_places_the_feed_gives() {
        let tile = |id: &str, place| Tile {
            id: id.into(),
            place,
            label: id.into(),
            value: Some(1.0),
            value_label: "1".into(),
        };
        let wide = Tiles {
            tiles: vec![
                tile("a", Some((0, 0))),
                tile("b", Some((5, 1))),
                tile("c", None),
            ],
        };
        let l = layout(&wide, 600, &Theme::light(), &ApproxMeasure);
        let side = l.rects[0].x1 - l.rects[0].x0;
        assert!(l.rects[1].x1 <= 600, "six columns fit: {:?}", l.rects[1]);
        assert!(side > 80 && side < 100, "a sixth of the width: {side}");
        assert_eq!(
            l.rects[2].x0, 0,
            "the area without a place starts the row below"
        );
        assert!(l.rects[2].y0 >= l.rects[1].y1);
        // No places at all: four to a row.
        let none = Tiles {
            tiles: (0..5).map(|i| tile(&i.to_string(), None)).collect(),
        };
        let l = layout(&none, 400, &Theme::light(), &ApproxMeasure);
        assert_eq!(l.rects[4].x0, 0);
        assert!(l.rects[4].y0 > l.rects[3].y0);
    }

    #[test]
    fn steps_split_the_range_in_five() {
        assert_eq!(step(0.0, 0.0, 100.0), 0);
        assert_eq!(step(50.0, 0.0, 100.0), 2);
        assert_eq!(step(100.0, 0.0, 100.0), 4);
        assert_eq!(step(7.0, 7.0, 7.0), 2);
    }
}

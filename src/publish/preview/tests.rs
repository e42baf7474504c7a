//! The previews' SVG, on the bundled feed and the illustrative one: text within the image, the
//! figures as `present` says them, the illustrative label. The images themselves are tested in
//! `tests/previews.rs`.

use super::measure::DejaVu;
use super::*;
use crate::chart::visual::xml_escape;
use crate::chart::Measure as _;
use crate::feed::{self, Feed};
use crate::plan::{self, ChartPlan};

const AKTOBE: &str = include_str!("../../../public/feeds/aktobe-2025.json");
const ILLUSTRATIVE: &str = include_str!("../../../tests/feeds/good/illustrative-districts.json");
const LANGS: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

fn feed(text: &str) -> Feed {
    feed::check(text).expect("the feed parses").feed
}

fn charts(feed: &Feed, lang: Lang) -> Vec<ChartPlan> {
    let sections = plan::plan(feed, lang, &LocaleNumbers(lang));
    sections.into_iter().flat_map(|s| s.charts).collect()
}

/// Every preview of `feed`: (name, SVG).
fn previews(feed: &Feed) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for lang in LANGS {
        out.push((format!("report {lang:?}"), report_svg(feed, lang)));
        for c in charts(feed, lang) {
            out.push((format!("{} {lang:?}", c.id), chart_svg(feed, &c, lang)));
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// A text line the preview wrote itself (plotters' have a `dy`).
#[derive(Debug)]
struct Line {
    x: f64,
    y: f64,
    px: f64,
    bold: bool,
    text: String,
}

fn lines(svg: &str) -> Vec<Line> {
    let attr = |tag: &str, name: &str| -> Option<f64> {
        let key = format!(" {name}=\"");
        let start = tag.find(&key)? + key.len();
        tag[start..start + tag[start..].find('"')?].parse().ok()
    };
    let mut out = Vec::new();
    for (i, _) in svg.match_indices("<text ") {
        let tag = &svg[i..i + svg[i..].find('>').unwrap()];
        if tag.contains(" dy=") {
            continue;
        }
        let body = &svg[i + tag.len() + 1..];
        out.push(Line {
            x: attr(tag, "x").unwrap(),
            y: attr(tag, "y").unwrap(),
            px: attr(tag, "font-size").unwrap(),
            bold: tag.contains("font-weight=\"bold\""),
            text: unescape(&body[..body.find("</text>").unwrap()]),
        });
    }
    out
}

#[test]
fn every_line_is_inside_the_image_large_enough_and_never_empty() {
    for text in [AKTOBE, ILLUSTRATIVE] {
        for (name, svg) in previews(&feed(text)) {
            assert!(svg.starts_with(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\""
            ));
            assert!(svg.contains(&format!("font-family=\"{FONT}\"")), "{name}");
            for l in lines(&svg) {
                let right = l.x + DejaVu.width(&l.text, l.px, l.bold);
                assert!(
                    l.x >= 48.0 && right <= 1152.5,
                    "{name}: {l:?} ends at {right}"
                );
                assert!(l.y - l.px >= 0.0 && l.y <= 630.0 - 20.0, "{name}: {l:?}");
                assert!(l.px >= 21.0, "{name}: {l:?} is too small for a phone");
                assert!(!l.text.trim().is_empty(), "{name}: {l:?}");
            }
        }
    }
}

#[test]
fn a_chart_preview_has_its_title_takeaway_chart_and_credit() {
    let f = feed(AKTOBE);
    for lang in LANGS {
        for c in charts(&f, lang) {
            let svg = chart_svg(&f, &c, lang);
            let said: Vec<String> = lines(&svg).into_iter().map(|l| l.text).collect();
            let all = said.join(" ");
            let words = |s: &str| {
                s.split(' ')
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            assert!(all.starts_with(&words(&c.title)), "{}: {all}", c.id);
            assert!(all.contains(&words(&c.takeaway)), "{}: {all}", c.id);
            let agencies = present::agencies(&f, &c.observations, lang);
            assert!(all.contains(&words(&agencies)), "{}: {all}", c.id);
            assert!(
                all.contains(&words(&present::compiled_by(&f, lang))),
                "{}",
                c.id
            );
            // The chart itself, from the plan's own labels.
            assert!(svg.contains("<g transform=\"translate("), "{}", c.id);
            if let Visual::Bars(bars) = &c.visual {
                for b in bars {
                    assert!(svg.contains(&xml_escape(&b.value_label)), "{}", c.id);
                }
            }
            assert!(!svg.contains(i18n::ILLUSTRATIVE.get(lang)), "{}", c.id);
        }
    }
}

#[test]
fn the_report_preview_shows_the_key_figures_as_the_page_says_them() {
    let f = feed(AKTOBE);
    for lang in LANGS {
        let svg = report_svg(&f, lang);
        let all: Vec<String> = lines(&svg).into_iter().map(|l| l.text).collect();
        assert!(all.contains(&f.text(&f.title, lang).to_owned()), "{all:?}");
        assert!(
            all.contains(&f.text(&f.publisher, lang).to_owned()),
            "{all:?}"
        );
        for id in &f.headlines[..3] {
            let o = f.observation(id).unwrap();
            let value = present::observation_value(&f, o, lang, &LocaleNumbers(lang));
            assert!(
                all.iter().any(|l| l.ends_with(&value)),
                "{value} in {all:?}"
            );
        }
        // The fourth key figure is left for the page.
        let fourth = f.observation(&f.headlines[3]).unwrap();
        let label = present::observation_label(&f, fourth, lang);
        assert!(!all.join(" ").contains(&label), "{label}");
    }
}

#[test]
fn a_qualified_figure_keeps_its_qualifier() {
    let mut f = feed(AKTOBE);
    f.headlines = vec!["funds-recovered-2025".into()];
    for (lang, word) in [
        (Lang::Kk, "астам"),
        (Lang::Ru, "более"),
        (Lang::En, "more than"),
    ] {
        let all: Vec<String> = lines(&report_svg(&f, lang))
            .into_iter()
            .map(|l| l.text)
            .collect();
        let o = f.observation("funds-recovered-2025").unwrap();
        let value = present::observation_value(&f, o, lang, &LocaleNumbers(lang));
        assert!(value.contains(word), "{value}");
        // Said whole, on one or two lines.
        let joined = all.join(" ");
        assert!(joined.contains(&value), "{value} in {all:?}");
    }
}

#[test]
fn a_report_without_key_figures_says_what_it_holds() {
    let mut f = feed(AKTOBE);
    f.headlines.clear();
    let all: Vec<String> = lines(&report_svg(&f, Lang::En))
        .into_iter()
        .map(|l| l.text)
        .collect();
    let all = all.join(" ");
    let start = format!(
        "{} {}",
        f.text(&f.publisher, Lang::En),
        f.text(&f.title, Lang::En)
    );
    assert!(all.starts_with(&start), "{all}");
    assert!(all.contains("esep Figures on crime, drugs, fraud"), "{all}");
}

#[test]
fn a_made_up_feed_says_so_on_every_preview() {
    for (name, svg) in previews(&feed(ILLUSTRATIVE)) {
        let lang = LANGS
            .into_iter()
            .find(|l| name.ends_with(&format!("{l:?}")))
            .unwrap();
        let label = lines(&svg)
            .into_iter()
            .find(|l| l.text == i18n::ILLUSTRATIVE.get(lang));
        let label = label.unwrap_or_else(|| panic!("{name}: no illustrative label"));
        assert!(
            label.bold && label.px >= 26.0 && label.y < 100.0,
            "{name}: {label:?}"
        );
    }
}

#[test]
fn a_long_title_takes_two_lines_cut_with_an_ellipsis() {
    let f = feed(AKTOBE);
    let mut c = charts(&f, Lang::En).remove(0);
    c.title = "A very long title ".repeat(12);
    let title: Vec<Line> = (lines(&chart_svg(&f, &c, Lang::En)).into_iter())
        .filter(|l| l.bold && l.px >= 34.0)
        .collect();
    assert_eq!(title.len(), 2, "{title:?}");
    assert!(title[1].text.ends_with('…'));
    assert_eq!(title[0].px, 34.0);
}

#[test]
fn every_chart_fits_its_box() {
    let f = feed(ILLUSTRATIVE);
    for lang in LANGS {
        for c in charts(&f, lang) {
            let fmt = |v: f64| LocaleNumbers(lang).decimal(v, 0);
            let d = fit(&c.visual, 600.0, 300.0, &fmt).unwrap();
            assert!(
                d.width * d.k <= 600.5 && d.height * d.k <= 300.5,
                "{}",
                c.id
            );
            assert!(d.k > 0.2, "{}: shrunk to {}", c.id, d.k);
        }
    }
}

//! Publishing a feed: everything a press service uploads next to the app so that shared links
//! preview well and figures can be cited. Share pages with link-preview tags, preview images,
//! data bundles (CSV, metadata, readme, citation) as ZIP files, the feed kept under its
//! citable version, and a manifest the report reads to know what was published. Pure: used by
//! `esep-check publish` and by the checker page's Publish step, never by the report's wasm.
//!
//! What goes where, relative to the folder of the report's `index.html`:
//! - `share/<chart>-<lang>.html`, `share/report-<lang>.html`: share pages;
//! - `share/<chart>-<lang>.png`, `share/report-<lang>.png`: their preview images;
//! - `data/<feed>-<chart>-<lang>.zip`, `data/<feed>-all-<lang>.zip` and `.csv`: data bundles;
//! - `feeds/archive/<version>.json`: the feed under its version, never deleted;
//! - `share/published.json`: the version, address and charts published, for tools;
//! - `share/version.txt`: the version alone, which the report compares with its own.

pub mod bundle;
pub mod cite;
pub mod preview;
#[cfg(not(target_arch = "wasm32"))]
pub mod raster;
pub mod share;
pub mod version;
pub mod words;
pub mod zip;

use serde_json::json;

use crate::export::file_name;
use crate::feed::{self, Feed, Lang};
use crate::plan::{plan, ChartPlan};
use crate::present::LocaleNumbers;
use bundle::Bundle;
use cite::Cited;
use share::{Card, Dataset};

/// Where the manifest is, relative to the report's folder.
pub const MANIFEST: &str = "share/published.json";
/// The version published, alone: what the report compares its own with.
pub const VERSION_FILE: &str = "share/version.txt";

/// What publishing is given.
pub struct Options<'a> {
    /// The address of the report's folder, `https://…/report/`: share tags need absolute
    /// addresses, and they are never guessed.
    pub base_url: &'a str,
    /// Where the report loads the feed from, relative to its folder (`feeds/aktobe-2025.json`).
    pub feed_path: &'a str,
    /// Today, `2026-12-03`: the bundles' retrieval date.
    pub date: &'a str,
}

/// Everything to upload.
pub struct Publication {
    /// The feed's version (SHA-256, hex).
    pub version: String,
    /// Files by path relative to the report's folder.
    pub files: Vec<(String, Vec<u8>)>,
    /// Preview images still to be drawn (natively by `raster`, in the checker on a canvas):
    /// path of the PNG, and the SVG to draw.
    pub previews: Vec<(String, String)>,
    /// The share pages, for showing as a link preview would: (path, title, description,
    /// preview image path).
    pub cards: Vec<(String, String, String, String)>,
}

/// A day as `2026-12-03`, from the days since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`): the retrieval date of a bundle or a citation.
pub fn date_from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let two = |n: i64| {
        if n < 10 {
            format!("0{n}")
        } else {
            n.to_string()
        }
    };
    format!("{y}-{}-{}", two(m), two(d))
}

/// The base address as publishing uses it: an absolute http(s) address ending in `/`.
pub fn base_url(text: &str) -> Result<String, String> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && !r.starts_with('/') && !t.contains(['?', '#', ' ', '"', '<', '>']) => {
            Ok(if t.ends_with('/') { t.to_owned() } else { format!("{t}/") })
        }
        _ => Err(format!(
            "'{t}' is not the address of the report's folder: give an absolute address such as https://example.kz/report/"
        )),
    }
}

/// Publishes a feed file: refused when it does not read or has errors.
pub fn publish(bytes: &[u8], o: &Options) -> Result<Publication, Vec<String>> {
    let base = base_url(o.base_url).map_err(|e| vec![e])?;
    let text =
        std::str::from_utf8(bytes).map_err(|_| vec!["the feed is not UTF-8 text".to_owned()])?;
    let checked = feed::check(text).map_err(|e| vec![e.to_string()])?;
    let errors: Vec<String> = checked.errors().map(|p| p.to_string()).collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let feed = &checked.feed;
    let version = version::of(bytes);
    let short = version::short(&version);
    let mut p = Publication {
        version: version.clone(),
        files: Vec::new(),
        previews: Vec::new(),
        cards: Vec::new(),
    };
    let feed_url = format!("{base}{}", o.feed_path);
    let archive = format!("feeds/archive/{short}.json");
    let archive_url = format!("{base}{archive}");
    let all: Vec<usize> = feed.observations.iter().map(|o| o.index).collect();
    let mut charts = Vec::new();
    for lang in Lang::ALL {
        let sections = plan(feed, lang, &LocaleNumbers(lang));
        let mut computed = Vec::new();
        for chart in sections.iter().flat_map(|s| &s.charts) {
            if lang == Lang::ALL[0] {
                charts.push(chart.id.clone());
            }
            computed.extend(chart.computed.iter().cloned());
            let at = Place::new(&base, &chart.id, lang);
            let cited = Cited {
                feed,
                lang,
                title: &chart.title,
                observations: &chart.observations,
                version: &version,
                url: &at.page_url,
                retrieved: o.date,
            };
            let description = takeaway(chart);
            let bundle = Bundle {
                cited,
                id: &chart.id,
                description: &description,
                computed: &chart.computed,
                feed_url: &feed_url,
                archive_url: &archive_url,
                feed_bytes: None,
                plain: crate::export::plain,
            };
            p.files.push((
                format!("data/{}", file_name(feed, &chart.id, lang, "zip")),
                bundle.zip(),
            ));
            p.page(
                &at,
                feed,
                lang,
                &chart.title,
                &description,
                &chart.summary,
                true,
                None,
            );
            p.previews
                .push((at.image.clone(), preview::chart_svg(feed, chart, lang)));
        }
        // The whole report.
        let at = Place::new(&base, "report", lang);
        let title = feed.text(&feed.title, lang).to_owned();
        let csv_path = format!("data/{}", file_name(feed, "all", lang, "csv"));
        let description = report_description(feed, lang, &sections);
        let bundle = Bundle {
            cited: Cited {
                feed,
                lang,
                title: &title,
                observations: &all,
                version: &version,
                url: &at.target,
                retrieved: o.date,
            },
            id: "all",
            description: &description,
            computed: &computed,
            feed_url: &feed_url,
            archive_url: &archive_url,
            feed_bytes: Some(bytes),
            plain: crate::export::plain,
        };
        p.files.push((csv_path.clone(), bundle.csv().into_bytes()));
        p.files.push((
            format!("data/{}", file_name(feed, "all", lang, "zip")),
            bundle.zip(),
        ));
        let dataset = Dataset {
            feed,
            lang,
            version: &version,
            url: &at.target,
            csv: &format!("{base}{csv_path}"),
            feed_url: &feed_url,
        }
        .json();
        let alt = format!("{title}. {description}");
        p.page(
            &at,
            feed,
            lang,
            &title,
            &description,
            &alt,
            false,
            Some(dataset),
        );
        p.previews
            .push((at.image.clone(), preview::report_svg(feed, lang)));
    }
    p.files.push((archive, bytes.to_vec()));
    let manifest = json!({
        "version": version,
        "base": base,
        "feed": o.feed_path,
        "published": o.date,
        "charts": charts,
    });
    p.files
        .push((MANIFEST.to_owned(), manifest.to_string().into_bytes()));
    // What the report reads to know that previews and bundles are of its version.
    p.files
        .push((VERSION_FILE.to_owned(), format!("{version}\n").into_bytes()));
    Ok(p)
}

/// The addresses of one share page.
struct Place {
    path: String,
    page_url: String,
    image: String,
    image_url: String,
    target: String,
}

impl Place {
    fn new(base: &str, id: &str, lang: Lang) -> Place {
        let l = lang.code();
        let path = format!("share/{id}-{l}.html");
        let image = format!("share/{id}-{l}.png");
        // The report itself for the report's page; the chart's place in it for a chart.
        let target = match id {
            "report" => format!("{base}?lang={l}"),
            _ => format!("{base}?lang={l}#{id}"),
        };
        Place {
            page_url: format!("{base}{path}"),
            image_url: format!("{base}{image}"),
            path,
            image,
            target,
        }
    }
}

impl Publication {
    #[allow(clippy::too_many_arguments)]
    fn page(
        &mut self,
        at: &Place,
        feed: &Feed,
        lang: Lang,
        title: &str,
        description: &str,
        alt: &str,
        chart: bool,
        dataset: Option<serde_json::Value>,
    ) {
        let title = match feed.illustrative {
            true => format!("{title} ({})", crate::i18n::ILLUSTRATIVE.get(lang)),
            false => title.to_owned(),
        };
        let html = share::page(&Card {
            lang,
            title: &title,
            description,
            url: &at.page_url,
            image: &at.image_url,
            image_alt: alt,
            target: &at.target,
            site: feed.text(&feed.publisher, lang),
            dataset,
            chart,
        });
        self.files.push((at.path.clone(), html.into_bytes()));
        self.cards.push((
            at.path.clone(),
            title,
            description.to_owned(),
            at.image.clone(),
        ));
    }
}

/// What a chart's preview says under its title: the takeaway, else its subtitle.
fn takeaway(chart: &ChartPlan) -> String {
    match chart.takeaway.is_empty() {
        true => chart.subtitle.clone(),
        false => chart.takeaway.clone(),
    }
}

/// The report's preview text: its description, else its key figures in words (from the
/// report's plan in `lang`).
fn report_description(feed: &Feed, lang: Lang, sections: &[crate::plan::SectionPlan]) -> String {
    let own = feed.text(&feed.description, lang);
    if !own.is_empty() {
        return own.to_owned();
    }
    crate::plan::what_changed(feed, sections, lang, &LocaleNumbers(lang))
        .into_iter()
        .map(|(said, _)| said)
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

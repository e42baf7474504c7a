//! Parsing and validation of a feed: `check(text)` reads the file, collects every problem with
//! its JSON path, and keeps whatever is valid so that a partly broken feed still renders.
//!
//! Here: the entry point, the limits, and the `Validator` with the feed's top-level fields.
//! The rest, by concern:
//!
//! - `parse`: size, depth, syntax and version, before anything is validated;
//! - `object` and `fields`: reading JSON objects and their typed fields;
//! - `report`: problem paths and messages;
//! - `sources`, `areas`, `metrics`, `observations`, `annotations`: one list each (annotations
//!   with headlines);
//! - `views`: the publisher's own charts, checked against the figures they name;
//! - `cross_checks`: warnings across lists;
//! - `table`: the id table; `number`: numbers as text.

mod annotations;
mod areas;
mod cross_checks;
mod fields;
mod metrics;
mod number;
mod object;
mod observations;
mod parse;
mod related;
mod report;
mod sources;
mod table;
mod views;

use super::error::{ParseError, Problem, Severity};
use super::json::{Doc, Fields, J};
use super::model::*;
use object::Obj;
use parse::parse_root;
use report::{top, Path};
use table::Ids;

pub use fields::is_web_url;
pub use parse::nesting_depth_exceeds;
pub use related::{has_scheme, is_link};

/// Largest feed accepted, in bytes (documented in `docs/feed.md`).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
/// Deepest nesting of arrays and objects accepted (the format itself needs 4).
pub const MAX_DEPTH: usize = 16;
/// Longest text kept in a label or title, in characters; longer ones are cut with a warning.
pub const MAX_TEXT_CHARS: usize = 2000;
/// The last column and row of the tile map (`areas[].tile`).
pub const MAX_TILE: u8 = 15;
/// A published change and the change computed from published levels may differ by this many
/// percentage points before a warning is raised (rounding of both).
pub const CHANGE_TOLERANCE_PP: f64 = 0.5;

/// A readable feed: what is valid, and every problem found.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub feed: Feed,
    pub problems: Vec<Problem>,
}

impl Checked {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
}

/// Reads and validates a feed, with every error and warning (the checker, `esep-check`).
/// `Err` only when nothing of the file can be used.
pub fn check(text: &str) -> Result<Checked, ParseError> {
    run::<true>(text)
}

/// What the report needs: the feed, its errors and the warnings found while reading, without
/// the checks across lists (published changes against levels, renamed series, agencies), which
/// only warn publishers: readers never see warnings, and the report's wasm does without the code.
pub fn read(text: &str) -> Result<Checked, ParseError> {
    run::<false>(text)
}

fn run<const CROSS_CHECKS: bool>(text: &str) -> Result<Checked, ParseError> {
    let (doc, root) = parse_root(text)?;
    let mut v = Validator {
        doc: &doc,
        problems: Vec::new(),
    };
    let (feed, metric_ids) = v.feed(doc.fields(root))?;
    if CROSS_CHECKS {
        v.cross_checks(&feed, &metric_ids);
    }
    Ok(Checked {
        feed,
        problems: v.problems,
    })
}

/// One check under way: the parsed file, and the problems found so far.
struct Validator<'d> {
    doc: &'d Doc<'d>,
    problems: Vec<Problem>,
}

impl<'d> Validator<'d> {
    fn feed(&mut self, root_map: &'d Fields<'d>) -> Result<(Feed, Ids<'d>), ParseError> {
        let root = self.fields(
            root_map,
            Path::Root,
            &[
                "esep",
                "$schema",
                "id",
                "lang",
                "publisher",
                "title",
                "description",
                "period",
                "data_as_of",
                "licence",
                "changes",
                "contact",
                "illustrative",
                "headlines",
                "areas",
                "metrics",
                "sources",
                "observations",
                "annotations",
                "views",
                "related",
            ],
        );
        let version = match root.get("esep") {
            Some(J::Str(s)) => s.to_string(),
            _ => return Err(ParseError::MissingVersion),
        };
        let id = self
            .req_id(&root, "id")
            .map(str::to_owned)
            .unwrap_or_default();
        // Kazakh when absent or not understood.
        let lang = self
            .pick(&root, "lang", Lang::NAMES)
            .ok()
            .flatten()
            .and_then(|i| Lang::ALL.get(i).copied())
            .unwrap_or_default();
        let publisher = self.text(&root, "publisher", true).unwrap_or_default();
        let title = self.text(&root, "title", true).unwrap_or_default();
        let description = self.text(&root, "description", false).unwrap_or_default();
        let period = self.period(&root, "period", false).ok().flatten();
        let data_as_of = self.date(&root, "data_as_of").ok().flatten();
        if root.get("data_as_of").is_none() {
            self.warn(
                top("data_as_of"),
                "missing: readers will not see how current the data is",
            );
        }
        let licence = self.licence(&root);
        let changes = self.text(&root, "changes", false).unwrap_or_default();
        let contact = match self.opt_str(&root, "contact") {
            Ok(Some(c)) if c.starts_with("mailto:") || is_web_url(c) => Some(c.to_owned()),
            Ok(Some(c)) => {
                self.error_quoting(
                    top("contact"),
                    "",
                    c,
                    " is not a mailto: or http(s) address",
                );
                None
            }
            _ => None,
        };
        let illustrative = self.flag(&root, "illustrative");

        let (sources, source_ids) = self.sources(&root);
        let (areas, area_ids) = self.areas(&root, &source_ids);
        let (metrics, metric_ids) = self.metrics(&root);
        let observations = self.observations(&root, &area_ids, &metrics, &source_ids);
        let annotations = self.annotations(&root, &area_ids, &metric_ids);
        let headlines = self.headlines(&root, &observations);
        let related = self.related(&root);

        let mut feed = Feed {
            version,
            id,
            lang,
            publisher,
            title,
            description,
            period,
            data_as_of,
            licence,
            changes,
            contact,
            illustrative,
            headlines,
            areas,
            metrics,
            sources,
            observations,
            annotations,
            views: Vec::new(),
            related,
        };
        // Views name observations and are checked against them: last.
        feed.views = self.views(&root, &feed);
        Ok((feed, metric_ids))
    }

    fn licence(&mut self, root: &Obj) -> Option<Licence> {
        let v = root.get("licence")?;
        let o = self.object(v, root.at("licence"), &["name", "url"])?;
        let name = self.req_str(&o, "name")?.to_owned();
        let url = self.web_url(&o, "url", false).ok().flatten();
        Some(Licence { name, url })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_metric_may_ask_for_bars_without_a_warning() {
        let mut doc: serde_json::Value =
            serde_json::from_str(include_str!("../../../public/feeds/aktobe-2025.json")).unwrap();
        doc["metrics"][0]["chart"] = "bars".into();
        let checked = super::check(&doc.to_string()).unwrap();
        assert_eq!(checked.feed.metrics[0].chart, super::ChartHint::Bars);
        let about_chart: Vec<_> = checked
            .problems
            .iter()
            .filter(|p| p.path.starts_with("metrics[0]"))
            .collect();
        assert!(about_chart.is_empty(), "{about_chart:?}");
    }
}

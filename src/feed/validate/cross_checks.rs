//! Checks across lists once everything is read: published changes against published levels,
//! and series whose metric changes name. Warnings only; nothing is dropped here.

use super::number::{number, one_decimal};
use super::report::Path;
use super::table::Ids;
use super::{Validator, CHANGE_TOLERANCE_PP};
use crate::feed::derive;
use crate::feed::model::{AnnotationKind, Feed, Grade, Lang, Measure, Source};
use crate::feed::period::Period;
use std::collections::HashMap;

impl<'d> Validator<'d> {
    /// Warnings about real-world inconsistencies; nothing is dropped here.
    pub(super) fn cross_checks(&mut self, feed: &Feed, metric_ids: &Ids) {
        self.published_changes(feed);
        self.quoted_without_agency(feed);
        self.renamed_series(feed, metric_ids);
    }

    /// A published change that disagrees with the published levels it compares.
    fn published_changes(&mut self, feed: &Feed) {
        let changes = || {
            feed.observations
                .iter()
                .filter_map(|o| match (o.measure, o.value) {
                    (Measure::ChangePct { vs }, Some(published)) => Some((o, vs, published)),
                    _ => None,
                })
        };
        if changes().next().is_none() {
            return;
        }
        // Each level with a value by metric, area and period, found once: looking each up in
        // the list took a feed of many changes a time that grew as its square.
        let mut levels: HashMap<(&str, &str, Period), f64> = HashMap::new();
        for o in feed
            .observations
            .iter()
            .filter(|o| o.measure == Measure::Level)
        {
            if let Some(v) = o.value {
                levels.entry((&o.metric, &o.area, o.period)).or_insert(v);
            }
        }
        for (o, vs, published) in changes() {
            let level = |period| levels.get(&(&*o.metric, &*o.area, period)).copied();
            let (Some(now), Some(before)) = (level(o.period), level(vs)) else {
                continue;
            };
            let Some(computed) = derive::pct_change(before, now) else {
                continue;
            };
            if (computed - published).abs() > CHANGE_TOLERANCE_PP {
                self.warn_parts(
                    Path::Key(&Path::Item("observations", o.index), "value"),
                    &[
                        "the published change ",
                        &number(published),
                        " % disagrees with the published levels ",
                        &number(before),
                        " → ",
                        &number(now),
                        " (",
                        &one_decimal(computed),
                        " %); both are kept as published",
                    ],
                );
            }
        }
    }

    /// A figure quoted by someone else names the body it comes from: without `agency` the
    /// page would credit it to the feed's compiler, who only gathered it.
    fn quoted_without_agency(&mut self, feed: &Feed) {
        let quoted: Vec<&Source> = feed
            .sources
            .iter()
            .filter(|s| s.grade != Grade::Primary)
            .collect();
        if quoted.is_empty() {
            return;
        }
        for o in feed.observations.iter().filter(|o| o.agency.is_empty()) {
            let Some(s) = quoted.iter().find(|s| s.id == *o.source) else {
                continue;
            };
            self.warn_parts(
                Path::Key(&Path::Item("observations", o.index), "agency"),
                &[
                    "missing: the figure is quoted from ",
                    &s.publisher,
                    " (",
                    s.grade.name(),
                    "), so readers would see the feed's compiler as its agency; name the body it comes from",
                ],
            );
        }
    }

    /// A series whose metric changes name: warned about unless a methodology break is
    /// annotated.
    fn renamed_series(&mut self, feed: &Feed, metric_ids: &Ids) {
        // Each metric is compared with the first of its series, in file order.
        let mut first_of = Ids::default();
        for (i, m) in feed.metrics.iter().enumerate() {
            let Some(key) = m.series.as_deref() else {
                continue;
            };
            let Some(first) = first_of.first_at(key, i) else {
                continue;
            };
            let Some(first) = feed.metrics.get(first) else {
                continue;
            };
            if m.label == first.label {
                continue;
            }
            let annotated = feed.annotations.iter().any(|a| {
                a.kind == AnnotationKind::MethodologyBreak
                    && a.metric
                        .as_deref()
                        .is_none_or(|x| x == m.id || x == first.id)
            });
            if !annotated {
                let item = match metric_ids.get(&m.id) {
                    Some(i) => Path::Item("metrics", i),
                    None => Path::Root,
                };
                self.warn_parts(
                    Path::Key(&item, "series"),
                    &[
                        "series '",
                        key,
                        "' changes name from '",
                        first.label.get(Lang::En, feed.lang),
                        "' to '",
                        m.label.get(Lang::En, feed.lang),
                        "' without a methodology-break annotation",
                    ],
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// The warn corpus's feed with a second area whose levels agree with its change, and 249
    /// more changes there that agree: only the one change that disagrees is warned about,
    /// against its own area's levels.
    #[test]
    fn each_change_is_checked_against_the_levels_of_its_own_series() {
        let mut d: serde_json::Value = serde_json::from_str(include_str!(
            "../../../tests/feeds/warn/02-change-disagrees-with-levels.json"
        ))
        .unwrap();
        d["areas"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"id": "city", "kind": "city", "name": {"en": "City"}}));
        let list = d["observations"].as_array_mut().unwrap();
        for (period, value) in [("2025-01..2025-09", 900), ("2024-01..2024-09", 1000)] {
            list.push(serde_json::json!({"metric": "crimes", "area": "city", "period": period, "value": value, "source": "report-9m"}));
        }
        list.push(serde_json::json!({"metric": "crimes", "area": "city", "period": "2025-01..2025-09", "measure": "change-pct", "vs": "2024-01..2024-09", "value": -10, "source": "report-9m"}));
        // Yearly levels of 100 and 110 in turn, each year's change on the year before.
        let level = |year: i32| if year % 2 == 0 { 100 } else { 110 };
        for year in 1901..=2150 {
            list.push(serde_json::json!({"metric": "crimes", "area": "city", "period": year.to_string(), "value": level(year), "source": "report-9m"}));
        }
        for year in 1902..=2150 {
            let change = if year % 2 == 0 { -9.1 } else { 10.0 };
            list.push(serde_json::json!({"metric": "crimes", "area": "city", "period": year.to_string(), "measure": "change-pct", "vs": (year - 1).to_string(), "value": change, "source": "report-9m"}));
        }
        let checked = super::super::check(&d.to_string()).unwrap();
        assert!(!checked.has_errors());
        assert_eq!(checked.feed.observations.len(), 4 + 3 + 250 + 249);
        let warnings: Vec<String> = checked.warnings().map(|p| p.to_string()).collect();
        assert_eq!(
            warnings,
            [
                include_str!("../../../tests/feeds/warn/02-change-disagrees-with-levels.expect")
                    .trim()
            ]
        );
    }
}

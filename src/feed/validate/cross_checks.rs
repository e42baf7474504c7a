//! Checks across lists once everything is read: published changes against published levels,
//! and series whose metric changes name. Warnings only; nothing is dropped here.

use super::number::{number, one_decimal};
use super::report::Path;
use super::table::Ids;
use super::{Validator, CHANGE_TOLERANCE_PP};
use crate::feed::derive;
use crate::feed::model::{AnnotationKind, Feed, Grade, Lang, Measure};
use crate::feed::period::Period;

impl<'d> Validator<'d> {
    /// Warnings about real-world inconsistencies; nothing is dropped here.
    pub(super) fn cross_checks(&mut self, feed: &Feed, metric_ids: &Ids) {
        let level = |metric: &str, area: &str, period: Period| {
            feed.observations.iter().find_map(|o| {
                (*o.metric == *metric
                    && *o.area == *area
                    && o.period == period
                    && o.measure == Measure::Level)
                    .then_some(o.value)
                    .flatten()
            })
        };
        for o in &feed.observations {
            let (Measure::ChangePct { vs }, Some(published)) = (o.measure, o.value) else {
                continue;
            };
            let (Some(now), Some(before)) = (
                level(&o.metric, &o.area, o.period),
                level(&o.metric, &o.area, vs),
            ) else {
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
        // A figure quoted by someone else names the body it comes from: without `agency` the
        // page would credit it to the feed's compiler, who only gathered it.
        for o in &feed.observations {
            let quoted = feed.source(&o.source).filter(|s| s.grade != Grade::Primary);
            if let (true, Some(s)) = (o.agency.is_empty(), quoted) {
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
        // A series whose metric name changes: warn unless a methodology break is annotated.
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

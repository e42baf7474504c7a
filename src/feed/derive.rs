//! Figures computed from the feed, never stored in it: changes between published levels and
//! rates per 100 000 people where an area has a sourced population.

use super::model::{Feed, Measure, Observation, Qualifier};
use super::period::Period;

/// Percentage change from `before` to `now`; `None` when `before` is zero.
pub fn pct_change(before: f64, now: f64) -> Option<f64> {
    (before != 0.0).then(|| (now - before) / before.abs() * 100.0)
}

/// The series a metric belongs to: metrics that share a `series` key continue one another
/// (a renamed indicator); otherwise the metric's own id.
pub fn series_of<'f>(feed: &'f Feed, metric: &'f str) -> &'f str {
    feed.metric(metric)
        .and_then(|m| m.series.as_deref())
        .unwrap_or(metric)
}

/// A change the page computes between two published levels of one series and area (a trend's
/// consecutive points). The page says so wherever it shows one ("computed from the published
/// figures"), and shows the source's own change for the same pair in its place when the feed
/// has one.
#[derive(Clone, Debug, PartialEq)]
pub struct Computed {
    /// Feed indexes of the earlier and the later level.
    pub before: usize,
    pub now: usize,
    pub pct: f64,
    /// A level is approximate ("about", rounded to hundreds): so is the change.
    pub approximate: bool,
    /// The feed index of the change the source published for the same pair, if any.
    pub published: Option<usize>,
}

/// The feed's published percentage changes (with a value), gathered once for a plan, so that
/// finding the source's change for a pair of levels does not go through every observation of
/// the feed for every point of every trend.
pub fn published_changes(feed: &Feed) -> Vec<&Observation> {
    feed.observations
        .iter()
        .filter(|x| matches!(x.measure, Measure::ChangePct { .. }) && x.value.is_some())
        .collect()
}

/// The change from `before` to `now`, both levels with a value; `None` when `before` is 0 or a
/// level is only bounded ("more than 1 000": the change is unknown). `changes` is
/// [`published_changes`] of the same feed.
pub fn computed_change(
    feed: &Feed,
    changes: &[&Observation],
    before: &Observation,
    now: &Observation,
) -> Option<Computed> {
    let bounded =
        |o: &Observation| matches!(o.qualifier, Some(Qualifier::MoreThan | Qualifier::LessThan));
    if bounded(before) || bounded(now) {
        return None;
    }
    let pct = pct_change(before.value?, now.value?)?;
    let vs = Measure::ChangePct { vs: before.period };
    let series = series_of(feed, &now.metric);
    let published = changes.iter().find(|x| {
        x.measure == vs
            && x.period == now.period
            && x.area == now.area
            && series_of(feed, &x.metric) == series
    });
    Some(Computed {
        before: before.index,
        now: now.index,
        pct,
        approximate: before.qualifier.is_some() || now.qualifier.is_some(),
        published: published.map(|x| x.index),
    })
}

/// A year-on-year change computed from two published levels of the same metric and area.
#[derive(Clone, Debug, PartialEq)]
pub struct DerivedChange {
    pub metric: std::sync::Arc<str>,
    pub area: std::sync::Arc<str>,
    pub period: Period,
    pub vs: Period,
    pub before: f64,
    pub now: f64,
    pub pct: f64,
}

/// Every change that two published levels allow: same metric, same area, the same span one year apart.
pub fn derived_changes(feed: &Feed) -> Vec<DerivedChange> {
    let levels: Vec<&Observation> = feed
        .observations
        .iter()
        .filter(|o| o.measure == Measure::Level && o.value.is_some())
        .collect();
    let mut out = Vec::new();
    for now in &levels {
        let earlier = levels.iter().find(|b| {
            b.metric == now.metric && b.area == now.area && now.period.follows_by_a_year(&b.period)
        });
        if let (Some(b), Some(n)) = (earlier.and_then(|b| b.value), now.value) {
            if let (Some(pct), Some(b_obs)) = (pct_change(b, n), earlier) {
                out.push(DerivedChange {
                    metric: now.metric.clone(),
                    area: now.area.clone(),
                    period: now.period,
                    vs: b_obs.period,
                    before: b,
                    now: n,
                    pct,
                });
            }
        }
    }
    out
}

/// The value per 100 000 people of the observation's area: only for a count (of offences,
/// cases…: a rate of a change, a percentage, kilograms or tenge means nothing) in a period
/// within the year of the area's population, so that 2025's figures are never divided by 2022's
/// people.
pub fn per_100k(feed: &Feed, o: &Observation) -> Option<f64> {
    if o.measure != Measure::Level || feed.metric(&o.metric)?.unit != super::model::Unit::Count {
        return None;
    }
    let population = feed.area(&o.area)?.population.as_ref()?;
    let year = population.year;
    (o.period.start.0 == year && o.period.end.0 == year)
        .then(|| o.value.map(|v| v / population.value * 100_000.0))
        .flatten()
}

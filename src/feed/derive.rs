//! Figures computed from the feed, never stored in it: changes between published levels and
//! rates per 100 000 people where an area has a sourced population.

use super::model::{Feed, Measure, Observation};
use super::period::Period;

/// Percentage change from `before` to `now`; `None` when `before` is zero.
pub fn pct_change(before: f64, now: f64) -> Option<f64> {
    (before != 0.0).then(|| (now - before) / before.abs() * 100.0)
}

/// A year-on-year change computed from two published levels of the same metric and area.
#[derive(Clone, Debug, PartialEq)]
pub struct DerivedChange {
    pub metric: String,
    pub area: String,
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

/// The value per 100 000 people of the observation's area, when the area has a population
/// and the value is a level (a rate of a change or of a percentage means nothing).
pub fn per_100k(feed: &Feed, o: &Observation) -> Option<f64> {
    if o.measure != Measure::Level {
        return None;
    }
    let metric = feed.metric(&o.metric)?;
    if metric.unit == super::model::Unit::Percent {
        return None;
    }
    let population = feed.area(&o.area)?.population.as_ref()?;
    Some(o.value? / population.value * 100_000.0)
}

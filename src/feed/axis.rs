//! Which figures may share an axis. A bar or a line invites comparison, so figures share one only
//! when they are the same kind of quantity with the same unit, period, comparison and counting
//! agency: several areas for one metric and period, the categories of one breakdown of offences
//! counted by one agency, one series over time. A figure comparable with nothing is a card.
//! Here in `feed` rather than in `plan`, so that the validator can refuse a publisher's view
//! that would put incomparable figures on one axis.

use crate::feed::derive::series_of;
use crate::feed::{Direction, Feed, Group, Measure, Observation, Period};

/// Groups whose metrics count registered offences, so that their categories (theft and fraud;
/// minor and grave crimes; crimes and misdemeanours) are parts of one breakdown. Other groups
/// (seizures, trials, brochures) count different things: only one metric shares an axis.
fn counts_offences(g: Group) -> bool {
    matches!(
        g,
        Group::Crime | Group::CrimeByGravity | Group::CrimeByType | Group::Corruption
    )
}

/// What two figures must have in common to share an axis, ordered so that sorting by it keeps
/// each comparable group together, latest period first.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct AxisKey<'f> {
    /// Later periods first.
    pub period: std::cmp::Reverse<Period>,
    measure: &'static str,
    vs: Option<Period>,
    unit: &'static str,
    direction: &'static str,
    /// The counting agency: two agencies count on different bases.
    agency: &'f str,
    /// "offences" for a breakdown of offences, else the metric itself (its series).
    kind: &'f str,
}

/// The figure's [`AxisKey`]; `None` when its metric is unknown.
pub fn axis_key<'f>(feed: &'f Feed, o: &'f Observation) -> Option<AxisKey<'f>> {
    let m = feed.metric(&o.metric)?;
    let offences = counts_offences(m.group) && m.direction == Direction::LowerIsBetter;
    Some(AxisKey {
        period: std::cmp::Reverse(o.period),
        measure: o.measure.kind().name(),
        vs: o.measure.vs(),
        unit: m.unit.name(),
        direction: m.direction.name(),
        agency: feed.agency_of(o, feed.lang),
        kind: match offences {
            true => "offences",
            false => series_of(feed, &o.metric),
        },
    })
}

/// Whether `a` and `b` may share an axis.
pub fn comparable(feed: &Feed, a: &Observation, b: &Observation) -> bool {
    let (ka, kb) = (axis_key(feed, a), axis_key(feed, b));
    ka.is_some() && ka == kb
}

/// What keeps `a` and `b` off one axis of a publisher's view ("unit", "period" …), or `None`
/// when they may share one: when they are [`comparable`], or levels alike but for their periods,
/// written the same way and as long (one trend over time).
pub fn what_differs(feed: &Feed, a: &Observation, b: &Observation) -> Option<&'static str> {
    let (Some(ka), Some(kb)) = (axis_key(feed, a), axis_key(feed, b)) else {
        return Some("metric");
    };
    let over_time = a.measure == Measure::Level
        && a.period.kind == b.period.kind
        && a.period.months() == b.period.months();
    let differ = [
        (ka.measure != kb.measure, "measure (level or change)"),
        (ka.period != kb.period && !over_time, "period"),
        (ka.vs != kb.vs, "comparison period"),
        (ka.unit != kb.unit, "unit"),
        (ka.direction != kb.direction, "direction"),
        (ka.agency != kb.agency, "counting agency"),
        (ka.kind != kb.kind, "what is counted"),
    ];
    differ.iter().find(|(d, _)| *d).map(|(_, what)| *what)
}

/// The last year the feed reports on: the end of its `period`, else of its latest figure.
/// Figures that end before it are from earlier years.
pub fn current_year(feed: &Feed) -> i32 {
    match feed.period {
        Some(p) => p.end.0,
        None => feed
            .observations
            .iter()
            .map(|o| o.period.end.0)
            .max()
            .unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aktobe() -> Feed {
        crate::feed::check(include_str!("../../public/feeds/aktobe-2025.json"))
            .unwrap()
            .feed
    }

    fn pair(f: &Feed, a: &str, b: &str) -> bool {
        comparable(f, f.observation(a).unwrap(), f.observation(b).unwrap())
    }

    #[test]
    fn the_real_feeds_incomparable_figures_never_share_an_axis() {
        let f = aktobe();
        // Drug figures of different periods, agencies and kinds (issue: one axis today).
        assert!(!pair(
            &f,
            "drug-offences-2022",
            "drug-labs-aktobe-city-2022"
        ));
        assert!(!pair(
            &f,
            "drug-labs-liquidated-2025",
            "drug-stores-liquidated-2025"
        ));
        // Seizures counted by the police and in prosecutor-coordinated operations, or in
        // different periods: never on one axis.
        assert!(!pair(
            &f,
            "synthetic-drugs-seized-2025",
            "drugs-seized-police-9m2025"
        ));
        assert!(!pair(
            &f,
            "drugs-seized-police-2022",
            "drugs-seized-police-9m2025"
        ));
        // Brochures and billboards count different things.
        assert!(!pair(
            &f,
            "antifraud-brochures-9m2025",
            "antifraud-billboards-9m2025"
        ));
        // Fraud in 2023 and drug crimes in 2025.
        assert!(!pair(&f, "fraud-9m2023", "drug-crimes-police-9m2025"));
        // The 2025 change and the Q1 2020 change.
        assert!(!pair(
            &f,
            "registered-crimes-2025",
            "registered-crimes-q1-2020-change"
        ));
        // The January–October crimes and the yearly offences.
        assert!(!pair(
            &f,
            "kz-registered-10m2025",
            "kz-registered-offences-2025"
        ));
    }

    #[test]
    fn categories_of_one_breakdown_by_one_agency_share_an_axis() {
        let f = crate::feed::check(include_str!("../../public/feeds/aktobe-2022.json"))
            .unwrap()
            .feed;
        // Form 1-М, 2022: the gravity categories, and theft with fraud.
        assert!(pair(&f, "minor-crimes-2022", "grave-crimes-2022"));
        assert!(pair(&f, "theft-2022", "fraud-2022"));
        assert!(pair(
            &f,
            "registered-offences-2022",
            "registered-misdemeanours-2022"
        ));
        // Persons prosecuted are not offences.
        assert!(!pair(&f, "juveniles-prosecuted-2022", "theft-2022"));
        // The published changes of the gravity categories, January–September 2025.
        let f = aktobe();
        assert!(pair(
            &f,
            "particularly-serious-crimes-9m2025",
            "minor-crimes-9m2025"
        ));
    }

    #[test]
    fn a_view_may_hold_one_series_over_time_but_not_incomparable_figures() {
        let f = crate::feed::check(include_str!("../../public/feeds/aktobe-2022.json"))
            .unwrap()
            .feed;
        let differs = |a: &str, b: &str| {
            what_differs(&f, f.observation(a).unwrap(), f.observation(b).unwrap())
        };
        assert_eq!(differs("minor-crimes-2022", "grave-crimes-2022"), None);
        assert_eq!(
            differs("juveniles-prosecuted-2022", "theft-2022"),
            Some("direction")
        );
        let f = aktobe();
        let differs = |a: &str, b: &str| {
            what_differs(&f, f.observation(a).unwrap(), f.observation(b).unwrap())
        };
        // The national yearly series, 2022 and 2024: one trend.
        assert_eq!(
            differs("kz-registered-crimes-2022", "kz-registered-crimes-2024"),
            None
        );
        assert_eq!(
            differs("synthetic-drugs-seized-2025", "drugs-seized-police-9m2025"),
            Some("period")
        );
        assert_eq!(
            differs("drug-labs-liquidated-2025", "synthetic-drugs-seized-2025"),
            Some("period")
        );
        assert_eq!(
            differs("drug-stores-liquidated-2025", "synthetic-drugs-seized-2025"),
            Some("unit")
        );
        assert_eq!(
            differs(
                "registered-crimes-2025",
                "kz-registered-offences-2025-change"
            ),
            Some("counting agency")
        );
        assert_eq!(
            differs("registered-crimes-9m2025", "state-prosecution-cases-9m2025"),
            Some("measure (level or change)")
        );
        // Changes of different years never make a trend.
        assert_eq!(
            differs("registered-crimes-2025", "registered-crimes-q1-2020-change"),
            Some("period")
        );
    }

    #[test]
    fn the_current_year_is_the_end_of_the_feeds_period() {
        assert_eq!(current_year(&aktobe()), 2025);
    }
}

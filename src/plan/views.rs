//! The publisher's views (`feed.views`): each is one chart of the figures it names, drawn as the
//! automatic plan would draw them (changes as bars around zero, levels of one series over
//! periods as a trend, other levels as bars), with the view's own title and takeaway; its chart
//! kind wins over the metrics' hints. A view goes first in the section its first figure belongs
//! to, and its figures leave that section's automatic plan.

use super::{
    by_period, by_value_desc, change_chart, current_year, group_obs, level_chart, sort_obs,
    trend_chart, ChartPlan, Ctx,
};
use crate::chart::Visual;
use crate::feed::derive::series_of;
use crate::feed::{ChartHint, Feed, Observation, View};

/// A view's chart, with its section: whether it is a comparison area's, and the section's id
/// (the theme group's name or the comparison area's id).
pub(super) type Placed<'f> = (bool, &'f str, ChartPlan);

/// The charts of the feed's views, in the feed's order. A view with fewer than two figures that
/// have a value (`null` is drawn nowhere) is left out, and its figures to the automatic plan.
pub(super) fn view_charts<'f>(cx: &Ctx<'f>) -> Vec<Placed<'f>> {
    let feed: &'f Feed = cx.feed;
    let mut out = Vec::new();
    for v in &feed.views {
        let mut obs = Vec::new();
        for &i in &v.observations {
            if let Some(o) = feed.observations.get(i).filter(|o| o.value.is_some()) {
                obs.push(o);
            }
        }
        let (Some(&first), true) = (obs.first(), obs.len() > 1) else {
            continue;
        };
        let place = match feed.area(&first.area) {
            Some(a) if a.context => (true, a.id.as_str()),
            _ => (
                false,
                feed.metric(&first.metric).map_or("", |m| m.group.name()),
            ),
        };
        out.push((place.0, place.1, view_chart(cx, v, obs)));
    }
    out
}

fn view_chart(cx: &Ctx, v: &View, mut obs: Vec<&Observation>) -> ChartPlan {
    let id = v.id.clone();
    // `auto` follows the metrics' hints, as the automatic plan does.
    let bars = |o: &&Observation| {
        cx.feed
            .metric(&o.metric)
            .is_some_and(|m| m.chart == ChartHint::Bars)
    };
    let hint = match v.chart {
        ChartHint::Auto if obs.iter().any(bars) => ChartHint::Bars,
        hint => hint,
    };
    let over_time = obs
        .iter()
        .any(|o| Some(o.period) != obs.first().map(|f| f.period));
    let mut chart = if obs.iter().all(|o| o.measure.is_change()) {
        // In the view's order.
        change_chart(cx, id, &obs)
    } else if over_time && hint != ChartHint::Bars {
        let mut series = group_obs(&obs, &|a, b| {
            (series_of(cx.feed, &a.metric), &a.area).cmp(&(series_of(cx.feed, &b.metric), &b.area))
        });
        let mut slices: Vec<&[&Observation]> = Vec::new();
        for s in &mut series {
            sort_obs(s, &by_period);
        }
        for s in &series {
            slices.push(s);
        }
        let mut chart = trend_chart(cx, id, &slices);
        if let Visual::Trend(t) = &mut chart.visual {
            t.lines |= hint == ChartHint::Lines;
        }
        chart
    } else {
        sort_obs(&mut obs, &by_value_desc);
        level_chart(cx, id, &obs)
    };
    chart.title = cx.feed.text(&v.title, cx.lang).to_owned();
    if let Some(t) = &v.takeaway {
        chart.takeaway = cx.feed.text(t, cx.lang).to_owned();
    }
    let year = current_year(cx.feed);
    chart.earlier = obs.iter().all(|o| o.period.end.0 < year);
    chart
}

/// The section's charts: its views first (current ones, then the automatic current charts,
/// then its earlier views and the automatic earlier charts). An automatic chart whose id a
/// view took gets `-auto` after it.
pub(super) fn place(
    views: &mut Vec<Placed>,
    context: bool,
    section: &str,
    mut auto: Vec<ChartPlan>,
    feed: &Feed,
) -> Vec<ChartPlan> {
    for c in &mut auto {
        if feed.views.iter().any(|v| v.id == c.id) {
            c.id.push_str("-auto");
        }
    }
    let mut mine = Vec::new();
    let mut i = 0;
    while i < views.len() {
        if views[i].0 == context && views[i].1 == section {
            mine.push(views.remove(i).2);
        } else {
            i += 1;
        }
    }
    if mine.is_empty() {
        return auto;
    }
    let (mut out, then): (Vec<ChartPlan>, Vec<ChartPlan>) =
        mine.into_iter().partition(|c| !c.earlier);
    let later = auto.split_off(auto.iter().position(|c| c.earlier).unwrap_or(auto.len()));
    out.extend(auto);
    out.extend(then);
    out.extend(later);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::Lang;
    use crate::plan::{plan, SectionPlan};
    use crate::present::PlainNumbers;

    fn feed() -> Feed {
        crate::feed::check(include_str!("../../tests/feeds/good/views.json"))
            .unwrap()
            .feed
    }

    fn chart<'s>(sections: &'s [SectionPlan], id: &str) -> (&'s SectionPlan, &'s ChartPlan) {
        sections
            .iter()
            .find_map(|s| s.charts.iter().find(|c| c.id == id).map(|c| (s, c)))
            .unwrap_or_else(|| panic!("no chart {id}"))
    }

    #[test]
    fn a_view_is_one_chart_with_its_title_and_takeaway_first_in_its_figures_section() {
        let f = feed();
        let sections = plan(&f, Lang::Ru, &PlainNumbers);
        let (s, c) = chart(&sections, "gravity-2025");
        assert_eq!(s.id, "crime-by-gravity");
        assert_eq!(s.charts[0].id, "gravity-2025");
        assert_eq!(c.title, "Тяжких преступлений стало меньше");
        assert_eq!(
            c.takeaway,
            "В 2025 году тяжких преступлений стало меньше на 12 %."
        );
        assert!(!c.earlier);
        // Everything else as the automatic chart of the same figures.
        let Visual::Bars(bars) = &c.visual else {
            panic!("{:?}", c.visual)
        };
        assert_eq!(bars.len(), 2);
        assert_eq!(c.observations, [3, 4]);
        assert!(c.summary.contains("12"), "{}", c.summary);
        assert!(
            c.subtitle.starts_with("Тестовая область · 2025"),
            "{}",
            c.subtitle
        );
        // Without a takeaway of its own, the automatic one.
        let (s, c) = chart(&sections, "kazakhstan-crimes");
        assert!(s.context);
        assert!(c.takeaway.contains("130"), "{}", c.takeaway);
        assert!(
            matches!(c.visual, Visual::Bars(_)),
            "the view asks for bars"
        );
    }

    #[test]
    fn a_views_chart_kind_wins_over_the_metrics_hint_and_old_figures_make_an_earlier_view() {
        let f = feed();
        let sections = plan(&f, Lang::En, &PlainNumbers);
        // The metric asks for bars; the view for lines.
        let (s, c) = chart(&sections, "seized-earlier");
        assert_eq!(s.id, "drugs");
        assert!(c.earlier);
        let Visual::Trend(t) = &c.visual else {
            panic!("{:?}", c.visual)
        };
        assert!(t.lines);
        assert_eq!(t.categories, ["2023", "2024"]);
        // 2025 alone is a card.
        assert_eq!(s.cards.len(), 1);
        // Without the view's word, the metric's hint holds: bars.
        let mut f = feed();
        f.views[1].chart = ChartHint::Auto;
        let sections = plan(&f, Lang::En, &PlainNumbers);
        assert!(matches!(
            chart(&sections, "seized-earlier").1.visual,
            Visual::Bars(_)
        ));
    }

    #[test]
    fn every_figure_is_shown_once_and_a_feed_without_views_keeps_the_automatic_plan() {
        let f = feed();
        for lang in Lang::ALL {
            let sections = plan(&f, lang, &PlainNumbers);
            let mut shown: Vec<usize> = Vec::new();
            for s in &sections {
                for c in &s.charts {
                    shown.extend(&c.observations);
                }
                shown.extend(s.cards.iter().map(|c| c.observation));
            }
            shown.sort_unstable();
            assert_eq!(shown, (0..f.observations.len()).collect::<Vec<_>>());
        }
        let mut without = feed();
        without.views.clear();
        let sections = plan(&without, Lang::En, &PlainNumbers);
        let ids: Vec<&str> = sections
            .iter()
            .flat_map(|s| s.charts.iter().map(|c| c.id.as_str()))
            .collect();
        // The seizures' metric asks for bars, and bars of different years are not drawn: cards.
        assert_eq!(
            ids,
            [
                "crime-trend-1",
                "crime-by-gravity-changes",
                "kazakhstan-trend-1"
            ]
        );
    }

    #[test]
    fn current_views_lead_earlier_views_follow_the_current_charts_and_ids_stay_unique() {
        let f = feed();
        let sections = plan(&f, Lang::En, &PlainNumbers);
        let some = chart(&sections, "gravity-2025").1.clone();
        let make = |id: &str, earlier: bool| ChartPlan {
            id: id.into(),
            earlier,
            ..some.clone()
        };
        let mut views: Vec<Placed> = vec![
            (false, "crime", make("old-view", true)),
            (true, "crime", make("elsewhere", false)),
            (false, "crime", make("new-view", false)),
        ];
        let auto = vec![make("gravity-2025", false), make("crime-2022", true)];
        let charts = place(&mut views, false, "crime", auto, &f);
        let ids: Vec<&str> = charts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            ["new-view", "gravity-2025-auto", "old-view", "crime-2022"]
        );
        assert_eq!(views.len(), 1, "the other section's view is left");
    }
}

//! Which chart shows which figures: the feed is split into sections (one per theme, then one per
//! context area) and each section into charts, chosen from the metric's unit, the measure and
//! the periods. Pure: tested natively; the UI only draws what this returns.
//!
//! Figures share an axis only when they are comparable ([`crate::feed::axis`]): same kind of quantity, unit,
//! period, comparison and counting agency. Within a section:
//! 1. published changes (change-pct / change-pp) → diverging bars around zero, one chart per
//!    comparable group;
//! 2. levels of one metric and area over two or more periods of the same shape → a trend
//!    (columns for one series, lines when several series of one agency share a unit and shape);
//! 3. one figure for many districts → ranked bars and a tile map;
//! 4. the remaining levels → horizontal bars per comparable group, largest first.
//!
//! A figure comparable with nothing is a card, never a one-bar chart. Charts and cards whose
//! figures all end before the feed's year are "earlier years", after the current ones.
//!
//! A feed's `views` (the publisher's own charts, `plan/views.rs`) come first in their sections, and
//! their figures leave the automatic plan.
pub use crate::feed::axis::{axis_key, comparable, current_year, AxisKey};
mod views;

use crate::chart::bars::Bar;
use crate::chart::tiles::{Tile, Tiles};
use crate::chart::trend::{Series, Trend};
use crate::chart::{Tone, Visual};
use std::cmp::Ordering;

use crate::feed::derive::{computed_change, published_changes, series_of, Computed};
use crate::feed::period::first_chars;
use crate::feed::{
    AreaKind, ChartHint, Feed, Group, Lang, Measure, Observation, Period, PeriodKind,
};
use crate::i18n::{self, period_label};
use crate::present::{
    change_label, change_sentence, computed_lines, observation_label, observation_value, tone,
    Numbers,
};

/// What the tooltip and the screen reader say about one point.
#[derive(Clone, Debug, PartialEq)]
pub struct Tip {
    /// `(series, category)`; for bars `(0, bar index)`.
    pub key: (usize, usize),
    pub title: String,
    pub value: String,
    pub details: Vec<String>,
    /// The observation behind the point (`None` for an area without data).
    pub observation: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChartPlan {
    /// Stable id: used for `data-testid`, file names and links (`crime-changes`).
    pub id: String,
    /// A short headline: what the chart is about.
    pub title: String,
    /// What is measured, where and when: areas, period, counting agency.
    pub subtitle: String,
    /// The one sentence shown under the title: the chart's main point.
    pub takeaway: String,
    /// Every figure in words: the canvas's accessible description and the files' description.
    pub summary: String,
    /// Every figure ends before the feed's year: shown under "Earlier years".
    pub earlier: bool,
    pub visual: Visual,
    pub tips: Vec<Tip>,
    /// Indexes into `feed.observations` of everything the chart shows, for tables and CSV.
    pub observations: Vec<usize>,
    /// The changes the chart computed from its published levels (a trend's tooltips), for CSV.
    pub computed: Vec<Computed>,
}

/// A figure comparable with no other, shown as a card (value, label, period, agency, source).
#[derive(Clone, Debug, PartialEq)]
pub struct CardPlan {
    /// The observation's id (`drug-labs-liquidated-2025`), else `<section>-figure-<index>`.
    pub id: String,
    pub observation: usize,
    pub earlier: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SectionPlan {
    pub id: String,
    pub title: String,
    /// A comparison area: shown apart and labelled as such.
    pub context: bool,
    /// For a comparison area: which area it is, and that it is not the feed's own.
    pub note: Option<String>,
    /// Current charts first, then earlier ones.
    pub charts: Vec<ChartPlan>,
    /// Current cards first, then earlier ones.
    pub cards: Vec<CardPlan>,
}

struct Ctx<'a> {
    feed: &'a Feed,
    lang: Lang,
    nums: &'a dyn Numbers,
    /// The feed's published changes (`derive::published_changes`), for trends' tooltips.
    changes: &'a [&'a Observation],
}

impl Ctx<'_> {
    fn label(&self, o: &Observation) -> String {
        observation_label(self.feed, o, self.lang)
    }
    fn area(&self, o: &Observation) -> String {
        self.feed
            .area(&o.area)
            .map(|a| self.feed.text(&a.name, self.lang).to_owned())
            .unwrap_or_default()
    }
    fn value(&self, o: &Observation) -> String {
        observation_value(self.feed, o, self.lang, self.nums)
    }
    fn period(&self, o: &Observation) -> String {
        i18n::observation_period(o, self.lang)
    }
    fn source_line(&self, o: &Observation) -> Option<String> {
        let s = self.feed.source(&o.source)?;
        Some(format!(
            "{}: {} ({}, {})",
            i18n::SOURCE.get(self.lang),
            self.feed.agency_of(o, self.lang),
            s.publisher,
            i18n::date_label(&s.date, self.lang)
        ))
    }
    /// "Aktobe Region · Jan–Sep 2025 vs Jan–Sep 2024 · Police Department of Aktobe Region":
    /// where, when and who counted, each once. A trend's period runs from its first to its last.
    fn subtitle(&self, obs: &[&Observation]) -> String {
        let (mut areas, mut agencies): (Vec<String>, Vec<&str>) = (Vec::new(), Vec::new());
        let (mut first, mut last) = (None::<&Observation>, None::<&Observation>);
        for &o in obs {
            let area = self.area(o);
            if !areas.contains(&area) {
                areas.push(area);
            }
            let agency = self.feed.agency_of(o, self.lang);
            if !agencies.contains(&agency) {
                agencies.push(agency);
            }
            if first.is_none_or(|f| o.period < f.period) {
                first = Some(o);
            }
            if last.is_none_or(|l| o.period > l.period) {
                last = Some(o);
            }
        }
        let when = match (first, last) {
            // "2022–2025"; "Jan–Sep 2024 – Jan–Sep 2025", spaced, where the periods have dashes.
            (Some(a), Some(b)) if a.period != b.period => format!(
                "{}{}{}",
                period_label(&a.period, self.lang),
                match a.period.kind == PeriodKind::Year && b.period.kind == PeriodKind::Year {
                    true => "–",
                    false => " – ",
                },
                period_label(&b.period, self.lang)
            ),
            (Some(a), _) => self.period(a),
            _ => String::new(),
        };
        format!("{} · {when} · {}", areas.join(", "), agencies.join("; "))
    }
    fn tip(&self, key: (usize, usize), o: &Observation, extra: Vec<String>) -> Tip {
        let mut details = vec![format!("{} · {}", self.area(o), self.period(o))];
        details.extend(extra);
        if let Some(source) = self.source_line(o) {
            details.push(source);
        }
        Tip {
            key,
            title: self.label(o),
            value: self.value(o),
            details,
            observation: Some(o.index),
        }
    }
}

/// Splits the feed into sections and charts, in the reader's language.
pub fn plan(feed: &Feed, lang: Lang, nums: &dyn Numbers) -> Vec<SectionPlan> {
    plan_with::<false>(feed, lang, nums)
}

/// The plan with, in each comparison section, the feed's own areas beside it per 100 000
/// residents (`rates_chart`): for the comparison page (`compare.html`), whose wasm carries
/// the code (`has_rates` says whether there is such a chart).
pub fn plan_with_rates(feed: &Feed, lang: Lang, nums: &dyn Numbers) -> Vec<SectionPlan> {
    plan_with::<true>(feed, lang, nums)
}

fn plan_with<const RATES: bool>(feed: &Feed, lang: Lang, nums: &dyn Numbers) -> Vec<SectionPlan> {
    let changes = published_changes(feed);
    let cx = Ctx {
        feed,
        lang,
        nums,
        changes: &changes,
    };
    let is_context = |o: &Observation| feed.area(&o.area).is_some_and(|a| a.context);
    let mut sections = Vec::new();
    // The publisher's views; what they show leaves the automatic plan.
    let mut views = views::view_charts(&cx);
    let mut all = Vec::new();
    for o in &feed.observations {
        if !views
            .iter()
            .any(|(_, _, c)| c.observations.contains(&o.index))
        {
            all.push(o);
        }
    }
    for g in Group::ALL {
        let obs = select(&all, &|o| {
            !is_context(o) && feed.metric(&o.metric).is_some_and(|m| m.group == g)
        });
        let (charts, cards) = charts_for(&cx, g.name(), &obs);
        let charts = views::place(&mut views, false, g.name(), charts, feed);
        if !charts.is_empty() || !cards.is_empty() {
            sections.push(SectionPlan {
                id: g.name().to_owned(),
                title: i18n::group_title(g, lang).to_owned(),
                context: false,
                note: None,
                charts,
                cards,
            });
        }
    }
    // The feed's own area, named in each comparison's note: its region, else its first area
    // that lies in no other.
    let own = |a: &&crate::feed::Area| !a.context;
    let home = (feed.areas.iter().filter(own))
        .find(|a| a.kind == AreaKind::Region)
        .or_else(|| feed.areas.iter().filter(own).find(|a| a.parent.is_none()))
        .map(|a| feed.text(&a.name, lang));
    for area in feed.areas.iter().filter(|a| a.context) {
        let obs = select(&all, &|o| *o.area == *area.id);
        let (mut charts, cards) = charts_for(&cx, &area.id, &obs);
        // The feed's own areas beside this one per 100 000 residents, where both have a
        // population of the figures' year: the comparison the counts alone cannot make.
        let own: Vec<&Observation> = select(&all, &|o| !is_context(o));
        if let Some(rates) = RATES
            .then(|| rates_chart(&cx, &area.id, &own, &obs))
            .flatten()
        {
            // First among the current charts, or among the earlier ones.
            let at = match rates.earlier {
                true => charts
                    .iter()
                    .position(|c| c.earlier)
                    .unwrap_or(charts.len()),
                false => 0,
            };
            charts.insert(at, rates);
        }
        let charts = views::place(&mut views, true, &area.id, charts, feed);
        if !charts.is_empty() || !cards.is_empty() {
            sections.push(SectionPlan {
                id: area.id.clone(),
                title: format!(
                    "{} — {}",
                    feed.text(&area.name, lang),
                    i18n::FOR_COMPARISON.get(lang)
                ),
                context: true,
                note: Some(i18n::context_note(feed.text(&area.name, lang), home, lang)),
                charts,
                cards,
            });
        }
    }
    sections
}

/// "What changed": one sentence per headline figure (the first three: a phone's first screen
/// still shows a key figure under them), each with the id of the
/// chart or card that shows it, for the summary under the report's title.
pub fn what_changed(
    feed: &Feed,
    sections: &[SectionPlan],
    lang: Lang,
    nums: &dyn Numbers,
) -> Vec<(String, String)> {
    let cx = Ctx {
        feed,
        lang,
        nums,
        changes: &[],
    };
    let mut out = Vec::new();
    for o in feed
        .headlines
        .iter()
        .filter_map(|id| feed.observation(id))
        .take(3)
    {
        let sentence = change_sentence(feed, o, lang, nums).unwrap_or_else(|| {
            let (label, place, value) = (cx.label(o), cx.area(o), cx.value(o));
            match lang {
                Lang::En => format!("{label}, {place}: {value} in {}.", cx.period(o)),
                Lang::Ru => format!(
                    "{label}, {place}: {value} за {}.",
                    i18n::during(&o.period, lang)
                ),
                // "2025 жылы — 76 кг": the period as the time of the figure.
                Lang::Kk => format!(
                    "{label}, {place}: {} — {value}.",
                    i18n::during(&o.period, lang)
                ),
            }
        });
        let shown = sections.iter().find_map(|s| {
            let chart = s.charts.iter().find(|c| c.observations.contains(&o.index));
            let card = s.cards.iter().find(|c| c.observation == o.index);
            chart.map(|c| &c.id).or(card.map(|c| &c.id))
        });
        out.push((sentence, shown.cloned().unwrap_or_default()));
    }
    out
}

/// Charts of the bundled feed that were split into cards or renamed, by the feed's id: the id
/// newsrooms published (`#crime-changes`, `embed.html?embed=drugs-figures-1`) and its successor.
const ALIASES: &[(&str, &str, &str)] = &[
    ("aktobe-2025", "crime-changes", "registered-crimes-2025"),
    (
        "aktobe-2025",
        "crime-figures-1",
        "pretrial-investigations-jan-feb-2023",
    ),
    (
        "aktobe-2025",
        "crime-by-type-figures-1",
        "drug-crimes-police-9m2025",
    ),
    (
        "aktobe-2025",
        "drugs-figures-1",
        "drug-labs-liquidated-2025",
    ),
    (
        "aktobe-2025",
        "drugs-figures-2",
        "synthetic-drugs-seized-2025",
    ),
    (
        "aktobe-2025",
        "fraud-figures-1",
        "antifraud-brochures-9m2025",
    ),
    (
        "aktobe-2025",
        "fraud-figures-2",
        "internet-fraud-damage-9m2025",
    ),
    (
        "aktobe-2025",
        "courts-figures-1",
        "state-prosecution-cases-9m2025",
    ),
    (
        "aktobe-2025",
        "children-figures-1",
        "childrens-rights-projects-2025",
    ),
    ("aktobe-2025", "budget-figures-1", "funds-recovered-2025"),
    ("aktobe-2025", "fraud-trend-1", "internet-fraud-9m"),
    ("aktobe-2025", "kazakhstan-figures-1", "kazakhstan-2024"),
    (
        "aktobe-2025",
        "kazakhstan-figures-2",
        "kz-clearance-rate-2025",
    ),
];

/// The id a link should lead to: `id` itself, or the successor of a chart that was split or
/// renamed in this feed.
pub fn successor<'a>(feed: &Feed, id: &'a str) -> &'a str {
    ALIASES
        .iter()
        .find(|(f, old, _)| *f == feed.id && *old == id)
        .map_or(id, |(_, _, new)| new)
}

/// Whether the comparison area `area` has figures that the feed's own areas have too, in a year
/// both have a population of: what `plan_with_rates` draws per 100 000 residents.
pub fn has_rates(feed: &Feed, area: &str) -> bool {
    let rate = |o: &&Observation| crate::feed::derive::per_100k(feed, o).is_some();
    let own = |o: &&Observation| feed.area(&o.area).is_some_and(|a| !a.context);
    feed.observations
        .iter()
        .filter(|o| *o.area == *area)
        .filter(rate)
        .any(|b| {
            feed.observations
                .iter()
                .filter(own)
                .filter(rate)
                .any(|a| a.metric == b.metric && a.period == b.period)
        })
}

/// Own figures and the comparison area's of the same metric and year, per 100 000 residents,
/// metric by metric ("Registered criminal offences · Aktobe Region", "… · Kazakhstan"); `None`
/// without such a pair.
fn rates_chart(
    cx: &Ctx,
    slug: &str,
    own: &[&Observation],
    other: &[&Observation],
) -> Option<ChartPlan> {
    let rate = |o: &Observation| crate::feed::derive::per_100k(cx.feed, o);
    let mut pairs: Vec<&Observation> = Vec::new();
    for b in other.iter().filter(|o| rate(o).is_some()) {
        for a in own.iter().filter(|o| rate(o).is_some()) {
            if a.metric == b.metric && a.period == b.period {
                pairs.push(a);
                pairs.push(b);
            }
        }
    }
    let first = *pairs.first()?;
    let (mut bars, mut tips) = (Vec::new(), Vec::new());
    let (mut summary, mut first_pair) = (String::new(), String::new());
    for (i, &o) in pairs.iter().enumerate() {
        let r = rate(o).unwrap_or(0.0);
        let label = format!("{} · {}", cx.label(o), cx.area(o));
        let value_label = cx.nums.decimal(r, 1);
        summary.push_str(&format!("{label}: {value_label}. "));
        // The takeaway: the first metric in both areas.
        if i == 1 {
            first_pair = summary.trim_end().to_owned();
        }
        let mut tip = cx.tip((0, i), o, Vec::new());
        tip.details
            .insert(1, format!("{}: {}", cx.label(o), cx.value(o)));
        tip.value = value_label.clone();
        tips.push(tip);
        bars.push(Bar {
            label,
            value: r,
            value_label,
            tone: Tone::Neutral,
        });
    }
    let year = cx
        .feed
        .area(&first.area)
        .and_then(|a| a.population.as_ref())
        .map_or(0, |p| p.year);
    let mut places: Vec<String> = Vec::new();
    for o in &pairs {
        let place = cx.area(o);
        if !places.contains(&place) {
            places.push(place);
        }
    }
    Some(ChartPlan {
        id: format!("{slug}-per-100k"),
        title: format!("{} — {}", places.join(" · "), i18n::PER_100K.get(cx.lang)),
        subtitle: format!(
            "{} · {}: {year}",
            period_label(&first.period, cx.lang),
            i18n::POPULATION.get(cx.lang)
        ),
        takeaway: first_pair,
        summary: summary.trim_end().to_owned(),
        earlier: first.period.end.0 < current_year(cx.feed),
        visual: Visual::Bars(bars),
        tips,
        observations: indexes(&pairs),
        computed: Vec::new(),
    })
}

/// Which observations (by file index) a trend or district chart already shows.
struct Charted(Vec<bool>);

impl Charted {
    fn new(obs: &[&Observation]) -> Charted {
        let mut len = 0;
        for o in obs {
            len = len.max(o.index + 1);
        }
        Charted(vec![false; len])
    }

    fn mark(&mut self, shown: &[&Observation]) {
        for o in shown {
            if let Some(x) = self.0.get_mut(o.index) {
                *x = true;
            }
        }
    }

    fn has(&self, o: &Observation) -> bool {
        self.0.get(o.index).copied().unwrap_or(false)
    }
}

// Size: this module builds its vectors in plain `for` loops with `push` where an iterator
// chain would do. Each `map`/`filter`/`flatten` + `collect` becomes its own code in the page's
// wasm; a loop costs less (measured: about 0.1–0.2 KB gzip per few chains).

/// How two observations order, for [`sort_obs`] and [`group_obs`].
type ObsOrder<'f> = &'f dyn Fn(&Observation, &Observation) -> Ordering;

/// Positions `0..n` in a stable order by `cmp`. The standard library's sort is generic over the
/// comparison, and each of its instantiations cost the page about 5 KB of wasm; every sort here
/// goes through this one function: a bottom-up merge sort of positions, where an element moves
/// before an earlier one only when that one is greater, so equal elements keep their order.
fn sorted_positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut v = Vec::new();
    for i in 0..n {
        v.push(i);
    }
    let mut buf = v.clone();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut a, mut b) = (start, mid);
            for slot in &mut buf[start..end] {
                let take_right = a >= mid || (b < end && cmp(v[a], v[b]) == Ordering::Greater);
                if take_right {
                    *slot = v[b];
                    b += 1;
                } else {
                    *slot = v[a];
                    a += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut v, &mut buf);
        width *= 2;
    }
    v
}

/// Positions `0..n` in order by `cmp`, cut into runs that `cmp` finds equal: what grouping into
/// a `BTreeMap<K, Vec<_>>` gives, for a fraction of its code in the page's wasm. Positions rather
/// than items, so that one function serves every kind of item and key.
fn runs(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for i in sorted_positions(n, cmp) {
        match out.last_mut() {
            Some(run) if run.last().is_some_and(|&j| cmp(j, i) == Ordering::Equal) => run.push(i),
            _ => out.push(vec![i]),
        }
    }
    out
}

/// The observations at `positions`, in that order.
fn pick<'f>(obs: &[&'f Observation], positions: &[usize]) -> Vec<&'f Observation> {
    let mut out = Vec::new();
    for &i in positions {
        out.push(obs[i]);
    }
    out
}

/// The observations that `keep` accepts, in order (one function for every filter).
fn select<'f>(
    obs: &[&'f Observation],
    keep: &dyn Fn(&Observation) -> bool,
) -> Vec<&'f Observation> {
    let mut out = Vec::new();
    for &o in obs {
        if keep(o) {
            out.push(o);
        }
    }
    out
}

/// The observations' indexes in the feed.
fn indexes(obs: &[&Observation]) -> Vec<usize> {
    let mut out = Vec::new();
    for o in obs {
        out.push(o.index);
    }
    out
}

/// A stable sort of observations.
fn sort_obs(obs: &mut Vec<&Observation>, cmp: ObsOrder) {
    let order = sorted_positions(obs.len(), &|a, b| cmp(obs[a], obs[b]));
    *obs = pick(obs, &order);
}

/// Observations grouped by `cmp`, groups in its order, each in the order given.
fn group_obs<'f>(obs: &[&'f Observation], cmp: ObsOrder) -> Vec<Vec<&'f Observation>> {
    let mut groups = Vec::new();
    for run in runs(obs.len(), &|a, b| cmp(obs[a], obs[b])) {
        groups.push(pick(obs, &run));
    }
    groups
}

fn by_period(a: &Observation, b: &Observation) -> Ordering {
    a.period.cmp(&b.period)
}

fn by_value_desc(a: &Observation, b: &Observation) -> Ordering {
    b.value.partial_cmp(&a.value).unwrap_or(Ordering::Equal)
}

/// Figures in groups that may share an axis ([`axis_key`]), latest period first.
fn comparable_groups<'f>(feed: &Feed, obs: &[&'f Observation]) -> Vec<Vec<&'f Observation>> {
    group_obs(obs, &|a, b| axis_key(feed, a).cmp(&axis_key(feed, b)))
}

/// A card for a figure that shares an axis with nothing.
fn card(slug: &str, o: &Observation) -> CardPlan {
    CardPlan {
        id: o
            .id
            .clone()
            .unwrap_or_else(|| format!("{slug}-figure-{}", o.index)),
        observation: o.index,
        earlier: false,
    }
}

fn charts_for(cx: &Ctx, slug: &str, obs: &[&Observation]) -> (Vec<ChartPlan>, Vec<CardPlan>) {
    let mut charts = Vec::new();
    let mut cards = Vec::new();
    let metric = |o: &Observation| cx.feed.metric(&o.metric);
    // The unit's name in the feed ("count", "million-tenge"), which also orders the groups.
    let unit = |o: &Observation| metric(o).map_or("", |m| m.unit.name());
    // 1. Published changes: a chart per comparable group; a change alone is a card.
    let changes = select(obs, &|o| o.measure.is_change() && o.value.is_some());
    for group in comparable_groups(cx.feed, &changes) {
        match group.as_slice() {
            [one] => cards.push(card(slug, one)),
            _ => {
                let id = match charts.len() {
                    0 => format!("{slug}-changes"),
                    n => format!("{slug}-changes-{}", n + 1),
                };
                charts.push(change_chart(cx, id, &group));
            }
        }
    }
    // 2. Series over time: (metric, area) with levels in ≥ 2 periods of one shape.
    let levels = select(obs, &|o| o.measure == Measure::Level && o.value.is_some());
    let by_series = group_obs(
        &select(&levels, &|o| {
            !metric(o).is_some_and(|m| m.chart == ChartHint::Bars)
        }),
        &|a, b| {
            (series_of(cx.feed, &a.metric), &a.area, a.period.months()).cmp(&(
                series_of(cx.feed, &b.metric),
                &b.area,
                b.period.months(),
            ))
        },
    );
    let mut charted = Charted::new(obs);
    // Cluster series by (group, unit, months) so that one axis holds comparable figures.
    let mut series = Vec::new();
    for mut points in by_series {
        if points.len() < 2 {
            continue;
        }
        sort_obs(&mut points, &by_period);
        charted.mark(&points);
        let key = points.first().map(|o| {
            (
                metric(o).map(|m| m.group),
                unit(o),
                o.period.months(),
                cx.feed.agency_of(o, cx.feed.lang),
            )
        });
        series.push((key, points));
    }
    for (n, run) in runs(series.len(), &|a, b| series[a].0.cmp(&series[b].0))
        .iter()
        .enumerate()
    {
        let mut cluster: Vec<&[&Observation]> = Vec::new();
        for &i in run {
            cluster.push(&series[i].1);
        }
        charts.push(trend_chart(cx, format!("{slug}-trend-{}", n + 1), &cluster));
    }
    // 3. One figure for many districts or cities → ranked bars, one chart per metric and period.
    let local = select(&levels, &|o| {
        !charted.has(o)
            && cx
                .feed
                .area(&o.area)
                .is_some_and(|a| matches!(a.kind, AreaKind::District | AreaKind::City))
    });
    let by_place = group_obs(&local, &|a, b| {
        (&a.metric, a.period).cmp(&(&b.metric, b.period))
    });
    let mut districts = 0;
    for mut places in by_place {
        if places.len() < 3 {
            continue;
        }
        sort_obs(&mut places, &by_value_desc);
        charted.mark(&places);
        districts += 1;
        let mut chart = level_chart(cx, format!("{slug}-districts-{districts}"), &places);
        if let (Visual::Bars(bars), Some(first)) = (&mut chart.visual, places.first()) {
            for (bar, o) in bars.iter_mut().zip(&places) {
                bar.label = cx.area(o);
            }
            chart.title = format!(
                "{} — {} · {}",
                cx.label(first),
                i18n::BY_DISTRICT.get(cx.lang),
                period_label(&first.period, cx.lang)
            );
        }
        charts.push(chart);
        charts.push(tile_map(cx, format!("{slug}-map-{districts}"), &places));
    }
    // 4. Everything else: a bar chart per comparable group, largest first; alone, a card.
    // Ids name the period ("crime-2022"), so that an id never passes to other figures when the
    // feed grows ("-figures-1" did: see `ALIASES`).
    for mut group in comparable_groups(cx.feed, &select(&levels, &|o| !charted.has(o))) {
        let Some(first) = group.first() else { continue };
        if group.len() == 1 {
            cards.push(card(slug, first));
            continue;
        }
        // "crime-2022", "fraud-2025-01-2025-09".
        let period = first.period.to_string();
        let parts: Vec<&str> = period.split('.').filter(|p| !p.is_empty()).collect();
        let mut id = format!("{slug}-{}", parts.join("-"));
        let taken = charts
            .iter()
            .filter(|c: &&ChartPlan| c.id.starts_with(&id))
            .count();
        if taken > 0 {
            id = format!("{id}-{}", taken + 1);
        }
        sort_obs(&mut group, &by_value_desc);
        charts.push(level_chart(cx, id, &group));
    }
    // Current first, then earlier years, each in the order built.
    let year = current_year(cx.feed);
    let old = |i: &usize| {
        cx.feed
            .observation_at(*i)
            .is_some_and(|o| o.period.end.0 < year)
    };
    for c in &mut charts {
        c.earlier = c.observations.iter().all(old);
    }
    for c in &mut cards {
        c.earlier = old(&c.observation);
    }
    let (mut now, then): (Vec<ChartPlan>, Vec<ChartPlan>) =
        charts.into_iter().partition(|c| !c.earlier);
    now.extend(then);
    let (mut now_cards, then_cards): (Vec<CardPlan>, Vec<CardPlan>) =
        cards.into_iter().partition(|c| !c.earlier);
    now_cards.extend(then_cards);
    (now, now_cards)
}

/// The published levels a headline card can draw as a sparkline: the same metric (or series)
/// and area, periods of the same length, in order, ending with the headline's own period.
pub fn sparkline(feed: &Feed, o: &Observation) -> Vec<f64> {
    let mut points = Vec::new();
    for x in &feed.observations {
        if x.measure == Measure::Level
            && x.value.is_some()
            && x.area == o.area
            && series_of(feed, &x.metric) == series_of(feed, &o.metric)
            && x.period.months() == o.period.months()
            && x.period <= o.period
        {
            points.push(x);
        }
    }
    sort_obs(&mut points, &by_period);
    let mut values = Vec::new();
    for x in points {
        if let Some(v) = x.value {
            values.push(v);
        }
    }
    if values.len() >= 2 {
        values
    } else {
        Vec::new()
    }
}

/// Drops "District", "район", "ауданы" and the like, so that a name fits a tile.
fn short_name(name: &str) -> String {
    let mut out = name;
    for suffix in [" District", " district", " район", " ауданы", " қаласы"] {
        if let Some(stripped) = out.strip_suffix(suffix) {
            out = stripped;
        }
    }
    // What `trim_start_matches` does, without its substring searcher.
    while let Some(rest) = out.strip_prefix("г. ") {
        out = rest;
    }
    out.to_owned()
}

/// The region's districts and cities as a tile map, coloured by one metric in one period;
/// local areas of the feed without that figure are shown as "no data".
fn tile_map(cx: &Ctx, id: String, places: &[&Observation]) -> ChartPlan {
    let mut tiles = Vec::new();
    let mut tips = Vec::new();
    let mut observations = Vec::new();
    for area in cx
        .feed
        .areas
        .iter()
        .filter(|a| matches!(a.kind, AreaKind::District | AreaKind::City))
    {
        let name = cx.feed.text(&area.name, cx.lang);
        let key = (0, tiles.len());
        let found = places.iter().find(|o| *o.area == *area.id);
        let value_label = match found {
            Some(o) => {
                tips.push(cx.tip(key, o, Vec::new()));
                observations.push(o.index);
                cx.value(o)
            }
            None => {
                let none = i18n::NOT_AVAILABLE.get(cx.lang);
                tips.push(Tip {
                    key,
                    title: name.to_owned(),
                    value: none.to_owned(),
                    details: Vec::new(),
                    observation: None,
                });
                none.to_owned()
            }
        };
        tiles.push(Tile {
            id: area.id.clone(),
            place: area.tile,
            label: short_name(name),
            value: found.and_then(|o| o.value),
            value_label,
        });
    }
    let first = places.first();
    ChartPlan {
        id,
        title: first
            .map(|o| {
                format!(
                    "{} — {} · {}",
                    cx.label(o),
                    i18n::MAP.get(cx.lang),
                    period_label(&o.period, cx.lang)
                )
            })
            .unwrap_or_default(),
        subtitle: cx.subtitle(places),
        takeaway: i18n::MAP_NOTE.get(cx.lang).to_owned(),
        summary: i18n::MAP_NOTE.get(cx.lang).to_owned(),
        earlier: false,
        visual: Visual::Tiles(Tiles { tiles }),
        tips,
        observations,
        computed: Vec::new(),
    }
}

/// Two feeds side by side: for every metric id both publish as a level for the same period,
/// one bar per feed (its own areas, not context ones). Values are per 100 000 people when both
/// areas have a sourced population, so that regions of different size compare fairly.
pub fn compare(a: &Feed, b: &Feed, lang: Lang, nums: &dyn Numbers) -> Vec<ChartPlan> {
    let own = |f: &Feed, o: &Observation| {
        o.measure == Measure::Level
            && o.value.is_some()
            && f.area(&o.area).is_some_and(|x| !x.context)
    };
    let mut charts = Vec::new();
    for oa in &a.observations {
        if !own(a, oa) {
            continue;
        }
        for ob in &b.observations {
            if !own(b, ob) || oa.metric != ob.metric || oa.period != ob.period {
                continue;
            }
            // A comparison draws no trend: no published changes needed.
            let ca = Ctx {
                feed: a,
                lang,
                nums,
                changes: &[],
            };
            let cb = Ctx {
                feed: b,
                lang,
                nums,
                changes: &[],
            };
            let rates = (
                crate::feed::derive::per_100k(a, oa),
                crate::feed::derive::per_100k(b, ob),
            );
            let (va, vb, la, lb, per) = match rates {
                (Some(ra), Some(rb)) => (ra, rb, nums.decimal(ra, 1), nums.decimal(rb, 1), true),
                _ => (
                    oa.value.unwrap_or(0.0),
                    ob.value.unwrap_or(0.0),
                    ca.value(oa),
                    cb.value(ob),
                    false,
                ),
            };
            let name = |f: &Feed, o: &Observation| {
                format!(
                    "{} · {}",
                    f.area(&o.area).map(|x| f.text(&x.name, lang)).unwrap_or(""),
                    f.text(&f.publisher, lang)
                )
            };
            let (na, nb) = (name(a, oa), name(b, ob));
            let (label, period) = (ca.label(oa), period_label(&oa.period, lang));
            let title = if per {
                format!("{label} ({}) · {period}", i18n::PER_100K.get(lang))
            } else {
                format!("{label} · {period}")
            };
            let summary = format!("{na}: {la}. {nb}: {lb}.");
            let bars = vec![
                Bar {
                    label: na,
                    value: va,
                    value_label: la,
                    tone: Tone::Neutral,
                },
                Bar {
                    label: nb,
                    value: vb,
                    value_label: lb,
                    tone: Tone::Neutral,
                },
            ];
            charts.push(ChartPlan {
                id: format!("compare-{}-{}", oa.metric, oa.period).replace("..", "-"),
                title,
                subtitle: period.clone(),
                takeaway: summary.clone(),
                summary,
                earlier: false,
                tips: vec![
                    ca.tip((0, 0), oa, Vec::new()),
                    cb.tip((0, 1), ob, Vec::new()),
                ],
                computed: Vec::new(),
                observations: vec![oa.index],
                visual: Visual::Bars(bars),
            });
        }
    }
    charts
}

fn change_chart(cx: &Ctx, id: String, changes: &[&Observation]) -> ChartPlan {
    let mut summary = String::new();
    // The takeaway: the largest change, in words.
    let (mut takeaway, mut largest) = (String::new(), -1.0);
    for o in changes {
        let Some(sentence) = change_sentence(cx.feed, o, cx.lang, cx.nums) else {
            continue;
        };
        if !summary.is_empty() {
            summary.push(' ');
        }
        summary.push_str(&sentence);
        if o.value.is_some_and(|v| v.abs() > largest) {
            largest = o.value.map_or(0.0, f64::abs);
            takeaway = sentence;
        }
    }
    // "к прошлому году" says years; quarters and months are "к аналогичному периоду".
    let title = match changes.iter().all(|o| o.period.kind == PeriodKind::Year) {
        true => i18n::CHANGES_TITLE,
        false => i18n::CHANGES_TITLE_PERIOD,
    };
    let mut chart = bar_chart(
        cx,
        id,
        title.get(cx.lang).to_owned(),
        summary,
        changes,
        true,
    );
    chart.takeaway = takeaway;
    chart
}

/// One bar per observation, labelled "metric · area · period", with its tip. A change's bar
/// has an arrow and the tone of its direction. (Shared by changes and levels: one copy of this
/// code in the page's wasm.)
fn bar_chart(
    cx: &Ctx,
    id: String,
    title: String,
    summary: String,
    obs: &[&Observation],
    changes: bool,
) -> ChartPlan {
    let mut bars = Vec::new();
    let mut tips = Vec::new();
    let first = obs.first();
    let same_area = obs.iter().all(|o| first.is_some_and(|f| f.area == o.area));
    let same_metric = obs
        .iter()
        .all(|o| first.is_some_and(|f| f.metric == o.metric));
    for (i, o) in obs.iter().enumerate() {
        let v = o.value.unwrap_or(0.0);
        let (value_label, tone) = if changes {
            let direction = cx.feed.metric(&o.metric).map(|m| m.direction);
            (
                change_label(cx.feed, o, cx.lang, cx.nums),
                direction.map(|d| tone(d, v)).unwrap_or(Tone::Neutral),
            )
        } else {
            (cx.value(o), Tone::Neutral)
        };
        // What differs between the bars: the area, the metric, or both; where and when else
        // are in the subtitle.
        let label = match (same_area, same_metric) {
            (true, _) => cx.label(o),
            (false, true) => cx.area(o),
            (false, false) => format!("{} · {}", cx.label(o), cx.area(o)),
        };
        bars.push(Bar {
            label,
            value: v,
            value_label,
            tone,
        });
        tips.push(cx.tip((0, i), o, Vec::new()));
    }
    ChartPlan {
        id,
        title,
        subtitle: cx.subtitle(obs),
        takeaway: String::new(),
        summary,
        earlier: false,
        tips,
        observations: indexes(obs),
        computed: Vec::new(),
        visual: Visual::Bars(bars),
    }
}

fn trend_chart(cx: &Ctx, id: String, series: &[&[&Observation]]) -> ChartPlan {
    let mut all: Vec<&Observation> = Vec::new();
    for points in series {
        all.extend_from_slice(points);
    }
    // In time order, through the one sort (periods that compare equal are equal).
    let mut periods: Vec<Period> = Vec::new();
    let mut categories = Vec::new();
    for i in sorted_positions(all.len(), &|a, b| by_period(all[a], all[b])) {
        let o = all[i];
        if periods.last() != Some(&o.period) {
            periods.push(o.period);
            categories.push(period_label(&o.period, cx.lang));
        }
    }
    let mut tips = Vec::new();
    let mut computed = Vec::new();
    let mut out_series = Vec::new();
    let mut sentences = Vec::new();
    for (si, &points) in series.iter().enumerate() {
        // Pushed rather than `vec![x; n]`: that costs a cloning loop per element type.
        let mut values = Vec::new();
        let mut labels = Vec::new();
        for _ in &periods {
            values.push(None);
            labels.push(String::new());
        }
        let mut previous: Option<&Observation> = None;
        for o in points {
            let Some(ci) = periods.iter().position(|p| *p == o.period) else {
                continue;
            };
            values[ci] = o.value;
            labels[ci] = cx.value(o);
            let mut lines = Vec::new();
            if let Some(c) = previous.and_then(|p| computed_change(cx.feed, cx.changes, p, o)) {
                lines = computed_lines(cx.feed, &c, cx.lang, cx.nums);
                computed.push(c);
            }
            tips.push(cx.tip((si, ci), o, lines));
            previous = Some(o);
        }
        let (Some(first), Some(last)) = (points.first(), points.last()) else {
            continue;
        };
        sentences.push(trend_sentence(cx, first, last));
        let mut label = cx.label(first);
        if series
            .iter()
            .any(|s| s.first().map(|o| &o.area) != Some(&first.area))
        {
            label.push_str(" · ");
            label.push_str(&cx.area(first));
        }
        out_series.push(Series {
            label,
            values,
            value_labels: labels,
            visible: true,
        });
    }
    let mut annotations = Vec::new();
    for a in &cx.feed.annotations {
        // The chart's own when one of its points has the annotation's metric (a renamed
        // indicator continues a series under another metric id) and area, where it names them.
        let ours = all.iter().any(|o| {
            a.metric.as_deref().is_none_or(|m| *o.metric == *m)
                && a.area.as_deref().is_none_or(|ar| *o.area == *ar)
        });
        let at = periods.iter().position(|p| p.same_span(&a.period));
        if let (true, Some(ci)) = (ours, at) {
            // On the chart, the note's first words; in the summary under the title, all of it.
            let text = cx.feed.text(&a.text, cx.lang);
            annotations.push((ci, short_note(text)));
            sentences.push(text.to_owned());
        }
    }
    // The area is in the subtitle.
    let title = match series {
        [one] => one.first().map(|o| cx.label(o)).unwrap_or_default(),
        _ => all
            .first()
            .and_then(|o| cx.feed.metric(&o.metric))
            .map(|m| i18n::group_title(m.group, cx.lang).to_owned())
            .unwrap_or_default(),
    };
    ChartPlan {
        id,
        title,
        subtitle: cx.subtitle(&all),
        takeaway: sentences.first().cloned().unwrap_or_default(),
        summary: sentences.join(" "),
        earlier: false,
        visual: Visual::Trend(Trend {
            categories,
            series: out_series,
            annotations,
            lines: all.iter().any(|o| {
                cx.feed
                    .metric(&o.metric)
                    .is_some_and(|m| m.chart == ChartHint::Lines)
            }),
        }),
        tips,
        observations: indexes(&all),
        computed,
    }
}

/// An annotation's text as the chart labels it: whole when short, else cut after a word, with "…".
fn short_note(text: &str) -> String {
    const MAX: usize = 40;
    let head = first_chars(text, MAX + 1);
    if head.len() == text.len() {
        return text.to_owned();
    }
    // A byte search: ' ' is ASCII, so any position it finds is a char boundary.
    let cut = head.bytes().rposition(|b| b == b' ').unwrap_or(head.len());
    let mut note = head[..cut]
        .trim_end_matches([' ', ',', ';', ':', '—', '-'])
        .to_owned();
    note.push('…');
    note
}

fn trend_sentence(cx: &Ctx, first: &Observation, last: &Observation) -> String {
    let (label, place) = (cx.label(first), cx.area(first));
    let (a, b) = (cx.value(first), cx.value(last));
    let (p, q) = (
        period_label(&first.period, cx.lang),
        period_label(&last.period, cx.lang),
    );
    match cx.lang {
        Lang::En => format!("{label}, {place}: {a} in {p}, {b} in {q}."),
        Lang::Ru => format!(
            "{label}, {place}: {a} за {}, {b} за {}.",
            i18n::during(&first.period, cx.lang),
            i18n::during(&last.period, cx.lang)
        ),
        // "2019 жылдың I тоқсанында — 3 180": the period as the time of the figure.
        Lang::Kk => format!(
            "{label}, {place}: {} — {a}, {} — {b}.",
            i18n::during(&first.period, cx.lang),
            i18n::during(&last.period, cx.lang)
        ),
    }
}

fn level_chart(cx: &Ctx, id: String, group: &[&Observation]) -> ChartPlan {
    let say = |o: &Observation| {
        let place = format!("{}, {}", cx.area(o), cx.period(o));
        format!("{}: {}", with_place(&cx.label(o), &place), cx.value(o))
    };
    // Every figure for the screen reader; the largest as the takeaway.
    let mut summary = String::new();
    for o in group {
        if !summary.is_empty() {
            summary.push(' ');
        }
        summary.push_str(&say(o));
        summary.push('.');
    }
    let takeaway = group
        .first()
        .map(|o| format!("{}: {}.", i18n::HIGHEST.get(cx.lang), say(o)))
        .unwrap_or_default();
    // One metric: its name. Categories of one breakdown: the theme's ("Crime by type"), never
    // a list of names.
    let first = group.first();
    let title = match group
        .iter()
        .all(|o| first.is_some_and(|f| f.metric == o.metric))
    {
        true => first.map(|o| cx.label(o)),
        false => first
            .and_then(|o| cx.feed.metric(&o.metric))
            .map(|m| i18n::group_title(m.group, cx.lang).to_owned()),
    };
    let mut chart = bar_chart(cx, id, title.unwrap_or_default(), summary, group, false);
    chart.takeaway = takeaway;
    chart
}

/// A label with its place and period in parentheses: "Fraud (Aktobe Region, 2023)". A label
/// that ends in parentheses of its own takes them there, after a semicolon, rather than a
/// second pair straight after the first: "Projects (with the akimat; Aktobe Region, 2025)".
fn with_place(label: &str, place: &str) -> String {
    match label.strip_suffix(')') {
        Some(open) => format!("{open}; {place})"),
        None => format!("{label} ({place})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::PlainNumbers;

    fn aktobe() -> Feed {
        crate::feed::check(include_str!("../public/feeds/aktobe-2025.json"))
            .unwrap()
            .feed
    }

    #[test]
    fn sorted_positions_are_stable_and_agree_with_the_standard_sort() {
        // Pairs (key, position): a pseudo-random sequence with many equal keys.
        for n in [0usize, 1, 2, 3, 7, 64, 1000] {
            let v: Vec<(u32, usize)> = (0..n).map(|i| ((i as u32 * 7919) % 13, i)).collect();
            let mut expected = v.clone();
            expected.sort_by_key(|x| x.0);
            let sorted: Vec<(u32, usize)> = sorted_positions(n, &|a, b| v[a].0.cmp(&v[b].0))
                .into_iter()
                .map(|i| v[i])
                .collect();
            assert_eq!(sorted, expected, "n = {n}");
        }
        let down = [5, 4, 3, 2, 1];
        assert_eq!(
            sorted_positions(5, &|a, b| down[a].cmp(&down[b])),
            [4, 3, 2, 1, 0]
        );
    }

    #[test]
    fn runs_group_equal_keys_in_key_order() {
        let keys = [2, 1, 2, 3, 1];
        assert_eq!(
            runs(keys.len(), &|a, b| keys[a].cmp(&keys[b])),
            [vec![1, 4], vec![0, 2], vec![3]]
        );
    }

    #[test]
    fn every_observation_of_the_real_feed_appears_in_exactly_one_chart_or_card() {
        let feed = aktobe();
        let sections = plan(&feed, Lang::En, &PlainNumbers);
        let mut shown: Vec<usize> = sections
            .iter()
            .flat_map(|s| s.charts.iter().filter(|c| !c.id.ends_with("per-100k")))
            .flat_map(|c| c.observations.clone())
            .chain(
                sections
                    .iter()
                    .flat_map(|s| s.cards.iter().map(|c| c.observation)),
            )
            .collect();
        shown.sort_unstable();
        let all: Vec<usize> = feed
            .observations
            .iter()
            .filter(|o| o.value.is_some())
            .map(|o| o.index)
            .collect();
        assert_eq!(shown, all);
    }

    #[test]
    fn the_crime_section_leads_with_this_years_figures_and_kazakhstan_comes_last_as_context() {
        let feed = aktobe();
        let sections = plan(&feed, Lang::En, &PlainNumbers);
        let crime = &sections[0];
        assert_eq!(crime.id, "crime");
        // The 2025 change is comparable with no other change (other periods, agencies): a card,
        // the first of the section's, before the Q1 2020 change under "earlier years".
        let first = feed.observation_at(crime.cards[0].observation).unwrap();
        assert_eq!(first.id.as_deref(), Some("registered-crimes-2025"));
        assert!(!crime.cards[0].earlier);
        let q1 = crime
            .cards
            .iter()
            .find(|c| c.id == "registered-crimes-q1-2020-change")
            .unwrap();
        assert!(q1.earlier);
        // Current charts before earlier ones.
        let earlier: Vec<bool> = crime.charts.iter().map(|c| c.earlier).collect();
        assert!(earlier.windows(2).all(|w| w[0] <= w[1]), "{earlier:?}");
        let last = sections.last().unwrap();
        assert!(last.context);
        assert!(last.title.starts_with("Kazakhstan"));
    }

    #[test]
    fn no_chart_has_one_bar_or_a_list_for_a_title_and_every_chart_is_comparable() {
        let feed = aktobe();
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            for s in plan(&feed, lang, &PlainNumbers) {
                for c in &s.charts {
                    if let Visual::Bars(bars) = &c.visual {
                        assert!(bars.len() >= 2, "{}: one bar", c.id);
                    }
                    // Never "A, B": two metrics' names joined.
                    let names: Vec<&str> = feed
                        .metrics
                        .iter()
                        .map(|m| feed.text(&m.label, lang))
                        .collect();
                    for a in &names {
                        for b in names.iter().filter(|b| b != &a) {
                            let list = format!("{a}, {b}");
                            assert!(
                                !c.title.contains(&list),
                                "{}: a list title: {}",
                                c.id,
                                c.title
                            );
                        }
                    }
                    assert!(!c.subtitle.is_empty() && !c.takeaway.is_empty(), "{}", c.id);
                    let obs: Vec<&Observation> = c
                        .observations
                        .iter()
                        .filter_map(|i| feed.observation_at(*i))
                        .collect();
                    // Bars: one comparable group. Trends: one agency, unit and period shape.
                    if let (Visual::Bars(_), Some(first)) = (&c.visual, obs.first()) {
                        if !c.id.contains("districts") {
                            assert!(obs.iter().all(|o| comparable(&feed, first, o)), "{}", c.id);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_comparison_section_names_its_area_and_the_feeds_own_from_the_feed() {
        let feed = aktobe();
        let note = |lang| {
            plan(&feed, lang, &PlainNumbers)
                .into_iter()
                .find(|s| s.context)
                .and_then(|s| s.note)
                .unwrap()
        };
        assert_eq!(
            note(Lang::En),
            "For comparison: Kazakhstan, not Aktobe Region."
        );
        assert_eq!(
            note(Lang::Ru),
            "Для сравнения: Казахстан, а не Актюбинская область."
        );
        assert_eq!(
            note(Lang::Kk),
            "Салыстыру үшін: Қазақстан, Ақтөбе облысы емес."
        );
        // Own sections carry no such note.
        let sections = plan(&feed, Lang::En, &PlainNumbers);
        assert!(sections
            .iter()
            .filter(|s| !s.context)
            .all(|s| s.note.is_none()));
    }

    #[test]
    fn national_registered_offences_form_one_trend_2022_to_2025_and_jan_oct_stands_apart() {
        let feed = aktobe();
        let sections = plan(&feed, Lang::En, &PlainNumbers);
        let kz = sections.iter().find(|s| s.context).unwrap();
        let trend_of = |label: &str| {
            kz.charts
                .iter()
                .find_map(|c| match &c.visual {
                    Visual::Trend(t) if t.series.iter().any(|s| s.label == label) => Some((c, t)),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("a national trend of {label}"))
        };
        // One series, one metric, 2022–2025, with no break note: the sources give one measure.
        let (chart, yearly) = trend_of("Registered criminal offences");
        assert_eq!(yearly.categories, ["2022", "2023", "2024", "2025"]);
        assert_eq!(yearly.series.len(), 1);
        assert_eq!(yearly.series[0].values.iter().flatten().count(), 4);
        assert!(yearly.annotations.is_empty(), "{:?}", yearly.annotations);
        assert_eq!(
            chart.summary,
            "Registered criminal offences, Kazakhstan: 157473 in 2022, ≈ 123900 in 2025."
        );
        // January–October is another measure: a chart of its own, never on the yearly axis.
        let (_, jan_oct) = trend_of("Registered crimes, January–October");
        assert_eq!(jan_oct.categories, ["Jan–Oct 2024", "Jan–Oct 2025"]);
        assert_eq!(jan_oct.series.len(), 1);
        assert!(!std::ptr::eq(yearly, jan_oct));
        assert!(yearly.categories.iter().all(|c| !c.contains("Oct")));
    }

    /// The details of the tip on `period` in the trend whose series is labelled `label`.
    fn trend_tip(sections: &[SectionPlan], label: &str, period: &str) -> Vec<String> {
        let (chart, t) = sections
            .iter()
            .flat_map(|s| &s.charts)
            .find_map(|c| match &c.visual {
                Visual::Trend(t) if t.series.iter().any(|s| s.label == label) => Some((c, t)),
                _ => None,
            })
            .unwrap_or_else(|| panic!("a trend of {label}"));
        let at = t.categories.iter().position(|c| c == period).unwrap();
        chart
            .tips
            .iter()
            .find(|t| t.key == (0, at))
            .unwrap()
            .details
            .clone()
    }

    #[test]
    fn a_change_the_page_computed_says_so_and_a_published_one_takes_its_place() {
        let feed = aktobe();
        let en = plan(&feed, Lang::En, &PlainNumbers);
        // No published change for the pair: the computed one, labelled as computed.
        assert_eq!(
            trend_tip(&en, "Internet fraud", "Jan–Sep 2025")[1],
            "+37.3 % vs Jan–Sep 2024, computed from the published figures"
        );
        assert_eq!(
            trend_tip(&en, "Registered criminal offences", "2023")[1],
            "−10.9 % vs 2022, computed from the published figures"
        );
        // The police published −30.2 % for 3180 → 2012: that one leads, the computed −36.7 %
        // is a noted difference.
        let q1 = trend_tip(&en, "Registered crimes", "Q1 2020");
        assert_eq!(q1[1], "−30.2 % vs Q1 2019, as published by the source");
        assert_eq!(q1[2], "−36.7 %, computed from the published figures");
        assert!(q1[3].starts_with("Source: "), "{q1:?}");
        // 2025 is rounded to hundreds: the computed change is approximate.
        let kz = trend_tip(&en, "Registered criminal offences", "2025");
        assert_eq!(kz[1], "−6.6 % vs 2024, as published by the source");
        assert_eq!(kz[2], "≈ −6.7 %, computed from the published figures");
        // The first point has nothing to compare with.
        assert_eq!(trend_tip(&en, "Internet fraud", "Jan–Sep 2024").len(), 2);
        // In Russian and Kazakh too.
        let ru = plan(&feed, Lang::Ru, &PlainNumbers);
        let q1 = trend_tip(&ru, "Зарегистрированные преступления", "I кв. 2020");
        assert_eq!(q1[1], "−30.2 % к I кв. 2019, как опубликовано в источнике");
        assert_eq!(q1[2], "−36.7 %, рассчитано по опубликованным данным");
        let kk = plan(&feed, Lang::Kk, &PlainNumbers);
        let tip = trend_tip(&kk, "Интернет-алаяқтық", "2025 ж. қаң.–қыр.");
        assert!(
            tip[1].ends_with("), жарияланған деректер бойынша есептелген"),
            "{tip:?}"
        );
    }

    #[test]
    fn a_trend_lists_the_changes_it_computed_for_its_csv() {
        let feed = aktobe();
        let sections = plan(&feed, Lang::En, &PlainNumbers);
        let mut computed: Vec<&Computed> = Vec::new();
        for c in sections.iter().flat_map(|s| &s.charts) {
            if !matches!(c.visual, Visual::Trend(_)) {
                assert!(c.computed.is_empty(), "{}", c.id);
            }
            computed.extend(&c.computed);
        }
        // Q1 2019→2020, internet fraud, Jan–Oct, 3 yearly national steps, 4 gravity categories.
        assert_eq!(computed.len(), 10);
        let q1 = computed
            .iter()
            .find(|c| {
                feed.observation_at(c.now).unwrap().id.as_deref()
                    == Some("registered-crimes-q1-2020")
            })
            .unwrap();
        assert_eq!(
            q1.published
                .and_then(|i| feed.observation_at(i))
                .unwrap()
                .value,
            Some(-30.2)
        );
        assert!(!q1.approximate);
    }

    #[test]
    fn a_label_with_parentheses_of_its_own_takes_its_place_inside_them() {
        assert_eq!(
            with_place("Fraud", "Aktobe Region, 2023"),
            "Fraud (Aktobe Region, 2023)"
        );
        assert_eq!(
            with_place("Жобалар (әкімдікпен бірлесіп)", "Ақтөбе облысы, 2025"),
            "Жобалар (әкімдікпен бірлесіп; Ақтөбе облысы, 2025)"
        );
    }

    #[test]
    fn a_long_annotation_is_cut_after_a_word_on_the_chart() {
        assert_eq!(short_note("New method"), "New method");
        assert_eq!(
            short_note("С 2025 года общенациональный показатель учитывает правонарушения"),
            "С 2025 года общенациональный показатель…"
        );
        assert_eq!(short_note(&"x".repeat(60)), format!("{}…", "x".repeat(41)));
    }

    #[test]
    fn district_figures_become_one_ranked_chart_labelled_by_district() {
        let feed = crate::feed::check(include_str!(
            "../tests/feeds/good/illustrative-districts.json"
        ))
        .unwrap()
        .feed;
        assert!(feed.illustrative);
        let sections = plan(&feed, Lang::Ru, &PlainNumbers);
        let chart = sections[0]
            .charts
            .iter()
            .find(|c| c.id == "crime-districts-1")
            .unwrap();
        assert!(chart.title.contains("по районам"), "{}", chart.title);
        let Visual::Bars(bars) = &chart.visual else {
            panic!("bars expected")
        };
        assert_eq!(bars.len(), 12, "Yrgyz has no figure");
        assert_eq!(bars[0].label, "г. Актобе");
        assert!(
            bars.windows(2).all(|w| w[0].value >= w[1].value),
            "largest first"
        );
    }

    #[test]
    fn district_figures_also_get_a_tile_map_with_every_local_area() {
        let feed = crate::feed::check(include_str!(
            "../tests/feeds/good/illustrative-districts.json"
        ))
        .unwrap()
        .feed;
        let sections = plan(&feed, Lang::Kk, &PlainNumbers);
        let map = sections[0]
            .charts
            .iter()
            .find(|c| c.id == "crime-map-1")
            .unwrap();
        let Visual::Tiles(t) = &map.visual else {
            panic!("tiles expected")
        };
        assert_eq!(t.tiles.len(), 13);
        assert!(t.tiles.iter().any(|x| x.label == "Ақтөбе"));
        assert_eq!(map.tips.len(), 13);
        let yrgyz = t.tiles.iter().find(|x| x.id == "irgiz").unwrap();
        assert_eq!(
            (yrgyz.value, yrgyz.value_label.as_str()),
            (None, "деректер жоқ")
        );
        // The real feed has no district figures: no map.
        let real = plan(&aktobe(), Lang::En, &PlainNumbers);
        assert!(real
            .iter()
            .flat_map(|s| &s.charts)
            .all(|c| !matches!(c.visual, Visual::Tiles(_))));
    }

    #[test]
    fn a_headline_with_earlier_levels_gets_a_sparkline_and_one_without_does_not() {
        let feed = crate::feed::check(include_str!(
            "../tests/feeds/good/illustrative-districts.json"
        ))
        .unwrap()
        .feed;
        let head = feed.observation("region-crimes-2025").unwrap();
        assert_eq!(sparkline(&feed, head), vec![3900.0, 3700.0, 3600.0, 3350.0]);
        let real = aktobe();
        assert!(sparkline(&real, real.observation("registered-crimes-2025").unwrap()).is_empty());
    }

    #[test]
    fn the_feed_can_ask_for_bars_instead_of_a_trend() {
        let mut feed = aktobe();
        let trends = |f: &Feed| {
            plan(f, Lang::En, &PlainNumbers)
                .iter()
                .flat_map(|s| s.charts.iter())
                .filter(|c| matches!(c.visual, Visual::Trend(_)))
                .count()
        };
        let before = trends(&feed);
        assert!(before > 0);
        for m in &mut feed.metrics {
            m.chart = ChartHint::Bars;
        }
        assert_eq!(trends(&feed), 0);
    }

    #[test]
    fn two_feeds_compare_where_metric_and_period_match_per_100k_when_populations_exist() {
        let a = crate::feed::check(include_str!("../tests/feeds/good/illustrative-rates.json"))
            .unwrap()
            .feed;
        let mut b = a.clone();
        b.id = "other".into();
        if let Some(p) = b.areas[0].population.as_mut() {
            p.value = 450_000.0;
        }
        let charts = compare(&a, &b, Lang::En, &PlainNumbers);
        // crimes and solved-share are levels in both; the share is a percentage: no rate.
        assert_eq!(charts.len(), 2);
        let crimes = charts.iter().find(|c| c.id.contains("crimes")).unwrap();
        assert!(crimes.title.contains("per 100,000"));
        let Visual::Bars(bars) = &crimes.visual else {
            panic!()
        };
        assert!(
            (bars[1].value - 2.0 * bars[0].value).abs() < 1e-6,
            "half the people, twice the rate"
        );
        let share = charts.iter().find(|c| c.id.contains("solved")).unwrap();
        assert!(!share.title.contains("per 100,000"));
        // Nothing in common: no chart.
        assert!(compare(&a, &aktobe(), Lang::En, &PlainNumbers).is_empty());
    }

    /// Every chart id of the bundled feed before charts became cards (newsrooms' links).
    const OLD_IDS: [&str; 20] = [
        "crime-changes",
        "crime-trend-1",
        "crime-figures-1",
        "crime-by-gravity-changes",
        "crime-by-type-changes",
        "crime-by-type-figures-1",
        "drugs-figures-1",
        "drugs-figures-2",
        "fraud-trend-1",
        "fraud-figures-1",
        "fraud-figures-2",
        "courts-figures-1",
        "children-figures-1",
        "budget-figures-1",
        "kazakhstan-changes",
        "kazakhstan-trend-1",
        "kazakhstan-trend-2",
        "kazakhstan-trend-3",
        "kazakhstan-figures-1",
        "kazakhstan-figures-2",
    ];

    #[test]
    fn every_old_chart_id_leads_to_a_chart_or_card_of_today() {
        let feed = aktobe();
        let sections = plan(&feed, Lang::En, &PlainNumbers);
        let ids: Vec<&str> = sections
            .iter()
            .flat_map(|s| s.charts.iter().map(|c| c.id.as_str()))
            .chain(
                sections
                    .iter()
                    .flat_map(|s| s.cards.iter().map(|c| c.id.as_str())),
            )
            .collect();
        for old in OLD_IDS {
            let new = successor(&feed, old);
            assert!(ids.contains(&new), "{old} → {new}: not in {ids:?}");
        }
        // Ids are unique, and a renamed id is not reused for other figures.
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len());
        for (_, old, _) in ALIASES {
            assert!(!ids.contains(old), "{old} is reused");
        }
        // Another feed's ids are left alone.
        let mut other = aktobe();
        other.id = "other".into();
        assert_eq!(successor(&other, "crime-changes"), "crime-changes");
    }

    #[test]
    fn what_changed_says_each_headline_and_links_where_it_is_shown() {
        let feed = aktobe();
        let sections = plan(&feed, Lang::En, &PlainNumbers);
        let said = what_changed(&feed, &sections, Lang::En, &PlainNumbers);
        assert_eq!(said.len(), 3);
        assert_eq!(
            said[0],
            (
                "Registered crimes, Aktobe Region: fell by 7 % in 2025 compared with 2024."
                    .to_owned(),
                "registered-crimes-2025".to_owned()
            )
        );
        assert!(said[1].0.contains("76 kg in 2025"), "{}", said[1].0);
        assert!(said.iter().all(|(_, id)| !id.is_empty()));
    }

    #[test]
    fn aktobe_and_kazakhstan_per_100k_residents_on_the_comparison_page() {
        assert!(
            !has_rates(&aktobe(), "kazakhstan"),
            "no population in the 2025 feed"
        );
        let feed = crate::feed::check(include_str!("../public/feeds/aktobe-2022.json"))
            .unwrap()
            .feed;
        assert!(has_rates(&feed, "kazakhstan"));
        let report = plan(&feed, Lang::En, &PlainNumbers);
        assert!(report
            .iter()
            .all(|s| s.charts.iter().all(|c| !c.id.ends_with("per-100k"))));
        let page = plan_with_rates(&feed, Lang::En, &PlainNumbers);
        let kz = page.iter().find(|s| s.id == "kazakhstan").unwrap();
        let rates = kz
            .charts
            .iter()
            .find(|c| c.id == "kazakhstan-per-100k")
            .unwrap();
        let Visual::Bars(bars) = &rates.visual else {
            panic!("bars expected")
        };
        // 6 824 offences among 916 750 residents; the country 157 473 among 19 503 159.
        assert_eq!(
            bars[0].label,
            "Registered criminal offences · Aktobe Region"
        );
        assert_eq!(
            (bars[0].value_label.as_str(), bars[1].value_label.as_str()),
            ("744.4", "807.4")
        );
        assert_eq!(
            bars.len(),
            10,
            "the total and the four gravity categories, in both areas"
        );
        assert!(
            rates.subtitle.ends_with("population: 2022"),
            "{}",
            rates.subtitle
        );
        // 2022 is this feed's own year.
        assert!(!rates.earlier);
    }

    #[test]
    #[ignore]
    fn print_the_plan() {
        let feed = aktobe();
        for s in plan(&feed, Lang::En, &PlainNumbers) {
            println!("== {} {}", s.id, s.title);
            for c in &s.charts {
                println!(
                    "  chart {} earlier={} | {} | {}\n     takeaway: {}",
                    c.id, c.earlier, c.title, c.subtitle, c.takeaway
                );
                if let Visual::Bars(b) = &c.visual {
                    for b in b {
                        println!("     bar {} = {}", b.label, b.value_label);
                    }
                }
            }
            for c in &s.cards {
                println!("  card {} earlier={}", c.id, c.earlier);
            }
        }
    }

    #[test]
    fn tips_name_the_period_the_value_and_the_source() {
        let feed = aktobe();
        let sections = plan(&feed, Lang::En, &PlainNumbers);
        let gravity = sections
            .iter()
            .find(|s| s.id == "crime-by-gravity")
            .unwrap();
        let tip = &gravity.charts[0].tips[0];
        assert_eq!(tip.value, "−61 %");
        assert!(tip
            .details
            .iter()
            .any(|d| d.contains("Jan–Sep 2025 vs Jan–Sep 2024")));
        // The agency the figure comes from, then the site that published it.
        assert!(tip.details.iter().any(
            |d| d.starts_with("Source: Prosecutor's Office of Aktobe Region (enbekshiqazaq.kz")
        ));
    }
}

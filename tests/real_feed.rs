//! The real Aktobe 2025 feed: the seed release's headline figures are there, as published,
//! with their sources; derived figures come out right.

use esep::feed::{self, derive, Measure, Period, Qualifier};

const AKTOBE: &str = include_str!("../public/feeds/aktobe-2025.json");

fn feed() -> feed::Feed {
    feed::check(AKTOBE).expect("the real feed parses").feed
}

#[test]
fn registered_crimes_fell_seven_percent_in_2025_per_the_board_release() {
    let f = feed();
    let o = f
        .observation("registered-crimes-2025")
        .expect("headline present");
    assert_eq!(o.value, Some(-7.0));
    assert_eq!(
        o.measure,
        Measure::ChangePct {
            vs: Period::parse("2024").unwrap()
        }
    );
    let src = f.source(&o.source).unwrap();
    assert!(src.url.contains("prokuratura-aktobe"));
    assert_eq!(src.date.to_string(), "2025-12-27");
}

#[test]
fn seventy_six_kg_of_synthetic_drugs_and_qualifiers_are_kept() {
    let f = feed();
    assert_eq!(
        f.observation("synthetic-drugs-seized-2025").unwrap().value,
        Some(76.0)
    );
    let funds = f.observation("funds-recovered-2025").unwrap();
    assert_eq!(funds.qualifier, Some(Qualifier::MoreThan));
    assert_eq!(funds.value, Some(1000.0));
}

#[test]
fn every_observation_has_a_source_and_every_label_all_three_languages() {
    let f = feed();
    for o in &f.observations {
        assert!(f.source(&o.source).is_some(), "{:?}", o.id);
    }
    for m in &f.metrics {
        assert!(
            m.label.kk.is_some() && m.label.ru.is_some() && m.label.en.is_some(),
            "{}",
            m.id
        );
    }
    assert_eq!(f.headlines.len(), 5);
}

#[test]
fn the_police_q1_2020_change_is_derived_from_levels_and_disagrees_with_the_published_one() {
    let f = feed();
    let d = derive::derived_changes(&f);
    let q1 = d
        .iter()
        .find(|c| c.period == Period::parse("2020-Q1").unwrap() && &*c.area == "aktobe-region")
        .expect("3180 → 2012 gives a derived change");
    assert!((q1.pct - (-36.73)).abs() < 0.01, "{}", q1.pct);
    let checked = feed::check(AKTOBE).unwrap();
    assert!(checked
        .warnings()
        .any(|w| w.message.contains("-30.2 %") && w.message.contains("3180 → 2012")));
}

#[test]
fn internet_fraud_rose_by_about_37_percent_from_published_levels() {
    let f = feed();
    let d = derive::derived_changes(&f);
    let c = d
        .iter()
        .find(|c| c.before == 616.0 && c.now == 846.0)
        .unwrap();
    assert!((c.pct - 37.34).abs() < 0.01);
}

#[test]
fn rates_per_100k_only_for_counts_in_the_year_of_a_sourced_population() {
    // The 2022 feed (form 1-М) has the populations of 1 January 2022.
    let f = feed::check(include_str!("../public/feeds/aktobe-2022.json"))
        .expect("the 2022 feed parses")
        .feed;
    let rate = |id: &str| derive::per_100k(&f, f.observation(id).unwrap());
    // 6 824 offences among 916 750 residents; the country 157 473 among 19 503 159.
    assert!((rate("registered-offences-2022").unwrap() - 744.37).abs() < 0.01);
    assert!((rate("kz-registered-crimes-2022").unwrap() - 807.42).abs() < 0.01);
    // The 2025 feed has no population: no rate at all.
    let f = feed();
    assert!(f
        .observations
        .iter()
        .all(|o| derive::per_100k(&f, o).is_none()));
}

#[test]
fn rates_per_100k_use_the_sourced_population_of_an_illustrative_feed() {
    let text = include_str!("feeds/good/illustrative-rates.json");
    let checked = feed::check(text).unwrap();
    let f = &checked.feed;
    assert!(f.illustrative);
    let crimes = f.observation("crimes-9m-2025").unwrap();
    // 2012 crimes among 900 000 people.
    let rate = derive::per_100k(f, crimes).unwrap();
    assert!((rate - 223.56).abs() < 0.01, "{rate}");
    // No rate of a percentage or of a change.
    assert!(derive::per_100k(f, f.observation("solved-9m-2025").unwrap()).is_none());
    assert!(derive::per_100k(f, f.observation("crimes-9m-2025-change").unwrap()).is_none());
}

#[test]
fn the_national_yearly_series_2022_to_2025_is_one_metric_without_a_break() {
    let f = feed();
    let yearly: Vec<_> = ["2022", "2023", "2024"]
        .iter()
        .map(|y| format!("kz-registered-crimes-{y}"))
        .chain(["kz-registered-offences-2025".to_owned()])
        .map(|id| f.observation(&id).unwrap_or_else(|| panic!("{id}")))
        .collect();
    let values: Vec<_> = yearly.iter().map(|o| o.value.unwrap()).collect();
    assert_eq!(values, [157473.0, 140272.0, 132778.0, 123900.0]);
    assert!(yearly
        .iter()
        .all(|o| &*o.metric == "registered-criminal-offences" && &*o.area == "kazakhstan"));
    // No methodology break is annotated: the sources give one measure.
    assert!(f
        .annotations
        .iter()
        .all(|a| a.kind != feed::AnnotationKind::MethodologyBreak));
    // The published 2024 → 2025 change sits in the same metric as the levels it compares,
    // and agrees with them (132 778 → ≈ 123 900 is −6.7 %; −6.6 % as published).
    let change = f.observation("kz-registered-offences-2025-change").unwrap();
    assert_eq!(&*change.metric, "registered-criminal-offences");
    let checked = feed::check(AKTOBE).unwrap();
    assert!(!checked.warnings().any(|w| w.message.contains("-6.6 %")));
    // No definition claims "crimes only" for a series whose sources do not say so.
    let crimes = f.metric("registered-crimes").unwrap();
    assert!(!crimes
        .definition
        .en
        .as_deref()
        .unwrap()
        .contains("Crimes only"));
}

#[test]
fn the_january_october_figures_are_a_measure_of_their_own() {
    let f = feed();
    for id in ["kz-registered-10m2024", "kz-registered-10m2025"] {
        let o = f.observation(id).unwrap();
        assert_eq!(&*o.metric, "registered-crimes-jan-oct", "{id}");
    }
    assert_eq!(
        f.observation("kz-registered-10m2025").unwrap().value,
        Some(90884.0)
    );
    let m = f.metric("registered-crimes-jan-oct").unwrap();
    assert!(m.series.is_none());
    assert!(f
        .metric("registered-criminal-offences")
        .unwrap()
        .series
        .is_none());
    // No other metric's levels are January–October counts for the country.
    assert!(f
        .observations
        .iter()
        .filter(|o| &*o.area == "kazakhstan" && o.period.months() == 10)
        .all(|o| &*o.metric == "registered-crimes-jan-oct"));
}

#[test]
fn a_change_is_not_computed_from_bounded_levels_and_is_approximate_from_rounded_ones() {
    let f = feed();
    let changes = derive::published_changes(&f);
    let before = f.observation("kz-registered-crimes-2024").unwrap();
    let now = f.observation("kz-registered-offences-2025").unwrap();
    let c = derive::computed_change(&f, &changes, before, now).unwrap();
    assert!(c.approximate, "2025 is rounded to hundreds");
    assert!((c.pct - (-6.687)).abs() < 0.01, "{}", c.pct);
    let published = f.observation_at(c.published.unwrap()).unwrap();
    assert_eq!(
        published.id.as_deref(),
        Some("kz-registered-offences-2025-change")
    );
    // "More than 616" → 846 says nothing about the size of the change.
    let mut bounded = f.observation("internet-fraud-9m2024").unwrap().clone();
    bounded.qualifier = Some(Qualifier::MoreThan);
    let later = f.observation("internet-fraud-9m2025").unwrap();
    assert!(derive::computed_change(&f, &changes, &bounded, later).is_none());
    let exact = f.observation("internet-fraud-9m2024").unwrap();
    let c = derive::computed_change(&f, &changes, exact, later).unwrap();
    assert!(!c.approximate && c.published.is_none());
}

#[test]
fn credits_name_each_figures_agency_and_the_compiler_only_as_compiler() {
    use esep::feed::Lang;
    use esep::present::{agencies, credit_line};
    let f = feed();
    let q1: Vec<usize> = f
        .observations
        .iter()
        .filter(|o| &*o.source == "polisia-q1-2020")
        .map(|o| o.index)
        .collect();
    assert_eq!(
        agencies(&f, &q1, Lang::En),
        "Police Department of Aktobe Region (polisia.kz)"
    );
    assert_eq!(
        credit_line(&f, &q1, Lang::En),
        "Data: Police Department of Aktobe Region (polisia.kz). \
         Compiled by: Prosecutor's Office of Aktobe Region."
    );
    // The whole feed: every agency once, each with the sites that carried its figures; the
    // prosecutor's office appears as an agency only for its own figures.
    let all: Vec<usize> = f.observations.iter().map(|o| o.index).collect();
    let said = agencies(&f, &all, Lang::Ru);
    assert!(said.contains("Департамент полиции Актюбинской области (kazpravda.kz, polisia.kz, liter.kz, zakon.kz)"), "{said}");
    assert!(
        said.matches("Прокуратура Актюбинской области (").count() == 1,
        "{said}"
    );
    assert!(
        credit_line(&f, &all, Lang::Kk).ends_with("Құрастырушы: Ақтөбе облысының прокуратурасы.")
    );
}

#[test]
fn the_feeds_views_are_kept_placed_first_and_shown_once() {
    use esep::feed::Lang;
    use esep::plan::plan;
    use esep::present::PlainNumbers;
    let checked = feed::check(AKTOBE).unwrap();
    assert!(!checked.has_errors());
    let f = checked.feed;
    let ids: Vec<&str> = f.views.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "crime-by-gravity-changes",
            "internet-fraud-9m",
            "kazakhstan-changes"
        ]
    );
    for v in &f.views {
        for lang in Lang::ALL {
            assert!(v.title.exact(lang).is_some(), "{} {lang:?}", v.id);
            assert!(v.takeaway.as_ref().and_then(|t| t.exact(lang)).is_some());
        }
    }
    let sections = plan(&f, Lang::En, &PlainNumbers);
    for (section, id) in [
        ("crime-by-gravity", "crime-by-gravity-changes"),
        ("fraud", "internet-fraud-9m"),
        ("kazakhstan", "kazakhstan-changes"),
    ] {
        let s = sections.iter().find(|s| s.id == section).unwrap();
        assert_eq!(s.charts[0].id, id, "{section}");
        assert_eq!(
            s.charts[0].title,
            f.views
                .iter()
                .find(|v| v.id == id)
                .unwrap()
                .title
                .en
                .clone()
                .unwrap()
        );
    }
    // Every figure once: the views' figures left the automatic charts.
    let mut shown: Vec<usize> = sections
        .iter()
        .flat_map(|s| {
            s.charts
                .iter()
                .flat_map(|c| c.observations.clone())
                .chain(s.cards.iter().map(|c| c.observation))
        })
        .collect();
    let n = shown.len();
    shown.sort_unstable();
    shown.dedup();
    assert_eq!(shown.len(), n);
    assert_eq!(n, f.observations.len());
    // The internet-fraud view is the trend of the two published levels, 616 → 846.
    let fraud = sections
        .iter()
        .flat_map(|s| &s.charts)
        .find(|c| c.id == "internet-fraud-9m");
    assert!(matches!(
        fraud.map(|c| &c.visual),
        Some(esep::chart::Visual::Trend(_))
    ));
}
